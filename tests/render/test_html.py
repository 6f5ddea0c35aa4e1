"""HTML details the golden files do not pin down: break opportunities in long unbroken runs."""

from __future__ import annotations

import html as htmllib
import shutil
import subprocess

import pytest
from markupsafe import Markup

from okrgen.render.html import breakable_filter
from okrgen.render.pdf import render_pdf
from okrgen.render.viewmodel import build

HASH = "9f86d081884c7d659a2feaa0c55ad015" * 5  # 160 characters, no break opportunity at all


@pytest.mark.parametrize(
    "text",
    [
        "Raise the share of new reps who pass the first-call review from 40% to 75% by March 31",
        "Снизить долю сделок без следующего шага с 35 % до 15 % к 31 марта",
        "将转化率从10%提升到20%，同时新增付费会员5000人并且完善供应商评估机制确保课程质量和交付",
        "a" * 30,
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert breakable_filter(text) == text and not isinstance(breakable_filter(text), Markup)


def test_long_runs_get_break_opportunities_and_stay_escaped():
    text = f"See https://example.com/a/very/long/path?x=1&y=<script>alert(1)</script> and {HASH} now"
    out = breakable_filter(text)
    assert isinstance(out, Markup) and "<script>" not in out and "&lt;script&gt;" in out
    assert htmllib.unescape(str(out).replace("<wbr>", "")) == text  # nothing lost, nothing added
    pieces = str(out).replace("<wbr>", " ").split()
    assert max(len(htmllib.unescape(p)) for p in pieces) <= 24  # 20 characters and their punctuation
    assert "https://<wbr>" in out


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by scripts/setup.sh")
def test_a_long_token_does_not_push_the_numbers_off_the_page(tmp_path):
    plan = {
        "title": "T",
        "lang": "en",
        "objectives": [
            {
                "title": "Make every new rep productive",
                "key_results": [
                    {"text": f"Get reads of report {HASH} by the end of March", "baseline": 1234, "target": 5678},
                    {"text": "Raise the first-call pass rate by the end of March", "baseline": 4321, "target": 8765},
                ],
            }
        ],
    }
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(build(plan, [])))
    words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    # Without break opportunities the key result column grew past the page edge and took the
    # baseline and target columns with it: they were not on the page at all.
    assert {"1,234", "5,678", "4,321", "8,765"} <= set(words), words


def test_images_in_descriptions_are_dropped_keeping_their_alt_text():
    from okrgen.render.html import render_html

    plan = {
        "title": "t",
        "lang": "en",
        "notes": "pixel ![track](http://evil.example/p.gif)",
        "objectives": [
            {"title": "O", "description": "chart ![Q4 chart](https://cdn.example/c.png) here", "key_results": [{"text": "Raise revenue from 1 to 2"}]}
        ],
    }
    html = render_html(build(plan, []))
    assert "<img" not in html and "evil.example" not in html and "cdn.example" not in html
    assert "chart Q4 chart here" in html and "pixel track" in html
