"""Plans checked together: consistent, short by a known number, different periods, conflicts."""

from fractions import Fraction
from pathlib import Path

from okrgen.lint.align import canonical_metric, check_together, rules
from okrgen.plan.planfile import load_plan

DATA = Path(__file__).parent.parent / "data" / "align"


def together(*names, lang=None):
    return check_together([load_plan(DATA / f"{n}.yaml") for n in names], lang=lang)


def test_consistent_plans_have_no_finding():
    assert together("sales", "marketing") == []
    assert together("marketing", "sales") == []


def test_marketing_mql_short_by_250():
    (f,) = together("sales", "marketing_short")
    assert f.code == "ALIGN-001" and f.severity == "warning"
    assert f.file.endswith("marketing_short.yaml") and (f.line, f.col) == (25, 17)
    assert f.extra["needed"] == 1750 and f.extra["short_by"] == 250 and f.extra["target"] == 1500
    assert f.extra["rates"] == {"mql_to_sql": 0.4, "sql_to_sal": 0.8, "sal_to_won": 0.25}
    assert f.extra["deal_size"] == 25000
    other = f.extra["other"]
    assert other["file"].endswith("sales.yaml") and other["line"] == 24 and other["kr"] == "KR1.1"
    assert "1,500 is 250 short of the 1,750" in f.message
    assert "sales.yaml:24" in f.message
    assert "1,750" in f.fix


def test_messages_follow_the_language():
    (f,) = together("sales", "marketing_short", lang="ru")
    assert "на 250 меньше, чем 1\xa0750" in f.message and f.lang == "ru"
    (z,) = together("sales", "marketing_short", lang="zh")
    assert "少 250" in z.message


def test_mismatched_periods_reported_and_numbers_not_compared():
    (f,) = together("sales", "marketing_q2")
    assert f.code == "ALIGN-003"
    assert f.file.endswith("marketing_q2.yaml") and f.line == 4
    assert "2027-Q2 does not match 2027-Q1" in f.message and "sales.yaml:5" in f.message
    assert f.extra["other"]["line"] == 5


def test_explicit_range_matches_named_quarter_and_conflicting_targets():
    found = together("sales", "sdr")
    codes = sorted(f.code for f in found)
    assert codes == ["ALIGN-001", "ALIGN-002"]  # SDR promises 650 SQLs; sales counts on 700
    conflict = next(f for f in found if f.code == "ALIGN-002")
    assert conflict.file.endswith("sdr.yaml") and "650 differs from 700" in conflict.message
    assert conflict.extra["other"]["line"] == 29
    short = next(f for f in found if f.code == "ALIGN-001")
    assert short.extra["short_by"] == 50


def test_missing_rates_are_named():
    found = together("sales_no_rates", "marketing")
    assert {f.code for f in found} == {"ALIGN-004"}
    assert all("deal_size, sql_to_sal, sal_to_won" in f.message for f in found)
    assert len(found) == 2  # leads and MQL, each against the revenue KR


def test_vocabulary_aliases():
    assert canonical_metric("sqls") == "sql"
    assert canonical_metric("Win-Rate") == "sal_to_won_rate"
    assert canonical_metric("nps") is None


def test_rule_docs_complete_in_three_languages():
    docs = rules()
    assert sorted(docs) == ["ALIGN-001", "ALIGN-002", "ALIGN-003", "ALIGN-004"]
    for code, rule in docs.items():
        assert rule["severity"] in ("error", "warning", "info")
        for key in ("title", "message", "fix", "what", "why", "example", "instead"):
            assert set(rule[key]) == {"en", "ru", "zh"}, (code, key)
        assert rule["fires"] and rule["does_not_fire"]


def test_align_001_says_where_each_rate_and_the_deal_size_came_from():
    (f,) = together("sales", "marketing_short")
    assert f.extra["rate_sources"]["mql_to_sql"].endswith("marketing_short.yaml:" + str(f.extra["rate_sources"]["mql_to_sql"].rsplit(":", 1)[1]))
    for name, where in f.extra["rate_sources"].items():
        assert f"{name} " in f.message and f"({where})" in f.message
    for lang in ("ru", "zh"):
        (g,) = together("sales", "marketing_short", lang=lang)
        assert all(f"({where})" in g.message for where in f.extra["rate_sources"].values())


