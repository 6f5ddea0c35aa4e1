"""`okrgen score plan.yaml`: progress per key result, objective and plan, as a table or JSON.

The scoring rules are in okrgen.track.score; this module loads and validates the plan, points any bad value
at its line, and prints.
"""

from __future__ import annotations

import argparse
import json
import sys

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS  # noqa: E402 - the one list of languages

_SPARK = "▁▂▃▄▅▆▇█"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "score",
        help="score a plan's progress (0.0–1.0) per key result, objective and plan",
        description=(
            "Score each key result from baseline, target and current (or its latest check-in): the fraction "
            "of the way to the target, clamped to 0–1. Objectives are the weighted mean of their key results; "
            "bands: red < 0.4 ≤ amber < 0.7 ≤ green."
        ),
    )
    p.add_argument("plan", help="plan file (YAML)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    p.add_argument("--lang", choices=LANGS, help="language of the table (default: the plan's lang)")
    p.set_defaults(func=run)


def _load(path: str):
    try:
        from okrgen.plan.planfile import load_plan
    except ImportError:  # pragma: no cover - planio is part of the package
        from okrgen.plan.yamlload import load as load_plan
    return load_plan(path)


def _locate(err: OkrgenError, loaded) -> OkrgenError:
    findings = []
    for f in err.findings:
        if f.file is None:
            line, col = loaded.position(f.pointer)
            f = f.with_location(loaded.file, line, col)
        findings.append(f)
    return OkrgenError(err.message, findings, err.hint)


def bar(score: float | None, width: int = 10) -> str:
    if score is None:
        return ""
    filled = round(score * width)
    return "█" * filled + "░" * (width - filled)


def sparkline(values: list[float]) -> str:
    if len(values) < 2:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return _SPARK[3] * len(values)
    return "".join(_SPARK[round((v - lo) / (hi - lo) * (len(_SPARK) - 1))] for v in values)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_text(result, lang: str) -> str:
    from babel.numbers import format_decimal

    from okrgen.cli.funnel_cmd import text_table
    from okrgen.track import score as sc

    def num(v):
        return "" if v is None else format_decimal(v, locale=lang, decimal_quantization=False)

    def sc_text(v):
        return "—" if v is None else format_decimal(v, format="0.00", locale=lang)

    headers = [sc.label(k, lang) for k in ("id", "item", "baseline", "target", "current", "score")] + ["", sc.label("band", lang), sc.label("trend", lang)]
    rows = []
    for o in result.objectives:
        rows.append([o.id or sc.label("objective", lang), _short(o.title), "", "", "", sc_text(o.score), bar(o.score), sc.band_name(o.band, lang), ""])
        for k in o.key_results:
            trend = ""
            if k.trend_direction:
                trend = f"{sparkline([p.value for p in k.trend])} {sc.label(k.trend_direction, lang)}"
            status = sc.band_name(k.band, lang) if k.score is not None else sc.label("not_scored", lang)
            rows.append(["  " + k.id, _short(k.text), num(k.baseline), num(k.target), num(k.current), sc_text(k.score), bar(k.score), status, trend])
    rows.append([sc.label("plan", lang), "", "", "", "", sc_text(result.score), bar(result.score), sc.band_name(result.band, lang), ""])
    title = sc.label("title", lang).format(title=result.title or "")
    return title + "\n\n" + text_table(headers, rows, right={2, 3, 4, 5}) + "\n"


def run(args: argparse.Namespace) -> int:
    from okrgen.track import score as sc

    loaded = _load(args.plan)
    try:
        result = sc.score_plan(loaded.data)
    except OkrgenError as err:
        raise _locate(err, loaded) from None
    lang = args.lang or (loaded.data.get("lang") if isinstance(loaded.data, dict) else None) or "en"
    if lang not in LANGS:
        lang = "en"
    if args.format == "json":
        sys.stdout.write(json.dumps(dict(result.to_dict(), file=loaded.file), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(result, lang))
    return 0
