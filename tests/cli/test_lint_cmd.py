"""`okrgen lint`: inputs, locations, suppressions, formats, exit codes and bad input."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrgen.cli import lint_cmd
from okrgen.cli.main import main
from okrgen.finding import Finding

SEEDS = Path(os.environ.get("OKRGEN_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"))

PLAN = """\
title: Test plan
period: 2027-Q1
objectives:
  - title: Grow revenue
    key_results:
      - text: Improve onboarding  # okrgen: ignore[SMART-S01]
      # okrgen: ignore
      - text: Host 4 open days
      - text: Increase ARR from 2 to 3
        owner: Anna
"""

DRAFT = """\
# Team OKRs Q1 2027

## Objective: Delight customers

- KR1: Improve support
<!-- okrgen-disable SMART-S01 -->
- KR2: Improve docs
<!-- okrgen-enable -->
"""


def fake_lint(plan, *, config=None, fragment=False):
    """One plan finding, one objective finding, and S01 (error) + R01 (warning) per key result."""
    out = [Finding("SMART-P02", "info", "plan", "", pointer="", scope="plan")]
    for i, obj in enumerate(plan["objectives"]):
        out.append(Finding("SMART-O02", "warning", "objective", "", pointer=f"/objectives/{i}", scope="objective"))
        for j, _ in enumerate(obj.get("key_results") or []):
            ptr = f"/objectives/{i}/key_results/{j}"
            out.append(Finding("SMART-S01", "error", "vague", "say how much", pointer=ptr, scope="kr"))
            out.append(Finding("SMART-R01", "warning", "activity", "", pointer=ptr, scope="kr"))
    return out


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(lint_cmd, "lint_function", lambda: fake_lint)


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def lint_json(capsys, *args) -> tuple[int, dict]:
    code = main(["lint", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def codes_at(doc, file) -> list[tuple[str, int, int, str]]:
    return [(f["code"], f["line"], f["col"], f["pointer"]) for f in doc["files"][file]["findings"]]


# --------------------------------------------------------------------------- plans and drafts


def test_yaml_plan_findings_are_located_and_ignores_applied(fake, work, capsys):
    code, doc = lint_json(capsys, "plan.yaml")
    assert code == 1
    found = codes_at(doc, "plan.yaml")
    assert ("SMART-P02", 1, 1, "") in found
    assert ("SMART-O02", 4, 12, "/objectives/0") in found  # at the objective's title
    # KR 0: S01 ignored by its comment, R01 kept, at the KR text
    assert ("SMART-R01", 6, 15, "/objectives/0/key_results/0") in found
    assert not any(c == "SMART-S01" and p.endswith("/0") for c, _, _, p in found)
    # KR 1: a bare "# okrgen: ignore" on the line above ignores every code
    assert not any(p == "/objectives/0/key_results/1" for *_, p in found)
    assert ("SMART-S01", 9, 15, "/objectives/0/key_results/2") in found


def test_ignore_comment_reaches_the_lint_core_as_the_kr_ignore_list(work, monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(lint_cmd, "lint_function", lambda: lambda plan, **kw: seen.append(copy.deepcopy(plan)) or [])
    assert main(["lint", "plan.yaml"]) == 0
    krs = seen[0]["objectives"][0]["key_results"]
    assert krs[0]["ignore"] == ["SMART-S01"]
    assert "ignore" not in krs[2]


def test_markdown_draft_lines_and_suppression(fake, work, capsys):
    code, doc = lint_json(capsys, "draft.md")
    assert code == 1
    found = codes_at(doc, "draft.md")
    assert ("SMART-O02", 3, 15, "/objectives/0") in found
    assert ("SMART-S01", 5, 8, "/objectives/0/key_results/0") in found
    assert ("SMART-R01", 7, 8, "/objectives/0/key_results/1") in found
    assert ("SMART-S01", 7, 8, "/objectives/0/key_results/1") not in found  # okrgen-disable


def test_directory_is_expanded_sorted_and_recursive(fake, work, capsys):
    (work / "sub").mkdir()
    (work / "sub" / "notes.txt").write_text("Objective: Grow\n- KR1: Increase ARR from 2 to 3\n", encoding="utf-8")
    (work / ".hidden").mkdir()
    (work / ".hidden" / "x.yaml").write_text("not: a plan\n", encoding="utf-8")
    (work / "image.png").write_bytes(b"\x89PNG")
    code, doc = lint_json(capsys, ".")
    assert list(doc["files"]) == ["draft.md", "plan.yaml", "sub/notes.txt"]
    assert doc["summary"]["files"] == 3


def test_exit_codes_fail_on_exit_zero_min_level(work, monkeypatch, capsys):
    monkeypatch.setattr(lint_cmd, "lint_function", lambda: lambda plan, **kw: [Finding("SMART-R01", "warning", "w", pointer="/objectives/0")])
    assert main(["lint", "plan.yaml"]) == 0  # default fail level: error
    assert main(["lint", "plan.yaml", "--fail-on", "warning"]) == 1
    assert main(["lint", "plan.yaml", "--fail-on", "warning", "--exit-zero"]) == 0
    capsys.readouterr()
    assert main(["lint", "plan.yaml", "--min-level", "error", "--fail-on", "warning"]) == 0
    assert capsys.readouterr().out == "no problems in 1 file\n"


def test_fail_on_from_configuration(work, monkeypatch):
    monkeypatch.setattr(lint_cmd, "lint_function", lambda: lambda plan, **kw: [Finding("SMART-R01", "warning", "w", pointer="/objectives/0")])
    (work / "okrgen.toml").write_text('fail_on = "warning"\n', encoding="utf-8")
    assert main(["lint", "plan.yaml"]) == 1
    assert main(["lint", "plan.yaml", "--fail-on", "error"]) == 0


def test_text_output_shape(fake, work, capsys):
    main(["lint", "draft.md"])
    out = capsys.readouterr().out.splitlines()
    assert "draft.md:5:8: error SMART-S01 vague" in out
    assert "  fix: say how much" in out
    assert out[-1] == "1 error, 3 warnings, 1 info in 1 file"
    assert not any("\033[" in line for line in out)  # not a terminal: no colour


@pytest.mark.parametrize("fmt, marker", [("github", "::error file=draft.md,line=5,col=8,title=SMART-S01::"), ("sarif", '"version": "2.1.0"')])
def test_other_formats(fake, work, capsys, fmt, marker):
    main(["lint", "draft.md", "--format", fmt])
    assert marker in capsys.readouterr().out


def test_output_file_is_written_and_not_overwritten(fake, work, capsys):
    assert main(["lint", "plan.yaml", "--format", "sarif", "-o", "lint.sarif"]) == 1
    assert json.loads((work / "lint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert capsys.readouterr().out == ""
    assert main(["lint", "plan.yaml", "-o", "lint.sarif"]) == 2
    assert "file exists" in capsys.readouterr().err
    assert (work / "lint.sarif").read_text(encoding="utf-8").startswith("{")
    assert main(["lint", "plan.yaml", "-o", "lint.sarif", "--force"]) == 1
    assert (work / "lint.sarif").read_text(encoding="utf-8").startswith("plan.yaml:")
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- bad input


def test_non_utf8_file_exit_2(fake, work, capsys):
    (work / "bad.md").write_bytes(b"Objective: x\n\xff\xfe broken\n")
    code = main(["lint", "bad.md"])
    out = capsys.readouterr().out
    assert code == 2
    assert "bad.md:2:1: error ENCODING not valid UTF-8 (byte 0xff)" in out


def test_one_unusable_file_among_good_ones_is_an_error_finding(fake, work, capsys):
    (work / "bad.yaml").write_text("objectives: [unclosed\n", encoding="utf-8")
    code, doc = lint_json(capsys, "bad.yaml", "plan.yaml")
    assert code == 1
    assert doc["files"]["bad.yaml"]["findings"][0]["code"] == "YAML-SYNTAX"
    assert doc["files"]["plan.yaml"]["findings"]


def test_yaml_that_is_not_a_plan_exit_2(fake, work, capsys):
    (work / "list.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    code = main(["lint", "list.yaml"])
    out = capsys.readouterr().out
    assert code == 2
    assert "list.yaml:1:1: error PLAN-NOT-A-PLAN" in out


def test_markdown_without_okrs_is_a_notice(fake, work, capsys):
    (work / "notes.md").write_text("# Meeting notes\n\n- lunch at noon\n", encoding="utf-8")
    assert main(["lint", "notes.md"]) == 0
    assert "notice: no objectives or key results recognised in notes.md" in capsys.readouterr().out
    assert main(["lint", "notes.md", "--strict"]) == 2


def test_unknown_format_exit_2(work, capsys):
    assert main(["lint", "plan.yaml", "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'xml'" in err and "Traceback" not in err


def test_missing_path_and_unsupported_file(work, capsys):
    assert main(["lint", "nope.yaml"]) == 2
    assert "nope.yaml: no such file or directory" in capsys.readouterr().err
    (work / "plan.pdf").write_bytes(b"%PDF")
    assert main(["lint", "plan.pdf"]) == 2
    assert "plan.pdf: not a plan or a draft" in capsys.readouterr().err
    (work / "plan.docx").write_bytes(b"PK")  # a draft kind lint reads, but not a Word file
    assert main(["lint", "plan.docx"]) == 2
    assert "not a readable Word document" in capsys.readouterr().out


def test_bad_configuration_exit_2(fake, work, capsys):
    (work / "okrgen.toml").write_text("colour = true\n", encoding="utf-8")
    assert main(["lint", "plan.yaml"]) == 2
    assert "unknown key 'colour'" in capsys.readouterr().err


def test_together_needs_align(fake, work, capsys, monkeypatch):
    try:
        import okrgen.lint.align  # noqa: F401
    except ImportError:
        assert main(["lint", "plan.yaml", "--together"]) == 2
        assert "okrgen.lint.align" in capsys.readouterr().err
        return
    calls = []
    monkeypatch.setattr("okrgen.lint.align.check_together", lambda plans, spec=None: calls.append([p.file for p in plans]) or [])
    main(["lint", "plan.yaml", "draft.md", "--together"])
    assert calls == [["plan.yaml"]]


# --------------------------------------------------------------------------- the seed articles


@pytest.mark.parametrize("prefix, objectives, krs", [("000", 9, 31), ("001", 17, 85)])
def test_seed_articles_are_read(fake, capsys, prefix, objectives, krs):
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed articles not found in {SEEDS}")
    code, doc = lint_json(capsys, str(matches[0]))
    found = doc["files"][str(matches[0])]["findings"]
    assert sum(f["code"] == "SMART-O02" for f in found) == objectives
    assert sum(f["code"] == "SMART-S01" for f in found) == krs
    assert all(f["line"] and f["col"] for f in found)


# --------------------------------------------------------------------------- whole process


def run_okrgen(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okrgen", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_process_non_utf8_no_traceback(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00O\x00b")
    proc = run_okrgen("lint", "bad.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "not valid UTF-8" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_lint_does_not_import_weasyprint(tmp_path):
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    code = (
        "import sys\n"
        "from okrgen.cli.main import main\n"
        "try:\n"
        "    main(['lint', 'draft.md', 'plan.yaml', '--exit-zero'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
        "print('OK')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().endswith("OK"), proc.stderr


def test_together_reports_a_short_marketing_plan_with_both_files(capsys):
    data = Path(__file__).resolve().parents[1] / "data" / "align"
    code = main(["lint", "--together", str(data / "marketing_short.yaml"), str(data / "sales.yaml"), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    findings = [f for entry in doc["files"].values() for f in entry["findings"]]
    assert code == 0 and any(f["code"] == "ALIGN-001" and "250 short" in f["message"] and "sales.yaml" in f["message"] for f in findings)


def test_lint_reads_word_html_and_sheet_drafts_and_points_at_rows(tmp_path, capsys):
    (tmp_path / "okrs.csv").write_text("Objective,Key result,Owner\nGrow,Improve onboarding,Ann\n,Sign 5 new logos by 30 June 2027,Bo\n", encoding="utf-8")
    (tmp_path / "okrs.html").write_text("<h1>Q1 2027</h1><ul><li>Grow<ul><li>Improve onboarding</li><li>Sign 5 logos</li></ul></li></ul>", encoding="utf-8")
    code = main(["lint", "--format", "json", str(tmp_path / "okrs.csv"), str(tmp_path / "okrs.html")])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    found = {(Path(name).name, f["code"], f["line"]) for name, entry in data["files"].items() for f in entry["findings"]}
    assert ("okrs.csv", "SMART-S01", 2) in found  # the row of the vague key result
    assert any(name == "okrs.html" and c == "SMART-S01" for name, c, _ in found)
    assert code == 1  # M01 is an error
    assert "okrs.csv: 1 objective, 2 key results" in captured.err


def test_text_summary_in_the_readers_language(work, monkeypatch, capsys):
    monkeypatch.setattr(lint_cmd, "lint_function", lambda: lambda plan, **kw: [Finding("SMART-R01", "warning", "w", pointer="/objectives/0")])
    main(["lint", "plan.yaml"])
    assert capsys.readouterr().out.splitlines()[-1] == "1 warning in 1 file"
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    main(["lint", "plan.yaml"])
    assert capsys.readouterr().out.splitlines()[-1] == "1 предупреждение в 1 файле"
    main(["lint", "plan.yaml", "--format", "github"])  # read by programs: English
    assert capsys.readouterr().out.splitlines()[-1] == "1 warning in 1 file"
    monkeypatch.setenv("OKRGEN_LANG", "zh")
    main(["lint", "plan.yaml", "--min-level", "error"])
    assert capsys.readouterr().out == "1 个文件中未发现问题\n"
    main(["lint", "plan.yaml"])
    assert capsys.readouterr().out.splitlines()[-1] == "1 个警告，涉及 1 个文件"
    assert lint_json(capsys, "plan.yaml")[1]["summary"]["warnings"] == 1
