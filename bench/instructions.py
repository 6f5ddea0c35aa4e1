"""Instructions executed, counted by valgrind's callgrind: a before/after figure that a shared,
noisy machine cannot blur.

Wall-clock figures on the 2-core build VMs move by 15-40% between back-to-back runs (other
tenants); the instruction count of the same code on the same input is the same to within 0.1%.
Use it to tell whether a change made something cheaper, then confirm with the timed benches
(pipeline.py, lint_throughput.py), which are what the budgets are stated in. Needs `valgrind`.
Prints figures; asserts nothing.

    python bench/instructions.py lint-kr [N]     # per key result of lint_throughput.py's workload
    python bench/instructions.py -- okrgen list  # one whole command
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def count(cmd: list[str], env: dict | None = None) -> int:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        env=env,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if proc.returncode != 0 or not found:
        raise SystemExit(f"{' '.join(cmd)} failed under valgrind:\n{proc.stderr[-800:]}")
    return int(found.group(1))


def lint_kr(n: int) -> None:
    """Instructions per key result: lint_throughput.py with N texts minus the same with none (the
    imports and the first call per language)."""
    script = str(HERE / "lint_throughput.py")
    warm = count([sys.executable, script, "0"])
    total = count([sys.executable, script, str(n)])
    print(f"lint_throughput workload, first {n} key results: {(total - warm) / n:,.0f} instructions per key result")
    print(f"(imports and first call per language: {warm:,} instructions)")


def main(argv: list[str]) -> None:
    if argv[:1] == ["lint-kr"]:
        lint_kr(int(argv[1]) if len(argv) > 1 else 2000)
    elif argv[:1] == ["--"] and len(argv) > 1:
        cmd = argv[1:]
        exe = Path(cmd[0]) if "/" in cmd[0] else Path(sys.executable).with_name(cmd[0])
        if exe.exists():
            # an entry script runs under its own interpreter (the first line names it)
            first = exe.read_bytes()[:200].split(b"\n")[0]
            cmd = [first[2:].decode().strip(), str(exe), *cmd[1:]] if first.startswith(b"#!") else [str(exe), *cmd[1:]]
        print(f"{' '.join(argv[1:])}: {count(cmd, dict(os.environ)):,} instructions")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
