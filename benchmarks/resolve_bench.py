"""Resolution cost as the store grows: seconds per new document at 10k, 50k and 100k stored documents.

    python benchmarks/resolve_bench.py --texts ../shared/data/wikinews-en/dev.jsonl \
        --texts ../shared/data/giveme5w1h-newscluster/dev.jsonl --sizes 10000,50000,100000

Real articles go through the whole default pipeline once (their mentions are real coded events);
the store is then filled with variants of them: each variant gets its own id, a publication date
spread over two years, a distinct closing sentence, and its mentions moved to that date and nudged
up to ~50 km, so copy families, stories and event candidates exist at a realistic density. Documents
are written a batch at a time and resolved as ingest resolves them. At each size the next 500
documents are timed (write + resolve), so the line shows whether cost per document grows with the
store. Also reported: the copy index's size on disk per million documents and the resolver's memory.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import psutil

from eventwire.document import Document, Record
from eventwire.pipeline import Pipeline
from eventwire.resolve.run import Resolver
from eventwire.settings import load_settings
from eventwire.store import Store

PROBE = 500


def coded(texts: list[dict], settings: dict) -> list[Document]:
    pipeline = Pipeline.from_settings(settings)
    docs = []
    for t in texts:
        record = Record(source=t["id"], kind="text", content=t["text"], title=t.get("title"),
                        published=(t.get("date") or "2024-01-01")[:10], published_from="input")
        result = pipeline(Document.from_record(record))
        if isinstance(result, Document):
            docs.append(result)
    return docs


def variant(base: Document, n: int, rng: random.Random) -> Document:
    day = f"{2023 + n % 2}-{1 + n % 12:02d}-{1 + (n // 24) % 28:02d}"
    text = base.text + f"\nThis is variant {n} of the report, filed {day}."
    doc = replace(base, id=f"{n:016x}", text=text, published=day, source=f"bench/{n}", raw_sha=f"{n:064x}",
                  mentions=[], places=[], record=None)
    for m in base.mentions:
        m2 = copy.deepcopy(m)
        m2.doc_id, m2.event_date = doc.id, day
        if m2.location and m2.location.latitude is not None:
            m2.location.latitude += rng.uniform(-0.3, 0.3)
            m2.location.longitude += rng.uniform(-0.3, 0.3)
        doc.mentions.append(m2)
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, action="append", required=True)
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "resolve.json")
    args = parser.parse_args()
    settings = load_settings(env={})
    texts = [json.loads(line) for path in args.texts for line in path.read_text("utf-8").splitlines() if line]
    bases = coded(texts, settings)
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.db")) as store:
        resolver = Resolver(store, settings)
        n = 0
        for size in sizes:
            while n < size:  # fill untimed up to the size
                batch = [variant(bases[i % len(bases)], i, rng) for i in range(n, min(size, n + 1000))]
                store.write(batch, [])
                resolver.resolve_pending()
                n += len(batch)
                print(f"\r{n} stored", end="", file=sys.stderr, flush=True)
            probe = [variant(bases[i % len(bases)], i, rng) for i in range(n, n + PROBE)]
            start = time.perf_counter()
            store.write(probe, [])
            resolver.resolve_pending()
            seconds = time.perf_counter() - start
            n += PROBE
            db_bytes = os.path.getsize(Path(tmp) / "bench.db")
            rows.append({"stored": size, "docs_per_second": round(PROBE / seconds, 1),
                         "ms_per_doc": round(1000 * seconds / PROBE, 2), "db_mb": round(db_bytes / 2**20, 1),
                         "rss_mb": round(psutil.Process().memory_info().rss / 2**20)})
            print(f"\n{rows[-1]}", file=sys.stderr)
        with store.engine.connect() as conn:
            bands = conn.exec_driver_sql("SELECT COUNT(*) FROM copy_bands").scalar_one()
    per_doc_bytes = bands / n * (24 + 16 + 16)  # band key + doc id + b-tree overhead, per row
    print("\n| documents stored | resolve + write, docs/s | ms per doc | store MB | process RSS MB |")
    print("|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['stored']:,} | {r['docs_per_second']} | {r['ms_per_doc']} | {r['db_mb']} | {r['rss_mb']} |")
    print(f"\ncopy index: {bands / n:.0f} band rows per document, ~{per_doc_bytes * 1e6 / 2**30:.1f} GB on disk "
          "per million documents (signatures 1 KB each in `documents`); no copy index is held in memory")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": rows, "band_rows_per_doc": bands / n}, indent=2) + "\n")


if __name__ == "__main__":
    main()
