"""Forked jobs (the PDF worker of `render`): the same result as doing the job here, errors carried
back whole, and no child left behind, whether it answered, died or was never asked."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from okrgen.catalog import Catalog
from okrgen.errors import OkrgenError
from okrgen.fill import fill, resolve
from okrgen.forked import ForkedJob
from okrgen.render.pdf import pdf_html
from okrgen.render.viewmodel import build
from okrgen.render.weasy import html_to_pdf, import_weasyprint

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="forked jobs need fork and two cores")


def PdfWorker():  # noqa: N802 - reads like the class it stands for
    return ForkedJob(import_weasyprint, html_to_pdf)


@pytest.fixture(scope="module")
def html():
    t = Catalog().get("pr")
    return pdf_html(build(fill(t, "ru", resolve(t, "ru")), []), "a4")


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


def test_worker_pdf_is_the_one_made_here(html, tmp_path):
    with PdfWorker() as worker:
        pid = worker.pid
        assert pid
        pdf = worker.ask(html)
    assert pdf.startswith(b"%PDF") and _gone(pid)
    assert _text(pdf, tmp_path) == _text(html_to_pdf(html), tmp_path)
    assert "KR1.1" in _text(pdf, tmp_path)


def test_user_errors_come_back_with_their_hint(monkeypatch):
    import okrgen.render.weasy as weasy

    def broken():
        raise ImportError("libpango-1.0.so.0: cannot open shared object file")

    monkeypatch.setattr(weasy, "import_weasyprint", broken)  # the fork inherits it
    worker = PdfWorker()
    pid = worker.pid
    with pytest.raises(OkrgenError) as info:
        worker.ask("<p>x</p>")
    assert "needs WeasyPrint and its system libraries" in info.value.message and "libharfbuzz-subset0" in info.value.hint
    assert _gone(pid)


def test_a_dead_worker_means_the_pdf_is_made_here(html):
    worker = PdfWorker()
    os.kill(worker.pid, signal.SIGKILL)
    assert worker.ask(html).startswith(b"%PDF")
    assert worker.pid is None


def test_close_without_a_request_stops_the_worker_at_once():
    worker = PdfWorker()
    pid = worker.pid
    worker.close()
    assert _gone(pid) and worker.pid is None
    worker.close()  # twice is harmless


def test_no_fork_to_be_had_means_the_pdf_is_made_here(html, monkeypatch):
    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    worker = PdfWorker()
    assert worker.pid is None
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before  # its pipes were closed
    assert worker.ask(html).startswith(b"%PDF")


def _prepare_then_fail():
    raise RuntimeError("prepare may fail; the job still runs")


def test_a_failing_prepare_does_not_stop_the_job():
    job = ForkedJob(_prepare_then_fail, lambda x: x * 2)
    assert job.pid and job.ask(21) == 42


def test_a_bug_in_the_child_is_reported_as_a_bug():
    def handle(x):
        return {}[x]

    job = ForkedJob(lambda: None, handle)
    with pytest.raises(RuntimeError, match="KeyError"):
        job.ask("missing")
