"""`okrgen template new`: a skeleton or a copy that validates clean in the languages asked for."""

import yaml

from okrgen.catalog.checks import validate_paths


def test_a_skeleton_in_two_languages_validates_clean(cli, tmp_path):
    out = tmp_path / "acme-cs.yaml"
    code, _, err = cli("template", "new", "acme-cs", "--lang", "en,ru", "-o", out)
    assert code == 0, err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["id"] == "acme-cs" and data["version"] == 1 and data["languages"] == ["en", "ru"]
    assert set(data["role"]) == {"en", "ru"} and data["examples"]
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=file://")
    assert validate_paths([out]) == {str(out): []}


def test_a_copy_of_a_builtin_reduced_to_the_languages_asked_for(cli, tmp_path):
    out = tmp_path / "my-sdr.yaml"
    code, _, err = cli("template", "new", "my-sdr", "--from", "sdr", "--lang", "en,zh", "-o", out)
    assert code == 0, err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["languages"] == ["en", "zh"] and "ru" not in data["objectives"][0]["title"]
    assert validate_paths([out]) == {str(out): []}
    code, _, err = cli("template", "new", "my-sdr", "--from", "sdr", "-o", out)
    assert code == 2 and "--force" in err


def test_bad_ids_and_languages_are_user_errors(cli, tmp_path):
    code, _, err = cli("template", "new", "Acme CS", "-o", tmp_path / "x.yaml")
    assert code == 2 and "lower case" in err
    code, _, err = cli("template", "new", "acme", "--lang", "en,fr", "-o", tmp_path / "x.yaml")
    assert code == 2 and "fr" in err


def test_a_copy_keeps_the_sources_ignore_comments(cli, tmp_path):
    """A YAML dump drops comments; the copy of a clean template must still validate clean."""
    out = tmp_path / "my-pr.yaml"
    code, _, err = cli("template", "new", "my-pr", "--from", "pr", "--lang", "en,ru", "-o", out)
    assert code == 0, err
    assert "# okrgen: ignore[TEMPLATE-FIGURE]" in out.read_text(encoding="utf-8")
    assert validate_paths([out]) == {str(out): []}
