"""Reading OKRs out of Markdown and plain-text drafts (okrgen.plan.drafts)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrgen.plan.drafts import normalise_period, parse_draft, split_owner, strip_enumerator

SEEDS = Path(os.environ.get("OKRGEN_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds"))


def seed(prefix: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed articles not found in {SEEDS} (set OKRGEN_SEEDS)")
    return matches[0].read_text(encoding="utf-8")


def krs(draft) -> list[str]:
    return [kr["text"] for o in draft.plan["objectives"] for kr in o["key_results"]]


# --------------------------------------------------------------------------- the seed articles


def test_seed_000_russian_bullets():
    """ "● Цель." objectives, "● Ключевые результаты:" lists, initiatives kept apart."""
    d = parse_draft(seed("000"), "000.txt", "txt")
    objectives = d.plan["objectives"]
    assert len(objectives) == 9
    assert [len(o["key_results"]) for o in objectives] == [3, 3, 3, 2, 4, 4, 4, 4, 4]
    assert d.kr_count() == 31
    assert sum(len(o["initiatives"]) for o in objectives) == 17
    assert d.plan["lang"] == "ru"
    assert objectives[0]["title"].startswith("Обеспечить рекордный рост в IV квартале")
    assert "Нанять четырех новых менеджеров по работе с клиентами." not in krs(d)
    assert "Нанять четырех новых менеджеров по работе с клиентами." in objectives[0]["initiatives"]
    # numbered prose after the last objective ("1. Сосредоточенность. …") is not a key result
    assert not any(t.startswith("Сосредоточенность") for t in krs(d))
    # the position is the real line of the draft, the column where the KR's text starts
    assert objectives[1]["key_results"][0]["text"] == "Сократить цикл продаж с 35 до 24 дней."
    assert d.position("/objectives/1/key_results/0/text") == (14, 3)
    assert d.position("/objectives/1/title") == (12, 9)
    assert d.plan["period"] is None  # "IV квартал" without a year is no period


def test_seed_001_chinese_shapes():
    """ "目标:" lines (some indented), "关键结果:" / "关键结果 :" labels, "•" bullets, role headings."""
    d = parse_draft(seed("001"), "001.txt", "txt")
    objectives = d.plan["objectives"]
    assert len(objectives) == 17
    assert d.kr_count() == 85
    assert [len(o["key_results"]) for o in objectives] == [5, 5, 5, 5, 6, 6, 6, 6, 6, 5, 5, 4, 4, 4, 5, 4, 4]
    assert d.plan["lang"] == "zh"
    assert objectives[0]["title"] == "保证公司收入目标达成"
    assert d.position("/objectives/0/title") == (13, 5)
    assert d.position("/objectives/0/key_results/0/text") == (16, 5)
    # "  •  3.角色:客户经理" is a role heading inside a bullet, not a key result
    assert not any("角色" in t for t in krs(d))
    # "目标(O)回答的是:…" in the introduction is prose, not an objective
    assert not any(o["title"].startswith("(O)") or "回答的是" in o["title"] for o in objectives)


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_seeds_without_okrs_are_not_read_as_okrs(prefix):
    """Articles about KPIs and SLAs, with bullets and numbered paragraphs, but no OKRs."""
    d = parse_draft(seed(prefix), f"{prefix}.txt", "txt")
    assert not d.found
    assert d.plan["objectives"] == []


# --------------------------------------------------------------------------- Markdown shapes

EN_MD = """\
---
period: Q3 2027
---
# Sales team OKRs

Intro with `inline code` in it.

## Objective 1: Grow enterprise revenue

- KR1: Increase ARR from $2M to $3M by 2027-09-30 (owner: Anna)
- KR 2. Sign 5 new logos `internal-id` by September — Bob Smith
  - a detail under KR2, not a key result
- Improve onboarding

### Initiatives
- Hire two SDRs

**O2: Make customers love us**

Key results:

1. Raise NPS from 30 to 45
2. Cut churn from 5% to 3% @maria

<!-- okrgen-disable SMART-R01 -->
## Reduce sales cycle

- Cut median cycle from 60 to 45 days
<!-- okrgen-enable -->

```
Objective: inside a fence
- KR1: never read
```

