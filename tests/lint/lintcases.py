"""Shared helpers for the lint tests: run one catalogue example the way the spec describes it."""

from __future__ import annotations

from okrgen.lint import check_kr, check_objective, lint_plan


def run_example(example: dict) -> list[str]:
    """Codes an example produces: plan examples through lint_plan, objectives through
    check_objective, key results through check_kr."""
    if "plan" in example:
        return [f.code for f in lint_plan(example["plan"], fragment=example.get("fragment", False))]
    if example.get("scope") == "objective":
        return [f.code for f in check_objective(example["text"], lang=example.get("lang"))]
    return [
        f.code
        for f in check_kr(
            example["text"],
            objective=example.get("objective"),
            period=example.get("period"),
            lang=example.get("lang"),
            due=example.get("due"),
        )
    ]


EXCLUSIVE = [("SMART-M01", "SMART-M02"), ("SMART-M01", "SMART-M04"), ("SMART-A01", "SMART-A02"), ("SMART-T01", "SMART-T03")]


def random_texts(pieces: list[str], seed: int, longest: int, count: int = 5000):
    """Texts glued from a pattern's own pieces, for checking that a gate in front of the pattern
    never hides a match: wherever the pattern finds something, the gate must open."""
    import random

    rnd = random.Random(seed)
    for _ in range(count):
        yield "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, longest)))
