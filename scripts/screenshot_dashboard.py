"""Write the README's dashboard screenshot: serve a store on loopback, open the page in Debian's
Chromium (Playwright, never `playwright install`) with an event's card open, and save a PNG.

    python scripts/screenshot_dashboard.py --db sample.db --out docs/dashboard.png [--event ev...]

Without --event the card shows a disputed event, else the one with the highest toll (of those
matching --q).
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright
from sqlalchemy import select

from eventwire.resolve.queries import EventFilter, event_conditions
from eventwire.server import create_app
from eventwire.server.background import running
from eventwire.settings import load_settings
from eventwire.store import Store
from eventwire.store.schema import events

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sample.db")
    parser.add_argument("--out", default="docs/dashboard.png")
    parser.add_argument("--event")
    parser.add_argument("--q", help="open the first event matching these words instead")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()
    settings = load_settings(env={})
    settings["serve"]["read_access"] = "local"
    with Store(args.db) as store:
        event = args.event or _busiest(store, args.q)
        with running(create_app(settings=settings, store=store)) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"{base}/?event={event}")
            page.wait_for_function("() => document.querySelector('#event-card')?.dataset.state === 'ready'")
            page.wait_for_timeout(500)
            page.screenshot(path=args.out)
            browser.close()
    print(f"wrote {args.out} (event {event})")


def _busiest(store: Store, words: str | None) -> str:
    conditions = event_conditions(EventFilter(query=words))
    with store.engine.connect() as conn:
        return conn.execute(select(events.c.id).where(*conditions)
                            .order_by(events.c.disputed.desc(), events.c.fatalities.desc().nulls_last(),
                                      events.c.n_sources.desc(), events.c.id).limit(1)).scalar_one()


if __name__ == "__main__":
    main()
