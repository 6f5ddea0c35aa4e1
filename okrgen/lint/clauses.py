"""Clause structure: compound key results (S02) and outcome clauses (§3.4).

A key result may carry a second clause for two reasons. "…and cut overtime from 900 to 500" adds a
second target on another metric: two KRs in one (S02). "…to raise referred hires from 12% to 20%"
states the outcome the activity is for: that makes an activity KR acceptable (no R01).
"""

from __future__ import annotations

import functools

from okrgen.lint.lexicon import alternation, lexicon
from okrgen.lint.patterns import rx, rx_compile
from okrgen.lint.predicates import OUTCOME_CLASSES, Predicate, find_predicate
from okrgen.lint.quantity import Quantities

_STOP = {
    "en": {
        "to",
        "from",
        "by",
        "at",
        "of",
        "the",
        "a",
        "an",
        "in",
        "on",
        "for",
        "and",
        "with",
        "least",
        "most",
        "than",
        "up",
        "over",
        "under",
        "below",
        "above",
        "about",
    },
    "ru": {"до", "с", "со", "от", "на", "в", "по", "к", "и", "не", "менее", "более", "ниже", "выше", "уровне", "за", "а"},
}


class _Patterns:
    def __init__(self, lang: str):
        lx = lexicon(lang)
        cx = lx["connectors"]
        self.lang = lang
        outcome = [c for c in cx["outcome"]]
        if lang == "zh":
            nots = cx.get("outcome_not") or []
            self.outcome = rx_compile(alternation(outcome))
            self.outcome_not = rx_compile(alternation(nots)) if nots else None
        else:
            self.outcome = rx_compile(alternation(outcome))
            self.outcome_not = None
        coords = [c for c in cx["coordinators"] if c not in (",", ";", "，", "；", ", and", ", а")]
        # a full stop between two sentences and the ideographic comma 、 separate clauses too (issue 10)
        seps = (
            r"(?<!\d)[,;、](?!\d)"
            if lang == "zh"
            # (?=\.\s): the look-behinds below run only where a full stop is, not at every letter
            else r";|(?=\.\s)(?<=[a-zа-я\d%)])(?<!тыс)(?<!млн)(?<!млрд)(?<!руб)(?<!коп)(?<!\bг)(?<!\bгг)(?<!\bvs)(?<!\betc)(?<!\bno)(?<!\bapprox)(?<!\be\.g)(?<!\bi\.e)(?<!\bт\.д)(?<!\bт\.е)(?<!\bдр)(?<!\bчел)(?<!\bмин)(?<!\bмес)(?<!\bкв)\.\s+(?=[a-zа-я])"
        )
        extra = {"en": r"|,\s*and(?![a-z])", "ru": r"|,\s*а(?![а-я])|,\s*а\s+также", "zh": ""}[lang]
        self.coord = rx_compile(seps + extra + "|" + alternation(coords))
        self.guard = rx_compile(alternation(cx.get("guardrails") or []))
        self.between = rx_compile(r"(?:between|от|между)\s+[\d.,]+\s*$")
        # a segment that opens with a purpose connector is the outcome of the previous clause, not a
        # coordinated clause ("举办5场宣讲会，以新增200份简历": one activity and its outcome, §3.4)
        self.purpose_lead = rx_compile(r"\s*(?:" + alternation(outcome) + ")") if lang == "zh" else None
        if lang == "zh":
            # words that are not a metric noun: pair particles, verbs, units, currency. A ZH segment made
            # of nothing else ("…翻倍，从500万元增长到1000万元") continues the previous metric (§4 S02).
            vx = lx["verbs"]
            filler = [w for c in ("up", "down", "neutral", "vague") for w in vx.get(c) or []]
            filler += list(lx["quantity"]["classifiers"]) + list(lx["quantity"].get("currency_words") or [])
            filler += ["从", "由", "到", "至", "为", "了"]
            self.filler = rx_compile(alternation(filler))
        else:
            self.filler = None


@functools.cache
def patterns(lang: str) -> _Patterns:
    return _Patterns(lang)


