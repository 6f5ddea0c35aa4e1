"""The main predicate (§3.4): first lexicon verb, nouns that look like verbs passed over."""

from __future__ import annotations

import pytest

from okrgen.lint.normalize import for_matching
from okrgen.lint.predicates import find_predicate, vague_modifier


@pytest.mark.parametrize(
    "text,lang,cls",
    [
        ("Post 20 job ads on niche boards", "en", "activity"),
        ("Make 600 calls to lapsed students", "en", "light"),
        ("Hold 4 webinars", "en", "light"),
        ("Hold churn below 2%", "en", "neutral"),
        ("Meet the SLA on 95% of tickets", "en", "neutral"),
        ("Meet 20 CFOs", "en", "activity"),
        ("Get certified as an approved training provider", "en", "completion_only"),
        ("Get 800 trial sign-ups", "en", "neutral"),
        ("Webinar-sourced demos reach 450", "en", "neutral"),
        ("Hire-rate of referred candidates rises from 12% to 20%", "en", None),
        ("Email open rate from 20% to 30%", "en", None),
        ("Referral program launched", "en", "completion_activity"),
        ("Совершить 1 200 звонков выпускникам", "ru", "light"),
        ("Разработка нового курса по Excel", "ru", "completion_activity"),
        ("Конверсия звонков в встречи: 10% → 15%", "ru", None),
        ("Доля обученных менеджеров с 40% до 80%", "ru", None),
        ("Заключить договор с сетью", "ru", "completion_only"),
        ("Средний балл курса — 4,7", "ru", None),
        ("将投诉率从1.5%降低到2%", "zh", "down"),
        ("推送打开率从5%提升到8%", "zh", "up"),
        ("新校区消防设施通过验收", "zh", "completion_only"),
        ("进行20次客户访谈", "zh", "light"),
        ("成为华为的合作伙伴", "zh", "completion_only"),
    ],
)
def test_main_predicate(text, lang, cls):
    p = find_predicate(for_matching(text), lang)
    assert (p.cls if p else None) == cls


def test_vague_modifiers():
    assert vague_modifier(for_matching("Значительно сократить простои"), "ru") == "значительно"
    assert vague_modifier(for_matching("更多地推广新菜单"), "zh") == "更多"
    assert vague_modifier(for_matching("Cut downtime from 9 to 4 hours"), "en") is None
