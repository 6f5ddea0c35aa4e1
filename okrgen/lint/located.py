"""SMART findings for a loaded plan, located at its lines: shared by `new`, `render` and `lint`.

The lint core works on plain data and answers with JSON pointers; this step applies the plan's
`# okrgen: ignore[...]` comments and turns pointers into `file:line:col`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from okrgen.finding import Finding

_IGNORE = re.compile(r"#\s*okrgen:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)


def _position(positions: dict, fallback: Callable, pointer: str) -> tuple[int | None, int | None]:
    """Where a finding about `pointer` is shown: the KR's text, the objective's title, or the node."""
    for candidate in (pointer + "/text", pointer + "/title"):
        if pointer and candidate in positions:
            return positions[candidate]
    return fallback(pointer)


def locate(findings: list[Finding], file: str, positions: dict, fallback: Callable) -> list[Finding]:
    out = []
    for f in findings:
        if f.line is None:
            line, col = _position(positions, fallback, f.pointer)
            f = f.with_location(f.file or file, line, col)
        elif f.file is None:
            f = f.with_location(file)
        out.append(f)
    return out


def yaml_ignores(loaded) -> dict[str, set[str]]:
    """KR pointer → codes its `# okrgen: ignore[...]` comments name ("*" = every code).

    A comment counts when it sits on one of the key result's lines, or alone on the line just
    above it.
    """
    lines = loaded.text.split("\n")
    marks: dict[int, set[str]] = {}
    for n, line in enumerate(lines, start=1):
        if "okrgen" not in line:
            continue
        m = _IGNORE.search(line)
        if m:
            codes = m.group("codes")
            marks[n] = {c.strip().upper() for c in codes.split(",") if c.strip()} if codes is not None else {"*"}
            if not marks[n]:
                marks[n] = {"*"}
    if not marks:
        return {}

    def comment_only(n: int) -> bool:
        return 0 < n <= len(lines) and lines[n - 1].lstrip().startswith("#")

    krs = [
        f"/objectives/{i}/key_results/{j}"
        for i, obj in enumerate((loaded.data or {}).get("objectives") or [])
        for j, _ in enumerate((obj or {}).get("key_results") or [])
    ]
    out: dict[str, set[str]] = {}
    for k, ptr in enumerate(krs):
        if ptr not in loaded.spans:
            continue
        first, last = loaded.spans[ptr]
        nxt = loaded.spans.get(krs[k + 1]) if k + 1 < len(krs) else None
        if nxt and nxt[0] > first:
            last = min(last, nxt[0] - 1)  # a block node's span can run into the next item
        codes: set[str] = set()
        for n in range(first, last + 1):
            if not comment_only(n):  # a comment alone on a line belongs to what follows it
                codes |= marks.get(n, set())
        if comment_only(first - 1):
            codes |= marks.get(first - 1, set())
        if codes:
            out[ptr] = codes
    return out


def _ignored(f: Finding, ignores: dict[str, set[str]]) -> bool:
    for ptr, codes in ignores.items():
        if (f.pointer == ptr or f.pointer.startswith(ptr + "/")) and (f.code in codes or "*" in codes):
            return True
    return False


def lint_loaded(loaded, config=None, lint=None) -> list[Finding]:
    """Findings for a schema-valid plan (okrgen.plan.yamlload.Loaded), at their lines."""
    if lint is None:
        from okrgen.lint.memo import lint_plan_cached as lint
    ignores = yaml_ignores(loaded)
    krs = []
    for ptr, codes in ignores.items():
        _, _, i, _, j = ptr.split("/")
        kr = loaded.data["objectives"][int(i)]["key_results"][int(j)]
        kr["ignore"] = sorted(set(kr.get("ignore") or []) | (codes - {"*"}))
        krs.append(kr)
    try:
        findings = locate(lint(loaded.data, config=config), loaded.file, loaded.positions, loaded.position)
    finally:
        for kr in krs:  # the plan data stays as the user wrote it
            kr.pop("ignore", None)
    return [f for f in findings if not _ignored(f, ignores)]
