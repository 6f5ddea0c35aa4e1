"""Compiled patterns for the lint core, each built once per process.

The word lists are turned into a few hundred long patterns on a language's first key result;
compiling them is most of that first call's cost (~40-90 ms a language), and every later key
result reuses them. They are not kept between processes: a compiled pattern cannot be stored
without the regex engine's private internals, and the cost does not justify leaning on them.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def rx_compile(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile`, without the bound of re's own cache (~512 entries): the lexicons alone make more."""
    return re.compile(pattern, flags)


rx = rx_compile  # a pattern written inline in code: the same once-per-process compile
