"""`okrgen new TEMPLATE`: fill a template's parameters into a plan file the user owns.

Values come from `--set`, an answers file, or prompts (only on a terminal, never with
--no-input); anything not given takes its default. The plan is written atomically and an existing
file is never replaced without --force. Its SMART findings go to stderr so the user sees at once
what to tighten.
"""

from __future__ import annotations

import sys
from pathlib import Path

from okrgen.cli._common import LANG_CHOICES, add_catalog_arg, catalog_from_args, default_lang, load_config
from okrgen.errors import OkrgenError


def register(sub) -> None:
    p = sub.add_parser(
        "new",
        help="make a plan from a template",
        description="Fill a template's parameters into a plan (YAML). Values: --set, --answers, prompts, defaults.",
    )
    p.add_argument("template", metavar="TEMPLATE", help="template id (see `okrgen list`)")
    p.add_argument("--lang", choices=LANG_CHOICES, help="plan language (default: OKRGEN_LANG or your locale)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a parameter value (repeatable)")
    p.add_argument("--answers", metavar="FILE", help="YAML file of parameter values (or a plan to regenerate)")
    p.add_argument("--no-input", action="store_true", help="never prompt; use defaults for what is not given")
    p.add_argument("-o", "--output", metavar="FILE", help="plan file to write (default: standard output)")
    p.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    p.add_argument("--no-lint", action="store_true", help="do not print SMART findings")
    p.add_argument("--discard-progress", action="store_true", help="with --answers plan.yaml: start afresh, without its check-ins")
    p.add_argument(
        "--teams",
        metavar="CSV",
        help="one plan per row: columns team, owner, lang, period and any parameter (headers also in ru/zh); -o names the folder",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="json: print what was written as JSON (with -o)")
    from okrgen.cli.progress import add_verbosity

    add_verbosity(p)
    add_catalog_arg(p)
    p.set_defaults(func=run)


