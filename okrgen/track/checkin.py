"""Record progress in the plan file: `current` and a dated entry in the KR's `checkins`.

The plan is the user's file, with their comments, blank lines, quoting and key order, so a check-in
must change only the lines it is about. A round-trip dump (ruamel.yaml) keeps comments but attaches
the blank line or comment that follows a KR to that KR's last node, so appending a check-in moves the
separator between two KRs below the new entry, and it can restyle flow collections. Instead the edit
is a splice: PyYAML's composer gives the exact position of every node, the new lines are written in
the style of their neighbours (indentation, dash offset, block or flow), and nothing else is touched.
The result is parsed again and compared with the intended data (the same plan with only those fields
changed) before it is written, atomically, so a splice that went wrong can never reach the disk.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from typing import Any

import yaml

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.numbers import NumberError, is_money_unit, money_code, parse_number, whole_if_whole, written_currency
from okrgen.plan.ids import kr_id, own_id

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class CheckinResult:
    kr_id: str
    pointer: str
    previous: float | None  # `current` before the check-in
    value: float
    current: float  # `current` after (the latest-dated check-in's value)
    date: str
    note: str | None
    confidence: float | None = None
    skipped: bool = False  # the same date and value were already recorded: nothing added
    warning: str | None = None  # why the value looked wrong for its key result, when --force recorded it


@dataclass(frozen=True)
class Entry:
    """One value to record. `kr` is the id the PDF shows (KR1.2) or the KR's metric name; what is
    not given here comes from the call (its date, note, confidence)."""

    kr: str
    value: int | float
    date: str | None = None
    note: str | None = None
    confidence: float | None = None
    source: str | None = None  # the file it was imported from
    where: str = ""  # "values.csv:12: " for messages about this entry
    typed: str | None = None  # the value as the person typed it ("€1.2M", "0.45"), to check it against the KR


# --------------------------------------------------------------------------------------------------
# Inputs


def parse_value(text: str, kr_id: str = "") -> int | float:
    """A check-in value as people type it ("37", "1,400,000", "$10,200", "27%", "1.4M", "350万"),
    read by the one number parser; a "%" is dropped, the value is in the KR's own unit."""
    where = f" for {kr_id}" if kr_id else ""
    try:
        return whole_if_whole(parse_number(text))
    except NumberError as err:
        if err.reason == "too_large":
            raise OkrgenError(f"check-in value{where} is too large: {err.text}", hint="Figures above 10^15 are not supported.") from None
        if err.reason == "not_finite":
            raise OkrgenError(f"check-in value{where} must be a finite number, got {text!r}") from None
        hint = "Write a figure, e.g. 37, 0.4, 1,400,000, 1.4M or 27%."
        m = re.fullmatch(r"\s*([+-]?\d[\d\s.,]*?)\s*([^\d\s.,%]+\.?)\s*", str(text))
        if m:  # "31天", "31 days", "40 deals": the unit is the key result's own; write the figure alone
            hint = f"Write the figure without a unit (the key result's unit is implied): {kr_id or 'KR'}={m.group(1).strip()}; figures look like 37, 0.4, 1,400,000, 1.4M or 27%."
        raise OkrgenError(f"check-in value{where} must be a number, got {text!r}", hint=hint) from None


def parse_assignment(text: str) -> tuple[str, int | float]:
    """ "KR1.2=37" → ("KR1.2", 37)."""
    entry = parse_entry(text)
    return entry.kr, entry.value


def parse_entry(text: str) -> Entry:
    """ "KR1.2=37" → Entry("KR1.2", 37), keeping "37" as typed: whether a "%" or a currency was
    written is checked against the key result once the plan is read."""
    if "=" not in text:
        raise OkrgenError(f"expected KR_ID=VALUE, got {text!r}", hint="e.g. okrgen checkin plan.yaml KR1.2=37")
    kr_id, value = text.split("=", 1)
    kr_id = kr_id.strip()
    if not kr_id:
        raise OkrgenError(f"expected KR_ID=VALUE, got {text!r}", hint="e.g. okrgen checkin plan.yaml KR1.2=37")
    return Entry(kr_id, parse_value(value, kr_id), typed=value.strip())


