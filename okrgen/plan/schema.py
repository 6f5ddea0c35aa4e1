"""JSON Schema validation that speaks the user's language and points at their line.

One compiled validator per schema per process (validating with a fresh `jsonschema.validate()`
costs ~5x more). Errors become Findings at the YAML position of the offending node, with a
plain-words message from data/messages.yaml; for `oneOf`/`anyOf` only the most relevant
sub-error is shown, not a wall of them.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from typing import Any

from okrgen.finding import Finding
from okrgen.i18n import LANGS
from okrgen.plan.yamlload import Loaded, escape_pointer_token
from okrgen.resources import folder, load_data

SCHEMA_NAMES = ("plan", "template")


@functools.cache
def schema(name: str) -> dict:
    path = folder("schemas") / f"{name}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def validator(name: str):
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema(name), format_checker=FormatChecker())


@functools.cache
def _messages() -> dict:
    return load_data("messages.yaml")


_TYPE_NAMES = {
    "string": "a text",
    "number": "a number",
    "integer": "a whole number",
    "object": "a mapping (key: value)",
    "array": "a list",
    "boolean": "true or false",
    "null": "nothing (null)",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, str):
        return f"'{value}'"
    return json.dumps(value)


def _pointer(path) -> str:
    return "".join("/" + escape_pointer_token(p) for p in path)


def _pick(error):
    """For oneOf/anyOf, descend to the sub-error that best explains the failure."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        # Prefer a branch of the right type (a string that fails its pattern, not "is not null").
        same_type = [e for e in error.context if e.validator != "type" and not (e.validator == "required" and not isinstance(error.instance, dict))]
        if not same_type:
            break
        from jsonschema.exceptions import best_match, relevance

        error = best_match(same_type, key=relevance)
    return error


def _examples(error, root) -> list:
    for s in (error.schema, root.schema, getattr(root.parent, "schema", None) if root.parent else None):
        if isinstance(s, dict) and s.get("examples"):
            return s["examples"]
    return []


def error_to_finding(root, loaded: Loaded | None, file: str, code: str = "SCHEMA") -> Finding:
    error = _pick(root)
    msgs = _messages()
    kw = error.validator if error.validator in msgs else "default"
    pointer = _pointer(error.absolute_path)
    value = error.instance
    examples = _examples(error, root)
    fields: dict[str, Any] = {
        "value": _show(value),
        "got": _TYPE_NAMES.get(_type_name(value), _type_name(value)),
        "expected": "",
        "allowed": "",
        "choices": "",
        "limit": error.validator_value,
        "examples": "",
        "examples_plain": ", ".join(_show(e) for e in examples[:4]) or "the schema describes (okrgen schema plan)",
        "suggestion": "",
        "detail": error.message,
        "key": "",
    }
    line = col = None
    if loaded is not None:
        line, col = loaded.position(pointer)
    if kw == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        fields["key"] = missing[0] if missing else error.message
    elif kw == "additionalProperties" and isinstance(value, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        fields["key"] = extra[0] if extra else "?"
        fields["allowed"] = ", ".join(allowed)
        close = difflib.get_close_matches(str(fields["key"]), allowed, n=1)
        fields["suggestion"] = f" (did you mean '{close[0]}'?)" if close else ""
        pointer = pointer + "/" + escape_pointer_token(fields["key"])
        if loaded is not None:
            line, col = loaded.key_position(pointer)
    elif kw == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        fields["expected"] = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        fields["examples"] = f", e.g. {', '.join(_show(e) for e in examples[:3])}" if examples else ""
    elif kw in ("enum", "propertyNames"):
        choices = error.validator_value if kw == "enum" else list(LANGS)
        fields["choices"] = ", ".join(str(c) for c in choices if c is not None)
    elif kw == "const":
        fields["expected"] = _show(error.validator_value)
    elif kw == "format":
        fields["expected"] = error.validator_value
    message = msgs[kw]["message"].format(**fields).replace("  ", " ").strip()
    fix = msgs[kw]["fix"].format(**fields)
    return Finding(code=code, severity="error", message=message, fix=fix, file=file, line=line, col=col, pointer=pointer)


def validate(name: str, data: Any, loaded: Loaded | None = None, file: str = "<input>", code: str = "SCHEMA") -> list[Finding]:
    """All schema violations as Findings, one per location, in document order."""
    from okrgen.plan.fastschema import is_valid

    if is_valid(name, data):  # the common case, without importing jsonschema
        return []
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for err in validator(name).iter_errors(data):
        f = error_to_finding(err, loaded, file, code)
        key = (f.pointer, f.message)
        if key in seen:
            continue
        seen.add(key)
        findings.append(f)
    findings = _merge_misspelled(findings)
    findings.sort(key=lambda f: (f.line or 0, f.col or 0))
    return findings


def _merge_misspelled(findings: list[Finding]) -> list[Finding]:
    """'objectivs' unknown + 'objectives' missing is one mistake: keep the unknown-key finding."""
    suggested = {}
    for f in findings:
        m = re.search(r"did you mean '([^']+)'", f.fix)
        if f.message.startswith("unknown key") and m:
            suggested[(f.pointer.rsplit("/", 1)[0], m.group(1))] = f
    out = []
    for f in findings:
        m = re.match(r"missing required key '([^']+)'", f.message)
        if m and (f.pointer, m.group(1)) in suggested:
            continue
        out.append(f)
    return out