def parse_sets(items: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise OkrgenError(f"--set {item!r}: expected NAME=VALUE", hint='For example: --set team="EMEA SDR" --set period=2027-Q1')
        values[name] = value
    return values


def read_answers(path: str) -> tuple[dict, str | None]:
    """Answers from a YAML mapping, from a plan's `source.answers`, or from an `answers:` key."""
    answers, template_id, _ = read_answers_located(path)
    return answers, template_id


def read_answers_located(path: str) -> tuple[dict, str | None, dict[str, tuple]]:
    """read_answers, and where each answer stands in the file: a bad value is reported at its line,
    as a bad --set is reported with its name."""
    from okrgen.finding import Finding
    from okrgen.plan.yamlload import load

    loaded = load(path)
    data = loaded.data
    if not isinstance(data, dict):
        got = "nothing" if data is None else f"a {type(data).__name__}"
        raise OkrgenError(
            f"{path}: the answers file must be a mapping of parameter names to values, got {got}",
            [Finding("ANSWERS", "error", f"expected a mapping (name: value), got {got}", "Write one `name: value` per line.", path, 1, 1)],
        )
    template_id = None
    base = ""
    if isinstance(data.get("source"), dict):
        template_id = data["source"].get("template")
        data = data["source"].get("answers") or {}
        base = "/source/answers"
    elif isinstance(data.get("answers"), dict):
        template_id = data.get("template")
        data = data["answers"]
        base = "/answers"
    if not isinstance(data, dict):
        line, col = loaded.position(base)
        raise OkrgenError(
            f"{path}: the answers must be a mapping",
            [Finding("ANSWERS", "error", "expected a mapping (name: value)", "Write one `name: value` per line.", path, line, col, base)],
        )
    for key, value in data.items():
        if not isinstance(key, str):
            line, col = loaded.key_position(f"{base}/{key}")
            raise OkrgenError(
                f"{path}: answer name {key!r} is not a parameter name",
                [
                    Finding(
                        "ANSWERS", "error", f"answer name {key!r} is not a parameter name", "Names are words such as team or revenue_target.", path, line, col
                    )
                ],
            )
        if isinstance(value, (dict, list)) and key != "period":
            line, col = loaded.position(f"{base}/{key}")
            raise OkrgenError(
                f"{path}: answer '{key}' is a {'mapping' if isinstance(value, dict) else 'list'}",
                [Finding("ANSWERS", "error", f"answer '{key}' must be a single value", "Write `name: value`.", path, line, col, f"/{key}")],
            )
    return dict(data), template_id, {key: loaded.position(f"{base}/{key}") for key in data}


def _keep_progress(args) -> None:
    """A plan given as answers may hold weeks of check-ins; a new plan made from it would not."""
    if getattr(args, "discard_progress", False):
        return
    from okrgen.catalog.refill import has_progress
    from okrgen.plan.yamlload import load

    n = has_progress(load(args.answers).data)
    if n:
        raise OkrgenError(
            f"{args.answers}: {n} key result(s) there have progress (current values, check-ins or confidence) that a new plan would not keep",
            hint=f"To re-fill that plan and keep its progress: okrgen update {args.answers} [--set NAME=VALUE]. "
            "To start afresh anyway: add --discard-progress.",
        )


def _plan_lang(path: str) -> str | None:
    from okrgen.i18n import LANGS
    from okrgen.plan.yamlload import load

    data = load(path).data
    lang = data.get("lang") if isinstance(data, dict) and isinstance(data.get("source"), dict) else None
    return lang if lang in LANGS else None


def _save_answers(err: OkrgenError, template, values: dict, out, template_id: str) -> None:
    """After the prompts, a refusal must not cost the answers typed: they are kept in an answers
    file beside the plan, and the hint says how to run again from it with the one value changed."""
    from pathlib import Path

    import yaml

    from okrgen.plan.atomic import write_atomic

    asked = {p.name: values[p.name] for p in template.parameters if not p.derive and p.name in values}
    path = Path(out).with_name(Path(out).stem + ".answers.yaml") if out is not None else Path("okrgen-answers.yaml")
    if path.exists():
        return  # not ours to replace: the hint keeps its --set advice
    try:
        write_atomic(path, yaml.safe_dump(asked, allow_unicode=True, sort_keys=False), force=False)
    except (OSError, OkrgenError):
        return
    err.hint = f"{err.hint or ''} Your answers are kept in {path}: okrgen new {template_id} --answers {path} --set NAME=VALUE".strip()


def _interactive(args) -> bool:
    return not args.no_input and sys.stdin.isatty() and sys.stderr.isatty()


def _stdin_holds_text() -> bool:
    """Whether stdin is a pipe or a file with something in it: answers typed for the prompts
    (`printf '…' | okrgen new sdr`), which `new` does not read line by line. Anything it cannot
    tell (a closed stdin, a platform without select on pipes) counts as no."""
    import os
    import stat

    try:
        fd = sys.stdin.fileno()
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode):
            return os.fstat(fd).st_size > 0
        if not stat.S_ISFIFO(mode):
            return False
        import select

        ready, _, _ = select.select([fd], [], [], 0)  # no wait: piped answers are there long before the imports end
        return bool(ready) and os.read(fd, 1) != b""
    except (OSError, ValueError, AttributeError, TypeError):
        return False


def make_prompt(lang: str):
    from okrgen.catalog.params import ParamError

    def ask(p, default):
        label = p.text("label", lang)
        help_ = p.text("help", lang)
        shown = f" [{default}]" if default not in (None, "") else ""
        for _ in range(5):
            sys.stderr.write(f"{label} ({p.name}, {p.describe_type(lang)}){shown}\n  {help_}\n> ")
            sys.stderr.flush()
            line = sys.stdin.readline()
            if not line:  # end of input: take the default
                line = ""
            raw = line.strip()
            if raw == "" and default is not None:
                raw = default
            try:
                return p.coerce(raw)
            except ParamError as err:
                sys.stderr.write(f"  {err.prompt_text(lang)}\n")
        raise ParamError(p.name, "no_valid_value")

    return ask


