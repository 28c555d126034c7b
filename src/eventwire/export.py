"""Exports: documents as JSONL, CSV or Parquet. Field names here are a public interface."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .errors import ConfigError
from .events.acled import COLUMNS, flat_row
from .store import DocFilter, MentionFilter, Store

#: Exported document fields, in order. Stable: other tools and the evaluation script against them.
DOC_FIELDS = ("id", "url", "source", "site", "title", "author", "published", "published_from", "language",
              "input_id", "text", "content_kind", "extractor", "raw_sha", "raw_ref", "urls", "sources", "input_ids",
              "copy_family", "story_id")
_LIST_FIELDS = ("urls", "sources", "input_ids", "sites", "doc_ids")
# numeric columns keep their type in Parquet; everything else is a string
_FLOATS = ("latitude", "longitude", "confidence")
_INTS = ("iso", "n_reports", "n_sources", "year", "time_precision", "interaction", "geo_precision", "fatalities",
         "fatalities_low", "fatalities_best", "fatalities_high", "injured", "injured_low", "injured_high",
         "geonames_id", "start", "end")
_BOOLS = ("disputed",)
FORMATS = ("jsonl", "csv", "parquet")
EVENT_FORMATS = ("jsonl", "csv", "geojson", "parquet")
PLACE_FORMATS = ("jsonl", "csv", "geojson")
#: Exported place fields, in order (`export places`).
PLACE_FIELDS = ("doc_id", "input_id", "start", "end", "text", "name", "latitude", "longitude", "geonames_id",
                "feature_class", "country", "admin1", "score", "role")


def document_records(store: Store, filters: DocFilter | None = None) -> Iterator[dict[str, Any]]:
    for row in store.iter_documents(filters):
        yield {f: row.get(f) for f in DOC_FIELDS}


def export_documents(store: Store, fmt: str, out: IO[bytes], filters: DocFilter | None = None) -> int:
    """Write every matching document to the binary stream `out`; return how many were written."""
    _check(fmt, FORMATS)
    writers = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}
    return writers[fmt](document_records(store, filters), out, DOC_FIELDS)


def export_mentions(store: Store, fmt: str, out: IO[bytes], filters: MentionFilter | None = None) -> int:
    """Coded mentions: nested records in JSONL; flat ACLED-named columns in CSV, GeoJSON and Parquet."""
    _check(fmt, EVENT_FORMATS)
    return _write_events(store.iter_mentions(filters), fmt, out)


def export_events(store: Store, fmt: str, out: IO[bytes]) -> int:
    """Events merged across documents: nested records in JSONL; ACLED columns (one conservative
    `fatalities`, as ACLED keeps) then eventwire's own (ranges, reports, sources) elsewhere."""
    from .resolve.queries import EventFilter, merged_events

    _check(fmt, EVENT_FORMATS)
    return _write_events(merged_events(store, EventFilter(), limit=None), fmt, out)


def _write_events(records: Iterable[dict[str, Any]], fmt: str, out: IO[bytes]) -> int:
    if fmt == "jsonl":
        return write_jsonl(records, out)
    flat = (flat_row(r) for r in records)
    if fmt == "geojson":
        return write_geojson(flat, out)
    return (write_csv if fmt == "csv" else write_parquet)(flat, out, COLUMNS)


#: Exported story fields (`export stories`).
STORY_FIELDS = ("story_id", "label", "first_seen", "last_seen", "n_articles", "n_events", "sites", "doc_ids")
#: Exported mention → event links (`export links`).
LINK_FIELDS = ("mention_id", "event_id", "doc_id", "score", "reason")


def export_stories(store: Store, fmt: str, out: IO[bytes]) -> int:
    from .resolve.queries import stories

    _check(fmt, FORMATS)
    rows = ({f: r[f] for f in STORY_FIELDS} for r in stories(store, limit=None))
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    return (write_csv if fmt == "csv" else write_parquet)(rows, out, STORY_FIELDS)


def export_links(store: Store, fmt: str, out: IO[bytes]) -> int:
    from .resolve.queries import mention_links

    _check(fmt, ("jsonl", "csv"))
    rows = mention_links(store)
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    return write_csv(({**r, "reason": json.dumps(r["reason"])} for r in rows), out, LINK_FIELDS)


def export_places(store: Store, fmt: str, out: IO[bytes]) -> int:
    """Every place name found in each document, with offsets into its text."""
    _check(fmt, PLACE_FORMATS)
    rows = ({f: row.get(f) for f in PLACE_FIELDS} for row in store.iter_places())
    if fmt == "geojson":
        return write_geojson(rows, out)
    return write_jsonl(rows, out) if fmt == "jsonl" else write_csv(rows, out, PLACE_FIELDS)


def _check(fmt: str, allowed: tuple[str, ...]) -> None:
    if fmt not in allowed:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(allowed)}")


def write_geojson(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """A FeatureCollection, streamed; rows without coordinates get a null geometry (valid GeoJSON)."""
    out.write(b'{"type": "FeatureCollection", "features": [\n')
    n = 0
    for n, row in enumerate(rows, 1):
        lon, lat = row.get("longitude"), row.get("latitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
        feature = {"type": "Feature", "geometry": geometry, "properties": row}
        out.write((b",\n" if n > 1 else b"") + json.dumps(feature, ensure_ascii=False).encode("utf-8"))
    out.write(b"\n]}\n")
    return n


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[bytes], fields: tuple[str, ...] = ()) -> int:
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007 - n is the count after the loop
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    return n


def write_csv(rows: Iterable[dict[str, Any]], out: IO[bytes], fields: tuple[str, ...]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=fields)
    writer.writeheader()
    n = 0
    for n, row in enumerate(rows, 1):  # noqa: B007
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in row.items()})
    text.detach()  # leave `out` open for the caller
    return n


def write_parquet(rows: Iterable[dict[str, Any]], out: IO[bytes], fields: tuple[str, ...]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(name: str) -> pa.DataType:
        if name in _LIST_FIELDS:
            return pa.list_(pa.string())
        if name in _BOOLS:
            return pa.bool_()
        return pa.float64() if name in _FLOATS else pa.int64() if name in _INTS else pa.string()

    schema = pa.schema([(f, arrow_type(f)) for f in fields])
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
