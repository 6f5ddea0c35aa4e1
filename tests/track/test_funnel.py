"""Funnel arithmetic against cases worked by hand, rounding, per-month pace, and bad input."""

import math
import random
from fractions import Fraction

import pytest

from okrgen.track import funnel
from okrgen.track.funnel import FunnelError, backward, forward, headcount, required, staffing

RATES = {"sal_to_won": 0.25, "sql_to_sal": 0.8, "mql_to_sql": 0.4, "lead_to_mql": 0.3}


def test_issue_example_worked_by_hand():
    # 3,500,000 / 25,000 = 140 deals; /0.25 = 560 SAL; /0.8 = 700 SQL; /0.4 = 1,750 MQL; /0.3 = 5,833.3 → 5,834
    r = backward(3_500_000, 25_000, RATES, months=3)
    assert [(row.stage, row.total) for row in r.rows] == [("lead", 5834), ("mql", 1750), ("sql", 700), ("sal", 560), ("won", 140)]
    # per month: ceil(total / 3)
    assert [r.per_month(s) for s in ("lead", "mql", "sql", "sal", "won")] == [1945, 584, 234, 187, 47]
    assert r.row("lead").rate == 0.3 and r.row("lead").rate_name == "lead_to_mql"
    assert r.row("won").rate is None


def test_rounds_up_at_every_stage_from_the_rounded_stage_below():
    # 1,010 / 100 = 10.1 → 11 deals; 11 / 0.3 = 36.67 → 37 SAL; 37 / 0.9 = 41.1 → 42 SQL;
    # 42 / 0.5 = 84 MQL; 84 / 0.7 = 120 leads. Rounding once at the top would give
    # 10.1/0.3/0.9/0.5/0.7 = 106.9 → 107 leads, which forward gives only 10.1 deals' worth of 11.
    r = backward(1010, 100, {"sal_to_won": 0.3, "sql_to_sal": 0.9, "mql_to_sql": 0.5, "lead_to_mql": 0.7}, months=1)
    assert [row.total for row in r.rows] == [120, 84, 42, 37, 11]


def test_exact_decimal_arithmetic_no_float_overshoot():
    # 3 MQL at 0.3 is exactly 10 leads (float division gives 10.000000000000002 → 11)
    r = backward(30, 10, {"sal_to_won": 1, "sql_to_sal": 1, "mql_to_sql": 1, "lead_to_mql": 0.3}, months=1)
    assert r["mql"] == 3 and r["lead"] == 10


def test_per_month_split_of_half_year_and_month():
    r = backward(1_000_000, 10_000, RATES, months=6)
    # 100 deals, 400 SAL, 500 SQL, 1250 MQL, 4167 leads
    assert [row.total for row in r.rows] == [4167, 1250, 500, 400, 100]
    assert [row.per_month for row in r.rows] == [695, 209, 84, 67, 17]
    r1 = backward(1_000_000, 10_000, RATES, months=1)
    assert [row.per_month for row in r1.rows] == [row.total for row in r1.rows]


def test_optional_proposal_stage_enters_when_a_rate_names_it():
    rates = {"sal_to_proposal": 0.5, "proposal_to_won": 0.5, "sql_to_sal": 0.8, "mql_to_sql": 0.4, "lead_to_mql": 0.3}
    r = backward(3_500_000, 25_000, rates)
    assert [row.stage for row in r.rows] == ["lead", "mql", "sql", "sal", "proposal", "won"]
    assert r["proposal"] == 280 and r["sal"] == 560


def test_forward_expected_revenue_is_not_rounded():
    f = forward(6000, 25_000, RATES)
    assert f.revenue == 3_600_000
    assert f["mql"] == 1800 and f["won"] == 144
    g = forward(100, 1000, RATES)
    assert g["won"] == pytest.approx(2.4) and g.revenue == pytest.approx(2400)


def test_forward_from_backward_reaches_the_target_property():
    rnd = random.Random(20270101)
    names = ["lead_to_mql", "mql_to_sql", "sql_to_sal", "sal_to_won"]
    for _ in range(500):
        revenue = rnd.randint(1, 50_000_000) / rnd.choice([1, 10, 100])
        deal = rnd.randint(1, 500_000) / rnd.choice([1, 10])
        rates = {n: rnd.randint(1, 1000) / 1000 for n in names}
        months = rnd.choice([1, 3, 6, 12])
        back = backward(revenue, deal, rates, months=months)
        fwd = forward(back["lead"], deal, rates, months=months)
        assert Fraction(repr(fwd.revenue)) >= Fraction(repr(revenue)) or fwd.exact["won"] * Fraction(repr(deal)) >= Fraction(repr(revenue))
        assert fwd.revenue >= revenue
        # and every stage reaches its rounded backward volume
        for row in back.rows:
            assert fwd.exact[row.stage] >= row.total
        # per-month pace covers the period
        for row in back.rows:
            assert row.per_month * months >= row.total
            assert row.per_month == math.ceil(Fraction(row.total, months))


