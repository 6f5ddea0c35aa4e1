"""Everything the KR rules ask of one key-result text, computed once and cached per process.

The rules (rules.py) only combine these facts; they never run a pattern themselves, so a KR linted
under several plans or periods costs one analysis.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from okrgen.lint import change, clauses, predicates, terms, timebound
from okrgen.lint.lexicon import lexicon
from okrgen.lint.normalize import clean, detect_lang
from okrgen.lint.quantity import Qty, Quantities, quantities


@dataclass(slots=True)
class Analysis:
    text: str  # cleaned, original case
    lang: str
    s: str  # lower-cased, what patterns run on
    qs: Quantities
    pred: predicates.Predicate | None
    pred_cls: str | None  # after the complete/完成/выполнить exception
    outcome: bool
    pairs: tuple[change.Pair, ...]
    rel: bool
    timebound: bool
    vague_time: str | None
    vanity: str | None
    compound: bool
    ambiguous_text: str  # the part of `s` whose metric M04 asks about
    _later: dict = field(default_factory=dict, repr=False, compare=False)

    # Asked by one rule each, and only for some key results (S01 when there is no figure, M02
    # when there is no verb, M03 when there is a relative change, M04 when there is a figure):
    # worked out on first use, not for every text.

    def _once(self, name: str, compute):
        if name not in self._later:
            self._later[name] = compute()
        return self._later[name]

    @property
    def modifier(self) -> str | None:
        return self._once("modifier", lambda: predicates.vague_modifier(self.s, self.lang))

    @property
    def nominal(self) -> bool:
        return self._once("nominal", lambda: predicates.nominal_completion(self.s, self.lang))

    @property
    def baseline(self) -> bool:
        return self._once("baseline", lambda: change.has_baseline(self.qs.masked, self.lang, list(self.pairs)))

    @property
    def ambiguous(self) -> str | None:
        return self._once("ambiguous", lambda: terms.ambiguous_metric(self.ambiguous_text, self.lang))

    @property
    def q(self) -> bool:
        return self.qs.q

    def pair_verb_term(self, pair: change.Pair) -> tuple[str | None, str]:
        """The class of the verb that governs a pair and the word as written, so a finding about
        the direction can quote the verb the author used ("raise"), not a stock one."""
        if pair.verb:
            p = predicates.find_predicate(pair.verb, self.lang)
            if p and p.cls in ("up", "down"):
                return p.cls, pair.verb[p.start : p.end]
        cls = self.pred_cls
        term = self.s[self.pred.start : self.pred.end] if self.pred is not None else ""
        if self.pred is not None:
            start = self.pred.end
            while True:
                p = predicates.find_predicate(self.s, self.lang, start=start)
                if p is None or p.start >= pair.x_pos:
                    break
                if p.cls in ("up", "down"):
                    cls, term = p.cls, self.s[p.start : p.end]
                start = p.end
        return cls, term

    def deadlines(self, year: int) -> list[timebound.Mention]:
        return _deadlines(self.s, self.lang, year)


@functools.lru_cache(maxsize=4096)
def _deadlines(s: str, lang: str, year: int):
    return timebound.mentions(s, lang, year)[1]


# Identifiers that hold digits but count nothing: issue and ticket numbers, version numbers,
# ordinals ("Issue 10306", "#42", "JIRA-118", "v3.1", "2.4.0", "3rd party", "RFC 42"), GitLab's epic
# and merge-request references ("Epic &1234", "!567"). Issue 10.
_IDENTIFIER = re.compile(
    r"(?:\b(?:issues?|tickets?|bugs?|prs?|pull requests?|rfcs?|cves?|eips?|epics?|задач[аиу]?|тикет\w*|баг\w*)\s*[#&!]?\s*\d+(?:[-.]\d+)*"
    r"|(?<![\w#])#\d{2,}|(?<![\w&!])[&!]\d{2,}|\b(?!top-|топ-)[a-zа-я]{2,}-\d+\b|\bv\d+(?:\.\d+)*\b|\b\d+(?:\.\d+){2,}\b"
    r"|\b(?:version|release|версия|версии|релиз)\s+\d+(?:\.\d+)*|版本\s*\d+(?:\.\d+)*|\b\d+(?:st|nd|rd|th)\b)"
)
# What every identifier above must hold, in one pattern that fails fast where the full one is
# slow (its `[a-zа-я]{2,}-\d+` tries each word): a text without it is not scanned, a scan that
# costs ~15 µs an English text. Keep in step with _IDENTIFIER (a test builds texts from its pieces).
_IDENTIFIER_NEEDS = re.compile(
    r"(?:issues?|tickets?|bugs?|prs?|pull requests?|rfcs?|cves?|eips?|epics?|задач[аиу]?|тикет\w*|баг\w*)\s*[#&!]?\s*\d"
    r"|[#&!]\d|[a-zа-я]-\d|v\d|\d\.\d+\.\d|(?:version|release|версия|версии|релиз)\s+\d|版本\s*\d|\d(?:st|nd|rd|th)"
)
# Titles, quotations and code: their words are not the key result's verbs.
_QUOTED = re.compile(r"«[^»]{1,120}»|《[^》]{1,120}》|“[^”]{1,120}”|「[^」]{1,120}」|\"[^\"]{1,120}\"|`[^`]{1,120}`")
_DIGIT = re.compile(r"\d")
_CYR_WORD = re.compile(r"^[\u0400-\u04ff]")
_LAT_WORD = re.compile(r"^[a-z]")


def _blank(s: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), s)


@functools.cache
def _t2s():
    """OpenCC's Traditional → Simplified converter, or None where it is not installed."""
    try:
        from opencc import OpenCC
    except ImportError:
        return None
    return OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def _simple_char(ch: str) -> str:
    cc = _t2s()
    out = cc.convert(ch) if cc is not None else ch
    return out if len(out) == 1 else ch


