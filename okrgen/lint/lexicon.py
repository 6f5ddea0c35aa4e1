"""Word lists are data (lexicons/<lang>.yaml) so users can extend them without touching code.

Each file is read once per process; every module that needs a list asks `lexicon(lang)` and
builds its own compiled patterns once, through `functools.cache`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from okrgen.lint.patterns import rx_compile
from okrgen.resources import parse_data

LEXICON_DIR = Path(__file__).parent / "lexicons"

# Letters and digits that glue to a word in the scripts we match with boundaries (text is lower-cased).
WORDCH = "0-9a-zа-я"


@functools.cache
def lexicon(lang: str) -> dict:
    return parse_data((LEXICON_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum() or "а" <= ch <= "я"


def bounded(entry: str, *, prefix: bool = False) -> str:
    """One entry as a pattern: whole word for Latin/Cyrillic, a plain substring for CJK.

    `prefix=True` lets a Latin/Cyrillic entry be a stem: it must start a word but may end inside one.
    Spaces in an entry match any run of spaces or hyphens, so "roll out" also finds "roll-out".
    """
    body = r"[\s\-]+".join(re.escape(part) for part in entry.split(" ")) if " " in entry else re.escape(entry)
    left = f"(?<![{WORDCH}])" if _is_word_char(entry[0]) else ""
    if prefix:
        right = ""
    else:
        right = f"(?![{WORDCH}])" if _is_word_char(entry[-1]) else ""
    return left + body + right


def _esc(ch: str) -> str:
    return r"[\s\-]+" if ch == " " else re.escape(ch)


def trie(words) -> str:
    """A regex matching any of `words`, factored by common prefixes.

    Python's regex engine tries alternatives one by one; a prefix tree turns a hundred-entry word
    list into a handful of character tests per position, which is what keeps 10,000 KRs under a
    second. Greedy optional tails keep longest-match-first.
    """
    return _trie(tuple(sorted(set(words))))


@functools.cache
def _trie(words: tuple[str, ...]) -> str:
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [_esc(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return emit(root)


def alternation(entries, *, prefix: bool = False) -> str:
    """Any entry, longest first, with word boundaries for Latin/Cyrillic entries (see `bounded`)."""
    uniq = sorted({str(e).lower() for e in entries if e != ""})
    if not uniq:
        return r"(?!x)x"
    groups: dict[tuple[bool, bool], list[str]] = {}
    for e in uniq:
        groups.setdefault((_is_word_char(e[0]), _is_word_char(e[-1]) and not prefix), []).append(e)
    parts = []
    for (left, right), words in sorted(groups.items(), reverse=True):
        parts.append((f"(?<![{WORDCH}])" if left else "") + "(?:" + trie(words) + ")" + (f"(?![{WORDCH}])" if right else ""))
    return "(?:" + "|".join(parts) + ")"


def fast(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled once per process (the name stays: callers mark the hot patterns)."""
    return rx_compile(pattern, flags)


def split_top(pattern: str) -> list[str]:
    """The top-level alternatives of a regex source ('a|(b|c)|d' → ['a', '(b|c)', 'd'])."""
    parts, depth, in_class, esc, cur = [], 0, False, False, []
    for ch in pattern:
        if esc:
            cur.append(ch)
            esc = False
            continue
        if ch == "\\":
            esc = True
        elif in_class:
            in_class = ch != "]" or (cur and cur[-1] == "[")
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")


class Multi:
    """Several compiled alternatives searched as one: leftmost match first, longest on ties.

    Each top-level alternative is its own pattern, and a named one can be gated by plain
    substrings (`needs`): most texts hold none of a month's or a quarter's words, and a substring
    test is far cheaper than a regex scan that finds nothing.
    """

    def __init__(self, pattern: str, needs: dict | None = None):
        needs = needs or {}
        self.rxs = []
        for b in split_top(pattern):
            name = _GROUP_NAME.match(b)
            gate = needs.get(name.group(1)) if name else None
            self.rxs.append(Gated(b, gate) if gate else fast(b))
        self._parts = gate_table(self.rxs)
        self.pattern = pattern

    def finditer(self, s: str, pos: int = 0):
        hits = []
        for rx in opened(self._parts, s):
            hits.extend(rx.finditer(s, pos))
        if len(hits) < 2:
            return hits
        hits.sort(key=lambda m: (m.start(), -m.end()))
        out, end = [], -1
        for m in hits:
            if m.start() >= end:
                end = m.end()
                out.append(m)
        return out

    def search(self, s: str, pos: int = 0):
        best = None
        for rx in self.rxs:
            m = rx.search(s, pos)
            if m and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
                best = m
        return best


def opened(table: tuple, s: str):
    """The patterns of a gate_table whose gates `s` opens, in order.

    Gated.finditer written out once for a whole table: a gate is tested ~30 times a key result,
    and a method call each time cost more than the test. Neighbours with the same needs (a
    month's day-first and month-first dates) share one test: gate_table gives them one tuple.
    """
    last, is_open = None, False
    for needs, gate, rx in table:
        if needs is not last:
            last = needs
            if not needs:
                is_open = True
            elif gate is not None:
                is_open = gate.search(s) is not None
            else:
                is_open = False
                for n in needs:
                    if n in s:
                        is_open = True
                        break
        if is_open:
            yield rx


def gate_table(patterns) -> tuple:
    """(needs, gate, pattern) for each of `patterns` (Gated or plain), for loops that run per key
    result and test the gates themselves instead of calling Gated.finditer: `needs` is () for a
    plain pattern, `gate` the compiled test for a long list of needs (else None). Equal needs are
    one tuple, so opened() tests them once when they follow each other."""
    same: dict[tuple, tuple] = {}
    return tuple((same.setdefault(p.needs, p.needs), p._gate, p.rx) if isinstance(p, Gated) else ((), None, p) for p in patterns)


def fewest_needs(needs) -> tuple[str, ...]:
    """`needs` without those that hold another one ("january" holds "jan"): a text holds one of
    them exactly when it holds one of these, and each need is a test per key result."""
    uniq = sorted(set(needs))
    return tuple(n for n in uniq if not any(m != n and m in n for m in uniq))


class Gated:
    """A pattern that is run only when the text contains one of `needs` (plain substrings).

    Most key results mention no month, quarter or product name; a substring test is a hundred
    times cheaper than a regex scan that finds nothing. The pattern may be given as its source:
    then it is compiled the first time a text opens the gate (patterns.LazyPattern), so a run whose
    texts never do (most short plans) never pays for compiling it. A closed gate answers with an
    empty tuple. Loops over many gates use gate_table and opened() instead of these methods.
    """

    def __init__(self, rx, needs):
        self.rx = rx_compile(rx) if isinstance(rx, str) else rx
        self.needs = fewest_needs(needs)
        # a loop of `in` tests beats one search of their trie up to ~16 needs (measured: 12 needs
        # 1.0 µs against 1.25 µs; 24 needs 1.9 µs against 1.0 µs)
        self._gate = rx_compile(trie(self.needs)) if len(self.needs) > 16 else None
        self.pattern = self.rx.pattern

    def _open(self, s: str) -> bool:
        if self._gate is not None:
            return self._gate.search(s) is not None
        for n in self.needs:  # a plain loop: cheaper than any() over a generator
            if n in s:
                return True
        return False

    def finditer(self, s: str, pos: int = 0):
        return self.rx.finditer(s, pos) if self._open(s) else ()

    def search(self, s: str, pos: int = 0):
        return self.rx.search(s, pos) if self._open(s) else None
