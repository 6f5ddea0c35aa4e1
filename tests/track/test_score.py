"""KR, objective and plan scores: direction, baseline = target, overshoot, missing current, bands."""

from pathlib import Path

import pytest

from okrgen.errors import OkrgenError
from okrgen.track.score import band, score_kr, score_objective, score_plan, score_value

DATA = Path(__file__).parent.parent / "data" / "score"


@pytest.mark.parametrize(
    "baseline, target, current, direction, expected",
    [
        (10, 20, 15, None, 0.5),  # increase, half way
        (10, 20, 10, "increase", 0.0),
        (10, 20, 5, "increase", 0.0),  # went backwards: clamped to 0
        (10, 20, 30, "increase", 1.0),  # overshoot: clamped to 1
        (60, 45, 55, "decrease", 1 / 3),  # decrease counts down
        (60, 45, 40, None, 1.0),  # decrease overshoot
        (60, 45, 70, "decrease", 0.0),
        (50, 50, 52, "maintain", 1.0),  # baseline = target, met
        (50, 50, 49, "maintain", 0.0),  # baseline = target, not met
        (50, 50, 50, None, 1.0),
        (3, 3, 2, "decrease", 1.0),  # "stay at or below 3"
        (3, 3, 4, "decrease", 0.0),
        (2.1, 2.0, 2.05, "maintain", 0.0),  # maintain with baseline above target: hold at most 2.0
        (2.1, 2.0, 1.9, "maintain", 1.0),
        (None, 14, 7, None, 0.5),  # no baseline: an increase counts from 0
        (None, 10, 12, "decrease", 0.0),  # no baseline, decrease: met or not
        (None, 10, 9, "decrease", 1.0),
        (10, 20, None, None, None),  # missing current
        (10, None, 15, None, None),  # no target
        (0.30, 0.40, 0.37, None, 0.7),  # exact: 0.7, not 0.6999999999999998
    ],
)
def test_score_value(baseline, target, current, direction, expected):
    got = score_value(baseline, target, current, direction)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    "s, expected",
    [(0.0, "red"), (0.39, "red"), (0.4, "amber"), (0.69, "amber"), (0.7, "green"), (1.0, "green"), (None, None)],
)
def test_band_boundaries(s, expected):
    assert band(s) == expected


def test_exactly_seventy_percent_of_a_rate_is_green():
    kr = score_kr({"baseline": 0.30, "target": 0.40, "current": 0.37})
    assert kr.band == "green"


def test_overshoot_keeps_raw():
    kr = score_kr({"id": "KR1.1", "baseline": 0, "target": 10, "current": 14})
    assert kr.score == 1.0 and kr.raw == pytest.approx(1.4)


def test_latest_checkin_is_current_when_current_missing_and_trend():
    kr = score_kr(
        {
            "id": "KR1.2",
            "baseline": 60,
            "target": 45,
            "checkins": [
                {"date": "2027-02-01", "value": 55},
                {"date": "2027-01-15", "value": 58, "note": "slow start"},
            ],
        }
    )
    assert kr.current == 55 and kr.current_from == "checkin"
    assert kr.score == pytest.approx(1 / 3)
    assert [p.date for p in kr.trend] == ["2027-01-15", "2027-02-01"]
    assert kr.trend_direction == "improving"  # a decrease going down
    worse = score_kr({"baseline": 10, "target": 20, "checkins": [{"date": "2027-01-01", "value": 15}, {"date": "2027-02-01", "value": 12}]})
    assert worse.trend_direction == "worsening" and worse.score == pytest.approx(0.2)
    flat = score_kr({"baseline": 10, "target": 20, "current": 12, "checkins": [{"date": "2027-01-01", "value": 12}, {"date": "2027-02-01", "value": 12}]})
    assert flat.trend_direction == "flat" and flat.current_from == "current"


