"""PDF cost against plan size: prints seconds and peak memory for plans of growing size.

    python bench/pdf_scaling.py [25 50 100]

Each size runs in its own process (peak memory is per process). The figures in docs/limits.md
come from this script; render's limits (okrgen/render/limits.py) keep plans below the sizes
where the cost stops being reasonable.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml


def plan(objectives: int, krs: int = 3) -> dict:
    objs = [
        {
            "title": f"Objective {i}",
            "description": "Why this matters: " * 5,
            "key_results": [{"text": f"Raise revenue from {k} to {i + k + 2} by 2027-03-31", "baseline": k, "target": i + k + 2} for k in range(krs)],
        }
        for i in range(objectives)
    ]
    return {"title": "Bench", "lang": "en", "period": "2027-Q1", "objectives": objs}


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"p{n}.yaml"
            path.write_text(yaml.safe_dump(plan(n)), encoding="utf-8")
            (Path(tmp) / "okrgen.toml").write_text(f"[limits]\nmax_objectives = {max(n, 100)}\nmax_key_results = {max(3 * n, 1000)}\n", encoding="utf-8")
            start = time.perf_counter()
            cmd = [
                sys.executable,
                "-c",
                "import resource, sys; from okrgen.cli.main import main; code = main(sys.argv[1:]); "
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)",
                "render",
                str(path),
                "--format",
                "pdf",
                "--force",
                "--no-lint",
                "-o",
                tmp,
            ]
            done = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak_kb = int(done.stderr.strip().splitlines()[-1]) if done.returncode == 0 else 0
            print(f"{n:>6} objectives x 3 key results: {seconds:6.1f} s, peak {peak_kb / 1024:7.0f} MB, exit {done.returncode}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [25, 50, 100])
