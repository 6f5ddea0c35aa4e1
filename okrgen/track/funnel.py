"""The sales–marketing funnel: from a revenue target to the leads, MQLs, SQLs and SALs it needs.

Marketing and sales share one funnel (lead → MQL → SQL → SAL → [proposal] → won). Knowing the
conversion rates between its stages and the sales plan, the volume each stage must deliver — and
the people each role needs — follows by arithmetic. The catalog templates call these functions from
their `derive:` expressions, so a generated plan is consistent with the funnel by construction, and
`okrgen funnel` prints the same numbers as a table.

Rounding (the one choice that changes numbers): `backward` rounds UP at every stage, starting from
the previous stage's rounded value: deals = ceil(revenue / deal size), SAL = ceil(deals / sal_to_won),
and so on to the top. You cannot plan 0.3 of a lead, and rounding up at each step guarantees that
running the funnel forwards from the result reaches at least the revenue target (rounding only once,
at the top, could leave a lower stage a fraction short). Per-month figures are ceil(total / months),
so three months of the per-month figure can exceed the period total by up to two units: it is a pace
to hold, not a split of the total.

`forward` does not round: from a lead volume it gives the expected number at each stage and the
expected revenue, which may be fractional (0.6 expected deals is a fact worth seeing).

All arithmetic is exact (fractions.Fraction built from the decimal text of each number), so 3 MQLs at
lead_to_mql 0.3 need exactly 10 leads, not 11 from 10.000000000000002.

The stages, role capacities and table labels are data (`okrgen/data/funnel.yaml`); a company can
pass its own stages file.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.numbers import MAX_FIGURE
from okrgen.resources import data_file

DATA_FILE = data_file("funnel.yaml")
from okrgen.i18n import pick  # noqa: E402 - the one list of languages

PER_MONTHS = {"month": 1, "quarter": 3, "year": 12}
SOURCES = ("", "inbound", "outbound")

# The company's funnel (okrgen.toml [funnel]) while a plan is filled from a template: the
# templates are written for the glossary's stages, and `okrgen new` makes them follow the
# company's merges and names through this (see `company`).
_COMPANY: contextvars.ContextVar = contextvars.ContextVar("okrgen_company_funnel", default=None)


class FunnelError(OkrgenError):
    """A bad funnel input. `field` names the input ("revenue", "rates/sal_to_won", "capacity/sdr"),
    so a caller that read the inputs from a file can point at the line that holds it."""

    def __init__(self, message: str, field: str = "", hint: str = ""):
        super().__init__(message, hint=hint)
        self.field = field


# --------------------------------------------------------------------------------------------------
# The funnel definition (stages, roles, labels) — data


@dataclass(frozen=True)
class Stage:
    """One stage of the glossary: its short name, full name, definition and who moves a lead in."""

    id: str
    name: Mapping[str, str]
    help: Mapping[str, str] = field(default_factory=dict)
    optional: bool = False
    full: Mapping[str, str] = field(default_factory=dict)
    who: Mapping[str, str] = field(default_factory=dict)
    not_with: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()  # ids of stages merged into this one (okrgen.toml [funnel] merge)

    def label(self, lang: str = "en") -> str:
        return _tr(self.name, lang) or self.id


@dataclass(frozen=True)
class Role:
    """A role sized on the one stage it works; `source` splits a stage shared by inbound and outbound."""

    id: str
    stage: str
    per: str  # month | quarter | year
    capacity: float
    name: Mapping[str, str] = field(default_factory=dict)
    unit: Mapping[str, str] = field(default_factory=dict)
    source: str = ""  # "" (all of the stage) | inbound | outbound
    means: Mapping[str, str] = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        return _tr(self.name, lang) or self.id


@dataclass(frozen=True)
class FunnelSpec:
    """The stages from the top of the funnel to the won deal, the roles, and the table labels."""

    stages: tuple[Stage, ...]
    roles: Mapping[str, Role]
    labels: Mapping[str, Mapping[str, str]]
    source: str = ""

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise FunnelError(
            f"unknown funnel stage {stage_id!r}; the stages are {', '.join(s.id for s in self.stages)}",
            field="stage",
        )

    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def all_rate_names(self) -> list[str]:
        """Every rate name some choice of optional stages can use, top to bottom."""
        names: list[str] = []
        for i, a in enumerate(self.stages):
            for b in self.stages[i + 1 :]:
                names.append(rate_name(a.id, b.id))
                if not b.optional:
                    break
        return names

    def chain(self, rate_names: Iterable[str]) -> tuple[Stage, ...]:
        """The stages in play: every required stage, plus the optional ones a given rate names."""
        given = set(rate_names)
        named = set()
        for name in given:
            for s in self.stages:
                if name.startswith(s.id + "_to_") or name.endswith("_to_" + s.id):
                    named.add(s.id)
        return tuple(s for s in self.stages if not s.optional or s.id in named)

    def label(self, key: str, lang: str = "en") -> str:
        return _tr(self.labels.get(key, {}), lang) or key

    def canonical_stage(self, stage_id: str) -> str:
        """The stage an id stands for here: a stage merged into another (SAL into SQL) is that one."""
        for s in self.stages:
            if stage_id == s.id or stage_id in s.aliases:
                return s.id
        return stage_id

    def canonical_rate(self, name: str) -> str:
        """A rate name with merged stages replaced (sal_to_won → sql_to_won when SQL = SAL)."""
        if "_to_" not in name:
            return name
        upper, lower = name.split("_to_", 1)
        return rate_name(self.canonical_stage(upper), self.canonical_stage(lower))


def company_spec(names: Mapping[str, Any] | None = None, merge: Iterable[Iterable[str]] | None = None, base: FunnelSpec | None = None) -> FunnelSpec:
    """The funnel as a company names it: stages renamed, and neighbouring stages merged into one.

    okrgen.toml's [funnel] table feeds this: `merge = [["sql", "sal"]]` for a company where the
    sales manager's acceptance and the move to a proposal are one step (as the seed article says is
    common), `names.sal = "Opportunity"` (or {en = …, ru = …, zh = …}) for its own words. A merged
    stage keeps the first id; rates and roles naming the other follow it (sal_to_won becomes
    sql_to_won), and the rate between the two (sql_to_sal) no longer exists.
    """
    spec = base or default_spec()
    stages = list(spec.stages)
    roles = dict(spec.roles)
    for group in merge or []:
        group = [str(g) for g in group]
        ids = [s.id for s in stages]
        for sid in group:
            if sid not in ids:
                raise FunnelError(f"cannot merge stage {sid!r}: the stages are {', '.join(ids)}", field="merge")
        idx = sorted(ids.index(g) for g in group)
        if len(idx) < 2 or idx != list(range(idx[0], idx[0] + len(idx))):
            raise FunnelError(f"stages {', '.join(group)} are not neighbours; only neighbouring stages can be merged (e.g. sql and sal)", field="merge")
        if stages[idx[-1]].id == stages[-1].id:
            raise FunnelError("the won deal cannot be merged into another stage", field="merge")
        keep = stages[idx[0]]
        gone = [stages[i] for i in idx[1:]]
        joined = {lang: " = ".join(s.label(lang) for s in [keep, *gone]) for lang in keep.name}
        merged = replace(keep, name=joined, aliases=keep.aliases + tuple(g.id for g in gone) + tuple(a for g in gone for a in g.aliases))
        stages = stages[: idx[0]] + [merged] + stages[idx[-1] + 1 :]
        for rid, r in list(roles.items()):
            if r.stage in {g.id for g in gone}:
                roles[rid] = replace(r, stage=keep.id)
    for sid, name in (names or {}).items():
        ids = [s.id for s in stages]
        target = next((i for i, s in enumerate(stages) if sid == s.id or sid in s.aliases), None)
        if target is None:
            raise FunnelError(f"cannot rename stage {sid!r}: the stages are {', '.join(ids)}", field=f"names.{sid}")
        if isinstance(name, str):
            name = {lang: name for lang in stages[target].name}
        if not isinstance(name, Mapping) or not all(isinstance(v, str) and v for v in name.values()):
            raise FunnelError(f"the name of stage {sid!r} must be text, or a table of texts by language", field=f"names.{sid}")
        stages[target] = replace(stages[target], name={**stages[target].name, **name})
    return FunnelSpec(tuple(stages), roles, spec.labels, spec.source)


@contextlib.contextmanager
def company(spec: FunnelSpec | None):
    """While filling a template: its `funnel(...)` targets use the company's funnel (a rate between
    two merged stages counts as 1, since they are one step) and its texts use the company's names."""
    token = _COMPANY.set(spec)
    try:
        yield
    finally:
        _COMPANY.reset(token)


