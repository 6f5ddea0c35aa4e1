"""Write outputs atomically and never clobber a user's file by accident.

A crash or a full disk halfway through must leave either the old file or the new one, never a
truncated plan: write to a temporary file in the same directory, then rename over the target.

Two commands editing one plan at once (twenty check-ins started by a script) must not lose an
edit: `locked` holds an advisory lock on a sibling lock file for the whole read–modify–write, and
`write_atomic(expect=...)` refuses to replace a file that changed since it was read (an editor
that does not take the lock). A new file is created exclusively (a hard link of the finished
temporary file), so two `new -o plan.yaml` never overwrite each other's result either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from okrgen.errors import OkrgenError

LOCK_TIMEOUT = 10.0  # seconds; OKRGEN_LOCK_TIMEOUT overrides (a check-in takes ~0.2 s)


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


def real_target(path: str | os.PathLike) -> Path:
    """The file a write to path lands in: a symlink's target, so the link stays a link."""
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def refuse_read_only(path: Path) -> None:
    """A file with no write permission is one its owner protected; don't replace it behind their back
    (root could, and renaming over it would work for anyone who can write the folder)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and (not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)):
        raise OkrgenError(f"{path}: the file is read-only; not changing it", hint=f"Make it writable first (chmod u+w {path}) if you mean to change it.")


@contextlib.contextmanager
def locked(path: str | os.PathLike, timeout: float | None = None) -> Iterator[None]:
    """Hold the advisory lock of a plan (`.<name>.lock` beside it) for a read–modify–write."""
    from filelock import FileLock, Timeout

    target = real_target(path)
    if timeout is None:
        try:
            timeout = float(os.environ.get("OKRGEN_LOCK_TIMEOUT", LOCK_TIMEOUT))
        except ValueError:
            timeout = LOCK_TIMEOUT
    lock_path = target.parent / f".{target.name}.lock"
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise OkrgenError(
            f"{path}: another okrgen command is changing this file; could not lock it within {timeout:g} s",
            hint="Nothing was written. Run the command again when the other one has finished.",
        ) from None
    except OSError as err:
        raise OkrgenError(f"{path}: cannot lock the file for writing ({lock_path}: {err.strerror})", hint="Check that its folder is writable.") from None
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: str | os.PathLike, data: str | bytes, *, force: bool = False, expect: str | None = None) -> Path:
    """Replace path with data; with `expect`, only if the file still holds that text (read earlier)."""
    target = real_target(path) if force else Path(path)
    check_writable(target, force)
    existing = _existing_mode(target)
    if existing is not None and not stat.S_ISREG(existing):
        return _write_special(target, data, existing)
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
        os.chmod(tmp, stat.S_IMODE(existing) if existing is not None else 0o644)
        if expect is not None:
            _check_unchanged(target, expect)
        if force:
            os.replace(tmp, target)
        else:
            _create_exclusively(tmp, target)
    except OSError as err:
        _remove(tmp)
        raise OkrgenError(f"{target}: cannot write ({err.strerror})") from None
    except BaseException:
        _remove(tmp)
        raise
    return target


def _existing_mode(target: Path) -> int | None:
    try:
        return target.stat().st_mode
    except OSError:
        return None


def _check_unchanged(target: Path, expect: str) -> None:
    try:
        now = target.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        now = None
    if now != expect:
        raise OkrgenError(
            f"{target}: the file changed while okrgen was working on it; nothing was written",
            hint="Another program edited it meanwhile. Run the command again.",
        )


def _create_exclusively(tmp: str, target: Path) -> None:
    """Put the finished temporary file at target only if nothing is there (another process may have
    created it since check_writable): a hard link fails when the name exists, atomically."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OkrgenError(
            f"{target}: file exists (another process created it just now); not overwriting it",
            hint="Pass --force to replace it, or choose another output path with -o.",
        ) from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        _copy_exclusively(tmp, target)  # a file system without hard links
    _remove(tmp)


def _copy_exclusively(tmp: str, target: Path) -> None:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise OkrgenError(f"{target}: file exists (another process created it just now); not overwriting it", hint="Pass --force to replace it.") from None
    with os.fdopen(fd, "wb") as out, open(tmp, "rb") as src:
        out.write(src.read())
        out.flush()
        os.fsync(out.fileno())


def _write_special(target: Path, data: str | bytes, mode: int) -> Path:
    """-o /dev/null, -o /dev/stdout, a named pipe: write into it; renaming a regular file over it would
    destroy the device node or pipe another program is waiting on."""
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OkrgenError(f"{target}: not a regular file; not writing to it", hint="Choose a file path with -o.")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)  # a pipe nobody reads fails now instead of hanging
    except OSError as err:
        why = "nobody is reading the pipe" if err.errno == errno.ENXIO else err.strerror
        raise OkrgenError(f"{target}: cannot write ({why})") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(raw)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except OSError as err:
        raise OkrgenError(f"{target}: cannot write ({err.strerror})") from None
    finally:
        os.close(fd)
    return target


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
