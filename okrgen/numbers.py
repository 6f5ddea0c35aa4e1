"""The one reading of a number a person typed: parameters, prompts, funnel inputs and check-ins.

People write figures the way their spreadsheet, their CRM or their language does: "3,500,000",
"$2,400,000", "1.8M", "30%", "3,5 млн", "1 400 000", "350万", "1.2亿". Every place okrgen takes a
typed figure goes through `parse_number`, so a value accepted by `new --set` is accepted by
`funnel --revenue` and by `checkin KR1.1=` too. Numbers inside key-result prose are a different
job (lint/numbers.py), but they share the Chinese numerals kept here.
"""

from __future__ import annotations

import math
import re

# The largest figure a plan may hold, in either direction: a quadrillion, room for a revenue in
# dong or rupiah. Past 2**53 (~9e15) a float no longer holds every whole number, and Babel cannot
# format numbers of more than 28 digits at all, so a larger one is a typo, not a target.
MAX_FIGURE = 10**15
# Longer input is not a number anyone typed; refusing it early keeps float() off 5,000-digit strings.
MAX_TYPED = 64

# Magnitude words after the digits: English, Russian and Chinese, as people abbreviate them.
MAGNITUDES = {
    "k": 1e3,
    "K": 1e3,
    "тыс": 1e3,
    "тыс.": 1e3,
    "т": 1e3,
    "千": 1e3,
    "m": 1e6,
    "M": 1e6,
    "mm": 1e6,
    "MM": 1e6,
    "mn": 1e6,
    "млн": 1e6,
    "млн.": 1e6,
    "м": 1e6,
    "b": 1e9,
    "B": 1e9,
    "bn": 1e9,
    "млрд": 1e9,
    "млрд.": 1e9,
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "億": 1e8,
    # Written out, as in "$3.5 million" or "3 миллиона".
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "тысяч": 1e3,
    "тысячи": 1e3,
    "тысяча": 1e3,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "миллиард": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
}
CURRENCY_SIGNS = "$€£¥₽₸₴元"
CURRENCY_WORDS = ("usd", "eur", "rub", "cny", "rmb", "руб.", "руб", "р.", "元")
# The currencies each sign or word can name: "$" is the dollar of several countries and "¥" both
# the yuan's and the yen's sign, so a figure only contradicts a plan's currency outside its set.
CURRENCY_CODES = {
    "$": frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD"}),
    "€": frozenset({"EUR"}),
    "£": frozenset({"GBP"}),
    "¥": frozenset({"CNY", "JPY"}),
    "₽": frozenset({"RUB"}),
    "₸": frozenset({"KZT"}),
    "₴": frozenset({"UAH"}),
    "元": frozenset({"CNY"}),
    "usd": frozenset({"USD"}),
    "eur": frozenset({"EUR"}),
    "rub": frozenset({"RUB"}),
    "руб.": frozenset({"RUB"}),
    "руб": frozenset({"RUB"}),
    "р.": frozenset({"RUB"}),
    "cny": frozenset({"CNY"}),
    "rmb": frozenset({"CNY"}),
}
CURRENCY_ISO = frozenset(code for codes in CURRENCY_CODES.values() for code in codes)


def is_money_unit(unit: object) -> bool:
    """Whether a key result's unit is money: a currency code or a sign or word for one ("USD",
    "₽", "руб."). The one test for it: scores, the PDF and check-ins format and check by it."""
    u = str(unit or "").strip()
    return u.upper() in CURRENCY_ISO or u in CURRENCY_CODES or u.lower() in CURRENCY_CODES


def money_code(unit: object, currency: str) -> str:
    """The currency code a money unit names: the unit itself when it is a code ("EUR"), else the
    plan's `currency` (a sign such as "$" names no one currency)."""
    u = str(unit or "").strip()
    return u.upper() if len(u) == 3 and u.isalpha() else currency


_SHAPE = re.compile(r"^([+-]?)(\d[\d\s_,.'\u00a0\u202f]*)$")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d{1,3}$")
_GROUP_SPACES = re.compile(r"[\s_'\u00a0\u202f]")

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_BIG = {"万": 10_000, "亿": 100_000_000}


class NumberError(ValueError):
    """Why a typed figure is not a number. `reason` is a key callers turn into their own message
    (param_messages.yaml for parameters): not_number, bad_suffix, percent_not_allowed,
    magnitude_not_allowed, too_large, not_finite."""

    def __init__(self, reason: str, text: str):
        super().__init__(f"{reason}: {text!r}")
        self.reason, self.text = reason, text


