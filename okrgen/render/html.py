"""HTML output: one self-contained file (CSS inlined), good on screen and in print.

Autoescape is on for everything; the only markup that comes from user text is what markdown-it
makes of descriptions and notes, with raw HTML disabled, so a plan from someone else cannot inject
scripts or fetch anything.
"""

from __future__ import annotations

import functools

from markupsafe import Markup

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

    # commonmark with raw HTML off: user text may format itself but not inject markup.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def markdown_filter(text: object) -> Markup:
    return Markup(_md().render("" if text is None else str(text)))


@functools.cache
def environment():
    return output_environment("html", autoescape=True, filters={"markdown": markdown_filter})


@functools.cache
def stylesheet() -> str:
    return (folder("templates") / "html" / "style.css").read_text(encoding="utf-8")


def render_html(vm: dict, print_css: str = "") -> str:
    return environment().get_template("plan.html.j2").render(
        **vm,
        css=Markup(stylesheet()),
        print_css=Markup(print_css),
        font_stack=Markup(FONT_STACKS.get(vm["lang"], FONT_STACKS["en"])),
    )
