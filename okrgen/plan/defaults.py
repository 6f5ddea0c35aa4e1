"""Default values that depend on the day or the language, kept free of heavy imports.

`okrgen show` prints defaults and must start fast, so this lives apart from the Jinja filler.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.i18n import DEFAULT_CURRENCY


def today() -> dt.date:
    """OKRGEN_TODAY pins 'today' (tests, reproducible builds)."""
    pinned = os.environ.get("OKRGEN_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise OkrgenError(f"OKRGEN_TODAY={pinned!r} is not a date", hint="Use YYYY-MM-DD.") from None
    return dt.date.today()


def next_quarter(day: dt.date) -> str:
    q = (day.month - 1) // 3 + 1
    return f"{day.year + (q == 4)}-Q{1 if q == 4 else q + 1}"


def default_value(p, lang: str, day: dt.date | None = None) -> Any:
    """A parameter's default in `lang`; the period defaults to the next quarter."""
    if p.name == "period" and p.default is None:
        return next_quarter(day or today())
    if p.name == "currency" and p.default is None:
        return DEFAULT_CURRENCY.get(lang, "USD")
    return p.default_for(lang)


# -- money defaults in the plan's currency ---------------------------------------------------------
@functools.cache
def _currency_data() -> dict:
    from okrgen.resources import load_data

    return load_data("currency.yaml")


def currency_signs() -> dict[str, str]:
    """Signs and words typed with an amount ("$", "руб", "元") and the ISO code each names."""
    return {str(k): str(v) for k, v in _currency_data().get("signs", {}).items()}


def reference_currency() -> str:
    """The currency template money defaults are written in (okrgen/data/currency.yaml)."""
    return _currency_data()["reference"]


def money_scale(currency: str | None, written_in: str | None = None) -> float | None:
    """How many units of `currency` one unit of the template's money (`written_in`, else the
    reference currency) stands for when planning; None when they are the same, scale alike, or
    either is not listed (then defaults stay as written). A planning default, not an exchange
    rate: see okrgen/data/currency.yaml."""
    source = written_in or reference_currency()
    scales = _currency_data()["scale"]
    if not currency or currency == source or currency not in scales or source not in scales:
        return None
    scale = scales[currency] / scales[source]
    return None if scale == 1 else scale


def round_figure(value: float) -> int | float:
    """A scaled amount rounded to the figures people write: `significant` digits, half up
    (2 250 000 → 2 300 000), so a rouble default reads like one a person chose."""
    if value == 0:
        return 0
    digits = _currency_data()["significant"]
    d = Decimal(str(value))
    exp = d.adjusted() - digits + 1
    rounded = d.scaleb(-exp).quantize(Decimal(1), rounding=ROUND_HALF_UP).scaleb(exp)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def _scaled(value: Any, scale: float) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value == 0:
        return value
    return round_figure(value * scale)


def in_currency(p, currency: str | None, written_in: str | None = None):
    """A money parameter as it reads in `currency`: its default, min and max scaled from the
    currency the template wrote them in (`written_in`, else the reference) and rounded. Anything else, or a currency with no scale, comes
    back unchanged. Only what the template wrote is scaled; a value a person types is taken as
    written, in the plan's currency."""
    scale = money_scale(currency, written_in) if p.type == "money" else None
    if scale is None:
        return p
    return dataclasses.replace(p, default=_scaled(p.default, scale), min=_scaled(p.min, scale), max=_scaled(p.max, scale))
