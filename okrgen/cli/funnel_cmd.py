"""`okrgen funnel`: from a revenue target to the leads, MQLs, SQLs and SALs it takes, and the people.

The arithmetic lives in okrgen.track.funnel (the catalog templates call the same functions); this module
only reads the inputs — flags, or a YAML file whose errors point at file:line:col — and prints the
table in the user's language or JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.numbers import NumberError, parse_number, whole_if_whole

CONFIG_KEYS = ("revenue", "deal_size", "rates", "period", "capacity", "outbound_share", "forward_leads", "to", "lang", "stages", "format", "currency")
from okrgen.i18n import DEFAULT_CURRENCY, LANGS, LOCALES, pick  # noqa: E402 - the one list of languages


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "funnel",
        help="work back from a revenue target to the leads, MQLs, SQLs, SALs and people it needs",
        description=(
            "Work back from a revenue target to the deals, SALs, SQLs, MQLs and leads needed for the period "
            "and per month (each rounded up), optionally forward from a lead volume to expected revenue, and "
            "the headcount per role for given capacities."
        ),
        epilog=(
            "example: okrgen funnel --revenue 3500000 --deal-size 25000 "
            "--rates sal_to_won=0.25,sql_to_sal=0.8,mql_to_sql=0.4,lead_to_mql=0.3 --period 2027-Q1 "
            "--capacity sdr=120,bdr=150,account_executive=45 --outbound-share 30%"
        ),
    )
    # Not --config: everywhere else that names okrgen.toml, which this command reads too.
    p.add_argument("--inputs", metavar="FILE", help="YAML file with the same fields (revenue, deal_size, rates, …); flags override it")
    p.add_argument("--revenue", metavar="AMOUNT", help="revenue target for the period")
    p.add_argument("--deal-size", metavar="AMOUNT", help="average deal size")
    p.add_argument("--rates", metavar="NAME=RATE,…", help="conversion rates, e.g. sal_to_won=0.25 (or 25%%)")
    p.add_argument("--period", metavar="PERIOD", help="2027-Q1, 2027-H1, 2027 or 2027-03")
    p.add_argument(
        "--capacity",
        metavar="ROLE[=N],…",
        help="what one person handles (sdr: inbound MQLs a month, bdr: outbound leads sourced a month, "
        "account_executive: SALs a quarter); a role without =N uses the default",
    )
    p.add_argument("--outbound-share", metavar="SHARE", help="part of the leads BDRs source themselves (30%% or 0.3); SDRs take the rest")
    p.add_argument(
        "--to",
        metavar="STAGE",
        help="work backwards only up to this stage (e.g. sql): then only the rates below it are needed",
    )
    p.add_argument("--forward-leads", metavar="N", help="also run forwards from this many leads to expected revenue")
    p.add_argument("--stages", metavar="FILE", help="your own funnel stages (same shape as okrgen/data/funnel.yaml)")
    p.add_argument("--lang", choices=LANGS, help="language of the table (default en)")
    p.add_argument("--currency", metavar="CODE", help="currency of revenue and deal size (default: okrgen.toml's currency, else USD, RUB or CNY by --lang)")
    p.add_argument("--config", metavar="FILE", help="okrgen.toml or pyproject.toml to use instead of the one found (its currency and [funnel] stages)")
    p.add_argument("--format", choices=("text", "json"), help="output format (default text)")
    p.set_defaults(func=run)


# --------------------------------------------------------------------------------------------------
# Inputs


def _number(text: str, what: str) -> float:
    """What a person typed, through the one number parser: "2.4M", "25,000", "$3,500,000"."""
    try:
        return whole_if_whole(parse_number(text, percent=False))
    except NumberError as err:
        hint = "Write a figure, e.g. 3500000, 3,500,000, 3.5M or 350万."
        if err.reason == "too_large":
            hint = "Figures above 10^15 are not supported."
        raise OkrgenError(f"{what} must be a number, got {text!r}", hint=hint) from None


def _rate(text: str, name: str) -> float:
    t = str(text).strip()
    if t.endswith("%"):
        return _number(t[:-1].strip(), f"conversion rate {name}") / 100
    return _number(t, f"conversion rate {name}")


def _pairs(text: str, what: str, allow_bare: bool = False) -> list[tuple[str, str | None]]:
    out = []
    for part in str(text).split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            if allow_bare:
                out.append((part, None))
                continue
            raise OkrgenError(f"{what}: expected NAME=VALUE, got {part!r}", hint=f"e.g. --{what} sal_to_won=0.25,sql_to_sal=0.8")
        name, value = part.split("=", 1)
        out.append((name.strip(), value.strip()))
    return out


class _Inputs:
    """The merged inputs and where each came from (a config file position, or a flag)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.loaded = None  # okrgen.plan.yamlload.Loaded of the config file, if any
        self.from_config: set[str] = set()
        self.company_spec = None  # okrgen.toml [funnel]: the company's merges and names

    def error_at(self, field: str, message: str, hint: str = "") -> OkrgenError:
        """An error located in the config file when the field came from it."""
        root = field.split("/")[0]
        if self.loaded is None or root not in self.from_config:
            return OkrgenError(message, hint=hint)
        from okrgen.finding import Finding

        pointer = "/" + field
        line, col = self.loaded.position(pointer)
        finding = Finding(
            code="FUNNEL-INPUT",
            severity="error",
            message=message,
            fix=hint,
            file=self.loaded.file,
            line=line,
            col=col,
            pointer=pointer,
        )
        return OkrgenError(message, [finding])


