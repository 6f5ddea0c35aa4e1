"""The one number parser: every place a person types a figure reads it the same way."""

import pytest

from okrgen.numbers import MAX_FIGURE, NumberError, parse_number, parse_zh_numeral


@pytest.mark.parametrize(
    "typed, value",
    [
        ("3500000", 3_500_000),
        ("3,500,000", 3_500_000),
        ("$2,400,000", 2_400_000),
        ("1.8M", 1_800_000),
        ("2.4m", 2_400_000),
        ("15k", 15_000),
        ("30%", 30),
        ("3,5 млн", 3_500_000),
        ("350万", 3_500_000),
        ("1.2亿", 120_000_000),
        ("1 400 000", 1_400_000),
        ("1\u00a0400\u00a0000", 1_400_000),
        ("7,5", 7.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.400.000", 1_400_000),
        ("-2.5", -2.5),
        ("500 тыс.", 500_000),
        ("₽ 90 000", 90_000),
        ("12 000 руб.", 12_000),
        ("2 млрд", 2e9),
        ("1e6", 1e6),
        (25, 25),
        (0.4, 0.4),
    ],
)
def test_what_people_type(typed, value):
    assert parse_number(typed) == pytest.approx(value)


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("lots", "not_number"),
        ("", "not_number"),
        ("12 apples", "bad_suffix"),
        ("1,2,3", "not_number"),
        ("1" * 80, "too_large"),
        (str(10**16), "too_large"),
        ("nan", "not_number"),
        ("inf", "not_number"),
        (float("inf"), "not_finite"),
        (True, "not_number"),
        ("1.2.3", "not_number"),
    ],
)
def test_what_is_refused_and_why(typed, reason):
    with pytest.raises(NumberError) as info:
        parse_number(typed)
    assert info.value.reason == reason


def test_percent_and_magnitude_can_be_refused_where_they_make_no_sense():
    with pytest.raises(NumberError, match="percent_not_allowed"):
        parse_number("30%", percent=False)
    with pytest.raises(NumberError, match="magnitude_not_allowed"):
        parse_number("3M", magnitude=False)
    assert parse_number(MAX_FIGURE) == MAX_FIGURE


@pytest.mark.parametrize("run, value", [("三", 3), ("十二", 12), ("两万", 20_000), ("一亿五千万", 150_000_000), ("x", None)])
def test_chinese_numerals(run, value):
    assert parse_zh_numeral(run) == value


@pytest.mark.parametrize(
    "typed, value",
    [
        ("$3.5 million", 3_500_000),
        ("3.5 mln", 3_500_000),
        ("1.2 billion", 1_200_000_000),
        ("250 thousand", 250_000),
        ("3,5 миллиона", 3_500_000),
        ("250 тысяч", 250_000),
    ],
)
def test_magnitudes_written_out(typed, value):
    assert parse_number(typed) == value


def test_one_test_for_a_money_unit():
    from okrgen.numbers import is_money_unit, money_code

    assert all(is_money_unit(u) for u in ("USD", "eur", "RUB", "CNY", "GBP", "JPY", "$", "€", "₽", "¥", "元", "руб", "руб."))
    assert not any(is_money_unit(u) for u in ("%", "deals", "SQL", "дн.", "", None))
    assert (money_code("eur", "USD"), money_code("$", "CAD"), money_code("₽", "RUB")) == ("EUR", "CAD", "RUB")
