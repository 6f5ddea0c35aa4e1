"""HTML exports read as drafts (okrgen.plan.drafts.html)."""

from okrgen.plan.drafts import draft_from_lines
from okrgen.plan.drafts.html import html_lines


def read(html: str):
    return draft_from_lines(html_lines(html), html.split("\n"), "x.html", "html").plan


def test_headings_nested_lists_and_tables_in_three_languages():
    plan = read(
        "<h1>Marketing OKRs Q3 2026</h1>\n<ul><li>Grow pipeline<ul><li>Increase MQLs from 310 to 480</li>"
        "<li>Raise SQL rate to 35%</li></ul></li></ul>\n"
        "<table><tr><th>Objective</th><th>Key result</th><th>Owner</th></tr>\n"
        "<tr><td>Win mid-market</td><td>Sign 14 new clients</td><td>Ann</td></tr></table>"
    )
    assert plan["period"] == "2026-Q3"
    assert [o["title"] for o in plan["objectives"]] == ["Grow pipeline", "Win mid-market"]
    assert [k["text"] for k in plan["objectives"][0]["key_results"]] == ["Increase MQLs from 310 to 480", "Raise SQL rate to 35%"]
    assert plan["objectives"][1]["key_results"][0]["owner"] == "Ann"
    ru = read("<h2>Цели на III квартал 2026</h2><ul><li>Расти<ul><li>Увеличить выручку до 15 млн</li><li>Сократить цикл сделки</li></ul></li></ul>")
    assert ru["period"] == "2026-Q3" and ru["objectives"][0]["title"] == "Расти"
    zh = read(
        "<table><tr><th>目标</th><th>关键结果</th><th>负责人</th></tr><tr><td>提升销售额</td><td>签约20家客户</td><td>王伟</td></tr><tr><td></td><td>续约率达到90%</td><td>李娜</td></tr></table>"
    )
    assert len(zh["objectives"]) == 1 and len(zh["objectives"][0]["key_results"]) == 2


def test_scripts_and_styles_are_not_read():
    plan = read("<h2>Goals</h2><script>alert('KR1: x')</script><ul><li>KR1: Sign 5 deals</li><li>KR2: Raise NPS to 50</li></ul>")
    assert [k["text"] for o in plan["objectives"] for k in o["key_results"]] == ["Sign 5 deals", "Raise NPS to 50"]


def test_list_items_whose_text_is_in_a_paragraph_are_items():
    # Confluence's storage format and Notion's export write <li><p>…</p></li>; a user trial lost them all
    html = (
        "<p>Period: 2027-Q2</p>\n<h2>Objective 1: Expand in DACH</h2>\n"
        "<ul><li><p>Increase DACH bookings from €1.5M to €2.2M</p></li>\n"
        "<li><div><p>Improve customer satisfaction</p></div></li>\n"
        "<li><p>Hold 10 webinars</p><p>Owner's note: run by partners</p></li></ul>"
    )
    plan = read(html)
    krs = [k["text"] for o in plan["objectives"] for k in o["key_results"]]
    assert krs == ["Increase DACH bookings from €1.5M to €2.2M", "Improve customer satisfaction", "Hold 10 webinars"]
    lines = html_lines(html)
    assert [(ln.line, ln.item) for ln in lines if ln.text.startswith(("Increase", "Improve", "Hold"))] == [(3, True), (4, True), (5, True)]
