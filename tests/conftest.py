"""Shared fixtures: settings that run in-process, a fresh SQLite store per test, a throwaway PostgreSQL
server (a fresh database per test; `store_url` runs a test on both), page builders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import pg
from eventwire.settings import Settings, load_settings
from eventwire.store import Store

DATA = Path(__file__).parent / "data"
SEED_HTML = DATA / "extraction" / "seed-article.html"


@pytest.fixture
def settings() -> Settings:
    s = load_settings(env={})
    s["ingest"]["workers"] = 1
    return s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db_path: Path, request: pytest.FixtureRequest):
    # EVENTWIRE_TEST_STORE=postgresql runs every test that takes `store` on PostgreSQL instead
    url = request.getfixturevalue("pg_url") if os.environ.get("EVENTWIRE_TEST_STORE") == "postgresql" else str(db_path)
    with Store(url) as s:
        yield s


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the session. Without its binaries: skipped, or failed where
    EVENTWIRE_REQUIRE_PG=1 (CI), so the PostgreSQL tests cannot silently stop running there."""
    try:
        server = pg.start()
    except pg.Unavailable as exc:
        if os.environ.get("EVENTWIRE_REQUIRE_PG") == "1":
            pytest.fail(f"EVENTWIRE_REQUIRE_PG=1 but {exc}", pytrace=False)
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: pg.Server) -> str:
    """A new, empty database on the session's server (CREATE DATABASE: about 15 ms)."""
    return pg_server.database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, db_path: Path) -> str:
    """The same test on a SQLite file and on a fresh PostgreSQL database: what `--db` takes."""
    return str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")


PARAGRAPHS = [
    "Officials in the regional administration said the strike damaged several residential buildings "
    "and a school near the city centre, and that rescue teams worked through the night.",
    "Witnesses described a series of loud explosions shortly after midnight, followed by sirens and "
    "smoke rising above the industrial district on the eastern bank of the river.",
    "The ministry said its air defences had intercepted most of the incoming drones, a claim that "
    "could not be independently verified by reporters on the ground.",
    "Local hospitals reported treating dozens of people for injuries caused by broken glass and debris, "
    "and the mayor declared a day of mourning for the victims.",
]


def news_page(title: str, *, n: int = 0, date: str | None = "2024-01-02", extra: str = "") -> str:
    """A realistic article page: chrome around a few paragraphs that differ by `n`."""
    paras = "".join(f"<p>{p} (Report {n}, part {i}.)</p>" for i, p in enumerate(PARAGRAPHS))
    meta = f'<meta property="article:published_time" content="{date}T10:00:00+00:00">' if date else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{meta}
<meta property="og:site_name" content="Test Ledger"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article><h1>{title}</h1>{paras}{extra}</article>
<aside class="related"><h3>Related Articles</h3><ul><li><a href="/a">Another story</a></li></ul></aside>
<footer><a href="/privacy">Privacy Policy</a> © Test Ledger</footer></body></html>"""


def write_pages(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"page-{n:04d}.html"
        path.write_text(news_page(f"Strikes reported overnight, report {n}", n=n), encoding="utf-8")
        paths.append(path)
    return paths


def run_cli(*args: str, env: dict[str, str] | None = None, input: bytes | None = None,
            timeout: int = 120) -> subprocess.CompletedProcess[bytes]:
    """Run the real `eventwire` entry point in a subprocess (exit codes, stdout bytes)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True, input=input,
                          env=full_env, timeout=timeout, check=False)
