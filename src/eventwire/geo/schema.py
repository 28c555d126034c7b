"""The layout of the shipped gazetteer file, shared by its reader (`Gazetteer`) and the build script.

One read-only SQLite file, looked up on demand. Rows live in zlib-compressed blocks so the file
stays small (plain rows would take three times the space), and a look-up decompresses only the
blocks it touches:

- `entry_blocks`: entries `id * ENTRY_BLOCK ...` as tab-separated lines (`ENTRY_FIELDS`), sorted by
  country and division so neighbours share text; a GeoNames id is stored as the difference from
  the block's previous one.
- `name_blocks`: folded name -> the entries it names, `entry:flags` separated by spaces, for the
  entry's own name and every alternate; `flags` has `PRIMARY` (the entry's own name), `CAPITALISED`
  (a spelling with this key starts with a capital), `VERBATIM` (such a spelling has no accent the
  key folded away: "Bank" may find "Bank" but not "Bānk") and `PROMINENT` (the entry is big or
  close enough to look for in running text, see `prominent`), so a reader can tell which
  capitalised words name a place before it reads any entry.
- `loose_blocks`: transliteration skeleton -> folded names, for the places a misspelling plausibly means.
- The two sorted-key tables hold `KEY_BLOCK` keys a block; `block_index` holds each block's first
  key, so a reader finds a key's block by bisection without reading the table.
- `countries` (ISO2 -> entry id), `demonyms` (folded demonym -> ISO2), `meta` (schema version, counts).
"""

from __future__ import annotations

import bisect
import sqlite3
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from .keys import fold, fold_case, skeleton

SCHEMA_VERSION = "2"
ENTRY_BLOCK = 128  # entries per block
KEY_BLOCK = 64  # keys per block of the name and loose tables
PAGE_SIZE = 65536  # big pages leave little slack around the 1-4 KB blocks
PRIMARY = 1
CAPITALISED = 2
VERBATIM = 4
PROMINENT = 8
PROMINENT_POPULATION = 15_000  # towns this big anywhere are looked for in running text
PROMINENT_COUNTRIES = frozenset({"UA", "RU"})  # ... and every place of these countries
LOOSE_POPULATION = 50_000
LOOSE_COUNTRIES = frozenset({"UA", "RU"})
DEFAULT_SOURCE = "geonames"
ENTRY_FIELDS = ("geonames_id", "name", "lat", "lon", "fclass", "fcode", "population", "country", "admin1", "admin2",
                "source", "key")
SORTED_TABLES = ("name_blocks", "loose_blocks")

