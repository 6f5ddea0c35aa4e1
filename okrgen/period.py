"""Plan periods: "2027-Q1", "2027-H1", "2027", "2027-03" or an explicit {start, end}.

A period is written by people in several shapes, but everything downstream (the funnel's per-month
split, alignment of plans, deadline checks) needs the same two facts: the first and the last day,
and how many months that is. `parse_period` turns every accepted shape into one `Period`, and
rejects anything else with a message that lists the shapes it accepts, so "2027-Q5" is a user
error rather than a silent "unknown period".
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.resources import load_data

FORMS = "2027-Q1, 2027-H1, 2027, 2027-03, or {start: 2027-01-01, end: 2027-03-31} (also 2027-К1, 1 кв. 2027, I квартал 2027, 2027年第一季度, 2027年Q1)"

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq](\d+)$")
_HALF = re.compile(r"^(\d{4})-[Hh](\d+)$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

# The average month, used only for explicit ranges that do not start and end on month boundaries.
_DAYS_PER_MONTH = 365.2425 / 12


@dataclass(frozen=True)
class Period:
    """A closed range of days with the label the user wrote (or a normalised one)."""

    start: date
    end: date
    label: str

    def months(self) -> int:
        """Number of months the period covers, at least 1.

        Calendar periods (a quarter, a half, a year, a month, or any range from the first of a month
        to the last day of a month) count exactly: 2027-Q1 is 3, 2027-H1 is 6. Other explicit ranges
        are rounded to the nearest whole month of 30.44 days, because the funnel splits targets per
        month and a "month and a half" has no useful per-month figure of its own.
        """
        if self.start.day == 1 and self.end.day == _last_day(self.end.year, self.end.month):
            return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return max(1, round(self.days() / _DAYS_PER_MONTH))

    def days(self) -> int:
        return (self.end - self.start).days + 1

    def same_range(self, other: Period) -> bool:
        """True when both cover the same days, whatever their labels ("2027" vs an explicit range)."""
        return self.start == other.start and self.end == other.end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def to_dict(self) -> dict:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat(), "months": self.months()}

    def __str__(self) -> str:
        return self.label


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _bad(value: Any, why: str) -> OkrgenError:
    return OkrgenError(f"period {value!r}: {why}", hint=f"A period is written as {FORMS}.")


def _year(text: str, value: Any) -> int:
    year = int(text)
    if year < 1:
        raise _bad(value, "the year must be 0001 or later")
    return year


def _parse_date(text: Any, value: Any, which: str) -> date:
    if isinstance(text, date):
        # ruamel.yaml and PyYAML's default loader give dates; a datetime is also a date.
        return date(text.year, text.month, text.day)
    m = _DATE.match(str(text).strip()) if text is not None else None
    if not m:
        raise _bad(value, f"{which} must be a date written YYYY-MM-DD, got {text!r}")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as err:
        raise _bad(value, f"{which} {text!r} is not a real date ({err})") from None


@functools.cache
def _local_forms() -> tuple[tuple[re.Pattern, str], ...]:
    """Russian and Chinese ways of writing a quarter, half or year, as (pattern, canonical form).

    The words are data (okrgen/data/periods.yaml); each pattern's named groups `year` and `n` (or
    `roman`) become a canonical label such as 2027-Q1, which the usual parser then checks, so
    "5 кв. 2027" is refused with the same message as 2027-Q5.
    """
    d = load_data("periods.yaml")

    def alt(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    roman = alt(d["roman"])
    num = rf"(?:(?P<n>\d+)(?:{alt(d['ordinal_suffixes'])})?|(?P<roman>{roman}))"
    year_tail = rf"(?:\s*(?:{alt(d['year_words'])}))?"
    zh = d["zh"]
    zh_num = alt(zh["numerals"])
    forms = []
    for letters, kind in ((d["quarter_letters"], "Q"), (d["half_letters"], "H")):
        forms.append((re.compile(rf"^(?P<year>\d{{4}})\s*-\s*(?:{alt(letters)})\s*(?P<n>\d+)$", re.I), kind))
    for words, kind in ((d["quarter_words"], "Q"), (d["half_words"], "H")):
        forms.append((re.compile(rf"^{num}\s*(?:{alt(words)})\s*(?P<year>\d{{4}}){year_tail}$", re.I), kind))
    forms.append((re.compile(rf"^(?P<year>\d{{4}})\s*(?:{alt(d['year_words'])})$", re.I), "Y"))
    forms.append((re.compile(rf"^(?P<year>\d{{4}})\s*年\s*第?\s*(?P<zh>{zh_num})\s*(?:{alt(zh['quarter'])})$"), "Q"))
    forms.append((re.compile(r"^(?P<year>\d{4})\s*年\s*(?:第\s*)?[Qq]\s*(?P<n>\d+)$"), "Q"))
    forms.append((re.compile(rf"^(?P<year>\d{{4}})\s*年?\s*(?P<zhhalf>{alt(zh['halves'])})$"), "H"))
    forms.append((re.compile(rf"^(?P<year>\d{{4}})\s*(?:{alt(zh['year'])})$"), "Y"))
    return tuple(forms)


def _canonical(text: str) -> str | None:
    """The canonical label for a Russian or Chinese period form ("1 кв. 2027" → "2027-Q1"), else None."""
    if text.isascii() and not re.search(r"\s", text):
        return None  # the canonical forms are parsed as they are
    d = load_data("periods.yaml")
    squeezed = re.sub(r"\s+", " ", text)
    for pattern, kind in _local_forms():
        m = pattern.match(squeezed)
        if not m:
            continue
        year = m.group("year")
        if kind == "Y":
            return year
        groups = m.groupdict()
        if groups.get("zhhalf"):
            n = d["zh"]["halves"][groups["zhhalf"]]
        elif groups.get("zh"):
            n = d["zh"]["numerals"][groups["zh"]]
        elif groups.get("roman"):
            n = d["roman"][groups["roman"].upper()]
        else:
            n = int(groups["n"])
        return f"{year}-{kind}{n}"
    return None


def parse_period(value: Any) -> Period:
    """Turn any accepted period shape into a Period; raise OkrgenError for anything else.

    A bare year may arrive as an int (YAML reads `period: 2027` as a number). `None` is an error here:
    a caller that allows an unknown period checks for None before calling.
    """
    if isinstance(value, Period):
        return value
    if isinstance(value, bool):
        raise _bad(value, "expected a period, got a yes/no value")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - {"start", "end"})
        if unknown:
            raise _bad(value, f"unknown key(s) {', '.join(unknown)}; an explicit period has only start and end")
        if "start" not in value or "end" not in value:
            raise _bad(value, "an explicit period needs both start and end")
        start = _parse_date(value["start"], value, "start")
        end = _parse_date(value["end"], value, "end")
        if end < start:
            raise _bad(value, f"end {end.isoformat()} is before start {start.isoformat()}")
        return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")
    if not isinstance(value, str):
        raise _bad(value, f"expected text such as 2027-Q1, got {type(value).__name__}")
    text = value.strip()
    text = _canonical(text) or text
    if m := _QUARTER.match(text):
        year, q = _year(m.group(1), value), int(m.group(2))
        if not 1 <= q <= 4:
            raise _bad(value, f"there is no quarter Q{q}; quarters are Q1 to Q4")
        first = 3 * (q - 1) + 1
        return Period(date(year, first, 1), date(year, first + 2, _last_day(year, first + 2)), f"{year}-Q{q}")
    if m := _HALF.match(text):
        year, h = _year(m.group(1), value), int(m.group(2))
        if h not in (1, 2):
            raise _bad(value, f"there is no half H{h}; halves are H1 and H2")
        return Period(date(year, 1, 1), date(year, 6, 30), f"{year}-H1") if h == 1 else Period(date(year, 7, 1), date(year, 12, 31), f"{year}-H2")
    if m := _YEAR.match(text):
        year = _year(m.group(1), value)
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year}")
    if m := _MONTH.match(text):
        year, month = _year(m.group(1), value), int(m.group(2))
        if not 1 <= month <= 12:
            raise _bad(value, f"there is no month {month}; months are 01 to 12")
        return Period(date(year, month, 1), date(year, month, _last_day(year, month)), f"{year}-{month:02d}")
    if _DATE.match(text):
        raise _bad(value, "a single day is not a period; give a quarter, half, year, month or {start, end}")
    raise _bad(value, "not a period")


def months(value: Any) -> int:
    """Months in a period given in any accepted shape: months("2027-Q1") == 3."""
    return parse_period(value).months()
