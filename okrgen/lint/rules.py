"""The rules of SMART_RULES.md §4 as pure functions of analysed text and its context.

Each function answers "which codes fire, with which message parameters"; turning that into
Findings (severity, translated message and fix, pointer) is the engine's job. Each key-result rule is
one function registered under its code (okrgen/lint/registry.py); findings come out in the
catalogue's order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from okrgen.i18n import labels
from okrgen.lint import registry
from okrgen.lint.analysis import Analysis, analyse
from okrgen.lint.change import Pair, polarity
from okrgen.lint.normalize import clean, detect_lang
from okrgen.lint.quantity import quantities
from okrgen.lint.registry import CHECKS, check, codes, runs
from okrgen.period import Period

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
    baseline_is_previous: bool = False  # `baseline` came from `previous` (last period's figure, not a start)
    placeholder: str | None = None  # "X%", "$X", "TBD" written where a figure belongs (DRAFT-X01)
    too_long: dict | None = None  # DRAFT-X02's parameters: the text was not analysed


@dataclass(slots=True)
class Facts:
    """What several rules ask of one key result, decided once (§3 predicates)."""

    a: Analysis
    ctx: KRContext
    q: bool  # Q: a number that can work as a target, in the text or as `target`
    completion: bool  # the main predicate is a completion ("launch", "запустить", "上线")
    m01: bool  # no quantity and not a binary deliverable
    pair: tuple[str, dict] | None  # the A-rule verdict on baseline → target, if any

    @classmethod
    def of(cls, a: Analysis, ctx: KRContext) -> Facts:
        q = a.q or ctx.target is not None
        completion = a.pred_cls in ("completion_activity", "completion_only") or (a.pred_cls is None and a.nominal)
        return cls(a, ctx, q, completion, not q and not completion, _pair_verdict(a, ctx))


def _num(v: float, lang: str = "en") -> str:
    """A figure in a finding's message, grouped from 1,000 so "11,000 → 6,000" reads as one pair,
    and in the message's language: Russian groups with a no-break space and writes a decimal comma
    ("25 000 000", "7,5"). Not Babel: importing it would cost a lint run ~50 ms."""
    text = f"{v:,.10g}" if abs(v) >= 1000 else f"{v:.10g}"
    if lang == "ru" and "e" not in text:
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def _pair_verdict(a: Analysis, ctx: KRContext) -> tuple[str, dict] | None:
    """A02 when the change runs against the verb or `direction`, A01 when there is no change or it
    runs against the metric's polarity; None otherwise.

    The text's own UP/DOWN verb is judged first, so "Cut churn from 4% to 6%" is a contradiction
    whatever `direction` says; `direction` judges the numbers only when the text has no such verb.
    """
    if ctx.baseline is not None and ctx.target is not None:
        # the plan's figures, judged by the verb the text writes its change with ("从X提升到Y": 提升),
        # not by a negated one before it ("保持毛利率不下降")
        first = a.pairs[0] if a.pairs else None
        pair = Pair(float(ctx.baseline), float(ctx.target), first.x_pos if first else 0, first.y_end if first else len(a.s), verb=first.verb if first else None)
        verb, term = a.pair_verb_term(pair)
        if verb not in ("up", "down") and ctx.direction in _DIRECTION:
            verb, term = _DIRECTION[ctx.direction], f"direction: {ctx.direction}"
    elif a.pairs:
        pair = a.pairs[0]
        verb, term = a.pair_verb_term(pair)
    else:
        return None
    x, y = pair.x, pair.y
    params = {"x": _num(x, a.lang), "y": _num(y, a.lang)}
    if (verb == "up" and y < x) or (verb == "down" and y > x):
        return ("SMART-A02", {**params, "verb": term, "relation": labels(a.lang)["target_lower" if y < x else "target_higher"]})
    if ctx.direction == "maintain":
        return None  # an explicit health metric: keeping the level is the point
    if x == y:
        return ("SMART-A01", params)
    if verb not in ("up", "down"):
        pol = polarity(a.qs.masked, a.lang, pair)
        if (pol == "lower" and y > x) or (pol == "higher" and y < x):
            return ("SMART-A01", params)
    return None


def _text_verb(a: Analysis) -> tuple[str | None, str]:
    """The UP/DOWN verb the text states its change with: the pair's verb, else the main predicate."""
    if a.pairs:
        return a.pair_verb_term(a.pairs[0])
    return a.pred_cls, (a.s[a.pred.start : a.pred.end] if a.pred is not None else "")


