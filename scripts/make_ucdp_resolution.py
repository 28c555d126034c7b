"""Event-resolution gold from UCDP GED: each headline a UCDP event was coded from becomes a document of
its own, dated by its source date, labelled with the UCDP event it reports.

    python scripts/make_ucdp_resolution.py --ucdp ../shared/data/ucdp-ged-ukraine/dev.jsonl \
        --out out/ucdp-resolution.jsonl --limit 400
    eventwire eval clusters --level mentions --gold out/ucdp-resolution.jsonl

Only events with at least two headlines are taken (one headline tests nothing), and a headline that
several events share (a weekly round-up coded into many events) is left out, since it has no single
gold event. The headlines belong to their publishers: the output is written outside the package.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ucdp", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=400, help="UCDP events taken (the first N with 2+ headlines)")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.ucdp.read_text("utf-8").splitlines() if line.strip()]
    shared = Counter(h.strip() for r in records for h in set((r.get("text") or "").split("\n")))
    rows: list[dict] = []
    taken = 0
    for record in records:
        lines = [h.strip() for h in (record.get("text") or "").split("\n") if h.strip() and shared[h.strip()] == 1]
        dates = (record.get("source_dates") or "").split(";")
        if len(lines) < 2 or taken >= args.limit:
            continue
        taken += 1
        for i, line in enumerate(lines):
            date = dates[i] if i < len(dates) and dates[i] else record.get("date")
            rows.append({"id": f"{record['id']}#{i}", "cluster": record["id"], "text": line, "date": date})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} headlines of {taken} events -> {args.out}")


if __name__ == "__main__":
    main()
