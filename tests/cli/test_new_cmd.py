import os
import subprocess
import sys

import pytest
import yaml

from okrgen.plan.planfile import SCHEMA_LINE, load_plan


def test_new_writes_a_valid_plan_with_schema_line_and_source(cli, tmp_path):
    out = tmp_path / "plan.yaml"
    code, _, err = cli("new", "sdr", "--lang", "zh", "--set", "team=华东 SDR", "--set", "period=2027-Q1", "-o", out)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    plan = load_plan(out).data
    assert plan["team"] == "华东 SDR" and plan["lang"] == "zh" and plan["period"] == "2027-Q1"
    assert plan["source"]["template"] == "sdr" and plan["source"]["answers"]["team"] == "华东 SDR"
    assert plan["title"] == "华东 SDR：2027年第一季度 OKR"


def test_new_from_an_answers_file_and_from_a_previous_plan(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("team: Inbound\nfrt_target_hours: 2\n", encoding="utf-8")
    code, _, err = cli("new", "sdr", "--answers", answers, "-o", tmp_path / "a.yaml")
    assert code == 0, err
    plan = load_plan(tmp_path / "a.yaml").data
    assert plan["objectives"][0]["key_results"][0]["target"] == 2
    # A plan is itself an answers file: regenerate it in another language.
    code, _, err = cli("new", "sdr", "--answers", tmp_path / "a.yaml", "--lang", "ru", "-o", tmp_path / "b.yaml")
    assert code == 0, err
    again = load_plan(tmp_path / "b.yaml").data
    assert again["team"] == "Inbound" and again["objectives"][0]["key_results"][0]["target"] == 2


def test_new_to_stdout_without_output(cli):
    code, out, _ = cli("new", "pr", "--lang", "en", "--no-input")
    assert code == 0 and yaml.safe_load(out)["source"]["template"] == "pr"


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "plan.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, _, err = cli("new", "sdr", "-o", out)
    assert code == 2 and "file exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine\n"
    code, _, err = cli("new", "sdr", "-o", out, "--force")
    assert code == 0 and out.read_text(encoding="utf-8").startswith(SCHEMA_LINE)


def _fails(cli, *argv, expect):
    code, out, err = cli(*argv)
    assert code == 2, (code, out, err)
    assert expect in err, err
    assert "Traceback" not in err
    return err


def test_bad_inputs(cli, tmp_path):
    _fails(cli, "new", "sdrr", expect="unknown template 'sdrr'")
    _fails(cli, "new", "sdr", "--set", "nope=1", expect="has no parameter 'nope'")
    _fails(cli, "new", "sdr", "--set", "frt_target_hours=soon", expect="'soon' is not a number")
    _fails(cli, "new", "sdr", "--set", "discovery_share_target=140", expect="above the maximum 100")
    _fails(cli, "new", "sdr", "--set", "period=2027-Q5", expect="no quarter Q5")
    _fails(cli, "new", "sdr", "--set", "team", expect="expected NAME=VALUE")
    lst = tmp_path / "list.yaml"
    lst.write_text("- a\n- b\n", encoding="utf-8")
    err = _fails(cli, "new", "sdr", "--answers", lst, expect="expected a mapping")
    assert f"{lst}:1:1" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("team: [a\n", encoding="utf-8")
    assert f"{broken}:1:7" in _fails(cli, "new", "sdr", "--answers", broken, expect="is never closed")  # at the "["
    _fails(cli, "new", "sdr", "--answers", tmp_path / "missing.yaml", expect="no such file")
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    _fails(cli, "new", "sdr", "-o", blocker / "sub" / "plan.yaml", expect="cannot create directory")


def test_required_parameter_without_default(cli, tmp_path):
    src = tmp_path / "t.yaml"
    src.write_text(
        "id: t\nversion: 1\ndepartment: sales\nlanguages: [en]\nrole: {en: R}\nsummary: {en: S}\n"
        "parameters:\n  - name: quota\n    type: integer\n    required: true\n    label: {en: Quota}\n"
        "objectives:\n  - title: {en: Win}\n    key_results:\n      - text: {en: 'Sell {{ quota }} seats'}\n        target: quota\n",
        encoding="utf-8",
    )
    _fails(cli, "new", "t", "--catalog", tmp_path, "--lang", "en", expect="parameter 'quota': is required")
    code, out, _ = cli("new", "t", "--catalog", tmp_path, "--lang", "en", "--set", "quota=12")
    assert code == 0 and "Sell 12 seats" in out


def test_answers_for_another_template(cli, tmp_path):
    code, _, _ = cli("new", "pr", "-o", tmp_path / "pr.yaml")
    assert code == 0
    _fails(cli, "new", "sdr", "--answers", tmp_path / "pr.yaml", expect="made for template 'pr'")


def test_new_without_a_terminal_uses_defaults(tmp_path):
    env = {**os.environ, "OKRGEN_TODAY": "2026-11-24"}
    proc = subprocess.run(
        [sys.executable, "-m", "okrgen", "new", "bdr", "--lang", "ru", "-o", str(tmp_path / "p.yaml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert load_plan(tmp_path / "p.yaml").data["period"] == "2027-Q1"


def test_prompts_take_defaults_and_ask_again_after_a_bad_value(monkeypatch, capsys):
    import io

    from okrgen.catalog.params import Parameter
    from okrgen.cli.new_cmd import make_prompt

    ask = make_prompt("en")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\nlots\n42\n"))
    p = Parameter("hours", "number", label={"en": "Hours"}, help={"en": "How many"}, min=0)
    assert ask(p, 24) == 24  # empty answer: the default
    assert ask(p, 24) == 42  # 'lots' is refused, then 42 accepted
    err = capsys.readouterr().err
    assert "Hours (hours, number (>= 0)) [24]" in err and "'lots' is not a number" in err


@pytest.mark.parametrize(
    "lang, asked, refused",
    [
        ("ru", "Часы (hours, число (>= 0)) [24]", "параметр «hours»: «lots» — не число. Ожидается число (>= 0), например 25 или 3 500 000."),
        ("zh", "小时 (hours, 数字 (>= 0)) [24]", "参数“hours”：“lots”不是数字。需要数字 (>= 0)，例如25或3,500,000。"),
    ],
)
def test_prompts_speak_the_plan_language(monkeypatch, capsys, lang, asked, refused):
    import io

    from okrgen.catalog.params import Parameter
    from okrgen.cli.new_cmd import make_prompt

    monkeypatch.setattr(sys, "stdin", io.StringIO("lots\n42\n"))
    p = Parameter("hours", "number", label={"en": "Hours", "ru": "Часы", "zh": "小时"}, help={"en": "How many"}, min=0)
    assert make_prompt(lang)(p, 24) == 42
    err = capsys.readouterr().err
    assert asked in err and refused in err and "is not a number" not in err


def test_every_parameter_message_is_said_in_every_language():
    from okrgen.catalog.params import ParamError, Parameter, _messages

    data = _messages()
    for key, entry in data["messages"].items():
        for part in ("message", "hint"):
            if part in entry:
                assert set(entry[part]) == {"en", "ru", "zh"}, (key, part)
        fields = {"raw": "x", "value": "1", "min": "0", "max": "9", "shown": "1e99", "detail": "d", "forms": "f", "choices": "a, b", "pct": "45"}
        for lang in ("en", "ru", "zh"):
            message, hint = ParamError("p", key, Parameter("p", "percent", min=0), **fields).in_language(lang)
            assert message and "{" not in message + hint.replace("{start", ""), (key, lang, message, hint)
    assert set(data["types"]) >= {"string", "integer", "number", "percent", "money", "date", "period", "boolean", "currency", "choice"}


def test_interactive_new_in_a_terminal(monkeypatch, cli, tmp_path):
    import io

    from okrgen.cli import new_cmd

    monkeypatch.setattr(new_cmd, "_interactive", lambda args: True)
    answers = "Inbound EMEA\nDana\n2027-Q2\n\n" + "\n" * 40  # team, owner, period, currency, then defaults
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    code, _, err = cli("new", "sdr", "--lang", "en", "-o", tmp_path / "p.yaml")
    assert code == 0, err
    plan = load_plan(tmp_path / "p.yaml").data
    assert (plan["team"], plan["owner"], plan["period"]) == ("Inbound EMEA", "Dana", "2027-Q2")


def test_new_refuses_values_that_contradict_the_text_naming_both_parameters(cli, tmp_path):
    """Issue 13: "Raise … from 62% to 40%" is never written; the message names both answers."""
    out = tmp_path / "plan.yaml"
    code, _, err = cli("new", "head-of-sales", "--lang", "en", "--no-input", "--set", "quota_share_baseline=62", "--set", "quota_share_target=40", "-o", out)
    assert code == 2 and not out.exists()
    assert "quota_share_baseline=62 and quota_share_target=40" in err and "'raise' but the target is lower" in err


def test_new_exits_as_lint_would_on_the_plan_it_wrote(cli, tmp_path):
    out = tmp_path / "plan.yaml"
    code, _, err = cli("new", "head-of-sales", "--lang", "en", "--no-input", "--set", "period=2027-Q1", "-o", out)
    assert code == 0, err
    lint_code, _, _ = cli("lint", out)
    assert lint_code == code == 0
    # A company template whose text has no measure: an error in lint, so `new` exits 1 too (and writes the plan).
    from okrgen.resources import folder

    sdr = (folder("catalog") / "sales" / "sdr.yaml").read_text(encoding="utf-8")
    old = "en: Cut the median first response to inbound demo requests from {{ frt_baseline_hours | num }} to {{ frt_target_hours | num }} hours"
    assert old in sdr
    (tmp_path / "cat").mkdir()
    (tmp_path / "cat" / "sdr2.yaml").write_text(
        sdr.replace("id: sdr", "id: sdr2")
        .replace(old, "en: Improve the inbound process")
        .replace("        baseline: frt_baseline_hours\n        target: frt_target_hours\n", "", 1),
        encoding="utf-8",
    )
    code, _, err = cli("new", "sdr2", "--catalog", tmp_path / "cat", "--lang", "en", "--no-input", "--force", "-o", out)
    lint_code, _, _ = cli("lint", out)
    assert code == lint_code == 1 and out.exists(), err


def test_a_contradiction_through_a_derived_value_names_what_it_comes_from(cli, tmp_path):
    code, _, err = cli("new", "account-executive", "--lang", "en", "--no-input", "--set", "deal_size_target=26000", "-o", tmp_path / "p.yaml")
    assert code == 2 and "deals_target=10 (derived from deal_size_target=26000" in err


def test_answers_period_is_validated_at_its_line(tmp_path, cli):
    answers = tmp_path / "answers.yaml"
    answers.write_text("team: EMEA\nperiod: {start: 2027-01-01, end: 2026-01-01}\n", encoding="utf-8")
    code, out, err = cli("new", "sdr", "--answers", answers, "-o", tmp_path / "p.yaml", "--no-lint")
    assert code == 2 and f"{answers}:2:9" in err and "end 2026-01-01 is before start 2027-01-01" in err
    assert not (tmp_path / "p.yaml").exists()


def test_answers_bad_value_names_the_answers_line(tmp_path, cli):
    answers = tmp_path / "answers.yaml"
    answers.write_text("team: EMEA\nfrt_target_hours: abc\n", encoding="utf-8")
    code, out, err = cli("new", "sdr", "--answers", answers, "-o", tmp_path / "p.yaml", "--no-lint")
    assert code == 2 and f"{answers}:2:19" in err and "'abc' is not a number" in err


@pytest.mark.parametrize("key", ["1", "null", "true"])
def test_answers_key_that_is_not_a_name(tmp_path, cli, key):
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"team: EMEA\n{key}: x\n", encoding="utf-8")
    code, out, err = cli("new", "sdr", "--answers", answers, "-o", tmp_path / "p.yaml", "--no-lint")
    assert code == 2 and "is not a parameter name" in err and "internal error" not in err


def test_explicit_period_answer_is_written_without_anchors(tmp_path, cli):
    answers = tmp_path / "answers.yaml"
    answers.write_text("period: {start: 2027-01-01, end: 2027-03-31}\n", encoding="utf-8")
    code, out, err = cli("new", "sdr", "--answers", answers, "-o", tmp_path / "p.yaml", "--no-lint")
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert code == 0 and "&id" not in text and "*id" not in text and text.count("start: '2027-01-01'") + text.count("start: 2027-01-01") == 2


@pytest.mark.parametrize("lang, currency", [("en", "USD"), ("ru", "RUB"), ("zh", "CNY")])
def test_currency_defaults_to_the_language_and_yields_to_set_answers_and_config(lang, currency, cli, tmp_path, monkeypatch):
    import yaml

    monkeypatch.chdir(tmp_path)
    assert cli("new", "sdr", "--lang", lang, "--no-input", "-o", "a.yaml")[0] == 0
    assert yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))["currency"] == currency
    (tmp_path / "okrgen.toml").write_text('currency = "EUR"\n', encoding="utf-8")
    assert cli("new", "sdr", "--lang", lang, "--no-input", "-o", "b.yaml")[0] == 0
    assert yaml.safe_load((tmp_path / "b.yaml").read_text(encoding="utf-8"))["currency"] == "EUR"
    assert cli("new", "sdr", "--lang", lang, "--no-input", "--set", "currency=GBP", "-o", "c.yaml")[0] == 0
    assert yaml.safe_load((tmp_path / "c.yaml").read_text(encoding="utf-8"))["currency"] == "GBP"
    (tmp_path / "answers.yaml").write_text("currency: KZT\n", encoding="utf-8")
    assert cli("new", "sdr", "--lang", lang, "--no-input", "--answers", "answers.yaml", "-o", "d.yaml")[0] == 0
    assert yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))["currency"] == "KZT"


