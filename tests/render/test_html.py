"""HTML details the golden files do not pin down: break opportunities in long unbroken runs, and
none inside a formatted figure."""

from __future__ import annotations

import html as htmllib
import re
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
        "Raise the share of new reps who pass the first-call review from 40 to 75 by March 31",
        "Снизить долю сделок без следующего шага с 35 до 15 к 31 марта",
        "将转化率提升一倍，同时新增付费会员并且完善供应商评估机制确保课程质量和交付，KR1.1",
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


FIGURES = [
    ("将华东区的新签合同额从¥110万提升到¥350万", ["¥110万", "¥350万"]),
    ("落后：第45天（共90天）：预期¥175万", ["45天", "90天", "¥175万"]),
    ("Raise ARR from $3.5M to US$4.2M (+20%) in Q1 2027 (KR1.1)", ["$3.5M", "US$4.2M", "20%"]),
    ("Выручка с 880 млн ₽ до 1,1\xa0млрд\xa0₽, доля с 30 % до 15\xa0%", ["880 млн ₽", "1,1\xa0млрд\xa0₽", "30 %", "15\xa0%"]),
    ("从12个增加到30个，预算 CN¥25,000 €12.50", ["12个", "30个", "CN¥25,000", "€12.50"]),
]


@pytest.mark.parametrize("text, figures", FIGURES)
def test_each_formatted_figure_is_one_unbreakable_span(text, figures):
    out = breakable_filter(text)
    assert isinstance(out, Markup)
    assert re.findall(r'<span class="fig">(.*?)</span>', str(out)) == figures
    assert htmllib.unescape(re.sub(r"</?span[^>]*>", "", str(out))) == text  # nothing lost, nothing added
    from okrgen.render.html import stylesheet

    assert re.search(r"\.fig\s*\{[^}]*white-space:\s*nowrap", stylesheet())


def test_figures_stay_escaped_and_long_runs_still_break():
    out = str(breakable_filter(f"<b>¥350万</b> & {HASH}"))
    assert '&lt;b&gt;<span class="fig">¥350万</span>&lt;/b&gt; &amp; ' in out and "<wbr>" in out


def test_figures_in_descriptions_are_kept_whole_and_markdown_stays_plain():
    from okrgen.render.html import render_html
    from okrgen.render.markdown import render_markdown

    plan = {
        "title": "t",
        "lang": "zh",
        "objectives": [{"title": "O", "description": '目标是**提升到¥350万**，"A&B"', "key_results": [{"text": "从¥110万提升到¥350万"}]}],
    }
    vm = build(plan, [])
    html = render_html(vm)
    assert '<strong>提升到<span class="fig">¥350万</span></strong>，&quot;A&amp;B&quot;' in html
    md = render_markdown(vm)
    assert "<span" not in md and "从¥110万提升到¥350万" in md


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by scripts/setup.sh")
def test_money_never_parts_from_its_magnitude_at_a_line_end_in_the_pdf(tmp_path):
    # The figure is moved one character along the key result column in each row, so some row puts
    # it at the end of a line: before the fix one of them read "提升到¥350" and "万" on the next line.
    rows = [
        {"text": "将" + "华" * k + "区的新签合同额提升到¥350万并保持" + "稳" * 4, "unit": "CNY", "baseline": 1_100_000, "target": 3_500_000} for k in range(48)
    ]
    plan = {"title": "T", "lang": "zh", "currency": "CNY", "objectives": [{"title": "O", "key_results": rows}]}
    path = tmp_path / "narrow.pdf"
    path.write_bytes(render_pdf(build(plan, [])))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # each row shows ¥350万 twice, in its text and as its target; a figure split at a line end is missing
    assert text.count("¥350万") == 2 * len(rows), re.findall(r".{0,6}¥350(?!万).{0,12}", text, re.S)
