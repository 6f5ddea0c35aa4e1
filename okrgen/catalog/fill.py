"""Fill a template's parameters into a plan.

Template text is Jinja, and templates may come from other people, so it runs in an immutable
sandbox with StrictUndefined: a placeholder that names no parameter is an error, never an empty
string in a printed plan. Derived parameters (`derive:`) are Jinja expressions evaluated in
dependency order, so a revenue target turns into the deals, SQLs and MQLs it implies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import hashlib
import math
from collections.abc import Callable
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateNotFound, meta, pass_context

from okrgen import i18n
from okrgen.catalog.params import ParamError, Parameter
from okrgen.catalog.sandbox import BoundedSandbox, bounded_range, plain_message, printable, template_line, time_limit
from okrgen.catalog.template import Template, default_currency
from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.plan.defaults import default_value, in_currency, next_quarter, today  # noqa: F401 (re-exported)
from okrgen.track import funnel as stages  # funnel maths and the company's stage names

Prompt = Callable[[Parameter, Any], Any]


# -- the sandbox --------------------------------------------------------------------------------
def _lang(ctx) -> str:
    return ctx.get("_lang", "en")


@pass_context
def _f_num(ctx, value):
    return i18n.fmt_number(value, _lang(ctx))


@pass_context
def _f_pct(ctx, value):
    return i18n.fmt_percent(value, _lang(ctx))


@pass_context
def _f_money(ctx, value):
    return i18n.fmt_money(value, _lang(ctx), ctx.get("_currency", "USD"))


@pass_context
def _f_date(ctx, value):
    return i18n.fmt_date(value, _lang(ctx))


@pass_context
def _f_period(ctx, value):
    return i18n.fmt_period(value, _lang(ctx))


@pass_context
def _f_label(ctx, value):
    """A choice's translated label: {{ review_cadence | label }} prints "ежеквартально" in Russian."""
    params = ctx.get("_choices") or {}
    owner = [p for p in params.values() if ctx.get(p.name) == value] + [p for p in params.values() if value in p.choice_values()]
    return owner[0].choice_label(value, _lang(ctx)) if owner else str(value)


class PeriodValue(str):
    """The period answer as templates see it: prints as "2027-Q1", and has .start and .end (ISO
    dates) so a due date can follow the period: `due: "{{ period.end }}"`."""

    @property
    def start(self) -> str:
        from okrgen.period import parse_period

        return parse_period(str(self)).start.isoformat()

    @property
    def end(self) -> str:
        from okrgen.period import parse_period

        return parse_period(str(self)).end.isoformat()


def context(template: Template, values: dict[str, Any], lang: str) -> dict[str, Any]:
    """What texts and expressions see: the answers, the period with .start/.end, and what the
    filters need (language, currency, the choice parameters for `| label`)."""
    ctx = {**values, "_lang": lang, "_currency": values.get("currency") or default_currency(lang)}
    if isinstance(values.get("period"), str) and values["period"]:
        ctx["period"] = PeriodValue(values["period"])
    ctx["_choices"] = {p.name: p for p in template.parameters if p.type == "choice"}
    return ctx


