"""Check-in history as a small inline SVG: no script, no font, no file fetched; prints as drawn.

The values are drawn over the dates they were checked in (not evenly spaced), with the target as a
dashed line and the baseline as the floor when they are known, so a flat line near the target
reads as "nearly there" and not as "nothing happened".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup, escape


def sparkline(
    points: Sequence[tuple[str, float]], *, target: float | None = None, baseline: float | None = None, label: str = "", width: int = 180, height: int = 44
) -> Markup:
    """An <svg> of (ISO date, value) points; an empty Markup for none."""
    if not points:
        return Markup("")
    days = [dt.date.fromisoformat(d[:10]).toordinal() for d, _ in points]
    values = [float(v) for _, v in points]
    scale_values = values + [x for x in (target, baseline) if x is not None]
    lo, hi = min(scale_values), max(scale_values)
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    d0, d1 = min(days), max(days)
    pad = 4

    def x(day: int) -> float:
        return pad + (width - 2 * pad) * ((day - d0) / (d1 - d0) if d1 > d0 else 0.5)

    def y(v: float) -> float:
        return height - pad - (height - 2 * pad) * (v - lo) / (hi - lo)

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    if target is not None:
        ty = round(y(float(target)), 1)
        parts.append(f'<line class="target" x1="{pad}" x2="{width - pad}" y1="{ty}" y2="{ty}" stroke="#2e7d32" stroke-width="1" stroke-dasharray="3 2"/>')
    coords = " ".join(f"{round(x(d), 1)},{round(y(v), 1)}" for d, v in zip(days, values))
    if len(points) > 1:
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#2456a6" stroke-width="1.8" stroke-linejoin="round"/>')
    for (date, v), d in zip(points, days):
        parts.append(f'<circle cx="{round(x(d), 1)}" cy="{round(y(v), 1)}" r="2.4" fill="#2456a6"><title>{escape(date)}: {v:g}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))
