"""`okrgen catalog validate [DIR…]`: check templates the way the built-in ones are checked."""

from __future__ import annotations

import sys

from okrgen.finding import SEVERITIES, severity_rank


def register(sub) -> None:
    p = sub.add_parser("catalog", help="work with template catalogs", description="Template catalog tools.")
    csub = p.add_subparsers(dest="catalog_command", metavar="ACTION")
    v = csub.add_parser("validate", help="check templates (default: the built-in catalog)")
    v.add_argument("paths", nargs="*", metavar="PATH", help="template folders or files")
    v.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
    v.add_argument(
        "--fail-on", choices=SEVERITIES, default="warning", help="lowest severity that fails (default: warning; notes such as TEMPLATE-SHADOW do not fail)"
    )
    v.add_argument("--no-sweep", action="store_true", help="skip the range sweep (each parameter at its min, max and a typical value)")
    v.set_defaults(func=run_validate)
    pv = csub.add_parser("preview", help="make each template's plan at its defaults and write it as Markdown/HTML, again on every save")
    pv.add_argument("paths", nargs="+", metavar="PATH", help="template folders or files")
    pv.add_argument("-o", "--output", default="preview", metavar="DIR", help="folder for the previews (default: preview)")
    pv.add_argument("--format", default="md", help="md, html or md,html (default md)")
    pv.add_argument("--watch", action="store_true", help="keep running; validate and preview again whenever a template changes (Ctrl-C stops)")
    pv.set_defaults(func=run_preview)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_validate(args) -> int:
    from okrgen.catalog.checks import validate_paths
    from okrgen.lint.report import render_findings
    from okrgen.resources import folder

    paths = args.paths or [str(folder("catalog"))]
    results = validate_paths(paths, sweep=not args.no_sweep)
    color = sys.stdout.isatty() and not __import__("os").environ.get("NO_COLOR")
    sys.stdout.write(render_findings(results, args.format, color=color))
    worst = max((severity_rank(f.severity) for fs in results.values() for f in fs), default=-1)
    return 1 if worst >= severity_rank(args.fail_on) else 0


def _stamps(paths: list[str]) -> dict[str, tuple[int, int]]:
    from pathlib import Path

    from okrgen.catalog.index import template_files

    files = [f for raw in paths for f in (template_files(Path(raw)) if Path(raw).is_dir() else [Path(raw)])]
    out = {}
    for f in files:
        try:
            st = f.stat()
            out[str(f)] = (st.st_mtime_ns, st.st_size)
        except OSError:
            pass
    return out


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)


def _preview_once(args) -> int:
    """Validate (without the sweep, to stay quick), then write each clean template's plan per language."""
    from pathlib import Path

    from okrgen.catalog.checks import validate_paths
    from okrgen.catalog.fill import fill, resolve
    from okrgen.catalog.template import load_template
    from okrgen.errors import OkrgenError
    from okrgen.lint.report import render_findings
    from okrgen.plan.atomic import write_atomic
    from okrgen.plan.planfile import dump_plan
    from okrgen.plan.yamlload import loads
    from okrgen.render.batch import render_text

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    if not formats or set(formats) - {"md", "html"}:
        raise OkrgenError(f"--format {args.format!r}: use md, html or md,html")
    results = validate_paths(args.paths, sweep=False)
    if any(results.values()):
        sys.stdout.write(render_findings({k: v for k, v in results.items() if v}, "text", color=False))
    out = Path(args.output)
    worst = 0
    for file, findings in results.items():
        if any(f.severity == "error" for f in findings):
            worst = 1
            sys.stderr.write(f"okrgen: {file}: not previewed until its errors are fixed\n")
            continue
        t = load_template(file)
        for lang in t.languages:
            text = dump_plan(fill(t, lang, resolve(t, lang)))
            outputs, _ = render_text(loads(text, f"{t.id}.{lang}.yaml"), formats, lang=lang)
            for fmt, body in outputs.items():
                target = out / f"{t.id}.{lang}.{fmt}"
                write_atomic(target, body, force=True)
                sys.stderr.write(f"okrgen: wrote {target}\n")
    return worst


def run_preview(args) -> int:
    code = _preview_once(args)
    if not args.watch:
        return code
    stamps = _stamps(args.paths)
    sys.stderr.write("okrgen: watching for changes (Ctrl-C stops)\n")
    try:
        while True:
            _sleep(0.5)
            now = _stamps(args.paths)
            if now != stamps:
                stamps = now
                try:
                    _preview_once(args)
                except Exception as err:  # keep watching: the next save may fix it
                    sys.stderr.write(f"okrgen: {getattr(err, 'message', err)}\n")
    except KeyboardInterrupt:
        return 0
