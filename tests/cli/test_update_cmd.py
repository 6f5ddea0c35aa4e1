"""`okrgen update`: re-fill from template and answers; progress and edits stay; `new --answers` refuses to drop progress."""

from okrgen.cli.main import main
from okrgen.plan.yamlload import load


def _made(tmp_path, monkeypatch):
    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-15")
    plan = tmp_path / "hos.yaml"
    assert main(["new", "head-of-sales", "--lang", "en", "--no-input", "--set", "period=2027-Q1", "-o", str(plan), "--no-lint"]) == 0
    assert main(["checkin", str(plan), "KR1.1=950K", "KR1.2=40", "--confidence", "6", "--note", "KR1.2=two slipped", "--date", "2027-02-14"]) == 0
    return plan


def test_set_changes_the_answer_and_keeps_progress(tmp_path, monkeypatch, capsys):
    plan = _made(tmp_path, monkeypatch)
    text = plan.read_text(encoding="utf-8").replace(
        "Shorten the average sales cycle from 35 to 24 days", "Shorten the sales cycle (CRM 'cycle') from 35 to 24 days"
    )
    plan.write_text(text, encoding="utf-8")
    assert main(["update", str(plan), "--set", "revenue_target=4000000"]) == 0
    assert "kept your edit: KR3.1.text" in capsys.readouterr().err
    d = load(plan).data
    kr11, kr12 = d["objectives"][0]["key_results"][:2]
    assert kr11["text"] == "Grow new bookings from $2.2M to $4M" and kr11["target"] == 4_000_000
    assert kr11["current"] == 950_000 and kr11["checkins"][0]["confidence"] == 6
    assert kr12["target"] == 160 and kr12["checkins"][0]["note"] == "two slipped"
    assert d["objectives"][2]["key_results"][0]["text"].startswith("Shorten the sales cycle (CRM 'cycle')")
    assert d["source"]["answers"]["revenue_target"] == 4_000_000


def test_new_with_a_plan_as_answers_refuses_to_drop_progress(tmp_path, monkeypatch, capsys):
    plan = _made(tmp_path, monkeypatch)
    assert main(["new", "head-of-sales", "--answers", str(plan), "--no-input", "--no-lint"]) == 2
    err = capsys.readouterr().err
    assert "2 key result(s) there have progress" in err and f"okrgen update {plan}" in err
    assert main(["new", "head-of-sales", "--answers", str(plan), "--no-input", "--no-lint", "--discard-progress"]) == 0


def test_a_plan_without_source_is_a_user_error(tmp_path, capsys):
    p = tmp_path / "p.yaml"
    p.write_text("objectives:\n  - title: t\n    key_results:\n      - text: x\n", encoding="utf-8")
    assert main(["update", str(p)]) == 2
    assert "no source.template" in capsys.readouterr().err


def test_a_renamed_parameter_and_a_new_version_keep_language_and_progress(tmp_path, monkeypatch, capsys):
    """Issue 15: v2 renames a parameter and rewords a text; the Russian plan stays Russian, keeps its
    check-ins, and its stored answer moves to the new name."""
    from tests.catalog.test_fill import RICH

    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-15")
    cat = tmp_path / "cat"
    cat.mkdir()
    (cat / "rich.yaml").write_text(RICH, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    args = ["--catalog", str(cat)]
    assert (
        main(["new", "rich", "--lang", "ru", "--no-input", "--set", "period=2027-Q1", "--set", "renewal_target=90", "-o", str(plan), "--no-lint", *args]) == 0
    )
    assert main(["checkin", str(plan), "KR1.2=84", "--date", "2027-02-14"]) == 0
    v2 = (
        RICH.replace("version: 1", "version: 2")
        .replace("renewal_target", "renewal_goal")
        .replace("  - name: renewal_goal\n", "  - name: renewal_goal\n    renamed: [renewal_target]\n", 1)
    )
    v2 = v2.replace("Повысить долю продлений", "Поднять долю продлений")
    (cat / "rich.yaml").write_text(v2, encoding="utf-8")
    capsys.readouterr()
    assert main(["update", str(plan), *args]) == 0
    err = capsys.readouterr().err
    # Nobody edited what v1 wrote (source.fingerprint still matches), so v2's wording is taken.
    assert "(was v1), in ru" in err and "kept your edit" not in err
    d = load(plan).data
    kr = d["objectives"][0]["key_results"][1]
    assert d["lang"] == "ru" and kr["text"].startswith("Поднять долю продлений") and kr["target"] == 90
    assert kr["current"] == 84 and d["source"]["answers"]["renewal_goal"] == 90 and d["source"]["version"] == 2
    # `new --answers plan.yaml` regenerates in the plan's language and understands the old name too.
    out = tmp_path / "again.yaml"
    assert main(["new", "rich", "--answers", str(plan), "--no-input", "--no-lint", "--discard-progress", "-o", str(out), *args]) == 0
    again = load(out).data
    assert again["lang"] == "ru" and again["objectives"][0]["key_results"][1]["target"] == 90


def test_a_team_edit_survives_a_new_template_version(tmp_path, monkeypatch, capsys):
    """With an edit the fingerprint no longer matches: the edited text stays, v2 wording elsewhere
    cannot be told from v1's and stays too (and update says which fields it kept)."""
    from tests.catalog.test_fill import RICH

    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-15")
    cat = tmp_path / "cat"
    cat.mkdir()
    (cat / "rich.yaml").write_text(RICH, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    assert main(["new", "rich", "--lang", "en", "--no-input", "--set", "period=2027-Q1", "-o", str(plan), "--no-lint", "--catalog", str(cat)]) == 0
    plan.write_text(plan.read_text(encoding="utf-8").replace("Cut logo churn from 6% to 4%", "Cut logo churn (all plans) from 6% to 4%"), encoding="utf-8")
    (cat / "rich.yaml").write_text(RICH.replace("version: 1", "version: 2").replace("Raise renewals", "Grow renewals"), encoding="utf-8")
    capsys.readouterr()
    assert main(["update", str(plan), "--catalog", str(cat)]) == 0
    err = capsys.readouterr().err
    krs = load(plan).data["objectives"][0]["key_results"]
    assert krs[0]["text"] == "Cut logo churn (all plans) from 6% to 4%" and "kept your edit: KR1.1.text" in err
