import pytest
from markdown_it import MarkdownIt

from okrgen.finding import Finding
from okrgen.render.markdown import escape_md, render_markdown
from okrgen.render.viewmodel import build

PLAN = {
    "title": "Q1 <b>plan</b>",
    "lang": "en",
    "period": "2027-Q1",
    "team": "Team | A",
    "objectives": [
        {
            "title": "Win *big*",
            "key_results": [
                {"text": "Grow ARR from 1 to 2 | really", "baseline": 1, "target": 2, "unit": "USD"},
                {"text": "Cut churn from 3% to 2%", "baseline": 3, "target": 2, "unit": "%", "current": 2.5, "direction": "decrease"},
            ],
            "initiatives": ["Run <script>x</script> campaigns"],
        }
    ],
}


def test_user_text_cannot_break_the_table_or_inject_html():
    md = render_markdown(build(PLAN, []))
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(md)
    assert "<script>" not in html and "<b>" not in html
    assert "Grow ARR from 1 to 2 \\| really" in md
    tables = [line for line in md.splitlines() if line.startswith("| KR1.1")]
    assert len(tables) == 1 and tables[0].count(" | ") >= 4


def test_findings_are_marked_and_listed_with_fixes():
    f = Finding("SMART-R01", "warning", "This describes work.", "Ask so what.", pointer="/objectives/0/key_results/0")
    md = render_markdown(build(PLAN, [f]))
    assert "⚠ SMART-R01" in md.split("## SMART review")[0]
    assert "- **warning** `SMART-R01` (KR1.1): This describes work." in md and "*Fix:* Ask so what." in md


def test_score_column_appears_with_a_current_value():
    md = render_markdown(build(PLAN, []))
    assert "Progress" in md and "▰▰▰▰▰▱▱▱▱▱ 0.5" in md


def test_escape():
    assert escape_md("a*b_c|d<e") == "a\\*b\\_c\\|d\\<e"


def test_default_titles():
    plain = {"objectives": [{"title": "Win", "key_results": [{"text": "Grow ARR from 1 to 2"}]}]}
    assert render_markdown(build(plain, [])).startswith("# OKRs\n")
    assert render_markdown(build({**plain, "period": "2027-Q1", "lang": "ru"}, [])).startswith("# OKR на I квартал 2027\n")
    assert render_markdown(build({**plain, "team": "Sales", "period": "2027"}, [])).startswith("# Sales: OKRs for 2027\n")


def test_objective_score_is_the_weighted_mean_that_okrgen_score_prints():
    plan = {
        "objectives": [
            {
                "title": "Win",
                "key_results": [
                    {"text": "Grow ARR from 0 to 10", "baseline": 0, "target": 10, "current": 10, "weight": 3},
                    {"text": "Grow NPS from 0 to 10", "baseline": 0, "target": 10, "current": 0, "weight": 1},
                ],
            }
        ]
    }
    vm = build(plan, [])
    assert vm["objectives"][0]["score"]["value"] == 0.75  # a plain mean would say 0.5


def test_images_in_descriptions_are_dropped_from_markdown_too():
    plan = {
        "title": "t",
        "lang": "en",
        "notes": 'pixel ![track](http://evil.example/p.gif "t") <img src="http://evil.example/q.gif">',
        "objectives": [
            {"title": "O", "description": "chart ![Q4 chart](file:///etc/passwd) and ![ref][r]", "key_results": [{"text": "Raise revenue from 1 to 2"}]}
        ],
    }
    md = render_markdown(build(plan, []))
    assert "evil.example" not in md and "/etc/passwd" not in md and "![" not in md
    assert "chart Q4 chart and ref" in md and "pixel track" in md


@pytest.mark.parametrize("lang, words", [("en", "watched, no level set"), ("ru", "отслеживается, уровень не задан"), ("zh", "仅跟踪，未设水平")])
def test_a_kpi_without_a_level_says_so_in_words(lang, words):
    from okrgen.render.html import render_html
    from okrgen.render.markdown import render_markdown
    from okrgen.render.viewmodel import build

    plan = {
        "version": 1,
        "lang": lang,
        "title": "T",
        "objectives": [{"title": "O", "key_results": [{"text": "K"}]}],
        "kpis": [{"name": "Watched"}, {"name": "Held", "target": "≥ 30%"}],
    }
    vm = build(plan, [], lang)
    assert [k["target"] for k in vm["kpis"]] == [words, "≥ 30%"]
    assert f"| Watched | {words} |" in render_markdown(vm)
    html = render_html(vm)
    assert f'<td class="no-level">{words}</td>' in html
    assert '<section class="review clean-review">' in html and "<h2>" + vm["L"]["review"] not in html
    plan["kpis"] = [{"name": "Watched"}]  # no KPI has a level: no level column at all
    assert build(plan, [], lang)["kpis_have_target"] is False


def test_russian_text_keeps_figures_with_units_in_html():
    from okrgen.render.html import render_html
    from okrgen.render.viewmodel import build

    plan = {"version": 1, "lang": "ru", "title": "T", "objectives": [{"title": "O", "key_results": [{"text": "Сократить с 24 до 4 ч, с 20 % до 5 %"}]}]}
    html = render_html(build(plan, [], "ru"))
    assert "4\xa0ч" in html and "20\xa0%" in html and "5\xa0%" in html
