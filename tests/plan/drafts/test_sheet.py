"""Hand-made OKR sheets (okrgen.plan.drafts.sheet): columns by header in en/ru/zh, merged objectives."""

import pytest

from okrgen.errors import OkrgenError
from okrgen.plan.drafts import draft_from_lines
from okrgen.plan.drafts.sheet import sheet_lines


def read(path):
    lines = sheet_lines(str(path))
    return draft_from_lines(lines, [ln.text for ln in lines], str(path), "sheet").plan


@pytest.mark.parametrize(
    "header",
    ["Objective,Key result,Owner,Target", "Цель,Ключевой результат,Ответственный,Целевое значение", "目标,关键结果,负责人,目标值"],
)
def test_csv_columns_by_header_and_merged_objectives(tmp_path, header):
    f = tmp_path / "okrs.csv"
    f.write_text(f"{header}\nGrow,Raise revenue,Ann,15\n,Cut churn,Bo,2%\nRetain,Renew 40 accounts,Cy,\n", encoding="utf-8")
    plan = read(f)
    assert [o["title"] for o in plan["objectives"]] == ["Grow", "Retain"]
    assert [k["owner"] for k in plan["objectives"][0]["key_results"]] == ["Ann", "Bo"]
    assert plan["objectives"][0]["key_results"][0]["text"] == "Raise revenue (15)"


def test_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Objective", "Key result", "Owner"])
    ws.append(["Grow", "Raise revenue to 15M", "Ann"])
    ws.append([None, "Cut churn to 2%", "Bo"])
    wb.save(tmp_path / "okrs.xlsx")
    plan = read(tmp_path / "okrs.xlsx")
    assert len(plan["objectives"][0]["key_results"]) == 2


def test_a_sheet_without_a_key_result_column_is_a_clear_error(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("name,amount\na,1\n", encoding="utf-8")
    with pytest.raises(OkrgenError, match="key result"):
        sheet_lines(str(f))


def test_a_target_the_text_already_writes_is_not_added_again(tmp_path):
    # a user trial: "Send 5,000 outbound emails (5000)"
    f = tmp_path / "okrs.csv"
    f.write_text('Objective,Key result,Target\nGrow,"Send 5,000 outbound emails",5000\n,Raise NPS to 45,45\n,Win more deals,40\n', encoding="utf-8")
    texts = [k["text"] for k in read(f)["objectives"][0]["key_results"]]
    assert texts == ["Send 5,000 outbound emails", "Raise NPS to 45", "Win more deals (40)"]
