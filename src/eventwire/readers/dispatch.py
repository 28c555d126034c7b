"""Send each item to the reader for its format, and turn any error while reading into a Failure.

The guard is what makes "never raise for bad input" hold: whatever a reader or library raises for
one item (a corrupt gzip member, a permission error at open, a warcio parse error) ends that item
with a Failure, and the run goes on with the next one.
"""

from __future__ import annotations

import gzip
import zipfile
import zlib
from collections.abc import Callable, Iterator
from functools import partial

from ..document import Failure, Record
from ..errors import InputError
from .bundle import read_gzip, read_zip
from .feed import read_feed
from .html import read_html
from .items import Item, fail, peek_item
from .jsonl import read_json, read_jsonl
from .options import ReaderOptions
from .sniff import HEAD_BYTES, Format, format_from_bytes, format_from_name
from .text import read_text
from .warc import read_warc

Reader = Callable[[Item, ReaderOptions], Iterator[Record | Failure]]


def read_item(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    """Records and failures from one item, never an exception."""
    yield from _guarded(item.source, _dispatch(item, options))


def _dispatch(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    fmt = format_from_name(item.name)
    if fmt is None:
        head, item = peek_item(item, HEAD_BYTES)
        if not head:
            yield fail(item.source, "empty", "input is empty (no bytes); nothing to read")
            return
        fmt = _xml_is_feed(item.name, format_from_bytes(head))
    yield from _READERS[fmt](item, options)


def _xml_is_feed(name: str, sniffed: Format) -> Format:
    # .xml that is neither HTML nor a known container is most likely a feed; the feed reader then
    # says clearly whether it is one, instead of storing XML markup as plain text.
    return "feed" if name.lower().endswith(".xml") and sniffed == "text" else sniffed


def _guarded(source: str, records: Iterator[Record | Failure]) -> Iterator[Record | Failure]:
    try:
        yield from records
    except InputError as exc:
        yield fail(source, exc.reason, str(exc))
    except EOFError as exc:
        yield fail(source, "truncated", f"compressed data ends early ({exc}); the file was cut short: "
                                        "re-download or re-create it")
    except (gzip.BadGzipFile, zipfile.BadZipFile, zlib.error, NotImplementedError) as exc:
        yield fail(source, "bad-format", f"corrupt or unsupported compressed data ({exc}); "
                                         "re-download or re-create the archive")
    except OSError as exc:
        yield fail(source, "unreadable", f"cannot read ({exc.strerror or exc}); check the file and its permissions")
    except Exception as exc:  # a batch must survive one odd input; the message asks for a report
        yield fail(source, "reader-error", f"unexpected {type(exc).__name__} while reading: {exc}; "
                                           "this may be a bug in eventwire: please report it with the input")


_READERS: dict[Format, Reader] = {
    "html": read_html, "text": read_text, "jsonl": read_jsonl, "json": read_json, "feed": read_feed,
    "warc": read_warc, "gzip": partial(read_gzip, dispatch=read_item), "zip": partial(read_zip, dispatch=read_item),
}
