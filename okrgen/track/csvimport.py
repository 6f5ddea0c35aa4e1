"""Check-in values from a spreadsheet export: a plain `kr,value,date` sheet, or a CRM's row-level
export (one row per deal or lead) read through a map.

A head of sales does not type forty numbers a week; they export the deals report from HubSpot or
amoCRM. The map (YAML, examples in docs/checkin-maps/) says which column holds the date, which rows
count, and how each key result's value is made from them: the sum of a column (bookings), the
number of rows (deals won, leads), the rows where a column has a value (SQLs), or the last value
(a rate the CRM reports). Every figure goes through okrgen.numbers.parse_number, so "1 400 000,50",
"$10,200" and "27%" read as people wrote them. A bad row is reported as `file:LINE: what is wrong`,
all of them at once, and nothing is recorded.

Dates: the check-in is dated by `--date`, or else by the latest date the counted rows carry (so
importing the same file twice gives the same check-ins, which `apply_checkins` then skips).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.numbers import NumberError, parse_number, whole_if_whole
from okrgen.track.checkin import Entry, parse_confidence

AGGREGATES = ("sum", "count", "count-where", "last")
MAX_BYTES = 50 * 1024 * 1024  # a CRM export of a few hundred thousand rows; more is not a check-in
_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%m/%d/%Y", "%m/%d/%Y %H:%M", "%Y/%m/%d")


@dataclass
class Table:
    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, column → cell)


@dataclass
class BadRows:
    file: str
    problems: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        findings = [Finding("CHECKIN-CSV", "error", msg, None, self.file, line, 1) for line, msg in self.problems]
        listing = "\n".join(f"{self.file}:{line}: {msg}" for line, msg in self.problems[:50])
        more = f"\n… and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        raise OkrgenError(f"{listing}{more}", findings, hint="Nothing was recorded; fix the rows (or the map) and run the import again.")


def read_table(path: str | os.PathLike) -> Table:
    """The rows of a CSV export, each with its line number. UTF-8 (with or without BOM) or, failing
    that, Windows-1251 (what Russian Excel saves); comma, semicolon or tab separated."""
    from okrgen.plan.yamlload import read_bounded

    file = str(path)
    if os.path.isdir(path):
        raise OkrgenError(f"{file}: is a folder, not a CSV file")
    raw = read_bounded(path, MAX_BYTES, "a check-in export")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise OkrgenError(f"{file}: the file is empty; expected a header row") from None
    rows = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            rows.append((reader.line_num, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}))
    except csv.Error as err:
        raise OkrgenError(f"{file}:{reader.line_num}: not readable as CSV: {err}") from None
    return Table(file, header, rows)


def parse_day(text: str, formats: tuple[str, ...] = _DATE_FORMATS) -> dt.date | None:
    t = text.strip()
    if not t:
        return None
    t = re.sub(r"(T\d{2}:\d{2}(:\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$", "", t)  # ISO time part
    for fmt in formats:
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def _number(cell: str) -> float | int:
    return whole_if_whole(parse_number(cell))


# --------------------------------------------------------------------------------------------------
# Plain sheet: kr,value,date[,confidence][,note]


def plain_entries(table: Table) -> list[Entry]:
    """One check-in per row of a `kr,value,date` sheet (date, confidence and note are optional)."""
    cols = {h.lower(): h for h in table.header}
    missing = [c for c in ("kr", "value") if c not in cols]
    if missing:
        raise OkrgenError(
            f"{table.file}:1: no {' and no '.join(repr(c) for c in missing)} column; the columns are {', '.join(table.header)}",
            hint="A plain sheet has the columns kr,value,date (kr = KR1.2 or the metric name); a CRM export needs --map.",
        )
    bad = BadRows(table.file)
    out = []
    for line, row in table.rows:
        kr = row[cols["kr"]]
        where = f"{table.file}:{line}: "
        if not kr:
            bad.add(line, "the kr cell is empty")
            continue
        try:
            value = _number(row[cols["value"]])
        except NumberError:
            bad.add(line, f"value {row[cols['value']]!r} for {kr} is not a number")
            continue
        date = None
        if "date" in cols and row[cols["date"]]:
            day = parse_day(row[cols["date"]])
            if day is None:
                bad.add(line, f"date {row[cols['date']]!r} is not a date (write YYYY-MM-DD)")
                continue
            date = day.isoformat()
        confidence = None
        if "confidence" in cols:
            try:
                confidence = parse_confidence(row[cols["confidence"]])
            except OkrgenError as err:
                bad.add(line, err.message)
                continue
        note = row[cols["note"]] if "note" in cols and row[cols["note"]] else None
        out.append(Entry(kr, value, date, note, confidence, os.path.basename(table.file), where, typed=row[cols["value"]].strip()))
    bad.raise_if_any()
    return out


# --------------------------------------------------------------------------------------------------
# Mapped CRM export


@dataclass(frozen=True)
class Rule:
    kr: str
    aggregate: str
    column: str | None
    where: dict[str, tuple[str, ...]]
    date_column: str | None
    line: int | None


@dataclass(frozen=True)
class Map:
    file: str
    date_column: str | None
    date_formats: tuple[str, ...]
    where: dict[str, tuple[str, ...]]
    rules: tuple[Rule, ...]


def _map_error(file: str, loaded, pointer: str, message: str) -> OkrgenError:
    line, col = loaded.position(pointer) if loaded is not None else (None, None)
    fix = "See docs/checkin-maps/ for the shape of a map (date_column, where, key_results)."
    return OkrgenError(f"{file}:{line or 1}:{col or 1}: {message}", [Finding("CHECKIN-MAP", "error", message, fix, file, line, col, pointer)])


def _where(value: Any, file: str, loaded, pointer: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _map_error(file, loaded, pointer, "`where` must be a mapping of column: value (or a list of values)")
    out = {}
    for col, want in value.items():
        items = want if isinstance(want, list) else [want]
        out[str(col)] = tuple(str(v).strip().casefold() for v in items)
    return out


def load_map(path: str | os.PathLike) -> Map:
    from okrgen.plan.yamlload import load

    file = str(path)
    loaded = load(path)
    data = loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("key_results"), dict) or not data["key_results"]:
        raise _map_error(file, loaded, "", "a map needs `key_results:`, a mapping of KR id (or metric) to how its value is counted")
    known = {"date_column", "date_format", "where", "key_results", "source", "notes"}
    for key in data:
        if key not in known:
            raise _map_error(file, loaded, f"/{key}", f"unknown key {key!r}; a map has {', '.join(sorted(known))}")
    formats = _DATE_FORMATS
    if data.get("date_format"):
        formats = (str(data["date_format"]),)
    rules = []
    for kr, spec in data["key_results"].items():
        ptr = f"/key_results/{kr}"
        if isinstance(spec, str):
            spec = {"aggregate": spec}
        if not isinstance(spec, dict):
            raise _map_error(file, loaded, ptr, f"{kr}: expected a mapping such as {{aggregate: sum, column: Amount}}")
        agg = spec.get("aggregate")
        if agg not in AGGREGATES:
            raise _map_error(file, loaded, ptr, f"{kr}: aggregate must be one of {', '.join(AGGREGATES)}, got {agg!r}")
        column = spec.get("column")
        if agg in ("sum", "last") and not column:
            raise _map_error(file, loaded, ptr, f"{kr}: `{agg}` needs the `column` whose values it reads")
        where = _where(spec.get("where"), file, loaded, ptr + "/where")
        if agg == "count-where" and not where:
            raise _map_error(file, loaded, ptr, f"{kr}: `count-where` needs `where: {{column: value}}`")
        rules.append(Rule(str(kr), agg, column, where, spec.get("date_column"), loaded.position(ptr)[0]))
    return Map(file, data.get("date_column"), formats, _where(data.get("where"), file, loaded, "/where"), tuple(rules))


def _matches(row: dict[str, str], where: dict[str, tuple[str, ...]]) -> bool:
    return all(row.get(col, "").strip().casefold() in wanted for col, wanted in where.items())


def mapped_entries(table: Table, m: Map, *, period=None, as_of: dt.date | None = None, date: str | None = None) -> list[Entry]:
    """One check-in per key result of the map, aggregated over the rows that count: rows matching
    the map's and the rule's `where`, dated (by the date column) inside the plan's period and not
    after the as-of day."""
    columns = set(table.header)
    for rule in m.rules:
        for col in [rule.column, rule.date_column or m.date_column, *rule.where, *m.where]:
            if col and col not in columns:
                raise OkrgenError(
                    f"{m.file}:{rule.line or 1}: {rule.kr}: no column {col!r} in {table.file}; its columns are {', '.join(table.header)}",
                    hint="Column names must match the export's header exactly (letter case included).",
                )
    bad = BadRows(table.file)
    out = []
    source = os.path.basename(table.file)
    for rule in m.rules:
        date_col = rule.date_column or m.date_column
        total: float | int = 0
        count = 0
        last: tuple[dt.date, int, float | int] | None = None
        latest: dt.date | None = None
        for line, row in table.rows:
            if not _matches(row, m.where) or not _matches(row, rule.where):
                continue
            day = None
            if date_col:
                cell = row.get(date_col, "")
                day = parse_day(cell, m.date_formats)
                if day is None:
                    if cell.strip():
                        bad.add(line, f"{date_col} {cell!r} is not a date this map reads")
                    continue  # an open deal has no close date: it is not counted yet
                if period is not None and not period.contains(day):
                    continue
                if as_of is not None and day > as_of:
                    continue
            value = None
            if rule.column:
                cell = row.get(rule.column, "")
                if not cell.strip():
                    if rule.aggregate == "sum":
                        continue  # an empty amount adds nothing
                    continue
                try:
                    value = _number(cell)
                except NumberError:
                    bad.add(line, f"{rule.column} {cell!r} is not a number ({rule.kr})")
                    continue
            count += 1
            if rule.aggregate == "sum":
                total += value
            if rule.aggregate == "last" and (last is None or (day or dt.date.min, line) >= (last[0], last[1])):
                last = (day or dt.date.min, line, value)
            if day is not None and (latest is None or day > latest):
                latest = day
        if rule.aggregate == "last" and last is None:
            continue  # nothing to report for this KR
        value = total if rule.aggregate == "sum" else count if rule.aggregate in ("count", "count-where") else last[2]
        if isinstance(value, float):
            value = whole_if_whole(round(value, 6))
        day = date or (latest.isoformat() if latest else None)
        out.append(Entry(rule.kr, value, day, None, None, source, f"{m.file}:{rule.line or 1}: "))
    bad.raise_if_any()
    return out
