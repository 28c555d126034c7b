"""End-to-end ingest into a real SQLite file (and PostgreSQL, for the tests that take `store`): counts,
dedup, bad inputs, resume after SIGKILL."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import news_page, run_cli, write_pages
from eventwire.ingest import ingest
from eventwire.settings import Settings
from eventwire.store import Store


@pytest.fixture
def store(store_url: str):
    """The tests here that take `store` run on SQLite and on PostgreSQL."""
    with Store(store_url) as s:
        yield s


def _warc(path: Path, pages: dict[str, str]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                               http_headers=headers)
            writer.write_record(record)


def test_folder_of_mixed_inputs_is_stored_and_counted(tmp_path: Path, store: Store, settings: Settings) -> None:
    write_pages(tmp_path / "in", 3)
    (tmp_path / "in" / "note.txt").write_text("  Plain text kept exactly, leading spaces too.\n\nSecond para.\n")
    (tmp_path / "in" / "items.jsonl").write_text(
        json.dumps({"id": "u-1", "text": "Headline one: shelling near Avdiivka", "date": "2023-10-10"}) + "\n")
    summary = ingest([str(tmp_path / "in")], store, settings)
    assert (summary.read, summary.stored, summary.failed, summary.status) == (5, 5, 0, "done")
    texts = {d["source"].rsplit("/", 1)[-1]: d for d in store.iter_documents()}
    assert texts["note.txt"]["text"] == "  Plain text kept exactly, leading spaces too.\n\nSecond para.\n"
    jsonl = next(d for d in texts.values() if d["input_id"] == "u-1")
    assert jsonl["text"] == "Headline one: shelling near Avdiivka"
    assert (jsonl["published"], jsonl["published_from"]) == ("2023-10-10", "input")
    page = texts["page-0000.html"]
    assert page["published_from"] == "html-meta" and page["published"] == "2024-01-02"
    assert "Related Articles" not in page["text"] and "Privacy Policy" not in page["text"]
    assert page["language"] == "en"


def test_rerun_adds_nothing_and_copies_are_linked(tmp_path: Path, store: Store, settings: Settings) -> None:
    html = news_page("Port hit by drones", n=1)
    (tmp_path / "a.html").write_text(html)
    _warc(tmp_path / "crawl.warc.gz", {"https://one.example/port": html, "https://two.example/port": html})
    first = ingest([str(tmp_path)], store, settings)
    second = ingest([str(tmp_path)], store, settings)
    assert (first.read, first.stored, first.duplicates) == (3, 1, 2)
    assert (second.stored, second.duplicates, second.unchanged) == (0, 0, 3)
    (doc,) = list(store.iter_documents())
    assert doc["urls"] == ["https://one.example/port", "https://two.example/port"]
    assert store.stats()["inputs"] == 3


def test_every_kind_of_bad_input_is_recorded_and_the_batch_goes_on(tmp_path: Path, store: Store,
                                                                     settings: Settings) -> None:
    inputs = tmp_path / "in"
    write_pages(inputs, 2)
    (inputs / "broken.html").write_bytes(b"<html><body><div><p>\x00\x00 <<<>>> </div")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (inputs / "empty.html").write_bytes(b"")
    (inputs / "menu-only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (inputs / "feed.rss").write_text("<rss><channel><item><title>unclosed</channel>")
    with (inputs / "huge.html").open("wb") as fh:
        fh.truncate(200_000_000)  # sparse: 200 MB on paper, nothing on disk
    cp1251 = news_page("Удар по Харкову", n=9).replace("utf-8", "iso-8859-1").encode("cp1251")
    (inputs / "cyrillic.html").write_bytes(cp1251)
    _warc(tmp_path / "w.warc.gz", {"https://x.example/1": news_page("Warc one", n=21),
                                   "https://x.example/2": news_page("Warc two", n=22)})
    data = (tmp_path / "w.warc.gz").read_bytes()
    (inputs / "truncated.warc.gz").write_bytes(data[: len(data) - 300])
    summary = ingest([str(inputs), str(tmp_path / "missing.html")], store, settings)
    reasons = {Path(f["source"].split("#")[0]).name: f["reason"] for f in store.failures()}
    assert reasons["huge.html"] == "too-large"
    assert reasons["missing.html"] == "unreadable"
    assert reasons["empty.html"] == "empty"
    assert reasons["feed.rss"] == "bad-format"
    assert reasons["truncated.warc.gz"] == "truncated"
    assert {"binary.txt", "broken.html", "menu-only.html"} <= set(reasons)
    stored = {Path(d["source"].split("#")[0]).name for d in store.iter_documents()}
    assert {"page-0000.html", "page-0001.html", "cyrillic.html", "truncated.warc.gz"} <= stored
    cyr = next(d for d in store.iter_documents() if d["source"].endswith("cyrillic.html"))
    assert "Харкову" in cyr["title"]
    assert summary.failed == len(reasons) and summary.status == "done"


def test_pool_and_in_process_give_the_same_documents(tmp_path: Path, settings: Settings) -> None:
    write_pages(tmp_path / "in", 12)
    results = []
    for workers in (1, 2):
        with Store(str(tmp_path / f"w{workers}.db")) as store:
            ingest([str(tmp_path / "in")], store, settings, workers=workers)
            results.append([(d["id"], d["source"], d["text"]) for d in store.iter_documents()])
    assert results[0] == results[1] and len(results[0]) == 12


def test_a_run_killed_with_sigkill_resumes_without_duplicates(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 300)
    db = tmp_path / "kill.db"
    env = {**os.environ, "EVENTWIRE_STORE_BATCH_SIZE": "10", "EVENTWIRE_INGEST_WORKERS": "1"}
    cmd = [sys.executable, "-m", "eventwire", "--db", str(db), "-q", "ingest", str(tmp_path / "in")]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and _count(db) < 30:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 30 <= partial < 300, "the kill should land mid-run"
    assert sqlite3.connect(db).execute("pragma integrity_check").fetchone() == ("ok",)
    rerun = subprocess.run(cmd, env=env, capture_output=True, check=False)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert _count(db) == 300
    links = sqlite3.connect(db).execute("select count(*), count(distinct source) from document_inputs").fetchone()
    assert links == (300, 300)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return sqlite3.connect(db, timeout=5).execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # tables not created yet


def test_stdin_and_gzip_inputs(tmp_path: Path, db_path: Path) -> None:
    page = news_page("From a pipe", n=5).encode()
    result = run_cli("--db", str(db_path), "ingest", "-", input=page)
    assert result.returncode == 0, result.stderr.decode()
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(news_page("Zipped", n=6).encode()))
    assert run_cli("--db", str(db_path), "ingest", str(tmp_path / "p.html.gz")).returncode == 0
    with Store(str(db_path)) as store:
        assert store.count_documents() == 2
        piped, zipped = sorted(store.iter_documents(), key=lambda d: d["source"] != "<stdin>")
        assert piped["source"] == "<stdin>" and piped["raw_ref"] is None
        # keep_raw = "auto": raw bytes kept only for what cannot be read again
        assert store.raw(piped["raw_sha"]) == page
        assert zipped["raw_ref"] and store.raw(zipped["raw_sha"]) is None


def test_ctrl_c_stops_cleanly_and_a_rerun_finishes(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 300)
    db = tmp_path / "int.db"
    env = {**os.environ, "EVENTWIRE_STORE_BATCH_SIZE": "10", "EVENTWIRE_INGEST_WORKERS": "2"}
    cmd = [sys.executable, "-m", "eventwire", "--db", str(db), "ingest", str(tmp_path / "in"), "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and _count(db) < 20:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130
    summary = json.loads(stdout)
    assert summary["status"] == "interrupted" and summary["stored"] == _count(db) < 300
    status = sqlite3.connect(db).execute("select status from runs order by id desc").fetchone()
    assert status == ("interrupted",)
    rerun = subprocess.run(cmd, env=env, capture_output=True, check=False)
    assert rerun.returncode == 0 and _count(db) == 300
    assert json.loads(rerun.stdout)["unchanged"] == summary["stored"]
