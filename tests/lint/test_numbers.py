"""Number parsing, Chinese numerals included."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrgen.lint.numbers import NUM, parse_digits, parse_zh_numeral


@pytest.mark.parametrize("raw,value", [("12 500", 12500), ("7,5", 7.5), ("4,500", 4500), ("0.5", 0.5), ("1,050", 1050), ("12,5", 12.5)])
def test_digits(raw, value):
    assert parse_digits(raw) == value


@pytest.mark.parametrize("raw,value", [("两亿", 2e8), ("三十万", 3e5), ("十二", 12), ("一亿五千万", 1.5e8), ("七", 7)])
def test_zh_numerals(raw, value):
    assert parse_zh_numeral(raw) == value


def test_not_a_number():
    assert parse_zh_numeral("百度x") is None and parse_digits("") is None


# NUM as one would first write it; NUM opens with a digit outside the alternatives only for speed
_PLAIN_NUM = re.compile(r"(?:\d{1,3}(?:[ ,'’]\d{3})+(?!\d)|\d+)(?:[.,]\d+)?")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 ,.'’a%", max_size=30))
def test_num_finds_what_the_plain_pattern_finds(text):
    assert [m.span() for m in re.finditer(NUM, text)] == [m.span() for m in _PLAIN_NUM.finditer(text)]
    # and inside a longer pattern, where what follows decides how much of the figure is taken
    tail = r"\s?(?:%|k)"
    assert [m.span() for m in re.finditer(NUM + tail, text)] == [m.span() for m in re.finditer(_PLAIN_NUM.pattern + tail, text)]
