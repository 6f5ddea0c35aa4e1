"""Baseline→target pairs, relative changes, baselines and polarity (§3.5, §3.6)."""

from __future__ import annotations

import pytest

from okrgen.lint.analysis import analyse
from okrgen.lint.change import polarity


def test_pairs_share_the_trailing_unit():
    (pair,) = analyse("Довести выручку с 75 до 90 млн ₽").pairs
    assert (pair.x, pair.y) == (75e6, 90e6)
    (pair,) = analyse("外卖订单从1.2万单增长到1.5万单").pairs
    assert (pair.x, pair.y) == (12000, 15000)
    (pair,) = analyse("Cut CAC from $1,200 to $950").pairs
    assert (pair.x, pair.y) == (1200, 950)


def test_dates_are_not_pairs():
    assert analyse("Run the campaign from May 1 to June 30").pairs == ()
    assert analyse("Провести акцию с 1 марта до 30 апреля").pairs == ()


@pytest.mark.parametrize(
    "text,rel",
    [
        ("Cut CAC by 20%", True),
        ("Grow bookings by $200k", False),
        ("Reach 3x pipeline coverage", False),
        ("Triple partner-sourced pipeline", True),
        ("提升至35%", False),
        ("提升35%", True),
        ("投诉量减半", True),
        ("на 100 клиентов", False),
        ("Увеличить выручку в 2 раза", True),
    ],
)
def test_relative_change(text, rel):
    assert analyse(text).rel is rel


@pytest.mark.parametrize(
    "text,direction",
    [
        ("Churn: 2% → 3%", "lower"),
        ("Cost per lead: $80 → $60", "lower"),
        ("Gross margin: 61% → 65%", "higher"),
        ("Время найма: 35 → 41 день", "lower"),
        ("退款率：2.1% → 2.8%", "lower"),
        ("Offer acceptance: 70% → 80%", None),
    ],
)
def test_polarity_of_the_metric_before_the_baseline(text, direction):
    a = analyse(text)
    assert polarity(a.qs.masked, a.lang, a.pairs[0]) == direction
