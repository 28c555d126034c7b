"""The HTTP API over a real store (a SQLite file and a PostgreSQL database): the seed page, another
outlet's report of the Belgorod attack and the shipped sample pages, served through FastAPI's test
client and once through a live uvicorn server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from conftest import run_cli
from eventwire import api
from eventwire.resolve.run import Resolver
from eventwire.server import create_app
from eventwire.server.background import running
from eventwire.settings import Settings, load_settings
from eventwire.store import Store
from eventwire.store.schema import events, tokens
from eventwire.tokens import create_token, revoke_token, verify_token

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
BELGOROD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Belgorod toll rises to 25</title>
<meta property="article:published_time" content="2023-12-31T11:00:00+00:00">
<meta property="og:site_name" content="Border Gazette"></head><body><nav><a href="/">Home</a></nav><article>
<h1>Belgorod toll rises to 25</h1>
<p>BELGOROD, Dec 31 - At least 25 people were killed, including five children, when Ukrainian rockets hit the
centre of Belgorod on Saturday, the regional governor said.</p>
<p>More than 100 people were wounded in the attack on the Russian border city, officials said, in one of the
deadliest strikes on Russian territory since the war began.</p></article><footer>© Border Gazette</footer>
</body></html>"""
ERROR_KEYS = {"status", "code", "message"}


