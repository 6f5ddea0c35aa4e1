"""Project configuration: `okrgen.toml`, or `[tool.okrgen]` in `pyproject.toml`.

Teams keep their lint settings next to their OKR files, so the file is found the way linters find
theirs: `--config FILE` if given, else the first `okrgen.toml` or `pyproject.toml` with a
`[tool.okrgen]` table in the current directory or one of its parents. A typo in a key must not
silently turn a setting off, so unknown keys (and, through LintConfig, unknown rule codes) are
errors that name the file, the key and its line.

The keys allowed are read from schemas/config.schema.json, the same schema editors use to complete
the file, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import SEVERITIES, Finding
from okrgen.resources import folder

CONFIG_NAMES = ("okrgen.toml", "pyproject.toml")

MAX_CONFIG_BYTES = 1024 * 1024  # a configuration file is a few lines; more is not one


def _toml():
    """tomllib (tomli before Python 3.11), imported only when there is a file to read."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib


@functools.cache
def config_schema() -> dict:
    return json.loads((folder("schemas") / "config.schema.json").read_text(encoding="utf-8"))


def known_keys() -> tuple[str, ...]:
    return tuple(config_schema()["properties"])


def smart_keys() -> tuple[str, ...]:
    return tuple(config_schema()["properties"]["smart"]["properties"])


@dataclass
class Config:
    """What a configuration file says; `source` is None when no file was found."""

    source: str | None = None
    smart: dict = field(default_factory=dict)  # the [smart] table, checked by LintConfig
    fail_on: str | None = None
    catalog: list[Path] = field(default_factory=list)
    lint_config: Any = None  # okrgen.lint.LintConfig, built when the file has a [smart] table
    limits: dict = field(default_factory=dict)  # the [limits] table: render's size limits, checked
    currency: str | None = None  # the company's currency: new plans and `okrgen funnel` default to it
    funnel: Any = None  # okrgen.track.funnel.FunnelSpec with the [funnel] renames and merges, if any


def _table(data: dict, path: Path) -> tuple[dict | None, str]:
    """The okrgen table of a parsed file and the dotted prefix its keys are reported with."""
    if path.name == "pyproject.toml" or "tool" in data:
        tool = data.get("tool")
        table = tool.get("okrgen") if isinstance(tool, dict) else None
        if path.name != "pyproject.toml" and set(data) - {"tool"}:
            extra = sorted(set(data) - {"tool"})[0]
            raise _unknown(path, extra, "")
        return (table if isinstance(table, dict) else None), "tool.okrgen."
    return data, ""


