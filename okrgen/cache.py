"""Where okrgen keeps its caches, and the rule that makes them safe to keep.

A cache only saves time, so it is never trusted with anything that runs: what okrgen keeps is
data (JSON: the parsed YAML of its own data files and templates, the catalog index) plus Jinja's
bytecode cache, which Jinja itself loads. Whatever is read back must come from a folder that
only this user can write, because a cache folder shared with someone else (a common
XDG_CACHE_HOME, `sudo` keeping HOME, a CI cache restored from another branch) would let them
choose what we read. So the folder is the platform's user cache folder (platformdirs), created
0700, and refused, not repaired, when it is not ours or others may write to it: then okrgen runs
without a cache, as it does with OKRGEN_NO_CACHE=1.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_FORMAT = 1  # bump when the shape of what is stored changes


def cache_dir(*parts: str) -> Path | None:
    """A cache folder (created private on first use); None when caching is off or unsafe."""
    base = _base()
    if base is None:
        return None
    path = base.joinpath(*parts)
    if parts and not _private_folder(path):
        return None
    return path


def _base() -> Path | None:
    if os.environ.get("OKRGEN_NO_CACHE"):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg is not None and not os.path.isabs(xdg):  # the XDG spec: a relative path is to be ignored
        return None
    if xdg is None and os.path.expanduser("~") == "~":  # no home: never a folder in the working folder
        return None
    from platformdirs import user_cache_dir

    path = Path(user_cache_dir("okrgen", appauthor=False))
    return path if _private_folder(path) else None


def _private_folder(path: Path) -> bool:
    """True when `path` is a folder of ours that nobody else can write (made so if missing).

    Only the folder's own owner and mode are checked, as Jinja does for its default cache: its
    parents are the user's home or a system folder, and a parent that others can write lets
    them replace the folder, which then fails this same check.
    """
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if sys.platform == "win32":  # no POSIX owner or mode bits: the user profile is private already
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_cache(path: Path, data: bytes) -> bool:
    """Replace a cache file atomically (a reader sees the old file or the new one, never half).

    Best effort: a read-only home or a race with another process only costs speed.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False


def cached_parse(text: str, parse: Callable[[str], Any], kind: str) -> Any:
    """`parse(text)`, kept on disk as JSON under a hash of the text and the parser's `kind`.

    Our data files and catalog templates are read by almost every command and change only with a
    new version (or an author's edit, which changes the hash): json.loads is ~10x faster than
    libyaml plus PyYAML's constructor. Only data JSON gives back unchanged is kept (a mapping
    with integer keys, say, is parsed afresh every time instead), and the caller gets a fresh copy.
    """
    base = cache_dir("data")
    if base is None:
        return parse(text)
    digest = hashlib.sha256(f"{_FORMAT}\0{kind}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    path = base / f"{digest}.json"
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        pass
    data = parse(text)
    try:
        body = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return data
    if json.loads(body) == data:
        write_cache(path, body.encode("utf-8"))
    return data