def company_words(text: str, lang: str) -> str:
    """A template's text with the glossary's stage names replaced by the company's (okrgen.toml
    [funnel] names), when a plan is being filled for a company that renamed stages."""
    import re

    spec = _COMPANY.get()
    if spec is None or not text:
        return text
    base = default_spec()
    for stage in spec.stages:
        for sid in (stage.id, *stage.aliases):
            try:
                old = base.stage(sid).label(lang)
            except FunnelError:
                continue
            new = stage.label(lang)
            if stage.aliases or old == new or len(old) > 4:
                continue  # merged stages keep their words (SQL and SAL still say what happens); only short names are swapped
            text = re.sub(rf"(?<![A-Za-z]){re.escape(old)}(?![A-Za-z])", new, text)
    return text


def merged_rate(name: str) -> str | None:
    """The glossary rate a name is about (a key result's metric `sql_to_sal_rate`, a parameter
    `sql_to_sal_pct`) when it converts between two stages the company merged (okrgen.toml [funnel]
    merge), else None. Such a rate is always 100 % here: a plan made for the company leaves it out
    instead of asking for it or setting a target on it."""
    spec = _COMPANY.get()
    if spec is None or "_to_" not in name:
        return None
    base = default_spec()
    for i, a in enumerate(base.stages):
        for b in base.stages[i + 1 :]:
            rate = rate_name(a.id, b.id)
            if (name == rate or name.startswith(rate + "_")) and spec.canonical_stage(a.id) == spec.canonical_stage(b.id):
                return rate
    return None


