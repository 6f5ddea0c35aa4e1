"""WeasyPrint's import skips only the library spellings Linux can never find, and stores nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from okrgen.render.weasy import cannot_be_found_on_linux

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux searches slowly")

# Imports WeasyPrint through okrgen, recording the look-ups that reach ctypes itself.
SCRIPT = r"""
import ctypes.util, json
real = ctypes.util.find_library
calls = []
def counting(name):
    calls.append(name)
    return real(name)
ctypes.util.find_library = counting
from okrgen.render.weasy import import_weasyprint
weasyprint = import_weasyprint()
assert hasattr(weasyprint, "HTML")
assert ctypes.util.find_library is counting, "find_library was not put back"
print(json.dumps(calls))
"""


@pytest.mark.parametrize(
    "name, skipped",
    [
        ("libgobject-2.0-0", True),
        ("libharfbuzz-vector.so.0", True),
        ("libpango-1.0.dylib", True),
        ("libharfbuzz-0.dll", True),
        ("gobject-2.0", False),
        ("pango-1.0-0", False),
        ("fontconfig", False),
        ("gtk-3", False),
        ("harfbuzz-subset", False),
    ],
)
def test_only_spellings_linux_cannot_have_are_skipped(name, skipped):
    assert cannot_be_found_on_linux(name) is skipped


@linux_only
def test_weasyprint_still_finds_its_libraries_and_nothing_is_cached(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    asked = json.loads(proc.stdout.strip().splitlines()[-1])
    assert asked and not any(cannot_be_found_on_linux(n) for n in asked)
    assert any(n.startswith("pango") for n in asked)
    assert not any(tmp_path.rglob("*.json"))
