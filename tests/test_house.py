"""The house rules, run with the tests so CI checks them: ruff (lint and format) and the import
layers of pyproject.toml (import-linter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TREES = ["okrgen", "tests", "bench", "scripts"]


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed; it is in the [test] extra: pip install -e '.[test]'")
    return found


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    proc = _run(_tool("ruff"), "check", *TREES)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_code_is_formatted():
    proc = _run(_tool("ruff"), "format", "--check", *TREES)
    assert proc.returncode == 0, "run `ruff format okrgen tests bench scripts`:\n" + proc.stdout + proc.stderr


def test_stages_import_downward_only():
    proc = _run(_tool("lint-imports"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
