"""Exports: documents as JSONL, CSV or Parquet. Field names here are a public interface."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .errors import ConfigError
from .store import DocFilter, Store

#: Exported document fields, in order. Stable: other tools and the evaluation script against them.
DOC_FIELDS = ("id", "url", "source", "site", "title", "author", "published", "published_from", "language",
              "input_id", "text", "content_kind", "extractor", "raw_sha", "raw_ref", "urls", "sources", "input_ids")
_LIST_FIELDS = ("urls", "sources", "input_ids")
FORMATS = ("jsonl", "csv", "parquet")


def document_records(store: Store, filters: DocFilter | None = None) -> Iterator[dict[str, Any]]:
    for row in store.iter_documents(filters):
        yield {f: row.get(f) for f in DOC_FIELDS}


def export_documents(store: Store, fmt: str, out: IO[bytes], filters: DocFilter | None = None) -> int:
    """Write every matching document to the binary stream `out`; return how many were written."""
    writers = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}
    if fmt not in writers:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](document_records(store, filters), out)


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007 - n is the count after the loop
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=DOC_FIELDS)
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in _LIST_FIELDS else v for k, v in row.items()})
    text.detach()  # leave `out` open for the caller
    return n


def write_parquet(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(f, pa.list_(pa.string()) if f in _LIST_FIELDS else pa.string()) for f in DOC_FIELDS])
    buffer = io.BytesIO()  # parquet needs a seekable sink; stdout is not one
    n = 0
    with pq.ParquetWriter(buffer, schema) as writer:
        for chunk in _chunked(rows, 1000):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    out.write(buffer.getvalue())
    return n


def _chunked(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
