"""docs/funnel.md's glossary is generated from okrgen/data/funnel.yaml and must be current."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("gen_funnel_doc", ROOT / "scripts" / "gen_funnel_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_glossary_in_docs_is_current():
    assert _script().main(["--check"]) == 0, "docs/funnel.md is stale: run python scripts/gen_funnel_doc.py"


def test_check_fails_on_a_stale_page(monkeypatch, tmp_path):
    gen = _script()
    stale = tmp_path / "funnel.md"
    stale.write_text(gen.DOC.read_text(encoding="utf-8").replace("| `sql` | SQL", "| `sql` | SQL-ish"), encoding="utf-8")
    monkeypatch.setattr(gen, "DOC", stale)
    assert gen.main(["--check"]) == 1
    assert gen.main([]) == 0 and "SQL-ish" not in stale.read_text(encoding="utf-8")


def test_glossary_lists_every_stage_and_role_in_three_languages():
    text = (ROOT / "docs" / "funnel.md").read_text(encoding="utf-8")
    for words in ("| `mql` | MQL | MQL | MQL |", "handed over by the SDR", "передана SDR", "由SDR移交", "| `bdr` | Leads, outbound |"):
        assert words in text
