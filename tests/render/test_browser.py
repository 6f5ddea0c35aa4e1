"""The report site and a plan's HTML in a real browser (Debian's chromium through Playwright).

Loaded from file:// as a reader opens them: no console errors or failed requests (nothing is
fetched), the index's filters work, and at 390 px nothing is wider than the screen and a key
result's text keeps a readable width. Screenshots at 1280 and 390 px in en, ru and zh go to
$OKRGEN_SHOTS (default /tmp/shots) for a person to look at. One browser for the whole module.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrgen.cli.main import main

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(os.environ.get("OKRGEN_SHOTS", "/tmp/shots"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
TEAMS = {
    "en": [("EMEA SDR", "Ann Lee", "sdr"), ("US Enterprise", "Bob Stone", "account-executive")],
    "ru": [("Отдел продаж Москва", "Анна Петрова", "head-of-sales")],
    "zh": [("华东 SDR", "王伟", "sdr"), ("市场部", "李娜", "marketing-director")],
}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium; scripts/setup.sh does)")
    from playwright.sync_api import sync_playwright  # in the test extra: missing is a failure, not a skip

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Plans of five teams in three languages, with check-ins; the report and each plan's HTML."""
    root = tmp_path_factory.mktemp("browser")
    plans = root / "plans"
    for lang, teams in TEAMS.items():
        for n, (team, owner, template) in enumerate(teams):
            path = plans / f"{lang}-{n}.yaml"
            assert main(["new", template, "--lang", lang, "--no-input", "--no-lint", "--set", f"team={team}", "--set", f"owner={owner}", "-o", str(path)]) == 0
            _checkins(path)
    assert main(["report", str(plans), "-o", str(root / "site"), "--as-of", "2027-02-14", "-q"]) == 0
    assert main(["render", *sorted(str(p) for p in plans.glob("*.yaml")), "--format", "html", "-o", str(root / "html"), "--as-of", "2027-02-14"]) == 0
    return root


def _checkins(path: Path) -> None:
    """Three check-ins on the first two key results of the first two objectives (written once)."""
    import yaml

    from okrgen.plan.planfile import dump_plan

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for o in data["objectives"][:2]:
        for kr in o["key_results"][:2]:
            start = kr.get("baseline") or 0
            target = kr.get("target")
            if not isinstance(target, (int, float)) or not isinstance(start, (int, float)) or kr.get("kind") == "milestone":
                continue
            kr["checkins"] = [
                {"date": date, "value": round(start + (target - start) * factor, 1), "confidence": int(factor * 10)}
                for date, factor in (("2027-01-12", 0.2), ("2027-01-29", 0.45), ("2027-02-10", 0.6))
            ]
    data["objectives"][0]["key_results"][0]["checkins"][-1]["note"] = "Two big deals slipped into March; pipeline is healthy"
    path.write_text(dump_plan(data), encoding="utf-8")


def _open(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("request", lambda r: problems.append(f"network request: {r.url}") if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, problems


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page is wider than the screen"


@pytest.mark.parametrize("width", [1280, 390])
def test_report_index_filters_and_pages_in_three_languages(browser, site, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    index = site / "site" / "index.html"
    page, problems = _open(browser, index.as_uri(), width)
    rows = page.locator("#plans tbody tr.plan-row")
    assert rows.count() == 5
    page.screenshot(path=str(SHOTS / f"report-index-{width}.png"), full_page=True)
    page.select_option("select[name=team]", "华东 SDR")
    assert page.locator("#plans tbody tr.plan-row:visible").count() == 1
    assert "1" in page.locator("#shown").inner_text()
    page.select_option("select[name=owner]", "Ann Lee")  # no plan of 华东 SDR is Ann's
    assert page.locator("#plans tbody tr.plan-row:visible").count() == 0 and page.locator("#no-match").is_visible()
    page.click("button.reset")
    page.wait_for_function("document.querySelectorAll('#plans tbody tr.plan-row:not([hidden])').length === 5")
    statuses = page.eval_on_selector_all("select[name=status] option", "os => os.map(o => o.value).filter(Boolean)")
    assert statuses
    page.select_option("select[name=status]", statuses[0])
    visible = page.eval_on_selector_all("#plans tbody tr.plan-row:not([hidden])", "rs => rs.map(r => r.dataset.status)")
    assert visible and set(visible) == {statuses[0]}
    assert "status=" in page.url  # the view can be bookmarked
    if width == 390:
        _no_sideways_scroll(page)
    else:  # on paper: no filters, every row
        page.emulate_media(media="print")
        assert not page.locator("#filters").is_visible() and page.locator("#plans tbody tr.plan-row:visible").count() >= 1
        page.screenshot(path=str(SHOTS / "report-index-print.png"), full_page=True)
    page.close()
    for lang in ("en", "ru", "zh"):
        plan, more = _open(browser, (site / "site" / "plans" / f"{lang}-0.html").as_uri(), width)
        assert plan.locator("html").get_attribute("lang") == lang
        assert plan.locator(".as-of").count() == 1 and plan.locator("svg.chart").count() >= 1
        plan.screenshot(path=str(SHOTS / f"report-plan-{lang}-{width}.png"), full_page=True)
        if width == 390:
            _no_sideways_scroll(plan)
        plan.close()
        problems += more
    assert problems == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_plan_html_reads_on_a_phone_and_a_desktop(browser, site, lang, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, problems = _open(browser, (site / "html" / f"{lang}-0.html").as_uri(), width)
    page.screenshot(path=str(SHOTS / f"plan-{lang}-{width}.png"), full_page=True)
    text_width = page.eval_on_selector("table.krs td.text", "td => td.getBoundingClientRect().width")
    assert text_width >= 250, f"the key result's text is squeezed to {text_width:.0f} px"
    if width == 390:  # the figures go under the text, not beside it
        text_box = page.eval_on_selector("table.krs td.text", "td => td.getBoundingClientRect().bottom")
        target_top = page.eval_on_selector("table.krs tbody tr td:nth-child(5)", "td => td.getBoundingClientRect().top")
        assert target_top >= text_box - 1
    if width == 390:
        _no_sideways_scroll(page)
    assert problems == []
    page.close()
