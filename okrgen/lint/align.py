"""Plans that agree with each other: the ALIGN rules of `okrgen lint --together`.

Marketing and sales plan separately but share one funnel. This module links the key results of
several plans by their `metric` (the vocabulary in okrgen/data/metrics.yaml), and reports, as
Findings with the numbers:

- ALIGN-001 an upstream target (leads, MQLs, SQLs…) too low for a downstream target (revenue,
  deals, SALs…) at the conversion rates the plans state — worked out with okrgen.track.funnel's
  arithmetic (round up at every stage);
- ALIGN-002 two plans with different targets for the same shared metric;
- ALIGN-003 plans whose periods differ (their targets are then not compared);
- ALIGN-004 a pair that could not be compared because a rate or the deal size is not stated.

Rates and the deal size come from KRs with rate / deal_size metrics (their target) and from each
plan's `source.answers` (keys such as `mql_to_sql`, `mql_to_sql_rate`, `win_rate`, `deal_size`).
When several plans state one, the downstream plan's own figure wins, then the upstream plan's, then
any other's: the team that owns the target states the assumptions behind it. A rate above 1, or
with unit "%", is a percentage (40 → 0.4).

Rule texts (message, fix, docs) are data: okrgen/lint/rules_align.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from okrgen.finding import Finding
from okrgen.resources import data_file

RULES_FILE = Path(__file__).parent / "rules_align.yaml"
METRICS_FILE = data_file("metrics.yaml")
from okrgen.i18n import LANGS, pick  # noqa: E402 - the one list of languages

DEAL_SIZE_KEYS = ("deal_size", "average_deal_size", "avg_deal_size")


@lru_cache(maxsize=1)
def rules() -> dict[str, dict]:
    """code → rule document (the shape `okrgen rules ALIGN-001` shows)."""
    from okrgen.plan.yamlload import load

    return {r["code"]: r for r in load(RULES_FILE).data["rules"]}


@lru_cache(maxsize=1)
def metrics() -> dict[str, dict]:
    """metric id → definition, with `id` filled in."""
    from okrgen.plan.yamlload import load

    return {k: dict(v, id=k) for k, v in load(METRICS_FILE).data["metrics"].items()}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    out = {}
    for mid, m in metrics().items():
        out[mid] = mid
        for a in m.get("aliases") or []:
            out[a] = mid
    return out


def canonical_metric(name: Any) -> str | None:
    """The vocabulary id for a metric name or alias ("sqls" → "sql"), None for a team's own metric."""
    if not isinstance(name, str):
        return None
    return _aliases().get(name.strip().lower().replace("-", "_").replace(" ", "_"))


def _tr(text: Any, lang: str) -> str:
    return str(pick(text, lang))


# --------------------------------------------------------------------------------------------------
# What each plan says


@dataclass
class _KR:
    plan: int
    file: str
    pointer: str  # of the target
    line: int | None
    col: int | None
    kr_id: str
    metric: str  # canonical
    target: Fraction
    direction: str | None
    unit: str | None
    kind: str | None = None


@dataclass
class _Plan:
    index: int
    loaded: Any
    file: str
    lang: str
    period: Any  # okrgen.period.Period | None
    currency: str | None
    krs: list[_KR]
    rates: dict[tuple[str, str], tuple[Fraction, str]]  # (from, to) → (rate, where stated)
    deal_size: tuple[Fraction, str] | None


def _exact(value: Any) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return Fraction(repr(value))
    return Fraction(value)


def _as_rate(value: Fraction, unit: str | None) -> Fraction:
    if (unit or "").strip() in ("%", "percent", "pct") or value > 1:
        return value / 100
    return value


def _where(plan_file: str, loaded: Any, pointer: str) -> str:
    line, col = loaded.position(pointer)
    return f"{plan_file}:{line}" if line else plan_file


def _rate_key(m: dict, spec: Any) -> tuple[str, str] | None:
    """A rate metric's (from, to) in the company's funnel; None when a merge made it one stage."""
    key = (spec.canonical_stage(m["from"]), spec.canonical_stage(m["to"]))
    return None if key[0] == key[1] else key


