import pytest

from okrgen.catalog.fill import derive_order, fill, next_quarter, resolve
from okrgen.catalog.template import from_loaded
from okrgen.errors import OkrgenError
from okrgen.plan.planfile import dump_plan, loads_plan
from okrgen.plan.yamlload import loads

BASE = """
id: mini
version: 2
department: sales
languages: [en, ru]
role: {en: Tester, ru: Тестировщик}
summary: {en: For tests., ru: Для тестов.}
parameters:
  - name: revenue
    type: money
    default: 3500000
    label: {en: Revenue, ru: Выручка}
  - name: deal_size
    type: money
    default: 25000
    label: {en: Deal size, ru: Средняя сделка}
  - name: deals
    type: integer
    derive: "(revenue / deal_size) | round(0, 'ceil') | int"
    label: {en: Deals, ru: Сделки}
  - name: mqls
    type: integer
    derive: "funnel('mql', revenue, deal_size, sal_to_won=0.25, sql_to_sal=0.8, mql_to_sql=0.4, lead_to_mql=0.3)"
    label: {en: MQLs, ru: MQL}
objectives:
  - title: {en: Win the mid-market, ru: Завоевать средний бизнес}
    key_results:
      - text: {en: "Grow new revenue from {{ 0 | money }} to {{ revenue | money }}", ru: "Увеличить новую выручку с {{ 0 | money }} до {{ revenue | money }}"}
        baseline: 0
        target: revenue
        unit: {en: USD, ru: USD}
      - text: {en: "Close {{ deals }} deals from {{ mqls | num }} MQLs", ru: "Закрыть {{ deals }} сделок из {{ mqls | num }} MQL"}
        target: deals
"""


def template(text=BASE):
    return from_loaded(loads(text, "mini.yaml"))


def test_fill_at_defaults_gives_a_valid_plan_with_derived_values():
    t = template()
    values = resolve(t, "en")
    assert values["deals"] == 140 and values["mqls"] == 1750
    plan = fill(t, "en", values)
    loads_plan(dump_plan(plan))
    kr1, kr2 = plan["objectives"][0]["key_results"]
    assert kr1["text"] == "Grow new revenue from $0 to $3.5M" and kr1["target"] == 3500000
    assert kr2["text"] == "Close 140 deals from 1,750 MQLs" and kr2["target"] == 140
    from okrgen.catalog.refill import untouched

    assert untouched(plan) and untouched(loads_plan(dump_plan(plan)).data)
    assert {k: v for k, v in plan["source"].items() if k != "fingerprint"} == {
        "template": "mini",
        "version": 2,
        "answers": {**{k: values[k] for k in ("team", "owner", "period", "currency", "revenue", "deal_size")}},
    }
    assert plan["period"] == "2027-Q1"  # next quarter after the pinned today
    assert plan["objectives"][0]["id"] == "O1" and kr2["id"] == "KR1.2"


def test_numbers_are_formatted_for_the_language():
    t = template()
    plan = fill(t, "ru", resolve(t, "ru", {"currency": "USD"}))
    # Babel's no-break spaces stay: a Russian figure never parts from its currency at a line end
    assert plan["objectives"][0]["key_results"][0]["text"] == "Увеличить новую выручку с 0\xa0$ до 3,5\xa0млн\xa0$"
    assert plan["currency"] == "USD"


def test_given_values_override_defaults_and_flow_into_derived():
    t = template()
    values = resolve(t, "en", {"revenue": "1M", "deal_size": "10,000"})
    assert values["deals"] == 100


def test_unknown_language():
    t = template()
    with pytest.raises(OkrgenError, match="no 'zh' text"):
        fill(t, "zh", resolve(t, "zh"))


def test_unknown_parameter_suggests():
    with pytest.raises(OkrgenError) as info:
        resolve(template(), "en", {"revenu": "1"})
    assert "has no parameter 'revenu'" in info.value.message and "revenue" in info.value.hint


def test_derived_parameter_cannot_be_set():
    with pytest.raises(OkrgenError, match="is derived"):
        resolve(template(), "en", {"deals": 3})


def test_failing_derive_points_at_its_line():
    t = template(BASE.replace("default: 25000", "default: 0"))
    with pytest.raises(OkrgenError) as info:
        resolve(t, "en")
    f = info.value.findings[0]
    assert "could not be computed" in f.message and f.file == "mini.yaml" and f.line == 19


def test_derive_cycle_is_reported():
    text = BASE.replace('derive: "(revenue / deal_size)', 'derive: "(mqls / deal_size)').replace(
        "derive: \"funnel('mql', revenue,", "derive: \"funnel('mql', deals,"
    )
    with pytest.raises(OkrgenError, match="cycle: (deals → mqls → deals|mqls → deals → mqls)"):
        derive_order(template(text))


