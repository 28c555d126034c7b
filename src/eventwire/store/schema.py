"""Table definitions (SQLAlchemy Core). Alembic migrations create them; this is the code's view.

documents      one row per distinct text (id = hash of the text)
document_inputs every input that produced a document: the same text from two URLs is two rows here
raw_pages      raw HTML, compressed, keyed by its digest, so extraction can be rerun
failures       one row per input that could not become a document, with stage and reason
runs           one row per ingest run, with its counts
mentions       coded events as each document reports them (the full record in `data`)
places         every place name found in a document, resolved or marked as not a place
copy_bands     MinHash LSH band keys of each document (copy families)
groups         stories and document-level event groups: centroid terms, first and last seen
term_df        how many resolved documents carried each term (the groupers' idf)
events         merged events: one row per real event, the whole record in `data`
event_links    which event each mention joined, with the score and the reasons
event_overrides a user's merges and splits, applied again by every later resolution
reviews        analysts' decisions on events (confirm, reject, correct a field, note, merge, split), with who and when
tokens         API tokens: a public id and the SHA-256 of the secret, never the secret itself
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
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
    Column("copy_family", String(32)),
    Column("story_id", String(32)),
    Column("event_group", String(32)),
    Column("resolved", Integer),
    Column("signature", LargeBinary),
    Column("wires", Text),
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

copy_bands = Table(
    "copy_bands", metadata,
    Column("band", String(24), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

groups = Table(
    "groups", metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("label", Text),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("size", Integer, nullable=False),
    Column("weights", JSON, nullable=False),
)

term_df = Table(
    "term_df", metadata,
    Column("term", String(64), primary_key=True),
    Column("df", Integer, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    Column("event_type", String(64)),
    Column("sub_event_type", String(64)),
    Column("interaction", String(16)),
    Column("iso", String(2)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("event_date", String(10)),
    Column("time_precision", Integer),
    Column("fatalities", Integer),
    Column("n_reports", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("story_id", String(32)),
    Column("matching", JSON, nullable=False),
    Column("data", JSON, nullable=False),
    # for filtering and the review queue (0004); all derived from `data`
    Column("admin1", Text),
    Column("injured", Integer),
    Column("actors", Text),  # lowercased actor names and texts, "|"-joined
    Column("search", Text),  # lowercased words a text query matches
    Column("disputed", Boolean),
    Column("confidence", Float),
    Column("review_status", String(16)),
)

event_links = Table(
    "event_links", metadata,
    Column("mention_id", String(32), primary_key=True),
    Column("event_id", String(32), nullable=False),
    Column("doc_id", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", JSON, nullable=False),
)

event_overrides = Table(
    "event_overrides", metadata,
    Column("mention_id", String(32), primary_key=True),
    Column("event_id", String(32), nullable=False),
    Column("action", String(8), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False),
    Column("action", String(16), nullable=False),  # confirm, reject, correct, note, merge, split
    Column("field", String(32)),
    Column("value", JSON),
    Column("note", Text),
    Column("author", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_reviews_event", "event_id"),
)

tokens = Table(
    "tokens", metadata,
    Column("id", String(16), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("scope", String(8), nullable=False),  # read, write
    Column("secret_sha256", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)