## Notes
Random prose.
- a bullet under notes
"""


def test_markdown_english_shapes():
    d = parse_draft(EN_MD, "a.md", "md")
    objectives = d.plan["objectives"]
    assert [o["title"] for o in objectives] == ["Grow enterprise revenue", "Make customers love us", "Reduce sales cycle"]
    assert [kr["text"] for kr in objectives[0]["key_results"]] == [
        "Increase ARR from $2M to $3M by 2027-09-30",
        "Sign 5 new logos internal-id by September",  # inline code keeps its words
        "Improve onboarding",
    ]
    assert [kr["owner"] for kr in objectives[0]["key_results"]] == ["Anna", "Bob Smith", None]
    assert objectives[0]["initiatives"] == ["Hire two SDRs"]
    assert [kr["text"] for kr in objectives[1]["key_results"]] == ["Raise NPS from 30 to 45", "Cut churn from 5% to 3%"]
    assert objectives[1]["key_results"][1]["owner"] == "maria"
    assert d.plan["period"] == "2027-Q3"
    assert d.plan["lang"] == "en"
    assert not any("never read" in t or "inline code" in t for t in krs(d))
    assert d.position("/objectives/0/key_results/0/text") == (10, 8)
    assert d.position("/objectives/2/key_results/0/text") == (28, 3)


def test_markdown_suppression_comments():
    d = parse_draft(EN_MD, "a.md", "md")
    assert d.plan["objectives"][2]["key_results"][0]["ignore"] == ["SMART-R01"]
    assert d.plan["objectives"][0]["key_results"][0]["ignore"] == []
    assert d.is_suppressed("SMART-R01", 28)
    assert not d.is_suppressed("SMART-T01", 28)
    assert not d.is_suppressed("SMART-R01", 10)
    assert not d.is_suppressed("SMART-R01", 40)  # after okrgen-enable


def test_disable_without_codes_covers_every_code_until_enable():
    text = "## Objective: A\n<!-- okrgen-disable -->\n- KR1: x\n<!-- okrgen-enable SMART-T01 -->\n- KR2: y\n"
    d = parse_draft(text, "s.md", "md")
    assert d.is_suppressed("SMART-M01", 3)
    assert d.is_suppressed("SMART-M01", 5)
    assert not d.is_suppressed("SMART-T01", 5)


def test_markdown_russian_labels_and_period_in_title():
    text = (
        "# ОКР отдела продаж, IV квартал 2026\n\n"
        "Цель 1. Вырасти в корпоративном сегменте\n"
        "КР 1. Увеличить выручку с 10 до 15 млн ₽ (отв. Иванов)\n"
        "КР-2 Подписать 5 новых договоров\n"
        "Ключевой результат 3: Сократить цикл сделки с 60 до 45 дней\n\n"
        "Цель 2: Удержать клиентов\n"
        "* Снизить отток с 5% до 3%\n"
        "Ключевые инициативы:\n"
        "* Запустить программу лояльности\n"
    )
    d = parse_draft(text, "ru.md", "md")
    objectives = d.plan["objectives"]
    assert d.plan["period"] == "2026-Q4"
    assert [o["title"] for o in objectives] == ["Вырасти в корпоративном сегменте", "Удержать клиентов"]
    assert [kr["text"] for kr in objectives[0]["key_results"]] == [
        "Увеличить выручку с 10 до 15 млн ₽",
        "Подписать 5 новых договоров",
        "Сократить цикл сделки с 60 до 45 дней",
    ]
    assert objectives[0]["key_results"][0]["owner"] == "Иванов"
    assert [kr["text"] for kr in objectives[1]["key_results"]] == ["Снизить отток с 5% до 3%"]
    assert objectives[1]["initiatives"] == ["Запустить программу лояльности"]
    assert d.plan["lang"] == "ru"
    assert d.position("/objectives/0/key_results/1/text") == (5, 6)


def test_plain_text_chinese_and_mixed_labels():
    text = (
        "销售部 OKR\n"
        "周期：2027年第一季度\n\n"
        "目标一：成为客户首选\n"
        "关键结果1：NPS从30提升至45（负责人：王伟）\n"
        "KR2：续约率从80%提升到90%\n\n"
        "O2：扩大市场份额\n"
        "  • 新增 50 家企业客户\n"
        "关键举措：\n"
        "  • 举办 3 场行业峰会\n"
        "行动计划\n"
        "  • 招聘 2 名销售\n\n"
        "Objective 3 - Build a great team\n"
        "Key results:\n"
        "- Hire 5 AEs by 2027-03-31\n"
    )
    d = parse_draft(text, "zh.txt", "txt")
    objectives = d.plan["objectives"]
    assert d.plan["period"] == "2027-Q1"
    assert d.position("/period")[0] == 2
    assert [o["title"] for o in objectives] == ["成为客户首选", "扩大市场份额", "Build a great team"]
    assert [kr["text"] for kr in objectives[0]["key_results"]] == ["NPS从30提升至45", "续约率从80%提升到90%"]
    assert objectives[0]["key_results"][0]["owner"] == "王伟"
    assert [kr["text"] for kr in objectives[1]["key_results"]] == ["新增 50 家企业客户"]
    assert objectives[1]["initiatives"] == ["举办 3 场行业峰会", "招聘 2 名销售"]
    assert [kr["text"] for kr in objectives[2]["key_results"]] == ["Hire 5 AEs by 2027-03-31"]


def test_unlabelled_heading_needs_key_results_right_after_it():
    text = "# Plan\n\n## Grow revenue\n- Increase ARR from 2 to 3\n\n## Installation\nRun this:\n- pip install okrgen\n"
    d = parse_draft(text, "h.md", "md")
    assert [o["title"] for o in d.plan["objectives"]] == ["Grow revenue"]
    assert krs(d) == ["Increase ARR from 2 to 3"]


def test_words_that_merely_start_a_sentence_are_not_labels():
    text = "Objectives and key results are a goal-setting method.\nGoal setting is hard.\n- a bullet\n"
    assert not parse_draft(text, "p.txt", "txt").found


def test_fenced_code_in_plain_text_is_skipped():
    text = "```\nObjective: hidden\n- KR1: hidden\n```\nObjective: Seen\n- KR1: Raise NPS from 30 to 45\n"
    d = parse_draft(text, "f.txt", "txt")
    assert [o["title"] for o in d.plan["objectives"]] == ["Seen"]


def test_bad_kind_is_rejected():
    with pytest.raises(ValueError):
        parse_draft("x", "x", "docx")


# --------------------------------------------------------------------------- §3.1 helpers and periods


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("KR1: Raise NPS", "Raise NPS"),
        ("KR 2. Raise NPS", "Raise NPS"),
        ("1. Raise NPS", "Raise NPS"),
        ("1) Raise NPS", "Raise NPS"),
        ("- Raise NPS", "Raise NPS"),
        ("• Raise NPS", "Raise NPS"),
        ("* Raise NPS", "Raise NPS"),
        ("① Raise NPS", "Raise NPS"),
        ("КР1: Поднять NPS", "Поднять NPS"),
        ("КР-2 Поднять NPS", "Поднять NPS"),
        ("关键结果1：NPS提升至45", "NPS提升至45"),
        ("KR1：NPS提升至45", "NPS提升至45"),
        ("（一）NPS提升至45", "NPS提升至45"),
        ("一、NPS提升至45", "NPS提升至45"),
        ("100 % менеджеров представили стратегию", "100 % менеджеров представили стратегию"),
        ("3.0 release adopted by 40% of users", "3.0 release adopted by 40% of users"),
    ],
)
def test_strip_enumerator(raw, expected):
    assert strip_enumerator(raw) == expected


@pytest.mark.parametrize(
    "raw, text, owner",
    [
        ("Raise NPS to 45 (owner: Anna Lee)", "Raise NPS to 45", "Anna Lee"),
        ("Поднять NPS до 45 (отв. Иванов)", "Поднять NPS до 45", "Иванов"),
        ("NPS提升至45（负责人：王伟）", "NPS提升至45", "王伟"),
        ("Raise NPS to 45 — Anna", "Raise NPS to 45", "Anna"),
        ("Raise NPS to 45 — by Q3", "Raise NPS to 45 — by Q3", None),
        ("Raise NPS to 45 — Q3", "Raise NPS to 45 — Q3", None),
        ("Raise NPS (from 30) to 45", "Raise NPS (from 30) to 45", None),
    ],
)
def test_split_owner(raw, text, owner):
    assert split_owner(raw) == (text, owner)


@pytest.mark.parametrize(
    "text, whole, expected",
    [
        ("2027-Q1", True, "2027-Q1"),
        ("Sales OKRs Q3 2027", False, "2027-Q3"),
        ("Q3-2027", False, "2027-Q3"),
        ("IV квартал 2026", False, "2026-Q4"),
        ("4 кв. 2026", False, "2026-Q4"),
        ("2027年第一季度", False, "2027-Q1"),
        ("2027年Q2", False, "2027-Q2"),
        ("H1 2027", False, "2027-H1"),
        ("2027年上半年", False, "2027-H1"),
        ("2027", True, "2027"),
        ("2027", False, None),
        ("2027-03", True, "2027-03"),
        ("2027年3月", True, "2027-03"),
        ("в IV квартале", False, None),
        ("第一季度", False, None),
        ("Q5 2027", False, None),
        ({"start": "2027-02-01", "end": "2027-04-30"}, True, {"start": "2027-02-01", "end": "2027-04-30"}),
        (None, True, None),
    ],
)
def test_normalise_period(text, whole, expected):
    assert normalise_period(text, whole=whole) == expected


@pytest.mark.parametrize(
    "objective_line, title",
    [
        ("Objective: Grow revenue", "Grow revenue"),
        ("Objective 2 - Grow revenue", "Grow revenue"),
        ("O1. Grow revenue", "Grow revenue"),
        ("O1：Grow revenue", "Grow revenue"),
        ("**Objective 1:** Grow revenue", "Grow revenue"),
        ("## Goal: Grow revenue", "Grow revenue"),
        ("Цель: Вырастить выручку", "Вырастить выручку"),
        ("Цель 1. Вырастить выручку", "Вырастить выручку"),
        ("● Цель. Вырастить выручку", "Вырастить выручку"),
        ("目标：提升收入", "提升收入"),
        ("目标一：提升收入", "提升收入"),
        ("目标 :提升收入", "提升收入"),
    ],
)
@pytest.mark.parametrize(
    "kr_line, kr_text",
    [
        ("KR1: Raise NPS from 30 to 45", "Raise NPS from 30 to 45"),
        ("KR 1. Raise NPS from 30 to 45", "Raise NPS from 30 to 45"),
        ("Key result: Raise NPS from 30 to 45", "Raise NPS from 30 to 45"),
        ("Ключевой результат 1: Поднять NPS с 30 до 45", "Поднять NPS с 30 до 45"),
        ("КР 1. Поднять NPS с 30 до 45", "Поднять NPS с 30 до 45"),
        ("关键结果1：NPS从30提升至45", "NPS从30提升至45"),
        ("KR1：NPS从30提升至45", "NPS从30提升至45"),
        ("- Raise NPS from 30 to 45", "Raise NPS from 30 to 45"),
        ("1. Raise NPS from 30 to 45", "Raise NPS from 30 to 45"),
    ],
)
@pytest.mark.parametrize("kind", ["md", "txt"])
def test_label_shapes(objective_line, title, kr_line, kr_text, kind):
    d = parse_draft(f"{objective_line}\n\n{kr_line}\n", f"x.{kind}", kind)
    assert [o["title"] for o in d.plan["objectives"]] == [title]
    assert krs(d) == [kr_text]
    assert d.position("/objectives/0/key_results/0/text")[0] == 3


@pytest.mark.parametrize("heading", ["Initiatives", "Key initiatives", "Ключевые инициативы", "行动计划", "关键举措"])
@pytest.mark.parametrize("kind", ["md", "txt"])
def test_initiative_items_are_not_key_results(heading, kind):
    text = f"Objective: Grow\n\n- KR1: Raise NPS from 30 to 45\n\n{heading}:\n\n- Hire two SDRs\n"
    d = parse_draft(text, f"x.{kind}", kind)
    assert krs(d) == ["Raise NPS from 30 to 45"]
    assert d.plan["objectives"][0]["initiatives"] == ["Hire two SDRs"]


# --------------------------------------------------------------------------- shapes of real drafts (issue 10)


def plan_of(text: str, kind: str = "md", name: str = "draft"):
    return parse_draft(text, f"{name}.{kind}", kind).plan


def shape(plan) -> list[tuple[str, list[str]]]:
    return [(o["title"], [k["text"] for k in o["key_results"]]) for o in plan["objectives"]]


NESTED = {
    "en": (
        "- Grow revenue\n  - Raise ARR from $2M to $3M\n  - Sign 5 new logos\n    - run 2 partner events\n- Keep customers\n  - Cut churn to 2%\n  - Raise NPS to 45\n",
        [("Grow revenue", ["Raise ARR from $2M to $3M", "Sign 5 new logos"]), ("Keep customers", ["Cut churn to 2%", "Raise NPS to 45"])],
    ),
    "ru": (
        "- Расти в среднем бизнесе\n  - Увеличить выручку с 10 до 15 млн\n  - Подписать 14 клиентов\n- Удержать клиентов\n  - Снизить отток до 2%\n  - Поднять NPS до 45\n",
        [
            ("Расти в среднем бизнесе", ["Увеличить выручку с 10 до 15 млн", "Подписать 14 клиентов"]),
            ("Удержать клиентов", ["Снизить отток до 2%", "Поднять NPS до 45"]),
        ],
    ),
    "zh": (
        "- 提升销售额\n    - 签约20家新客户\n    - 续约率达到90%\n- 提高客户满意度\n    - NPS从30提升至45\n    - 投诉率降低到1%\n",
        [("提升销售额", ["签约20家新客户", "续约率达到90%"]), ("提高客户满意度", ["NPS从30提升至45", "投诉率降低到1%"])],
    ),
}


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_nested_outline_without_labels(lang):
    text, expected = NESTED[lang]
    plan = plan_of(text)
    assert shape(plan) == expected
    if lang == "en":
        assert plan["objectives"][0]["initiatives"] == ["run 2 partner events"]  # the third level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "## Goals\n\n- [ ] Objective: Grow revenue\n  - [x] Sign 5 new logos\n  - [ ] Raise NPS to 45\n",
            [("Grow revenue", ["Sign 5 new logos", "Raise NPS to 45"])],
        ),
        ("Цель: Расти\n\n- [x] Подписать 14 клиентов\n- [ ] Снизить отток до 2%\n", [("Расти", ["Подписать 14 клиентов", "Снизить отток до 2%"])]),
        ("目标：提升销售额\n\n- [x] 签约20家新客户\n- [ ] 续约率达到90%\n", [("提升销售额", ["签约20家新客户", "续约率达到90%"])]),
    ],
)
def test_checkbox_marks_are_not_text(text, expected):
    assert shape(plan_of(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected", "owners"),
    [
        ("O: Grow revenue\nKR 1.1 – Sign 5 new logos\nCEO KR: Raise NPS to 45\n", [("Grow revenue", ["Sign 5 new logos", "Raise NPS to 45"])], [None, "CEO"]),
        ("O1: Grow\n- p0 - Sign 5 new logos\n- [Sales] P1: Raise NPS to 45\n", [("Grow", ["Sign 5 new logos", "Raise NPS to 45"])], [None, "Sales"]),
        (
            "Цель отдела продаж: Расти\nКР 1.2 – Подписать 14 клиентов\nКР 1.3 – Снизить отток до 2%\n",
            [("Расти", ["Подписать 14 клиентов", "Снизить отток до 2%"])],
            [None, None],
        ),
        ("目标一：提升销售额\nKR1：签约20家新客户\nKR2：续约率达到90%\n", [("提升销售额", ["签约20家新客户", "续约率达到90%"])], [None, None]),
        ("O1：提升销售额\n关键结果1：签约20家新客户\n关键结果2：续约率达到90%\n", [("提升销售额", ["签约20家新客户", "续约率达到90%"])], [None, None]),
    ],
)
def test_labels_priorities_and_owner_prefixes(text, expected, owners):
    plan = plan_of(text, "txt")
    assert shape(plan) == expected
    assert [k["owner"] for k in plan["objectives"][0]["key_results"]] == owners


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("# Team\n\n## 2026 Q3\n\n### Grow\n\n- Sign 5 logos\n- Raise NPS to 45\n", "2026-Q3"),
        ("# 2025\n\n## Grow\n\n- Sign 5 logos\n- Raise NPS to 45\n", "2025"),
        ("# 销售团队\n\n## 2025 年度目标\n\n### 提升销售额\n\n- 签约20家新客户\n- 续约率达到90%\n", "2025"),
        ("# Отдел продаж\n\n## III квартал 2026\n\n### Расти\n\n- Подписать 14 клиентов\n- Снизить отток до 2%\n", "2026-Q3"),
        ("# Sales\n\n## Quarterly OKRs: [Q1 2025]\n\n### Grow\n\n- Sign 5 logos\n- Raise NPS to 45\n", "2025-Q1"),
        ("# CY19-Q4 OKRs\n\n## Grow\n\n- Sign 5 logos\n- Raise NPS to 45\n", "2019-Q4"),
    ],
)
def test_period_from_section_headings(text, period):
    d = parse_draft(text, "x.md", "md")
    assert d.plan["period"] == period
    assert "from the heading on line" in d.summary()


def test_period_from_prose_front_matter_file_name_and_bold_labels():
    prose = "This quarter runs from May 1 to July 31, 2026.\n\nObjective: Grow\n- Sign 5 logos\n- Raise NPS to 45\n"
    assert plan_of(prose)["period"] == {"start": "2026-05-01", "end": "2026-07-31"}
    front = "---\nperiod: 2026-Q2\n---\nObjective: Grow\n- Sign 5 logos\n- Raise NPS to 45\n"
    assert plan_of(front)["period"] == "2026-Q2"
    body = "Objective: Grow\n- Sign 5 logos\n- Raise NPS to 45\n"
    d = parse_draft(body, "okrs-2026-q3.md", "md")
    assert d.plan["period"] == "2026-Q3" and "the file name" in d.summary()
    assert plan_of("**Период:** II квартал 2026\n\nЦель: Расти\n- Подписать 14 клиентов\n- Снизить отток\n")["period"] == "2026-Q2"
    assert plan_of("**Горизонт планирования:** 2026 год\n\nЦель: Расти\n- Подписать 14 клиентов\n- Снизить отток\n")["period"] == "2026"
    assert plan_of("**周期：** 2026年第一季度\n\n目标：提升销售额\n- 签约20家新客户\n- 续约率达到90%\n")["period"] == "2026-Q1"


def test_each_section_keeps_its_own_period():
    text = (
        "# Plan\n\n## 2026 Q1\n\nObjective: Grow\n- Sign 5 logos\n- Raise NPS to 45\n\n## 2026 Q2\n\nObjective: Keep\n- Cut churn to 2%\n- Renew 40 accounts\n"
    )
    plan = plan_of(text)
    assert plan["period"] is None
    assert [k["due"] for o in plan["objectives"] for k in o["key_results"]] == ["2026-03-31", "2026-03-31", "2026-06-30", "2026-06-30"]


def test_key_result_headings_with_a_body_owner_line_and_rule():
    text = (
        "## Цель 1: Вырастить спрос\n\n### KR1 — Конверсия интересов\nКонверсия из интереса в заявку **≥ 25%** к концу года.\n\n"
        "Ответственный: Анна Петрова\n\n---\n\n### KR2 — Охват\nОхват 1,2 млн человек.\n\n---\n"
    )
    plan = plan_of(text)
    krs = plan["objectives"][0]["key_results"]
    assert [k["text"] for k in krs] == ["Конверсия интересов: Конверсия из интереса в заявку ≥ 25% к концу года.", "Охват: Охват 1,2 млн человек."]
    assert krs[0]["owner"] == "Анна Петрова" and len(plan["objectives"]) == 1


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("| Objective | Key result | Owner |", "| Grow | Sign 5 new logos | @ann |"),
        ("| Цель | Ключевой результат | Ответственный |", "| Расти | Подписать 14 клиентов | Анна |"),
        ("| 目标 | 关键结果 | 负责人 |", "| 提升销售额 | 签约20家新客户 | 王伟 |"),
    ],
)
def test_markdown_tables(header, row):
    plan = plan_of(f"# OKRs\n\n{header}\n|---|---|---|\n{row}\n|  | second KR text 2 | x |\n")
    (obj,) = plan["objectives"]
    assert len(obj["key_results"]) == 2 and obj["key_results"][0]["owner"] in ("ann", "Анна", "王伟")


def test_inline_code_links_and_emphasis_keep_their_words():
    plan = plan_of("Objective: Ship the CLI\n- Make `ipfs add` 2x faster on [large files](https://x.y) by *June 30*\n- Cut p99 to 200 ms\n")
    assert plan["objectives"][0]["key_results"][0]["text"] == "Make ipfs add 2x faster on large files by June 30"


@pytest.mark.parametrize(
    "lang_text", ["Objective: Grow\n- Sign 5 logos\n- TBD\n-\n", "Цель: Расти\n- Подписать 14 клиентов\n- X\n", "目标：提升销售额\n- 签约20家新客户\n- ……\n"]
)
def test_placeholder_items_are_reported_not_linted(lang_text):
    d = parse_draft(lang_text, "x.txt", "txt")
    assert d.kr_count() == 1 and d.placeholders


def test_restructuredtext_and_org_lists():
    rst = "Sales OKRs 2026 Q3\n==================\n\nGrow revenue\n------------\n\n- Sign 5 new logos\n- Raise NPS to 45\n"
    plan = plan_of(rst, "rst")
    assert plan["period"] == "2026-Q3" and shape(plan) == [("Grow revenue", ["Sign 5 new logos", "Raise NPS to 45"])]
    org = "#+TITLE: Sales OKRs\n* 2026 Q3\n** Grow revenue\n- Sign 5 new logos\n- Raise NPS to 45\n"
    plan = plan_of(org, "org")
    assert plan["period"] == "2026-Q3" and shape(plan) == [("Grow revenue", ["Sign 5 new logos", "Raise NPS to 45"])]


def test_details_blocks_are_supplementary():
    text = "Objective: Hire well\n- Keep time to offer under 30 days\n- Make 2 hires from referrals\n\n<details>\n\n**High**\n\n* Product Engineer 1\n* Designer 2\n\n</details>\n"
    assert plan_of(text)["objectives"][0]["key_results"][-1]["text"] == "Make 2 hires from referrals"
    assert len(plan_of(text)["objectives"]) == 1


def test_remark_lists_questions_and_over_indented_lists():
    text = "## Objective: Replicate data\n\nBackground:\n\n* [Spec draft](https://x.y)\n\n| Key result | Assignee |\n|---|---|\n| Parse 3 grammars | @a |\n"
    assert shape(plan_of(text)) == [("Replicate data", ["Parse 3 grammars"])]
    zh = "O:提升销售额\nKR:怎样去实现业绩的增长?用关键结果来衡量。\nKR1:签约20家新客户\nKR2:续约率达到90%\n"
    assert shape(plan_of(zh, "txt")) == [("提升销售额", ["签约20家新客户", "续约率达到90%"])]
    code = "## 2017 OKRs\n\n### Grow revenue\n\n        - make £15,000 RR p/m by June\n        - sign 3 partners\n"
    plan = plan_of(code)
    assert plan["period"] == "2017" and shape(plan) == [("Grow revenue", ["make £15,000 RR p/m by June", "sign 3 partners"])]
    fenced = "### Grow revenue\n\n- sign 3 partners\n- raise NPS to 45\n\n    print('not a list')\n"
    assert shape(plan_of(fenced)) == [("Grow revenue", ["sign 3 partners", "raise NPS to 45"])]


@pytest.mark.parametrize(
    ("prose", "objective"),
    [
        ("This quarter runs from May 1 to July 31, 2026.", "Objective: Grow\n- Sign 5 logos\n- Raise NPS to 45\n"),
        ("Квартал длится с 1 мая по 31 июля 2026 года.", "Цель: Расти\n- Подписать 14 клиентов\n- Снизить отток до 2%\n"),
        ("考核周期：2026年5月1日至7月31日", "目标：提升销售额\n- 签约20家新客户\n- 续约率达到90%\n"),
    ],
)
def test_prose_periods_in_three_languages(prose, objective):
    d = parse_draft(f"{prose}\n\n{objective}", "x.md", "md")
    assert d.plan["period"] == {"start": "2026-05-01", "end": "2026-07-31"} and "sentence on line 1" in d.summary()


@pytest.mark.parametrize(
    ("meta", "body", "period"),
    [
        ("period: 2026-Q2\nlang: en", "Objective: Grow\n- Sign 5 logos\n- Raise NPS to 45\n", "2026-Q2"),
        ("period: II квартал 2026", "Цель: Расти\n- Подписать 14 клиентов\n- Снизить отток до 2%\n", "2026-Q2"),
        ("period: 2026年第二季度", "目标：提升销售额\n- 签约20家新客户\n- 续约率达到90%\n", "2026-Q2"),
    ],
)
def test_front_matter_periods_in_three_languages(meta, body, period):
    d = parse_draft(f"---\n{meta}\n---\n{body}", "x.md", "md")
    assert d.plan["period"] == period and "the front matter" in d.summary()


@pytest.mark.parametrize(
    ("title", "objective", "krs"),
    [
        ("Sales OKRs 2026 Q3", "Grow revenue", ["Sign 5 new logos", "Raise NPS to 45"]),
        ("OKR отдела продаж, III квартал 2026", "Расти в среднем бизнесе", ["Подписать 14 клиентов", "Снизить отток до 2%"]),
        ("2026年第三季度销售目标", "提升销售额", ["签约20家新客户", "续约率达到90%"]),
    ],
)
def test_rst_and_org_in_three_languages(title, objective, krs):
    rst = f"{title}\n{'=' * 40}\n\n{objective}\n{'-' * 30}\n\n" + "".join(f"* {k}\n" for k in krs)
    org = f"* {title}\n** {objective}\n" + "".join(f"- {k}\n" for k in krs)
    for text, kind in ((rst, "rst"), (org, "org")):
        plan = plan_of(text, kind)
        assert plan["period"] == "2026-Q3" and shape(plan) == [(objective, krs)], kind


def test_nested_ordered_outline_with_team_objectives_and_team_kr_labels():
    text = (
        "# CY19-Q4 OKRs\n\n1. CEO: Net new ARR\n   1. **Sales (Closing Deals): Reach [$N](http://x) net new ARR in Q4**\n"
        "      1. Sales (Closing Deals) KR: Get 70% of trials to convert to paid customers.\n"
        "2. Product: Increase engagement\n   1. Product KR: Increase SWAUs by 25% => Looker dashboard\n   2. Product KR: Cut p95 load time to 2 s\n"
    )
    d = parse_draft(text, "x.md", "md")
    got = [(o["title"], [(k["text"], k["owner"]) for k in o["key_results"]]) for o in d.plan["objectives"]]
    assert got == [
        ("CEO: Net new ARR", []),
        ("Sales (Closing Deals): Reach $N net new ARR in Q4", [("Get 70% of trials to convert to paid customers.", "Sales (Closing Deals)")]),
        ("Product: Increase engagement", [("Increase SWAUs by 25%", "Product"), ("Cut p95 load time to 2 s", "Product")]),
    ]
    assert d.plan["period"] == "2019-Q4"


def test_a_target_column_beside_a_from_to_is_the_key_results_target():
    """Issue 13/15: text agrees with structure in drafts too; a Target column that differs from the
    text's "from X to Y" is AGREE-002 in lint."""
    from okrgen.lint import lint_plan

    text = (
        "# OKRs 2027 Q1\n\n| Objective | Key result | Target |\n|---|---|---|\n"
        "| Win more of the pipeline | Raise win rate from 18% to 24% | 30% |\n"
        "| Win more of the pipeline | Cut churn from 6% to 4% | 4% |\n"
        "| Win more of the pipeline | Reach 40 signed partners | 40 |\n"
    )
    d = parse_draft(text, "t.md", "md")
    krs = d.plan["objectives"][0]["key_results"]
    assert [kr.get("target") for kr in krs] == [30, 4, None] and krs[2]["text"] == "Reach 40 signed partners"
    got = [(f.pointer, f.code) for f in lint_plan(d.plan) if f.code.startswith("AGREE")]
    assert got == [("/objectives/0/key_results/0", "AGREE-002")]


