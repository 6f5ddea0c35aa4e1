"""Markdown and HTML of every template × language at its defaults, against golden files.

Refresh after an intended change: pytest tests/render --update-golden, then review the diff.
"""

import pytest

from okrgen.catalog import Catalog, template_files
from okrgen.fill import fill, resolve
from okrgen.linting import lint_loaded
from okrgen.planio import dump_plan, loads_plan
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


@pytest.mark.parametrize("template_id, lang", CASES)
def test_html_golden(template_id, lang, golden):
    golden(f"{template_id}.{lang}.html", render_html(_vm(template_id, lang)))
