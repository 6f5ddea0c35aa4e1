"""`okrgen update plan.yaml [--set NAME=VALUE]`: re-fill a plan from its template and stored answers,
keeping progress and the team's own edits (okrgen.catalog.refill says how)."""

from __future__ import annotations

import sys

from okrgen.cli._common import add_catalog_arg, catalog_from_args
from okrgen.errors import OkrgenError


def register(sub) -> None:
    p = sub.add_parser(
        "update",
        help="re-fill a plan from its template and answers, keeping check-ins and your edits",
        description=(
            "Fill the plan's template again with the answers stored in the plan (source.answers), changed by --set, "
            "and write it back: texts and figures the template generates follow the new answers or template; "
            "current values, check-ins, confidence, weights, your own key results and any text you edited are kept."
        ),
        epilog="example: okrgen update plan.yaml --set revenue_target=4000000",
    )
    p.add_argument("plan", help="plan file made by `okrgen new` (YAML)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="change an answer (repeatable)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of back to the plan")
    p.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    p.add_argument("--dry-run", action="store_true", help="print the re-filled plan; change nothing")
    add_catalog_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from okrgen.catalog.fill import fill, resolve
    from okrgen.catalog.refill import refill
    from okrgen.cli.new_cmd import parse_sets
    from okrgen.plan.atomic import locked, write_atomic
    from okrgen.plan.planfile import dump_plan, load_plan, loads_plan

    loaded = load_plan(args.plan)
    old = loaded.data
    source = old.get("source") if isinstance(old, dict) else None
    if not isinstance(source, dict) or not source.get("template"):
        raise OkrgenError(
            f"{args.plan}: the plan has no source.template, so there is nothing to re-fill it from",
            hint="Only plans made by `okrgen new` (or with a `source:` block) can be updated.",
        )
    lang = old.get("lang") or "en"
    catalog = catalog_from_args(args)
    template = catalog.get(source["template"], validate=not catalog.is_builtin(source["template"]))
    answers = dict(source.get("answers") or {})
    sets = parse_sets(args.set)
    before = fill(template, lang, resolve(template, lang, answers))
    new = fill(template, lang, resolve(template, lang, {**answers, **sets}))
    plan, edited = refill(old, before, new)
    text = dump_plan(plan)
    loads_plan(text, str(args.output or args.plan))  # the result must be a valid plan before it is written
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    out = Path(args.output) if args.output else Path(args.plan)
    if args.output:
        write_atomic(out, text, force=args.force)
    else:
        with locked(out):  # a check-in that landed since the plan was read is not overwritten
            write_atomic(out, text, force=True, expect=loaded.text)
    sys.stderr.write(f"okrgen: updated {out} from {template.id} v{template.version}")
    if sets:
        sys.stderr.write(" with " + ", ".join(f"{k}={v}" for k, v in sets.items()))
    sys.stderr.write("\n")
    for field in edited:
        sys.stderr.write(f"  kept your edit: {field}\n")
    return 0
