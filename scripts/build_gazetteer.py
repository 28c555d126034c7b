"""Refresh `src/eventwire/geo/data/ucdp_places.tsv` from a UCDP GED JSONL, then rebuild the gazetteer.

    python scripts/build_gazetteer.py --ucdp ../shared/data/ucdp-ged-ukraine/dev.jsonl

The TSV is the only part of the gazetteer derived from data outside PyPI packages, so it ships in the
repo (settlement names and coordinates, UCDP GED, CC BY 4.0); `eventwire gazetteer build` does the rest.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.geo.build import UCDP_PLACES, build, ucdp_candidates, write_ucdp_places
from eventwire.geo.gazetteer import default_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ucdp", type=Path, help="UCDP GED JSONL (e.g. shared/data/ucdp-ged-ukraine/dev.jsonl)")
    parser.add_argument("--out", type=Path, default=None, help="gazetteer file (default: where eventwire looks)")
    args = parser.parse_args()
    if args.ucdp:
        print(f"{write_ucdp_places(UCDP_PLACES, ucdp_candidates(args.ucdp))} UCDP settlements -> {UCDP_PLACES}")
    counts = build(args.out or default_path())
    for key, value in sorted(counts.items()):
        print(f"{key}\t{value}")
    print(f"total\t{sum(counts.values())}")


if __name__ == "__main__":
    main()
