"""The report site: an index of every plan (score, status, team, department, owner, filters) and a
page per plan (objectives, key results, progress, check-in history, confidence, notes).

Self-contained on purpose: CSS and the few lines of filter script are inlined and charts are inline
SVG, so the folder can be zipped, mailed, opened from a file share or put on any static host, and
nothing is fetched (no CDN, no web font). Labels follow each plan's language; the index takes the
language most plans share. Everything shown was computed by okrgen.track.score; this module only
formats it.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from okrgen.i18n import LANGS, fmt_date, fmt_period, pick
from okrgen.render.env import output_environment
from okrgen.render.report.chart import sparkline
from okrgen.resources import folder, load_data
from okrgen.track import score as sc

SEVERITY = sc.WORST_FIRST  # the worst status of a plan's key results is its status


@dataclass
class Entry:
    """One plan of the report: where it came from, its data, its score and its department."""

    file: str
    data: dict
    result: sc.PlanScore
    department: str = ""


@functools.cache
def _labels_data() -> dict:
    return load_data("report_labels.yaml")


def labels(lang: str) -> dict[str, str]:
    out = {k: pick(v, lang) for k, v in _labels_data().items()}
    for key in ("by_team", "by_department", "by_owner", "plans", "key_results"):
        out["rollup_" + key] = sc.label(key, lang)
    for s in SEVERITY:
        out["status_" + s] = sc.status_name(s, lang)
    return out


@functools.cache
def _env():
    return output_environment("report", autoescape=True, filters={})


@functools.cache
def _asset(name: str) -> str:
    return (folder("templates") / "report" / name).read_text(encoding="utf-8")


def plan_status(result: sc.PlanScore) -> str:
    worst = sc.worst_status(k.status for k in result.key_results())
    return "none" if worst is None else "on_track" if worst == "done" else worst


def _pct(score: float | None) -> int:
    return 0 if score is None else max(0, min(100, round(score * 100)))


def _lang(data: dict, fallback: str) -> str:
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if lang in LANGS else fallback


def _kr_view(k: sc.KRScore, kr: dict, lang: str, currency: str, L: dict) -> dict:
    compact = sc.compact_row(k.current, k.target, k.baseline, k.previous, lang=lang)

    def v(x):
        return "" if x is None else sc.fmt_value(x, k.unit, lang, currency, compact=compact)

    start = k.previous if k.kind == "cumulative" else k.baseline
    checkins = [c for c in (kr.get("checkins") or []) if isinstance(c, dict)]
    points = [(str(c.get("date")), float(c["value"])) for c in checkins if isinstance(c.get("value"), (int, float)) and not isinstance(c.get("value"), bool)]
    if k.kind == "cumulative":
        chart_floor = None
    else:
        chart_floor = k.baseline
    return {
        "id": k.id,
        "text": k.text,
        "kind": sc.kind_name(k.kind, lang),
        "start": v(start),
        "start_is_previous": k.kind == "cumulative" and start is not None,
        "previous_text": sc._figure_text("previous", lang, prev=v(start)) if k.kind == "cumulative" and start is not None else "",
        "target": v(k.target),
        "current": v(k.current),
        "score": sc.score_text(k.score, lang) if k.score is not None else "",
        "pct": _pct(k.score),
        "band": sc.bar_colour(k.band, k.status) or "none",
        "status": k.status or "none",
        "status_text": sc.status_name(k.status, lang) if k.status else (L["no_status"] if k.score is None else sc.band_name(k.band, lang)),
        "figure": sc.pace_text(k, lang, currency),
        "sep": "；" if lang == "zh" else "; ",
        "progress": sc.progress_text(k, lang, currency),
        "confidence": "" if k.confidence is None else f"{k.confidence:g}/10",
        "note": k.note,
        "chart": sparkline(points, target=k.target, baseline=chart_floor, label=f"{k.id} {L['checkins']}") if points else Markup(""),
        "checkins": [
            {
                "date": fmt_date(c.get("date"), lang),
                "value": v(c.get("value")) if isinstance(c.get("value"), (int, float)) else str(c.get("value")),
                "confidence": "" if c.get("confidence") is None else f"{c['confidence']:g}/10",
                "note": c.get("note") or "",
            }
            for c in reversed(checkins)
        ],
    }


def plan_view(e: Entry, stem: str, as_of: str, fallback_lang: str, lang: str | None = None) -> dict:
    """A plan's page in its own language (or `lang`: the index shows every row in its own)."""
    data = e.data if isinstance(e.data, dict) else {}
    lang = lang or _lang(data, fallback_lang)
    L = labels(lang)
    currency = data.get("currency") or "USD"
    objectives = []
    for i, o in enumerate(e.result.objectives):
        raw_obj = (data.get("objectives") or [])[i]
        raw_krs = raw_obj.get("key_results") or []
        objectives.append(
            {
                "id": o.id,
                "title": o.title,
                "score": sc.score_text(o.score, lang) if o.score is not None else "",
                "pct": _pct(o.score),
                "band": sc.bar_colour(o.band, sc.worst_status(k.status for k in o.key_results)) or "none",
                "krs": [_kr_view(k, raw_krs[j], lang, currency, L) for j, k in enumerate(o.key_results)],
            }
        )
    counts = Counter(k.status for k in e.result.key_results() if k.status)
    status = plan_status(e.result)
    return {
        "stem": stem,
        "href": f"plans/{stem}.html",
        "file": e.file,
        "lang": lang,
        "L": L,
        "title": e.result.title or stem,
        "team": data.get("team") or "",
        "owner": data.get("owner") or "",
        "department": department_name(e.department, L),
        "period": fmt_period(data.get("period"), lang) if data.get("period") else "",
        "score": sc.score_text(e.result.score, lang) if e.result.score is not None else "",
        "pct": _pct(e.result.score),
        "band": sc.bar_colour(e.result.band, status) or "none",
        "status": status,
        "status_text": L["status_" + status] if status != "none" else L["no_status"],
        "counts": {s: counts.get(s, 0) + (counts.get("done", 0) if s == "on_track" else 0) for s in ("on_track", "at_risk", "behind")},
        "kr_count": len(e.result.key_results()),
        "objectives": objectives,
        "as_of": L["as_of"].format(date=fmt_date(as_of, lang)),
    }


