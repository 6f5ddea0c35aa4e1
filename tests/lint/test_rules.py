"""Every example in rules.yaml is a test: `fires` must produce the code, `does_not_fire` must not."""

from __future__ import annotations

import pytest

from okrgen.lint import CODES, load_rules

from .lintcases import EXCLUSIVE, run_example


def _cases():
    for code, rule in load_rules().items():
        if not code.startswith("SMART-"):
            continue
        for kind in ("fires", "does_not_fire"):
            for i, ex in enumerate(getattr(rule, kind)):
                label = ex.get("text") or f"plan#{i}"
                yield pytest.param(code, kind, ex, id=f"{code}-{kind}-{i}-{label[:40]}")


CASES = list(_cases())


@pytest.mark.parametrize("code,kind,example", CASES)
def test_example(code, kind, example):
    got = run_example(example)
    if kind == "fires":
        assert code in got, f"{code} should fire on {example}; got {got}"
    else:
        assert code not in got, f"{code} should not fire on {example}; got {got}"
    for other in example.get("also", []):
        assert other in got, f"{other} expected too on {example}; got {got}"


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_both_kinds_of_examples(code):
    rule = load_rules()[code]
    assert [e for e in rule.fires if isinstance(e, dict)], f"{code} has no runnable `fires` example"
    assert [e for e in rule.does_not_fire if isinstance(e, dict)], f"{code} has no runnable `does_not_fire` example"


def test_catalogue_has_exactly_the_spec_codes():
    smart = [c for c in load_rules() if c.startswith("SMART-")]
    assert smart == list(CODES)


@pytest.mark.parametrize("code,kind,example", CASES)
def test_invariants_hold_on_every_example(code, kind, example):
    got = set(run_example(example))
    for a, b in EXCLUSIVE:
        assert not (a in got and b in got), f"{a} and {b} together on {example}"
    if "SMART-S01" in got:
        assert "SMART-M01" in got
