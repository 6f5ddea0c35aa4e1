"""`okrgen funnel`: tables in three languages, JSON, config files with located errors, exit 2."""

import json

import pytest

from okrgen.cli.main import main

RATES = "sal_to_won=0.25,sql_to_sal=0.8,mql_to_sql=0.4,lead_to_mql=0.3"
BASE = ["funnel", "--revenue", "3500000", "--deal-size", "25000", "--rates", RATES, "--period", "2027-Q1"]


def test_text_table_en(capsys):
    assert main(BASE + ["--capacity", "sdr=120,account_executive=45"]) == 0
    out = capsys.readouterr().out
    assert "Funnel for Q1 2027 (3 months)" in out
    lines = out.splitlines()
    lead = next(l for l in lines if l.startswith("Leads"))
    assert lead.split() == ["Leads", "5,834", "1,945", "30%"]
    assert next(l for l in lines if l.startswith("Deals won")).split() == ["Deals", "won", "140", "47", "—"]
    sdr = next(l for l in lines if l.startswith("SDR"))
    assert sdr.split()[-1] == "5"
    assert next(l for l in lines if l.startswith("Account executive")).split()[-1] == "13"  # 560 SAL / 45


def test_text_table_ru_and_zh_number_formats(capsys):
    assert main(BASE + ["--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Лиды" in out and "5\xa0834" in out and "3\xa0500\xa0000" in out
    assert main(BASE + ["--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "线索" in out and "5,834" in out and "每月" in out


def test_json_with_forward_and_percent_rates(capsys):
    args = [
        "funnel",
        "--revenue",
        "3500000",
        "--deal-size",
        "25000",
        "--rates",
        "sal_to_won=25%,sql_to_sal=80%,mql_to_sql=40%,lead_to_mql=30%",
        "--period",
        "2027-H1",
        "--forward-leads",
        "6000",
        "--capacity",
        "bdr",
        "--outbound-share",
        "0.3",
        "--format",
        "json",
    ]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["period"] == {"label": "2027-H1", "start": "2027-01-01", "end": "2027-06-30", "months": 6}
    stages = {s["stage"]: s for s in report["backward"]["stages"]}
    assert stages["lead"]["total"] == 5834 and stages["lead"]["per_month"] == 973
    assert report["forward"]["revenue"] == 3600000
    # BDRs on the 30% of the 5,834 leads they source: 1,751 / (150 × 6) → 2
    assert report["headcount"][0]["role"] == "bdr" and report["headcount"][0]["people"] == 2


def test_config_file(tmp_path, capsys):
    cfg = tmp_path / "funnel.yaml"
    cfg.write_text(
        "revenue: 3500000\ndeal_size: 25000\nperiod: 2027-Q1\nlang: ru\n"
        "rates: {sal_to_won: 0.25, sql_to_sal: 0.8, mql_to_sql: 0.4, lead_to_mql: 30%}\n"
        "capacity:\n  sdr: 120\n",
        encoding="utf-8",
    )
    assert main(["funnel", "--inputs", str(cfg), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["headcount"][0]["people"] == 5
    assert report["backward"]["stages"][0]["name"] == "Лиды"


def test_config_errors_point_at_the_line(tmp_path, capsys):
    cfg = tmp_path / "funnel.yaml"
    cfg.write_text(
        "revenue: 3500000\ndeal_size: 25000\nperiod: 2027-Q1\nrates:\n  sal_to_won: 1.25\n  sql_to_sal: 0.8\n  mql_to_sql: 0.4\n  lead_to_mql: 0.3\n",
        encoding="utf-8",
    )
    assert main(["funnel", "--inputs", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert f"{cfg}:5:15: error: conversion rate sal_to_won = 1.25 is outside (0, 1]" in err
    assert "Traceback" not in err
    cfg.write_text("revenue: 3500000\ndeal_size: 25000\nperiod: 2027-Q5\nrates: {sal_to_won: 0.5}\n", encoding="utf-8")
    assert main(["funnel", "--inputs", str(cfg)]) == 2
    assert f"{cfg}:3:9: error: period '2027-Q5': there is no quarter Q5" in capsys.readouterr().err
    cfg.write_text("revenue: 1\nrevnue: 2\n", encoding="utf-8")
    assert main(["funnel", "--inputs", str(cfg)]) == 2
    assert f"{cfg}:2:1: error: unknown key 'revnue'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "extra, words",
    [
        (["--rates", "sal_to_won=1.5,sql_to_sal=0.8,mql_to_sql=0.4,lead_to_mql=0.3"], "sal_to_won = 1.5 is outside (0, 1]"),
        (["--rates", "sal_to_won=0,sql_to_sal=0.8,mql_to_sql=0.4,lead_to_mql=0.3"], "sal_to_won = 0 is outside (0, 1]"),
        (["--revenue", "-5"], "revenue must be greater than 0, got -5"),
        (["--revenue", "lots"], "--revenue must be a number"),
        (["--rates", "sal_to_won=0.25,opp_to_won=0.5"], "unknown conversion rate 'opp_to_won'"),
        (["--rates", "sal_to_won"], "expected NAME=VALUE"),
        (["--period", "2027-Q5"], "there is no quarter Q5"),
        (["--capacity", "cto=3"], "unknown role 'cto'; the roles are sdr, bdr, account_executive"),
    ],
)
def test_bad_input_exit_2(extra, words, capsys):
    assert main(BASE + extra) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_missing_inputs(capsys):
    assert main(["funnel", "--revenue", "100", "--deal-size", "10", "--rates", RATES]) == 2
    assert "give the period" in capsys.readouterr().err
    assert main(["funnel", "--deal-size", "10", "--rates", RATES, "--period", "2027"]) == 2
    assert "--revenue" in capsys.readouterr().err


@pytest.mark.parametrize(
    "lang, revenue, deal_size, period, shown",
    [
        ("en", "2.4M", "25,000", "2027-Q1", "Needed for revenue $2,400,000 at deal size $25,000"),
        ("ru", "2,4 млн", "25 000", "1 кв. 2027", "Нужно для выручки 2\xa0400\xa0000\xa0₽ при среднем чеке 25\xa0000\xa0₽"),
        ("zh", "240万", "25,000", "2027年第一季度", "实现收入 ¥2,400,000（平均客单价 ¥25,000）所需"),
    ],
)
def test_typed_numbers_and_periods_in_each_language_with_currency(lang, revenue, deal_size, period, shown, capsys):
    args = ["funnel", "--revenue", revenue, "--deal-size", deal_size, "--rates", RATES, "--period", period, "--lang", lang]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert shown in out
    assert {"en": "Q1 2027", "ru": "I квартал 2027", "zh": "2027年第一季度"}[lang] in out  # however it was typed
    assert main(args + ["--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["backward"]["revenue"] == 2_400_000 and report["backward"]["deal_size"] == 25_000
    assert report["currency"] == {"en": "USD", "ru": "RUB", "zh": "CNY"}[lang]


def test_currency_from_flag_and_okrgen_toml(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "okrgen.toml").write_text('currency = "EUR"\n', encoding="utf-8")
    assert main(BASE + ["--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["currency"] == "EUR"
    assert main(BASE + ["--currency", "gbp"]) == 0
    assert "£3,500,000" in capsys.readouterr().out
    assert main(BASE + ["--currency", "pounds"]) == 2
    assert "three-letter ISO 4217 code" in capsys.readouterr().err


def test_headcount_shows_the_split(capsys):
    assert main(BASE + ["--capacity", "sdr,bdr,account_executive", "--outbound-share", "30%"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert next(l for l in lines if l.startswith("SDR")).split()[1:4] == ["MQL,", "inbound", "(70%)"]
    assert next(l for l in lines if l.startswith("BDR")).split()[1:4] == ["Leads,", "outbound", "(30%)"]
    assert next(l for l in lines if l.startswith("Account executive")).split()[2:4] == ["SAL", "560"]
    assert main(BASE + ["--capacity", "bdr"]) == 2
    assert "--outbound-share" in capsys.readouterr().err


def test_global_config_is_not_the_inputs_file(tmp_path, capsys):
    inputs = tmp_path / "funnel.yaml"
    inputs.write_text(f"revenue: 2.4M\ndeal_size: '25,000'\nperiod: 2027-Q1\nrates: {{{RATES.replace('=', ': ').replace(',', ', ')}}}\n", encoding="utf-8")
    assert main(["funnel", "--inputs", str(inputs), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["backward"]["revenue"] == 2_400_000
    assert main(["funnel", "--config", str(inputs)]) == 2  # --config is okrgen.toml, as everywhere
    assert "TOML" in capsys.readouterr().err


@pytest.mark.parametrize("lang, merged", [("en", "SQL = SAL"), ("ru", "SQL = SAL"), ("zh", "SQL = SAL")])
def test_okrgen_toml_merges_sql_and_sal_and_the_funnel_follows(lang, merged, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "okrgen.toml").write_text('[funnel]\nmerge = [["sql", "sal"]]\n', encoding="utf-8")
    rates = "sal_to_won=0.25,mql_to_sql=0.4,lead_to_mql=0.3"  # sal_to_won now means SQL/SAL → won
    args = ["funnel", "--revenue", "3500000", "--deal-size", "25000", "--rates", rates, "--period", "2027-Q1", "--lang", lang]
    assert main(args + ["--capacity", "account_executive"]) == 0
    out = capsys.readouterr().out
    row = next(l for l in out.splitlines() if l.startswith(merged))
    assert row.split()[3] == "560"  # 140 deals / 0.25, no SQL → SAL step
    assert main(args[:-2] + ["--rates", RATES]) == 2
    assert "one stage in this funnel" in capsys.readouterr().err
    (tmp_path / "okrgen.toml").write_text('[funnel]\nnames.mql = {en = "Inbound qualified", ru = "Квалифицированные", zh = "合格询盘"}\n', encoding="utf-8")
    assert main(BASE + ["--lang", lang]) == 0
    assert {"en": "Inbound qualified", "ru": "Квалифицированные", "zh": "合格询盘"}[lang] in capsys.readouterr().out


@pytest.mark.parametrize(
    "lang, sdr, bdr, note",
    [
        ("en", "MQL, inbound (70%)", "Leads, outbound (30%)", "Each role is sized once"),
        ("ru", "MQL, входящие (70\xa0%)", "Лиды, исходящие (30\xa0%)", "Каждая роль считается один раз"),
        ("zh", "MQL，入站（70%）", "线索，外呼（30%）", "每个岗位只按其负责的阶段计算一次"),
    ],
)
def test_headcount_split_in_each_language(lang, sdr, bdr, note, capsys):
    assert main(BASE + ["--capacity", "sdr,bdr,account_executive", "--outbound-share", "30%", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert sdr in out and bdr in out and note in out
    people = [line.split()[-1] for line in out.splitlines() if sdr in line or bdr in line]
    assert people == ["4", "4"]


@pytest.mark.parametrize("lang, pct, fraction", [("en", "30%", "25.5%"), ("ru", "30\xa0%", "25,5\xa0%"), ("zh", "30%", "25.5%")])
def test_rates_in_the_table_are_written_as_the_language_writes_percentages(lang, pct, fraction, capsys):
    """Russian typesetting puts a no-break space before the percent sign ("30 %")."""
    rates = "sal_to_won=0.255,sql_to_sal=0.8,mql_to_sql=0.4,lead_to_mql=0.3"
    assert main(["funnel", "--revenue", "3500000", "--deal-size", "25000", "--rates", rates, "--period", "2027-Q1", "--lang", lang]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[5].endswith(" " + pct) and rows[8].endswith(" " + fraction)  # leads, SAL


def test_to_stops_the_funnel_where_the_rates_start(capsys):
    # a user trial could not check a template's 572 SQLs without making up the two upper rates
    from okrgen.cli.main import main

    args = ["funnel", "--revenue", "4M", "--deal-size", "40000", "--rates", "sal_to_won=25%,sql_to_sal=70%", "--period", "2027-Q1"]
    assert main(args) == 2
    assert "--to sql" in capsys.readouterr().err
    assert main([*args, "--to", "sql", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"sql"' in out and '"lead"' not in out and "572" in out