class _SourceLoader(BaseLoader):
    """Templates registered by source, so compiled code can come from the bytecode cache."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}

    def add(self, source: str) -> str:
        # The salt names the sandbox the code was compiled for: intercepted operators and
        # `finalize` are compiled in, so code cached by an older sandbox must not be reused.
        name = hashlib.sha1((_SANDBOX + source).encode("utf-8")).hexdigest()
        self.sources[name] = source
        return name

    def get_source(self, environment, template):
        if template not in self.sources:
            raise TemplateNotFound(template)
        return self.sources[template], None, lambda: True


# The filters okrgen adds to Jinja's own (documented in docs/authoring.md).
OKRGEN_FILTERS = ("num", "pct", "money", "date", "period", "label")

_SANDBOX = "bounded-2:"


@functools.cache
def environment() -> BoundedSandbox:
    from okrgen.resources import bytecode_cache

    env = BoundedSandbox(
        undefined=StrictUndefined,
        finalize=printable,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        loader=_SourceLoader(),
        bytecode_cache=bytecode_cache(),
    )
    env.filters.update(num=_f_num, pct=_f_pct, money=_f_money, date=_f_date, period=_f_period, label=_f_label)
    env.globals.update(funnel=stages.required, ceil=math.ceil, floor=math.floor, min=min, max=max, range=bounded_range, **stages.template_functions())
    return env


@functools.cache
def compiled_expression(source: str):
    """`compile_expression(source)`, with the compiled code kept in the Jinja bytecode cache.

    Derived parameters and numeric fields are expressions; compiling one is lexing, parsing and
    code generation (~0.45 ms), which is most of what `resolve` and `fill` cost for a template
    with a few dozen of them. The cache is keyed by the expression's text, like a template's.
    """
    from jinja2 import nodes
    from jinja2.environment import TemplateExpression
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.parser import Parser

    env = environment()
    cache = env.bytecode_cache
    if cache is None:
        return env.compile_expression(source, undefined_to_none=False)
    # The file is found by name, and its checksum of the source decides whether it is current.
    bucket = cache.get_bucket(env, "expression:" + hashlib.sha1((_SANDBOX + source).encode("utf-8")).hexdigest(), None, source)
    if bucket.code is None:
        # What Environment.compile_expression does, keeping the code object it throws away.
        parser = Parser(env, source, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
        expr.set_environment(env)
        bucket.code = env.compile(nodes.Template([nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)], lineno=1))
        cache.set_bucket(bucket)
    template = env.template_class.from_code(env, bucket.code, env.make_globals(None))
    return TemplateExpression(template, undefined_to_none=False)


def referenced_names(source: str, expression: bool = False) -> set[str]:
    """The parameters a text or expression uses (for the order of derived parameters).

    Kept on disk by the text: finding them means lexing and parsing, the only thing `okrgen new`
    would otherwise build Jinja's lexer for (~7 ms), since compiled code comes from the cache.
    """
    from okrgen.cache import cached_parse

    env = environment()
    names = cached_parse("{{ " + source + " }}" if expression else source, _undeclared, "jinja-undeclared")
    return set(names) - set(env.globals)


def _undeclared(text: str) -> list[str]:
    return sorted(meta.find_undeclared_variables(environment().parse(text)))


# -- answers ------------------------------------------------------------------------------------
def derive_order(template: Template) -> list[Parameter]:
    """Derived parameters in an order where each comes after what it uses; a cycle is an error.

    Kept on the template: `catalog validate` fills one template dozens of times (examples, sweep).
    """
    cached = template.__dict__.get("_derive_order")
    if cached is not None:
        return cached
    order = _derive_order(template)
    template.__dict__["_derive_order"] = order
    return order


def _derive_order(template: Template) -> list[Parameter]:
    derived = {p.name: p for p in template.parameters if p.derive}
    deps = {}
    for name, p in derived.items():
        try:
            deps[name] = referenced_names(p.derive, expression=True) & set(derived)
        except TemplateError as err:
            raise _template_error(template, p.pointer + "/derive", f"derived parameter '{name}': {err}") from None
    order: list[Parameter] = []
    state: dict[str, int] = {}

    def visit(name: str, stack: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = " → ".join(stack[stack.index(name) :] + [name])
            raise _template_error(template, derived[name].pointer + "/derive", f"derived parameters form a cycle: {cycle}")
        state[name] = 1
        for d in sorted(deps[name]):
            visit(d, stack + [name])
        state[name] = 2
        order.append(derived[name])

    for name in derived:
        visit(name, [])
    return order


def _template_error(template: Template, pointer: str, message: str, fix: str = "") -> OkrgenError:
    line, col = template.position(pointer)
    f = Finding("TEMPLATE-FILL", "error", message, fix, template.file, line, col, pointer)
    return OkrgenError(message, [f])


def resolve(
    template: Template,
    lang: str,
    given: dict[str, Any] | None = None,
    prompt: Prompt | None = None,
    today_: dt.date | None = None,
) -> dict[str, Any]:
    """Checked values for every parameter: given > prompt > default; derived ones computed."""
    given = dict(given or {})
    names = [p.name for p in template.parameters]
    # Answers under a name the parameter had in an earlier version (`renamed:`) still count.
    for p in template.parameters:
        for old in p.renamed:
            if old in given and old not in names:
                value = given.pop(old)
                given.setdefault(p.name, value)
    for name in given:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = (f"Did you mean '{close[0]}'? " if close else "") + f"`okrgen show {template.id}` lists its parameters."
            raise OkrgenError(f"template '{template.id}' has no parameter '{name}'", hint=hint)
        p = template.parameter(name)
        if p and p.derive:
            raise OkrgenError(
                f"parameter '{name}' is derived ({p.derive}); it can't be set",
                hint="Set the parameters it is computed from instead.",
            )
    skipped, folded = _merged_rates(template, given)
    answers: dict[str, Any] = {}
    for p in template.parameters:
        if p.derive:
            continue
        if p.name in skipped:  # one step in this company's funnel: 100 %, never asked for
            answers[p.name] = 100
            continue
        if p.name in folded:
            p = dataclasses.replace(p, default=folded[p.name])
        # Money defaults are written in the reference currency (USD); in a rouble or yuan plan they
        # are scaled to figures a team there would write. What the user gives is never scaled.
        p = in_currency(p, _plan_currency(answers, given, lang), template.currency)
        default = default_value(p, lang, today_ or today())
        if isinstance(default, str) and "{{" in default:
            default = _expression_default(template, p, default, answers, lang)
        asked = p.when is None or _truth(template, p.pointer + "/when", p.when, answers, lang)
        if p.name in given:
            answers[p.name] = p.coerce(given[p.name])
        elif prompt is not None and asked:
            answers[p.name] = prompt(p, default)
        elif default is not None:
            try:
                answers[p.name] = p.coerce(default)
            except ParamError as err:
                raise _template_error(template, p.pointer + "/default", f"default of '{p.name}': {err.message}", err.hint) from None
        elif p.required or p.type not in ("string",):
            raise ParamError(p.name, "required", p)
        else:
            answers[p.name] = ""
    values = dict(answers)
    for p in derive_order(template):
        p = in_currency(p, _plan_currency(answers, given, lang), template.currency)
        try:
            with time_limit():
                result = compiled_expression(p.derive)(**context(template, values, lang))
        except OkrgenError as err:
            raise _template_error(template, p.pointer + "/derive", f"derived parameter '{p.name}': {err.message}", err.hint) from None
        except Exception as err:  # anything an expression from another person's template can raise
            raise _template_error(
                template,
                p.pointer + "/derive",
                f"derived parameter '{p.name}' could not be computed: {plain_message(err)}",
                "Check the expression and the values it uses ("
                + ", ".join(f"{k}={values[k]!r}" for k in sorted(referenced_names(p.derive, True)) if k in values)
                + ").",
            ) from None
        try:
            values[p.name] = p.coerce(result)
        except ParamError as err:
            raise _template_error(template, p.pointer + "/derive", f"derived parameter '{p.name}' gave {result!r}: {err.message}", err.hint) from None
    _validate(template, values, lang)
    return values


def _expression_default(template: Template, p: Parameter, source: str, answers: dict, lang: str) -> str:
    """A default written as Jinja over earlier answers ("{{ period.end }}"), so it follows them."""
    try:
        with time_limit():
            return environment().from_string(source).render(context(template, answers, lang)).strip()
    except OkrgenError as err:
        raise _template_error(template, p.pointer + "/default", f"default of '{p.name}': {err.message}", err.hint) from None
    except Exception as err:  # another person's template: any failure is theirs to fix
        raise _template_error(
            template, p.pointer + "/default", f"default of '{p.name}' could not be computed: {plain_message(err)}", "It may use only earlier parameters."
        ) from None


def _truth(template: Template, pointer: str, expr: str, values: dict, lang: str) -> bool:
    try:
        with time_limit():
            return bool(compiled_expression(expr)(**context(template, values, lang)))
    except OkrgenError as err:
        raise _template_error(template, pointer, f"'{expr}': {err.message}", err.hint) from None
    except Exception as err:  # another person's template: any failure is theirs to fix
        raise _template_error(
            template, pointer, f"'{expr}' could not be evaluated: {plain_message(err)}", "Use only parameters declared before this one."
        ) from None


class RefusedAnswers(OkrgenError):
    """Answers a template's own `validate:` check refuses (the range sweep skips them)."""


