"""PDF output: the plan's HTML with print CSS, given to WeasyPrint (okrgen/render/weasy.py).

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
from okrgen.render.weasy import html_to_pdf
from okrgen.resources import folder

PAPERS = {"a4": "A4", "letter": "letter"}
CJK_HINT = "install a CJK font: `apt-get install fonts-noto-cjk` (Debian/Ubuntu) or `fonts-wqy-microhei` (smaller)"


_CSS_PLAIN = re.compile(r"[A-Za-z0-9 ]|[^\x00-\x7f]")


def css_escape(text: str) -> str:
    """Text for inside a CSS string literal in a <style> element: every ASCII character but letters,
    digits and spaces as a hex escape, so a title can close neither the string (quotes, newlines,
    backslashes), nor a comment (*/), nor the element (</style>); non-ASCII stays (Chinese titles)
    unless it is a control or line/paragraph separator."""
    out = []
    for ch in str(text):
        if _CSS_PLAIN.fullmatch(ch) and ch not in "\u0085\u2028\u2029" and not (0x7F <= ord(ch) <= 0x9F):
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return "".join(out)


def _css_string(text: str) -> str:
    """A one-line header or footer: whitespace runs (newlines too) become one space, then escaped."""
    return css_escape(" ".join(str(text).split()))


@functools.cache
def _print_env() -> Environment:
    # Output is CSS, not HTML: values are escaped with _css_string, not autoescape.
    return Environment(loader=FileSystemLoader(str(folder("templates") / "html")), undefined=StrictUndefined, autoescape=False)


def print_css(vm: dict, paper: str) -> str:
    L = vm["L"]
    before, _, rest = L["page_of"].partition("{page}")
    middle, _, after = rest.partition("{pages}")
    return (
        _print_env()
        .get_template("print.css.j2")
        .render(
            paper=PAPERS[paper],
            header=_css_string(vm["title"]),
            period=_css_string(vm["period"]),
            page_before=_css_string(before) + ("" if not before.endswith(" ") else " "),
            page_middle=_css_string(middle) if middle.strip() == middle else css_escape(middle),
            page_after=_css_string(after),
            generated=_css_string(L["generated"]),
            font_stack=FONT_STACKS.get(vm["lang"], FONT_STACKS["en"]),
        )
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


def pdf_html(vm: dict, paper: str = "a4", warn=None) -> str:
    """The page WeasyPrint is given: the plan's HTML with the print CSS for this paper inlined."""
    if paper not in PAPERS:
        raise OkrgenError(f"unknown paper size '{paper}'", hint="Use a4 or letter.")
    if vm["lang"] == "zh" and has_cjk_font() is False:
        (warn or _stderr)(f"okrgen: warning: no CJK font found, Chinese text would print as boxes; {CJK_HINT}")
    return render_html(vm, print_css=print_css(vm, paper))


def render_pdf(vm: dict, paper: str = "a4", warn=None) -> bytes:
    return html_to_pdf(pdf_html(vm, paper, warn))


def _stderr(msg: str) -> None:
    sys.stderr.write(msg + "\n")
