"""Default values that depend on the day or the language, kept free of heavy imports.

`okrgen show` prints defaults and must start fast, so this lives apart from the Jinja filler.
"""

from __future__ import annotations

import datetime as dt
import os
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
