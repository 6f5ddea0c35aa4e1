"""WeasyPrint's library look-ups are answered from disk after the first import, and a wrong or
stale answer file can cost time but never the import."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not os.path.exists("/etc/ld.so.cache"), reason="the answers are kept only where ctypes searches slowly (Linux)")

# Imports WeasyPrint through okrgen, counting the look-ups that reach ctypes itself.
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


def _import(cache_home, **env_extra) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "OKRGEN_NO_CACHE"}
    env.update(XDG_CACHE_HOME=str(cache_home), **env_extra)
    proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _answers(cache_home):
    return list((cache_home / "okrgen").glob("libraries-*.json"))


def test_second_import_asks_ctypes_nothing(tmp_path):
    first = _import(tmp_path)
    assert first, "WeasyPrint looked up no library by name; this module has nothing left to do"
    (answers,) = _answers(tmp_path)
    saved = json.loads(answers.read_text())
    assert set(first) == set(saved)
    assert any(v and "pango" in v for v in saved.values())
    assert _import(tmp_path) == []


def test_wrong_answers_fall_back_to_a_real_search(tmp_path):
    _import(tmp_path)
    (answers,) = _answers(tmp_path)
    saved = json.loads(answers.read_text())
    answers.write_text(json.dumps({name: "libnot-there.so.9" for name in saved}))
    again = _import(tmp_path)  # imports all the same, searching as WeasyPrint does
    assert set(again) == set(saved)
    assert json.loads(answers.read_text()) == saved  # and the file is mended
    answers.write_text("{ not json")
    assert set(_import(tmp_path)) == set(saved)


def test_no_cache_means_a_plain_import(tmp_path):
    assert _import(tmp_path, OKRGEN_NO_CACHE="1")
    assert not _answers(tmp_path)


def test_library_path_is_part_of_the_key(tmp_path):
    _import(tmp_path)
    _import(tmp_path, LD_LIBRARY_PATH=str(tmp_path))
    assert len(_answers(tmp_path)) == 2