def test_placeholder_naming_no_parameter_is_an_error_not_blank():
    t = template(BASE.replace("{{ deals }} deals", "{{ dealz }} deals"))
    with pytest.raises(OkrgenError) as info:
        fill(t, "en", resolve(t, "en"))
    f = info.value.findings[0]
    assert "'dealz' is undefined" in f.message and f.line is not None and f.pointer.endswith("/text/en")


@pytest.mark.parametrize("payload", ["{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}", "{{ revenue.__class__ }}"])
def test_sandbox_blocks_attribute_escapes(payload):
    t = template(BASE.replace("Close {{ deals }} deals", "Close " + payload))
    with pytest.raises(OkrgenError):
        out = fill(t, "en", resolve(t, "en"))
        # Jinja's sandbox renders unsafe attributes as undefined; StrictUndefined makes that an error.
        assert "class" not in out["objectives"][0]["key_results"][1]["text"]


@pytest.mark.parametrize("today, expected", [("2026-11-24", "2027-Q1"), ("2027-01-01", "2027-Q2"), ("2027-09-30", "2027-Q4")])
def test_next_quarter(today, expected):
    import datetime as dt

    assert next_quarter(dt.date.fromisoformat(today)) == expected


EXPRESSIONS = [
    ("(revenue / deal_size) | round(0, 'ceil') | int", {"revenue": 3_500_000, "deal_size": 25_000}),
    ("funnel('mql', revenue, deal_size, sal_to_won=0.25, sql_to_sal=0.8, mql_to_sql=0.4, lead_to_mql=0.3)", {"revenue": 1e6, "deal_size": 2e4}),
    ("[a, b] | max", {"a": 2, "b": 7.5}),
    ("'x' ~ a", {"a": 1}),
]

# Evaluates the expressions in a fresh process; with "strict", Jinja may not compile anything.
EXPRESSION_SCRIPT = r"""
import json, sys
from okrgen.catalog.fill import compiled_expression, environment
env = environment()
if sys.argv[2] == "strict":
    def refuse(*a, **k):
        raise AssertionError("compiled instead of read from the bytecode cache")
    env.compile = refuse
print(json.dumps([compiled_expression(src)(**ctx) for src, ctx in json.loads(sys.argv[1])]))
"""


def test_cached_expressions_evaluate_as_compile_expression_does():
    from okrgen.catalog.fill import compiled_expression, environment

    env = environment()
    for src, ctx in EXPRESSIONS:
        assert compiled_expression(src)(**ctx) == env.compile_expression(src, undefined_to_none=False)(**ctx)
    with pytest.raises(Exception, match="chunk after expression"):
        compiled_expression("a b")
    with pytest.raises(Exception, match="undefined"):
        compiled_expression("nope + 1")()
    with pytest.raises(Exception):
        compiled_expression("''.__class__.__mro__[1].__subclasses__()")()  # the sandbox still applies


def test_expressions_compile_once_per_machine(tmp_path):
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("OKRGEN_NO_CACHE", None)
    args = [sys.executable, "-c", EXPRESSION_SCRIPT, json.dumps(EXPRESSIONS)]
    first = subprocess.run([*args, "fill"], env=env, capture_output=True, text=True, check=True).stdout
    assert len(list((tmp_path / "okrgen" / "jinja").iterdir())) >= len(EXPRESSIONS)
    second = subprocess.run([*args, "strict"], env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first) == [140, 625, 7.5, "x1"]


