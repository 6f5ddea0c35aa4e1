"""`okrgen list`: the templates, one line each."""

from __future__ import annotations

from okrgen.cli._common import LANG_CHOICES, add_catalog_arg, catalog_from_args, default_lang, emit, emit_json
from okrgen.i18n import pick


def register(sub) -> None:
    p = sub.add_parser("list", help="list the templates (id, role, languages)", description="List the role templates of the catalog.")
    p.add_argument("--lang", choices=LANG_CHOICES, help="language of the role names (default: OKRGEN_LANG or your locale)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--department", choices=("sales", "marketing", "shared"), help="only this department")
    p.add_argument("--tag", help="only templates with this tag")
    add_catalog_arg(p)
    p.set_defaults(func=run)


def _schema_problem(entry) -> str | None:
    """For a company's template, whether it passes the schema (the fast check, ~1 ms a file);
    built-in ones are checked by the test suite. What is wrong is `catalog validate`'s to say."""
    if entry.source == "built-in":
        return None
    from okrgen.catalog.index import quick_load
    from okrgen.errors import OkrgenError
    from okrgen.plan.fastschema import is_valid

    try:
        data = entry.loaded.data if entry.loaded is not None else quick_load(entry.file).data  # read once
        valid = is_valid("template", data)
    except OkrgenError as err:
        return err.message
    return None if valid is not False else f"does not fit the template schema; `okrgen catalog validate {entry.source}` says where"


def run(args) -> int:
    lang = args.lang or default_lang()
    catalog = catalog_from_args(args)
    rows = []
    for e in catalog.entries():
        d = e.data
        if args.department and d.get("department") != args.department:
            continue
        if args.tag and args.tag not in (d.get("tags") or []):
            continue
        # Files are listed unchecked (that is what keeps `list` fast), so a company template's
        # fields may be anything: shown as text, and `show` or `catalog validate` says what is wrong.
        langs = d.get("languages")
        rows.append(
            {
                "id": e.id,
                "department": str(d.get("department") or "?"),
                "role": str(pick(d.get("role") or {}, lang) or "") if isinstance(d.get("role"), dict) else "",
                "languages": [str(x) for x in langs] if isinstance(langs, list) else [],
                "version": d.get("version"),
                "file": str(e.file),
                "source": e.source,
                "overrides": e.overrides,
                "error": e.error.message if e.error else _schema_problem(e),
            }
        )
    if args.format == "json":
        emit_json({"templates": rows})
        return 0
    if not rows:
        emit("no templates found")
        return 0
    from okrgen.cli.console import terminal_safe

    width = max(len(r["id"]) for r in rows)
    dwidth = max(len(r["department"]) for r in rows)
    for r in rows:
        line = f"{r['id']:<{width}}  {r['department']:<{dwidth}}  {','.join(r['languages']):<8}  {r['role']}"
        if r["overrides"]:
            line += f"  [{r['source']}, overrides built-in]"
        elif r["source"] != "built-in":
            line += f"  [{r['source']}]"
        if r["error"]:
            line += f"  (invalid: {r['error']})"
        emit(terminal_safe(line))
    _explain_roles(" ".join(f"{r['id']} {r['role']}" for r in rows), lang)
    return 0


def _explain_roles(text: str, lang: str, blank_before: bool = True) -> bool:
    """A line per funnel role the text names (SDR: inbound qualification, BDR: outbound
    prospecting), from the funnel glossary: the two are often confused. True when any was shown."""
    from okrgen.track.funnel import roles_named

    roles = roles_named(text)
    if roles and blank_before:
        emit("")
    for role in roles:
        emit(f"{role.id.upper()}: {pick(role.means, lang)}")
    return bool(roles)
