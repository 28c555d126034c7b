"""One input item (a file, stdin, an archive member) and the bounded ways to read it.

Every reader takes an `Item`, so a format inside a .zip or on stdin is read by the same code as
a file on disk. An item's stream may be one-shot (stdin, a gzip member): `open` is called once.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from ..document import Failure

# Signatures of common binary files that may lack NUL bytes near the start (PDF, compressed data).
_BINARY_MAGIC = (b"\x89PNG", b"\x7fELF", b"%PDF-", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"7z\xbc\xaf",
                 b"Rar!\x1a", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd", b"OggS")
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_CONTROL = bytes(c for c in range(32) if c not in b"\t\n\r\f\x0b\x1b")


@dataclass(frozen=True)
class Item:
    """Something to read: where it came from, its name (for the extension) and its bytes."""

    source: str  # shown in Record.source / Failure.source
    name: str  # file name whose extension picks the format ("" when unknown, as for stdin)
    open: Callable[[], BinaryIO]
    size: int | None = None  # known size in bytes (stat, zip header); None for streams
    raw_ref: str | None = None  # where the raw bytes can be found again; None for stdin
    depth: int = 0  # archive nesting level, to refuse a zip in a zip in a zip ...
    reopenable: bool = False  # `open` may be called again for a fresh stream (files, zip members)


def fail(source: str, reason: str, message: str) -> Failure:
    return Failure(source=source, stage="read", reason=reason, message=message)


def too_large(source: str, max_bytes: int, what: str = "input") -> Failure:
    return fail(source, "too-large", f"{what} is larger than ingest.max_bytes ({max_bytes:,} bytes); "
                                     "split it, or raise ingest.max_bytes (--max-bytes) if it is genuine")


def read_bounded(item: Item, max_bytes: int) -> bytes | Failure:
    """The item's bytes, reading at most max_bytes + 1 so an oversized input is never held whole."""
    if item.size is not None and item.size > max_bytes:
        return too_large(item.source, max_bytes)
    with item.open() as stream:
        data = read_at_most(stream, max_bytes + 1)
    if len(data) > max_bytes:
        return too_large(item.source, max_bytes)
    if not data.strip():
        return fail(item.source, "empty", "input is empty (no bytes, or only whitespace); nothing to read")
    return data


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Read up to `limit` bytes, looping because pipes and decompressors return short reads."""
    chunks, left = [], limit
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def looks_binary(head: bytes) -> bool:
    """True for images, executables and other non-text bytes (checked on the first few KB)."""
    if head.startswith(_TEXT_BOMS):
        return False  # UTF-16 text has NUL bytes; a BOM says it is text
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head[:8192]:
        return True
    sample = head[:8192]
    return bool(sample) and sum(sample.count(c) for c in _CONTROL) > len(sample) // 10


def binary_failure(source: str) -> Failure:
    return fail(source, "binary", "input is binary (an image, executable or other non-text file), not text, "
                                  "HTML, JSON or an archive eventwire reads; remove it from the inputs")


class _Prefixed(io.RawIOBase):
    """A stream that first replays bytes already read (for sniffing), then continues the original."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


def peek_item(item: Item, size: int) -> tuple[bytes, Item]:
    """The first `size` bytes of an item, and an item that still yields all of its bytes.

    A reopenable item is returned as it is (it is simply opened again); a one-shot stream is
    wrapped so that the bytes already read are replayed before the rest.
    """
    if item.reopenable:
        with item.open() as stream:
            return read_at_most(stream, size), item
    stream = item.open()
    head = read_at_most(stream, size)
    replay = io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)
    return head, Item(item.source, item.name, lambda: replay, item.size, item.raw_ref, item.depth)  # type: ignore[arg-type]


class _Gunzip(gzip.GzipFile):
    """A GzipFile that also closes the stream it decompresses (GzipFile leaves it open)."""

    def close(self) -> None:
        inner = self.fileobj
        try:
            super().close()
        finally:
            if inner is not None:
                inner.close()


def gunzip(stream: BinaryIO) -> BinaryIO:
    return _Gunzip(fileobj=stream, mode="rb")  # type: ignore[return-value]


class _Borrowed(io.RawIOBase):
    """A view of a stream the readers may close without closing the stream itself (stdin)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def borrowed(stream: BinaryIO) -> BinaryIO:
    return io.BufferedReader(_Borrowed(stream), buffer_size=1 << 16)  # type: ignore[return-value]
