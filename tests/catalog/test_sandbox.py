"""The bounded sandbox: hostile or mistaken template code is a located error (exit 2), never a hang,
an internal error (exit 70) or a Python repr in a plan."""

import pytest

from okrgen.catalog.fill import fill, resolve
from okrgen.errors import OkrgenError
from tests.catalog.test_fill import BASE, template

# Sizes just past each bound: without the bounds these complete (slowly), so the test fails
# rather than hangs; the issue's own payloads (10**(10**10), 'a' * 10**8, two range(100000))
# are the same checks with bigger numbers.
SLOW = [
    ("{{ 10**700 }}", "too large a number"),
    ("{{ ('a' * 200000)|length }}", "makes more than 100,000 items"),
    ("{{ ([1] * 200000)|length }}", "makes more than 100,000 items"),
    ("{{ (('a' * 90000) + ('b' * 90000))|length }}", "joining makes more than 100,000 items"),
    ("{% for i in range(20000) %}{% endfor %}", "a template may loop over at most 10,000"),
    ("{{ (10**5000)|string }}", "too large a number"),
    ("{% set ns = namespace(s='a' * 60000) %}{% set ns.s = ns.s ~ ns.s %}{{ ns.s|length }}", "joining with ~ makes more than 100,000 characters"),
    ("{{ 'a'|center(200000)|length }}", "center() with a width of more than 100,000"),
    ("{{ 'a'.center(200000)|length }}", "center() with a width of more than 100,000"),
    ("{{ '%02000000d'|format(1)|length }}", "a format width of more than 100,000"),
    ("{{ ('a' * 1000)|replace('a', 'a' * 200)|length }}", "replace() would make a text of more than 100,000"),
    ("{{ (['a' * 1000] * 200)|join|length }}", "join() would make a text of more than 100,000"),
    ("{% for i in range(20) %}{{ 'a' * 99999 }}{% endfor %}", "the filled text passes 1,000,000 characters"),
]
BROKEN = [
    ("{{ 1/0 }}", "division by zero"),
    ("{{ 'a' + 1 }}", 'can only concatenate str (not "int") to str'),
    ("{% macro m(x) %}{{ m(x) }}{% endmacro %}{{ m(1) }}", "a macro calls itself without end"),
    ("{{ funnel }}", "printed a function, not text or a number"),
    ("{{ [1]|map(attribute='__class__')|list }}", "printed a list, not text or a number"),
    ("{{ revenue|map(attribute='x') }}", "not text or a number"),
]


def _fill_with(payload):
    t = template(BASE.replace("Close {{ deals }} deals", "Close " + payload.replace('"', '\\"')))
    return fill(t, "en", resolve(t, "en"))


@pytest.mark.parametrize("payload, words", SLOW + BROKEN)
def test_a_bad_text_is_a_located_plain_error(payload, words):
    with pytest.raises(OkrgenError) as info:
        _fill_with(payload)
    (f,) = info.value.findings
    assert words in f.message and (f.file, f.line) == ("mini.yaml", 32) and f.pointer.endswith("/key_results/1/text/en")


def test_nested_loops_stop_at_the_time_limit(monkeypatch):
    """Without the limit these loops run about a minute (and the test fails on the missing error)."""
    monkeypatch.setenv("OKRGEN_TEMPLATE_SECONDS", "0.2")
    with pytest.raises(OkrgenError) as info:
        _fill_with("{% for i in range(3000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")
    assert "took more than 0.2 s" in info.value.findings[0].message


def test_a_derived_power_tower_is_refused_at_its_derive_line():
    t = template(BASE.replace("derive: \"(revenue / deal_size) | round(0, 'ceil') | int\"", 'derive: "deal_size ** 200"'))
    with pytest.raises(OkrgenError) as info:
        resolve(t, "en")
    (f,) = info.value.findings
    assert "too large a number" in f.message and f.pointer.endswith("/derive") and f.line == 19


def test_ordinary_arithmetic_and_loops_still_work():
    plan = _fill_with(
        "{{ 2**10 }} deals {{ 'ab' * 3 }} {% for i in range(3) %}{{ i }}{% endfor %} {{ [1, 2]|join('+') }} {{ 'x' ~ 1 }} {{ 'ab'|center(4) }}|{{ '%03d'|format(7) }}"
    )
    assert plan["objectives"][0]["key_results"][1]["text"].startswith("Close 1024 deals ababab 012 1+2 x1 ab |007")


def test_the_cli_exits_2_not_70(tmp_path, cli):
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "mini.yaml").write_text(BASE.replace("Close {{ deals }} deals", "Close {{ 1/0 }} deals"), encoding="utf-8")
    code, out, err = cli("new", "mini", "--catalog", folder, "--no-input", "-o", tmp_path / "p.yaml")
    assert code == 2 and "mini.yaml:32:20" in err and "division by zero" in err and "internal error" not in err
    assert not (tmp_path / "p.yaml").exists()
    code, out, err = cli("catalog", "validate", folder)
    assert code in (1, 2) and "division by zero" in out + err and "internal error" not in out + err
