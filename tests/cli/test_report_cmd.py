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
