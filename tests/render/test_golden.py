"""Markdown and HTML output: golden files for two templates in every language, structure for all.

Full golden files make every wording change in a template a multi-file diff, so only two templates
(head-of-sales: money, percent and funnel figures; sdr: counts and a KPI table) keep them, in en,
ru and zh. Every other template × language is checked for what a reader needs: the title, every
objective and key result with its id and text, the SMART review, well-formed self-contained HTML.
Refresh after an intended change: pytest tests/render --update-golden, then review the diff.
"""

import re

import pytest

from okrgen.catalog.fill import fill, resolve
from okrgen.catalog.index import Catalog, template_files
from okrgen.i18n import LANGS
from okrgen.lint.located import lint_loaded
from okrgen.plan.planfile import dump_plan, loads_plan
from okrgen.render.html import render_html
from okrgen.render.markdown import render_markdown
from okrgen.render.viewmodel import build
from okrgen.resources import folder

GOLDEN_TEMPLATES = ("head-of-sales", "sdr")
CASES = [(t, lang) for t in GOLDEN_TEMPLATES for lang in LANGS]
ALL = [(f.stem, lang) for f in template_files(folder("catalog")) for lang in LANGS]


def _plan(template_id, lang):
    t = Catalog().get(template_id)
    return fill(t, lang, resolve(t, lang, {"team": {"en": "Demo team", "ru": "Демо-команда", "zh": "演示团队"}[lang], "owner": "A. Lee"}))


def _vm(template_id, lang):
    plan = _plan(template_id, lang)
    loaded = loads_plan(dump_plan(plan), "plan.yaml")
    return build(loaded.data, lint_loaded(loaded))


@pytest.mark.parametrize("template_id, lang", CASES)
def test_markdown_golden(template_id, lang, golden):
    golden(f"{template_id}.{lang}.md", render_markdown(_vm(template_id, lang)))


def _without_stylesheet(html: str) -> str:
    """The page without its inlined CSS: the stylesheet is one file, compared once below."""
    start, end = html.index("<style>"), html.index("</style>")
    return html[:start] + "<style><!-- templates/html/style.css --></style>" + html[end + len("</style>") :]


@pytest.mark.parametrize("template_id, lang", CASES)
def test_html_golden(template_id, lang, golden):
    golden(f"{template_id}.{lang}.html", _without_stylesheet(render_html(_vm(template_id, lang))))


def test_html_is_self_contained_with_the_stylesheet_inlined():
    from okrgen.render.html import stylesheet

    html = render_html(_vm("sdr", "en"))
    assert stylesheet() in html and "<link" not in html and "<script" not in html


def _text_of(html: str) -> str:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts, self.stack = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br", "wbr", "link", "img", "hr", "col"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
            self.stack.pop()

        def handle_data(self, data):
            if not self.stack or self.stack[-1] not in ("style", "script"):
                self.parts.append(data)

    parser = Text()
    parser.feed(re.sub(r'<span class="fig">([^<]*)</span>', r"\1", html))  # a figure is part of its sentence
    parser.close()
    assert parser.stack == ["html"] or parser.stack == [], parser.stack
    return " ".join(" ".join(parser.parts).split())


@pytest.mark.parametrize("template_id, lang", ALL)
def test_every_template_shows_every_objective_and_key_result(template_id, lang):
    from okrgen.plan.ids import kr_id, objective_id

    vm = _vm(template_id, lang)
    md = render_markdown(vm)
    html_text = _text_of(render_html(vm))
    plain_md = " ".join(md.replace("\\", "").split())
    plan = _plan(template_id, lang)
    assert plan["title"].split()[0] in plain_md
    for oi, obj in enumerate(plan["objectives"]):
        assert objective_id(oi, obj) in html_text
        assert " ".join(obj["title"].split())[:20] in html_text
        for ki, kr in enumerate(obj["key_results"]):
            assert kr_id(oi, ki, kr) in html_text, (kr_id(oi, ki, kr), template_id, lang)
            words = " ".join(kr["text"].split())[:16]
            assert words in html_text, (words, template_id, lang)