def _settings(read_access: str = "open") -> Settings:
    s = load_settings(env={})
    s["ingest"]["workers"] = 1
    s["serve"]["read_access"] = read_access
    return s


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store holding the seed page, the Belgorod report and the sample pages: its URL."""
    folder = tmp_path_factory.mktemp("served")
    url = str(folder / "store.db") if request.param == "sqlite" else request.getfixturevalue("pg_server").database()
    inputs = folder / "in"
    inputs.mkdir()
    (inputs / "seed.html").write_bytes((DATA / "extraction" / "seed-article.html").read_bytes())
    (inputs / "belgorod.html").write_text(BELGOROD, "utf-8")
    api.ingest_paths([str(inputs), str(ROOT / "samples" / "pages")], db=url, settings=_settings())
    yield url


@pytest.fixture
def client(served: str) -> Iterator[TestClient]:
    with Store(served) as store, TestClient(create_app(settings=_settings(), store=store)) as c:
        yield c


def _all_pages(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    rows, cursor = [], None
    while True:
        page = client.get("/api/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        rows += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            return rows


def _error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["status"] == status and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def api_events(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r.id for r in conn.execute(select(events.c.id).where(events.c.event_type.is_not(None))
                                           .order_by(events.c.id))]


def _seed_event(client: TestClient) -> dict[str, Any]:
    found = client.get("/api/events", params={"q": "kharkiv", "sub_event_type": "Air/drone strike"}).json()["events"]
    return next(e for e in found if (e["location"] or {}).get("name") == "Kharkiv")


def test_cursor_pages_walk_every_event_once_and_total_counts_them(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 1000}).json()
    paged = _all_pages(client, limit=3)
    assert everything["total"] == len(everything["events"]) == len(paged) > 5
    assert [e["id"] for e in paged] == [e["id"] for e in everything["events"]]
    dates = [e["event_date"] or "" for e in paged]
    assert dates == sorted(dates, reverse=True)


def test_filters_narrow_to_matching_events(client: TestClient) -> None:
    ukraine = client.get("/api/events", params={"country": "ua", "view": "summary", "limit": 1000}).json()
    assert ukraine["events"] and all(e["iso"] == "UA" for e in ukraine["events"])
    box = client.get("/api/events", params={"bbox": "35,49,37,51", "view": "summary"}).json()["events"]
    assert box and all(49 <= e["latitude"] <= 51 and 35 <= e["longitude"] <= 37 for e in box)
    killed = client.get("/api/events", params={"min_fatalities": 20, "view": "summary"}).json()["events"]
    assert killed and all(e["fatalities"] >= 20 for e in killed)
    assert any(e["admin1"] == "Belgorod" for e in killed)
    by_actor = client.get("/api/events", params={"actor": "russia"}).json()["events"]
    assert by_actor and all("russia" in str([e.get("actor1"), e.get("actor2"), e.get("actors_claimed")]).lower()
                            for e in by_actor)
    drones = client.get("/api/events", params={"event_type": "Explosions/Remote violence"}).json()
    assert drones["total"] >= 1 and all(e["event_type"] == "Explosions/Remote violence" for e in drones["events"])
    nothing = client.get("/api/events", params={"q": "kharkiv zzzunknownword"}).json()
    assert nothing == {"events": [], "next_cursor": None, "total": 0}
    plover = client.get("/api/events", params={"interactions": True, "limit": 1000}).json()["total"]
    assert plover > client.get("/api/events").json()["total"]


def test_formats_by_parameter_and_by_accept_header(client: TestClient) -> None:
    geo = client.get("/api/events", params={"format": "geojson", "country": "UA"})
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert features and all(f["geometry"]["type"] == "Point" for f in features if f["geometry"])
    csv = client.get("/api/events", headers={"Accept": "text/csv"})
    header = csv.text.splitlines()[0].split(",")
    assert csv.headers["content-type"].startswith("text/csv")
    assert header[:2] == ["event_id_cnty", "event_date"] and "n_sources" in header and "review_status" in header
    page = client.get("/api/events").json()
    assert len(csv.text.strip().splitlines()) == len(page["events"]) + 1
    _error(client.get("/api/events", params={"format": "xml"}), 400, "unknown_format")


def test_one_event_carries_mentions_figures_by_source_and_evidence(client: TestClient) -> None:
    belgorod = client.get("/api/events", params={"admin1": "belgorod", "min_fatalities": 20}).json()["events"]
    event = client.get(f"/api/events/{belgorod[0]['id']}").json()
    assert event["n_sources"] >= 2 and event["fatalities"]["disagreement"] is True
    assert sorted(event["fatalities"]["by_source"])[-1] == 25 and event["fatalities"]["acled"] == 22
    assert {m["site"] for m in event["mentions"]} >= {"Border Gazette"}
    assert all(m["reason"] is not None and m["mention"]["evidence"] for m in event["mentions"])
    assert event["review"]["status"] == "unreviewed"


def test_every_error_has_one_shape(client: TestClient) -> None:
    _error(client.get("/api/events/ev0000"), 404, "not_found")
    _error(client.get("/api/documents/nope"), 404, "not_found")
    _error(client.get("/api/events", params={"since": "yesterday"}), 422, "invalid_request")
    _error(client.get("/api/events", params={"bbox": "1,2"}), 400, "invalid_bbox")
    _error(client.get("/api/events", params={"cursor": "!!"}), 400, "invalid_cursor")
    _error(client.get("/api/events", params={"limit": 5000}), 400, "limit_too_large")
    _error(client.get("/api/nothing-here"), 404)
    # found by fuzzing the OpenAPI schema (schemathesis): numbers too big for the database or a timedelta
    _error(client.get("/api/documents", params={"offset": 10**20}), 422, "invalid_request")
    _error(client.get("/api/trending", params={"window": "20093089015171d"}), 422, "invalid_request")
    _error(client.get("/api/events", params={"min_fatalities": 10**19}), 422, "invalid_request")
    _error(client.post("/api/ingest", content=b"<p>x</p>"), 401, "token_required")
    _error(client.post("/api/ingest", content=b"<p>x</p>", headers={"Authorization": "Bearer ew_nope_nope"}), 403)
    _error(client.post("/api/ingest", content=b"x" * 30, headers={"Content-Length": str(10**9)}), 413, "too_large")


def test_documents_stories_trending_failures_stats(client: TestClient) -> None:
    docs = client.get("/api/documents", params={"limit": 2}).json()
    assert len(docs["documents"]) == 2 and docs["total"] >= 10 and "text" not in docs["documents"][0]
    one = client.get(f"/api/documents/{docs['documents'][0]['id']}").json()
    assert one["text"] and isinstance(one["mentions"], list)
    stories = client.get("/api/stories").json()["stories"]
    assert stories and all(s["n_articles"] >= 1 for s in stories)
    assert isinstance(client.get("/api/trending", params={"window": "7d"}).json()["trends"], list)
    _error(client.get("/api/trending", params={"by": "colour"}), 422)
    assert client.get("/api/failures").json() == {"failures": []}
    stats = client.get("/api/stats").json()
    assert stats["documents"] == docs["total"] and stats["events"] == client.get("/api/events").json()["total"]


def test_health_metrics_and_security_headers(client: TestClient) -> None:
    assert client.get("/healthz").json()["store"] == "ok"
    client.get("/api/events")
    metrics = client.get("/metrics").text
    assert 'eventwire_http_request_seconds_count{method="GET",route="/api/events",status="200"}' in metrics
    assert "eventwire_documents " in metrics and "eventwire_events " in metrics
    assert "eventwire_cache_misses_total " in metrics
    for path in ("/", "/api/events", "/api/events/nope"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    cross = client.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in cross.headers  # CORS stays off unless configured


def test_reads_can_require_a_token_and_tokens_are_stored_hashed(served: str) -> None:
    with Store(served) as store, TestClient(create_app(settings=_settings("token"), store=store)) as client:
        reader, writer = create_token(store, "reader", "read"), create_token(store, "writer", "write")
        _error(client.get("/api/events"), 401, "token_required")
        assert client.get("/api/events", headers={"Authorization": f"Bearer {reader}"}).status_code == 200
        event_id = client.get("/api/events", headers={"Authorization": f"Bearer {writer}"}).json()["events"][0]["id"]
        review = {"action": "note", "note": "read scope may not write"}
        _error(client.post(f"/api/events/{event_id}/review", json=review,
                           headers={"Authorization": f"Bearer {reader}"}), 403, "token_refused")
        revoke_token(store, reader.split("_")[1])
        _error(client.get("/api/events", headers={"Authorization": f"Bearer {reader}"}), 403)
        with store.engine.connect() as conn:
            stored = conn.execute(select(tokens)).all()
        assert all(writer.split("_", 2)[2] not in str(tuple(row)) for row in stored)


def test_reads_are_open_to_loopback_clients_by_default(served: str) -> None:
    with Store(served) as store:
        app = create_app(settings=_settings("local"), store=store)
        with TestClient(app, client=("127.0.0.1", 5000)) as local, TestClient(app, client=("10.0.0.9", 5000)) as far:
            assert local.get("/api/events").status_code == 200
            _error(far.get("/api/events"), 401)


def test_ingest_over_http_adds_a_page_once(served: str, tmp_path: Path) -> None:
    settings = _settings()
    settings["serve"]["upload_dir"] = str(tmp_path / "uploads")
    settings["serve"]["max_body_bytes"] = 200_000
    page = (DATA / "extraction" / "seed-article.html").read_bytes().replace(b"Kharkiv", b"Kharkiv city", 3)
    with Store(served) as store, TestClient(create_app(settings=settings, store=store)) as client:
        auth = {"Authorization": f"Bearer {create_token(store, 'desk')}"}
        before = client.get("/api/stats").json()["documents"]
        first = client.post("/api/ingest", files={"file": ("kharkiv.html", page, "text/html")}, headers=auth)
        assert first.status_code == 201 and first.json()["stored"] == 1, first.text
        again = client.post("/api/ingest", files={"file": ("kharkiv.html", page, "text/html")}, headers=auth)
        assert again.json()["stored"] == 0 and again.json()["unchanged"] == 1
        assert client.get("/api/stats").json()["documents"] == before + 1
        raw = client.post("/api/ingest", params={"filename": "note.txt"}, content=b"plain " * 40, headers=auth)
        assert raw.status_code == 201
        _error(client.post("/api/ingest", content=b"x" * 300_000, headers=auth), 413, "too_large")
        _error(client.post("/api/ingest", content=b"", headers=auth), 400, "empty_body")


def test_reviews_are_kept_with_who_and_when_and_survive_a_rebuild(served: str) -> None:
    settings = _settings()
    with Store(served) as store, TestClient(create_app(settings=settings, store=store)) as client:
        auth = {"Authorization": f"Bearer {create_token(store, 'analyst-a')}"}
        event = _seed_event(client)
        url = f"/api/events/{event['id']}/review"
        corrected = client.post(url, json={"action": "correct", "field": "fatalities", "value": 2}, headers=auth)
        assert corrected.status_code == 200, corrected.text
        assert corrected.json()["fatalities"]["best"] == 2 and corrected.json()["review"]["status"] == "corrected"
        note = "<script>alert(1)</script> check the toll with the regional governor"
        client.post(url, json={"action": "note", "note": note}, headers=auth)
        client.post(url, json={"action": "confirm"}, headers=auth)
        _error(client.post(url, json={"action": "correct", "field": "colour", "value": 1}, headers=auth), 422)
        _error(client.post(url, json={"action": "note", "note": "x" * 3000}, headers=auth), 422)
        _error(client.post("/api/events/ev0000/review", json={"action": "confirm"}, headers=auth), 404)

        Resolver(store, settings).rebuild()
        after = client.get(f"/api/events/{event['id']}").json()
        assert after["review"]["status"] == "confirmed" and after["fatalities"]["best"] == 2
        history = after["review"]["history"]
        assert [h["action"] for h in history[-3:]] == ["correct", "note", "confirm"]
        assert all(h["author"] == "analyst-a" and h["created_at"] for h in history)
        assert history[-2]["note"] == note  # kept as plain text, as given
        confirmed = client.get("/api/events", params={"review": "confirmed", "view": "summary"}).json()["events"]
        assert [e["id"] for e in confirmed] == [event["id"]] and confirmed[0]["fatalities"] == 2
        assert event["id"] not in {e["id"] for e in client.get("/api/review-queue").json()["events"]}
        csv = client.get("/api/events", params={"review": "confirmed", "format": "csv"}).text
        assert csv.splitlines()[1].endswith(",confirmed")


def test_merge_and_split_by_review(served: str) -> None:
    with Store(served) as store, TestClient(create_app(settings=_settings(), store=store)) as client:
        auth = {"Authorization": f"Bearer {create_token(store, 'analyst-b')}"}
        a, b = client.get("/api/events", params={"country": "UA", "limit": 2}).json()["events"]
        client.post(f"/api/events/{b['id']}/review", json={"action": "note", "note": "same strike as the next"},
                    headers=auth)
        merged = client.post(f"/api/events/{a['id']}/review", json={"action": "merge", "value": [b["id"]]},
                             headers=auth).json()
        assert set(b["mention_ids"]) <= set(merged["mention_ids"])
        assert "same strike as the next" in [h["note"] for h in merged["review"]["history"]]  # kept with the event
        _error(client.get(f"/api/events/{b['id']}"), 404)
        split = client.post(f"/api/events/{a['id']}/review", json={"action": "split", "value": b["mention_ids"][0]},
                            headers=auth).json()
        assert b["mention_ids"][0] not in split["mention_ids"]
        assert [h["action"] for h in split["review"]["history"]][-2:] == ["merge", "split"]


def test_review_queue_puts_what_needs_a_human_first(client: TestClient) -> None:
    queue = client.get("/api/review-queue", params={"limit": 100}).json()["events"]
    assert queue and all(e["reasons"] or e["confidence"] is not None for e in queue)
    assert any("sources disagree" in e["reasons"] for e in queue[:5])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_live_server_answers_over_http(served: str) -> None:
    with Store(served) as store, running(create_app(settings=_settings("local"), store=store)) as base:
        page = httpx.get(f"{base}/api/events", params={"view": "summary"}, timeout=10).json()
        assert page["total"] == len(page["events"]) > 5
        assert httpx.get(f"{base}/healthz", timeout=10).json()["status"] == "ok"
        assert "openapi" in httpx.get(f"{base}/openapi.json", timeout=10).json()


def test_token_and_review_commands(served: str) -> None:
    created = run_cli("--db", served, "token", "create", "--name", "desk-cli", "--scope", "read")
    token = created.stdout.decode().strip()
    assert created.returncode == 0 and token.startswith("ew_")
    listed = run_cli("--db", served, "token", "list").stdout.decode()
    assert "desk-cli" in listed and token.split("_", 2)[2] not in listed
    with Store(served) as store:
        event_id = api_events(store)[0]
        assert verify_token(store, token, "read") and not verify_token(store, token, "write")
    reviewed = run_cli("--db", served, "review", event_id, "reject", "--note", "a duplicate", "--author", "ana")
    assert reviewed.returncode == 0, reviewed.stderr.decode()
    shown = json.loads(run_cli("--db", served, "show", event_id, "--json").stdout)
    assert shown["review"]["status"] == "rejected" and shown["review"]["history"][-1]["author"] == "ana"
    bad = run_cli("--db", served, "review", event_id, "correct", "--field", "fatalities", "--value", "-3")
    assert bad.returncode == 2 and "whole number" in bad.stderr.decode()
    assert run_cli("--db", served, "token", "revoke", token.split("_")[1]).returncode == 0
    assert run_cli("--db", served, "token", "revoke", "nope").returncode == 2


def test_serve_command_starts_a_server(served: str) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "--db", served, "serve", "--port", str(port)],
                            stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert health.json()["store"] == "ok"
        assert httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=10).json()["total"] > 5
    finally:
        proc.terminate()
        proc.wait(10)


def test_a_repeated_read_is_answered_again_only_until_the_store_changes(served: str) -> None:
    with Store(served) as store, TestClient(create_app(settings=_settings(), store=store)) as client:
        app_cache = client.app.state.cache
        params = {"view": "summary", "limit": 1000, "country": "RU"}
        first = client.get("/api/events", params=params).json()
        assert client.get("/api/events", params=params).json() == first and app_cache.hits >= 1
        target = first["events"][0]
        auth = {"Authorization": f"Bearer {create_token(store, 'analyst-c')}"}
        client.post(f"/api/events/{target['id']}/review", json={"action": "correct", "field": "injured", "value": 7},
                    headers=auth)
        after = {e["id"]: e for e in client.get("/api/events", params=params).json()["events"]}
        assert after[target["id"]]["injured"] == 7 and after[target["id"]]["review_status"] == "corrected"


def test_serve_with_two_worker_processes(served: str) -> None:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "--db", served, "serve", "--port", str(port),
                             "--workers", "2"], stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        answers = {httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=10).json()["total"] for _ in range(6)}
        assert len(answers) == 1 and answers.pop() > 5  # every worker reads the same store
    finally:
        proc.terminate()
        proc.wait(15)
