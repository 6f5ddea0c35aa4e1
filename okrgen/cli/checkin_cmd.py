"""`okrgen checkin plan.yaml KR1.2=37 [--note …] [--date …]`: record progress in the plan file.

Only the lines of the key results checked in change; see okrgen.track.checkin for how.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "checkin",
        help="record a key result's new value (current + a dated check-in) in the plan file",
        description=(
            "Set `current` and append {date, value, note} to `checkins` of each key result named by id, "
            "keeping every other line of the file (comments, layout) as it was. The file is written atomically."
        ),
        epilog='example: okrgen checkin plan.yaml KR1.2=37 --note "two big deals slipped"',
    )
    p.add_argument("plan", help="plan file (YAML)")
    p.add_argument("values", nargs="+", metavar="KR_ID=VALUE", help="e.g. KR1.2=37")
    p.add_argument("--note", help="what happened (stored with the check-in)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="date of the check-in (default today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from okrgen.track.checkin import checkin, parse_assignment, parse_date

    updates = [parse_assignment(v) for v in args.values]
    date = parse_date(args.date)  # validate before touching the file
    for r in checkin(args.plan, updates, note=args.note, date=date):
        prev = "—" if r.previous is None else f"{r.previous:g}"
        line = f"{args.plan}: {r.kr_id} = {r.value:g} on {r.date} (current {prev} → {r.current:g})"
        if r.current != r.value:
            line += f"; a later check-in keeps current at {r.current:g}"
        sys.stdout.write(line + "\n")
    return 0