@pytest.mark.parametrize("lang, made_up", [("en", "Our team"), ("ru", "Наша команда"), ("zh", "我们的团队")])
def test_no_team_given_means_no_team_in_the_title(lang, made_up, cli, tmp_path):
    import yaml

    assert cli("new", "sdr", "--lang", lang, "--no-input", "-o", tmp_path / "p.yaml")[0] == 0
    plan = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))
    assert made_up not in plan["title"] and "team" not in plan
    assert "SDR" in plan["title"]  # titled by the role instead
    assert cli("new", "sdr", "--lang", lang, "--no-input", "--set", "team=East", "-o", tmp_path / "q.yaml")[0] == 0
    assert yaml.safe_load((tmp_path / "q.yaml").read_text(encoding="utf-8"))["title"].startswith("East")


@pytest.mark.parametrize("lang, name", [("en", "Opportunity"), ("ru", "Сделка в работе"), ("zh", "商机")])
def test_templates_follow_the_company_funnel_in_okrgen_toml(lang, name, cli, tmp_path, monkeypatch):
    import yaml

    monkeypatch.chdir(tmp_path)

    def mql_target(out):
        plan = yaml.safe_load((tmp_path / out).read_text(encoding="utf-8"))
        return next(kr for o in plan["objectives"] for kr in o["key_results"] if kr.get("metric") == "mql")["target"], plan

    assert cli("new", "sales-marketing-sla", "--lang", lang, "--no-input", "--no-lint", "-o", "glossary.yaml")[0] == 0
    target, plan = mql_target("glossary.yaml")
    answers = plan["source"]["answers"]
    deals = -(-answers["revenue_target"] // answers["deal_size"])  # 80 at the template's dollars; 77 at its rounded yuan
    assert target == deals * 10  # deals / 25% / 80% / 50%
    (tmp_path / "okrgen.toml").write_text('[funnel]\nmerge = [["sql", "sal"]]\n', encoding="utf-8")
    assert cli("new", "sales-marketing-sla", "--lang", lang, "--no-input", "--no-lint", "-o", "merged.yaml")[0] == 0
    assert mql_target("merged.yaml")[0] == deals * 10  # SQL = SAL: the SQL → SAL loss moves into the win rate
    (tmp_path / "okrgen.toml").write_text(f'[funnel]\nnames.sal = "{name}"\n', encoding="utf-8")
    assert cli("new", "sales-marketing-sla", "--lang", lang, "--no-input", "--no-lint", "-o", "renamed.yaml")[0] == 0
    target, plan = mql_target("renamed.yaml")
    texts = [kr["text"] for o in plan["objectives"] for kr in o["key_results"]]
    assert target == deals * 10 and any(name in t for t in texts) and not any("SAL" in t for t in texts)


@pytest.mark.parametrize(
    "lang, note", [("en", "targets on SQL → SAL conversion are left out"), ("ru", "по конверсии SQL → SAL не включены"), ("zh", "SQL→SAL转化率的目标未纳入")]
)
def test_merged_stages_leave_out_the_rate_between_them(lang, note, cli, tmp_path, monkeypatch):
    """okrgen.toml merges SQL and SAL: the SLA template neither asks for sql_to_sal_pct nor plans a
    KR on it, says why in the plan's notes, and its defaults still agree with each other (the
    MQLs needed stay above last period's, instead of 640 against a baseline of 650)."""
    import yaml

    monkeypatch.chdir(tmp_path)
    (tmp_path / "okrgen.toml").write_text('[funnel]\nmerge = [["sql", "sal"]]\n', encoding="utf-8")
    code, _, err = cli("new", "sales-marketing-sla", "--lang", lang, "--no-input", "-o", "p.yaml")
    assert code == 0 and "SMART" not in err  # lints clean
    plan = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))
    krs = [kr for o in plan["objectives"] for kr in o["key_results"]]
    assert "sql_to_sal_rate" not in {kr.get("metric") for kr in krs}
    assert [kr["id"] for kr in plan["objectives"][1]["key_results"]] == ["KR2.1", "KR2.2"]  # numbered without a gap
    assert note in plan["notes"]
    answers = plan["source"]["answers"]
    assert "sql_to_sal_pct" not in answers and "sql_to_sal_baseline" not in answers
    assert (answers["sal_to_won_pct"], answers["sal_to_won_baseline"]) == (20, 14)  # 25 % × 80 %, 20 % × 70 %
    mql = next(kr for kr in krs if kr.get("metric") == "mql")
    assert mql["target"] > mql["previous"] == 650


