"""A disk cache of what the lint core builds on its first call: compiled patterns and lexicons.

Almost all of the first call's cost per language is `re.compile` of a few hundred long patterns
(sre's parser is pure Python) plus reading the YAML lexicons; the patterns themselves are fast. So
the bytecode the regex compiler produces for each pattern is kept in
$XDG_CACHE_HOME/okrgen/lint/ (marshal, one file per Python build) and turned back into a pattern
object with `_sre.compile`, exactly what `re.compile` ends with: the object is the same (patterns
compare equal, a test checks it). Entries are keyed by the pattern text itself, so a changed
lexicon or pattern is simply a miss; lexicons are keyed by a hash of their file.

The cache is an optimisation only: OKRGEN_NO_CACHE=1 turns it off, an unreadable or unwritable
cache directory is ignored, and anything unexpected falls back to `re.compile`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from okrgen.cache import cache_dir as _cache_dir
from okrgen.cache import write_cache

try:
    import _sre
except ImportError:  # pragma: no cover - not CPython
    _sre = None
try:  # the regex compiler's parts, which `re` has already loaded
    from re import _compiler as sre_compiler
    from re import _constants as sre_constants  # noqa: F401 - used by lexicon.py
    from re import _parser as sre_parser
except ImportError:  # Python 3.10 keeps them at the top level
    import sre_compile as sre_compiler
    import sre_constants  # noqa: F401 - used by lexicon.py
    import sre_parse as sre_parser

_FORMAT = 2
_TAG = (
    f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}-{getattr(_sre, 'CODESIZE', 0)}-{_FORMAT}"
)
_MAX_ENTRIES = 6000  # beyond this, a save keeps only what the saving process used

_store: dict | None = None
_objects: dict = {}  # (pattern, flags) → compiled pattern, this process
_used: set = set()
_added = False
_enabled = _sre is not None and getattr(_sre, "CODESIZE", 0) == 4 and sys.implementation.name == "cpython"


def cache_dir() -> Path | None:
    return _cache_dir("lint")


_code_tag: str | None = None


def _path() -> Path | None:
    """The cache file for this Python build and this version of the code that derives entries.

    Compiled patterns depend only on their source text, but first-character sets and word tries
    are made by lexicon.py: a change there must not meet entries its old version made.
    """
    global _code_tag
    d = cache_dir()
    if d is None:
        return None
    if _code_tag is None:
        import zlib

        here = Path(__file__).parent
        crc = 0
        for name in ("lexicon.py", "rxcache.py"):
            try:
                crc = zlib.crc32((here / name).read_bytes(), crc)
            except OSError:
                pass
        _code_tag = f"{crc:08x}"
    return d / f"patterns-{_TAG}-{_code_tag}.marshal"


_MAGIC = b"OKRX"


def _load() -> dict:
    global _store
    if _store is None:
        _store = {}
        path = _path() if _enabled else None
        if path is not None:
            try:
                import marshal
                import zlib

                blob = path.read_bytes()
                body = blob[8:]
                # a checksum: a torn write or a flipped bit must not become a wrong pattern
                if blob[:4] == _MAGIC and int.from_bytes(blob[4:8], "little") == zlib.crc32(body):
                    data = marshal.loads(body)
                    if isinstance(data, dict):
                        _store = data
            except (OSError, ValueError, EOFError, TypeError):
                pass
    return _store


def get(key):
    """A cached value (None when absent); marks the key as used by this process."""
    store = _load()
    value = store.get(key)
    if value is not None:
        _used.add(key)
    return value


def put(key, value) -> None:
    """Remember a value for this process, and on disk at exit when the cache is enabled."""
    global _added
    store = _load()
    store[key] = value
    _used.add(key)
    if not _added and _enabled and _path() is not None:
        _added = True
        import atexit

        atexit.register(save)


def save() -> None:
    """Write the cache (atomically) when this process added entries; never raises."""
    global _added
    if not _added or _store is None:
        return
    _added = False
    path = _path()
    if path is None:
        return
    try:
        import marshal

        import zlib

        data = _store if len(_store) <= _MAX_ENTRIES else {k: v for k, v in _store.items() if k in _used}
        body = marshal.dumps(data)
        blob = _MAGIC + zlib.crc32(body).to_bytes(4, "little") + body
        if not write_cache(path, blob):
            return
        for stale in path.parent.glob(f"patterns-{_TAG}-*.marshal"):  # made by an older lexicon.py
            if stale != path:
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - same name as re.compile on purpose
    """`re.compile(pattern, flags)`, with the compiled code kept on disk between processes."""
    flags = int(flags)
    if not _enabled:
        return re.compile(pattern, flags)
    obj = _objects.get((pattern, flags))
    if obj is not None:
        return obj  # re.compile too hands back the object it already made
    obj = _objects[pattern, flags] = _compile(pattern, flags)
    return obj


def compile_tree(pattern: str, flags: int = 0, tree=None) -> re.Pattern:
    """`compile(pattern, flags)` where `tree`, if given, is what re._parser.parse makes of `pattern`
    (so a miss does not parse it again)."""
    flags = int(flags)
    if not _enabled:
        return re.compile(pattern, flags)
    obj = _objects.get((pattern, flags))
    if obj is not None:
        return obj
    obj = _objects[pattern, flags] = _compile(pattern, flags, tree)
    return obj


def _compile(pattern: str, flags: int, tree=None) -> re.Pattern:
    key = ("rx", pattern, flags)
    hit = get(key)
    if hit is not None:
        try:
            from array import array

            final_flags, code, groups, groupindex, indexgroup = hit
            return _sre.compile(pattern, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - a bad entry: compile afresh
            pass
    try:
        from array import array

        # what re._compiler.compile does, keeping the code to store it
        p = tree if tree is not None else sre_parser.parse(pattern, flags)
        code = sre_compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        args = (flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))
        rx = _sre.compile(pattern, *args)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals changed: the public way
        return re.compile(pattern, flags)
    put(key, (args[0], array("I", code).tobytes(), args[2], groupindex, args[4]))
    return rx


_memo: dict = {}


def rx(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern written inline in code, compiled once per process (like re's own small cache)."""
    try:
        return _memo[pattern, flags]
    except KeyError:
        _memo[pattern, flags] = out = compile(pattern, flags)
        return out


rx_compile = compile


def load_yaml(path) -> object:
    """A YAML data file (lexicon, rule catalogue), parsed once and then kept as marshal data.

    The file's bytes are the key, so an edited file is a miss. The cache holds a snapshot, so a
    caller that changes what it got back changes nothing on disk.
    """
    import marshal

    raw = Path(path).read_bytes()
    key = ("yaml", raw)
    hit = get(key)
    if hit is not None:
        try:
            return marshal.loads(hit)
        except (ValueError, EOFError, TypeError):
            pass
    import yaml

    data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        put(key, marshal.dumps(data))
    except ValueError:  # not plain data (dates, say): not cached
        pass
    return data