def find_config(start: str | Path | None = None) -> Path | None:
    """The configuration file that applies in `start` (default: the current directory), or None."""
    here = Path(start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "okrgen.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            toml = _toml()
            try:
                text = candidate.read_text(encoding="utf-8")
                data = toml.loads(text)
            except (OSError, UnicodeDecodeError):
                continue
            except toml.TOMLDecodeError as err:
                if re.search(r"^\s*\[\s*tool\s*\.\s*okrgen\b", text, re.MULTILINE):
                    raise _syntax_error(candidate, text, err, "its [tool.okrgen] settings cannot be read") from None
                continue  # somebody else's broken pyproject.toml is not our business
            if isinstance(data.get("tool"), dict) and "okrgen" in data["tool"]:
                return candidate
    return None


def _line_of(text: str, key: str) -> int | None:
    """Line where `key` is set or opened as a table (TOML parsers give no positions)."""
    bare = re.escape(key.rsplit(".", 1)[-1])
    pattern = re.compile(rf"^\s*(?:\[+[^\]]*\b{bare}\s*\]+|[\"']?{bare}[\"']?\s*=)")
    for n, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return n
    return None


_TEXT_CACHE: dict[Path, str] = {}


def _unknown(path: Path, key: str, prefix: str, allowed: tuple[str, ...] | None = None) -> OkrgenError:
    line = _line_of(_TEXT_CACHE.get(path, ""), key)
    allowed = allowed if allowed is not None else known_keys()
    message = f"unknown key '{prefix}{key}' in {path}"
    fix = f"Allowed keys: {', '.join(prefix + k for k in allowed)}."
    finding = Finding("CONFIG-KEY", "error", message, fix, str(path), line, 1 if line else None)
    return OkrgenError(message, [finding], hint=fix)


def _bad_value(path: Path, key: str, message: str) -> OkrgenError:
    line = _line_of(_TEXT_CACHE.get(path, ""), key)
    full = f"{path}: '{key}' {message}"
    return OkrgenError(full, [Finding("CONFIG-VALUE", "error", f"'{key}' {message}", "", str(path), line, 1 if line else None)])


def _syntax_error(path: Path, text: str, err: Exception, consequence: str = "") -> OkrgenError:
    """A TOML syntax error at its line:col; "at end of document" is placed after the last character."""
    m = re.search(r"line (\d+), column (\d+)", str(err))
    if m:
        line, col = int(m.group(1)), int(m.group(2))
    else:
        lines = text.split("\n")
        line, col = len(lines), len(lines[-1]) + 1
    problem = re.sub(r"\s*\((?:at line \d+, column \d+|at end of document)\)", "", str(err))
    message = f"TOML syntax error: {problem}" + (f"; {consequence}" if consequence else "")
    finding = Finding("CONFIG-SYNTAX", "error", message, "Fix the TOML at this spot (https://toml.io).", str(path), line, col)
    return OkrgenError(f"{path}:{line}:{col}: {message}", [finding])


def load_config(path: str | Path) -> Config:
    """Read and check one configuration file; raise OkrgenError (file, key, line) when it is wrong."""
    from okrgen.plan.yamlload import read_bounded

    p = Path(path)
    try:
        if p.is_dir():
            raise IsADirectoryError
        if not p.exists():
            raise FileNotFoundError
        text = read_bounded(p, MAX_CONFIG_BYTES, "a configuration file").decode("utf-8")
    except FileNotFoundError:
        raise OkrgenError(f"{p}: configuration file not found") from None
    except IsADirectoryError:
        raise OkrgenError(f"{p}: is a directory, expected a configuration file") from None
    except UnicodeDecodeError:
        raise OkrgenError(f"{p}: not valid UTF-8", hint="Save the configuration file as UTF-8.") from None
    except OSError as err:
        raise OkrgenError(f"{p}: cannot read ({err.strerror})") from None
    _TEXT_CACHE[p] = text
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as err:
        raise _syntax_error(p, text, err) from None
    table, prefix = _table(data, p)
    config = Config(source=str(p))
    if table is None:
        return config
    for key in table:
        if key not in known_keys():
            raise _unknown(p, key, prefix)
    if "fail_on" in table:
        if table["fail_on"] not in SEVERITIES:
            raise _bad_value(p, prefix + "fail_on", f"must be one of {', '.join(SEVERITIES)}, got {table['fail_on']!r}")
        config.fail_on = table["fail_on"]
    if "currency" in table:
        cur = table["currency"]
        if not (isinstance(cur, str) and re.fullmatch(r"[A-Z]{3}", cur)):
            raise _bad_value(p, prefix + "currency", f"must be a three-letter ISO 4217 code such as USD, RUB or CNY, got {cur!r}")
        config.currency = cur
    if "funnel" in table:
        config.funnel = _funnel(p, prefix, table["funnel"])
    if "catalog" in table:
        dirs = table["catalog"]
        if not isinstance(dirs, list) or not all(isinstance(d, str) and d for d in dirs):
            raise _bad_value(p, prefix + "catalog", "must be a list of directory names")
        config.catalog = [(p.parent / d).resolve() for d in dirs]
    if "limits" in table:
        config.limits = _limits(p, prefix, table["limits"])
    if "smart" in table:
        smart = table["smart"]
        if not isinstance(smart, dict):
            raise _bad_value(p, prefix + "smart", "must be a table ([tool.okrgen.smart])")
        for key in smart:
            if key not in smart_keys():
                raise _unknown(p, key, prefix + "smart.", smart_keys())
        config.smart = smart
        config.lint_config = _lint_config(smart, str(p))
    return config


def _limits(path: Path, prefix: str, limits: Any) -> dict:
    if not isinstance(limits, dict):
        raise _bad_value(path, prefix + "limits", "must be a table ([tool.okrgen.limits])")
    allowed = tuple(config_schema()["properties"]["limits"]["properties"])
    for key, value in limits.items():
        if key not in allowed:
            raise _unknown(path, key, prefix + "limits.", allowed)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise _bad_value(path, f"{prefix}limits.{key}", f"must be a whole number of at least 1, got {value!r}")
    return dict(limits)


def _funnel(path: Path, prefix: str, table: Any) -> Any:
    """The company's funnel from [funnel]: merges and names checked against the glossary's stages."""
    from okrgen.track.funnel import FunnelError, company_spec

    if not isinstance(table, dict):
        raise _bad_value(path, prefix + "funnel", "must be a table ([funnel]) with merge and names")
    allowed = tuple(config_schema()["properties"]["funnel"]["properties"])
    for key in table:
        if key not in allowed:
            raise _unknown(path, key, prefix + "funnel.", allowed)
    merge = table.get("merge") or []
    if not isinstance(merge, list) or not all(isinstance(g, list) and all(isinstance(x, str) for x in g) for g in merge):
        raise _bad_value(path, prefix + "funnel.merge", 'must be a list of lists of stage ids, e.g. merge = [["sql", "sal"]]')
    try:
        return company_spec(table.get("names") or {}, merge)
    except FunnelError as err:
        key = "merge" if err.field == "merge" else "names" if err.field.startswith("names") else err.field
        raise _bad_value(path, prefix + "funnel." + key, err.message) from None


def _lint_config(smart: dict, source: str) -> Any:
    try:
        from okrgen.lint import LintConfig  # type: ignore[attr-defined]
    except ImportError:
        raise OkrgenError(f"{source}: has a [smart] table but the SMART linter (okrgen.lint) is not available in this installation") from None
    return LintConfig.from_mapping(smart, source)


def discover(explicit: str | Path | None = None, start: str | Path | None = None) -> Config:
    """`--config FILE` if given, else the file found from `start` upwards, else defaults."""
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()
