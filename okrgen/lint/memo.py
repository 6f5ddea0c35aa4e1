"""A plan's findings kept between runs, as ruff keeps its lint results.

`new` lints the plan it writes, `render` lints it again to print the warnings, and `lint` in CI
lints fifty unchanged plans on every push. The findings are a pure function of the plan's data,
the lint settings and okrgen's own files, so they are stored under a hash of exactly those and
read back when nothing in it changed. A cold lint of a small plan costs 60-80 ms, most of it
compiling the word-list patterns; a stored answer costs about 1 ms.

What is kept is data (a JSON list of findings) in the private cache folder of okrgen.cache; a
file that does not read back as findings is ignored and replaced. okrgen's own files enter the
key by path, size and modification time, as Python's own bytecode check does, so an upgrade or an
edited lexicon starts afresh.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import os
import sys
from pathlib import Path

from okrgen.cache import cache_dir, write_cache
from okrgen.finding import Finding

_FORMAT = 1  # bump when the shape of what is stored changes
_PACKAGE = Path(__file__).resolve().parents[1]
_FIELDS = frozenset(f.name for f in dataclasses.fields(Finding))


@functools.cache
def code_fingerprint() -> str:
    """Path, size and mtime of every file in the okrgen package, and the Python version."""
    h = hashlib.sha256(f"{_FORMAT}\0{sys.version}\0".encode())
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            h.update(f"{os.path.relpath(path, _PACKAGE)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _tagged(value):
    """Dates are the one non-JSON value a loaded plan holds; tagged so "2027-03-31" as text and as
    a date stay different keys (the lint reads both, but need not read them alike)."""
    if isinstance(value, datetime.date):  # datetime is a date too
        return {"$date": value.isoformat()}
    raise TypeError(type(value).__name__)


def _key(plan: dict, config, fragment: bool) -> str | None:
    settings = dataclasses.asdict(config) if config is not None else None
    try:
        body = json.dumps([code_fingerprint(), plan, settings, fragment], sort_keys=True, ensure_ascii=False, default=_tagged)
    except (TypeError, ValueError):
        return None  # a key that is not a string, a value JSON cannot hold: lint without the cache
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _read(path: Path) -> list[Finding] | None:
    try:
        stored = json.loads(path.read_bytes())
        if not isinstance(stored, list) or not all(isinstance(d, dict) and d.keys() <= _FIELDS and "code" in d for d in stored):
            return None
        return [Finding(**d) for d in stored]
    except (OSError, ValueError, TypeError):
        return None


def lint_plan_cached(plan: dict, *, config=None, fragment: bool = False) -> list[Finding]:
    """okrgen.lint.lint_plan, answered from the cache when the same plan was linted before."""
    base = cache_dir("lint")
    key = _key(plan, config, fragment) if base is not None else None
    if key is not None:
        hit = _read(base / f"{key}.json")
        if hit is not None:
            return hit
    from okrgen.lint.engine import lint_plan

    findings = lint_plan(plan, config=config, fragment=fragment)
    if key is not None:
        write_cache(base / f"{key}.json", json.dumps([f.to_dict() for f in findings], ensure_ascii=False).encode("utf-8"))
    return findings