def test_objective_weighted_mean_skips_unscored():
    obj = score_objective(
        {
            "id": "O1",
            "title": "x",
            "key_results": [
                {"baseline": 0, "target": 10, "current": 10, "weight": 3},  # 1.0 × 3
                {"baseline": 0, "target": 10, "current": 2},  # 0.2 × 1
                {"baseline": 0, "target": 10},  # no current: left out
            ],
        }
    )
    assert obj.score == pytest.approx((3 * 1.0 + 0.2) / 4)
    assert obj.band == "green"
    assert score_objective({"key_results": [{"target": 1}]}).score is None


def test_plan_score_from_file():
    from okrgen.plan.yamlload import load

    result = score_plan(load(DATA / "plan.yaml").data)
    o1, o2 = result.objectives
    assert [k.score for k in o1.key_results] == [pytest.approx(0.4), pytest.approx(1 / 3)]
    assert o1.score == pytest.approx((0.4 + 1 / 3) / 2) and o1.band == "red"
    assert o2.score == 1.0  # KR2.1 only: KR2.2 and KR2.3 have no current
    assert result.score == pytest.approx((o1.score + 1.0) / 2)
    assert result.band == "amber"
    d = result.to_dict()
    assert d["objectives"][0]["key_results"][1]["trend"][0]["note"] == "slow start"


def test_bad_values_are_user_errors_with_a_pointer():
    with pytest.raises(OkrgenError) as info:
        score_plan({"objectives": [{"key_results": [{"target": 10, "current": "lots"}]}]})
    assert "current must be a number" in info.value.message
    assert info.value.findings[0].pointer == "/objectives/0/key_results/0/current"
    with pytest.raises(OkrgenError, match="direction must be one of increase, decrease, maintain"):
        score_kr({"target": 1, "current": 1, "direction": "up"})


# --------------------------------------------------------------------------------------------------
# Kinds and pace (docs/scoring.md)

from okrgen.track.score import clock, figure, progress_text  # noqa: E402

MID_Q1 = clock("2027-Q1", "2027-02-14")  # day 45 of 90


def test_issue_bookings_mid_quarter_count_from_zero():
    kr = {"kind": "cumulative", "previous": 2_200_000, "target": 3_500_000, "current": 950_000, "unit": "USD"}
    s = score_kr(kr, "", MID_Q1)
    assert s.score == pytest.approx(950 / 3500)  # 0.27, not 0.00
    assert s.expected == 1_750_000 and s.status == "behind"  # 950K is 54% of the expected 1.75M
    assert figure(s) == "$950K of $3.5M at day 45 of 90: expected $1.75M"
    assert progress_text(s) == "$950K of $3.5M"
    # the same KR without a kind is a level from last period's total: the score the issue reported
    assert score_kr({"baseline": 2_200_000, "target": 3_500_000, "current": 950_000}).score == 0.0


def test_issue_deals_example_and_its_figure():
    s = score_kr({"kind": "cumulative", "previous": 88, "target": 134, "current": 40, "unit": "deals"}, "", MID_Q1)
    assert figure(s) == "40 of 134 deals at day 45 of 90: expected 67"
    assert s.status == "behind"
    assert figure(s, "ru") == "40 из 134 deals на 45-й день из 90: ожидалось 67"


def test_cumulative_baseline_is_read_as_previous():
    s = score_kr({"kind": "cumulative", "baseline": 88, "target": 140, "current": 70})
    assert s.previous == 88 and s.baseline is None and s.score == 0.5


@pytest.mark.parametrize(
    "kind, direction, baseline, target, current, expected",
    [
        ("cumulative", "increase", None, 200, 50, 0.25),
        ("cumulative", "increase", None, 200, 260, 1.0),
        ("cumulative", "decrease", None, 5, 3, 1.0),  # a cap on a total: met while under it
        ("cumulative", "decrease", None, 5, 6, 0.0),
        ("level", "increase", 20, 40, 30, 0.5),
        ("level", "decrease", 35, 24, 30, 5 / 11),
        ("level", "decrease", 35, 24, 40, 0.0),  # worse than the start: clamped
        ("level", "maintain", 50, 50, 49, 0.0),
        ("milestone", "increase", None, None, 1, 1.0),
        ("milestone", "increase", None, None, 0, 0.0),
        ("threshold", "decrease", None, 4, 3, 1.0),  # SLA: at most 4 hours
        ("threshold", "increase", None, 99.9, 99.5, 0.0),  # uptime at least 99.9%
    ],
)
def test_kind_by_direction(kind, direction, baseline, target, current, expected):
    s = score_kr({"kind": kind, "direction": direction, "baseline": baseline, "target": target, "current": current})
    assert s.score == pytest.approx(expected)


