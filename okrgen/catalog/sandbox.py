"""Bounds on the Jinja sandbox that fills templates from other people.

Jinja's sandbox keeps template code away from Python internals but not from the CPU or memory:
`{{ 10**(10**10) }}` is one C call that never returns, `"a" * 10**8` allocates 100 MB at once,
and two nested `range(100000)` loops run for hours. Operators that can blow up are intercepted
(the hook Jinja documents: `intercepted_binops` / `call_binop`) and checked before they run, `range`
is capped, and a fill has a wall-clock limit (SIGALRM, in the main thread, where the CLI runs).
What a template prints must be text or a number: a function or a generator printed into a plan is
a Python repr, never something the author meant.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

from jinja2 import Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_INT_BITS = 2048  # about 10^616: money tops out at 10^15, so this is only ever a mistake or an attack
MAX_SEQUENCE = 100_000  # characters of a string, items of a list, made by one * or +
MAX_RANGE = 10_000  # items of one range(); a template lists a few dozen things
TIME_LIMIT = 2.0  # seconds per filled text or expression; OKRGEN_TEMPLATE_SECONDS overrides


class TemplateLimit(Exception):
    """A template passed one of the bounds; the message says which, for the template's author."""


class TemplateTimeout(TemplateLimit):
    pass


def _too_big_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS


def _short(n: int) -> str:
    text = str(n)
    return text if len(text) <= 20 else f"a {len(text)}-digit number"


def _check_pow(base: Any, exp: Any) -> None:
    if isinstance(base, int) and isinstance(exp, int) and not isinstance(exp, bool) and exp > 0:
        if abs(base) > 1 and exp * max(base.bit_length() - 1, 1) > MAX_INT_BITS:
            raise TemplateLimit(f"{_short(base)} ** {_short(exp)} is too large a number (the limit is about 10^{int(MAX_INT_BITS * 0.30103)})")


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _check_mul(left: Any, right: Any) -> None:
    for seq, n in ((left, right), (right, left)):
        size = _length(seq)
        if size is not None and isinstance(n, int) and size * n > MAX_SEQUENCE:
            raise TemplateLimit(f"repeating a {type(seq).__name__} of {size} {n} times makes more than {MAX_SEQUENCE:,} items")
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise TemplateLimit(f"the product is too large a number (the limit is about 10^{int(MAX_INT_BITS * 0.30103)})")


def _check_add(left: Any, right: Any) -> None:
    a, b = _length(left), _length(right)
    if a is not None and b is not None and a + b > MAX_SEQUENCE:
        raise TemplateLimit(f"joining makes more than {MAX_SEQUENCE:,} items")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with operators that check their result's size before computing it."""

    intercepted_binops = frozenset(["**", "*", "+"])

    def call_binop(self, context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "**":
            _check_pow(left, right)
        elif operator_ == "*":
            _check_mul(left, right)
        elif operator_ == "+":
            _check_add(left, right)
        result = self.binop_table[operator_](left, right)
        if _too_big_int(result):
            raise TemplateLimit(f"the result of {operator_} is too large a number (the limit is about 10^{int(MAX_INT_BITS * 0.30103)})")
        return result


def bounded_range(*args: int) -> range:
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise TemplateLimit(f"range() of {len(r):,} items; a template may loop over at most {MAX_RANGE:,}")
    return r


def printable(value: Any) -> Any:
    """`finalize` for {{ … }}: text and numbers print; anything else is the author's mistake."""
    if isinstance(value, Undefined):
        return value  # StrictUndefined says which name is undefined when it is printed
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) or value is None:
        if _too_big_int(value):
            raise TemplateLimit("the number printed is too large")
        return "" if value is None else value
    kind = "a function" if callable(value) else f"a {type(value).__name__}"
    raise TemplateLimit(f"{{{{ … }}}} printed {kind}, not text or a number; print a parameter, or join a list with |join(', ')")


_active = threading.local()


def _seconds() -> float:
    try:
        return float(os.environ.get("OKRGEN_TEMPLATE_SECONDS", TIME_LIMIT))
    except ValueError:
        return TIME_LIMIT


@contextlib.contextmanager
def time_limit() -> Iterator[None]:
    """Raise TemplateTimeout in the code running the template when it takes too long.

    A signal is the one way to stop pure-Python template code without a check in every loop;
    it works in the main thread only, so elsewhere (a library caller's worker thread) there is
    no time limit, only the size bounds."""
    if threading.current_thread() is not threading.main_thread() or getattr(_active, "on", False) or not hasattr(signal, "setitimer"):
        yield
        return
    seconds = _seconds()

    def expire(signum, frame):
        raise TemplateTimeout(f"filling the text took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    _active.on = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _active.on = False


def plain_message(err: BaseException) -> str:
    """What went wrong inside a template, said for its author (not as a Python exception)."""
    if isinstance(err, TemplateLimit):
        return str(err)
    if isinstance(err, RecursionError):
        return "a macro calls itself without end"
    if isinstance(err, ZeroDivisionError):
        return "division by zero"
    if isinstance(err, OverflowError):
        return "a number too large to compute"
    if isinstance(err, ValueError) and "integer string conversion" in str(err):
        return "a number too large to print"
    if isinstance(err, MemoryError):
        return "the text grew too large"
    return str(err) or type(err).__name__


def template_line(err: BaseException) -> int | None:
    """The line within the template text where it failed (Jinja rewrites its traceback to it)."""
    tb = err.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