def _validate(template: Template, values: dict, lang: str) -> None:
    """`validate:` checks across parameters: the first false one stops with its own message,
    in the plan's language (the author wrote it for the people answering)."""
    for p in template.parameters:
        for n, rule in enumerate(p.validate):
            if not _truth(template, f"{p.pointer}/validate/{n}/check", rule["check"], values, lang):
                text = i18n.pick(rule["message"], lang)
                try:
                    with time_limit():
                        text = environment().from_string(text).render(context(template, values, lang))
                except Exception:  # the message stays as written
                    pass
                shown = ", ".join(f"{k}={values[k]}" for k in sorted(referenced_names(rule["check"], expression=True)) if k in values)
                raise RefusedAnswers(f"parameter '{p.name}': {text}", hint=f"Values: {shown}. The check: {rule['check']}.")


def _merged_rates(template: Template, given: dict[str, Any]) -> tuple[set[str], dict[str, Any]]:
    """Parameters for a rate between stages the company merged (okrgen.toml [funnel] merge), and
    the defaults that take over their loss.

    `sql_to_sal_pct` means nothing when SQL = SAL, so it is not asked for. Its default is folded
    into the rate leaving the merged stage (`sal_to_won_pct` 25 % × 80 % → 20 %, its baseline
    too), so the volumes the template plans stay those it was written for: otherwise the MQLs
    needed would drop below last period's and the plan would contradict itself. A parameter is
    a rate by what the template's funnel() calls pass it as (`sal_to_won=win_rate / 100`), or by
    its name, `<rate>_<suffix>`, the catalog's convention.
    """
    import re

    # Which parameter a template passes as which rate: funnel('sql', …, sal_to_won=win_rate / 100).
    passed: dict[str, str] = {}
    for q in template.parameters:
        for rate, name in re.findall(r"\b([a-z]+_to_[a-z]+)\s*=\s*([a-z_][a-z0-9_]*)\s*/\s*100\b", q.derive or ""):
            passed.setdefault(rate, name)
    passed_as = {name: rate for rate, name in passed.items()}
    skipped: set[str] = set()
    folded: dict[str, Any] = {}
    for p in template.parameters:
        rate = None if p.derive else stages.merged_rate(p.name) or (stages.merged_rate(passed_as[p.name]) if p.name in passed_as else None)
        if rate is None:
            continue
        out = stages.rate_out_of_merge(rate)
        if out and passed.get(rate) == p.name and out in passed:  # the rate a funnel() call uses
            into = template.parameter(passed[out])
        elif out and p.name.startswith(rate):  # its baseline, by name: sql_to_sal_baseline → sal_to_won_baseline
            into = template.parameter(out + p.name[len(rate) :])
        else:
            into = None
        if p.name in given:
            upper, _, lower = rate.partition("_to_")
            err = OkrgenError(
                f"parameter '{p.name}' is the {upper.upper()} → {lower.upper()} rate, and {upper.upper()} and {lower.upper()} are one stage in okrgen.toml [funnel] merge",
                hint="Leave it out" + (f"; the rate from the merged stage on is '{into.name}'." if into else "."),
            )
            err.name = p.name  # type: ignore[attr-defined]  # `new` points at it in an answers file
            raise err
        skipped.add(p.name)
        if into is None or into.derive or into.type != "percent" or p.type != "percent":
            continue
        base = folded.get(into.name, into.default)
        if isinstance(base, (int, float)) and isinstance(p.default, (int, float)):
            value = round(base * p.default / 100, 1)
            folded[into.name] = int(value) if float(value).is_integer() else value
    return skipped, folded


