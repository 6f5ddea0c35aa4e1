"""Compiled patterns for the lint core, each built once per process, on its first use.

The word lists are turned into a few hundred long patterns; compiling them is most of the first
key result's cost (~40-90 ms a language), and a run uses only part of them (an English plan
touches about 60 of the 90 patterns built for English; a 1,000-KR draft in three languages
about 130 of 220). So `rx_compile` hands back a pattern that is compiled the first time one
of its methods is called, and a run pays only for the patterns its texts reach. The patterns are
not kept between processes: a compiled pattern cannot be stored without the regex engine's
private internals, and the cost does not justify leaning on them.
"""

from __future__ import annotations

import functools
import re

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """A `re.Pattern` compiled on first use; then its methods are the compiled pattern's own.

    After the first call the bound methods of the compiled pattern are stored on the instance, so
    every later call costs what a call on a plain `re.Pattern` costs. A pattern with a syntax error
    raises `re.error` on that first use instead of at construction.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern:
        rx = re.compile(self.pattern, self.flags)
        for name in _METHODS:
            setattr(self, name, getattr(rx, name))  # instance attributes shadow the methods below
        self.compiled = lambda: rx  # type: ignore[method-assign]
        return rx

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self):
        return self.compiled().groupindex

    def search(self, *args):
        return self.compiled().search(*args)

    def match(self, *args):
        return self.compiled().match(*args)

    def fullmatch(self, *args):
        return self.compiled().fullmatch(*args)

    def finditer(self, *args):
        return self.compiled().finditer(*args)

    def findall(self, *args):
        return self.compiled().findall(*args)

    def sub(self, *args, **kwargs):
        return self.compiled().sub(*args, **kwargs)

    def subn(self, *args, **kwargs):
        return self.compiled().subn(*args, **kwargs)

    def split(self, *args, **kwargs):
        return self.compiled().split(*args, **kwargs)

    def scanner(self, *args):
        return self.compiled().scanner(*args)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


@functools.cache
def rx_compile(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled once per process, when first used, and without the bound of re's own
    cache (~512 entries): the lexicons alone make more."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


rx = rx_compile  # a pattern written inline in code: the same once-per-process compile
