"""Word documents read as drafts (okrgen.plan.drafts.docx): headings, list levels, tables."""

import pytest

from okrgen.plan.drafts import draft_from_lines
from okrgen.plan.drafts.docx import docx_lines

docx = pytest.importorskip("docx")


def make(path, build):
    d = docx.Document()
    build(d)
    d.save(path)
    lines = docx_lines(str(path))
    return draft_from_lines(lines, [ln.text for ln in lines], str(path), "docx").plan


@pytest.mark.parametrize(
    ("heading", "objective", "krs", "period"),
    [
        ("Sales OKRs 2026 Q3", "Grow revenue", ["Raise ARR from $2M to $3M", "Sign 5 new logos"], "2026-Q3"),
        ("OKR отдела продаж, III квартал 2026", "Расти в среднем бизнесе", ["Увеличить выручку с 10 до 15 млн", "Подписать 14 клиентов"], "2026-Q3"),
        ("2026年第三季度 销售OKR", "提升销售额", ["签约20家新客户", "续约率从80%提升到90%"], "2026-Q3"),
    ],
)
def test_headings_and_list_levels(tmp_path, heading, objective, krs, period):
    def build(d):
        d.add_heading(heading, 1)
        d.add_paragraph(objective, style="List Bullet")
        for kr in krs:
            d.add_paragraph(kr, style="List Bullet 2")

    plan = make(tmp_path / "d.docx", build)
    assert plan["period"] == period
    assert [o["title"] for o in plan["objectives"]] == [objective]
    assert [k["text"] for k in plan["objectives"][0]["key_results"]] == krs


def test_tables(tmp_path):
    def build(d):
        t = d.add_table(rows=3, cols=3)
        for r, row in enumerate([["Objective", "Key result", "Owner"], ["Grow", "Sign 5 logos", "Ann"], ["", "Raise NPS to 50", "Bo"]]):
            for c, v in enumerate(row):
                t.cell(r, c).text = v

    plan = make(tmp_path / "t.docx", build)
    assert [k["owner"] for k in plan["objectives"][0]["key_results"]] == ["Ann", "Bo"]


@pytest.mark.parametrize(
    ("title", "period"),
    [("Partner sales OKRs – Q2 2027", "2027-Q2"), ("华南销售部 2027年第二季度 OKR", "2027-Q2"), ("OKR отдела продаж, II квартал 2027", "2027-Q2")],
)
def test_a_title_above_heading_1_objectives_gives_them_its_period(tmp_path, title, period):
    # Word's outline: Title, then each objective as Heading 1 (a user trial got "no period found")
    def build(d):
        d.add_heading(title, 0)  # style "Title"
        for n in (1, 2):
            d.add_heading(f"Objective {n}: grow", 1)
            d.add_paragraph("Increase bookings from $1.2M to $2M", style="List Bullet")
            d.add_paragraph("Sign 5 new partners", style="List Bullet")

    plan = make(tmp_path / "t.docx", build)
    assert plan["period"] == period
    assert [o["title"] for o in plan["objectives"]] == ["grow", "grow"]  # "Objective 1:" is a label
    assert all(len(o["key_results"]) == 2 for o in plan["objectives"])