def test_outline_under_an_objective_heading_whose_siblings_hold_flat_lists():
    """Sibling headings with flat lists are objectives, so the one with sub-items is one too."""
    text = (
        "## 2017 OKRs\n\n### Build the team\n- hire 2 developers\n    - 1 full stack\n    - 1 hardware\n"
        "- publish a handbook\n    - review quarterly\n    - update on change\n\n"
        "### Be profitable\n- make £15,000 RR p/m\n- reach 20% retention\n\n### Grow the community\n- run 4 meetups\n- reach 500 members\n"
    )
    assert shape(plan_of(text)) == [
        ("Build the team", ["hire 2 developers", "publish a handbook"]),
        ("Be profitable", ["make £15,000 RR p/m", "reach 20% retention"]),
        ("Grow the community", ["run 4 meetups", "reach 500 members"]),
    ]
    # every heading over an outline: the headings are teams, the top items objectives
    teams = "### Sales\n- Grow revenue\n    - Sign 5 logos\n    - Raise NPS to 45\n\n### Support\n- Delight users\n    - Answer in 2h\n    - Reach CSAT 90%\n"
    assert [o["title"] for o in plan_of(teams)["objectives"]] == ["Grow revenue", "Delight users"]


def test_over_indented_list_with_remarks_indented_under_its_items():
    text = "### Optimise the repository\n\n        - cut load time to 2s\n                >need a baseline first\n        -users can clone 3 projects\n"
    assert shape(plan_of(text)) == [("Optimise the repository", ["cut load time to 2s", "users can clone 3 projects"])]
    code = "### Optimise the repository\n\n- cut load time to 2s\n\n        print(x)\n        - y\n"
    assert shape(plan_of(code)) == [("Optimise the repository", ["cut load time to 2s"])]


