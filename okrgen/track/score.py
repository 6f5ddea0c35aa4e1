"""Progress scores for key results, objectives and plans (0.0 to 1.0), their bands and trends.

A key result's score is the fraction of the way from baseline to target that `current` has gone:
(current − baseline) / (target − baseline), clamped to [0, 1]. The formula is direction-aware by
itself (a decrease from 14 to 11 with current 12 is 2/3 of the way), so `direction` only matters
where there is no way to go:

- baseline == target (a level to hold): 1.0 if current meets the target, else 0.0. "Meets" is
  current ≥ target for increase and maintain, current ≤ target for decrease — so a "stay below"
  KR is written `direction: decrease` with baseline equal to target.
- no baseline: an increase counts from 0 (14 new clients from none); a decrease or maintain is met
  or not met (1.0 / 0.0), because "how far from an unknown start" has no answer.
- direction "maintain" is always met or not met: current ≥ target, or ≤ target when the baseline
  is above the target (holding a cost or churn level).

Overshoot is clamped to 1.0 (the unclamped value is kept as `raw`). A KR without `current` takes the
value of its latest check-in; with neither, its score is None and it is left out of the means.

An objective's score is the mean of its scored KRs, weighted by `weight` when given (default 1); a
plan's score is the mean of its scored objectives. Bands (okrgen/data/score.yaml): red below 0.4,
amber from 0.4 up to but not including 0.7, green from 0.7 — the usual 0.0–0.3 / 0.4–0.6 / 0.7–1.0
with the gaps closed at the lower bound. Arithmetic is exact (fractions of the decimal text), so a
KR exactly 70% of the way from 0.30 to 0.40 is green, not 0.6999999999999998 amber.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.i18n import pick
from okrgen.plan.ids import id_at
from okrgen.resources import data_file

DATA_FILE = data_file("score.yaml")
DIRECTIONS = ("increase", "decrease", "maintain")


@lru_cache(maxsize=1)
def _data() -> dict:
    from okrgen.plan.yamlload import load

    return load(DATA_FILE).data


def bands() -> list[dict]:
    """[{id, min, name}] from the highest band down."""
    return sorted(_data()["bands"], key=lambda b: -b["min"])


def label(key: str, lang: str = "en") -> str:
    return pick(_data()["labels"].get(key) or {}, lang, key) or key


def band_name(band_id: str | None, lang: str = "en") -> str:
    for b in bands():
        if b["id"] == band_id:
            return pick(b["name"], lang)
    return ""


def band(score: float | Fraction | None) -> str | None:
    """ "red" (s < 0.4), "amber" (0.4 ≤ s < 0.7), "green" (s ≥ 0.7), None for no score."""
    if score is None:
        return None
    s = Fraction(repr(score)) if isinstance(score, float) else Fraction(score)
    for b in bands():
        if s >= Fraction(repr(float(b["min"]))):
            return b["id"]
    return bands()[-1]["id"]


# --------------------------------------------------------------------------------------------------


def _bad(message: str, pointer: str) -> OkrgenError:
    return OkrgenError(message, [Finding(code="SCORE-INPUT", severity="error", message=message, pointer=pointer)])


def _num(value: Any, what: str, pointer: str) -> Fraction | None:
    """A plan number as an exact fraction; None stays None; text that is not a number is an error."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _bad(f"{what} must be a number, got {value!r}", pointer)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _bad(f"{what} must be a finite number, got {value!r}", pointer)
        return Fraction(repr(value))
    if isinstance(value, str):
        try:
            return _num(float(value.strip().replace("_", "")), what, pointer)
        except ValueError:
            pass
    raise _bad(f"{what} must be a number, got {value!r}", pointer)


