"""LintConfig.from_mapping: strict, and every error names its source."""

from __future__ import annotations

import pytest

from okrgen.errors import OkrgenError
from okrgen.lint import LintConfig


def test_defaults():
    c = LintConfig()
    assert (c.min_krs, c.max_krs, c.max_objectives, c.disable, c.severity_overrides, c.require_owner) == (2, 5, 5, (), {}, False)


def test_from_mapping_reads_every_key():
    c = LintConfig.from_mapping(
        {"min_krs": 1, "max_krs": 4, "max_objectives": 3, "disable": ["SMART-R02"], "severity_overrides": {"SMART-T01": "error"}, "require_owner": True},
        "okrgen.toml",
    )
    assert c == LintConfig(1, 4, 3, ("SMART-R02",), {"SMART-T01": "error"}, True)


@pytest.mark.parametrize(
    "mapping,match",
    [
        ({"max_kr": 3}, "unknown key 'max_kr'"),
        ({"disable": ["SMART-Z99"]}, "SMART-Z99"),
        ({"disable": "SMART-R02"}, "list"),
        ({"severity_overrides": {"SMART-T01": "fatal"}}, "bad severity"),
        ({"severity_overrides": {"SMART-Q01": "error"}}, "SMART-Q01"),
        ({"max_krs": "5"}, "whole number"),
        ({"max_krs": 0}, "whole number"),
        ({"min_krs": True}, "whole number"),
        ({"require_owner": "yes"}, "true or false"),
        ({"min_krs": 6, "max_krs": 5}, "larger than"),
    ],
)
def test_errors_name_the_source(mapping, match):
    with pytest.raises(OkrgenError, match=match) as exc:
        LintConfig.from_mapping(mapping, "pyproject.toml")
    assert "pyproject.toml" in exc.value.message


def test_unknown_code_suggests_close_ones():
    with pytest.raises(OkrgenError) as exc:
        LintConfig.from_mapping({"disable": ["SMART-R03"]}, "okrgen.toml")
    assert "SMART-R0" in exc.value.hint


def test_agree_rules_can_be_disabled_and_reweighted_in_the_config(tmp_path):
    from okrgen.lint import lint_plan
    from okrgen.lint.config import LintConfig

    plan = {
        "period": "2027-Q1",
        "objectives": [{"title": "Keep customers", "key_results": [{"text": "Cut churn from 6% to 4%", "direction": "increase", "baseline": 6, "target": 4}]}],
    }
    assert "AGREE-001" in {f.code for f in lint_plan(plan)}
    assert "AGREE-001" not in {f.code for f in lint_plan(plan, config=LintConfig(disable=("AGREE-001",)))}
