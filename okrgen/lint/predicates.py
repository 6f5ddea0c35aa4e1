"""The main predicate of a key result (§3.4): the first lexicon verb, read left to right.

Which verb class comes first decides most KR rules: VAGUE → S01, COMPLETION → M02, ACTIVITY → R01.
Scanning stops at the first entry that is really a verb here; nouns that look like verbs ("3 posts",
"80% of weekly reviews", "email open rate", "конверсия звонков", "推送打开率") are passed over.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from okrgen.lint.lexicon import WORDCH, alternation, lexicon
from okrgen.lint.patterns import rx, rx_compile

CLASSES = ("vague", "up", "down", "neutral", "activity", "completion_activity", "completion_only")
OUTCOME_CLASSES = ("up", "down", "neutral")


@dataclass(slots=True)
class Predicate:
    cls: str  # one of CLASSES, or "light" (light verb + activity noun, counts as activity)
    base: str  # lexicon entry
    start: int
    end: int


def _en_forms(base: str, inf: dict) -> set[str]:
    """-s, -ed, -ing forms of an English verb (first word of a phrase); nouns in the lexicon stay as they are."""
    words = base.split(" ")
    head, tail = words[0], words[1:]
    forms = {head}
    if head.endswith(("ment", "tion", "th")) and head not in ("mention",):
        forms_h = {head, *inf.get("irregular", {}).get(head, [])}  # verbs among them list their forms
    else:
        if head.endswith(("s", "sh", "ch", "x", "z")):
            s_form = head + "es"
        elif head.endswith("y") and head[-2:-1] not in "aeiou":
            s_form = head[:-1] + "ies"
        else:
            s_form = head + "s"
        if head.endswith("e") and not head.endswith("ee"):
            ed, ing = head + "d", head[:-1] + "ing"
        elif head.endswith("y") and head[-2:-1] not in "aeiou":
            ed, ing = head[:-1] + "ied", head + "ing"
        elif head in inf.get("double_final", []):
            ed, ing = head + head[-1] + "ed", head + head[-1] + "ing"
        else:
            ed, ing = head + "ed", head + "ing"
        forms_h = {head, s_form, ed, ing, *inf.get("irregular", {}).get(head, [])}
        if head in inf.get("irregular", {}):
            forms_h.discard(ed)
    forms = {" ".join([f, *tail]) for f in forms_h}
    return forms


class _Verbs:
    def __init__(self, lang: str):
        lx = lexicon(lang)
        vx = lx["verbs"]
        self.lang = lang
        self.form_class: dict[str, tuple[str, str]] = {}  # form → (class, base)
        self.cond: dict[str, dict] = {}
        light = vx.get("light_nouns") or []
        inf = lx.get("inflection") or {}
        self.s_forms: set[str] = set()
        for cls in CLASSES:
            for base in vx.get(cls) or []:
                base = str(base).lower()
                forms = _en_forms(base, inf) if lang == "en" else {base}
                for f in forms:
                    self.form_class.setdefault(f, (cls, base))
                    if lang == "en" and f != base and f.split(" ")[0].endswith("s") and not base.split(" ")[0].endswith("s"):
                        self.s_forms.add(f)
        for c in vx.get("conditional") or []:
            followers = light if c["followers"] == "@light_nouns" else c["followers"]
            spec = {
                "class": c["class"],
                "otherwise": c.get("otherwise"),
                "window": int(c.get("window", 3)),
                "followers": rx_compile(alternation(followers, prefix=(lang != "en"))),
            }
            forms = _en_forms(c["head"], inf) if lang == "en" else {c["head"]}
            for f in forms:
                self.cond[f] = dict(spec, base=c["head"])
                if lang == "en" and f != c["head"] and f.endswith("s"):
                    self.s_forms.add(f)
        everything = set(self.form_class) | set(self.cond)
        from okrgen.lint.lexicon import trie

        if lang == "ru":
            multi = sorted((e for e in everything if " " in e), key=lambda e: (-len(e), e))
            single = [e for e in everything if " " not in e]
            body = "|".join(r"[\s\-]+".join(map(re.escape, e.split(" "))) + r"(?![а-я])" for e in multi)
            body = (body + "|" if body else "") + trie(single)
            self.rx = rx_compile(rf"(?<![{WORDCH}])(?P<v>{body})(?P<rest>[а-я]*)")
        elif lang == "en":
            self.rx = rx_compile(rf"(?<![{WORDCH}])(?P<v>{trie(everything)})(?P<rest>)(?![{WORDCH}])")
        else:
            self.rx = rx_compile(rf"(?P<v>{trie(everything)})(?P<rest>)")
        ng = lx.get("noun_guard") or {}
        self.determiners = set(ng.get("determiners") or [])
        self.metric_heads = set(ng.get("metric_heads") or [])
        self.adj_end = tuple(lx.get("adjective_endings") or ())
        self.compl_end = tuple(lx.get("complement_endings") or ())
        self.noun_stems = tuple(lx.get("noun_stems") or ())
        self.noun_after = frozenset(lx.get("noun_after") or ())
        self.zh_suffix = tuple(lx.get("noun_suffixes") or ())
        self.zh_window = int(lx.get("noun_suffix_window") or 0)
        self.zh_suffix_exceptions = set(lx.get("noun_suffix_exceptions") or ())
        self.modifiers = rx_compile(alternation(lx["modifiers"]["vague"]))
        self.complete_exception = set(vx.get("complete_exception") or [])
        self.nominal = rx_compile(alternation(lx.get("nominal_completion") or [], prefix=(lang == "ru"))) if lx.get("nominal_completion") else None


@functools.cache
def verbs(lang: str) -> _Verbs:
    return _Verbs(lang)


_EN_TOKEN = rx_compile(r"[a-z0-9$€£%#']+")


def _prev_tokens(s: str, pos: int, n: int = 2) -> list[str]:
    toks = rx(r"[0-9a-zа-я$€£%#'’§]+|[^\s]").findall(s[max(0, pos - 60) : pos])
    return toks[-n:]


def _next_tokens(s: str, pos: int, n: int) -> list[str]:
    return rx(r"[0-9a-zа-я$€£%#'’]+|[^\s]").findall(s[pos : pos + 120])[:n]


def _next_words(s: str, pos: int, n: int) -> list[str]:
    """Like _next_tokens, but a hyphenated compound ("food-hygiene") is one word, as for a reader."""
    return rx(r"[0-9a-zа-я$€£%#'’]+(?:-[0-9a-zа-я]+)*|[^\s]").findall(s[pos : pos + 120])[:n]


def _en_noun(v: _Verbs, s: str, m: re.Match, form: str) -> bool:
    """Nouns that look like verbs (§3.4): after a number, a determiner or `of`; part of a metric name."""
    a, b = m.span()
    prev = _prev_tokens(s, a, 2)
    p1 = prev[-1] if prev else ""
    if a > 0 and s[a - 1] == "-" and a > 1 and s[a - 2].isalpha():
        return True  # "post-launch", "time-to-first-call"
    if b < len(s) and s[b] == "-" and b + 1 < len(s) and s[b + 1].isalpha() and " " not in form:
        return True  # "meeting-to-opportunity", "email-sourced"
    if p1 and (p1 in v.determiners or p1[0].isdigit() or p1 in ("§",) or p1.endswith("%")):
        return True
    if p1 in ("'s", "’s") or (prev and prev[-1].endswith(("'s", "’s"))):
        return True
    if form in v.s_forms:
        if a == 0 or not prev:
            return True  # imperatives never start with an -s form
        nxt = _next_tokens(s, b, 1)
        if not nxt or not (
            nxt[0][0].isdigit()
            or nxt[0] in v.determiners
            or nxt[0] in ("to", "from", "by", "above", "below", "under", "over", "at", "in", "on", "with", "for", "than", "up", "down", "$", "€", "£")
        ):
            return True
    if v.form_class.get(form, ("",))[0] not in ("activity", "completion_activity") and form not in v.cond:
        return False
    nxt = _next_tokens(s, b, 2)
    # "support is implemented", "has streaming support", "with full test coverage": a noun or a
    # capability, not the activity (issue 10)
    if form not in v.s_forms and a > 0 and nxt and nxt[0] in ("is", "are", "was", "were", "has", "have", "works", "exists"):
        return True
    if any(t in ("has", "have", "had", "with", "without", "adds", "added", "native", "full", "basic", "offline", "streaming") for t in prev):
        return True
    if nxt and nxt[0] in v.metric_heads:
        return True
    if len(nxt) == 2 and nxt[1] in v.metric_heads and not (nxt[0][0].isdigit() or nxt[0] in v.determiners or nxt[0] in ("to", "on", "with", "for", "in", "at")):
        return True
    return False


_RU_NOUN_END = ("ка", "ки", "ку", "кой", "ние", "ния", "нию", "нием", "ние")
_RU_STATE = re.compile(r"(?<![а-я])(?:есть|имеется|работает|работают|доступн[а-я]*|включен[а-я]*|реализован[а-я]*)(?![а-я])")


def _ru_noun(v: _Verbs, s: str, m: re.Match) -> bool:
    word = m.group("v") + m.group("rest")
    if " " in m.group("v"):
        return False
    if word.endswith(v.adj_end) or (v.noun_stems and word.startswith(v.noun_stems)):
        return True
    if word.endswith(_RU_NOUN_END) and _RU_STATE.search(s, m.end()):
        return True  # "Поддержка офлайн-режима есть у 90% пользователей": a capability, not the activity (issue 10)
    prev = _prev_tokens(s, m.start(), 1)
    if prev and (prev[0] in v.noun_after or prev[0].endswith("%")):
        return True  # "в службе поддержки", "обращений в поддержку", "95% звонков": a verb never follows these
    if prev and rx(r"^[а-я]+$").match(prev[0]) and word.endswith(v.compl_end):
        p = prev[0]
        if not p.endswith(("о", "е", "ть", "ти", "чь")) and p not in ("и", "а", "или", "не", "мы"):
            return True  # "конверсия звонков", "время обучения"
    return False


_ZH_RELATIVE = re.compile(r"[^，,；;。、]{1,12}的[^，,；;。]*?(?:达到|提升|提高|降低|增长|增加|超过|不低于|不少于|不高于|占比|从)")


def _zh_noun(v: _Verbs, s: str, m: re.Match) -> bool:
    tail = s[m.end() : m.end() + v.zh_window]
    if tail.startswith("的"):
        return True  # "实际完成的会议数": an attribute inside the noun phrase, not the predicate
    if _ZH_RELATIVE.match(s, m.end()):
        return True  # "支持离线模式的用户占比达到30%": a relative clause before the measured noun (issue 10)
    for i, ch in enumerate(tail):
        if not ("\u4e00" <= ch <= "\u9fff"):
            return False
        if ch in v.zh_suffix and (i == 0 or ch == "率"):
            if tail[i : i + 2] in v.zh_suffix_exceptions:
                return False
            return True
    return False


def find_predicate(s: str, lang: str, skip: list[tuple[int, int]] = (), start: int = 0) -> Predicate | None:
    """The first real verb at or after `start`, skipping spans (time expressions)."""
    v = verbs(lang)
    if lang == "en" and start == 0:
        # "better" is listed as a VAGUE verb and a modifier (§3.4); it is the verb when it opens the KR
        b = rx(r"\s*(better)\s+(?!than\b)[a-z]").match(s)
        if b and not any(x <= b.start(1) < y for x, y in skip):
            return Predicate("vague", "better", b.start(1), b.end(1))
    for m in v.rx.finditer(s, start):
        a = m.start()
        if any(x <= a < y for x, y in skip):
            continue
        form = m.group("v")
        if not form.isalpha():  # a phrase ("roll-out", "sign  up"): its gaps read as one space
            form = rx(r"[\s\-]+").sub(" ", form)
        if lang == "en" and _en_noun(v, s, m, form):
            continue
        if lang == "ru" and _ru_noun(v, s, m):
            continue
        if lang == "zh" and (
            s.startswith("的", m.end()) or (form in v.form_class and v.form_class[form][0] in ("activity", "completion_activity") and _zh_noun(v, s, m))
        ):
            continue
        if form in v.cond:
            c = v.cond[form]
            if lang == "zh":
                window = s[m.end() : m.end() + c["window"]]
            else:
                window = " ".join(_next_words(s, m.end(), c["window"]))
            if c["followers"].search(window):
                return Predicate("light" if c["class"] == "light" else c["class"], c["base"], a, m.end())
            if c["otherwise"]:
                return Predicate(c["otherwise"], c["base"], a, m.end())
            continue
        cls, base = v.form_class[form]
        return Predicate(cls, base, a, m.end())
    return None


def vague_modifier(s: str, lang: str) -> str | None:
    m = verbs(lang).modifiers.search(s)
    if m is None and lang == "en" and "as possible" in s:
        # "as many drivers as possible": the listed "as many as possible" with its noun inside
        m = rx(r"\bas\s+(?:many|much)(?:\s+[a-z\-']+){1,3}\s+as\s+possible\b").search(s)
    return m.group(0) if m else None


def nominal_completion(s: str, lang: str) -> bool:
    rx = verbs(lang).nominal
    return bool(rx and rx.search(s))


def is_complete_exception(pred: Predicate | None, lang: str) -> bool:
    return bool(pred) and pred.base in verbs(lang).complete_exception
