"""Finding and checking okrgen.toml / [tool.okrgen] (okrgen.cli.config)."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest

from okrgen.cli import config
from okrgen.errors import OkrgenError

SMART_RULES_SECTION_6 = {"min_krs", "max_krs", "max_objectives", "disable", "severity_overrides", "require_owner"}


@pytest.fixture
def fake_lint_config(monkeypatch):
    """Record what would go to LintConfig.from_mapping (the lint core owns that check)."""
    calls = []

    def fake(smart, source):
        calls.append((smart, source))
        return ("LintConfig", smart)

    monkeypatch.setattr(config, "_lint_config", fake)
    return calls


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_in_a_parent_directory(tmp_path):
    cfg = write(tmp_path / "okrgen.toml", 'fail_on = "warning"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert config.find_config(deep) == cfg
    assert config.discover(start=deep).fail_on == "warning"


def test_pyproject_counts_only_with_a_tool_okrgen_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.okrgen]\nfail_on = "info"\n')
    inner = tmp_path / "pkg"
    write(inner / "pyproject.toml", '[project]\nname = "x"\n')
    assert config.find_config(inner) == tmp_path / "pyproject.toml"
    assert config.discover(start=inner).fail_on == "info"


def test_okrgen_toml_wins_in_the_same_directory(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.okrgen]\nfail_on = "info"\n')
    cfg = write(tmp_path / "okrgen.toml", 'fail_on = "warning"\n')
    assert config.find_config(tmp_path) == cfg


def test_no_file_means_defaults(tmp_path):
    c = config.discover(start=tmp_path)
    assert c.source is None and c.fail_on is None and c.lint_config is None and c.catalog == []


def test_explicit_config_file(tmp_path):
    cfg = write(tmp_path / "elsewhere.toml", 'catalog = ["templates", "../shared"]\n')
    c = config.discover(cfg, start=tmp_path / "nowhere")
    assert c.catalog == [(tmp_path / "templates").resolve(), (tmp_path.parent / "shared").resolve()]


def test_missing_explicit_config_is_an_error(tmp_path):
    with pytest.raises(OkrgenError, match="configuration file not found"):
        config.discover(tmp_path / "nope.toml")


def test_smart_table_goes_to_lint_config(tmp_path, fake_lint_config):
    cfg = write(
        tmp_path / "pyproject.toml",
        '[tool.okrgen.smart]\nmax_krs = 4\ndisable = ["SMART-R02"]\nseverity_overrides = {"SMART-T01" = "error"}\n',
    )
    c = config.load_config(cfg)
    assert fake_lint_config == [({"max_krs": 4, "disable": ["SMART-R02"], "severity_overrides": {"SMART-T01": "error"}}, str(cfg))]
    assert c.lint_config == ("LintConfig", c.smart)


def test_unknown_top_level_key_names_file_key_and_line(tmp_path):
    cfg = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.okrgen]\nfail_on = "error"\nfial_on = "x"\n')
    with pytest.raises(OkrgenError) as exc:
        config.load_config(cfg)
    err = exc.value
    assert "tool.okrgen.fial_on" in err.message and str(cfg) in err.message
    assert err.findings[0].line == 6
    assert "tool.okrgen.fail_on" in err.hint


def test_unknown_smart_key(tmp_path, fake_lint_config):
    cfg = write(tmp_path / "okrgen.toml", "[smart]\nmax_kr = 3\n")
    with pytest.raises(OkrgenError, match=r"unknown key 'smart\.max_kr'") as exc:
        config.load_config(cfg)
    assert exc.value.findings[0].line == 2
    assert fake_lint_config == []


def test_okrgen_toml_may_use_the_pyproject_layout(tmp_path):
    cfg = write(tmp_path / "okrgen.toml", '[tool.okrgen]\nfail_on = "warning"\n')
    assert config.load_config(cfg).fail_on == "warning"


@pytest.mark.parametrize(
    "body, message",
    [
        ('fail_on = "fatal"', "must be one of info, warning, error"),
        ('catalog = "templates"', "must be a list"),
        ("smart = 3", "must be a table"),
    ],
)
def test_bad_values(tmp_path, body, message):
    cfg = write(tmp_path / "okrgen.toml", body + "\n")
    with pytest.raises(OkrgenError, match=re.escape(message)):
        config.load_config(cfg)


def test_toml_syntax_error_has_a_line(tmp_path):
    cfg = write(tmp_path / "okrgen.toml", 'fail_on = "error"\nmax_krs 3\n')
    with pytest.raises(OkrgenError, match="TOML syntax error") as exc:
        config.load_config(cfg)
    assert exc.value.findings[0].line == 2


def test_non_utf8_config(tmp_path):
    cfg = tmp_path / "okrgen.toml"
    cfg.write_bytes(b'fail_on = "\xff"\n')
    with pytest.raises(OkrgenError, match="not valid UTF-8"):
        config.load_config(cfg)


# --------------------------------------------------------------------------- the schema


def test_schema_lists_exactly_the_keys_the_code_accepts():
    schema = config.config_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(config.known_keys()) == {"catalog", "currency", "fail_on", "funnel", "limits", "smart"}
    from okrgen.render.limits import DEFAULTS

    limits = schema["properties"]["limits"]["properties"]
    assert {k: v["default"] for k, v in limits.items()} == DEFAULTS  # the schema documents the code's defaults
    assert set(config.smart_keys()) == SMART_RULES_SECTION_6


@pytest.mark.parametrize(
    "doc, ok",
    [
        (
            {
                "fail_on": "warning",
                "catalog": ["t"],
                "smart": {"max_krs": 4, "disable": ["SMART-R02"], "severity_overrides": {"SMART-T01": "error"}, "require_owner": True},
            },
            True,
        ),
        ({"smart": {"severity_overrides": {"SMART-T01": "fatal"}}}, False),
        ({"smart": {"disable": ["R02"]}}, False),
        ({"colour": True}, False),
    ],
)
def test_schema_accepts_and_rejects(doc, ok):
    errors = list(jsonschema.Draft202012Validator(config.config_schema()).iter_errors(doc))
    assert (not errors) == ok


def test_real_lint_config_rejects_unknown_rule_codes(tmp_path):
    lint = pytest.importorskip("okrgen.lint")
    if not hasattr(lint, "LintConfig"):
        pytest.skip("the lint core has no LintConfig yet")
    cfg = write(tmp_path / "okrgen.toml", '[smart]\ndisable = ["SMART-Z99"]\n')
    with pytest.raises(OkrgenError, match="SMART-Z99"):
        config.load_config(cfg)
    ok = write(tmp_path / "ok" / "okrgen.toml", '[smart]\ndisable = ["SMART-R02"]\nmax_krs = 4\n')
    assert config.load_config(ok).lint_config is not None


def test_a_broken_pyproject_with_tool_okrgen_is_reported_not_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.okrgen]\ncatalog = ["x"\n[tool.okrgen.smart]\nmin_krs = 2\n')
    with pytest.raises(OkrgenError) as info:
        config.discover(start=tmp_path)
    (f,) = info.value.findings
    assert f.code == "CONFIG-SYNTAX" and (f.line, f.col) == (3, 1) and "[tool.okrgen] settings cannot be read" in f.message


def test_a_broken_pyproject_of_another_tool_is_still_not_our_business(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x\n')
    assert config.discover(start=tmp_path).source in (None, "")


def test_a_toml_error_at_the_end_of_the_file_has_a_line_and_column(tmp_path):
    cfg = write(tmp_path / "okrgen.toml", 'fail_on = "warning"\nx = [1,\n')
    with pytest.raises(OkrgenError) as info:
        config.load_config(cfg)
    (f,) = info.value.findings
    assert f.line is not None and f.col is not None and f"{cfg}:{f.line}:{f.col}" in info.value.message
