"""Write outputs atomically and never clobber a user's file by accident.

A crash or a full disk halfway through must leave either the old file or the new one, never a
truncated plan: write to a temporary file in the same directory, then rename over the target.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from okrgen.errors import OkrgenError


def check_writable(path: Path, force: bool) -> None:
    """Refuse early (before any work) when the target exists or its folder can't be written."""
    if path.exists() and not force:
        raise OkrgenError(
            f"{path}: file exists; not overwriting it",
            hint="Pass --force to replace it, or choose another output path with -o.",
        )
    if path.is_dir():
        raise OkrgenError(f"{path}: is a directory, expected a file path")
    parent = path.parent if str(path.parent) else Path(".")
    for ancestor in [parent, *parent.parents]:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise OkrgenError(f"{path}: cannot create directory ({ancestor} is a file)")
            break
    if parent.exists() and not parent.is_dir():
        raise OkrgenError(f"{parent}: is not a directory")
    if parent.exists() and not os.access(parent, os.W_OK):
        raise OkrgenError(f"{parent}: directory is not writable", hint="Choose another output directory with -o.")


def write_atomic(path: str | os.PathLike, data: str | bytes, *, force: bool = False) -> Path:
    target = Path(path)
    check_writable(target, force)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OkrgenError(f"{parent}: cannot create directory ({err.strerror})") from None
    mode = "wb" if isinstance(data, bytes) else "w"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as err:
        raise OkrgenError(f"{parent}: cannot write here ({err.strerror})") from None
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": "\n"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        _remove(tmp)
        raise OkrgenError(f"{target}: cannot write ({err.strerror})") from None
    except BaseException:
        _remove(tmp)
        raise
    return target


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
