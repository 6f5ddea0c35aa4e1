import json

import pytest
from jsonschema import Draft202012Validator

from okrgen.errors import OkrgenError
from okrgen.plan.planfile import loads_plan
from okrgen.resources import folder

SCHEMAS = sorted((folder("schemas")).glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_against_the_metaschema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].startswith("https://") and schema["$id"].endswith(path.name)


def test_every_plan_property_has_a_description():
    schema = json.loads((folder("schemas") / "plan.schema.json").read_text(encoding="utf-8"))
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and "description" not in sub and "$ref" not in sub:
                    missing.append(f"{where}/{name}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}/{i}")

    walk(schema, "")
    assert not [m for m in missing if "/checkins/" not in m], missing


def _problems(text):
    with pytest.raises(OkrgenError) as info:
        loads_plan(text, "plan.yaml")
    return info.value.findings


def test_missing_objectives():
    (f,) = _problems("title: Q1 plan\n")
    assert f.message == "missing required key 'objectives'" and (f.line, f.col) == (1, 1)


def test_string_where_a_number_belongs():
    (f,) = _problems("objectives:\n  - title: Win\n    key_results:\n      - text: Grow ARR from 1 to 2\n        target: lots\n")
    assert (f.line, f.col, f.pointer) == (5, 17, "/objectives/0/key_results/0/target")
    assert "expected a number" in f.message and "'lots'" in f.message


def test_unknown_key_suggests_the_right_one():
    (f,) = _problems("objectivs: []\n")[-1:]
    assert f.message == "unknown key 'objectivs'" and "did you mean 'objectives'" in f.fix
    assert (f.line, f.col) == (1, 1)


def test_bad_period_is_reported_once_with_examples():
    findings = _problems("period: 2027-Q5\nobjectives:\n  - title: Win\n")
    assert len(findings) == 1
    f = findings[0]
    assert (f.line, f.col, f.pointer) == (1, 9, "/period") and "'2027-Q5'" in f.message and "2027-Q1" in f.fix


@pytest.mark.parametrize("period", ["2027-Q1", "2027-H2", "2027", "2027-03", "{start: 2027-02-01, end: 2027-04-30}", "null"])
def test_good_periods(period):
    loads_plan(f"period: {period}\nobjectives:\n  - title: Win\n")


def test_explicit_period_end_before_start():
    (f,) = _problems("period: {start: 2027-05-01, end: 2027-04-30}\nobjectives:\n  - title: Win\n")
    assert f.code == "PLAN-PERIOD" and "before start" in f.message and f.line == 1


def test_impossible_due_date():
    (f,) = _problems("objectives:\n  - title: Win\n    key_results:\n      - text: x\n        due: 2027-02-30\n")
    assert f.code == "PLAN-DATE" and f.line == 5


def test_not_a_plan():
    (f,) = _problems("- just\n- a list\n")
    assert f.code == "PLAN-NOT-A-PLAN"


def test_nan_and_infinity_are_not_numbers_for_a_plan():
    findings = _problems("objectives:\n  - title: Win\n    key_results:\n      - text: x\n        baseline: .nan\n        target: .inf\n")
    assert [(f.code, f.line) for f in findings] == [("PLAN-NUMBER", 5), ("PLAN-NUMBER", 6)]
    checkin = "objectives:\n  - title: Win\n    key_results:\n      - text: x\n        checkins:\n          - {date: 2027-01-05, value: -.inf}\n"
    assert [(f.code, f.line, f.pointer) for f in _problems(checkin)] == [("PLAN-NUMBER", 6, "/objectives/0/key_results/0/checkins/0/value")]


def test_figures_past_a_quadrillion_are_refused_at_their_line():
    findings = _problems(
        "objectives:\n  - title: Win\n    key_results:\n      - text: x\n        baseline: 1000000000000000\n        target: 1000000000000001\n"
    )
    assert [(f.line, f.pointer) for f in findings] == [(6, "/objectives/0/key_results/0/target")]
    assert "above the maximum 1000000000000000" in findings[0].message


def test_plan_text_is_the_same_from_libyaml_and_pure_python():
    """dump_plan uses libyaml's emitter for speed; its text must be what PyYAML's own would write."""
    import yaml

    from okrgen.catalog.fill import fill, resolve
    from okrgen.catalog.index import Catalog
    from okrgen.plan import planfile as planio

    class PurePython(yaml.SafeDumper):
        pass

    PurePython.add_representer(str, planio._str_presenter)
    catalog = Catalog()
    plans = [fill(t, lang, resolve(t, lang)) for t in (catalog.get(i, validate=False) for i in catalog.ids()) for lang in t.languages]
    odd = ["two\nlines", "  lead", "yes", "x: y", "#x", "", "é 中文", "1.5", "null", "~", "tab\there", "trailing ", "'q'", '"dq"', "a" * 300, "end\n"]
    plans.append({"title": odd[0], "objectives": [{"title": s, "key_results": [{"text": s, "target": 1.5}]} for s in odd]})
    assert len(plans) > 30
    for plan in plans:
        ours = planio.dump_plan(plan)
        theirs = f"{planio.SCHEMA_LINE}\n" + yaml.dump(plan, Dumper=PurePython, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
        assert ours == theirs
        assert yaml.safe_load(ours) == plan


def test_the_schema_and_the_parameters_agree_on_the_largest_figure():
    from okrgen.numbers import MAX_FIGURE
    from okrgen.plan.schema import schema

    plan = schema("plan")
    bounds = [plan["$defs"]["number_or_null"], plan["$defs"]["key_result"]["properties"]["checkins"]["items"]["properties"]["value"]]
    assert all((b["minimum"], b["maximum"]) == (-MAX_FIGURE, MAX_FIGURE) for b in bounds)
    assert plan["$defs"]["key_result"]["properties"]["weight"]["maximum"] == MAX_FIGURE


def test_the_schema_line_of_a_plan_resolves_offline():
    """The editor hint points at the installed package's schema file, not a web host."""
    from pathlib import Path
    from urllib.parse import urlparse

    from okrgen.plan import planfile

    uri = planfile.SCHEMA_LINE.split("$schema=", 1)[1]
    assert uri.startswith("file://") and "okrgen.dev" not in uri
    assert Path(urlparse(uri).path).is_file()


def test_dump_plan_writes_a_mapping_subclass_as_a_mapping_and_keeps_days_text():
    import yaml

    from okrgen.plan.planfile import dump_plan
    from okrgen.plan.yamlload import loads

    class Mine(dict):
        pass

    plan = Mine(title="T", checkins=[{"date": "2027-02-14", "value": 3, "note": "2027-02-14 call"}])
    text = dump_plan(plan)
    # a day stays quoted text: a YAML 1.1 reader (PyYAML's safe_load) would read 2027-02-14 as a date
    assert "- date: '2027-02-14'\n" in text and yaml.safe_load(text)["checkins"][0]["date"] == "2027-02-14"
    assert loads(text).data == {"title": "T", "checkins": [{"date": "2027-02-14", "value": 3, "note": "2027-02-14 call"}]}