def _decimals(v: float) -> int:
    text = f"{v:.10g}"
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text else 0


def same_figure(written: float, value: float) -> bool:
    """Whether a figure written in text states a field's value: to the precision it is written
    with ("62%" is 62.4), with compact money ("$3.5M", "¥350万") read to 5%, and a share written as
    a percentage (0.62 and "62%") the same."""
    for v in (value, value * 100, value / 100):
        if abs(written - v) <= 0.5 * 10 ** -_decimals(written) + 1e-9:
            return True
        big = max(abs(written), abs(v))
        if big >= 100_000 and abs(written - v) <= 0.05 * big:
            return True
    return False


def _term(a: Analysis) -> str:
    return a.text[a.pred.start : a.pred.end] if a.pred else ""


# One function per key-result rule: it returns the message parameters when the rule fires, else
# None. Order does not matter here; findings come out in catalogue order (rules.yaml).


@check("SMART-S01")
def vague_wording(f: Facts) -> dict | None:
    a = f.a
    if f.m01 and (a.pred_cls == "vague" or a.modifier):
        return {"term": _term(a) if a.pred_cls == "vague" and a.pred else (a.modifier or "")}
    return None


@check("SMART-S02")
def compound(f: Facts) -> dict | None:
    return {} if f.a.compound else None


@check("SMART-M01")
def no_measure(f: Facts) -> dict | None:
    return {} if f.m01 else None


@check("SMART-M02")
def bare_deliverable(f: Facts) -> dict | None:
    return {} if not f.q and f.completion else None


@check("SMART-M03")
def change_without_baseline(f: Facts) -> dict | None:
    return {} if f.a.rel and not (f.a.baseline or f.ctx.baseline is not None) else None


@check("SMART-M04")
def ambiguous_metric(f: Facts) -> dict | None:
    return {"term": f.a.ambiguous} if f.q and f.a.ambiguous else None


@check("SMART-A01")
def no_real_change(f: Facts) -> dict | None:
    return f.pair[1] if f.pair and f.pair[0] == "SMART-A01" else None


@check("SMART-A02")
def change_against_direction(f: Facts) -> dict | None:
    return f.pair[1] if f.pair and f.pair[0] == "SMART-A02" else None


@check("AGREE-001")
def verb_against_direction(f: Facts) -> dict | None:
    """The text says "reduce" while `direction: increase` (or the reverse): one of them is wrong."""
    want = _DIRECTION.get(f.ctx.direction or "")
    if want not in ("up", "down"):
        return None
    cls, term = _text_verb(f.a)
    if cls in ("up", "down") and cls != want:
        return {"verb": term, "direction": f.ctx.direction}
    return None


@check("AGREE-002")
def figures_differ(f: Facts) -> dict | None:
    """The text's "from X to Y" states other figures than `baseline` and `target`."""
    ctx, a = f.ctx, f.a
    if not a.pairs or ctx.target is None:
        return None
    tp = a.pairs[0]
    base = None if ctx.baseline_is_previous else ctx.baseline
    if same_figure(tp.y, float(ctx.target)) and (base is None or same_figure(tp.x, float(base))):
        return None
    lg = a.lang
    return {"tx": _num(tp.x, lg), "ty": _num(tp.y, lg), "x": _num(base, lg) if base is not None else "—", "y": _num(ctx.target, lg)}