def _read_config(path: str, inputs: _Inputs) -> None:
    from okrgen.plan.yamlload import load

    loaded = load(path)
    inputs.loaded = loaded
    data = loaded.data
    if not isinstance(data, dict):
        inputs.from_config.add("")
        raise inputs.error_at("", f"{path}: a funnel inputs file is a mapping of {', '.join(CONFIG_KEYS)}")
    for key in data:
        if key not in CONFIG_KEYS:
            from okrgen.finding import Finding

            line, col = loaded.key_position(f"/{key}")
            msg = f"unknown key {key!r}; a funnel inputs file has {', '.join(CONFIG_KEYS)}"
            raise OkrgenError(msg, [Finding(code="FUNNEL-INPUT", severity="error", message=msg, file=loaded.file, line=line, col=col, pointer=f"/{key}")])
    for key, value in data.items():
        inputs.values[key] = value
        inputs.from_config.add(key)
    for key in ("rates", "capacity"):
        if key in data and data[key] is not None and not isinstance(data[key], dict):
            raise inputs.error_at(
                key,
                f"{key} must be a mapping, e.g. {key}: {{sal_to_won: 0.25}}"
                if key == "rates"
                else "capacity must be a mapping of role to capacity, e.g. capacity: {sdr: 120}",
            )


def _config_number(inputs: _Inputs, key: str, what: str) -> Any:
    value = inputs.values.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return _number(value, what)
        except OkrgenError as err:
            raise inputs.error_at(key, err.message, err.hint) from None
    return value


def gather(args: argparse.Namespace) -> _Inputs:
    inputs = _Inputs()
    if args.inputs:
        _read_config(args.inputs, inputs)

    def flag(key: str, value: Any) -> None:
        inputs.values[key] = value
        inputs.from_config.discard(key)

    if args.revenue is not None:
        flag("revenue", _number(args.revenue, "--revenue"))
    if args.deal_size is not None:
        flag("deal_size", _number(args.deal_size, "--deal-size"))
    if args.rates is not None:
        flag("rates", {name: _rate(v, name) for name, v in _pairs(args.rates, "rates")})
    elif isinstance(inputs.values.get("rates"), dict):
        rates = {}
        for name, v in inputs.values["rates"].items():
            if isinstance(v, str):
                try:
                    v = _rate(v, name)
                except OkrgenError as err:
                    raise inputs.error_at(f"rates/{name}", err.message, err.hint) from None
            rates[name] = v
        inputs.values["rates"] = rates
    if args.period is not None:
        flag("period", args.period)
    if args.capacity is not None:
        flag("capacity", {r: (None if v is None else _number(v, f"capacity of {r}")) for r, v in _pairs(args.capacity, "capacity", allow_bare=True)})
    if args.outbound_share is not None:
        flag("outbound_share", _rate(args.outbound_share, "--outbound-share"))
    elif isinstance(inputs.values.get("outbound_share"), str):
        try:
            inputs.values["outbound_share"] = _rate(inputs.values["outbound_share"], "outbound_share")
        except OkrgenError as err:
            raise inputs.error_at("outbound_share", err.message, err.hint) from None
    if getattr(args, "to", None) is not None:
        flag("to", args.to)
    if args.forward_leads is not None:
        flag("forward_leads", _number(args.forward_leads, "--forward-leads"))
    if args.stages is not None:
        flag("stages", args.stages)
    if args.lang is not None:
        flag("lang", args.lang)
    if args.currency is not None:
        flag("currency", args.currency.strip().upper())
    if args.format is not None:
        flag("format", args.format)
    for key, what in (("revenue", "revenue"), ("deal_size", "deal size"), ("forward_leads", "lead volume")):
        inputs.values[key] = _config_number(inputs, key, what)
    return inputs


