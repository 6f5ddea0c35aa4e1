"""The one cache folder: where it is, that it can be turned off, and that writes are whole."""

from __future__ import annotations

from okrgen.cache import cache_dir, write_cache


def test_cache_dir_follows_xdg_and_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.delenv("OKRGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "okrgen"
    assert cache_dir("lint") == tmp_path / "okrgen" / "lint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir("jinja") == tmp_path / "home" / ".cache" / "okrgen" / "jinja"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # the XDG spec: relative paths are invalid
    assert cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("OKRGEN_NO_CACHE", "1")
    assert cache_dir() is None
    assert cache_dir("lint") is None


def test_no_home_means_no_cache_rather_than_one_in_the_working_folder(monkeypatch):
    monkeypatch.delenv("OKRGEN_NO_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # no HOME and no password entry
    assert cache_dir() is None


def test_write_cache_replaces_whole_files_and_leaves_no_temporaries(tmp_path):
    path = tmp_path / "okrgen" / "sub" / "x.bin"
    assert write_cache(path, b"first")
    assert write_cache(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.bin"]


def test_write_cache_failure_is_quiet(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert write_cache(blocker / "x.bin", b"data") is False
    target = tmp_path / "dir"
    target.mkdir()
    assert write_cache(target, b"data") is False  # a folder where the file should be
    assert target.is_dir() and not any(tmp_path.glob(".dir.*"))


def test_cached_parse_keeps_plain_data_and_survives_damage(monkeypatch, tmp_path):
    from okrgen.cache import cached_parse

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
    assert len(list((tmp_path / "okrgen" / "data").iterdir())) == 2
    for entry in (tmp_path / "okrgen" / "data").iterdir():
        blob = bytearray(entry.read_bytes())
        blob[-1] ^= 0x01
        entry.write_bytes(bytes(blob))
    assert cached_parse("a: 1", parse, "test") == first and len(calls) == 3  # damaged: parsed again


def test_cached_parse_stores_nothing_it_cannot_keep_exactly(monkeypatch, tmp_path):
    import datetime as dt

    from okrgen.cache import cached_parse

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cached_parse("d", lambda t: {"due": dt.date(2027, 3, 31)}, "test") == {"due": dt.date(2027, 3, 31)}
    assert not (tmp_path / "okrgen" / "data").exists()
    monkeypatch.setenv("OKRGEN_NO_CACHE", "1")
    assert cached_parse("x", lambda t: [t], "test") == ["x"]
    assert not (tmp_path / "okrgen" / "data").exists()
