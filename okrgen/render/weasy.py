"""WeasyPrint's one home: importing it fast, and turning finished HTML into PDF safely.

Only this module touches WeasyPrint, and it needs nothing of Jinja or the plan, so the forked PDF
job of `okrgen render` (okrgen/forked.py) imports just this and WeasyPrint while the parent makes
the HTML.

Safety: WeasyPrint is given no base URL and a URL fetcher that refuses everything except inline
data, so a plan cannot make it read local files or reach the network.

Speed: WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig by trying several spellings of
each name (Windows, macOS, Linux). cffi hands every spelling it cannot open directly to
`ctypes.util.find_library`, which on Linux runs `ldconfig -p` and then `gcc` and `ld` for a name
that is not there: about 10 ms a miss, 15 misses, ~140 ms of a ~0.4 s import (WeasyPrint issue
#1125). The answers depend only on the machine's shared-library set-up, so they are kept on disk,
keyed by the dynamic linker's cache and the library search variables, and given back while
WeasyPrint is imported. A look-up not in the file goes to the real function; a file naming a
library that no longer opens is dropped, and an import that fails all the same is tried once more
without it. Only Linux has the slow search (macOS and Windows answer from the loader in
microseconds), so elsewhere this is a plain import.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading

from okrgen.cache import cache_dir, write_cache
from okrgen.errors import OkrgenError

_LD_CACHE = "/etc/ld.so.cache"
_SEARCH_VARS = ("LD_LIBRARY_PATH", "LIBRARY_PATH", "GCC_EXEC_PREFIX")
_lock = threading.Lock()


def import_weasyprint():
    """The `weasyprint` module; ImportError or OSError when it or its libraries are missing."""
    with _lock:  # a preloading thread and render_pdf may both ask; one import, the other waits
        module = sys.modules.get("weasyprint")
        if module is not None:
            return module
        path = _answers_path()
        if path is None:
            import weasyprint

            return weasyprint
        known = _read(path)
        try:
            module, asked = _import_with(known)
        except OSError:
            if not known:
                raise
            module, asked = _import_with({})  # a library moved since the answers were saved
            known = {}
        if asked:
            write_cache(path, json.dumps({**known, **asked}, sort_keys=True).encode())
        return module


def _import_with(known: dict):
    """Import WeasyPrint with find_library answering from `known`; also the new answers."""
    import ctypes.util

    real = ctypes.util.find_library
    asked: dict = {}

    def find_library(name):
        if name in known:
            return known[name]
        asked[name] = real(name)
        return asked[name]

    ctypes.util.find_library = find_library
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = real
    return weasyprint, asked


def _answers_path():
    """The answers file for this machine's library set-up; None where there is nothing to save."""
    if not sys.platform.startswith("linux"):
        return None
    base = cache_dir()
    if base is None:
        return None
    try:
        st = os.stat(_LD_CACHE)
    except OSError:
        return None  # no linker cache (musl, odd set-ups): let ctypes search as it does
    key = "|".join([sys.implementation.cache_tag, f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}", *(os.environ.get(v, "") for v in _SEARCH_VARS)])
    return base / f"libraries-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"


def _read(path) -> dict:
    """Saved answers, when every library they name still opens; otherwise none.

    A wrong "found" answer could make WeasyPrint settle for a worse spelling or, for an optional
    library such as HarfBuzz-subset, go without it, so each is opened here (WeasyPrint opens the
    same libraries next, so this costs nothing). A wrong "not found" is harmless: WeasyPrint tries
    the file name itself (`libpango-1.0.so.0`) later in its list, which needs no search.
    """
    import ctypes

    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()):
        return {}
    try:
        for soname in {v for v in data.values() if v}:
            ctypes.CDLL(soname)
    except OSError:
        return {}
    return data


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