def rate_out_of_merge(rate: str) -> str | None:
    """The glossary rate that leaves the merged stage a merged rate lies in (sal_to_won for
    sql_to_sal when SQL = SAL): the conversion that now carries the loss the merged one had."""
    spec = _COMPANY.get()
    if spec is None:
        return None
    base = default_spec()
    ids = base.stage_ids()
    lower = rate.partition("_to_")[2]
    merged = spec.canonical_stage(lower)
    last = lower
    for s in base.stages[ids.index(lower) + 1 :] if lower in ids else ():
        if s.optional:
            continue
        if spec.canonical_stage(s.id) == merged:
            last = s.id
            continue
        return rate_name(last, s.id)
    return None


def left_out_note(rates: list[str], lang: str) -> str:
    """The plan's note on key results left out because their rate is between merged stages, so a
    reader who knows the template sees why its SQL → SAL key result is not there."""
    base = default_spec()
    text = (_COMPANY.get() or base).label("merged_left_out", lang)
    lines = []
    for rate in dict.fromkeys(rates):
        upper, _, lower = rate.partition("_to_")
        lines.append(text.format(upper=base.stage(upper).label(lang), lower=base.stage(lower).label(lang)))
    return "\n\n".join(lines)


def rate_name(upper: str, lower: str) -> str:
    return f"{upper}_to_{lower}"


def _tr(text: Mapping[str, str] | str | None, lang: str) -> str:
    if not text:
        return ""
    return pick(text, lang)


_ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")


def _spec_error(message: str, loaded: Any, pointer: str) -> OkrgenError:
    file = getattr(loaded, "file", None)
    line, col = loaded.position(pointer) if loaded is not None else (None, None)
    finding = Finding(code="FUNNEL-STAGES", severity="error", message=message, file=file, line=line, col=col, pointer=pointer)
    return OkrgenError(message, [finding])


