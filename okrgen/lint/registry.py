"""The one registry of lint rules: code → rule (scope, severity, lifecycle state, texts, docs).

What a rule says is data: every `rules*.yaml` next to this module (rules.yaml for SMART-…,
rules_align.yaml for ALIGN-…). What a rule checks is one function per code, registered with
`@check(code)` where it is written (rules.py for the key-result rules). `okrgen rules`, the docs,
SARIF reports, config validation and the engine's order of findings all read this registry, and
tests check both directions: every code with `scope: kr` has a check and every check has a code.
As ruff keeps its codes, a rule has a lifecycle `state`: stable, preview (runs only when the
config names it), deprecated (runs, and says so) or removed (never runs; still listed, so an old
config naming it gets a clear answer).
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from okrgen.errors import OkrgenError
from okrgen.i18n import pick
from okrgen.resources import parse_data

RULES_DIR = Path(__file__).parent


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    severity: str
    scope: str
    title: dict
    message: dict
    fix: dict
    category: str = ""
    what: dict = field(default_factory=dict)
    why: dict = field(default_factory=dict)
    example: dict = field(default_factory=dict)
    instead: dict = field(default_factory=dict)
    rationale: tuple = ()
    fires: tuple = ()
    does_not_fire: tuple = ()
    source: str = ""
    state: str = "stable"
    needs: str = "text"

    def text(self, field_name: str, lang: str) -> str:
        """A translated field in `lang`, falling back to English (docs are English-first)."""
        value = getattr(self, field_name)
        return pick(value, lang)


def rule_files() -> list[Path]:
    return sorted(RULES_DIR.glob("rules*.yaml"), key=lambda p: (p.name != "rules.yaml", p.name))


@functools.cache
def load_rules() -> dict[str, Rule]:
    """code → Rule for every rules*.yaml, in file order then document order."""
    out: dict[str, Rule] = {}
    names = set(Rule.__dataclass_fields__)
    for path in rule_files():
        doc = parse_data(Path(path).read_text(encoding="utf-8")) or {}
        for raw in doc.get("rules") or []:
            code = raw.get("code")
            if not code or code in out:
                raise OkrgenError(f"{path}: rule code {code!r} is missing or defined twice")
            kw = {k: v for k, v in raw.items() if k in names}
            for k in ("rationale", "fires", "does_not_fire"):
                if k in kw:
                    kw[k] = tuple(kw[k] or ())
            out[code] = Rule(source=path.name, **kw)
    return out


def codes(scope: str | None = None, prefix: str = "") -> tuple[str, ...]:
    """Codes in catalogue order (the order findings are reported in), optionally of one scope."""
    return tuple(c for c, r in load_rules().items() if (scope is None or r.scope == scope) and c.startswith(prefix))


@functools.cache
def order() -> dict[str, int]:
    return {c: i for i, c in enumerate(load_rules())}


@functools.cache
def plan_only() -> frozenset[str]:
    """Rules that judge a whole plan and never fire on a fragment or a single key result."""
    return frozenset(c for c, r in load_rules().items() if r.needs == "plan")


def runs(code: str, enabled: Collection[str] = frozenset()) -> bool:
    """Whether a rule runs: stable and deprecated ones do, preview ones only when `enabled` names them."""
    state = load_rules()[code].state
    return state in ("stable", "deprecated") or (state == "preview" and code in enabled)


# code → the function that decides whether it fires (see rules.py); filled by @check at import.
CHECKS: dict[str, object] = {}


def check(code: str):
    """Register the function that decides whether `code` fires (one function per code)."""

    def register(fn):
        if code in CHECKS:
            raise RuntimeError(f"two checks registered for {code}")
        CHECKS[code] = fn
        return fn

    return register


def close_codes(code: str, n: int = 3) -> list[str]:
    """Codes a mistyped one probably meant: exact suffix ('S01' → 'SMART-S01') first, then similar."""
    import difflib

    codes = list(load_rules())
    up = code.strip().upper()
    suffix = [c for c in codes if c.endswith("-" + up) or c.split("-", 1)[-1] == up]
    near = difflib.get_close_matches(up, codes, n=n, cutoff=0.6)
    return list(dict.fromkeys(suffix + near))[:n]


def resolve_code(code: str) -> str | None:
    """The catalogue code a user means: exact (any case) or a unique short form ('s01')."""
    codes = load_rules()
    up = code.strip().upper()
    if up in codes:
        return up
    suffix = [c for c in codes if c.split("-", 1)[-1] == up]
    return suffix[0] if len(suffix) == 1 else None
