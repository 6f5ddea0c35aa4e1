"""Format Findings for people (text), programs (JSON), GitHub Actions and code scanning (SARIF).

Reporters only format: they get every file's Findings already located and filtered, and return a
string. One dict, REPORTERS, maps the `--format` name to its function, so adding a format is one
function and one entry, and the command line's choices come from the same dict.

The JSON envelope is a published contract (docs/json-output.md): bump JSON_VERSION when a field
changes meaning or disappears; adding a field is not a breaking change.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

from okrgen import __version__
from okrgen.finding import SEVERITIES, Finding, severity_rank, sort_key
from okrgen.i18n import counted, pick

JSON_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "dim": "\033[2m", "bold": "\033[1m"}
_RESET = "\033[0m"
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def counts(results: dict[str, list[Finding]]) -> dict[str, int]:
    """Findings per severity, plus files checked and files with findings."""
    out = {s: 0 for s in SEVERITIES}
    for findings in results.values():
        for f in findings:
            out[f.severity] = out.get(f.severity, 0) + 1
    out["files"] = len(results)
    out["files_with_findings"] = sum(1 for fs in results.values() if fs)
    return out


@functools.cache
def summary_words() -> dict:
    """okrgen/data/lint_summary.yaml, read once a process (a summary line asks for it twice)."""
    from okrgen.resources import load_data

    return load_data("lint_summary.yaml")


def severity_counts(counts_: dict[str, int], lang: str = "en", *, zeros: bool = False) -> str:
    """ "1 error, 2 warnings" in `lang` (okrgen/data/lint_summary.yaml), each count in its plural
    form; severities with no finding are left out unless `zeros`."""
    words = summary_words()
    parts = [counted(words[sev], counts_.get(sev, 0), lang) for sev in ("error", "warning", "info") if zeros or counts_.get(sev)]
    return str(pick(words["separator"], lang)).join(parts)


def summary_line(results: dict[str, list[Finding]], lang: str = "en") -> str:
    """ "3 errors, 2 warnings, 1 info in 2 files" or "no problems in 4 files", in `lang`."""
    c = counts(results)
    words = summary_words()
    if not any(c[s] for s in SEVERITIES):
        return counted(words["clean"], c["files"], lang)
    return counted(words["in_files"], c["files_with_findings"], lang, counts=severity_counts(c, lang))


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)


# --------------------------------------------------------------------------- text


def render_text(results: dict[str, list[Finding]], *, color: bool = False, notices: Iterable[str] = (), lang: str = "en") -> str:
    """`file:line:col: severity CODE message`, the fix indented below, then a summary line in
    `lang`, the reader's language (findings are in the language of the text they are about)."""

    def paint(text: str, style: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if color else text

    lines: list[str] = []
    for file in results:
        for f in _sorted(results[file]):
            loc = f.location() if f.file else ":".join([file] + [str(x) for x in (f.line, f.col) if x is not None])
            lines.append(f"{paint(loc, 'bold')}: {paint(f.severity, f.severity)} {f.code} {f.message}")
            if f.fix:
                lines.append(f"  {paint('fix:', 'dim')} {f.fix}")
    for notice in notices:
        lines.append(f"{paint('notice', 'info')}: {notice}")
    lines.append(summary_line(results, lang))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- json


def _finding_json(f: Finding) -> dict:
    return {
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "fix": f.fix,
        "line": f.line,
        "col": f.col,
        "pointer": f.pointer,
        "scope": f.scope,
        "lang": f.lang,
    }


def render_json(results: dict[str, list[Finding]], *, color: bool = False, notices: Iterable[str] = (), lang: str = "en") -> str:
    """The versioned envelope documented in docs/json-output.md."""
    c = counts(results)
    doc = {
        "version": JSON_VERSION,
        "tool": "okrgen",
        "tool_version": __version__,
        "files": {file: {"findings": [_finding_json(f) for f in _sorted(fs)]} for file, fs in results.items()},
        "notices": list(notices),
        "summary": {
            "errors": c["error"],
            "warnings": c["warning"],
            "info": c["info"],
            "files": c["files"],
            "files_with_findings": c["files_with_findings"],
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- github


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: dict[str, list[Finding]], *, color: bool = False, notices: Iterable[str] = (), lang: str = "en") -> str:
    """GitHub Actions workflow commands: one annotation per finding, fix on the annotation's 2nd line."""
    lines: list[str] = []
    for file in results:
        for f in _sorted(results[file]):
            props = [f"file={_gh_prop(f.file or file)}"]
            if f.line is not None:
                props.append(f"line={f.line}")
                if f.col is not None:
                    props.append(f"col={f.col}")
            props.append(f"title={_gh_prop(f.code)}")
            message = f.message + (f"\nfix: {f.fix}" if f.fix else "")
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_gh_data(message)}")
    for notice in notices:
        lines.append(f"::notice title=okrgen::{_gh_data(notice)}")
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- sarif


def _rule_field(rule, *names, default=None):
    for name in names:
        value = rule.get(name) if isinstance(rule, dict) else getattr(rule, name, None)
        if value:
            return value
    return default


def _text_in(value, lang: str = "en") -> str:
    """Rule metadata may be translated ({en, ru, zh}); SARIF rule text is English."""
    return str(pick(value, lang))


def known_rules() -> list[dict]:
    """SARIF reportingDescriptors for every lint rule, from okrgen.lint.load_rules() when present.

    The lint core owns the rule catalogue; this only reads it, so a missing or older lint core
    degrades to rules described by their codes alone rather than to a broken report.
    """
    try:
        from okrgen.lint import load_rules  # type: ignore[attr-defined]
    except ImportError:
        return []
    try:
        rules = load_rules()
    except Exception:  # noqa: BLE001 - metadata is optional decoration for SARIF
        return []
    return _descriptors(rules)


def _descriptors(rules) -> list[dict]:
    """SARIF reportingDescriptors from rule records (dicts or objects, translated text or not)."""
    if isinstance(rules, dict):
        rules = list(rules.values())
    out = []
    for rule in rules:
        code = _rule_field(rule, "code", "id")
        if not code:
            continue
        desc: dict = {"id": str(code)}
        name = _rule_field(rule, "slug", "name")
        if name:
            desc["name"] = _text_in(name)
        short = _rule_field(rule, "title", "summary", "short", "short_description", "message", default=str(code))
        desc["shortDescription"] = {"text": _text_in(short)}
        full = _rule_field(rule, "description", "what", "checks")
        if full:
            desc["fullDescription"] = {"text": _text_in(full)}
        help_text = _rule_field(rule, "help", "why", "fix")
        if help_text:
            desc["help"] = {"text": _text_in(help_text)}
        severity = _rule_field(rule, "severity", "default_severity", "level", default="warning")
        desc["defaultConfiguration"] = {"level": _SARIF_LEVEL.get(str(severity), "warning")}
        out.append(desc)
    return out


def _artifact_uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/._-~")


def render_sarif(results: dict[str, list[Finding]], *, color: bool = False, notices: Iterable[str] = (), lang: str = "en") -> str:
    """One SARIF 2.1.0 run: the driver with rule metadata, one result per finding."""
    rules = known_rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    sarif_results = []
    for file in results:
        for f in _sorted(results[file]):
            if f.code not in index:  # input errors (YAML-SYNTAX, ENCODING…) are rules too
                index[f.code] = len(rules)
                rules.append(
                    {
                        "id": f.code,
                        "shortDescription": {"text": f.code},
                        "defaultConfiguration": {"level": _SARIF_LEVEL[f.severity]},
                    }
                )
            location: dict = {"physicalLocation": {"artifactLocation": {"uri": _artifact_uri(f.file or file)}}}
            if f.line is not None and f.line >= 1:
                region = {"startLine": f.line}
                if f.col is not None and f.col >= 1:
                    region["startColumn"] = f.col
                location["physicalLocation"]["region"] = region
            props = {"pointer": f.pointer, "lang": f.lang}
            if f.scope:
                props["scope"] = f.scope
            if f.fix:
                props["fix"] = f.fix
            message = f.message + (f" Fix: {f.fix}" if f.fix else "")
            sarif_results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": message},
                    "locations": [location],
                    "properties": props,
                }
            )
    invocation: dict = {"executionSuccessful": True}
    notes = [{"message": {"text": n}, "level": "note"} for n in notices]
    if notes:
        invocation["toolExecutionNotifications"] = notes
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": {"name": "okrgen", "version": __version__, "rules": rules}},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


Reporter = Callable[..., str]
REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}


def render_findings(results: dict[str, list[Finding]], fmt: str, *, color: bool = False, notices: Iterable[str] = (), lang: str = "en") -> str:
    """Render every file's findings in format `fmt` (a key of REPORTERS). `lang` is the reader's
    language for the text format's own words (its summary line); the formats programs read (json,
    github, sarif) are in English whatever it is."""
    try:
        reporter = REPORTERS[fmt]
    except KeyError:
        from okrgen.errors import OkrgenError

        raise OkrgenError(f"unknown output format {fmt!r}; choose one of {', '.join(REPORTERS)}") from None
    return reporter(results, color=color, notices=tuple(notices), lang=lang)


def worst(results: dict[str, list[Finding]]) -> int:
    """Rank of the most severe finding (see finding.severity_rank), -1 when there is none."""
    return max((severity_rank(f.severity) for fs in results.values() for f in fs), default=-1)
