"""`okrgen render PLAN`: Markdown, HTML and PDF from a plan, with its SMART findings.

Everything is rendered in memory first and every target is checked before anything is written,
so a refused overwrite or a bad plan leaves no partial output behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

from okrgen.errors import OkrgenError

FORMATS = ("md", "html", "pdf")


def register(sub) -> None:
    p = sub.add_parser("render", help="render a plan to Markdown, HTML and/or PDF", description="Render a plan (YAML) to Markdown, HTML and PDF.")
    p.add_argument("plan", metavar="PLAN", help="plan file (YAML)")
    p.add_argument("--format", default="md,html,pdf", help="comma-separated: md, html, pdf (default: all three)")
    p.add_argument("-o", "--output", metavar="DIR", help="output folder (default: the plan's folder)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF paper size (default: a4)")
    p.add_argument("--lang", choices=("en", "ru", "zh"), help="labels language (default: the plan's `lang`)")
    p.add_argument("--no-lint", action="store_true", help="leave the SMART review out")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.add_argument("--config", metavar="FILE", help="okrgen.toml or pyproject.toml with lint settings")
    p.set_defaults(func=run)


def preload_weasyprint() -> None:
    """Import WeasyPrint in a thread while the plan is loaded, linted and laid out as HTML.

    Half of WeasyPrint's ~0.5 s import is waiting on subprocesses (ctypes looking up Pango and
    HarfBuzz), which releases the GIL, so our own work runs in that time instead of after it.
    """
    import threading

    def load() -> None:
        try:
            import weasyprint  # noqa: F401
        except Exception:  # noqa: BLE001 - render_pdf imports again and reports the problem
            pass

    threading.Thread(target=load, name="okrgen-weasyprint-import", daemon=True).start()


def parse_formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise OkrgenError(f"unknown format '{', '.join(bad) or text}'", hint="Use md, html or pdf, comma-separated: --format md,pdf")
    return list(dict.fromkeys(formats))


def run(args) -> int:
    from okrgen.atomic import check_writable, write_atomic
    from okrgen.planio import load_plan

    formats = parse_formats(args.format)
    if "pdf" in formats:
        preload_weasyprint()
    loaded = load_plan(args.plan)
    out_dir = Path(args.output) if args.output else Path(args.plan).parent
    if out_dir.exists() and not out_dir.is_dir():
        raise OkrgenError(f"{out_dir}: is not a directory", hint="-o takes a folder; the files are named after the plan.")
    stem = Path(args.plan).stem
    targets = {fmt: out_dir / f"{stem}.{fmt}" for fmt in formats}
    for path in targets.values():
        check_writable(path, args.force)
    outputs = render_plan(loaded, formats, paper=args.paper, lang=args.lang, lint=not args.no_lint, config_path=args.config)
    for fmt, path in targets.items():
        write_atomic(path, outputs[fmt], force=args.force)
        sys.stderr.write(f"okrgen: wrote {path}\n")
    return 0


def render_plan(loaded, formats, *, paper="a4", lang=None, lint=True, config_path=None) -> dict:
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
    if "pdf" in formats:
        from okrgen.render.pdf import render_pdf

        outputs["pdf"] = render_pdf(vm, paper)
    return outputs
