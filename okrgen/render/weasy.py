"""WeasyPrint's one home: importing it fast, and turning finished HTML into PDF safely.

Only this module touches WeasyPrint; it needs nothing of Jinja or the plan, so a process-pool
worker that makes PDFs (okrgen/render/batch.py) imports just this and WeasyPrint.

Safety: WeasyPrint is given no base URL and a URL fetcher that refuses everything except inline
data, so a plan cannot make it read local files or reach the network.

Speed: WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig by trying several spellings of
each name (Windows, macOS, Linux). cffi hands every spelling it cannot open directly to
`ctypes.util.find_library`, which on Linux runs `ldconfig -p` and then `gcc` and `ld` for a name
that is not there: 15-20 ms a miss (WeasyPrint issue #1125). Ten of the spellings can never be
found on Linux, so while WeasyPrint is imported they are answered "not found" at once; every
other name goes to the real search. Nothing is stored between runs. Elsewhere this is a plain
import (macOS and Windows answer from the loader in microseconds).
"""

from __future__ import annotations

import sys
import threading

from okrgen.errors import OkrgenError

_lock = threading.Lock()


def import_weasyprint():
    """The `weasyprint` module; ImportError or OSError when it or its libraries are missing."""
    with _lock:  # two threads of one caller may both ask; one imports, the other waits
        module = sys.modules.get("weasyprint")
        if module is not None:
            return module
        if not sys.platform.startswith("linux"):
            import weasyprint

            return weasyprint
        import ctypes.util

        real = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None if cannot_be_found_on_linux(name) else real(name)
        try:
            import weasyprint
        finally:
            ctypes.util.find_library = real
        return weasyprint


def cannot_be_found_on_linux(name: str) -> bool:
    """Spellings `ctypes.util.find_library` can never find on Linux, where it looks for lib<name>.so:
    a name that already starts with "lib" (liblibgobject-2.0-0.so) or already carries a file
    extension (libpango-1.0.so.0, .dylib, .dll). WeasyPrint tries them for Windows and macOS."""
    return name.startswith("lib") or any(ext in name for ext in (".so", ".dylib", ".dll"))


def html_to_pdf(html: str) -> bytes:
    """The PDF of a finished, self-contained HTML page (print CSS inlined)."""
    try:
        HTML = import_weasyprint().HTML  # noqa: N806 - WeasyPrint's class
    except (ImportError, OSError) as err:  # pragma: no cover - depends on system libraries
        raise OkrgenError(
            f"PDF output needs WeasyPrint and its system libraries ({err})",
            hint="pip install weasyprint; apt-get install libpango-1.0-0 libharfbuzz-subset0",
        ) from None
    return HTML(string=html, base_url=None, url_fetcher=url_fetcher()).write_pdf()


def check_url(url: str) -> None:
    """Only inline data may be loaded; anything else (files, http, relative paths) is refused."""
    if not url.startswith("data:"):
        raise ValueError(f"okrgen does not let a plan load external resources ({url[:60]})")


def url_fetcher():
    """A WeasyPrint URL fetcher that refuses every URL but data: (API differs across versions)."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint < 68: a plain callable returning a dict
        from weasyprint import default_url_fetcher

        def fetch(url, *args, **kwargs):
            check_url(url)
            return default_url_fetcher(url, *args, **kwargs)

        return fetch

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            check_url(url)
            return super().fetch(url, headers)

    return RefusingFetcher(allowed_protocols={"data"}, allow_redirects=False)