# -- richer parameters (issue 15): when, validate, expression defaults, | label, period.end -----
RICH = """
id: rich
version: 1
department: customer-success
languages: [en, ru]
role: {en: Tester, ru: Тестировщик}
summary: {en: For tests., ru: Для тестов.}
parameters:
  - name: review_cadence
    type: choice
    default: quarterly
    label: {en: Review cadence, ru: Частота обзоров}
    choices:
      - {value: monthly, label: {en: monthly, ru: ежемесячно}}
      - {value: quarterly, label: {en: quarterly, ru: ежеквартально}}
  - name: has_partners
    type: boolean
    default: false
    label: {en: Partners?, ru: Партнёры?}
  - name: partner_count
    type: integer
    default: 3
    when: has_partners
    label: {en: Partners, ru: Партнёры}
  - name: renewal_baseline
    type: percent
    default: 80
    label: {en: Renewals now, ru: Продления сейчас}
  - name: renewal_target
    type: percent
    default: 88
    label: {en: Renewals target, ru: Цель по продлениям}
    validate:
      - check: renewal_target > renewal_baseline
        message: {en: "the target ({{ renewal_target }}%) must be above the baseline", ru: "цель ({{ renewal_target }}%) должна быть выше базы"}
  - name: review_due
    type: date
    default: "{{ period.end }}"
    label: {en: Review by, ru: Обзор до}
objectives:
  - title: {en: Customers stay because we help them succeed, ru: "Клиенты остаются, потому что мы помогаем им добиться успеха"}
    key_results:
      - text: {en: "Cut logo churn from 6% to 4%", ru: "Снизить отток клиентов с 6% до 4%"}
        baseline: 6
        target: 4
        direction: decrease
      - text: {en: "Raise renewals from {{ renewal_baseline | pct }} to {{ renewal_target | pct }}", ru: "Повысить долю продлений с {{ renewal_baseline | pct }} до {{ renewal_target | pct }}"}
        baseline: renewal_baseline
        target: renewal_target
        direction: increase
        due: "{{ period.end }}"
    initiatives:
      - {en: "Review every account {{ review_cadence | label }} by {{ review_due }}{% if has_partners %} with {{ partner_count }} partners{% endif %}", ru: "Проводить обзор каждого клиента {{ review_cadence | label }} до {{ review_due }}"}
"""


def _rich():
    return from_loaded(loads(RICH, "rich.yaml"))


def test_label_prints_a_choice_in_the_plan_language():
    t = _rich()
    plan = fill(t, "ru", resolve(t, "ru", {"period": "2027-Q1"}))
    assert "ежеквартально" in plan["objectives"][0]["initiatives"][0]


def test_expression_defaults_and_due_follow_the_period():
    t = _rich()
    for period, end in (("2027-Q1", "2027-03-31"), ("2027-H2", "2027-12-31")):
        values = resolve(t, "en", {"period": period})
        plan = fill(t, "en", values)
        assert values["review_due"] == end and plan["objectives"][0]["key_results"][1]["due"] == end


def test_when_skips_the_question_and_validate_stops_with_the_authors_message():
    t = _rich()
    asked = []
    resolve(t, "en", {"period": "2027-Q1"}, prompt=lambda p, d: asked.append(p.name) or (p.coerce(d) if d is not None else ""))
    assert "partner_count" not in asked and "review_cadence" in asked
    asked.clear()
    resolve(t, "en", {"period": "2027-Q1", "has_partners": "yes"}, prompt=lambda p, d: asked.append(p.name) or (p.coerce(d) if d is not None else ""))
    assert "partner_count" in asked
    with pytest.raises(OkrgenError) as err:
        resolve(t, "ru", {"period": "2027-Q1", "renewal_target": 70})
    assert "цель (70%) должна быть выше базы" in err.value.message and "renewal_baseline=80" in err.value.hint


def test_the_rich_template_validates_clean():
    from okrgen.catalog.checks import check_template

    assert [f.code for f in check_template(_rich())] == []


def test_a_money_key_result_without_a_unit_gets_the_plans_currency():
    """Issue 15: "0 → 350 000" in a company template's table, with no currency."""
    text = BASE.replace("        unit: {en: USD, ru: USD}\n", "", 1)
    assert text != BASE
    t = from_loaded(loads(text, "mini.yaml"))
    plan = fill(t, "ru", resolve(t, "ru", {"currency": "EUR"}))
    kr = plan["objectives"][0]["key_results"][0]
    assert kr["unit"] == "EUR" and "unit" not in plan["objectives"][0]["key_results"][1]


def _all_texts(plan):
    yield plan["title"]
    for o in plan["objectives"]:
        yield o["title"]
        yield from (kr["text"] for kr in o.get("key_results") or [])
        yield from o.get("initiatives") or []
    for k in plan.get("kpis") or []:
        yield k["name"]
        if isinstance(k.get("target"), str):
            yield k["target"]


def test_russian_plans_keep_figures_with_their_percent_and_units():
    import re

    from okrgen.catalog.fill import fill as fill_plan
    from okrgen.catalog.fill import resolve as resolve_values
    from okrgen.catalog.index import Catalog

    catalog = Catalog()
    broken = []
    for tid in catalog.ids():
        t = catalog.get(tid)
        plan = fill_plan(t, "ru", resolve_values(t, "ru", {"team": "Восток"}))
        for text in _all_texts(plan):
            broken += [f"{tid}: {m.group(0)!r} in {text!r}" for m in re.finditer(r"\d [%₽$]|\d (?:ч|дней|встреч)\b", text)]
    assert not broken, "\n".join(broken[:10])


