"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a live server over a
real store that holds the seed page, another outlet's Belgorod report, the shipped sample pages and a
hostile document whose title, text and URL carry script payloads."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventwire import api
from eventwire.server import create_app
from eventwire.server.app import STATIC, VENDOR_FILES
from eventwire.server.background import running
from eventwire.settings import Settings, load_settings
from eventwire.store import Store
from eventwire.tokens import create_token

ROOT = Path(__file__).parent.parent
DBS: dict[str, str] = {}  # base URL → the store it serves
DATA = Path(__file__).parent / "data"
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
HOSTILE = {
    "id": "hostile-1", "date": "2024-03-11", "url": "javascript:alert('url')",
    "title": "<img src=x onerror=\"window.__pwned='title'\">Shelling in Kherson<script>window.__pwned='t2'</script>",
    "text": "Russian shelling killed 3 civilians in Kherson on Monday, regional officials said. "
            "<script>window.__pwned='text'</script> <img src=x onerror=\"window.__pwned='img'\"> "
            "<a href=\"javascript:window.__pwned='link'\">more</a>\n"
            "The strike hit a residential building near the city centre, the governor said, and "
            "rescue teams worked through the night to clear the rubble.",
}
READY = "() => document.body.dataset.ready === '1'"
CARD_READY = "() => document.querySelector('#event-card')?.dataset.state === 'ready'"


