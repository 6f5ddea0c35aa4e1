"""The fast check and jsonschema must agree, or a bad file could slip through the fast path."""

import copy
from pathlib import Path

import pytest
import yaml

from okrgen.catalog.fill import fill, resolve
from okrgen.catalog.index import Catalog, template_files
from okrgen.plan import fastschema, schema
from okrgen.resources import folder

ROOT = Path(__file__).resolve().parents[2]


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


def test_generated_checks_are_current():
    """Fails after a schema change until `python scripts/gen_validators.py` is run."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_validators", ROOT / "scripts" / "gen_validators.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    stale = [p.name for p, text in gen.targets().items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert not stale, f"run python scripts/gen_validators.py: {stale}"


def test_a_schema_edited_after_generation_falls_back_to_jsonschema(monkeypatch, tmp_path):
    import shutil

    schemas = tmp_path / "schemas"
    shutil.copytree(folder("schemas"), schemas)
    (schemas / "plan.schema.json").write_text((schemas / "plan.schema.json").read_text(encoding="utf-8") + " ", encoding="utf-8")
    monkeypatch.setattr(fastschema, "folder", lambda name: schemas)
    fastschema.validator.cache_clear()
    try:
        assert fastschema.is_valid("plan", {}) is None
    finally:
        fastschema.validator.cache_clear()


# Keywords fastjsonschema (draft-07) and jsonschema (draft 2020-12) read the same way. A keyword
# outside this set (dependentRequired, unevaluatedProperties, prefixItems, $dynamicRef, ...) could
# make the fast check say "valid" where jsonschema finds errors: add it only after checking both.
SAME_IN_BOTH = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "uniqueItems",
    "oneOf",
    "anyOf",
    "allOf",
    "not",
    "propertyNames",
    "patternProperties",
    "format",
    "$ref",
    "$defs",
    "multipleOf",
}
ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "markdownDescription"}
SUBSCHEMA_MAPS = {"properties", "$defs", "patternProperties"}
SUBSCHEMA_LISTS = {"oneOf", "anyOf", "allOf"}
SUBSCHEMA_ONE = {"items", "additionalProperties", "not", "propertyNames"}


def _keywords(schema, out):
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        out.add(key)
        if key in SUBSCHEMA_MAPS:
            for sub in value.values():
                _keywords(sub, out)
        elif key in SUBSCHEMA_LISTS:
            for sub in value:
                _keywords(sub, out)
        elif key in SUBSCHEMA_ONE:
            _keywords(value, out)


@pytest.mark.parametrize("path", sorted((ROOT / "schemas").glob("*.schema.json")), ids=lambda p: p.stem)
def test_schemas_use_only_keywords_both_checkers_read_alike(path):
    import json

    used: set = set()
    _keywords(json.loads(path.read_text(encoding="utf-8")), used)
    assert used <= SAME_IN_BOTH | ANNOTATIONS, sorted(used - SAME_IN_BOTH - ANNOTATIONS)
