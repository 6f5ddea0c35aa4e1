"""The view model carries what tracking shows: as-of date, kind-appropriate progress, pace, confidence, note."""

from okrgen.render.html import render_html
from okrgen.render.viewmodel import build

PLAN = {
    "lang": "en",
    "period": "2027-Q1",
    "currency": "USD",
    "objectives": [
        {
            "title": "Grow",
            "key_results": [
                {
                    "text": "Grow new bookings from $2.2M to $3.5M",
                    "kind": "cumulative",
                    "unit": "USD",
                    "previous": 2_200_000,
                    "target": 3_500_000,
                    "checkins": [{"date": "2027-02-14", "value": 950_000, "confidence": 6, "note": "two <b>deals</b> slipped"}],
                },
                {"text": "Raise win rate", "kind": "level", "unit": "%", "baseline": 20, "target": 40, "current": 25},
            ],
        }
    ],
}


def test_cumulative_progress_pace_confidence_and_note():
    vm = build(PLAN, [], "en", "2027-02-14")
    kr = vm["objectives"][0]["key_results"][0]
    assert vm["tracking"]["as_of"] == "as of Feb 14, 2027"
    assert kr["baseline"] == "$2.2M" and kr["baseline_is_previous"] and kr["current"] == ""
    s = kr["score"]
    assert s["text"] == "0.27" and s["progress"] == "$950K of $3.5M"
    assert s["status"] == "behind" and s["figure"] == "day 45 of 90: expected $1.75M"
    assert s["confidence"] == "6/10" and s["note"] == "two <b>deals</b> slipped"


def test_scores_rounded_as_score_rounds_them():
    vm = build(PLAN, [], "en", "2027-02-14")
    assert vm["objectives"][0]["key_results"][1]["score"]["text"] == "0.25"  # not 0.2
    assert build(PLAN, [], "ru", "2027-02-14")["objectives"][0]["key_results"][1]["score"]["text"] == "0,25"


def test_html_shows_it_escaped():
    html = render_html(build(PLAN, [], "en", "2027-02-14"))
    assert (
        "as of Feb 14, 2027" in html
        and '<span class="fig">$950K</span> of <span class="fig">$3.5M</span>' in html
        and '<span class="prev-label">Last period</span> $2.2M' in html
    )
    assert "two &lt;b&gt;deals&lt;/b&gt; slipped" in html and "<b>deals" not in html
    assert "behind" in html and "Confidence" in html


def test_one_money_format_per_row():
    plan = {"objectives": [{"title": "t", "key_results": [{"text": "x", "unit": "USD", "baseline": 950_000, "target": 3_500_000, "current": 1_200_000}]}]}
    kr = build(plan, [], "en")["objectives"][0]["key_results"][0]
    assert (kr["baseline"], kr["target"], kr["current"]) == ("$950K", "$3.5M", "$1.2M")


def test_a_bar_takes_its_status_colour_mid_period_and_its_grade_at_the_end():
    # a user trial: a red 0.38 bar beside an amber "at risk" label read as a contradiction
    from okrgen.track.score import bar_colour

    assert [bar_colour("red", s) for s in ("on_track", "at_risk", "behind", "done", None)] == ["green", "amber", "red", "green", "red"]
    mid = build(PLAN, [], "en", "2027-02-14")["objectives"][0]["key_results"][0]["score"]
    assert (mid["status"], mid["band"]) == ("behind", "red")
    on_pace = {
        **PLAN,
        "objectives": [
            {**PLAN["objectives"][0], "key_results": [{**PLAN["objectives"][0]["key_results"][0], "checkins": [{"date": "2027-01-20", "value": 800_000}]}]}
        ],
    }
    s = build(on_pace, [], "en", "2027-01-20")["objectives"][0]["key_results"][0]["score"]
    assert s["status"] == "on_track" and s["value"] < 0.4 and s["band"] == "green"


def test_an_objectives_bar_takes_the_colour_of_its_worst_key_result():
    kr = {**PLAN["objectives"][0]["key_results"][0], "checkins": [{"date": "2027-01-20", "value": 800_000}]}
    plan = {**PLAN, "objectives": [{"title": "Grow", "key_results": [kr]}]}
    o = build(plan, [], "en", "2027-01-20")["objectives"][0]["score"]
    assert o["value"] < 0.4 and o["band"] == "green"  # on pace on day 20, though 0.23 grades red
