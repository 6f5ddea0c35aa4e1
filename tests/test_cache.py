"""The cache folder: private or not used at all, data only, and writes that are whole."""

from __future__ import annotations

import os
import sys

import pytest

from okrgen.cache import cache_dir, cached_parse, write_cache

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owner and mode bits")


def test_cache_dir_follows_xdg_and_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.delenv("OKRGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "okrgen"
    assert cache_dir("jinja") == tmp_path / "okrgen" / "jinja"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir("jinja") == tmp_path / "home" / ".cache" / "okrgen" / "jinja"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the XDG spec: relative paths are invalid
    assert cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("OKRGEN_NO_CACHE", "1")
    assert cache_dir() is None
    assert cache_dir("data") is None


def test_no_home_means_no_cache_rather_than_one_in_the_working_folder(monkeypatch):
    monkeypatch.delenv("OKRGEN_NO_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no HOME and no password entry
    assert cache_dir() is None


@posix_only
def test_a_new_cache_folder_is_private(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache_dir("data")
    assert folder is not None
    for path in (folder, folder.parent):
        assert os.stat(path).st_mode & 0o777 == 0o700


@posix_only
@pytest.mark.parametrize("mode", [0o777, 0o775, 0o722, 0o1777])
def test_a_folder_others_can_write_is_refused_not_used(monkeypatch, tmp_path, mode):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "okrgen").mkdir()
    os.chmod(tmp_path / "okrgen", mode)
    assert cache_dir() is None and cache_dir("data") is None
    calls = []
    assert cached_parse("a: 1", lambda t: calls.append(t) or {"a": 1}, "test") == {"a": 1}
    assert not any((tmp_path / "okrgen").iterdir())  # nothing written into the unsafe folder


@posix_only
def test_a_folder_owned_by_someone_else_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    (tmp_path / "okrgen").mkdir(mode=0o700)
    real = os.geteuid()
    monkeypatch.setattr(os, "geteuid", lambda: real + 1)
    assert cache_dir() is None


@posix_only
def test_a_symlink_in_place_of_the_folder_is_refused(monkeypatch, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "xdg").mkdir()
    (tmp_path / "xdg" / "okrgen").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() is None


def test_write_cache_replaces_whole_files_and_leaves_no_temporaries(tmp_path):
    path = tmp_path / "okrgen" / "x.json"
    path.parent.mkdir()
    assert write_cache(path, b"first")
    assert write_cache(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.json"]
    if sys.platform != "win32":
        assert os.stat(path).st_mode & 0o777 == 0o600


def test_write_cache_failure_is_quiet(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert write_cache(blocker / "x.bin", b"data") is False
    target = tmp_path / "dir"
    target.mkdir()
    assert write_cache(target, b"data") is False  # a folder where the file should be
    assert target.is_dir() and not any(tmp_path.glob(".dir.*"))


def test_cached_parse_keeps_plain_data_as_json_and_survives_damage(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls = []

    def parse(text):
        calls.append(text)
        return {"text": text, "items": [1, 2.5, None, True, "中文"]}

    first = cached_parse("a: 1", parse, "test")
    again = cached_parse("a: 1", parse, "test")
    assert first == again and len(calls) == 1
    again["items"].append("changed")
    assert cached_parse("a: 1", parse, "test") == first  # a fresh copy each time
    assert cached_parse("a: 1", parse, kind="other") == first and len(calls) == 2  # the parser is part of the key
    entries = list((tmp_path / "okrgen" / "data").iterdir())
    assert len(entries) == 2 and all(e.suffix == ".json" for e in entries)
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-3])  # a torn file
    assert cached_parse("a: 1", parse, "test") == first and len(calls) == 3  # damaged: parsed again


def test_cached_parse_stores_nothing_json_would_change(monkeypatch, tmp_path):
    import datetime as dt

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cached_parse("d", lambda t: {"due": dt.date(2027, 3, 31)}, "test") == {"due": dt.date(2027, 3, 31)}
    assert cached_parse("k", lambda t: {1: "one"}, "test") == {1: "one"}  # JSON would make the key "1"
    assert cached_parse("k", lambda t: {1: "one"}, "test") == {1: "one"}
    assert not any((tmp_path / "okrgen" / "data").iterdir())
    monkeypatch.setenv("OKRGEN_NO_CACHE", "1")
    assert cached_parse("x", lambda t: [t], "test") == ["x"]


def test_nothing_read_back_from_the_cache_is_code():
    """The house rule (issue 9): no marshal, exec or ctypes on what a cache folder holds."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "okrgen"
    offenders = []
    for module in root.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        for needle in ("marshal", "exec(", "_sre", "re._parser", "re._compiler", "sre_parse", "sre_compile", "ctypes.CDLL"):
            if needle in text:
                offenders.append(f"{module.relative_to(root)}: {needle}")
    assert not offenders
