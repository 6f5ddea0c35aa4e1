"""`okrgen check` and `okrgen rules` through okrgen.cli.main.main."""

from __future__ import annotations

import json
import subprocess
import sys

from okrgen.cli.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_text_output_and_exit_code(capsys):
    code, out, _ = run(capsys, "check", "Improve the candidate experience", "--period", "2027-Q1")
    assert code == 1
    assert "<input>: warning SMART-S01" in out and "<input>: error SMART-M01" in out
    assert "  fix: " in out and out.strip().endswith("(1 error, 1 warning, 0 info)")


def test_check_clean_kr_exits_zero(capsys):
    code, out, _ = run(capsys, "check", "Raise SQL-to-win rate from 18% to 24%", "--period", "2027-Q1")
    assert code == 0 and "No findings." in out


def test_check_fail_on_and_exit_zero(capsys):
    args = ["check", "Grow MQLs by 30%", "--period", "2027-Q1"]  # M03 is info
    assert run(capsys, *args)[0] == 0
    assert run(capsys, *args, "--fail-on", "info")[0] == 1
    assert run(capsys, "check", "Improve onboarding", "--exit-zero")[0] == 0


def test_check_json(capsys):
    code, out, _ = run(capsys, "check", "Увеличить продажи", "--period", "2027-Q1", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["findings"][0]["code"] == "SMART-M01" and data["findings"][0]["lang"] == "ru"


def test_check_options_reach_the_linter(capsys):
    assert "SMART-T01" in run(capsys, "check", "Grow MRR from $40k to $55k")[1]
    assert "SMART-T01" not in run(capsys, "check", "Grow MRR from $40k to $55k", "--objective", "Win the north by Q4")[1]
    assert "SMART-T03" in run(capsys, "check", "Grow MRR from $40k to $55k", "--period", "2027-Q1", "--due", "2027-06-30")[1]


def test_check_empty_and_bad_input_exit_2(capsys):
    code, _, err = run(capsys, "check", "  ")
    assert code == 2 and "empty" in err
    assert run(capsys, "check")[0] == 2
    assert run(capsys, "check", "Raise NPS", "--period", "2027-Q9")[0] == 2


def test_check_jsonl(capsys, tmp_path, monkeypatch):
    f = tmp_path / "krs.jsonl"
    f.write_text(
        '{"id": "a", "kr": "Host 4 webinars", "period": "2027-Q1"}\n'
        "not json\n"
        '{"id": "c"}\n'
        "\n"
        '{"id": "d", "kr": "将MQL到SQL转化率从25%提升到35%", "period": "2027-Q1", "objective": null, "lang": null}\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "check", "--jsonl", str(f), "--fail-on", "warning")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [(x["id"], [g["code"] for g in x["findings"]]) for x in lines] == [("a", ["SMART-R01"]), ("d", [])]
    assert ":2:" in err and ":3:" in err


def test_check_jsonl_unusable_input(capsys, tmp_path):
    assert run(capsys, "check", "--jsonl", str(tmp_path / "missing.jsonl"))[0] == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n[1]\n", encoding="utf-8")
    assert run(capsys, "check", "--jsonl", str(bad))[0] == 2


def test_rules_list(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert "SMART-S01" in out and "SMART-P04" in out and "ALIGN-001" in out


def test_rules_one_rule_in_each_language(capsys):
    code, out, _ = run(capsys, "rules", "SMART-R01")
    assert code == 0 and "What it checks" in out and "Use instead" in out and "so what?" in out
    code, out, _ = run(capsys, "rules", "r01", "--lang", "zh")
    assert code == 0 and "修改建议" in out and "这是工作任务而非成果" in out
    data = json.loads(run(capsys, "rules", "SMART-M01", "--format", "json")[1])
    assert data["code"] == "SMART-M01" and data["severity"] == "error"


def test_rules_unknown_code_suggests(capsys):
    code, _, err = run(capsys, "rules", "SMART-R03")
    assert code == 2 and "SMART-R0" in err


def test_lint_core_does_not_import_weasyprint():
    script = (
        "import sys\n"
        "from okrgen.lint import check_kr, lint_plan\n"
        "check_kr('Improve onboarding')\n"
        "from okrgen.cli.main import main\n"
        "main(['check', 'Host 4 webinars', '--exit-zero'])\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema imported'\n"
    )
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_check_fails_on_errors_by_default_like_lint(capsys):
    assert run(capsys, "check", "Host 4 webinars for prospects", "--period", "2027-Q1")[0] == 0  # R01 is a warning
    assert run(capsys, "check", "Host 4 webinars for prospects", "--period", "2027-Q1", "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", "Increase course completions", "--period", "2027-Q1")[0] == 1  # M01 is an error


def test_rules_reference_page_is_not_stale(capsys):
    """docs/rules.md is generated; refresh it with `okrgen rules --format markdown > docs/rules.md`."""
    from pathlib import Path

    from okrgen.lint.registry import load_rules

    docs = Path(__file__).resolve().parents[2] / "docs"
    for lang, name in (("en", "rules.md"), ("ru", "rules.ru.md"), ("zh", "rules.zh.md")):
        code, out, _ = run(capsys, "rules", "--format", "markdown", "--lang", lang)
        assert code == 0 and out == (docs / name).read_text(encoding="utf-8"), (
            f"docs/{name} is stale: okrgen rules --format markdown --lang {lang} > docs/{name}"
        )
        assert out.count("\n## ") == len(load_rules())


def test_check_summary_plurals(capsys):
    from okrgen.cli.check_cmd import _summary
    from okrgen.finding import Finding

    def some(*severities):
        return [Finding("SMART-S01", s, "m") for s in severities]

    assert _summary([]) == "No findings."
    assert _summary(some("warning")) == "1 finding (0 errors, 1 warning, 0 info)"
    assert _summary(some("error", "warning", "warning")) == "3 findings (1 error, 2 warnings, 0 info)"
    assert _summary(some(*["error"] * 21, *["warning"] * 2, *["info"] * 5), "ru") == "28 замечаний (21 ошибка, 2 предупреждения, 5 заметок)"
    assert _summary(some("error"), "ru") == "1 замечание (1 ошибка, 0 предупреждений, 0 заметок)"
    assert _summary(some("error", "info"), "zh") == "2 个问题（1 个错误，0 个警告，1 条提示）"


def test_check_summary_in_the_readers_language(capsys, monkeypatch):
    assert run(capsys, "check", "Improve onboarding")[1].splitlines()[-1] == "3 findings (1 error, 2 warnings, 0 info)"
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert run(capsys, "check", "Improve onboarding")[1].splitlines()[-1] == "3 замечания (1 ошибка, 2 предупреждения, 0 заметок)"
    assert run(capsys, "check", "Raise SQL-to-win rate from 18% to 24%", "--period", "2027-Q1")[1] == "Замечаний нет.\n"
    monkeypatch.setenv("OKRGEN_LANG", "zh")  # before the locale
    assert run(capsys, "check", "Improve onboarding")[1].splitlines()[-1] == "3 个问题（1 个错误，2 个警告，0 条提示）"
    data = json.loads(run(capsys, "check", "Improve onboarding", "--format", "json")[1])
    assert data["findings"][0]["severity"] in ("error", "warning")
