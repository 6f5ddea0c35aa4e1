"""`okrgen import DRAFT -o plan.yaml`: a draft (Markdown, text, rst, Org, Word, HTML, sheet) becomes a plan.

The draft is read by the same reader `okrgen lint` uses (okrgen.plan.drafts); each key result's
stated figures become plan fields (okrgen.plan.drafts.figures); the plan is checked against the
plan schema before it is written, atomically and never over an existing file without --force.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrgen.errors import OkrgenError
from okrgen.finding import ExitCode

TEXT_KINDS = {".md": "md", ".markdown": "md", ".txt": "txt", ".rst": "rst", ".org": "org"}
OTHER_KINDS = (".docx", ".html", ".htm", ".csv", ".xlsx")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import",
        help="turn an OKR draft (.md .txt .rst .org .docx .html .csv .xlsx) into a plan file",
        description="Read an OKR draft and write a plan (YAML) that validates against the plan schema. Example: okrgen import draft.md -o plan.yaml",
    )
    p.add_argument("draft", help="the draft file")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE|DIR",
        help="the plan file to write (.yaml); a folder for a workbook of several plans (okrgen export's)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=run)


def read_any(path: str):
    """The Draft for any supported file (the reader `lint`, `render` and `import` share)."""
    from okrgen.plan import drafts

    suffix = Path(path).suffix.lower()
    if suffix in TEXT_KINDS:
        from okrgen.plan.yamlload import read_text

        return drafts.parse_draft(read_text(path), path, TEXT_KINDS[suffix])
    if suffix not in OTHER_KINDS:
        raise OkrgenError(f"{path}: not a draft okrgen can read", hint="Drafts: .md .txt .rst .org .docx .html .csv .xlsx.")
    if not Path(path).is_file():
        raise OkrgenError(f"{path}: no such file", hint="Check the path; it is relative to the current directory.")
    if suffix in (".html", ".htm"):
        from okrgen.plan.drafts.html import html_lines
        from okrgen.plan.yamlload import read_text

        text = read_text(path)
        return drafts.draft_from_lines(html_lines(text), text.split("\n"), path, "html", okr_words=bool(drafts._OKR_WORDS.search(text)))
    if suffix == ".docx":
        from okrgen.plan.drafts.docx import docx_lines

        lines = docx_lines(path)
        return drafts.draft_from_lines(lines, [ln.text for ln in lines], path, "docx", okr_words=True)
    return _sheet(path)


def _sheet(path: str):
    from okrgen.plan import drafts

    try:
        from okrgen.plan.sheets import read_sheet  # the full sheet reader, where installed
    except ImportError:
        read_sheet = None
    if read_sheet is not None:
        plans = read_sheet(path)
        if plans:
            plan = plans[0]
            if len(plans) > 1:
                print(f"{path}: {len(plans)} plans in the sheet; importing the first ({plan.get('team') or plan.get('title') or 'untitled'})", file=sys.stderr)
            return drafts.Draft(file=path, kind="sheet", plan=plan, positions={"": (1, 1)}, period_source="the sheet", okr_words=True)
    from okrgen.plan.drafts.sheet import sheet_lines

    lines = sheet_lines(path)
    return drafts.draft_from_lines(lines, [ln.text for ln in lines], path, "sheet", okr_words=True)


def to_plan(draft) -> dict:
    """The plan file's data: the draft's objectives with each key result's stated figures."""
    from okrgen.period import parse_period
    from okrgen.plan.drafts.figures import figures

    plan = draft.plan
    year = None
    if plan.get("period"):
        try:
            year = parse_period(plan["period"]).end.year
        except OkrgenError:
            year = None
    out: dict = {"version": 1, "title": plan.get("title") or Path(draft.file).stem, "lang": plan.get("lang") or "en"}
    if plan.get("period"):
        out["period"] = plan["period"]
    objectives = []
    for o in plan["objectives"]:
        obj: dict = {"title": o.get("title") or "(untitled objective)"}
        if o.get("owner"):
            obj["owner"] = o["owner"]
        krs = []
        for kr in o.get("key_results") or []:
            item: dict = {"text": kr["text"]}
            for k, v in figures(kr["text"], year).items():
                item.setdefault(k, v)
            for k in ("target", "due", "owner"):
                if kr.get(k) is not None:
                    item[k] = kr[k]
            krs.append(item)
        obj["key_results"] = krs
        if o.get("initiatives"):
            obj["initiatives"] = list(o["initiatives"])
        objectives.append(obj)
    out["objectives"] = objectives
    return out


def _sheet_plans(path: str) -> list[tuple[str, dict]]:
    """Whole plans from a sheet in okrgen export's layout ([] for a draft sheet)."""
    if Path(path).suffix.lower() not in (".csv", ".xlsx") or not Path(path).is_file():
        return []
    from okrgen.plan.sheets import read_sheet_named

    return read_sheet_named(path)


def _write_plans(args: argparse.Namespace, named: list[tuple[str, dict]]) -> int:
    """Each plan of an exported (or hand-made) sheet as its own file, all checked before any is written."""
    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.plan.filenames import unique_stems
    from okrgen.plan.planfile import dump_plan
    from okrgen.plan.schema import validate

    out = Path(args.output)
    to_folder = out.is_dir() or args.output.endswith(("/", "\\")) or out.suffix.lower() not in (".yaml", ".yml")
    if not to_folder and len(named) > 1:
        raise OkrgenError(
            f"{args.draft}: {len(named)} plans in this sheet, and -o names one file",
            hint=f"Give a folder: okrgen import {args.draft} -o plans/",
        )
    targets = [out / f"{stem}.yaml" for stem in unique_stems([n for n, _ in named])] if to_folder else [out]
    problems = []
    for (name, plan), target in zip(named, targets):
        problems += validate("plan", plan, file=f"{args.draft} [{name}]")
        check_writable(target, args.force)
    if problems:
        raise OkrgenError(f"{args.draft}: the plans read from it do not fit the plan schema; nothing was written", findings=problems)
    for (_, plan), target in zip(named, targets):
        text = getattr(plan, "text", None)  # an unedited plan from an export: the file as it was
        write_atomic(target, text if text is not None else dump_plan(plan), force=args.force)
        print(f"okrgen: wrote {target}", file=sys.stderr)
    if len(targets) > 1:
        print(f"okrgen: wrote {len(targets)} plans to {out} (from {args.draft})", file=sys.stderr)
    return ExitCode.OK


def run(args: argparse.Namespace) -> int:

    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.plan.schema import validate

    named = _sheet_plans(args.draft)
    if named:
        return _write_plans(args, named)
    check_writable(Path(args.output), args.force)
    draft = read_any(args.draft)
    if not draft.found:
        from okrgen.cli.lint_cmd import draft_error

        raise draft_error(draft)
    print(f"{args.draft}: {draft.summary()}", file=sys.stderr)
    plan = to_plan(draft)
    problems = validate("plan", plan, file=args.output)
    if problems:
        raise OkrgenError(f"{args.draft}: the plan read from it does not fit the plan schema: {problems[0].message}", findings=problems)
    from okrgen.plan.planfile import dump_plan

    write_atomic(args.output, dump_plan(plan), force=args.force)  # as `new` writes a plan: one writer
    print(f"okrgen: wrote {args.output}", file=sys.stderr)
    return ExitCode.OK