def test_headcount_from_capacities_and_defaults():
    r = backward(3_500_000, 25_000, RATES, months=3)
    # SDR (all inbound): 1,750 MQL / (120 × 3) = 4.86 → 5; AE: 560 SAL / 45 a quarter = 12.4 → 13
    assert headcount(r, {"sdr": 120, "account_executive": 45}) == {"sdr": 5, "account_executive": 13}
    # a half year doubles the AE's capacity for the period
    r6 = backward(3_500_000, 25_000, RATES, months=6)
    assert headcount(r6, {"account_executive": 45}) == {"account_executive": 7}


def test_each_role_is_sized_once_on_the_stage_it_works():
    r = backward(3_500_000, 25_000, RATES, months=3)
    rows = {s.role: s for s in staffing(r, ["sdr", "bdr", "account_executive"], outbound_share=Fraction(3, 10))}
    # inbound SDRs on 70% of the 1,750 MQLs; outbound BDRs on 30% of the 5,834 leads; AEs on SALs
    assert (rows["sdr"].stage, rows["sdr"].source, rows["sdr"].volume) == ("mql", "inbound", 1225)
    assert (rows["bdr"].stage, rows["bdr"].source, rows["bdr"].volume) == ("lead", "outbound", 1751)  # 1,750.2 → 1,751
    assert (rows["account_executive"].stage, rows["account_executive"].volume) == ("sal", 560)
    assert [rows[k].people for k in ("sdr", "bdr", "account_executive")] == [4, 4, 13]  # 1225/360, 1751/450, 560/45
    # no MQL or SQL is counted for two roles: the SDR share and the BDR share add up to the whole
    assert rows["sdr"].share + Fraction(3, 10) == 1


def test_outbound_role_needs_the_outbound_share():
    r = backward(3_500_000, 25_000, RATES, months=3)
    with pytest.raises(FunnelError, match="give the share of leads that are outbound"):
        staffing(r, ["bdr"])
    with pytest.raises(FunnelError, match="outbound share must be between 0 and 1"):
        staffing(r, ["sdr"], outbound_share=1.5)
    assert staffing(r, ["sdr"])[0].volume == 1750  # no outbound: the SDRs take every MQL


def test_required_helpers_for_templates():
    assert required("mql", 3500000, 25000, sal_to_won=0.25, sql_to_sal=0.8, mql_to_sql=0.4, lead_to_mql=0.3) == 1750
    # only the rates below the stage are needed
    assert required("sql", 3500000, 25000, sal_to_won=0.25, sql_to_sal=1) == 560
    assert required("won", 3500000, 25000) == 140
    assert funnel.required_per_month("lead", 3500000, 25000, 3, **RATES) == 1945
    assert funnel.expected_revenue(6000, 25000, **RATES) == 3_600_000
    assert funnel.people_needed("sdr", 3500000, 25000, months=3, capacity=120, **RATES) == 5
    fns = funnel.template_functions()
    assert fns["period_months"]("2027-H1") == 6 and fns["funnel_required"] is required


def test_custom_stages_file(tmp_path):
    f = tmp_path / "stages.yaml"
    f.write_text(
        "stages:\n"
        "  - {id: visit, name: {en: Visits}}\n"
        "  - {id: trial, name: {en: Trials}}\n"
        "  - {id: won, name: {en: Customers}}\n"
        "roles:\n"
        "  csm: {stage: trial, per: month, capacity: 50}\n",
        encoding="utf-8",
    )
    r = backward(12_000, 100, {"visit_to_trial": 0.05, "trial_to_won": 0.2}, months=3, stages=str(f))
    assert [(row.stage, row.total) for row in r.rows] == [("visit", 12000), ("trial", 600), ("won", 120)]
    assert headcount(r, {"csm": None}) == {"csm": 4}
    # the default closing role works the stage before the deal here: 600 trials / 10 a quarter
    assert headcount(r, {"account_executive": 10}) == {"account_executive": 60}
    with pytest.raises(FunnelError, match="unknown role 'sdr'"):  # no MQL stage, no inbound SDRs
        headcount(r, {"sdr": 10})


def test_bad_stages_file_points_at_the_line(tmp_path):
    f = tmp_path / "stages.yaml"
    f.write_text("stages:\n  - {id: visit}\n  - {id: Won!}\n", encoding="utf-8")
    with pytest.raises(funnel.OkrgenError) as info:
        backward(1, 1, {}, stages=str(f))
    assert info.value.findings[0].line == 3


