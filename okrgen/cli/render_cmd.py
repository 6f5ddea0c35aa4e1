"""`okrgen render PLAN…`: Markdown, HTML and PDF from plans, with their SMART findings.

Every plan is loaded and every target checked before anything is rendered or written, so one bad
plan or a refused overwrite leaves no partial output behind. PDFs of several plans are made in
parallel, one process per core (WeasyPrint is single-threaded and CPU-bound).
"""

from __future__ import annotations

import os
from pathlib import Path

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS

FORMATS = ("md", "html", "pdf")


def register(sub) -> None:
    p = sub.add_parser("render", help="render plans to Markdown, HTML and/or PDF", description="Render plans (YAML) to Markdown, HTML and PDF.")
    p.add_argument("plans", nargs="+", metavar="PLAN", help="plan file(s) (YAML)")
    p.add_argument("--format", default="md,html,pdf", help="comma-separated: md, html, pdf (default: all three)")
    p.add_argument("-o", "--output", metavar="DIR", help="output folder (default: the plan's folder)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF paper size (default: a4)")
    p.add_argument("--lang", choices=LANGS, help="labels language (default: the plan's `lang`)")
    p.add_argument("--no-lint", action="store_true", help="leave the SMART review out")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="progress and pace as of this day (default today)")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.add_argument("--config", metavar="FILE", help="okrgen.toml or pyproject.toml with lint settings")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="processes for PDFs of several plans (default: one per core)")
    # --format names the files to make here, so the JSON summary other commands print with --format json is --json
    p.add_argument("--json", action="store_true", help="print what was written as JSON on stdout")
    from okrgen.cli.progress import add_verbosity

    add_verbosity(p)
    p.set_defaults(func=run)


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if "json" in bad:
        raise OkrgenError(
            "--format names the files to make (md, html, pdf)", hint="For a JSON list of the files written, add --json: okrgen render plan.yaml --json"
        )
    if bad or not formats:
        raise OkrgenError(f"unknown format '{', '.join(bad) or text}'", hint="Use md, html or pdf, comma-separated: --format md,pdf")
    return list(dict.fromkeys(formats))


def run(args) -> int:
    formats = parse_formats(args.format)
    if args.jobs is not None and args.jobs < 1:
        raise OkrgenError(f"--jobs {args.jobs}: needs at least 1")
    return _run(args, formats)


DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".rst", ".org", ".docx", ".html", ".htm", ".csv", ".xlsx")


def load_draft(path: str):
    """A draft read as a plan through the reader `okrgen import` uses, so it renders like a plan file."""
    from okrgen.cli.import_cmd import read_any, to_plan
    from okrgen.cli.lint_cmd import draft_error
    from okrgen.plan.schema import validate
    from okrgen.plan.yamlload import Loaded

    draft = read_any(path)
    if not draft.found:
        raise draft_error(draft)
    plan = to_plan(draft)
    problems = validate("plan", plan, file=path)
    if problems:
        raise OkrgenError(f"{path}: the plan read from it does not fit the plan schema", findings=problems)
    return Loaded(data=plan, file=path, positions=dict(draft.positions))


def _run(args, formats) -> int:
    from okrgen.render.batch import start_pdf_worker

    worker = start_pdf_worker(formats, len(args.plans), args.jobs)  # first: it imports WeasyPrint while we work
    try:
        return _render(args, formats, worker)
    finally:
        if worker is not None:
            worker.close()  # at once, also when a plan was refused


def _render(args, formats, worker) -> int:
    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.plan.planfile import load_plan

    loaded, problems = [], []
    for plan in args.plans:
        try:
            loaded.append(load_draft(plan) if Path(plan).suffix.lower() in DRAFT_SUFFIXES else load_plan(plan))
        except OkrgenError as err:
            problems.append(err)
    if problems:
        if len(problems) == 1:
            raise problems[0]
        findings = [f for err in problems for f in err.findings]
        raise OkrgenError(f"{len(problems)} of {len(args.plans)} plans cannot be used; nothing was written", findings)
    from okrgen.cli.config import discover
    from okrgen.render.limits import check_limits

    config = discover(args.config)
    for item in loaded:
        check_limits(item, config.limits)  # before any work: a plan past the limits would run for minutes
    targets: dict[str, dict[str, Path]] = {}
    seen: dict[Path, str] = {}
    for plan in args.plans:
        out_dir = Path(args.output) if args.output else Path(plan).parent
        if out_dir.exists() and not out_dir.is_dir():
            raise OkrgenError(f"{out_dir}: is not a directory", hint="-o takes a folder; the files are named after the plan.")
        targets[plan] = {}
        for fmt in formats:
            path = out_dir / f"{Path(plan).stem}.{fmt}"
            if path in seen:
                raise OkrgenError(f"{plan} and {seen[path]} would both write {path}", hint="Rename one plan or render them into different folders.")
            seen[path] = plan
            clash = next((other for other in args.plans if _same_file(path, Path(other))), None)
            if clash == plan:
                raise OkrgenError(f"{plan}: rendering it as {fmt} would overwrite the draft itself", hint="Render into another folder with -o DIR.")
            if clash is not None:
                raise OkrgenError(f"{plan}: rendering it as {fmt} would overwrite {clash}, an input", hint="Render into another folder with -o DIR.")
            check_writable(path, args.force)
            targets[plan][fmt] = path
    lint_config = None if args.no_lint else config.lint_config
    from okrgen.cli.progress import Progress
    from okrgen.render.batch import render_each

    if args.as_of:
        from okrgen.track.score import clock

        clock(None, args.as_of)  # a bad date is reported before anything is rendered
    progress = Progress.from_args(args, "render")
    progress.start(len(args.plans))
    written = []
    each = render_each(
        loaded, formats, paper=args.paper, lang=args.lang, lint=not args.no_lint, lint_config=lint_config, jobs=args.jobs, as_of=args.as_of, worker=worker
    )
    try:
        for i, out in each:
            plan = args.plans[i]
            for fmt, path in targets[plan].items():
                write_atomic(path, out[fmt], force=args.force)
                written.append(str(path))
                progress.step(f"wrote {path}", wrote=True)
    finally:
        progress.close()
    if len(args.plans) > 1:
        progress.done(f"wrote {len(written)} files ({len(args.plans)} plans)")
    if args.json:
        from okrgen.cli._common import emit_json

        emit_json({"version": 1, "command": "render", "wrote": written, "plans": len(args.plans)})
    return 0


def _same_file(output: Path, source: Path) -> bool:
    """The output is one of the inputs: by path, through a symlink, or as a hard link."""
    if output.resolve() == source.resolve():
        return True
    try:
        return os.path.samefile(output, source)
    except OSError:
        return False
