"""JSON Lines (one object per line, streamed) and .json files holding one object or a list of them.

Field names come from ReaderOptions, so `--text-field body` reads {"body": ...}. The text is kept
exactly as the JSON string holds it. A bad line is a failure for that line; the file goes on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..document import Failure, Record
from .dates import normalise_date
from .items import Item, binary_failure, fail, looks_binary, peek_item, read_bounded, too_large
from .options import ReaderOptions

_BOM = b"\xef\xbb\xbf"
# A file whose first lines are all bad is not JSONL: one failure for the file, not one per line.
_GIVE_UP_AFTER = 20


def read_jsonl(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    head, item = peek_item(item, 8192)
    if not head:
        yield fail(item.source, "empty", "input is empty (no bytes); nothing to read")
    elif looks_binary(head):
        yield binary_failure(item.source)
    else:
        with item.open() as stream:
            yield from _read_lines(item, stream, options)


def read_json(item: Item, options: ReaderOptions) -> Iterator[Record | Failure]:
    """A .json file: a list of objects, one object, or (misnamed) JSON Lines."""
    head, item = peek_item(item, 8192)
    if head.lstrip(_BOM + b" \t\r\n").startswith(b"{") and item.size is not None and item.size > options.max_bytes:
        yield from read_jsonl(item, options)  # too big to be one document: stream it as one object per line
        return
    data = read_bounded(item, options.max_bytes)
    if isinstance(data, Failure):
        yield data
    elif looks_binary(data[:8192]):
        yield binary_failure(item.source)
    else:
        yield from _read_document(item, data, options)


def _read_document(item: Item, data: bytes, options: ReaderOptions) -> Iterator[Record | Failure]:
    try:
        value = json.loads(data.removeprefix(_BOM).decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield fail(item.source, "bad-encoding", f"JSON is not UTF-8 ({exc.reason} at byte {exc.start}); "
                                                "re-save it as UTF-8")
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects: JSON Lines under a .json name
            yield from _read_lines(item, io.BytesIO(data), options)
        else:
            yield fail(item.source, "bad-format", f"invalid JSON: {exc}; fix the file or check it with a JSON linter")
        return
    if isinstance(value, dict):
        yield record_from_object(value, item.source, item, options)
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield record_from_object(entry, f"{item.source}#{index}", item, options)
    else:
        yield fail(item.source, "bad-format", "JSON file holds neither an object nor a list of objects; "
                                              f"it holds a {type(value).__name__}")


def _read_lines(item: Item, stream: BinaryIO, options: ReaderOptions) -> Iterator[Record | Failure]:
    good = bad = 0
    for number, line in _lines(stream, options.max_bytes):
        source = f"{item.source}#L{number}"
        if line is None:
            yield too_large(source, options.max_bytes, "JSONL line")
            continue
        if not line.strip():
            continue  # blank lines (a trailing newline, a separator) hold nothing
        result = _parse_line(line.removeprefix(_BOM) if number == 1 else line, source, item, options)
        good, bad = (good + 1, bad) if isinstance(result, Record) else (good, bad + 1)
        yield result
        if not good and bad >= _GIVE_UP_AFTER:
            yield fail(item.source, "bad-format", f"the first {bad} lines are not JSON objects with a "
                                                  f"'{options.text_field}' field; stopped reading. Is this JSONL? "
                                                  "Check the file or pass --text-field")
            return
    if not good and not bad:
        yield fail(item.source, "empty", "JSONL input has no non-blank lines; nothing to read")


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line over max_bytes, which is skipped unread."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _parse_line(line: bytes, source: str, item: Item, options: ReaderOptions) -> Record | Failure:
    try:
        value = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return fail(source, "bad-encoding", f"line is not UTF-8 ({exc.reason} at byte {exc.start}); "
                                            "JSONL must be UTF-8: re-save the file as UTF-8")
    except json.JSONDecodeError as exc:
        return fail(source, "bad-format", f"invalid JSON on this line ({exc.msg} at column {exc.colno}); "
                                          "fix or remove the line")
    return record_from_object(value, source, item, options)


def record_from_object(value: Any, source: str, item: Item, options: ReaderOptions) -> Record | Failure:
    """A Record from one JSON object, using the configured field names."""
    if not isinstance(value, dict):
        return fail(source, "bad-format", f"expected a JSON object, found a {type(value).__name__}")
    text = value.get(options.text_field)
    if text is None:
        return fail(source, "missing-field", f"no '{options.text_field}' field (fields: {_names(value)}); "
                                             "pass --text-field with the name of the field that holds the text")
    if not isinstance(text, str):
        return fail(source, "bad-format", f"field '{options.text_field}' is a {type(text).__name__}, not a string")
    if not text.strip():
        return fail(source, "empty", f"field '{options.text_field}' is empty; nothing to read")
    published = normalise_date(value.get(options.date_field))
    return Record(source=source, kind="text", content=text, input_id=_as_id(value.get(options.id_field)),
                  url=_as_str(value.get(options.url_field)), title=_as_str(value.get(options.title_field)),
                  published=published, published_from="input" if published else None,
                  raw_ref=source if item.raw_ref else None)


def _as_id(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return json.dumps(value)
    return str(value) if isinstance(value, int | float) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _as_str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _names(value: dict[str, Any]) -> str:
    names = list(value)
    return ", ".join(names[:10]) + (", ..." if len(names) > 10 else "") if names else "none"
