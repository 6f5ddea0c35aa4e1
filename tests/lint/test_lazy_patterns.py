"""okrgen.lint.patterns: patterns are compiled on first use and then behave as re.Pattern does."""

from __future__ import annotations

import re

import pytest

from okrgen.lint.patterns import LazyPattern, rx_compile


def test_a_pattern_is_compiled_on_first_use_and_answers_like_re():
    p = rx_compile(r"(?P<n>\d+)\s*%", re.IGNORECASE)
    assert isinstance(p, LazyPattern) and "search" not in vars(p)  # nothing compiled yet
    assert p.pattern == r"(?P<n>\d+)\s*%" and p.flags == re.IGNORECASE
    assert p.search("raise to 45 %").group("n") == "45"
    assert "search" in vars(p)  # the compiled pattern's own methods from now on
    assert [m.group(0) for m in p.finditer("5% and 7 %")] == ["5%", "7 %"]
    assert p.sub("N%", "from 5% to 7%") == "from N% to N%"
    assert p.groupindex["n"] == 1 and p.groups == 1
    assert rx_compile(r"(?P<n>\d+)\s*%", re.IGNORECASE) is p


def test_a_broken_pattern_raises_on_first_use():
    p = rx_compile(r"(unclosed")
    with pytest.raises(re.error):
        p.search("x")
