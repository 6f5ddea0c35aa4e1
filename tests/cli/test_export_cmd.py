"""`okrgen export`: typed cells, frozen header, filters, a sheet per plan; refusals exit 2."""

from __future__ import annotations

import json

import openpyxl


def _plans(cli, tmp_path, langs=("en",)):
    for lang in langs:
        code, _, err = cli("new", "sdr", "--lang", lang, "--no-input", "--no-lint", "--set", f"team=Team {lang}", "-o", tmp_path / "plans" / f"sdr-{lang}.yaml")
        assert code == 0, err
    return tmp_path / "plans"


def test_xlsx_has_typed_cells_frozen_header_filters_and_a_sheet_per_plan(tmp_path, cli):
    plans = _plans(cli, tmp_path, ("en", "ru"))
    assert cli("checkin", plans / "sdr-en.yaml", "KR1.2=41", "--date", "2027-01-20", "--force")[0] == 0
    code, _, err = cli("export", plans, "-o", tmp_path / "o.xlsx", "--as-of", "2027-02-01")
    assert code == 0 and "wrote" in err and "2 plans" in err
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    assert wb.sheetnames[:3] == ["Summary", "sdr-en", "sdr-ru"] and "Check-ins" in wb.sheetnames
    assert wb["_okrgen"].sheet_state == "hidden"
    ws = wb["Summary"]
    head = [c.value for c in ws[1]]
    assert head[:8] == ["Plan", "Team", "Owner", "Period", "Objective ID", "Objective", "KR ID", "Key result"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    row = {h: c for h, c in zip(head, ws[3])}  # KR1.2: 38% → 48%
    assert row["Unit"].value == "%" and row["Baseline"].value == 38 and row["Baseline"].number_format.endswith('"%"')
    assert isinstance(row["Score"].value, float) and row["Score"].number_format == "0.00"
    assert row["Current"].value == 41 and row["Last check-in"].value.date().isoformat() == "2027-01-20"
    assert ws.column_dimensions["H"].width > 30  # the key result's text is wide
    assert [c.value for c in wb["Check-ins"][2]][:4] == ["sdr-en", "KR1.2", wb["Check-ins"]["C2"].value, 41]


def test_csv_is_utf8_with_bom_and_json_summary(tmp_path, cli):
    plans = _plans(cli, tmp_path, ("zh",))
    code, out, _ = cli("export", plans / "sdr-zh.yaml", "-o", tmp_path / "o.csv", "--format", "json")
    data = (tmp_path / "o.csv").read_bytes()
    assert code == 0 and data.startswith(b"\xef\xbb\xbf") and "关键结果" in data.decode("utf-8-sig")
    assert json.loads(out) == {"version": 1, "command": "export", "wrote": [str(tmp_path / "o.csv")], "plans": 1, "key_results": 7}


def test_refusals(tmp_path, cli):
    plans = _plans(cli, tmp_path)
    code, _, err = cli("export", plans, "-o", tmp_path / "o.ods")
    assert code == 2 and ".xlsx or .csv" in err
    (tmp_path / "o.xlsx").write_text("mine")
    code, _, err = cli("export", plans, "-o", tmp_path / "o.xlsx")
    assert code == 2 and "--force" in err and (tmp_path / "o.xlsx").read_text() == "mine"
    code, _, err = cli("export", tmp_path / "nothing", "-o", tmp_path / "n.csv")
    assert code == 2 and "no such file" in err and not (tmp_path / "n.csv").exists()


def test_a_cumulative_kr_shows_its_last_period_and_an_edited_one_reads_back(tmp_path, cli):
    plan = tmp_path / "hos.yaml"
    assert cli("new", "head-of-sales", "--lang", "ru", "--no-input", "--no-lint", "-o", plan)[0] == 0
    assert cli("export", plan, "-o", tmp_path / "o.xlsx")[0] == 0
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    ws = wb[wb.sheetnames[0]]  # the summary, named in the plans' language
    head = [c.value for c in ws[1]]
    assert head.index("Прошлый период") == head.index("Исходное значение") + 1
    row = {h: c for h, c in zip(head, ws[2])}  # KR1.1: bookings, counted from zero this period
    assert row["Тип"].value == "cumulative" and row["Исходное значение"].value is None
    last = row["Прошлый период"].value
    assert isinstance(last, (int, float)) and last > 0
    ws_plan = wb[wb.sheetnames[1]]
    plan_head = [c.value for c in ws_plan[1]]
    ws_plan.cell(row=2, column=plan_head.index("Прошлый период") + 1, value=last + 1)
    wb.save(tmp_path / "edited.xlsx")
    assert cli("import", tmp_path / "edited.xlsx", "-o", tmp_path / "back")[0] == 0
    import yaml

    back = yaml.safe_load(next((tmp_path / "back").glob("*.yaml")).read_text(encoding="utf-8"))
    assert back["objectives"][0]["key_results"][0]["previous"] == last + 1


def test_an_edit_on_the_summary_is_refused_and_an_edited_check_in_moves_current(tmp_path, cli):
    # a user trial: a Summary edit was dropped without a word; an edited check-in left `current` behind
    plans = _plans(cli, tmp_path, ("en", "ru"))
    assert cli("checkin", plans / "sdr-en.yaml", "KR1.2=41", "--date", "2027-01-20", "--force")[0] == 0
    assert cli("export", plans, "-o", tmp_path / "o.xlsx")[0] == 0
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    ws = wb["Summary"]
    head = [c.value for c in ws[1]]
    ws.cell(row=3, column=head.index("Target") + 1, value=99)
    wb.save(tmp_path / "summary-edited.xlsx")
    code, _, err = cli("import", tmp_path / "summary-edited.xlsx", "-o", tmp_path / "a")
    assert code == 2 and "was edited on the summary, which is a copy" in err and "sheet of plan 'sdr-en'" in err
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    ck = wb["Check-ins"]
    ck_head = [c.value for c in ck[1]]
    ck.cell(row=2, column=ck_head.index("Value") + 1, value=44)
    wb.save(tmp_path / "checkin-edited.xlsx")
    assert cli("import", tmp_path / "checkin-edited.xlsx", "-o", tmp_path / "b")[0] == 0
    import yaml

    kr = yaml.safe_load((tmp_path / "b" / "sdr-en.yaml").read_text(encoding="utf-8"))["objectives"][0]["key_results"][1]
    assert kr["checkins"][-1]["value"] == 44 and kr["current"] == 44
