"""Lexicon files: loaded once, valid against their schema, and the regex helpers behave."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from okrgen.lint.lexicon import Gated, Multi, alternation, fast, fewest_needs, gate_table, lexicon, opened, split_top, trie

ROOT = Path(__file__).resolve().parents[2]


def _validator():
    schema = json.loads((ROOT / "schemas" / "lexicon.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://okrgen.dev/schemas/lexicon.schema.json"
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_lexicons_validate(lang):
    data = yaml.safe_load((ROOT / "okrgen" / "lint" / "lexicons" / f"{lang}.yaml").read_text(encoding="utf-8"))
    errors = list(_validator().iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert data["lang"] == lang


def test_schema_rejects_a_missing_verb_class():
    data = yaml.safe_load((ROOT / "okrgen" / "lint" / "lexicons" / "en.yaml").read_text(encoding="utf-8"))
    del data["verbs"]["vague"]
    assert list(_validator().iter_errors(data))


def test_lexicon_is_cached():
    assert lexicon("en") is lexicon("en")


def test_alternation_is_longest_first_with_word_boundaries():
    rx = re.compile(alternation(["roll out", "roll", "out"]))
    assert rx.search("we roll-out it").group(0) == "roll-out"
    assert rx.search("payroll") is None


def test_trie_and_fast_match_like_plain_alternation():
    words = ["increase", "improve", "improvement", "in"]
    rx = re.compile(f"(?:{trie(words)})")
    assert [m.group(0) for m in rx.finditer("improvement increase in")] == ["improvement", "increase", "in"]
    assert fast(r"(?<![a-z])\d+%") is fast(r"(?<![a-z])\d+%")  # compiled once per process


def test_split_top_and_multi():
    assert split_top(r"a|(b|c)|[|x]") == ["a", "(b|c)", "[|x]"]
    m = Multi(r"(?P<a>\d+)|(?P<b>q[1-4])")
    assert [x.group(0) for x in m.finditer("q2 and 30")] == ["q2", "30"]


def test_fewest_needs_opens_for_the_same_texts():
    needs = ["january", "jan", "sept", "sep", "may", "quarter", "q"]
    assert fewest_needs(needs) == ("jan", "may", "q", "sep")
    full = Gated(r"x", needs)
    for text in ("due january", "sept 30", "q3", "mayday", "nothing here", "jun"):
        assert full._open(text) == any(n in text for n in needs), text


def test_opened_tests_shared_needs_once_and_keeps_order():
    months = ("jan", "feb")
    a, b, c = Gated(r"a", months), Gated(r"b", list(months)), Gated(r"c", ("zzz",))
    table = gate_table([a, b, fast("plain"), c, fast("tail")])
    assert table[0][0] is table[1][0]  # equal needs share one tuple, so the second test is skipped
    names = lambda s: [rx.pattern for rx in opened(table, s)]  # noqa: E731
    assert names("due jan 5") == ["a", "b", "plain", "tail"]
    assert names("zzz") == ["plain", "c", "tail"]
    assert names("none") == ["plain", "tail"]