def test_details_summary_is_the_item_and_a_goals_file_name_makes_loose_lists_krs():
    text = "<details>\n<summary>Hire about 55 people - list</summary>\n\n* Engineer 1\n* Designer 2\n</details>\n\n* Keep time to offer under 30 days\n* Make 2 hires from referrals\n"
    d = parse_draft(text, "talent-objectives.md", "md")
    assert krs(d) == ["Hire about 55 people - list", "Keep time to offer under 30 days", "Make 2 hires from referrals"]
    assert d.positions["/objectives/0/key_results/0"][0] == 2
    assert krs(parse_draft(text, "notes.md", "md")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В OKR поставим на чат-бота, к примеру, от 0 до 20% от числа обращений, на второй квартал повысим с 20 до 40%.",
            ["от 0 до 20% от числа обращений", "на второй квартал повысим с 20 до 40%"],
        ),
        ("Our OKR this quarter: lift NPS from 30 to 45, and the office moves from May 1 to July 31.", ["lift NPS from 30 to 45"]),
        ("这个季度的OKR：把复购率从30%提升到45%。", ["把复购率从30%提升到45%"]),
    ],
)
def test_key_results_in_prose_are_clauses_that_move_a_figure(text, expected):
    assert krs(parse_draft(text, "draft.txt", "txt")) == expected