def spec_from_data(data: Any, loaded: Any = None, base: FunnelSpec | None = None) -> FunnelSpec:
    """Build a FunnelSpec from parsed YAML, with located errors.

    A company file needs only `stages`. Roles it doesn't define are taken from the defaults when
    their stage exists in its funnel; labels it doesn't define come from the defaults.
    """
    if isinstance(data, list):
        data = {"stages": data}
    if not isinstance(data, dict) or not isinstance(data.get("stages"), list):
        raise _spec_error("a funnel stages file needs a `stages:` list", loaded, "")
    raw_stages = data["stages"]
    if len(raw_stages) < 2:
        raise _spec_error("a funnel needs at least two stages (the top and the won deal)", loaded, "/stages")
    stages: list[Stage] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_stages):
        ptr = f"/stages/{i}"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise _spec_error("each stage needs an `id` (lower-case letters, digits, _)", loaded, ptr)
        sid = raw["id"]
        if not sid or not set(sid) <= _ID_CHARS or "_to_" in sid or sid[0].isdigit():
            raise _spec_error(
                f"stage id {sid!r} must be lower-case letters, digits and _ (not starting with a digit, not containing '_to_')",
                loaded,
                ptr + "/id",
            )
        if sid in seen:
            raise _spec_error(f"stage id {sid!r} appears twice", loaded, ptr + "/id")
        seen.add(sid)
        name = raw.get("name") or {"en": sid}
        if isinstance(name, str):
            name = {"en": name}
        optional = bool(raw.get("optional", False))
        if optional and i in (0, len(raw_stages) - 1):
            raise _spec_error("the first and the last stage cannot be optional", loaded, ptr + "/optional")
        not_with = {k: tuple(v) for k, v in (raw.get("not_with") or {}).items()}
        stages.append(Stage(sid, dict(name), dict(raw.get("help") or {}), optional, dict(raw.get("full") or {}), dict(raw.get("who") or {}), not_with))

    roles: dict[str, Role] = {}
    if base is not None:
        # A default role keeps its stage when the company's funnel has it; the closing role (no
        # inbound/outbound source) otherwise works the stage deals are decided from, the one
        # before the won deal.
        for k, r in base.roles.items():
            if r.stage in seen:
                roles[k] = r
            elif not r.source:
                roles[k] = replace(r, stage=stages[-2].id)
    raw_roles = data.get("roles") or {}
    if not isinstance(raw_roles, dict):
        raise _spec_error("`roles` must be a mapping of role id to {stage, per, capacity}", loaded, "/roles")
    for rid, raw in raw_roles.items():
        ptr = f"/roles/{rid}"
        if not isinstance(raw, dict):
            raise _spec_error(f"role {rid!r} must be a mapping with stage, per and capacity", loaded, ptr)
        if raw.get("stage") not in seen:
            raise _spec_error(
                f"role {rid!r}: stage {raw.get('stage')!r} is not a stage of this funnel ({', '.join(s.id for s in stages)})",
                loaded,
                ptr + "/stage",
            )
        if raw.get("per") not in PER_MONTHS:
            raise _spec_error(f"role {rid!r}: per must be one of {', '.join(PER_MONTHS)}", loaded, ptr + "/per")
        cap = raw.get("capacity")
        if isinstance(cap, bool) or not isinstance(cap, (int, float)) or not cap > 0:
            raise _spec_error(f"role {rid!r}: capacity must be a number greater than 0", loaded, ptr + "/capacity")
        if raw.get("source", "") not in SOURCES:
            raise _spec_error(f"role {rid!r}: source must be one of inbound, outbound (or left out)", loaded, ptr + "/source")
        name = raw.get("name") or {"en": rid}
        roles[rid] = Role(
            str(rid),
            raw["stage"],
            raw["per"],
            cap,
            dict(name) if isinstance(name, dict) else {"en": str(name)},
            dict(raw.get("unit") or {}),
            raw.get("source", ""),
            dict(raw.get("means") or {}),
        )
    labels = dict(base.labels) if base is not None else {}
    labels.update(data.get("labels") or {})
    return FunnelSpec(tuple(stages), roles, labels, getattr(loaded, "file", "") or "")


@lru_cache(maxsize=1)
def default_spec() -> FunnelSpec:
    """Ours, checked by the tests, so read without positions (they only serve error messages)."""
    from okrgen.plan.yamlload import Loaded
    from okrgen.resources import load_data

    return spec_from_data(load_data("funnel.yaml"), Loaded(data=None, file=str(DATA_FILE)))


def load_spec(path: str | os.PathLike) -> FunnelSpec:
    """A company's own stages file (same shape as okrgen/data/funnel.yaml)."""
    from okrgen.plan.yamlload import load

    loaded = load(path)
    return spec_from_data(loaded.data, loaded, base=default_spec())


