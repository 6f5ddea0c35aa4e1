import json
import subprocess
import sys
from pathlib import Path

import pytest


def test_list_text_and_json(cli):
    code, out, _ = cli("list", "--lang", "ru")
    assert code == 0 and len([l for l in out.splitlines() if l and not l.startswith(("SDR: ", "BDR: "))]) == 12
    assert any(line.startswith("sdr ") and "en,ru,zh" in line for line in out.splitlines())
    code, out, _ = cli("list", "--format", "json")
    data = json.loads(out)
    assert {t["id"] for t in data["templates"]} >= {"sdr", "pr", "sales-marketing-sla"}


def test_list_shows_company_override(cli, tmp_path):
    from okrgen.resources import folder

    (tmp_path / "pr.yaml").write_text((folder("catalog") / "marketing" / "pr.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = cli("list", "--catalog", tmp_path)
    assert code == 0 and "overrides built-in" in next(l for l in out.splitlines() if l.startswith("pr "))


def test_show_parameters(cli):
    code, out, _ = cli("show", "sdr", "--format", "json", "--lang", "zh")
    data = json.loads(out)
    names = {p["name"]: p for p in data["parameters"]}
    assert names["period"]["default"] == "2027-Q1" and names["currency"]["default"] == "CNY"
    assert names["meetings_target"]["derive"] and names["meetings_target"]["default"] is None
    code, out, _ = cli("show", "sdr")
    assert code == 0 and "frt_baseline_hours" in out


@pytest.mark.parametrize("lang, deal_size, words", [("en", 25_000, None), ("ru", 2_000_000, "не курс валют"), ("zh", 180_000, "并非汇率")])
def test_show_gives_money_defaults_in_the_currency_of_the_language(cli, lang, deal_size, words):
    data = json.loads(cli("show", "head-of-sales", "--format", "json", "--lang", lang)[1])
    names = {p["name"]: p for p in data["parameters"]}
    assert names["deal_size"]["default"] == deal_size
    code, out, _ = cli("show", "head-of-sales", "--lang", lang)
    assert code == 0 and f"[{deal_size}]" in out
    if words:
        assert words in out and data["money_scale"] and data["currency"] in ("RUB", "CNY")
    else:
        assert data["money_scale"] is None


def test_show_follows_the_currency_in_okrgen_toml(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "okrgen.toml").write_text('currency = "RUB"\n', encoding="utf-8")
    data = json.loads(cli("show", "head-of-sales", "--format", "json", "--lang", "en")[1])
    names = {p["name"]: p for p in data["parameters"]}
    assert names["currency"]["default"] == "RUB" and names["deal_size"]["default"] == 2_000_000


def test_show_unknown(cli):
    code, _, err = cli("show", "nope")
    assert code == 2 and "unknown template" in err


def test_schema_prints_json(cli):
    code, out, _ = cli("schema", "plan")
    assert code == 0 and json.loads(out)["title"] == "okrgen plan"


def test_installed_package_finds_its_data_from_any_directory(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "okrgen", "list"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "sdr" in proc.stdout


def test_the_command_passes_on_exit_codes_and_every_command_is_found(tmp_path):
    exe = Path(sys.executable).with_name("okrgen")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "okrgen"]
    ok = subprocess.run([*cmd, "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0
    listed = {line.split()[0] for line in ok.stdout.splitlines() if line.startswith("    ") and not line.startswith("     ")}
    assert listed == {
        "catalog",
        "check",
        "checkin",
        "funnel",
        "export",
        "import",
        "lint",
        "list",
        "new",
        "render",
        "report",
        "rules",
        "schema",
        "score",
        "show",
        "status",
        "template",
        "update",
    }
    bad = subprocess.run([*cmd, "show", "no-such-role"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "unknown template 'no-such-role'" in bad.stderr and "Traceback" not in bad.stderr


def test_list_does_not_import_weasyprint_or_jsonschema(tmp_path):
    code = "import sys; from okrgen.cli.main import main; main(['list']); main(['show','sdr']); print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint','jsonschema','jinja2')))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("[]"), proc.stdout + proc.stderr


def test_help_everywhere(cli):
    for cmd in ("list", "show", "new", "render", "schema", "catalog"):
        try:
            cli(cmd, "--help")
        except SystemExit as exc:  # argparse exits 0 after printing help
            assert exc.code == 0


def test_show_lists_a_choices_options_with_their_labels(cli, tmp_path):
    from tests.catalog.test_fill import RICH

    (tmp_path / "rich.yaml").write_text(RICH, encoding="utf-8")
    code, out, err = cli("show", "rich", "--catalog", tmp_path, "--lang", "ru")
    assert code == 0, err
    assert "monthly (ежемесячно), quarterly (ежеквартально)" in out and "when: has_partners" in out
    code, out, _ = cli("show", "rich", "--catalog", tmp_path, "--format", "json", "--lang", "ru")
    choice = next(p for p in __import__("json").loads(out)["parameters"] if p["name"] == "review_cadence")
    assert choice["choices"][1] == {"value": "quarterly", "label": "ежеквартально"}


def test_a_mistyped_command_gets_a_suggestion(cli):
    code, _, err = cli("rendr", "plan.yaml")
    assert code == 2 and "unknown command 'rendr'" in err and "Did you mean 'render'?" in err
    code, _, err = cli("xyzzy")
    assert code == 2 and "Did you mean" not in err and "okrgen --help" in err


def test_a_wrong_option_prints_that_commands_usage(cli):
    code, _, err = cli("render", "--bogus", "plan.yaml")
    assert code == 2 and "usage: okrgen render" in err and "unrecognized arguments: --bogus" in err
    code, _, err = cli("export", "plans")
    assert code == 2 and "usage: okrgen export" in err and "-o/--output" in err


def test_shell_completion_from_the_parser(tmp_path):
    import shtab

    from okrgen.cli.main import build_parser

    script = shtab.complete(build_parser(), shell="bash")
    assert "report" in script and "export" in script and "--teams" in script


def test_an_argument_that_is_not_utf8_is_exit_2(cli, tmp_path):
    code, out, err = cli("new", "sdr", "--set", "team=\udcff", "-o", tmp_path / "p.yaml")
    assert code == 2 and "not valid UTF-8 text: team=<byte 0xff>" in err and "internal error" not in err
    assert not (tmp_path / "p.yaml").exists()


def test_a_full_disk_on_stdout_is_exit_2(monkeypatch, capsys):
    import errno
    import sys

    from okrgen.cli.main import main

    class Full:
        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

        def flush(self):
            raise OSError(errno.ENOSPC, "No space left on device")

        def fileno(self):
            raise ValueError

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["list"]) == 2
    assert "standard output: cannot write or read (No space left on device)" in capsys.readouterr().err


def test_real_processes_with_dev_full_and_a_closed_stdout():
    import subprocess
    import sys

    full = subprocess.run(f"{sys.executable} -m okrgen list > /dev/full", shell=True, capture_output=True, text=True)
    closed = subprocess.run(f"{sys.executable} -m okrgen list >&-", shell=True, capture_output=True, text=True)
    assert (full.returncode, closed.returncode) == (2, 2), (full.stderr, closed.stderr)
    assert "No space left on device" in full.stderr and "standard output is closed" in closed.stderr
    assert "Traceback" not in full.stderr + closed.stderr and "Exception ignored" not in full.stderr


def test_a_5000_digit_number_in_a_plan_is_located(cli, tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text("version: " + "9" * 5000 + "\ntitle: t\nobjectives: []\n", encoding="utf-8")
    for command in ("lint", "score", "render"):
        code, out, err = cli(command, plan, *(["-o", tmp_path / "o"] if command == "render" else []))
        assert code == 2 and f"{plan}:1:10" in out + err and "5,000 digits" in out + err and "internal error" not in err, command


def test_list_prints_template_text_inert(cli, tmp_path):
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "t.yaml").write_text('id: t\ndepartment: sales\nrole: {en: "Evil \\e]0;pwned\\a\\e[2J role"}\nlanguages: [en]\n', encoding="utf-8")
    code, out, err = cli("list", "--catalog", folder)
    assert "\x1b" not in out and "\x07" not in out and "Evil \\x1b]0;pwned\\x07\\x1b[2J role" in out


@pytest.mark.parametrize(
    "lang, sdr_words, bdr_words",
    [("en", "qualifies inbound requests", "prospects outbound"), ("ru", "входящих заявок", "исходящим продажам"), ("zh", "审核入站咨询", "主动外呼开拓")],
)
def test_list_and_show_say_what_sdr_and_bdr_mean(cli, lang, sdr_words, bdr_words):
    code, out, _ = cli("list", "--lang", lang)
    assert code == 0
    sdr = next(l for l in out.splitlines() if l.startswith("SDR: "))
    bdr = next(l for l in out.splitlines() if l.startswith("BDR: "))
    assert sdr_words in sdr and bdr_words in bdr
    code, out, _ = cli("show", "sdr", "--lang", lang)
    assert sdr in out.splitlines() and bdr not in out.splitlines()
    code, out, _ = cli("show", "bdr", "--lang", lang)
    assert bdr in out.splitlines() and sdr not in out.splitlines()
    code, out, _ = cli("show", "pr", "--lang", lang)
    assert sdr not in out.splitlines() and bdr not in out.splitlines()
    code, out, _ = cli("show", "bdr", "--lang", lang, "--format", "json")
    assert bdr_words in json.loads(out)["roles_explained"]["bdr"]


def test_show_in_chinese_has_no_space_after_full_width_punctuation(cli):
    code, out, _ = cli("show", "pr", "--lang", "zh")
    assert code == 0 and "清单，而现在" in out and "， " not in out and "。 " not in out
