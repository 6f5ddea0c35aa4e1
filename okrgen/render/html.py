"""HTML output: one self-contained file (CSS inlined), good on screen and in print.

Autoescape is on for everything; the only markup that comes from user text is what markdown-it
makes of descriptions and notes, with raw HTML disabled, so a plan from someone else cannot inject
scripts or fetch anything.
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape

from okrgen.i18n import figures
from okrgen.render.env import output_environment
from okrgen.resources import folder

FONT_STACKS = {
    "zh": '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "DejaVu Sans", sans-serif',
    "ru": '"Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
    "en": '"Noto Sans", "Noto Sans CJK SC", "DejaVu Sans", "Liberation Sans", Arial, sans-serif',
}


@functools.cache
def _md():
    from markdown_it import MarkdownIt
    from markdown_it.common.utils import escapeHtml

    # commonmark with raw HTML off: user text may format itself but not inject markup.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    # An image would be fetched by whoever opens the HTML (a tracking pixel, a file: path): keep its
    # alt text only, in every output (the PDF is this HTML).
    md.add_render_rule("image", lambda renderer, tokens, idx, options, env: str(escape(tokens[idx].content)))
    # Figures in descriptions and notes stay on one line, as in the rest of the plan.
    md.add_render_rule("text", lambda renderer, tokens, idx, options, env: str(with_figures(tokens[idx].content, escapeHtml)))
    return md


def markdown_filter(text: object) -> Markup:
    return Markup(_md().render("" if text is None else str(text)))


# A run this long with no space and no CJK character (which break anywhere anyway) is a pasted
# URL, an ID or a typo; a table column cannot be narrower than its longest unbreakable run.
_LONG_RUN = re.compile(r"[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]{31,}")
_PIECE = re.compile(r"[^/\-_.?&=#:,;]{1,20}[/\-_.?&=#:,;]*|[/\-_.?&=#:,;]+")


def _wbr(text: str) -> Markup:
    """`text` escaped, with <wbr> inside runs longer than 30 characters."""
    out, pos = [], 0
    for m in _LONG_RUN.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(Markup("<wbr>").join(escape(piece) for piece in _PIECE.findall(m.group(0))))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def with_figures(text: str, html=escape) -> Markup:
    """`text` as HTML (`html` escapes a piece of it), each formatted figure (i18n.figures: "¥350万",
    "$3.5M", "880 млн ₽", "30 %") in a <span class="fig">, which style.css keeps on one line."""
    out, pos = [], 0
    for start, end in figures(text):
        out += [html(text[pos:start]), Markup('<span class="fig">'), html(text[start:end]), Markup("</span>")]
        pos = end
    out.append(html(text[pos:]))
    return Markup("").join(Markup(piece) for piece in out)


def breakable_filter(text: object) -> Markup | str:
    """User text laid out for a table cell: line-break opportunities (<wbr>) inside runs longer
    than 30 characters, and none inside a formatted figure.

    Without the first a long URL in a key result widens its table column past the page edge.
    Breaks go after URL punctuation where there is some, and at least every 20 characters. Without
    the second a narrow column ends a line with "提升到¥350" and starts the next with "万". Every
    piece is escaped, so the only markup added is <wbr> and <span class="fig">. Text with neither
    comes back unchanged.
    """
    text = "" if text is None else str(text)
    if not _LONG_RUN.search(text) and not figures(text):
        return text
    return with_figures(text, _wbr)


@functools.cache
def environment():
    return output_environment("html", autoescape=True, filters={"markdown": markdown_filter, "breakable": breakable_filter})


@functools.cache
def stylesheet() -> str:
    return (folder("templates") / "html" / "style.css").read_text(encoding="utf-8")


def render_html(vm: dict, print_css: str = "") -> str:
    return (
        environment()
        .get_template("plan.html.j2")
        .render(
            **vm,
            css=Markup(stylesheet()),
            print_css=Markup(print_css),
            font_stack=Markup(FONT_STACKS.get(vm["lang"], FONT_STACKS["en"])),
        )
    )
