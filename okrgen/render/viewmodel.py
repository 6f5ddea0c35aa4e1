"""Everything a rendered plan shows, computed once from (plan, findings, language).

Templates only lay out what is here: numbers are already formatted for the locale, findings are
already attached to their key results, labels are already translated. That keeps the Markdown,
HTML and PDF outputs consistent with each other and makes every number traceable to the plan.
"""

from __future__ import annotations

from typing import Any

from okrgen import i18n
from okrgen.finding import Finding, severity_rank
from okrgen.numbers import is_money_unit, money_code
from okrgen.plan.ids import kr_id, objective_id


def _fmt_value(value: Any, unit: str | None, lang: str, currency: str) -> str:
    if value is None:
        return ""
    u = (unit or "").strip()
    if u == "%":
        return i18n.fmt_percent(value, lang)
    if is_money_unit(u):
        return i18n.fmt_money(value, lang, money_code(u, currency))
    return i18n.fmt_number(value, lang)


def _score(kr: dict, at=None, lang: str = "en", currency: str = "USD", pointer: str = "") -> dict | None:
    """Progress of a key result when it has a current value (or check-ins) to score: the score as
    `okrgen score` rounds it, the kind-appropriate progress ("$950K of $3.5M"), the pace status with
    its figure, confidence and the latest check-in note."""
    from okrgen.track import score as scoring

    if kr.get("current") is None and not kr.get("checkins"):
        return None
    try:
        s = scoring.score_kr(kr, pointer, at)
    except Exception:  # a malformed value is reported by the schema, not by the renderer
        return None
    if s.score is None:
        return None
    arrows = {"improving": "↗", "worsening": "↘", "flat": "→"}
    confidence = "" if s.confidence is None else i18n.fmt_number(s.confidence, lang) + "/10"
    return {
        "value": s.score,
        "pct": round(s.score * 100),
        "text": scoring.score_text(s.score, lang),
        "band": scoring.bar_colour(s.band or scoring.band(s.score), s.status),
        "trend": arrows.get(s.trend_direction or "", ""),
        "progress": scoring.progress_text(s, lang, currency),
        "status": s.status or "",
        "status_text": scoring.status_name(s.status, lang),
        "figure": scoring.pace_text(s, lang, currency) if s.status else "",
        "confidence": confidence,
        "note": s.note,
    }


