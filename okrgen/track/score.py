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

Key-result kinds (docs/scoring.md has worked examples):

- `level` (the default when a KR has no `kind`): the rules above, from baseline to target.
- `cumulative`: a total counted within the period from zero (bookings, deals won, SQLs, leads,
  pipeline created): current / target. Last period's figure is `previous`, a reference; a cumulative
  KR's `baseline` is read as `previous` (templates used to write last period's total there). A
  decrease is a cap: met while current ≤ target.
- `milestone`: done (current ≥ target, 1 when there is no target) or not: 1.0 or 0.0.
- `threshold`: a line to hold all period (≥ target, or ≤ target for a decrease); the score is the
  share of check-ins up to the as-of date that held.

Pace: with the plan's period and an as-of date, each KR's expected value is where it should be by
then — linear over the period's days, or by its monthly `pace` weights — and its status is on track /
at risk / behind by the share of the expected progress made (okrgen/data/score.yaml). Check-ins
dated after the as-of date are not counted.

An objective's score is the mean of its scored KRs, weighted by `weight` when given (default 1); a
plan's score is the mean of its scored objectives. Bands (okrgen/data/score.yaml): red below 0.4,
amber from 0.4 up to but not including 0.7, green from 0.7 — the usual 0.0–0.3 / 0.4–0.6 / 0.7–1.0
with the gaps closed at the lower bound. Arithmetic is exact (fractions of the decimal text), so a
KR exactly 70% of the way from 0.30 to 0.40 is green, not 0.6999999999999998 amber.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.i18n import pick, plural
from okrgen.numbers import is_money_unit, money_code
from okrgen.plan.ids import id_at
from okrgen.resources import data_file

DATA_FILE = data_file("score.yaml")
DIRECTIONS = ("increase", "decrease", "maintain")
KINDS = ("cumulative", "level", "milestone", "threshold")
STATUSES = ("on_track", "at_risk", "behind", "done")


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


# A bar's colour when the key result has a pace status: mid-period, "at risk" at 0.38 is amber, not
# the red of the end-of-period grade (a red bar beside an amber "at risk" reads as a contradiction).
_STATUS_COLOUR = {"on_track": "green", "done": "green", "at_risk": "amber", "behind": "red"}


def bar_colour(band_id: str | None, status: str | None) -> str | None:
    """The colour a score bar is drawn in: its status's when there is one, else its grade band's."""
    return _STATUS_COLOUR.get(status or "") or band_id


WORST_FIRST = ("behind", "at_risk", "on_track", "done")


def worst_status(statuses) -> str | None:
    """The status of a group of key results (an objective, a plan, a team): its worst one."""
    found = set(statuses)
    return next((s for s in WORST_FIRST if s in found), None)


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
    kind: str = "level"
    previous: float | None = None
    expected: float | None = None  # where the KR should be by the as-of date (cumulative, level)
    status: str | None = None  # on_track | at_risk | behind | done; None without a period
    day: int | None = None  # day of the period at the as-of date (1-based, clamped)
    days: int | None = None
    held: int | None = None  # threshold: check-ins that held, of `checked`
    checked: int | None = None
    due: str | None = None
    unit: str = ""
    confidence: float | None = None  # the latest check-in's, else the KR's
    note: str = ""  # the latest check-in's note

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
    as_of: str | None = None
    period: str | None = None

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "as_of": self.as_of,
            "period": self.period,
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


@dataclass(frozen=True)
class Clock:
    """Where in its period a plan is: the as-of date, the period, and how far along the period is."""

    as_of: dt.date
    start: dt.date | None = None
    end: dt.date | None = None
    explicit: bool = False  # an as-of date given by the user: check-ins after it are left out

    @property
    def known(self) -> bool:
        return self.start is not None and self.end is not None

    def days(self) -> int:
        return (self.end - self.start).days + 1

    def day(self) -> int:
        """Day of the period at the as-of date, 0 before it starts, `days` after it ends."""
        return max(0, min(self.days(), (self.as_of - self.start).days + 1))

    def fraction(self, pace: list | None, pointer: str = "") -> Fraction:
        """Share of the target due by the as-of date: days elapsed / days, or by monthly weights."""
        if not pace:
            return Fraction(self.day(), self.days())
        months = _months(self.start, self.end)
        if len(pace) != len(months):
            raise _bad(
                f"pace has {len(pace)} weight(s) but the period has {len(months)} month(s); give one weight per month",
                pointer + "/pace",
            )
        weights = [_num(w, "pace weight", f"{pointer}/pace/{n}") for n, w in enumerate(pace)]
        if any(w is None or w < 0 for w in weights) or sum(weights) == 0:
            raise _bad("pace weights must be numbers of 0 or more, not all 0", pointer + "/pace")
        done = Fraction(0)
        for w, (first, last) in zip(weights, months):
            if self.as_of >= last:
                done += w
            elif self.as_of >= first:
                done += w * Fraction((self.as_of - first).days + 1, (last - first).days + 1)
        return done / sum(weights)


