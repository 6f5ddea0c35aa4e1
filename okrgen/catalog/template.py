"""A role template: loaded, schema-checked, with its parameters typed.

Templates may come from other people (a company catalog), so loading only reads data: the Jinja
in their text is compiled and run later, in the sandbox (fill.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from okrgen.catalog.params import Parameter
from okrgen.errors import OkrgenError
from okrgen.i18n import DEFAULT_CURRENCY, pick
from okrgen.plan.yamlload import Loaded, load

# Parameters every template has; a template may redeclare them to change label or default.
STANDARD_PARAMETERS = [
    {
        "name": "team",
        "type": "string",
        "label": {"en": "Team", "ru": "Команда", "zh": "团队"},
        "help": {
            "en": "Team name printed on the plan.",
            "ru": "Название команды в заголовке плана.",
            "zh": "计划标题中显示的团队名称。",
        },
    },
    {
        "name": "owner",
        "type": "string",
        "label": {"en": "Owner", "ru": "Ответственный", "zh": "负责人"},
        "help": {
            "en": "Person accountable for the plan (leave empty if not decided).",
            "ru": "Кто отвечает за план (можно оставить пустым).",
            "zh": "对计划负责的人（可留空）。",
        },
        "default": "",
    },
    {
        "name": "period",
        "type": "period",
        "label": {"en": "Period", "ru": "Период", "zh": "周期"},
        "help": {
            "en": "2027-Q1, 2027-H1, 2027 or 2027-03; defaults to the next quarter.",
            "ru": "2027-Q1, 2027-H1, 2027 или 2027-03; по умолчанию следующий квартал.",
            "zh": "如 2027-Q1、2027-H1、2027 或 2027-03；默认为下一季度。",
        },
    },
    {
        "name": "currency",
        "type": "currency",
        "label": {"en": "Currency", "ru": "Валюта", "zh": "货币"},
        "help": {
            "en": "ISO 4217 code for money values (USD, EUR, RUB, CNY).",
            "ru": "Код валюты ISO 4217 (USD, EUR, RUB, CNY).",
            "zh": "金额使用的ISO 4217货币代码（USD、EUR、RUB、CNY）。",
        },
    },
]


@dataclass
class Template:
    data: dict
    file: str
    loaded: Loaded | None = None
    catalog_dir: str | None = None  # None for the built-in catalog
    parameters: list[Parameter] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def version(self) -> int:
        return self.data["version"]

    @property
    def languages(self) -> list[str]:
        return list(self.data["languages"])

    @property
    def department(self) -> str:
        return self.data["department"]

    @property
    def currency(self) -> str | None:
        """The currency its money defaults are written in (None: the reference, US dollars)."""
        return self.data.get("currency")

    def role(self, lang: str) -> str:
        return pick(self.data["role"], lang)

    def summary(self, lang: str) -> str:
        return pick(self.data["summary"], lang)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def position(self, pointer: str) -> tuple[int | None, int | None]:
        """Line and column in the template file; positions are read on first need (errors only)."""
        if self.loaded is not None and not self.loaded.positions and self.loaded.text:
            from okrgen.plan.yamlload import loads

            self.loaded = loads(self.loaded.text, self.file)
        return self.loaded.position(pointer) if self.loaded else (None, None)


def _standard() -> list[Parameter]:
    params = []
    for d in STANDARD_PARAMETERS:
        p = Parameter.from_dict(d)
        if p.name == "team":
            # No made-up team: a plan without one is titled by the role ("SDR: OKRs for 2027-Q1")
            # rather than printing "Our team" as if it were a name.
            p.default = None
        if p.name == "currency":
            p.default = None  # chosen by language in fill.defaults()
        params.append(p)
    return params


def from_loaded(loaded: Loaded, catalog_dir: str | None = None, validate: bool = True) -> Template:
    """Schema-check loaded YAML as a template; raise OkrgenError with located findings.

    `validate=False` skips the schema (and its 80 ms import) for read-only views such as
    `okrgen show`; a template that then turns out malformed is validated to explain why.
    """
    data = loaded.data
    if not isinstance(data, dict):
        raise OkrgenError(f"{loaded.file}: not a template (expected a mapping with id, role, objectives)")
    if not validate:
        try:
            return _build(loaded, catalog_dir)
        except (KeyError, TypeError, AttributeError, IndexError):
            pass
    from okrgen.plan import schema

    findings = schema.validate("template", data, loaded, loaded.file, code="TEMPLATE-SCHEMA")
    if findings:
        raise OkrgenError(f"{loaded.file}: {len(findings)} problem(s) in the template", findings)
    return _build(loaded, catalog_dir)


def _build(loaded: Loaded, catalog_dir: str | None) -> Template:
    data = loaded.data
    for key in ("id", "version", "languages", "objectives", "role", "summary", "department"):
        data[key]  # noqa: B018 - a missing key sends validate=False callers to the schema
    declared = [Parameter.from_dict(d, f"/parameters/{i}") for i, d in enumerate(data.get("parameters") or [])]
    names = {p.name for p in declared}
    params = [p for p in _standard() if p.name not in names] + declared
    return Template(data=data, file=loaded.file, loaded=loaded, catalog_dir=catalog_dir, parameters=params)


def load_template(path: str | os.PathLike, catalog_dir: str | None = None) -> Template:
    return from_loaded(load(path), catalog_dir)


def default_currency(lang: str) -> str:
    return DEFAULT_CURRENCY.get(lang, "USD")


def field_texts(data: dict) -> list[tuple[str, str, Any]]:
    """(pointer, lang, text) of every translated text field that is a Jinja template."""
    out: list[tuple[str, str, Any]] = []

    def add(pointer: str, value: Any) -> None:
        if isinstance(value, dict):
            for lang, text in value.items():
                out.append((f"{pointer}/{lang}", lang, text))

    add("/role", data.get("role"))
    add("/summary", data.get("summary"))
    add("/title", data.get("title"))
    for i, obj in enumerate(data.get("objectives") or []):
        base = f"/objectives/{i}"
        add(base + "/title", obj.get("title"))
        add(base + "/description", obj.get("description"))
        for j, kr in enumerate(obj.get("key_results") or []):
            add(f"{base}/key_results/{j}/text", kr.get("text"))
            add(f"{base}/key_results/{j}/unit", kr.get("unit"))
        for k, ini in enumerate(obj.get("initiatives") or []):
            add(f"{base}/initiatives/{k}", ini)
    for i, kpi in enumerate(data.get("kpis") or []):
        add(f"/kpis/{i}/name", kpi.get("name"))
        add(f"/kpis/{i}/target", kpi.get("target"))
    return out
