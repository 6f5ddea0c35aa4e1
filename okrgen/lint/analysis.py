"""Everything the KR rules ask of one key-result text, computed once and cached per process.

The rules (rules.py) only combine these facts; they never run a pattern themselves, so a KR linted
under several plans or periods costs one analysis.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from okrgen.lint import change, clauses, predicates, terms, timebound
from okrgen.lint.normalize import clean, detect_lang
from okrgen.lint.quantity import Quantities, quantities


@dataclass(slots=True)
class Analysis:
    text: str  # cleaned, original case
    lang: str
    s: str  # lower-cased, what patterns run on
    qs: Quantities
    pred: predicates.Predicate | None
    pred_cls: str | None  # after the complete/完成/выполнить exception
    outcome: bool
    modifier: str | None
    nominal: bool
    pairs: tuple[change.Pair, ...]
    rel: bool
    baseline: bool
    timebound: bool
    vague_time: str | None
    vanity: str | None
    ambiguous: str | None
    compound: bool

    @property
    def q(self) -> bool:
        return self.qs.q

    def pair_verb(self, pair: change.Pair) -> str | None:
        """Class of the verb that governs a pair: the ZH verb inside 从X…到Y, else the last UP/DOWN verb
        before X (an outcome clause's verb), else the main predicate."""
        if pair.verb:
            p = predicates.find_predicate(pair.verb, self.lang)
            if p and p.cls in ("up", "down"):
                return p.cls
        cls = self.pred_cls
        if self.pred is not None:
            start = self.pred.end
            while True:
                p = predicates.find_predicate(self.s, self.lang, start=start)
                if p is None or p.start >= pair.x_pos:
                    break
                if p.cls in ("up", "down"):
                    cls = p.cls
                start = p.end
        return cls

    def deadlines(self, year: int) -> list[timebound.Mention]:
        return _deadlines(self.s, self.lang, year)


@functools.lru_cache(maxsize=4096)
def _deadlines(s: str, lang: str, year: int):
    return timebound.mentions(s, lang, year)[1]


@functools.lru_cache(maxsize=8192)
def analyse(text: str, lang: str | None = None) -> Analysis:
    cleaned = clean(text)
    lang = lang or detect_lang(cleaned)
    s = cleaned.lower()
    qs = quantities(s, lang)
    masked = qs.masked
    skip = timebound.time_spans(s, lang)
    pred = predicates.find_predicate(s, lang, skip)
    cls = pred.cls if pred else None
    if pred and predicates.is_complete_exception(pred, lang):
        clause_end = len(s)
        clause_start = 0
        for sep in (";", "。", "，"):
            i = s.find(sep, pred.end)
            if i != -1:
                clause_end = min(clause_end, i)
            clause_start = max(clause_start, s.rfind(sep, 0, pred.start) + 1)
        # the whole clause counts: "80% of weekly reviews completed on time" puts the percentage first
        if any(clause_start <= q.start < clause_end and (q.money or q.percent) for q in qs.items):
            cls = "neutral"
    outcome = bool(pred) and cls in ("activity", "completion_activity", "light") and clauses.has_outcome_clause(s, lang, pred, qs, skip)
    prs = tuple(change.pairs(masked, lang))
    ambiguous_text = s
    if pred and not outcome and cls in ("activity", "completion_activity", "light"):
        # "Провести 5 вебинаров, чтобы повысить узнаваемость": the number counts webinars; the purpose
        # clause has no target, so its noun is not the measured one (M04 needs the measured noun)
        cut = clauses.purpose_start(s, lang, pred, skip)
        if cut is not None and not qs.after(cut):
            ambiguous_text = s[:cut]
    return Analysis(
        text=cleaned,
        lang=lang,
        s=s,
        qs=qs,
        pred=pred,
        pred_cls=cls,
        outcome=outcome,
        modifier=predicates.vague_modifier(s, lang),
        nominal=predicates.nominal_completion(s, lang),
        pairs=prs,
        rel=change.relative(masked, lang),
        baseline=change.has_baseline(masked, lang, list(prs)),
        timebound=timebound.is_timebound(s, lang),
        vague_time=timebound.vague_time(s, lang),
        vanity=terms.vanity_term(s, lang),
        ambiguous=terms.ambiguous_metric(ambiguous_text, lang),
        compound=clauses.compound(masked, lang, qs),
    )
