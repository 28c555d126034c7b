"""Table definitions (SQLAlchemy Core). Alembic migrations create them; this is the code's view.

documents      one row per distinct text (id = hash of the text)
document_inputs every input that produced a document: the same text from two URLs is two rows here
raw_pages      raw HTML, compressed, keyed by its digest, so extraction can be rerun
failures       one row per input that could not become a document, with stage and reason
runs           one row per ingest run, with its counts
mentions       coded events as each document reports them (the full record in `data`)
places         every place name found in a document, resolved or marked as not a place
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text),
    Column("source", Text, nullable=False),
    Column("site", String(255)),
    Column("title", Text),
    Column("author", Text),
    Column("published", String(10)),
    Column("published_from", String(16), nullable=False),
    Column("language", String(8)),
    Column("input_id", Text),
    Column("content_kind", String(16), nullable=False),
    Column("raw_sha", String(64)),
    Column("raw_ref", Text),
    Column("extractor", String(64)),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_published", "published"),
    Index("ix_documents_site", "site"),
)

document_inputs = Table(
    "document_inputs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("source", Text, nullable=False),
    Column("raw_sha", String(64), nullable=False),
    Column("url", Text),
    Column("input_id", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("source", "raw_sha", name="uq_document_inputs_source_raw"),
    Index("ix_document_inputs_doc", "doc_id"),
)

raw_pages = Table(
    "raw_pages", metadata,
    Column("sha", String(64), primary_key=True),
    Column("encoding", String(16), nullable=False),  # "zlib" today; named so it can change
    Column("content", LargeBinary, nullable=False),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("reason", String(64), nullable=False),
    Column("message", Text, nullable=False),
    Column("raw_sha", String(64)),
    Column("run_id", Integer),
    Column("failed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("source", name="uq_failures_source"),
    Index("ix_failures_reason", "reason"),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False),  # running, done, interrupted
    Column("inputs", JSON),
    Column("counts", JSON),
)

mentions = Table(
    "mentions", metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("event_type", String(64)),
    Column("sub_event_type", String(64)),
    Column("interaction", String(16)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("location", Text),
    Column("iso", String(2)),
    Column("admin1", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("event_date", String(10)),
    Column("fatalities", Integer),
    Column("injured", Integer),
    Column("claim_status", String(16)),
    Column("confidence", Float),
    Column("data", JSON, nullable=False),  # the whole mention, as exported
    Index("ix_mentions_doc", "doc_id"),
    Index("ix_mentions_date", "event_date"),
    Index("ix_mentions_type", "event_type", "sub_event_type"),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("name", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geonames_id", Integer),
    Column("feature_class", String(8)),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("score", Float),
    Column("role", String(16)),
    UniqueConstraint("doc_id", "start", "end", name="uq_places_doc_span"),
    Index("ix_places_doc", "doc_id"),
)
