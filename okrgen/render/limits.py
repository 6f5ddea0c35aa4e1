"""How large a plan render draws (docs/limits.md).

WeasyPrint's cost grows faster than the plan: 1,000 objectives took 61 s and 1.1 GB, 10,000 took
12 minutes and 11.5 GB. A plan that size is a mistake or an attack, not a team's quarter, so render
refuses it up front with the limit it passed and how to raise it ([limits] in okrgen.toml), instead
of running for minutes and being killed. The defaults are ten times what a large real plan has.
"""

from __future__ import annotations

from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import Finding

DEFAULTS = {"max_objectives": 100, "max_key_results": 1000, "max_text_chars": 20_000}
HINT = "Split the plan, or raise the limit in okrgen.toml ([limits] {key} = N) or pyproject.toml ([tool.okrgen.limits]); see docs/limits.md."


def _texts(plan: dict) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [("/title", plan.get("title")), ("/notes", plan.get("notes"))]
    for i, obj in enumerate(plan.get("objectives") or []):
        if not isinstance(obj, dict):
            continue
        base = f"/objectives/{i}"
        out += [(f"{base}/title", obj.get("title")), (f"{base}/description", obj.get("description"))]
        out += [(f"{base}/initiatives/{n}", t) for n, t in enumerate(obj.get("initiatives") or [])]
        for j, kr in enumerate(obj.get("key_results") or []):
            if isinstance(kr, dict):
                out += [(f"{base}/key_results/{j}/text", kr.get("text"))]
                out += [(f"{base}/key_results/{j}/checkins/{n}/note", c.get("note")) for n, c in enumerate(kr.get("checkins") or []) if isinstance(c, dict)]
    return out


def check_limits(loaded, limits: dict | None = None) -> None:
    """Raise OkrgenError at the first place the plan passes a limit; return quietly otherwise."""
    lim = {**DEFAULTS, **(limits or {})}
    plan = loaded.data if isinstance(loaded.data, dict) else {}
    objectives = [o for o in plan.get("objectives") or [] if isinstance(o, dict)]

    def refuse(pointer: str, key: str, message: str) -> OkrgenError:
        line, col = loaded.position(pointer)
        hint = HINT.format(key=key)
        return OkrgenError(f"{loaded.file}: {message}", [Finding("RENDER-LIMIT", "error", message, hint, loaded.file, line, col, pointer)])

    if len(objectives) > lim["max_objectives"]:
        n = lim["max_objectives"]
        raise refuse(f"/objectives/{n}", "max_objectives", f"the plan has {len(objectives):,} objectives; render draws at most {n:,}")
    count = 0
    for i, obj in enumerate(objectives):
        krs = obj.get("key_results") or []
        if count + len(krs) > lim["max_key_results"]:
            j = lim["max_key_results"] - count
            total = count + sum(len(o.get("key_results") or []) for o in objectives[i:])
            raise refuse(
                f"/objectives/{i}/key_results/{j}", "max_key_results", f"the plan has {total:,} key results; render draws at most {lim['max_key_results']:,}"
            )
        count += len(krs)
    for pointer, text in _texts(plan):
        if isinstance(text, str) and len(text) > lim["max_text_chars"]:
            raise refuse(pointer, "max_text_chars", f"this text is {len(text):,} characters long; render draws texts of at most {lim['max_text_chars']:,}")
