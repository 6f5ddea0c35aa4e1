"""Score the real-document set in two parts: dev (tuned against) and held-out (run only at the end).

A document is held out when crc32(path) % 3 == 0: about every third document, and the split stays
the same when documents are added to labels.yaml. Runs bench/eval/real/score_real.py unchanged on a
copy of labels.yaml that keeps one part (the docs folder is linked, not copied).
Usage: python bench/eval/real_split.py dev|held [score_real options such as -v, --lang ru]
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import zlib
from pathlib import Path

import yaml

REAL = Path(__file__).resolve().parent / "real"


def held_out(path: str) -> bool:
    return zlib.crc32(path.encode()) % 3 == 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("dev", "held"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    want_held = argv[0] == "held"
    labels = yaml.safe_load((REAL / "labels.yaml").read_text(encoding="utf-8"))
    labels["docs"] = [d for d in labels["docs"] if held_out(d["path"]) == want_held]
    print(f"{argv[0]}: {len(labels['docs'])} documents: " + ", ".join(Path(d["path"]).stem for d in labels["docs"]))
    spec = importlib.util.spec_from_file_location("score_real", REAL / "score_real.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "docs").symlink_to(REAL / "docs")
        (Path(tmp) / "labels.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
        mod.HERE = Path(tmp)
        return mod.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
