"""Shared test set-up: a pinned 'today', a private cache, and golden files with --update-golden."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before anything imports okrgen: the suite never reads or writes the user's own cache folder,
# and subprocesses started by tests inherit this.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="okrgen-tests-cache-")

GOLDEN_DIR = Path(__file__).parent / "golden"
TODAY = "2026-11-24"  # pinned: the default period of a new plan is the next quarter (2027-Q1)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch, tmp_path_factory):
    monkeypatch.setenv("OKRGEN_TODAY", TODAY)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    for var in ("OKRGEN_LANG", "OKRGEN_CATALOG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def golden(request):
    """compare(name, text): assert text equals tests/golden/<name>, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def compare(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden to create it"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from its golden file; if the change is intended, run pytest --update-golden"

    return compare


@pytest.fixture
def cli(capsys):
    """Run the okrgen CLI in-process: returns (exit code, stdout, stderr)."""
    from okrgen.cli.main import main

    def run(*argv: str):
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def pytest_configure(config):
    os.environ.setdefault("OKRGEN_TODAY", TODAY)
