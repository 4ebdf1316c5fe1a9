"""The workbench in a real browser: uvicorn on a free loopback port, Chromium via Playwright.

Walks what an analyst does: filter the timeline, open an actor, search quotes, follow evidence
to the highlighted sentence, add an article by upload and see it appear. Saves
docs/img/workbench.png (for the README) and other screenshots to a temporary folder.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.support import CHROMIUM, CHROMIUM_ARGS, free_port

DATA = ROOT / "tests" / "data" / "web"
README_SHOT = ROOT / "docs" / "img" / "workbench.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]

NEW_ARTICLE = """---
title: Dredging contract awarded at Varne
outlet: Harbour Gazette
published: 2024-03-22
---
The Varne Port Authority awarded a dredging contract to Baltic Works on March 21.

"The first ships will move within days," said Marta Lind, the authority's director.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from caseboard import service
    from caseboard.settings import Settings
    from caseboard.web import create_app

    db = tmp_path_factory.mktemp("webui") / "harbour.caseboard.duckdb"
    settings = Settings(case="harbour", db=db)
    assert len(service.add(settings, [str(DATA)]).added) == 4
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert thread.is_alive(), "uvicorn stopped during startup"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=60)
    assert not thread.is_alive()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 860}, base_url=server)
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    yield page
    page.close()
    assert problems == []  # no CSP violations, script errors or injected dialogs


def test_walk_through_the_workbench(page: Any, tmp_path: Path) -> None:
    shots = tmp_path
    # overview
    page.goto("/")
    assert page.locator("h1").inner_text() == "Case overview"
    assert page.locator("ul.docs li").count() == 4
    page.screenshot(path=str(shots / "overview.png"), full_page=False)
    if os.environ.get("CASEBOARD_UPDATE_SCREENSHOTS") == "1":  # `make screenshots`
        README_SHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(README_SHOT), full_page=False)

    # timeline: narrow to one day and one actor
    page.goto("/timeline")
    all_rows = page.locator("table.timeline tbody tr").count()
    page.fill("input[name=from]", "2024-03-14")
    page.fill("input[name=to]", "2024-03-17")
    page.click("#timeline-filter button[type=submit]")
    page.wait_for_url(re.compile(r"from=2024-03-14"))
    dates = page.locator("td.date").all_inner_texts()
    assert dates
    assert all("2024-03-14" <= d <= "2024-03-17" for d in dates)
    assert len(dates) < all_rows
    page.select_option("#timeline-filter select[name=actor]", label="Anna Kovacs")
    page.wait_for_url(re.compile(r"actor=ent_"))  # app.js submits on change
    actors = page.locator("table.timeline tbody tr").all_inner_texts()
    assert actors
    assert all("Anna Kovacs" in row for row in actors)
    page.screenshot(path=str(shots / "timeline.png"))

    # open an actor from the timeline
    page.locator("table.timeline a.actor", has_text="Anna Kovacs").first.click()
    page.wait_for_url(re.compile(r"/actors/ent_"))
    assert page.locator("h1").inner_text().startswith("Anna Kovacs")
    assert "shared for a century" in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "actor.png"), full_page=True)

    # search quotes, then follow the evidence to the highlighted sentence
    page.goto("/quotes")
    page.fill("#quote-search input[name=q]", "toll")
    page.press("#quote-search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=toll"))
    result = page.locator("li.quote", has_text="pay a toll").first
    quoted = result.locator("blockquote").inner_text()
    page.screenshot(path=str(shots / "quotes.png"))
    result.locator("a.ev").click()
    page.wait_for_url(re.compile(r"/documents/doc_\w+\?hl=\d+-\d+#s\d+"))
    mark = page.locator("mark#hl")
    assert mark.is_visible()
    assert mark.inner_text() == quoted
    sentence = page.locator(".s.hl").first
    assert quoted in sentence.inner_text()
    page.screenshot(path=str(shots / "evidence.png"))

    # add an article by upload and see it appear
    article = tmp_path / "dredging.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    page.goto("/add")
    page.set_input_files("#add-form input[type=file]", str(article))
    page.click("#add-form button[type=submit]")
    page.wait_for_url(re.compile(r"/jobs/job_"))
    # (a locator, not wait_for_function: the CSP forbids eval, as it should)
    page.locator("#job[data-state=done]").wait_for(timeout=120_000)
    assert "1 added" in page.locator("#job-result").inner_text()
    page.screenshot(path=str(shots / "job.png"))
    page.click("#job-next a[href='/documents']")
    assert page.locator("main", has_text="Dredging contract awarded at Varne").count() == 1
    page.goto("/quotes?q=ships")
    assert "The first ships will move within days" in page.locator("main").inner_text()


def test_hostile_article_is_inert_in_the_browser(page: Any) -> None:
    page.goto("/documents")
    page.locator("a", has_text="Reader comments").click()
    text = page.locator("#doctext").inner_text()
    assert "<script>document.location=" in text  # shown as text
    assert page.locator("#doctext script, #doctext img").count() == 0
    assert page.evaluate("document.cookie") == ""
