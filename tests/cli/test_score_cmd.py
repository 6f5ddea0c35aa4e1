"""`okrgen score`: a table and JSON per KR, objective and plan; bad plans exit 2."""

import json
from pathlib import Path

from okrgen.cli.main import main

PLAN = Path(__file__).parent.parent / "data" / "score" / "plan.yaml"


def test_table(capsys):
    assert main(["score", str(PLAN), "--as-of", "2027-02-14"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Scores: EMEA sales — OKRs 2027-Q1 — as of Feb 14, 2027")
    kr12 = next(l for l in out.splitlines() if "KR1.2" in l)
    assert "0.33" in kr12 and "improving" in kr12
    assert "behind: 55 (from 60 to 45) at day 45 of 90: expected 52.5" in kr12  # 5 of 7.5 days cut
    assert "no current value" in next(l for l in out.splitlines() if "KR2.2" in l)
    plan_line = out.splitlines()[-1]
    assert plan_line.startswith("Plan") and "0.68" in plan_line and "1 on track, 1 at risk, 1 behind" in plan_line


def test_as_of_leaves_out_later_checkins(capsys):
    assert main(["score", str(PLAN), "--as-of", "2027-01-20", "--format", "json"]) == 0
    kr12 = json.loads(capsys.readouterr().out)["objectives"][0]["key_results"][1]
    assert kr12["current"] == 58 and kr12["current_from"] == "checkin" and kr12["day"] == 20


def test_bad_as_of_is_a_user_error(capsys):
    assert main(["score", str(PLAN), "--as-of", "14.02.2027"]) == 2
    assert "--as-of must be a date" in capsys.readouterr().err


def test_folder_rolls_up_by_team_weighted(tmp_path, capsys):
    a = "lang: en\nperiod: 2027-Q1\nteam: {team}\nowner: {owner}\nobjectives:\n  - title: t\n    key_results:\n"
    kr = "      - {{text: k, kind: cumulative, target: 100, current: {cur}}}\n"
    (tmp_path / "a.yaml").write_text(a.format(team="East", owner="Ann") + kr.format(cur=50) * 3, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(a.format(team="East", owner="Bo") + kr.format(cur=10), encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("just: notes\n", encoding="utf-8")
    assert main(["score", str(tmp_path), "--as-of", "2027-02-14", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert len(d["plans"]) == 2
    east = d["roll_up"]["team"][0]
    assert east["group"] == "East" and east["key_results"] == 4
    assert east["score"] == (0.5 * 3 + 0.1 * 1) / 4  # weighted by scored KRs, not a plain mean (0.3)
    assert [g["group"] for g in d["roll_up"]["owner"]] == ["Ann", "Bo"]
    assert main(["score", str(tmp_path), "--as-of", "2027-02-14"]) == 0
    assert "By team" in capsys.readouterr().out


def test_json(capsys):
    assert main(["score", str(PLAN), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["band"] == "amber"
    assert [o["band"] for o in d["objectives"]] == ["red", "green"]
    assert d["objectives"][0]["key_results"][0]["score"] == 0.4


def test_language_from_flag(capsys):
    assert main(["score", str(PLAN), "--lang", "ru"]) == 0
    assert "Оценки" in capsys.readouterr().out


def test_invalid_plan_exit_2(tmp_path, capsys):
    bad = tmp_path / "plan.yaml"
    bad.write_text("objectives:\n  - title: t\n    key_results:\n      - text: x\n        current: lots\n", encoding="utf-8")
    assert main(["score", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:5" in err and "Traceback" not in err


def test_score_reads_a_draft(tmp_path, capsys):
    from okrgen.cli.main import main as okrgen_main

    draft = tmp_path / "draft.md"
    draft.write_text("# 2026 Q3\n\n- Grow revenue\n  - Raise ARR from 310 to 480\n  - Sign 5 new logos\n", encoding="utf-8")
    assert okrgen_main(["score", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "Raise ARR from 310 to 480" in out and "480" in out


def test_terminal_escapes_in_plan_text_are_printed_inert(tmp_path, capsys):
    text = PLAN.read_text(encoding="utf-8")
    plan = tmp_path / "p.yaml"
    import re

    # the first key result's text, with an OSC title sequence and a colour change in it (YAML escapes)
    plan.write_text(re.sub(r"(\n\s+- (?:id: KR1\.1\n\s+)?text: )([^\n]+)", r'\1"\\e]0;pwned\\a\\e[31mred \2"', text, count=1), encoding="utf-8")
    assert main(["score", str(plan)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;pwned\\x07" in out


def test_a_running_count_is_expected_in_whole_things(tmp_path, capsys):
    # a user trial: "expected 62.5" deals
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "version: 1\ntitle: T\nperiod: 2027-Q1\nobjectives:\n  - title: Win\n    key_results:\n"
        "      - text: Win 125 deals\n        kind: cumulative\n        unit: deals\n        target: 125\n"
        "        checkins:\n          - {date: 2027-02-14, value: 34}\n",
        encoding="utf-8",
    )
    assert main(["score", str(plan), "--as-of", "2027-02-14"]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if "KR1.1" in l)
    assert "at day 45 of 90: expected 63" in line and "62.5" not in line  # half up