def test_a_rate_between_merged_stages_given_is_an_error_at_its_line(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "okrgen.toml").write_text('[funnel]\nmerge = [["sql", "sal"]]\n', encoding="utf-8")
    code, _, err = cli("new", "sales-marketing-sla", "--no-input", "--set", "sql_to_sal_pct=70")
    assert code == 2 and "one stage" in err and "sal_to_won_pct" in err and "Traceback" not in err
    (tmp_path / "answers.yaml").write_text("revenue_target: 1M\nsql_to_sal_pct: 70\n", encoding="utf-8")
    code, _, err = cli("new", "sales-marketing-sla", "--no-input", "--answers", "answers.yaml")
    assert code == 2 and "answers.yaml:2:" in err
    (tmp_path / "okrgen.toml").write_text("", encoding="utf-8")
    assert cli("new", "sales-marketing-sla", "--no-input", "--answers", "answers.yaml")[0] == 0  # unmerged: a rate like any other


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_merged_stages_fold_a_rate_passed_under_another_name(lang, cli, tmp_path, monkeypatch):
    """marketing-director passes its SAL → won rate as `win_rate`: with SQL = SAL the SQL → SAL
    loss folds into it (25 % × 70 % = 17.5 %), the KPI on SQL → SAL goes, and the SQL target stays
    above last period's 420 (it fell to 400 when the rate was simply dropped)."""
    import yaml

    monkeypatch.chdir(tmp_path)
    (tmp_path / "okrgen.toml").write_text('[funnel]\nmerge = [["sql", "sal"]]\n', encoding="utf-8")
    code, _, err = cli("new", "marketing-director", "--lang", lang, "--no-input", "-o", "p.yaml")
    assert code == 0 and "SMART" not in err
    plan = yaml.safe_load((tmp_path / "p.yaml").read_text(encoding="utf-8"))
    assert plan["source"]["answers"]["win_rate"] == 17.5 and "sql_to_sal" not in plan["source"]["answers"]
    assert "sql_to_sal_rate" not in {k.get("metric") for k in plan["kpis"]} and plan["notes"]
    sql = next(kr for o in plan["objectives"] for kr in o["key_results"] if kr.get("metric") == "sql")
    assert sql["target"] > sql["previous"] == 420


