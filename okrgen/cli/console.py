"""Printing user errors: `file:line:col: message`, the fix, never a traceback."""

from __future__ import annotations

import re

from okrgen.errors import OkrgenError

# C0 controls but tab and newline, DEL, C1 controls (ESC starts colour changes, cursor moves and
# OSC sequences that set the window title or write the clipboard), and the bidi overrides.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Text from plans and templates, made inert for a terminal: each control character is shown
    as its \\x escape, so a title cannot recolour, retitle or rewrite the screen."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", text)


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
