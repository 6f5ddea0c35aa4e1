"""`okrgen checkin`: records values in the file; unknown ids, bad values and dates exit 2."""

import shutil
from pathlib import Path

import pytest

from okrgen.cli.main import main

PLAN = Path(__file__).parent.parent / "data" / "score" / "plan.yaml"


@pytest.fixture
def plan(tmp_path):
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
    assert "date: 2026-11-24" in plan.read_text(encoding="utf-8")  # OKRGEN_TODAY from conftest


@pytest.mark.parametrize(
    "args, words",
    [
        (["KR9.9=1"], "no key result with id 'KR9.9'; the ids are KR1.1, KR1.2, KR2.1, KR2.2, KR2.3"),
        (["KR1.2=abc"], "check-in value for KR1.2 must be a number, got 'abc'"),
        (["KR1.2=40 apples"], "must be a number, got '40 apples'"),
        (["KR1.2"], "expected KR_ID=VALUE"),
        (["KR1.2=4", "--date", "2027-02-30"], "--date must be a real date"),
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