@pytest.mark.parametrize(
    "kwargs, words, field",
    [
        ({"revenue": -5}, "revenue must be greater than 0, got -5", "revenue"),
        ({"revenue": 0}, "revenue must be greater than 0", "revenue"),
        ({"deal_size": 0}, "deal size must be greater than 0", "deal_size"),
        ({"revenue": "a lot"}, "revenue must be a number", "revenue"),
        ({"revenue": float("nan")}, "finite", "revenue"),
        ({"rates": dict(RATES, sal_to_won=1.5)}, "sal_to_won = 1.5 is outside (0, 1]", "rates/sal_to_won"),
        ({"rates": dict(RATES, lead_to_mql=0)}, "lead_to_mql = 0 is outside (0, 1]", "rates/lead_to_mql"),
        ({"rates": dict(RATES, mql_to_sql=-0.1)}, "cannot be negative", "rates/mql_to_sql"),
        ({"rates": dict(RATES, mql_to_sql=True)}, "must be a number", "rates/mql_to_sql"),
        ({"rates": dict(RATES, mql_to_deal=0.1)}, "unknown conversion rate 'mql_to_deal'", "rates"),
        ({"rates": {"sal_to_won": 0.25}}, "missing conversion rate(s) lead_to_mql, mql_to_sql, sql_to_sal", "rates"),
        ({"rates": dict(RATES, sal_to_proposal=0.5, proposal_to_won=0.5)}, "sal_to_won do not fit", "rates/sal_to_won"),
        ({"months": 0}, "months must be a whole number", "period"),
        ({"revenue": 10**16}, "revenue must be at most 10^15", "revenue"),
        ({"rates": dict(RATES, sal_to_won=1e-6, sql_to_sal=1e-6)}, "the funnel would need", ""),
    ],
)
def test_bad_input_says_what_and_which(kwargs, words, field):
    args = {"revenue": 3_500_000, "deal_size": 25_000, "rates": RATES, "months": 3}
    args.update(kwargs)
    with pytest.raises(FunnelError) as info:
        backward(args["revenue"], args["deal_size"], args["rates"], months=args["months"])
    assert words in info.value.message
    assert info.value.field == field


def test_unknown_rate_lists_the_valid_ones():
    with pytest.raises(FunnelError) as info:
        backward(1, 1, {"foo": 0.5})
    assert "lead_to_mql, mql_to_sql, sql_to_sal" in info.value.message and "sal_to_won" in info.value.message


def test_unknown_stage_and_stage_not_in_play():
    with pytest.raises(FunnelError, match="unknown funnel stage 'opportunity'; the stages are lead, mql, sql, sal, proposal, won"):
        required("opportunity", 100, 10, **RATES)
    with pytest.raises(FunnelError, match="stage 'proposal' is not in this funnel"):
        required("proposal", 100, 10, **RATES)
    r = backward(100, 10, RATES)
    with pytest.raises(FunnelError, match="unknown funnel stage"):
        r["opportunity"]


def test_unknown_role_lists_roles():
    r = backward(100, 10, RATES)
    with pytest.raises(FunnelError, match="unknown role 'cto'; the roles are sdr, bdr, account_executive"):
        headcount(r, {"cto": 1})
    with pytest.raises(FunnelError, match="capacity of sdr must be greater than 0"):
        headcount(r, {"sdr": 0})


def test_forward_rejects_negative_leads():
    with pytest.raises(FunnelError, match="lead volume must be 0 or more"):
        forward(-1, 10, RATES)


@pytest.mark.parametrize(
    "merge, name, rate, out",
    [
        ([["sql", "sal"]], "sql_to_sal_rate", "sql_to_sal", "sal_to_won"),
        ([["sql", "sal"]], "sql_to_sal_pct", "sql_to_sal", "sal_to_won"),
        ([["sql", "sal"]], "mql_to_sql_pct", None, None),
        ([["sql", "sal"]], "sql_to_won_rate", None, None),
        ([["mql", "sql", "sal"]], "mql_to_sql_baseline", "mql_to_sql", "sal_to_won"),
        ([["lead", "mql"]], "lead_to_mql_pct", "lead_to_mql", "mql_to_sql"),
    ],
)
def test_a_rate_between_merged_stages_is_found_by_name(merge, name, rate, out):
    with funnel.company(funnel.company_spec(merge=merge)):
        assert funnel.merged_rate(name) == rate
        assert (funnel.rate_out_of_merge(rate) if rate else None) == out
    assert funnel.merged_rate(name) is None  # no company funnel: every rate is a rate