def test_prose_figures_are_not_read_when_the_text_has_lists_or_no_okr_words():
    assert krs(parse_draft("Revenue grew from 30 to 45 this year.", "notes.txt", "txt")) == []
    listed = "OKR\nObjective: Grow\n- Sign 5 logos\n- Raise NPS to 45\n\nLast year NPS went from 30 to 45.\n"
    assert krs(parse_draft(listed, "draft.md", "md")) == ["Sign 5 logos", "Raise NPS to 45"]


def test_restructuredtext_key_results_field_roles_and_directives():
    """A ':krs:' field in a directive is a list, one KR a line; roles and links keep their words."""
    rst = (
        "July\n====\n\nRead more\n---------\n\n.. okr:: _\n   :id: 2022-o3/1\n   :krs: Reread :book:`Demian`\n"
        "         Send 2 `Go patches`__ upstream\n   :scores: 0 0\n\n   __ https://x.y\n"
    )
    d = parse_draft(rst, "okr.rst", "rst")
    assert shape(d.plan) == [("Read more", ["Reread Demian", "Send 2 Go patches upstream"])]
    assert d.positions["/objectives/0/key_results/1"][0] == 10
    fields = "OKRs\n====\n\nGrow revenue\n------------\n\n:period: 2026-Q3\n:krs:\n    Sign 5 new logos\n    Raise NPS to 45\n"
    plan = plan_of(fields, "rst")
    assert plan["period"] == "2026-Q3" and shape(plan) == [("Grow revenue", ["Sign 5 new logos", "Raise NPS to 45"])]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Цели на 2026 год\n\nЦель: Стать лидером рынка\n  - Довести долю рынка до 25%\n  - Получить 500 заявок\n", "txt"),
        ("## OKRs 2026\n\n### Grow revenue\n- Sign 5 new logos\n- Raise NPS to 45\n", "md"),
    ],
)
def test_a_year_in_the_title_line_or_after_the_okr_word_is_the_period(text, kind):
    assert plan_of(text, kind)["period"] == "2026"


