"""SMART lint core for OKR key results in English, Russian and Chinese (SMART_RULES.md).

Pure functions from plan data to Findings. Word lists live in lexicons/*.yaml and rule texts in
rules*.yaml, both loaded once per process. The names below are imported on first use (PEP 562):
`new` and `render` answered from the findings cache (okrgen.lint.memo) never load the rules.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "LintConfig": "okrgen.lint.config",
    "check_kr": "okrgen.lint.engine",
    "check_objective": "okrgen.lint.engine",
    "lint_plan": "okrgen.lint.engine",
    "detect_lang": "okrgen.lint.normalize",
    "Rule": "okrgen.lint.registry",
    "codes": "okrgen.lint.registry",
    "load_rules": "okrgen.lint.registry",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'okrgen.lint' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
