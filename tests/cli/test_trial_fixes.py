"""Fixes found by trying okrgen as a head of sales, sales ops and an OKR coach would."""

import shutil
from pathlib import Path

from okrgen.cli.main import main
from okrgen.track import score as sc

PLAN = Path(__file__).parent.parent / "data" / "score" / "plan.yaml"


def test_status_counts_read_naturally():
    counts = {"on_track": 1, "behind": 2}
    assert sc.status_counts(counts, "en") == "1 on track, 2 behind"
    assert sc.status_counts(counts, "ru") == "в графике: 1, отстаёт: 2"  # not "2 отстаёт"
    assert sc.status_counts(counts, "zh") == "按计划：1，落后：2"


def test_score_summary_line_in_russian(tmp_path, capsys):
    p = tmp_path / "plan.yaml"
    shutil.copy(PLAN, p)
    p.write_text(p.read_text(encoding="utf-8").replace("lang: en", "lang: ru"), encoding="utf-8")
    main(["score", str(p), "--as-of", "2027-02-14"])
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("План") and "в графике: 1, под угрозой: 1, отстаёт: 1" in last