def _months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The calendar months of a period, the first and last clipped to its start and end."""
    out = []
    first = start
    while first <= end:
        nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        out.append((first, min(end, nxt - dt.timedelta(days=1))))
        first = nxt
    return out


def clock(period: Any = None, as_of: dt.date | str | None = None) -> Clock:
    """A Clock for a plan's period (any accepted shape, or None) at `as_of` (default: today)."""
    from okrgen.period import parse_period
    from okrgen.plan.defaults import today

    if as_of is None:
        day = today()
    elif isinstance(as_of, dt.date):
        day = as_of
    else:
        try:
            day = dt.date.fromisoformat(str(as_of).strip())
        except ValueError:
            raise OkrgenError(f"--as-of must be a date written YYYY-MM-DD, got {as_of!r}") from None
    if period is None:
        return Clock(day, explicit=as_of is not None)
    try:
        p = parse_period(period)
    except OkrgenError as err:
        raise _bad(err.message, "/period") from None
    return Clock(day, p.start, p.end, explicit=as_of is not None)


def resolve_kind(kind: Any, pointer: str = "") -> str:
    if kind is None:
        return "level"
    if kind not in KINDS:
        raise _bad(f"kind must be one of {', '.join(KINDS)}, got {kind!r}", pointer + "/kind")
    return kind


def pace_status(progress: Fraction, expected: Fraction) -> str:
    """on_track / at_risk / behind from progress made against progress expected (both from the start)."""
    if expected <= 0 or progress >= expected:
        return "on_track"
    ratio = progress / expected
    p = _data()["pace"]
    if ratio >= Fraction(repr(float(p["on_track"]))):
        return "on_track"
    if ratio >= Fraction(repr(float(p["at_risk"]))):
        return "at_risk"
    return "behind"


