import json

import pytest

from okrgen.resources import folder

GOOD = (folder("catalog") / "sales" / "sdr.yaml").read_text(encoding="utf-8")


def test_builtin_catalog_validates(cli):
    code, out, err = cli("catalog", "validate")
    assert code == 0, out + err
    assert "no problems in 12 files" in out


def _one(cli, tmp_path, text, name="t.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, _ = cli("catalog", "validate", tmp_path, "--format", "json")
    data = json.loads(out)
    findings = [f for entry in data["files"].values() for f in entry["findings"]]
    return code, findings


@pytest.mark.parametrize(
    "change, code_, words",
    [
        (("department: sales", "department: finance"), "TEMPLATE-SCHEMA", "not one of the allowed values"),
        (("{{ frt_target_hours | num }} hours", "{{ frt_target_hours | num } hours"), "TEMPLATE-JINJA", "Jinja syntax error"),
        (("{{ frt_target_hours | num }} hours", "{{ frt_goal | num }} hours"), "TEMPLATE-PLACEHOLDER", "frt_goal"),
        (("    default: 48\n", "    default: 480\n"), "TEMPLATE-DEFAULT", "above the maximum 100"),
        (("  zh: 销售开发代表（SDR）\n", ""), "TEMPLATE-LANG", "no 'zh' text"),
        (("sal_to_won=meeting_win_rate / 100)", "sal_to_won=meeting_win_rate / 100) | nosuchfilter"), "TEMPLATE-JINJA", "No filter named 'nosuchfilter'"),
        (
            ("sal_to_won=meeting_win_rate / 100)", "sal_to_won=meeting_win_rate / (meeting_win_rate - 25))"),
            "TEMPLATE",
            "could not be computed: division by zero",
        ),
    ],
)
def test_authoring_errors_are_located(cli, tmp_path, change, code_, words):
    old, new = change
    assert old in GOOD
    code, findings = _one(cli, tmp_path, GOOD.replace(old, new, 1))
    assert code == 1
    match = [f for f in findings if f["code"] == code_ and words in f["message"] + f.get("fix", "")]
    assert match, findings
    assert match[0]["line"] is not None


def test_missing_translation(cli, tmp_path):
    old = "        ru: Подготовить цепочки ответов на все заявки на демо из новых рынков\n"
    assert old in GOOD
    code, findings = _one(cli, tmp_path, GOOD.replace(old, "", 1))
    assert code == 1 and any(f["code"] == "TEMPLATE-LANG" and "'ru'" in f["message"] for f in findings)


def test_unused_parameter(cli, tmp_path):
    text = GOOD.replace("parameters:\n", "parameters:\n  - name: spare\n    type: integer\n    default: 1\n    label: {en: S, ru: S, zh: S}\n", 1)
    code, findings = _one(cli, tmp_path, text)
    assert code == 1 and any(f["code"] == "TEMPLATE-UNUSED" and "spare" in f["message"] for f in findings)


def test_derive_cycle(cli, tmp_path):
    old = "  - name: deal_size\n    type: money\n    min: 1\n    default: 25000\n"
    assert old in GOOD
    text = GOOD.replace(old, "  - name: deal_size\n    type: money\n    derive: meetings_target * 100\n", 1)
    code, findings = _one(cli, tmp_path, text)
    assert code == 1 and any("cycle" in f["message"] for f in findings), findings


def test_duplicate_ids(cli, tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    code, findings = _one(cli, tmp_path, GOOD, name="b.yaml")
    assert code == 1 and any(f["code"] == "TEMPLATE-DUPLICATE-ID" for f in findings)


def test_smart_findings_at_the_defaults_point_at_the_template_text(cli, tmp_path):
    old = "en: Raise inbound request-to-meeting conversion from {{ meeting_rate_baseline | pct }} to {{ meeting_rate_target | pct }}"
    assert old in GOOD
    text = GOOD.replace(old, "en: Improve how we handle inbound requests ({{ meeting_rate_baseline }}, {{ meeting_rate_target }} are unused)")
    text = text.replace("({{ meeting_rate_baseline }}, {{ meeting_rate_target }} are unused)", "")
    # Structured baseline/target count as a from-X-to-Y (SMART_RULES §1), so drop them too.
    text = text.replace("        baseline: meeting_rate_baseline\n        target: meeting_rate_target\n", "", 1)
    code, findings = _one(cli, tmp_path, text)
    smart = [f for f in findings if f["code"].startswith("SMART-")]
    assert code == 1 and {f["code"] for f in smart} >= {"SMART-M01", "SMART-S01"}
    line = GOOD[: GOOD.index(old)].count("\n") + 1
    assert all(f["line"] == line and "[en, at defaults]" in f["message"] for f in smart)


def test_list_and_show_survive_a_broken_company_template(cli, tmp_path):
    """`list` reads files unchecked (for speed) and `show` read them so too: odd field types
    crashed both with internal errors."""
    text = GOOD.replace("id: sdr", "id: my-sdr", 1).replace("languages: [en, ru, zh]", "languages: [en, 5]", 1)
    assert "languages: [en, 5]" in text
    (tmp_path / "t.yaml").write_text(text.replace("department: sales", "department: [sales]", 1), encoding="utf-8")
    code, out, err = cli("list", "--catalog", tmp_path)
    line = next(line for line in out.splitlines() if line.startswith("my-sdr"))
    assert code == 0 and "(invalid: does not fit the template schema; `okrgen catalog validate" in line, out + err
    assert not any("invalid" in line for line in out.splitlines() if not line.startswith("my-sdr"))
    code, out, err = cli("show", "my-sdr", "--catalog", tmp_path)
    assert code == 2 and "t.yaml:" in err and "internal error" not in err, err
