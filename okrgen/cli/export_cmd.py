"""`okrgen export PLANS… -o okrs.xlsx|.csv`: one row per key result, for people who live in spreadsheets.

The plans are scored here (score, status, current, confidence and last check-in are cells) and
written by okrgen.plan.sheets, which also reads the workbook back for `okrgen import`. Every plan
is loaded and scored before anything is written; the file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS

SUFFIXES = (".xlsx", ".csv")


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="export plans to a spreadsheet (.xlsx or .csv), one row per key result",
        description=(
            "Write one row per key result (plan, team, owner, period, objective, key result, kind, metric, unit, "
            "baseline, last period, target, current, score, status, confidence, last check-in). The .xlsx has a sheet per plan, a "
            "summary, the check-ins and a hidden copy of each plan, so `okrgen import okrs.xlsx -o plans/` gives the "
            "plans back; the .csv is UTF-8 with a BOM for Excel."
        ),
        epilog="examples: okrgen export plans/ -o okrs.xlsx | okrgen export plan.yaml -o okrs.csv --lang ru",
    )
    p.add_argument("plans", nargs="+", metavar="PLAN", help="plan files (YAML) or folders of plans")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the sheet to write: .xlsx or .csv")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="score as of this day (default today)")
    p.add_argument("--lang", choices=LANGS, help="language of the headers and statuses (default: the plans' own when they share one, else en)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--format", choices=("text", "json"), default="text", help="what to print when done (default text)")
    from okrgen.cli.progress import add_verbosity

    add_verbosity(p)
    p.set_defaults(func=run)


def unique_names(files: list[str]) -> list[str]:
    """Each plan's name in the sheet: its file's stem, made unique (plans/a/x.yaml and plans/b/x.yaml)."""
    from okrgen.plan.filenames import made_unique

    return made_unique([Path(f).stem for f in files], "~")


def plan_rows(name: str, data: dict, result, lang: str) -> tuple[list[dict], list[dict]]:
    """The rows of one plan and of its check-ins."""
    from okrgen.i18n import pick
    from okrgen.plan.ids import kr_id, objective_id
    from okrgen.plan.sheets import _period_text
    from okrgen.track import score as sc

    rows, checkins = [], []
    objectives = data.get("objectives") or []
    for i, (obj, o_score) in enumerate(zip(objectives, result.objectives)):
        for j, (kr, k) in enumerate(zip(obj.get("key_results") or [], o_score.key_results)):
            kid = kr_id(i, j, kr)
            listed = kr.get("checkins") or []
            if k.status:
                status = sc.status_name(k.status, lang)
            elif k.score is not None:
                status = sc.band_name(k.band, lang)
            else:
                status = ""
            rows.append(
                {
                    "plan": name,
                    "team": data.get("team"),
                    "owner": data.get("owner"),
                    "period": _period_text(data.get("period")) or None,
                    "objective_id": objective_id(i, obj),
                    "objective": str(pick(obj.get("title"), data.get("lang") or lang)),
                    "kr_id": kid,
                    "key_result": str(pick(kr.get("text"), data.get("lang") or lang)),
                    "kind": kr.get("kind"),
                    "metric": kr.get("metric"),
                    "unit": kr.get("unit"),
                    "direction": kr.get("direction"),
                    "baseline": kr.get("baseline"),
                    "previous": kr.get("previous"),  # a cumulative KR's last period: it has no baseline
                    "target": kr.get("target"),
                    "current": _plain(k.current),
                    "score": None if k.score is None else round(k.score, 4),
                    "status": status,
                    "confidence": _plain(k.confidence),
                    "last_checkin": str(listed[-1].get("date")) if listed else None,
                }
            )
            for c in listed:
                checkins.append(
                    {"plan": name, "kr_id": kid, "unit": kr.get("unit"), **{key: c.get(key) for key in ("date", "value", "confidence", "note", "source")}}
                )
    return rows, checkins


def _plain(x):
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def run(args) -> int:
    from okrgen.cli.progress import Progress
    from okrgen.cli.score_cmd import score_files
    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.plan.sheets import SheetPlan, write_csv, write_xlsx
    from okrgen.track.score import clock

    out = Path(args.output)
    if out.suffix.lower() not in SUFFIXES:
        raise OkrgenError(f"{out}: export writes .xlsx or .csv", hint="Name the file okrs.xlsx or okrs.csv.")
    check_writable(out, args.force)
    clock(None, args.as_of)  # a bad --as-of is reported before any plan is read
    progress = Progress.from_args(args, "export")
    scored = score_files(args.plans, args.as_of)
    langs = {(d.get("lang") if isinstance(d, dict) else None) or "en" for _, d, _ in scored}
    lang = args.lang or (langs.pop() if len(langs) == 1 else "en")
    if lang not in LANGS:
        lang = "en"
    plans = []
    progress.start(len(scored))
    for name, (file, data, result) in zip(unique_names([f for f, _, _ in scored]), scored):
        rows, checkins = plan_rows(name, data, result, lang)
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        plans.append(SheetPlan(name=name, data=data, rows=rows, checkins=checkins, text=text))
        progress.step(f"read {file}")
    blob = write_xlsx(plans, lang) if out.suffix.lower() == ".xlsx" else write_csv(plans, lang)
    write_atomic(out, blob, force=args.force)
    n_krs = sum(len(p.rows) for p in plans)
    progress.done(f"wrote {out} ({len(plans)} plan{'s' if len(plans) != 1 else ''}, {n_krs} key result{'s' if n_krs != 1 else ''})")
    if args.format == "json":
        from okrgen.cli._common import emit_json

        emit_json({"version": 1, "command": "export", "wrote": [str(out)], "plans": len(plans), "key_results": n_krs})
    return 0
