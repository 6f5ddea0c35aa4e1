"""`okrgen catalog validate`: the checks every template must pass, built-in or a company's own.

A template is data other people write, so each mistake is reported as a Finding at its line in
the YAML rather than surfacing later as a broken plan: schema violations, Jinja that does not
parse, placeholders that name no parameter, parameters nothing uses, missing translations, bad
defaults, derived expressions that fail or loop, duplicate ids, and SMART findings at the defaults.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import TemplateSyntaxError

from okrgen.catalog.params import ParamError
from okrgen.catalog.template import Template, field_texts, from_loaded
from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.plan.yamlload import load


def _rule_text(code: str, key: str, params: dict) -> str:
    """A message or fix of a TEMPLATE-… rule from the registry (rules_template.yaml), filled."""
    from okrgen.lint.registry import load_rules

    text = load_rules()[code].text(key, "en")
    return _PLACEHOLDER.sub(lambda m: str(params.get(m.group(1), m.group(0))), text)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _f(code: str, params: dict, t_file: str, loaded, pointer: str, severity: str | None = None) -> Finding:
    """A finding whose words are the registry's: every TEMPLATE-… code is documented there."""
    from okrgen.lint.registry import load_rules

    line, col = loaded.position(pointer) if loaded else (None, None)
    return Finding(
        code, severity or load_rules()[code].severity, _rule_text(code, "message", params), _rule_text(code, "fix", params), t_file, line, col, pointer
    )


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"Did you mean `{close[0]}`? " if close else ""


def _jinja_hint(err: TemplateSyntaxError) -> str:
    """A misspelt filter is not a bracket problem: name the filter it probably meant."""
    from okrgen.catalog.fill import OKRGEN_FILTERS, environment

    m = re.search(r"No (filter|test) named '(\w+)'", err.message or "")
    if m:
        env = environment()
        known = env.filters if m.group(1) == "filter" else env.tests
        own = ", ".join(OKRGEN_FILTERS)
        return _did_you_mean(m.group(2), known) + f"okrgen's filters: {own}; Jinja's own work too (round, abs, default …). docs/authoring.md lists them."
    return "Check the {{ }} and {% %} pairs in this text."


def _expr_fields(data: dict) -> list[tuple[str, str]]:
    """(pointer, expression) of baseline/previous/target fields written as expressions."""
    out = []
    for i, obj in enumerate(data.get("objectives") or []):
        for j, kr in enumerate(obj.get("key_results") or []):
            for key in ("baseline", "previous", "target"):
                if isinstance(kr.get(key), str):
                    out.append((f"/objectives/{i}/key_results/{j}/{key}", kr[key]))
    return out


# Departments okrgen's own catalog uses; any other lower-case name is allowed (issue 15).
_DEPARTMENTS = ("sales", "marketing", "shared", "customer-success")


def check_template(t: Template, sweep: bool = True) -> list[Finding]:
    """Every check of one template, with its `# okrgen: ignore[...]` comments applied."""
    return _unsuppressed(_check(t, sweep), t.loaded)


