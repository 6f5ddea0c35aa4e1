"""Many teams at once: `okrgen new --teams` for N teams, then their PDFs on every core, beside the
WeasyPrint-alone floor.

The floor is what the PDFs cost in WeasyPrint itself: each plan's finished print HTML (made
before the clock starts) given to WeasyPrint one after another in this process, summed, divided by
the cores. `okrgen render` pays for starting up, reading, linting and scoring the plans, the pool and
writing files on top of that; the target is within 1.1x of the floor. Prints figures; asserts nothing.

    .venv/bin/python bench/teams.py [--teams 100] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["EMEA SDR", "Отдел продаж Москва", "华东 SDR", "US Enterprise", "Маркетинг СПб", "华南 客户成功"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teams", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--template", default="sdr")
    ap.add_argument("--rounds", type=int, default=2, help="floor and render measured alternately this many times; the best of each is kept")
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("okrgen")
    ok = [str(exe)] if exe.exists() else [sys.executable, "-m", "okrgen"]
    work = Path(tempfile.mkdtemp(prefix="okrgen-teams-"))
    env = {**os.environ, "OKRGEN_TODAY": "2026-11-24", "CI": "1"}
    try:
        rows = ["team,owner,lang,period,deal_size"]
        for n in range(args.teams):
            lang = ("en", "ru", "zh")[n % 3]
            rows.append(f'"{NAMES[n % len(NAMES)]} {n + 1}",Owner {n + 1},{lang},2027-Q1,{20000 + 500 * (n % 7)}')
        (work / "teams.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([*ok, "new", args.template, "--teams", str(work / "teams.csv"), "-o", str(work / "plans"), "-q"], env=env, check=True)
        t_new = time.perf_counter() - t0
        plans = sorted(str(p) for p in (work / "plans").glob("*.yaml"))
        print(f"{len(plans)} teams, {os.cpu_count()} cores, --jobs {args.jobs}")
        print(f"new --teams:          {t_new:6.2f} s  ({t_new / len(plans) * 1000:5.1f} ms a team)")

        # Alternating the two and keeping the best of each evens out other load on the machine.
        # CPU seconds (this process for the floor; render and its workers, from rusage) do not depend
        # on what else the machine runs, so they show okrgen's own overhead when wall times are noisy.
        floors, renders, floor_cpu, render_cpu = [], [], [], []
        for r in range(args.rounds):
            wall, cpu = weasyprint_alone(plans)
            floors.append(wall)
            floor_cpu.append(cpu)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            out = work / f"pdf{r}"
            subprocess.run([*ok, "render", *plans, "--format", "pdf", "-o", str(out), "--jobs", str(args.jobs), "-q"], env=env, check=True)
            renders.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            render_cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        floor_sum, t_render = min(floors), min(renders)
        floor = floor_sum / args.jobs
        print(f"WeasyPrint alone:     {floor_sum:6.2f} s summed, {floor_sum / len(plans) * 1000:5.0f} ms a plan; floor {floor:.2f} s on {args.jobs} cores")
        print(f"render, all cores:    {t_render:6.2f} s  = {t_render / floor:4.2f}x the floor (target 1.10x)")
        print(
            f"CPU time:             WeasyPrint alone {min(floor_cpu):.2f} s, render with its workers {min(render_cpu):.2f} s = {min(render_cpu) / min(floor_cpu):4.2f}x"
        )
        print(
            f"rounds: floor {', '.join(f'{f / args.jobs:.1f}' for f in floors)} s; render {', '.join(f'{t:.1f}' for t in renders)} s; load average {os.getloadavg()[0]:.1f}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def weasyprint_alone(plans: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds WeasyPrint spends on the plans' print HTML, one after another, after a warm-up."""
    os.environ["OKRGEN_TODAY"] = "2026-11-24"
    from okrgen.plan.planfile import load_plan
    from okrgen.render.pdf import pdf_html
    from okrgen.render.viewmodel import build
    from okrgen.render.weasy import html_to_pdf

    pages = [pdf_html(build(load_plan(p).data, [])) for p in plans]
    html_to_pdf(pages[0])  # fonts and WeasyPrint's own caches warm, as in a long-lived worker
    total = cpu = 0.0
    for html in pages:
        t0, c0 = time.perf_counter(), time.process_time()
        html_to_pdf(html)
        total += time.perf_counter() - t0
        cpu += time.process_time() - c0
    return total, cpu


if __name__ == "__main__":
    main()
