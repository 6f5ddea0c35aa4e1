"""Render's size limits (docs/limits.md): refused up front, at the place, overridable by config."""

import pytest

from okrgen.errors import OkrgenError
from okrgen.plan.yamlload import loads
from okrgen.render.limits import DEFAULTS, check_limits


def _plan(objectives=1, krs=1, text="Raise revenue from 1 to 2 by 2027-03-31"):
    lines = ["title: t", "lang: en", "objectives:"]
    for i in range(objectives):
        lines += [f"  - title: O{i}", "    key_results:"]
        lines += [f"      - text: {text}" for _ in range(krs)]
    return loads("\n".join(lines) + "\n", "p.yaml")


def test_a_plan_within_the_limits_passes():
    check_limits(_plan(objectives=DEFAULTS["max_objectives"], krs=2))


@pytest.mark.parametrize(
    "plan, words, line",
    [
        (lambda: _plan(objectives=101), "the plan has 101 objectives; render draws at most 100", 4 + 100 * 3),
        (lambda: _plan(objectives=3, krs=400), "the plan has 1,200 key results; render draws at most 1,000", 4 + 2 * 402 + 2 + 200),
        (lambda: _plan(text="x" * 20_001), "this text is 20,001 characters long", 6),
    ],
)
def test_past_a_limit_is_refused_at_its_place(plan, words, line):
    with pytest.raises(OkrgenError) as info:
        check_limits(plan())
    (f,) = info.value.findings
    assert words in f.message and f.code == "RENDER-LIMIT" and f.line == line and "docs/limits.md" in f.fix


def test_limits_come_from_the_config(tmp_path, cli, monkeypatch):
    plan = tmp_path / "p.yaml"
    plan.write_text(_plan(objectives=3).text, encoding="utf-8")
    (tmp_path / "okrgen.toml").write_text("[limits]\nmax_objectives = 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("render", plan, "--format", "md", "-o", tmp_path / "out", "--no-lint")
    assert code == 2 and "render draws at most 2" in err and not (tmp_path / "out").exists()
    (tmp_path / "okrgen.toml").write_text("[limits]\nmax_objectives = 3\n", encoding="utf-8")
    assert cli("render", plan, "--format", "md", "-o", tmp_path / "out", "--no-lint")[0] == 0


@pytest.mark.parametrize(
    "table, words", [("max_objectives = 0", "at least 1"), ("max_pages = 3", "unknown key 'limits.max_pages'"), ('max_text_chars = "x"', "whole number")]
)
def test_bad_limits_in_the_config(tmp_path, table, words):
    from okrgen.cli.config import load_config

    cfg = tmp_path / "okrgen.toml"
    cfg.write_text(f"[limits]\n{table}\n", encoding="utf-8")
    with pytest.raises(OkrgenError, match=words):
        load_config(cfg)