def _plan_currency(answers: dict[str, Any], given: dict[str, Any], lang: str) -> str:
    """The plan's currency as far as it is known: the answer (the standard parameter comes
    before a template's own), else what was given, else the language's."""
    currency = answers.get("currency") or given.get("currency")
    return str(currency).strip().upper() if currency else default_currency(lang)


def input_names(template: Template) -> list[str]:
    return [p.name for p in template.parameters if not p.derive]


# -- filling ------------------------------------------------------------------------------------
class Filler:
    """Renders a template's text fields for one language and set of values."""

    def __init__(self, template: Template, lang: str, values: dict[str, Any]):
        self.template = template
        self.lang = lang
        self.ctx = context(template, values, lang)
        self.env = environment()
        self._done: dict[str, str] = {}

    _SEP = "\n\x1eokrgen\x1e\n"

    def prerender(self, sources: list[str]) -> None:
        """Render many texts as one Jinja template: one compile instead of one per text.

        Compiling is most of the cost of filling (~1.5 ms a text). On any error nothing is
        cached, and `text()` renders each text alone so the error points at its field.
        """
        todo = [s for s in dict.fromkeys(sources) if "{" in s and self._SEP not in s]
        if not todo:
            return
        try:
            name = self.env.loader.add(self._SEP.join(todo))
            with time_limit():
                parts = self.env.get_template(name).render(self.ctx).split(self._SEP)
        except Exception:
            return
        if len(parts) == len(todo):
            self._done.update(zip(todo, parts))

    def text(self, value: Any, pointer: str) -> str | None:
        if value is None:
            return None
        source = value.get(self.lang) if isinstance(value, dict) else value
        if source is None:
            raise _template_error(self.template, pointer, f"no '{self.lang}' text here", f"Add a '{self.lang}:' translation.")
        ptr = f"{pointer}/{self.lang}" if isinstance(value, dict) else pointer
        if "{" not in str(source) or str(source) in self._done:
            text = stages.company_words(self._done.get(str(source), str(source)), self.lang)
            return i18n.tidy_text(text, self.lang) if "\n" not in text.strip() else text.strip()
        try:
            with time_limit():
                filled = stages.company_words(self.env.from_string(str(source)).render(self.ctx), self.lang)
        except OkrgenError as err:
            raise _template_error(self.template, ptr, f"template text could not be filled: {err.message}", err.hint) from None
        except Exception as err:  # the template is someone else's code: any failure is theirs to fix
            line = template_line(err) if "\n" in str(source).strip() else None
            where = f" (line {line} of the text)" if line else ""
            fix = "Placeholders must name a parameter of the template." if isinstance(err, TemplateError) else "Fix the expression in this text."
            raise _template_error(self.template, ptr, f"template text could not be filled{where}: {plain_message(err)}", fix) from None
        return i18n.tidy_text(filled, self.lang) if "\n" not in str(source).strip() else filled.strip()

    def number(self, value: Any, pointer: str) -> float | int | None:
        if value is None or isinstance(value, (int, float)):
            return value
        try:
            with time_limit():
                result = compiled_expression(str(value))(**self.ctx)
        except OkrgenError as err:
            raise _template_error(self.template, pointer, f"expression '{value}' failed: {err.message}", err.hint) from None
        except Exception as err:
            raise _template_error(self.template, pointer, f"expression '{value}' failed: {plain_message(err)}") from None
        if isinstance(result, bool) or not isinstance(result, (int, float)):
            raise _template_error(self.template, pointer, f"expression '{value}' gave {result!r}, not a number")
        return int(result) if float(result).is_integer() else round(float(result), 4)


