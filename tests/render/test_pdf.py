"""The PDF: page count, extracted text, embedded fonts (CJK for Chinese), paper size, no fetching."""

import re
import shutil
import subprocess

import pytest

from okrgen.catalog.fill import fill, resolve
from okrgen.catalog.index import Catalog
from okrgen.render.pdf import render_pdf
from okrgen.render.viewmodel import build
from okrgen.render.weasy import check_url

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is installed by scripts/setup.sh")


def _pdf(tmp_path, template_id="sdr", lang="en", paper="a4", findings=()):
    t = Catalog().get(template_id)
    plan = fill(t, lang, resolve(t, lang))
    path = tmp_path / f"{template_id}.{lang}.pdf"
    path.write_bytes(render_pdf(build(plan, list(findings)), paper))
    return path, plan


def _text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _info(path):
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_pdf_text_has_every_objective_and_key_result_id(tmp_path, lang):
    path, plan = _pdf(tmp_path, lang=lang)
    text = re.sub(r"\s+", "", _text(path))
    for obj in plan["objectives"]:
        assert re.sub(r"\s+", "", obj["title"])[:12] in text
        for kr in obj["key_results"]:
            assert kr["id"] in text
    pages = int(re.search(r"Pages:\s+(\d+)", _info(path)).group(1))
    assert 1 <= pages <= 3


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_latin_and_cyrillic_print_in_noto_sans_and_stay_small(tmp_path, lang):
    """With only the CJK font, its Latin letters were used and the PDF of two pages was 285 KB."""
    path, _ = _pdf(tmp_path, "head-of-sales", lang)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-Bold" in fonts and "+Noto-Sans " in fonts, fonts
    assert path.stat().st_size < 60_000


def test_emoji_print_from_an_emoji_font(tmp_path):
    plan = {
        "title": "Growth 🚀",
        "lang": "en",
        "objectives": [{"title": "Delight new users ✨", "key_results": [{"text": "Raise activation from 20% to 35% 🎯"}]}],
    }
    path = tmp_path / "emoji.pdf"
    path.write_bytes(render_pdf(build(plan, [])))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Emoji" in fonts, fonts


def test_chinese_pdf_embeds_a_cjk_font(tmp_path):
    path, _ = _pdf(tmp_path, lang="zh")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts, fonts


def test_page_numbers_in_the_plan_language(tmp_path):
    path, _ = _pdf(tmp_path, lang="ru")
    assert re.search(r"Стр\. 1 из \d", _text(path))


def test_letter_paper(tmp_path):
    path, _ = _pdf(tmp_path, paper="letter")
    assert "612 x 792 pts" in _info(path)
    path, _ = _pdf(tmp_path, lang="ru", paper="a4")
    assert "595.276 x 841.89 pts" in _info(path) or "595.28 x 841.89 pts" in _info(path)


def test_every_template_renders_without_a_page_holding_only_a_heading(tmp_path):
    """No page is nearly empty, and the last page never holds only the KPI table and the review:
    the KPIs go with the last objective (issue 13: short plans fit their pages)."""
    for template_id in Catalog().ids():
        for lang in ("ru", "zh"):  # the longest texts; English is checked by the other PDF tests
            path, _ = _pdf(tmp_path, template_id, lang)
            pages = [p for p in _text(path).split("\f") if p.strip()]
            for n, page in enumerate(pages):
                lines = [l for l in page.splitlines() if l.strip()]
                assert len(lines) > 3, f"{template_id}/{lang} page {n + 1} is nearly empty: {lines}"
            assert re.search(r"\bKR\d+\.\d+\b", pages[-1]), f"{template_id}/{lang}: the last page holds no key result:\n{pages[-1]}"


def test_weasyprint_may_not_fetch_files_or_urls():
    for url in ("file:///etc/passwd", "https://example.com/x.png", "/etc/passwd"):
        with pytest.raises(ValueError):
            check_url(url)


def test_description_with_an_image_link_does_not_read_the_file(tmp_path, monkeypatch):
    calls = []
    import okrgen.render.weasy as weasy

    def spy(url):
        calls.append(url)
        return check_url(url)

    monkeypatch.setattr(weasy, "check_url", spy)
    plan = {
        "title": "T",
        "lang": "en",
        "objectives": [
            {
                "title": "O",
                "description": "![x](https://example.com/x.png) ![y](file:///etc/passwd) <img src=x>",
                "key_results": [{"text": "Grow ARR from 1 to 2"}],
            }
        ],
    }
    data = render_pdf(build(plan, []))
    # Images are dropped from the HTML (alt text kept), so nothing reaches the fetcher, which would
    # refuse them anyway (test_weasyprint_may_not_fetch_files_or_urls).
    assert data.startswith(b"%PDF") and calls == []


def test_warns_with_the_fix_when_no_cjk_font_is_installed(monkeypatch):
    import okrgen.render.pdf as pdf

    monkeypatch.setattr(pdf, "has_cjk_font", lambda: False)
    said = []
    plan = {"title": "季度计划", "lang": "zh", "objectives": [{"title": "赢得华东市场", "key_results": [{"text": "将收入从1提升到2"}]}]}
    assert render_pdf(build(plan, []), warn=said.append).startswith(b"%PDF")
    assert said and "fonts-noto-cjk" in said[0] and "boxes" in said[0]
    said.clear()
    render_pdf(build({**plan, "lang": "en"}, []), warn=said.append)
    assert not said  # only Chinese needs it


def test_the_pdf_says_whose_plan_it_is(tmp_path):
    plan = {
        "title": 'Q1 plan "EMEA"',
        "owner": "Анна <Petrova>",
        "lang": "ru",
        "objectives": [{"title": "O", "key_results": [{"text": "Поднять выручку с 1 до 2"}]}],
    }
    path = tmp_path / "m.pdf"
    path.write_bytes(render_pdf(build(plan, [])))
    info = _info(path)
    assert 'Title:           Q1 plan "EMEA"' in info and "Author:          Анна <Petrova>" in info, info


HOSTILE_TITLE = 'Q1 </style><h1 id="x">owned</h1><style> */ a{} "quoted" \'single\' back\\slash\nnew line'


def test_a_hostile_title_stays_text_in_the_running_header(tmp_path):
    """The header is a CSS string inside <style>: a title must not close the string, a comment or the element."""
    import tinycss2

    from okrgen.render.pdf import pdf_html

    plan = {"title": HOSTILE_TITLE, "period": "2027-Q1", "lang": "en", "objectives": [{"title": "O", "key_results": [{"text": "Raise revenue from 1 to 2"}]}]}
    html = pdf_html(build(plan, []))
    style = html.split("<style>", 1)[1]
    assert style.count("</style>") == 1 and 'id="x"' not in style.split("</style>")[0]
    css = style.split("</style>")[0]
    pages = [r for r in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True) if getattr(r, "at_keyword", "") == "page"]
    body = tinycss2.parse_blocks_contents(pages[0].content, skip_comments=True, skip_whitespace=True)
    top_left = next(r for r in body if getattr(r, "at_keyword", "") == "top-left")
    decl = next(d for d in tinycss2.parse_blocks_contents(top_left.content, skip_whitespace=True) if getattr(d, "name", "") == "content")
    strings = [t.value for t in decl.value if t.type == "string"]
    assert strings == [" ".join(HOSTILE_TITLE.split())]
    path = tmp_path / "h.pdf"
    path.write_bytes(render_pdf(build(plan, [])))
    text = " ".join(_text(path).split())
    assert text.count("owned") == text.count("Q1 </style><h1") == 1  # the heading, as text (page 1 has no header)
