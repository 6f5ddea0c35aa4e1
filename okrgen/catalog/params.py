"""Typed template parameters: turn what a person typed into a checked value.

Values arrive as text from `--set`, from a prompt, or as YAML scalars from an answers file. Each
type accepts the forms people naturally write ("25%", "3,500,000", "1.5M", "yes") and rejects the
rest with a message that says what was expected, so a typo never reaches a printed plan.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.i18n import pick
from okrgen.numbers import MAX_FIGURE, MAX_TYPED, NumberError, parse_number
from okrgen.period import FORMS as PERIOD_FORMS
from okrgen.period import parse_period

TYPES = ("string", "integer", "number", "percent", "money", "date", "period", "choice", "boolean")
STANDARD = ("team", "owner", "period", "currency")
_TRUE = {"true", "yes", "y", "1", "on", "да", "是"}
_FALSE = {"false", "no", "n", "0", "off", "нет", "否"}


class ParamError(OkrgenError):
    """A value that does not fit its parameter. `key` names the message in
    data/param_messages.yaml; the message and hint are English (what the command line prints),
    and `in_language` says them in a plan's language for a prompt. With `param`, "{expected}"
    describes its type in that language too."""

    def __init__(self, name: str, key: str, param: Parameter | None = None, **fields: Any):
        self.name, self.key, self.param, self.fields = name, key, param, fields
        message, hint = self.in_language("en")
        super().__init__(message, hint=hint)

    def prompt_text(self, lang: str) -> str:
        """What a prompt says back: the message and the hint, as one line in `lang`."""
        message, hint = self.in_language(lang)
        return pick(_messages()["prompt"], lang).format(message=message, hint=hint) if hint else message

    def in_language(self, lang: str) -> tuple[str, str]:
        """(message, hint) in `lang`, English where a text has no translation."""
        data = _messages()
        entry = data["messages"][self.key]
        fields = dict(self.fields, name=self.name)
        if self.param is not None:
            fields["expected"] = self.param.describe_type(lang)
        message = pick(data["error"], lang).format(name=self.name, message=pick(entry["message"], lang).format(**fields))
        hint = pick(entry["hint"], lang).format(**fields) if entry.get("hint") else ""
        return message, hint

    def __reduce__(self):  # picklable (process pools) despite the keyword fields
        return _restore_param_error, (self.name, self.key, self.param, self.fields)


def _restore_param_error(name: str, key: str, param: Parameter | None, fields: dict) -> ParamError:
    return ParamError(name, key, param, **fields)


@functools.cache
def _messages() -> dict:
    from okrgen.resources import load_data

    return load_data("param_messages.yaml")


@dataclass
class Parameter:
    name: str
    type: str
    label: dict = field(default_factory=dict)
    help: dict = field(default_factory=dict)
    default: Any = None
    min: float | None = None
    max: float | None = None
    choices: list = field(default_factory=list)
    required: bool = False
    derive: str | None = None
    pointer: str = ""  # where it is declared in the template file
    when: str | None = None  # asked only when this expression over earlier answers is true
    validate: list = field(default_factory=list)  # [{check: expression, message: {lang: text}}]
    renamed: list = field(default_factory=list)  # names it had in earlier versions of the template

    @classmethod
    def from_dict(cls, d: dict, pointer: str = "") -> Parameter:
        return cls(
            name=d["name"],
            type=d["type"],
            label=d.get("label") or {},
            help=d.get("help") or {},
            default=d.get("default"),
            min=d.get("min"),
            max=d.get("max"),
            choices=d.get("choices") or [],
            required=bool(d.get("required", False)),
            derive=d.get("derive"),
            pointer=pointer,
            when=d.get("when"),
            validate=list(d.get("validate") or []),
            renamed=list(d.get("renamed") or []),
        )

    def text(self, field_name: str, lang: str) -> str:
        return pick(getattr(self, field_name) or {}, lang)

    def default_for(self, lang: str) -> Any:
        if isinstance(self.default, dict) and self.type == "string":
            return pick(self.default, lang, None)
        return self.default

    def choice_values(self) -> list:
        return [c["value"] for c in self.choices]

    def choice_label(self, value: Any, lang: str) -> str:
        """A choice's translated label ("ежеквартально" for quarterly), or the value itself."""
        for c in self.choices:
            if c["value"] == value and c.get("label"):
                return pick(c["label"], lang)
        return str(value)

    def describe_type(self, lang: str = "en") -> str:
        names = _messages()["types"]
        if self.type == "choice":
            shown = [f"{v} ({self.choice_label(v, lang)})" if self.choice_label(v, lang) != str(v) else str(v) for v in self.choice_values()]
            return pick(names["choice"], lang).format(values=", ".join(shown))
        bounds = []
        if self.min is not None:
            bounds.append(f">= {_fmt(self.min)}")
        if self.max is not None:
            bounds.append(f"<= {_fmt(self.max)}")
        return pick(names.get(self.type) or {"en": self.type}, lang) + (f" ({', '.join(bounds)})" if bounds else "")

    # -- coercion -----------------------------------------------------------------------------
    def coerce(self, raw: Any) -> Any:
        """Checked value of the parameter's type, or ParamError saying what was expected."""
        if raw is None:
            raise ParamError(self.name, "no_value", self)
        value = _COERCE[self.type](self, raw)
        if self.type in ("integer", "number", "percent", "money"):
            if abs(value) > MAX_FIGURE:
                raise ParamError(self.name, "too_large", shown=str(raw).strip() if isinstance(raw, str) else _fmt(value))
            if self.min is not None and value < self.min:
                raise ParamError(self.name, "below_min", value=_fmt(value), min=_fmt(self.min))
            if self.max is not None and value > self.max:
                raise ParamError(self.name, "above_max", value=_fmt(value), max=_fmt(self.max))
        return value


