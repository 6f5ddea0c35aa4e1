"""Every built-in template, in every language: validates, fills, lints clean, renders."""

import pytest

from okrgen.catalog.fill import fill, resolve
from okrgen.catalog.index import Catalog, template_files
from okrgen.catalog.template import load_template
from okrgen.plan.planfile import dump_plan, loads_plan
from okrgen.resources import folder

FILES = template_files(folder("catalog"))
EXPECTED_IDS = {
    "head-of-sales",
    "sales-manager",
    "account-executive",
    "account-manager",
    "sdr",
    "bdr",
    "sales-support",
    "marketing-director",
    "pr",
    "product-marketing",
    "user-acquisition",
    "sales-marketing-sla",
}
CASES = [(f.stem, lang) for f in FILES for lang in ("en", "ru", "zh")]


def test_the_catalog_has_every_role():
    assert {load_template(f).id for f in FILES} == EXPECTED_IDS


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_template_shape(path):
    t = load_template(path)
    assert t.id == path.stem
    assert set(t.languages) == {"en", "ru", "zh"}
    assert 2 <= len(t.data["objectives"]) <= 4
    for obj in t.data["objectives"]:
        assert 2 <= len(obj["key_results"]) <= 5
        for kr in obj["key_results"]:
            assert kr.get("kind") in ("cumulative", "level", "milestone", "threshold"), f"{t.id}: every key result says its kind"
            start = "previous" if kr["kind"] == "cumulative" else "baseline"
            assert start in kr and "target" in kr, f"{t.id}: key results are outcomes with a {start} and a target"
            if kr["kind"] == "cumulative":
                assert "baseline" not in kr, f"{t.id}: a cumulative total counts from zero; last period's figure is `previous`"
    assert t.data.get("kpis") and t.data.get("tags")


@pytest.mark.parametrize("template_id, lang", CASES)
def test_fills_at_defaults_into_a_valid_plan_that_lints_clean(template_id, lang):
    t = Catalog().get(template_id)
    plan = fill(t, lang, resolve(t, lang))
    # the defaults linted are those of the language's currency: money scaled to roubles and yuan
    assert plan["currency"] == {"en": "USD", "ru": "RUB", "zh": "CNY"}[lang]
    loaded = loads_plan(dump_plan(plan), f"{template_id}.{lang}.yaml")
    from okrgen.lint.located import lint_loaded

    findings = [f for f in lint_loaded(loaded) if f.severity in ("error", "warning")]
    assert not findings, "\n".join(f"{f.pointer}: {f.code} {f.message}" for f in findings)


@pytest.mark.parametrize("template_id, lang", CASES)
def test_with_sql_and_sal_merged_the_defaults_still_agree(template_id, lang):
    """okrgen.toml `merge = [["sql", "sal"]]`, the common case: no template plans a rate that is
    gone, and none contradicts itself (a target below last period's under a "grow" verb)."""
    from okrgen.lint.located import lint_loaded
    from okrgen.track.funnel import company, company_spec

    t = Catalog().get(template_id)
    with company(company_spec(merge=[["sql", "sal"]])):
        plan = fill(t, lang, resolve(t, lang))
    assert "sql_to_sal_rate" not in {kr.get("metric") for o in plan["objectives"] for kr in o["key_results"]}
    findings = [f for f in lint_loaded(loads_plan(dump_plan(plan), f"{template_id}.{lang}.yaml")) if f.severity in ("error", "warning")]
    assert not findings, "\n".join(f"{f.pointer}: {f.code} {f.message}" for f in findings)


def test_unknown_template_suggests_close_ids():
    from okrgen.errors import OkrgenError

    with pytest.raises(OkrgenError) as info:
        Catalog().get("head-of-sale")
    assert "Did you mean head-of-sales" in info.value.hint


def test_company_catalog_overrides_a_builtin_id(tmp_path):
    src = (folder("catalog") / "sales" / "sdr.yaml").read_text(encoding="utf-8")
    (tmp_path / "sdr.yaml").write_text(src.replace("version: 1", "version: 7"), encoding="utf-8")
    cat = Catalog(extra=[tmp_path])
    entry = next(e for e in cat.entries() if e.id == "sdr")
    assert entry.overrides and entry.source == str(tmp_path)
    assert cat.get("sdr").version == 7


def test_catalog_folder_that_does_not_exist(tmp_path):
    from okrgen.errors import OkrgenError

    with pytest.raises(OkrgenError, match="not a directory"):
        Catalog(extra=[tmp_path / "missing"])


@pytest.mark.parametrize("template_id", ["sdr", "bdr", "head-of-sales", "user-acquisition", "sales-marketing-sla"])
def test_funnel_templates_derive_their_targets_with_the_funnel_calculation(template_id):
    """Issue 5: these templates use okrgen.track.funnel, so a plan is consistent with `okrgen funnel`."""
    t = Catalog().get(template_id)
    assert any("funnel(" in (p.derive or "") for p in t.parameters)


def test_sdr_meetings_equal_the_funnel_figure():
    from okrgen.track.funnel import required

    t = Catalog().get("sdr")
    values = resolve(t, "en", {"revenue_target": "2M", "deal_size": "20k", "meeting_win_rate": "20"})
    assert values["meetings_target"] == required("sal", 2_000_000, 20_000, sal_to_won=0.2) == 500


def test_template_packs_from_the_entry_point_group(monkeypatch, cli, tmp_path):
    """A pip-installed pack (tests/data/catalog_pkg: a package and its dist-info) adds its templates."""
    from pathlib import Path

    pack = Path(__file__).resolve().parent.parent / "data" / "catalog_pkg"
    monkeypatch.syspath_prepend(str(pack))
    code, out, err = cli("list")
    assert code == 0 and "acme-customer-success" in out, err
    code, out, err = cli("new", "acme-customer-success", "--lang", "ru", "--no-input", "--set", "period=2027-Q1")
    assert code == 0 and "Снизить ежемесячный отток" in out, err
    # A pack that points nowhere is named in a user error, not a traceback.
    broken = tmp_path / "broken-1.0.dist-info"
    broken.mkdir()
    (broken / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1.0\n", encoding="utf-8")
    (broken / "entry_points.txt").write_text("[okrgen.catalogs]\nbroken = no_such_module_okrgen\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    code, _, err = cli("list")
    assert code == 2 and "template pack 'broken'" in err
