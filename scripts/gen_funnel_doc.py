"""Write the funnel glossary of docs/funnel.md from okrgen/data/funnel.yaml.

The stages' names and definitions live in one place, the data file the calculator, the templates'
checks and the alignment rules read; the page people read is generated from it so the two cannot
disagree. `--check` exits 1 when the page is stale (the test suite runs it).

    python scripts/gen_funnel_doc.py          # rewrite the glossary section
    python scripts/gen_funnel_doc.py --check  # exit 1 if docs/funnel.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "funnel.md"
BEGIN = "<!-- glossary: generated from okrgen/data/funnel.yaml by scripts/gen_funnel_doc.py; do not edit by hand -->"
END = "<!-- end of glossary -->"


def glossary() -> str:
    sys.path.insert(0, str(ROOT))
    from okrgen.i18n import LANGS
    from okrgen.track.funnel import PER_MONTHS, default_spec

    spec = default_spec()
    out = [BEGIN, "", "### Stages", ""]
    out.append("| stage | " + " | ".join(LANGS) + " | who moves a lead in | what it is |")
    out.append("|---|" + "---|" * len(LANGS) + "---|---|")
    for s in spec.stages:
        sid = f"`{s.id}`" + (" (optional)" if s.optional else "")
        names = " | ".join(s.label(lang) for lang in LANGS)
        full = s.full.get("en", "")
        out.append(f"| {sid} | {names} | {s.who.get('en', '')} | {full}: {s.help.get('en', '')} |")
    for lang, title in (("ru", "По-русски"), ("zh", "中文")):
        out += ["", f"**{title}**", ""]
        left, sep, right, colon = ("（", "；", "）", "：") if lang == "zh" else (" (", "; ", ")", ": ")
        for s in spec.stages:
            out.append(f"- **{s.label(lang)}**{left}{s.full.get(lang, '')}{sep}{s.who.get(lang, '')}{right}{colon}{s.help.get(lang, '')}")
    out += ["", "### Roles and the stage each one works", ""]
    out.append("| role | works on | default capacity per person | what the role is |")
    out.append("|---|---|---|---|")
    for r in spec.roles.values():
        stage = spec.stage(r.stage).label("en") + (f", {r.source}" if r.source else "")
        per = {v: k for k, v in PER_MONTHS.items()}[PER_MONTHS[r.per]]
        out.append(f"| `{r.id}` | {stage} | {r.capacity:g} a {per} ({r.unit.get('en', '')}) | {r.means.get('en', '')} |")
    out += ["", END]
    return "\n".join(out)


def render(text: str) -> str:
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{DOC}: the glossary markers are missing; put {BEGIN!r} and {END!r} where it goes")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + glossary() + tail


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in argv:
        if new != text:
            print(f"{DOC} is out of date: run python scripts/gen_funnel_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
