"""okrgen.plan.sheets: an export reads back as the same plans; hand-made sheets in its layout read too."""

from __future__ import annotations

import openpyxl
import pytest
import yaml

from okrgen.catalog.index import Catalog
from okrgen.cli.main import main
from okrgen.plan.sheets import headers, read_sheet, read_sheet_named

TEMPLATES = sorted(e.id for e in Catalog().entries())


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _with_checkins(path):
    """Give the first key result two check-ins (a note with a comma and a quote, a fractional value)."""
    data = _load(path)
    kr = data["objectives"][0]["key_results"][0]
    kr["checkins"] = [
        {"date": "2027-01-10", "value": 3.25, "note": 'slow start, "holidays"', "confidence": 6},
        {"date": "2027-02-01", "value": 7, "source": "crm.csv"},
    ]
    from okrgen.plan.planfile import dump_plan

    path.write_text(dump_plan(data), encoding="utf-8")
    return data


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_every_catalog_template_comes_back_from_its_export_unchanged(tmp_path, capsys, lang):
    plans = tmp_path / "plans"
    originals = {}
    for t in TEMPLATES:
        assert main(["new", t, "--lang", lang, "--no-input", "--no-lint", "-o", str(plans / f"{t}.yaml")]) == 0
        originals[t] = (plans / f"{t}.yaml").read_text(encoding="utf-8")
    originals["sdr"] = None
    _with_checkins(plans / "sdr.yaml")
    originals["sdr"] = (plans / "sdr.yaml").read_text(encoding="utf-8")
    assert main(["export", str(plans), "-o", str(tmp_path / "okrs.xlsx")]) == 0
    assert main(["import", str(tmp_path / "okrs.xlsx"), "-o", str(tmp_path / "back")]) == 0, capsys.readouterr().err
    for t, text in originals.items():
        assert (tmp_path / "back" / f"{t}.yaml").read_text(encoding="utf-8") == text, t


def test_an_edited_cell_wins_over_the_hidden_copy(tmp_path, capsys):
    assert main(["new", "sdr", "--lang", "en", "--no-input", "--no-lint", "-o", str(tmp_path / "p" / "sdr.yaml")]) == 0
    assert main(["export", str(tmp_path / "p"), "-o", str(tmp_path / "o.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    ws = wb["sdr"]
    cols = [c.value for c in ws[1]]
    ws.cell(row=2, column=cols.index("Target") + 1).value = 3
    ws.cell(row=2, column=cols.index("Key result") + 1).value = "Cut first response to 3 hours"
    wb.save(tmp_path / "o.xlsx")
    (name, plan) = read_sheet_named(str(tmp_path / "o.xlsx"))[0]
    kr = plan["objectives"][0]["key_results"][0]
    assert name == "sdr" and kr["target"] == 3 and kr["text"] == "Cut first response to 3 hours"
    assert plan["source"]["template"] == "sdr" and kr["metric"] == "first_response_hours"  # the rest kept


def _hand_made(path, rows, lang="en", checkins=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([h for _, h in headers("columns", lang)])
    keys = [k for k, _ in headers("columns", lang)]
    for r in rows:
        ws.append([r.get(k) for k in keys])
    if checkins is not None:
        ck = wb.create_sheet("Check-ins")
        ck.append([h for _, h in headers("checkin_columns", "en")])
        for c in checkins:
            ck.append(c)
    wb.save(path)


def test_a_hand_made_sheet_in_the_same_layout(tmp_path):
    rows = [
        {"plan": "emea", "team": "EMEA", "objective": "Grow", "key_result": "Raise ARR to 3M", "unit": "USD", "baseline": "2M", "target": "3 000 000"},
        {"plan": "emea", "key_result": "Win rate to 30%", "unit": "%", "baseline": 22, "target": 30, "current": 25},
        {"plan": "apac", "team": "华东", "objective": "增长", "key_result": "销售额达到1500万", "target": "1500万", "kind": "cumulative"},
    ]
    _hand_made(tmp_path / "h.xlsx", rows, checkins=[["apac", "KR1.1", "2027-01-31", 300_0000, 7, "ok", None]])
    plans = dict(read_sheet_named(str(tmp_path / "h.xlsx")))
    emea = plans["emea"]
    assert emea["team"] == "EMEA" and len(emea["objectives"]) == 1
    assert emea["objectives"][0]["key_results"][0]["baseline"] == 2_000_000
    assert emea["objectives"][0]["key_results"][1] == {"text": "Win rate to 30%", "unit": "%", "baseline": 22, "target": 30, "current": 25}
    assert plans["apac"]["objectives"][0]["key_results"][0]["target"] == 15_000_000
    from okrgen.plan.schema import validate

    assert all(validate("plan", p) == [] for p in plans.values())


def test_a_bad_cell_names_the_file_and_row(tmp_path, cli):
    _hand_made(tmp_path / "h.xlsx", [{"plan": "x", "objective": "Grow", "key_result": "Raise ARR", "target": "lots", "unit": "USD"}])
    code, _, err = cli("import", tmp_path / "h.xlsx", "-o", tmp_path / "out")
    assert code == 2 and f"{tmp_path / 'h.xlsx'}:2" in err and "target" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_draft_sheet_is_left_to_the_draft_reader(tmp_path):
    (tmp_path / "d.csv").write_text("Objective,Key result,Owner\nGrow,Raise NPS to 50,Ann\n", encoding="utf-8")
    assert read_sheet(str(tmp_path / "d.csv")) == []


def test_csv_export_reads_back_its_figures(tmp_path, capsys):
    assert main(["new", "sdr", "--lang", "ru", "--no-input", "--no-lint", "-o", str(tmp_path / "p" / "sdr.yaml")]) == 0
    assert main(["export", str(tmp_path / "p"), "-o", str(tmp_path / "o.csv")]) == 0
    assert (tmp_path / "o.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    plan = read_sheet(str(tmp_path / "o.csv"))[0]
    original = _load(tmp_path / "p" / "sdr.yaml")
    for o, p in zip(original["objectives"], plan["objectives"]):
        assert [(k["id"], k["text"], k.get("baseline"), k["target"]) for k in o["key_results"]] == [
            (k["id"], k["text"], k.get("baseline"), k["target"]) for k in p["key_results"]
        ]
