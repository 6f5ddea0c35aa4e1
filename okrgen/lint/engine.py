"""Plans and single key results in, Findings out: the public entry points of the lint core.

Pure functions of their arguments (plus the cached lexicons and catalogue): no files, no printing.
Findings come in a fixed order — plan, then each objective followed by its key results, codes in
catalogue order — so output and tests are stable.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.i18n import LANGS
from okrgen.lint.analysis import analyse
from okrgen.lint.config import LintConfig
from okrgen.lint.normalize import clean, detect_lang, duplicate_key
from okrgen.lint.patterns import rx_compile
from okrgen.lint.registry import load_rules, plan_only, runs
from okrgen.lint.rules import (
    KRContext,
    kr_findings,
    mask_placeholders,
    objective_bau_verb,
    objective_has_number,
    objective_timebound,
)
from okrgen.period import Period, parse_period

_PLACEHOLDER = rx_compile(r"\{(\w+)\}|<(ref|period)>")
_DEFAULT = LintConfig()


def _fill(template: str, params: dict) -> str:
    if not params or ("{" not in template and "<" not in template):
        return template

    def sub(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        return str(params[name]) if name in params else m.group(0)

    return _PLACEHOLDER.sub(sub, template)


def make_finding(code: str, params: dict, *, lang: str, pointer: str, scope: str, config: LintConfig) -> Finding | None:
    """The Finding for a fired code, or None when the configuration disables it."""
    if code in config.disable or not runs(code, config.enable):
        return None
    severity = config.severity_overrides.get(code) or load_rules()[code].severity
    return _finding(code, tuple(sorted(params.items())), lang, pointer, scope, severity)


@functools.lru_cache(maxsize=8192)
def _finding(code: str, params: tuple, lang: str, pointer: str, scope: str, severity: str) -> Finding:
    """Findings are immutable, so equal ones are built once (most KRs share a handful)."""
    rule = load_rules()[code]
    values = dict(params)
    return Finding(
        code=code,
        severity=severity,
        message=_fill(rule.text("message", lang), values),
        fix=_fill(rule.text("fix", lang), values),
        pointer=pointer,
        lang=lang,
        scope=scope,
    )


def _period(value: Any) -> Period | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return _period_text(value)
    return parse_period(value)


@functools.lru_cache(maxsize=256)
def _period_text(value: str) -> Period:
    return parse_period(value)


def _due(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise OkrgenError(f"due {value!r} is not a date written YYYY-MM-DD") from None


def _lang(lang: str | None) -> str | None:
    if lang is None or lang == "":
        return None
    if lang not in LANGS:
        raise OkrgenError(f"language {lang!r} is not supported", hint="Use en, ru or zh.")
    return lang


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


MAX_KR_CHARS = 1_000  # a key result is a sentence; the longest in bench/eval is under 400
MAX_RUN_CHARS = 100  # characters without a space: a hundred-digit number is no figure


def _too_long(text: str) -> dict | None:
    """Parameters of DRAFT-X02 when the text is past what the rules read. The analysis is close to
    linear in ordinary text, but some shapes (a 60,000-digit run, thousands of CJK characters in an
    English sentence) make a pattern rescan the rest of the run from each position; checking
    only what a key result can be keeps every plan's lint time in proportion to its size."""
    if len(text) > MAX_KR_CHARS:
        return {"count": f"{len(text):,}", "max": f"{MAX_KR_CHARS:,}"}
    if len(text) <= MAX_RUN_CHARS:
        return None  # no run can be longer than the text (most key results)
    longest = max((len(run) for run in text.split()), default=0)
    if longest > MAX_RUN_CHARS:
        return {"count": f"{longest:,}", "max": f"{MAX_RUN_CHARS:,}"}
    return None


def _kr(text: str, ctx: KRContext, lang: str | None, pointer: str, config: LintConfig) -> list[Finding]:
    ctx.too_long = _too_long(text)
    if ctx.too_long is not None:
        a = analyse("", lang or "en")  # only DRAFT-X02 fires on an empty text with too_long set
        found = [(code, params) for code, params in kr_findings(a, ctx, frozenset(config.enable)) if code == "DRAFT-X02"]
    else:
        text, ctx.placeholder = mask_placeholders(text)
        a = analyse(text, lang)
        found = kr_findings(a, ctx, frozenset(config.enable))
    out = []
    for code, params in found:
        f = make_finding(code, params, lang=a.lang, pointer=pointer, scope="kr", config=config)
        if f:
            out.append(f)
    return out


