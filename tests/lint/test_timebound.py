"""Predicate D, rates and windows, vague time, deadline resolution (§3.3, T03)."""

from __future__ import annotations

from datetime import date

import pytest

from okrgen.lint.normalize import for_matching
from okrgen.lint.timebound import is_timebound, mentions, vague_time


@pytest.mark.parametrize(
    "text,lang,bound",
    [
        ("Grow MRR to $50k", "en", False),
        ("Grow revenue per month to $50k", "en", False),
        ("Respond within 48 hours", "en", False),
        ("Grow revenue to $50k this quarter", "en", True),
        ("Grow revenue to $50k within 90 days", "en", True),
        ("Q3 revenue reaches $2M", "en", True),
        ("Ship by 2027-03-31", "en", True),
        ("Снизить отток с 5% до 3% в год", "ru", False),
        ("Снизить отток с 5% до 3% за квартал", "ru", True),
        ("Снизить отток до 3% к концу II квартала", "ru", True),
        ("月均新增学员达到500人", "zh", False),
        ("本季度新增学员500人", "zh", True),
        ("截至2027年9月30日", "zh", True),
    ],
)
def test_timebound(text, lang, bound):
    assert is_timebound(for_matching(text), lang) is bound


@pytest.mark.parametrize(
    "text,lang,term",
    [
        ("Fill roles ASAP", "en", "asap"),
        ("В ближайшее время выйти на 300 заказов", "ru", "в ближайшее время"),
        ("尽快完成招聘", "zh", "尽快"),
        ("Fill roles by May 31", "en", None),
    ],
)
def test_vague_time(text, lang, term):
    assert vague_time(for_matching(text), lang) == term


@pytest.mark.parametrize(
    "text,lang,end",
    [
        ("Fill 6 roles by May 31", "en", date(2027, 5, 31)),
        ("Набрать 400 слушателей к концу года", "ru", date(2027, 12, 31)),
        ("к 20 февраля", "ru", date(2027, 2, 20)),
        ("第二季度末前开设2家门店", "zh", date(2027, 6, 30)),
        ("3月底前", "zh", date(2027, 3, 31)),
    ],
)
def test_deadlines_resolve_in_the_plan_year(text, lang, end):
    found, ms = mentions(for_matching(text), lang, 2027)
    assert found and ms[0].end == end and ms[0].mode == "end"


def test_unresolvable_deadline_is_time_bound_but_has_no_date():
    found, ms = mentions(for_matching("Ship within 3 months"), "en", 2027)
    assert found and ms == []
