"""Objective-level regressions found with bench/eval/cases2.yaml (extra_cases.yaml holds KRs only)."""

from __future__ import annotations

import pytest

from okrgen.lint import check_objective


@pytest.mark.parametrize(
    "text,expect",
    [
        ("Make 2027 the year of the customer", []),  # a year named as one is not a quantity (§3.2 excl. 1)
        ("Make 2027 our best year yet", []),
        ("Sell 2000 memberships this year", ["SMART-O01"]),  # a count followed later by 'year' stays a number
    ],
)
def test_objective_year(text, expect):
    assert [f.code for f in check_objective(text, lang="en")] == expect
