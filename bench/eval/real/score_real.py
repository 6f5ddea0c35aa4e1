"""Score `okrgen lint` on real public OKR documents (bench/eval/real/docs/**) against labels.yaml.

Only the public command line is used (`okrgen lint --format json FILE`, docs/json-output.md), so this
script does not depend on the package layout.

Each file is read twice through the CLI:
  1. `okrgen import FILE -o plan.yaml`: the plan lists every key result the draft reader recognised,
     in the order lint numbers them, so a recognised KR with an owner and no finding is seen too;
  2. `okrgen lint --format json FILE`: the findings that are scored, joined to the plan's KRs by their
     JSON pointer /objectives/i/key_results/j (the script checks that the pointed line is that KR's text).
A plan KR's text is matched to the labelled KRs by normalised text (NFKC, casefold, Markdown
links/emphasis/labels stripped, whitespace collapsed; containment or fuzzy ratio).

Usage: .venv/bin/python bench/eval/real/score_real.py [-v] [--lang en|ru|zh]
Always exits 0.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
KR_CODES = {f"SMART-{c}" for c in "S01 S02 M01 M02 M03 M04 A01 A02 R01 R02 T01 T02 T03 P03 P04".split()}
OBJ_CODES = {"SMART-O01", "SMART-O02"}
PTR_KR = re.compile(r"^/objectives/(\d+)/key_results/(\d+)$")
PTR_OBJ = re.compile(r"^/objectives/(\d+)$")


# ----------------------------------------------------------------------------- running okrgen
def okrgen_cmd() -> list[str]:
    cand = Path(sys.executable).with_name("okrgen")
    if cand.exists():
        return [str(cand)]
    found = shutil.which("okrgen")
    if found:
        return [found]
    return [sys.executable, "-m", "okrgen"]


def run_lint(path: Path, config: Path | None = None) -> tuple[dict | None, str]:
    cmd = okrgen_cmd() + ["lint", "--format", "json"]
    if config is not None:
        cmd += ["--config", str(config)]
    cmd.append(str(path))
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tempfile.gettempdir())
    except Exception as e:  # noqa: BLE001 - report and go on
        return None, f"{type(e).__name__}: {e}"
    try:
        return json.loads(p.stdout), p.stderr.strip()
    except json.JSONDecodeError:
        return None, (p.stderr.strip() or p.stdout.strip())[:500] + f" (exit {p.returncode})"


def run_import(path: Path) -> tuple[dict | None, str]:
    """`okrgen import DRAFT -o plan.yaml`, then read the plan: the list of every KR the reader recognised."""
    with tempfile.TemporaryDirectory(prefix="okrgen-real-") as tmp:
        out = Path(tmp) / "plan.yaml"
        cmd = okrgen_cmd() + ["import", str(path), "-o", str(out)]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp)
        except Exception as e:  # noqa: BLE001 - report and go on
            return None, f"{type(e).__name__}: {e}"
        if not out.exists():
            if "no objective with key results was recognised" in p.stderr:
                return {}, p.stderr.strip()  # nothing recognised: an empty plan (lint's notice says so)
            return None, (p.stderr.strip() or p.stdout.strip())[:500] + f" (exit {p.returncode})"
        return yaml.safe_load(out.read_text(encoding="utf-8")) or {}, p.stderr.strip()


def findings_of(data: dict | None) -> list[dict]:
    if not data:
        return []
    out = []
    for f in data.get("files", {}).values():
        out.extend(f.get("findings", []))
    return out


# ----------------------------------------------------------------------------- text matching
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
LEAD = re.compile(
    r"^\s*(?:[-*+•]\s+|\d+[.)]\s*|\[[ xX]\]\s*|>\s*)*"
    r"(?:(?:[\w ()/&.-]{0,40}?\s)?(?:KR|КР|key results?|ключевой результат|关键结果)\s*\d*(?:\.\d+)?\s*[:：.)-]\s*)?",
    re.I,
)


def norm(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s)
    s = LINK.sub(r"\1", s)
    s = re.sub(r"\]\([^)]*\)", "", s).lstrip("[")  # a link whose "[" lies before the reported column
    s = s.replace("`", "").replace("**", "").replace("__", "")
    s = s.split(" => ")[0]
    s = LEAD.sub("", s)
    s = s.casefold().replace("ё", "е")
    s = re.sub(r"\s+", " ", s).strip(" |;；。.,")
    return s


def line_text(lines: list[str], line: int | None, col: int | None) -> str:
    if not line or line < 1 or line > len(lines):
        return ""
    t = lines[line - 1]
    if col and 1 <= col <= len(t):
        t = t[col - 1 :]
    if "|" in t:  # a table row: the cell that starts here
        cells = [c for c in t.split("|") if c.strip()]
        t = cells[0] if cells else t
    return t.strip()


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if (len(a) >= 6 and a in b) or (len(b) >= 6 and b in a):
        return 0.95
    return difflib.SequenceMatcher(None, a, b).ratio()


# ----------------------------------------------------------------------------- scoring
def score(verbose: bool, only_lang: str | None) -> None:
    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))["docs"]
    stats = defaultdict(lambda: defaultdict(int))
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    otp, ofp, ofn = defaultdict(int), defaultdict(int), defaultdict(int)
    report = defaultdict(list)
    problems = []
    for doc in labels:
        lang = doc["lang"]
        if only_lang and lang != only_lang:
            continue
        path = HERE / doc["path"]
        lines = path.read_text(encoding="utf-8").splitlines()
        st = stats[lang]
        st["docs"] += 1
        data, err = run_lint(path)
        if data is None:
            problems.append(f"{doc['path']}: okrgen failed: {err}")
        plan, perr = run_import(path)
        if plan is None:
            problems.append(f"{doc['path']}: okrgen import failed: {perr}")
        notices = (data or {}).get("notices", [])

        # recognised KRs: every key result in the imported plan, by the pointer lint uses for it
        rec: dict[str, dict] = {}
        for oi, obj in enumerate((plan or {}).get("objectives") or []):
            for ki, kr in enumerate(obj.get("key_results") or []):
                rec[f"/objectives/{oi}/key_results/{ki}"] = {"line": None, "col": None, "codes": set(), "text": kr.get("text") or ""}
        for f in findings_of(data):
            ptr = f.get("pointer") or ""
            if not PTR_KR.match(ptr):
                continue
            r = rec.get(ptr)
            if r is None:  # lint saw a KR the import did not write: count it, and say so
                problems.append(f"{doc['path']}: lint pointer {ptr} is not in the imported plan")
                r = rec.setdefault(ptr, {"line": None, "col": None, "codes": set(), "text": None})
            if r["line"] is None:
                r["line"], r["col"] = f.get("line"), f.get("col")
            if f.get("code") in KR_CODES:
                r["codes"].add(f["code"])
        objf: dict[str, dict] = {}
        for f in findings_of(data):
            ptr = f.get("pointer") or ""
            if PTR_OBJ.match(ptr) and f.get("code") in OBJ_CODES:
                o = objf.setdefault(ptr, {"line": f.get("line"), "col": f.get("col"), "codes": set()})
                o["codes"].add(f["code"])

        # labelled KRs
        lab = []
        for o in doc["objectives"]:
            for k in o["krs"]:
                lab.append({**k, "n": norm(k["text"]), "obj": o.get("text"), "matched": None})
        st["krs"] += len(lab)
        not_krs = [norm(x) for x in doc.get("not_krs") or []]

        def key(p: str) -> tuple[int, int]:
            m = PTR_KR.match(p)
            return int(m.group(1)), int(m.group(2))

        extras = []
        for ptr in sorted(rec, key=key):
            r = rec[ptr]
            raw = r["text"] if r["text"] is not None else line_text(lines, r["line"], r["col"])
            n = norm(raw)
            if r["text"] is not None and r["line"] is not None:  # lint and import must agree on the KR
                seen = norm(line_text(lines, r["line"], r["col"]))
                if similarity(seen, n) < 0.6 and not (seen and seen in n):
                    problems.append(f"{doc['path']}:{r['line']}: lint {ptr} points at {seen[:40]!r}, import has {n[:40]!r}")
            best, bi = 0.0, None
            for i, k in enumerate(lab):
                if k["matched"] is not None:
                    continue
                s = similarity(k["n"], n)
                if s > best + 1e-9:
                    best, bi = s, i
            if bi is not None and best >= 0.75:
                lab[bi]["matched"] = ptr
                lab[bi]["got"] = r["codes"]
                lab[bi]["raw"] = raw
            else:
                known = any(similarity(x, n) >= 0.75 for x in not_krs)
                extras.append((raw, r["line"], known, sorted(r["codes"])))
        st["recognised"] += sum(1 for k in lab if k["matched"])
        st["extras"] += len(extras)
        st["extras_listed"] += sum(1 for e in extras if e[2])

        # KR codes over recognised KRs
        for k in lab:
            if not k["matched"]:
                report[lang].append(f"  MISSED  {doc['path']}: {k['text']!r}")
                continue
            if k.get("exclude"):
                st["excluded"] += 1
                continue
            exp = set(k.get("expect") or [])
            got = set(k.get("got") or set())
            ign = set(k.get("ignore") or [])
            for c in (exp | got) - ign:
                if c in exp and c in got:
                    tp[(lang, c)] += 1
                elif c in got:
                    fp[(lang, c)] += 1
                else:
                    fn[(lang, c)] += 1
            if (exp - ign) != (got - ign):
                extra = sorted(c[6:] for c in (got - exp - ign))
                miss = sorted(c[6:] for c in (exp - got - ign))
                report[lang].append(f"  CODES   {doc['path']}: {k['text']!r}  +{extra} -{miss}")
        for raw, line, known, codes in extras:
            tag = "EXTRA*" if known else "EXTRA "
            report[lang].append(f"  {tag}  {doc['path']}:{line}: {raw!r} {[c[6:] for c in codes]}")

        # objective codes (O01/O02), matched by the objective's line text
        objs = [{"n": norm(o.get("text")), "exp": set(o.get("expect") or []), "got": set(), "text": o.get("text")} for o in doc["objectives"] if o.get("text")]
        for o in objf.values():
            n = norm(line_text(lines, o["line"], o["col"]))
            best, bi = 0.0, None
            for i, lo in enumerate(objs):
                s = similarity(lo["n"], n)
                if s > best:
                    best, bi = s, i
            if bi is not None and best >= 0.6:
                objs[bi]["got"] |= o["codes"]
            else:
                for c in o["codes"]:
                    ofp[(lang, c)] += 1
                report[lang].append(f"  OBJ?    {doc['path']}:{o['line']}: codes {sorted(o['codes'])} on an unlabelled objective line")
        for lo in objs:
            for c in lo["exp"] | lo["got"]:
                if c in lo["exp"] and c in lo["got"]:
                    otp[(lang, c)] += 1
                elif c in lo["got"]:
                    ofp[(lang, c)] += 1
                else:
                    ofn[(lang, c)] += 1
            if lo["exp"] != lo["got"]:
                report[lang].append(
                    f"  OBJ     {doc['path']}: {lo['text']!r} +{sorted(c[6:] for c in lo['got'] - lo['exp'])} -{sorted(c[6:] for c in lo['exp'] - lo['got'])}"
                )
        for nt in notices:
            report[lang].append(f"  NOTICE  {doc['path']}: {nt}")

    # ------------------------------------------------------------------ print
    all_t = all_f = all_n = 0
    for lang in ("en", "ru", "zh"):
        if lang not in stats:
            continue
        st = stats[lang]
        T = sum(v for (l, _), v in tp.items() if l == lang)
        F = sum(v for (l, _), v in fp.items() if l == lang)
        N = sum(v for (l, _), v in fn.items() if l == lang)
        all_t, all_f, all_n = all_t + T, all_f + F, all_n + N
        rec_pct = st["recognised"] / max(st["krs"], 1)
        print(
            f"\n== {lang}: documents {st['docs']}, labelled KRs {st['krs']}, recognised {st['recognised']} ({rec_pct:.1%}), "
            f"extra items read as KRs {st['extras']} (of which listed in not_krs: {st['extras_listed']}), excluded {st['excluded']}"
        )
        print(f"   codes over recognised KRs: precision {T / max(T + F, 1):.3f}  recall {T / max(T + N, 1):.3f}  (tp {T}, fp {F}, fn {N})")
        codes = sorted({c for (l, c) in list(tp) + list(fp) + list(fn) if l == lang})
        print(f"   {'code':<6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for c in codes:
            print(f"   {c[6:]:<6} {tp[(lang, c)]:>4} {fp[(lang, c)]:>4} {fn[(lang, c)]:>4}")
        ocodes = sorted({c for (l, c) in list(otp) + list(ofp) + list(ofn) if l == lang})
        if ocodes:
            print("   objective codes: " + ", ".join(f"{c[6:]} tp {otp[(lang, c)]} fp {ofp[(lang, c)]} fn {ofn[(lang, c)]}" for c in ocodes))
    print(f"\nALL: code precision {all_t / max(all_t + all_f, 1):.3f}  recall {all_t / max(all_t + all_n, 1):.3f}")
    for p in problems:
        print("!! " + p)
    if verbose:
        for lang in ("en", "ru", "zh"):
            if report[lang]:
                print(
                    f"\n-- {lang} disagreements (MISSED: labelled KR not recognised; EXTRA: recognised item that is no labelled KR, * = listed in not_krs; CODES: +extra -missing)"
                )
                print("\n".join(report[lang]))


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv and argv.index("--lang") + 1 < len(argv) else None
    try:
        score(verbose, lang)
    except Exception as e:  # noqa: BLE001 - a benchmark reports, it does not fail
        print(f"score_real: {type(e).__name__}: {e}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main(sys.argv[1:]))
