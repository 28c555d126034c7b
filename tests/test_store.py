"""The store on a real SQLite file and a real PostgreSQL database (`store_url`): migrations, idempotent
writes, links, failures, reads."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from eventwire.document import Document, Failure, Record, document_id
from eventwire.store import DocFilter, Store, database_url, sql


def _doc(text: str, source: str, url: str | None = None, published: str | None = None) -> Document:
    record = Record(source=source, kind="html", content=f"<p>{text}</p>".encode(), url=url)
    doc = Document.from_record(record)
    doc.text, doc.id, doc.published = text, document_id(text), published
    doc.published_from = "html-meta" if published else "none"
    return doc


@pytest.fixture
def store(store_url: str):
    """Every test here that takes `store` runs on SQLite and on PostgreSQL."""
    with Store(store_url) as s:
        yield s


def test_open_migrates_a_new_file_to_the_latest_schema(store_url: str) -> None:
    with Store(store_url) as store, store.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        version = conn.execute(text("select version_num from alembic_version")).one()
    assert {"documents", "document_inputs", "raw_pages", "failures", "runs", "alembic_version", "events",
            "event_links", "copy_bands", "groups"} <= tables
    head = ScriptDirectory(str(Path(sql.__file__).parent / "migrations")).get_current_head()
    assert version == (head,) and head is not None and head >= "0003"


def test_reopening_keeps_data_and_does_not_migrate_twice(store_url: str) -> None:
    with Store(store_url) as store:
        store.write([_doc("A text about shelling in the east.", "a.html")], [])
    with Store(store_url) as store:
        assert store.count_documents() == 1


def test_same_text_from_two_urls_is_one_document_linked_to_both(store: Store) -> None:
    text = "Drones struck the port overnight, officials said."
    first = store.write([_doc(text, "a.html", "https://one.example/a")], [])
    second = store.write([_doc(text, "b.html", "https://two.example/b")], [])
    assert (first.new, first.duplicates, second.new, second.duplicates) == (1, 0, 0, 1)
    doc = store.document(document_id(text))
    assert doc is not None
    assert doc["urls"] == ["https://one.example/a", "https://two.example/b"]
    assert doc["sources"] == ["a.html", "b.html"]


def test_writing_the_same_input_again_adds_nothing(store: Store) -> None:
    doc = _doc("Protesters gathered in the square.", "p.html")
    store.write([doc], [])
    store.write([doc], [])
    stats = store.stats()
    assert (stats["documents"], stats["inputs"]) == (1, 1)
    assert store.seen([(doc.source, doc.raw_sha or ""), ("other.html", "x")]) == {(doc.source, doc.raw_sha)}


def test_raw_html_is_kept_compressed_and_recoverable(store: Store) -> None:
    doc = _doc("The council met in emergency session.", "c.html")
    store.write([doc], [])
    assert store.raw(doc.raw_sha or "") == b"<p>The council met in emergency session.</p>"


def test_failures_upsert_per_source_and_clear_when_the_input_later_succeeds(store: Store) -> None:
    store.write([], [Failure("bad.html", "extract", "no-main-text", "empty page")])
    store.write([], [Failure("bad.html", "read", "bad-encoding", "cannot decode")])
    rows = store.failures()
    assert [(r["source"], r["reason"]) for r in rows] == [("bad.html", "bad-encoding")]
    assert rows[0]["failed_at"].utcoffset() in (None, timedelta(0))  # UTC, whatever the server's time zone
    store.write([_doc("Now the page has an article in it.", "bad.html")], [])
    assert store.failures() == []


def test_filters_order_and_prefix_lookup(store: Store) -> None:
    store.write([_doc("Old news about a ceasefire.", "1.html", published="2023-05-01"),
                 _doc("New news about a ceasefire.", "2.html", published="2024-05-01"),
                 _doc("Undated note on shelling.", "3.html")], [])
    assert [d["published"] for d in store.documents()] == ["2024-05-01", "2023-05-01", None]
    assert [d["source"] for d in store.documents(DocFilter(since="2024-01-01"))] == ["2.html"]
    assert store.count_documents(DocFilter(query="ceasefire")) == 2
    some_id = document_id("Old news about a ceasefire.")
    assert store.document(some_id[:8])["source"] == "1.html"  # type: ignore[index]
    assert store.document(some_id[:8].upper())["source"] == "1.html"  # type: ignore[index]
    assert store.count_documents(DocFilter(query="CEASEFIRE")) == 2
    assert [d["source"] for d in store.documents(DocFilter(source="2.HTML"))] == ["2.html"]
    assert store.document("nope") is None
    ids = [d["id"] for d in store.iter_documents(batch=2)]
    assert ids == sorted(ids) and len(ids) == 3


def test_database_url_accepts_paths_and_urls(tmp_path: Path) -> None:
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgres://u@h/db") == "postgresql://u@h/db"
    assert database_url("sqlite:///:memory:") == "sqlite:///:memory:"


def test_migrations_go_down_to_nothing_and_up_again(store_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    with Store(store_url) as store:
        store.write([_doc("Kept across the round trip? No: down to nothing.", "a.html")], [])
        config = Config()
        config.set_main_option("script_location", str(Path(sql.__file__).parent / "migrations"))
        for target in ("base", "head"):
            with store.engine.begin() as conn:
                config.attributes["connection"] = conn
                (command.downgrade if target == "base" else command.upgrade)(config, target)
            with store.engine.connect() as conn:
                assert ("documents" in inspect(conn).get_table_names()) == (target == "head")
        assert store.count_documents() == 0
