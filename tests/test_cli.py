"""The command line as users and scripts call it: exit codes, --db / EVENTWIRE_DB, inspection, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import SEED_HTML, run_cli, write_pages
from eventwire.export import DOC_FIELDS


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    db = tmp_path / "cli.db"
    write_pages(tmp_path / "in", 2)
    (tmp_path / "in" / "rows.jsonl").write_text(
        json.dumps({"key": "r-7", "body": "A curfew was announced in the city after clashes.", "link":
                    "https://news.example/curfew", "headline": "Curfew announced", "day": "2024-02-03"}) + "\n")
    result = run_cli("--db", str(db), "ingest", str(tmp_path / "in"), "--id-field", "key", "--text-field", "body",
                     "--url-field", "link", "--title-field", "headline", "--date-field", "day")
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_ingest_exit_code_says_whether_anything_failed(tmp_path: Path) -> None:
    write_pages(tmp_path, 1)
    (tmp_path / "empty.html").write_bytes(b"")
    result = run_cli("--db", str(tmp_path / "x.db"), "ingest", str(tmp_path), "--json")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["failed"], summary["failures_by_reason"]) == (1, 1, {"empty": 1})


def test_eventwire_db_environment_variable_names_the_store(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 1)
    db = tmp_path / "env.db"
    assert run_cli("ingest", str(tmp_path / "in"), env={"EVENTWIRE_DB": str(db)}).returncode == 0
    stats = json.loads(run_cli("--db", str(db), "stats", "--json").stdout)
    assert stats["documents"] == 1 and stats["last_run"]["status"] == "done"


def test_docs_show_failures_stats(filled: Path) -> None:
    listed = [json.loads(line) for line in run_cli("--db", str(filled), "docs", "--json").stdout.splitlines()]
    assert len(listed) == 3
    row = next(r for r in listed if r["input_id"] == "r-7")
    assert (row["title"], row["url"], row["published"]) == ("Curfew announced", "https://news.example/curfew",
                                                            "2024-02-03")
    shown = run_cli("--db", str(filled), "show", row["id"][:8])
    assert shown.returncode == 0 and b"A curfew was announced" in shown.stdout
    assert run_cli("--db", str(filled), "show", "ffffffffffff").returncode == 1
    assert run_cli("--db", str(filled), "failures", "--json").stdout == b""
    filtered = run_cli("--db", str(filled), "docs", "--json", "--since", "2024-02-01", "--until", "2024-02-28")
    assert [json.loads(x)["input_id"] for x in filtered.stdout.splitlines()] == ["r-7"]


def test_exports_carry_every_documented_field_in_each_format(filled: Path, tmp_path: Path) -> None:
    jsonl = [json.loads(x) for x in run_cli("--db", str(filled), "export", "docs", "--format", "jsonl").stdout
             .splitlines()]
    assert len(jsonl) == 3 and all(tuple(r) == DOC_FIELDS for r in jsonl)
    row = next(r for r in jsonl if r["input_id"] == "r-7")
    assert row["source"].endswith("rows.jsonl#L1")
    assert row["text"] == "A curfew was announced in the city after clashes."
    out = run_cli("--db", str(filled), "export", "docs", "--format", "csv").stdout.decode()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [r["id"] for r in jsonl]
    assert json.loads(rows[0]["urls"]) == jsonl[0]["urls"]
    target = tmp_path / "docs.parquet"
    assert run_cli("--db", str(filled), "export", "docs", "--format", "parquet", "-o", str(target)).returncode == 0
    table = pq.read_table(target)
    assert table.column_names == list(DOC_FIELDS) and table.num_rows == 3
    assert run_cli("--db", str(filled), "export", "docs", "--format", "xml").returncode == 2


def test_same_input_gives_the_same_export(tmp_path: Path) -> None:
    write_pages(tmp_path / "in", 3)
    exports = []
    for name in ("a.db", "b.db"):
        run_cli("--db", str(tmp_path / name), "ingest", str(tmp_path / "in"))
        exports.append(run_cli("--db", str(tmp_path / name), "export", "docs").stdout.replace(name.encode(), b""))
    assert exports[0] == exports[1]


def test_the_seed_page_text_keeps_the_article_and_drops_the_chrome(tmp_path: Path) -> None:
    expected = json.loads((SEED_HTML.parent / "seed-expected-events.json").read_text())["article"]
    db = str(tmp_path / "seed.db")
    assert run_cli("--db", db, "ingest", str(SEED_HTML)).returncode == 0
    (doc,) = [json.loads(x) for x in run_cli("--db", db, "export", "docs").stdout.splitlines()]
    for passage in expected["main_text_must_contain"]:
        assert passage in doc["text"]
    for chrome in expected["main_text_must_not_contain"]:
        assert chrome not in doc["text"]
    assert doc["published"] == "2023-12-31" and doc["published_from"] != "none"


def test_ingest_counts_texts_stored_but_not_coded_for_their_language(tmp_path: Path) -> None:
    from test_nlp import GERMAN

    write_pages(tmp_path / "in", 1)
    (tmp_path / "in" / "charkiw.txt").write_text(GERMAN, encoding="utf-8")
    result = run_cli("--db", str(tmp_path / "x.db"), "ingest", str(tmp_path / "in"), "--json")
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["not_analysed"]) == (2, {"language de": 1})
    told = run_cli("--db", str(tmp_path / "y.db"), "ingest", str(tmp_path / "in"))
    assert "[nlp] languages" in told.stderr.decode() and "not coded" in told.stderr.decode()
