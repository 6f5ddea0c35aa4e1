"""Re-filling keeps progress and the team's edits, and follows the new answers elsewhere."""

from okrgen.catalog.refill import has_progress, refill


def _plan(target, text=None, **kr):
    return {
        "title": "T",
        "objectives": [
            {"id": "O1", "title": "Grow", "key_results": [{"id": "KR1.1", "text": text or f"Grow to {target}", "kind": "cumulative", "target": target, **kr}]}
        ],
    }


def test_generated_fields_follow_progress_stays():
    old = _plan(100, current=40, checkins=[{"date": "2027-02-01", "value": 40, "confidence": 6}], weight=2)
    plan, edited = refill(old, _plan(100), _plan(120))
    kr = plan["objectives"][0]["key_results"][0]
    assert kr["text"] == "Grow to 120" and kr["target"] == 120
    assert kr["current"] == 40 and kr["checkins"][0]["confidence"] == 6 and kr["weight"] == 2
    assert edited == []


def test_a_text_the_team_rewrote_is_kept():
    old = _plan(100, text="Grow to 100 (CRM report 'won')")
    plan, edited = refill(old, _plan(100), _plan(120))
    assert plan["objectives"][0]["key_results"][0]["text"] == "Grow to 100 (CRM report 'won')"
    assert plan["objectives"][0]["key_results"][0]["target"] == 120
    assert edited == ["KR1.1.text"]


def test_the_teams_own_key_results_and_objectives_are_kept():
    old = _plan(100)
    old["objectives"][0]["key_results"].append({"text": "Our own", "target": 3, "current": 1})
    old["objectives"].append({"title": "Ours", "key_results": [{"text": "x"}]})
    plan, _ = refill(old, _plan(100), _plan(120))
    assert [k["text"] for k in plan["objectives"][0]["key_results"]] == ["Grow to 120", "Our own"]
    assert plan["objectives"][1]["title"] == "Ours"


def test_an_old_cumulative_baseline_becomes_previous():
    old = _plan(100, baseline=80)
    del old["objectives"][0]["key_results"][0]["kind"]
    plan, _ = refill(old, _plan(100, previous=80), _plan(100, previous=80))
    kr = plan["objectives"][0]["key_results"][0]
    assert "baseline" not in kr and kr["previous"] == 80 and kr["kind"] == "cumulative"


def test_has_progress_counts_key_results():
    assert has_progress(_plan(1)) == 0
    assert has_progress(_plan(1, current=0)) == 1