def resolve_direction(direction: str | None, baseline: Any, target: Any) -> str:
    """The stated direction, or the one baseline → target implies (increase when unknown)."""
    if direction:
        if direction not in DIRECTIONS:
            raise OkrgenError(f"direction must be one of {', '.join(DIRECTIONS)}, got {direction!r}")
        return direction
    if baseline is None or target is None:
        return "increase"
    if target > baseline:
        return "increase"
    if target < baseline:
        return "decrease"
    return "maintain"


def _meets(direction: str, baseline: Fraction | None, target: Fraction, current: Fraction) -> bool:
    if direction == "decrease" or (direction == "maintain" and baseline is not None and baseline > target):
        return current <= target
    return current >= target


def _exact_score(direction: str, baseline: Fraction | None, target: Fraction | None, current: Fraction | None):
    """(clamped, raw) as Fractions, or (None, None) when there is nothing to score."""
    if current is None or target is None:
        return None, None
    if direction == "maintain" or (baseline is None and direction == "decrease") or baseline == target:
        s = Fraction(1) if _meets(direction, baseline, target, current) else Fraction(0)
        return s, s
    start = Fraction(0) if baseline is None else baseline
    if start == target:  # increase to 0 from no baseline
        s = Fraction(1) if _meets(direction, baseline, target, current) else Fraction(0)
        return s, s
    raw = (current - start) / (target - start)
    return min(Fraction(1), max(Fraction(0), raw)), raw


def score_value(baseline: Any, target: Any, current: Any, direction: str | None = None) -> float | None:
    """Score of one KR from plain numbers: score_value(10, 20, 15) == 0.5; None without current."""
    b, t, c = (_num(v, name, "") for v, name in ((baseline, "baseline"), (target, "target"), (current, "current")))
    s, _ = _exact_score(resolve_direction(direction, b, t), b, t, c)
    return None if s is None else float(s)


# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    date: str
    value: float
    score: float | None
    note: str = ""


@dataclass(frozen=True)
class KRScore:
    id: str
    pointer: str
    text: str
    score: float | None
    raw: float | None  # before clamping: 1.4 means 40% past the target
    band: str | None
    direction: str
    baseline: float | None
    target: float | None
    current: float | None
    current_from: str | None  # "current" | "checkin" | None
    weight: float
    trend: tuple[TrendPoint, ...] = ()
    trend_direction: str | None = None  # "improving" | "worsening" | "flat" | None (< 2 check-ins)

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["trend"] = [dict(p.__dict__) for p in self.trend]
        return d


@dataclass(frozen=True)
class ObjectiveScore:
    id: str
    pointer: str
    title: str
    score: float | None
    band: str | None
    key_results: tuple[KRScore, ...]

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["key_results"] = [k.to_dict() for k in self.key_results]
        return d


@dataclass(frozen=True)
class PlanScore:
    title: str
    score: float | None
    band: str | None
    objectives: tuple[ObjectiveScore, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "score": self.score,
            "band": self.band,
            "objectives": [o.to_dict() for o in self.objectives],
        }

    def key_results(self) -> list[KRScore]:
        return [k for o in self.objectives for k in o.key_results]


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _text(value: Any, lang: str = "en") -> str:
    return str(pick(value, lang))


