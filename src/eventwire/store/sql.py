"""The store: SQLite by default, PostgreSQL for teams, one SQLAlchemy code path for both.

Every write is an insert-or-ignore keyed by content digests, so re-reading an input adds nothing,
two processes writing at once duplicate nothing, and a run killed mid-batch leaves only whole
batches behind (each batch is one transaction).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    create_engine,
    delete,
    event,
    func,
    make_url,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..document import Document, Failure
from ..errors import StoreError
from .rows import mention_row, place_row
from .schema import (
    document_inputs,
    documents,
    event_links,
    events,
    failures,
    groups,
    mentions,
    metadata,
    places,
    raw_pages,
    reviews,
    runs,
)

# written by resolution (`eventwire.resolve`), not by the ingest writer
_RESOLUTION_COLUMNS = ("copy_family", "story_id", "event_group", "resolved", "signature", "wires")
_DOC_COLUMNS = [c.name for c in documents.columns if c.name not in ("ingested_at", *_RESOLUTION_COLUMNS)]
# what a read returns: everything but the MinHash signature (binary, internal)
_DOC_READ = [c for c in documents.columns if c.name not in ("signature", "resolved", "wires")]


def database_url(value: str) -> str:
    """A path becomes a SQLite URL; anything with '://' is taken as a SQLAlchemy URL."""
    if "://" in value:
        return value.replace("postgres://", "postgresql://", 1)
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass(frozen=True)
class DocFilter:
    """Filters for listing documents; None means 'any'."""

    site: str | None = None
    language: str | None = None
    since: str | None = None  # published on or after, YYYY-MM-DD
    until: str | None = None  # published on or before
    published_from: str | None = None
    query: str | None = None  # substring of title or text
    source: str | None = None  # substring of the input path


@dataclass(frozen=True)
class MentionFilter:
    """Filters for listing event mentions; None means 'any'."""

    since: str | None = None  # event date on or after, YYYY-MM-DD
    until: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    interaction: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    actor: str | None = None  # substring of actor 1 or 2
    min_fatalities: int | None = None
    doc_id: str | None = None
    events_only: bool = False  # leave out pure political interactions


@dataclass(frozen=True)
class WriteResult:
    new: int
    duplicates: int


class Store:
    """One database. Open with `Store(url)`; the schema is migrated to the latest on open."""

    def __init__(self, url: str) -> None:
        self.url = database_url(url)
        try:
            self.engine = _engine(self.url)
            self.migrate()
        except SQLAlchemyError as exc:
            shown = make_url(self.url).render_as_string(hide_password=True)  # a team database's password
            raise StoreError(f"cannot open the store at {shown}: {exc.__class__.__name__}: {exc}; "
                             "check the path or URL given by --db / EVENTWIRE_DB") from exc

    def migrate(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as conn:
            lock(conn, "migrate")  # two processes opening a new PostgreSQL database: one creates, one waits
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def seen(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (source, raw_sha) pairs were already stored as documents."""
        keys = list(keys)
        if not keys:
            return set()
        sources = sorted({s for s, _ in keys})
        query = select(document_inputs.c.source, document_inputs.c.raw_sha).where(
            document_inputs.c.source.in_(sources))
        with self.engine.connect() as conn:
            found = {(s, r) for s, r in conn.execute(query)}
        return found & set(keys)

    def write(self, docs: Sequence[Document], fails: Sequence[Failure], run_id: int | None = None,
              keep_raw: str = "always") -> WriteResult:
        """Store a batch in one transaction; return how many documents were new."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            # writers take turns on PostgreSQL too: exact new/duplicate counts, no deadlock between two
            # batches inserting the same rows in another order, input ids in commit (resolution) order
            lock(conn, "write")
            new = _insert_documents(conn, docs, now)
            _insert_links(conn, docs, now)
            _insert_annotations(conn, [d for d in docs if d.id in new])
            _insert_raw(conn, [d for d in docs if _keeps_raw(d, keep_raw)])
            _clear_failures(conn, [d.source for d in docs])
            _upsert_failures(conn, fails, run_id, now)
        return WriteResult(new=len(new), duplicates=len(docs) - len(new))

    def start_run(self, inputs: Sequence[str]) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(runs.insert().values(started_at=datetime.now(UTC), status="running",
                                                       inputs=list(inputs)))
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(runs).where(runs.c.id == run_id).values(
                finished_at=datetime.now(UTC), status=status, counts=counts))

    # -- reading -------------------------------------------------------------------------------

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document by id (or by an unambiguous id prefix of at least 6 characters)."""
        with self.engine.connect() as conn:
            exact = conn.execute(select(*_DOC_READ).where(documents.c.id == doc_id)).all()
            if not exact and len(doc_id) >= 6:
                exact = conn.execute(select(*_DOC_READ).where(  # ids are lowercase; PostgreSQL's LIKE minds case
                    documents.c.id.startswith(doc_id.lower(), autoescape=True)).limit(2)).all()
            if len(exact) != 1:
                return None
            return _with_links(conn, [dict(exact[0]._mapping)])[0]

    def documents(self, filters: DocFilter | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        query = _filtered(filters or DocFilter()).order_by(
            documents.c.published.desc().nulls_last(), documents.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return _with_links(conn, [dict(r._mapping) for r in conn.execute(query)])

    def iter_documents(self, filters: DocFilter | None = None, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every matching document in id order, streamed in batches (exports of any size)."""
        last = ""
        while True:
            query = _filtered(filters or DocFilter()).where(documents.c.id > last).order_by(documents.c.id).limit(batch)
            with self.engine.connect() as conn:
                rows = _with_links(conn, [dict(r._mapping) for r in conn.execute(query)])
            yield from rows
            if len(rows) < batch:
                return
            last = rows[-1]["id"]

    def count_documents(self, filters: DocFilter | None = None) -> int:
        query = select(func.count()).select_from(_filtered(filters or DocFilter()).subquery())
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def mentions(self, filters: MentionFilter | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Coded mentions, newest event first; each is the full record plus its document's fields."""
        query = _mention_query(filters or MentionFilter()).order_by(
            mentions.c.event_date.desc().nulls_last(), mentions.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [_mention_record(r) for r in conn.execute(query)]

    def iter_mentions(self, filters: MentionFilter | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching mention in (document, position) order, streamed."""
        offset = 0
        while True:
            query = _mention_query(filters or MentionFilter()).order_by(
                mentions.c.doc_id, mentions.c.idx).limit(batch).offset(offset)
            with self.engine.connect() as conn:
                rows = [_mention_record(r) for r in conn.execute(query)]
            yield from rows
            if len(rows) < batch:
                return
            offset += batch

    def mention(self, mention_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(_mention_query(MentionFilter()).where(mentions.c.id == mention_id)).first()
        return _mention_record(row) if row else None

    def count_mentions(self, filters: MentionFilter | None = None) -> int:
        query = select(func.count()).select_from(_mention_query(filters or MentionFilter()).subquery())
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def iter_places(self, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Every place name found, in (document, offset) order, with the document's input_id."""
        query = (select(places, documents.c.input_id).join(documents, documents.c.id == places.c.doc_id)
                 .order_by(places.c.doc_id, places.c.start))
        if doc_id:
            query = query.where(places.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield {k: v for k, v in row._mapping.items() if k != "id"}

    def failures(self, reason: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        query = select(failures).order_by(failures.c.failed_at.desc(), failures.c.id.desc()).limit(limit)
        if reason:
            query = query.where(failures.c.reason == reason)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def raw(self, sha: str) -> bytes | None:
        """The raw page bytes stored for a digest, for re-running extraction."""
        with self.engine.connect() as conn:
            row = conn.execute(select(raw_pages).where(raw_pages.c.sha == sha)).first()
        return zlib.decompress(row.content) if row else None

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return {
                "documents": _scalar(conn, select(func.count()).select_from(documents)),
                "inputs": _scalar(conn, select(func.count()).select_from(document_inputs)),
                "failures": _scalar(conn, select(func.count()).select_from(failures)),
                "failures_by_reason": _grouped(conn, failures.c.reason),
                "by_language": _grouped(conn, documents.c.language),
                "by_published_from": _grouped(conn, documents.c.published_from),
                "by_content_kind": _grouped(conn, documents.c.content_kind),
                "top_sites": _grouped(conn, documents.c.site, limit=10),
                "published_range": list(conn.execute(select(func.min(documents.c.published),
                                                            func.max(documents.c.published))).one()),
                "runs": _scalar(conn, select(func.count()).select_from(runs)),
                "mentions": _scalar(conn, select(func.count()).select_from(mentions)),
                "events": _scalar(conn, select(func.count()).where(events.c.event_type.is_not(None))),
                "interactions": _scalar(conn, select(func.count()).where(events.c.event_type.is_(None))),
                "stories": _scalar(conn, select(func.count()).where(groups.c.kind == "story")),
                "reviews": _scalar(conn, select(func.count()).select_from(reviews)),
            }

    def last_run(self) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(1)).first()
        return dict(row._mapping) if row else None


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            event.listen(engine, "connect", _utc)
            event.listen(engine, "before_cursor_execute", _no_nul, retval=True)
        return engine
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # WAL lets readers (docs, stats, a server) work while an ingest writes.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    return engine


def _utc(dbapi_conn: Any, _record: Any) -> None:
    """Times come back in UTC whatever the server's time zone, as SQLite (naive UTC) gives them."""
    autocommit, dbapi_conn.autocommit = dbapi_conn.autocommit, True
    cur = dbapi_conn.cursor()
    cur.execute("SET TIME ZONE 'UTC'")
    cur.close()
    dbapi_conn.autocommit = autocommit


def _no_nul(conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool) -> tuple[str, Any]:
    """PostgreSQL text cannot hold NUL (SQLite's can; a JSONL "\\u0000" or a text file brings one): it
    becomes U+FFFD, one character for one, so offsets into the text still point at the same places."""
    def scrub(value: Any) -> Any:  # a value, a row (dict or tuple) or a list of rows (executemany)
        if isinstance(value, str):
            return value.replace("\x00", "\ufffd") if "\x00" in value else value
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        return type(value)(scrub(v) for v in value) if isinstance(value, list | tuple) else value

    return statement, scrub(params)


# advisory lock keys (any 64-bit numbers no other application on the server uses)
_LOCKS = {"migrate": 0x65776972_00000001, "write": 0x65776972_00000002, "resolve": 0x65776972_00000003}


def lock(conn: Connection, name: str) -> None:
    """Take lock `name` until the transaction ends: on PostgreSQL a transaction-level advisory lock, so
    processes sharing one database take turns where insert-or-ignore alone is not enough (migrating a
    new database, resolution's read-modify-write state); SQLite already lets one writer in at a time."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_LOCKS[name])))


def dialect_insert(conn: Connection, table: Any) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def upsert(conn: Connection, table: Any, keys: tuple[str, ...], columns: tuple[str, ...]) -> Any:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET columns = the new row's; built once per table, as
    building `excluded` costs more than executing the statement."""
    return _upsert(conn.dialect.name, table.name, keys, columns)


@cache
def _upsert(dialect: str, table_name: str, keys: tuple[str, ...], columns: tuple[str, ...]) -> Any:
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(metadata.tables[table_name])
    return insert.on_conflict_do_update(index_elements=list(keys), set_={c: insert.excluded[c] for c in columns})


def _insert_documents(conn: Connection, docs: Sequence[Document], now: datetime) -> set[str]:
    """Insert the documents not stored yet; return the ids of those that were new."""
    ids = list({d.id for d in docs})
    if not ids:
        return set()
    seen = set(conn.execute(select(documents.c.id).where(documents.c.id.in_(ids))).scalars())
    rows = []
    for doc in docs:  # the first copy of a text in the batch is the one stored
        if doc.id not in seen:
            seen.add(doc.id)
            rows.append(_doc_row(doc, now))
    if rows:
        conn.execute(dialect_insert(conn, documents).on_conflict_do_nothing(index_elements=["id"]),
                     fit(documents, rows))
    return {r["id"] for r in rows}


def _insert_annotations(conn: Connection, docs: Sequence[Document]) -> None:
    """Mentions and places of newly stored documents (a copy of a stored text adds none)."""
    mention_rows = [mention_row(m) for d in docs for m in d.mentions]
    place_rows = [place_row(d.id, p) for d in docs for p in d.places]
    if mention_rows:
        conn.execute(dialect_insert(conn, mentions).on_conflict_do_nothing(index_elements=["id"]),
                     fit(mentions, mention_rows))
    if place_rows:
        conn.execute(dialect_insert(conn, places).on_conflict_do_nothing(
            index_elements=["doc_id", "start", "end"]), fit(places, place_rows))


def _doc_row(doc: Document, now: datetime) -> dict[str, Any]:
    # the columns are plain fields: `to_dict` would deep-copy the places, mentions and raw page first
    row = {c: getattr(doc, c, None) for c in _DOC_COLUMNS}
    row["ingested_at"] = now
    return row


def _insert_links(conn: Connection, docs: Sequence[Document], now: datetime) -> None:
    rows = [{"doc_id": d.id, "source": d.source, "raw_sha": d.raw_sha or d.id, "url": d.url,
             "input_id": d.input_id, "ingested_at": now} for d in docs]
    if rows:
        conn.execute(dialect_insert(conn, document_inputs).on_conflict_do_nothing(
            index_elements=["source", "raw_sha"]), fit(document_inputs, rows))


def _keeps_raw(doc: Document, policy: str) -> bool:
    """"always", "never", or "auto": only inputs that cannot be read again (no raw_ref, e.g. stdin)."""
    return policy == "always" or (policy == "auto" and not doc.raw_ref)


def _insert_raw(conn: Connection, docs: Sequence[Document]) -> None:
    # zlib level 1: pages still shrink about 4x, at a quarter of level 6's cost on the ingest path
    rows = {d.raw_sha: d.record.content for d in docs
            if d.record is not None and d.content_kind != "text" and isinstance(d.record.content, bytes)}
    if rows:
        conn.execute(dialect_insert(conn, raw_pages).on_conflict_do_nothing(index_elements=["sha"]),
                     [{"sha": k, "encoding": "zlib", "content": zlib.compress(v, 1)} for k, v in rows.items()])


def _clear_failures(conn: Connection, sources: list[str]) -> None:
    if sources:
        conn.execute(delete(failures).where(failures.c.source.in_(sources)))


def _upsert_failures(conn: Connection, fails: Sequence[Failure], run_id: int | None, now: datetime) -> None:
    rows = {f.source: {**f.to_dict(), "run_id": run_id, "failed_at": now} for f in fails}
    if not rows:
        return
    stmt = upsert(conn, failures, ("source",), ("stage", "reason", "message", "raw_sha", "run_id", "failed_at"))
    conn.execute(stmt, fit(failures, list(rows.values())))


def fit(table: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fit values to their columns: text longer than the column is cut (a 400-character og:site_name)
    and an integer out of 32-bit range ("3000000000 killed") becomes null in its indexed column (the
    JSON record keeps it). PostgreSQL refuses both, SQLite the second past 64 bits, and a batch must
    not fail for one odd value."""
    limits = _LIMITS.get(table.name)
    if limits is None:
        limits = _LIMITS[table.name] = {c.name: c.type.length if isinstance(c.type, String) else None
                                        for c in table.columns if isinstance(c.type, Integer)
                                        or (isinstance(c.type, String) and c.type.length)}
    for row in rows:
        for name, length in limits.items():
            value = row.get(name)
            if length is None:
                if isinstance(value, int) and not -INT_MAX - 1 <= value <= INT_MAX:
                    row[name] = None
            elif isinstance(value, str) and len(value) > length:
                row[name] = value[:length]
    return rows


_LIMITS: dict[str, dict[str, int | None]] = {}
INT_MAX = 2**31 - 1  # the largest value an Integer column holds on PostgreSQL


def _filtered(f: DocFilter) -> Any:
    query = select(*_DOC_READ)
    equal = {"site": f.site, "language": f.language, "published_from": f.published_from}
    for column, value in equal.items():
        if value:
            query = query.where(documents.c[column] == value)
    if f.since:
        query = query.where(documents.c.published >= f.since)
    if f.until:
        query = query.where(documents.c.published <= f.until)
    if f.query:
        like = f"%{f.query}%"
        query = query.where(or_(documents.c.title.ilike(like), documents.c.text.ilike(like)))
    if f.source:
        query = query.where(documents.c.source.icontains(f.source, autoescape=True))  # as SQLite's LIKE: any case
    return query


_MENTION_DOC_FIELDS = ("input_id", "url", "site", "title", "published")


def _mention_query(f: MentionFilter) -> Any:
    query = (select(mentions.c.data, event_links.c.event_id, *(documents.c[c] for c in _MENTION_DOC_FIELDS))
             .join(documents, documents.c.id == mentions.c.doc_id)
             .outerjoin(event_links, event_links.c.mention_id == mentions.c.id))
    equal = {"event_type": f.event_type, "sub_event_type": f.sub_event_type, "interaction": f.interaction,
             "iso": f.country, "doc_id": f.doc_id}
    for column, value in equal.items():
        if value:
            query = query.where(mentions.c[column] == value)
    if f.since:
        query = query.where(mentions.c.event_date >= f.since)
    if f.until:
        query = query.where(mentions.c.event_date <= f.until)
    if f.actor:
        like = f"%{f.actor}%"
        query = query.where(or_(mentions.c.actor1.ilike(like), mentions.c.actor2.ilike(like)))
    if f.min_fatalities is not None:
        query = query.where(mentions.c.fatalities >= f.min_fatalities)
    if f.events_only:
        query = query.where(mentions.c.event_type.is_not(None))
    return query


def _mention_record(row: Any) -> dict[str, Any]:
    record = dict(row.data)
    record.update({c: getattr(row, c) for c in _MENTION_DOC_FIELDS})
    record["event_id"] = row.event_id  # the merged event it joined (null until resolved)
    return record


def _with_links(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Attach every input (url, source, input_id) linked to each document, in ingest order."""
    if not rows:
        return rows
    links: dict[str, list[Any]] = {r["id"]: [] for r in rows}
    query = select(document_inputs).where(document_inputs.c.doc_id.in_(list(links))).order_by(document_inputs.c.id)
    for link in conn.execute(query):
        links[link.doc_id].append(link)
    for row in rows:
        row["urls"] = _unique(link.url for link in links[row["id"]])
        row["sources"] = _unique(link.source for link in links[row["id"]])
        row["input_ids"] = _unique(link.input_id for link in links[row["id"]])
    return rows


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _scalar(conn: Connection, query: Any) -> int:
    return int(conn.execute(query).scalar_one())


def _grouped(conn: Connection, column: Any, limit: int | None = None) -> dict[str, int]:
    query = select(column, func.count()).group_by(column).order_by(func.count().desc(), column)
    if limit:
        query = query.limit(limit)
    return {"(none)" if k is None else str(k): int(v) for k, v in conn.execute(query)}