def test_chinese_plans_have_no_ascii_space_after_full_width_punctuation_or_between_characters():
    import re

    from okrgen.catalog.fill import fill as fill_plan
    from okrgen.catalog.fill import resolve as resolve_values
    from okrgen.catalog.index import Catalog

    catalog = Catalog()
    broken = []
    for tid in catalog.ids():
        t = catalog.get(tid)
        plan = fill_plan(t, "zh", resolve_values(t, "zh", {}))
        for text in _all_texts(plan):
            broken += [f"{tid}: {text!r}" for _ in re.finditer(r"[，、。：；] |[\u4e00-\u9fff] [\u4e00-\u9fff]", text)]
    assert not broken, "\n".join(broken[:10])


# -- money defaults in the plan's currency (okrgen/data/currency.yaml) ---------------------------
@pytest.mark.parametrize(
    "lang, revenue, deal_size, deals, text",
    [
        ("en", 3_500_000, 25_000, 140, "Grow new bookings from $2.2M to $3.5M"),
        ("ru", 280_000_000, 2_000_000, 140, "Увеличить объём новых продаж с 180\xa0млн\xa0₽ до 280\xa0млн\xa0₽"),
        ("zh", 25_000_000, 180_000, 139, "将新签合同额从¥1500万提升到¥2500万"),
    ],
)
def test_money_defaults_are_sized_for_the_plans_currency(lang, revenue, deal_size, deals, text):
    """A rouble or yuan plan starts from figures a team there would write, not dollar figures
    printed with ₽ or ¥ ("с 2,2 млн ₽ до 3,5 млн ₽" was a toy plan for a Russian department)."""
    from okrgen.catalog.index import Catalog

    t = Catalog().get("head-of-sales")
    values = resolve(t, lang)
    assert (values["revenue_target"], values["deal_size"]) == (revenue, deal_size)
    assert values["deals_target"] == deals  # derived figures follow (¥25M / ¥180,000 rounds up to 139)
    plan = fill(t, lang, values)
    assert plan["objectives"][0]["key_results"][0]["text"] == text
    assert plan["objectives"][0]["key_results"][0]["target"] == revenue


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_the_currency_chosen_decides_the_scale_not_the_language(lang):
    from okrgen.catalog.index import Catalog

    t = Catalog().get("head-of-sales")
    assert resolve(t, lang, {"currency": "USD"})["deal_size"] == 25_000
    assert resolve(t, lang, {"currency": "rub"})["deal_size"] == 2_000_000
    assert resolve(t, lang, {"currency": "CNY"})["deal_size"] == 180_000
    assert resolve(t, lang, {"currency": "XYZ"})["deal_size"] == 25_000  # no scale listed: as written


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_values_the_user_gives_are_never_scaled(lang):
    from okrgen.catalog.index import Catalog

    t = Catalog().get("head-of-sales")
    values = resolve(t, lang, {"currency": "RUB", "deal_size": "25000", "revenue_target": "3.5M"})
    assert (values["deal_size"], values["revenue_target"]) == (25_000, 3_500_000)
    assert values["revenue_baseline"] == 180_000_000  # what was not given is still a rouble default


def test_a_prompt_offers_the_scaled_default_and_takes_the_answer_as_typed():
    from okrgen.catalog.index import Catalog

    t = Catalog().get("head-of-sales")
    offered = {}

    def prompt(p, default):
        offered[p.name] = default
        return p.coerce("900000") if p.name == "deal_size" else default

    values = resolve(t, "ru", prompt=prompt)
    assert offered["deal_size"] == 2_000_000 and offered["cac_target"] == 640_000
    assert values["deal_size"] == 900_000


def test_money_bounds_are_scaled_too():
    from okrgen.catalog.index import Catalog

    t = Catalog().get("head-of-sales")  # deal_size: min 1 (dollar) → 80 ₽
    with pytest.raises(OkrgenError, match="deal_size"):
        resolve(t, "ru", {"deal_size": "50"})
    assert resolve(t, "en", {"deal_size": "50"})["deal_size"] == 50


@pytest.mark.parametrize(
    "lang, given, deal_size", [("ru", {}, 2_000_000), ("en", {"currency": "RUB"}, 2_000_000), ("en", {"currency": "CNY"}, 180_000), ("en", {}, 25_000)]
)
def test_a_template_written_in_roubles_is_not_scaled_again(lang, given, deal_size):
    """A company template that says `currency: RUB` keeps its rouble defaults in a rouble plan,
    and is scaled by the ratio of the two factors in any other (2 000 000 ₽ / 80 × 7 = ¥175,000, rounded to ¥180,000)."""
    t = template(BASE.replace("version: 2\n", "version: 2\ncurrency: RUB\n").replace("default: 25000", "default: 2000000"))
    assert t.currency == "RUB"
    assert resolve(t, lang, given)["deal_size"] == deal_size
