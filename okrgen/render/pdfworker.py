"""A forked process that imports WeasyPrint while this one loads, lints and lays out the plan.

WeasyPrint's import (~0.25 s, Python) and our own work (~0.1 s) then run on two cores instead of
one after the other, so `okrgen render` costs little more than WeasyPrint alone. A bare fork and
two pipes instead of a process pool: the pool's imports (~14 ms) would come before the fork, on
the path that decides how long the command takes, and a worker of our own can be stopped at once
when the plan turns out to be bad.

The worker takes one request (view model, paper) and answers ("ok", pdf bytes), ("error",
OkrgenError) or ("bug", text). If it dies, the PDF is made here instead.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys


class PdfWorker:
    def __init__(self) -> None:
        self.pid: int | None = None
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
        except OSError:  # out of processes or descriptors: render here, as without fork
            for fd in fds:
                os.close(fd)
            return
        if pid == 0:  # the worker
            os.close(request_w)
            os.close(reply_r)
            code = 1
            try:
                _serve(request_r, reply_w)
                code = 0
            except BaseException:  # noqa: BLE001 - the parent sees the missing reply and renders itself
                pass
            finally:
                try:
                    sys.stderr.flush()
                finally:
                    os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(request_r)
        os.close(reply_w)
        self.pid, self._request, self._reply = pid, request_w, reply_r

    def render(self, vm: dict, paper: str) -> bytes:
        """The PDF, from the worker when there is one; OkrgenError as render_pdf raises it."""
        if self.pid is None:
            return _render(vm, paper)
        try:
            _write_all(self._request, pickle.dumps((vm, paper), protocol=pickle.HIGHEST_PROTOCOL))
            os.close(self._request)
            self._request = None
            data = _read_all(self._reply)
        except OSError:
            data = b""
        self.close()
        if not data:
            return _render(vm, paper)  # the worker died (killed, out of memory): do it here
        status, payload = pickle.loads(data)
        if status == "ok":
            return payload
        if status == "error":
            raise payload
        raise RuntimeError(f"PDF worker: {payload}")

    def close(self) -> None:
        """Stop the worker if it is still there (a bad plan: its PDF is not wanted)."""
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

    def __enter__(self) -> PdfWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _serve(request_fd: int, reply_fd: int) -> None:
    from okrgen.errors import OkrgenError
    from okrgen.render.weasyload import import_weasyprint

    try:
        import_weasyprint()
    except Exception:  # noqa: BLE001 - render_pdf imports again and says what is missing
        pass
    data = _read_all(request_fd)
    if not data:
        return  # the parent needs no PDF after all
    vm, paper = pickle.loads(data)
    try:
        reply = ("ok", _render(vm, paper))
    except OkrgenError as err:
        reply = ("error", err)
    except Exception as exc:  # noqa: BLE001 - a bug: the parent reports it as one
        reply = ("bug", f"{type(exc).__name__}: {exc}")
    _write_all(reply_fd, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def _render(vm: dict, paper: str) -> bytes:
    from okrgen.render.pdf import render_pdf

    return render_pdf(vm, paper)


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
