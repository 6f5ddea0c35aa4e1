"""Periods: every accepted shape gives the right days and months; anything else is a user error."""

from datetime import date

import pytest

from okrgen.errors import OkrgenError
from okrgen.period import Period, months, parse_period


@pytest.mark.parametrize(
    "value, start, end, n, label",
    [
        ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31), 3, "2027-Q1"),
        ("2027-Q4", date(2027, 10, 1), date(2027, 12, 31), 3, "2027-Q4"),
        ("2027-q2", date(2027, 4, 1), date(2027, 6, 30), 3, "2027-Q2"),
        ("2027-H1", date(2027, 1, 1), date(2027, 6, 30), 6, "2027-H1"),
        ("2027-H2", date(2027, 7, 1), date(2027, 12, 31), 6, "2027-H2"),
        ("2027", date(2027, 1, 1), date(2027, 12, 31), 12, "2027"),
        (2027, date(2027, 1, 1), date(2027, 12, 31), 12, "2027"),
        ("2027-03", date(2027, 3, 1), date(2027, 3, 31), 1, "2027-03"),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29), 1, "2028-02"),
        ({"start": "2027-02-01", "end": "2027-04-30"}, date(2027, 2, 1), date(2027, 4, 30), 3, "2027-02-01..2027-04-30"),
        ({"start": date(2027, 1, 15), "end": "2027-04-14"}, date(2027, 1, 15), date(2027, 4, 14), 3, "2027-01-15..2027-04-14"),
    ],
)
def test_accepted_shapes(value, start, end, n, label):
    p = parse_period(value)
    assert (p.start, p.end, p.months(), p.label) == (start, end, n, label)
    assert months(value) == n


def test_explicit_range_rounds_to_whole_months_and_never_below_one():
    assert parse_period({"start": "2027-01-01", "end": "2027-02-14"}).months() == 1  # 45 days = 1.48 months → 1
    assert parse_period({"start": "2027-01-10", "end": "2027-01-12"}).months() == 1
    assert parse_period({"start": "2027-01-01", "end": "2027-12-31"}).months() == 12


def test_same_range_ignores_labels():
    assert parse_period("2027-Q1").same_range(parse_period({"start": "2027-01-01", "end": "2027-03-31"}))
    assert not parse_period("2027-Q1").same_range(parse_period("2027-H1"))


def test_period_passes_through_and_serialises():
    p = parse_period("2027-Q3")
    assert parse_period(p) is p
    assert p.to_dict() == {"label": "2027-Q3", "start": "2027-07-01", "end": "2027-09-30", "months": 3}
    assert str(p) == "2027-Q3" and p.contains(date(2027, 8, 1)) and not p.contains(date(2027, 10, 1))
    assert isinstance(p, Period) and p.days() == 92


@pytest.mark.parametrize(
    "value, words",
    [
        ("2027-Q5", "quarters are Q1 to Q4"),
        ("2027-Q0", "quarters are Q1 to Q4"),
        ("2027-H3", "halves are H1 and H2"),
        ("2027-13", "months are 01 to 12"),
        ("2027-03-15", "single day"),
        ("Q1 2027", "not a period"),
        ("", "not a period"),
        (True, "yes/no"),
        (None, "expected text"),
        (3.5, "expected text"),
        ({"start": "2027-04-01", "end": "2027-03-01"}, "before start"),
        ({"start": "2027-02-30", "end": "2027-03-01"}, "not a real date"),
        ({"start": "2027-01-01"}, "needs both start and end"),
        ({"start": "2027-01-01", "end": "2027-02-01", "len": 3}, "unknown key"),
    ],
)
def test_rejected_with_a_reason_and_the_accepted_forms(value, words):
    with pytest.raises(OkrgenError) as info:
        parse_period(value)
    assert words in info.value.message
    assert "2027-Q1, 2027-H1, 2027, 2027-03" in info.value.hint


@pytest.mark.parametrize(
    "value, label",
    [
        ("2027-К1", "2027-Q1"),  # Cyrillic К
        ("2027-к3", "2027-Q3"),
        ("1 кв. 2027", "2027-Q1"),
        ("2 кв 2027 г.", "2027-Q2"),
        ("I квартал 2027", "2027-Q1"),
        ("IV квартал 2027 года", "2027-Q4"),
        ("1-й квартал 2027", "2027-Q1"),
        ("2-е полугодие 2027", "2027-H2"),
        ("2027-П1", "2027-H1"),
        ("2027 год", "2027"),
        ("2027年第一季度", "2027-Q1"),
        ("2027年第4季度", "2027-Q4"),
        ("2027年Q1", "2027-Q1"),
        ("2027 年 Q3", "2027-Q3"),
        ("2027年上半年", "2027-H1"),
        ("2027年下半年", "2027-H2"),
        ("2027年", "2027"),
        ("2027年度", "2027"),
    ],
)
def test_russian_and_chinese_forms_mean_the_canonical_period(value, label):
    assert parse_period(value).label == label
    assert parse_period(value).same_range(parse_period(label))


@pytest.mark.parametrize("value, words", [("5 кв. 2027", "no quarter Q5"), ("2027年第五季度", "not a period"), ("3 полугодие 2027", "no half H3")])
def test_russian_and_chinese_forms_out_of_range_are_refused(value, words):
    with pytest.raises(OkrgenError, match=words):
        parse_period(value)
