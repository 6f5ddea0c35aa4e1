"""Every example in rules.yaml is a test: `fires` must produce the code, `does_not_fire` must not."""

from __future__ import annotations

import pytest

from okrgen.lint import codes, load_rules
from okrgen.lint.registry import CHECKS, plan_only
from okrgen.lint.rules import kr_codes

from .lintcases import EXCLUSIVE, random_texts, run_example

CODES = codes(prefix="SMART-")
AGREE = codes(prefix="AGREE-")


def _cases():
    for code, rule in load_rules().items():
        if not code.startswith(("SMART-", "AGREE-")):
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


@pytest.mark.parametrize("code", CODES + AGREE)
def test_every_rule_has_both_kinds_of_examples(code):
    rule = load_rules()[code]
    assert [e for e in rule.fires if isinstance(e, dict)], f"{code} has no runnable `fires` example"
    assert [e for e in rule.does_not_fire if isinstance(e, dict)], f"{code} has no runnable `does_not_fire` example"


SPEC_CODES = [f"SMART-{c}" for c in "S01 S02 M01 M02 M03 M04 A01 A02 R01 R02 T01 T02 T03 O01 O02 P01 P02 P03 P04".split()]


def test_catalogue_has_exactly_the_spec_codes_in_the_spec_order():
    assert list(CODES) == SPEC_CODES


def test_every_key_result_rule_has_one_check_and_every_check_a_rule():
    """The registry in both directions: a rule without a check would never fire; a check without
    a rule would have no message."""
    kr_rules = (set(codes("kr", "SMART-")) | set(codes("kr", "DRAFT-")) | set(codes("kr", "AGREE-"))) - plan_only()
    assert set(kr_codes()) == kr_rules
    assert set(CHECKS) <= set(load_rules())


def test_plan_only_rules_come_from_the_registry():
    assert plan_only() == {"SMART-P01", "SMART-P02", "SMART-P03", "SMART-P04"}


def test_lifecycle_states(monkeypatch):
    """preview runs only when enabled by code; removed never runs; deprecated runs."""
    import dataclasses

    from okrgen.lint import LintConfig, check_kr, registry

    rules = dict(load_rules())
    text = "Improve the candidate experience"
    base = {f.code for f in check_kr(text, period="2027-Q1", lang="en")}
    assert "SMART-S01" in base
    for state, enabled, expect in (("preview", (), False), ("preview", ("SMART-S01",), True), ("removed", ("SMART-S01",), False), ("deprecated", (), True)):
        rules["SMART-S01"] = dataclasses.replace(load_rules()["SMART-S01"], state=state)
        monkeypatch.setattr(registry, "load_rules", lambda rules=rules: rules)
        got = {f.code for f in check_kr(text, period="2027-Q1", lang="en", config=LintConfig(enable=enabled))}
        assert ("SMART-S01" in got) is expect, (state, enabled)


@pytest.mark.parametrize("code,kind,example", CASES)
def test_invariants_hold_on_every_example(code, kind, example):
    got = set(run_example(example))
    for a, b in EXCLUSIVE:
        assert not (a in got and b in got), f"{a} and {b} together on {example}"
    if "SMART-S01" in got:
        assert "SMART-M01" in got


def test_placeholder_gate_never_hides_a_token():
    """mask_placeholders skips the scan of a text holding none of `placeholder_token_needs`: no
    text without them may hold a token (random texts built from the token's own pieces)."""

    from okrgen.lint.rules import _placeholder_token

    pattern, needs = _placeholder_token()
    pieces = [
        "$",
        " ",
        "%",
        "from ",
        " to ",
        "с ",
        " до ",
        "от ",
        " по ",
        "y",
        "Y",
        "tba",
        "TBC",
        "万",
        "亿",
        "元",
        "个",
        "k",
        "m",
        "bn",
        "1",
        "0",
        ".",
        "X",
        "x",
        "?",
        "？",
        "…",
        "a",
        "б",
    ]
    opened = 0
    for text in random_texts(pieces, seed=3, longest=8):
        if pattern.search(text):
            opened += 1
            assert any(n in text.lower() for n in needs), text
    assert opened > 500
