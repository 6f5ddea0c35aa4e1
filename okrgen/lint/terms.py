"""Measured nouns that need a second look: vanity metrics (R02) and ambiguous metrics (M04).

Both are read from the lexicons. A term counts only as the thing measured, so a source phrase
("sign-ups from TikTok views", "заявки из трафика") and a qualified term ("monthly active users",
"уникальные посетители", "月活跃用户") do not count.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from okrgen.lint.lexicon import alternation, lexicon
from okrgen.lint.patterns import rx, rx_compile


@dataclass
class _Ambiguous:
    metric: str
    terms: re.Pattern
    counted: re.Pattern | None
    qualifiers: re.Pattern | None
    needs_count: bool
    count_words: re.Pattern | None
    cues: tuple = ()


class _Patterns:
    def __init__(self, lang: str):
        lx = lexicon(lang)
        prefix = lang == "ru"
        vx = lx["vanity"]
        self.lang = lang
        self.vanity = rx_compile(alternation(vx["terms"], prefix=prefix))
        self.vanity_excl = rx_compile(alternation(vx.get("term_exclusions") or [], prefix=True)) if vx.get("term_exclusions") else None
        self.channel_terms = rx_compile(alternation(vx["channel_terms"], prefix=prefix)) if vx.get("channel_terms") else None
        self.channels = rx_compile(alternation(vx["channels"], prefix=prefix)) if vx.get("channels") else None
        src = lx.get("source_markers") or []
        self.source = rx_compile(r"(?:" + alternation(src) + r")(?:\s+\S+){0,2}\s*$") if src else None
        self.ambiguous = []
        for a in lx.get("ambiguous_metrics") or []:
            self.ambiguous.append(
                _Ambiguous(
                    a["metric"],
                    rx_compile(alternation(a["terms"], prefix=prefix)),
                    rx_compile(alternation(a["counted_terms"])) if a.get("counted_terms") else None,
                    rx_compile(alternation(a["qualifiers"], prefix=True)) if a.get("qualifiers") else None,
                    bool(a.get("needs_count")),
                    rx_compile(alternation(a["count_words"], prefix=prefix)) if a.get("count_words") else None,
                    tuple({str(t)[:4] for t in a["terms"] + (a.get("counted_terms") or [])}),
                )
            )


@functools.cache
def patterns(lang: str) -> _Patterns:
    return _Patterns(lang)


def _is_source(p: _Patterns, s: str, start: int) -> bool:
    return bool(p.source and p.source.search(s[max(0, start - 30) : start]))


def vanity_term(s: str, lang: str) -> str | None:
    p = patterns(lang)
    for m in p.vanity.finditer(s):
        if p.vanity_excl and p.vanity_excl.match(s, m.start()):
            continue
        if lang != "zh" and _is_source(p, s, m.start()):
            continue
        return m.group(0)
    if p.channel_terms and p.channels and p.channels.search(s):
        m = p.channel_terms.search(s)
        if m:
            return m.group(0)
    return None


def ambiguous_metric(s: str, lang: str) -> str | None:
    """The ambiguous metric measured here without a qualifier, e.g. 'users', 'traffic'."""
    p = patterns(lang)
    for a in p.ambiguous:
        for n in a.cues:  # a plain loop, not any() over a generator: this runs ~5 times a key result
            if n in s:
                break
        else:
            continue
        hits = list(a.terms.finditer(s))
        if a.counted is not None:
            hits += [m for m in a.counted.finditer(s) if rx(r"[\d万亿千一二两三四五六七八九十]\s*$").search(s[: m.start()])]
        for m in hits:
            lo, hi = max(0, m.start() - (8 if lang == "zh" else 40)), m.end() + (4 if lang == "zh" else 40)
            if a.qualifiers and a.qualifiers.search(s, lo, hi):
                continue
            if lang != "zh" and _is_source(p, s, m.start()) and not (a.count_words and a.count_words.search(s, lo, m.start())):
                continue
            if a.needs_count and lang != "zh":
                before = s[lo : m.start()]
                after = s[m.end() : m.end() + 20]
                counted = bool(rx(r"\d").search(before)) or bool(a.count_words and a.count_words.search(before))
                counted = counted or bool(rx(r"\s*(?:to|from|до|с|:)\s*\$?[\d.,]+(?!\s*%|[\d.,])").match(after))
                if not counted:
                    continue
            return a.metric
    return None
