"""Which reader an input needs: by file extension first, then by its first bytes.

Content sniffing covers stdin, unknown extensions and the inside of a plain .gz. Feed and HTML
markers are compared by position, so an RSS feed quoting `<html>` in an item stays a feed and an
HTML page mentioning `<feed` in a script stays a page.
"""

from __future__ import annotations

import re
import zlib
from typing import Literal

Format = Literal["html", "text", "jsonl", "json", "feed", "warc", "gzip", "zip"]

HEAD_BYTES = 8192  # enough for an XML prolog, a doctype and long comments before the root element

_BY_SUFFIX: tuple[tuple[str, Format], ...] = (
    (".warc.gz", "warc"), (".arc.gz", "warc"), (".warc", "warc"), (".arc", "warc"),
    (".html", "html"), (".htm", "html"), (".xhtml", "html"), (".shtml", "html"),
    (".txt", "text"), (".text", "text"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"),
    (".rss", "feed"), (".atom", "feed"), (".gz", "gzip"), (".zip", "zip"),
)
_FEED = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML = re.compile(rb"<(?:!doctype\s+html|html|body|head)[\s>]")
_JSON_LIST = re.compile(rb"\[\s*\{")


def format_from_name(name: str) -> Format | None:
    """The format a file name promises, or None when only the content can tell (.xml, no extension)."""
    lower = name.lower()
    for suffix, fmt in _BY_SUFFIX:
        if lower.endswith(suffix):
            return fmt
    return None


def format_from_bytes(head: bytes) -> Format:
    """The format of content starting with `head` (at least the first few KB when the input is that long)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        return "warc" if _gunzip_head(head).startswith((b"WARC/", b"filedesc://")) else "gzip"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    markup = _markup_format(head[:HEAD_BYTES].lower())
    if markup:
        return markup
    if start.startswith(b"{"):
        return "jsonl"
    return "json" if _JSON_LIST.match(start) else "text"


def _markup_format(lower: bytes) -> Format | None:
    feed, html = _FEED.search(lower), _HTML.search(lower)
    if feed and (not html or feed.start() < html.start()):
        return "feed"
    return "html" if html else None


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream; empty if the head is too short or corrupt."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 64)
    except zlib.error:
        return b""
