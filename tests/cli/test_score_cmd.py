"""`okrgen score`: a table and JSON per KR, objective and plan; bad plans exit 2."""

import json
from pathlib import Path

from okrgen.cli.main import main

PLAN = Path(__file__).parent.parent / "data" / "score" / "plan.yaml"


def test_table(capsys):
    assert main(["score", str(PLAN)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Scores: EMEA sales — OKRs 2027-Q1")
    kr12 = next(l for l in out.splitlines() if "KR1.2" in l)
    assert "0.33" in kr12 and "off track" in kr12 and "improving" in kr12
    assert "no current value" in next(l for l in out.splitlines() if "KR2.2" in l)
    plan_line = out.splitlines()[-1]
    assert plan_line.startswith("Plan") and "0.68" in plan_line and "at risk" in plan_line


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
