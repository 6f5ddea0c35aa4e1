"""Progress of long commands: a bar on a terminal, plain lines in a pipe, nothing with -q.

On a terminal (stderr is a tty, TERM is not `dumb`, CI is not set) many files show a rich progress
bar with the count and the time left, and one summary line at the end; in a pipe or CI each file
written is one `okrgen: wrote …` line as it happens, so logs show progress and nothing waits for
the end. -q prints errors only; -v also names each file read. rich is used because it draws the bar
and the time-left estimate on stderr without disturbing stdout (JSON output stays clean).
"""

from __future__ import annotations

import os
import sys
from typing import TextIO


def add_verbosity(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    group.add_argument("-v", "--verbose", action="store_true", help="also name each file as it is read")


def on_terminal(stream: TextIO) -> bool:
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """start(total), step(message) per item, done(summary)."""

    def __init__(self, what: str, *, quiet: bool = False, verbose: bool = False, stream: TextIO | None = None, terminal: bool | None = None):
        self.what = what
        self.quiet = quiet
        self.verbose = verbose
        self.stream = stream or sys.stderr
        self.terminal = on_terminal(self.stream) if terminal is None else terminal
        self._bar = None
        self._task = None

    @classmethod
    def from_args(cls, args, what: str) -> Progress:
        return cls(what, quiet=bool(getattr(args, "quiet", False)), verbose=bool(getattr(args, "verbose", False)))

    def start(self, total: int, minimum: int = 2) -> None:
        """A bar for `total` items, when on a terminal and there are at least `minimum` of them."""
        if self.quiet or not self.terminal or total < minimum:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as Bar

        console = Console(file=self.stream, force_terminal=True)
        self._bar = Bar(TextColumn("okrgen {task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console, transient=True)
        self._task = self._bar.add_task(self.what, total=total)
        self._bar.start()

    def line(self, message: str) -> None:
        """A line for the log (above the bar on a terminal)."""
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.console.print(f"okrgen: {message}", markup=False, highlight=False)
        else:
            self.stream.write(f"okrgen: {message}\n")
            self.stream.flush()

    def step(self, message: str = "", *, wrote: bool = False) -> None:
        """One item done; `wrote` items are logged in pipes (and with -v on a terminal), read ones only with -v."""
        if message and (self.verbose or (wrote and self._bar is None)):
            self.line(message)
        if self._bar is not None:
            self._bar.advance(self._task)

    def done(self, summary: str) -> None:
        self.close()
        self.line(summary)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