def _read_plan(index: int, loaded: Any, spec: Any = None) -> _Plan:
    from okrgen.errors import OkrgenError
    from okrgen.period import parse_period

    data = loaded.data if isinstance(loaded.data, dict) else {}
    file = loaded.file
    try:
        period = parse_period(data["period"]) if data.get("period") is not None else None
    except OkrgenError:
        period = None  # an invalid period is the plan check's finding, not ours
    plan = _Plan(index, loaded, file, data.get("lang") if data.get("lang") in LANGS else "en", period, data.get("currency"), [], {}, None)
    answers = ((data.get("source") or {}).get("answers") or {}) if isinstance(data.get("source"), dict) else {}
    if isinstance(answers, dict):
        for key, value in answers.items():
            x = _exact(value)
            if x is None or x <= 0:
                continue
            k = str(key)
            if k in DEAL_SIZE_KEYS and plan.deal_size is None:
                plan.deal_size = (x, _where(file, loaded, f"/source/answers/{k}"))
                continue
            # templates ask for rates in percent points: sql_to_sal_pct: 80 is 80 %
            bare = k.removesuffix("_pct").removesuffix("_percent")
            mid = canonical_metric(bare) or canonical_metric(bare + "_rate")
            m = metrics().get(mid or "")
            if m and m["kind"] == "rate" and (key := _rate_key(m, spec or _spec())):
                rate = x / 100 if bare != k else _as_rate(x, None)
                plan.rates.setdefault(key, (rate, _where(file, loaded, f"/source/answers/{k}")))
    for i, obj in enumerate(data.get("objectives") or []):
        if not isinstance(obj, dict):
            continue
        for j, kr in enumerate(obj.get("key_results") or []):
            if not isinstance(kr, dict):
                continue
            mid = canonical_metric(kr.get("metric"))
            target = _exact(kr.get("target"))
            if mid is None or target is None:
                continue
            ptr = f"/objectives/{i}/key_results/{j}/target"
            line, col = loaded.position(ptr)
            m = metrics()[mid]
            ref = _KR(index, file, ptr, line, col, str(kr.get("id") or f"KR at line {line}"), mid, target, kr.get("direction"), kr.get("unit"), kr.get("kind"))
            plan.krs.append(ref)
            if m["kind"] == "rate" and target > 0 and (key := _rate_key(m, spec or _spec())):
                # a KR's rate is stated by the KR; it wins over answers of the same plan
                plan.rates[key] = (_as_rate(target, ref.unit), f"{file}:{line}")
            elif m.get("role") == "deal_size" and target > 0:
                plan.deal_size = (target, f"{file}:{line}")
    return plan


# --------------------------------------------------------------------------------------------------
# Funnel arithmetic over stated rates


def _spec(spec: Any = None) -> Any:
    """The funnel the plans are read against: the company's (okrgen.toml [funnel]) or the glossary's."""
    if spec is not None:
        return spec
    from okrgen.track.funnel import default_spec

    return default_spec()


def _stage_order(spec: Any = None) -> list[str]:
    return _spec(spec).stage_ids()


def _rate_path(start: str, end: str, rate_sources: list[dict], spec: Any = None) -> tuple[list[tuple[str, str, Fraction, str]], list[str]]:
    """Segments (from, to, rate, where stated) tiling start → end, or the missing neighbour rates.

    The sources come in order of preference: the downstream plan's, the upstream plan's, then the
    others'. The team that owns a target owns the assumptions behind it, so the tiling chosen leans
    on the most preferred sources for as much of the span as it can (each segment costs its
    source's rank times the stages it spans): a plan that counts its win rate from SQL keeps its own
    SQL → won rate rather than another plan's SQL → SAL and SAL → won. Between equally preferred
    tilings the finer one (neighbour rates) wins. Optional stages (proposal) are skipped when no
    rate names them.
    """
    order = _stage_order(spec)
    i0, i1 = order.index(start), order.index(end)
    known: dict[tuple[str, str], tuple[Fraction, str, int]] = {}
    for rank, src in enumerate(rate_sources):
        for key, (rate, where) in src.items():
            known.setdefault(key, (rate, where, rank))  # an earlier source wins a rate stated twice
    # best[j] = (cost, -segments, path) to reach stage j
    best: dict[int, tuple[int, int, list[tuple[str, str, Fraction, str]]]] = {i0: (0, 0, [])}
    for i in range(i0, i1):
        if i not in best:
            continue
        cost, neg, path = best[i]
        for j in range(i + 1, i1 + 1):
            key = (order[i], order[j])
            if key in known:
                rate, where, rank = known[key]
                cand = (cost + rank * (j - i), neg - 1, path + [(order[i], order[j], rate, where)])
                if j not in best or cand[:2] < best[j][:2]:
                    best[j] = cand
    if i1 in best:
        return best[i1][2], []
    spec = _spec(spec)
    main = [s for s in order[i0 : i1 + 1] if not spec.stage(s).optional]
    missing = [f"{a}_to_{b}" for a, b in zip(main, main[1:]) if (a, b) not in known]
    return [], missing or [f"{start}_to_{end}"]


