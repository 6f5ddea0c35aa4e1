"""The forked PDF worker: same PDF as rendering here, errors carried back whole, and no worker
left behind, whether it answered, died or was never asked."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from okrgen.catalog import Catalog
from okrgen.errors import OkrgenError
from okrgen.fill import fill, resolve
from okrgen.render.pdfworker import PdfWorker
from okrgen.render.viewmodel import build

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="the worker needs fork and two cores")


@pytest.fixture(scope="module")
def vm():
    t = Catalog().get("pr")
    return build(fill(t, "ru", resolve(t, "ru")), [])


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_worker_pdf_is_the_one_made_here(vm, tmp_path):
    from okrgen.render.pdf import render_pdf

    with PdfWorker() as worker:
        pid = worker.pid
        assert pid
        pdf = worker.render(vm, "a4")
    assert pdf.startswith(b"%PDF") and _gone(pid)
    assert _text(pdf, tmp_path) == _text(render_pdf(vm, "a4"), tmp_path)


def test_user_errors_come_back_with_their_hint(vm):
    worker = PdfWorker()
    pid = worker.pid
    with pytest.raises(OkrgenError) as info:
        worker.render(vm, "a5")
    assert "unknown paper size 'a5'" in info.value.message and "a4 or letter" in info.value.hint
    assert _gone(pid)


def test_a_dead_worker_means_the_pdf_is_made_here(vm):
    worker = PdfWorker()
    os.kill(worker.pid, signal.SIGKILL)
    assert worker.render(vm, "letter").startswith(b"%PDF")
    assert worker.pid is None


def test_close_without_a_request_stops_the_worker_at_once():
    worker = PdfWorker()
    pid = worker.pid
    worker.close()
    assert _gone(pid) and worker.pid is None
    worker.close()  # twice is harmless


def test_no_fork_to_be_had_means_the_pdf_is_made_here(vm, monkeypatch):
    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    worker = PdfWorker()
    assert worker.pid is None
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before  # its pipes were closed
    assert worker.render(vm, "a4").startswith(b"%PDF")