def department_name(department: str | None, L: dict) -> str:
    """A built-in department ('sales') in the page's language; any other name as written."""
    return L.get("department_" + department, department) if department else ""


def index_lang(entries: list[Entry], lang: str | None) -> str:
    if lang in LANGS:
        return lang
    langs = Counter(_lang(e.data, "en") for e in entries)
    return langs.most_common(1)[0][0] if langs else "en"


def build_site(entries: list[Entry], stems: list[str], as_of: str, rollup: dict, lang: str | None = None) -> dict[str, str]:
    """{relative path: HTML} for index.html and plans/<stem>.html."""
    ilang = index_lang(entries, lang)
    L = labels(ilang)
    css = Markup(_asset("report.css"))
    out: dict[str, str] = {}
    plan_tpl = _env().get_template("plan.html.j2")
    for e, stem in zip(entries, stems):
        p = plan_view(e, stem, as_of, ilang)
        out[p["href"]] = plan_tpl.render(p=p, L=p["L"], css=css, back=labels(p["lang"])["back"])
    plans = [plan_view(e, stem, as_of, ilang, lang=ilang) for e, stem in zip(entries, stems)]
    options = {
        "team": sorted({p["team"] for p in plans if p["team"]}),
        "owner": sorted({p["owner"] for p in plans if p["owner"]}),
        "status": [s for s in ("behind", "at_risk", "on_track", "none") if any(p["status"] == s for p in plans)],
    }
    groups = {
        by: [
            dict(
                g,
                group=department_name(g["group"], L) if by == "department" else g["group"],
                score_text=sc.score_text(g["score"], ilang) if g["score"] is not None else "",
                pct=_pct(g["score"]),
                band=sc.bar_colour(g["band"], sc.worst_status(s for s in sc.WORST_FIRST if g.get(s))),
            )
            for g in rollup.get(by, [])
        ]
        for by in ("team", "department")
    }
    out["index.html"] = (
        _env()
        .get_template("index.html.j2")
        .render(
            lang=ilang,
            L=L,
            css=css,
            script=Markup(_asset("filters.js")),
            plans=plans,
            options=options,
            groups=groups,
            as_of=L["as_of"].format(date=fmt_date(as_of, ilang)),
        )
    )
    return out
