"""One naming of objectives and key results for the PDF, `okrgen score` and `okrgen checkin`."""

from __future__ import annotations

from pathlib import Path

from okrgen.plan.ids import id_at, kr_id, objective_id
from okrgen.plan.yamlload import loads
from okrgen.render.viewmodel import build
from okrgen.track.checkin import apply_checkins
from okrgen.track.score import score_plan

PLAN = (Path(__file__).parent.parent / "data" / "hand_written_plan.yaml").read_text(encoding="utf-8")


def test_own_ids_else_places():
    assert objective_id(0, {}) == "O1" and objective_id(2, {"id": "GROW"}) == "GROW" and objective_id(1, {"id": ""}) == "O2"
    assert kr_id(1, 2, {}) == "KR2.3" and kr_id(0, 0, {"id": 7}) == "7"
    assert id_at("/objectives/1/key_results/0", {}) == "KR2.1" and id_at("/objectives/3", {}) == "O4"
    assert id_at("", {"id": "X"}) == "X" and id_at("", {}) == ""


def test_the_pdf_the_scores_and_check_ins_use_the_same_ids():
    data = loads(PLAN, "p.yaml").data
    vm = build(data, [])
    shown = [(o["id"], [k["id"] for k in o["key_results"]]) for o in vm["objectives"]]
    assert shown == [("O1", ["KR1.1", "ACT-2"]), ("RET", ["KR2.1"])]
    scored = score_plan(data)
    assert [(o.id, [k.id for k in o.key_results]) for o in scored.objectives] == shown
    out, results = apply_checkins(PLAN, [(kid, 1) for _, kids in shown for kid in kids], date="2027-02-01")
    assert [r.pointer for r in results] == ["/objectives/0/key_results/0", "/objectives/0/key_results/1", "/objectives/1/key_results/0"]