def _fmt(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _parse_number(p: Parameter, raw: Any, *, allow_percent: bool = False, allow_magnitude: bool = True) -> float:
    """The one number parser (okrgen/numbers.py), its reasons told as this parameter's messages."""
    if isinstance(raw, bool):
        raise ParamError(p.name, "not_number_bool", raw=repr(raw))
    try:
        return parse_number(raw, percent=allow_percent, magnitude=allow_magnitude)
    except NumberError as err:
        if err.reason == "too_large":
            raise ParamError(p.name, "too_large", shown=str(raw).strip()[:MAX_TYPED] if isinstance(raw, str) else _fmt(raw)) from None
        if err.reason in ("bad_suffix", "magnitude_not_allowed"):
            raise ParamError(p.name, "bad_suffix", p, raw=raw) from None
        if err.reason == "not_finite":
            raise ParamError(p.name, "not_number_plain", raw=raw) from None
        raise ParamError(p.name, "not_number", p, raw=raw) from None


def _c_string(p: Parameter, raw: Any) -> str:
    if isinstance(raw, (dict, list)):
        raise ParamError(p.name, "not_text_mapping" if isinstance(raw, dict) else "not_text_list")
    text = str(raw).strip()
    if p.required and not text:
        raise ParamError(p.name, "empty")
    return text


def _c_integer(p: Parameter, raw: Any) -> int:
    value = _parse_number(p, raw)
    if not float(value).is_integer():
        raise ParamError(p.name, "not_whole", value=_fmt(value))
    return int(value)


def _c_number(p: Parameter, raw: Any) -> float | int:
    value = _parse_number(p, raw)
    return int(value) if float(value).is_integer() else value


def _c_percent(p: Parameter, raw: Any) -> float | int:
    value = _parse_number(p, raw, allow_percent=True, allow_magnitude=False)
    whole_percent = isinstance(p.default, (int, float)) and not isinstance(p.default, bool) and p.default >= 1
    if whole_percent and 0 < value < 1 and "%" not in str(raw):
        # 0.45 for a share written in whole percentages (default 40) is 45 % written as a fraction,
        # or a real 0.45 %: asked, as `checkin` asks, rather than guessed either way
        raise ParamError(p.name, "bare_fraction", raw=_fmt(value), pct=_fmt(round(value * 100, 10)))
    return int(value) if float(value).is_integer() else value


def _c_date(p: Parameter, raw: Any) -> str:
    if isinstance(raw, dt.date):
        return raw.isoformat()
    try:
        return dt.date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise ParamError(p.name, "not_date", raw=raw) from None


def _c_period(p: Parameter, raw: Any) -> str:
    try:
        period = parse_period(raw)  # an explicit {start, end} is checked like a label: a real, ordered range
        if not isinstance(raw, dict):
            return period.label
        return {k: str(v) for k, v in raw.items()}  # type: ignore[return-value]  # a copy: no shared node, no YAML anchor
    except OkrgenError as err:
        raise ParamError(p.name, "bad_period", raw=raw, detail=err.message.removeprefix("period "), forms=PERIOD_FORMS) from None


def _c_choice(p: Parameter, raw: Any) -> Any:
    values = p.choice_values()
    for v in values:
        if raw == v or str(raw).strip().lower() == str(v).lower():
            return v
    raise ParamError(p.name, "not_choice", raw=raw, choices=", ".join(map(str, values)))


def _c_boolean(p: Parameter, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ParamError(p.name, "not_bool", raw=raw)


def _c_currency(p: Parameter, raw: Any) -> str:
    text = str(raw).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise ParamError(p.name, "not_currency", raw=raw)
    return text


_COERCE = {
    "string": _c_string,
    "integer": _c_integer,
    "number": _c_number,
    "percent": _c_percent,
    "money": _c_number,
    "date": _c_date,
    "period": _c_period,
    "choice": _c_choice,
    "boolean": _c_boolean,
    "currency": _c_currency,
}