def _resolve_spec(stages: Any) -> FunnelSpec:
    if stages is None:
        return default_spec()
    if isinstance(stages, FunnelSpec):
        return stages
    if isinstance(stages, (str, os.PathLike)):
        return load_spec(stages)
    if isinstance(stages, (list, dict)):
        return spec_from_data(stages, base=default_spec())
    raise FunnelError(f"stages must be a stages file path or a list of stages, got {type(stages).__name__}")


# --------------------------------------------------------------------------------------------------
# Numbers in


def _exact(value: Any, what: str, field_name: str) -> Fraction:
    """A number as an exact fraction of its decimal text (0.3 → 3/10); refuses text, bools, NaN."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Fraction, Decimal)):
        raise FunnelError(f"{what} must be a number, got {value!r}", field=field_name)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FunnelError(f"{what} must be a finite number, got {value!r}", field=field_name)
        return Fraction(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise FunnelError(f"{what} must be a finite number, got {value!r}", field=field_name)
    return Fraction(value)


def _positive(value: Any, what: str, field_name: str) -> Fraction:
    x = _exact(value, what, field_name)
    if x <= 0:
        raise FunnelError(f"{what} must be greater than 0, got {_show(x)}", field=field_name)
    if x > MAX_FIGURE:
        raise FunnelError(f"{what} must be at most 10^15, got {_show(x)}", field=field_name)
    return x


def _within_reach(volumes: Mapping[str, int]) -> None:
    """A stage volume past 10^15 comes from rates or a deal size that cannot be meant."""
    for sid, n in volumes.items():
        if n > MAX_FIGURE:
            raise FunnelError(
                f"the funnel would need {_show(n)} at stage '{sid}', more than 10^15",
                hint="Check the conversion rates (0.25 means 25%) and the deal size.",
            )


def _show(x: Fraction | float | int) -> str:
    x = Fraction(x)
    return str(x.numerator) if x.denominator == 1 else repr(float(x))


def _check_rates(spec: FunnelSpec, rates: Mapping[str, Any], top: str | None = None) -> tuple[tuple[Stage, ...], dict[str, Fraction]]:
    """Validate rate names and values against the funnel; return the stage chain and exact rates.

    With `top`, the chain starts at that stage: only the rates below it are needed (an SQL target
    needs sql_to_sal and sal_to_won, not lead_to_mql); rates above it may be given and are checked.
    """
    if not isinstance(rates, Mapping):
        raise FunnelError("rates must be a mapping of rate name to conversion rate", field="rates")
    if any(s.aliases for s in spec.stages):
        renamed = {}
        for name, value in rates.items():
            canon = spec.canonical_rate(name)
            upper, _, lower = canon.partition("_to_")
            if upper == lower:
                raise FunnelError(
                    f"conversion rate {name}: {upper} and the stage it converts to are one stage in this funnel (okrgen.toml [funnel] merge); leave the rate out",
                    field=f"rates/{name}",
                )
            renamed[canon] = value
        rates = renamed
    if top is not None:
        top = spec.canonical_stage(top)
    valid = spec.all_rate_names()
    for name in rates:
        if name not in valid:
            raise FunnelError(
                f"unknown conversion rate {name!r}; this funnel's rates are {', '.join(valid)}",
                field="rates",
                hint="A rate is named <from stage>_to_<next stage>; "
                f"the stages are {' → '.join(spec.stage_ids())} (optional stages: "
                f"{', '.join(s.id for s in spec.stages if s.optional) or 'none'}).",
            )
    chain = spec.chain(rates)
    needed = [rate_name(a.id, b.id) for a, b in zip(chain, chain[1:])]
    extra = [n for n in rates if n not in needed]
    if top is not None:
        spec.stage(top)  # unknown stage → error listing the stages
        ids = [s.id for s in chain]
        if top not in ids:
            raise FunnelError(
                f"stage {top!r} is not in this funnel ({' → '.join(ids)}); give the rates that name it to include it",
                field="stage",
            )
        chain = chain[ids.index(top) :]
        needed = [rate_name(a.id, b.id) for a, b in zip(chain, chain[1:])]
    if extra:
        raise FunnelError(
            f"conversion rate(s) {', '.join(extra)} do not fit the funnel {' → '.join(s.id for s in chain)}, which takes {', '.join(needed)}",
            field=f"rates/{extra[0]}",
            hint="An optional stage is in play when a rate names it; then the rate that skips it is not used.",
        )
    exact: dict[str, Fraction] = {}
    for name in [n for n in rates if n not in extra]:
        value = rates[name]
        r = _exact(value, f"conversion rate {name}", f"rates/{name}")
        if not 0 < r <= 1:
            why = (
                "with a zero rate no volume reaches the next stage"
                if r == 0
                else "write it as a fraction of 1, e.g. 0.25 for 25%"
                if r > 1
                else "a rate cannot be negative"
            )
            raise FunnelError(f"conversion rate {name} = {_show(r)} is outside (0, 1]: {why}", field=f"rates/{name}")
        exact[name] = r
    missing = [n for n in needed if n not in rates]
    if missing:
        stop = chain[needed.index(missing[-1]) + 1].id  # the stage below the last missing rate
        raise FunnelError(
            f"missing conversion rate(s) {', '.join(missing)}; the funnel {' → '.join(s.id for s in chain)} needs {', '.join(needed)}",
            field="rates",
            hint=f"Give them, or stop where your rates start: --to {stop}.",
        )
    return chain, exact


def _months(months: Any) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise FunnelError(f"months must be a whole number of at least 1, got {months!r}", field="period")
    return months


# --------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class StageRow:
    stage: str
    total: float  # an int for backward results
    per_month: float
    rate: float | None  # conversion from this stage into the next, None for the last stage
    rate_name: str | None

    def to_dict(self) -> dict:
        return {
            "stage": self.stage,
            "total": self.total,
            "per_month": self.per_month,
            "rate_to_next": self.rate,
            "rate_name": self.rate_name,
        }


@dataclass(frozen=True)
class FunnelResult:
    """Volumes per stage, top of the funnel first; index by stage id: result["mql"]."""

    kind: str  # "backward" (from a revenue target) | "forward" (from a lead volume)
    revenue: float  # the target (backward) or the expected revenue (forward)
    deal_size: float
    months: int
    rows: tuple[StageRow, ...]
    spec: FunnelSpec = field(repr=False, compare=False)
    exact: Mapping[str, Fraction] = field(repr=False, compare=False, default_factory=dict)

    def __getitem__(self, stage: str) -> float:
        return self.row(stage).total

    def row(self, stage: str) -> StageRow:
        stage = self.spec.canonical_stage(stage)
        for r in self.rows:
            if r.stage == stage:
                return r
        self.spec.stage(stage)  # unknown stage → FunnelError listing the stages
        raise FunnelError(
            f"stage {stage!r} is not in this funnel ({' → '.join(r.stage for r in self.rows)}); give the rates that name it to include it",
            field="stage",
        )

    def per_month(self, stage: str) -> float:
        return self.row(stage).per_month

    @property
    def rates(self) -> dict[str, float]:
        return {r.rate_name: r.rate for r in self.rows if r.rate_name}

    def to_dict(self, lang: str = "en") -> dict:
        return {
            "kind": self.kind,
            "revenue": self.revenue,
            "deal_size": self.deal_size,
            "months": self.months,
            "rates": self.rates,
            "stages": [dict(r.to_dict(), name=self.spec.stage(r.stage).label(lang)) for r in self.rows],
        }


def _number(x: Fraction) -> float | int:
    return x.numerator if x.denominator == 1 else float(x)


def _ceil(x: Fraction) -> int:
    return -((-x.numerator) // x.denominator)


def _rows(chain, exact_rates, total, per_month) -> tuple:
    """One StageRow per stage: volume, per month, and the rate into the next stage."""
    rows = []
    for i, stage in enumerate(chain):
        nxt = chain[i + 1] if i + 1 < len(chain) else None
        rname = rate_name(stage.id, nxt.id) if nxt else None
        rows.append(StageRow(stage.id, total(stage.id), per_month(stage.id), float(exact_rates[rname]) if rname else None, rname))
    return tuple(rows)


def backward(
    revenue: float,
    deal_size: float,
    rates: Mapping[str, float],
    *,
    months: int = 3,
    stages: Any = None,
    top: str | None = None,
) -> FunnelResult:
    """Volumes each stage must deliver for a revenue target, rounded up stage by stage.

    backward(3_500_000, 25_000, {"sal_to_won": 0.25, "sql_to_sal": 0.8, "mql_to_sql": 0.4,
    "lead_to_mql": 0.3})["lead"] == 5834 (140 deals ← 560 SAL ← 700 SQL ← 1750 MQL ← 5833.3 leads).
    With `top="sql"` the result stops at SQL and needs only the rates below it.
    """
    spec = _resolve_spec(stages)
    rev = _positive(revenue, "revenue", "revenue")
    size = _positive(deal_size, "deal size", "deal_size")
    m = _months(months)
    chain, exact_rates = _check_rates(spec, rates, top)
    volumes: dict[str, int] = {chain[-1].id: _ceil(rev / size)}
    for upper, lower in zip(reversed(chain[:-1]), reversed(chain[1:])):
        volumes[upper.id] = _ceil(volumes[lower.id] / exact_rates[rate_name(upper.id, lower.id)])
    _within_reach(volumes)
    rows = _rows(chain, exact_rates, lambda sid: volumes[sid], lambda sid: _ceil(Fraction(volumes[sid], m)))
    return FunnelResult("backward", _number(rev), _number(size), m, tuple(rows), spec, {k: Fraction(v) for k, v in volumes.items()})


def forward(leads: float, deal_size: float, rates: Mapping[str, float], *, months: int = 3, stages: Any = None) -> FunnelResult:
    """Expected volume at each stage and expected revenue from a lead volume (no rounding)."""
    spec = _resolve_spec(stages)
    top = _exact(leads, "lead volume", "leads")
    if top < 0:
        raise FunnelError(f"lead volume must be 0 or more, got {_show(top)}", field="leads")
    size = _positive(deal_size, "deal size", "deal_size")
    m = _months(months)
    chain, exact_rates = _check_rates(spec, rates)
    volumes: dict[str, Fraction] = {chain[0].id: top}
    for upper, lower in zip(chain, chain[1:]):
        volumes[lower.id] = volumes[upper.id] * exact_rates[rate_name(upper.id, lower.id)]
    rows = _rows(chain, exact_rates, lambda sid: _number(volumes[sid]), lambda sid: _number(volumes[sid] / m))
    revenue = volumes[chain[-1].id] * size
    return FunnelResult("forward", _number(revenue), _number(size), m, tuple(rows), spec, volumes)


# --------------------------------------------------------------------------------------------------
# Headcount


@dataclass(frozen=True)
class Staffing:
    role: str
    stage: str
    per: str
    capacity: float  # per person per `per`
    volume: float  # the part of the stage's volume for the period this role works
    capacity_for_period: float  # one person, over the result's months
    people: int  # rounded up
    source: str = ""  # inbound | outbound | "" (the whole stage)
    share: float = 1.0  # the role's share of the stage's volume

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def staffing(result: FunnelResult, capacities: Mapping[str, Any] | Iterable[str], outbound_share: Any = None) -> list[Staffing]:
    """People each role needs for the result's volumes, each role sized on its own stage once.

    Inbound SDRs work the MQLs that came in, outbound BDRs the leads they source themselves, account
    executives the SALs they carry to a decision: counting SDRs on all MQLs and BDRs on all SQLs
    would size the same leads twice. `outbound_share` (0–1) is the part of the top-of-funnel volume
    BDRs source; inbound roles take the rest. An outbound role needs it; without it inbound roles
    take the whole stage.

    capacities maps a role id to what one person handles per the role's `per` (month or quarter);
    None (or a bare list of role ids) takes the default capacity from the funnel data.
    people = ceil(the role's volume for the period / (capacity × months / months per `per`)).
    """
    spec = result.spec
    if not isinstance(capacities, Mapping):
        capacities = {r: None for r in capacities}
    share_out = Fraction(0)
    if outbound_share is not None:
        share_out = _exact(outbound_share, "outbound share", "outbound_share")
        if not 0 <= share_out <= 1:
            raise FunnelError(
                f"outbound share must be between 0 and 1, got {_show(share_out)}",
                field="outbound_share",
                hint="0.3 (or 30%) means BDRs source 30% of the leads.",
            )
    rows = []
    for role_id, cap in capacities.items():
        role = spec.roles.get(role_id)
        if role is None:
            raise FunnelError(
                f"unknown role {role_id!r}; the roles are {', '.join(spec.roles) or 'none'}",
                field=f"capacity/{role_id}",
                hint="A company's stages file can define its own roles under `roles:`.",
            )
        if role.source == "outbound" and outbound_share is None:
            raise FunnelError(
                f"role {role_id!r} works the leads it sources itself: give the share of leads that are outbound, e.g. --outbound-share 30%",
                field="outbound_share",
            )
        capacity = Fraction(repr(role.capacity)) if cap is None else _positive(cap, f"capacity of {role_id}", f"capacity/{role_id}")
        stage_row = result.row(role.stage)
        whole = result.exact.get(role.stage, Fraction(repr(stage_row.total)))
        share = {"inbound": 1 - share_out, "outbound": share_out}.get(role.source, Fraction(1))
        volume = whole * share
        if result.kind == "backward":
            volume = Fraction(_ceil(volume))  # whole leads, as the stage volumes are
        per_period = capacity * result.months / PER_MONTHS[role.per]
        rows.append(
            Staffing(
                role_id,
                role.stage,
                role.per,
                _number(capacity),
                _number(volume),
                _number(per_period),
                _ceil(volume / per_period),
                role.source,
                _number(share),
            )
        )
    return rows


def headcount(result: FunnelResult, capacities: Mapping[str, Any] | Iterable[str], outbound_share: Any = None) -> dict[str, int]:
    """{role: people needed}, e.g. headcount(r, {"sdr": 120, "account_executive": 45})."""
    return {s.role: s.people for s in staffing(result, capacities, outbound_share)}


# --------------------------------------------------------------------------------------------------
# One-number helpers for template `derive:` expressions


def _for_template(stages: Any, rates: Mapping[str, Any]) -> tuple[Any, dict]:
    """The company's funnel while a template is filled: rates between merged stages drop out."""
    spec = _COMPANY.get()
    if stages is not None or spec is None:
        return stages, dict(rates)
    kept = {}
    for name, value in rates.items():
        upper, _, lower = spec.canonical_rate(name).partition("_to_")
        if upper != lower:
            kept[name] = value
    return spec, kept


def required(stage: str, revenue: float, deal_size: float, *, stages: Any = None, **rates: float) -> int:
    """Volume of one stage needed for the period: required("mql", 3500000, 25000, sal_to_won=0.25, …).

    Only the rates from `stage` down to the deal are needed: required("sql", r, d, sql_to_sal=0.8,
    sal_to_won=0.25).
    """
    stages, rates = _for_template(stages, rates)
    return backward(revenue, deal_size, rates, months=1, stages=stages, top=stage)[stage]


def required_per_month(stage: str, revenue: float, deal_size: float, months: int, *, stages: Any = None, **rates: float) -> int:
    """The per-month pace of one stage for a period of `months` months (rounded up)."""
    stages, rates = _for_template(stages, rates)
    return backward(revenue, deal_size, rates, months=months, stages=stages, top=stage).per_month(stage)


def expected_revenue(leads: float, deal_size: float, *, stages: Any = None, **rates: float) -> float:
    """Revenue expected from a lead volume at the given rates (not rounded)."""
    return forward(leads, deal_size, rates, months=1, stages=stages).revenue


def people_needed(
    role: str,
    revenue: float,
    deal_size: float,
    *,
    months: int = 3,
    capacity: float | None = None,
    outbound_share: float | None = None,
    stages: Any = None,
    **rates: float,
) -> int:
    """People one role needs to carry its stage for a revenue target over `months` months."""
    result = backward(revenue, deal_size, rates, months=months, stages=stages)
    return headcount(result, {role: capacity}, outbound_share)[role]


def roles_named(text: str, spec: FunnelSpec | None = None) -> list[Role]:
    """The funnel roles a text names by their short name ("SDR", "BDR"), for `list` and `show` to
    explain: SDR and BDR are easy to mix up and mean different work (inbound vs outbound)."""
    import re

    spec = spec or default_spec()
    out = []
    for role in spec.roles.values():
        short = role.id.upper()
        if len(short) <= 4 and re.search(rf"(?<![A-Za-z]){short}(?![A-Za-z])", text, flags=re.I):
            out.append(role)
    return out


def template_functions() -> dict[str, Any]:
    """The functions the template filler exposes to `derive:` expressions (pure, numbers in/out)."""
    from okrgen.period import months as period_months

    return {
        "funnel_required": required,
        "funnel_required_per_month": required_per_month,
        "funnel_expected_revenue": expected_revenue,
        "funnel_people_needed": people_needed,
        "period_months": period_months,
    }
