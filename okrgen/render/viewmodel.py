"""Everything a rendered plan shows, computed once from (plan, findings, language).

Templates only lay out what is here: numbers are already formatted for the locale, findings are
already attached to their key results, labels are already translated. That keeps the Markdown,
HTML and PDF outputs consistent with each other and makes every number traceable to the plan.
"""

from __future__ import annotations

from typing import Any

from okrgen import i18n
from okrgen.finding import Finding, severity_rank
from okrgen.plan.ids import kr_id, objective_id

_CURRENCY_UNITS = {"USD", "EUR", "RUB", "CNY", "GBP", "JPY", "$", "€", "₽", "¥", "元", "руб", "руб."}


def _fmt_value(value: Any, unit: str | None, lang: str, currency: str) -> str:
    if value is None:
        return ""
    u = (unit or "").strip()
    if u == "%":
        return i18n.fmt_percent(value, lang)
    if u.upper() in _CURRENCY_UNITS or u in _CURRENCY_UNITS:
        code = u.upper() if len(u) == 3 and u.isalpha() else currency
        return i18n.fmt_money(value, lang, code)
    return i18n.fmt_number(value, lang)


def _score(kr: dict) -> dict | None:
    """Progress of a key result when it has a current value (or check-ins) to score."""
    from okrgen.track import score as scoring

    if kr.get("current") is None and not kr.get("checkins"):
        return None
    try:
        s = scoring.score_kr(kr)
    except Exception:  # a malformed value is reported by the schema, not by the renderer
        return None
    if s.score is None:
        return None
    arrows = {"improving": "↗", "worsening": "↘", "flat": "→"}
    return {
        "value": s.score,
        "pct": round(s.score * 100),
        "text": f"{s.score:.1f}",
        "band": s.band or scoring.band(s.score),
        "trend": arrows.get(s.trend_direction or "", ""),
    }


def build(plan: dict, findings: list[Finding] | None = None, lang: str | None = None) -> dict:
    lang = lang or plan.get("lang") or "en"
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
            krs.append(
                {
                    "id": kid,
                    "pointer": pointer,
                    "text": kr.get("text", ""),
                    # "%" and currencies are already in the formatted numbers.
                    "unit": "" if unit == "%" or unit.upper() in _CURRENCY_UNITS or unit in _CURRENCY_UNITS else unit,
                    "baseline": _fmt_value(kr.get("baseline"), unit, lang, currency),
                    "target": _fmt_value(kr.get("target"), unit, lang, currency),
                    "current": _fmt_value(kr.get("current"), unit, lang, currency),
                    "due": i18n.fmt_date(kr.get("due"), lang) if kr.get("due") else "",
                    "owner": kr.get("owner") or "",
                    "score": _score(kr),
                    "findings": [],
                }
            )
        objectives.append(
            {
                "id": oid,
                "pointer": f"/objectives/{i}",
                "title": obj.get("title", ""),
                "description": obj.get("description") or "",
                "owner": obj.get("owner") or "",
                "key_results": krs,
                "initiatives": list(obj.get("initiatives") or []),
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

    from okrgen.track import score as scoring

    for o, source in zip(objectives, plan.get("objectives") or []):
        if not any(kr["score"] for kr in o["key_results"]):
            continue
        try:
            s = scoring.score_objective(source)  # weighted, the same figure `okrgen score` prints
        except Exception:  # a malformed value is reported by the schema, not by the renderer
            continue
        if s.score is not None:
            o["score"] = {"value": s.score, "pct": round(s.score * 100), "text": f"{s.score:.1f}", "band": s.band}

    show_columns = {
        "current": any(kr["current"] for o in objectives for kr in o["key_results"]),
        "due": any(kr["due"] for o in objectives for kr in o["key_results"]),
        "owner": any(kr["owner"] for o in objectives for kr in o["key_results"]),
        "unit": any(kr["unit"] for o in objectives for kr in o["key_results"]),
        "score": any(kr["score"] for o in objectives for kr in o["key_results"]),
    }
    kpis = [{"name": k.get("name", ""), "target": "" if k.get("target") is None else str(k.get("target"))} for k in plan.get("kpis") or []]
    source = plan.get("source") or {}
    return {
        "lang": lang,
        "L": L,
        "title": plan.get("title") or _default_title(plan, L, lang),
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
        "counts": {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")},
    }


def _default_title(plan: dict, L: dict, lang: str) -> str:
    period = i18n.fmt_period(plan.get("period"), lang) if plan.get("period") is not None else ""
    if plan.get("team") and period:
        return L["plan_title"].format(team=plan["team"], period=period)
    if plan.get("team"):
        return f"{plan['team']}: {L['plan_title_bare']}"
    return L["plan_title_no_team"].format(period=period) if period else L["plan_title_bare"]
