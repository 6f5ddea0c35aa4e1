"""The figures a key result's text states become plan fields (okrgen.plan.drafts.figures)."""

import pytest

from okrgen.plan.drafts.figures import figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Increase weekly actives from 310 to 480 by 30 June", {"baseline": 310, "target": 480, "direction": "increase", "due": "2026-06-30"}),
        ("Raise NPS to 95%", {"target": 95, "unit": "%", "direction": "increase"}),
        ("Grow ARR from $2M to $3M", {"baseline": 2_000_000, "target": 3_000_000, "unit": "USD", "direction": "increase"}),
        ("Сократить цикл сделки с 60 до 45 дней к 30 июня", {"baseline": 60, "target": 45, "direction": "decrease", "due": "2026-06-30"}),
        ("Повысить конверсию до 25%", {"target": 25, "unit": "%", "direction": "increase"}),
        ("销售额从1000万提升到1500万，6月30日前", {"baseline": 10_000_000, "target": 15_000_000, "direction": "increase", "due": "2026-06-30"}),
        ("客户满意度提升到95%", {"target": 95, "unit": "%", "direction": "increase"}),
        # a measure word or a multiple between the figure and "to" (found in a user trial)
        ("将合格商机从12个增加到30个", {"baseline": 12, "target": 30, "direction": "increase"}),
        ("新建合格商机从12个提升到30个", {"baseline": 12, "target": 30, "direction": "increase"}),
        ("Increase pipeline coverage from 2.5x to 3.5x", {"baseline": 2.5, "target": 3.5, "direction": "increase"}),
        ("合格客户数增加到300家", {"target": 300, "direction": "increase"}),
        # a magnitude written once is shared, as the linter reads it (lint/change.py)
        ("Увеличить выручку СПб с 25 до 32 млн ₽", {"baseline": 25_000_000, "target": 32_000_000, "unit": "RUB", "direction": "increase"}),
        ("Cut churned ARR from 14 to 11M", {"baseline": 14_000_000, "target": 11_000_000, "direction": "decrease"}),
        ("从8000增长到1.2万", {"baseline": 8000, "target": 12000, "direction": "increase"}),
        # 提升至, 缩短到 and a time unit after the figure
        ("将MQL到SQL转化率从12%提升至18%", {"baseline": 12, "target": 18, "unit": "%", "direction": "increase"}),
        ("将平均成交周期从60天缩短到45天", {"baseline": 60, "target": 45, "direction": "decrease"}),
    ],
)
def test_stated_figures(text, expected):
    assert figures(text, 2026) == expected


def test_nothing_is_guessed():
    assert figures("Launch the partner portal") == {}
    assert figures("Ship by 30 June") == {}  # no year known: no due date rather than a wrong one