def parse_number(raw: object, *, percent: bool = True, magnitude: bool = True) -> float:
    """The value of what a person typed, as a float; NumberError when it is not one.

    A trailing "%" is accepted (and dropped) when `percent` is true: "30%" is 30, in the unit of
    the field it is typed into; the caller scales rates. Thousands may be grouped with commas,
    spaces, apostrophes or underscores; a single comma followed by other than three digits is a
    decimal comma ("7,5", "3,5 млн").
    """
    if isinstance(raw, bool):
        raise NumberError("not_number", repr(raw))
    if isinstance(raw, (int, float)):
        value = float(raw)
        return _checked(value, str(raw))
    text = str(raw).strip()
    if len(text) > MAX_TYPED:
        raise NumberError("too_large" if text[:1].isdigit() and text.isdigit() else "not_number", text[:MAX_TYPED] + "…")
    if _SCIENTIFIC.match(text):  # "1e6", as a spreadsheet exports a large figure
        return _checked(float(text), text)
    body = text
    if body.endswith("%"):
        if not percent:
            raise NumberError("percent_not_allowed", text)
        body = body[:-1].strip()
    body = body.strip(CURRENCY_SIGNS).strip()
    lowered = body.lower()
    for word in CURRENCY_WORDS:
        if lowered.endswith(word) and len(body) > len(word):
            body = body[: -len(word)].strip()
            break
    scale = 1.0
    suffix = re.search(r"([^\d\s.,]+\.?)$", body)
    if suffix and not any(ch.isdigit() for ch in body[: suffix.start()]):
        raise NumberError("not_number", text)
    if suffix:
        word = suffix.group(1)
        factor = MAGNITUDES.get(word) or MAGNITUDES.get(word.lower())
        if factor is None:
            raise NumberError("bad_suffix", text)
        if not magnitude:
            raise NumberError("magnitude_not_allowed", text)
        scale = factor
        body = body[: suffix.start()].strip().strip(CURRENCY_SIGNS).strip()
    m = _SHAPE.match(body)
    if not m:
        raise NumberError("not_number", text)
    sign, digits = m.group(1), _GROUP_SPACES.sub("", m.group(2))
    digits = _decimal_point(digits)
    if digits is None:
        raise NumberError("not_number", text)
    value = float(sign + digits) * scale
    return _checked(value, text)


def _decimal_point(digits: str) -> str | None:
    """'3,500,000' → '3500000'; '7,5' → '7.5'; '1,234.5' → '1234.5'; '1.234,5' → '1234.5'."""
    if "," in digits and "." in digits:
        last = max(digits.rfind(","), digits.rfind("."))
        decimal = digits[last]
        group = "," if decimal == "." else "."
        head, tail = digits[:last], digits[last + 1 :]
        if decimal in head or not tail.isdigit():
            return None
        return head.replace(group, "") + "." + tail
    if digits.count(",") == 1:
        head, tail = digits.split(",")
        return head + tail if len(tail) == 3 and head else head + "." + tail
    if "," in digits:
        groups = digits.split(",")
        return "".join(groups) if all(len(g) == 3 for g in groups[1:]) and groups[0] else None
    if digits.count(".") > 1:
        groups = digits.split(".")  # "1.400.000": dots grouping thousands
        return "".join(groups) if all(len(g) == 3 for g in groups[1:]) and groups[0] else None
    return digits if digits and digits != "." else None


def _checked(value: float, text: str) -> float:
    if not math.isfinite(value):
        raise NumberError("not_finite", text)
    if abs(value) > MAX_FIGURE:
        raise NumberError("too_large", text)
    return value


def shared_magnitude(x: float, y: float, factor: float) -> float:
    """The first figure of "from X to Y" when only Y carries a magnitude of `factor` (y already
    scaled): "from 14 to 11M" and "с 25 до 32 млн" share it (14M → 11M), unless X as written is
    already the closer reading ("从8000增长到1.2万" is 8,000 → 12,000, not 80,000,000 → 12,000)."""
    if x > 0 and y > 0 and abs(math.log(x / y)) < abs(math.log(x * factor / y)):
        return x
    return x * factor


def whole_if_whole(value: float) -> float | int:
    """3500000.0 → 3500000, so a figure reads back as it was typed."""
    return int(value) if float(value).is_integer() else value


def parse_zh_numeral(run: str) -> float | None:
    """'三' → 3, '十二' → 12, '两万' → 20000, '一亿五千万' → 150000000."""
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


def written_currency(raw: object) -> frozenset[str] | None:
    """The currencies a typed figure's sign or word can name ("€1.2M" → {EUR}), or None when it
    names none. parse_number drops them; a check-in asks whether they fit the key result."""
    text = str(raw).strip().rstrip("%").strip()
    for sign in CURRENCY_SIGNS:
        if text.startswith(sign) or text.endswith(sign):
            return CURRENCY_CODES[sign]
    lowered = text.lower()
    for word in CURRENCY_WORDS:
        if lowered.endswith(word) and len(text) > len(word):
            return CURRENCY_CODES[word]
    return None