def _ceil(x: Fraction) -> int:
    return -((-x.numerator) // x.denominator)


# --------------------------------------------------------------------------------------------------
# Messages


def _fmt_num(x: Fraction | int | float, lang: str) -> str:
    from babel.numbers import format_decimal

    v = Fraction(x)
    value = v.numerator if v.denominator == 1 else round(float(v), 4)
    return format_decimal(value, locale=lang)


def _fmt_pct(x: Fraction, lang: str) -> str:
    from babel.numbers import format_percent

    return format_percent(float(x), format="#,##0.##%", locale=lang)


def _metric_name(mid: str, lang: str) -> str:
    return _tr(metrics()[mid].get("name"), lang) or mid


def _value(kr: _KR, lang: str) -> str:
    if metrics()[kr.metric]["kind"] == "rate":
        return _fmt_pct(_as_rate(kr.target, kr.unit), lang)
    return _fmt_num(kr.target, lang)


def _finding(code: str, lang: str, file: str, line, col, pointer: str, extra: dict, **params: Any) -> Finding:
    rule = rules()[code]
    return Finding(
        code=code,
        severity=rule["severity"],
        message=_tr(rule["message"], lang).format(**params),
        fix=_tr(rule["fix"], lang).format(**params),
        file=file,
        line=line,
        col=col,
        pointer=pointer,
        lang=lang,
        scope=rule.get("scope", ""),
        extra=extra,
    )


def _other(kr: _KR) -> dict:
    return {"file": kr.file, "line": kr.line, "col": kr.col, "pointer": kr.pointer, "kr": kr.kr_id, "metric": kr.metric, "target": float(kr.target)}


def _other_text(kr: _KR) -> str:
    return f"{kr.file}:{kr.line} {kr.kr_id}" if kr.line else f"{kr.file} {kr.kr_id}"


# --------------------------------------------------------------------------------------------------


def check_together(plans: Iterable[Any], lang: str | None = None, spec: Any = None) -> list[Finding]:
    """Findings about how the given plans (okrgen.plan.yamlload.Loaded, validated) agree.

    Each finding sits on one key result (or plan period) and names the other in its message and in
    `extra["other"]`. `lang` overrides the language of the messages (default: each plan's `lang`).
    """
    spec = _spec(spec)
    read = [_read_plan(i, p, spec) for i, p in enumerate(plans)]
    findings: list[Finding] = []

    # ALIGN-003: periods
    reference = next((p for p in read if p.period is not None), None)
    comparable: set[tuple[int, int]] = set()
    for a in read:
        for b in read:
            if a.period is None or b.period is None or a.period.same_range(b.period):
                comparable.add((a.index, b.index))
    if reference is not None:
        for p in read:
            if p is reference or p.period is None or p.period.same_range(reference.period):
                continue
            L = lang or p.lang
            line, col = p.loaded.position("/period")
            rline, _ = reference.loaded.position("/period")
            other = f"{reference.file}:{rline}" if rline else reference.file
            findings.append(
                _finding(
                    "ALIGN-003",
                    L,
                    p.file,
                    line,
                    col,
                    "/period",
                    {"other": {"file": reference.file, "line": rline, "pointer": "/period", "period": reference.period.label}, "period": p.period.label},
                    period=p.period.label,
                    other_period=reference.period.label,
                    other=other,
                )
            )

    def same_money(a: _Plan, b: _Plan) -> bool:
        return not (a.currency and b.currency and a.currency != b.currency)

    # ALIGN-002: same metric, different targets (first KR per metric per plan)
    def same_thing(kr: _KR) -> str:
        """What a KR measures in the company's funnel: with SQL = SAL merged, SQLs and SALs are one count."""
        m = metrics()[kr.metric]
        return f"count:{spec.canonical_stage(m['stage'])}" if m["kind"] == "count" and "stage" in m else kr.metric

    firsts: dict[str, list[_KR]] = {}
    for p in read:
        seen = set()
        for kr in p.krs:
            if same_thing(kr) not in seen:
                seen.add(same_thing(kr))
                firsts.setdefault(same_thing(kr), []).append(kr)
    for _thing, krs in firsts.items():
        mid = krs[0].metric
        kind = metrics()[mid]["kind"]
        for i, a in enumerate(krs):
            for b in krs[i + 1 :]:
                if (a.plan, b.plan) not in comparable:
                    continue
                if kind == "money" and not same_money(read[a.plan], read[b.plan]):
                    continue
                if a.kind and b.kind and a.kind != b.kind:
                    continue  # a level held and a total counted are not the same target
                if a.direction == "decrease" or b.direction == "decrease":
                    continue  # a ceiling is not a goal to reach
                va = _as_rate(a.target, a.unit) if kind == "rate" else a.target
                vb = _as_rate(b.target, b.unit) if kind == "rate" else b.target
                if va == vb:
                    continue
                L = lang or read[b.plan].lang
                findings.append(
                    _finding(
                        "ALIGN-002",
                        L,
                        b.file,
                        b.line,
                        b.col,
                        b.pointer,
                        {"other": _other(a), "target": float(vb), "other_target": float(va)},
                        metric=_metric_name(mid, L),
                        target=_value(b, L),
                        other_target=_value(a, L),
                        other=_other_text(a),
                    )
                )

    # ALIGN-001 / ALIGN-004: upstream targets against downstream targets
    order = _stage_order(spec)
    all_krs = [kr for p in read for kr in p.krs]
    reported_missing: set[tuple] = set()
    for up in all_krs:
        mu = metrics()[up.metric]
        if mu["kind"] != "count" or up.direction == "decrease":
            continue
        worst = None  # (needed, down, segments, deal size)
        for down in all_krs:
            if down is up or (up.plan, down.plan) not in comparable or down.direction == "decrease":
                continue
            md = metrics()[down.metric]
            if md["kind"] not in ("count", "money") or "stage" not in md:
                continue
            up_stage, down_stage = spec.canonical_stage(mu["stage"]), spec.canonical_stage(md["stage"])
            if up_stage not in order or down_stage not in order or order.index(down_stage) <= order.index(up_stage):
                continue
            pu, pd = read[up.plan], read[down.plan]
            sources = [pd.rates, pu.rates] + [p.rates for p in read if p.index not in (pu.index, pd.index) and (up.plan, p.index) in comparable]
            L = lang or pu.lang
            size = None
            if md["kind"] == "money":
                if not same_money(pu, pd):
                    continue
                size = pd.deal_size or pu.deal_size or next((p.deal_size for p in read if p.deal_size and (up.plan, p.index) in comparable), None)
            segments, missing = _rate_path(up_stage, down_stage, sources, spec)
            if md["kind"] == "money" and size is None:
                missing = ["deal_size"] + missing
            if missing:
                key = (up.pointer, up.file, down.file, down.pointer, tuple(missing))
                if key not in reported_missing:
                    reported_missing.add(key)
                    findings.append(
                        _finding(
                            "ALIGN-004",
                            L,
                            up.file,
                            up.line,
                            up.col,
                            up.pointer,
                            {"other": _other(down), "missing": missing},
                            metric=_metric_name(up.metric, L),
                            target=_value(up, L),
                            other=_other_text(down),
                            other_metric=_metric_name(down.metric, L),
                            other_target=_value(down, L),
                            missing=", ".join(missing),
                            missing_metrics=", ".join(m if m == "deal_size" else f"{m}_rate" for m in missing),
                        )
                    )
                continue
            volume = _ceil(down.target / size[0]) if size else _ceil(down.target)
            for _a, _b, rate, _where_stated in reversed(segments):
                volume = _ceil(volume / rate)
            if worst is None or volume > worst[0]:
                worst = (volume, down, segments, size)
        if worst is None or worst[0] <= up.target:
            continue
        needed, down, segments, size = worst
        L = lang or read[up.plan].lang
        # each assumption with the place it was stated, so nobody applies another team's rates unawares
        parts = [f"{a}_to_{b} {_fmt_pct(r, L)} ({where})" for a, b, r, where in segments]
        if size:
            parts.append(f"{_metric_name('deal_size', L)} {_fmt_num(size[0], L)} ({size[1]})")
        short = needed - up.target
        findings.append(
            _finding(
                "ALIGN-001",
                L,
                up.file,
                up.line,
                up.col,
                up.pointer,
                {
                    "other": _other(down),
                    "needed": needed,
                    "target": float(up.target),
                    "short_by": float(short),
                    "rates": {f"{a}_to_{b}": float(r) for a, b, r, _ in segments},
                    "rate_sources": {f"{a}_to_{b}": where for a, b, _, where in segments},
                    **({"deal_size": float(size[0])} if size else {}),
                },
                metric=_metric_name(up.metric, L),
                target=_value(up, L),
                short=_fmt_num(short, L),
                needed=_fmt_num(needed, L),
                other=_other_text(down),
                other_metric=_metric_name(down.metric, L),
                other_target=_value(down, L),
                assumptions=", ".join(parts),
            )
        )
    from okrgen.finding import sort_key

    return sorted(findings, key=sort_key)
