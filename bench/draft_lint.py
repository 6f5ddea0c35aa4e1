"""Whole-process time of `okrgen lint` on a 1,000-key-result Markdown draft (budget: 0.5 s, issue 10).

The draft mixes the shapes real drafts have: a period heading, nested outlines without labels,
labelled objectives with "KR n.m –" lines, checkboxes, a table, in English, Russian and Chinese, so
the reader and the rules both do their real work. Runs the installed command in a subprocess and
prints the median of N runs. Prints figures; asserts nothing.

    python bench/draft_lint.py [--runs 10] [--krs 1000]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET = 0.5
EN = [
    "Increase qualified pipeline from $400k to $600k",
    "Cut median sales cycle from 60 to 45 days",
    "Raise win rate on SQLs to 24%",
    "Run 12 customer webinars",
    "Improve onboarding",
]
RU = [
    "Увеличить выручку с 10 до 15 млн ₽",
    "Сократить цикл сделки с 60 до 45 дней",
    "Провести 8 вебинаров",
    "Поднять NPS до 45",
    "Улучшить работу с возражениями",
]
ZH = ["销售额从1000万提升到1500万", "续约率达到90%", "举办6场客户沙龙", "投诉率降低到1%", "优化用户体验"]


def draft(n_krs: int) -> str:
    out = ["# Sales and marketing OKRs", "", "## 2027 Q1", ""]
    k = 0
    o = 0
    while k < n_krs:
        o += 1
        texts = (EN, RU, ZH)[o % 3]
        shape = o % 4
        if shape == 0:
            out += [f"- Objective outline {o}"] + [f"  - {texts[j]} (part {o})" for j in range(5)] + [""]
        elif shape == 1:
            out += [f"O{o}: Win segment {o}", ""] + [f"KR {o}.{j + 1} – {texts[j]} (part {o})" for j in range(5)] + [""]
        elif shape == 2:
            out += [f"### Objective: Grow region {o}", ""] + [f"- [ ] {texts[j]} (part {o})" for j in range(5)] + [""]
        else:
            out += [f"### Objective: Retain accounts {o}", "", "| Key result | Owner |", "|---|---|"]
            out += [f"| {texts[j]} (part {o}) | @owner{j} |" for j in range(5)] + [""]
        k += 5
    return "\n".join(out) + "\n"


def _time(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True)
    return time.perf_counter() - t


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--krs", type=int, default=1000)
    args = ap.parse_args(argv)
    exe = shutil.which("okrgen", path=str(Path(sys.executable).parent)) or shutil.which("okrgen")
    cmd = [exe] if exe else [sys.executable, "-m", "okrgen"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.md"
        path.write_text(draft(args.krs), encoding="utf-8")
        check = subprocess.run([*cmd, "lint", "--exit-zero", str(path)], capture_output=True, text=True, cwd=tmp)
        times, cpu = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([*cmd, "lint", "--exit-zero", str(path)], capture_output=True, cwd=tmp)
            times.append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    med = statistics.median(times)
    start = statistics.median(_time([sys.executable, "-c", "pass"]) for _ in range(5))
    print(f"python start-up (reference, 11 ms on the reference machine): {start * 1000:.1f} ms")
    print(f"recognised: {check.stderr.strip().splitlines()[0] if check.stderr.strip() else '(nothing on stderr)'}")
    print(
        f"lint, {args.krs}-KR Markdown draft, whole process: median {med:.3f} s wall over {args.runs} runs (budget {BUDGET} s) {'OK' if med < BUDGET else 'OVER'}"
    )
    print(f"  CPU time of the process (user + sys, less sensitive to other load): median {statistics.median(cpu):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
