"""The rule catalogue: codes, severities, translated messages, fixes and docs, read from YAML.

Every `rules*.yaml` next to this module is part of the catalogue (rules.yaml for SMART-…, and any
other module may add its own file, e.g. rules_align.yaml for ALIGN-…), so `okrgen rules`, SARIF
reports and config validation see every rule without knowing who wrote it.
"""

from __future__ import annotations

import functools
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