def score_kr(kr: Mapping[str, Any], pointer: str = "", at: Clock | None = None) -> KRScore:
    """Score one key result mapping from a plan (kind, baseline, target, current, direction, checkins).

    With a Clock that knows the period, also where the KR should be by the as-of date and its status."""
    kind = resolve_kind(kr.get("kind"), pointer)
    baseline = _num(kr.get("baseline"), "baseline", pointer + "/baseline")
    previous = _num(kr.get("previous"), "previous", pointer + "/previous")
    target = _num(kr.get("target"), "target", pointer + "/target")
    if kind == "cumulative":
        if previous is None:
            previous = baseline  # last period's total, as older templates wrote it
        baseline = None
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
    points: list[tuple[str, int, Fraction, str, Any]] = []
    later = False
    for i, c in enumerate(checkins):
        cp = f"{pointer}/checkins/{i}"
        if not isinstance(c, Mapping):
            raise _bad("a check-in is a mapping {date, value, note}", cp)
        value = _num(c.get("value"), "check-in value", cp + "/value")
        if value is None:
            continue
        date = str(c.get("date") or "")
        if at is not None and at.explicit and date > at.as_of.isoformat():
            later = True  # scoring as of an earlier day: this check-in had not happened yet
            continue
        points.append((date, i, value, _text(c.get("note")), c.get("confidence")))
    points.sort(key=lambda p: (p[0], p[1]))  # by date, then file order for the same date

    current = _num(kr.get("current"), "current", pointer + "/current")
    current_from = "current" if current is not None else None
    if (current is None or later) and points:
        current, current_from = points[-1][2], "checkin"
    elif later:
        current, current_from = None, None

    unit = str(kr.get("unit") or "")
    due = str(kr.get("due")) if kr.get("due") else None
    expected = status = day = days = held = checked = None
    if kind == "milestone":
        line = target if target is not None else Fraction(1)
        s = raw = None if current is None else Fraction(int(current >= line))
        if at is not None and at.known:
            deadline = dt.date.fromisoformat(due) if due and _is_date(due) else at.end
            due = due or at.end.isoformat()
            status = "done" if s == 1 else "behind" if at.as_of > deadline else "on_track"
    elif kind == "threshold":
        line = target
        values = [v for _, _, v, _, _ in points] or ([] if current is None else [current])
        if line is None or not values:
            s = raw = None
        else:
            lower = direction == "decrease"
            holds = [(v <= line) if lower else (v >= line) for v in values]
            held, checked = sum(holds), len(holds)
            s = raw = Fraction(held, checked)
            if at is not None:
                status = "behind" if not holds[-1] else "on_track" if s >= Fraction(repr(float(_data()["pace"]["on_track"]))) else "at_risk"
    else:
        s, raw = _exact_score(direction, baseline, target, current)
        if kind == "cumulative" and direction == "decrease" and target is not None and current is not None:
            s = raw = Fraction(int(current <= target))  # a cap on a total: met while under it
        if at is not None and at.known and target is not None:
            f = at.fraction(kr.get("pace"), pointer)
            day, days = at.day(), at.days()
            start = baseline if baseline is not None else Fraction(0)
            if kind == "level" and baseline is None and direction != "increase":
                start = None  # "how far from an unknown start" has no answer
            if start is not None and direction != "maintain" and current is not None:
                exp = start + (target - start) * f
                expected = exp
                if kind == "cumulative" and direction == "decrease":
                    status = "on_track" if current <= exp else "behind"
                else:
                    status = pace_status(current - start if target >= start else start - current, abs(exp - start))
            elif current is not None and direction == "maintain":
                status = "on_track" if s == 1 else "behind"

    trend = tuple(TrendPoint(d, float(v), _f(_exact_score(direction, baseline, target, v)[0]), note) for d, _, v, note, _ in points)
    trend_direction = None
    if len(points) >= 2:
        delta = points[-1][2] - points[-2][2]
        lower_is_better = direction == "decrease" or (direction == "maintain" and baseline is not None and target is not None and baseline > target)
        good = -1 if lower_is_better else 1
        trend_direction = "flat" if delta == 0 else "improving" if (delta > 0) == (good > 0) else "worsening"

    confidence = next((p[4] for p in reversed(points) if p[4] is not None), kr.get("confidence"))
    note = next((p[3] for p in reversed(points) if p[3]), "")
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
        kind=kind,
        previous=_f(previous),
        expected=_f(expected),
        status=status,
        day=day,
        days=days,
        held=held,
        checked=checked,
        due=due,
        unit=unit,
        confidence=None if confidence is None or isinstance(confidence, bool) or not isinstance(confidence, (int, float)) else float(confidence),
        note=note,
    )


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def _weighted_mean(pairs: list[tuple[Fraction, Fraction]]) -> Fraction | None:
    total = sum((w for _, w in pairs), Fraction(0))
    if not pairs or total == 0:
        return None
    return sum((s * w for s, w in pairs), Fraction(0)) / total


def _exact(x: float | None) -> Fraction | None:
    return None if x is None else Fraction(repr(x))


def score_objective(objective: Mapping[str, Any], pointer: str = "", at: Clock | None = None) -> ObjectiveScore:
    """Weighted mean of the scored KRs (KRs without a current value are left out)."""
    krs = objective.get("key_results") or []
    if not isinstance(krs, list):
        raise _bad("key_results must be a list", pointer + "/key_results")
    scored = []
    for j, kr in enumerate(krs):
        if not isinstance(kr, Mapping):
            raise _bad("a key result is a mapping", f"{pointer}/key_results/{j}")
        scored.append(score_kr(kr, f"{pointer}/key_results/{j}", at))
    mean = _weighted_mean([(_exact(k.score), _exact(k.weight)) for k in scored if k.score is not None])
    return ObjectiveScore(
        id=id_at(pointer, objective),
        pointer=pointer,
        title=_text(objective.get("title")),
        score=_f(mean),
        band=band(mean),
        key_results=tuple(scored),
    )


