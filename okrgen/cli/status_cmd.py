"""`okrgen status plans/ --stale 7`: key results nobody has checked in lately, and those behind pace —
for a weekly cron job or a chat message."""

from __future__ import annotations

import argparse
import json
import sys

from okrgen.i18n import LANGS


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "status",
        help="list key results with no recent check-in or behind pace, across plans",
        description=(
            "Score every plan (files or folders) as of a day and list the key results with no check-in for --stale "
            "days (or none at all) and those behind or at risk by pace. Exit 0 either way; the list is the output."
        ),
        epilog="examples: okrgen status plans/ --stale 7 | okrgen status plans/ --format markdown > weekly.md",
    )
    p.add_argument("plan", nargs="+", help="plan files (YAML) or folders of plans")
    p.add_argument("--stale", type=int, default=7, metavar="DAYS", help="a key result is stale after this many days without a check-in (default 7)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="as of this day (default today)")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output format (default text)")
    p.add_argument("--lang", choices=LANGS, help="language of the list (default: the first plan's lang, and each key result's reason in its own plan's)")
    p.set_defaults(func=run)


def collect(scored, stale_days: int, as_of) -> list[dict]:
    """One item per key result that needs a look: stale (no check-in for `stale_days`) or off pace."""
    items = []
    for file, data, result in scored:
        currency = (data.get("currency") if isinstance(data, dict) else None) or "USD"
        own = data.get("lang") if isinstance(data, dict) and data.get("lang") in LANGS else None
        for o in result.objectives:
            for k in o.key_results:
                last = k.trend[-1].date if k.trend else None
                days = None
                if last:
                    try:
                        import datetime as dt

                        days = (as_of - dt.date.fromisoformat(last)).days
                    except ValueError:
                        days = None
                stale = last is None or (days is not None and days >= stale_days)
                off_pace = k.status in ("behind", "at_risk")
                if not (stale or off_pace):
                    continue
                items.append(
                    {
                        "file": file,
                        "team": (data.get("team") if isinstance(data, dict) else None) or "",
                        "_title": (data.get("title") if isinstance(data, dict) and isinstance(data.get("title"), str) else None) or "",
                        "kr": k.id,
                        "text": k.text,
                        "last_checkin": last,
                        "days_since_checkin": days,
                        "stale": stale,
                        "status": k.status,
                        "score": k.score,
                        "_k": k,
                        "_currency": currency,
                        "_lang": own,  # its figures read in its own language, as on its PDF and the dashboard
                    }
                )
    return items


def _why(item: dict, lang: str, own: bool = False) -> str:
    """Why a key result is listed; with `own`, in its plan's language ("8 млн ₽ из 20 млн ₽"), so a
    list over teams in several languages never writes "RUB8M of RUB20M" or "7 of 20 сделок"."""
    from okrgen.track import score as sc

    lang = (item.get("_lang") or lang) if own else lang
    parts = []
    if item["stale"]:
        parts.append(sc.label("never", lang) if item["last_checkin"] is None else sc.label("stale", lang).format(days=item["days_since_checkin"]))
    if item["status"] in ("behind", "at_risk"):
        parts.append(f"{sc.status_name(item['status'], lang)}{'：' if lang == 'zh' else ': '}{sc.figure(item['_k'], lang, item['_currency'])}")
    return ("；" if lang == "zh" else "; ").join(parts)


def run(args: argparse.Namespace) -> int:
    from okrgen.cli.score_cmd import score_files
    from okrgen.i18n import fmt_date
    from okrgen.track import score as sc

    at = sc.clock(None, args.as_of)
    scored = score_files(args.plan, args.as_of)
    first = scored[0][1] if isinstance(scored[0][1], dict) else {}
    lang = args.lang or first.get("lang") or "en"
    lang = lang if lang in LANGS else "en"
    items = collect(scored, args.stale, at.as_of)
    if args.format == "json":
        out = [{k: v for k, v in i.items() if not k.startswith("_")} | {"why": _why(i, lang, own=not args.lang)} for i in items]
        sys.stdout.write(json.dumps({"as_of": at.as_of.isoformat(), "stale_days": args.stale, "items": out}, ensure_ascii=False, indent=2) + "\n")
        return 0
    title = sc.label("status_title", lang).format(date=fmt_date(at.as_of.isoformat(), lang))
    if not items:
        sys.stdout.write(f"{title}\n\n{sc.label('status_clean', lang)}\n")
        return 0
    if args.format == "markdown":

        def cell(text: str) -> str:
            return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

        lines = [f"## {cell(title)}", "", f"| {sc.label('plan_file', lang)} | ID | {sc.label('item', lang)} | {sc.label('why', lang)} |", "|---|---|---|---|"]
        lines += [
            f"| {cell(i['team'] or i['_title'] or i['file'])} | {i['kr']} | {cell(i['text'])} | {cell(_why(i, lang, own=not args.lang))} |" for i in items
        ]
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    from okrgen.cli.funnel_cmd import text_table
    from okrgen.cli.score_cmd import _short

    rows = [[i["team"] or i["_title"] or i["file"], i["kr"], _short(i["text"]), _why(i, lang, own=not args.lang)] for i in items]
    sys.stdout.write(title + "\n\n" + text_table([sc.label("plan_file", lang), "ID", sc.label("item", lang), sc.label("why", lang)], rows) + "\n")
    return 0
