"""RSS and Atom feeds: each entry becomes an HTML fragment (its content, else its summary)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import feedparser

from ..document import Failure, Record
from .dates import from_struct, normalise_date
from .items import Item, fail, read_bounded
from .options import ReaderOptions


def read_feed(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    data = read_bounded(item, options.max_bytes)
    if isinstance(data, Failure):
        yield data
        return
    # Bytes, never str: given a str, feedparser may treat it as a URL or a path and fetch it.
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser raises on some broken encodings instead of flagging bozo
        yield fail(item.source, "bad-format", f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc}); "
                                              "check that the file is a complete feed")
        return
    if not parsed.entries or (parsed.bozo and not any(_content(e) for e in parsed.entries)):
        # broken XML that left only empty husks of entries is a broken feed, not a run of empty items
        yield _no_entries(item.source, parsed)
        return
    # A bozo feed with entries is kept: the entries parsed are real, and dropping them loses data.
    for index, entry in enumerate(parsed.entries):
        yield _entry_record(entry, f"{item.source}#{index}", item)


def _no_entries(source: str, parsed: Any) -> Failure:
    if parsed.bozo:
        return fail(source, "bad-format", f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')}); "
                                          "check that the file is a complete feed and not an HTML page")
    if not parsed.get("version"):  # well-formed XML, but no feed vocabulary (a sitemap, an export)
        return fail(source, "bad-format", "XML but not an RSS/Atom feed; eventwire reads feeds, HTML, text, "
                                          "JSON(L) and WARC: convert it to one of these")
    return fail(source, "empty", "the feed has no entries; nothing to read")


def _entry_record(entry: Any, source: str, item: Item) -> Record | Failure:
    content = _content(entry)
    if not content:
        return fail(source, "empty", "feed entry has neither content nor a summary; nothing to read")
    published = _date(entry, "published") or _date(entry, "updated")
    return Record(source=source, kind="fragment", content=content, url=entry.get("link") or None,
                  title=entry.get("title") or None, author=entry.get("author") or None,
                  published=published, published_from="feed" if published else None,
                  raw_ref=item.raw_ref)


def _content(entry: Any) -> str | None:
    """The entry's full content (HTML preferred over plain text), else its summary."""
    parts = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    parts.sort(key=lambda c: "html" not in (c.get("type") or ""))
    if parts:
        return str(parts[0]["value"])
    summary = entry.get("summary") or ""
    return summary if summary.strip() else None


def _date(entry: Any, key: str) -> str | None:
    # The raw string keeps the publisher's time zone; the *_parsed tuple is UTC and may shift the day.
    return normalise_date(entry.get(key)) or from_struct(entry.get(f"{key}_parsed"))
