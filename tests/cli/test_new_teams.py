"""`okrgen new TEMPLATE --teams teams.csv -o plans/`: a plan per row, or nothing and every bad cell."""

import json

import yaml

GOOD = 'Команда,owner,lang,period,Средний чек сделки\nEMEA SDR,Ann,en,2027-Q1,30000\nОтдел продаж / Москва,Анна,ru,2027-Q2,4000\n华东 SDR,王伟,zh,,"25,000"\n'


def _csv(tmp_path, text, name="teams.csv"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / name


def test_one_plan_per_row_with_readable_names_in_three_scripts(tmp_path, cli):
    code, out, err = cli("new", "sdr", "--teams", _csv(tmp_path, GOOD), "-o", tmp_path / "plans", "--set", "revenue_target=2000000", "--format", "json")
    assert code == 0, err
    files = sorted(p.name for p in (tmp_path / "plans").iterdir())
    assert files == ["emea-sdr.yaml", "отдел-продаж-москва.yaml", "华东-sdr.yaml"]
    ru = yaml.safe_load((tmp_path / "plans" / "отдел-продаж-москва.yaml").read_text(encoding="utf-8"))
    assert ru["lang"] == "ru" and ru["team"] == "Отдел продаж / Москва" and ru["owner"] == "Анна" and ru["period"] == "2027-Q2"
    zh = yaml.safe_load((tmp_path / "plans" / "华东-sdr.yaml").read_text(encoding="utf-8"))
    assert zh["source"]["answers"]["deal_size"] == 25000 and zh["source"]["answers"]["revenue_target"] == 2_000_000
    en = yaml.safe_load((tmp_path / "plans" / "emea-sdr.yaml").read_text(encoding="utf-8"))
    assert en["source"]["answers"]["deal_size"] == 30000  # the Russian label named the column
    data = json.loads(out)
    assert [t["team"] for t in data["teams"]] == ["EMEA SDR", "Отдел продаж / Москва", "华东 SDR"] and len(data["wrote"]) == 3
    assert "wrote 3 plans" in err


def test_bad_cells_are_all_reported_and_nothing_is_written(tmp_path, cli):
    bad = _csv(tmp_path, "team,deal_size,lang\nA,10,en\nB,abc,en\nA,5,en\n,3,en\nC,1,fr\n")
    code, _, err = cli("new", "sdr", "--teams", bad, "-o", tmp_path / "plans")
    assert code == 2 and "Traceback" not in err
    assert f"{bad}:3: error: deal_size: 'abc' is not a number" in err
    assert f"{bad}:4: error: team: 'A' is already on row 2" in err
    assert f"{bad}:5: error: team: the cell is empty" in err
    assert f"{bad}:6: error: lang: 'fr'" in err
    assert not (tmp_path / "plans").exists()


def test_unknown_column_suggests_the_parameter(tmp_path, cli):
    code, _, err = cli("new", "sdr", "--teams", _csv(tmp_path, "team,dela_size\nA,1\n"), "-o", tmp_path / "plans")
    assert code == 2 and ":1:2: error: unknown column 'dela_size'" in err and "Did you mean 'deal_size'" in err


def test_existing_plan_is_not_replaced_without_force(tmp_path, cli):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "b.yaml").write_text("mine")
    teams = _csv(tmp_path, "team\na\nb\n")
    code, _, err = cli("new", "sdr", "--teams", teams, "-o", tmp_path / "plans")
    assert code == 2 and "--force" in err and not (tmp_path / "plans" / "a.yaml").exists()
    assert cli("new", "sdr", "--teams", teams, "-o", tmp_path / "plans", "--force", "-q")[0] == 0
    assert (tmp_path / "plans" / "b.yaml").read_text() != "mine"


def test_needs_a_folder_and_a_team_column(tmp_path, cli):
    code, _, err = cli("new", "sdr", "--teams", _csv(tmp_path, "team\na\n"))
    assert code == 2 and "-o FOLDER" in err
    code, _, err = cli("new", "sdr", "--teams", _csv(tmp_path, "owner\nAnn\n"), "-o", tmp_path / "p")
    assert code == 2 and "no 'team' column" in err
    code, _, err = cli("new", "sdr", "--teams", tmp_path / "none.csv", "-o", tmp_path / "p")
    assert code == 2 and "no such file" in err


def test_a_row_whose_values_contradict_a_key_result_refuses_the_sheet_as_new_does(tmp_path, cli):
    # a user trial: quota below last period's bookings printed "Grow … from $180,000 to $150,000" silently
    sheet = _csv(tmp_path, "team,quota,deal_size_target\nSMB AE,150000,6000\nMid AE,300000,15000\n")
    code, _, err = cli("new", "account-executive", "--teams", sheet, "-o", tmp_path / "plans")
    assert code == 2 and not (tmp_path / "plans").exists()
    assert "teams.csv:2: error: SMB AE: bookings_baseline=180000 and quota=150000 contradict key result KR1.1" in err