# --------------------------------------------------------------------------------------------------
# Output


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """A plain text table that lines up with Chinese text too; `right` = indexes of numeric columns."""
    right = right or set()
    widths = [display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row)]

    def line(cells: list[str]) -> str:
        out = []
        for i, (cell, w) in enumerate(zip(cells, widths)):
            pad = " " * (w - display_width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), sep] + [line(r) for r in rows])


def _fmt(value: Any, lang: str) -> str:
    from babel.numbers import format_decimal

    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return format_decimal(round(value, 1), format="#,##0.#", locale=lang)
    return format_decimal(value, locale=lang)


def _money(value: Any, lang: str, currency: str) -> str:
    """Revenue and deal size with their currency, in full: a funnel table is read to the unit."""
    from babel.numbers import format_currency

    return format_currency(value, currency, locale=LOCALES[lang], format=_money_pattern(lang), currency_digits=False)


def _money_pattern(lang: str) -> str:
    from babel import Locale

    return Locale.parse(LOCALES[lang]).currency_formats["standard"].pattern.split(";")[0].replace("0.00", "0.##")


def _pct(value: float | None, lang: str) -> str:
    """A rate as its language writes a percentage, to two decimals at most: the locale's own
    pattern, so Russian keeps a no-break space before the sign ("30 %") and English and Chinese
    write "30%"."""
    from decimal import Decimal

    from babel.numbers import format_percent

    return "—" if value is None else format_percent(Decimal(str(round(value, 4))), locale=LOCALES[lang], decimal_quantization=False)


def _stage_table(result, lang: str) -> str:
    spec = result.spec
    headers = [spec.label(k, lang) for k in ("stage", "total", "per_month", "rate")]
    rows = [[spec.stage(r.stage).label(lang), _fmt(r.total, lang), _fmt(r.per_month, lang), _pct(r.rate, lang)] for r in result.rows]
    return text_table(headers, rows, right={1, 2, 3})


def render_text(report: dict, backward_result, forward_result, staffing_rows, lang: str, currency: str = "USD") -> str:
    result = backward_result or forward_result
    spec = result.spec
    from okrgen.i18n import fmt_period

    # the period as the reader writes it ("I квартал 2027", "2027年第一季度"); JSON keeps the label
    period = fmt_period(report["period"]["label"], lang) if ".." not in report["period"]["label"] else report["period"]["label"]
    out = [spec.label("title", lang).format(period=period, months=report["period"]["months"]), ""]
    if backward_result is not None:
        out.append(
            spec.label("backward", lang).format(
                revenue=_money(backward_result.revenue, lang, currency), deal_size=_money(backward_result.deal_size, lang, currency)
            )
        )
        out.append(_stage_table(backward_result, lang))
        out.append(spec.label("rounding", lang))
        out.append("")
    if staffing_rows:
        out.append(spec.label("headcount_title", lang))
        headers = [spec.label(k, lang) for k in ("role", "works_on", "volume", "capacity", "people")]
        rows = []
        for s in staffing_rows:
            role = spec.roles[s.role]
            unit = pick(role.unit, lang) if role.unit else ""
            works = spec.stage(s.stage).label(lang)
            if s.source:
                works = spec.label(f"works_{s.source}", lang).format(stage=works, share=_pct(s.share, lang))
            rows.append([role.label(lang), works, _fmt(s.volume, lang), f"{_fmt(s.capacity, lang)} {unit}".strip(), _fmt(s.people, lang)])
        out.append(text_table(headers, rows, right={2, 4}))
        out.append(spec.label("headcount_note", lang))
        out.append("")
    if forward_result is not None:
        out.append(
            spec.label("forward", lang).format(
                leads=_fmt(forward_result.rows[0].total, lang),
                deal_size=_money(forward_result.deal_size, lang, currency),
                revenue=_money(forward_result.revenue, lang, currency),
            )
        )
        out.append(_stage_table(forward_result, lang))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------------------------------


