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
import re
import signal
import threading
from collections.abc import Iterator
from typing import Any

from jinja2 import Undefined
from jinja2.compiler import CodeGenerator
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


MAX_TEXT = 1_000_000  # characters one filled text may have (a whole plan is far less)
_WIDTH = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format string


def _str_len(value: Any) -> int:
    return len(value) if isinstance(value, str) else len(str(value)) if isinstance(value, (int, float)) else 0


def _check_text_call(name: str, value: Any, args: tuple, kwargs: dict) -> None:
    """Before a filter or string method that can make a long string runs: its size from its inputs."""
    numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)]
    if any(abs(n) > MAX_SEQUENCE for n in numbers) and name not in ("replace", "format", "join"):
        raise TemplateLimit(f"{name}() with a width of more than {MAX_SEQUENCE:,}")
    if name == "replace" and len(args) >= 2 and isinstance(value, str):
        old, new = str(args[0]), str(args[1])
        grows = value.count(old) * max(0, len(new) - len(old)) if old else (len(value) + 1) * len(new)
        if len(value) + grows > MAX_SEQUENCE:
            raise TemplateLimit(f"replace() would make a text of more than {MAX_SEQUENCE:,} characters")
    if name == "format":
        spec = str(value) + "".join(str(a) for a in args if isinstance(a, str))
        if _WIDTH.search(spec):
            raise TemplateLimit(f"a format width of more than {MAX_SEQUENCE:,}")
    if name == "join":
        items = value if isinstance(value, (list, tuple, str)) else args[0] if args and isinstance(args[0], (list, tuple)) else ()
        if sum(_str_len(x) for x in items) > MAX_SEQUENCE:
            raise TemplateLimit(f"join() would make a text of more than {MAX_SEQUENCE:,} characters")


def _bounded_filter(name: str, func):
    def bounded(*args, **kwargs):
        # pass_context/pass_environment filters get those first; the value follows
        value_at = 1 if getattr(func, "jinja_pass_arg", None) else 0
        value = args[value_at] if len(args) > value_at else None
        _check_text_call(name, value, tuple(args[value_at + 1 :]), kwargs)
        return func(*args, **kwargs)

    bounded.jinja_pass_arg = getattr(func, "jinja_pass_arg", None)  # type: ignore[attr-defined]
    return bounded


_STR_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "replace", "join"}
TEXT_FILTERS = ("center", "indent", "wordwrap", "truncate", "format", "replace", "join")


class _BoundedCodeGenerator(CodeGenerator):
    """`a ~ b` joins strings with no hook of its own; compiled here to the environment's bounded join."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with operators that check their result's size before computing it."""

    intercepted_binops = frozenset(["**", "*", "+"])
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in TEXT_FILTERS:
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def bounded_join(self, parts) -> str:
        texts = [str(p) for p in parts]
        if sum(map(len, texts)) > MAX_SEQUENCE:
            raise TemplateLimit(f"joining with ~ makes more than {MAX_SEQUENCE:,} characters")
        return "".join(texts)

    def concat(self, chunks) -> str:  # type: ignore[override]
        """The filled text, stopped as soon as it passes MAX_TEXT (a loop printing 100 KB a turn)."""
        out, size = [], 0
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_TEXT:
                raise TemplateLimit(f"the filled text passes {MAX_TEXT:,} characters")
            out.append(chunk)
        return "".join(out)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") in _STR_METHODS:
            _check_text_call(__obj.__name__, owner, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

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
