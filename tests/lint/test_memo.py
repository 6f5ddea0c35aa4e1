"""The findings cache answers a plan linted before, and only that plan under those settings."""

from __future__ import annotations

import datetime
import os

import pytest

from okrgen.lint import engine, memo
from okrgen.lint.config import LintConfig


def _plan(text: str = "Improve onboarding") -> dict:
    return {
        "title": "T",
        "period": "2027-Q1",
        "objectives": [{"title": "Win the mid-market", "key_results": [{"text": text}, {"text": "Grow ARR from $1M to $2M"}]}],
    }


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = engine.lint_plan

    def lint_plan(plan, **kw):
        calls.append(plan)
        return real(plan, **kw)

    monkeypatch.setattr(engine, "lint_plan", lint_plan)
    return calls


def _files() -> list[str]:
    base = memo.cache_dir("lint")
    return sorted(os.listdir(base)) if base else []


def test_a_plan_linted_before_is_answered_from_the_cache(counted):
    first = memo.lint_plan_cached(_plan())
    second = memo.lint_plan_cached(_plan())
    assert len(counted) == 1
    assert second == first and any(f.code == "SMART-M01" for f in first)


def test_another_text_config_or_fragment_is_linted_afresh(counted):
    memo.lint_plan_cached(_plan())
    changed = memo.lint_plan_cached(_plan("Improve onboarding from 40% to 60% by March"))
    memo.lint_plan_cached(_plan(), config=LintConfig(disable=("SMART-M01",)))
    memo.lint_plan_cached(_plan(), fragment=True)
    assert len(counted) == 4
    assert not any(f.code == "SMART-M01" for f in changed)


def test_a_date_and_the_same_date_as_text_are_different_keys(counted):
    as_date = _plan()
    as_date["objectives"][0]["key_results"][0]["due"] = datetime.date(2027, 3, 31)
    as_text = _plan()
    as_text["objectives"][0]["key_results"][0]["due"] = "2027-03-31"
    memo.lint_plan_cached(as_date)
    memo.lint_plan_cached(as_text)
    assert len(counted) == 2


def test_a_damaged_cache_file_is_linted_afresh_and_replaced(counted):
    good = memo.lint_plan_cached(_plan())
    (name,) = [n for n in _files() if n.startswith(memo._key(_plan(), None, False))]
    path = memo.cache_dir("lint") / name
    for damage in (b"{not json", b'{"code": "x"}', b'[{"code": "SMART-M01", "exec": "boom"}]'):
        path.write_bytes(damage)
        assert memo.lint_plan_cached(_plan()) == good
    assert len(counted) == 4
    assert memo.lint_plan_cached(_plan()) == good and len(counted) == 4  # replaced by a good one


def test_a_plan_json_cannot_key_is_linted_without_the_cache(counted):
    plan = _plan()
    plan[3] = "an integer key"
    memo.lint_plan_cached(plan)
    memo.lint_plan_cached(plan)
    assert len(counted) == 2


def test_no_cache_when_caching_is_off(counted, monkeypatch):
    monkeypatch.setenv("OKRGEN_NO_CACHE", "1")
    memo.lint_plan_cached(_plan())
    memo.lint_plan_cached(_plan())
    assert len(counted) == 2


def test_an_edited_package_file_changes_the_fingerprint(tmp_path, monkeypatch):
    (tmp_path / "lexicon.yaml").write_text("verbs: [improve]\n", encoding="utf-8")
    monkeypatch.setattr(memo, "_PACKAGE", tmp_path)
    memo.code_fingerprint.cache_clear()
    try:
        before = memo.code_fingerprint()
        memo.code_fingerprint.cache_clear()
        assert memo.code_fingerprint() == before  # nothing changed: the same key
        (tmp_path / "lexicon.yaml").write_text("verbs: [improve, grow]\n", encoding="utf-8")
        memo.code_fingerprint.cache_clear()
        assert memo.code_fingerprint() != before
    finally:
        memo.code_fingerprint.cache_clear()


def test_findings_are_stored_as_finding_to_dict_gives_them():
    import json

    from okrgen.finding import Finding

    plain = Finding("SMART-M01", "warning", "m", "fix", pointer="/objectives/0/key_results/0", lang="en", scope="kr")
    extra = Finding("SMART-M01", "warning", "m", extra={"term": "users"})
    assert plain.to_dict()["pointer"] == "/objectives/0/key_results/0" and "extra" not in plain.to_dict()
    assert extra.to_dict()["extra"] == {"term": "users"} and extra.to_dict()["extra"] is not extra.extra
    found = memo.lint_plan_cached(_plan())
    (name,) = _files()
    assert json.loads((memo.cache_dir("lint") / name).read_text(encoding="utf-8")) == [f.to_dict() for f in found]
