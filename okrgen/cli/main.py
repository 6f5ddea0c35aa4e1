"""The `okrgen` command: argument parsing and exit codes only.

Each subcommand lives in `okrgen/cli/<name>_cmd.py` and exposes `register(subparsers)`; the
module must import nothing heavy at the top (WeasyPrint is imported only by `render`), so
`okrgen lint` and `okrgen list` start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from okrgen import __version__
from okrgen.errors import OkrgenError
from okrgen.finding import ExitCode


def command_modules() -> list[str]:
    """The `<name>_cmd` modules of okrgen/commands (a folder listing: pkgutil costs 3 ms to import)."""
    import okrgen.cli as commands_pkg

    names = set()
    for folder in commands_pkg.__path__:
        try:
            names.update(f[:-3] for f in os.listdir(folder) if f.endswith("_cmd.py"))
        except OSError:
            continue
    return sorted(names)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that subcommand (imports one module instead of twelve)."""
    parser = argparse.ArgumentParser(
        prog="okrgen",
        description="Role-based OKR templates, plans, rendering (Markdown/HTML/PDF) and a SMART linter.",
    )
    parser.add_argument("--version", action="version", version=f"okrgen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in command_modules():
        if only is None or name == f"{only}_cmd":
            importlib.import_module(f"okrgen.cli.{name}").register(sub)
    return parser


def _requested(argv: list[str]) -> str | None:
    """The subcommand named on the command line, when it is one we have."""
    first = next((a for a in argv if not a.startswith("-")), None)
    if first and argv and argv[0] == first and f"{first}_cmd" in command_modules():
        return first
    return None


def print_error(err: OkrgenError) -> None:
    from okrgen.cli.console import format_error

    sys.stderr.write(format_error(err))


def unknown_command(argv: list[str]) -> OkrgenError | None:
    """`okrgen rendr …`: say which command was meant, instead of argparse's list of every choice."""
    first = argv[0] if argv else ""
    if not first or first.startswith("-"):
        return None
    names = [n[: -len("_cmd")] for n in command_modules()]
    if first in names:
        return None
    import difflib

    close = difflib.get_close_matches(first, names, n=1, cutoff=0.6)
    hint = (f"Did you mean '{close[0]}'? " if close else "") + "`okrgen --help` lists the commands."
    return OkrgenError(f"unknown command '{first}'", hint=hint)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """Parse; an option the subcommand does not know is reported with that subcommand's usage."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        command = getattr(args, "command", None)
        target = sub.choices.get(command) if sub is not None and command else None
        (target or parser).error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _undecodable(argv: list[str]) -> str | None:
    """An argument that was not valid UTF-8 (Python keeps its bytes as lone surrogates, which can
    be neither printed nor written to a plan)."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as err:
            return arg[: err.start].encode("utf-8", "replace").decode("utf-8") + f"<byte 0x{ord(arg[err.start]) - 0xDC00:02x}>"
    return None


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    bad = _undecodable(argv)
    if bad is not None:
        print_error(OkrgenError(f"an argument is not valid UTF-8 text: {bad}", hint="Write arguments in UTF-8 (check the terminal's or script's encoding)."))
        return ExitCode.USAGE
    if sys.stdout is None or sys.stderr is None:  # started with stdout closed (>&-)
        if sys.stderr is not None:
            sys.stderr.write("okrgen: error: standard output is closed; nothing can be printed\n")
        return ExitCode.USAGE
    unknown = unknown_command(argv)
    if unknown is not None:
        print_error(unknown)
        return ExitCode.USAGE
    try:
        parser = build_parser(_requested(argv))  # imports the command: most of a short run
        args = _parse(parser, argv)
    except SystemExit as exc:  # argparse: --help (0) or usage error (2)
        return int(exc.code or 0)
    except KeyboardInterrupt:
        sys.stderr.write("okrgen: interrupted\n")
        return 130
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.USAGE
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a full disk or a closed pipe is reported here, not at exit
        return code
    except OkrgenError as err:
        print_error(err)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        sys.stderr.write("okrgen: interrupted\n")
        return 130
    except BrokenPipeError:
        # e.g. `okrgen list | head`: quietly stop.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except OSError as err:  # the system refused a read or write (a full disk, /dev/full): not a bug
        where = f"{err.filename}: " if err.filename else "standard output: " if err.errno in (28, 5, 9) else ""
        _quiet_stdout()
        sys.stderr.write(f"okrgen: error: {where}cannot write or read ({err.strerror or err})\n")
        return ExitCode.USAGE
    except Exception as exc:  # a bug, not the user's mistake: short message, traceback on request
        if os.environ.get("OKRGEN_DEBUG"):
            raise
        sys.stderr.write(
            f"okrgen: internal error: {type(exc).__name__}: {exc}\n"
            "  This is a bug in okrgen, not in your input. Rerun with OKRGEN_DEBUG=1 to see the traceback, and report it.\n"
        )
        return 70  # EX_SOFTWARE: not confused with findings (1) or bad input (2)


def run() -> int:
    """The `okrgen` command: `main`, then leave without a last garbage collection.

    At exit Python collects every object the process made, though the memory goes back to the
    system anyway: ~15 ms of a 100 ms command once Jinja, Babel and the linter are loaded. Frozen
    objects are skipped by that pass. Only the command does this; `main` called from Python (tests,
    other tools) leaves the collector alone.
    """
    import gc

    try:
        code = main()
    except KeyboardInterrupt:  # Ctrl-C between two steps main guards (or while it returns)
        sys.stderr.write("okrgen: interrupted\n")
        return 130
    gc.freeze()
    return code
