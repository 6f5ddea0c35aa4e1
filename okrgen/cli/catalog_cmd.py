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
