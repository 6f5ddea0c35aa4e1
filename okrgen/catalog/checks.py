"""`okrgen catalog validate`: the checks every template must pass, built-in or a company's own.

A template is data other people write, so each mistake is reported as a Finding at its line in
the YAML rather than surfacing later as a broken plan: schema violations, Jinja that does not
parse, placeholders that name no parameter, parameters nothing uses, missing translations, bad
defaults, derived expressions that fail or loop, duplicate ids, and SMART findings at the defaults.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jinja2 import TemplateSyntaxError

from okrgen.catalog.params import ParamError
from okrgen.catalog.template import Template, field_texts, from_loaded
from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.plan.yamlload import load


def _f(code: str, message: str, fix: str, t_file: str, loaded, pointer: str, severity: str = "error") -> Finding:
    line, col = loaded.position(pointer) if loaded else (None, None)
    return Finding(code, severity, message, fix, t_file, line, col, pointer)


def _expr_fields(data: dict) -> list[tuple[str, str]]:
    """(pointer, expression) of baseline/previous/target fields written as expressions."""
    out = []
    for i, obj in enumerate(data.get("objectives") or []):
        for j, kr in enumerate(obj.get("key_results") or []):
            for key in ("baseline", "previous", "target"):
                if isinstance(kr.get(key), str):
                    out.append((f"/objectives/{i}/key_results/{j}/{key}", kr[key]))
    return out


def check_template(t: Template) -> list[Finding]:
    from okrgen.catalog.fill import derive_order, fill, referenced_names, resolve

    loaded, file, data = t.loaded, t.file, t.data
    findings: list[Finding] = []
    names = {p.name for p in t.parameters}
    used: set[str] = set()

    # Every translated text: all declared languages present, Jinja parses, placeholders known.
    texts = field_texts(data)
    by_field: dict[str, set[str]] = {}
    for pointer, lang, text in texts:
        by_field.setdefault(pointer.rsplit("/", 1)[0], set()).add(lang)
        try:
            refs = referenced_names(str(text))
        except TemplateSyntaxError as err:
            line, col = loaded.position(pointer)
            findings.append(
                Finding(
                    "TEMPLATE-JINJA",
                    "error",
                    f"Jinja syntax error: {err.message}",
                    "Check the {{ }} and {% %} pairs in this text.",
                    file,
                    (line or 0) + (err.lineno or 1) - 1 if line else None,
                    col,
                    pointer,
                )
            )
            continue
        used |= refs
        for name in sorted(refs - names):
            findings.append(
                _f(
                    "TEMPLATE-PLACEHOLDER",
                    f"placeholder '{{{{ {name} }}}}' names no parameter",
                    "Declare the parameter under `parameters:` or fix the name: " + ", ".join(sorted(names)) + ".",
                    file,
                    loaded,
                    pointer,
                )
            )
    for field, langs in by_field.items():
        for lang in t.languages:
            if lang not in langs:
                findings.append(
                    _f("TEMPLATE-LANG", f"no '{lang}' text here, though the template declares {lang}", f"Add a '{lang}:' translation.", file, loaded, field)
                )
    for pointer, expr in _expr_fields(data):
        try:
            refs = referenced_names(expr, expression=True)
        except TemplateSyntaxError as err:
            findings.append(
                _f(
                    "TEMPLATE-JINJA",
                    f"expression '{expr}' does not parse: {err.message}",
                    "Write a Jinja expression without braces, e.g. revenue_target / deal_size.",
                    file,
                    loaded,
                    pointer,
                )
            )
            continue
        used |= refs
        for name in sorted(refs - names):
            findings.append(_f("TEMPLATE-PLACEHOLDER", f"expression names no parameter '{name}'", "Declare it or fix the name.", file, loaded, pointer))
    for p in t.parameters:
        if p.derive:
            try:
                used |= referenced_names(p.derive, expression=True)
            except TemplateSyntaxError as err:
                findings.append(
                    _f(
                        "TEMPLATE-JINJA",
                        f"derived parameter '{p.name}': {err.message}",
                        "Write a Jinja expression without braces over other parameters.",
                        file,
                        loaded,
                        p.pointer + "/derive",
                    )
                )

    # Parameters: defaults in range / among choices, used somewhere.
    for p in t.parameters:
        if p.pointer and p.name not in used and p.name not in ("team", "owner", "period", "currency"):
            findings.append(
                _f(
                    "TEMPLATE-UNUSED",
                    f"parameter '{p.name}' is not used by any text or expression",
                    "Use it in a key result, or remove it.",
                    file,
                    loaded,
                    p.pointer + "/name",
                )
            )
        if p.type == "choice" and not p.choices:
            findings.append(_f("TEMPLATE-PARAM", f"choice parameter '{p.name}' has no choices", "Add `choices:`.", file, loaded, p.pointer))
        if p.default is not None and not p.derive and p.pointer:
            for lang in t.languages:
                try:
                    p.coerce(p.default_for(lang))
                except ParamError as err:
                    findings.append(
                        _f(
                            "TEMPLATE-DEFAULT",
                            f"default of '{p.name}': {err.message.split(': ', 1)[-1]}",
                            err.hint or "Fix the default.",
                            file,
                            loaded,
                            p.pointer + "/default",
                        )
                    )
                    break
        if p.min is not None and p.max is not None and p.min > p.max:
            findings.append(_f("TEMPLATE-PARAM", f"'{p.name}' has min {p.min} above max {p.max}", "Swap them.", file, loaded, p.pointer + "/min"))

    if any(f.severity == "error" for f in findings):
        return findings
    # Derived values and filling at the defaults, in every language; then the SMART check.
    try:
        derive_order(t)
        for lang in t.languages:
            plan = fill(t, lang, resolve(t, lang))
            findings.extend(_smart(plan, t, lang))
    except OkrgenError as err:
        findings.extend(err.findings or [Finding("TEMPLATE", "error", err.message, err.hint, file)])
    return findings


def _smart(plan: dict, t: Template, lang: str) -> list[Finding]:
    try:
        from okrgen.lint import lint_plan
    except ImportError:
        return []
    out = []
    for f in lint_plan(plan):
        # Point at the template text that produced the finding, in the language it was found in.
        parts = f.pointer.split("/")
        pointer = f.pointer + ("/text" if len(parts) == 5 else "/title" if len(parts) == 3 else "")
        line, col = t.position(f"{pointer}/{lang}") if pointer else (1, 1)
        out.append(Finding(f.code, f.severity, f"[{lang}, at defaults] {f.message}", f.fix, t.file, line, col, f.pointer, lang=lang, scope=f.scope))
    return out


def validate_paths(paths: Iterable[str | Path]) -> dict[str, list[Finding]]:
    """Findings per template file under the given folders or files."""
    from okrgen.catalog.index import template_files

    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(template_files(p))
        elif p.is_file():
            files.append(p)
        else:
            raise OkrgenError(f"{raw}: no such file or directory")
    results: dict[str, list[Finding]] = {}
    seen_ids: dict[str, str] = {}
    for path in files:
        name = str(path)
        try:
            loaded = load(path)
            t = from_loaded(loaded)
        except OkrgenError as err:
            results[name] = [f if f.file else f.with_location(name) for f in err.findings] or [Finding("TEMPLATE", "error", err.message, err.hint, name)]
            continue
        findings = check_template(t)
        if t.id in seen_ids:
            findings.insert(
                0, _f("TEMPLATE-DUPLICATE-ID", f"template id '{t.id}' is also used by {seen_ids[t.id]}", "Give each template its own id.", name, loaded, "/id")
            )
        else:
            seen_ids[t.id] = name
        results[name] = findings
    return results


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
        from okrgen.resources import load_data

        texts = load_data("param_messages.yaml")["new"]["contradiction"]
        fill = {
            "shown": " and ".join(f"{n}={values[n]}" for n in names),
            "names": " and ".join(names),
            "kr": f"KR{i + 1}.{j + 1}",
            "template": t.id,
            "finding": f.message,
            "fix": f.fix or "",
        }
        return OkrgenError(texts["message"]["en"].format(**fill), hint=texts["hint"]["en"].format(**fill).strip())
    return None
