"""PostgreSQL for teams: two processes ingesting overlapping inputs into one database at once store and
resolve everything once; and the same inputs give the same records on PostgreSQL as on SQLite, inputs
PostgreSQL is stricter about (a NUL character, an over-long site name, an absurd toll) included."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

from conftest import DATA, SEED_HTML, news_page
from eventwire import api, export
from eventwire.resolve.vectors import terms
from eventwire.store import Store
from eventwire.store.schema import document_inputs, documents, event_links, events, groups, mentions, places, term_df

SAMPLES = Path(__file__).parent.parent / "samples"


def test_two_processes_ingesting_overlapping_inputs_at_once_store_and_resolve_each_once(
        tmp_path: Path, pg_url: str, settings) -> None:
    copies, headlines = tmp_path / "copies.jsonl", tmp_path / "headlines.jsonl"
    for path, source, n in ((copies, DATA / "copies" / "wikinews-copies.jsonl", 30),  # copy families
                            (headlines, SAMPLES / "jsonl" / "ucdp-headlines.jsonl", 20)):  # one event, many reports
        path.write_text("".join(source.read_text("utf-8").splitlines(True)[:n]))
    shutil.copy(SEED_HTML, tmp_path / "seed.html")
    pages = str(SAMPLES / "pages")
    first = [str(headlines), pages, str(copies)]
    second = [str(copies), pages, str(SAMPLES / "text"), str(tmp_path / "seed.html")]  # the shared ones, reordered
    env = {**os.environ, "EVENTWIRE_STORE_BATCH_SIZE": "4", "EVENTWIRE_INGEST_WORKERS": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "eventwire", "--db", pg_url, "ingest", *paths, "--json"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for paths in (first, second)]
    outputs = [proc.communicate(timeout=240) for proc in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()[-3000:]
    runs = [json.loads(out) for out, _ in outputs]
    assert [(r["status"], r["failed"]) for r in runs] == [("done", 0), ("done", 0)]

    reference = tmp_path / "one-process.db"
    api.ingest_paths(sorted({*first, *second}), db=str(reference), settings=settings)
    with Store(pg_url) as shared, Store(str(reference)) as alone:
        stored = _stored(shared)
        assert stored == _stored(alone)  # every input once, linked to the same documents
        assert len(stored["inputs"]) == 20 + 22 + 30 + 3 + 1
        assert sum(r["stored"] for r in runs) == len(stored["documents"])  # each document counted new once
        for store in (shared, alone):
            _assert_resolved_once(store)
    again = api.ingest_paths([*first, *second], db=pg_url, settings=settings)
    assert (again.stored, again.unchanged, again.events_new) == (0, 76, 0)


def _stored(store: Store) -> dict[str, Any]:
    """Documents and inputs. Not mentions and places: the geo stage's output depends a little on which
    documents share a batch, and the two processes batch differently from one."""
    with store.engine.connect() as conn:
        mention_idx = conn.execute(select(mentions.c.doc_id, mentions.c.idx).order_by(mentions.c.idx)).all()
        place_keys = conn.execute(select(places.c.doc_id, places.c.start, places.c.end)).all()
        by_doc: dict[str, list[int]] = {}
        for doc_id, idx in mention_idx:
            by_doc.setdefault(doc_id, []).append(idx)
        assert all(found == list(range(len(found))) for found in by_doc.values())  # one document's set, not two
        assert len(set(place_keys)) == len(place_keys)
        return {"documents": sorted(conn.execute(select(documents.c.id)).scalars()),
                "inputs": sorted(tuple(r) for r in conn.execute(
                    select(document_inputs.c.source, document_inputs.c.raw_sha, document_inputs.c.doc_id)))}


def _assert_resolved_once(store: Store) -> None:
    """Each document taken by resolution once, each codable mention in exactly one event, and the
    groupers' shared state (story sizes, term counts) what one pass over the documents gives."""
    with store.engine.connect() as conn:
        docs = conn.execute(select(documents.c.id, documents.c.title, documents.c.text, documents.c.resolved,
                                   documents.c.story_id, documents.c.event_group)).all()
        codable = {r.id for r in conn.execute(select(mentions.c.id, mentions.c.data))
                   if r.data.get("event_type") or r.data.get("interaction")}
        links = conn.execute(select(event_links.c.mention_id, event_links.c.event_id)).all()
        merged = {r.id: r.data for r in conn.execute(select(events.c.id, events.c.data))}
        sizes = {(r.kind, r.id): r.size for r in conn.execute(select(groups.c.kind, groups.c.id, groups.c.size))}
        df = dict(conn.execute(select(term_df.c.term, term_df.c.df)).all())
    resolved = [d.resolved for d in docs]
    assert None not in resolved and len(set(resolved)) == len(docs)
    assert {m for m, _ in links} == codable and len(links) == len(codable)
    by_event: dict[str, list[str]] = {}
    for mention, event in links:
        by_event.setdefault(event, []).append(mention)
    assert set(by_event) == set(merged)  # no event without mentions, no link to a missing event
    for eid, record in merged.items():
        assert sorted(record["mention_ids"]) == sorted(by_event[eid])
    members = Counter([("story", d.story_id) for d in docs] + [("docevent", d.event_group) for d in docs])
    assert sizes == dict(members)
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(t[:64] for t in set(terms(doc.text, doc.title)))
    assert df == {t: n for t, n in counts.items() if n}


def test_postgresql_keeps_what_sqlite_keeps(tmp_path: Path, pg_url: str, settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_HTML, folder / "seed.html")
    (folder / "long-site.html").write_text(news_page("Drones over the port", n=3).replace(
        'content="Test Ledger"', f'content="{"Ledger " * 60}"'))
    (folder / "odd.jsonl").write_text(
        json.dumps({"id": "nul", "title": "Shelling\u0000", "date": "2023-10-10",
                    "text": "Shelling hit Avdiivka on Monday.\u0000 Five people were killed, officials said."}) + "\n"
        + json.dumps({"id": "huge", "date": "2023-10-10",
                      "text": "At least 3000000000 people were killed in Kharkiv on Monday in a strike."}) + "\n")
    exports = []
    for db in (str(tmp_path / "s.db"), pg_url):
        summary = api.ingest_paths([str(folder)], db=db, settings=settings)
        assert (summary.stored, summary.failed) == (4, 0)
        with Store(db) as store:
            out = {}
            for what in ("documents", "mentions", "events", "stories", "links", "places"):
                buffer = io.BytesIO()
                getattr(export, f"export_{what}")(store, "jsonl", buffer)
                # the same records, but where SQLite keeps a NUL character PostgreSQL (which cannot) has U+FFFD
                out[what] = [json.dumps(json.loads(line)).replace("\\u0000", "\\ufffd")
                             for line in buffer.getvalue().decode().splitlines()]
            out["stats"] = {k: v for k, v in store.stats().items() if k != "published_range"}
            exports.append(out)
    assert exports[0] == exports[1]
    docs = [json.loads(line) for line in exports[1]["documents"]]
    assert max(len(d["site"] or "") for d in docs) == 255  # cut to its column on both
    assert any("Avdiivka on Monday.\ufffd Five" in d["text"] for d in docs)
    assert any("3000000000" in line for line in exports[1]["mentions"])  # the record keeps the figure
    assert len(exports[1]["events"]) >= 3 and len(exports[1]["links"]) >= 3
