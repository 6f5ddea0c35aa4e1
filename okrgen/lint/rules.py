"""The rules of SMART_RULES.md §4 as pure functions of analysed text and its context.

Each function answers "which codes fire, with which message parameters"; turning that into
Findings (severity, translated message and fix, pointer) is the engine's job. The order of CODES is
the catalogue order, which is also the order findings are reported in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrgen.lint.analysis import Analysis, analyse
from okrgen.lint.change import Pair, polarity
from okrgen.lint.normalize import clean, detect_lang
from okrgen.lint.quantity import quantities
from okrgen.period import Period

CODES = (
    "SMART-S01",
    "SMART-S02",
    "SMART-M01",
    "SMART-M02",
    "SMART-M03",
    "SMART-M04",
    "SMART-A01",
    "SMART-A02",
    "SMART-R01",
    "SMART-R02",
    "SMART-T01",
    "SMART-T02",
    "SMART-T03",
    "SMART-O01",
    "SMART-O02",
    "SMART-P01",
    "SMART-P02",
    "SMART-P03",
    "SMART-P04",
)
_ORDER = {c: i for i, c in enumerate(CODES)}
PLAN_ONLY = ("SMART-P01", "SMART-P02", "SMART-P03", "SMART-P04")
_DIRECTION = {"increase": "up", "decrease": "down", "maintain": "neutral"}


@dataclass(slots=True)
class KRContext:
    """What a key result inherits or carries besides its text (§1, §3.3 inheritance)."""

    objective_timebound: bool = False
    period: Period | None = None
    due: date | None = None
    baseline: float | None = None
    target: float | None = None
    direction: str | None = None


def _num(v: float) -> str:
    return f"{v:,.10g}" if abs(v) >= 10000 else f"{v:.10g}"


def _pair_codes(a: Analysis, ctx: KRContext) -> list[tuple[str, dict]]:
    if ctx.baseline is not None and ctx.target is not None:
        pair = Pair(float(ctx.baseline), float(ctx.target), a.pairs[0].x_pos if a.pairs else 0, a.pairs[0].y_end if a.pairs else len(a.s))
        verb = _DIRECTION.get(ctx.direction or "") or a.pair_verb(pair)
    elif a.pairs:
        pair = a.pairs[0]
        verb = a.pair_verb(pair)
    else:
        return []
    x, y = pair.x, pair.y
    params = {"x": _num(x), "y": _num(y)}
    if (verb == "up" and y < x) or (verb == "down" and y > x):
        return [("SMART-A02", params)]
    if ctx.direction == "maintain":
        return []  # an explicit health metric: keeping the level is the point
    if x == y:
        return [("SMART-A01", params)]
    if verb not in ("up", "down"):
        pol = polarity(a.qs.masked, a.lang, pair)
        if (pol == "lower" and y > x) or (pol == "higher" and y < x):
            return [("SMART-A01", params)]
    return []


def kr_findings(a: Analysis, ctx: KRContext) -> list[tuple[str, dict]]:
    """(code, message parameters) for one key result, in catalogue order."""
    out: list[tuple[str, dict]] = []
    q = a.q or ctx.target is not None
    cls = a.pred_cls
    completion = cls in ("completion_activity", "completion_only") or (cls is None and a.nominal)
    m01 = not q and not completion
    if m01 and (cls == "vague" or a.modifier):
        term = a.text[a.pred.start : a.pred.end] if cls == "vague" and a.pred else (a.modifier or "")
        out.append(("SMART-S01", {"term": term}))
    if a.compound:
        out.append(("SMART-S02", {}))
    if m01:
        out.append(("SMART-M01", {}))
    if not q and completion:
        out.append(("SMART-M02", {}))
    has_base = a.baseline or (ctx.baseline is not None)
    if a.rel and not has_base:
        out.append(("SMART-M03", {}))
    if q and a.ambiguous:
        out.append(("SMART-M04", {"term": a.ambiguous}))
    out.extend(_pair_codes(a, ctx))
    if cls in ("activity", "completion_activity", "light") and not a.outcome:
        out.append(("SMART-R01", {"term": a.text[a.pred.start : a.pred.end] if a.pred else ""}))
    if a.vanity:
        out.append(("SMART-R02", {"term": a.vanity}))
    if not a.timebound and not ctx.objective_timebound and ctx.period is None and ctx.due is None:
        out.append(("SMART-T01", {}))
    if a.vague_time:
        out.append(("SMART-T02", {"term": a.vague_time}))
    if ctx.period is not None:
        lo, hi = ctx.period.start, ctx.period.end
        outside = ctx.due is not None and not lo <= ctx.due <= hi
        outside = outside or any(m.outside(lo, hi) for m in a.deadlines(lo.year))
        if outside:
            out.append(("SMART-T03", {"period": ctx.period.label}))
    out.sort(key=lambda cp: _ORDER[cp[0]])
    return out


# ---------------------------------------------------------------- objective scope


def _lang_of(text: str, lang: str | None) -> str:
    return lang or detect_lang(clean(text))


def objective_has_number(text: str, lang: str | None = None) -> bool:
    """O01: Q of an objective, where ranks and ordinals never count (§3.2 exclusion 8)."""
    lg = _lang_of(text, lang)
    return quantities(clean(text).lower(), lg, objective=True).q


def objective_bau_verb(text: str, lang: str | None = None) -> str | None:
    """O02: the business-as-usual verb the objective opens with, if any."""
    from okrgen.lint.lexicon import lexicon

    lg = _lang_of(text, lang)
    s = clean(text).lower()
    lx = lexicon(lg)
    for subj in sorted(lx.get("subject_words") or [], key=len, reverse=True):
        if s.startswith(subj + " ") or (lg == "zh" and s.startswith(subj)):
            s = s[len(subj) :].lstrip()
            break
    for verb in sorted(lx.get("bau_verbs") or [], key=len, reverse=True):
        if lg == "zh":
            if s.startswith(verb):
                return verb
        elif lg == "en":
            first = s.split(" ", 1)[0].strip(",.:;")
            if first in (verb, verb + "s", verb + "ing", verb + "ed", verb[:-1] + "ing" if verb.endswith("e") else verb):
                return first
        else:
            first = s.split(" ", 1)[0]
            if first.startswith(verb):
                return first
    return None


def objective_timebound(text: str, lang: str | None = None) -> bool:
    from okrgen.lint.timebound import is_timebound

    lg = _lang_of(text, lang)
    return is_timebound(clean(text).lower(), lg)


__all__ = ["CODES", "KRContext", "analyse", "kr_findings", "objective_bau_verb", "objective_has_number", "objective_timebound"]
