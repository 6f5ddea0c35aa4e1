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
        (("department: sales", "department: Sales Team"), "TEMPLATE-SCHEMA", "does not have the expected form"),
        (("{{ frt_target_hours | num }} hours", "{{ frt_target_hours | num } hours"), "TEMPLATE-JINJA", "Jinja syntax error"),
        (("{{ frt_target_hours | num }} hours", "{{ frt_goal | num }} hours"), "TEMPLATE-PLACEHOLDER", "frt_goal"),
        (("    default: 48\n", "    default: 480\n"), "TEMPLATE-DEFAULT", "above the maximum 100"),
        (("  zh: 销售开发代表（SDR）\n", ""), "TEMPLATE-LANG", "no 'zh' text"),
        (("sal_to_won=meeting_win_rate / 100)", "sal_to_won=meeting_win_rate / 100) | nosuchfilter"), "TEMPLATE-JINJA", "No filter named 'nosuchfilter'"),
        (
            ("sal_to_won=meeting_win_rate / 100)", "sal_to_won=meeting_win_rate / (meeting_win_rate - 25))"),
            "TEMPLATE-FILL",
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


# -- issue 15: every TEMPLATE-… check is a registry code, suppressible, with did-you-mean ---------


def test_every_template_code_the_checks_emit_is_documented_in_the_registry(cli):
    import re

    from okrgen.lint import load_rules
    from okrgen.resources import folder

    src = "".join((folder("catalog").parent / "okrgen" / "catalog" / n).read_text(encoding="utf-8") for n in ("checks.py", "fill.py", "template.py"))
    emitted = set(re.findall(r'"(TEMPLATE-[A-Z-]+)"', src))
    rules = load_rules()
    assert emitted and emitted <= set(rules), emitted - set(rules)
    assert all(rules[c].scope == "template" and rules[c].text("what", "zh") for c in emitted)
    code, out, _ = cli("rules", "TEMPLATE-UNUSED")
    assert code == 0 and "template-unused" in out and "scope: template" in out


def test_a_misspelt_filter_gets_did_you_mean(cli, tmp_path):
    code, findings = _one(cli, tmp_path, GOOD.replace("{{ frt_target_hours | num }} hours", "{{ frt_target_hours | nmu }} hours", 1))
    f = next(f for f in findings if f["code"] == "TEMPLATE-JINJA")
    assert code == 1 and "Did you mean `num`?" in f["fix"] and "{{ }}" not in f["fix"]


def test_a_misspelt_global_gets_did_you_mean(cli, tmp_path):
    old = "funnel('won'"
    assert old in GOOD
    code, findings = _one(cli, tmp_path, GOOD.replace(old, "funel('won'", 1))
    f = next(f for f in findings if f["code"] == "TEMPLATE-PLACEHOLDER")
    assert code == 1 and "'funel'" in f["message"] and "Did you mean `funnel`?" in f["fix"]


def test_a_comment_in_the_template_suppresses_a_check(cli, tmp_path):
    spare = "  - name: spare\n    type: integer\n    default: 1\n    label: {en: S, ru: S, zh: S}\n"
    text = GOOD.replace("parameters:\n", "parameters:\n" + spare, 1)
    code, findings = _one(cli, tmp_path, text)
    assert any(f["code"] == "TEMPLATE-UNUSED" for f in findings)
    quiet = GOOD.replace("parameters:\n", "parameters:\n  # okrgen: ignore[TEMPLATE-UNUSED] kept for next quarter\n" + spare, 1)
    code, findings = _one(cli, tmp_path, quiet)
    assert not any(f["code"] == "TEMPLATE-UNUSED" for f in findings)
    other = GOOD.replace("parameters:\n", "parameters:\n  # okrgen: ignore[TEMPLATE-FIGURE]\n" + spare, 1)
    code, findings = _one(cli, tmp_path, other)
    assert any(f["code"] == "TEMPLATE-UNUSED" for f in findings), "a comment silences only the codes it names"


@pytest.mark.parametrize(
    "text, figure",
    [
        ("Hire four account executives for the new territories", "four"),
        ("Publish twenty press releases", "twenty"),
        ("Нанять четырёх менеджеров по продажам", "четырёх"),
        ("发布二十篇新闻稿", "二十"),
        ("Visit 30 of the largest companies", "30"),
    ],
)
def test_figures_typed_into_text_are_found(text, figure):
    from okrgen.catalog.checks import figures

    lang = "ru" if "Н" in text else "zh" if "发" in text else "en"
    assert [m.group(0).strip() for m in figures(text, lang)] == [figure]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Reply to every lead within 14 days", "en"),
        ("Raise the score from {{ a | num }} to {{ b | num }} out of 5", "en"),
        ("Cut CAC by 20%", "en"),
        ("Hire {{ hires | num }} account executives", "en"),
        ("线索超过2个工作日无下一步时提醒", "zh"),
        ("tier-1 trade media", "en"),
    ],
)
def test_time_spans_definitions_and_placeholders_are_not_figures(text, lang):
    from okrgen.catalog.checks import figures

    assert figures(text, lang) == []