def compute(inputs: _Inputs):
    """Run the funnel on gathered inputs; errors point at the config line when they came from it."""
    from okrgen.period import parse_period
    from okrgen.track import funnel

    v = inputs.values
    try:
        if v.get("period") is None:
            raise funnel.FunnelError("give the period the target is for: --period 2027-Q1 (or period: in --inputs)", field="period")
        try:
            period = parse_period(v["period"])
        except OkrgenError as err:
            raise funnel.FunnelError(err.message, field="period", hint=err.hint) from None
        stages = v.get("stages")
        if isinstance(stages, str) and inputs.loaded is not None and "stages" in inputs.from_config:
            stages = str(Path(inputs.loaded.file).parent / stages)
        spec = funnel._resolve_spec(stages) if stages is not None else (inputs.company_spec or funnel.default_spec())
        if v.get("revenue") is None and v.get("forward_leads") is None:
            raise funnel.FunnelError("give --revenue (to work backwards) or --forward-leads (to work forwards)", field="revenue")
        if v.get("deal_size") is None:
            raise funnel.FunnelError("give the average deal size: --deal-size 25000", field="deal_size")
        rates = v.get("rates")
        if not rates:
            chain = spec.chain([])
            names = [funnel.rate_name(a.id, b.id) for a, b in zip(chain, chain[1:])]
            raise funnel.FunnelError(f"give the conversion rates: --rates {'=…,'.join(names)}=…", field="rates")
        months = period.months()
        back = fwd = None
        if v.get("revenue") is not None:
            back = funnel.backward(v["revenue"], v["deal_size"], rates, months=months, stages=spec, top=v.get("to"))
        if v.get("forward_leads") is not None:
            fwd = funnel.forward(v["forward_leads"], v["deal_size"], rates, months=months, stages=spec)
        staff = []
        if v.get("capacity"):
            staff = funnel.staffing(back or fwd, v["capacity"], v.get("outbound_share"))
    except funnel.FunnelError as err:
        raise inputs.error_at(err.field, err.message, err.hint) from None
    return period, back, fwd, staff


def run(args: argparse.Namespace) -> int:
    inputs = gather(args)
    lang = inputs.values.get("lang") or "en"
    if lang not in LANGS:
        raise inputs.error_at("lang", f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    fmt = inputs.values.get("format") or "text"
    if fmt not in ("text", "json"):
        raise inputs.error_at("format", f"format must be text or json, got {fmt!r}")
    from okrgen.cli.config import discover

    config = discover(getattr(args, "config", None))
    inputs.company_spec = config.funnel
    currency = inputs.values.get("currency") or config.currency or DEFAULT_CURRENCY[lang]
    if not (isinstance(currency, str) and len(currency) == 3 and currency.isalpha() and currency.isupper()):
        raise inputs.error_at("currency", f"currency must be a three-letter ISO 4217 code such as USD, RUB or CNY, got {currency!r}")
    period, back, fwd, staff = compute(inputs)
    report: dict[str, Any] = {"period": period.to_dict(), "currency": currency}
    if back is not None:
        report["backward"] = back.to_dict(lang)
    if fwd is not None:
        report["forward"] = fwd.to_dict(lang)
    if staff:
        report["headcount"] = [s.to_dict() for s in staff]
    if fmt == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(report, back, fwd, staff, lang, currency))
    return 0
