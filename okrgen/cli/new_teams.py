"""`okrgen new TEMPLATE --teams teams.csv -o plans/`: one plan per row of a sheet of teams.

Columns: team, owner, lang, period and any of the template's parameters, by name or by the label
the template gives it in English, Russian or Chinese (`Команда`, `团队`, `Размер сделки`…). Every
row is filled and checked before any file is written, so one bad cell (`teams.csv:4: deal_size: …`)
leaves the folder as it was; each plan goes to a file named after its team, readable in any script
(okrgen.plan.filenames). --set gives a value to every row that leaves it empty.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from okrgen.errors import OkrgenError
from okrgen.finding import Finding
from okrgen.i18n import LANGS

# Columns every sheet of teams may have, whatever the template; header words in three languages.
FIXED = {
    "team": ("team", "team name", "команда", "название команды", "团队", "团队名称"),
    "owner": ("owner", "владелец", "ответственный", "负责人"),
    "lang": ("lang", "language", "язык", "语言"),
    "period": ("period", "период", "周期", "期间"),
}


@dataclass
class TeamPlan:
    row: int
    team: str
    lang: str
    values: dict
    path: Path | None = None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().strip("*:").strip().casefold()


def _error(file: str, row: int, message: str, fix: str) -> Finding:
    return Finding("TEAMS", "error", message, fix, file, row, None)


def read_rows(path: str) -> list[list[str]]:
    if not Path(path).is_file():
        raise OkrgenError(f"{path}: no such file", hint="--teams takes a CSV with a header row: team,owner,lang,period,…")
    if path.lower().endswith(".xlsx"):
        from okrgen.plan.drafts.sheet import _rows

        return _rows(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        raise OkrgenError(f"{path}: not UTF-8 text", hint="Save the sheet as CSV UTF-8 (Excel: File → Save As → CSV UTF-8).") from None
    if not text.strip():
        raise OkrgenError(f"{path}: the file is empty", hint="Write a header row (team,owner,lang,period,…) and one row per team.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def header_keys(template, header: list[str], file: str) -> list[str]:
    """Each column's parameter (or team/owner/lang/period); an unknown header is an error."""
    index: dict[str, str] = {}
    for key, words in FIXED.items():
        for w in words:
            index[_norm(w)] = key
    settable = [p for p in template.parameters if not p.derive]
    for p in settable:
        index[_norm(p.name)] = p.name
        for lang in LANGS:
            label = p.text("label", lang)
            if label:
                index.setdefault(_norm(label), p.name)
    keys, problems = [], []
    for n, cell in enumerate(header, start=1):
        if not cell:
            keys.append("")
            continue
        key = index.get(_norm(cell))
        if key is None:
            close = difflib.get_close_matches(_norm(cell), list(index), n=1)
            hint = (f"Did you mean '{close[0]}'? " if close else "") + f"Columns: team, owner, lang, period, or a parameter of `okrgen show {template.id}`."
            problems.append(Finding("TEAMS", "error", f"unknown column '{cell}'", hint, file, 1, n))
        elif key in keys:
            problems.append(Finding("TEAMS", "error", f"column '{cell}' repeats '{header[keys.index(key)]}'", "Keep one column per parameter.", file, 1, n))
        keys.append(key or "")
    if problems:
        raise OkrgenError(f"{file}: the header row names columns this template does not have; nothing was written", problems)
    if "team" not in keys:
        raise OkrgenError(
            f"{file}: no 'team' column in the header row",
            [_error(file, 1, "no 'team' column", "Name the first column team (or команда / 团队): one plan per team.")],
        )
    return keys


