"""Numeric values of what people write: "4,500", "12 500", "7,5", "15k", "1.2万", "两亿", "七成".

A–rules compare a baseline with a target only after both are on one scale (§3.5): separators
dropped, decimal commas read as points, magnitudes applied, Chinese numerals converted.
"""

from __future__ import annotations

from okrgen.lint.patterns import rx_compile
from okrgen.numbers import ZH_BIG, ZH_DIGITS, ZH_UNITS, parse_zh_numeral  # noqa: F401 - one source, used by the rules

# A figure as written: digits, thousands groups ("4,500", "12 500", "1'000"), a decimal part. It
# opens with its first digit, outside the alternatives, so the regex engine jumps from digit to
# digit instead of trying both alternatives at every position (same matches, in the same order,
# as "(?:\d{1,3}(?:[ ,'’]\d{3})+(?!\d)|\d+)(?:[.,]\d+)?").
NUM = r"\d(?:\d{0,2}(?:[ ,'’]\d{3})+(?!\d)|\d*)(?:[.,]\d+)?"

_THOUSANDS = rx_compile(r"^\d{1,3}(?:[ ,'’]\d{3})+$")
_SEPARATORS = rx_compile(r"[ ,'’]")
_NUMBER = rx_compile(r"^(\d{1,3}(?:[ ,'’]\d{3})+|\d+)(?:[.,](\d+))?$")


def parse_digits(raw: str) -> float | None:
    """'4,500' → 4500; '7,5' → 7.5; '12 500' → 12500; '0.5' → 0.5."""
    s = raw.strip()
    if not s:
        return None
    if s.isdigit():
        return float(s)
    if _THOUSANDS.match(s):
        return float(_SEPARATORS.sub("", s))
    m = _NUMBER.match(s)
    if not m:
        return None
    whole = _SEPARATORS.sub("", m.group(1))
    return float(whole + ("." + m.group(2) if m.group(2) else ""))
