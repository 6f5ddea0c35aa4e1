"""The authoring guide and the templates written from it (issue 15)."""

from __future__ import annotations

import json
import re

import pytest

from okrgen.catalog.checks import validate_paths
from okrgen.resources import folder

ROOT = folder("catalog").parent
GUIDE = ROOT / "docs" / "authoring.md"


def test_the_guide_names_every_field_filter_and_function():
    text = GUIDE.read_text(encoding="utf-8")
    schema = json.loads((folder("schemas") / "template.schema.json").read_text(encoding="utf-8"))
    fields = set(schema["properties"]) - {"$schema"}
    for name in ("parameter", "key_result", "objective", "kpi"):
        fields |= set(schema["$defs"][name]["properties"])
    fields |= set(schema["properties"]["examples"]["items"]["properties"])
    fields |= set(schema["$defs"]["parameter"]["properties"]["validate"]["items"]["properties"])
    missing = sorted(f for f in fields if not re.search(rf"(`|\b){re.escape(f)}:", text) and f"`{f}`" not in text)
    assert not missing, f"docs/authoring.md does not describe: {missing}"

    from okrgen.catalog.fill import OKRGEN_FILTERS, environment

    globals_ = {g for g in environment().globals if g not in ("range", "dict", "lipsum", "cycler", "joiner", "namespace")}
    for name in (*OKRGEN_FILTERS, *globals_):
        assert f"`{name}" in text, f"docs/authoring.md does not describe `{name}`"
    for ptype in schema["$defs"]["parameter"]["properties"]["type"]["enum"]:
        assert f"| `{ptype}` |" in text, ptype


def test_every_template_code_is_in_the_guide():
    from okrgen.lint import load_rules

    text = GUIDE.read_text(encoding="utf-8")
    assert [c for c, r in load_rules().items() if r.scope == "template" and c not in text] == []


@pytest.mark.parametrize("folder_name", ["worked", "templates"])
def test_the_guides_templates_validate_clean(folder_name):
    results = validate_paths([ROOT / "docs" / "examples" / folder_name])
    assert results and all(findings == [] for findings in results.values()), results
