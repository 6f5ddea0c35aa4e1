"""SMART lint core for OKR key results in English, Russian and Chinese (SMART_RULES.md).

Pure functions from plan data to Findings. Word lists live in lexicons/*.yaml and rule texts in
rules*.yaml, both loaded once per process. Nothing heavy is imported here: `okrgen check` and
`okrgen lint` must start fast.
"""

from okrgen.lint.config import LintConfig
from okrgen.lint.engine import check_kr, check_objective, lint_plan
from okrgen.lint.normalize import detect_lang
from okrgen.lint.registry import Rule, codes, load_rules

__all__ = ["codes", "LintConfig", "Rule", "check_kr", "check_objective", "detect_lang", "lint_plan", "load_rules"]
