"""`okrgen report`: a site from a folder of plans; refusals exit 2 and write nothing."""

import json


def test_site_from_a_folder(tmp_path, cli):
    for lang in ("en", "zh"):
        assert cli("new", "sdr", "--lang", lang, "--no-input", "--no-lint", "-o", tmp_path / "plans" / f"{lang}.yaml")[0] == 0
    code, out, err = cli("report", tmp_path / "plans", "-o", tmp_path / "site", "--as-of", "2027-02-14", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["plans"] == 2 and data["index"] == str(tmp_path / "site" / "index.html")
    assert (tmp_path / "site" / "plans" / "zh.html").read_text(encoding="utf-8").count("截至") >= 1
    assert "wrote 3 pages" in err
    code, _, err = cli("report", tmp_path / "plans", "-o", tmp_path / "site")
    assert code == 2 and "--force" in err


def test_refusals(tmp_path, cli):
    (tmp_path / "site").write_text("x")
    code, _, err = cli("report", tmp_path, "-o", tmp_path / "site")
    assert code == 2 and "folder" in err
    code, _, err = cli("report", tmp_path / "none", "-o", tmp_path / "s2", "--as-of", "2027-13-01")
    assert code == 2 and not (tmp_path / "s2").exists()


def test_bars_take_the_colour_of_their_worst_key_result(tmp_path, cli):
    # on pace on day 20 (expected $778K, have $800K): on track, though 0.23 grades red
    plan = (
        "version: 1\ntitle: T\nteam: East\nperiod: 2027-Q1\ncurrency: USD\nobjectives:\n  - title: Grow\n    key_results:\n"
        "      - {text: Grow bookings to $3.5M, kind: cumulative, unit: USD, target: 3500000, checkins: [{date: 2027-01-20, value: 800000}]}\n"
    )
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "east.yaml").write_text(plan, encoding="utf-8")
    assert cli("report", tmp_path / "plans", "-o", tmp_path / "site", "--as-of", "2027-01-20")[0] == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    page = (tmp_path / "site" / "plans" / "east.html").read_text(encoding="utf-8")
    assert 'band-red"' not in index and index.count('band-green"') >= 2  # the plan's row and its team's
    assert 'band-red"' not in page and page.count('band-green"') >= 3  # plan, objective, key result
