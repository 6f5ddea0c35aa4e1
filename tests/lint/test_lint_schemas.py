"""The data files validate against their JSON Schemas (Draft 2020-12)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
LINT = ROOT / "okrgen" / "lint"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"https://okrgen.dev/schemas/{name}"
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", sorted(LINT.glob("rules*.yaml")), ids=lambda p: p.name)
def test_rule_files_validate(path):
    errors = list(_validator("rules.schema.json").iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_lexicons_validate(lang):
    data = yaml.safe_load((LINT / "lexicons" / f"{lang}.yaml").read_text(encoding="utf-8"))
    errors = list(_validator("lexicon.schema.json").iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert data["lang"] == lang


def test_rules_schema_rejects_a_rule_without_translations():
    bad = {"rules": [{"code": "SMART-Z01", "slug": "z", "severity": "warning", "scope": "kr", "title": {"en": "t"}, "message": {"en": "m"}, "fix": {"en": "f"}}]}
    assert list(_validator("rules.schema.json").iter_errors(bad))


def test_lexicon_schema_rejects_a_missing_verb_class():
    data = yaml.safe_load((LINT / "lexicons" / "en.yaml").read_text(encoding="utf-8"))
    del data["verbs"]["vague"]
    assert list(_validator("lexicon.schema.json").iter_errors(data))
