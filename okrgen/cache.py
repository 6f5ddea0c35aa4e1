"""Where okrgen keeps its caches, and how it writes them.

Every cache (catalog index, compiled schema checks, Jinja bytecode, lint patterns, library
look-ups) is keyed by what it was made from and only saves time, so it lives in one folder the
user can delete ($XDG_CACHE_HOME/okrgen, default ~/.cache/okrgen), OKRGEN_NO_CACHE=1 turns them
all off, and a cache that cannot be read or written is skipped, never an error.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(*parts: str) -> Path | None:
    """The cache folder (or a sub-folder of it); None when caching is turned off."""
    if os.environ.get("OKRGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "okrgen", *parts)


def write_cache(path: Path, data: bytes) -> bool:
    """Replace a cache file atomically (a reader sees the old file or the new one, never half).

    Best effort: a read-only home or a race with another process only costs speed.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