def test_stacked_bold_field_lines_under_a_key_result_heading_stay_apart():
    text = "# Q4 2026 OKRs\n\n## Objective: Delight customers\n\n### KR 1: Raise NPS from 30 to 50\n**Owner:** Dana\n**Due:** 2026-12-15\n\n### KR 2: Cut P1 resolution to 4 hours\n**Owner:** Sam\n"
    krs_ = plan_of(text)["objectives"][0]["key_results"]
    assert [k["owner"] for k in krs_] == ["Dana", "Sam"]
    assert krs_[0]["text"].startswith("Raise NPS from 30 to 50")


@pytest.mark.parametrize("kind", ["md", "txt"])
def test_outline_numbers_like_1_1_start_key_results(kind):
    """ "1.1." is no Markdown list marker, but people number KRs under "Цель 1" that way."""
    text = "# OKR, Q2 2026\n\n**Цель 1: Стабильная платформа**\n1.1. Довести аптайм до 99,95%\n1.2. Сократить MTTR с 90 до 30 минут\n\n**Цель 2: Быстрая доставка**\n2.1) Время сборки с 25 до 10 минут\n2.2) 90% релизов без ручных шагов\n"
    plan = plan_of(text, kind)
    assert plan["period"] == "2026-Q2"
    assert shape(plan) == [
        ("Стабильная платформа", ["Довести аптайм до 99,95%", "Сократить MTTR с 90 до 30 минут"]),
        ("Быстрая доставка", ["Время сборки с 25 до 10 минут", "90% релизов без ручных шагов"]),
    ]
    assert krs(parse_draft("OKRs\nObjective: Grow\n- 1.5 million users by June\n- Raise NPS to 45\n", "d.txt", "txt"))[0] == "1.5 million users by June"


