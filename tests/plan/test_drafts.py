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
        "Sign 5 new logos by September",
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
