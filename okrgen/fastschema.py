"""A fast yes/no schema check so valid files never pay for jsonschema's import.

jsonschema gives the error messages we want (best sub-error, paths to map to lines) but costs
55–70 ms to import, a third of the budget of `okrgen lint` on a small plan. fastjsonschema turns a
schema into plain Python; we cache the compiled code on disk, so the check costs ~2 ms. Only when
it says "invalid" (or is unavailable) does okrgen.schema run jsonschema to explain why. A test
checks that both agree on every fixture.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import sys
from typing import Any, Callable

from okrgen.cache import cache_dir, write_cache
from okrgen.resources import folder


def _draft7(schema: dict) -> dict:
    """fastjsonschema speaks draft-07; our schemas use nothing that differs but `$schema`."""
    return {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}


@functools.cache
def validator(name: str) -> Callable[[Any], Any] | None:
    import importlib.util

    if importlib.util.find_spec("fastjsonschema") is None:  # cheaper than importing it
        return None
    text = (folder("schemas") / f"{name}.schema.json").read_text(encoding="utf-8")
    key = hashlib.sha256(f"{text}|{sys.version_info[:2]}|{_version()}".encode()).hexdigest()[:16]
    cache = cache_dir("fastschema")
    path = cache / f"{name}-{key}.marshal" if cache else None
    code = None
    if path and path.exists():
        try:
            code = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError):
            code = None
    if code is None:
        import fastjsonschema

        source = fastjsonschema.compile_to_code(_draft7(json.loads(text)))
        code = compile(source, f"<fastschema {name}>", "exec")
        if path:
            write_cache(path, marshal.dumps(code))
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - code generated from our own schema
    # One validate_* function per $ref target; the entry point is the one for the schema itself.
    entry = [v for k, v in namespace.items() if k.startswith("validate") and "___defs" not in k and callable(v)]
    return entry[0] if len(entry) == 1 else None


def _version() -> str:
    """Identifies the installed fastjsonschema without importing it (or importlib.metadata)."""
    import importlib.util

    spec = importlib.util.find_spec("fastjsonschema")
    if spec is None or not spec.origin:
        return "?"
    try:
        return f"{spec.origin}:{os.stat(spec.origin).st_mtime_ns}"
    except OSError:
        return spec.origin


def is_valid(name: str, data: Any) -> bool | None:
    """True/False from the fast check; None when fastjsonschema is not installed."""
    check = validator(name)
    if check is None:
        return None
    try:
        check(data)
        return True
    except Exception:  # JsonSchemaValueException, or anything odd: let jsonschema decide
        return False
