"""A gate may skip a pattern only where the pattern finds nothing.

Gated patterns (lexicon.Gated, and the named alternatives of lexicon.Multi) are searched only in
texts holding one of their `needs`. A need that is not in every match silently turns a rule off,
so every gate of every language is checked against every labelled key result we have (the
evaluation sets, the real documents, the regression cases), as written and as masked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrgen.lint import change, quantity, timebound
from okrgen.lint.analysis import simplified
from okrgen.lint.lexicon import Gated, Multi
from okrgen.lint.normalize import clean, detect_lang

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *sorted((ROOT / "bench" / "eval").glob("cases*.yaml")),
    ROOT / "bench" / "eval" / "real" / "labels.yaml",
    ROOT / "tests" / "lint" / "extra_cases.yaml",
]


def _texts() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"en": [], "ru": [], "zh": []}

    def walk(node) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str) and clean(node["text"]):
                c = clean(node["text"])
                lang = detect_lang(c)
                s = c.lower()
                out[lang].append(simplified(s) if lang == "zh" else s)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for path in SOURCES:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


TEXTS = _texts()


def _gates(holder) -> list[Gated]:
    found = []
    for value in vars(holder).values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, Gated):
                found.append(item)
                if isinstance(item.rx, Multi):
                    found += [g for g in item.rx.rxs if isinstance(g, Gated)]
            elif isinstance(item, Multi):
                found += [g for g in item.rxs if isinstance(g, Gated)]
    return found


def test_the_corpus_is_there():
    assert all(len(texts) > 150 for texts in TEXTS.values()), {k: len(v) for k, v in TEXTS.items()}


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_no_gate_hides_a_match(lang):
    gates = _gates(quantity.patterns(lang)) + _gates(timebound.patterns(lang)) + _gates(change.patterns(lang))
    assert len(gates) > 15
    checked = 0
    for s in TEXTS[lang]:
        for text in (s, quantity.quantities(s, lang).masked):
            for gate in gates:
                if gate.rx.search(text) is not None:
                    checked += 1
                    assert gate._open(text), f"{gate.pattern[:60]!r} matches {text!r} but its needs {gate.needs} are not there"
    assert checked > 100