def _made(tmp_path, template, lang="en", **sets):
    from okrgen.cli.main import main

    out = tmp_path / f"{template}.{lang}.yaml"
    args = ["new", template, "--lang", lang, "--no-input", "--no-lint", "-o", str(out)]
    for k, v in sets.items():
        args += ["--set", f"{k}={v}"]
    assert main(args) == 0
    return load_plan(out)


def test_a_plan_keeps_its_own_rates_and_like_is_compared_with_like(tmp_path):
    """The SDR's hand-off rate is MQL → SQL, as in the SLA; a head-of-sales plan counting its win
    rate from SQL is judged by that rate, not by the SLA's SQL → SAL × SAL → won."""
    for lang in ("en", "ru", "zh"):
        plans = [_made(tmp_path, t, lang) for t in ("sdr", "sales-marketing-sla", "head-of-sales")]
        found = check_together(plans)
        assert not [f for f in found if f.code == "ALIGN-002"], [f.message for f in found]
        assert not [f for f in found if f.code == "ALIGN-001" and f.file.endswith(f"head-of-sales.{lang}.yaml")], [f.message for f in found]


def test_rates_in_percent_answers_are_read(tmp_path):
    from okrgen.lint.align import _read_plan

    plan = _read_plan(0, _made(tmp_path, "sales-marketing-sla"))
    assert plan.rates[("sql", "sal")][0] == Fraction(4, 5)  # sql_to_sal_pct: 80
    assert plan.rates[("sql", "sal")][1].endswith("sales-marketing-sla.en.yaml:" + plan.rates[("sql", "sal")][1].rsplit(":", 1)[1])


def test_a_level_and_a_total_are_not_the_same_target(tmp_path):
    """ALIGN-002 compares like with like: a monthly level held is not the period's total."""
    plan = "version: 1\ntitle: {t}\nlang: en\nperiod: 2027-Q1\nobjectives:\n  - title: O\n    key_results:\n      - id: KR1.1\n        text: {t} SQLs\n        metric: sql\n        kind: {kind}\n        target: {n}\n"
    (tmp_path / "a.yaml").write_text(plan.format(t="Total", kind="cumulative", n=700), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(plan.format(t="Level", kind="level", n=240), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(plan.format(t="Other total", kind="cumulative", n=650), encoding="utf-8")
    load = lambda n: load_plan(tmp_path / f"{n}.yaml")  # noqa: E731
    assert check_together([load("a"), load("b")]) == []
    assert [f.code for f in check_together([load("a"), load("c")])] == ["ALIGN-002"]


def test_merged_stages_are_one_in_alignment(tmp_path):
    """With SQL = SAL (okrgen.toml [funnel]), an SQL target and an SAL target measure one thing, and
    no SQL → SAL rate stands between them."""
    from okrgen.track.funnel import company_spec

    plan = "version: 1\ntitle: {t}\nlang: en\nperiod: 2027-Q1\nobjectives:\n  - title: O\n    key_results:\n      - id: KR1.1\n        text: {t}\n        metric: {m}\n        kind: cumulative\n        target: {n}\n"
    (tmp_path / "a.yaml").write_text(plan.format(t="SQLs", m="sql", n=560), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(plan.format(t="SALs", m="sal", n=500), encoding="utf-8")
    plans = [load_plan(tmp_path / "a.yaml"), load_plan(tmp_path / "b.yaml")]
    assert [f.code for f in check_together(plans)] == ["ALIGN-004"]  # two stages: the SQL → SAL rate is missing
    merged = company_spec(merge=[["sql", "sal"]])
    (f,) = check_together(plans, spec=merged)
    assert f.code == "ALIGN-002" and "500 differs from 560" in f.message