def _check(t: Template, sweep: bool) -> list[Finding]:
    from okrgen.catalog.fill import derive_order, environment, fill, referenced_names, resolve

    loaded, file, data = t.loaded, t.file, t.data
    findings: list[Finding] = []
    names = {p.name for p in t.parameters}
    known = names | set(environment().globals)
    used: set[str] = set()

    def unknown(name: str, pointer: str, where: str = "") -> None:
        hint = _did_you_mean(name, known) + "Declare it under `parameters:` or fix the name. Parameters: " + ", ".join(sorted(names)) + "."
        findings.append(_f("TEMPLATE-PLACEHOLDER", {"name": name, "where": where, "hint": hint}, file, loaded, pointer))

    # Every translated text: all declared languages present, Jinja parses, placeholders known.
    texts = field_texts(data)
    by_field: dict[str, set[str]] = {}
    for pointer, lang, text in texts:
        by_field.setdefault(pointer.rsplit("/", 1)[0], set()).add(lang)
        try:
            refs = referenced_names(str(text))
        except TemplateSyntaxError as err:
            line, col = loaded.position(pointer)
            f = _f("TEMPLATE-JINJA", {"detail": f"Jinja syntax error: {err.message}", "hint": _jinja_hint(err)}, file, loaded, pointer)
            findings.append(f.with_location(file, (line or 0) + (err.lineno or 1) - 1 if line else None, col))
            continue
        used |= refs
        for name in sorted(refs - names):
            unknown(name, pointer)
    for field, langs in by_field.items():
        for lang in t.languages:
            if lang not in langs:
                findings.append(_f("TEMPLATE-LANG", {"lang": lang}, file, loaded, field))
    exprs = _expr_fields(data) + [(p.pointer + "/derive", p.derive) for p in t.parameters if p.derive]
    exprs += [(p.pointer + "/when", p.when) for p in t.parameters if p.when]
    exprs += [(f"{p.pointer}/validate/{n}/check", rule["check"]) for p in t.parameters for n, rule in enumerate(p.validate)]
    for p in t.parameters:
        if isinstance(p.default, str) and "{{" in p.default:
            try:
                used |= referenced_names(p.default)
            except TemplateSyntaxError as err:
                findings.append(
                    _f("TEMPLATE-JINJA", {"detail": f"default of '{p.name}': {err.message}", "hint": _jinja_hint(err)}, file, loaded, p.pointer + "/default")
                )
    for pointer, expr in exprs:
        try:
            refs = referenced_names(expr, expression=True)
        except TemplateSyntaxError as err:
            detail = f"expression '{expr}' does not parse: {err.message}"
            hint = _jinja_hint(err) if "named" in (err.message or "") else "Write a Jinja expression without braces, e.g. revenue_target / deal_size."
            findings.append(_f("TEMPLATE-JINJA", {"detail": detail, "hint": hint}, file, loaded, pointer))
            continue
        used |= refs
        for name in sorted(refs - names):
            unknown(name, pointer, " in this expression")

    # Parameters: defaults in range / among choices, used somewhere.
    for p in t.parameters:
        if p.pointer and p.name not in used and p.name not in ("team", "owner", "period", "currency"):
            findings.append(_f("TEMPLATE-UNUSED", {"name": p.name}, file, loaded, p.pointer + "/name"))
        if p.type == "choice" and not p.choices:
            findings.append(_f("TEMPLATE-PARAM", {"detail": f"choice parameter '{p.name}' has no choices", "hint": "Add `choices:`."}, file, loaded, p.pointer))
        if p.default is not None and not p.derive and p.pointer and not (isinstance(p.default, str) and "{{" in p.default):
            for lang in t.languages:
                try:
                    p.coerce(p.default_for(lang))
                except ParamError as err:
                    params = {"name": p.name, "detail": err.message.split(": ", 1)[-1], "hint": err.hint or "Fix the default."}
                    findings.append(_f("TEMPLATE-DEFAULT", params, file, loaded, p.pointer + "/default"))
                    break
        if p.min is not None and p.max is not None and p.min > p.max:
            findings.append(
                _f("TEMPLATE-PARAM", {"detail": f"'{p.name}' has min {p.min} above max {p.max}", "hint": "Swap them."}, file, loaded, p.pointer + "/min")
            )
    findings.extend(_figures(t))
    dept = data.get("department")
    near = difflib.get_close_matches(dept, _DEPARTMENTS, n=1, cutoff=0.75) if isinstance(dept, str) and dept not in _DEPARTMENTS else []
    if near:
        detail = f"department '{dept}' is new to okrgen (its templates are grouped apart in `okrgen list`)"
        hint = f"Did you mean `{near[0]}`? A department of your own is fine: keep it if it is one."
        findings.append(_f("TEMPLATE-PARAM", {"detail": detail, "hint": hint}, file, loaded, "/department", severity="warning"))

    if any(f.severity == "error" for f in findings):
        return findings
    # Derived values and filling at the defaults, in every language; then the SMART check.
    try:
        derive_order(t)
        at_defaults: set[tuple[str, str]] = set()
        for lang in t.languages:
            plan = fill(t, lang, resolve(t, lang))
            smart = _smart(plan, t, lang)
            at_defaults |= {(f.code, f.pointer) for f in smart}
            findings.extend(smart)
    except OkrgenError as err:
        findings.extend(err.findings or [Finding("TEMPLATE-FILL", "error", err.message, err.hint, file)])
        return findings
    findings.extend(_examples(t))
    if sweep and not any(f.severity == "error" for f in findings):
        findings.extend(_sweep(t, at_defaults))
    return findings