def test_threshold_is_the_share_of_checkins_that_held():
    cis = [{"date": f"2027-01-{d:02d}", "value": v} for d, v in ((5, 3), (12, 5), (19, 2), (26, 4))]
    s = score_kr({"kind": "threshold", "direction": "decrease", "target": 4, "checkins": cis}, "", clock("2027-Q1", "2027-01-31"))
    assert (s.held, s.checked, s.score) == (3, 4, 0.75)
    assert s.status == "at_risk"  # the latest held, one earlier did not
    assert progress_text(s) == "held at 3 of 4 check-ins (line 4)"


def test_milestone_due_date_sets_the_status():
    kr = {"kind": "milestone", "due": "2027-02-01", "current": 0}
    assert score_kr(kr, "", clock("2027-Q1", "2027-01-20")).status == "on_track"
    assert score_kr(kr, "", clock("2027-Q1", "2027-02-02")).status == "behind"
    assert score_kr(dict(kr, current=1), "", clock("2027-Q1", "2027-02-02")).status == "done"


@pytest.mark.parametrize(
    "as_of, expected, status",
    [("2026-12-20", 0, "on_track"), ("2027-01-01", 1, "on_track"), ("2027-02-14", 45, "behind"), ("2027-03-31", 90, "behind"), ("2027-05-01", 90, "behind")],
)
def test_linear_pace_at_start_middle_and_end(as_of, expected, status):
    s = score_kr({"kind": "cumulative", "target": 90, "current": 30}, "", clock("2027-Q1", as_of))
    assert s.expected == expected and s.status == status


def test_monthly_pace_weights_for_a_back_loaded_quarter():
    kr = {"kind": "cumulative", "target": 100, "current": 20, "pace": [20, 30, 50]}
    end_jan = score_kr(kr, "", clock("2027-Q1", "2027-01-31"))
    assert end_jan.expected == 20 and end_jan.status == "on_track"
    mid_feb = score_kr(kr, "", clock("2027-Q1", "2027-02-14"))
    assert mid_feb.expected == pytest.approx(20 + 30 * 14 / 28)
    with pytest.raises(OkrgenError, match="pace has 2 weight"):
        score_kr(dict(kr, pace=[1, 1]), "/objectives/0/key_results/0", MID_Q1)


def test_level_pace_thresholds():
    kr = {"kind": "level", "baseline": 20, "target": 40}
    assert score_kr(dict(kr, current=29), "", MID_Q1).status == "on_track"  # 9 of 10 expected points
    assert score_kr(dict(kr, current=27), "", MID_Q1).status == "at_risk"
    assert score_kr(dict(kr, current=26), "", MID_Q1).status == "behind"


def test_latest_checkin_confidence_and_note():
    kr = {
        "target": 10,
        "confidence": 5,
        "checkins": [{"date": "2027-01-05", "value": 2, "confidence": 7, "note": "two slipped"}, {"date": "2027-01-12", "value": 3}],
    }
    s = score_kr(kr)
    assert s.confidence == 7 and s.note == "two slipped" and s.current == 3


def test_docs_back_loaded_bookings_example():
    kr = {"kind": "cumulative", "previous": 2_200_000, "target": 3_500_000, "current": 950_000, "unit": "USD", "pace": [20, 30, 50]}
    s = score_kr(kr, "", MID_Q1)
    assert s.expected == pytest.approx(1_225_000) and s.status == "at_risk"
