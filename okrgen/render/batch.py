"""Rendering one plan or many: Markdown and HTML here, PDFs of several plans on every core.

WeasyPrint is single-threaded and CPU-bound, so PDFs of several plans go to a process pool. The
pool uses the platform's default start method (fork on Linux before Python 3.14, spawn on macOS
and Windows): what a worker needs is the view model and okrgen/render/pdf.py, both picklable and
importable, so no method has to be forced.
"""

from __future__ import annotations

from typing import Any

from okrgen.render.viewmodel import build


def render_text(loaded, formats, *, lang=None, lint=True, lint_config=None, as_of=None) -> tuple[dict, dict]:
    """Markdown and HTML (cheap), plus the view model the PDF is made from."""
    findings = []
    if lint:
        from okrgen.lint.located import lint_loaded

        findings = lint_loaded(loaded, lint_config)
    vm = build(loaded.data, findings, lang, as_of)
    outputs: dict[str, Any] = {}
    if "md" in formats:
        from okrgen.render.markdown import render_markdown

        outputs["md"] = render_markdown(vm)
    if "html" in formats:
        from okrgen.render.html import render_html

        outputs["html"] = render_html(vm)
    return outputs, vm


def render_plan(loaded, formats, *, paper="a4", lang=None, lint=True, lint_config=None, as_of=None, to_pdf=None) -> dict:
    """Every requested format of one plan, as text (md, html) or bytes (pdf). `to_pdf` turns the
    print page into a PDF (default: here, okrgen.render.weasy.html_to_pdf; PdfWorker.pdf: in a worker)."""
    outputs, vm = render_text(loaded, [f for f in formats if f != "pdf"], lang=lang, lint=lint, lint_config=lint_config, as_of=as_of)
    if "pdf" in formats:
        from okrgen.render.pdf import pdf_html
        from okrgen.render.weasy import html_to_pdf

        outputs["pdf"] = (to_pdf or html_to_pdf)(pdf_html(vm, paper))
    return outputs


def exit_with_parent(parent: int, interval: float = 0.5) -> None:
    """Pool initializer: end this worker when the okrgen that started it is gone. After a kill -9
    the parent cannot tell its workers to stop, and a worker in the middle of a large PDF would
    otherwise run (and hold its memory) to the end; the orphan is re-parented, which it notices."""
    import os
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="okrgen-parent-watch", daemon=True).start()


def _serve_pdf(conn) -> None:
    """The one-plan PDF worker: import WeasyPrint at once, then turn the one HTML page it is sent
    into a PDF. A failure is sent back as text; the parent then makes the PDF itself, so the error
    it reports keeps all its detail."""
    from okrgen.render.weasy import html_to_pdf, import_weasyprint

    try:
        import_weasyprint()
    except (ImportError, OSError):
        pass  # html_to_pdf reports it
    try:
        html = conn.recv()
    except EOFError:
        return  # the parent stopped before it had a page for us
    try:
        conn.send(("pdf", html_to_pdf(html)))
    except Exception as err:  # reported again, with its hint, when the parent retries
        conn.send(("error", str(err)))


class PdfWorker:
    """A second process that imports WeasyPrint while this one reads, lints and lays out a plan.

    WeasyPrint's import is half a one-page PDF's time (~0.5 s); okrgen's own work before the PDF
    (read, lint, view model, HTML: 0.1-0.2 s) is done meanwhile on the other core, so `render
    plan.yaml` takes about as long as WeasyPrint alone. A plain process and a pipe, not a pool, so
    that `close()` ends it at once on an error path instead of waiting for the import. Uses the
    platform's default start method.
    """

    def __init__(self):
        import multiprocessing

        self._conn, child = multiprocessing.Pipe()
        self._proc = multiprocessing.Process(target=_serve_pdf, args=(child,), name="okrgen-pdf", daemon=True)
        self._proc.start()
        child.close()

    def pdf(self, html: str) -> bytes:
        """The PDF of a finished page; made in this process if the worker cannot."""
        from okrgen.render.weasy import html_to_pdf

        try:
            self._conn.send(html)
            kind, value = self._conn.recv()
        except (OSError, EOFError):  # the worker died
            kind, value = "error", None
        return value if kind == "pdf" else html_to_pdf(html)

    def close(self) -> None:
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join()
        self._conn.close()


def start_pdf_worker(formats, plan_count: int, jobs=None) -> PdfWorker | None:
    """A PdfWorker for a single plan's PDF; None where it cannot pay: no PDF, several plans (they
    get a pool of their own), one core, or --jobs 1."""
    import os

    if "pdf" not in formats or plan_count != 1 or (jobs or os.cpu_count() or 1) < 2:
        return None
    return PdfWorker()


def render_each(loaded_plans, formats, *, paper="a4", lang=None, lint=True, lint_config=None, jobs=None, as_of=None, worker=None):
    """(index, outputs) for each plan as soon as all its formats are made, in the order they finish.

    So a command can write and report each plan while the others are still rendering, instead of
    printing nothing until the last PDF is done. `worker` (start_pdf_worker) makes a single plan's PDF.
    """
    import os

    if worker is not None and "pdf" in formats and len(loaded_plans) == 1:
        yield 0, render_plan(loaded_plans[0], formats, paper=paper, lang=lang, lint=lint, lint_config=lint_config, as_of=as_of, to_pdf=worker.pdf)
        return
    workers = max(1, min(jobs or os.cpu_count() or 1, len(loaded_plans)))
    if "pdf" not in formats or workers == 1:
        for i, p in enumerate(loaded_plans):
            yield i, render_plan(p, formats, paper=paper, lang=lang, lint=lint, lint_config=lint_config, as_of=as_of)
        return
    text_formats = [f for f in formats if f != "pdf"]
    outputs, vms = [], []
    for p in loaded_plans:
        out, vm = render_text(p, text_formats, lang=lang, lint=lint, lint_config=lint_config, as_of=as_of)
        outputs.append(out)
        vms.append(vm)
    for i, pdf in pdfs_as_completed(vms, paper, workers):
        outputs[i]["pdf"] = pdf
        yield i, outputs[i]


def pdfs_as_completed(vms: list[dict], paper: str, workers: int):
    """(index, PDF) as each worker finishes one, in completion order."""
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from okrgen.render.pdf import render_pdf

    with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
        futures = {pool.submit(render_pdf, vm, paper): i for i, vm in enumerate(vms)}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()
