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
