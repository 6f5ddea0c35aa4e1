"""Scoring a folder of plans with a quarter of weekly check-ins each (`okrgen score plans/`).

RevOps scores every team's plan at once, weekly, from a cron job; this prints how long `score`
and `status` take on a folder of plans made from every catalog template, each with twelve weekly
check-ins per key result. Prints figures; asserts nothing.

    python bench/score_many.py [--copies 10]
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
    ap.add_argument("--copies", type=int, default=10, help="plans per template")
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("okrgen")
    ok = [str(exe)] if exe.exists() else [sys.executable, "-m", "okrgen"]
    work = Path(tempfile.mkdtemp(prefix="okrgen-score-"))
    env = {**os.environ, "OKRGEN_TODAY": "2027-03-31"}
    try:
        import json

        listing = subprocess.run([*ok, "list", "--format", "json"], capture_output=True, text=True, env=env, check=True).stdout
        ids = [t["id"] for t in json.loads(listing)["templates"]]
        import yaml

        n = 0
        for tid in ids:
            text = subprocess.run(
                [*ok, "new", tid, "--lang", "en", "--no-input", "--no-lint", "--set", "period=2027-Q1"], capture_output=True, text=True, env=env, check=True
            ).stdout
            plan = yaml.safe_load(text)
            for obj in plan["objectives"]:
                for kr in obj["key_results"]:
                    target = kr.get("target") or 1
                    kr["checkins"] = [
                        {"date": f"2027-{1 + w // 4:02d}-{1 + (w % 4) * 7:02d}", "value": round(target * (w + 1) / 13, 2), "confidence": 6} for w in range(12)
                    ]
            for c in range(args.copies):
                plan["team"] = f"team {c % 7}"
                (work / f"{tid}-{c}.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
                n += 1
        for cmd in (["score", str(work), "--as-of", "2027-02-14", "--format", "json"], ["status", str(work), "--as-of", "2027-02-14", "--format", "json"]):
            t = time.perf_counter()
            subprocess.run([*ok, *cmd], capture_output=True, env=env, check=True)
            print(f"okrgen {cmd[0]} on {n} plans: {time.perf_counter() - t:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
