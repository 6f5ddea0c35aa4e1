"""`okrgen check "KR text"`: SMART findings for one key result, or for a JSON Lines batch.

The key result is linted as a fragment (no plan-level rules). Nothing heavy is imported at the top:
the lint core is loaded only when the command runs.
"""

from __future__ import annotations

import argparse
import json
import sys

from okrgen.errors import OkrgenError
from okrgen.finding import SEVERITIES, ExitCode, severity_rank
from okrgen.i18n import LANGS  # noqa: E402 - the one list of languages


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check",
        help="check one key result (or a JSON Lines batch) against the SMART rules",
        description=(
            "Lint one key result as a fragment. Exit code 0: nothing at or above the fail level; "
            "1: findings at or above it; 2: the input could not be used. "
            'With --jsonl, each input line is {"id", "kr", "objective", "period", "lang"} (only kr is required) '
            'and each output line is {"id", "findings": [...]}.'
        ),
    )
    p.add_argument("text", nargs="?", metavar="KR", help="the key result text")
    p.add_argument("--objective", metavar="TEXT", help="the objective the key result belongs to (a time in it counts)")
    p.add_argument("--period", metavar="PERIOD", help="plan period: 2027-Q1, 2027-H1, 2027 or 2027-03")
    p.add_argument("--lang", choices=LANGS, help="force the language instead of detecting it")
    p.add_argument("--due", metavar="DATE", help="structured deadline, YYYY-MM-DD")
    p.add_argument("--jsonl", metavar="FILE", help="read key results from a JSON Lines file ('-' = stdin)")
    p.add_argument("--format", choices=("text", "json"), default=None, help="output format (default text; JSON Lines with --jsonl)")
    p.add_argument("--fail-on", choices=SEVERITIES, default="error", help="lowest severity that makes the exit code 1 (default error, as in okrgen lint)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.set_defaults(func=run)


def _exit(findings, args) -> int:
    if args.exit_zero:
        return ExitCode.OK
    level = severity_rank(args.fail_on)
    return ExitCode.FINDINGS if any(severity_rank(f.severity) >= level for f in findings) else ExitCode.OK


def _summary(findings, lang: str | None = None) -> str:
    """ "3 findings (1 error, 2 warnings, 0 info)" or "No findings.", in the reader's language
    (OKRGEN_LANG, else the locale, as for `okrgen lint`; --lang is the key result's, not the reader's)."""
    from okrgen.cli._common import default_lang
    from okrgen.i18n import counted, pick
    from okrgen.lint.report import severity_counts, summary_words

    lang = lang or default_lang()

    words = summary_words()
    if not findings:
        return str(pick(words["no_findings"], lang))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return counted(words["findings"], len(findings), lang, counts=severity_counts(counts, lang, zeros=True))


def _text_lines(label: str, findings) -> list[str]:
    out = []
    for f in findings:
        out.append(f"{label}: {f.severity} {f.code} {f.message}")
        if f.fix:
            out.append(f"  fix: {f.fix}")
    return out


def run(args: argparse.Namespace) -> int:
    from okrgen.lint import check_kr

    if args.jsonl is not None:
        if args.text is not None:
            raise OkrgenError("give either a key result or --jsonl FILE, not both")
        return _run_jsonl(args, check_kr)
    if args.text is None:
        raise OkrgenError("nothing to check", hint='Give a key result: okrgen check "Raise win rate from 18% to 24%"')
    if not args.text.strip():
        raise OkrgenError("nothing to check: the key result text is empty")
    findings = check_kr(args.text, objective=args.objective, period=args.period, lang=args.lang, due=args.due)
    if args.format == "json":
        sys.stdout.write(json.dumps({"kr": args.text, "findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = _text_lines("<input>", findings) + [_summary(findings)]
        sys.stdout.write("\n".join(lines) + "\n")
    return _exit(findings, args)


def _read(path: str) -> list[str]:
    if path == "-":
        from okrgen.plan.yamlload import MAX_BYTES

        text = sys.stdin.read(MAX_BYTES + 1)
        if len(text) > MAX_BYTES:
            raise OkrgenError(f"<stdin>: more than the {MAX_BYTES:,} characters a key-result list may have")
        return text.splitlines()
    from okrgen.plan.yamlload import read_bounded

    try:
        return read_bounded(path, None, "a key-result list").decode("utf-8").splitlines()
    except FileNotFoundError:
        raise OkrgenError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise OkrgenError(f"{path}: cannot read it ({err})") from None


def _run_jsonl(args: argparse.Namespace, check_kr) -> int:
    source = "<stdin>" if args.jsonl == "-" else args.jsonl
    lines = _read(args.jsonl)
    all_findings = []
    used = bad = 0
    text_out: list[str] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            sys.stderr.write(f"{source}:{n}: not JSON ({err.msg}); line skipped\n")
            bad += 1
            continue
        kr = item.get("kr") if isinstance(item, dict) else None
        if not isinstance(kr, str) or not kr.strip():
            sys.stderr.write(f'{source}:{n}: no "kr" text; line skipped\n')
            bad += 1
            continue
        opt = {k: item.get(k) for k in ("objective", "period", "lang")}
        try:
            findings = check_kr(kr, objective=opt["objective"], period=opt["period"], lang=opt["lang"])
        except OkrgenError as err:
            sys.stderr.write(f"{source}:{n}: {err.message}; line skipped\n")
            bad += 1
            continue
        used += 1
        all_findings.extend(findings)
        ident = item.get("id", n)
        if args.format == "text":
            text_out.extend(_text_lines(str(ident), findings))
        else:
            sys.stdout.write(json.dumps({"id": ident, "findings": [f.to_dict() for f in findings]}, ensure_ascii=False) + "\n")
    if used == 0 and bad:
        raise OkrgenError(f'{source}: no usable line (each needs a JSON object with a "kr" text)')
    if args.format == "text":
        sys.stdout.write("\n".join(text_out + [_summary(all_findings)]) + "\n")
    return _exit(all_findings, args)
