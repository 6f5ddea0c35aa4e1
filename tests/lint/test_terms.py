"""Vanity metrics (R02) and ambiguous metrics (M04) as measured nouns."""

from __future__ import annotations

import pytest

from okrgen.lint.normalize import for_matching
from okrgen.lint.terms import ambiguous_metric, vanity_term


@pytest.mark.parametrize(
    "text,lang,hit",
    [
        ("Reach 10,000 followers on TikTok", "en", True),
        ("Get 800 trial sign-ups from TikTok", "en", False),
        ("Grow newsletter subscribers to 6,000", "en", False),
        ("Grow YouTube subscribers to 6,000", "en", True),
        ("Улучшить показатели продаж", "ru", False),
        ("Набрать 5 000 лайков", "ru", True),
        ("视频号播放量达到100万", "zh", True),
    ],
)
def test_vanity(text, lang, hit):
    assert bool(vanity_term(for_matching(text), lang)) is hit


@pytest.mark.parametrize(
    "text,lang,metric",
    [
        ("Reach 40,000 users on the platform", "en", "users"),
        ("Reach 40,000 monthly active users", "en", None),
        ("Cut churn among users from 5% to 3%", "en", None),
        ("Grow blog traffic by 50%", "en", "traffic"),
        ("Get 800 sign-ups from organic traffic", "en", None),
        ("Набрать 50 000 пользователей", "ru", "users"),
        ("Привлечь 5 000 платящих пользователей", "ru", None),
        ("平台用户数达到30万", "zh", "users"),
        ("付费用户数达到3万", "zh", None),
        ("用户满意度从80%提升到90%", "zh", None),
    ],
)
def test_ambiguous(text, lang, metric):
    assert ambiguous_metric(for_matching(text), lang) == metric
