"""`okrgen render PLAN…`: Markdown, HTML and PDF from plans, with their SMART findings.

Every plan is loaded and every target checked before anything is rendered or written, so one bad
plan or a refused overwrite leaves no partial output behind. PDFs of several plans are made in
parallel, one process per core (WeasyPrint is single-threaded and CPU-bound).
"""

from __future__ import annotations

import sys
from pathlib import Path

from okrgen.errors import OkrgenError

FORMATS = ("md", "html", "pdf")


def register(sub) -> None:
    p = sub.add_parser("render", help="render plans to Markdown, HTML and/or PDF", description="Render plans (YAML) to Markdown, HTML and PDF.")
    p.add_argument("plans", nargs="+", metavar="PLAN", help="plan file(s) (YAML)")
    p.add_argument("--format", default="md,html,pdf", help="comma-separated: md, html, pdf (default: all three)")
    p.add_argument("-o", "--output", metavar="DIR", help="output folder (default: the plan's folder)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF paper size (default: a4)")
    p.add_argument("--lang", choices=("en", "ru", "zh"), help="labels language (default: the plan's `lang`)")
    p.add_argument("--no-lint", action="store_true", help="leave the SMART review out")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.add_argument("--config", metavar="FILE", help="okrgen.toml or pyproject.toml with lint settings")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="processes for PDFs of several plans (default: one per core)")
    p.set_defaults(func=run)


def start_pdf_worker():
    """A forked process importing WeasyPrint while we load, lint and lay out the plan.

    Its import (~0.25 s) is the longer of the two, so it is given the finished HTML and needs
    nothing but okrgen/render/weasy.py. Where fork is not available, WeasyPrint is imported in a
    thread instead (which overlaps only its waits on subprocesses) and the PDF is made here.
    """
    from okrgen.forked import ForkedJob
    from okrgen.render.weasy import html_to_pdf, import_weasyprint

    job = ForkedJob(import_weasyprint, html_to_pdf)
    if job.pid is None:
        preload_weasyprint()
    return job


def _import_weasyprint() -> None:
    from okrgen.render.weasy import import_weasyprint

    try:
        import_weasyprint()
    except Exception:  # noqa: BLE001 - html_to_pdf imports again and reports the problem
        pass


def preload_weasyprint() -> None:
    """Import WeasyPrint in a thread while the plan is loaded, linted and laid out as HTML.

    Part of WeasyPrint's import can be waiting on subprocesses (ctypes looking up Pango and
    HarfBuzz on a first run, before weasy.py has saved the answers), which releases the GIL.
    """
    import threading

    threading.Thread(target=_import_weasyprint, name="okrgen-weasyprint-import", daemon=True).start()


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise OkrgenError(f"unknown format '{', '.join(bad) or text}'", hint="Use md, html or pdf, comma-separated: --format md,pdf")
    return list(dict.fromkeys(formats))


def run(args) -> int:
    formats = parse_formats(args.format)
    if args.jobs is not None and args.jobs < 1:
        raise OkrgenError(f"--jobs {args.jobs}: needs at least 1")
    # First, so the worker's WeasyPrint import starts before ours of YAML, Jinja and the linter.
    pdf_worker = start_pdf_worker() if "pdf" in formats and len(args.plans) == 1 else None
    try:
        return _run(args, formats, pdf_worker)
    finally:
        if pdf_worker is not None:
            pdf_worker.close()  # at once, when a bad plan or a refused overwrite ends the command


def _run(args, formats, pdf_worker) -> int:
    from okrgen.atomic import check_writable, write_atomic
    from okrgen.planio import load_plan

    loaded, problems = [], []
    for plan in args.plans:
        try:
            loaded.append(load_plan(plan))
        except OkrgenError as err:
            problems.append(err)
    if problems:
        if len(problems) == 1:
            raise problems[0]
        findings = [f for err in problems for f in err.findings]
        raise OkrgenError(f"{len(problems)} of {len(args.plans)} plans cannot be used; nothing was written", findings)
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
            check_writable(path, args.force)
            targets[plan][fmt] = path
    outputs = render_many(
        loaded, formats, paper=args.paper, lang=args.lang, lint=not args.no_lint, config_path=args.config, jobs=args.jobs, pdf_worker=pdf_worker
    )
    for plan, out in zip(args.plans, outputs):
        for fmt, path in targets[plan].items():
            write_atomic(path, out[fmt], force=args.force)
            sys.stderr.write(f"okrgen: wrote {path}\n")
    return 0


def render_many(loaded_plans, formats, *, paper="a4", lang=None, lint=True, config_path=None, jobs=None, pdf_worker=None) -> list[dict]:
    """Outputs per plan; PDFs of several plans in a process pool."""
    if len(loaded_plans) == 1 and pdf_worker is not None and "pdf" in formats:
        out, vm = _render_text(loaded_plans[0], [f for f in formats if f != "pdf"], lang=lang, lint=lint, config_path=config_path)
        from okrgen.render.pdf import pdf_html

        out["pdf"] = pdf_worker.ask(pdf_html(vm, paper))
        return [out]
    if len(loaded_plans) == 1 or "pdf" not in formats:
        return [render_plan(p, formats, paper=paper, lang=lang, lint=lint, config_path=config_path) for p in loaded_plans]
    text_formats = [f for f in formats if f != "pdf"]
    outputs, vms = [], []
    for p in loaded_plans:
        out, vm = _render_text(p, text_formats, lang=lang, lint=lint, config_path=config_path)
        outputs.append(out)
        vms.append(vm)
    for out, pdf in zip(outputs, pdfs_in_parallel(vms, paper, jobs)):
        out["pdf"] = pdf
    return outputs


def pdfs_in_parallel(vms: list[dict], paper: str, jobs: int | None) -> list[bytes]:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from okrgen.render.pdf import render_pdf

    workers = max(1, min(jobs or os.cpu_count() or 1, len(vms)))
    if workers == 1:
        return [render_pdf(vm, paper) for vm in vms]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(render_pdf, vms, [paper] * len(vms)))


def render_plan(loaded, formats, *, paper="a4", lang=None, lint=True, config_path=None) -> dict:
    outputs, vm = _render_text(loaded, [f for f in formats if f != "pdf"], lang=lang, lint=lint, config_path=config_path)
    if "pdf" in formats:
        from okrgen.render.pdf import render_pdf

        outputs["pdf"] = render_pdf(vm, paper)
    return outputs


def _render_text(loaded, formats, *, lang=None, lint=True, config_path=None) -> tuple[dict, dict]:
    """Markdown and HTML (cheap), plus the view model the PDF is made from."""
    from okrgen.render.viewmodel import build

    findings = []
    if lint:
        from okrgen.config import discover
        from okrgen.linting import lint_loaded

        config = discover(config_path)
        findings = lint_loaded(loaded, config.lint_config)
    vm = build(loaded.data, findings, lang)
    outputs: dict = {}
    if "md" in formats:
        from okrgen.render.markdown import render_markdown

        outputs["md"] = render_markdown(vm)
    if "html" in formats:
        from okrgen.render.html import render_html

        outputs["html"] = render_html(vm)
    return outputs, vm
