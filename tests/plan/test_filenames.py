"""okrgen.plan.filenames: readable, safe names in every script."""

from okrgen.plan.filenames import safe_stem, unique_stems


def test_names_in_three_scripts_stay_readable():
    assert safe_stem("EMEA SDR") == "emea-sdr"
    assert safe_stem("Отдел продаж / Москва") == "отдел-продаж-москва"
    assert safe_stem("华东 SDR") == "华东-sdr"


def test_unsafe_names_are_made_safe():
    assert safe_stem("../../etc/passwd") == "etc-passwd"
    assert safe_stem('a<b>:"c|d?*') == "a-b-c-d"
    assert safe_stem("CON") == "con-team" and safe_stem("   ") == "plan" and safe_stem("\x00\x1f") == "plan"
    assert len(safe_stem("x" * 500)) == 80


def test_collisions_get_numbers():
    assert unique_stems(["Sales", "sales", "SALES!"]) == ["sales", "sales-2", "sales-3"]
