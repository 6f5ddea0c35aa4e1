"""`okrgen lint PATH...`: SMART findings for plans (YAML) and drafts (Markdown, plain text).

This module reads the inputs, hands each plan to the lint core (okrgen.lint.lint_plan), puts every
finding back at its file:line:col, applies the user's suppressions and formats the result. The
rules themselves live in okrgen.lint; the formats in okrgen.lint.report.

Exit codes (DESIGN.md): 0 nothing at or above the fail level, 1 findings at or above it, 2 when
the input as a whole cannot be used (no file could be read as a plan or draft, a bad option, a bad
configuration). A file that cannot be used among others that can is reported as an error finding
for that file, so one broken file in a directory does not hide the rest.

Nothing heavy is imported at module level: `okrgen lint` must start fast and never pull in
WeasyPrint.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import SEVERITIES, ExitCode, Finding, severity_rank

FORMATS = ("text", "json", "github", "sarif")  # the keys of okrgen.lint.report.REPORTERS
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".md": "md", ".markdown": "md", ".txt": "txt", ".rst": "rst", ".org": "org"}
SUFFIXES.update(dict.fromkeys((".docx", ".html", ".htm", ".csv", ".xlsx"), "other"))

# `# okrgen: ignore[SMART-R01, SMART-T01]` on a key result's lines; without [...] it ignores all.


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "lint",
        help="check plans and OKR drafts against the SMART rules",
        description=(
            "Lint OKR plans (.yaml/.yml) and drafts (.md/.txt/.rst/.org/.docx/.html/.csv/.xlsx). A directory means every such file inside it. "
            "Exit code 0: nothing at or above the fail level; 1: findings at or above it; 2: the input "
            "could not be used."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="plan or draft files, or directories")
    p.add_argument("--format", default="text", choices=FORMATS, help="output format (default text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--force", action="store_true", help="with -o: replace FILE if it exists")
    p.add_argument("--fail-on", choices=SEVERITIES, default=None, help="lowest severity that makes the exit code 1 (default error)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--strict", action="store_true", help="exit 2 when a draft has no recognisable OKRs or no file was found")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: okrgen.toml or pyproject.toml found upwards)")
    p.add_argument("--min-level", choices=SEVERITIES, default="info", help="hide findings below this severity")
    p.add_argument("--together", action="store_true", help="also check the YAML plans against each other (alignment)")
    p.set_defaults(func=run)


# --------------------------------------------------------------------------- the library part


@dataclass
class LintRun:
    """Everything one lint run found: per-file findings (clean files too), notices, unusable files."""

    results: dict[str, list[Finding]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)
    no_okrs: list[str] = field(default_factory=list)
    plans: list[Any] = field(default_factory=list)  # okrgen.plan.yamlload.Loaded of every usable YAML plan


def lint_function() -> Callable[..., list[Finding]]:
    """okrgen.lint.lint_plan behind the findings cache, imported on first use (tests may replace
    this function)."""
    try:
        from okrgen.lint.memo import lint_plan_cached
    except ImportError:
        raise OkrgenError("the SMART linter (okrgen.lint) is not available in this installation", hint="Reinstall okrgen.") from None
    return lint_plan_cached


def collect(paths: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(file, kind) for every input, directories expanded (sorted, recursive), plus notices."""
    files: list[tuple[str, str]] = []
    notices: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                notices.append(f"no plan or draft files (.yaml, .md, .txt, .rst, .org, .docx, .html, .csv, .xlsx) in {raw}")
            files.extend((str(f), SUFFIXES[f.suffix.lower()]) for f in found)
        elif p.is_file():
            kind = SUFFIXES.get(p.suffix.lower())
            if kind is None:
                raise OkrgenError(
                    f"{raw}: not a plan or a draft",
                    hint="okrgen lint reads plans (.yaml, .yml) and drafts (.md, .markdown, .txt, .rst, .org, .docx, .html, .csv, .xlsx).",
                )
            files.append((raw, kind))
        elif p.exists():
            raise OkrgenError(f"{raw}: not a regular file")
        else:
            raise OkrgenError(f"{raw}: no such file or directory", hint="Check the path; it is relative to the current directory.")
    seen: set[str] = set()
    unique = [(f, k) for f, k in files if not (f in seen or seen.add(f))]
    return unique, notices


def _unusable(run: LintRun, file: str, err: OkrgenError) -> None:
    findings = [f if f.file else f.with_location(file) for f in err.findings]
    if not findings:
        findings = [Finding("INPUT", "error", err.message, err.hint, file)]
    run.results[file] = findings
    run.unusable.append(file)


def _lint_yaml(run: LintRun, file: str, lint, lint_config) -> None:
    from okrgen.lint.located import lint_loaded
    from okrgen.plan.planfile import load_plan

    try:
        loaded = load_plan(file)
    except OkrgenError as err:
        _unusable(run, file, err)
        return
    run.results[file] = lint_loaded(loaded, lint_config, lint=lint)
    run.plans.append(loaded)


def _lint_draft(run: LintRun, file: str, kind: str, lint, lint_config) -> None:
    from okrgen.plan.drafts import parse_draft
    from okrgen.plan.yamlload import read_text

    try:
        if kind == "other":  # Word, HTML, sheets: the reader okrgen import uses
            from okrgen.cli.import_cmd import read_any

            draft = read_any(file)
        else:
            draft = parse_draft(read_text(file), file, kind)
    except OkrgenError as err:
        _unusable(run, file, err)
        return
    if not draft.found:
        run.no_okrs.append(file)
        if draft.okr_words:
            _unusable(run, file, draft_error(draft))
            return
        run.results[file] = []
        run.notices.append(f"no objectives or key results recognised in {file}")
        return
    print(f"{file}: {draft.summary()}", file=sys.stderr)
    from okrgen.lint.located import locate

    findings = locate(lint(draft.plan, config=lint_config), file, draft.positions, draft.position)
    findings += placeholder_findings(draft, lint_config)
    findings.sort(key=lambda f: (f.line or 0, f.col or 0))
    run.results[file] = [f for f in findings if not draft.is_suppressed(f.code, f.line)]


