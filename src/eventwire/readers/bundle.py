"""Compressed bundles: a plain .gz (one file) and .zip (many), each member read by its own format.

A zip is treated like a folder: members matching the patterns are read in sorted name order,
hidden files and macOS resource forks skipped. Each member is held to max_bytes like a file, so a
zip bomb stops at max_bytes + 1 decompressed bytes; JSONL and WARC members are streamed and
limited per line or record, as on disk.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

from ..document import Failure, Record
from .items import Item, fail, gunzip, peek_item, read_at_most, too_large
from .options import ReaderOptions
from .paths import name_matches
from .sniff import format_from_bytes
from .warc import read_warc

Dispatch = Callable[[Item, ReaderOptions], Iterator[Record | Failure]]
MAX_DEPTH = 3  # a .zip inside a .gz inside a .zip is plausible; deeper nesting is a bomb or a mistake


def read_gzip(item: Item, options: ReaderOptions, dispatch: Dispatch) -> Iterator[Record | Failure]:
    """A gzipped file: read as the file it holds (`page.html.gz` as HTML), or as a WARC if it is one."""
    if item.depth >= MAX_DEPTH:
        yield _too_deep(item.source)
        return
    head, item = peek_item(item, 4096)
    if format_from_bytes(head) == "warc":
        yield from read_warc(item, options)  # warcio reads gzip itself, and offsets stay file offsets
        return
    inner = item.name[:-3] if item.name.lower().endswith(".gz") else ""
    opened = item.open
    member = Item(source=item.source, name=inner, open=lambda: gunzip(opened()),
                  raw_ref=item.raw_ref, depth=item.depth + 1)
    yield from dispatch(member, options)


def read_zip(item: Item, options: ReaderOptions, dispatch: Dispatch) -> Iterator[Record | Failure]:
    if item.depth >= MAX_DEPTH:
        yield _too_deep(item.source)
        return
    archive = _open_zip(item, options)
    if isinstance(archive, Failure):
        yield archive
        return
    with archive:
        members = sorted((i for i in archive.infolist() if _wanted(i, options)), key=lambda i: i.filename)
        for info in members:
            yield from _read_member(archive, info, item, options, dispatch)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, item: Item, options: ReaderOptions,
                 dispatch: Dispatch) -> Iterator[Record | Failure]:
    source = f"{item.source}#{info.filename}"
    if info.flag_bits & 0x1:
        yield fail(source, "unreadable", "zip member is encrypted; extract it with its password first")
        return
    try:
        archive.open(info).close()  # reads the member's local header: a damaged directory shows here
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        yield fail(source, "bad-format", f"zip member cannot be opened ({exc}); the archive is damaged or uses "
                                         "an unsupported compression: re-create it with plain deflate")
        return
    member = Item(source=source, name=posixpath.basename(info.filename), open=lambda: archive.open(info),
                  size=info.file_size, raw_ref=source if item.raw_ref else None, depth=item.depth + 1,
                  reopenable=True)
    yield from dispatch(member, options)


def _open_zip(item: Item, options: ReaderOptions) -> zipfile.ZipFile | Failure:
    stream: BinaryIO = item.open()
    try:
        if item.depth > 0 or not stream.seekable():
            # zipfile needs to seek; a member or stdin is buffered, within the size limit
            with stream:
                data = read_at_most(stream, options.max_bytes + 1)
            if len(data) > options.max_bytes:
                return too_large(item.source, options.max_bytes, "zip archive read from a stream or an archive")
            stream = io.BytesIO(data)
        return _OwningZip(stream)
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:  # zipfile raises ValueError on some bad offsets
        stream.close()
        return fail(item.source, "bad-format", f"not a readable zip archive ({exc}); re-download or re-create it")


class _OwningZip(zipfile.ZipFile):
    """A ZipFile that closes the stream it was opened on."""

    def close(self) -> None:
        stream = self.fp
        try:
            super().close()
        finally:
            if stream is not None:
                stream.close()


def _wanted(info: zipfile.ZipInfo, options: ReaderOptions) -> bool:
    parts = info.filename.split("/")
    hidden = any(p.startswith(".") or p == "__MACOSX" for p in parts)
    return not info.is_dir() and not hidden and name_matches(parts[-1], options.patterns)


def _too_deep(source: str) -> Failure:
    return fail(source, "bad-format", f"archive nested more than {MAX_DEPTH} levels deep; "
                                      "extract the outer archives first")
