"""`okrgen report PLANS… -o site/`: a static dashboard across plans, for browsers and for print.

Plans are loaded and scored (okrgen.track.score, the roll-up of `okrgen score`), the pages made by
okrgen.render.report.site, and written atomically; every target is checked before anything is
written, and an existing page is never replaced without --force.
"""

from __future__ import annotations

from pathlib import Path

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="a static site across plans: an index with scores and filters, a page per plan",
        description=(
            "Write a self-contained static site (no network, no CDN): index.html with every plan's score and status by team "
            "and department, filters by team, owner and status, and plans/<name>.html per plan with its objectives, key "
            "results, progress, check-in history (inline SVG), confidence and notes. Labels in each plan's language."
        ),
        epilog="examples: okrgen report plans/ -o site/ | okrgen report plans/ -o site/ --as-of 2027-02-14 --force",
    )
    p.add_argument("plans", nargs="+", metavar="PLAN", help="plan files (YAML) or folders of plans")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write the site into")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="score as of this day (default today)")
    p.add_argument("--lang", choices=LANGS, help="language of the index (default: the language most plans are in)")
    p.add_argument("--force", action="store_true", help="replace pages that exist")
    p.add_argument("--format", choices=("text", "json"), default="text", help="what to print when done (default text)")
    from okrgen.cli.progress import add_verbosity

    add_verbosity(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from okrgen.cli.progress import Progress
    from okrgen.cli.score_cmd import _department, roll_up, score_files
    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.plan.filenames import unique_stems
    from okrgen.render.report.site import Entry, build_site
    from okrgen.track.score import clock

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise OkrgenError(f"{out}: is a file; -o takes a folder", hint="Name a folder: okrgen report plans/ -o site/")
    at = clock(None, args.as_of)  # a bad --as-of is reported before any plan is read
    progress = Progress.from_args(args, "report")
    scored = score_files(args.plans, args.as_of)
    entries = [Entry(file=f, data=d if isinstance(d, dict) else {}, result=r, department=_department(d)) for f, d, r in scored]
    stems = unique_stems([Path(f).stem for f, _, _ in scored])
    as_of = scored[0][2].as_of or at.as_of.isoformat()
    pages = build_site(entries, stems, as_of, roll_up(scored), args.lang)
    for rel in pages:
        check_writable(out / rel, args.force)
    progress.start(len(pages))
    written = []
    for rel, html in pages.items():
        target = write_atomic(out / rel, html, force=args.force)
        written.append(str(target))
        progress.step(f"wrote {target}", wrote=True)
    progress.done(f"wrote {len(pages)} pages to {out} ({len(entries)} plan{'s' if len(entries) != 1 else ''}); open {out / 'index.html'}")
    if args.format == "json":
        from okrgen.cli._common import emit_json

        emit_json({"version": 1, "command": "report", "wrote": written, "plans": len(entries), "index": str(out / "index.html")})
    return 0
