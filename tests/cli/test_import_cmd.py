"""`okrgen import`: drafts in every format become plans that validate; mistakes exit 2 with a hint."""

from __future__ import annotations

import yaml

from okrgen.cli.main import main
from okrgen.plan.schema import validate

MD = {
    "en": "# Sales OKRs\n\n## 2026 Q3\n\n- Grow enterprise revenue\n  - Increase ARR from $2M to $3M by 30 September\n"
    "  - CEO KR: Sign 5 new logos\n    - run two partner events\n- Make customers love us\n  - Raise NPS to 45\n  - TBD\n",
    "ru": "# OKR отдела продаж\n\n**Период:** III квартал 2026\n\nЦель отдела продаж: Расти в среднем бизнесе\n\n"
    "- KR 1.1 – Увеличить выручку с 10 до 15 млн (отв. Анна)\n- KR 1.2 – Сократить цикл сделки с 60 до 45 дней\n",
    "zh": "# 2026年第三季度 销售目标\n\n目标一：提升销售额\n\n1. 销售额从1000万提升到1500万\n2. 续约率达到90%\n",
}


def imported(tmp_path, name, text, capsys):
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    code = main(["import", str(tmp_path / name), "-o", str(out)])
    err = capsys.readouterr().err
    return code, (yaml.safe_load(out.read_text(encoding="utf-8")) if out.exists() else None), err


def test_markdown_in_three_languages_becomes_a_valid_plan(tmp_path, capsys):
    for lang, text in MD.items():
        (tmp_path / lang).mkdir()
        code, plan, err = imported(tmp_path / lang, "draft.md", text, capsys)
        assert code == 0, err
        assert validate("plan", plan) == []
        assert plan["period"] == "2026-Q3" and plan["lang"] == lang
        assert "period 2026-Q3 from" in err
    (tmp_path / "en2").mkdir()
    code, plan, err = imported(tmp_path / "en2", "draft.md", MD["en"], capsys)
    first = plan["objectives"][0]
    assert first["key_results"][0] == {
        "text": "Increase ARR from $2M to $3M by 30 September",
        "baseline": 2_000_000,
        "target": 3_000_000,
        "unit": "USD",
        "direction": "increase",
        "due": "2026-09-30",
    }
    assert first["key_results"][1]["owner"] == "CEO"
    assert first["initiatives"] == ["run two partner events"]
    assert "2 objectives, 3 key results" in err and "1 placeholder" in err


def test_csv_and_html(tmp_path, capsys):
    code, plan, _ = imported(
        tmp_path, "d.csv", "Цель,Ключевой результат,Ответственный\nРасти,Увеличить выручку до 15 млн,Анна\n,Сократить цикл,Борис\n", capsys
    )
    assert code == 0 and len(plan["objectives"][0]["key_results"]) == 2
    (tmp_path / "plan.yaml").unlink()
    code, plan, _ = imported(tmp_path, "d.html", "<h1>Q3 2026</h1><ul><li>Grow<ul><li>Raise NPS to 50</li><li>Sign 5 logos</li></ul></li></ul>", capsys)
    assert code == 0 and plan["period"] == "2026-Q3"


def test_no_okrs_is_an_error_with_a_hint_and_nothing_is_overwritten(tmp_path, capsys):
    (tmp_path / "d.md").write_text("We use OKRs.\n\nNothing else.\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "d.md"), "-o", str(tmp_path / "p.yaml")]) == 2
    assert "no objective with key results" in capsys.readouterr().err
    assert not (tmp_path / "p.yaml").exists()
    (tmp_path / "p.yaml").write_text("mine\n", encoding="utf-8")
    (tmp_path / "g.md").write_text(MD["zh"], encoding="utf-8")
    assert main(["import", str(tmp_path / "g.md"), "-o", str(tmp_path / "p.yaml")]) == 2
    assert (tmp_path / "p.yaml").read_text(encoding="utf-8") == "mine\n"
    assert main(["import", str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "q.yaml")]) == 2
