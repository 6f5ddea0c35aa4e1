"""Reporters (okrgen.lint.report): text, JSON, GitHub annotations and SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.lint import report

SARIF_SUBSET = Path(__file__).parent.parent / "report" / "sarif_subset.schema.json"


def sample() -> dict[str, list[Finding]]:
    return {
        "plans/a.yaml": [
            Finding("SMART-M01", "warning", "no number", "Add a target: from X to Y.", "plans/a.yaml", 12, 9, "/objectives/0/key_results/1", "en", "kr"),
            Finding("SMART-S01", "error", "vague: improve", "Say how much, by when.", "plans/a.yaml", 5, 9, "/objectives/0/key_results/0", "en", "kr"),
            Finding("SMART-P02", "info", "six objectives", "", "plans/a.yaml", 1, 1, "", "en", "plan"),
        ],
        "drafts/команда 1.md": [
            Finding(
                "SMART-T01",
                "warning",
                "нет срока",
                "Добавьте дату, напр. «к 31 марта».",
                "drafts/команда 1.md",
                7,
                3,
                "/objectives/1/key_results/0",
                "ru",
                "kr",
            ),
        ],
        "clean.yaml": [],
    }


def test_reporters_are_chosen_from_one_dict():
    assert set(report.REPORTERS) == {"text", "json", "github", "sarif"}
    from okrgen.cli.lint_cmd import FORMATS

    assert set(FORMATS) == set(report.REPORTERS)


def test_unknown_format_is_a_user_error():
    with pytest.raises(OkrgenError, match="unknown output format 'xml'"):
        report.render_findings(sample(), "xml")


# --------------------------------------------------------------------------- text


def test_text_lines_fix_and_summary():
    out = report.render_findings(sample(), "text")
    lines = out.splitlines()
    assert lines[0] == "plans/a.yaml:1:1: info SMART-P02 six objectives"
    assert lines[1] == "plans/a.yaml:5:9: error SMART-S01 vague: improve"
    assert lines[2] == "  fix: Say how much, by when."
    assert "drafts/команда 1.md:7:3: warning SMART-T01 нет срока" in lines
    assert "  fix: Добавьте дату, напр. «к 31 марта»." in lines
    assert lines[-1] == "1 error, 2 warnings, 1 info in 2 files"
    assert "\033[" not in out


def test_text_colour_only_when_asked():
    out = report.render_findings(sample(), "text", color=True)
    assert "\033[1;31merror\033[0m" in out
    assert "\033[1;33mwarning\033[0m" in out


def test_text_clean_summary_counts_every_file():
    out = report.render_findings({"a.yaml": [], "b.md": []}, "text")
    assert out == "no problems in 2 files\n"
    assert report.render_findings({"a.yaml": []}, "text") == "no problems in 1 file\n"


def test_text_notices():
    out = report.render_findings({"n.md": []}, "text", notices=["no objectives or key results recognised in n.md"])
    assert "notice: no objectives or key results recognised in n.md" in out.splitlines()


# --------------------------------------------------------------------------- json


def test_json_envelope():
    doc = json.loads(report.render_findings(sample(), "json", notices=["x"]))
    assert doc["version"] == 1 and doc["tool"] == "okrgen"
    assert list(doc["files"]) == ["plans/a.yaml", "drafts/команда 1.md", "clean.yaml"]
    assert doc["files"]["clean.yaml"] == {"findings": []}
    first = doc["files"]["plans/a.yaml"]["findings"][1]
    assert first == {
        "code": "SMART-S01",
        "severity": "error",
        "message": "vague: improve",
        "fix": "Say how much, by when.",
        "line": 5,
        "col": 9,
        "pointer": "/objectives/0/key_results/0",
        "scope": "kr",
        "lang": "en",
    }
    assert doc["summary"] == {"errors": 1, "warnings": 2, "info": 1, "files": 3, "files_with_findings": 2}
    assert doc["notices"] == ["x"]


def test_json_output_is_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "json-output.md").read_text(encoding="utf-8")
    envelope = json.loads(report.render_findings(sample(), "json"))
    for key in tuple(envelope) + tuple(envelope["summary"]) + tuple(report._finding_json(sample()["plans/a.yaml"][0])):
        assert f"`{key}`" in doc, key
    assert "`files.<path>.findings`" in doc


# --------------------------------------------------------------------------- github


def test_github_annotations():
    out = report.render_findings(sample(), "github", notices=["n"])
    lines = out.splitlines()
    assert lines[1] == "::error file=plans/a.yaml,line=5,col=9,title=SMART-S01::vague: improve%0Afix: Say how much, by when."
    assert lines[0].startswith("::notice file=plans/a.yaml,line=1,col=1,title=SMART-P02::six objectives")
    assert any(line.startswith("::warning file=drafts/команда 1.md,line=7,col=3,title=SMART-T01::") for line in lines)
    assert "::notice title=okrgen::n" in lines


def test_github_escapes_properties_and_data():
    f = Finding("X-1", "warning", "50% done\nsecond line", "", "a,b:c.yaml", 1, 1)
    out = report.render_findings({"a,b:c.yaml": [f]}, "github")
    assert out.splitlines()[0] == "::warning file=a%2Cb%3Ac.yaml,line=1,col=1,title=X-1::50%25 done%0Asecond line"


# --------------------------------------------------------------------------- sarif


@pytest.fixture
def sarif_validator():
    schema = json.loads(SARIF_SUBSET.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


FAKE_RULES = [
    {
        "code": "SMART-S01",
        "slug": "vague-wording",
        "title": {"en": "Vague wording instead of a target", "ru": "…"},
        "severity": "warning",
        "why": "Vague verbs cannot be scored.",
    },
    {"code": "SMART-T01", "slug": "no-deadline", "title": "No deadline", "severity": "info"},
]


def test_sarif_validates_against_the_schema(sarif_validator, monkeypatch):
    monkeypatch.setattr(report, "known_rules", lambda: report._descriptors(FAKE_RULES))
    log = json.loads(report.render_findings(sample(), "sarif", notices=["no objectives or key results recognised in n.md"]))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, [e.message for e in errors]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["SMART-S01"]["name"] == "vague-wording"
    assert by_id["SMART-S01"]["shortDescription"]["text"] == "Vague wording instead of a target"
    assert by_id["SMART-S01"]["help"]["text"] == "Vague verbs cannot be scored."
    assert by_id["SMART-T01"]["defaultConfiguration"]["level"] == "note"
    assert "SMART-M01" in by_id  # codes without metadata still get a rule entry
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    s01 = next(r for r in run["results"] if r["ruleId"] == "SMART-S01")
    assert s01["level"] == "error"
    assert s01["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "plans/a.yaml"}, "region": {"startLine": 5, "startColumn": 9}}
    t01 = next(r for r in run["results"] if r["ruleId"] == "SMART-T01")
    assert t01["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/%D0%BA%D0%BE%D0%BC%D0%B0%D0%BD%D0%B4%D0%B0%201.md"
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("no objectives")


def test_sarif_with_the_real_rule_catalogue_validates(sarif_validator):
    log = json.loads(report.render_findings(sample(), "sarif"))
    assert not list(sarif_validator.iter_errors(log))


def test_sarif_subset_schema_rejects_bad_logs(sarif_validator):
    """The local schema is a real check: a wrong level or a column 0 must fail it."""
    log = json.loads(report.render_findings(sample(), "sarif"))
    log["runs"][0]["results"][0]["level"] = "info"
    assert list(sarif_validator.iter_errors(log))
    log = json.loads(report.render_findings(sample(), "sarif"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    assert list(sarif_validator.iter_errors(log))
    log = json.loads(report.render_findings(sample(), "sarif"))
    log["runs"][0]["results"][0]["unknownField"] = 1
    assert list(sarif_validator.iter_errors(log))


def test_sarif_finding_without_line_has_no_region(sarif_validator):
    f = Finding("INPUT", "error", "cannot read", "", "x.md")
    log = json.loads(report.render_findings({"x.md": [f]}, "sarif"))
    assert not list(sarif_validator.iter_errors(log))
    assert "region" not in log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]


# --------------------------------------------------------------------------- summary in the reader's language


def _results(errors: int, warnings: int = 0, info: int = 0, files: int = 1) -> dict[str, list[Finding]]:
    findings = [Finding("SMART-S01", sev, "m") for sev, n in (("error", errors), ("warning", warnings), ("info", info)) for _ in range(n)]
    out: dict[str, list[Finding]] = {f"f{i}.yaml": [] for i in range(files)}
    out["f0.yaml"] = findings
    return out


@pytest.mark.parametrize(
    "errors, warnings, expected",
    [(1, 0, "1 error in 1 file"), (2, 1, "2 errors, 1 warning in 1 file"), (0, 2, "2 warnings in 1 file")],
)
def test_summary_english_plurals(errors, warnings, expected):
    assert report.summary_line(_results(errors, warnings)) == expected


@pytest.mark.parametrize(
    "n, expected",
    [
        (1, "1 ошибка, 1 предупреждение, 1 заметка в 1 файле"),
        (2, "2 ошибки, 2 предупреждения, 2 заметки в 1 файле"),
        (5, "5 ошибок, 5 предупреждений, 5 заметок в 1 файле"),
        (11, "11 ошибок, 11 предупреждений, 11 заметок в 1 файле"),
        (21, "21 ошибка, 21 предупреждение, 21 заметка в 1 файле"),
    ],
)
def test_summary_russian_plural_forms(n, expected):
    assert report.summary_line(_results(n, n, n), "ru") == expected


def test_summary_russian_and_chinese_files_and_clean():
    many = {f"f{i}.yaml": [Finding("SMART-S01", "error", "m")] for i in range(21)}
    assert report.summary_line(many, "ru") == "21 ошибка в 21 файле"
    assert report.summary_line(dict(list(many.items())[:2]), "ru") == "2 ошибки в 2 файлах"
    assert report.summary_line({"a.yaml": [], "b.yaml": []}, "ru") == "в 2 файлах проблем нет"
    assert report.summary_line({"a.yaml": []}, "ru") == "в 1 файле проблем нет"
    assert report.summary_line(_results(3, 5, 1), "zh") == "3 个错误，5 个警告，1 条提示，涉及 1 个文件"
    assert report.summary_line({"a.yaml": [], "b.yaml": []}, "zh") == "2 个文件中未发现问题"


def test_only_the_text_summary_follows_the_language():
    text = report.render_findings(sample(), "text", lang="ru")
    assert text.splitlines()[-1] == "1 ошибка, 2 предупреждения, 1 заметка в 2 файлах"
    assert "plans/a.yaml:5:9: error SMART-S01 vague: improve" in text  # the finding lines are unchanged
    assert report.render_findings(sample(), "github", lang="zh").splitlines()[-1] == "1 error, 2 warnings, 1 info in 2 files"
    assert report.render_findings(sample(), "json", lang="ru") == report.render_findings(sample(), "json")
    assert report.render_findings(sample(), "sarif", lang="ru") == report.render_findings(sample(), "sarif")


def test_every_summary_message_has_every_language_and_its_plural_forms():
    from okrgen.i18n import LANGS

    categories = {"en": {"one", "other"}, "ru": {"one", "few", "many"}, "zh": {"other"}}
    for key, value in report.summary_words().items():
        if key == "version":
            continue
        assert set(value) == set(LANGS), key
        for lang in LANGS:
            if isinstance(value[lang], dict):
                assert set(value[lang]) == categories[lang], (key, lang)
