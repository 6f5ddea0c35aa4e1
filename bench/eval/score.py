"""Score okrgen.lint against bench/eval/cases.yaml (labelled by SMART_RULES.md).

Prints per-language, per-code precision/recall, the false-alarm rate on clean KRs, and every
disagreement. Cases with `exclude: true` (spec ambiguities) are listed but not scored.
Usage: python bench/eval/score.py [cases.yaml | --cases FILE] [-q]   (-q: figures only, no disagreement list)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

from okrgen.lint import check_kr, check_objective

HERE = Path(__file__).resolve().parent
DEFAULT_PERIOD = "2027-Q1"


def run_kr(case: dict) -> set[str]:
    period = case["period"] if "period" in case else DEFAULT_PERIOD
    return {f.code for f in check_kr(case["text"], objective=case.get("objective"), period=period, lang=case.get("lang"))}


def run_obj(case: dict) -> set[str]:
    return {f.code for f in check_objective(case["text"], lang=case.get("lang"))}


def main(argv: list[str]) -> int:
    quiet = "-q" in argv
    args = [a for a in argv if a != "-q"]
    if "--cases" in args:
        i = args.index("--cases")
        if i + 1 >= len(args):
            print("--cases needs a FILE", file=sys.stderr)
            return 2
        args = [args[i + 1]] + args[:i] + args[i + 2 :]
    path = Path(args[0]) if args else HERE / "cases.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    tp: dict = defaultdict(int)
    fp: dict = defaultdict(int)
    fn: dict = defaultdict(int)
    clean = defaultdict(lambda: [0, 0])  # lang -> [clean KRs, clean KRs with any finding]
    exact = defaultdict(lambda: [0, 0])
    diffs, excluded = [], []
    for kind, cases, runner in (("kr", data.get("cases", []), run_kr), ("obj", data.get("objectives", []), run_obj)):
        for case in cases:
            got = runner(case)
            exp = set(case.get("expect") or [])
            lang = case["lang"]
            if case.get("exclude"):
                excluded.append((kind, case, exp, got))
                continue
            exact[lang][0] += 1
            exact[lang][1] += got == exp
            if kind == "kr" and not exp:
                clean[lang][0] += 1
                clean[lang][1] += bool(got)
            for c in exp | got:
                key = (lang, c)
                if c in exp and c in got:
                    tp[key] += 1
                elif c in got:
                    fp[key] += 1
                else:
                    fn[key] += 1
            if got != exp:
                diffs.append((kind, case, exp, got))

    codes = sorted({k[1] for k in list(tp) + list(fp) + list(fn)})
    worst = []
    for lang in ("en", "ru", "zh"):
        print(
            f"\n== {lang}: exact {exact[lang][1]}/{exact[lang][0]}, false alarms on clean KRs "
            f"{clean[lang][1]}/{clean[lang][0]} = {clean[lang][1] / max(clean[lang][0], 1):.1%}"
        )
        print(f"   {'code':<10} {'tp':>3} {'fp':>3} {'fn':>3}  {'prec':>6} {'rec':>6}")
        for c in codes:
            k = (lang, c)
            if not (tp[k] or fp[k] or fn[k]):
                continue
            p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
            r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
            flag = "" if p >= 0.90 and r >= 0.85 else "  <--"
            if flag:
                worst.append(k)
            print(f"   {c[6:]:<10} {tp[k]:>3} {fp[k]:>3} {fn[k]:>3}  {p:6.2f} {r:6.2f}{flag}")
    T = sum(tp.values())
    F = sum(fp.values())
    N = sum(fn.values())
    print(f"\nALL: precision {T / max(T + F, 1):.3f}  recall {T / max(T + N, 1):.3f}  disagreements {len(diffs)}  excluded {len(excluded)}")
    if not quiet:
        print("\n-- disagreements (expected vs got; +extra -missing)")
        for kind, case, exp, got in diffs:
            extra = sorted(c[6:] for c in got - exp)
            missing = sorted(c[6:] for c in exp - got)
            per = case.get("period", DEFAULT_PERIOD) if kind == "kr" else "-"
            print(f"[{case['lang']}|{kind}|{per}] {case['text']!r}  +{extra} -{missing}")
        print("\n-- excluded (ambiguous in spec), for information")
        for kind, case, exp, got in excluded:
            print(f"[{case['lang']}|{kind}] {case['text']!r}  label?{sorted(c[6:] for c in exp)} got {sorted(c[6:] for c in got)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
