"""The start-up cache (okrgen/lint/rxcache.py) changes speed only: same patterns, same findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrgen.lint import rxcache

TEXTS = [
    ("en", "Increase qualified pipeline from $400k to $600k by March 31 and cut churn to 2%"),
    ("en", "Host 3 webinars for CFOs in Q1 2027"),
    ("ru", "Довести выручку с 10 до 20 млн ₽ к 30 июня"),
    ("ru", "Провести 5 дней открытых дверей в течение квартала"),
    ("zh", "将MQL到SQL转化率从10%提升到20%"),
    ("zh", "上线会员小程序，同时新增付费会员5000人"),
]

# Lints the texts, then (with "check") compares every cached pattern with a fresh re.compile.
SCRIPT = r"""
import json, re, sys
from okrgen.lint import check_kr, check_objective, rxcache
texts = json.loads(sys.argv[1])
out = []
for lang, text in texts:
    out.append([f.code + ":" + f.message for f in check_kr(text, period="2027-Q1")])
    out.append([f.code for f in check_objective(text)])
if len(sys.argv) > 2:
    # every pattern the linter made (from the cache, or from a parse tree it reused) is the one
    # re.compile makes of the same source
    made = dict(rxcache._objects)
    assert len(made) > 100, len(made)
    for (pattern, flags), obj in made.items():
        assert obj == re.compile(pattern, flags), pattern[:80]
    store = rxcache._load()
    keys = [k for k in store if k[0] == "rx"]
    for _, pattern, flags in keys:
        assert rxcache.compile(pattern, flags) == re.compile(pattern, flags), pattern[:80]
    out.append(len(keys))
print(json.dumps(out))
"""


def _run(env_extra: dict, *args: str) -> list:
    env = {k: v for k, v in os.environ.items() if k not in ("OKRGEN_NO_CACHE", "XDG_CACHE_HOME")}
    env.update(env_extra)
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(TEXTS), *args], env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(not rxcache._enabled, reason="pattern cache needs CPython's _sre")
def test_cached_patterns_equal_fresh_ones_and_findings_do_not_change(tmp_path):
    plain = _run({"OKRGEN_NO_CACHE": "1"}, "check")  # nothing on disk: every pattern built afresh
    first = _run({"XDG_CACHE_HOME": str(tmp_path)}, "check")  # empty cache: built afresh and stored
    files = list((tmp_path / "okrgen" / "lint").glob("patterns-*.marshal"))
    assert len(files) == 1
    second = _run({"XDG_CACHE_HOME": str(tmp_path)}, "check")  # everything from the cache
    assert second[-1] > 100
    assert plain[:-1] == first[:-1] == second[:-1]


@pytest.mark.skipif(not rxcache._enabled, reason="pattern cache needs CPython's _sre")
def test_a_warm_cache_is_not_rewritten_by_the_next_process(tmp_path):
    """Patterns built from sets must come out the same in every process (hash seeds differ), or
    each run adds entries and rewrites the ~400 KB file on exit, and the cache grows without end."""
    _run({"XDG_CACHE_HOME": str(tmp_path), "PYTHONHASHSEED": "1"})
    (cache,) = (tmp_path / "okrgen" / "lint").glob("patterns-*.marshal")
    before = (cache.stat().st_mtime_ns, cache.read_bytes())
    for seed in ("2", "3", "4"):
        _run({"XDG_CACHE_HOME": str(tmp_path), "PYTHONHASHSEED": seed})
        assert (cache.stat().st_mtime_ns, cache.read_bytes()) == before, f"rewritten by a process with PYTHONHASHSEED={seed}"


def test_no_cache_writes_nothing(tmp_path):
    _run({"XDG_CACHE_HOME": str(tmp_path), "OKRGEN_NO_CACHE": "1"})
    assert not (tmp_path / "okrgen").exists()


def test_unwritable_or_corrupt_cache_is_ignored(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    expected = _run({"OKRGEN_NO_CACHE": "1"})
    assert _run({"XDG_CACHE_HOME": str(blocked)}) == expected
    good = tmp_path / "good"
    _run({"XDG_CACHE_HOME": str(good)})
    (cache,) = (good / "okrgen" / "lint").glob("patterns-*.marshal")
    blob = bytearray(cache.read_bytes())
    blob[len(blob) // 2] ^= 0x01  # one flipped bit: the checksum rejects the whole file
    cache.write_bytes(bytes(blob))
    assert _run({"XDG_CACHE_HOME": str(good)}) == expected
    cache.write_bytes(b"\x00garbage" * 10)
    assert _run({"XDG_CACHE_HOME": str(good)}) == expected


def test_compile_matches_re_compile_in_process():
    for pattern, flags in [(r"(?P<a>\d+)|(?P<b>q[1-4])", 0), (r"(?i)kr\s*\d", 0), (r"abc", 2), (r"[а-я]+(?![a-z])", 0)]:
        assert rxcache.compile(pattern, flags) == __import__("re").compile(pattern, flags)
    with pytest.raises(__import__("re").error):
        rxcache.compile("(unbalanced")


def test_yaml_data_is_a_snapshot(tmp_path):
    path = Path(tmp_path) / "x.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    first = rxcache.load_yaml(path)
    first["a"].append(3)
    assert rxcache.load_yaml(path) == {"a": [1, 2]}