def score_kr(kr: Mapping[str, Any], pointer: str = "") -> KRScore:
    """Score one key result mapping from a plan (baseline, target, current, direction, checkins)."""
    baseline = _num(kr.get("baseline"), "baseline", pointer + "/baseline")
    target = _num(kr.get("target"), "target", pointer + "/target")
    direction = kr.get("direction")
    if direction is not None and direction not in DIRECTIONS:
        raise _bad(f"direction must be one of {', '.join(DIRECTIONS)}, got {direction!r}", pointer + "/direction")
    direction = resolve_direction(direction, baseline, target)
    weight = _num(kr.get("weight", 1), "weight", pointer + "/weight")
    if weight is None:
        weight = Fraction(1)
    if weight < 0:
        raise _bad(f"weight must be 0 or more, got {float(weight):g}", pointer + "/weight")

    checkins = kr.get("checkins") or []
    if not isinstance(checkins, list):
        raise _bad("checkins must be a list of {date, value, note}", pointer + "/checkins")
    points: list[tuple[str, int, Fraction, str]] = []
    for i, c in enumerate(checkins):
        cp = f"{pointer}/checkins/{i}"
        if not isinstance(c, Mapping):
            raise _bad("a check-in is a mapping {date, value, note}", cp)
        value = _num(c.get("value"), "check-in value", cp + "/value")
        if value is None:
            continue
        points.append((str(c.get("date") or ""), i, value, _text(c.get("note"))))
    points.sort(key=lambda p: (p[0], p[1]))  # by date, then file order for the same date

    current = _num(kr.get("current"), "current", pointer + "/current")
    current_from = "current" if current is not None else None
    if current is None and points:
        current, current_from = points[-1][2], "checkin"
    s, raw = _exact_score(direction, baseline, target, current)

    trend = tuple(TrendPoint(d, float(v), _f(_exact_score(direction, baseline, target, v)[0]), note) for d, _, v, note in points)
    trend_direction = None
    if len(points) >= 2:
        delta = points[-1][2] - points[-2][2]
        lower_is_better = direction == "decrease" or (direction == "maintain" and baseline is not None and target is not None and baseline > target)
        good = -1 if lower_is_better else 1
        trend_direction = "flat" if delta == 0 else "improving" if (delta > 0) == (good > 0) else "worsening"

    return KRScore(
        id=id_at(pointer, kr),
        pointer=pointer,
        text=_text(kr.get("text")),
        score=_f(s),
        raw=_f(raw),
        band=band(s),
        direction=direction,
        baseline=_f(baseline),
        target=_f(target),
        current=_f(current),
        current_from=current_from,
        weight=float(weight),
        trend=trend,
        trend_direction=trend_direction,
    )


def _weighted_mean(pairs: list[tuple[Fraction, Fraction]]) -> Fraction | None:
    total = sum((w for _, w in pairs), Fraction(0))
    if not pairs or total == 0:
        return None
    return sum((s * w for s, w in pairs), Fraction(0)) / total


def _exact(x: float | None) -> Fraction | None:
    return None if x is None else Fraction(repr(x))


def score_objective(objective: Mapping[str, Any], pointer: str = "") -> ObjectiveScore:
    """Weighted mean of the scored KRs (KRs without a current value are left out)."""
    krs = objective.get("key_results") or []
    if not isinstance(krs, list):
        raise _bad("key_results must be a list", pointer + "/key_results")
    scored = []
    for j, kr in enumerate(krs):
        if not isinstance(kr, Mapping):
            raise _bad("a key result is a mapping", f"{pointer}/key_results/{j}")
        scored.append(score_kr(kr, f"{pointer}/key_results/{j}"))
    mean = _weighted_mean([(_exact(k.score), _exact(k.weight)) for k in scored if k.score is not None])
    return ObjectiveScore(
        id=id_at(pointer, objective),
        pointer=pointer,
        title=_text(objective.get("title")),
        score=_f(mean),
        band=band(mean),
        key_results=tuple(scored),
    )


def score_plan(plan: Mapping[str, Any]) -> PlanScore:
    """Scores for every KR and objective, and the plan's mean of its scored objectives."""
    if not isinstance(plan, Mapping):
        raise _bad("a plan is a mapping with objectives", "")
    objectives = plan.get("objectives") or []
    if not isinstance(objectives, list):
        raise _bad("objectives must be a list", "/objectives")
    scored = []
    for i, obj in enumerate(objectives):
        if not isinstance(obj, Mapping):
            raise _bad("an objective is a mapping", f"/objectives/{i}")
        scored.append(score_objective(obj, f"/objectives/{i}"))
    mean = _weighted_mean([(_exact(o.score), Fraction(1)) for o in scored if o.score is not None])
    return PlanScore(title=_text(plan.get("title")), score=_f(mean), band=band(mean), objectives=tuple(scored))
