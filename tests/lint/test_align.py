"""Plans checked together: consistent, short by a known number, different periods, conflicts."""

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
