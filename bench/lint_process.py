"""Whole-process time of `okrgen lint` on a 20-key-result plan and on a 1,000-key-result plan.

What a user waits for is the whole process (start, imports, load, validate, lint, print), not the
lint loop, so this runs the installed command in a subprocess and reports the median of 10 runs.
Budgets on the reference machine (issue 3): 20 KRs under 0.2 s, 1,000 KRs (about 7,600 lines of
YAML) under 0.5 s. Prints figures; asserts nothing.

    python bench/lint_process.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGETS = {20: 0.200, 1000: 0.500}
VERBS = [
    ("Increase qualified pipeline", "pipeline", "USD", "increase", 400000, 600000),
    ("Reduce median sales cycle", "sales_cycle", "days", "decrease", 60, 45),
    ("Raise win rate on SQLs", "win_rate", "%", "increase", 18, 24),
    ("Cut first-response time on inbound leads", "response_time", "hours", "decrease", 20, 4),
    ("Grow net revenue retention", "nrr", "%", "increase", 102, 110),
]


def plan_yaml(n_krs: int, per_objective: int = 5) -> str:
    """A valid plan with n_krs fully structured key results (7 lines each)."""
    lines = ["title: Benchmark plan", "period: 2027-Q1", "lang: en", "objectives:"]
    for k in range(n_krs):
        if k % per_objective == 0:
            n = k // per_objective + 1
            lines += [
                f"  - title: Win the mid-market segment, part {n}",
                f"    description: Why part {n} matters to the company this quarter.",
                "    key_results:",
            ]
        text, metric, unit, direction, base, target = VERBS[k % len(VERBS)]
        lines += [
            f"      - text: {text} from {base} to {target} by 2027-03-31 (team {k})",
            f"        metric: {metric}",
            f'        unit: "{unit}"',
            f"        direction: {direction}",
            f"        baseline: {base}",
            f"        target: {target}",
            "        due: 2027-03-31",
        ]
    return "\n".join(lines) + "\n"


def command() -> list[str]:
    # The entry script of this interpreter's environment, not a version-manager shim on PATH
    # (pyenv's bash shim alone adds ~50 ms).
    beside = Path(sys.executable).with_name("okrgen")
    exe = str(beside) if beside.exists() else shutil.which("okrgen")
    return [exe] if exe else [sys.executable, "-m", "okrgen"]


def median_time(argv: list[str], runs: int, cwd: Path, env: dict | None = None, setup=None) -> tuple[float, int]:
    times, code = [], 0
    subprocess.run(argv, cwd=cwd, capture_output=True, env=env)  # warm the file cache and .pyc files
    for _ in range(runs):
        if setup:
            setup()
        t0 = time.perf_counter()
        proc = subprocess.run(argv, cwd=cwd, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
        code = proc.returncode
    return statistics.median(times), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="okrgen-bench-") as tmp:
        tmp_path = Path(tmp)
        python_start, _ = median_time([sys.executable, "-c", "pass"], args.runs, tmp_path)
        print(f"python start-up (reference): {python_start * 1000:7.1f} ms")
        for n in (20, 1000):
            path = tmp_path / f"plan-{n}.yaml"
            text = plan_yaml(n)
            path.write_text(text, encoding="utf-8")
            argv = [*command(), "lint", path.name, "--exit-zero"]
            budget = BUDGETS[n]
            # Its own cache folder: the findings cache (okrgen/lint/memo.py) emptied before each
            # run is a plan linted for the first time; kept, an unchanged plan linted again.
            env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
            findings = tmp_path / "cache" / "okrgen" / "lint"
            for label, setup in (("first lint", lambda path=findings: shutil.rmtree(path, ignore_errors=True)), ("unchanged", None)):
                seconds, code = median_time(argv, args.runs, tmp_path, env, setup)
                verdict = "within" if seconds <= budget else "OVER"
                print(
                    f"okrgen lint, {n:5d} KRs ({text.count(chr(10)):5d} lines), {label:10s}: {seconds * 1000:7.1f} ms "
                    f"median of {args.runs} (budget {budget * 1000:.0f} ms: {verdict}; exit code {code})"
                )


if __name__ == "__main__":
    main()
