"""The one record for everything okrgen reports.

YAML syntax errors, schema violations, bad parameters, SMART warnings and alignment problems all
become a Finding, so reporters (text, JSON, GitHub, SARIF) only ever format one shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import IntEnum

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """info < warning < error; used for --fail-on and sorting."""
    return SEVERITIES.index(severity)


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2


@dataclass(frozen=True)
class Finding:
    code: str  # stable code, e.g. "SMART-M01", "YAML-SYNTAX", "SCHEMA"
    severity: str  # "error" | "warning" | "info"
    message: str
    fix: str = ""
    file: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based
    pointer: str = ""  # JSON pointer into the plan: "/objectives/0/key_results/2", "" = plan
    lang: str = "en"
    scope: str = ""  # "kr" | "objective" | "plan" | "" (input errors)
    extra: dict = field(default_factory=dict, compare=False)

    def with_location(self, file: str | None = None, line: int | None = None, col: int | None = None) -> Finding:
        return replace(
            self,
            file=file if file is not None else self.file,
            line=line if line is not None else self.line,
            col=col if col is not None else self.col,
        )

    def to_dict(self) -> dict:
        """The fields as a mapping, `extra` left out when empty. Not dataclasses.asdict: its deep
        copy is most of the time when 1,000 findings are stored (okrgen/lint/memo.py)."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        if d["extra"]:
            d["extra"] = dict(d["extra"])
        else:
            del d["extra"]
        return d

    def location(self) -> str:
        """`file:line:col`, with whatever parts are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


def sort_key(f: Finding):
    return (f.file or "", f.line or 0, f.col or 0, f.code)
