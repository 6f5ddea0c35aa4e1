"""Predicate Q and its exclusions (§3.2)."""

from __future__ import annotations

import pytest

from okrgen.lint.normalize import for_matching
from okrgen.lint.quantity import quantities
from okrgen.lint.rules import objective_has_number


@pytest.mark.parametrize(
    "text,lang,q",
    [
        ("Launch the app by March 7", "en", False),
        ("Launch one referral program", "en", False),
        ("Respond within 1 hour", "en", True),
        ("Deploy v3 of the portal in 2027", "en", False),
        ("Launch the B2B portal", "en", False),
        ("Roll out 5G routers", "en", False),
        ("Zero lost-time incidents", "en", True),
        ("Improve 30-day retention", "en", False),
        ("Sell 2000 units", "en", True),
        ("Grow 2027 revenue", "en", False),
        ("Get SOC 2 certified", "en", False),
        ("Внедрить 1С до 31.12", "ru", False),
        ("Вдвое сократить время найма", "ru", True),
        ("Провести три вебинара", "ru", True),
        ("Запустить один лендинг", "ru", False),
        ("建立一套讲师评级体系", "zh", False),
        ("课程完课率达到七成", "zh", True),
        ("统一客户数据", "zh", False),
        ("6月30日前上线", "zh", False),
        ("30日留存率提升", "zh", False),
        ("新增一万名用户", "zh", True),
        ("全年营收突破两亿元", "zh", True),
    ],
)
def test_quantity(text, lang, q):
    assert quantities(for_matching(text), lang).q is q


def test_masking_keeps_offsets():
    s = for_matching("Fill 6 roles by May 31")
    assert len(quantities(s, "en").masked) == len(s)


def test_values_and_units():
    (q,) = quantities(for_matching("Довести выручку до 15 млн ₽"), "ru").items
    assert q.value == 15e6 and q.magnitude and q.money
    (q,) = quantities(for_matching("Raise conversion to 12%"), "en").items
    assert q.percent and q.value == 12


@pytest.mark.parametrize(
    "text,has",
    [
        ("Become the employer of choice", False),
        ("Стать школой №1 в регионе", False),
        ("成为全国第一的少儿编程品牌", False),
        ("Win top-3 in the region", False),
        ("Hire 50 engineers", True),
    ],
)
def test_ranks_are_never_quantities_in_objectives(text, has):
    assert objective_has_number(text) is has


@pytest.mark.parametrize("objective", ["驱动产品推送 3.0 版本", "Выпустить 2.0-версию", "推出3.0版本", "Ship version 4 of the app"])
def test_version_identifiers_are_not_numbers_in_objectives(objective):
    from okrgen.lint import check_objective

    assert "SMART-O01" not in [f.code for f in check_objective(objective)]