def test_catalog_validate_flags_a_figure_in_template_text(cli, tmp_path):
    old = "en: Cut the median first response to inbound demo requests from {{ frt_baseline_hours | num }} to {{ frt_target_hours | num }} hours"
    code, findings = _one(cli, tmp_path, GOOD.replace(old, old.replace("inbound demo", "the first ten inbound demo"), 1).replace("id: sdr", "id: sdr-x"))
    f = next(f for f in findings if f["code"] == "TEMPLATE-FIGURE")
    assert code == 1 and "'ten'" in f["message"] and f["line"]


def test_shadowing_a_builtin_is_noted_with_the_languages_it_drops(cli, tmp_path):
    code, findings = _one(cli, tmp_path, GOOD)
    shadow = [f for f in findings if f["code"] == "TEMPLATE-SHADOW"]
    assert code == 0 and shadow and shadow[0]["severity"] == "info"
    code, findings = _one(cli, tmp_path, GOOD.replace("languages: [en, ru, zh]", "languages: [en, ru]", 1))
    assert any(f["code"] == "TEMPLATE-SHADOW" and "drops its zh" in f["message"] for f in findings)
    code, findings = _one(cli, tmp_path, GOOD.replace("id: sdr", "id: acme-sdr", 1))
    assert not any(f["code"] == "TEMPLATE-SHADOW" for f in findings)
    on_purpose = GOOD.replace("id: sdr\n", "id: sdr  # okrgen: ignore[TEMPLATE-SHADOW] ours replaces it\n", 1)
    code, findings = _one(cli, tmp_path, on_purpose)
    assert not any(f["code"] == "TEMPLATE-SHADOW" for f in findings)


# -- examples: and the range sweep ----------------------------------------------------------------


def test_every_builtin_template_carries_an_example():
    from okrgen.catalog.template import load_template

    for path in sorted(folder("catalog").rglob("*.yaml")):
        assert load_template(path).data.get("examples"), f"{path.name} has no examples:"


def _with_example(example: str) -> str:
    return GOOD.replace("id: sdr", "id: acme-sdr", 1).split("\nexamples:\n")[0].rstrip("\n") + "\nexamples:\n" + example


@pytest.mark.parametrize(
    "example, words",
    [
        ("  - name: expects a warning\n    set: {frt_target_hours: 8}\n    expect: [SMART-A01]\n", "expected SMART-A01"),
        ("  - name: wrong figure\n    set: {frt_target_hours: 8}\n    values: {KR1.1: {target: 9}}\n", "KR1.1.target is 8, not 9"),
        ("  - name: equal values\n    lang: en\n    set: {frt_baseline_hours: 8, frt_target_hours: 8}\n", "SMART-A01"),
    ],
)
def test_an_example_that_fails_is_reported(cli, tmp_path, example, words):
    code, findings = _one(cli, tmp_path, _with_example(example))
    bad = [f for f in findings if f["code"] == "TEMPLATE-EXAMPLE"]
    assert code == 1 and bad and words in bad[0]["message"], findings
    assert bad[0]["line"] is not None


def test_a_passing_example(cli, tmp_path):
    code, findings = _one(cli, tmp_path, _with_example("  - name: fast team\n    set: {frt_target_hours: 8}\n    values: {KR1.1: {target: 8}}\n"))
    assert code == 0, findings