def has_outcome_clause(s: str, lang: str, pred: Predicate, qs: Quantities, skip=()) -> bool:
    """A purpose connector after the predicate, then an UP/DOWN/NEUTRAL verb and a quantity (§3.4).

    A VAGUE verb with a quantity also counts: the spec's own acceptable example is G2's
    "Launch Foo 4.1 to improve sign-ups by 25 percent".
    """
    p = patterns(lang)
    for m in p.outcome.finditer(s, pred.end):
        if p.outcome_not is not None and (p.outcome_not.match(s, m.start()) or (m.start() and p.outcome_not.match(s, m.start() - 1))):
            continue  # 以上, 可以, 使用: not connectors
        t = s
        if lang == "en" and m.group(0).endswith(" in"):
            # "resulting in a reduction of X from 7 to 3": the connector takes a noun phrase, so the
            # UP/DOWN noun (reduction, increase, growth) may carry an article (§3.4 lists those nouns)
            art = rx(r"\s+(?:a|an|the)\s+").match(s, m.end())
            if art:
                t = s[: art.start()] + " " * (art.end() - art.start()) + s[art.end() :]
        verb = find_predicate(t, lang, skip, start=m.end())
        if verb is None or verb.cls not in OUTCOME_CLASSES + ("vague",):
            continue
        gap = s[m.end() : verb.start]
        if lang == "en" and m.group(0) == "to" and gap.strip():
            continue  # "to" must be the infinitive marker: "to raise", not "from 12% to 20%"
        limit = 12 if lang == "zh" else 48
        if len(gap) > limit:
            continue
        if qs.after(m.end()):
            return True
    return False


def purpose_start(s: str, lang: str, pred: Predicate, skip=()) -> int | None:
    """Start of a purpose connector after the predicate that introduces an UP/DOWN/NEUTRAL/VAGUE verb
    ("Провести 5 вебинаров, чтобы повысить узнаваемость"), with or without a target; None if absent."""
    p = patterns(lang)
    for m in p.outcome.finditer(s, pred.end):
        if p.outcome_not is not None and (p.outcome_not.match(s, m.start()) or (m.start() and p.outcome_not.match(s, m.start() - 1))):
            continue
        verb = find_predicate(s, lang, skip, start=m.end())
        if verb is None or verb.cls not in OUTCOME_CLASSES + ("vague",):
            continue
        gap = s[m.end() : verb.start]
        if lang == "en" and m.group(0) == "to" and gap.strip():
            continue
        if len(gap) > (12 if lang == "zh" else 48):
            continue
        return m.start()
    return None


def compound(masked: str, lang: str, qs: Quantities) -> bool:
    """Two or more coordinated clauses, each with its own quantified target on another metric (S02)."""
    if sum(1 for q in qs.items if not q.one) < 2:
        return False  # two targets need at least two quantities
    p = patterns(lang)
    cuts = []
    for m in p.coord.finditer(masked):
        if p.between.search(masked[: m.start()]):
            continue  # "between 30 and 40"
        cuts.append(m)
    if not cuts:
        return False
    bounds = [0] + [c.start() for c in cuts] + [len(masked)]
    starts = [0] + [c.end() for c in cuts]
    segments = [(starts[i], bounds[i + 1]) for i in range(len(starts))]
    counted = 0
    for (a, b), lead in zip(segments, [0] + [c.start() for c in cuts]):
        seg = masked[a:b]
        if p.guard.search(masked, lead, b):
            continue
        if not any(a <= q.start < b and not q.one for q in qs.items):
            continue
        if lang == "zh":
            if lead and p.purpose_lead.match(masked, a) and not (p.outcome_not and p.outcome_not.match(masked, a)):
                continue
            content = rx(r"[\d.,%§\s万亿千百十一二两三四五六七八九零]+").sub("", seg)
            content = rx(r"^(?:并且|并|同时|以及|和|且)").sub("", content)
            if len(content) < 2 or len(p.filler.sub("", content)) < 2:
                continue
        else:
            head = p.outcome.match(masked, len(seg) - len(seg.lstrip()) + a)
            if lead and (p.outcome.match(masked, lead) or (head and head.group(0) != "to")):
                continue  # "…and thereby increase X from 300 to 500": the outcome of the activity (§3.4), not a 2nd KR
            words = [w for w in rx(r"[a-zа-я][a-zа-я\-]*").findall(seg) if w not in _STOP[lang] and len(w) > 1]
            if not words:
                continue
        counted += 1
    return counted >= 2
