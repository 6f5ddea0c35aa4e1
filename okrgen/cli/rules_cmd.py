"""`okrgen rules [CODE]`: the rule catalogue (every rules*.yaml of okrgen/lint), or one rule's doc."""

from __future__ import annotations

import argparse
import json
import re
import sys

from okrgen.errors import OkrgenError
from okrgen.finding import ExitCode
from okrgen.i18n import LANGS  # noqa: E402 - the one list of languages

DOC_KEYS = ("what", "why", "example", "instead", "fix")


def _labels(lang: str) -> dict:
    from okrgen.i18n import labels

    return labels(lang)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "rules",
        help="list the lint rules, or explain one",
        description="Without CODE: every rule with its severity and title. With CODE (e.g. SMART-M01 or M01): what it checks, why, an example, a better version and the fix.",
    )
    p.add_argument("code", nargs="?", metavar="CODE", help="rule code, e.g. SMART-R01")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of the texts (default en)")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format (markdown: the whole reference page)")
    p.set_defaults(func=run)


def _doc(rule, lang: str) -> dict:
    d = {"code": rule.code, "slug": rule.slug, "severity": rule.severity, "scope": rule.scope, "title": rule.text("title", lang)}
    for key in DOC_KEYS:
        # Message placeholders ({period}, {needed}) are filled per finding; in docs show them as <period>.
        d[key] = re.sub(r"\{(\w+)\}", r"<\1>", rule.text(key, lang) or "")
    d["source"] = rule.source
    return d


def run(args: argparse.Namespace) -> int:
    from okrgen.lint.registry import close_codes, load_rules, resolve_code

    rules = load_rules()
    if args.format == "markdown" and args.code is None:
        sys.stdout.write(reference_markdown(rules, args.lang))
        return ExitCode.OK
    if args.code is None:
        if args.format == "json":
            data = [{"code": r.code, "severity": r.severity, "scope": r.scope, "state": r.state, "title": r.text("title", args.lang)} for r in rules.values()]
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            width = max(len(c) for c in rules)
            for r in rules.values():
                state = "" if r.state == "stable" else f"  [{r.state}]"
                sys.stdout.write(f"{r.code:<{width}}  {r.severity:<7}  {r.text('title', args.lang)}{state}\n")
        return ExitCode.OK
    code = resolve_code(args.code)
    if code is None:
        near = close_codes(args.code)
        hint = f"Did you mean {', '.join(near)}?" if near else "Run `okrgen rules` to list every code."
        raise OkrgenError(f"unknown rule code {args.code!r}", hint=hint)
    doc = _doc(rules[code], args.lang)
    if args.format == "json":
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return ExitCode.OK
    lab = _labels(args.lang)
    c = lab["colon"] + (" " if lab["colon"] == ":" else "")
    out = [f"{doc['code']} ({doc['slug']}){c}{doc['title']}", f"{lab['rule_severity']}{c}{doc['severity']}, {lab['rule_scope']}{c}{doc['scope']}", ""]
    for key in DOC_KEYS:
        if doc[key]:
            out.append(f"{lab['rule_' + key]}{c.strip()}")
            out.append(f"  {doc[key]}")
    sys.stdout.write("\n".join(out) + "\n")
    return ExitCode.OK


def reference_markdown(rules: dict, lang: str) -> str:
    """The rules reference page (docs/rules.md), ruff-style: what, why, example, instead, fix."""
    lab = _labels(lang)
    out = [f"# {lab['rules_title']}", "", lab["rules_intro"], ""]
    c = lab["colon"] + (" " if lab["colon"] == ":" else "")
    out += [f"| {lab['rule_code']} | {lab['rule_severity']} | {lab['rule_scope']} | |", "|---|---|---|---|"]
    for r in rules.values():
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.severity} | {r.scope} | {r.text('title', lang)} |")
    for r in rules.values():
        doc = _doc(r, lang)
        out += [
            "",
            f"## {doc['code']}",
            "",
            f"**{doc['title']}** (`{doc['slug']}`) — {lab['rule_severity']}{c}{doc['severity']}, {lab['rule_scope']}{c}{doc['scope']}",
            "",
        ]
        for key in DOC_KEYS:
            if doc[key]:
                text = doc[key].replace("<", "&lt;").replace(">", "&gt;")  # <metric> would vanish as HTML
                out += [f"**{lab['rule_' + key]}{c.strip()}** {text}", ""]
    return "\n".join(out).rstrip() + "\n"
