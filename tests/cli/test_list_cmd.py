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
        "import",
        "lint",
        "list",
        "new",
        "render",
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
