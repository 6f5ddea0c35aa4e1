"""Every command shown in README.md and in `--help` epilogs runs as written.

A reader copies an example and expects it to work; an example that fails ("give the period")
teaches them the tool is broken. Each example runs in-process in a fresh copy of a small working
folder holding the files the examples name (plan.yaml, plans/, deals.csv …). PDFs are real for
the README's first example only; the others get a stub, so the whole file stays fast.
"""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest

from okrgen.cli.main import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
# Commands whose exit code 1 means "findings", not failure.
FINDINGS_EXIT_1 = {"lint", "check", "status"}


def readme_examples() -> list[str]:
    """Command lines in the README's code blocks that start with okrgen (or .venv/bin/okrgen)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            for part in line.split("&&"):
                part = re.sub(r"\s+#\s.*$", "", part.strip())
                if part.startswith(".venv/bin/okrgen "):
                    part = part.removeprefix(".venv/bin/")
                if part.startswith("okrgen "):
                    out.append(part)
    return out


def help_examples() -> list[str]:
    """The `example:` / `examples:` lines of every subcommand's --help (separated by ' | ')."""
    parser = build_parser()
    out = []
    for action in parser._subparsers._group_actions:  # noqa: SLF001 - argparse keeps them here
        for sub in dict.fromkeys(action.choices.values()):
            epilog = sub.epilog or ""
            m = re.search(r"examples?:\s*(.*)$", epilog, flags=re.S)
            if m:
                out.extend(e.strip() for e in m.group(1).split(" | ") if e.strip().startswith("okrgen "))
    return out


DRAFT = """# Team OKRs 2027-Q1

## Objective: Make inbound a reliable source of pipeline

- KR1: Grow SQLs from 120 to 180 by 2027-03-31
- KR2: Raise MQL-to-SQL conversion from 30% to 40% by 2027-03-31
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The files the examples name, made once; each example gets its own copy."""
    base = tmp_path_factory.mktemp("examples-base")
    import os

    here = os.getcwd()
    os.chdir(base)
    try:
        for argv in (
            # the plan runs now (the suite's today is 2026-11-24), so check-ins dated today fit it
            ["new", "head-of-sales", "--no-input", "--set", "period=2026-Q4", "-o", "plan.yaml"],
            ["new", "sdr", "--no-input", "-o", "plans/sdr.yaml"],
            ["new", "head-of-sales", "--no-input", "-o", "plans/head-of-sales.yaml"],
            ["new", "user-acquisition", "--no-input", "-o", "marketing.yaml"],
            ["new", "head-of-sales", "--no-input", "-o", "sales.yaml"],
        ):
            assert main(argv) == 0
    finally:
        os.chdir(here)
    here = os.getcwd()
    os.chdir(base)
    try:
        assert main(["export", "plans", "-o", "okrs.xlsx"]) == 0
    finally:
        os.chdir(here)
    (base / "teams.csv").write_text("team,owner,lang,period,deal_size\nEMEA SDR,Ann Lee,en,2027-Q1,30000\n华东 SDR,王伟,zh,2027-Q1,\n", encoding="utf-8")
    (base / "funnel.yaml").write_text(
        "revenue: 2,4 млн\ndeal_size: 25000\nperiod: 1 кв. 2027\nrates: {sal_to_won: 25%, sql_to_sal: 0.8, mql_to_sql: 0.4, lead_to_mql: 0.3}\n",
        encoding="utf-8",
    )
    (base / "answers.yaml").write_text("team: EMEA SDR\nperiod: 2027-Q1\nfrt_target_hours: 2\n", encoding="utf-8")
    (base / "team-okrs.md").write_text(DRAFT, encoding="utf-8")
    (base / "draft.md").write_text(DRAFT, encoding="utf-8")
    (base / "drafts").mkdir()
    (base / "drafts" / "team.md").write_text(DRAFT, encoding="utf-8")
    (base / "krs.jsonl").write_text('{"kr": "Improve onboarding", "period": "2027-Q1"}\n{"kr": "Grow SQLs from 120 to 180"}\n', encoding="utf-8")
    (base / "values.csv").write_text("kr,value,date\nKR1.2,37,2026-11-20\n", encoding="utf-8")
    (base / "deals.csv").write_text(
        "Deal Name,Amount,Close Date,Create Date,Deal Stage,Pipeline\nAcme,30000,2026-11-15,2026-10-02,Closed Won,Sales Pipeline\n",
        encoding="utf-8",
    )
    (base / "docs" / "checkin-maps").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "checkin-maps" / "hubspot-deals.yaml", base / "docs" / "checkin-maps")
    (base / "my-templates").mkdir()
    own = (ROOT / "catalog" / "sales" / "sdr.yaml").read_text(encoding="utf-8").replace("id: sdr\n", "id: our-sdr\n", 1)
    (base / "my-templates" / "our-sdr.yaml").write_text(own, encoding="utf-8")
    return base


def run_example(line: str, folder: Path, monkeypatch, capsys, real_pdf: bool = False) -> tuple[int, str, str]:
    argv = shlex.split(line)[1:]
    redirect = None
    if ">" in argv:
        i = argv.index(">")
        argv, redirect = argv[:i], argv[i + 1]
    if argv[0] in ("new", "import", "export", "report") and "-o" in argv:
        target = folder / argv[argv.index("-o") + 1]  # as in a folder without it
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    monkeypatch.chdir(folder)
    expanded = []
    for a in argv:
        expanded.extend(sorted(glob.glob(a)) if "*" in a else [a])
    if not real_pdf:
        import okrgen.render.batch as batch
        import okrgen.render.pdf as pdf

        monkeypatch.setattr(pdf, "render_pdf", lambda vm, paper="a4": b"%PDF-1.7 stub")
        monkeypatch.setattr(batch, "pdfs_as_completed", lambda vms, paper, workers: ((i, b"%PDF-1.7 stub") for i in range(len(vms))))
    code = main(expanded)
    out, err = capsys.readouterr()
    if redirect:
        (folder / redirect).write_text(out, encoding="utf-8")
    return code, out, err


EXAMPLES = [("README", e) for e in readme_examples()] + [("--help", e) for e in help_examples()]


def test_examples_were_found():
    readme = readme_examples()
    assert len(readme) >= 25 and any(e.startswith("okrgen funnel") for e in readme)
    assert len(help_examples()) >= 6


@pytest.mark.parametrize("where, line", EXAMPLES, ids=[f"{w}:{e[:60]}" for w, e in EXAMPLES])
def test_example_runs_as_written(where, line, workspace, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "ws"
    shutil.copytree(workspace, folder)
    real_pdf = line == readme_examples()[1]  # the README's first render: one real PDF
    code, out, err = run_example(line, folder, monkeypatch, capsys, real_pdf=real_pdf)
    command = shlex.split(line)[1]
    allowed = (0, 1) if command in FINDINGS_EXIT_1 else (0,)
    assert code in allowed, f"{where} example `{line}` exited {code}:\n{err}"
    assert "Traceback" not in err
    if real_pdf:
        assert (folder / "out" / "plan.pdf").read_bytes().startswith(b"%PDF")
