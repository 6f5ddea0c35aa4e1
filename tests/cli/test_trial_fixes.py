"""Fixes found by trying okrgen as a head of sales, sales ops and an OKR coach would."""

import shutil
from pathlib import Path

from okrgen.cli.main import main
from okrgen.track import score as sc

PLAN = Path(__file__).parent.parent / "data" / "score" / "plan.yaml"


def test_status_counts_read_naturally():
    counts = {"on_track": 1, "behind": 2}
    assert sc.status_counts(counts, "en") == "1 on track, 2 behind"
    assert sc.status_counts(counts, "ru") == "в графике: 1, отстаёт: 2"  # not "2 отстаёт"
    assert sc.status_counts(counts, "zh") == "按计划：1，落后：2"


def test_score_summary_line_in_russian(tmp_path, capsys):
    p = tmp_path / "plan.yaml"
    shutil.copy(PLAN, p)
    p.write_text(p.read_text(encoding="utf-8").replace("lang: en", "lang: ru"), encoding="utf-8")
    main(["score", str(p), "--as-of", "2027-02-14"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("План") and "в графике: 1, под угрозой: 1, отстаёт: 1" in last


def test_export_import_gives_a_checked_in_plan_back_byte_for_byte(tmp_path, monkeypatch, capsys):
    # `okrgen checkin` writes `date: 2027-02-10` unquoted, and people add comments; the round trip
    # through the workbook used to quote the dates ('2027-02-10') and drop the comments.
    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-14")
    plans = tmp_path / "plans"
    assert main(["new", "sdr", "--lang", "en", "--no-input", "--no-lint", "--set", "period=2027-Q1", "-o", str(plans / "sdr.yaml")]) == 0
    assert main(["checkin", str(plans / "sdr.yaml"), "KR1.1=9", "--note", "routing fixed", "--date", "2027-02-10"]) == 0
    p = plans / "sdr.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("objectives:\n", "# reviewed with the VP on Feb 3\nobjectives:\n", 1), encoding="utf-8")
    original = p.read_bytes()
    assert b"date: 2027-02-10\n" in original
    assert main(["export", str(plans), "-o", str(tmp_path / "okrs.xlsx")]) == 0
    assert main(["import", str(tmp_path / "okrs.xlsx"), "-o", str(tmp_path / "back")]) == 0
    assert (tmp_path / "back" / "sdr.yaml").read_bytes() == original


def test_an_unclosed_quote_points_at_the_opening_quote(tmp_path, capsys):
    p = tmp_path / "plan.yaml"
    p.write_text('version: 1\ntitle: "Bad\nlang: en\nobjectives:\n  - title: x\n', encoding="utf-8")
    assert main(["lint", str(p)]) == 2
    out = capsys.readouterr()
    text = out.out + out.err
    assert f"{p}:2:8:" in text and "closing quote" in text and "Traceback" not in text


def test_check_in_values_keep_the_key_results_number_format(tmp_path, monkeypatch):
    import openpyxl

    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-14")
    plans = tmp_path / "plans"
    assert main(["new", "sdr", "--lang", "en", "--no-input", "--no-lint", "--set", "period=2027-Q1", "-o", str(plans / "sdr.yaml")]) == 0
    assert main(["checkin", str(plans / "sdr.yaml"), "KR2.1=26%", "KR1.1=9", "--date", "2027-02-10"]) == 0
    assert main(["export", str(plans), "-o", str(tmp_path / "okrs.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "okrs.xlsx")["Check-ins"]
    cols = [c.value for c in ws[1]]
    fmts = {row[cols.index("KR ID")].value: row[cols.index("Value")].number_format for row in ws.iter_rows(min_row=2)}
    assert fmts["KR2.1"] == '#,##0"%"'  # shown as 26%, as on the plan's sheet
    assert fmts["KR1.1"] == "#,##0"


def test_chinese_figures_write_the_measure_word_without_a_space_and_a_full_width_colon(tmp_path, capsys):
    assert sc.fmt_value(31, "天", "zh") == "31天" and sc.fmt_value(48, "单", "zh") == "48单"
    assert sc.fmt_value(467, "SQL", "zh") == "467 SQL" and sc.fmt_value(31, "days", "en") == "31 days"
    p = tmp_path / "plan.yaml"
    shutil.copy(PLAN, p)
    p.write_text(p.read_text(encoding="utf-8").replace("lang: en", "lang: zh"), encoding="utf-8")
    main(["score", str(p), "--as-of", "2027-02-14"])
    out = capsys.readouterr().out
    assert "落后：" in out or "有风险：" in out or "按计划：" in out
    assert "落后: " not in out and "有风险: " not in out and "按计划: " not in out


def test_a_missing_plan_says_how_to_fix_it_in_every_command(tmp_path, capsys):
    for cmd in (["score"], ["status"], ["export", "-o", str(tmp_path / "o.xlsx")], ["report", "-o", str(tmp_path / "site")]):
        assert main([*cmd[:1], str(tmp_path / "nope.yaml"), *cmd[1:]]) == 2
        err = capsys.readouterr().err
        assert "nope.yaml: no such file" in err and "hint: Check the path" in err, cmd


def test_russian_count_units_agree_with_the_number():
    assert [sc.fmt_value(n, "сделок", "ru") for n in (1, 3, 5, 12, 21, 22)] == ["1 сделка", "3 сделки", "5 сделок", "12 сделок", "21 сделка", "22 сделки"]
    assert sc.fmt_value(21, "сделок", "ru", after_iz=True) == "21 сделки" and sc.fmt_value(14, "сделок", "ru", after_iz=True) == "14 сделок"
    assert sc.fmt_value(4, "дн.", "ru") == "4 дн." and sc.fmt_value(4, "deals", "en") == "4 deals"


def test_chinese_table_headers_do_not_break_inside_a_word(tmp_path):
    # 单位 (unit) in a narrow column was set as 单 over 位 in the PDF.
    assert main(["new", "head-of-sales", "--lang", "zh", "--no-input", "--no-lint", "-o", str(tmp_path / "p.yaml")]) == 0
    assert main(["render", str(tmp_path / "p.yaml"), "--format", "html", "-o", str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "p.html").read_text(encoding="utf-8")
    assert ":lang(zh) thead th { white-space: nowrap; }" in html and "<th>单位</th>" in html


def test_the_roll_up_says_its_kr_count_is_of_scored_key_results(tmp_path, capsys):
    # A plan of 7 KRs with no check-in showed "KRs 0" in the roll-up.
    plans = tmp_path / "plans"
    for team in ("EMEA", "APAC"):
        assert (
            main(
                ["new", "sdr", "--lang", "en", "--no-input", "--no-lint", "--set", f"team={team}", "--set", "period=2027-Q1", "-o", str(plans / f"{team}.yaml")]
            )
            == 0
        )
    capsys.readouterr()
    assert main(["score", str(plans), "--as-of", "2027-02-14"]) == 0
    out = capsys.readouterr().out
    assert "Scored KRs" in out


def test_import_of_a_draft_says_okrgen_wrote_like_every_other_command(tmp_path, capsys):
    d = tmp_path / "draft.md"
    d.write_text("# OKRs 2027 Q1\n\n## Objective: Grow\n- Grow MQLs from 400 to 650\n", encoding="utf-8")
    assert main(["import", str(d), "-o", str(tmp_path / "p.yaml")]) == 0
    assert f"okrgen: wrote {tmp_path / 'p.yaml'}" in capsys.readouterr().err


def test_a_check_in_typed_with_its_unit_gets_a_hint_with_the_figure_alone(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-20")
    p = tmp_path / "plan.yaml"
    shutil.copy(PLAN, p)
    assert main(["checkin", str(p), "KR1.2=31 days"]) == 2
    assert "hint: Write the figure without a unit (the key result's unit is implied): KR1.2=31" in capsys.readouterr().err


def test_new_warns_when_a_money_value_is_written_in_another_currency(tmp_path, capsys):
    args = ["new", "head-of-sales", "--no-input", "--no-lint", "--force", "-o", str(tmp_path / "p.yaml")]
    assert main([*args, "--lang", "ru", "--set", "revenue_target=$350M", "--set", "deal_size=250 000 ₽"]) == 0
    err = capsys.readouterr().err
    assert "warning: revenue_target: '$350M' is written in USD, but the plan is in RUB" in err and "deal_size" not in err
    assert main([*args, "--lang", "en", "--set", "revenue_target=$3.5M"]) == 0
    assert "warning" not in capsys.readouterr().err
