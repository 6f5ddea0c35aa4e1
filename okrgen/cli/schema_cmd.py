"""`okrgen schema plan|template|config`: print a JSON Schema, for editors and CI."""

from __future__ import annotations

from pathlib import Path

from okrgen.cli._common import emit
from okrgen.resources import folder

NAMES = ("plan", "template", "config")


def register(sub) -> None:
    p = sub.add_parser("schema", help="print a JSON Schema (plan, template, config)")
    p.add_argument("name", choices=NAMES)
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=run)


def run(args) -> int:
    text = (folder("schemas") / f"{args.name}.schema.json").read_text(encoding="utf-8")
    if args.output:
        from okrgen.plan.atomic import write_atomic

        write_atomic(Path(args.output), text, force=args.force)
    else:
        emit(text)
    return 0
