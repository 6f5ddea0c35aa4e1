"""Turning a key result as people write it into the text the rules match (§3.1), and its language (§1).

Rules never see list markers, owner tags, full-width digits or `ё`: those vary between writers but
never change what a key result means, so they are removed once here instead of in every pattern.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from okrgen.lint.patterns import rx_compile

_CYR = rx_compile(r"[\u0400-\u04ff]")
_CJK = rx_compile(r"[\u4e00-\u9fff]")
_LAT = rx_compile(r"[A-Za-z]")

_TRANS = str.maketrans({"ё": "е", "Ё": "Е", "–": "-", "—": "-", "−": "-", "‒": "-", "⟶": "→", "⇒": "→", "➝": "→", "\u00a0": " ", "\u202f": " "})
_CIRCLED = rx_compile(r"^\s*[\u2460-\u2473\u24f5-\u24fe\u2776-\u277f]\s*")
_ARROWS = rx_compile(r"\s*(?:->|=>|→)\s*")

# Enumerators: "KR1:", "KR 2.", "1.", "1)", "-", "•", "*", "①", "КР1:", "КР-2", "关键结果1：", "（一）", "一、".
_ENUM = rx_compile(
    r"""^\s*(?:
        (?:kr|кр|key\s+result|ключевой\s+результат|关键结果)\s*[-#№]?\s*\d{0,2}\s*[.:)\-]?\s*
      | \d{1,2}\s*[.)]\s+(?!\d)
      | \d{1,2}\)\s*
      | [-•*·▪◦]\s*
      | [\u2460-\u2473]\s*
      | \(\s*[一二三四五六七八九十\d]{1,3}\s*\)\s*
      | [一二三四五六七八九十]{1,3}\s*[、.]\s*
      | \d{1,2}\s*、\s*
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Owner tags: "(owner: X)", "(отв. Иванов)", "（负责人：王伟）", "— Maria Lopez".
_OWNER = rx_compile(
    r"""\s*(?:
        \(\s*(?:owner|responsible|dri|отв\.?|ответственн\w*|владелец|负责人|责任人|负责)\s*[:：.]?\s*[^()]{1,40}\)
      | \s-\s+(?:[A-Z][a-z]+\.?|[А-Я][а-я]+\.?|[A-Z]\.|[А-Я]\.)(?:\s+(?:[A-Z][a-z]+|[А-Я][а-я]+|[A-Z]\.|[А-Я]\.)){0,2}
    )\s*$""",
    re.VERBOSE,
)


def detect_lang(text: str) -> str:
    """Majority script (§1): Cyrillic → ru, CJK ideographs → zh, otherwise en.

    A CJK character carries about as much as a short Latin word, so ideographs weigh three letters:
    "上线CRM" is Chinese and "Запустить Reels" Russian, as the spec wants.
    """
    if text.isascii():
        return "en"  # no Cyrillic letter and no ideograph: nothing to count
    cyr = len(_CYR.findall(text))
    cjk = len(_CJK.findall(text)) * 3
    if not cyr and not cjk:
        return "en"
    lat = len(_LAT.findall(text))
    best = max(cyr, cjk)
    if lat > best:
        return "en"
    return "ru" if cyr >= cjk else "zh"


@functools.lru_cache(maxsize=16384)
def clean(text: str) -> str:
    """NFKC, unified dashes and arrows, enumerator and owner tag removed; case kept (for messages)."""
    m = _CIRCLED.match(text)  # before NFKC, which turns ① into a bare 1
    s = text[m.end() :] if m else text
    if not s.isascii():  # NFKC and the dash/ё map change nothing in plain ASCII
        s = unicodedata.normalize("NFKC", s).translate(_TRANS)
    if "→" in s or "->" in s or "=>" in s:
        s = _ARROWS.sub(" → ", s)
    m = _ENUM.match(s)  # anchored at the start: a match there is the only one sub() could make
    if m:
        s = s[m.end() :]
    if "(" in s or "-" in s:  # every owner tag holds one; the pattern is slow to find nothing
        s = _OWNER.sub("", s, count=1)
    return " ".join(s.split())  # what `\s+` → " " and strip() give (both use str.isspace), at a sixth of the cost


def for_matching(text: str) -> str:
    """The lower-cased form every pattern runs on."""
    return clean(text).lower()


_PUNCT = rx_compile(r"[\s\W_]+", re.UNICODE)


def duplicate_key(text: str) -> str:
    """P03's comparison form: §3.1 plus case-fold and no whitespace or punctuation at all."""
    s = clean(text).casefold().replace("％", "%")
    return _PUNCT.sub("", s.replace("%", "pct"))
