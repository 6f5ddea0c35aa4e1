"""okrgen.render.report.site: the pages, their labels, and nothing fetched."""

import re

from okrgen.render.report.site import Entry, build_site, plan_status
from okrgen.track.score import score_plan

PLAN = {
    "version": 1,
    "title": "Команда Москва: OKR",
    "lang": "ru",
    "period": "2027-Q1",
    "team": "Москва <b>",
    "owner": "Анна",
    "objectives": [
        {
            "id": "O1",
            "title": "Расти",
            "key_results": [
                {
                    "id": "KR1.1",
                    "text": "Выручка до 3 млн",
                    "kind": "cumulative",
                    "unit": "USD",
                    "target": 3_000_000,
                    "checkins": [
                        {"date": "2027-01-20", "value": 500_000, "note": "медленный старт"},
                        {"date": "2027-02-10", "value": 1_200_000, "confidence": 7},
                    ],
                },
                {"id": "KR1.2", "text": "Конверсия с 20% до 30%", "unit": "%", "baseline": 20, "target": 30},
            ],
        }
    ],
}


def _site(lang=None):
    result = score_plan(PLAN, "2027-02-14")
    return build_site([Entry("plans/msk.yaml", PLAN, result, "sales")], ["msk"], "2027-02-14", {"team": [], "department": []}, lang)


def test_a_page_per_plan_in_its_language_and_an_index():
    pages = _site()
    assert set(pages) == {"index.html", "plans/msk.html"}
    page = pages["plans/msk.html"]
    assert '<html lang="ru">' in page and "По состоянию на" in page and "Уверенность" in page
    assert "медленный старт" in page and "<svg" in page and "../index.html" in page
    assert "Москва &lt;b&gt;" in page and "Москва <b>" not in page  # escaped
    index = _site("en")["index.html"]
    assert '<html lang="en">' in index and 'href="plans/msk.html"' in index and 'data-team="Москва &lt;b&gt;"' in index


def test_nothing_is_fetched():
    for html in _site().values():
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
        assert "@import" not in html and "url(" not in html


def test_a_plan_is_as_behind_as_its_worst_key_result():
    assert plan_status(score_plan(PLAN, "2027-02-14")) in ("behind", "at_risk", "on_track")
    assert plan_status(score_plan({"objectives": [{"title": "x", "key_results": [{"text": "y"}]}]}, "2027-02-14")) == "none"


def test_the_index_speaks_one_language():
    index = _site("en")["index.html"]
    assert "Q1 2027" in index and "I квартал" not in index  # the Russian plan's period, said in English


def test_a_russian_page_quotes_notes_with_guillemets_and_says_otmetki():
    page = _site()["plans/msk.html"]
    assert "«медленный старт»" in page and "“медленный старт”" not in page
    assert "Чек-ин" not in page and "Отметки" in page


def test_a_built_in_department_is_named_in_the_page_language():
    result = score_plan(PLAN, "2027-02-14")
    rollup = {
        "team": [],
        "department": [{"group": "sales", "plans": 1, "key_results": 1, "score": 0.5, "band": "amber", "on_track": 1, "at_risk": 0, "behind": 0}],
    }
    pages = build_site([Entry("plans/msk.yaml", PLAN, result, "sales")], ["msk"], "2027-02-14", rollup)
    assert "<dd>Продажи</dd>" in pages["plans/msk.html"] and "<dd>sales</dd>" not in pages["plans/msk.html"]
    assert ">Продажи</td>" in pages["index.html"]
    other = build_site([Entry("plans/msk.yaml", PLAN, result, "Field sales")], ["msk"], "2027-02-14", {"team": [], "department": []})
    assert "<dd>Field sales</dd>" in other["plans/msk.html"]


def test_a_russian_page_names_the_owner_as_the_plan_does():
    page = _site()["plans/msk.html"]
    assert "Ответственный" in page and "Владелец" not in page  # the plan's PDF says «Ответственный»
