"""`okrgen checkin`: records values in the file; unknown ids, bad values and dates exit 2."""

import shutil
from pathlib import Path

import pytest

from okrgen.cli.main import main

PLAN = Path(__file__).parent.parent / "data" / "score" / "plan.yaml"


@pytest.fixture
def plan(tmp_path, monkeypatch):
    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-20")  # inside the plan's period 2027-Q1
    p = tmp_path / "plan.yaml"
    shutil.copy(PLAN, p)
    return p


def test_checkin_records_and_reports(plan, capsys):
    assert main(["checkin", str(plan), "KR1.2=37", "KR2.2=4", "--note", "two big deals slipped", "--date", "2027-02-10"]) == 0
    out = capsys.readouterr().out
    assert "KR1.2 = 37 on 2027-02-10 (current 55 → 37)" in out
    text = plan.read_text(encoding="utf-8")
    assert "current: 37" in text and "note: two big deals slipped" in text
    assert main(["score", str(plan), "--format", "json"]) == 0


def test_default_date_is_today(plan, capsys):
    assert main(["checkin", str(plan), "KR1.1=2700000"]) == 0
    assert "date: 2027-02-20" in plan.read_text(encoding="utf-8")  # OKRGEN_TODAY


@pytest.mark.parametrize(
    "args, words",
    [
        (["KR9.9=1"], "no key result with id 'KR9.9'; the ids are KR1.1, KR1.2, KR2.1, KR2.2, KR2.3"),
        (["KR1.2=abc"], "check-in value for KR1.2 must be a number, got 'abc'"),
        (["KR1.2=40 apples"], "must be a number, got '40 apples'"),
        (["KR1.2"], "expected KR_ID=VALUE"),
        (["KR1.2=4", "--date", "2027-02-30"], "--date must be a real date"),
        (["KR1.2=4", "--date", "2027-04-02"], "the check-in of KR1.2 is dated 2027-04-02, outside the plan's period 2027-Q1"),
        (["KR1.2=4", "--date", "2027-02-21"], "after today (2027-02-20)"),
        (["KR1.2=4", "--confidence", "11"], "confidence must be a number from 0 to 10"),
        (["KR1.2=4", "--note", "a", "--note", "b"], "--note without a KR id is given twice"),
        ([], "nothing to record"),
    ],
)
def test_bad_input_exit_2_and_file_untouched(plan, args, words, capsys):
    before = plan.read_bytes()
    assert main(["checkin", str(plan)] + args) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert plan.read_bytes() == before


def test_missing_file(tmp_path, capsys):
    assert main(["checkin", str(tmp_path / "nope.yaml"), "KR1.1=1"]) == 2
    assert "no such file" in capsys.readouterr().err


DATA = Path(__file__).parent.parent / "data" / "checkin"
MAPS = Path(__file__).parent.parent.parent / "docs" / "checkin-maps"


def test_force_records_a_date_outside_the_period(plan):
    assert main(["checkin", str(plan), "KR1.2=4", "--date", "2027-04-02", "--force"]) == 0
    assert "date: 2027-04-02" in plan.read_text(encoding="utf-8")


def test_per_kr_note_and_confidence(plan):
    assert main(["checkin", str(plan), "KR1.1=2.7M", "KR1.2=50", "--note", "KR1.2=two deals slipped", "--note", "weekly", "--confidence", "7"]) == 0
    from okrgen.plan.yamlload import load

    krs = load(plan).data["objectives"][0]["key_results"]
    assert krs[0]["checkins"][-1] == {"date": "2027-02-20", "value": 2700000, "note": "weekly", "confidence": 7}
    assert krs[1]["checkins"][-1]["note"] == "two deals slipped"


def test_plain_sheet_twice_adds_nothing_the_second_time(plan, capsys):
    assert main(["checkin", str(plan), "--from", str(DATA / "values.csv")]) == 0
    once = plan.read_text(encoding="utf-8")
    assert "note: two deals slipped to March" in once and "confidence: 6" in once and "source: values.csv" in once
    assert "current: 2800000" in once  # `revenue` names KR1.1 by its metric; the later date wins
    capsys.readouterr()
    assert main(["checkin", str(plan), "--from", str(DATA / "values.csv")]) == 0
    assert plan.read_text(encoding="utf-8") == once
    assert capsys.readouterr().out.count("already recorded") == 3


