"""tests/ mirrors okrgen/: every module has a test file of the same name (rendercv's rule)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Modules with no behaviour of their own to test (entry point, plain records).
EXEMPT = {"__init__.py", "__main__.py", "_common.py", "errors.py", "finding.py", "resources.py"}
# Modules whose behaviour is tested through another module's test file (it must exist).
COVERED_BY = {
    "catalog/checks.py": "cli/test_catalog_cmd.py",
    "cli/main.py": "cli/test_list_cmd.py",
    "cli/show_cmd.py": "cli/test_list_cmd.py",
    "cli/schema_cmd.py": "cli/test_list_cmd.py",
    "lint/located.py": "cli/test_lint_cmd.py",
    "cli/check_cmd.py": "lint/test_commands.py",
    "cli/rules_cmd.py": "lint/test_commands.py",
    "plan/planfile.py": "plan/test_schema.py",
    "catalog/template.py": "catalog/test_fill.py",
    "render/env.py": "render/test_golden.py",
    "render/viewmodel.py": "render/test_markdown.py",
    "render/batch.py": "cli/test_render_cmd.py",
    "lint/patterns.py": "lint/test_lexicon.py",
    "render/report/site.py": "render/report/test_site.py",
}
# Generated code is checked by the test of what generates and uses it.
GENERATED = {"plan/_generated": "plan/test_fastschema.py"}


def test_every_module_has_a_test_file():
    missing = []
    for module in sorted((ROOT / "okrgen").rglob("*.py")):
        if module.name in EXEMPT:
            continue
        rel = module.relative_to(ROOT / "okrgen")
        candidates = [ROOT / "tests" / rel.parent / f"test_{module.name}", ROOT / "tests" / f"test_{module.name}"]
        if str(rel) in COVERED_BY:
            candidates = [ROOT / "tests" / COVERED_BY[str(rel)]]
        if str(rel.parent) in GENERATED:
            candidates = [ROOT / "tests" / GENERATED[str(rel.parent)]]
        if not any(c.exists() for c in candidates):
            missing.append(str(rel))
    assert not missing, f"modules without tests/…/test_<name>.py: {missing}"
