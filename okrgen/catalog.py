"""Finding templates: the built-in catalog plus a company's own folders.

Folders are searched in order: built-in, then the config file's `catalog`, then OKRGEN_CATALOG
(dir1:dir2), then `--catalog` flags. A later template with the same id overrides an earlier one,
so a company can replace a built-in template without forking okrgen; `list` shows the override.
Listing reads files without schema validation so `okrgen list` stays fast; `get` validates.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from okrgen.errors import OkrgenError
from okrgen.resources import folder
from okrgen.template import Template, from_loaded, template_files
from okrgen.yamlload import Loaded, load


@dataclass
class Entry:
    id: str
    file: Path
    loaded: Loaded | None
    source: str  # "built-in" or the folder it came from
    overrides: str | None = None  # file of the template this one replaces
    error: OkrgenError | None = None

    @property
    def data(self) -> dict:
        return self.loaded.data if self.loaded and isinstance(self.loaded.data, dict) else {}


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
        for directory, source in self.dirs:
            for path in template_files(directory):
                try:
                    loaded = load(path)
                    tid = loaded.data.get("id") if isinstance(loaded.data, dict) else None
                    out.append(Entry(str(tid or path.stem), path, loaded, source))
                except OkrgenError as err:
                    out.append(Entry(path.stem, path, None, source, error=err))
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

    def get(self, template_id: str) -> Template:
        for e in self.entries():
            if e.id == template_id:
                if e.error:
                    raise e.error
                return from_loaded(e.loaded, None if e.source == "built-in" else e.source)  # type: ignore[arg-type]
        close = difflib.get_close_matches(template_id, self.ids(), n=3, cutoff=0.4)
        hint = f"Did you mean {', '.join(close)}? " if close else ""
        raise OkrgenError(
            f"unknown template '{template_id}'",
            hint=hint + "`okrgen list` shows the templates: " + ", ".join(self.ids()) + ".",
        )


_DEPT_ORDER = {"sales": 0, "marketing": 1, "shared": 2}


def _order(e: Entry):
    return (_DEPT_ORDER.get(e.data.get("department", ""), 3), e.id)
