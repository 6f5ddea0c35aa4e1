"""The figures a key result's text states, as plan fields: baseline, target, unit, direction, due.

`okrgen import` turns a draft into a plan the toolkit can track; a plan tracks numbers, so the
numbers written in the sentence ("from 310 to 480", "to 95%", "by 30 June") become the fields the
plan schema has. Only what the text says is filled; anything unsaid stays empty rather than guessed.
Every figure goes through okrgen.numbers.parse_number, the one parser for typed figures.
"""

from __future__ import annotations

import re
from datetime import date

from okrgen.numbers import MAGNITUDES, NumberError, parse_number, shared_magnitude

_NUM = r"[$€£¥₽]?\s?\d[\d,.\s']*(?:\s?(?:k|m|mm|bn|тыс\.?|млн|млрд|万|亿))?\s?(?:%|percent|процент\w*|元|₽|руб\.?)?"
# What may follow a figure before "to": a Chinese measure word or time unit ("从12个增加到30个",
# "从60天缩短到45天") or a multiple ("2.5x")
_AFTER = r"(?:\s?(?:[个家场名位次笔件条人单项天周]|个月|小时|分钟|x|×))?"
# Chinese "to" as people write it: a change verb, then 到 or 至 ("提升至", "缩短到")
_ZH_TO = r"(?:提升|提高|降低|降|增长|增加|缩短|减少|下降|上升|扩大|压缩)(?:到|至)"
_FROM_TO = re.compile(
    rf"(?:from|с|со|от|从|由)\s*(?P<a>{_NUM}){_AFTER}\s*(?:to|до|{_ZH_TO}|到|至|→|->)\s*(?P<b>{_NUM})",
    re.IGNORECASE,
)
_TO = re.compile(rf"(?:\bto|\bдо|达到|{_ZH_TO}|突破|≥|>=|≤|<=|→)\s*(?P<b>{_NUM})", re.IGNORECASE)
# A magnitude written after a figure ("32 млн ₽", "$3.5M", "1.2万"): "from X to Y<magnitude>" may share it
_MAGNITUDE = re.compile(r"\d\s*([^\d\s.,%$€£¥₽元]+\.?)\s*(?:%|percent|процент\w*|[$€£¥₽元]|руб\.?)?\s*$", re.IGNORECASE)
_UP = re.compile(r"\b(?:increase|grow|raise|boost|lift|expand|double)|увелич|повыс|выраст|нарост|提升|提高|增长|增加", re.IGNORECASE)
_DOWN = re.compile(r"\b(?:reduce|decrease|cut|lower|shrink|shorten|drop)|сократ|сниз|уменьш|降低|减少|缩短|下降", re.IGNORECASE)
_KEEP = re.compile(r"\b(?:maintain|keep|stay|sustain)|удерж|сохран|保持|维持", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_RU_MONTHS = {m: i for i, m in enumerate(("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"), 1)}
_BY_DAY_MONTH = re.compile(
    r"\b(?:by|before|until|no later than)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]{3})[a-z]*\.?(?:,?\s*(?P<y>\d{4}))?", re.IGNORECASE
)
_BY_MONTH_DAY = re.compile(
    r"\b(?:by|before|until|no later than)\s+(?P<m>[a-z]{3})[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(?P<y>\d{4}))?", re.IGNORECASE
)
_RU_BY = re.compile(r"(?:к|до|не позднее)\s+(?P<d>\d{1,2})\s+(?P<m>[а-я]{3})[а-я]*(?:\s+(?P<y>\d{4}))?", re.IGNORECASE)
_ZH_BY = re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号](?:前|之前|以前)")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")


def _value(raw: str) -> tuple[float | None, str | None]:
    raw = raw.strip()
    unit = None
    if "%" in raw or re.search(r"percent|процент", raw, re.IGNORECASE):
        unit = "%"
    elif re.search(r"[$]", raw):
        unit = "USD"
    elif re.search(r"[€]", raw):
        unit = "EUR"
    elif re.search(r"[₽]|руб", raw):
        unit = "RUB"
    elif re.search(r"[¥元]", raw):
        unit = "CNY"
    cleaned = re.sub(r"[$€£¥₽元]|руб\.?|percent|процент\w*", "", raw, flags=re.IGNORECASE).strip().rstrip(".,")
    zh = re.match(r"^([\d.]+)\s*(万|亿)$", cleaned)
    try:
        if zh:
            return float(zh.group(1)) * (1e4 if zh.group(2) == "万" else 1e8), unit
        return parse_number(cleaned.replace("тыс.", "k").replace("тыс", "k").replace("млн", "M").replace("млрд", "bn")), unit
    except NumberError:
        return None, unit


def _magnitude(raw: str) -> float:
    m = _MAGNITUDE.search(raw.strip())
    return (MAGNITUDES.get(m.group(1)) or MAGNITUDES.get(m.group(1).lower()) or 1.0) if m else 1.0


def _due(text: str, year: int | None) -> str | None:
    for pattern, months in ((_BY_DAY_MONTH, _MONTHS), (_BY_MONTH_DAY, _MONTHS), (_RU_BY, _RU_MONTHS)):
        m = next((m for m in pattern.finditer(text) if m.group("m")[:3].lower() in months), None)
        if m:
            y = int(m.group("y") or year or 0)
            if y:
                try:
                    return date(y, months[m.group("m")[:3].lower()], int(m.group("d"))).isoformat()
                except ValueError:
                    return None
    for pattern in (_ZH_BY, _ISO):
        if m := pattern.search(text):
            y = int(m.group("y") or year or 0)
            if y:
                try:
                    return date(y, int(m.group("m")), int(m.group("d"))).isoformat()
                except ValueError:
                    return None
    return None


def figures(text: str, year: int | None = None) -> dict:
    """Plan fields for one key result's text; `year` completes a date written without one."""
    out: dict = {}
    if m := _FROM_TO.search(text):
        a, unit_a = _value(m.group("a"))
        b, unit_b = _value(m.group("b"))
        if a is not None and b is not None:
            kb, ka = _magnitude(m.group("b")), _magnitude(m.group("a"))
            if kb != 1.0 and ka == 1.0:
                a = shared_magnitude(a, b, kb)  # "с 25 до 32 млн ₽" is 25 млн → 32 млн
            out["baseline"], out["target"] = a, b
            if unit_a or unit_b:
                out["unit"] = unit_b or unit_a
    elif m := _TO.search(text):
        b, unit = _value(m.group("b"))
        if b is not None:
            out["target"] = b
            if unit:
                out["unit"] = unit
    if "baseline" in out and out["baseline"] != out["target"]:
        out["direction"] = "increase" if out["target"] > out["baseline"] else "decrease"
    elif _DOWN.search(text):
        out["direction"] = "decrease"
    elif _UP.search(text):
        out["direction"] = "increase"
    elif _KEEP.search(text):
        out["direction"] = "maintain"
    if due := _due(text, year):
        out["due"] = due
    for k in ("baseline", "target"):
        if k in out and float(out[k]).is_integer():
            out[k] = int(out[k])
    return out