def score_plan(plan: Mapping[str, Any], as_of: dt.date | str | None = None) -> PlanScore:
    """Scores for every KR and objective, and the plan's mean of its scored objectives, as of a day
    (default today) within the plan's period."""
    if not isinstance(plan, Mapping):
        raise _bad("a plan is a mapping with objectives", "")
    at = clock(plan.get("period"), as_of)
    objectives = plan.get("objectives") or []
    if not isinstance(objectives, list):
        raise _bad("objectives must be a list", "/objectives")
    scored = []
    for i, obj in enumerate(objectives):
        if not isinstance(obj, Mapping):
            raise _bad("an objective is a mapping", f"/objectives/{i}")
        scored.append(score_objective(obj, f"/objectives/{i}", at))
    mean = _weighted_mean([(_exact(o.score), Fraction(1)) for o in scored if o.score is not None])
    period = None
    if at.known:
        period = f"{at.start.isoformat()}..{at.end.isoformat()}"
    return PlanScore(
        title=_text(plan.get("title")),
        score=_f(mean),
        band=band(mean),
        objectives=tuple(scored),
        as_of=at.as_of.isoformat(),
        period=period,
    )


# --------------------------------------------------------------------------------------------------
# Words and figures (the texts are in okrgen/data/score.yaml)


@lru_cache(maxsize=1)
def _ru_count_units() -> dict:
    from okrgen.resources import load_data

    return (load_data("typography.yaml").get("ru") or {}).get("count_units") or {}


def _ru_count_unit(value: float, unit: str, after_iz: bool) -> str:
    """'сделок' agreed with the number: 1 сделка, 3 сделки, 5 сделок; after "из": из 21 сделки."""
    forms = _ru_count_units().get(unit)
    if not forms:
        return unit
    if not float(value).is_integer():
        return forms[1]  # 2,5 сделки
    category = plural(int(value), "ru")
    if category == "one":
        return forms[1] if after_iz else forms[0]
    if category == "few" and not after_iz:
        return forms[1]
    return forms[2]


def fmt_value(
    value: float | None, unit: str | None, lang: str, currency: str = "USD", *, with_unit: bool = True, compact: bool | None = None, after_iz: bool = False
) -> str:
    """A KR figure in its unit: $950K, 27%, 40 deals. `compact` money ($950K, $1.75M) is chosen per
    row (compact_row) so that one row never mixes $950,000 with $3.5M; False writes every digit."""
    from okrgen import i18n

    if value is None:
        return "—"
    u = (unit or "").strip()
    if u == "%":
        return i18n.fmt_percent(value, lang)
    if is_money_unit(u):
        code = money_code(u, currency)
        if compact:
            from babel.numbers import format_compact_currency

            return format_compact_currency(value, code, locale=i18n.LOCALES.get(lang, lang), fraction_digits=2)
        return i18n.fmt_money(value, lang, code, full=compact is False)
    text = i18n.fmt_number(round(value, 2) if isinstance(value, float) else value, lang)
    if not (u and with_unit):
        return text
    # Chinese writes a measure word right after the number (31天, 48单); a Latin unit keeps its space.
    sep = "" if lang == "zh" and all("\u3400" <= ch <= "\u9fff" for ch in u) else " "
    if lang == "ru":
        u = _ru_count_unit(value, u, after_iz)
    return f"{text}{sep}{u}"


def score_text(value: float | None, lang: str = "en") -> str:
    """A score as `okrgen score` prints it everywhere: two decimals (0.25, not 0.2)."""
    from babel.numbers import format_decimal

    from okrgen.i18n import LOCALES

    return "—" if value is None else format_decimal(value, format="0.00", locale=LOCALES.get(lang, lang))


def status_name(status: str | None, lang: str = "en") -> str:
    return pick(_data()["statuses"].get(status) or {}, lang, "") if status else ""


def status_counts(counts: dict, lang: str = "en") -> str:
    """How many key results have each status: '1 on track, 2 behind'; in Russian and Chinese the
    count follows the status ('отстаёт: 2', '落后：2'), which needs no plural form."""
    parts = [(counts[s], status_name(s, lang)) for s in STATUSES if counts.get(s)]
    if lang == "ru":
        return ", ".join(f"{name}: {n}" for n, name in parts)
    if lang == "zh":
        return "，".join(f"{name}：{n}" for n, name in parts)
    return ", ".join(f"{n} {name}" for n, name in parts)


def kind_name(kind: str, lang: str = "en") -> str:
    return pick(_data()["kinds"].get(kind) or {}, lang, kind)


