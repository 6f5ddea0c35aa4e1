"""Numeric values of what people write: "4,500", "12 500", "7,5", "15k", "1.2万", "两亿", "七成".

A–rules compare a baseline with a target only after both are on one scale (§3.5): separators
dropped, decimal commas read as points, magnitudes applied, Chinese numerals converted.
"""

from __future__ import annotations

from okrgen.lint.rxcache import rx_compile

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_BIG = {"万": 10_000, "亿": 100_000_000}

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


def parse_zh_numeral(run: str) -> float | None:
    """'三' → 3, '十二' → 12, '两万' → 20000, '一亿五千万' → 150000000 (cn2an-style, no dependency)."""
    if not run or any(ch not in ZH_DIGITS and ch not in ZH_UNITS and ch not in ZH_BIG for ch in run):
        return None
    yi, cur, section, digit = 0.0, 0.0, 0.0, None
    for ch in run:
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        elif ch in ZH_UNITS:
            section += (digit if digit is not None else 1) * ZH_UNITS[ch]
            digit = None
        elif ch == "万":
            cur = (cur + section + (digit or 0)) * 10_000
            section, digit = 0.0, None
        else:  # 亿
            yi = (yi + cur + section + (digit or 0)) * 100_000_000
            cur, section, digit = 0.0, 0.0, None
    return float(yi + cur + section + (digit or 0))
