"""Lint settings (SMART_RULES.md §6), checked strictly: a typo must not silently turn a rule off."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import SEVERITIES

_KEYS = ("min_krs", "max_krs", "max_objectives", "disable", "enable", "severity_overrides", "require_owner")


@dataclass(frozen=True)
class LintConfig:
    min_krs: int = 2
    max_krs: int = 5
    max_objectives: int = 5
    disable: tuple[str, ...] = ()
    severity_overrides: dict[str, str] = field(default_factory=dict)
    require_owner: bool = False
    enable: tuple[str, ...] = ()  # preview rules to run (see the registry's lifecycle states)

    def __hash__(self) -> int:  # the dict field is read-only by convention
        return hash(
            (self.min_krs, self.max_krs, self.max_objectives, self.disable, self.enable, tuple(sorted(self.severity_overrides.items())), self.require_owner)
        )

    @classmethod
    def from_mapping(cls, d: dict, source: str) -> LintConfig:
        """Build from a config table ([tool.okrgen.smart]); OkrgenError names `source` and the bad key."""
        from okrgen.lint.registry import close_codes, load_rules

        if not isinstance(d, dict):
            raise OkrgenError(f"{source}: the SMART settings must be a table, got {type(d).__name__}")
        known = load_rules()

        def check_code(code: Any, key: str) -> str:
            if not isinstance(code, str) or code.upper() not in known:
                near = close_codes(str(code))
                hint = f"Did you mean {', '.join(near)}?" if near else "Run `okrgen rules` for the list of codes."
                raise OkrgenError(f"{source}: {key}: unknown rule code {code!r}", hint=hint)
            return code.upper()

        kw: dict[str, Any] = {}
        for key, value in d.items():
            if key not in _KEYS:
                raise OkrgenError(f"{source}: unknown key {key!r} in the SMART settings", hint=f"Known keys: {', '.join(_KEYS)}.")
            if key in ("min_krs", "max_krs", "max_objectives"):
                if isinstance(value, bool) or not isinstance(value, int) or value < (0 if key == "min_krs" else 1):
                    raise OkrgenError(f"{source}: {key} must be a whole number{' ≥ 0' if key == 'min_krs' else ' ≥ 1'}, got {value!r}")
                kw[key] = value
            elif key in ("disable", "enable"):
                if isinstance(value, str) or not isinstance(value, (list, tuple)):
                    raise OkrgenError(f"{source}: {key} must be a list of rule codes, got {value!r}")
                kw[key] = tuple(check_code(c, key) for c in value)
            elif key == "severity_overrides":
                if not isinstance(value, dict):
                    raise OkrgenError(f"{source}: severity_overrides must be a table of code = severity, got {value!r}")
                out = {}
                for code, sev in value.items():
                    c = check_code(code, key)
                    if sev not in SEVERITIES:
                        raise OkrgenError(f"{source}: severity_overrides.{code}: bad severity {sev!r}", hint="Use error, warning or info.")
                    out[c] = sev
                kw[key] = out
            else:
                if not isinstance(value, bool):
                    raise OkrgenError(f"{source}: require_owner must be true or false, got {value!r}")
                kw[key] = value
        cfg = cls(**kw)
        if cfg.min_krs > cfg.max_krs:
            raise OkrgenError(f"{source}: min_krs ({cfg.min_krs}) is larger than max_krs ({cfg.max_krs})")
        return cfg
