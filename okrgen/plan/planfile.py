"""Read and write plan files: the YAML the user owns.

Loading validates against schemas/plan.schema.json and then checks what a schema cannot (a period
that names a real range, due dates that exist), so everything after this step can trust the data.
Writing puts the schema line first so editors validate and complete the file.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from typing import Any

import yaml

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.period import parse_period
from okrgen.plan.yamlload import Loaded, load, loads


def _schema_line() -> str:
    """The editor hint at the top of every plan: the plan schema of the installed okrgen, as a file
    URI, so YAML editors validate offline (no host to resolve; the schema matches this version)."""
    from okrgen.resources import folder

    return "# yaml-language-server: $schema=" + (folder("schemas") / "plan.schema.json").resolve().as_uri()


SCHEMA_LINE = _schema_line()


def _non_finite(loaded: Loaded) -> list[Finding]:
    """`.nan` and `.inf` are YAML numbers, so the schema takes them for numbers (or, for `.inf`,
    for one above the maximum); the user needs to hear that they are not numbers at all."""
    out: list[Finding] = []
    for i, obj in enumerate(_items(loaded.data, "objectives")):
        for j, kr in enumerate(_items(obj, "key_results")):
            base = f"/objectives/{i}/key_results/{j}"
            values = [(key, f"{base}/{key}", kr.get(key)) for key in ("baseline", "target", "current", "confidence", "weight")]
            values += [("value", f"{base}/checkins/{n}/value", c.get("value")) for n, c in enumerate(_items(kr, "checkins"))]
            for key, ptr, value in values:
                if isinstance(value, float) and not math.isfinite(value):
                    line, col = loaded.position(ptr)
                    out.append(
                        Finding(
                            "PLAN-NUMBER",
                            "error",
                            f"{key} is {value}, not a finite number",
                            "Write a plain number such as 42 or 3.5.",
                            loaded.file,
                            line,
                            col,
                            ptr,
                        )
                    )
    return out


def _items(parent: Any, key: str) -> list[dict]:
    items = parent.get(key) if isinstance(parent, dict) else None
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def _semantic(loaded: Loaded) -> list[Finding]:
    data = loaded.data
    out: list[Finding] = []
    if data.get("period") is not None:
        try:
            parse_period(data["period"])
        except OkrgenError as err:
            line, col = loaded.position("/period")
            out.append(Finding("PLAN-PERIOD", "error", err.message, err.hint, loaded.file, line, col, "/period"))
    for i, obj in enumerate(data.get("objectives") or []):
        for j, kr in enumerate(obj.get("key_results") or []):
            due = kr.get("due")
            if due:
                try:
                    dt.date.fromisoformat(due)
                except ValueError:
                    ptr = f"/objectives/{i}/key_results/{j}/due"
                    line, col = loaded.position(ptr)
                    out.append(
                        Finding("PLAN-DATE", "error", f"'{due}' is not a real date", "Write a date that exists, as YYYY-MM-DD.", loaded.file, line, col, ptr)
                    )
    return out


def check_plan(loaded: Loaded) -> Loaded:
    """Validate loaded YAML as a plan; raise OkrgenError listing every problem at its line."""
    if not isinstance(loaded.data, dict):
        got = "an empty file" if loaded.data is None else f"a {type(loaded.data).__name__}"
        finding = Finding(
            "PLAN-NOT-A-PLAN",
            "error",
            f"expected a plan (a mapping with 'objectives'), got {got}",
            "Start from `okrgen new <template> -o plan.yaml`, or see `okrgen schema plan`.",
            loaded.file,
            1,
            1,
        )
        raise OkrgenError(f"{loaded.file}: not a plan", [finding])
    from okrgen.plan import schema  # jsonschema costs ~55 ms to import; only plans from users need it

    non_finite = _non_finite(loaded)
    said = {f.pointer for f in non_finite}
    findings = non_finite + [f for f in schema.validate("plan", loaded.data, loaded, loaded.file) if f.pointer not in said]
    if not findings:
        findings = _semantic(loaded)
    if findings:
        raise OkrgenError(f"{loaded.file}: {len(findings)} problem(s) in the plan", findings)
    return loaded


def load_plan(path: str | os.PathLike) -> Loaded:
    return check_plan(load(path))


def loads_plan(text: str, file: str = "<string>") -> Loaded:
    return check_plan(loads(text, file))


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block style, keys in our order, long lines kept whole (a KR is one line).

    libyaml's emitter where PyYAML has it: the same text (a test compares them on every catalog
    plan), five times faster.
    """


def _str_presenter(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)
# A mapping type of our own (a plan read back from a sheet carries its exported text) is written
# as the mapping it is; the safe dumper otherwise refuses any type it does not know by name.
_Dumper.add_multi_representer(dict, yaml.SafeDumper.represent_dict)
# One value used twice (the period in the plan and in source.answers) would be written once with
# an anchor (&id001) and then as an alias: valid YAML, but not what a person writes or reads.
_Dumper.ignore_aliases = lambda self, data: True


def dump_plan(plan: dict[str, Any]) -> str:
    body = yaml.dump(plan, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"{SCHEMA_LINE}\n{body}"
