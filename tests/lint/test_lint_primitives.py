"""The shared primitives of §3: language, normalisation, Q, D, pairs, relative change, polarity."""

from __future__ import annotations

import pytest

from okrgen.lint.analysis import analyse
from okrgen.lint.normalize import clean, detect_lang, duplicate_key
from okrgen.lint.numbers import parse_digits, parse_zh_numeral
from okrgen.lint.rules import objective_has_number


@pytest.mark.parametrize(
    "text,lang",
    [("Запустить Reels", "ru"), ("上线CRM", "zh"), ("Launch CRM", "en"), ("Grow 2027 revenue", "en"), ("NPS从30提升至45", "zh")],
)
def test_language_is_the_majority_script(text, lang):
    assert detect_lang(text) == lang


@pytest.mark.parametrize(
    "raw,clean_text",
    [
        ("KR1: Raise win rate", "Raise win rate"),
        ("КР-2 Довести выручку", "Довести выручку"),
        ("关键结果1：上线CRM", "上线CRM"),
        ("（一）上线CRM", "上线CRM"),
        ("一、上线CRM", "上线CRM"),
        ("① Raise NPS", "Raise NPS"),
        ("- Raise NPS (owner: Ann)", "Raise NPS"),
        ("1.5x pipeline", "1.5x pipeline"),
        ("Churn: 3% -> 2%", "Churn: 3% → 2%"),
    ],
)
def test_normalisation(raw, clean_text):
    assert clean(raw) == clean_text


def test_duplicate_key_ignores_case_punctuation_and_width():
    assert duplicate_key("KR2：将MQL到SQL转化率从25％提升到35％。") == duplicate_key("将MQL到SQL转化率从25%提升到35%")
    assert duplicate_key("Raise NPS from 30 to 45") != duplicate_key("Raise NPS from 30 to 46")


@pytest.mark.parametrize(
    "text,q",
    [
        ("Launch the app by March 7", False),
        ("Launch one referral program", False),
        ("Respond within 1 hour", True),
        ("Deploy v3 of the portal in 2027", False),
        ("Launch the B2B portal", False),
        ("Zero lost-time incidents", True),
        ("Improve 30-day retention", False),
        ("Sell 2000 units", True),
        ("Внедрить 1С до 31.12", False),
        ("Вдвое сократить время найма", True),
        ("Провести три вебинара", True),
        ("建立一套讲师评级体系", False),
        ("课程完课率达到七成", True),
        ("统一客户数据", False),
        ("6月30日前上线", False),
        ("30日留存率提升", False),
        ("新增一万名用户", True),
    ],
)
def test_quantity(text, q):
    assert analyse(text).q is q


@pytest.mark.parametrize(
    "text,has",
    [("Become the employer of choice", False), ("Стать школой №1 в регионе", False), ("成为全国第一的少儿编程品牌", False), ("Win top-3 in the region", False), ("Hire 50 engineers", True)],
)
def test_ranks_are_never_quantities_in_objectives(text, has):
    assert objective_has_number(text) is has


@pytest.mark.parametrize(
    "text,bound",
    [
        ("Grow MRR to $50k", False),
        ("Grow revenue per month to $50k", False),
        ("Respond within 48 hours", False),
        ("Grow revenue to $50k this quarter", True),
        ("Grow revenue to $50k within 90 days", True),
        ("Снизить отток с 5% до 3% в год", False),
        ("Снизить отток с 5% до 3% за квартал", True),
        ("月均新增学员达到500人", False),
        ("本季度新增学员500人", True),
        ("Q3 revenue reaches $2M", True),
    ],
)
def test_timebound(text, bound):
    assert analyse(text).timebound is bound


def test_pairs_share_the_trailing_unit():
    (pair,) = analyse("Довести выручку с 75 до 90 млн ₽").pairs
    assert (pair.x, pair.y) == (75e6, 90e6)
    (pair,) = analyse("外卖订单从1.2万单增长到1.5万单").pairs
    assert (pair.x, pair.y) == (12000, 15000)


def test_dates_are_not_pairs():
    assert analyse("Run the campaign from May 1 to June 30").pairs == ()


@pytest.mark.parametrize(
    "text,rel",
    [("Cut CAC by 20%", True), ("Grow bookings by $200k", False), ("Reach 3x pipeline coverage", False), ("提升至35%", False), ("提升35%", True), ("на 100 клиентов", False)],
)
def test_relative_change(text, rel):
    assert analyse(text).rel is rel


def test_numbers():
    assert parse_digits("12 500") == 12500 and parse_digits("7,5") == 7.5 and parse_digits("4,500") == 4500
    assert parse_zh_numeral("两亿") == 2e8 and parse_zh_numeral("三十万") == 3e5
