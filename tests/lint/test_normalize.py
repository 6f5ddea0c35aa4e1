"""Language detection and normalisation (§1, §3.1)."""

from __future__ import annotations

import pytest

from okrgen.lint.normalize import clean, detect_lang, duplicate_key


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
        ("Увеличить продажи (отв. Иванов)", "Увеличить продажи"),
        ("1.5x pipeline", "1.5x pipeline"),
        ("Churn: 3% -> 2%", "Churn: 3% → 2%"),
        ("Средний балл — 4,7", "Средний балл - 4,7"),
    ],
)
def test_normalisation(raw, clean_text):
    assert clean(raw) == clean_text


def test_duplicate_key_ignores_case_punctuation_and_width():
    assert duplicate_key("KR2：将MQL到SQL转化率从25％提升到35％。") == duplicate_key("将MQL到SQL转化率从25%提升到35%")
    assert duplicate_key("Raise NPS from 30 to 45") != duplicate_key("Raise NPS from 30 to 46")


def test_clean_collapses_every_whitespace_run_as_the_patterns_see_whitespace():
    import re
    import sys

    from okrgen.lint.normalize import clean

    # clean() splits on str.isspace; the rules' patterns read `\s`: the two must agree everywhere
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if bool(re.fullmatch(r"\s", c)) != c.isspace()]
    assert clean("\u3000Grow  ARR\tfrom\n$1M\x1cto $2M \u2003") == "Grow ARR from $1M to $2M"