def build(plan: dict, findings: list[Finding] | None = None, lang: str | None = None, as_of=None) -> dict:
    from okrgen.errors import OkrgenError
    from okrgen.track import score as scoring

    lang = lang or plan.get("lang") or "en"
    try:
        at = scoring.clock(plan.get("period"), as_of)
    except OkrgenError:  # a bad period is reported by the schema and the linter, not here
        at = scoring.clock(None, as_of)
    L = i18n.labels(lang)
    currency = plan.get("currency") or i18n.DEFAULT_CURRENCY.get(lang, "USD")
    findings = sorted(findings or [], key=lambda f: (-severity_rank(f.severity), f.pointer, f.code))

    refs: dict[str, str] = {"": ""}
    objectives = []
    for i, obj in enumerate(plan.get("objectives") or []):
        oid = objective_id(i, obj)
        refs[f"/objectives/{i}"] = oid
        krs = []
        for j, kr in enumerate(obj.get("key_results") or []):
            kid = kr_id(i, j, kr)
            pointer = f"/objectives/{i}/key_results/{j}"
            refs[pointer] = kid
            unit = kr.get("unit") or ""
            cumulative = kr.get("kind") == "cumulative"
            # A cumulative total counts from zero: its "from" figure is last period's total.
            start = kr.get("previous") if cumulative and kr.get("previous") is not None else kr.get("baseline")
            row = [v for v in (start, kr.get("target"), kr.get("current")) if isinstance(v, (int, float)) and not isinstance(v, bool)]
            compact = scoring.compact_row(*row, lang=lang) if is_money_unit(unit) else None

            def fmt(value, unit=unit, compact=compact):
                if value is None:
                    return ""
                if compact is None or not isinstance(value, (int, float)) or isinstance(value, bool):
                    return _fmt_value(value, unit, lang, currency)
                return scoring.fmt_value(value, unit, lang, currency, compact=compact)

            krs.append(
                {
                    "id": kid,
                    "pointer": pointer,
                    "text": _tidy(kr.get("text", ""), plan),
                    # "%" and currencies are already in the formatted numbers.
                    "unit": "" if unit == "%" or is_money_unit(unit) else unit,
                    "kind": kr.get("kind") or "",
                    "baseline": fmt(start),
                    "baseline_is_previous": bool(cumulative and start is not None),
                    "target": fmt(kr.get("target")),
                    "current": fmt(kr.get("current")),
                    "due": i18n.fmt_date(kr.get("due"), lang) if kr.get("due") else "",
                    "owner": kr.get("owner") or "",
                    "score": _score(kr, at, lang, currency, pointer),
                    "findings": [],
                }
            )
        objectives.append(
            {
                "id": oid,
                "pointer": f"/objectives/{i}",
                "title": _tidy(obj.get("title", ""), plan),
                "description": obj.get("description") or "",
                "owner": obj.get("owner") or "",
                "key_results": krs,
                "initiatives": [_tidy(item, plan) for item in obj.get("initiatives") or []],
                "findings": [],
                "score": None,
            }
        )

    review = []
    by_pointer = {kr["pointer"]: kr for o in objectives for kr in o["key_results"]}
    by_pointer.update({o["pointer"]: o for o in objectives})
    for f in findings:
        target = by_pointer.get(f.pointer)
        item = {
            "code": f.code,
            "severity": f.severity,
            "severity_label": L.get(f"severity_{f.severity}", f.severity),
            "message": f.message,
            "fix": f.fix,
            "ref": refs.get(f.pointer, ""),
        }
        review.append(item)
        if target is not None:
            target["findings"].append(item)

    for o, source in zip(objectives, plan.get("objectives") or []):
        if not any(kr["score"] for kr in o["key_results"]):
            continue
        try:
            s = scoring.score_objective(source, o["pointer"], at)  # weighted, the same figure `okrgen score` prints
        except Exception:  # a malformed value is reported by the schema, not by the renderer
            continue
        if s.score is not None:
            o["score"] = {
                "value": s.score,
                "pct": round(s.score * 100),
                "text": scoring.score_text(s.score, lang),
                "band": scoring.bar_colour(s.band, scoring.worst_status(k.status for k in s.key_results)),
            }

    show_columns = {
        "current": any(kr["current"] for o in objectives for kr in o["key_results"]),
        "due": any(kr["due"] for o in objectives for kr in o["key_results"]),
        "owner": any(kr["owner"] for o in objectives for kr in o["key_results"]),
        "unit": any(kr["unit"] for o in objectives for kr in o["key_results"]),
        "score": any(kr["score"] for o in objectives for kr in o["key_results"]),
    }
    scored = show_columns["score"]
    tracking = {
        "as_of": scoring.label("as_of", lang).format(date=i18n.fmt_date(at.as_of.isoformat(), lang)) if scored else "",
        "previous": scoring.label("previous", lang),
        "confidence": scoring.label("confidence", lang),
    }
    kpis = [
        {"name": _tidy(k.get("name", ""), plan), "target": "" if k.get("target") is None else _tidy(str(k.get("target")), plan), "no_level": False}
        for k in plan.get("kpis") or []
    ]
    if any(k["target"] for k in kpis):
        for k in kpis:  # a blank cell reads as a gap in the plan; say that the metric is only watched
            if not k["target"]:
                k["target"], k["no_level"] = L["kpi_no_level"], True
    source = plan.get("source") or {}
    return {
        "lang": lang,
        "L": L,
        "title": _tidy(plan.get("title") or _default_title(plan, L, lang), plan),
        "team": plan.get("team") or "",
        "owner": plan.get("owner") or "",
        "period": i18n.fmt_period(plan.get("period"), lang) if plan.get("period") is not None else "",
        "template": f"{source.get('template')} v{source.get('version')}" if source.get("template") else "",
        "notes": plan.get("notes") or "",
        "objectives": objectives,
        "kpis": kpis,
        "kpis_have_target": any(k["target"] for k in kpis),
        "review": review,
        "columns": show_columns,
        "tracking": tracking,
        "counts": {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")},
    }


def _tidy(text: Any, plan: dict) -> Any:
    """Text typeset for the plan's language (i18n.tidy_text): no-break spaces before Russian units,
    no spaces in folded Chinese; whatever language the labels are rendered in."""
    return i18n.tidy_text(text, plan.get("lang") or "en") if isinstance(text, str) else text


def _default_title(plan: dict, L: dict, lang: str) -> str:
    period = i18n.fmt_period(plan.get("period"), lang) if plan.get("period") is not None else ""
    if plan.get("team") and period:
        return L["plan_title"].format(team=plan["team"], period=period)
    if plan.get("team"):
        return f"{plan['team']}: {L['plan_title_bare']}"
    return L["plan_title_no_team"].format(period=period) if period else L["plan_title_bare"]