def test_emoji_bullets_and_bracketed_labels():
    en = "🎯 Objective #1: Own the SMB segment\n   ✅ KR #1: Grow SMB MRR from $40k to $65k\n   ⬜ KR #2: Cut SMB churn to 2% monthly\n"
    assert shape(plan_of(en, "txt")) == [("Own the SMB segment", ["Grow SMB MRR from $40k to $65k", "Cut SMB churn to 2% monthly"])]
    zh = "【目标1】提升品牌影响力\n关键结果1：公众号粉丝从2万增长到5万\n关键结果2：举办4场线下活动\n"
    assert shape(plan_of(zh, "txt")) == [("提升品牌影响力", ["公众号粉丝从2万增长到5万", "举办4场线下活动"])]
    labelled = "Objective: Grow\n[KR 1] Sign 5 logos\n[KR 2] Raise NPS to 45\n"
    d = parse_draft(labelled, "d.txt", "txt")
    assert krs(d) == ["Sign 5 logos", "Raise NPS to 45"] and all(not k.get("owner") for k in d.plan["objectives"][0]["key_results"])
    team = "Objective: Grow\n- [Sales] Sign 5 logos\n- [Sales] Raise NPS to 45\n"
    assert [k["owner"] for k in plan_of(team, "txt")["objectives"][0]["key_results"]] == ["Sales", "Sales"]


