import os

import pytest

from okrgen.errors import OkrgenError
from okrgen.plan.yamlload import load, loads


def test_positions_are_one_based_line_and_column():
    loaded = loads("title: x\nobjectives:\n  - title: Grow\n    key_results:\n      - text: Raise it\n")
    assert loaded.positions["/title"] == (1, 8)
    assert loaded.positions["/objectives/0/title"] == (3, 12)
    assert loaded.positions["/objectives/0/key_results/0/text"] == (5, 15)
    assert loaded.key_positions["/objectives/0/key_results"] == (4, 5)


def test_dates_stay_strings():
    assert loads("due: 2027-03-31\n").data == {"due": "2027-03-31"}


def test_syntax_error_is_located():
    with pytest.raises(OkrgenError) as info:
        loads("a: [1, 2\nb: 3\n", "plan.yaml")
    f = info.value.findings[0]
    assert (f.code, f.file, f.line) == ("YAML-SYNTAX", "plan.yaml", 1)  # where the "[" opens
    assert f.col is not None and "YAML syntax error" in f.message


def test_tab_indentation_gets_a_specific_fix():
    with pytest.raises(OkrgenError) as info:
        loads("a:\n\t- b\n")
    assert "tabs" in info.value.findings[0].fix


def test_duplicate_key_is_an_error_not_silently_last_wins():
    with pytest.raises(OkrgenError) as info:
        loads("title: a\ntitle: b\n")
    f = info.value.findings[0]
    assert f.code == "YAML-DUPLICATE-KEY" and f.line == 2 and "line 1" in f.message


def test_non_utf8_file_names_line_and_column(tmp_path):
    p = tmp_path / "plan.yaml"
    p.write_bytes(b"title: ok\nteam: caf\xe9\n")
    with pytest.raises(OkrgenError) as info:
        load(p)
    f = info.value.findings[0]
    assert (f.code, f.line, f.col) == ("ENCODING", 2, 10)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(OkrgenError, match="no such file"):
        load(tmp_path / "nope.yaml")
    with pytest.raises(OkrgenError, match="is a directory"):
        load(tmp_path)


def test_position_falls_back_to_nearest_ancestor():
    loaded = loads("a:\n  b: 1\n")
    assert loaded.position("/a/b/c/d") == (2, 6)
    assert loaded.position("/zzz") == (1, 1)


def _laughs(levels: int, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_the_alias_that_passes_the_bound():
    """Six levels are 531,441 nodes (nine levels, 387 million, hang every command before the fix)."""
    with pytest.raises(OkrgenError) as info:
        loads(_laughs(6), "bomb.yaml")
    (finding,) = info.value.findings
    assert (finding.code, finding.line, finding.col) == ("YAML-ALIASES", 6, 10)
    assert "expand to more than 100,000 nodes" in finding.message


def test_a_few_aliases_are_fine():
    data = loads(_laughs(3), "ok.yaml").data
    assert len(data["a3"]) == 9 and data["a3"][0][0] == data["a2"][0]


def test_a_billion_laughs_is_refused_by_every_command(tmp_path, cli):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_laughs(9), encoding="utf-8")
    for argv in (["lint", bomb], ["score", bomb], ["render", bomb, "-o", tmp_path / "out"], ["checkin", bomb, "KR1.1=1"]):
        code, out, err = cli(*argv)
        assert code == 2 and f"{bomb}:6:10" in out + err and "Traceback" not in err, argv
    catalog = tmp_path / "cat"
    catalog.mkdir()
    (catalog / "t.yaml").write_text(_laughs(9), encoding="utf-8")
    code, out, err = cli("list", "--catalog", catalog)
    assert "expand to more than 100,000 nodes" in out + err


def test_a_special_file_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    """A pipe has st_size 0, like /dev/zero: the size check must be on what is read, not on stat."""
    import threading

    import okrgen.plan.yamlload as yl

    monkeypatch.setattr(yl, "MAX_BYTES", 1024)
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as fh:
            try:
                fh.write(b"# x\n" * 1000)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        with pytest.raises(OkrgenError, match="more than the 1,024 bytes a plan may have"):
            yl.read_text(fifo)
    finally:
        writer.join()


SPECIAL = "/proc/self/smaps"


def test_every_command_stops_reading_at_the_limit(cli, tmp_path, monkeypatch):
    """/proc/self/smaps says it has 0 bytes and has tens of kilobytes (as /dev/zero says 0 and never ends)."""
    import okrgen.plan.yamlload as yl
    import okrgen.track.csvimport as ci

    monkeypatch.setattr(yl, "MAX_BYTES", 1024)  # the same code path as 8 MiB, without reading 8 MiB
    monkeypatch.setattr(ci, "MAX_BYTES", 1024)
    monkeypatch.setattr("okrgen.cli.config.MAX_CONFIG_BYTES", 1024)
    plan = tmp_path / "p.yaml"
    plan.write_text("title: t\nobjectives: []\n", encoding="utf-8")
    for argv in (
        ["render", SPECIAL, "-o", tmp_path / "out"],
        ["score", SPECIAL],
        ["check", "--jsonl", SPECIAL],
        ["new", "sdr", "--answers", SPECIAL, "-o", tmp_path / "n.yaml"],
        ["checkin", plan, "--from", SPECIAL, "--dry-run"],
        ["lint", "--config", SPECIAL, plan],
    ):
        code, out, err = cli(*argv)
        assert code == 2 and f"{SPECIAL}: more than the" in err and "Traceback" not in err, argv


def test_a_control_character_is_located_with_a_fix():
    with pytest.raises(OkrgenError) as info:
        loads('title: ok\nteam: "a\x01b"\n', "p.yaml")
    (f,) = info.value.findings
    assert (f.line, f.col) == (2, 9) and "U+0001" in f.message and "tabs" not in f.fix


@pytest.mark.parametrize("text,opener", [("title: T\ntarget: [125\nunit: USD\n", "["), ("title: T\nsource: {template: sdr\nlang: en\n", "{")])
def test_an_unclosed_bracket_points_at_the_bracket_not_the_next_line(text, opener):
    with pytest.raises(OkrgenError) as err:
        loads(text, "plan.yaml")
    f = err.value.findings[0]
    assert (f.line, f.col) == (2, 9)
    assert f"'{opener}' is never closed" in f.message and "Add the closing" in f.fix