def check_kr(
    text: str,
    *,
    objective: str | None = None,
    period=None,
    lang: str | None = None,
    due: str | None = None,
    config: LintConfig | None = None,
) -> list[Finding]:
    """Findings for one key result on its own (a fragment: P01–P04 never fire).

    `objective` and `period` are context only: a time in the objective or a plan period makes the KR
    time-bound. `lang` forces the language instead of detecting it from the text.
    """
    if not isinstance(text, str) or not text.strip() or not clean(text):
        raise OkrgenError("nothing to check: the key result text is empty")
    ctx = KRContext(
        objective_timebound=bool(objective and objective.strip() and objective_timebound(objective)),
        period=_period(period),
        due=_due(due),
    )
    return _kr(text, ctx, _lang(lang), "", config or _DEFAULT)


def check_objective(text: str, *, lang: str | None = None, config: LintConfig | None = None) -> list[Finding]:
    """Objective-scope findings (O01, O02) for one objective text."""
    if not isinstance(text, str) or not clean(text):
        raise OkrgenError("nothing to check: the objective text is empty")
    return _objective(text, _lang(lang), "", config or _DEFAULT)


def _objective(title: str, lang: str | None, pointer: str, config: LintConfig) -> list[Finding]:
    lg = lang or detect_lang(clean(title))
    out = []
    if objective_has_number(title, lg):
        out.append(make_finding("SMART-O01", {}, lang=lg, pointer=pointer, scope="objective", config=config))
    verb = objective_bau_verb(title, lg)
    if verb:
        out.append(make_finding("SMART-O02", {"term": verb}, lang=lg, pointer=pointer, scope="objective", config=config))
    return [f for f in out if f]


def _text(value: Any) -> str:
    if isinstance(value, dict):  # a translated mapping: lint the first language given
        value = next((v for v in value.values() if isinstance(v, str)), "")
    return value if isinstance(value, str) else ""


def lint_plan(plan: dict, *, config: LintConfig | None = None, fragment: bool = False) -> list[Finding]:
    """Findings for a loaded, schema-valid plan. `fragment=True`: part of a plan, so no P01–P04."""
    config = config or _DEFAULT
    period = _period(plan.get("period"))
    objectives = plan.get("objectives") or []
    plan_lang = plan.get("lang") if plan.get("lang") in LANGS else None
    findings: list[Finding] = []

    def add(f: Finding | None) -> None:
        if f and not (fragment and f.code in plan_only()):
            findings.append(f)

    if len(objectives) > config.max_objectives:
        first = next((_text(o.get("title")) for o in objectives if _text(o.get("title")).strip()), "")
        lg = plan_lang or (detect_lang(first) if first else "en")
        add(make_finding("SMART-P02", {"count": len(objectives), "max": config.max_objectives}, lang=lg, pointer="", scope="plan", config=config))
    uses_owners = config.require_owner or any(str(kr.get("owner") or "").strip() for o in objectives for kr in (o.get("key_results") or []))
    seen: dict[str, str] = {}
    for oi, obj in enumerate(objectives):
        title = _text(obj.get("title"))
        optr = f"/objectives/{oi}"
        olang = detect_lang(clean(title)) if clean(title) else (plan_lang or "en")
        if clean(title):
            for f in _objective(title, olang, optr, config):
                add(f)
        krs = obj.get("key_results") or []
        if not config.min_krs <= len(krs) <= config.max_krs:
            add(
                make_finding(
                    "SMART-P01", {"count": len(krs), "min": config.min_krs, "max": config.max_krs}, lang=olang, pointer=optr, scope="objective", config=config
                )
            )
        obj_tb = bool(clean(title)) and objective_timebound(title, olang)
        for ki, kr in enumerate(krs):
            text = _text(kr.get("text"))
            kptr = f"{optr}/key_results/{ki}"
            ignore = {str(c).upper() for c in (kr.get("ignore") or [])}
            klang = detect_lang(clean(text)) if clean(text) else olang
            kr_out: list[Finding] = []
            if clean(text):
                ctx = KRContext(
                    objective_timebound=obj_tb,
                    period=period,
                    due=_due(kr.get("due")),
                    baseline=_number(kr.get("baseline") if kr.get("baseline") is not None else kr.get("previous")),
                    target=_number(kr.get("target")),
                    direction=kr.get("direction"),
                    baseline_is_previous=kr.get("baseline") is None and kr.get("previous") is not None,
                )
                kr_out = _kr(text, ctx, None, kptr, config)
                key = duplicate_key(text)
                if key in seen:
                    kr_out.append(make_finding("SMART-P03", {"ref": seen[key]}, lang=klang, pointer=kptr, scope="kr", config=config))
                else:
                    seen[key] = f"{oi + 1}.{ki + 1}"
            if uses_owners and not str(kr.get("owner") or "").strip():
                kr_out.append(make_finding("SMART-P04", {}, lang=klang, pointer=kptr, scope="kr", config=config))
            for f in kr_out:
                if f and f.code not in ignore and "*" not in ignore:
                    add(f)
    return findings