def test_dry_run_changes_nothing(plan, capsys):
    before = plan.read_bytes()
    assert main(["checkin", str(plan), "--from", str(DATA / "values.csv"), "--dry-run"]) == 0
    assert plan.read_bytes() == before
    assert "would record: " in capsys.readouterr().out


def test_bad_rows_are_reported_with_their_lines(plan, tmp_path, capsys):
    bad = tmp_path / "values.csv"
    bad.write_text("kr,value,date\nKR1.1,12,2027-02-01\nKR1.2,lots,2027-02-01\nKR1.2,3,14/02/2027x\n", encoding="utf-8")
    before = plan.read_bytes()
    assert main(["checkin", str(plan), "--from", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3: value 'lots' for KR1.2 is not a number" in err
    assert f"{bad}:4: date '14/02/2027x' is not a date" in err
    assert plan.read_bytes() == before


def test_hubspot_export_through_the_example_map(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-15")
    plan = tmp_path / "hos.yaml"
    assert main(["new", "head-of-sales", "--lang", "en", "--no-input", "--set", "period=2027-Q1", "-o", str(plan), "--no-lint"]) == 0
    args = ["checkin", str(plan), "--from", str(DATA / "hubspot-deals.csv"), "--map", str(MAPS / "hubspot-deals.yaml")]
    assert main(args) == 0
    out = capsys.readouterr().out
    # Closed Won in the Sales Pipeline, closed in 2027-Q1 up to today: 250K + 400K + 300K
    assert "KR1.1 = $950,000 on 2027-02-14" in out and "KR1.2 = 3 deals on 2027-02-14" in out and "KR2.1 = 6 SQL on 2027-02-12" in out
    assert main(args) == 0
    assert capsys.readouterr().out.count("already recorded") == 3
    assert main(["score", str(plan), "--as-of", "2027-02-14"]) == 0
    assert "$950K of $3.5M at day 45 of 90: expected $1.75M" in capsys.readouterr().out


def test_confidence_per_key_result_and_figures_printed_plainly(plan, capsys):
    import yaml

    args = ["checkin", str(plan), "KR1.2=1.4M", "KR2.2=4", "--confidence", "KR1.2=3", "--confidence", "7", "--date", "2027-02-10"]
    assert main(args) == 0
    assert "KR1.2 = 1,400,000 on 2027-02-10" in capsys.readouterr().out
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    krs = {kr["id"]: kr for o in data["objectives"] for kr in o["key_results"] if "id" in kr}
    last = {k: krs[k]["checkins"][-1]["confidence"] for k in ("KR1.2", "KR2.2")}
    assert last == {"KR1.2": 3, "KR2.2": 7}


def test_confidence_for_a_key_result_not_checked_in_is_refused(plan, capsys):
    before = plan.read_text(encoding="utf-8")
    assert main(["checkin", str(plan), "KR1.2=4", "--confidence", "KR2.1=5"]) == 2
    assert "no value is checked in for KR2.1" in capsys.readouterr().err
    assert plan.read_text(encoding="utf-8") == before


def test_json_output(tmp_path, cli):
    import json

    assert cli("new", "sdr", "--lang", "en", "--no-input", "--no-lint", "-o", tmp_path / "p.yaml")[0] == 0
    code, out, _ = cli("checkin", tmp_path / "p.yaml", "KR1.2=41", "--date", "2027-01-20", "--force", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["command"] == "checkin" and data["recorded"][0]["kr_id"] == "KR1.2" and data["recorded"][0]["value"] == 41


def _checkin_processes(plan, argvs):
    import os
    import subprocess
    import sys

    env = {**os.environ, "OKRGEN_TODAY": "2027-02-20"}
    procs = [
        subprocess.Popen([sys.executable, "-m", "okrgen", "checkin", str(plan), *argv], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for argv in argvs
    ]
    return [(p.wait(), p.stderr.read().decode()) for p in procs]


def test_concurrent_checkins_are_all_kept(plan):
    """Twelve real processes at once, on one key result and on two others: every check-in lands."""
    argvs = [[f"KR1.1={i}", "--note", f"n{i}", "--date", "2027-02-10"] for i in range(1, 9)]
    argvs += [["KR1.2=41", "--note", "m1", "--date", "2027-02-11"], ["KR2.2=3", "--note", "m2", "--date", "2027-02-11"]]
    argvs += [["KR1.2=42", "--note", "m3", "--date", "2027-02-12"], ["KR2.2=4", "--note", "m4", "--date", "2027-02-12"]]
    results = _checkin_processes(plan, argvs)
    assert [code for code, _ in results] == [0] * len(argvs), results
    text = plan.read_text(encoding="utf-8")
    for note in [f"n{i}" for i in range(1, 9)] + ["m1", "m2", "m3", "m4"]:
        assert f"note: {note}\n" in text, note
    assert main(["score", str(plan)]) == 0


def test_a_held_lock_is_exit_2_and_nothing_written(plan, monkeypatch, capsys):
    from filelock import FileLock

    monkeypatch.setenv("OKRGEN_LOCK_TIMEOUT", "0.2")
    before = plan.read_bytes()
    with FileLock(str(plan.parent / f".{plan.name}.lock")):
        assert main(["checkin", str(plan), "KR1.2=37", "--date", "2027-02-10"]) == 2
    err = capsys.readouterr().err
    assert "could not lock it within 0.2 s" in err and "Traceback" not in err
    assert plan.read_bytes() == before


def test_a_file_changed_during_the_checkin_is_not_overwritten(plan, monkeypatch, capsys):
    import okrgen.track.checkin as mod

    real = mod.apply_checkins

    def edit_meanwhile(*a, **k):
        out = real(*a, **k)
        plan.write_text(plan.read_text(encoding="utf-8") + "# edited in an editor\n", encoding="utf-8")
        return out

    monkeypatch.setattr(mod, "apply_checkins", edit_meanwhile)
    assert main(["checkin", str(plan), "KR1.2=37", "--date", "2027-02-10"]) == 2
    assert "changed while okrgen was working on it" in capsys.readouterr().err
    assert plan.read_text(encoding="utf-8").endswith("# edited in an editor\n")


def test_checkin_keeps_the_mode_and_writes_through_a_symlink(plan, tmp_path):
    plan.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(plan)
    assert main(["checkin", str(link), "KR1.2=37", "--date", "2027-02-10"]) == 0
    assert link.is_symlink() and "current: 37" in plan.read_text(encoding="utf-8")
    assert plan.stat().st_mode & 0o777 == 0o640


def test_checkin_refuses_a_read_only_file(plan, capsys):
    plan.chmod(0o444)
    before = plan.read_bytes()
    assert main(["checkin", str(plan), "KR1.2=37", "--date", "2027-02-10"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert plan.read_bytes() == before


def test_an_aliased_current_is_refused_at_its_own_line(plan, capsys):
    text = plan.read_text(encoding="utf-8")
    text = text.replace("        baseline: 2000000", "        baseline: &b 2000000").replace("        current: 2600000", "        current: *b")
    plan.write_text(text, encoding="utf-8")
    line = text.split("\n").index("        current: *b") + 1
    assert main(["checkin", str(plan), "KR1.1=5", "--date", "2027-02-10"]) == 2
    err = capsys.readouterr().err
    assert f"{plan}:{line}:9" in err and "alias" in err
    assert plan.read_text(encoding="utf-8") == text


def test_another_currency_exits_2_and_a_forced_odd_value_is_recorded_with_a_warning(plan, capsys):
    before = plan.read_text(encoding="utf-8")
    assert main(["checkin", str(plan), "KR1.1=$2.7M"]) == 2  # the plan's KR1.1 is in EUR
    err = capsys.readouterr().err
    assert "KR1.1 is in EUR; '$2.7M' is in" in err and "Convert the figure to EUR" in err
    assert plan.read_text(encoding="utf-8") == before
    assert main(["checkin", str(plan), "KR1.2=-5"]) == 2
    assert main(["checkin", str(plan), "KR1.2=-5", "--force"]) == 0
    captured = capsys.readouterr()
    assert "KR1.2 = -5" in captured.out
    assert "warning: KR1.2: -5 is below zero, while its baseline and target are not (recorded: --force)" in captured.err


def test_the_receipt_writes_figures_in_the_plans_language_and_units(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-15")
    plan = tmp_path / "hos.yaml"
    assert main(["new", "head-of-sales", "--lang", "ru", "--no-input", "--set", "period=2027-Q1", "-o", str(plan), "--no-lint"]) == 0
    assert main(["checkin", str(plan), "KR1.1=1234567", "KR2.3=28,5%", "--date", "2027-02-14"]) == 0
    out = capsys.readouterr().out
    assert "KR1.1 = 1\u00a0234\u00a0567\u00a0₽ on 2027-02-14" in out  # every digit: a receipt, not a glance
    assert "KR2.3 = 28,5\u00a0% on 2027-02-14" in out
