"""Rendering many plans to PDF: one process against one per core (`okrgen render a.yaml b.yaml …`).

RevOps renders every team's plan at once; WeasyPrint is CPU-bound and single-threaded, so the
batch should scale with cores. Prints figures; asserts nothing.

    python bench/batch_render.py [--plans 12]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=12)
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("okrgen")
    ok = [str(exe)] if exe.exists() else [sys.executable, "-m", "okrgen"]
    work = Path(tempfile.mkdtemp(prefix="okrgen-batch-"))
    env = {**os.environ, "OKRGEN_TODAY": "2026-11-24"}
    try:
        ids = subprocess.run([*ok, "list", "--format", "json"], capture_output=True, text=True, env=env, check=True).stdout
        import json

        templates = [t["id"] for t in json.loads(ids)["templates"]]
        plans = []
        for n in range(args.plans):
            tid, lang = templates[n % len(templates)], ("en", "ru", "zh")[n % 3]
            path = work / f"{n:02d}-{tid}-{lang}.yaml"
            subprocess.run([*ok, "new", tid, "--lang", lang, "--no-input", "-o", str(path)], env=env, check=True, capture_output=True)
            plans.append(str(path))
        print(f"{args.plans} plans, {os.cpu_count()} cores")
        for jobs in (1, os.cpu_count() or 1):
            t0 = time.perf_counter()
            subprocess.run(
                [*ok, "render", *plans, "--format", "pdf", "--force", "-o", str(work / f"out{jobs}"), "--jobs", str(jobs)],
                env=env,
                check=True,
                capture_output=True,
            )
            dt = time.perf_counter() - t0
            print(f"--jobs {jobs}: {dt:6.2f} s  ({dt / args.plans * 1000:5.0f} ms a plan)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
