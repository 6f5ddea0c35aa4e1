"""Load YAML safely, keeping the line and column of every node.

Every error and finding must be able to say `file:line:col`, so the loader returns the plain data
together with a map from JSON pointer to position. PyYAML's C composer gives positions and is about
ten times faster than a round-trip loader on large plans; the round-trip loader (ruamel.yaml) is
used only where a file is written back (check-ins). Dates stay strings: a plan's `due: 2027-03-31`
must not turn into a `datetime.date` that the schema then rejects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.resources import (
    NumberTooLong,
    parse_data,  # noqa: F401 - re-exported for the catalog
)
from okrgen.resources import StrDatesLoader as _Loader

MAX_BYTES = 8 * 1024 * 1024


@dataclass
class Loaded:
    """Plain data plus where each value stands in the source text."""

    data: Any
    file: str
    text: str = ""
    # pointer → (line, col), 1-based, of the value node
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    # pointer → (line, col) of the mapping key that holds the value (for "unknown key" errors)
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    # pointer → (first line, last line) of the value node, 1-based inclusive
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def position(self, pointer: str) -> tuple[int | None, int | None]:
        return nearest_position(self.positions, pointer)

    def key_position(self, pointer: str) -> tuple[int | None, int | None]:
        if pointer in self.key_positions:
            return self.key_positions[pointer]
        return self.position(pointer)


def nearest_position(positions: dict[str, tuple[int, int]], pointer: str) -> tuple[int | None, int | None]:
    """Position of the node at pointer, or of its nearest ancestor that has one."""
    p = pointer
    while True:
        if p in positions:
            return positions[p]
        if not p:
            return (None, None)
        p = p.rsplit("/", 1)[0]


def escape_pointer_token(token: Any) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _walk(node: yaml.Node, pointer: str, out: Loaded, file: str) -> None:
    start = node.start_mark
    out.positions[pointer] = (start.line + 1, start.column + 1)
    end_line = node.end_mark.line + 1
    # A block node's end mark sits at the start of the next line; report the last line it covers.
    if node.end_mark.column == 0 and end_line > start.line + 1:
        end_line -= 1
    out.spans[pointer] = (start.line + 1, end_line)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in seen:
                raise OkrgenError(
                    f"duplicate key '{key}'",
                    [
                        Finding(
                            code="YAML-DUPLICATE-KEY",
                            severity="error",
                            message=f"the key '{key}' appears twice in the same mapping (first on line {seen[key]})",
                            fix="Keep one of them: YAML would silently use the last one.",
                            file=file,
                            line=key_node.start_mark.line + 1,
                            col=key_node.start_mark.column + 1,
                            pointer=pointer,
                        )
                    ],
                )
            seen[key] = key_node.start_mark.line + 1
            child = f"{pointer}/{escape_pointer_token(key)}"
            out.key_positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, child, out, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, f"{pointer}/{i}", out, file)


MAX_ALIAS_NODES = 100_000  # nodes that aliases add to a document; a real plan or template adds a handful


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Nodes the document has once every alias is written out; each distinct node is sized once."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a node that contains itself (a recursive alias) counts once, not forever
    size = 1
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            size += _expanded_size(k, memo) + _expanded_size(v, memo)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            size += _expanded_size(item, memo)
    memo[key] = size
    return size


def check_aliases(node: yaml.Node, text: str, file: str) -> None:
    """Refuse an alias bomb before anything walks it: nine anchors of nine aliases each (a "billion
    laughs") is 500 bytes that every later walk (positions, schema, lint) expands to 387 million
    nodes. Composing shares the aliased nodes, so sizing them with a memo costs one pass."""
    memo: dict[int, int] = {}
    added = _expanded_size(node, memo) - len(memo)
    if added <= MAX_ALIAS_NODES:
        return
    line, col = _alias_past_bound(text)
    message = f"the aliases (*name) in this document expand to more than {MAX_ALIAS_NODES:,} nodes"
    fix = "Write the repeated parts out, or use fewer nested aliases; a plan or template needs few."
    raise OkrgenError(f"{file}:{line}:{col}: {message}", [Finding("YAML-ALIASES", "error", message, fix, file, line, col)])


def _alias_past_bound(text: str) -> tuple[int | None, int | None]:
    """Where the alias that passes the bound stands (the composer does not keep alias positions)."""
    sizes: dict[str, int] = {}
    stack: list[list] = []
    total = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([event.anchor, 1])
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, n = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, n = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, n = None, sizes.get(event.anchor, 1)
            total += n
            if total > MAX_ALIAS_NODES:
                return event.start_mark.line + 1, event.start_mark.column + 1
        else:
            continue
        if anchor:
            sizes[anchor] = n
        if stack:
            stack[-1][1] += n
    return None, None


def compose_checked(text: str, file: str) -> yaml.Node | None:
    """The document's node tree, refused when its aliases would expand it past the bound."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is not None:
        check_aliases(node, text, file)
    return node


def _reader_finding(err: yaml.reader.ReaderError, file: str, text: str) -> Finding:
    """A character YAML does not allow (a control character): the reader gives only an offset."""
    position = err.position if isinstance(err.position, int) else 0
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "\0")
    return Finding(
        code="YAML-SYNTAX",
        severity="error",
        message=f"YAML does not allow the control character U+{code:04X} here",
        fix=f"Delete it, or write it as \\x{code:02x} inside a double-quoted string.",
        file=file,
        line=line,
        col=col,
    )