def test_zh_key_results_also_called_guanjian_chengguo():
    text = "O1：提升品牌影响力\n关键成果1：公众号关注数从2万增长到5万\n关键成果2：举办4场线下活动\n"
    assert shape(plan_of(text, "txt")) == [("提升品牌影响力", ["公众号关注数从2万增长到5万", "举办4场线下活动"])]


def test_russian_keyboard_o_labels_and_em_dash_bullets():
    text = "О1: Увеличить долю рынка\nКР1.1: Выручка с 10 до 14 млн ₽\nКР1.2: 30 новых дилеров\n"
    assert shape(plan_of(text, "txt")) == [("Увеличить долю рынка", ["Выручка с 10 до 14 млн ₽", "30 новых дилеров"])]
    dash = "OKR\n\nЦель: Вырастить продажи\n— Увеличить выручку с 10 до 14 млн ₽\n— Подключить 30 новых дилеров\n"
    assert shape(plan_of(dash, "txt")) == [("Вырастить продажи", ["Увеличить выручку с 10 до 14 млн ₽", "Подключить 30 новых дилеров"])]
    prose = "О проекте: описание\nО нас: команда из 5 человек\n"
    assert plan_of(prose, "txt")["objectives"] == []


def test_plain_sub_headings_of_an_objective_heading_are_its_key_results():
    text = (
        "# Q3 2026 OKRs\n\n## Objective: Grow revenue\n\n### Increase ARR from $1M to $2M\nOwner: Dana\n\n"
        "### Sign 20 new logos\n\n### Risks\nHiring may slip.\n\n## Objective: Delight customers\n\n### Raise NPS from 30 to 45\n"
    )
    d = parse_draft(text, "d.md", "md")
    assert shape(d.plan) == [("Grow revenue", ["Increase ARR from $1M to $2M", "Sign 20 new logos"]), ("Delight customers", ["Raise NPS from 30 to 45"])]
    assert d.plan["objectives"][0]["key_results"][0]["owner"] == "Dana"
    teams = "## Objective: Grow revenue\n\n### Marketing\n- Book 60 demos\n- Raise reply rate to 8%\n"
    assert shape(plan_of(teams))[-1] == ("Marketing", ["Book 60 demos", "Raise reply rate to 8%"])  # a list under it: as before


def test_owner_handle_in_parentheses():
    text = "Objective: Grow\n- [ ] Activation rate from 32% to 45% (@maria)\n- [ ] 150 annual upgrades @li\n"
    assert [(k["text"], k["owner"]) for k in plan_of(text)["objectives"][0]["key_results"]] == [
        ("Activation rate from 32% to 45%", "maria"),
        ("150 annual upgrades", "li"),
    ]


def test_several_key_results_in_one_table_cell_split_at_br():
    text = (
        "# Q1 2027 OKRs\n\n| Objective | Key Results | Owner |\n|---|---|---|\n"
        "| Grow<br>revenue | KR1: Close $2M new ARR<br>KR2: Raise win rate from 18% to 25% | Dana |\n"
        "| Delight customers | NPS from 30 to 45 | Sam |\n"
    )
    d = parse_draft(text, "d.md", "md")
    assert shape(d.plan) == [("Grow revenue", ["Close $2M new ARR", "Raise win rate from 18% to 25%"]), ("Delight customers", ["NPS from 30 to 45"])]
    assert [k["owner"] for o in d.plan["objectives"] for k in o["key_results"]] == ["Dana", "Dana", "Sam"]
    assert d.plan["period"] == "2027-Q1"


def test_an_owner_line_with_other_fields_names_only_the_owner():
    # GitLab's handbook: "DRI: @jdoe | Health: on track" under an objective (a user trial got the whole line)
    md = "# Marketing FY27-Q2 OKRs\n\n### Objective 1: Accelerate pipeline\nDRI: @jdoe | Health: on track\n\n- KR: Raise SAOs from 420 to 560\n- KR: Publish 12 case studies\n"
    plan = parse_draft(md, "okrs.md", "md").plan
    assert plan["objectives"][0]["owner"] == "@jdoe"
    assert parse_draft(md.replace(" | Health: on track", " Health: on track"), "okrs.md", "md").plan["objectives"][0]["owner"] == "@jdoe"