DDL = f"""
PRAGMA page_size = {PAGE_SIZE};
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entry_blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE name_blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE loose_blocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE block_index (name TEXT PRIMARY KEY, firsts BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE countries (country TEXT PRIMARY KEY, entry INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Record:
    """One place to write: what `Entry` holds, plus the alternate names to index."""

    geonames_id: int | None
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    population: int
    country: str
    admin1: str
    admin2: str
    source: str
    key: str
    alternates: tuple[str, ...] = ()


def prominent(record: Record) -> bool:
    """Countries, first-level divisions, regions, seas, towns of PROMINENT_POPULATION and every place
    of PROMINENT_COUNTRIES: worth finding even where spaCy does not call the word a place."""
    if record.feature_class in ("A", "L", "H") and record.feature_code != "ADM2":
        return True
    return record.population >= PROMINENT_POPULATION or record.country in PROMINENT_COUNTRIES


def worth_loose(record: Record) -> bool:
    """Loose keys only for places a misspelling plausibly means: big ones and the conflict zone."""
    if record.feature_class in ("A", "L", "H"):
        return True
    return record.population >= LOOSE_POPULATION or record.country in LOOSE_COUNTRIES


# --- writing --------------------------------------------------------------------------------------


def write(path: Path, records: Sequence[Record], demonyms: Mapping[str, str], meta: Mapping[str, str]) -> None:
    """Write `records` (ids are their positions) as a fresh, vacuumed gazetteer file at `path`."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.executescript(DDL)
        blocks = range(0, len(records), ENTRY_BLOCK)
        db.executemany("INSERT INTO entry_blocks VALUES (?, ?)",
                       ((i // ENTRY_BLOCK, _pack(_entry_lines(records[i : i + ENTRY_BLOCK]))) for i in blocks))
        names, loose = _name_index(records)
        _write_sorted(db, "name_blocks", names)
        _write_sorted(db, "loose_blocks", loose)
        countries = sorted((r.country, i) for i, r in enumerate(records) if r.feature_code == "PCLI")
        db.executemany("INSERT INTO countries VALUES (?, ?)", countries)
        db.executemany("INSERT INTO demonyms VALUES (?, ?)", sorted({fold(k): v for k, v in demonyms.items()}.items()))
        info = {**meta, "schema_version": SCHEMA_VERSION, "entries": str(len(records)), "names": str(len(names))}
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(info.items()))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()


def _entry_lines(block: Sequence[Record]) -> Iterator[str]:
    previous = 0
    for r in block:
        gid = ""
        if r.geonames_id is not None:
            gid, previous = str(r.geonames_id - previous), r.geonames_id
        yield _entry_line(r, gid)


def _entry_line(r: Record, gid: str) -> str:
    key = "" if r.geonames_id is not None and r.key == f"g{r.geonames_id}" else r.key
    source = "" if r.source == DEFAULT_SOURCE else r.source
    cells = (gid, r.name, _degrees(r.latitude), _degrees(r.longitude), r.feature_class,
             r.feature_code, str(r.population), r.country, r.admin1, r.admin2, source, key)
    if any("\t" in c or "\n" in c for c in cells):
        raise ValueError(f"tab or newline in gazetteer record {r}")
    return "\t".join(cells)


def _degrees(value: float) -> str:
    """Four decimals (11 m) is finer than any source here is accurate."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _name_index(records: Sequence[Record]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(folded name, "entry:flags ...") and (skeleton, "name|name ...") rows, sorted."""
    flags: dict[tuple[str, int], int] = {}
    loose: set[tuple[str, str]] = set()
    for i, r in enumerate(records):
        own = fold(r.name)
        big = PROMINENT if prominent(r) else 0
        for name in (r.name, *r.alternates):
            key = fold(name)
            if not key:
                continue
            bits = big | (PRIMARY if key == own else 0)
            if name[:1].isupper():
                bits |= CAPITALISED | (VERBATIM if fold_case(name) == key else 0)
            flags[(key, i)] = flags.get((key, i), 0) | bits
            if worth_loose(r):
                loose.add((skeleton(key), key))
    names = [(key, " ".join(f"{i}:{f}" for _, i, f in group))
             for key, group in groupby(sorted((k, i, f) for (k, i), f in flags.items()), key=lambda t: t[0])]
    skeletons = [(sk, "|".join(k for _, k in group)) for sk, group in groupby(sorted(loose), key=lambda t: t[0])]
    return names, skeletons


def _write_sorted(db: sqlite3.Connection, table: str, rows: list[tuple[str, str]]) -> None:
    blocks = [rows[i : i + KEY_BLOCK] for i in range(0, len(rows), KEY_BLOCK)]
    db.executemany(f"INSERT INTO {table} VALUES (?, ?)",
                   ((b, _pack(f"{k}\t{v}" for k, v in block)) for b, block in enumerate(blocks)))
    db.execute("INSERT INTO block_index VALUES (?, ?)", (table, _pack(block[0][0] for block in blocks)))


def _pack(lines: Iterable[str]) -> bytes:
    return zlib.compress("\n".join(lines).encode("utf-8"), 9)


def _unpack(data: bytes) -> list[str]:
    return zlib.decompress(data).decode("utf-8").split("\n")


# --- reading --------------------------------------------------------------------------------------


class Reader:
    """Block access over an open gazetteer file: raw entry fields and sorted-key values."""

    def __init__(self, db: sqlite3.Connection, cached_blocks: int = 8192):
        self.db = db
        firsts = dict(db.execute("SELECT name, firsts FROM block_index"))
        self._firsts = {table: _unpack(firsts[table]) for table in SORTED_TABLES}
        # decompressed blocks, most recently used last: news names the same places over and over, so
        # most look-ups after the first documents decompress nothing (a block is a few kB of text; 8,192
        # blocks, most of the file, hold about 28 MB: 250 web pages touch 6,700, and 1,024 left the
        # geoparser a third slower)
        self._cache: OrderedDict[tuple[str, int], str] = OrderedDict()
        self._cached_blocks = cached_blocks

    def entries(self, ids: Iterable[int]) -> dict[int, list[str]]:
        """Entry id -> its fields (`ENTRY_FIELDS`, the GeoNames id made absolute)."""
        by_block: dict[int, list[int]] = {}
        for i in set(ids):
            by_block.setdefault(i // ENTRY_BLOCK, []).append(i)
        found: dict[int, list[str]] = {}
        for block, text in self._texts("entry_blocks", sorted(by_block)):
            lines = text[1:-1].split("\n")
            wanted = sorted(i % ENTRY_BLOCK for i in by_block[block])
            gid, done = 0, 0
            for row in wanted:
                gid += sum(int(d) for d in (line[: line.index("\t")] for line in lines[done : row + 1]) if d)
                done = row + 1
                fields = lines[row].split("\t")
                fields[0] = str(gid) if fields[0] else ""
                found[block * ENTRY_BLOCK + row] = fields
        return found

    def values(self, table: str, keys: Iterable[str]) -> dict[str, str]:
        """Sorted-key table look-up: key -> value, for the keys present."""
        firsts = self._firsts[table]
        by_block: dict[int, set[str]] = {}
        for key in set(keys):
            block = bisect.bisect_right(firsts, key) - 1
            if block >= 0:
                by_block.setdefault(block, set()).add(key)
        found: dict[str, str] = {}
        for block, text in self._texts(table, sorted(by_block)):
            for key in by_block[block]:
                at = text.find(f"\n{key}\t")
                if at >= 0:
                    start = at + len(key) + 2
                    found[key] = text[start : text.index("\n", start)]
        return found

    def _texts(self, table: str, ids: list[int]) -> Iterator[tuple[int, str]]:
        """Each block's text framed by newlines, from the cache or decompressed (and then cached)."""
        missing = []
        for i in ids:
            text = self._cache.get((table, i))
            if text is None:
                missing.append(i)
            else:
                self._cache.move_to_end((table, i))
                yield i, text
        for i, data in self._blocks(table, missing):
            text = "\n" + zlib.decompress(data).decode("utf-8") + "\n"
            self._cache[(table, i)] = text
            if len(self._cache) > self._cached_blocks:
                self._cache.popitem(last=False)
            yield i, text

    def _blocks(self, table: str, ids: list[int]) -> Iterator[tuple[int, bytes]]:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            yield from self.db.execute(f"SELECT id, data FROM {table} WHERE id IN ({','.join('?' * len(chunk))})",
                                       chunk)
