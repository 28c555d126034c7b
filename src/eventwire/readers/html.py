"""HTML pages: passed on as raw bytes, because extraction needs them undecoded to detect the charset."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..document import Failure, Record
from .items import Item, binary_failure, looks_binary, read_bounded
from .options import ReaderOptions

_URL_SCAN = 65_536  # canonical links and og:url sit in <head>; the first 64 KB is plenty
_TAG = re.compile(rb"<(?:link|meta)\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def read_html(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    data = read_bounded(item, options.max_bytes)
    if isinstance(data, Failure):
        yield data
    elif looks_binary(data[:8192]):
        yield binary_failure(item.source)
    else:
        yield html_record(item, data)


def html_record(item: Item, data: bytes) -> Record:
    return Record(source=item.source, kind="html", content=data, url=page_url(data), raw_ref=item.raw_ref)


def page_url(data: bytes) -> str | None:
    """The page's own URL from `<link rel=canonical>`, else `og:url`; absolute http(s) URLs only."""
    canonical = og_url = None
    for tag in _TAG.finditer(data[:_URL_SCAN]):
        lowered = tag.group(0).lower()
        if b"canonical" not in lowered and b"og:url" not in lowered:
            continue  # most link/meta tags are neither; skip parsing their attributes
        attrs = _attributes(tag.group(0))
        if tag.group(0)[:5].lower() == b"<link" and "canonical" in attrs.get("rel", "").lower().split():
            canonical = canonical or _absolute(attrs.get("href"))
        elif attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            og_url = og_url or _absolute(attrs.get("content"))
    return canonical or og_url


def _attributes(tag: bytes) -> dict[str, str]:
    found = {}
    for m in _ATTR.finditer(tag):
        value = next((g for g in m.groups()[1:] if g is not None), b"")
        found[m.group(1).decode("ascii", "ignore").lower()] = value.decode("utf-8", "replace")
    return found


def _absolute(url: str | None) -> str | None:
    url = html.unescape(url).strip() if url else None
    return url if url and url.lower().startswith(("http://", "https://")) else None
