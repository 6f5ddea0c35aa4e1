"""The rule catalogue: every rules*.yaml validates, loads once, and keeps the spec's fix texts."""

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


def test_rules_schema_rejects_a_rule_without_translations():
    bad = {
        "rules": [{"code": "SMART-Z01", "slug": "z", "severity": "warning", "scope": "kr", "title": {"en": "t"}, "message": {"en": "m"}, "fix": {"en": "f"}}]
    }
    assert list(_validator("rules.schema.json").iter_errors(bad))


def test_load_rules_reads_every_rules_file():
    from okrgen.lint import load_rules
    from okrgen.lint.registry import close_codes, resolve_code

    rules = load_rules()
    assert rules is load_rules()
    assert {r.source for r in rules.values()} >= {"rules.yaml"}
    assert all(c in rules for c in ("SMART-S01", "SMART-P04"))
    r = rules["SMART-R01"]
    assert r.severity == "warning" and r.scope == "kr" and r.text("fix", "ru").startswith("Это описание работы")
    assert r.text("what", "zh")
    assert resolve_code("m01") == "SMART-M01" and resolve_code("nope") is None
    assert "SMART-R01" in close_codes("SMART-R03")


def test_fix_texts_are_the_specs():
    from okrgen.lint import load_rules

    spec = ROOT.parent / "shared" / "SMART_RULES.md"
    if not spec.exists():
        pytest.skip("SMART_RULES.md is not next to the repository")
    text = spec.read_text(encoding="utf-8").replace('\\"', '"')
    for code, rule in load_rules().items():
        if code.startswith("SMART-"):
            for lang in ("en", "ru", "zh"):
                fix = rule.fix[lang].replace("({period})", "(2027-Q1)")
                # A02 names the verb the text uses; the spec shows it with its own example.
                verb, relation = {"en": ("reduce", "higher"), "ru": ("снизить", "выше"), "zh": ("降低", "更高")}[lang]
                fix = fix.replace("{verb}", verb).replace("{relation}", relation)
                assert fix in text, f"{code} {lang} fix differs from the spec"
