"""brief.html in a real browser (the distribution's Chromium through Playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from caseboard.report.brief import build_brief
from caseboard.report.html import find_assets, render_html
from tests.conftest import ROOT
from tests.support import CHROMIUM, CHROMIUM_ARGS
from tests.unit.report import records

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser: Any, path: Path, width: int = 1200) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    external: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith("file:") else external.append(r.url))
    page.goto(path.as_uri())
    return page, errors, external


def test_sample_brief_shows_the_cited_sentence(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from caseboard.report.build import run_demo

    out = tmp_path_factory.mktemp("browser-demo")
    result = run_demo(out)
    page, errors, external = _open(browser, out / "brief.html")
    cite = page.locator("#quotes a.cite").first
    n = cite.get_attribute("data-cite")
    cite.click()
    panel = page.locator("#cite-panel")
    assert panel.is_visible()
    mark = page.locator("#cite-panel mark")
    assert mark.count() == 1
    expected = page.locator(f"#cite-{n}").inner_text()
    sentence = mark.inner_text().strip()
    assert sentence
    assert sentence in expected  # the citations list quotes the same sentence
    assert page.locator("#cite-panel strong").inner_text().strip() in sentence
    assert "2026-10-" in page.locator("#cite-panel .src").inner_text()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert errors == []
    assert external == []
    artifacts = tmp_path_factory.getbasetemp() / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "brief.png"))
    if os.environ.get("CASEBOARD_UPDATE_SCREENSHOTS") == "1":  # `make screenshots`
        docs_img = ROOT / "docs" / "img"
        docs_img.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(artifacts / "brief.png", docs_img / "brief.png")
    assert result.failures == ()
    page.close()


def test_phone_width_has_no_horizontal_scroll(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    docs, exs, analysis = records.build()
    path = tmp_path_factory.mktemp("phone") / "brief.html"
    path.write_text(render_html(build_brief("tarn", docs, exs, analysis)), encoding="utf-8")
    page, errors, _ = _open(browser, path, width=390)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390
    assert errors == []
    page.close()


def test_hostile_article_text_is_shown_and_never_runs(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    docs, exs, analysis = records.build()
    path = tmp_path_factory.mktemp("hostile") / "brief.html"
    path.write_text(render_html(build_brief("tarn", docs, exs, analysis)), encoding="utf-8")
    page, errors, external = _open(browser, path)
    status = page.locator("#status")
    assert "<script>window.__pwned=1</script>" in status.inner_text()
    # open the citation of the hostile sentence: shown as text in the panel too
    line = status.locator("li", has_text="A banner reading")
    line.locator("a.cite").first.click()
    assert "onerror" in page.locator("#cite-panel mark").inner_text()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    if find_assets():  # the vis libraries are installed: the interactive views render
        assert page.locator("#viz-graph canvas").count() >= 1
        assert page.locator("#viz-timeline .vis-item-content").count() == 1
        assert "Dalmark moves 9 frigates" in (page.locator("#viz-timeline").text_content() or "")
    assert errors == []
    assert external == []
    page.close()