def fill_rows(template, path: str, default_lang: str, sets: dict) -> list[TeamPlan]:
    """Every row's checked values (all rows checked; every problem reported at once)."""
    from okrgen.catalog.fill import resolve
    from okrgen.catalog.params import ParamError

    rows = read_rows(path)
    keys = header_keys(template, rows[0], path)
    names = {p.name for p in template.parameters}
    out: list[TeamPlan] = []
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    for n, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        row = {k: c for k, c in zip(keys, cells) if k and c != ""}
        team = row.get("team", "")
        if not team:
            problems.append(_error(path, n, "team: the cell is empty", "Every row needs a team name."))
            continue
        if team.casefold() in seen:
            problems.append(_error(path, n, f"team: '{team}' is already on row {seen[team.casefold()]}", "One row per team; rename or remove one of them."))
            continue
        seen[team.casefold()] = n
        lang = row.pop("lang", "") or default_lang
        if lang not in LANGS:
            problems.append(_error(path, n, f"lang: '{lang}' is not a language okrgen speaks", "Use en, ru or zh."))
            continue
        if lang not in template.languages:
            problems.append(_error(path, n, f"lang: template '{template.id}' has no '{lang}' version", f"Use one of {', '.join(template.languages)}."))
            continue
        given = {k: v for k, v in sets.items()}
        given.update({k: v for k, v in row.items() if k in names})
        try:
            values = resolve(template, lang, given)
        except ParamError as err:
            message, hint = err.in_language("en")
            problems.append(_error(path, n, f"{err.name}: {message.split(': ', 1)[-1]}", hint or "Fix the cell."))
            continue
        except OkrgenError as err:
            problems.append(_error(path, n, err.message, err.hint or "Fix the row."))
            continue
        out.append(TeamPlan(row=n, team=team, lang=lang, values=values))
    if problems:
        raise OkrgenError(f"{path}: {len(problems)} row(s) cannot be used; nothing was written", problems)
    if not out:
        raise OkrgenError(f"{path}: no teams under the header row", hint="Add one row per team.")
    return out


def run_teams(args, catalog, lang: str, sets: dict) -> int:
    from okrgen.catalog.fill import fill
    from okrgen.cli.progress import Progress
    from okrgen.plan.atomic import check_writable, write_atomic
    from okrgen.plan.filenames import unique_stems
    from okrgen.plan.planfile import dump_plan, loads_plan

    if not args.output:
        raise OkrgenError("--teams needs -o FOLDER for the plans", hint=f"okrgen new {args.template} --teams {args.teams} -o plans/")
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise OkrgenError(f"{out}: is a file; with --teams, -o takes a folder", hint=f"okrgen new {args.template} --teams {args.teams} -o plans/")
    builtin = catalog.is_builtin(args.template)
    template = catalog.get(args.template, validate=not builtin)
    teams = fill_rows(template, args.teams, lang, sets)
    for t, stem in zip(teams, unique_stems([t.team for t in teams], "team")):
        t.path = out / f"{stem}.yaml"
        check_writable(t.path, args.force)
    progress = Progress.from_args(args, "new")
    progress.start(len(teams))
    from okrgen.catalog.checks import contradiction
    from okrgen.lint.located import lint_loaded
    from okrgen.plan.yamlload import loads

    texts = []
    problems: list[Finding] = []
    for t in teams:
        text = dump_plan(fill(template, t.lang, t.values))
        loaded = loads(text, str(t.path)) if builtin else loads_plan(text, str(t.path))
        # the check `new` makes for one plan, for every row: values that make a key result
        # contradict itself ("Grow bookings from $180,000 to $150,000") refuse the whole sheet
        refused = contradiction(template, t.values, lint_loaded(loaded))
        if refused is not None:
            problems.append(_error(args.teams, t.row, f"{t.team}: {refused.message}", refused.hint or "Fix the row."))
        texts.append(text)
    if problems:
        raise OkrgenError(f"{args.teams}: {len(problems)} row(s) cannot be used; nothing was written", problems)
    written = []
    for t, text in zip(teams, texts):
        write_atomic(t.path, text, force=args.force)
        written.append(str(t.path))
        progress.step(f"wrote {t.path} ({t.team}, {t.lang})", wrote=True)
    progress.done(f"wrote {len(teams)} plan{'s' if len(teams) != 1 else ''} to {out} ({template.id} v{template.version})")
    if getattr(args, "format", "text") == "json":
        from okrgen.cli._common import emit_json

        emit_json(
            {
                "version": 1,
                "command": "new",
                "template": template.id,
                "wrote": written,
                "teams": [{"team": t.team, "lang": t.lang, "file": str(t.path), "row": t.row} for t in teams],
            }
        )
    return 0
