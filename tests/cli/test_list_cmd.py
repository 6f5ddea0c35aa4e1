import json
import subprocess
import sys
from pathlib import Path


def test_list_text_and_json(cli):
    code, out, _ = cli("list", "--lang", "ru")
    assert code == 0 and len(out.splitlines()) == 12
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
    assert names["period"]["default"] == "2027-Q1" and names["currency"]["default"] == "USD"
    assert names["meetings_target"]["derive"] and names["meetings_target"]["default"] is None
    code, out, _ = cli("show", "sdr")
    assert code == 0 and "frt_baseline_hours" in out


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
