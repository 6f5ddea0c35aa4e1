"""Check-ins change only the lines they are about, and refuse bad input clearly."""

import difflib
import shutil
from pathlib import Path

import pytest

from okrgen.errors import OkrgenError
from okrgen.plan.yamlload import loads
from okrgen.track.checkin import apply_checkins, checkin, parse_assignment, parse_value

PLAN = Path(__file__).parent.parent / "data" / "score" / "plan.yaml"


def _changed(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_update_existing_current_and_block_checkins_keeps_every_other_line():
    text = PLAN.read_text(encoding="utf-8")
    out, results = apply_checkins(text, [("KR1.2", 50)], date="2027-02-15", note="two big deals slipped")
    removed, added = _changed(text, out)
    assert removed == ["        current: 55"]
    assert added == [
        "        current: 50",
        "          - date: 2027-02-15",
        "            value: 50",
        "            note: two big deals slipped",
    ]
    # the new entry follows the existing ones, before the next KR
    assert out.index("note: two big deals slipped") < out.index("- id: O2")
    assert results[0].previous == 55 and results[0].current == 50
    kr = loads(out).data["objectives"][0]["key_results"][1]
    assert kr["checkins"][-1] == {"date": "2027-02-15", "value": 50, "note": "two big deals slipped"}


def test_new_keys_go_inside_the_kr_before_its_trailing_comment_and_blank_line():
    text = PLAN.read_text(encoding="utf-8")
    out, _ = apply_checkins(text, [("KR2.2", 3)], date="2027-02-15")
    removed, added = _changed(text, out)
    assert removed == []
    assert added == ["        current: 3", "        checkins:", "          - date: 2027-02-15", "            value: 3"]
    lines = out.splitlines()
    i = lines.index("        target: 10")
    assert lines[i + 1] == "        current: 3"
    assert lines[i + 5 : i + 8] == ["        # not measured yet", "", "      - id: KR2.3"]


def test_flow_list_gets_a_flow_item_and_quoted_note():
    text = PLAN.read_text(encoding="utf-8")
    out, _ = apply_checkins(text, [("KR2.3", 0.37)], date="2027-02-15", note="deal: big #1")
    removed, added = _changed(text, out)
    assert removed == ["        checkins: []"]
    assert added == ["        current: 0.37", '        checkins: [{date: 2027-02-15, value: 0.37, note: "deal: big #1"}]']
    assert loads(out).data["objectives"][1]["key_results"][2]["checkins"][0]["note"] == "deal: big #1"


def test_several_krs_at_once_comments_and_header_survive():
    text = PLAN.read_text(encoding="utf-8")
    out, results = apply_checkins(text, [("KR1.1", 2700000), ("KR2.1", 51)], date="2027-02-15")
    assert [r.kr_id for r in results] == ["KR1.1", "KR2.1"]
    removed, _ = _changed(text, out)
    assert removed == ["        current: 2600000", "        current: 52"]
    for comment in ("# yaml-language-server", "# Sales team plan", "# booked, not invoiced", '# measured in the CRM report "cycle length"'):
        assert comment in out


def test_an_older_date_does_not_replace_current():
    text = PLAN.read_text(encoding="utf-8")
    out, results = apply_checkins(text, [("KR1.2", 59)], date="2027-01-01")
    assert results[0].current == 55  # the 2027-02-01 check-in stays the latest
    removed, added = _changed(text, out)
    assert removed == [] and len(added) == 2


def test_indentation_style_of_the_file_is_followed():
    text = "objectives:\n- id: O1\n  title: t\n  key_results:\n  - id: KR1.1\n    text: x\n    target: 10  # stretch\n- id: O2\n  title: u\n"
    out, _ = apply_checkins(text, [("KR1.1", 4)], date="2027-01-31", note="ok")
    assert out == (
        "objectives:\n"
        "- id: O1\n"
        "  title: t\n"
        "  key_results:\n"
        "  - id: KR1.1\n"
        "    text: x\n"
        "    target: 10  # stretch\n"
        "    current: 4\n"
        "    checkins:\n"
        "    - date: 2027-01-31\n"
        "      value: 4\n"
        "      note: ok\n"
        "- id: O2\n"
        "  title: u\n"
    )


def test_crlf_files_stay_crlf():
    text = "objectives:\r\n  - title: t\r\n    key_results:\r\n      - id: KR1.1\r\n        text: x\r\n        current: 1\r\n"
    out, _ = apply_checkins(text, [("KR1.1", 2)], date="2027-01-31")
    assert "\n" not in out.replace("\r\n", "")
    assert "current: 2\r\n" in out


def test_checkin_writes_the_file_atomically(tmp_path):
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    results = checkin(plan, [("KR1.2", 50)], note="n", date="2027-02-15")
    assert results[0].value == 50
    assert "current: 50" in plan.read_text(encoding="utf-8")
    # no temp file left behind; the lock file stays (removing it would race with a waiting process)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".plan.yaml.lock", "plan.yaml"]


def test_unknown_kr_lists_ids():
    with pytest.raises(OkrgenError) as info:
        apply_checkins(PLAN.read_text(encoding="utf-8"), [("KR9.9", 1)], date="2027-01-01")
    assert "no key result with id 'KR9.9'; the ids are KR1.1, KR1.2, KR2.1, KR2.2, KR2.3" in info.value.message


HAND_WRITTEN = (Path(__file__).parent.parent / "data" / "hand_written_plan.yaml").read_text(encoding="utf-8")


def test_key_results_without_ids_take_the_ids_the_pdf_shows():
    text, results = apply_checkins(HAND_WRITTEN, [("KR2.1", 4), ("KR1.1", 30), ("ACT-2", 6)], date="2027-02-01")
    assert [(r.kr_id, r.pointer) for r in results] == [
        ("KR2.1", "/objectives/1/key_results/0"),
        ("KR1.1", "/objectives/0/key_results/0"),
        ("ACT-2", "/objectives/0/key_results/1"),
    ]
    data = loads(text, "p.yaml").data
    assert [kr.get("current") for o in data["objectives"] for kr in o["key_results"]] == [30, 6, 4]
    assert text.count("id:") == 2  # ACT-2 and RET, the user's own: none were written into the file
    with pytest.raises(OkrgenError) as info:
        apply_checkins(HAND_WRITTEN, [("KR1.2", 1)], date="2027-02-01")  # that place has an id of its own
    assert "the ids are KR1.1, ACT-2, KR2.1" in info.value.message


def test_an_own_id_wins_over_a_place():
    text = "objectives:\n  - title: t\n    key_results:\n      - {text: a, target: 1}\n      - {id: KR1.1, text: b, target: 2}\n"
    out, results = apply_checkins(text, [("KR1.1", 1)], date="2027-01-01")
    assert results[0].pointer == "/objectives/0/key_results/1"


@pytest.mark.parametrize(
    "kr",
    [
        "      - {id: KR1.1, text: b, target: 2}",
        "      - {id: KR1.1, text: b, target: 2, checkins: null}",
        "      - {id: KR1.1, text: b,\n         target: 2}",
        "      - {id: KR1.1, text: b, target: 2, current: 0, checkins: [{date: 2027-01-02, value: 0}]}",
    ],
)
def test_key_results_written_as_flow_mappings_get_their_check_ins(kr):
    """They crashed with an internal error (the block-style splice broke the flow mapping)."""
    text = f"objectives:\n  - title: t  # keep me\n    key_results:\n{kr}\n"
    out, _ = apply_checkins(text, [("KR1.1", 1.5)], note='late, "but" fine', date="2027-02-01")
    got = loads(out, "p.yaml").data["objectives"][0]["key_results"][0]
    assert got["current"] == 1.5 and got["checkins"][-1] == {"date": "2027-02-01", "value": 1.5, "note": 'late, "but" fine'}
    assert out.splitlines()[:3] == text.splitlines()[:3]


def test_a_tab_after_a_colon_is_refused_with_its_line_not_a_crash():
    text = "objectives:\n  - title: t\n    key_results:\n      - id:\tKR1.1\n        text: a\n"
    with pytest.raises(OkrgenError) as info:
        apply_checkins(text, [("KR1.1", 1)], date="2027-02-01")
    assert ":4:12:" in info.value.message and "tabs" in info.value.findings[0].fix
    assert (info.value.findings[0].line, info.value.findings[0].col) == (4, 12)


def test_a_plan_written_all_in_flow_style():
    text = "objectives: [{title: t, key_results: [{text: Grow ARR from 1 to 2, target: 2}, {text: b, target: 3}]}]\n"
    out, _ = apply_checkins(text, [("KR1.2", 2)], date="2027-02-01")
    krs = loads(out, "p.yaml").data["objectives"][0]["key_results"]
    assert "current" not in krs[0] and krs[1]["current"] == 2 and krs[1]["checkins"] == [{"date": "2027-02-01", "value": 2}]


def test_duplicate_ids_are_refused():
    text = "objectives:\n  - title: t\n    key_results:\n      - {id: KR1.1, text: a}\n      - {id: KR1.1, text: b}\n"
    with pytest.raises(OkrgenError, match="appears twice"):
        apply_checkins(text, [("KR1.1", 1)], date="2027-01-01")


@pytest.mark.parametrize(
    "raw, value",
    [
        ("37", 37),
        ("0.4", 0.4),
        ("-2.5", -2.5),
        ("1_000", 1000),
        ("1e3", 1000),
        # what people type (issue: one number parser for parameters, funnel and check-ins)
        ("1,400,000", 1_400_000),
        ("$10,200", 10_200),
        ("27%", 27),
        ("1.4M", 1_400_000),
        ("3,5 млн", 3_500_000),
        ("350万", 3_500_000),
        ("0,4", 0.4),
        ("1 400 000", 1_400_000),
    ],
)
def test_values(raw, value):
    assert parse_value(raw) == value


@pytest.mark.parametrize("raw, hint", [("abc", "1.4M"), ("", "e.g. 37"), ("12 apples", "1,400,000"), ("1,2,3", "e.g. 37")])
def test_non_numeric_values(raw, hint):
    with pytest.raises(OkrgenError) as info:
        parse_value(raw, "KR1.2")
    assert "check-in value for KR1.2 must be a number" in info.value.message
    assert hint in info.value.hint


def test_assignment_shape():
    assert parse_assignment("KR1.2=37") == ("KR1.2", 37)
    with pytest.raises(OkrgenError, match="expected KR_ID=VALUE"):
        parse_assignment("KR1.2")


# ------------------------------------------------------------- values that cannot be what the KR measures

PCT_PLAN = """\
version: 1
title: Sales
period: 2027-Q1
currency: USD
objectives:
  - title: Win more of what we work on
    key_results:
      - id: KR1.1
        text: Grow bookings from $2.4M to $3.5M
        kind: cumulative
        unit: USD
        previous: 2400000
        target: 3500000
      - id: KR1.2
        text: Win 125 deals
        kind: cumulative
        unit: deals
        previous: 88
        target: 125
      - id: KR1.3
        text: Raise the win rate from 40% to 56%
        unit: '%'
        baseline: 40
        target: 56
      - id: KR1.4
        text: Raise net revenue retention from 102% to 110%
        unit: '%'
        baseline: 102
        target: 110
      - id: KR1.5
        text: Cut monthly churn from 0.8% to 0.5%
        unit: '%'
        baseline: 0.8
        target: 0.5
"""


def _entry(text):
    from okrgen.track.checkin import parse_entry

    return parse_entry(text)


@pytest.mark.parametrize(
    "typed,says",
    [
        ("KR1.1=€1.2M", "KR1.1 is in USD; '€1.2M' is in EUR"),
        ("KR1.2=$40", "KR1.2 is measured in deals; '$40' is money"),
        ("KR1.2=-3", "KR1.2: -3 is below zero"),
        ("KR1.3=250%", "is above 100 %"),
        ("KR1.3=0.45", "KR1.3 is in percent; 0.45 reads as 0.45 %, not 45 %"),
    ],
)
def test_a_value_that_cannot_be_the_kr_is_refused_with_how_to_fix_it(typed, says):
    with pytest.raises(OkrgenError) as err:
        apply_checkins(PCT_PLAN, [_entry(typed)], date="2027-02-15")
    assert says in err.value.message
    assert err.value.hint


@pytest.mark.parametrize("typed", ["KR1.1=$1.2M", "KR1.1=1.2M", "KR1.1=1,200,000 usd", "KR1.3=45%", "KR1.3=45", "KR1.3=0.45%", "KR1.4=112%", "KR1.5=0.45"])
def test_values_that_fit_the_kr_are_recorded(typed):
    _, results = apply_checkins(PCT_PLAN, [_entry(typed)], date="2027-02-15")
    assert results[0].warning is None and not results[0].skipped


def test_force_records_an_odd_value_with_a_warning_but_never_another_currency():
    _, results = apply_checkins(PCT_PLAN, [_entry("KR1.3=250%"), _entry("KR1.2=-3")], date="2027-02-15", force=True)
    assert [r.value for r in results] == [250, -3]
    assert "above 100 %" in results[0].warning and "below zero" in results[1].warning
    with pytest.raises(OkrgenError, match="is in USD"):
        apply_checkins(PCT_PLAN, [_entry("KR1.1=€1.2M")], date="2027-02-15", force=True)


def test_a_bare_fraction_in_a_csv_names_its_line(tmp_path):
    from okrgen.track import csvimport

    sheet = tmp_path / "values.csv"
    sheet.write_text("kr,value,date\nKR1.1,1200000,2027-02-15\nKR1.3,0.45,2027-02-15\n", encoding="utf-8")
    entries = csvimport.plain_entries(csvimport.read_table(str(sheet)))
    with pytest.raises(OkrgenError, match=r"values.csv:3: KR1.3 is in percent"):
        apply_checkins(PCT_PLAN, entries, date="2027-02-15")


def test_the_same_figure_again_with_a_new_note_keeps_the_note():
    # a user trial: "already recorded, nothing added" and the note was gone
    text = PLAN.read_text(encoding="utf-8")
    once, _ = apply_checkins(text, [("KR1.2", 50)], date="2027-02-15")
    again, results = apply_checkins(once, [("KR1.2", 50)], date="2027-02-15")
    assert again == once and results[0].skipped  # an import run twice adds nothing
    noted, results = apply_checkins(once, [("KR1.2", 50)], date="2027-02-15", note="two deals slipped")
    assert not results[0].skipped and "note: two deals slipped" in noted
    assert loads(noted).data["objectives"][0]["key_results"][1]["current"] == 50
