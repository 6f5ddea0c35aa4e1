"""Finding templates: the built-in catalog plus a company's own folders.

Folders are searched in order: built-in, then the config file's `catalog`, then OKRGEN_CATALOG
(dir1:dir2), then `--catalog` flags. A later template with the same id overrides an earlier one,
so a company can replace a built-in template without forking okrgen; `list` shows the override.
Listing reads files without schema validation so `okrgen list` stays fast; `get` validates.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrgen.cache import cache_dir, write_cache
from okrgen.errors import OkrgenError
from okrgen.plan.yamlload import Loaded, load
from okrgen.resources import folder

if TYPE_CHECKING:
    from okrgen.catalog.template import Template


INDEX_KEYS = ("id", "version", "department", "role", "languages", "tags")


@dataclass
class Entry:
    id: str
    file: Path
    loaded: Loaded | None
    source: str  # "built-in" or the folder it came from
    overrides: str | None = None  # file of the template this one replaces
    error: OkrgenError | None = None
    meta: dict | None = None  # the INDEX_KEYS, from the index cache when the file is unchanged

    @property
    def data(self) -> dict:
        if self.meta is not None:
            return self.meta
        return self.loaded.data if self.loaded and isinstance(self.loaded.data, dict) else {}


def _cache_path() -> Path | None:
    base = cache_dir()
    return base / "catalog-index-v1.json" if base else None


def _read_index() -> dict:
    path = _cache_path()
    if path is None:
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_index(index: dict) -> None:
    """Best effort: a read-only home or a race with another process only costs speed."""
    path = _cache_path()
    if path is not None:
        write_cache(path, json.dumps(index, ensure_ascii=False).encode("utf-8"))


def catalog_dirs(extra: Iterable[str | os.PathLike] = (), config_dirs: Iterable[str] = (), builtin: bool = True) -> list[tuple[Path, str]]:
    dirs: list[tuple[Path, str]] = []
    if builtin:
        dirs.append((folder("catalog"), "built-in"))
    env = os.environ.get("OKRGEN_CATALOG", "")
    for d in [*config_dirs, *[p for p in env.split(os.pathsep) if p], *extra]:
        path = Path(d)
        if not path.is_dir():
            raise OkrgenError(f"catalog folder {d}: not a directory", hint="Check --catalog, OKRGEN_CATALOG or the `catalog` key of okrgen.toml.")
        dirs.append((path, str(d)))
    return dirs


class Catalog:
    def __init__(self, extra: Iterable[str | os.PathLike] = (), config_dirs: Iterable[str] = (), builtin: bool = True):
        self.dirs = catalog_dirs(extra, config_dirs, builtin)
        self._entries: list[Entry] | None = None

    def all_entries(self) -> list[Entry]:
        """Every template file, in search order, overrides included."""
        out: list[Entry] = []
        index = _read_index()
        changed = False
        for directory, source in self.dirs:
            for path in template_files(directory):
                key = str(path.resolve())
                try:
                    st = path.stat()
                except OSError:
                    continue
                stamp = [st.st_mtime_ns, st.st_size]
                cached = index.get(key)
                if cached and cached.get("stamp") == stamp:
                    meta = cached["meta"]
                    out.append(Entry(str(meta.get("id") or path.stem), path, None, source, meta=meta))
                    continue
                try:
                    loaded = quick_load(path)
                except OkrgenError as err:
                    out.append(Entry(path.stem, path, None, source, error=err))
                    continue
                data = loaded.data if isinstance(loaded.data, dict) else {}
                meta = {k: data.get(k) for k in INDEX_KEYS if k in data}
                out.append(Entry(str(data.get("id") or path.stem), path, loaded, source, meta=meta))
                index[key] = {"stamp": stamp, "meta": meta}
                changed = True
        if changed:
            _write_index(index)
        return out

    def entries(self) -> list[Entry]:
        """One entry per id: the last one found wins."""
        if self._entries is None:
            by_id: dict[str, Entry] = {}
            for e in self.all_entries():
                if e.id in by_id and by_id[e.id].source != e.source:
                    e.overrides = str(by_id[e.id].file)
                by_id[e.id] = e
            self._entries = sorted(by_id.values(), key=_order)
        return self._entries

    def ids(self) -> list[str]:
        return [e.id for e in self.entries()]

    def is_builtin(self, template_id: str) -> bool:
        return any(e.id == template_id and e.source == "built-in" for e in self.entries())

    def get(self, template_id: str, validate: bool = True) -> Template:
        from okrgen.catalog.template import from_loaded

        for e in self.entries():
            if e.id == template_id:
                if e.error:
                    raise e.error
                # Unchecked reads skip the position map (a Python pass over every node); the
                # template reads it again only if it has to report an error.
                loaded = load(e.file) if validate else quick_load(e.file)
                return from_loaded(loaded, None if e.source == "built-in" else e.source, validate=validate)
        close = difflib.get_close_matches(template_id, self.ids(), n=3, cutoff=0.4)
        hint = f"Did you mean {', '.join(close)}? " if close else ""
        raise OkrgenError(
            f"unknown template '{template_id}'",
            hint=hint + "`okrgen list` shows the templates: " + ", ".join(self.ids()) + ".",
        )


def quick_load(path: Path) -> Loaded:
    """Data without positions (C loader, ~10x faster); positions are loaded again by `get`."""
    import yaml

    from okrgen.plan.yamlload import compose_checked, parse_data, read_text

    text = read_text(path)
    try:
        if "*" in text:  # an alias may be a bomb: size it before anything walks the data
            compose_checked(text, str(path))
        data = parse_data(text)
    except yaml.YAMLError:
        return load(path)  # raises the located syntax error
    return Loaded(data=data, file=str(path), text=text)


def template_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yaml") if p.is_file() and not p.name.startswith("."))


_DEPT_ORDER = {"sales": 0, "marketing": 1, "shared": 2}


def _order(e: Entry):
    dept = e.data.get("department")
    return (_DEPT_ORDER.get(dept, 3) if isinstance(dept, str) else 3, e.id)  # unchecked data: any type