def _figures(kr: dict) -> list[float]:
    return [float(v) for v in (kr.get(k) for k in ("baseline", "previous", "target")) if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _money_unit(kr: dict, plan_currency: Any) -> str | None:
    """The currency code of a money KR (its unit, or the plan's currency for a sign), else None."""
    unit = str(kr.get("unit") or "").strip()
    currency = str(plan_currency or "").strip().upper()
    if unit and (is_money_unit(unit) or unit.upper() == currency):
        return money_code(unit, currency) or None
    return None


def implausible(kr_id: str, kr: dict, e: Entry, plan_currency: Any = None) -> tuple[str, str, bool] | None:
    """(message, hint, may_force) when a value cannot be what the key result measures: another
    currency than the KR's, money typed for a count or a percentage, a negative figure where the
    plan's own figures are never negative, a percentage past 100 % for a KR that stays within it,
    or a bare fraction (0.45) where the KR runs in whole percentages (45 %). A head of sales reads
    the score of what was typed; a silent 250 % win rate or a euro figure booked as dollars is
    worse than a question now. All but the currency can be recorded anyway with --force."""
    value = float(e.value)
    typed = e.typed
    unit = str(kr.get("unit") or "").strip()
    money = _money_unit(kr, plan_currency)
    named = written_currency(typed) if typed else None
    if named is not None and money is not None and money not in named:
        return (
            f"{e.where}{kr_id} is in {money}; {typed!r} is in {'/'.join(sorted(named))}",
            f"Convert the figure to {money} and type it without the other currency's sign.",
            False,
        )
    if named is not None and money is None and unit:
        return (f"{e.where}{kr_id} is measured in {unit}; {typed!r} is money", f"Type the figure in {unit}, e.g. {kr_id}=37.", False)
    figures = _figures(kr)
    if value < 0 and figures and all(f >= 0 for f in figures):
        return (
            f"{e.where}{kr_id}: {typed or _num(value)} is below zero, while its baseline and target are not",
            "Check the figure; if it really is negative, record it with --force.",
            True,
        )
    if unit == "%" and figures:
        if value > 100 and all(f <= 100 for f in figures):
            return (
                f"{e.where}{kr_id} is a percentage from {_num(figures[0])} % to {_num(figures[-1])} %; {typed or _num(value)} is above 100 %",
                "Check the figure; if it really is above 100 %, record it with --force.",
                True,
            )
        if typed and "%" not in typed and 0 < value < 1 and all(f >= 1 for f in figures):
            return (
                f"{e.where}{kr_id} is in percent; {typed} reads as {typed} %, not {_num(value * 100)} %",
                f"Type {kr_id}={_num(value * 100)}% for {_num(value * 100)} percent, or {kr_id}={typed}% if {typed} % is right.",
                True,
            )
    return None


def _num(v: float) -> str:
    return f"{v:,.10g}"


def parse_confidence(text: str | float | None, where: str = "") -> float | None:
    """Confidence 0–10 (as puzzle/okr and Tability use), through the one number parser."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = whole_if_whole(parse_number(text, percent=False)) if isinstance(text, str) else text
    except NumberError:
        raise OkrgenError(f"{where}confidence must be a number from 0 to 10, got {text!r}") from None
    if isinstance(value, bool) or not 0 <= value <= 10:
        raise OkrgenError(f"{where}confidence must be a number from 0 to 10, got {text!r}", hint="0 = no chance, 10 = certain.")
    return value


def parse_notes(items: list[str] | None) -> tuple[str | None, dict[str, str]]:
    """--note values: "KR1.2=two deals slipped" is that KR's own note; any other text is the note
    of every check-in of the command."""
    general, per_kr = None, {}
    for item in items or []:
        m = re.match(r"^\s*(KR\d+\.\d+)\s*=(.*)$", item, re.S)
        if m:
            per_kr[m.group(1)] = m.group(2).strip()
        elif general is None:
            general = item
        else:
            raise OkrgenError("--note without a KR id is given twice", hint='Give one general note, or one per key result: --note KR1.2="two deals slipped"')
    return general, per_kr


def check_date(date: str, period: Any, today: dt.date, *, force: bool = False, what: str = "check-in") -> None:
    """A check-in dated in the future or outside the plan's period is refused unless forced."""
    if force:
        return
    day = dt.date.fromisoformat(date)
    if period is not None:
        from okrgen.period import parse_period

        try:
            p = parse_period(period)
        except OkrgenError:
            p = None  # the plan's own check reports a bad period
        if p is not None and not p.contains(day):
            raise OkrgenError(
                f"{what} is dated {date}, outside the plan's period {p.label} ({p.start.isoformat()} to {p.end.isoformat()})",
                hint="Check the date (or the plan), or add --force to record it anyway.",
            )
    if day > today:
        raise OkrgenError(
            f"{what} is dated {date}, after today ({today.isoformat()})",
            hint="Give the day the value was measured with --date, or add --force to record it anyway.",
        )


def parse_date(text: str | None) -> str:
    if text is None:
        from okrgen.plan.defaults import today  # honours OKRGEN_TODAY (tests, reproducible runs)

        return today().isoformat()
    t = str(text).strip()
    try:
        if not _DATE.match(t):
            raise ValueError
        dt.date.fromisoformat(t)
    except ValueError:
        raise OkrgenError(f"--date must be a real date written YYYY-MM-DD, got {text!r}") from None
    return t


# --------------------------------------------------------------------------------------------------
# Finding the KR in the text


def _compose(text: str, file: str = "<plan>") -> yaml.Node:
    # The pure-Python composer: its columns count characters, which is what the splice needs.
    # It is stricter than libyaml, which read the plan: a tab after a colon passes there only.
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = getattr(err, "problem", None) or str(err)
        message = f"check-ins cannot edit this file: {problem}"
        fix = "Use spaces, not tabs, between a key and its value; the file was not changed."
        raise OkrgenError(f"{file}:{line}:{col}: {message}", [Finding("CHECKIN-YAML", "error", message, fix, file, line, col)]) from None


def _get(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def _kr_nodes(root: yaml.Node) -> dict[str, tuple[yaml.MappingNode, yaml.ScalarNode]]:
    """KR pointer → (KR mapping node, the `key_results` key node that holds it).

    By place, not id: which id names which key result is decided once, on the data, in
    apply_checkins."""
    out = {}
    objs = _get(root, "objectives")
    if not objs or not isinstance(objs[1], yaml.SequenceNode):
        return out
    for i, obj in enumerate(objs[1].value):
        krs = _get(obj, "key_results")
        if not krs or not isinstance(krs[1], yaml.SequenceNode):
            continue
        for j, kr in enumerate(krs[1].value):
            out[f"/objectives/{i}/key_results/{j}"] = (kr, krs[0])
    return out


def _refuse_aliases(kr: yaml.MappingNode, file: str) -> None:
    """A value written as an alias (`current: *b`) is the anchored node, which stands elsewhere in
    the file: splicing it would edit the anchor's line, not this one. The composer keeps no alias
    positions, but an alias's node starts before its own key ends, which no written value does."""
    if kr.start_mark.index < 0:
        return
    for key, value in kr.value:
        nodes = [value] + (list(value.value) if isinstance(value, yaml.SequenceNode) else [])
        for node in nodes:
            if node.start_mark.index < key.end_mark.index:
                line, col = key.start_mark.line + 1, key.start_mark.column + 1
                message = f"`{key.value}` holds an alias (*name) of a value written elsewhere; check-ins cannot edit a shared value"
                fix = "Write the value itself in place of the alias; the file was not changed."
                raise OkrgenError(f"{file}:{line}:{col}: {message}", [Finding("CHECKIN-YAML", "error", message, fix, file, line, col)])


def _end(node: yaml.Node) -> tuple[int, int]:
    """(line, col), 0-based, just past the node's own text (not the comments or blank lines after it)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    mark = node.end_mark
    if mark.column == 0 and mark.line > node.start_mark.line:  # block scalar: ends with the line before
        return mark.line - 1, 10**9
    return mark.line, mark.column


def _dash_col(lines: list[str], item: yaml.Node) -> int:
    """Column of the '-' that introduces a block sequence item."""
    line = lines[item.start_mark.line]
    pos = line.rfind("-", 0, item.start_mark.column)
    return pos if pos >= 0 else max(0, item.start_mark.column - 2)


# --------------------------------------------------------------------------------------------------
# Writing scalars


def _number_text(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    if "e" in text or "E" in text:  # YAML 1.1 reads 1e-05 as text; write plain decimals
        text = format(value, "f").rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def _string_text(value: str, flow: bool) -> str:
    """Plain when it reads back as the same string in this context, else a double-quoted scalar."""
    if value and value == value.strip() and "\n" not in value:
        probe = f"[{{k: {value}}}]" if flow else f"k: {value}"
        try:
            back = yaml.safe_load(probe)
            got = back[0]["k"] if flow else back["k"]
            if got == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _entry_fields(date: str, value: int | float, note: str | None, flow: bool, extra: dict | None = None) -> list[tuple[str, str]]:
    fields = [("date", date), ("value", _number_text(value))]
    if note:
        fields.append(("note", _string_text(note, flow)))
    for key, v in (extra or {}).items():
        fields.append((key, _number_text(v) if isinstance(v, (int, float)) else _string_text(str(v), flow)))
    return fields


# --------------------------------------------------------------------------------------------------
# The splice


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _append_checkin(text: str, pointer: str, date: str, value: int | float, note: str | None, extra: dict | None = None) -> str:
    nl = _newline(text)
    lines = text.split(nl)
    kr, krs_key = _kr_nodes(_compose(text))[pointer]
    key_col = kr.start_mark.column
    pair = _get(kr, "checkins")
    if pair and isinstance(pair[1], yaml.SequenceNode) and pair[1].flow_style:
        # checkins: [ ... ] → add one flow mapping before the closing bracket, on the same line.
        seq = pair[1]
        line_no, col = seq.end_mark.line, seq.end_mark.column - 1  # the ']'
        item = "{" + ", ".join(f"{k}: {v}" for k, v in _entry_fields(date, value, note, flow=True, extra=extra)) + "}"
        line = lines[line_no]
        before = line[:col].rstrip()
        sep = "" if before.endswith("[") else ", "
        lines[line_no] = before + sep + item + line[col:]
        return nl.join(lines)
    if kr.flow_style:
        # {text: …, target: 2} → {text: …, target: 2, checkins: [{date: …, value: …}]}
        item = "[{" + ", ".join(f"{k}: {v}" for k, v in _entry_fields(date, value, note, flow=True, extra=extra)) + "}]"
        if pair and isinstance(pair[1], yaml.ScalarNode):  # `checkins: null` or `checkins: ~`
            _replace_scalar(lines, pair[1], item)
        else:
            _add_to_flow_mapping(lines, kr, f"checkins: {item}")
        return nl.join(lines)
    if pair and isinstance(pair[1], yaml.SequenceNode) and pair[1].value:
        seq = pair[1]
        first = seq.value[0]
        dash = _dash_col(lines, first)
        at = _end(seq.value[-1])[0] + 1
        if isinstance(first, yaml.MappingNode) and first.flow_style:
            item = "{" + ", ".join(f"{k}: {v}" for k, v in _entry_fields(date, value, note, flow=True, extra=extra)) + "}"
            new = [" " * dash + "- " + item]
        else:
            inner = first.start_mark.column if isinstance(first, yaml.MappingNode) else dash + 2
            fields = _entry_fields(date, value, note, flow=False, extra=extra)
            new = [" " * dash + "-" + " " * (inner - dash - 1) + f"{fields[0][0]}: {fields[0][1]}"]
            new += [" " * inner + f"{k}: {v}" for k, v in fields[1:]]
        lines[at:at] = new
        return nl.join(lines)
    # No checkins yet (missing key, `checkins:` with no value, `checkins: null`, or an empty block).
    kr_item_dash = _dash_col(lines, kr)
    offset = max(0, kr_item_dash - krs_key.start_mark.column)  # how this file indents a list under its key
    dash = key_col + offset
    inner = dash + (key_col - kr_item_dash)
    fields = _entry_fields(date, value, note, flow=False, extra=extra)
    items = [" " * dash + "-" + " " * (inner - dash - 1) + f"{fields[0][0]}: {fields[0][1]}"]
    items += [" " * inner + f"{k}: {v}" for k, v in fields[1:]]
    if pair:
        key_node, value_node = pair
        line_no = key_node.start_mark.line
        line = lines[line_no]
        if isinstance(value_node, yaml.ScalarNode) and value_node.end_mark.line == line_no:
            # drop an explicit `null` / `~`, keep an end-of-line comment
            line = line[: value_node.start_mark.column].rstrip() + line[value_node.end_mark.column :]
            lines[line_no] = line.rstrip() if "#" not in line[key_node.end_mark.column :] else line
        lines[line_no + 1 : line_no + 1] = items
        return nl.join(lines)
    at = _end(kr)[0] + 1
    lines[at:at] = [" " * key_col + "checkins:"] + items
    return nl.join(lines)


def _add_to_flow_mapping(lines: list[str], node: yaml.MappingNode, pair: str) -> None:
    """One more `key: value` just before the closing brace of a flow mapping, on its line."""
    line_no, col = node.end_mark.line, node.end_mark.column - 1  # the '}'
    line = lines[line_no]
    before = line[:col].rstrip()
    lines[line_no] = before + ("" if before.endswith("{") else ", ") + pair + line[col:]


def _replace_scalar(lines: list[str], node: yaml.ScalarNode, text: str) -> None:
    line_no = node.start_mark.line
    if node.end_mark.line != line_no:
        raise OkrgenError("`checkins` must be on one line to be filled in")
    line = lines[line_no]
    lines[line_no] = line[: node.start_mark.column] + text + line[node.end_mark.column :]


def _set_current(text: str, pointer: str, kr_id: str, value: int | float) -> str:
    nl = _newline(text)
    lines = text.split(nl)
    kr, _ = _kr_nodes(_compose(text))[pointer]
    pair = _get(kr, "current")
    number = _number_text(value)
    if pair:
        key_node, node = pair
        if isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None:
            # `current:` with no value: the empty node's mark may sit on the next line
            line_no = key_node.start_mark.line
            line = lines[line_no]
            colon = line.index(":", key_node.end_mark.column) + 1
            lines[line_no] = line[:colon] + " " + number + line[colon:]
            return nl.join(lines)
        if not isinstance(node, yaml.ScalarNode) or node.start_mark.line != node.end_mark.line:
            raise OkrgenError(f"{kr_id}: `current` must be a single number on its line to be updated")
        line_no = node.start_mark.line
        line = lines[line_no]
        lines[line_no] = line[: node.start_mark.column] + number + line[node.end_mark.column :]
        return nl.join(lines)
    if kr.flow_style:
        _add_to_flow_mapping(lines, kr, f"current: {number}")
        return nl.join(lines)
    after = _get(kr, "target") or _get(kr, "baseline")
    anchor = after[1] if after else kr.value[-1][1]
    at = _end(anchor)[0] + 1
    lines[at:at] = [" " * kr.start_mark.column + f"current: {number}"]
    return nl.join(lines)


def _latest(checkins: list[dict]) -> Any:
    """The value of the latest-dated check-in (the last written among equal dates)."""
    best = max(range(len(checkins)), key=lambda i: (str(checkins[i].get("date") or ""), i))
    return checkins[best]["value"]


def apply_checkins(
    text: str,
    updates: list[tuple[str, int | float] | Entry],
    *,
    date: str,
    note: str | None = None,
    file: str = "<plan>",
    notes: dict[str, str] | None = None,
    confidence: float | None = None,
    today: dt.date | None = None,
    force: bool = False,
) -> tuple[str, list[CheckinResult]]:
    """The plan text with the check-ins recorded, and what changed. Pure: no file is touched.

    An update is (KR id, value) or an Entry with its own date, note, confidence and source. A KR is
    named by id or by its metric name. A value already recorded for that KR on that date is not
    added again (importing the same export twice adds nothing). With `today`, a date in the future
    or outside the plan's period is refused unless `force`."""
    entries = [u if isinstance(u, Entry) else Entry(u[0], u[1]) for u in updates]
    from okrgen.plan.yamlload import loads

    before = loads(text, file)
    composed = _compose(text, file)  # the splice's own reading of the file must work before anything is done
    for kr_node, _ in _kr_nodes(composed).values():
        if isinstance(kr_node, yaml.MappingNode):
            _refuse_aliases(kr_node, file)
    data = before.data
    if not isinstance(data, dict):
        raise OkrgenError(f"{file}: not a plan (expected a mapping with objectives)")
    where: dict[str, tuple[str, dict]] = {}
    placed: dict[str, tuple[str, dict]] = {}
    for i, obj in enumerate(data.get("objectives") or []):
        for j, kr in enumerate((obj or {}).get("key_results") or [] if isinstance(obj, dict) else []):
            if not isinstance(kr, dict):
                continue
            pointer = f"/objectives/{i}/key_results/{j}"
            kid = own_id(kr)
            if kid is None:
                placed[kr_id(i, j, kr)] = (pointer, kr)  # shown as KR2.3 on the PDF and by `score`
                continue
            if kid in where:
                ptr = f"{pointer}/id"
                line, col = before.position(ptr)
                msg = f"key result id {kid} appears twice; a check-in needs each id once"
                raise OkrgenError(msg, [Finding("CHECKIN-ID", "error", msg, "Give each key result its own id.", file, line, col, ptr)])
            where[kid] = (pointer, kr)
    where = {**{k: v for k, v in placed.items() if k not in where}, **where}
    ids = sorted(where, key=lambda k: [int(n) for n in where[k][0].split("/")[2::2]])  # plan order
    by_metric: dict[str, list[str]] = {}
    for kid in ids:
        metric = where[kid][1].get("metric")
        if isinstance(metric, str) and metric:
            by_metric.setdefault(metric, []).append(kid)
    resolved = []
    for e in entries:
        kid = e.kr
        if kid not in where and len(by_metric.get(kid, [])) == 1:
            kid = by_metric[kid][0]
        elif kid not in where and by_metric.get(kid):
            raise OkrgenError(f"{e.where}{file}: metric {kid!r} names {', '.join(by_metric[kid])}; give the key result's id instead")
        if kid not in where:
            listing = ", ".join(ids) if ids else "none (the plan has no key results)"
            raise OkrgenError(f"{e.where}{file}: no key result with id {kid!r}; the ids are {listing}")
        day = e.date or date
        if today is not None:
            check_date(day, data.get("period"), today, force=force, what=f"{e.where}the check-in of {kid}")
        odd = implausible(kid, where[kid][1], e, data.get("currency"))
        if odd is not None and not (force and odd[2]):
            raise OkrgenError(odd[0], hint=odd[1])
        resolved.append((kid, e, day, odd[0] if odd else None))

    expected = copy.deepcopy(data)
    results = []
    for kid, e, day, warning in resolved:
        value = e.value
        pointer, _ = where[kid]
        _, i, _, j = pointer.strip("/").split("/")
        kr = expected["objectives"][int(i)]["key_results"][int(j)]
        previous = kr.get("current")
        kr_note = (notes or {}).get(kid) or e.note or note
        kr_conf = e.confidence if e.confidence is not None else confidence
        old = kr.get("checkins") if isinstance(kr.get("checkins"), list) else []
        if any(
            isinstance(c, dict)
            and str(c.get("date")) == day
            and c.get("value") == value
            and (kr_note is None or c.get("note") == kr_note)  # a new note on the same figure is kept, not dropped
            and (kr_conf is None or c.get("confidence") == kr_conf)
            for c in old
        ):
            results.append(CheckinResult(kid, pointer, previous, value, previous, day, kr_note, kr_conf, skipped=True))
            continue
        entry = {"date": day, "value": value}
        if kr_note:
            entry["note"] = kr_note
        extra = {}
        if kr_conf is not None:
            extra["confidence"] = kr_conf
        if e.source:
            extra["source"] = e.source
        entry.update(extra)
        if not isinstance(kr.get("checkins"), list):
            kr["checkins"] = []
        kr["checkins"].append(entry)
        current = _latest(kr["checkins"])
        text = _append_checkin(text, pointer, day, value, kr_note, extra)
        if current != previous or "current" not in kr:
            kr["current"] = current
            text = _set_current(text, pointer, kid, current)
        results.append(CheckinResult(kid, pointer, previous, value, current, day, kr_note, kr_conf, warning=warning))

    after = loads(text, file).data
    if after != expected:
        raise OkrgenError(
            f"{file}: could not record the check-in without disturbing other lines; the file was not changed",
            hint="Please report this with the plan file; meanwhile edit `current` and `checkins` by hand.",
        )
    return text, results


def checkin(
    path: str | os.PathLike,
    updates: list[tuple[str, int | float] | Entry],
    *,
    note: str | None = None,
    date: str | None = None,
    **options: Any,
) -> list[CheckinResult]:
    """Record check-ins in a plan file, validate the result as a plan, write it atomically.

    The read, the edit and the write happen under the plan's lock, and the write checks the file
    still holds what was read: twenty check-ins started at once all land, one after another."""
    from okrgen.plan.atomic import locked, real_target, refuse_read_only, write_atomic
    from okrgen.plan.planfile import check_plan, load_plan
    from okrgen.plan.yamlload import loads

    refuse_read_only(real_target(path))
    with locked(path):
        loaded = load_plan(path)  # refuse to edit a plan that is already broken: fix it first
        text, results = apply_checkins(loaded.text, updates, date=parse_date(date), note=note, file=str(path), **options)
        if not any(not r.skipped for r in results):
            return results  # everything was already recorded: the file is left as it is
        check_plan(loads(text, str(path)))
        write_atomic(path, text, force=True, expect=loaded.text)
    return results