def _figure_text(key: str, lang: str, **values) -> str:
    return pick(_data()["figures"][key], lang).format(**values)


def compact_row(*values: float | None, lang: str = "en") -> bool | None:
    """Money in one row in one format: when any figure is written compact ($3.5M: from 1,000,000, in
    zh from 100,000, as i18n.fmt_money does), all are ($950K of $3.5M, not $950,000 of $3.5M);
    None leaves each figure to fmt_money."""
    line = 100_000 if lang == "zh" else 1_000_000
    return True if any(v is not None and abs(v) >= line for v in values) else None


def _row_formatter(k: KRScore, lang: str, currency: str):
    """One money format for every figure of a key result's row (see compact_row)."""
    compact = compact_row(k.current, k.target, k.baseline, k.previous, k.expected, lang=lang)

    def v(x, with_unit=False, after_iz=False):
        return fmt_value(x, k.unit, lang, currency, compact=compact, with_unit=with_unit, after_iz=after_iz)

    return v


def progress_text(k: KRScore, lang: str = "en", currency: str = "USD") -> str:
    """Kind-appropriate progress without the pace: "$950K of $3.5M", "30% (from 20% to 40%)", "done"."""
    v = _row_formatter(k, lang, currency)

    if k.current is None:
        return ""
    if k.kind == "milestone":
        return _figure_text("milestone_done" if k.score == 1 else "milestone_open", lang, due=k.due or "—")
    if k.kind == "threshold":
        return _figure_text("threshold", lang, held=k.held or 0, n=k.checked or 0, target=v(k.target, True))
    if k.kind == "cumulative" or k.baseline is None:
        return _figure_text("progress_cumulative", lang, cur=v(k.current), target=v(k.target, True, after_iz=True))
    return _figure_text("progress_level", lang, cur=v(k.current, True), base=v(k.baseline), target=v(k.target))


def _shown_expected(k: KRScore) -> float:
    """Where a KR should be is an estimate: a whole number from 100 up, and for a running count of
    whole things (deals, meetings: a cumulative KR with a whole target, not a percentage), since
    "expected 12.5 deals" is no figure a head of sales can act on; one decimal otherwise (a level
    such as a 52.5-day cycle moves by fractions)."""
    counted = k.kind == "cumulative" and k.unit != "%" and all(float(x).is_integer() for x in (k.target, k.previous) if x is not None)
    if abs(k.expected) >= 100 or counted:
        return math.floor(k.expected + 0.5)  # half up: 70.5 deals expected reads as 71, not (banker's) 70
    return round(k.expected, 1)


def pace_text(k: KRScore, lang: str = "en", currency: str = "USD") -> str:
    """Only the pace part of the figure ("day 45 of 90: expected $1.75M"), for where the progress
    ("$950K of $3.5M") is already shown; the milestone or threshold figure when there is no pace."""
    if k.current is None:
        return ""
    if k.expected is None or k.day is None or k.kind in ("milestone", "threshold"):
        text = figure(k, lang, currency)
        return "" if text == progress_text(k, lang, currency) else text
    compact = compact_row(k.current, k.target, k.baseline, k.previous, k.expected, lang=lang)
    expected = _shown_expected(k)
    return _figure_text("pace", lang, day=k.day, days=k.days, expected=fmt_value(expected, k.unit, lang, currency, compact=compact, with_unit=False))


def figure(k: KRScore, lang: str = "en", currency: str = "USD") -> str:
    """The figure behind the status: "40 of 134 deals at day 45 of 90: expected 67"."""
    v = _row_formatter(k, lang, currency)

    if k.current is None:
        return ""
    if k.kind == "milestone":
        key = "milestone_done" if k.score == 1 else "milestone_late" if k.status == "behind" else "milestone_open"
        return _figure_text(key, lang, due=k.due or "—")
    if k.kind == "threshold" or k.expected is None or k.day is None:
        return progress_text(k, lang, currency)
    expected = _shown_expected(k)
    if k.kind == "cumulative" or k.baseline is None:
        return _figure_text("cumulative", lang, cur=v(k.current), target=v(k.target, True, after_iz=True), day=k.day, days=k.days, expected=v(expected))
    return _figure_text("level", lang, cur=v(k.current, True), base=v(k.baseline), target=v(k.target), day=k.day, days=k.days, expected=v(expected))
