"""`okrgen show ID`: what a template asks for."""

from __future__ import annotations

from okrgen.cli._common import LANG_CHOICES, add_catalog_arg, catalog_from_args, default_lang, emit, emit_json


def register(sub) -> None:
    p = sub.add_parser("show", help="show a template's parameters", description="Show a template's summary and parameters.")
    p.add_argument("template", metavar="TEMPLATE", help="template id (see `okrgen list`)")
    p.add_argument("--lang", choices=LANG_CHOICES)
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_catalog_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from okrgen.cli._common import load_config
    from okrgen.i18n import DEFAULT_CURRENCY, labels, pick, tidy_text
    from okrgen.plan.defaults import default_value, in_currency, money_scale, reference_currency, today
    from okrgen.track.funnel import roles_named

    lang = args.lang or default_lang()
    catalog = catalog_from_args(args)
    # Built-in templates are checked by the test suite; a company's are schema-checked first, as
    # `new` does, so a broken one is reported at its line instead of tripping up the listing.
    t = catalog.get(args.template, validate=not catalog.is_builtin(args.template))
    if lang not in t.languages:
        lang = t.languages[0]
    # Defaults in the currency a plan made now would have (okrgen.toml's, else the language's):
    # money figures scaled from the template's reference currency, as `okrgen new` scales them.
    currency = load_config(args).currency or DEFAULT_CURRENCY.get(lang, "USD")
    scale = money_scale(currency, t.currency) if any(p.type == "money" and not p.derive for p in t.parameters) else None
    params = []
    for p in t.parameters:
        p = in_currency(p, currency, t.currency)
        params.append(
            {
                "name": p.name,
                "type": p.type,
                "label": tidy_text(p.text("label", lang), lang),
                "help": tidy_text(p.text("help", lang), lang),
                "default": None if p.derive else currency if p.name == "currency" and p.default is None else default_value(p, lang, today()),
                "min": p.min,
                "max": p.max,
                "choices": [{"value": v, "label": p.choice_label(v, lang)} for v in p.choice_values()] or None,
                "when": p.when,
                "required": p.required,
                "derive": p.derive,
            }
        )
    if args.format == "json":
        emit_json(
            {
                "id": t.id,
                "version": t.version,
                "department": t.department,
                "role": t.role(lang),
                "summary": tidy_text(t.summary(lang), lang),
                "languages": t.languages,
                "tags": t.data.get("tags") or [],
                "roles_explained": {r.id: pick(r.means, lang) for r in roles_named(f"{t.id} {t.role(lang)}")},
                "currency": currency,
                "money_scale": scale,
                "parameters": params,
            }
        )
        return 0
    L = labels(lang)
    emit(f"{t.id} (v{t.version}, {t.department}, {'/'.join(t.languages)}): {t.role(lang)}")
    emit("")
    emit(tidy_text(t.summary(lang), lang))
    emit("")
    from okrgen.cli.list_cmd import _explain_roles

    if _explain_roles(f"{t.id} {t.role(lang)}", lang, blank_before=False):  # what SDR / BDR mean
        emit("")
    emit(f"{L['parameters']}:")
    if scale is not None:
        emit("  " + L["money_scaled"].format(currency=currency, reference=t.currency or reference_currency(), scale=f"{scale:g}"))
    width = max(len(p["name"]) for p in params)
    for p in params:
        kind = p["type"] + (f" {p['min']:g}..{p['max']:g}" if p["min"] is not None and p["max"] is not None else "")
        if p["derive"]:
            value = f"= {p['derive']}  ({L['derived']})"
        else:
            value = f"[{p['default']}]" if p["default"] not in (None, "") else ""
        emit(f"  {p['name']:<{width}}  {kind:<12} {value}")
        emit(f"  {'':<{width}}  {p['label']}: {p['help']}")
        if p["choices"]:  # a choice's options, as `new` accepts them, with what the plan prints
            emit(f"  {'':<{width}}  " + ", ".join(f"{c['value']} ({c['label']})" if c["label"] != str(c["value"]) else str(c["value"]) for c in p["choices"]))
        if p["when"]:
            emit(f"  {'':<{width}}  when: {p['when']}")
    return 0
