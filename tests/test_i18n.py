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


def test_tidy_text_russian_keeps_a_figure_with_its_unit():
    from okrgen.i18n import tidy_text

    out = tidy_text("Сократить время с 24 до 4 ч и долю с 20 % до 5 %; 130 встреч на 1,1 млн ₽", "ru")
    assert "4\xa0ч" in out and "20\xa0%" in out and "5\xa0%" in out and "130\xa0встреч" in out and "млн\xa0₽" in out
    assert "24 до" in out  # a figure and an ordinary word may part
    assert tidy_text("20\xa0%  и\n 30\xa0%", "ru") == "20\xa0% и 30\xa0%"  # no-break spaces survive folding


def test_tidy_text_chinese_joins_folded_lines_and_drops_spaces_after_punctuation():
    from okrgen.i18n import tidy_text

    assert tidy_text("当线索响应速度和\n市场到销售的交接是瓶颈时使用", "zh") == "当线索响应速度和市场到销售的交接是瓶颈时使用"
    assert tidy_text("清单， 而现在：  SDR 团队、 BDR", "zh") == "清单，而现在：SDR 团队、BDR"
    assert tidy_text("SDR 团队 and BDR", "zh") == "SDR 团队 and BDR"  # Latin words keep their spaces


def test_tidy_text_english_only_collapses_white_space():
    from okrgen.i18n import tidy_text

    assert tidy_text(" Cut  response\n to 4 h ", "en") == "Cut response to 4 h"


@pytest.mark.parametrize("lang, expected", [("en", "5.6%"), ("ru", "5,6\xa0%"), ("zh", "5.6%")])
def test_a_fractional_percent_prints_as_written(lang, expected):
    """5.6 / 100 in binary floating point would print as 5.5999999999999994 %."""
    from okrgen.i18n import fmt_percent

    assert fmt_percent(5.6, lang) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("OKR на I квартал 2027", "OKR на I\xa0квартал 2027"),
        ("Воронка на IV квартал 2027", "Воронка на IV\xa0квартал 2027"),
        ("Итоги II полугодия", "Итоги II\xa0полугодия"),
        ("ID клиента и CI сборка", "ID клиента и CI сборка"),  # letters of a word are not a numeral
    ],
)
def test_a_russian_roman_numeral_stays_with_the_next_word(text, expected):
    assert i18n.tidy_text(text, "ru") == expected
    assert i18n.tidy_text(text.replace("\xa0", " "), "en") == text  # only Russian typesetting


def test_plural_categories_agree_with_babel():
    from babel import Locale

    for lang in i18n.LANGS:
        locale = Locale.parse(i18n.LOCALES[lang])
        for n in range(0, 250):
            assert i18n.plural(n, lang) == locale.plural_form(n), (lang, n)


def test_counted_picks_the_form_for_the_number():
    forms = {
        "en": {"one": "{n} file", "other": "{n} files"},
        "ru": {"one": "{n} файл", "few": "{n} файла", "many": "{n} файлов"},
        "zh": {"other": "{n} 个文件"},
    }
    assert [i18n.counted(forms, n, "en") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
    assert [i18n.counted(forms, n, "ru") for n in (1, 2, 5, 11, 21, 22, 112)] == [
        "1 файл",
        "2 файла",
        "5 файлов",
        "11 файлов",
        "21 файл",
        "22 файла",
        "112 файлов",
    ]
    assert i18n.counted(forms, 1, "zh") == "1 个文件"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("将华东区的新签合同额从¥110万提升到¥350万", ["¥110万", "¥350万"]),
        ("Grow ARR from $3.5M to US$4.2M, +20% in Q1 2027 (KR1.1, SQL2, v3)", ["$3.5M", "US$4.2M", "20%"]),
        ("с 880 млн ₽ до 1,1\xa0млрд\xa0₽, с 30 % до 15\xa0%, 24 ч, 2 000 000 ₽", ["880 млн ₽", "1,1\xa0млрд\xa0₽", "30 %", "15\xa0%", "24 ч", "2 000 000 ₽"]),
        ("CN¥25,000 €12.50 -¥1,500 5个百分点 14/30个 2027年2月14日", ["CN¥25,000", "€12.50", "-¥1,500", "5个百分点", "30个"]),
        ("from 5 to 10 by 2027, 5Kg, 5 млнx", []),
    ],
)
def test_figures_are_found_whole(text, expected):
    assert [text[a:b] for a, b in i18n.figures(text)] == expected


def test_compact_money_keeps_the_figure_it_stands_for_to_a_thousandth():
    # a user trial: a key result's text said "$14M" for a target of 14,040,000
    from okrgen.i18n import fmt_money

    assert fmt_money(14_040_000, "en", "USD") == "$14.04M"
    assert fmt_money(1_120_000_000, "ru", "RUB") == "1,12\u00a0млрд\u00a0₽"
    assert [fmt_money(v, "en", "USD") for v in (3_500_000, 10_000_000, 1_250_000)] == ["$3.5M", "$10M", "$1.25M"]
