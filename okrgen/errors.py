"""User errors: the things a person can fix, reported with a location and exit code 2.

Anything raised as OkrgenError is printed as a message (never a traceback) by the CLI. It carries
Findings so a bad YAML file, a schema violation and a bad parameter look the same to the user.
"""

from __future__ import annotations

from okrgen.finding import Finding


class OkrgenError(Exception):
    """A user's mistake: bad input, a missing file, a refused overwrite."""

    def __init__(self, message: str, findings: list[Finding] | None = None, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.findings = list(findings or [])
        self.hint = hint

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message
