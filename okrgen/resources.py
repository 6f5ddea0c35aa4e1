"""Where the built-in templates, schemas and catalog live, installed or not.

In the repository they sit at the top level (where authors look for them); in a wheel they ship
as the packages okrgen._templates, okrgen._schemas and okrgen._catalog (see pyproject.toml). An
editable install maps those packages back onto the top-level folders, so one lookup serves both.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

_REPO_ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def folder(name: str) -> Path:
    """Path of the built-in `templates`, `schemas` or `catalog` folder."""
    local = _REPO_ROOT / name
    if local.is_dir() and (_REPO_ROOT / "pyproject.toml").is_file():
        return local
    installed = Path(__file__).resolve().parent / ("_" + name)
    if installed.is_dir():
        return installed
    raise RuntimeError(f"okrgen is installed without its {name} folder; reinstall the package")


def load_data(*parts: str):
    """A YAML data file under okrgen/data: the C loader, and the parsed data cached on disk."""
    return parse_data(data_file(*parts).read_text(encoding="utf-8"))


class StrDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that keeps timestamps as the strings the user wrote."""


StrDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

MAX_INT_DIGITS = 300  # past float's range: no figure okrgen can compute with (Python refuses 4,300)


class NumberTooLong(yaml.constructor.ConstructorError):
    """An integer with more digits than any figure; its own class so the loader can say so plainly."""


def _construct_int(loader, node):
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise NumberTooLong(None, None, f"a number of {digits:,} digits; okrgen reads figures of at most {MAX_INT_DIGITS}", node.start_mark)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


StrDatesLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def parse_data(text: str):
    """Plain data, no positions, cached by the text (okrgen.cache.cached_parse): for our data
    files and catalog templates, read by almost every command and far more often than wrong."""
    from okrgen.cache import cached_parse

    return cached_parse(text, _parse_plain, "yaml-str-dates")


def _parse_plain(text: str):
    return yaml.load(text, Loader=StrDatesLoader)  # noqa: S506 - a safe loader


def data_file(*parts: str) -> Path:
    """A file under okrgen/data (labels, messages, word lists)."""
    return Path(__file__).resolve().parent.joinpath("data", *parts)


def bytecode_cache():
    """Compiled Jinja templates cached on disk (~25 ms a run saved); None when unwritable."""
    from jinja2 import FileSystemBytecodeCache

    from okrgen.cache import cache_dir

    path = cache_dir("jinja")
    if path is None:
        return None
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(path))
