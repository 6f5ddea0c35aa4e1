"""Plans as spreadsheets: what `okrgen export` writes and what `okrgen import` reads back.

One row per key result, in the columns of data/sheet_columns.yaml (headers in en/ru/zh). The
XLSX holds a sheet per plan, a summary sheet, a check-ins sheet and a hidden `_okrgen` sheet with
each plan file as it was. Reading starts from that copy and lays the visible cells over it, so an
untouched export comes back exactly (descriptions, initiatives, sources, ids, figures, check-ins)
while edits made in Excel win. A sheet made by hand in the same column layout (no hidden copy)
is read from its cells alone. Scores and statuses are computed by the caller (this stage does not
score); here they are only cells.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.numbers import NumberError, parse_number
from okrgen.resources import load_data

META_SHEET = "_okrgen"
_CHUNK = 30_000  # an Excel cell holds at most 32,767 characters
# What the caller fills per row besides the plan's own fields (derived, never read back into a plan
# that has check-ins: they follow from the check-ins).
DERIVED = ("score", "status", "last_checkin")
NUMERIC = ("baseline", "previous", "target", "current", "score", "confidence")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@functools.cache
def _columns() -> dict:
    return load_data("sheet_columns.yaml")


def headers(kind: str, lang: str) -> list[tuple[str, str]]:
    """(key, header) pairs of `columns` or `checkin_columns` in `lang`."""
    return [(key, names.get(lang) or names["en"]) for key, names in _columns()[kind].items()]


def sheet_title(key: str, lang: str) -> str:
    names = _columns()["sheets"][key]
    return names.get(lang) or names["en"]


def _header_index(kind: str) -> dict[str, str]:
    """Every header in every language, normalised, to its column key."""
    out: dict[str, str] = {}
    for key, names in _columns()[kind].items():
        out[_norm(key)] = key
        for name in names.values():
            out[_norm(name)] = key
    return out


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().strip("*:").strip().casefold()


@dataclass
class SheetPlan:
    """One plan as exported: its name (the file's stem), its data and its rows."""

    name: str
    data: dict
    rows: list[dict] = field(default_factory=list)  # column key -> value
    checkins: list[dict] = field(default_factory=list)  # checkin column key -> value
    text: str | None = None  # the plan file as it was (kept in the hidden sheet: quoting, comments)


class SheetPlanData(dict):
    """A plan read back from a sheet; `text` is the file as exported when no cell changed it."""

    text: str | None = None


def _is_percent(unit: Any) -> bool:
    return str(unit or "").strip() in ("%", "pct", "percent", "процент", "процентов", "百分比")


def _number_format(key: str, value: Any, unit: Any) -> str | None:
    if key == "score":
        return "0.00"
    if key == "confidence":
        return "0.#" if isinstance(value, float) and not float(value).is_integer() else "0"
    if key in ("baseline", "previous", "target", "current", "value"):
        whole = isinstance(value, int) or float(value).is_integer()
        base = "#,##0" if whole else "#,##0.0##"
        # The percent sign as text: 38 stays 38 in the cell (what the plan says), shown as 38%.
        return base + '"%"' if _is_percent(unit) else base
    return None


def _safe_sheet_names(plans: list[SheetPlan], reserved: set[str]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    taken = {r.casefold() for r in reserved}
    out = []
    for p in plans:
        base = _BAD_SHEET_CHARS.sub("_", p.name).strip("'") or "plan"
        name, n = base[:31], 2
        while name.casefold() in taken:
            suffix = f"~{n}"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        taken.add(name.casefold())
        out.append(name)
    return out


def _date_cell(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def write_xlsx(plans: list[SheetPlan], lang: str = "en") -> bytes:
    """The workbook: summary, one sheet per plan, check-ins, and the hidden plan copies."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    cols = headers("columns", lang)
    summary_name = sheet_title("summary", lang)
    checkins_name = sheet_title("checkins", lang)
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="E8EEF4")

    def table(ws, columns: list[tuple[str, str]], rows: list[dict], units: list[Any]) -> None:
        ws.append([h for _, h in columns])
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        widths = [max(8, len(h) * (2 if not h.isascii() else 1) + 2) for _, h in columns]
        for row, unit in zip(rows, units):
            values = []
            for key, _ in columns:
                v = row.get(key)
                values.append(_date_cell(v) if key in ("last_checkin", "date") else v)
            ws.append(values)
            r = ws.max_row
            for c, (key, _) in enumerate(columns, start=1):
                v = row.get(key)
                cell = ws.cell(row=r, column=c)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    fmt = _number_format(key, v, unit)
                    if fmt:
                        cell.number_format = fmt
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                text = "" if v is None else str(v)
                wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
                widths[c - 1] = max(widths[c - 1], min(wide + 2, 60))
        for c, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = w
        ws.freeze_panes = "A2"
        if ws.max_row > 1:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{ws.max_row}"

    summary = wb.active
    summary.title = summary_name
    all_rows = [r for p in plans for r in p.rows]
    table(summary, cols, all_rows, [r.get("unit") for r in all_rows])
    for p, name in zip(plans, _safe_sheet_names(plans, {summary_name, checkins_name, META_SHEET})):
        table(wb.create_sheet(name), cols, p.rows, [r.get("unit") for r in p.rows])
    ck_cols = headers("checkin_columns", lang)
    ck_rows = [c for p in plans for c in p.checkins]
    table(wb.create_sheet(checkins_name), ck_cols, ck_rows, [c.get("unit") for c in ck_rows])  # 27 shown as 27% as on the plan's sheet
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["okrgen export", 1, "Copies of the plans as exported; okrgen import starts from these and applies the cells."])
    for p in plans:
        text = p.text if p.text is not None else yaml.safe_dump(p.data, allow_unicode=True, sort_keys=False, width=10_000)
        meta.append([p.name, *(text[i : i + _CHUNK] for i in range(0, len(text), _CHUNK))])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_csv(plans: list[SheetPlan], lang: str = "en") -> str:
    """One CSV of every plan's rows; the BOM makes Excel read it as UTF-8."""
    cols = headers("columns", lang)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([h for _, h in cols])
    for p in plans:
        for row in p.rows:
            w.writerow(["" if row.get(k) is None else row.get(k) for k, _ in cols])
    return "\ufeff" + buf.getvalue()


# ---------------------------------------------------------------- reading


@dataclass
class _Table:
    sheet: str
    header_row: int
    keys: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number, cells)


def _find_table(rows: list[list[Any]], kind: str, sheet: str) -> _Table | None:
    index = _header_index(kind)
    need = {"key_result"} if kind == "columns" else {"kr_id", "date", "value"}
    for h, header in enumerate(rows[:10]):
        keys = [index.get(_norm(c), "") for c in header]
        found = set(keys) - {""}
        if not need <= found:
            continue
        # A draft sheet (objective, key result, owner, target) is the draft reader's; ours has more.
        if kind == "columns" and len(found & {"plan", "objective_id", "kr_id", "kind", "metric", "unit", "baseline", "current", "direction"}) < 2:
            return None
        return _Table(sheet, h + 1, keys, [(n, r) for n, r in enumerate(rows[h + 1 :], start=h + 2)])
    return None


def _csv_rows(path: str) -> list[list[Any]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        raise OkrgenError(f"{path}: not UTF-8 text", hint="Save the sheet as CSV UTF-8.") from None
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _workbook(path: str):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception as err:  # openpyxl raises several types for a file that is no workbook
        raise OkrgenError(f"{path}: not a readable workbook ({type(err).__name__})", hint="Save it again as .xlsx.") from None


def _refuse_summary_edits(summaries: list[_Table], metas: dict[str, dict], path: str) -> None:
    """The summary sheet is a copy of the plans' sheets: import reads the plans' own. A cell
    edited on the summary would be dropped without a word, so one that differs from the plan as
    exported (the hidden copy) is refused, with where to make the edit."""
    from okrgen.plan.ids import kr_id

    for t in summaries:
        for n, cells in t.rows:
            row = {k: _cell(v) for k, v in zip(t.keys, cells) if k}
            name = str(row.get("plan") or "")
            plan = metas.get(name)
            if not isinstance(plan, dict):
                continue  # a hand-made summary: nothing to compare with
            found = None
            for i, obj in enumerate(plan.get("objectives") or []):
                for j, kr in enumerate(obj.get("key_results") or []):
                    if kr_id(i, j, kr) == str(row.get("kr_id") or ""):
                        found = (obj, kr)
            if found is None:
                continue
            obj, kr = found
            exported = {"team": plan.get("team"), "owner": plan.get("owner"), "objective": obj.get("title"), "key_result": kr.get("text")}
            exported.update({k: kr.get(k) for k in ("kind", "metric", "unit", "direction", "baseline", "previous", "target")})
            for k, was in exported.items():
                if k in row and not _same(was, row[k]):
                    msg = f"{k}: {row[k]!r} was edited on the summary, which is a copy and is not read"
                    fix = f"Make the edit on the sheet of plan '{name}' (row {row.get('kr_id')}), or export again."
                    raise OkrgenError(f"{path}:{n} [{t.sheet}]: {msg}", [Finding("SHEET", "error", msg, fix, path, n, None)])


def read_sheet_named(path: str) -> list[tuple[str, dict]]:
    """[(name, plan)] from an export or a hand-made sheet in its layout; [] for any other sheet."""
    metas: dict[str, dict] = {}
    meta_texts: dict[str, str] = {}
    checkins: _Table | None = None
    tables: list[_Table] = []
    summary_names = {_norm(n) for n in _columns()["sheets"]["summary"].values()}
    if path.lower().endswith(".csv"):
        t = _find_table(_csv_rows(path), "columns", "")
        tables = [t] if t else []
    else:
        wb = _workbook(path)
        for ws in wb.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            if ws.title == META_SHEET:
                for r in rows[1:]:
                    if r and r[0]:
                        text = "".join(str(c) for c in r[1:] if c is not None)
                        try:
                            data = yaml.load(text, Loader=_Loader)
                        except yaml.YAMLError:
                            data = None
                        if isinstance(data, dict):
                            metas[str(r[0])] = data
                            meta_texts[str(r[0])] = text
                continue
            if ws.sheet_state != "visible":
                continue
            t = _find_table(rows, "columns", ws.title)
            if t:
                tables.append(t)
            elif checkins is None:
                checkins = _find_table(rows, "checkin_columns", ws.title)
        if len(tables) > 1:
            summaries = [t for t in tables if _norm(t.sheet) in summary_names]
            own = [t for t in tables if _norm(t.sheet) not in summary_names]
            if summaries and own:
                _refuse_summary_edits(summaries, metas, path)
            tables = own or tables
    if not tables:
        return []
    groups: dict[str, list[tuple[_Table, int, dict]]] = {}
    for t in tables:
        for n, cells in t.rows:
            row = {k: _cell(v) for k, v in zip(t.keys, cells) if k}
            if not any(v not in (None, "") for v in row.values()):
                continue
            name = str(row.get("plan") or t.sheet or _stem(path))
            groups.setdefault(name, []).append((t, n, row))
    ck: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    if checkins:
        for n, cells in checkins.rows:
            row = {k: _cell(v) for k, v in zip(checkins.keys, cells) if k}
            if any(v not in (None, "") for v in row.values()):
                ck.setdefault((str(row.get("plan") or ""), str(row.get("kr_id") or "")), []).append((n, row))
    where = path if not checkins else f"{path} [{checkins.sheet}]"
    out = []
    for name, rows in groups.items():
        plan = SheetPlanData(_build(name, rows, metas.get(name), ck if checkins else None, path, where))
        if name in metas and plan == metas[name]:
            plan.text = meta_texts[name]  # nothing edited: the file comes back byte for byte
        out.append((name, plan))
    return out


def read_sheet(path: str) -> list[dict]:
    return [plan for _, plan in read_sheet_named(path)]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that keeps dates as the strings the plan had."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _stem(path: str) -> str:
    from pathlib import Path

    return Path(path).stem


def _cell(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        v = v.strip()
    return v


def _num(value: Any, key: str, file: str, sheet: str, row: int) -> Any:
    """A cell as a number (typed, or text in any form okrgen.numbers reads); None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)):
        return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 and key != "value" else value
    try:
        n = parse_number(str(value).rstrip("%").strip() if key != "confidence" else str(value))
    except NumberError as err:
        place = f"{file}:{row}" + (f" [{sheet}]" if sheet else "")
        raise OkrgenError(
            f"{place}: {key}: {err.reason} ({value!r})",
            [Finding("SHEET", "error", f"{key}: {err.reason} ({value!r})", "Write a plain number, such as 1200 or 35%.", file, row, None)],
        ) from None
    return int(n) if float(n).is_integer() else n


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict):  # a text in several languages: the sheet showed one of them
        return any(_same(v, b) for v in a.values())
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return float(a) == float(b)
    return ("" if a is None else str(a)) == ("" if b is None else str(b))


def _set(item: dict, key: str, value: Any) -> None:
    """Lay a cell over a field: equal values keep the plan's own spelling; an empty cell removes it."""
    if _same(item.get(key), value):
        return
    if value in (None, ""):
        item.pop(key, None)
    else:
        item[key] = value


def _period_text(period: Any) -> str:
    if isinstance(period, dict):
        return f"{period.get('start', '')}..{period.get('end', '')}"
    return "" if period is None else str(period)


def _period_value(text: Any) -> Any:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return int(text)
    text = str(text or "").strip()
    if ".." in text:
        start, _, end = text.partition("..")
        return {"start": start.strip(), "end": end.strip()}
    return text


def _checkin(row: dict, file: str, sheet: str, n: int) -> dict:
    out: dict = {"date": str(row.get("date") or ""), "value": _num(row.get("value"), "value", file, sheet, n)}
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", out["date"]):
        raise OkrgenError(
            f"{file}:{n} [{sheet}]: date: {out['date']!r} is not a date",
            [Finding("SHEET", "error", f"date: {out['date']!r} is not a date", "Write dates as YYYY-MM-DD.", file, n, None)],
        )
    if out["value"] is None:
        raise OkrgenError(
            f"{file}:{n} [{sheet}]: value is empty",
            [Finding("SHEET", "error", "the check-in has no value", "Fill in the value or delete the row.", file, n, None)],
        )
    for key in ("confidence", "note", "source"):
        v = row.get(key)
        if key == "confidence":
            v = _num(v, key, file, sheet, n)
        if v not in (None, ""):
            out[key] = v
    return out


def _ck_key(c: dict) -> tuple:
    conf = c.get("confidence")
    return (str(c.get("date")), float(c.get("value")), None if conf is None else float(conf), c.get("note") or "", c.get("source") or "")


def _build(name: str, rows: list[tuple[_Table, int, dict]], base: dict | None, ck: dict | None, file: str, ck_where: str) -> dict:
    plan: dict = copy.deepcopy(base) if base else {"version": 1, "title": name, "lang": "en"}
    first = rows[0][2]
    for key in ("team", "owner"):
        if key in first:
            _set(plan, key, first.get(key))
    if "period" in first and _period_text(plan.get("period")) != str(first.get("period") or ""):
        _set(plan, "period", _period_value(first.get("period")))
    old_objs = {}
    for i, o in enumerate((base or {}).get("objectives") or []):
        old_objs[str(o.get("id") or f"O{i + 1}")] = o
    objectives: list[dict] = []
    by_id: dict[str, dict] = {}
    for t, n, row in rows:
        title = row.get("objective")
        oid = str(row.get("objective_id") or "") or (f"O{len(by_id) + 1}" if title and title not in by_id else "")
        key = oid or str(title or "")
        if key not in by_id:
            if not title and not oid:
                if not objectives:
                    raise OkrgenError(
                        f"{file}:{n}: the first key result has no objective",
                        [Finding("SHEET", "error", "no objective for this key result", "Fill in the Objective column.", file, n, None)],
                    )
                key = next(reversed(by_id))
            else:
                old = old_objs.get(oid)
                obj = copy.deepcopy(old) if old is not None else {"id": oid} if oid else {}
                obj["key_results"] = []
                by_id[key] = obj
                objectives.append(obj)
                old_krs = {str(k.get("id") or f"KR{len(by_id)}.{j + 1}"): k for j, k in enumerate((old or {}).get("key_results") or [])}
                obj["_old_krs"] = old_krs
        obj = by_id[key]
        if title:
            _set(obj, "title", title)
        kid = str(row.get("kr_id") or "")
        kr = copy.deepcopy(obj["_old_krs"].get(kid)) if kid and kid in obj["_old_krs"] else ({"id": kid} if kid else {})
        if not row.get("key_result"):
            raise OkrgenError(
                f"{file}:{n}: key_result: the cell is empty",
                [Finding("SHEET", "error", "key result: the cell is empty", "Write the key result's text or delete the row.", file, n, None)],
            )
        _set(kr, "text", str(row["key_result"]))
        for k in ("kind", "metric", "unit", "direction"):
            if k in row:
                _set(kr, k, None if row[k] in (None, "") else str(row[k]))
        for k in ("baseline", "previous", "target"):
            if k in row:
                _set(kr, k, _num(row[k], k, file, t.sheet, n))
        if ck is not None:
            listed = [_checkin(c, file, ck_where, cn) for cn, c in ck.get((name, kid), [])]
            if [_ck_key(c) for c in listed] != [_ck_key(c) for c in kr.get("checkins") or []]:
                if listed:
                    # in date order, and `current` is the latest one's value, as `okrgen checkin`
                    # keeps them: an edited check-in value must not leave the score on the old one
                    listed.sort(key=lambda c: str(c.get("date") or ""))
                    kr["checkins"] = listed
                    kr["current"] = listed[-1]["value"]
                else:
                    kr.pop("checkins", None)
        if not kr.get("checkins"):
            # Current and confidence follow from check-ins where there are any; else they are the plan's.
            for k in ("current", "confidence"):
                if k in row:
                    _set(kr, k, _num(row[k], k, file, t.sheet, n))
        obj["key_results"].append(kr)
    for obj in objectives:
        obj.pop("_old_krs", None)
        if "title" not in obj:
            obj["title"] = "(untitled objective)"
    plan["objectives"] = objectives
    return plan