def draft_error(draft) -> OkrgenError:
    """A draft that talks about OKRs but yields none: an error that says which shapes are read."""
    return OkrgenError(
        f"{draft.file}: mentions OKRs or key results, but no objective with key results was recognised",
        hint=(
            "Write each objective as a heading, an 'Objective:' / 'O1:' / 'Цель:' / '目标：' line or a list item, "
            "and its key results as list items under it (or 'KR1:' lines); tables need a 'Key result' column."
        ),
    )


def placeholder_findings(draft, lint_config) -> list[Finding]:
    """DRAFT-X01 for list items under an objective that hold nothing but a placeholder (-, TBD, X)."""
    from okrgen.lint.config import LintConfig
    from okrgen.lint.engine import make_finding

    out = []
    for line, col, text in draft.placeholders:
        f = make_finding("DRAFT-X01", {"term": text or "-"}, lang=draft.plan.get("lang") or "en", pointer="", scope="kr", config=lint_config or LintConfig())
        if f:
            out.append(f.with_location(draft.file, line, col))
    return out


def _together(run: LintRun, spec: Any = None) -> None:
    from okrgen.lint.align import check_together
    from okrgen.lint.located import locate

    by_file = {loaded.file: loaded for loaded in run.plans}
    for f in check_together(run.plans, spec=spec):
        loaded = by_file.get(f.file or "")
        if f.line is None and loaded is not None:
            f = locate([f], loaded.file, loaded.positions, loaded.position)[0]
        run.results.setdefault(f.file or "<plans>", []).append(f)


def lint_paths(paths: list[str], *, config: Any = None, together: bool = False, min_level: str = "info", progress: Any = None) -> LintRun:
    """Lint every plan and draft under `paths`; the whole of `okrgen lint` short of printing.

    `progress` (okrgen.cli.progress.Progress) is told the number of files and each one done."""
    files, notices = collect(paths)
    if progress is not None:
        progress.start(len(files), minimum=20)
    run = LintRun(notices=notices)
    resolved: list[Callable] = []

    def lint(plan: dict, **kwargs) -> list[Finding]:
        # resolved on first use: a run whose files are all unreadable never needs the lint core
        if not resolved:
            resolved.append(lint_function())
        return resolved[0](plan, **kwargs)

    lint_config = getattr(config, "lint_config", config)
    for file, kind in files:
        if kind == "yaml":
            _lint_yaml(run, file, lint, lint_config)
        else:
            _lint_draft(run, file, kind, lint, lint_config)
        if progress is not None:
            progress.step(f"read {file}")
    if progress is not None:
        progress.close()
    if together:
        _together(run, getattr(config, "funnel", None))
    floor = severity_rank(min_level)
    for file in run.results:
        run.results[file] = [f for f in run.results[file] if severity_rank(f.severity) >= floor]
    return run


def exit_code(run: LintRun, *, fail_on: str = "error", exit_zero: bool = False, strict: bool = False) -> int:
    if run.results and len(run.unusable) == len(run.results):
        return ExitCode.USAGE
    if strict and (run.no_okrs or not run.results):
        return ExitCode.USAGE
    if exit_zero:
        return ExitCode.OK
    floor = severity_rank(fail_on)
    if any(severity_rank(f.severity) >= floor for fs in run.results.values() for f in fs):
        return ExitCode.FINDINGS
    return ExitCode.OK


# --------------------------------------------------------------------------- the command


def run(args: argparse.Namespace) -> int:
    # Loading and linting a big plan allocates hundreds of thousands of short-lived objects, nearly
    # none of them in reference cycles; the cyclic collector's default pace spends ~5% of the run
    # walking them. Collect less often while this command works, then restore the settings.
    import gc

    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), *thresholds[1:])
    try:
        return _run(args)
    finally:
        gc.set_threshold(*thresholds)


def _run(args: argparse.Namespace) -> int:
    from okrgen.cli.config import discover
    from okrgen.lint.report import render_findings

    if args.output:
        from okrgen.plan.atomic import check_writable

        check_writable(Path(args.output), args.force)  # refuse before doing the work
    config = discover(args.config)
    from okrgen.cli.progress import Progress

    # A bar on a terminal for a large folder (findings go to stdout, so pipes get no progress lines).
    progress = Progress("lint", verbose=False)
    result = lint_paths(args.paths, config=config, together=args.together, min_level=args.min_level, progress=progress if progress.terminal else None)
    color = args.format == "text" and not args.output and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    # The text summary is in the reader's language (OKRGEN_LANG, else the locale), as `okrgen list`
    # and `okrgen new` speak; json, github and sarif are read by programs and stay English.
    lang = "en"
    if args.format == "text":
        from okrgen.cli._common import default_lang

        lang = default_lang()
    text = render_findings(result.results, args.format, color=color, notices=result.notices, lang=lang)
    if args.output:
        from okrgen.plan.atomic import write_atomic

        write_atomic(args.output, text, force=args.force)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    fail_on = args.fail_on or config.fail_on or "error"
    return exit_code(result, fail_on=fail_on, exit_zero=args.exit_zero, strict=args.strict)
