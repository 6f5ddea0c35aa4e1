"""Compound key results (S02) and outcome clauses (§3.4)."""

from __future__ import annotations

import pytest

from okrgen.lint.analysis import analyse


@pytest.mark.parametrize(
    "text,compound",
    [
        ("Hire 12 drivers and cut overtime hours from 900 to 500", True),
        ("Grow weekly active learners from 1,300 to 1,650", False),
        ("Raise completion rate to 70% while keeping refunds below 3%", False),
        ("Hold between 30 and 40 demos", False),
        ("Renew 38 of 42 key accounts", False),
        ("Довести число курсантов до 400 и средний балл до 4,5", True),
        ("Сократить время ответа с 4 до 2 часов при сохранении NPS не ниже 50", False),
        ("门店客流提升到每日800人，同时客单价达到95元", True),
        ("走访20所学校并收集意见", False),
        ("将转化率从25%提升到35%，同时保持退款率不高于3%", False),
    ],
)
def test_compound(text, compound):
    assert analyse(text).compound is compound


@pytest.mark.parametrize(
    "text,outcome",
    [
        ("Launch the referral bonus to raise referred hires from 12% to 20%", True),
        ("Launch the referral bonus to customers", False),
        ("Запустить бота, чтобы снизить долю пропущенных звонков с 15% до 5%", True),
        ("上线会员积分系统，使复购率从20%提升到26%", True),
        ("举办3场宣讲会以上", False),
        ("Host 4 webinars from 10 to 20 attendees", False),
    ],
)
def test_outcome_clause(text, outcome):
    assert analyse(text).outcome is outcome
