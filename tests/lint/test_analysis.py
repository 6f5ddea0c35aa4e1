"""Our own realistic KRs (extra_cases.yaml): the exact set of codes, so a new false alarm fails."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrgen.lint import check_kr

from .lintcases import EXCLUSIVE

CASES = yaml.safe_load((Path(__file__).parent / "extra_cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_extra_case(case):
    got = {f.code for f in check_kr(case["text"], period=case.get("period", "2027-Q1"), lang=case.get("lang"))}
    assert got == set(case["expect"])
    for a, b in EXCLUSIVE:
        assert not (a in got and b in got)


def test_enough_cases_per_language():
    for lang in ("en", "ru", "zh"):
        cases = [c for c in CASES if c["lang"] == lang]
        assert len(cases) >= 40, lang
        assert sum(1 for c in cases if not c["expect"]) >= 20, f"{lang}: too few clean cases to guard precision"


@pytest.mark.parametrize("case", [c for c in CASES if not c["expect"]], ids=lambda c: c["text"][:40])
def test_clean_cases_stay_clean_without_forcing_the_language(case):
    assert check_kr(case["text"], period="2027-Q1") == []
