"""CSV check-ins: plain sheets and CRM exports through a map, bad rows named by line."""

import datetime as dt
from pathlib import Path

import pytest

from okrgen.errors import OkrgenError
from okrgen.period import parse_period
from okrgen.track.csvimport import load_map, mapped_entries, parse_day, plain_entries, read_table

DATA = Path(__file__).parent.parent / "data" / "checkin"
MAPS = Path(__file__).parent.parent.parent / "docs" / "checkin-maps"
Q1 = parse_period("2027-Q1")


def _values(entries):
    return {e.kr: (e.value, e.date) for e in entries}


def test_amocrm_export_semicolons_russian_dates_and_last_value():
    got = _values(mapped_entries(read_table(DATA / "amocrm-leads.csv"), load_map(MAPS / "amocrm-leads.yaml"), period=Q1, as_of=dt.date(2027, 2, 15)))
    # meetings: 12.01, 03.02, 14.02 in the period (28.12.2026 is last quarter's; "Первичный контакт" is not a meeting)
    assert got["meetings_held"] == (3, "2027-02-14")
    assert got["mql_to_sql_rate"] == (66.5, "2027-02-14")  # "66,5" read by the one number parser


def test_the_same_export_in_windows_1251_reads_the_same(tmp_path):
    p = tmp_path / "amo.csv"
    p.write_bytes((DATA / "amocrm-leads.csv").read_text(encoding="utf-8").encode("cp1251"))
    m = load_map(MAPS / "amocrm-leads.yaml")
    a = mapped_entries(read_table(p), m, period=Q1, as_of=dt.date(2027, 2, 15))
    b = mapped_entries(read_table(DATA / "amocrm-leads.csv"), m, period=Q1, as_of=dt.date(2027, 2, 15))
    assert _values(a) == _values(b)


def test_as_of_leaves_later_rows_out():
    got = _values(mapped_entries(read_table(DATA / "amocrm-leads.csv"), load_map(MAPS / "amocrm-leads.yaml"), period=Q1, as_of=dt.date(2027, 2, 1)))
    assert got["meetings_held"] == (1, "2027-01-12")


def test_sum_count_and_count_where_on_hubspot():
    got = _values(mapped_entries(read_table(DATA / "hubspot-deals.csv"), load_map(MAPS / "hubspot-deals.yaml"), period=Q1, as_of=dt.date(2027, 3, 31)))
    assert got["KR1.1"] == (1_100_000, "2027-03-02")  # Cyberdyne's 150K closes in March
    assert got["KR1.2"][0] == 4


def test_bad_amounts_are_listed_with_their_lines(tmp_path):
    csv = tmp_path / "deals.csv"
    csv.write_text(
        "Deal Stage,Amount,Close Date,Pipeline\nClosed Won,100,2027-01-05,Sales Pipeline\nClosed Won,ten,2027-01-06,Sales Pipeline\nClosed Won,5,someday,Sales Pipeline\n",
        encoding="utf-8",
    )
    mp = tmp_path / "map.yaml"
    mp.write_text("date_column: Close Date\nkey_results:\n  KR1.1: {aggregate: sum, column: Amount, where: {Deal Stage: Closed Won}}\n", encoding="utf-8")
    with pytest.raises(OkrgenError) as info:
        mapped_entries(read_table(csv), load_map(mp), period=Q1)
    assert f"{csv}:3: Amount 'ten' is not a number (KR1.1)" in info.value.message
    assert f"{csv}:4: Close Date 'someday' is not a date this map reads" in info.value.message
    assert [f.line for f in info.value.findings] == [3, 4]


@pytest.mark.parametrize(
    "text, words",
    [
        ("key_results:\n  KR1.1: {aggregate: average, column: Amount}\n", "aggregate must be one of sum, count, count-where, last"),
        ("key_results:\n  KR1.1: {aggregate: sum}\n", "`sum` needs the `column`"),
        ("key_results:\n  KR1.1: count-where\n", "`count-where` needs `where"),
        ("colums: x\nkey_results:\n  KR1.1: count\n", "unknown key 'colums'"),
        ("date_column: Closed\n", "a map needs `key_results:`"),
    ],
)
def test_bad_maps_are_user_errors_with_a_line(tmp_path, text, words):
    mp = tmp_path / "map.yaml"
    mp.write_text(text, encoding="utf-8")
    with pytest.raises(OkrgenError) as info:
        load_map(mp)
    assert words in info.value.message and str(mp) in info.value.message


def test_a_column_the_export_lacks_is_named():
    hubspot_map = MAPS / "hubspot-deals.yaml"
    with pytest.raises(OkrgenError, match="hubspot-deals.yaml:12: KR1.1: no column 'Amount' in .*amocrm-leads.csv"):
        mapped_entries(read_table(DATA / "amocrm-leads.csv"), load_map(hubspot_map), period=Q1)


def test_plain_sheet_needs_kr_and_value_columns(tmp_path):
    p = tmp_path / "v.csv"
    p.write_text("name,amount\nKR1.1,3\n", encoding="utf-8")
    with pytest.raises(OkrgenError, match="no 'kr' and no 'value' column"):
        plain_entries(read_table(p))


@pytest.mark.parametrize(
    "text, day",
    [("2027-02-14", "2027-02-14"), ("14.02.2027 10:32:00", "2027-02-14"), ("02/14/2027", "2027-02-14"), ("2027-02-14T10:32:00Z", "2027-02-14"), ("soon", None)],
)
def test_dates_crms_write(text, day):
    got = parse_day(text)
    assert (got.isoformat() if got else None) == day


def test_the_amocrm_map_fits_the_russian_sdr_plan_it_is_written_for(tmp_path, monkeypatch):
    # a user trial: the map named a metric (sal_acceptance_rate) the SDR plan does not have
    from okrgen.cli.main import main

    monkeypatch.setenv("OKRGEN_TODAY", "2027-02-15")
    plan = tmp_path / "sdr.ru.yaml"
    assert main(["new", "sdr", "--lang", "ru", "--no-input", "--no-lint", "--set", "period=2027-Q1", "-o", str(plan)]) == 0
    args = ["checkin", str(plan), "--from", str(DATA / "amocrm-leads.csv"), "--map", str(MAPS / "amocrm-leads.yaml"), "--dry-run"]
    assert main(args) == 0
