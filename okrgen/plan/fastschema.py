"""A fast yes/no schema check, so valid files never pay for jsonschema's import.

jsonschema gives the messages we want (best sub-error, paths to map to lines) but costs 55-80 ms
to import. The checks in okrgen/plan/_generated/ were made from our schemas by
scripts/gen_validators.py at development time (fastjsonschema) and answer in ~2 ms; only their
"invalid" sends okrgen.plan.schema to jsonschema for the explanation. Tests check that the
generated code is current and that the schemas use only keywords both libraries read alike; a
schema file that no longer matches its generated check (an edited checkout) is checked by
jsonschema alone.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Callable
from typing import Any

from okrgen.resources import folder


@functools.cache
def validator(name: str) -> Callable[[Any], Any] | None:
    try:
        module = importlib.import_module(f"okrgen.plan._generated.{name.replace('-', '_')}_schema")
    except ImportError:
        return None
    text = (folder("schemas") / f"{name}.schema.json").read_bytes()
    if hashlib.sha256(text).hexdigest() != module.SCHEMA_SHA256:
        return None
    return module.validate


def is_valid(name: str, data: Any) -> bool | None:
    """True/False from the fast check; None when there is none for this schema."""
    check = validator(name)
    if check is None:
        return None
    try:
        check(data)
        return True
    except Exception:  # JsonSchemaValueException, or anything odd: let jsonschema decide
        return False
