"""The fast check and jsonschema must agree, or a bad file could slip through the fast path."""

import copy

import pytest
import yaml

from okrgen import fastschema, schema
from okrgen.catalog import Catalog, template_files
from okrgen.fill import fill, resolve
from okrgen.resources import folder


def _jsonschema_valid(name, data):
    return not list(schema.validator(name).iter_errors(data))


def _plans():
    cat = Catalog()
    for tid in ("sdr", "pr", "sales-marketing-sla"):
        t = cat.get(tid)
        yield fill(t, "ru", resolve(t, "ru"))


BREAKAGES = [
    lambda p: p.pop("objectives"),
    lambda p: p.update(period="2027-Q5"),
    lambda p: p.update(period={"start": "2027-01-01"}),
    lambda p: p.update(period=2027),
    lambda p: p.update(lang="fr"),
    lambda p: p.update(currency="usd"),
    lambda p: p.update(extra=1),
    lambda p: p["objectives"][0].update(id="Objective 1"),
    lambda p: p["objectives"][0]["key_results"][0].update(target="many"),
    lambda p: p["objectives"][0]["key_results"][0].update(direction="sideways"),
    lambda p: p["objectives"][0]["key_results"][0].update(confidence=1.5),
    lambda p: p["objectives"][0]["key_results"][0].update(weight=0),
    lambda p: p["objectives"][0]["key_results"][0].update(due="31.03.2027"),
    lambda p: p["objectives"][0]["key_results"][0].update(checkins=[{"date": "2027-01-05"}]),
    lambda p: p["objectives"][0]["key_results"][0].update(text=""),
    lambda p: p["objectives"][0].update(key_results=None),
    lambda p: p.update(objectives=[]),
]


@pytest.mark.parametrize("breakage", range(len(BREAKAGES)))
def test_fast_check_agrees_with_jsonschema_on_plans(breakage):
    for plan in _plans():
        assert fastschema.is_valid("plan", plan) is True and _jsonschema_valid("plan", plan)
        broken = copy.deepcopy(plan)
        BREAKAGES[breakage](broken)
        assert fastschema.is_valid("plan", broken) == _jsonschema_valid("plan", broken)


@pytest.mark.parametrize("path", template_files(folder("catalog")), ids=lambda p: p.stem)
def test_fast_check_agrees_on_templates(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert fastschema.is_valid("template", data) is True and _jsonschema_valid("template", data)
    broken = copy.deepcopy(data)
    broken["role"]["fr"] = "x"
    assert fastschema.is_valid("template", broken) is False and not _jsonschema_valid("template", broken)


def test_compiled_check_is_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fastschema.validator.cache_clear()
    try:
        assert fastschema.validator("plan") is not None
        assert list((tmp_path / "okrgen" / "fastschema").glob("plan-*.marshal"))
    finally:
        fastschema.validator.cache_clear()