def test_answers_piped_to_new_are_refused_not_silently_dropped(tmp_path):
    # a user trial piped its answers and got a plan of defaults, exit 0
    import subprocess
    import sys

    out = tmp_path / "x.yaml"
    run = lambda *extra, stdin: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "okrgen", "new", "sdr", "--lang", "zh", "-o", str(out), *extra], input=stdin, capture_output=True, text=True
    )
    piped = run(stdin="华东 SDR\n王伟\n")
    assert piped.returncode == 2 and "answers piped to okrgen new are not read" in piped.stderr and "--answers" in piped.stderr
    assert not out.exists()
    assert run("--no-input", stdin="x\n").returncode == 0 and out.exists()  # --no-input: the defaults, as asked
    assert run("--force", stdin="").returncode == 0  # nothing piped: nothing lost


def test_a_contradiction_is_explained_in_the_plans_language(cli, tmp_path):
    # a user trial: the Chinese finding sat inside an English sentence
    code, _, err = cli("new", "account-executive", "--lang", "ru", "--no-input", "--set", "quota=150000", "-o", tmp_path / "x.yaml")
    assert code == 2 and "противоречат ключевому результату KR1.1 шаблона «account-executive»" in err and " и quota=150000" in err
    assert "contradict" not in err and "Give " not in err
    code, _, err = cli("new", "sdr", "--lang", "zh", "--no-input", "--set", "deal_size=2000000", "--set", "revenue_target=2000000", "-o", tmp_path / "y.yaml")
    assert code == 2 and "与模板“sdr”的关键结果KR2.2相矛盾" in err and "推算" in err and "derived" not in err


def test_answers_typed_at_the_prompts_survive_a_refusal(monkeypatch, cli, tmp_path):
    # a user trial answered 22 prompts, was refused for one value, and had to type them all again
    import io

    from okrgen.cli import new_cmd

    monkeypatch.setattr(new_cmd, "_interactive", lambda args: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Inbound EMEA\nDana\n2027-Q2\n\n" + "\n" * 40))
    out = tmp_path / "p.yaml"
    code, _, err = cli("new", "head-of-sales", "--lang", "en", "--set", "quota_share_baseline=62", "--set", "quota_share_target=40", "-o", out)
    kept = tmp_path / "p.answers.yaml"
    assert code == 2 and not out.exists() and f"Your answers are kept in {kept}" in err
    answers = yaml.safe_load(kept.read_text(encoding="utf-8"))
    assert answers["team"] == "Inbound EMEA" and answers["owner"] == "Dana" and answers["quota_share_target"] == 40
    code, _, err = cli("new", "head-of-sales", "--lang", "en", "--no-input", "--answers", kept, "--set", "quota_share_target=70", "-o", out)
    assert code == 0, err
    assert load_plan(out).data["team"] == "Inbound EMEA"