def run(args) -> int:
    from okrgen.catalog.fill import fill, resolve
    from okrgen.finding import Finding
    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.plan.planfile import dump_plan, loads_plan
    from okrgen.plan.yamlload import loads

    lang = args.lang or default_lang()
    given: dict = {}
    answer_positions: dict = {}
    if args.answers:
        _keep_progress(args)
        answers, answered_template, answer_positions = read_answers_located(args.answers)
        if not args.lang:
            lang = _plan_lang(args.answers) or lang  # a Russian plan regenerates in Russian
        if answered_template and answered_template != args.template:
            raise OkrgenError(
                f"{args.answers}: these answers were made for template '{answered_template}', not '{args.template}'",
                hint=f"Run `okrgen new {answered_template} --answers {args.answers}`.",
            )
        given.update(answers)
    given.update(parse_sets(args.set))
    if args.teams:
        from okrgen.cli.new_teams import run_teams

        return run_teams(args, catalog_from_args(args), lang, given)
    out = Path(args.output) if args.output else None
    if out is not None:
        check_writable(out, args.force)  # refuse before prompting for anything
    config = load_config(args)
    if config.currency and "currency" not in given:
        given["currency"] = config.currency  # the company's default; --set and answers win
    catalog = catalog_from_args(args)
    # Built-in templates are schema-checked, filled and validated in every language by the test
    # suite, so `new` skips re-checking them (and the 80 ms jsonschema import); a company's
    # templates and the plans made from them are checked every time.
    builtin = catalog.is_builtin(args.template)
    template = catalog.get(args.template, validate=not builtin)
    prompt = make_prompt(lang) if _interactive(args) else None
    if prompt is None and not args.no_input and _stdin_holds_text():
        raise OkrgenError(
            "answers piped to okrgen new are not read: the prompts need a terminal",
            hint=f"Put the answers in a YAML file (name: value per line) and pass it: okrgen new {args.template} --answers answers.yaml; or give them with --set NAME=VALUE.",
        )
    sets = parse_sets(args.set)
    from okrgen.track.funnel import company

    with company(config.funnel):  # okrgen.toml [funnel]: the company's merged and renamed stages
        try:
            values = resolve(template, lang, given, prompt=prompt)
        except OkrgenError as err:
            name = getattr(err, "name", None)
            if args.answers and not err.findings and name in answer_positions and name not in sets:
                line, col = answer_positions[name]
                err.findings = [Finding("ANSWERS", "error", err.message, err.hint, str(args.answers), line, col)]
                err.message = f"{args.answers}:{line}:{col}: {err.message}"
            raise
        plan = fill(template, lang, values)
    _warn_foreign_currency(template, sets, str(values.get("currency") or ""))
    text = dump_plan(plan)
    name = str(out or "<plan>")
    loaded = loads(text, name) if builtin else loads_plan(text, name)
    findings = _findings(loaded)
    from okrgen.catalog.checks import contradiction

    refused = contradiction(template, values, findings)
    if refused is not None:
        if prompt is not None:
            _save_answers(refused, template, values, out, args.template)
        raise refused  # nothing is written: the plan would say one thing and measure another
    if out is not None:
        write_atomic(out, text, force=args.force)
        if not getattr(args, "quiet", False):
            sys.stderr.write(f"okrgen: wrote {out} ({template.id} v{template.version}, {lang})\n")
        if getattr(args, "format", "text") == "json":
            from okrgen.cli._common import emit_json

            emit_json({"version": 1, "command": "new", "template": template.id, "wrote": [str(out)], "lang": lang})
    else:
        sys.stdout.write(text)
    if args.no_lint:
        return 0
    if findings and not getattr(args, "quiet", False):
        from okrgen.lint.report import render_findings

        sys.stderr.write(render_findings({name: findings}, "text", color=False))
    # The same exit `okrgen lint` would give the plan just written (default --fail-on error).
    return 1 if any(f.severity == "error" for f in findings) else 0


def _warn_foreign_currency(template, sets: dict, currency: str) -> None:
    """--set revenue_target='$3.5M' on a plan in RUB is taken as 3.5M roubles (figures are in the
    plan's currency, not converted); say so rather than leave a wrong figure unnoticed."""
    if not currency:
        return
    from okrgen.plan.defaults import currency_signs

    money = {p.name for p in template.parameters if p.type == "money"}
    for name, raw in sets.items():
        if name not in money:
            continue
        low = str(raw).lower()
        signs = {code for sign, code in currency_signs().items() if sign in low}
        if signs and currency.upper() not in signs and not (currency.upper() == "JPY" and "¥" in low):
            sys.stderr.write(
                f"okrgen: warning: {name}: {raw!r} is written in {'/'.join(sorted(signs))}, but the plan is in {currency.upper()}; "
                f"the figure is taken as {currency.upper()}, not converted (--set currency=… to change the plan's currency)\n"
            )


def _findings(loaded) -> list:
    from okrgen.lint.located import lint_loaded

    return lint_loaded(loaded)