@check("SMART-R01")
def activity_not_outcome(f: Facts) -> dict | None:
    return {"term": _term(f.a)} if f.a.pred_cls in ("activity", "completion_activity", "light") and not f.a.outcome else None


@check("SMART-R02")
def vanity_metric(f: Facts) -> dict | None:
    return {"term": f.a.vanity} if f.a.vanity else None


@check("SMART-T01")
def no_deadline(f: Facts) -> dict | None:
    ctx = f.ctx
    return {} if not f.a.timebound and not ctx.objective_timebound and ctx.period is None and ctx.due is None else None


@check("SMART-T02")
def vague_time(f: Facts) -> dict | None:
    return {"term": f.a.vague_time} if f.a.vague_time else None


@check("SMART-T03")
def deadline_outside_period(f: Facts) -> dict | None:
    ctx = f.ctx
    if ctx.period is None:
        return None
    lo, hi = ctx.period.start, ctx.period.end
    outside = ctx.due is not None and not lo <= ctx.due <= hi
    outside = outside or any(m.outside(lo, hi) for m in f.a.deadlines(lo.year))
    return {"period": ctx.period.label} if outside else None


@check("DRAFT-X01")
def placeholder(f: Facts) -> dict | None:
    return {"term": f.ctx.placeholder} if f.ctx.placeholder else None


@check("DRAFT-X02")
def too_long(f: Facts) -> dict | None:
    """The engine sets ctx.too_long and runs only this check (on an empty analysis) for a text
    past the length bounds (engine._too_long), so no other rule reads it."""
    return f.ctx.too_long


@functools.cache
def _placeholder_token():
    import re

    from okrgen.resources import load_data

    markers = load_data("draft_markers.yaml")
    return re.compile(markers["placeholder_token"], re.IGNORECASE), tuple(markers["placeholder_token_needs"])


def mask_placeholders(text: str) -> tuple[str, str | None]:
    """The text with placeholders ("X%", "$X", "xx亿") read as no number, and the first one found."""
    import re

    pattern, needs = _placeholder_token()
    lower = text.lower()
    for n in needs:
        if n in lower:
            break
    else:
        return text, None  # no token can match: skip the scan, which costs ~10 µs a text
    m = pattern.search(text)
    if not m:
        return text, None
    masked = re.sub(r"TBD\s*[万亿千百kKmM](?![a-z])", "TBD", pattern.sub(" TBD ", text))
    return masked, m.group(0).strip()


def kr_findings(a: Analysis, ctx: KRContext, enabled: frozenset = frozenset()) -> list[tuple[str, dict]]:
    """(code, message parameters) for one key result, in catalogue order."""
    facts = Facts.of(a, ctx)
    out = []
    for code, check_fn in _running_checks(enabled):
        params = check_fn(facts)
        if params is not None:
            out.append((code, params))
    return out


# enabled → (the rule loader it was worked out with, (code, check) of each key-result rule that runs)
_RUNNING: dict[frozenset, tuple[object, tuple]] = {}


def _running_checks(enabled: frozenset) -> tuple:
    """The key-result checks that run with these preview rules enabled, worked out once per set.

    The catalogue never changes once loaded; only a test swaps `registry.load_rules` for another
    function, and then the list is worked out again.
    """
    loader = registry.load_rules
    hit = _RUNNING.get(enabled)
    if hit is None or hit[0] is not loader:
        hit = _RUNNING[enabled] = (loader, tuple((c, CHECKS[c]) for c in kr_codes() if runs(c, enabled)))
    return hit[1]


@functools.cache
def kr_codes() -> tuple[str, ...]:
    """The key-result rules that have a check here, in catalogue order."""
    return tuple(c for c in codes("kr") if c in CHECKS)


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


__all__ = ["KRContext", "analyse", "kr_findings", "objective_bau_verb", "objective_has_number", "objective_timebound"]