def test_the_sweep_finds_a_figure_typed_beside_a_parameter(cli, tmp_path):
    """Issue 15: a hard-coded baseline passes at the defaults and fails only with other values."""
    old = "en: Cut the median first response to inbound demo requests from {{ frt_baseline_hours | num }} to"
    assert old in GOOD
    text = _with_example("  - name: defaults\n    lang: en\n").replace(old, "en: Cut the median first response to inbound demo requests from 24 to", 1)
    code, findings = _one(cli, tmp_path, text)
    sweep = [f for f in findings if f["code"] == "TEMPLATE-RANGE"]
    assert code == 1 and sweep and "AGREE-002" in sweep[0]["message"] and "frt_baseline_hours=" in sweep[0]["message"], findings
    assert not [f for f in findings if f["code"].startswith("SMART-")], "clean at the defaults"
    assert any(f["code"] == "TEMPLATE-FIGURE" and "'24'" in f["message"] for f in findings), "and the figure itself is flagged"
    code, out, _ = cli("catalog", "validate", tmp_path, "--no-sweep")
    assert "TEMPLATE-RANGE" not in out and "TEMPLATE-FIGURE" in out


def test_preview_writes_each_templates_plan_per_language(cli, tmp_path):
    from okrgen.resources import folder

    src = folder("catalog").parent / "docs" / "examples" / "templates"
    code, _, err = cli("catalog", "preview", src, "-o", tmp_path / "pv", "--format", "md,html")
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "pv").iterdir())
    assert "content-marketing.zh.md" in names and "customer-success.ru.html" in names and len(names) == 8


def test_preview_watch_previews_again_after_a_save(cli, tmp_path, monkeypatch):
    from okrgen.cli import catalog_cmd

    (tmp_path / "t").mkdir()
    template = tmp_path / "t" / "acme.yaml"
    template.write_text(GOOD.replace("id: sdr", "id: acme", 1), encoding="utf-8")
    calls = []

    def sleep(_):  # the "save" happens between two polls; the third poll is Ctrl-C
        calls.append(1)
        if len(calls) == 1:
            template.write_text(
                template.read_text(encoding="utf-8").replace("Cut the median first response", "Shorten the median first response"), encoding="utf-8"
            )
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(catalog_cmd, "_sleep", sleep)
    code, _, err = cli("catalog", "preview", tmp_path / "t", "-o", tmp_path / "pv", "--watch")
    assert code == 0 and err.count("wrote") == 6, err
    assert "Shorten the median first response" in (tmp_path / "pv" / "acme.en.md").read_text(encoding="utf-8")


def test_the_sweep_finds_a_fixed_due_date_that_another_period_leaves_behind(cli, tmp_path):
    """Issue 15: a fixed default due date gets SMART-T03 as soon as another period is chosen."""
    old = "        baseline: frt_baseline_hours\n"
    assert old in GOOD
    text = _with_example("  - name: defaults\n    lang: en\n").replace(old, old + '        due: "2027-03-31"\n', 1)
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    from okrgen.catalog.checks import validate_paths

    with_period = [f for f in validate_paths([tmp_path / "t.yaml"])[str(tmp_path / "t.yaml")] if f.code == "TEMPLATE-RANGE"]
    assert with_period and "period=2031-H2" in with_period[0].message and "SMART-T03" in with_period[0].message
    fixed = text.replace('due: "2027-03-31"', 'due: "{{ period.end }}"')
    (tmp_path / "t.yaml").write_text(fixed, encoding="utf-8")
    assert validate_paths([tmp_path / "t.yaml"])[str(tmp_path / "t.yaml")] == []


def test_a_department_of_ones_own_is_fine_and_a_misspelt_one_gets_did_you_mean(cli, tmp_path):
    code, findings = _one(cli, tmp_path, GOOD.replace("id: sdr", "id: acme", 1).replace("department: sales", "department: finance", 1))
    assert code == 0 and not findings, findings
    code, findings = _one(cli, tmp_path, GOOD.replace("id: sdr", "id: acme", 1).replace("department: sales", "department: slaes", 1))
    f = next(f for f in findings if f["code"] == "TEMPLATE-PARAM")
    assert code == 1 and f["severity"] == "warning" and "Did you mean `sales`?" in f["fix"]
