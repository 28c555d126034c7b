"""Refresh the gazetteer's shipped TSVs, then rebuild the gazetteer.

    python scripts/build_gazetteer.py --ucdp ../shared/data/ucdp-ged-ukraine/dev.jsonl
    pip install -e '.[build]' && python scripts/build_gazetteer.py --states

`ucdp_places.tsv` (settlement names and coordinates, UCDP GED, CC BY 4.0) comes from data outside PyPI;
`states.tsv` (divisions and their centre points, countries-states-cities database, ODbL 1.0) from the
`countrystatecity-countries` package, whose 73 MB of city files the runtime does not need. Both ship in
the repo; `eventwire gazetteer build` does the rest.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.geo.build import (
    STATES,
    UCDP_PLACES,
    build,
    package_states,
    ucdp_candidates,
    write_states,
    write_ucdp_places,
)
from eventwire.geo.gazetteer import default_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ucdp", type=Path, help="UCDP GED JSONL (e.g. shared/data/ucdp-ged-ukraine/dev.jsonl)")
    parser.add_argument("--states", action="store_true", help="refresh states.tsv from countrystatecity-countries")
    parser.add_argument("--out", type=Path, default=None, help="gazetteer file (default: where eventwire looks)")
    args = parser.parse_args()
    if args.ucdp:
        print(f"{write_ucdp_places(UCDP_PLACES, ucdp_candidates(args.ucdp))} UCDP settlements -> {UCDP_PLACES}")
    if args.states:
        print(f"{write_states(STATES, package_states())} divisions -> {STATES}")
    counts = build(args.out or default_path())
    for key, value in sorted(counts.items()):
        print(f"{key}\t{value}")
    print(f"total\t{sum(counts.values())}")


if __name__ == "__main__":
    main()
