"""Printing user errors: `file:line:col: message`, the fix, never a traceback."""

from __future__ import annotations

from okrgen.errors import OkrgenError


def format_error(err: OkrgenError) -> str:
    lines: list[str] = []
    if err.findings:
        for f in err.findings:
            lines.append(f"{f.location()}: error: {f.message}")
            if f.pointer:
                lines.append(f"  at {f.pointer}")
            if f.fix:
                lines.append(f"  fix: {f.fix}")
        if err.message and not any(err.message == f.message for f in err.findings) and len(err.findings) > 1:
            lines.insert(0, f"okrgen: {err.message}")
    else:
        lines.append(f"okrgen: error: {err.message}")
    if err.hint and not any(err.hint == f.fix for f in err.findings):  # said once is enough
        lines.append(f"  hint: {err.hint}")
    return "\n".join(lines) + "\n"
