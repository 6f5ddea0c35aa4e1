"""`okrgen status`: stale and off-pace key results across plans, as text, Markdown and JSON."""

import json

import pytest

from okrgen.cli.main import main

PLAN = """lang: en
period: 2027-Q1
team: {team}
objectives:
  - title: Grow
    key_results:
      - {{id: KR1.1, text: Deals won, kind: cumulative, target: 90, checkins: [{{date: 2027-02-10, value: {deals}}}]}}
      - {{id: KR1.2, text: Win rate, kind: level, baseline: 20, target: 40, checkins: [{{date: 2027-01-20, value: 31}}]}}
      - {{id: KR1.3, text: NPS, kind: level, baseline: 30, target: 40}}
"""


@pytest.fixture
def plans(tmp_path):
    (tmp_path / "east.yaml").write_text(PLAN.format(team="East", deals=20), encoding="utf-8")
    (tmp_path / "west.yaml").write_text(PLAN.format(team="West", deals=45), encoding="utf-8")
    return tmp_path


def test_json_lists_stale_and_behind(plans, capsys):
    assert main(["status", str(plans), "--stale", "7", "--as-of", "2027-02-14", "--format", "json"]) == 0
    items = {(i["team"], i["kr"]): i for i in json.loads(capsys.readouterr().out)["items"]}
    assert items[("East", "KR1.1")]["status"] == "behind" and not items[("East", "KR1.1")]["stale"]  # 20 of an expected 45
    assert ("West", "KR1.1") not in items  # 45 of 45, checked in 4 days ago
    assert items[("West", "KR1.2")]["stale"] and items[("West", "KR1.2")]["days_since_checkin"] == 25
    assert items[("West", "KR1.3")]["why"] == "no check-in yet"


def test_text_and_markdown(plans, capsys):
    assert main(["status", str(plans), "--as-of", "2027-02-14"]) == 0
    out = capsys.readouterr().out
    assert "behind: 20 of 90 at day 45 of 90: expected 45" in out and "no check-in for 25 days" in out
    assert main(["status", str(plans / "west.yaml"), "--as-of", "2027-02-14", "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("## Key results to look at (Feb 14, 2027)") and "| West | KR1.3 | NPS | no check-in yet |" in md


def test_nothing_to_report(tmp_path, capsys):
    (tmp_path / "p.yaml").write_text(PLAN.format(team="T", deals=45).replace("      - {id: KR1.2", "#").replace("      - {id: KR1.3", "#"), encoding="utf-8")
    assert main(["status", str(tmp_path), "--as-of", "2027-02-14"]) == 0
    assert "All key results checked in and on pace." in capsys.readouterr().out


def test_empty_folder_is_a_user_error(tmp_path, capsys):
    assert main(["status", str(tmp_path)]) == 2
    assert "no plan files" in capsys.readouterr().err


def test_each_reason_reads_in_its_plans_language_unless_lang_is_given(plans, capsys):
    # a user trial: "at risk: RUB8M of RUB20M" and "7 of 20 сделок" in a list over en and ru plans
    ru = PLAN.replace("lang: en", "lang: ru\ncurrency: RUB").format(team="Москва", deals=20).replace("text: Deals won,", "text: Сделки, unit: сделок,")
    (plans / "zz-moscow.yaml").write_text(ru, encoding="utf-8")
    assert main(["status", str(plans), "--stale", "7", "--as-of", "2027-02-14"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Key results to look at")
    moscow = next(l for l in out.splitlines() if l.startswith("Москва") and "KR1.1" in l)
    assert "20 из 90 сделок" in moscow and " of " not in moscow
    assert main(["status", str(plans), "--stale", "7", "--as-of", "2027-02-14", "--lang", "en"]) == 0
    assert "20 of 90" in next(l for l in capsys.readouterr().out.splitlines() if l.startswith("Москва") and "KR1.1" in l)


def test_a_plan_without_a_team_is_named_by_its_title(plans, capsys):
    (plans / "east.yaml").write_text(PLAN.format(team="East", deals=20).replace("team: East\n", "title: Inbound sales\n"), encoding="utf-8")
    assert main(["status", str(plans), "--stale", "7", "--as-of", "2027-02-14"]) == 0
    out = capsys.readouterr().out
    assert "Inbound sales" in out and "east.yaml" not in out
