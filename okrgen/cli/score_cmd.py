"""`okrgen score plan.yaml`: progress per key result, objective and plan, as a table or JSON.

The scoring rules are in okrgen.track.score; this module loads and validates the plan, points any bad value
at its line, and prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS  # noqa: E402 - the one list of languages

_SPARK = "▁▂▃▄▅▆▇█"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "score",
        help="score plans' progress (0.0–1.0) and pace per key result, objective, plan and team",
        description=(
            "Score each key result by its kind (docs/scoring.md): a cumulative total counts from zero to the "
            "target, a level moves from baseline to target, a milestone is done or not, a threshold is held at a "
            "share of check-ins; clamped to 0–1. Status compares each key result with where it should be by the "
            "as-of date (linear over the period, or its monthly `pace`): on track, at risk or behind. Objectives "
            "are the weighted mean of their key results. Give several plans or folders to roll them up by team, "
            "owner and department."
        ),
        epilog="examples: okrgen score plan.yaml --as-of 2027-02-14 | okrgen score plans/ --format json",
    )
    p.add_argument("plan", nargs="+", help="plan files (YAML), folders of plans, or OKR drafts (.md .txt .rst .org .docx .html .csv .xlsx)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="score as of this day (default today); later check-ins are left out")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    p.add_argument("--lang", choices=LANGS, help="language of the table (default: the plan's lang)")
    p.set_defaults(func=run)


def plan_files(paths: list[str]) -> list[str]:
    """Files as given; folders searched (recursively) for YAML files that hold objectives."""
    import os

    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith((".yaml", ".yml")):
                        full = os.path.join(root, name)
                        try:
                            with open(full, encoding="utf-8", errors="replace") as fh:
                                head = fh.read(200_000)
                        except OSError:
                            continue
                        if "\nobjectives:" in "\n" + head:
                            found.append(full)
            if not found:
                raise OkrgenError(
                    f"{path}: no plan files (YAML with objectives) in this folder",
                    hint="Make plans there with `okrgen new … -o " + path.rstrip("/") + "/plan.yaml`, or name the folder that holds them.",
                )
            out.extend(found)
        elif not os.path.exists(path):
            raise OkrgenError(f"{path}: no such file or folder", hint="Check the path; it is relative to the current directory.")
        else:
            out.append(path)
    return out


def _load(path: str):
    from okrgen.cli.render_cmd import DRAFT_SUFFIXES, load_draft

    if Path(path).suffix.lower() in DRAFT_SUFFIXES:
        return load_draft(path)  # a draft scores through the reader okrgen import uses
    try:
        from okrgen.plan.planfile import load_plan
    except ImportError:  # pragma: no cover - planio is part of the package
        from okrgen.plan.yamlload import load as load_plan
    return load_plan(path)


def _locate(err: OkrgenError, loaded) -> OkrgenError:
    findings = []
    for f in err.findings:
        if f.file is None:
            line, col = loaded.position(f.pointer)
            f = f.with_location(loaded.file, line, col)
        findings.append(f)
    return OkrgenError(err.message, findings, err.hint)


def bar(score: float | None, width: int = 10) -> str:
    if score is None:
        return ""
    filled = round(score * width)
    return "█" * filled + "░" * (width - filled)


def sparkline(values: list[float]) -> str:
    if len(values) < 2:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return _SPARK[3] * len(values)
    return "".join(_SPARK[round((v - lo) / (hi - lo) * (len(_SPARK) - 1))] for v in values)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _currency(data) -> str:
    from okrgen.i18n import DEFAULT_CURRENCY

    return (data.get("currency") if isinstance(data, dict) else None) or DEFAULT_CURRENCY.get("en", "USD")


def render_text(result, lang: str, currency: str = "USD") -> str:
    from okrgen.cli.funnel_cmd import text_table
    from okrgen.track import score as sc

    def num(v, k):
        return (
            ""
            if v is None
            else sc.fmt_value(v, k.unit, lang, currency, with_unit=False, compact=sc.compact_row(k.current, k.target, k.baseline, k.previous, lang=lang))
        )

    headers = [sc.label(k, lang) for k in ("id", "item", "kind", "baseline", "target", "current", "score")] + [
        "",
        sc.label("band", lang),
        sc.label("trend", lang),
    ]
    rows = []
    for o in result.objectives:
        rows.append([o.id or sc.label("objective", lang), _short(o.title), "", "", "", "", sc.score_text(o.score, lang), bar(o.score), "", ""])
        for k in o.key_results:
            trend = ""
            if k.trend_direction:
                trend = f"{sparkline([p.value for p in k.trend])} {sc.label(k.trend_direction, lang)}"
            if k.score is None:
                status = sc.label("not_scored", lang)
            elif k.status:
                status = f"{sc.status_name(k.status, lang)}{'：' if lang == 'zh' else ': '}{sc.figure(k, lang, currency)}"
            else:
                status = sc.band_name(k.band, lang)
            start = k.previous if k.kind == "cumulative" else k.baseline
            rows.append(
                [
                    "  " + k.id,
                    _short(k.text),
                    sc.kind_name(k.kind, lang),
                    num(start, k),
                    num(k.target, k),
                    num(k.current, k),
                    sc.score_text(k.score, lang),
                    bar(k.score),
                    status,
                    trend,
                ]
            )
    counts = {}
    for k in result.key_results():
        if k.status:
            counts[k.status] = counts.get(k.status, 0) + 1
    summary = sc.status_counts(counts, lang) or sc.band_name(result.band, lang)
    rows.append([sc.label("plan", lang), "", "", "", "", "", sc.score_text(result.score, lang), bar(result.score), summary, ""])
    title = sc.label("title", lang).format(title=result.title or "")
    from okrgen.i18n import fmt_date

    title += " — " + sc.label("as_of", lang).format(date=fmt_date(result.as_of, lang))
    return title + "\n\n" + text_table(headers, rows, right={3, 4, 5, 6}) + "\n"


def _department(data) -> str:
    """The department of the template a plan was made from (built-in catalog), or ""."""
    source = data.get("source") if isinstance(data, dict) else None
    if not isinstance(source, dict) or not source.get("template"):
        return ""
    from okrgen.catalog.index import Catalog

    global _CATALOG
    if _CATALOG is None:
        _CATALOG = {e.id: e.data.get("department") or "" for e in Catalog().entries()}
    return _CATALOG.get(source["template"], "")


_CATALOG: dict | None = None


def roll_up(scored: list[tuple[str, dict, object]]) -> dict:
    """Group scores by team, owner and department: the mean of the plans' scores weighted by the
    total weight of each plan's scored key results (a plan with nine scored KRs counts more than one
    with two), with how many KRs are on track, at risk and behind."""
    from fractions import Fraction

    from okrgen.track import score as sc

    groups: dict[str, dict[str, dict]] = {"team": {}, "owner": {}, "department": {}}
    for file, data, result in scored:
        krs = [k for k in result.key_results() if k.score is not None]
        weight = sum((Fraction(repr(k.weight)) for k in krs), Fraction(0))
        keys = {
            "team": (data.get("team") if isinstance(data, dict) else None) or "—",
            "owner": (data.get("owner") if isinstance(data, dict) else None) or "—",
            "department": _department(data) or "—",
        }
        for by, key in keys.items():
            g = groups[by].setdefault(key, {"plans": [], "num": Fraction(0), "den": Fraction(0), "krs": 0, "on_track": 0, "at_risk": 0, "behind": 0, "done": 0})
            g["plans"].append(file)
            g["krs"] += len(krs)
            if result.score is not None and weight > 0:
                g["num"] += Fraction(repr(result.score)) * weight
                g["den"] += weight
            for k in krs:
                if k.status:
                    g[k.status] += 1
    out: dict[str, list[dict]] = {}
    for by, items in groups.items():
        rows = []
        for key, g in sorted(items.items()):
            score = float(g["num"] / g["den"]) if g["den"] else None
            rows.append(
                {
                    "group": key,
                    "plans": len(g["plans"]),
                    "key_results": g["krs"],
                    "score": score,
                    "band": sc.band(score),
                    "on_track": g["on_track"] + g["done"],
                    "at_risk": g["at_risk"],
                    "behind": g["behind"],
                }
            )
        out[by] = rows
    return out


def render_rollup(groups: dict, lang: str) -> str:
    from okrgen.cli.funnel_cmd import text_table
    from okrgen.track import score as sc

    parts = []
    for by in ("team", "owner", "department"):
        headers = [sc.label(f"by_{by}", lang), sc.label("plans", lang), sc.label("key_results", lang), sc.label("score", lang), ""]
        headers += [sc.status_name(s, lang) for s in ("on_track", "at_risk", "behind")]
        rows = [
            [
                g["group"],
                str(g["plans"]),
                str(g["key_results"]),
                sc.score_text(g["score"], lang),
                bar(g["score"]),
                str(g["on_track"]),
                str(g["at_risk"]),
                str(g["behind"]),
            ]
            for g in groups[by]
        ]
        parts.append(text_table(headers, rows, right={1, 2, 3, 5, 6, 7}))
    return "\n\n".join(parts) + "\n"


def score_files(paths: list[str], as_of: str | None):
    """[(file, plan data, PlanScore)] for every plan file named or found in the folders."""
    from okrgen.track import score as sc

    out = []
    for path in plan_files(paths):
        loaded = _load(path)
        try:
            result = sc.score_plan(loaded.data, as_of)
        except OkrgenError as err:
            raise _locate(err, loaded) from None
        out.append((loaded.file, loaded.data, result))
    return out


def run(args: argparse.Namespace) -> int:
    from okrgen.track import score as sc

    sc.clock(None, args.as_of)  # a bad --as-of is reported before any plan is read
    scored = score_files(args.plan, args.as_of)
    first = scored[0][1] if isinstance(scored[0][1], dict) else {}
    lang = args.lang or first.get("lang") or "en"
    if lang not in LANGS:
        lang = "en"
    if args.format == "json":
        plans = [dict(result.to_dict(), file=file) for file, _, result in scored]
        if len(scored) == 1:
            out = plans[0]
        else:
            out = {"as_of": scored[0][2].as_of, "plans": plans, "roll_up": roll_up(scored)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return 0
    texts = []
    for file, data, result in scored:
        plan_lang = args.lang or (data.get("lang") if isinstance(data, dict) else None) or lang
        texts.append((f"{file}\n" if len(scored) > 1 else "") + render_text(result, plan_lang if plan_lang in LANGS else lang, _currency(data)))
    if len(scored) > 1:
        texts.append(render_rollup(roll_up(scored), lang))
    from okrgen.cli.console import terminal_safe

    sys.stdout.write(terminal_safe("\n".join(texts)))  # the text has no colour codes of its own
    return 0
