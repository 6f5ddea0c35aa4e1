"""Word lists are data (lexicons/<lang>.yaml) so users can extend them without touching code.

Each file is read once per process; every module that needs a list asks `lexicon(lang)` and
builds its own compiled patterns once, through `functools.cache`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

LANGS = ("en", "ru", "zh")
LEXICON_DIR = Path(__file__).parent / "lexicons"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Letters and digits that glue to a word in the scripts we match with boundaries (text is lower-cased).
WORDCH = "0-9a-zа-я"


@functools.cache
def lexicon(lang: str) -> dict:
    with open(LEXICON_DIR / f"{lang}.yaml", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)


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


def alternation(entries, *, prefix: bool = False) -> str:
    """Longest entries first, so a multi-word entry wins over its first word (§3.4)."""
    uniq = sorted({str(e).lower() for e in entries if e != ""}, key=lambda e: (-len(e), e))
    if not uniq:
        return r"(?!x)x"
    return "(?:" + "|".join(bounded(e, prefix=prefix) for e in uniq) + ")"


def compile_words(entries, *, prefix: bool = False) -> re.Pattern:
    return re.compile(alternation(entries, prefix=prefix))
