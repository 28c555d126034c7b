"""WARC and ARC archives (plain or gzipped), streamed record by record with warcio.

Only HTML pages fetched with HTTP 200 become records; redirects, images, CSS and request or
metadata records are skipped without a failure, since a crawl is mostly those. A record cut short
(a truncated download) is a failure; reading goes on while warcio can find the next record.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..document import Failure, Record
from .items import Item, binary_failure, fail, gunzip, looks_binary, peek_item, read_at_most, too_large
from .options import ReaderOptions
from .sniff import format_from_bytes

# What reading a record's payload raises on damaged data: the archive cannot go on after it.
_DAMAGE = (EOFError, ValueError, OSError, zlib.error)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN = 1 << 16


def read_warc(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    head, peeked = peek_item(item, 4096)
    if not head:
        yield fail(item.source, "empty", "input is empty (no bytes); nothing to read")
    elif format_from_bytes(head) != "warc":  # warcio would take almost any line for an ARC header
        yield fail(item.source, "bad-format", "not a WARC/ARC archive (it does not start with a WARC/ or ARC "
                                              "header); check the file type or rename it")
    else:
        yield from _read_archive(_Archive(peeked, options, retry=item if item.reopenable else None))


@dataclass
class _Archive:
    item: Item
    options: ReaderOptions
    retry: Item | None = None  # the item again, to reread a whole-file gzip (see _whole_file_gzip)
    skip: int = 0  # records already read before a reread
    offsets_in_file: bool = True  # False when offsets count decompressed bytes: raw_ref would mislead


def _read_archive(archive: _Archive) -> Iterator[Record | Failure]:
    source = archive.item.source
    with archive.item.open() as raw:
        stream = _Counting(raw)
        records = ArchiveIterator(stream, arc2warc=True)
        seen = 0
        while True:
            try:
                record = next(records, None)
            except Exception as exc:  # warcio cannot parse what follows (it even raises AttributeError)
                yield from _after_error(archive, records.offset, seen, exc)
                return
            if record is None:
                break
            seen += 1
            try:
                if seen > archive.skip:
                    yield from _read_record(record, archive, records.offset)
            except _DAMAGE as exc:
                yield _damaged(source, records.offset, seen, _first_line(exc))
                return
    # warcio ends quietly on a record cut inside its headers: bytes left after the last record show it
    if stream.consumed > records.offset:
        yield _damaged(source, records.offset, seen, f"{stream.consumed - records.offset} bytes after the "
                                                     "last complete record are not a whole record")
    elif not seen:
        yield fail(source, "empty", "archive holds no records; nothing to read")


def _after_error(archive: _Archive, offset: int, seen: int, exc: Exception) -> Iterator[Record | Failure]:
    if "non-chunked gzip" not in str(exc):
        yield _damaged(archive.item.source, offset, seen, _first_line(exc))
    elif archive.retry is None:
        yield fail(archive.item.source, "bad-format", "archive is gzipped as one whole file, not record by record, "
                                                      "and cannot be reread from a stream; save it to a file, or "
                                                      "run `warcio recompress` on it")
    else:
        yield from _whole_file_gzip(archive.retry, archive.options, seen)


def _whole_file_gzip(item: Item, options: ReaderOptions, seen: int) -> Iterator[Record | Failure]:
    """Reread an archive gzipped as one file (`gzip crawl.warc`), which warcio refuses, decompressed.

    The first `seen` records were already read before warcio noticed, so they are skipped.
    """
    opened = item.open
    plain = Item(item.source, item.name, lambda: gunzip(opened()), None, item.raw_ref, item.depth)
    yield from _read_archive(_Archive(plain, options, skip=seen, offsets_in_file=False))


class _Counting:
    """Counts bytes read, and gives warcio a tell() on any stream (pipes, archive members)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream, self.consumed = stream, 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.consumed += len(data)
        return data

    def tell(self) -> int:
        return self.consumed


def _damaged(source: str, offset: int, seen: int, why: str) -> Failure:
    if not seen:
        return fail(source, "bad-format", f"not a readable WARC/ARC archive ({why}); "
                                          "check the file type, or re-download it if it is a damaged archive")
    return fail(f"{source}#{offset}", "truncated", f"archive is cut short or damaged at byte {offset} ({why}); "
                                                   "the records before it were read; re-download or repair the "
                                                   "archive to get the rest")


def _read_record(record: Any, archive: _Archive, offset: int) -> Iterator[Record | Failure]:
    source, options = f"{archive.item.source}#{offset}", archive.options
    if not _is_html_page(record):
        if _drain(record):
            yield _truncated(source)
        return
    length = _int(record.rec_headers.get_header("Content-Length"))
    if length is not None and length > options.max_bytes:
        yield too_large(source, options.max_bytes, "WARC record")
        return
    payload = read_at_most(record.content_stream(), options.max_bytes + 1)
    if _drain(record):
        yield _truncated(source)
    elif len(payload) > options.max_bytes:
        yield too_large(source, options.max_bytes, "WARC record payload (decompressed)")
    elif looks_binary(payload[:8192]):
        yield binary_failure(source)
    elif payload.strip():
        yield _page(record, payload, archive, offset)
    # an empty 200 page is skipped like a redirect: nothing was lost


def _page(record: Any, payload: bytes, archive: _Archive, offset: int) -> Record:
    headers, item = record.rec_headers, archive.item
    return Record(source=f"{item.source}#{offset}", kind="html", content=payload,
                  url=headers.get_header("WARC-Target-URI"), captured=headers.get_header("WARC-Date"),
                  charset=_charset(record.http_headers.get_header("Content-Type") or ""),
                  raw_ref=f"{item.raw_ref}@{offset}" if item.raw_ref and archive.offsets_in_file else None)


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or not record.http_headers:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return record.http_headers.get_statuscode() == "200" and content_type in _HTML_TYPES


def _drain(record: Any) -> bool:
    """Read what is left of a record; True when the archive ended before the record's declared length."""
    while record.raw_stream.read(_DRAIN):
        pass
    return getattr(record.raw_stream, "limit", 0) > 0


def _truncated(source: str) -> Failure:
    return fail(source, "truncated", "archive record is cut short (the file ends before the record does); "
                                     "re-download the archive or ignore this record")


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(' "\''):
            return value.strip(' "\'').lower()
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
