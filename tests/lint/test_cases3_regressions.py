"""Objective-level regressions found with bench/eval/cases3.yaml (extra_cases.yaml holds KRs only)."""

from __future__ import annotations

import pytest

from okrgen.lint import check_objective


@pytest.mark.parametrize(
    "text,lang,expect",
    [
        ("Open our 2nd campus", "en", []),  # a digit ordinal is an ordinal (§3.2 exclusion 8)
        ("Открыть 2-й филиал", "ru", []),
        ("Open 3 campuses", "en", ["SMART-O01"]),
        ("实现零事故", "zh", ["SMART-O01"]),  # a bare 零 is the zero of §3.2
        ("让学员零距离接触名师", "zh", []),  # 零距离 is lexicalised
    ],
)
def test_objective_numbers(text, lang, expect):
    assert [f.code for f in check_objective(text, lang=lang)] == expect
