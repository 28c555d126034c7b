"""How fast the dashboard is with a big store: time from opening the page to every event drawn, and
from applying a filter to the map redrawn, in Debian's Chromium (Playwright).

    python benchmarks/dashboard_bench.py --db out/serve-bench.db   # the store serve_bench.py filled

Two rounds: the first finds the server cold, the second answers the whole-map download from the
server's cache. Prints seconds and the number of markers drawn.
"""

from __future__ import annotations

import argparse
import json
import time

from playwright.sync_api import Page, sync_playwright

from eventwire.server import create_app
from eventwire.server.background import running
from eventwire.settings import load_settings
from eventwire.store import Store

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "() => document.body.dataset.ready === '1'"


def measure(page: Page, base: str, country: str) -> dict[str, float | str]:
    started = time.perf_counter()
    page.goto(base + "/")
    page.wait_for_function(READY, timeout=180_000)
    loaded = time.perf_counter() - started
    markers = page.evaluate("document.body.dataset.markerCount")
    started = time.perf_counter()
    page.fill("#f-country", country)
    page.click("#f-apply")
    redrawn = f"() => document.body.dataset.ready === '1' && location.search.includes('country={country}')"
    page.wait_for_function(redrawn, timeout=180_000)
    return {"load_s": round(loaded, 2), "markers": markers, "filter_s": round(time.perf_counter() - started, 2),
            "filtered_markers": page.evaluate("document.body.dataset.markerCount")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="out/serve-bench.db")
    parser.add_argument("--country", default="IN")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    settings = load_settings(env={})
    settings["serve"]["read_access"] = "local"
    with Store(args.db) as store, running(create_app(settings=settings, store=store)) as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=ARGS)
        for round_ in ("cold", "warm"):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            print(json.dumps({"round": round_, **measure(page, base, args.country)}))
            page.close()
        browser.close()

if __name__ == "__main__":
    main()
