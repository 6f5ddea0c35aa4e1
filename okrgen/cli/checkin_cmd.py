"""`okrgen checkin plan.yaml KR1.2=37 [--note …] [--date …]`, or `--from values.csv [--map map.yaml]`:
record progress in the plan file.

Only the lines of the key results checked in change; see okrgen.track.checkin for how, and
okrgen.track.csvimport for reading exports.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "checkin",
        help="record key results' new values (current + a dated check-in) in the plan file",
        description=(
            "Set `current` and append {date, value, note, confidence} to `checkins` of each key result named by id "
            "(or metric name), keeping every other line of the file (comments, layout) as it was. Values come from "
            "the command line or a CSV: a plain kr,value,date sheet, or a CRM export read through --map. A value "
            "already recorded for a key result on that date is not added again. Dates in the future or outside the "
            "plan's period are refused unless --force, and so are values that cannot be what the key result measures: "
            "another currency, money for a count, below zero where the baseline and target are not, past 100%% for a "
            "percentage that stays within it, or 0.45 for a KR in whole percentages (type 45%% or 0.45%%). "
            "The file is written atomically."
        ),
        epilog=(
            'examples: okrgen checkin plan.yaml KR1.2=37 --note "two big deals slipped" | '
            'okrgen checkin plan.yaml KR1.1=950K KR1.2=40 --note KR1.2="two deals slipped" --confidence 6 | '
            "okrgen checkin plan.yaml --from values.csv | "
            "okrgen checkin plan.yaml --from deals.csv --map docs/checkin-maps/hubspot-deals.yaml --dry-run"
        ),
    )
    p.add_argument("plan", help="plan file (YAML)")
    p.add_argument("values", nargs="*", metavar="KR_ID=VALUE", help="e.g. KR1.2=37, KR1.1=1.4M, KR2.3=27%%")
    p.add_argument("--from", dest="from_file", metavar="CSV", help="read values from a CSV (kr,value,date; or a CRM export with --map)")
    p.add_argument("--map", metavar="YAML", help="how to count a CRM export's rows per key result (docs/checkin-maps/)")
    p.add_argument("--note", action="append", metavar="TEXT", help='what happened; KR1.2="…" for one key result (repeatable)')
    p.add_argument(
        "--confidence", action="append", metavar="0-10", help="your confidence of reaching the targets, 0 to 10; KR1.2=6 for one key result (repeatable)"
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the check-in (default today; for --map, the latest row date)")
    p.add_argument("--dry-run", action="store_true", help="print what would be recorded; change nothing")
    p.add_argument(
        "--force",
        action="store_true",
        help="record a check-in dated in the future or outside the plan's period, or a value that looks wrong for its key result "
        "(below zero, past 100%%, a bare fraction of a percentage); another currency is never recorded",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="json: what was recorded, one object per key result")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from okrgen.errors import OkrgenError
    from okrgen.plan.defaults import today
    from okrgen.track.checkin import apply_checkins, checkin, parse_confidence, parse_date, parse_entry, parse_notes

    if not args.values and not args.from_file:
        raise OkrgenError("nothing to record: give KR_ID=VALUE pairs or --from values.csv", hint="e.g. okrgen checkin plan.yaml KR1.2=37")
    if args.map and not args.from_file:
        raise OkrgenError("--map reads a CRM export: give it with --from export.csv")
    updates: list = [parse_entry(v) for v in args.values]
    date = parse_date(args.date)  # validate before touching the file
    note, notes = parse_notes(args.note)
    confidence, per_kr = _confidences(args.confidence, parse_confidence)
    if per_kr:
        named = {u.kr for u in updates}
        unknown = sorted(set(per_kr) - named)
        if unknown:
            raise OkrgenError(
                f"--confidence {unknown[0]}=…: no value is checked in for {unknown[0]}", hint="Give KR_ID=VALUE for it too, or drop its confidence."
            )
        updates = [replace(u, confidence=per_kr[u.kr]) if u.kr in per_kr else u for u in updates]
    if args.from_file:
        updates += _from_file(args, date)
        if not updates:
            sys.stdout.write(f"{args.from_file}: no rows to record\n")
            return 0
    options = dict(note=note, notes=notes, confidence=confidence, today=today(), force=args.force)
    if args.dry_run:
        from okrgen.plan.planfile import load_plan

        loaded = load_plan(args.plan)
        _, results = apply_checkins(loaded.text, updates, date=date, file=str(args.plan), **options)
    else:
        note_arg = options.pop("note")
        results = checkin(args.plan, updates, note=note_arg, date=date, **options)
    if getattr(args, "format", "text") == "json":
        import json
        from dataclasses import asdict

        data = {"version": 1, "command": "checkin", "plan": str(args.plan), "dry_run": bool(args.dry_run), "recorded": [asdict(r) for r in results]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    prefix = "would record: " if args.dry_run else ""
    fig = _figure_writer(args.plan)
    for r in results:
        if r.skipped:
            sys.stdout.write(f"{args.plan}: {r.kr_id} = {fig(r.value, r.pointer)} on {r.date}: already recorded, nothing added\n")
            continue
        prev = "—" if r.previous is None else fig(r.previous, r.pointer)
        line = f"{prefix}{args.plan}: {r.kr_id} = {fig(r.value, r.pointer)} on {r.date} (current {prev} → {fig(r.current, r.pointer)})"
        if r.current != r.value:
            line += f"; a later check-in keeps current at {fig(r.current, r.pointer)}"
        sys.stdout.write(line + "\n")
        if r.warning:
            sys.stderr.write(f"okrgen: warning: {r.warning} (recorded: --force)\n")
    return 0


def _figure_writer(plan_path):
    """Figures as the plan's PDF and `score` write them: in its language, with the key result's
    unit (410 млн ₽, 28,5 %, 40 deals), not as bare floats."""
    from okrgen.i18n import LANGS
    from okrgen.plan.planfile import load_plan
    from okrgen.track.score import fmt_value

    data = load_plan(plan_path).data
    data = data if isinstance(data, dict) else {}
    lang = data.get("lang") if data.get("lang") in LANGS else "en"
    currency = str(data.get("currency") or "USD")

    def unit(pointer: str):
        node = data
        for part in pointer.strip("/").split("/"):
            node = node[int(part)] if isinstance(node, list) else node.get(part, {})
        return node.get("unit") if isinstance(node, dict) else None

    return lambda value, pointer: fmt_value(value, unit(pointer), lang, currency, compact=False)


def _from_file(args, date: str) -> list:
    from okrgen.track import csvimport

    table = csvimport.read_table(args.from_file)
    if not args.map:
        entries = csvimport.plain_entries(table)
        return [e if e.date else _dated(e, date) for e in entries]
    import datetime as dt

    from okrgen.period import parse_period
    from okrgen.plan.planfile import load_plan

    plan = load_plan(args.plan).data
    period = None
    if isinstance(plan, dict) and plan.get("period") is not None:
        period = parse_period(plan["period"])
    as_of = dt.date.fromisoformat(date)
    return csvimport.mapped_entries(table, csvimport.load_map(args.map), period=period, as_of=as_of, date=args.date and date)


def _dated(entry, date: str):
    from dataclasses import replace

    return replace(entry, date=date)


def _confidences(items: list[str] | None, parse) -> tuple[float | None, dict[str, float]]:
    """--confidence values: "KR1.2=6" is that key result's own; a bare number is every check-in's."""
    import re

    general, per_kr = None, {}
    for item in items or []:
        m = re.match(r"^\s*(KR\d+\.\d+)\s*=(.*)$", item)
        if m:
            per_kr[m.group(1)] = parse(m.group(2).strip(), f"--confidence {m.group(1)}: ")
        elif general is None:
            general = parse(item, "--confidence: ")
        else:
            from okrgen.errors import OkrgenError

            raise OkrgenError("--confidence without a KR id is given twice", hint="Give one for every check-in, or one per key result: --confidence KR1.2=6")
    return general, per_kr
