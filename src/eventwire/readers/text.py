"""Plain text files: decoded once, and kept exactly as decoded (later offsets point into it)."""

from __future__ import annotations

from collections.abc import Iterator

from ..decoding import decode_bytes
from ..document import Failure, Record
from ..errors import DecodeError
from .items import Item, binary_failure, fail, looks_binary, read_bounded
from .options import ReaderOptions


def read_text(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    data = read_bounded(item, options.max_bytes)
    if isinstance(data, Failure):
        yield data
        return
    if looks_binary(data[:8192]):
        yield binary_failure(item.source)
        return
    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as exc:
        yield fail(item.source, "bad-encoding", str(exc))
        return
    yield Record(source=item.source, kind="text", content=text, raw_ref=item.raw_ref)
