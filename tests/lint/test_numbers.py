"""Number parsing, Chinese numerals included."""

from __future__ import annotations

import pytest

from okrgen.lint.numbers import parse_digits, parse_zh_numeral


@pytest.mark.parametrize("raw,value", [("12 500", 12500), ("7,5", 7.5), ("4,500", 4500), ("0.5", 0.5), ("1,050", 1050), ("12,5", 12.5)])
def test_digits(raw, value):
    assert parse_digits(raw) == value


@pytest.mark.parametrize("raw,value", [("两亿", 2e8), ("三十万", 3e5), ("十二", 12), ("一亿五千万", 1.5e8), ("七", 7)])
def test_zh_numerals(raw, value):
    assert parse_zh_numeral(raw) == value


def test_not_a_number():
    assert parse_zh_numeral("百度x") is None and parse_digits("") is None
