"""File names made from people's words (team names): readable, safe on Windows, macOS and Linux.

"Отдел продаж / Москва" becomes `отдел-продаж-москва`, "华东 SDR" `华东-sdr`: letters of any
script are kept (a Russian or Chinese team finds its own file), while path separators, control
characters, characters Windows refuses (<>:"|?*) and its reserved device names are not.
"""

from __future__ import annotations

import re
import unicodedata

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_KEEP = re.compile(r"[^\w.-]+", re.UNICODE)
MAX_LEN = 80  # characters; well inside every file system's 255 bytes even for CJK (3 bytes each)


def safe_stem(text: str, fallback: str = "plan") -> str:
    """A file name stem (no suffix) for `text`."""
    s = unicodedata.normalize("NFKC", str(text or "")).casefold()
    s = _KEEP.sub("-", s)
    s = re.sub(r"-{2,}", "-", s).strip("-._")
    s = s[:MAX_LEN].rstrip("-._")
    if not s:
        s = fallback
    if s.split(".")[0] in _WINDOWS_RESERVED:
        s = f"{s}-team"
    return s


def unique_stems(texts: list[str], fallback: str = "plan") -> list[str]:
    """safe_stem of each, with -2, -3… where two would collide (compared case-blind)."""
    return made_unique([safe_stem(t, fallback) for t in texts], "-")


def made_unique(names: list[str], sep: str) -> list[str]:
    """The names in order, a later one that collides (case-blind) given sep + 2, 3…"""
    out, seen = [], set()
    for base in names:
        name, n = base, 2
        while name.casefold() in seen:
            name, n = f"{base}{sep}{n}", n + 1
        seen.add(name.casefold())
        out.append(name)
    return out
