
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
    p.write_text("title: Hand-made\nperiod: 2027\nobjectives:\n  - title: Grow the base\n    key_results:\n      - text: Grow paying accounts from 120 to 150\n      - text: Cut churn from 3% to 2%\n", encoding="utf-8")
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
