import pytest

from okrgen import i18n


def test_every_label_exists_in_every_language():
    labels = i18n.all_labels()
    keys = set(labels["en"])
    for lang in i18n.LANGS:
        assert set(labels[lang]) == keys, f"{lang}: missing {keys - set(labels[lang])}, extra {set(labels[lang]) - keys}"


@pytest.mark.parametrize(
    "lang, money, pct, number",
    [
        ("en", "$3.5M", "25%", "12,500"),
        ("ru", "3,5\xa0млн\xa0$", "25\xa0%", "12\xa0500"),
        ("zh", "US$350万", "25%", "12,500"),
    ],
)
def test_numbers_follow_the_locale(lang, money, pct, number):
    assert i18n.fmt_money(3_500_000, lang, "USD") == money
    assert i18n.fmt_percent(25, lang) == pct
    assert i18n.fmt_number(12500, lang) == number


def test_whole_money_amounts_have_no_cents():
    assert i18n.fmt_money(25000, "en", "USD") == "$25,000"
    assert i18n.fmt_money(25000, "ru", "RUB") == "25\xa0000\xa0₽"


@pytest.mark.parametrize(
    "period, lang, expected",
    [
        ("2027-Q1", "en", "Q1 2027"),
        ("2027-Q4", "ru", "IV квартал 2027"),
        ("2027-Q2", "zh", "2027年第二季度"),
        ("2027-H2", "zh", "2027年下半年"),
        ("2027", "ru", "2027 год"),
        ("2027-03", "en", "March 2027"),
        (None, "en", "—"),
    ],
)
def test_period_names(period, lang, expected):
    assert i18n.fmt_period(period, lang) == expected


def test_numbers_babel_cannot_format_are_still_shown():
    from okrgen.i18n import fmt_number

    assert fmt_number(10**40, "en") == str(10**40)  # unchecked data from a library caller
    assert fmt_number(1234.5, "ru") == "1\xa0234,5"


def test_folded_chinese_joins_without_a_space():
    """Issue 15: YAML's `>-` joins lines with a space, which Chinese does not write."""
    assert i18n.unfold("内容预算\n带来了 12 个线索，以及 SQL", "zh") == "内容预算带来了 12 个线索，以及 SQL"
    assert i18n.unfold("Grow the\n  pipeline", "en") == "Grow the pipeline"