def _syntax_finding(err: yaml.YAMLError, file: str, text: str = "") -> Finding:
    if isinstance(err, yaml.reader.ReaderError) and text:
        return _reader_finding(err, file, text)
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    fix = "Check the indentation and quoting around this spot; a value containing ': ' or '#' needs quotes."
    context_mark = getattr(err, "context_mark", None)
    if context_mark is not None and "quoted scalar" in str(context or "") and "end of stream" in str(problem):
        # A quote never closed: the end of the file says nothing; point at the opening quote.
        mark = context_mark
        message = "YAML syntax error: this quoted text is never closed (the quote runs to the end of the file)"
        fix = "Add the closing quote at the end of the value, or remove the opening one."
    elif context_mark is not None and "flow" in str(context or "") and "did not find expected" in str(problem):
        # "target: [125" with no "]": the parser notices only at the next line; point at the bracket.
        closer = "]" if "sequence" in str(context) else "}"
        opener = "[" if closer == "]" else "{"
        mark = context_mark
        message = f"YAML syntax error: this '{opener}' is never closed (the parser looked for ',' or '{closer}' up to line {err.problem_mark.line + 1})"
        fix = f"Add the closing '{closer}', or remove the '{opener}' (or quote the value if the bracket is part of the text)."
    bad_line = text.split("\n")[mark.line] if mark and text and mark.line < len(text.split("\n")) else ""
    if "tabs" in str(problem).lower() or "\t" in bad_line[: (mark.column + 1) if mark else 0]:
        fix = "YAML does not allow tabs for indentation: indent with spaces."
    return Finding(
        code="YAML-SYNTAX",
        severity="error",
        message=message,
        fix=fix,
        file=file,
        line=mark.line + 1 if mark else None,
        col=mark.column + 1 if mark else None,
    )


def loads(text: str, file: str = "<string>") -> Loaded:
    """Parse YAML text; raise OkrgenError (with a located Finding) on a syntax error."""
    out = Loaded(data=None, file=file, text=text)
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return out
            check_aliases(node, text, file)
            _walk(node, "", out, file)
            out.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except NumberTooLong as err:
        mark = err.problem_mark
        finding = Finding("YAML-NUMBER", "error", err.problem, "Write the figure with at most 15 significant digits.", file, mark.line + 1, mark.column + 1)
        raise OkrgenError(finding.message, [finding]) from None
    except yaml.YAMLError as err:
        finding = _syntax_finding(err, file, text)
        raise OkrgenError(finding.message, [finding]) from None
    except RecursionError:
        raise OkrgenError(
            f"{file}: the YAML is nested too deeply to be a plan or template",
            [Finding(code="YAML-SYNTAX", severity="error", message="nesting too deep", file=file)],
        ) from None
    return out


def read_bounded(path: str | os.PathLike, limit: int | None = None, what: str = "a plan") -> bytes:
    """At most limit bytes of a file, or an error: the size is what was read, not st_size, which
    is 0 for /dev/zero, a pipe or /proc files, so trusting it reads until memory runs out."""
    limit = MAX_BYTES if limit is None else limit
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise OkrgenError(f"{name}: is a directory, expected a file")
    try:
        with open(p, "rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise OkrgenError(f"{name}: no such file", hint="Check the path; it is relative to the current directory.") from None
    except PermissionError:
        raise OkrgenError(f"{name}: permission denied") from None
    except OSError as err:
        raise OkrgenError(f"{name}: cannot read ({err.strerror})") from None
    if len(raw) > limit:
        raise OkrgenError(f"{name}: more than the {limit:,} bytes {what} may have", hint="Check that this is the file you meant.")
    return raw


def read_text(path: str | os.PathLike) -> str:
    """Read a user's file as UTF-8 with errors that say what to do."""
    name = str(path)
    if not Path(path).exists():
        raise OkrgenError(f"{name}: no such file", hint="Check the path; it is relative to the current directory.")
    raw = read_bounded(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        finding = Finding(
            code="ENCODING",
            severity="error",
            message=f"not valid UTF-8 (byte 0x{raw[err.start]:02x})",
            fix="Save the file as UTF-8.",
            file=name,
            line=line,
            col=col,
        )
        raise OkrgenError(f"{name}:{line}:{col}: not valid UTF-8", [finding]) from None
    return text


def load(path: str | os.PathLike) -> Loaded:
    return loads(read_text(path), str(path))
