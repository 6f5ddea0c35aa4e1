"""`okrgen template new ID --lang en,ru [--from sdr]`: start a template that already validates.

Authors otherwise begin from a copy of a built-in and spend their first hour deleting languages
and renaming ids; this writes either a small skeleton in the languages asked for, or a copy of an
existing template reduced to them, with `id`, `version: 1` and the `$schema` line set.
"""

from __future__ import annotations

import sys
from pathlib import Path

from okrgen.cli._common import add_catalog_arg, catalog_from_args
from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS


def register(sub) -> None:
    p = sub.add_parser("template", help="start a new template", description="Template authoring tools (docs/authoring.md).")
    tsub = p.add_subparsers(dest="template_command", metavar="ACTION")
    n = tsub.add_parser("new", help="write a template that validates: a skeleton, or a copy of another (--from)")
    n.add_argument("id", metavar="ID", help="the new template's id (lower case, digits, hyphens)")
    n.add_argument("--lang", default="en", help="languages, comma-separated (default en), e.g. en,ru")
    n.add_argument("--from", dest="source", metavar="TEMPLATE", help="copy this template (built-in or from --catalog)")
    n.add_argument("-o", "--output", metavar="FILE", help="file to write (default: ID.yaml)")
    n.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    add_catalog_arg(n)
    n.set_defaults(func=run_new)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _only(value, langs: list[str], missing: set[str]):
    """The data with every translated mapping reduced to `langs` (English copied where one lacks a language)."""
    if isinstance(value, dict):
        keys = set(value)
        if keys and keys <= set(LANGS):
            out = {}
            for lang in langs:
                if lang in value:
                    out[lang] = value[lang]
                else:
                    missing.add(lang)
                    out[lang] = value.get("en") or next(iter(value.values()))
            return out
        return {k: _only(v, langs, missing) for k, v in value.items()}
    if isinstance(value, list):
        return [_only(v, langs, missing) for v in value]
    return value


def run_new(args) -> int:
    import re

    import yaml

    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.resources import folder, load_data

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.id):
        raise OkrgenError(f"template id {args.id!r} is not lower case letters, digits and hyphens", hint="For example: customer-success.")
    langs = [x.strip() for x in args.lang.split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGS]
    if bad or not langs:
        raise OkrgenError(f"--lang {args.lang!r}: unknown language {', '.join(bad) or '(none)'}", hint="Use en, ru, zh, comma-separated: --lang en,ru")
    out = Path(args.output or f"{args.id}.yaml")
    check_writable(out, args.force)
    silenced: dict[str, str] = {}
    if args.source:
        source = catalog_from_args(args).get(args.source)
        data = dict(source.data)
        silenced = _silenced(source)
    else:
        data = dict(load_data("template_skeleton.yaml"))
    missing: set[str] = set()
    body = _only({k: v for k, v in data.items() if k not in ("id", "version", "languages", "seeds")}, langs, missing)
    doc = {"id": args.id, "version": 1, "department": body.pop("department", "shared"), "languages": langs, **body}
    schema = (folder("schemas") / "template.schema.json").resolve().as_uri()
    text = f"# yaml-language-server: $schema={schema}\n" + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
    text = _with_comments(text, silenced, str(out))
    write_atomic(out, text, force=args.force)
    sys.stderr.write(f"okrgen: wrote {out} ({'copy of ' + args.source if args.source else 'skeleton'}, {','.join(langs)})\n")
    if missing:
        sys.stderr.write(f"  texts in {', '.join(sorted(missing))} are copied from English: translate them\n")
    sys.stderr.write(f"  next: okrgen catalog validate {out}  (docs/authoring.md describes every field)\n")
    return 0


def _silenced(t) -> dict[str, str]:
    """Nodes whose findings the source silences with `# okrgen: ignore[...]`: pointer → comment.

    A YAML dump drops comments; without them a copy of a clean template would not validate clean.
    """
    from okrgen.catalog.checks import IGNORE_COMMENT

    if t.loaded is None or "okrgen:" not in (t.loaded.text or ""):
        return {}
    from okrgen.plan.yamlload import loads

    loaded = loads(t.loaded.text, t.file)
    lines = loaded.text.split("\n")
    out = {}
    for pointer, (first, _) in loaded.spans.items():
        above = lines[first - 2].strip() if first >= 2 else ""
        if above.startswith("#") and IGNORE_COMMENT.search(above):
            out[pointer] = above
    return out


def _with_comments(text: str, silenced: dict[str, str], name: str) -> str:
    if not silenced:
        return text
    from okrgen.plan.yamlload import loads

    loaded = loads(text, name)
    lines = text.split("\n")
    inserts = []
    for pointer, comment in silenced.items():
        span = loaded.spans.get(pointer)
        if span:
            line = lines[span[0] - 1]
            inserts.append((span[0], " " * (len(line) - len(line.lstrip())) + comment))
    for n, comment in sorted(set(inserts), reverse=True):
        lines.insert(n - 1, comment)
    return "\n".join(lines)
