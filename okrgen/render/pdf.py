"""PDF output: WeasyPrint over the HTML, with print CSS.

WeasyPrint is only imported here. It is given no base URL and a URL fetcher that refuses
everything except inline data, so a plan cannot make it read local files or reach the network.
Chinese needs a CJK font on the system; without one every character prints as a box while the
extracted text still looks right, so we check with fontconfig and say how to fix it.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from okrgen.errors import OkrgenError
from okrgen.render.html import FONT_STACKS, render_html
from okrgen.render.weasyload import import_weasyprint
from okrgen.resources import folder

PAPERS = {"a4": "A4", "letter": "letter"}
CJK_HINT = "install a CJK font: `apt-get install fonts-noto-cjk` (Debian/Ubuntu) or `fonts-wqy-microhei` (smaller)"


def _css_string(text: str) -> str:
    """Escape text for a CSS string literal (titles may contain quotes or backslashes)."""
    return re.sub(r'(["\\])', r"\\\1", " ".join(str(text).split()))


@functools.cache
def _print_env() -> Environment:
    # Output is CSS, not HTML: values are escaped with _css_string, not autoescape.
    return Environment(loader=FileSystemLoader(str(folder("templates") / "html")), undefined=StrictUndefined, autoescape=False)


def print_css(vm: dict, paper: str) -> str:
    L = vm["L"]
    before, _, rest = L["page_of"].partition("{page}")
    middle, _, after = rest.partition("{pages}")
    return _print_env().get_template("print.css.j2").render(
        paper=PAPERS[paper],
        header=_css_string(vm["title"]),
        period=_css_string(vm["period"]),
        page_before=_css_string(before) + ("" if not before.endswith(" ") else " "),
        page_middle=_css_string(middle) if middle.strip() == middle else middle.replace('"', '\\"'),
        page_after=_css_string(after),
        generated=_css_string(L["generated"]),
        font_stack=FONT_STACKS.get(vm["lang"], FONT_STACKS["en"]),
    )


@functools.cache
def has_cjk_font() -> bool | None:
    """True/False from fontconfig; None when fontconfig's tools are not there to ask."""
    if not shutil.which("fc-list"):
        return None
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.strip())


def _check_url(url: str) -> None:
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
            _check_url(url)
            return default_url_fetcher(url, *args, **kwargs)

        return fetch

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            _check_url(url)
            return super().fetch(url, headers)

    return RefusingFetcher(allowed_protocols={"data"}, allow_redirects=False)


def render_pdf(vm: dict, paper: str = "a4", warn=None) -> bytes:
    if paper not in PAPERS:
        raise OkrgenError(f"unknown paper size '{paper}'", hint="Use a4 or letter.")
    if vm["lang"] == "zh" and has_cjk_font() is False:
        (warn or _stderr)(f"okrgen: warning: no CJK font found, Chinese text would print as boxes; {CJK_HINT}")
    try:
        HTML = import_weasyprint().HTML
    except (ImportError, OSError) as err:  # pragma: no cover - depends on system libraries
        raise OkrgenError(f"PDF output needs WeasyPrint and its system libraries ({err})", hint="pip install weasyprint; apt-get install libpango-1.0-0 libharfbuzz-subset0") from None
    html = render_html(vm, print_css=print_css(vm, paper))
    return HTML(string=html, base_url=None, url_fetcher=url_fetcher()).write_pdf()


def _stderr(msg: str) -> None:
    sys.stderr.write(msg + "\n")
