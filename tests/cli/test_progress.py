"""okrgen.cli.progress: a bar on a terminal, plain lines in a pipe, nothing but errors with -q."""

import io

from okrgen.cli.progress import Progress, on_terminal


def test_pipe_prints_each_written_file_as_it_happens():
    out = io.StringIO()
    p = Progress("render", stream=out, terminal=False)
    p.start(3)
    p.step("read a.yaml")
    p.step("wrote a.pdf", wrote=True)
    assert out.getvalue() == "okrgen: wrote a.pdf\n"  # there before the end
    p.done("wrote 1 file")
    assert out.getvalue().endswith("okrgen: wrote 1 file\n")


def test_quiet_and_verbose():
    out = io.StringIO()
    p = Progress("x", quiet=True, stream=out, terminal=False)
    p.start(2)
    p.step("wrote a", wrote=True)
    p.done("done")
    assert out.getvalue() == ""
    p = Progress("x", verbose=True, stream=out, terminal=False)
    p.step("read a")
    assert "read a" in out.getvalue()


def test_terminal_shows_a_bar_with_count_and_a_summary(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    out = io.StringIO()
    p = Progress("render", stream=out, terminal=True)
    p.start(4)
    for _ in range(4):
        p.step("wrote x", wrote=True)
    p.done("wrote 4 files")
    text = out.getvalue()
    assert "okrgen render" in text and "4/4" in text and text.rstrip().endswith("okrgen: wrote 4 files")
    assert "okrgen: wrote x" not in text  # the bar says it; the log gets one summary


def test_ci_is_no_terminal(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("CI", "true")
    assert not on_terminal(Tty())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "xterm")
    assert on_terminal(Tty())


def test_a_bar_only_from_the_minimum():
    out = io.StringIO()
    p = Progress("lint", stream=out, terminal=True)
    p.start(5, minimum=20)
    p.step("read a")
    p.close()
    assert out.getvalue() == ""


def test_lint_of_a_large_folder_shows_a_bar_on_a_terminal(tmp_path):
    """Through a real pseudo-terminal: the bar is drawn on stderr; stdout keeps the findings."""
    import os
    import pty
    import subprocess
    import sys

    for n in range(25):
        (tmp_path / f"d{n}.md").write_text("# Q1 2027\n\n## Grow\n\n- Raise NPS from 30 to 45 by March 31\n", encoding="utf-8")
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="100")
    env.pop("CI", None)
    proc = subprocess.run([sys.executable, "-m", "okrgen", "lint", str(tmp_path)], stdout=subprocess.PIPE, stderr=slave, env=env, timeout=120)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode in (0, 1)
    assert b"okrgen lint" in seen and b"/25" in seen
    assert b"\x1b" not in proc.stdout  # the findings are plain
