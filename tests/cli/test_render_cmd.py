import pytest


@pytest.fixture
def plan(cli, tmp_path):
    path = tmp_path / "plan.yaml"
    assert cli("new", "head-of-sales", "--lang", "en", "-o", path)[0] == 0
    return path


def test_render_all_formats(cli, plan, tmp_path):
    out = tmp_path / "out"
    code, _, err = cli("render", plan, "-o", out)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["plan.html", "plan.md", "plan.pdf"]
    assert (out / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert "<style>" in (out / "plan.html").read_text(encoding="utf-8")  # self-contained


def test_no_partial_output_when_one_target_exists(cli, plan, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "plan.html").write_text("mine", encoding="utf-8")
    code, _, err = cli("render", plan, "-o", out, "--format", "md,html")
    assert code == 2 and "file exists" in err
    assert not (out / "plan.md").exists() and (out / "plan.html").read_text(encoding="utf-8") == "mine"


def test_render_a_hand_written_plan(cli, tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text(
        "title: Hand-made\nperiod: 2027\nobjectives:\n  - title: Grow the base\n    key_results:\n      - text: Grow paying accounts from 120 to 150\n      - text: Cut churn from 3% to 2%\n",
        encoding="utf-8",
    )
    code, _, err = cli("render", p, "--format", "md")
    assert code == 0, err
    md = (tmp_path / "mine.md").read_text(encoding="utf-8")
    assert md.startswith("# Hand-made") and "Grow paying accounts from 120 to 150" in md


@pytest.mark.parametrize(
    "content, expect",
    [
        ("title: [x\n", "YAML syntax error"),
        ("title: x\n", "missing required key 'objectives'"),
        ("objectives:\n  - title: x\n    key_results:\n      - text: y\n        target: many\n", ":5:17: error: expected a number"),
        ("period: 2027-Q5\nobjectives:\n  - title: x\n", ":1:9: error: '2027-Q5'"),
        ("objectives:\n  - title: x\n    colour: red\n", "unknown key 'colour'"),
        # a typo's worth of digits: Babel cannot format it, so the plan is refused at its line
        (
            "objectives:\n  - title: x\n    key_results:\n      - text: y\n        target: 100000000000000000000000000000000\n",
            ":5:17: error: 100000000000000000000000000000000 is above the maximum",
        ),
    ],
)
def test_bad_plans(cli, tmp_path, content, expect):
    p = tmp_path / "bad.yaml"
    p.write_text(content, encoding="utf-8")
    code, _, err = cli("render", p, "-o", tmp_path / "out")
    assert code == 2 and expect in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_unwritable_output_directory(cli, plan, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = cli("render", plan, "-o", blocker)
    assert code == 2 and "not a directory" in err


def test_unknown_format(cli, plan):
    code, _, err = cli("render", plan, "--format", "docx")
    assert code == 2 and "unknown format 'docx'" in err


def test_several_plans_in_parallel(cli, tmp_path):
    plans = []
    for tid, lang in (("sdr", "en"), ("pr", "ru"), ("bdr", "zh")):
        path = tmp_path / f"{tid}.yaml"
        assert cli("new", tid, "--lang", lang, "-o", path)[0] == 0
        plans.append(path)
    code, _, err = cli("render", *plans, "-o", tmp_path / "out", "--format", "md,pdf", "--jobs", "2")
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["bdr.md", "bdr.pdf", "pr.md", "pr.pdf", "sdr.md", "sdr.pdf"]
    assert all((tmp_path / "out" / n).read_bytes().startswith(b"%PDF") for n in names if n.endswith(".pdf"))
    assert "Стр. 1 из" in subprocess_text(tmp_path / "out" / "pr.pdf")


def subprocess_text(pdf):
    import subprocess

    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_one_bad_plan_among_several_writes_nothing(cli, plan, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [x\n", encoding="utf-8")
    code, _, err = cli("render", plan, bad, "-o", tmp_path / "out")
    assert code == 2 and "bad.yaml:1:8" in err and not (tmp_path / "out").exists()  # the "[" never closed


def test_two_plans_with_the_same_name_into_one_folder(cli, plan, tmp_path):
    other = tmp_path / "sub" / "plan.yaml"
    other.parent.mkdir()
    other.write_bytes(plan.read_bytes())
    code, _, err = cli("render", plan, other, "-o", tmp_path / "out", "--format", "md")
    assert code == 2 and "would both write" in err


def test_render_reads_a_draft_through_the_import_reader(tmp_path):
    from okrgen.cli.main import main as okrgen_main

    draft = tmp_path / "draft.md"
    draft.write_text("# Sales OKRs\n\n## 2026 Q3\n\n- Grow revenue\n  - Raise ARR from $2M to $3M\n  - Sign 5 new logos\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert okrgen_main(["render", str(draft), "-o", str(out), "--format", "md"]) == 0
    text = (out / "draft.md").read_text(encoding="utf-8")
    assert "Grow revenue" in text and "Raise ARR from $2M to $3M" in text
    # rendering next to the draft would overwrite it: refused even with --force
    assert okrgen_main(["render", str(draft), "--format", "md", "--force"]) == 2
    assert draft.read_text(encoding="utf-8").startswith("# Sales OKRs")


def test_json_summary_and_progress_lines_in_a_pipe(tmp_path, cli):
    import json

    for name in ("a", "b"):
        assert cli("new", "sdr", "--lang", "en", "--no-input", "--no-lint", "-o", tmp_path / f"{name}.yaml")[0] == 0
    code, out, err = cli("render", tmp_path / "a.yaml", tmp_path / "b.yaml", "--format", "html", "-o", tmp_path / "out", "--json")
    assert code == 0 and sorted(json.loads(out)["wrote"]) == [str(tmp_path / "out" / "a.html"), str(tmp_path / "out" / "b.html")]
    assert err.count("okrgen: wrote ") == 3 and "wrote 2 files (2 plans)" in err
    code, _, err = cli("render", tmp_path / "a.yaml", "--format", "html", "-o", tmp_path / "out2", "-q")
    assert code == 0 and err == ""
    code, _, err = cli("render", tmp_path / "a.yaml", "--format", "json")
    assert code == 2 and "--json" in err


def test_render_each_hands_over_each_plan_when_it_is_done(tmp_path, cli):
    """The command writes a plan's files as soon as its PDF is made, not all at the end."""
    from okrgen.plan.planfile import load_plan
    from okrgen.render.batch import render_each

    paths = []
    for name in ("a", "b", "c"):
        assert cli("new", "sdr", "--lang", "en", "--no-input", "--no-lint", "-o", tmp_path / f"{name}.yaml")[0] == 0
        paths.append(load_plan(tmp_path / f"{name}.yaml"))
    each = render_each(paths, ["html", "pdf"], jobs=2, lint=False)
    first_index, first = next(each)  # available before the others are asked for
    assert first["pdf"].startswith(b"%PDF") and "<html" in first["html"]
    rest = list(each)
    assert sorted([first_index] + [i for i, _ in rest]) == [0, 1, 2]


DRAFT = "# Plan 2027-Q1\n\n## Grow revenue\n\n- Raise revenue from 1M to 2M by 2027-03-31\n- Raise deals from 10 to 20 by 2027-03-31\n"


def test_render_never_overwrites_an_input(cli, tmp_path):
    """A hard link of the draft in the output folder, or another input where this plan's output goes."""
    import os

    draft = tmp_path / "p.md"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.link(draft, out / "h.md")
    linked = tmp_path / "h.md"
    os.link(draft, linked)
    code, _, err = cli("render", linked, "--format", "md", "--force", "-o", out)
    assert code == 2 and "would overwrite the draft itself" in err
    other = tmp_path / "sub"
    other.mkdir()
    (other / "q.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "q.md").write_text(DRAFT, encoding="utf-8")
    code, _, err = cli("render", tmp_path / "q.md", other / "q.md", "--format", "md", "--force", "-o", other)
    assert code == 2 and ("an input" in err or "would both write" in err)
    assert draft.read_text(encoding="utf-8") == DRAFT and (other / "q.md").read_text(encoding="utf-8") == DRAFT


def test_ctrl_c_while_the_command_loads_is_a_message_not_a_traceback(monkeypatch, capsys):
    import okrgen.cli.main as m

    def interrupted(only):
        raise KeyboardInterrupt

    monkeypatch.setattr(m, "build_parser", interrupted)
    assert m.main(["list"]) == 130
    assert capsys.readouterr().err == "okrgen: interrupted\n"


WORKER_PARENT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from okrgen.render.batch import exit_with_parent

def pid_then_sleep(_):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: two workers' print() calls can interleave
    time.sleep(120)

pool = ProcessPoolExecutor(max_workers=2, initializer=exit_with_parent, initargs=(os.getpid(), 0.05))
list(pool.map(pid_then_sleep, range(2)))
"""


def test_pool_workers_end_when_their_parent_is_killed(tmp_path):
    """kill -9 of a multi-plan render: its PDF workers must not run on as orphans."""
    import os
    import signal
    import subprocess
    import sys
    import time

    parent = subprocess.Popen([sys.executable, "-c", WORKER_PARENT], stdout=subprocess.PIPE, text=True)
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    parent.send_signal(signal.SIGKILL)
    parent.wait()

    def alive(pid):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                return fh.read().split(")")[-1].split()[0] != "Z"
        except FileNotFoundError:
            return False

    for _ in range(600):  # not a speed budget: wait for the watchers (0.05 s) with a generous bound
        if not any(alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    leftover = [pid for pid in workers if alive(pid)]
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert leftover == []


def test_one_plans_pdf_comes_from_a_worker_started_before_the_plan_is_read(tmp_path, cli, monkeypatch):
    """WeasyPrint's import runs on another core while the plan is read, linted and laid out."""
    import shutil
    import subprocess

    from okrgen.render import batch

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert batch.start_pdf_worker(["md"], 1) is None  # no PDF
    assert batch.start_pdf_worker(["pdf"], 3) is None  # several plans have a pool of their own
    assert batch.start_pdf_worker(["pdf"], 1, jobs=1) is None  # --jobs 1: one process
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert batch.start_pdf_worker(["pdf"], 1) is None  # one core: nothing to overlap
    monkeypatch.setattr("os.cpu_count", lambda: 2)

    started = []
    real = batch.start_pdf_worker
    monkeypatch.setattr(batch, "start_pdf_worker", lambda *a: started.append(real(*a)) or started[-1])
    assert cli("new", "sdr", "--lang", "en", "--no-input", "-o", tmp_path / "p.yaml")[0] in (0, 1)
    assert cli("render", tmp_path / "p.yaml", "--format", "pdf", "-o", tmp_path / "w")[0] == 0
    assert cli("render", tmp_path / "p.yaml", "--format", "pdf", "-o", tmp_path / "one", "--jobs", "1")[0] == 0
    assert started[0] is not None and started[1] is None
    if shutil.which("pdftotext"):
        text = [subprocess.run(["pdftotext", str(tmp_path / d / "p.pdf"), "-"], capture_output=True, text=True, check=True).stdout for d in ("w", "one")]
        assert text[0] == text[1] and "SDR" in text[0]


def test_a_failed_pdf_worker_is_made_good_in_this_process():
    from okrgen.render import batch

    html = "<html><body><p>Grow ARR</p></body></html>"
    worker = batch.PdfWorker()
    worker._proc.terminate()  # the worker dies before it is asked
    worker._proc.join()
    try:
        assert worker.pdf(html).startswith(b"%PDF")
    finally:
        worker.close()
    worker = batch.PdfWorker()
    try:
        assert worker.pdf(html).startswith(b"%PDF")  # and a live one answers
        worker._proc.join(30)
        assert worker._proc.exitcode == 0  # one page served, then done
    finally:
        worker.close()


def test_a_refused_plan_ends_the_pdf_worker_at_once(cli, tmp_path, monkeypatch):
    """The worker is started before the plan is read; a refusal must not wait for its import."""
    from okrgen.render import batch

    started = []
    real = batch.start_pdf_worker
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr(batch, "start_pdf_worker", lambda *a: started.append(real(*a)) or started[-1])
    code, _, err = cli("render", tmp_path / "missing.yaml", "--format", "pdf")
    assert code == 2 and "no such file" in err
    assert started[0] is not None and not started[0]._proc.is_alive()
    assert started[0]._proc.exitcode not in (None, 0)  # terminated, not left to finish its import