def _smart(plan: dict, t: Template, lang: str, context: str = "at defaults") -> list[Finding]:
    try:
        from okrgen.lint import lint_plan
    except ImportError:
        return []
    out = []
    for f in lint_plan(plan):
        # Point at the template text that produced the finding, in the language it was found in.
        line, col = _where(t, f.pointer, lang)
        out.append(Finding(f.code, f.severity, f"[{lang}, {context}] {f.message}", f.fix, t.file, line, col, f.pointer, lang=lang, scope=f.scope))
    return out


def _where(t: Template, pointer: str, lang: str) -> tuple[int | None, int | None]:
    parts = pointer.split("/")
    pointer = pointer + ("/text" if len(parts) == 5 else "/title" if len(parts) == 3 else "")
    return t.position(f"{pointer}/{lang}") if pointer else (1, 1)


# -- suppression --------------------------------------------------------------------------------
IGNORE_COMMENT = re.compile(r"#\s*okrgen:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)


def _unsuppressed(findings: list[Finding], loaded) -> list[Finding]:
    """Findings not silenced by a `# okrgen: ignore[CODE]` comment on the node they are about.

    A comment counts on any line of the node (a parameter, a key result, a text) or alone on the
    line just above it, as in plans; the author says "this figure defines the metric" once, where
    the reader of the template sees it.
    """
    if loaded is None or "okrgen:" not in (loaded.text or ""):
        return findings
    lines = loaded.text.split("\n")
    marks: dict[int, set[str]] = {}
    for n, line in enumerate(lines, start=1):
        m = IGNORE_COMMENT.search(line) if "okrgen" in line else None
        if m:
            codes = {c.strip().upper() for c in (m.group("codes") or "").split(",") if c.strip()}
            marks[n] = codes or {"*"}
    if not marks:
        return findings
    if not loaded.spans and loaded.text:
        from okrgen.plan.yamlload import loads

        loaded = loads(loaded.text, loaded.file)

    def comment_only(n: int) -> bool:
        return 0 < n <= len(lines) and lines[n - 1].lstrip().startswith("#")

    def codes_at(pointer: str) -> set[str]:
        span = loaded.spans.get(pointer)
        if not span:
            return set()
        first, last = span
        head, _, idx = pointer.rpartition("/")
        if idx.isdigit() and (nxt := loaded.spans.get(f"{head}/{int(idx) + 1}")) and nxt[0] > first:
            last = min(last, nxt[0] - 1)
        out: set[str] = set()
        for n in range(first, last + 1):
            if not comment_only(n):
                out |= marks.get(n, set())
        if comment_only(first - 1):
            out |= marks.get(first - 1, set())
        return out

    kept = []
    for f in findings:
        silenced: set[str] = set(marks.get(f.line, set())) if f.line else set()
        ptr = f.pointer or ""
        while ptr:
            silenced |= codes_at(ptr)
            ptr = ptr.rpartition("/")[0]
        if f.code not in silenced and "*" not in silenced:
            kept.append(f)
    return kept


# -- figures typed into text --------------------------------------------------------------------
_JINJA_BLOCK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_NUM_WORDS = {
    "en": r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen",
    "ru": r"дв[аеу]|двух|двум|тр[иё]х?|трем|четыр\w*|пят[иьюо]\w*|шест\w*|сем[иь]\w*|восем\w*|девят\w*|десят\w*|двадцат\w*|тридцат\w*|сорок\w*|пятьдесят\w*|сто|дюжин\w*",
}
_SPAN_AFTER = {
    "en": r"\s*(?:-|\s)?(?:working\s+|business\s+)?(?:days?|hours?|weeks?|months?|minutes?|years?|quarters?)\b|\s*(?:%|×|x\b)",
    "ru": r"\s*(?:рабоч\w+\s+)?(?:дн\w*|день|час\w*|ч\b|недел\w*|месяц\w*|минут\w*|лет|год\w*|квартал\w*)|\s*(?:%|×)",
    "zh": r"\s*(?:个)?(?:工作日|天|小时|周|个月|月|分钟|年|季度|倍|分)|\s*(?:%|×)",
}
_FIGURE = {
    lang: re.compile(rf"(?<![\w.-])(?<!out of )(?<!из )(?:\d[\d,.]*|(?:{_NUM_WORDS[lang]}))(?![\w-])(?!{_SPAN_AFTER[lang]})", re.IGNORECASE)
    for lang in ("en", "ru")
}
_FIGURE["zh"] = re.compile(rf"(?<![A-Za-z\d.-])(?:\d[\d,.]*|[两二三四五六七八九十百千万]+)(?![\d.]|{_SPAN_AFTER['zh']})(?=[名个场篇次家条位份项轮组通封])")
_STOP = {"the", "of", "a", "an", "to", "in", "with", "for", "and", "from", "about", "on", "at", "by", "who", "that", "times", "most"}
_FIGURE_FIELDS = re.compile(r"^/objectives/\d+/(?:title|key_results/\d+/text|initiatives/\d+)/\w+$")


def figures(text: str, lang: str) -> list[re.Match]:
    """Figures written into a text outside its placeholders: digits and number words that count
    something ("four account executives", "двадцать пресс-релизов", "二十篇"), not time spans,
    percentages or multiples, which usually define the metric rather than set a target."""
    rx = _FIGURE.get(lang)
    if rx is None:
        return []
    return list(rx.finditer(_JINJA_BLOCK.sub(lambda m: " " * len(m.group(0)), text)))


def _figures(t: Template) -> list[Finding]:
    out = []
    for pointer, lang, text in field_texts(t.data):
        if not _FIGURE_FIELDS.match(pointer) or not isinstance(text, str):
            continue
        found = figures(text, lang)
        if found:
            m = found[0]
            words = re.findall(r"[a-z]+", text[m.end() : m.end() + 60].lower()) if lang == "en" else []
            suggest = "_".join([w for w in words if w not in _STOP][:2]) or "count"
            out.append(_f("TEMPLATE-FIGURE", {"figure": m.group(0).strip(), "suggest": suggest}, t.file, t.loaded, pointer))
    return out


# -- examples and the range sweep ---------------------------------------------------------------
def _kr_values(plan: dict) -> dict[str, dict]:
    return {kr["id"]: kr for o in plan.get("objectives") or [] for kr in o.get("key_results") or []}


def _examples(t: Template) -> list[Finding]:
    """Run each `examples:` entry: its answers, in its languages; the plan must lint as expected."""
    from okrgen.catalog.fill import fill, resolve

    out = []
    for n, ex in enumerate(t.data.get("examples") or []):
        pointer = f"/examples/{n}"
        name = ex.get("name") or f"#{n + 1}"
        langs = ex.get("lang") or t.languages
        langs = [langs] if isinstance(langs, str) else langs
        expect = {str(c).upper() for c in ex.get("expect") or []}

        for lang in langs:
            try:
                plan = fill(t, lang, resolve(t, lang, dict(ex.get("set") or {})))
            except OkrgenError as err:
                out.append(_example_finding(t, name, lang, f"the plan could not be made: {err.message}", pointer + "/set"))
                break
            from okrgen.lint import lint_plan

            got = lint_plan(plan)
            codes = {f.code for f in got}
            unexpected = [f for f in got if f.code not in expect and f.severity in ("error", "warning")]
            if unexpected:
                f = unexpected[0]
                out.append(_example_finding(t, name, lang, f"{f.code} at {f.pointer}: {f.message}", pointer))
                break
            if expect - codes:
                out.append(_example_finding(t, name, lang, "expected " + ", ".join(sorted(expect - codes)) + " but the plan does not have it", pointer))
                break
            krs = _kr_values(plan)
            wrong = [
                f"{kr_id}.{key} is {krs.get(kr_id, {}).get(key)!r}, not {want!r}"
                for kr_id, fields in (ex.get("values") or {}).items()
                for key, want in (fields or {}).items()
                if krs.get(kr_id, {}).get(key) != want
            ]
            if wrong:
                out.append(_example_finding(t, name, lang, "; ".join(wrong), pointer + "/values"))
                break
    return out


def _example_finding(t: Template, name: str, lang: str, detail: str, pointer: str) -> Finding:
    return _f("TEMPLATE-EXAMPLE", {"name": name, "lang": lang, "detail": detail}, t.file, t.loaded, pointer)


# Contradictions between values the user gives (a baseline above a target under "raise") are
# refused by `okrgen new` with both names; the sweep looks for what the template itself gets wrong.
_VALUE_DRIVEN = {"SMART-A01", "SMART-A02"}


def sweep_sets(t: Template) -> list[tuple[str, dict]]:
    """The answer sets the range sweep tries: each numeric parameter at its min, its max and a
    typical value (one at a time, the rest at defaults, languages taken in turn), another period,
    and every language with another currency. Kept to a few dozen fills per template so validation stays quick."""
    from okrgen.i18n import DEFAULT_CURRENCY

    langs = t.languages
    sets: list[tuple[str, dict]] = []
    numeric = [p for p in t.parameters if p.type in ("integer", "number", "percent", "money") and not p.derive and p.pointer]
    for i, p in enumerate(numeric):
        try:
            default = p.coerce(p.default_for(langs[0])) if p.default is not None else None
        except ParamError:
            continue
        tries = [v for v in (p.min, p.max) if v is not None]
        if isinstance(default, (int, float)) and default:
            # a typical other answer: three times the default where nothing bounds it above
            tries += [v for v in (default * 3,) if p.max is None and (p.type != "percent" or v <= 100)]
        for k, v in enumerate(dict.fromkeys(tries)):
            v = round(v) if p.type in ("integer", "money") or float(v).is_integer() else round(v, 2)
            sets.append((langs[(i + k) % len(langs)], {p.name: v}))  # languages in turn, so each text is tried
    # Another period, of another length: a due date typed as a fixed day falls outside it (T03).
    sets.append((langs[-1], {"period": "2031-H2"}))
    currencies = sorted(set(DEFAULT_CURRENCY.values()) | {"EUR"})
    for lang in langs:
        other = next(c for c in currencies if c != DEFAULT_CURRENCY.get(lang, "USD"))
        sets.append((lang, {"currency": other}))
    return sets


def _sweep(t: Template, at_defaults: set[tuple[str, str]]) -> list[Finding]:
    """The first answer set that gives a finding the defaults do not (TEMPLATE-RANGE)."""
    from okrgen.catalog.fill import RefusedAnswers, fill, resolve

    for lang, given in sweep_sets(t):
        shown = ", ".join(f"{k}={v}" for k, v in given.items())
        try:
            plan = fill(t, lang, resolve(t, lang, given))
        except (ParamError, RefusedAnswers):
            continue  # a value the parameter itself refuses (validate:, a choice) never reaches a plan
        except OkrgenError as err:
            f = (err.findings or [None])[0]
            return [
                _f("TEMPLATE-RANGE", {"values": shown, "lang": lang, "code": "TEMPLATE-FILL", "detail": err.message}, t.file, t.loaded, f.pointer if f else "")
            ]
        for f in _smart(plan, t, lang, context=shown):
            if f.code in _VALUE_DRIVEN or (f.code, f.pointer) in at_defaults or f.severity not in ("error", "warning"):
                continue
            params = {"values": shown, "lang": lang, "code": f.code, "detail": f.message.split("] ", 1)[-1]}
            return [_f("TEMPLATE-RANGE", params, t.file, t.loaded, f.pointer).with_location(t.file, f.line, f.col)]
    return []


def validate_paths(paths: Iterable[str | Path], sweep: bool = True) -> dict[str, list[Finding]]:
    """Findings per template file under the given folders or files."""
    from okrgen.catalog.index import template_files
    from okrgen.resources import folder

    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(template_files(p))
        elif p.is_file():
            files.append(p)
        else:
            raise OkrgenError(f"{raw}: no such file or directory")
    builtin_dir = Path(folder("catalog")).resolve()
    builtins = {}
    results: dict[str, list[Finding]] = {}
    seen_ids: dict[str, str] = {}
    for path in files:
        name = str(path)
        try:
            loaded = load(path)
            t = from_loaded(loaded)
        except OkrgenError as err:
            results[name] = [f if f.file else f.with_location(name) for f in err.findings] or [Finding("TEMPLATE-SCHEMA", "error", err.message, err.hint, name)]
            continue
        findings = check_template(t, sweep=sweep)
        if t.id in seen_ids:
            findings.insert(0, _f("TEMPLATE-DUPLICATE-ID", {"id": t.id, "other": seen_ids[t.id]}, name, loaded, "/id"))
        else:
            seen_ids[t.id] = name
        if builtin_dir not in path.resolve().parents:
            if not builtins:
                builtins.update(_builtin_languages(builtin_dir))
            if t.id in builtins:
                lost = [lang for lang in builtins[t.id] if lang not in t.languages]
                extra = f" (and drops its {', '.join(lost)} text)" if lost else ""
                findings[:0] = _unsuppressed([_f("TEMPLATE-SHADOW", {"id": t.id, "lost": extra}, name, loaded, "/id")], loaded)
        results[name] = findings
    return results


def _builtin_languages(builtin_dir: Path) -> dict[str, list[str]]:
    from okrgen.catalog.index import quick_load, template_files

    out = {}
    for path in template_files(builtin_dir):
        data = quick_load(path).data or {}
        out[str(data.get("id"))] = list(data.get("languages") or [])
    return out


# Findings that say a key result contradicts itself: its verb, its direction and its figures.
CONTRADICTIONS = ("SMART-A02", "AGREE-001", "AGREE-002")


def contradiction(t: Template, values: dict, findings: list[Finding]) -> OkrgenError | None:
    """The error `okrgen new` refuses values with when they make a key result contradict itself.

    A template's text is written for one direction ("Raise … from {{ b }} to {{ t }}"); values
    that run the other way would print a plan that says one thing and measures another. The error
    names the parameters that feed the key result's baseline and target, with their values, so
    the user knows which answers to change.
    """
    from okrgen.catalog.fill import referenced_names

    for f in findings:
        if f.code not in CONTRADICTIONS or f.severity != "error":
            continue
        parts = f.pointer.split("/")
        if len(parts) != 5:
            continue
        i, j = int(parts[2]), int(parts[4])
        kr = t.data["objectives"][i]["key_results"][j]
        names: list[str] = []
        for key in ("baseline", "previous", "target"):
            if isinstance(kr.get(key), str):
                names += [n for n in sorted(referenced_names(kr[key], expression=True)) if n in values and n not in names]
        if not names:
            continue
        from okrgen.i18n import pick
        from okrgen.resources import load_data

        texts = load_data("param_messages.yaml")["new"]["contradiction"]
        lang = f.lang or "en"  # the plan's: the finding inside the message is in it too
        word = {k: str(pick(texts[k], lang)) for k in ("and", "derived", "list_sep")}

        def shown(n: str, word: dict = word) -> str:
            p = t.parameter(n)
            if p is None or not p.derive:
                return f"{n}={values[n]}"
            inputs = sorted(k for k in referenced_names(p.derive, expression=True) if k in values)
            return f"{n}={values[n]} (" + word["derived"].format(inputs=word["list_sep"].join(f"{k}={values[k]}" for k in inputs)) + ")"

        fill = {
            "shown": word["and"].join(shown(n) for n in names),
            "names": word["and"].join(names),
            "kr": f"KR{i + 1}.{j + 1}",
            "template": t.id,
            "finding": f.message,
            "fix": f.fix or "",
        }
        return OkrgenError(str(pick(texts["message"], lang)).format(**fill), hint=str(pick(texts["hint"], lang)).format(**fill).strip())
    return None