def simplified(s: str) -> str:
    """Traditional Chinese read as Simplified for analysis (messages keep the original text).

    Character by character, so every position stays true to the text; the lexicons hold single
    words, for which the character mapping is what matters.
    """
    if _t2s() is None:
        return s
    return "".join([_simple_char(ch) if ch >= "\u4e00" else ch for ch in s])


@functools.cache
def _frequency(lang: str) -> re.Pattern | None:
    pats = lexicon(lang).get("frequency") or []
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None


@functools.lru_cache(maxsize=8192)
def analyse(text: str, lang: str | None = None, forced: str | None = None) -> Analysis:
    cleaned = clean(text)
    lang = lang or detect_lang(cleaned)
    s = cleaned.lower()
    if lang == "zh":
        s = simplified(s)
    qs = quantities(_blank(s, _IDENTIFIER) if _IDENTIFIER_NEEDS.search(s) else s, lang)
    freq = _frequency(lang)
    if not qs.q and freq is not None and (fm := freq.search(s)):
        # "at least once a week", "每月至少1次": a rate target is a quantity, not a one-off
        qs = Quantities(qs.masked, (*qs.items, Qty(fm.start(), fm.end(), None)))
    masked = qs.masked
    skip = timebound.time_spans(s, lang)
    quoted = [m.span() for m in _QUOTED.finditer(cleaned)] if any(c in cleaned for c in '«《“「"`') else []
    pred = predicates.find_predicate(s, lang, [*skip, *quoted])
    if pred is None:
        # "Провести 3 game days": the verb's own language decides when the majority script has none
        first = "ru" if _CYR_WORD.match(s) else "en" if _LAT_WORD.match(s) else None
        if first and first != lang and first != forced and predicates.find_predicate(s, first, [*skip, *quoted]) is not None:
            return analyse(text, first, forced=first)  # the whole key result reads in its verb's language
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
        pairs=prs,
        rel=change.relative(masked, lang),
        timebound=timebound.is_timebound(s, lang),
        vague_time=timebound.vague_time(s, lang),
        vanity=terms.vanity_term(s, lang),
        compound=clauses.compound(masked, lang, qs),
        ambiguous_text=ambiguous_text,
    )