def _chromium_or_skip() -> None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        if os.environ.get("EVENTWIRE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"EVENTWIRE_REQUIRE_BROWSER=1 but there is no {CHROMIUM}: apt-get install chromium")
        pytest.skip(f"no {CHROMIUM}: `apt-get install chromium` (make sysdeps) to run the browser tests")
    missing = [f for f in VENDOR_FILES if not (STATIC / "vendor" / f).is_file()]
    if missing:
        pytest.fail(f"dashboard vendor files missing ({', '.join(missing)}): run `bash dashboard/vendor.sh`")


def _settings() -> Settings:
    s = load_settings(env={})
    s["ingest"]["workers"] = 1
    s["serve"]["read_access"] = "open"
    return s


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _chromium_or_skip()
    folder = tmp_path_factory.mktemp("dash")
    inputs = folder / "in"
    inputs.mkdir()
    (inputs / "seed.html").write_bytes((DATA / "extraction" / "seed-article.html").read_bytes())
    (inputs / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", "utf-8")
    db = str(folder / "store.db")
    api.ingest_paths([str(inputs), str(ROOT / "samples" / "pages")], db=db, settings=_settings())
    with _serving(db, _settings()) as url:
        DBS[url] = db
        yield url


@contextmanager
def _serving(db: str, settings: Settings) -> Iterator[str]:
    with Store(db) as store, running(create_app(settings=settings, store=store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.problems = []  # console errors, page errors and dialogs: each one fails the test that checks
    page.on("console", lambda m: page.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield page
    context.close()


def _mapped(base_url: str, **params: Any) -> int:
    page = httpx.get(f"{base_url}/api/events", params={"view": "summary", "limit": 50000, **params}).json()
    return sum(1 for e in page["events"] if e["latitude"] is not None and e["longitude"] is not None)


def test_page_loads_without_errors_and_draws_every_mapped_event(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_function(READY, timeout=30_000)
    assert int(page.evaluate("document.body.dataset.markerCount")) == _mapped(base_url) > 5
    assert page.evaluate("document.body.dataset.eventTotal") == str(httpx.get(f"{base_url}/api/events").json()["total"])
    assert page.locator("#timeline svg rect").count() > 0
    assert page.problems == []


def test_a_filter_shows_as_many_markers_as_the_api_counts(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_function(READY, timeout=30_000)
    page.fill("#f-country", "UA")
    page.click("#f-apply")
    page.wait_for_function("() => document.body.dataset.ready === '1' && location.search.includes('country=UA')",
                           timeout=30_000)
    shown = int(page.evaluate("document.body.dataset.markerCount"))
    assert shown == _mapped(base_url, country="UA") > 0
    assert shown < _mapped(base_url)
    assert page.problems == []


def test_an_event_card_shows_its_evidence_with_the_toll_highlighted(page: Any, base_url: str) -> None:
    found = httpx.get(f"{base_url}/api/events", params={"q": "kharkiv", "sub_event_type": "Air/drone strike"}).json()
    event = next(e for e in found["events"] if (e["injured"] or {}).get("best") == 22)
    page.goto(f"{base_url}/?event={event['id']}")
    page.wait_for_function(CARD_READY, timeout=30_000)
    card = page.locator("#event-card")
    assert card.get_attribute("data-event-id") == event["id"]
    text = card.inner_text()
    assert "Kharkiv" in text and "22" in text and "dailybrief.example" in text
    marks = card.locator("mark").all_inner_texts()
    assert any("22" in m for m in marks), marks
    page.locator("#tab-list").click()
    assert page.locator(f".item-btn[data-event-id='{event['id']}']").count() >= 1
    assert page.problems == []


def test_hostile_document_text_never_runs(page: Any, base_url: str, tmp_path: Path) -> None:
    hostile = httpx.get(f"{base_url}/api/events", params={"q": "kherson shelling", "country": "UA"}).json()["events"]
    assert hostile, "the hostile document gave no event: the test would prove nothing"
    page.goto(f"{base_url}/?event={hostile[0]['id']}")
    page.wait_for_function(CARD_READY, timeout=30_000)
    page.wait_for_timeout(500)  # give any injected handler its chance to run
    card = page.locator("#event-card")
    assert "Shelling in Kherson<script>" in card.inner_text()  # the title, shown as text
    page.screenshot(path=str(tmp_path / "hostile-card.png"))
    page.locator("#tab-list").click()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#event-card img, #event-list img, #event-card script, #event-list script").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], hrefs
    assert page.problems == []


def test_phone_layout_and_screenshot(browser: Any, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "/")
    page.wait_for_function(READY, timeout=30_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page is {width}px wide on a 390px phone"
    shot = tmp_path / "phone.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    context.close()


def test_an_analyst_reviews_an_event_in_the_card(page: Any, base_url: str) -> None:
    with Store(DBS[base_url]) as store:
        token = create_token(store, "desk-analyst")
    event = httpx.get(f"{base_url}/api/events", params={"country": "UA", "limit": 1}).json()["events"][0]
    page.goto(f"{base_url}/?event={event['id']}")
    page.wait_for_function(CARD_READY, timeout=30_000)
    page.fill("#token", token)
    page.press("#token", "Enter")
    page.wait_for_selector("#review-confirm")
    page.fill("#review-note-text", "<b>checked</b> against the governor's statement")
    page.click("#review-confirm")
    page.wait_for_function("() => document.querySelector('#review-status')?.textContent === 'confirmed'",
                           timeout=30_000)
    history = page.locator("#review-history").inner_text()
    assert "desk-analyst" in history and "<b>checked</b>" in history  # the note as text, not markup
    assert page.locator("#review-history b").count() == 0
    stored = httpx.get(f"{base_url}/api/events/{event['id']}").json()["review"]
    assert stored["status"] == "confirmed" and stored["history"][-1]["author"] == "desk-analyst"
    assert page.problems == []


def test_a_server_that_wants_a_token_for_reads_gets_it_from_the_page(browser: Any, base_url: str) -> None:
    settings = _settings()
    settings["serve"]["read_access"] = "token"
    with Store(DBS[base_url]) as store:
        token = create_token(store, "reader", "read")
    with _serving(DBS[base_url], settings) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url + "/")
        page.wait_for_function("() => !document.querySelector('#error').hidden", timeout=30_000)
        assert "token" in page.locator("#error-text").inner_text().lower()
        page.fill("#token", token)
        page.press("#token", "Enter")
        page.wait_for_function(READY, timeout=30_000)
        assert int(page.evaluate("document.body.dataset.markerCount")) == _mapped(base_url) > 5
        page.close()


def test_api_docs_render_from_the_package_under_the_csp(page: Any, base_url: str) -> None:
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in paths and "/api/ingest" in paths
    assert page.problems == []


def test_stories_trending_and_review_queue_panels(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_function(READY, timeout=30_000)
    for tab, panel in (("stories", "stories"), ("trending", "trending"), ("review", "review-queue")):
        page.click(f"#tab-{tab}")
        page.wait_for_function(f"() => document.querySelector('#{panel}')?.dataset.state === 'ready'",
                               timeout=30_000)
    stories = httpx.get(f"{base_url}/api/stories", params={"limit": 20}).json()["stories"]
    assert page.locator("#stories li.story").count() == len(stories) > 0
    queue = httpx.get(f"{base_url}/api/review-queue", params={"limit": 50}).json()["events"]
    assert page.locator("#review-queue .item-btn").count() == len(queue) > 0
    page.locator("#review-queue .item-btn").first.click()
    page.wait_for_function(CARD_READY, timeout=30_000)
    assert page.problems == []
