"""One job handed to a forked process that got ready while this one did something else.

A command that needs two independent slow things (WeasyPrint's import and our own plan work, for
`render`) can run them on two cores: fork early, let the child `prepare()` (imports, warm caches),
carry on here, then send the child its one request and take the answer. It pays only for big
head starts: after a fork every page either process writes is copied, which cost the parent ~9 ms
of an 80 ms start-up here, so `new` lints in its own process (the linter's start-up is ~15 ms).

A bare fork and two pipes rather than a process pool: the pool's own imports (~14 ms) would come
before the fork, on the path that decides how long the command takes, and a child of our own can
be stopped at once when the command ends early (a bad plan).

The child answers ("ok", result), ("error", OkrgenError) or ("bug", text); `ask` returns the
result, raises the user's error as if it had happened here, and reports a bug as one. Without fork
(Windows), with one core, when no process can be had, or when the child dies, `ask` runs the job
here instead, so the caller's result never depends on the child.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Any, Callable


class ForkedJob:
    def __init__(self, prepare: Callable[[], Any], handle: Callable[[Any], Any]) -> None:
        """Fork now; the child runs `prepare()` and then waits for the request `handle` takes."""
        self.handle = handle
        self.pid: int | None = None
        self._request: int | None = None
        self._reply: int | None = None
        if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
            return
        for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        fds: list[int] = []
        try:
            request_r, request_w = os.pipe()
            fds += [request_r, request_w]
            reply_r, reply_w = os.pipe()
            fds += [reply_r, reply_w]
            pid = os.fork()
        except OSError:  # out of processes or descriptors: the job runs here
            for fd in fds:
                os.close(fd)
            return
        if pid == 0:  # the child
            os.close(request_w)
            os.close(reply_r)
            code = 1
            try:
                _serve(prepare, handle, request_r, reply_w)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent sees no answer and does the job itself
                pass
            finally:
                try:
                    sys.stderr.flush()
                finally:
                    os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(request_r)
        os.close(reply_w)
        self.pid, self._request, self._reply = pid, request_w, reply_r

    def ask(self, request: Any) -> Any:
        """`handle(request)`, done by the child when there is one."""
        if self.pid is None:
            return self.handle(request)
        try:
            _write_all(self._request, pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            os.close(self._request)
            self._request = None
            data = _read_all(self._reply)
        except OSError:
            data = b""
        self.close()
        if not data:
            return self.handle(request)  # the child died (killed, out of memory): do it here
        status, payload = pickle.loads(data)
        if status == "ok":
            return payload
        if status == "error":
            raise payload
        raise RuntimeError(f"forked job: {payload}")

    def close(self) -> None:
        """Stop the child if it is still there (the command ended before asking)."""
        if self.pid is None:
            return
        for fd in (self._request, self._reply):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._request = self._reply = None
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done == 0:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
        self.pid = None

    def __enter__(self) -> ForkedJob:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(prepare, handle, request_fd: int, reply_fd: int) -> None:
    from okrgen.errors import OkrgenError

    try:
        prepare()
    except Exception:  # noqa: BLE001 - only a head start: `handle` meets the same problem and says so
        pass
    data = _read_all(request_fd)
    if not data:
        return  # the parent needs nothing after all
    try:
        reply = ("ok", handle(pickle.loads(data)))
    except OkrgenError as err:
        reply = ("error", err)
    except Exception as exc:  # noqa: BLE001 - a bug: the parent reports it as one
        reply = ("bug", f"{type(exc).__name__}: {exc}")
    _write_all(reply_fd, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
