"""Markdown and HTML of every template × language at its defaults, against golden files.

Refresh after an intended change: pytest tests/render --update-golden, then review the diff.
"""

import pytest

from okrgen.catalog.fill import fill, resolve
from okrgen.catalog.index import Catalog, template_files
from okrgen.lint.located import lint_loaded
from okrgen.plan.planfile import dump_plan, loads_plan
from okrgen.render.html import render_html
from okrgen.render.markdown import render_markdown
from okrgen.render.viewmodel import build
from okrgen.resources import folder

CASES = [(f.stem, lang) for f in template_files(folder("catalog")) for lang in ("en", "ru", "zh")]


def _vm(template_id, lang):
    t = Catalog().get(template_id)
    plan = fill(t, lang, resolve(t, lang, {"team": {"en": "Demo team", "ru": "Демо-команда", "zh": "演示团队"}[lang], "owner": "A. Lee"}))
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
