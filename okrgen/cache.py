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
    if not os.path.isabs(base):  # no home to be found ("~" left as is): never a folder in the cwd
        return None
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


def cached_parse(text: str, parse, kind: str):
    """`parse(text)`, kept as marshal data under a hash of the text.

    Our own data files and the catalog's templates are read by almost every command and change
    only with a new version (or an author's edit, which changes the hash). Parsing one costs
    2-3 ms with libyaml plus PyYAML's constructor; reading it back costs ~0.1 ms. `kind` names the
    parser, so two parsers of the same text never share an entry. Only plain data is kept (marshal
    refuses anything else, and then nothing is stored), behind a checksum so a damaged file is a
    miss, not wrong data; the caller gets a fresh copy each time.
    """
    import hashlib
    import marshal
    import zlib

    base = cache_dir("data")
    path = None
    if base is not None:
        digest = hashlib.sha256(f"{kind}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
        path = base / f"{digest}.marshal"
        try:
            blob = path.read_bytes()
            if int.from_bytes(blob[:4], "little") == zlib.crc32(blob[4:]):
                return marshal.loads(blob[4:])
        except (OSError, ValueError, EOFError, TypeError):
            pass
    data = parse(text)
    if path is not None:
        try:
            body = marshal.dumps(data)
        except ValueError:
            return data
        write_cache(path, zlib.crc32(body).to_bytes(4, "little") + body)
    return data