def _money_target(template: Template, target: Any) -> bool:
    """Whether a key result's target is a money parameter (or an expression over one)."""
    if not isinstance(target, str):
        return False
    known = template.__dict__.setdefault("_money_targets", {})  # filled dozens of times by validate
    if target not in known:
        try:
            names = referenced_names(target, expression=True)
        except TemplateError:
            names = set()
        known[target] = any((p := template.parameter(n)) is not None and p.type == "money" for n in names)
    return known[target]


def fill(template: Template, lang: str, values: dict[str, Any]) -> dict[str, Any]:
    """The plan (plain data, valid against plan.schema.json) for these values."""
    if lang not in template.languages:
        raise OkrgenError(
            f"template '{template.id}' has no '{lang}' text",
            hint="Its languages: " + ", ".join(template.languages) + ". Use --lang with one of them.",
        )
    f = Filler(template, lang, values)
    data = template.data
    from okrgen.catalog.template import field_texts

    texts = template.__dict__.setdefault("_texts", {})  # the same for every fill of one template
    if lang not in texts:
        texts[lang] = [str(text) for _, text_lang, text in field_texts(data) if text_lang == lang]
    f.prerender(texts[lang])
    L = i18n.labels(lang)
    team = values.get("team") or ""
    title = (
        f.text(data["title"], "/title")
        if data.get("title")
        else L["plan_title"].format(team=team or template.role(lang), period=i18n.fmt_period(values.get("period"), lang))
    )
    plan: dict[str, Any] = {"version": 1, "title": title, "lang": lang, "period": values.get("period")}
    if team:
        plan["team"] = team
    if values.get("owner"):
        plan["owner"] = values["owner"]
    plan["currency"] = values.get("currency") or default_currency(lang)
    source: dict[str, Any] = {"template": template.id, "version": template.version}
    if template.catalog_dir:
        source["catalog"] = template.catalog_dir
    source["answers"] = {k: values[k] for k in input_names(template) if k in values and not stages.merged_rate(k)}
    plan["source"] = source
    left_out: list[str] = []  # rates of key results the company's merged stages leave out
    objectives = []
    for i, obj in enumerate(data["objectives"]):
        base = f"/objectives/{i}"
        o: dict[str, Any] = {"id": f"O{i + 1}", "title": f.text(obj["title"], base + "/title")}
        if obj.get("description"):
            o["description"] = f.text(obj["description"], base + "/description")
        if values.get("owner"):
            o["owner"] = values["owner"]
        krs = []
        for j, kr in enumerate(obj["key_results"]):
            kp = f"{base}/key_results/{j}"
            rate = stages.merged_rate(str(kr.get("metric") or ""))
            if rate:  # a conversion between stages that are one step here: nothing to plan
                left_out.append(rate)
                continue
            k: dict[str, Any] = {"id": f"KR{i + 1}.{len(krs) + 1}", "text": f.text(kr["text"], kp + "/text")}
            for key in ("metric", "direction", "kind"):
                if kr.get(key):
                    k[key] = kr[key]
            if kr.get("unit"):
                k["unit"] = f.text(kr["unit"], kp + "/unit")
            elif _money_target(template, kr.get("target")):
                k["unit"] = plan["currency"]  # a money figure without its currency reads as a bare number
            for key in ("baseline", "previous", "target"):
                if key in kr:
                    k[key] = f.number(kr[key], f"{kp}/{key}")
            if kr.get("pace"):
                k["pace"] = list(kr["pace"])
            if kr.get("due"):
                k["due"] = f.text(kr["due"], kp + "/due")
            if kr.get("owner"):
                k["owner"] = f.text(kr["owner"], kp + "/owner") or None
            if kr.get("confidence") is not None:
                k["confidence"] = kr["confidence"]
            krs.append(k)
        o["key_results"] = krs
        inits = [f.text(t, f"{base}/initiatives/{n}") for n, t in enumerate(obj.get("initiatives") or [])]
        if inits:
            o["initiatives"] = inits
        objectives.append(o)
    plan["objectives"] = objectives
    kpis = []
    for n, kpi in enumerate(data.get("kpis") or []):
        if stages.merged_rate(str(kpi.get("metric") or "")):
            left_out.append(stages.merged_rate(str(kpi["metric"])))
            continue
        item: dict[str, Any] = {"name": f.text(kpi["name"], f"/kpis/{n}/name")}
        if kpi.get("target"):
            item["target"] = f.text(kpi["target"], f"/kpis/{n}/target")
        if kpi.get("metric"):
            item["metric"] = kpi["metric"]
        kpis.append(item)
    if kpis:
        plan["kpis"] = kpis
    if left_out:  # said before the objectives, where a reader of the template would look for them
        at = list(plan).index("objectives")
        items = list(plan.items())
        plan = dict(items[:at] + [("notes", stages.left_out_note(left_out, lang))] + items[at:])
    from okrgen.catalog.refill import fingerprint

    source["fingerprint"] = fingerprint(plan)
    return plan
