"""Markdown output: CommonMark with GFM tables, readable as plain text.

User text is escaped so a key result containing `*`, `|` or `<b>` prints as written instead of
becoming emphasis, a broken table or HTML. Descriptions and notes are Markdown by design and are
passed through.
"""

from __future__ import annotations

import functools
import re

from okrgen.render.env import output_environment

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape_md(text: object) -> str:
    s = "" if text is None else str(text)
    return _SPECIAL.sub(r"\\\1", " ".join(s.split()))


def cell(text: object) -> str:
    return escape_md(text) or " "


def bar(value: float, width: int = 10) -> str:
    filled = max(0, min(width, round(value * width)))
    return "▰" * filled + "▱" * (width - filled)


@functools.cache
def environment():
    return output_environment("markdown", autoescape=False, filters={"e": escape_md, "cell": cell, "bar": bar})


# ![alt](url "title"), ![alt][ref], ![alt] and <img …>: a Markdown viewer fetches the URL (a tracking
# pixel, a file: path) when the plan is opened, so descriptions keep the alt text only.
_IMAGE = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\](?:\((?:[^()\\]|\\.|\([^()]*\))*\)|\[[^\]]*\])?")
_IMG_TAG = re.compile(r"<img\b[^>]*>?", re.IGNORECASE)


def drop_images(text: object) -> str:
    s = "" if text is None else str(text)
    if "![" not in s and "<img" not in s.lower():
        return s
    return _IMG_TAG.sub("", _IMAGE.sub(lambda m: m.group(1), s))


def render_markdown(vm: dict) -> str:
    vm = dict(vm, notes=drop_images(vm.get("notes")), objectives=[dict(o, description=drop_images(o.get("description"))) for o in vm.get("objectives") or []])
    text = environment().get_template("plan.md.j2").render(**vm)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
