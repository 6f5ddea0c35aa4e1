"""Every template speaks of the funnel as the glossary (okrgen/data/funnel.yaml) defines it.

The stages once meant different things in different templates (a meeting accepted by sales was an
SAL in one and made an SQL in another), and `lint --together` then compared unlike rates. These
checks hold each template's words, metrics and `funnel(...)` targets to the one glossary.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from okrgen.i18n import LANGS
from okrgen.lint.align import metrics
from okrgen.resources import folder, load_data
from okrgen.track.funnel import default_spec

TEMPLATES = sorted(folder("catalog").rglob("*.yaml"))
ACRONYMS = ("MQL", "SQL", "SAL")  # the stages whose short name is the same word in every language


def _stages_named(text: str, lang: str | None = None) -> set[str]:
    """The MQL/SQL/SAL stages a text names, by short name or (given its language) full name."""
    named = {a.lower() for a in ACRONYMS if re.search(rf"(?<![A-Za-z]){a}s?(?![A-Za-z])", text)}
    if lang:
        named |= {s.id for s in default_spec().stages if s.id.upper() in ACRONYMS and s.full.get(lang, "\0").lower() in text.lower()}
    return named


def _texts(node, path=""):
    """(pointer, lang, text) of every translated text in a template."""
    if isinstance(node, dict):
        if node and set(node) <= set(LANGS) and all(isinstance(v, str) for v in node.values()):
            for lang, text in node.items():
                yield path, lang, text
            return
        for k, v in node.items():
            yield from _texts(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, f"{path}/{i}")


def _metric_stages(metric_id: str) -> set[str]:
    m = metrics()[metric_id]
    if m["kind"] == "rate":
        return {m["from"], m["to"]}
    return {m["stage"]} if "stage" in m else set()


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_key_results_and_kpis_name_the_stages_of_their_metric(path: Path):
    """A KR or KPI linked to a funnel metric names that metric's stages, and no other."""
    from okrgen.lint.align import canonical_metric

    data = load_data(str(path)) if False else __import__("yaml").safe_load(path.read_text(encoding="utf-8"))
    items = [
        (f"/objectives/{i}/key_results/{j}", kr, kr.get("text")) for i, o in enumerate(data["objectives"]) for j, kr in enumerate(o.get("key_results") or [])
    ]
    items += [(f"/kpis/{i}", k, k.get("name")) for i, k in enumerate(data.get("kpis") or [])]
    wrong = []
    for pointer, item, text in items:
        mid = canonical_metric(item.get("metric"))
        if mid is None or not isinstance(text, dict):
            continue
        expected = _metric_stages(mid) & {a.lower() for a in ACRONYMS}
        for lang, words in text.items():
            named = _stages_named(words, lang)
            if named != expected and not (mid.endswith("_won_rate") and named <= expected):
                wrong.append(f"{pointer} ({mid}, {lang}): names {sorted(named) or 'no stage'}, the metric is about {sorted(expected) or 'no MQL/SQL/SAL'}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_no_stage_is_described_in_words_the_glossary_rules_out(path: Path):
    """A meeting is the SQL hand-off, never an SAL: a sentence naming a stage may not use its `not_with` words."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    wrong = []
    for stage in default_spec().stages:
        if stage.id.upper() not in ACRONYMS:
            continue
        for pointer, lang, text in _texts(data):
            for sentence in re.split(r"[.;。；!?！？]\s*", text):
                if stage.id in _stages_named(sentence) and any(w.lower() in sentence.lower() for w in stage.not_with.get(lang, ())):
                    wrong.append(f"{pointer} ({lang}): {sentence.strip()!r} uses {stage.not_with[lang]} for {stage.label(lang)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_funnel_targets_use_the_glossary_stages_and_rates(path: Path):
    import yaml

    spec = default_spec()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for p in data.get("parameters") or []:
        for call in re.finditer(r"funnel\(\s*'(\w+)'(.*?)\)\s*(?:\||\"|$)", p.get("derive") or ""):
            assert call.group(1) in spec.stage_ids(), f"{p['name']}: unknown stage {call.group(1)}"
            for rate in re.findall(r"(\w+_to_\w+)\s*=", call.group(2)):
                assert rate in spec.all_rate_names(), f"{p['name']}: {rate} is not a rate of the glossary"
            label = " ".join(p.get("label", {}).values())
            named = _stages_named(label)
            assert not named or call.group(1) in named, f"{p['name']}: labelled {sorted(named)} but computes {call.group(1)}"


def test_the_old_contradictions_are_caught():
    """The checks fail on the wording the SDR template had (a meeting accepted as an SAL)."""
    assert _stages_named("Share of accepted meetings (SAL) that end as won deals") == {"sal"}
    sal = default_spec().stage("sal")
    assert any(w in "доля назначенных встреч, принятых как sal" for w in sal.not_with["ru"])
    assert _metric_stages("mql_to_sql_rate") == {"mql", "sql"}


def test_glossary_data_defines_every_stage_in_every_language():
    data = load_data("funnel.yaml")
    for stage in data["stages"]:
        for key in ("name", "full", "who", "help"):
            assert set(stage[key]) == set(LANGS), f"{stage['id']}.{key}"
    for role in data["roles"].values():
        assert set(role["means"]) == set(LANGS) and role["stage"] in {s["id"] for s in data["stages"]}
