"""Find the place names in a text and resolve each to a gazetteer entry.

Recognition: spaCy's GPE/LOC/FAC/NORP entities, plus every run of one to four capitalised proper
nouns whose folded text is a gazetteer name (countries, divisions, regions, towns above a population
floor and every Ukrainian and Russian place), looked up in one query per document; that also
catches the places the small model calls PERSON or ORG ("Kyiv said", "Belgorod").

Resolution scores each candidate entry in three passes: first the prior alone (feature type,
population, how the name matched), then with the document's context taken from the previous pass:
the countries and first-level divisions the other mentions resolve to, a container named right after
the mention ("Paris, Texas"), and other mentions resolved nearby.

Roles: a demonym ("Ukrainian") is `demonym`, resolved to its country; a country or capital that is
the subject of a saying or deciding verb ("Kyiv said", "Moscow claimed") is `government`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from . import schema
from .gazetteer import Candidate, Entry, Gazetteer, Posting, fold
from .keys import fold_case
from .roles import Role, armed_adjective, place_role

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Labels the small model puts on place names by mistake; the gazetteer decides.
MISLABELS = {"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
# Which places are looked for in running text is a property of the data: `schema.prominent`.
MATCHER_WORDS = 4  # longest run of capitalised words looked up ("Ho Chi Minh City")
MATCHER_TOKENS = 8  # ... counting the punctuation inside it ("Ivano-Frankivsk", "Washington, D.C.")
NOTABLE_POPULATION = 100_000
MAX_CANDIDATES = 40
ADMIN_WORDS = {"oblast", "region", "province", "state", "governorate", "district", "raion", "rayon", "county",
               "prefecture", "krai", "kray", "territory"}
CITY_WORDS = {"city", "town", "village"}
DISTRICT_WORDS = {"district", "raion", "rayon"}  # named after the town that is their seat
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
                 "south-eastern", "south-western", "upper", "lower", "mainland", "mid"}
# A country's name outranks a namesake town (`W_NAMESAKE`) however much context the town gathers (its
# country, division and a neighbour in the text: 7 points): "Egypt" in a story about Americans is still
# Egypt, while "Egypt, Maine" wins through its container. A US state keeps "Georgia" in a US story.
PRIOR = {"PCLI": 10.5, "CONT": 6.5, "RGN": 5.5, "SEA": 5.5, "OCN": 5.5, "GULF": 5.0, "ISL": 5.0, "ADM1": 4.5,
         "ADM2": 3.0}
MATCH_PENALTY = {"name": 0.0, "spelling": 0.5, "alternate": 1.0, "skeleton": 1.5, "fuzzy": 2.5}
W_COUNTRY = 4.0  # the candidate's country is where the document's other places are
W_ADMIN1 = 1.5
W_CONTAINER = 4.0  # "Paris, Texas": the next mention contains the candidate
W_NEAR = 1.5  # another mention resolved within NEAR_KM
W_SEAT = 1.0  # the town a province is named after, over the province (`_name_bonus`)
W_SIBLING = 1.0  # another name of the text is a province of the candidate province's country
W_LISTED = 3.0  # ... and stands next to it in a list: "Georgia, Oklahoma, Pennsylvania and California"
W_NAMESAKE = -3.0  # a town named after a country, under the country (`_name_bonus`)
NEAR_KM = 150.0
NEAR_COUNTRY_KM = 800.0  # a country is "near" the places around it
PASSES = 3


@dataclass(slots=True)
class Place:
    """One place name in a text: where it is, what it was resolved to, and how sure."""

    start: int  # character offsets into the text, end exclusive
    end: int
    text: str  # as written
    name: str | None  # resolved gazetteer name (None when nothing matched)
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    feature_class: str | None  # GeoNames class: A country/division, P populated place, L region, H water
    feature_code: str | None
    country: str | None  # ISO 3166-1 alpha-2
    country_name: str | None
    admin1: str | None
    score: float  # 0..1: how clearly the best candidate beat the next
    role: Role = "place"
    label: str = ""  # spaCy label, or GAZ when only the gazetteer matcher found it
    source: str | None = None  # gazetteer source of the entry (geonames, ucdp-ged, ...)

    @property
    def resolved(self) -> bool:
        return self.latitude is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class _Mention:
    span: Span
    label: str
    candidates: list[Candidate]
    role: Role = "place"
    best: Entry | None = None
    scores: tuple[float, float] = (0.0, 0.0)  # best and runner-up


class Geoparser:
    """`Geoparser(nlp, gazetteer).parse(text)`: spaCy finds names, the gazetteer resolves them.

    Building one is instant (nothing is compiled from the gazetteer); each `parse` asks the
    gazetteer in one batch about all the entities and capitalised runs of the document and keeps
    the answers only for that call, so the output depends on the text alone.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.stop_words = frozenset(nlp.Defaults.stop_words)

    def parse(self, text: str, doc: Doc | None = None) -> list[Place]:
        """Places in `text`, in text order. Pass `doc` when spaCy already ran over the text."""
        doc = doc if doc is not None else self.nlp(text)
        # `Doc.text` joins every token in Python; the text the doc was made from is the same string
        whole = text if len(text) == _doc_length(doc) else doc.text
        call = _Call(doc, whole, list(doc.ents), _person_words(doc), _Lookups(self.gazetteer))
        mentions = self._mentions(call)
        _resolve(mentions, call.text)
        for mention in mentions:
            mention.role = place_role(mention.role, mention.best, mention.span, call.text)
        return [self._place(m) for m in mentions]

    # --- recognition ---------------------------------------------------------------------------

    def _mentions(self, call: _Call) -> list[_Mention]:
        entities = [(e, _trim(e)) for e in call.ents]
        runs = [r for r in _capitalised_runs(call.doc, call.text) if self._key_ok(r[2]) or _acronym(call, r)]
        call.lookups.prefetch([span.text for _, span in entities if span is not None], runs)
        spans = [s for s in (self._from_entity(call, e, span) for e, span in entities) if s is not None]
        spans += self._from_gazetteer(call, runs)
        mentions = []
        for span in (part for whole in _longest_first(spans) for part in self._coordinated(call, whole)):
            mention = self._mention(call, span)
            if mention is not None:
                mentions.append(mention)
        return sorted(mentions, key=lambda m: m.span.start_char)

    def _coordinated(self, call: _Call, span: Span) -> list[Span]:
        """ "Cattai and Wilberforce", "Central and South America", "Slatyne near Kharkiv": one entity the
        model made of two names; split where the whole is no known name ("Trinidad and Tobago" is)."""
        joins = [t.i for t in span[1:-1] if t.lower_ in ("and", "near")]
        if len(joins) != 1 or span.label_ not in PLACE_LABELS or call.lookups.lookup(span.text, loose=False):
            return [span]
        return [Span(span.doc, span.start, joins[0], label=span.label_),
                Span(span.doc, joins[0] + 1, span.end, label=span.label_)]

    def _from_entity(self, call: _Call, ent: Span, span: Span | None) -> Span | None:
        if span is None or not any(ch.isupper() for ch in span.text):
            return None  # "in woodland near Chegem": a common noun the model tagged, never a name
        if ent.label_ in PLACE_LABELS or ent.label_ == "NORP":
            return span
        if ent.label_ in MISLABELS and len(span) == 1 and not _before_name(span) and call.notable(span.text):
            return Span(span.doc, span.start, span.end, label="GPE")
        if ent.label_ in MISLABELS and _vouched_place(call, span):
            return Span(span.doc, span.start, span.end, label="GPE")  # "the village of Kampungu" (PERSON)
        if ent.label_ in MISLABELS and (head := _place_in_region(call, span)) is not None:
            return head  # "driven out of Novopavlivka in Dnipropetrovsk region" (ORG)
        if ent.label_ in MISLABELS and len(span) > 2 and _names_a_base(span):
            return Span(span.doc, span.start, span.end - 2, label="GPE")  # "Savasleyka Air Base" (PERSON)
        return None

    def _from_gazetteer(self, call: _Call, runs: list[_Run]) -> list[Span]:
        """Runs of capitalised proper nouns that name a prominent place."""
        found = []
        for start, end, key, verbatim in runs:
            if not call.lookups.findable(key, verbatim=verbatim) and not _division_run(call, key, verbatim):
                continue
            span = Span(call.doc, start, end, label="GAZ")
            if span.text not in call.people and self._allowed_in_entity(call, span):
                found.append(span)
        return found

    def _key_ok(self, key: str) -> bool:
        """Names that are also common words ("Bar", "Most") only count where spaCy calls them places."""
        return len(key) >= 3 and key not in self.stop_words and key not in _COMMON

    def _allowed_in_entity(self, call: _Call, span: Span) -> bool:
        """A big place inside an organisation's name counts ("US Centers for Disease Control"); inside a
        person's name only when it opens it ("Belgorod Attack" but not "George Washington")."""
        ent = next((e for e in call.ents if e.start <= span.start and e.end >= span.end), None)
        if ent is None or ent.label_ in PLACE_LABELS or (ent.start, ent.end) == (span.start, span.end):
            return True
        if "(" in ent.text:
            return True  # "Orikhiv (Polohy": the model ran an entity into ACLED's parentheses
        if ent.label_ == "PERSON" and ent.start != span.start:
            return False
        if span.start > ent.start and span.doc[span.start - 1].text in _TITLE_PREPOSITIONS:
            return True  # a title-case headline the model read as one name: "Open Fire on Car Near Hostomel"
        return call.notable(span.text)

    def _mention(self, call: _Call, span: Span) -> _Mention | None:
        if span.label_ == "NORP" or self.gazetteer.demonym_country(span.text):
            return self._demonym(call, span)
        span = _with_direction(call, span)
        loose = span.label_ in PLACE_LABELS
        candidates = _candidates(call.lookups, span.text, loose=loose)
        if _CITY_AFTER.match(call.text, span.end_char):  # "Kherson city": the town, not the province
            candidates = [c for c in candidates if c.entry.feature_class == "P"] or candidates
        elif _ADMIN_AFTER.match(call.text, span.end_char):  # "the Bryansk region": the province
            candidates = [c for c in candidates if c.entry.is_admin] or candidates
        if span.label_ == "GAZ" and len(span.text) == 2:  # "US", "UK" but not "UN" (Un, a town in India)
            candidates = [c for c in candidates if c.entry.feature_class in ("A", "L")]
        if not candidates and loose and (part := self._known_part(call, span)) is not None:
            span, candidates = part  # "South Asia Earthquake", "Indian Ocean coast", "City of Santa Ana"
        if not candidates and span.label_ == "GAZ":
            return None
        if span.text in call.people and not call.notable(span.text):
            return None  # "Zelenskyy" after "Volodymyr Zelenskyy"
        before = call.text[max(0, span.start_char - 30) : span.start_char]
        if _RIVER_AFTER.match(call.text, span.end_char) or _BANK_BEFORE.search(before):
            return None  # "the Dnipro river" is not the city of Dnipro; rivers are not in the gazetteer
        if _STREET_AFTER.match(call.text, span.end_char):
            return None  # "on Kirov Street", "Shevchenko Square": a street named after a place or a person
        if _WORKS_AFTER.match(call.text, span.end_char) or (
                fold(span.text) in _WEAPON_NAMES and _ARMS_AFTER.match(call.text, span.end_char)):
            return None  # "the Druzhba pipeline", "fired Uragan rockets": a work or a weapon named like a town
        if _ACROSS_THE.search(before) and not _ADMIN_AFTER.match(call.text, span.end_char) and not any(
                map(_takes_the, candidates)):
            return None  # "fire across the Dnipro": a town takes no "the"; a region, a sea or a river does
        return _Mention(span, span.label_, candidates)

    def _known_part(self, call: _Call, span: Span) -> tuple[Span, list[Candidate]] | None:
        """The prominent place a longer entity the gazetteer does not know begins with, or ends with after
        "City of" or compass words: the model ran a name into what follows it ("Orange County Sanitation
        District"), or a direction narrows it ("North-Western Sydney")."""
        parts = [span[: len(span) - k] for k in (1, 2) if len(span) > k]
        compass = _COMPASS.match(span.text)
        if compass and (tail := span.char_span(compass.end(), len(span.text))) is not None:
            parts.insert(0, tail)  # "North-Western Sydney": the place a direction narrows, not "North-Western"
        if len(span) > 2 and span[:2].text.lower() == "city of":
            parts.append(span[2:])
        for part in parts:
            if part[-1].is_punct or part[-1].lower_ in self.stop_words or not call.notable(part.text):
                continue  # "Freedom Square" is no square in Freedom, California: only a prominent place
            if _COMPASS.fullmatch(part.text + " "):
                continue  # "Eastern Mediterranean" is not Zambia's Eastern Province
            if found := _candidates(call.lookups, part.text, loose=False):
                return Span(span.doc, part.start, part.end, label=span.label_), found
        return None

    def _demonym(self, call: _Call, span: Span) -> _Mention | None:
        iso = self.gazetteer.demonym_country(span.text)
        country = self.gazetteer.country(iso) if iso else None
        if country is not None:
            return _Mention(span, "NORP", [Candidate(country, "name")], role="demonym")
        candidates = _candidates(call.lookups, span.text, loose=False)
        # spaCy calls some place names NORP ("Crimea"); keep those that are divisions or bigger.
        strong = [c for c in candidates if c.entry.feature_class in ("A", "L") and fold(span.text) not in _COMMON]
        if strong and not _ADMIN_AFTER.match(call.text, span.end_char):
            # "residents of Odesa" (NORP to the model): the province's namesake city stays a candidate
            provinces = {(c.entry.country, c.entry.name) for c in strong if c.entry.feature_code == "ADM1"}
            strong += [c for c in candidates if c.entry.feature_class == "P"
                       and (c.entry.country, c.entry.admin1) in provinces]
        if not strong and (_LOCATIVE_BEFORE.search(call.text, max(0, span.start_char - 60), span.start_char)
                           or _ACLED_CONTAINER.match(call.text, span.end_char)
                           or _SETTLEMENT_AFTER.match(call.text, span.end_char)):
            # "near Sevastopol (Sevastopol)": a preposition of place says a NORP-tagged name is a place
            strong = [c for c in candidates if fold(span.text) not in _COMMON]
        return _Mention(span, "NORP", strong) if strong else None

    # --- output --------------------------------------------------------------------------------

    def _place(self, mention: _Mention) -> Place:
        span, entry = mention.span, mention.best
        if entry is None:
            return Place(span.start_char, span.end_char, span.text, None, None, None, None, None, None, None, None,
                         None, 0.0, mention.role, mention.label)
        country = self.gazetteer.country(entry.country) if entry.country else None
        return Place(
            start=span.start_char, end=span.end_char, text=span.text, name=entry.name,
            latitude=entry.latitude, longitude=entry.longitude, geonames_id=entry.geonames_id,
            feature_class=entry.feature_class, feature_code=entry.feature_code, country=entry.country or None,
            country_name=country.name if country else None, admin1=entry.admin1 or None,
            score=_confidence(*mention.scores), role=mention.role, label=mention.label, source=entry.source,
        )


# --- per-call state ------------------------------------------------------------------------------


class _Lookups:
    """The gazetteer's answers for one `parse` call: each key asked once, nothing kept afterwards."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._keys: dict[str, str] = {}
        self._postings: dict[str, list[Posting]] = {}
        self._exact: dict[str, list[Candidate]] = {}
        self._loose: dict[str, list[Candidate]] = {}

    def key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = fold(text)
        return key

    def prefetch(self, texts: Iterable[str], runs: Iterable[_Run]) -> None:
        """Read, in one pass over the name index and one over the entries, what the document's
        entity `texts` (and their forms without "oblast", "city") and capitalised `runs` may need."""
        keys = set()
        for text in texts:
            keys.add(self.key(text))
            words = text.split()
            if len(words) > 1 and words[-1].lower() in ADMIN_WORDS | CITY_WORDS:
                keys.add(self.key(" ".join(words[:-1])))
            if len(words) > 1 and words[0].lower() in COMPASS_WORDS:
                keys.add(self.key(" ".join(words[1:])))
        runs = list(runs)
        self._read_postings(keys | {key for _, _, key, _ in runs})
        keys |= {key for _, _, key, verbatim in runs if self.findable(key, verbatim=verbatim)}
        self._read_entries(keys)

    def findable(self, key: str, *, verbatim: bool) -> bool:
        """Does `key` name a prominent place, spelled with a capital (and without accents when the
        text has none)? Read from the name index alone."""
        self._read_postings([key])
        need = schema.PROMINENT | (schema.VERBATIM if verbatim else schema.CAPITALISED)
        return any(flags & need == need for _, flags in self._postings[key])

    def exact_key(self, key: str) -> list[Candidate]:
        self._read_entries([key])
        return self._exact[key]

    def _read_postings(self, keys: Iterable[str]) -> None:
        missing = {k for k in keys if k not in self._postings}
        if missing:
            found = self.gazetteer.postings(missing)
            self._postings.update({key: found.get(key, []) for key in missing})

    def _read_entries(self, keys: Iterable[str]) -> None:
        missing = {k for k in keys if k not in self._exact}
        if missing:
            self._read_postings(missing)
            found = self.gazetteer.candidates({key: self._postings[key] for key in missing})
            self._exact.update({key: found.get(key, []) for key in missing})

    def lookup(self, text: str, *, loose: bool = True) -> list[Candidate]:
        """`Gazetteer.lookup`, remembered for the call."""
        key = self.key(text)
        found = self.exact_key(key)
        if found or not loose or not key:
            return found
        if key not in self._loose:
            self._loose[key] = self.gazetteer.lookup_loose(key)
        return self._loose[key]


@dataclass(slots=True)
class _Call:
    """What one `parse` call works on."""

    doc: Doc
    text: str
    ents: list[Span]
    people: set[str]  # words of multi-word person names
    lookups: _Lookups

    def notable(self, text: str) -> bool:
        return any(_is_notable(c.entry) for c in self.lookups.lookup(text, loose=False))


# --- recognition helpers -------------------------------------------------------------------------


_Run = tuple[int, int, str, bool]  # start and end token, folded text, written without accents


def _capitalised_runs(doc: Doc, text: str) -> list[_Run]:
    """Every run of 1..MATCHER_WORDS capitalised proper nouns, with the punctuation between them
    ("Ivano-Frankivsk", "St. Petersburg") and the small words of long names inside them ("Democratic
    Republic of the Congo", "Bosnia and Herzegovina"); runs start and end on a capitalised word."""
    tagged = _tagged(doc)  # the default pipeline runs no tagger: capitals alone decide
    tokens = [(_token_kind(text[i : i + n], pos if tagged else PROPN, space), i, i + n)
              for i, n, pos, space in doc.to_array(["IDX", "LENGTH", "POS", "IS_SPACE"]).tolist()]
    runs = []
    for start, (kind, begin, _) in enumerate(tokens):
        if kind != "w":
            continue
        words = 0
        for end in range(start, min(len(tokens), start + MATCHER_TOKENS)):
            kind_end, _, stop = tokens[end]
            if not kind_end:
                break
            if kind_end == "w":
                words += 1
                if words > MATCHER_WORDS:
                    break
                key = fold(text[begin:stop])
                runs.append((start, end + 1, key, fold_case(text[begin:stop]) == key))
    return runs


def _division_run(call: _Call, key: str, verbatim: bool) -> bool:
    """ "Krasnodar Krai", "Kursk Oblast" written out where the model tagged no place: the province."""
    name, _, word = key.rpartition(" ")
    return word in ADMIN_WORDS and bool(name) and call.lookups.findable(name, verbatim=verbatim) and any(
        c.entry.is_admin for c in call.lookups.exact_key(name))


def _acronym(call: _Call, run: _Run) -> bool:
    """A two-letter name in capitals ("US", "UK") is looked up too: the gazetteer has only countries'
    abbreviations among prominent names that short."""
    start, end, key, _ = run
    return len(key) == 2 and end - start == 1 and call.doc[start].text.isupper()


def _token_kind(word: str, pos: int, space: int) -> str:
    """"w" a capitalised proper noun, "p" punctuation or a small word that may sit inside a name, ""
    anything else."""
    if space:
        return ""
    if word[:1].isupper() and pos == PROPN:
        return "w"
    if word in _NAME_JOINERS:
        return "p"
    return "" if any(ch.isalpha() for ch in word) else "p"


# Lower-case words inside place names: "Republic of the Congo", "Trinidad and Tobago", "Rio de Janeiro",
# "Slavyansk-na-Kubani", "Rostov-on-Don", "Frankfurt am Main"
_NAME_JOINERS = frozenset({"of", "the", "and", "de", "del", "da", "do", "dos", "das", "al", "el", "la", "upon", "na",
                           "on", "nad", "pod", "sur", "am", "im", "an", "der"})


# weapon systems named like towns ("Iskander" is Iskandar, Uzbekistan, to a loose spelling)
_WEAPON_NAMES = frozenset({
    "iskander", "kalibr", "kinzhal", "tochka", "grad", "uragan", "smerch", "tornado", "shahed", "geran", "lancet",
    "onyx", "oniks", "bayraktar", "neptune", "patriot", "himars", "atacms", "caesar", "leopard", "abrams",
    "bradley", "javelin", "stinger", "krasnopol", "pantsir", "msta", "gvozdika", "akatsiya", "hyacinth",
})
# Capitalised English words that are also towns in the matcher's set; spaCy must vouch for these.
_COMMON = {
    "bar", "most", "mira", "lenin", "molotov", "victoria", "university", "police", "march", "may", "june", "july",
    "man", "woman",
    "august", "federal",
    "summer", "winter", "sunday", "monday", "friday", "president", "prime", "army", "union", "central", "western",
    "eastern", "northern", "southern", "north", "south", "east", "west", "new", "best", "mayak", "pobeda",
    "reading", "mobile", "ocean", "hope", "orange", "independence", "liberty", "freedom", "truth", "justice", "unity",
    "eagle", "buffalo", "phoenix", "enterprise", "progress", "komsomol", "oktyabr", "zarya", "rodina", "mir",
    "global", "national", "republic", "state", "city", "field", "park", "zelenskyy", "putin", "biden", "young",
    "suv", "azov", "human", "rights", "amnesty", "mission", "monitoring",
    *_WEAPON_NAMES,
}


def _doc_length(doc: Doc) -> int:
    """Characters in the doc's text, read from its last token."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _tagged(doc: Doc) -> bool:
    """Did a tagger run? (`Doc.has_annotation` walks every token; the first one is enough.)"""
    return len(doc) > 0 and doc[0].pos != 0


_CITY_AFTER = re.compile(r"\s+(?:city|town|village)\b", re.I)
_BASE_WORDS = frozenset({"air base", "air field", "naval base", "military base", "air station"})
# "enemy shelling of Svesa community"
_SETTLEMENT_AFTER = re.compile(r"\s+(?:community|hromada|village|settlement|town)\b", re.I)
_STREET_AFTER = re.compile(r"\s+(?:Street|St\.|Avenue|Ave\.|Prospekt|Prospect|Boulevard|Blvd\.?|Lane|Square|"
                           r"Embankment|Alley|Passage|Quay)\b")
_WORKS_AFTER = re.compile(r"\s+(?:pipeline|gas pipeline|oil pipeline)\b", re.I)
_ARMS_AFTER = re.compile(r"[\s-]+(?:M\b|rockets?|missiles?|launchers?|multiple|systems?|MLRS|drones?|shells?)", re.I)
_RIVER_AFTER = re.compile(r"\s+(?:river|reservoir|canal|estuary)\b", re.I)
_BANK_BEFORE = re.compile(r"\bbanks? of the\s+$", re.I)  # "the left bank of the Dnipro"
_ACROSS_THE = re.compile(r"\b(?:across|along|crossed|crossing|cross) the\s+$", re.I)
_ADMIN_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(ADMIN_WORDS | {'regional'}))})\b", re.I)  # "Kharkiv regional"


def _before_name(span: Span) -> bool:
    """A first name: the next word is another capitalised proper noun ("Vladimir Putin")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    proper = after is not None and (after.pos_ == "PROPN" or not _tagged(span.doc))
    return proper and after is not None and after.text[:1].isupper()


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-word person names in the document ("Zelenskyy" after "Volodymyr Zelenskyy")."""
    return {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and not _names_a_base(e) for t in e}


def _names_a_base(span: Span) -> bool:
    """ "Savasleyka Air Base": the model's PERSON is a place and its base."""
    return span[-2:].text.lower() in _BASE_WORDS


_TITLE_PREPOSITIONS = frozenset({"Near", "In", "At", "Outside", "Over", "On", "Around", "Of"})
_COMPASS = re.compile(rf"(?:(?:{'|'.join(sorted(COMPASS_WORDS, key=len, reverse=True))})(?:\s*-\s*|\s+))+", re.I)
# A word that says the next name (or each name of the list that follows it) is a place, whatever
# the model labelled it: "the villages of Bumbacari and Dudescu", "near Orneta", "the island Rügen"
_PLACE_NOUN_BEFORE = re.compile(
    r"\b(?:(?:villages?|towns?|cities|city|hamlets?|settlements?|islands?|communit(?:y|ies)|municipalit(?:y|ies)|"
    r"communes?|districts?|provinces?|county|counties|prefecture)(?: of| called| named|:)?|near(?: to)?|"
    r"outskirts of)\s+(?:[A-Z][\w'-]+(?: (?:de|del|la|el) [A-Z][\w'-]+)?(?:,| and| or|, and)\s+){0,6}$")
# ACLED's "(District, Oblast)" after a name: whatever the model labelled it, the name is a place
_ACLED_CONTAINER = re.compile(r"\s*\((?-i:[A-Z])[\w'’. -]+,\s*(?-i:[A-Z])[\w'’. -]+\)")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|at|from|into|on|over|around|towards?|"
                              r"(?:edge|outskirts|centre|center|suburbs?|heart) of|"
                              r"(?:the |a )?(?:town|city|village|settlement) of|"
                              r"(?:residents|inhabitants|people|citizens|mayor|governor) of)\s+$", re.I)


def _vouched_place(call: _Call, span: Span) -> bool:
    """ "the villages of Bumbacari and Dudescu", "Oboyan (Oboyansky, Kursk)": a place word before or ACLED's
    brackets after vouch for a known populated place or division (the word is searched in a window: a
    pattern anchored at the span's start need not scan the whole text before it)."""
    if not (_PLACE_NOUN_BEFORE.search(call.text, max(0, span.start_char - 160), span.start_char)
            or _ACLED_CONTAINER.match(call.text, span.end_char)):
        return False
    return any(c.entry.feature_class in ("P", "A") for c in call.lookups.lookup(span.text, loose=False))


def _place_in_region(call: _Call, span: Span) -> Span | None:
    """The village of "X in Y" when the model ran it into the province after it and X lies in Y."""
    joins = [t.i for t in span[1:-1] if t.lower_ == "in"]
    if len(joins) != 1:
        return None
    head = Span(span.doc, span.start, joins[0], label="GPE")
    tail = span.doc[joins[0] + 1 : span.end].text
    regions = {c.entry.admin1 for c in call.lookups.lookup(tail, loose=False) if c.entry.is_admin}
    return head if regions and any(c.entry.feature_class == "P" and c.entry.admin1 in regions
                                   for c in call.lookups.lookup(head.text, loose=False)) else None


def _takes_the(candidate: Candidate) -> bool:
    """A place a name may follow "the" for: a country ("the U.S."), a region or a water body; a
    province only by its own name ("Dnipro" is a city and, as an alternate, its province)."""
    entry = candidate.entry
    return (entry.feature_class in ("L", "H") or entry.feature_code.startswith("PCL")
            or (entry.feature_class == "A" and candidate.match == "name"))


def _trim(span: Span) -> Span | None:
    """Drop a leading 'the' and a trailing possessive, as gold spans do, and what an entity runs into
    parentheses ("Lviv (Lviv, Lviv": the names in brackets are found on their own)."""
    start, end = span.start, span.end
    end = next((t.i for t in span if t.text == "(" and t.i > start), end)
    while start < end and span.doc[start].lower_ in ("the", "'s", "’s"):
        start += 1
    while end > start and span.doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def _longest_first(spans: list[Span]) -> list[Span]:
    """Overlapping spans keep the longest; an entity beats a bare gazetteer match of equal length."""
    taken: set[int] = set()
    kept = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.label_ == "GAZ", s.start)):
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return kept


def _with_direction(call: _Call, span: Span) -> Span:
    """ "eastern Ukraine" where the gazetteer knows that part of the country by name: the model tags "Ukraine"
    alone. Only a country's part: "central Africa" is still Africa, as gazetteer-style gold marks it."""
    if span.start == 0 or span.doc[span.start - 1].lower_ not in COMPASS_WORDS:
        return span
    countries = {c.entry.country for c in call.lookups.lookup(span.text, loose=False) if c.entry.feature_code == "PCLI"}
    wider = Span(span.doc, span.start - 1, span.end, label=span.label_)
    return wider if any(c.entry.country in countries for c in call.lookups.lookup(wider.text, loose=False)) else span


def _candidates(lookups: _Lookups, text: str, *, loose: bool) -> list[Candidate]:
    found = lookups.lookup(text, loose=False)
    words = text.split()
    if not found and len(words) > 1 and words[-1].lower() in ADMIN_WORDS:
        named = lookups.lookup(" ".join(words[:-1]), loose=False)
        found = [c for c in named if c.entry.is_admin]
        if not found and words[-1].lower() in DISTRICT_WORDS:  # "Chaplygin district": its seat, the town
            found = [c for c in named if c.entry.feature_class == "P"]
    elif not found and len(words) > 1 and words[-1].lower() in CITY_WORDS:
        found = [c for c in lookups.lookup(" ".join(words[:-1]), loose=False) if c.entry.feature_class == "P"]
    elif not found and len(words) > 1 and words[0].lower() in COMPASS_WORDS:
        # "Eastern China", "northern Israel": a part of the place, which is where it is known to be
        found = [c for c in lookups.lookup(" ".join(words[1:]), loose=False) if c.entry.feature_class in ("A", "L")]
    if not found and loose:
        found = lookups.lookup(text)
    unique = {c.entry.index: c for c in reversed(found)}  # the better match kind wins a duplicate
    return sorted(unique.values(), key=lambda c: -_prior(c))[:MAX_CANDIDATES]


def _is_notable(entry: Entry) -> bool:
    big_area = (entry.feature_class in ("A", "L") and entry.feature_code != "ADM2") or entry.feature_code == "ISL"
    return big_area or entry.population >= NOTABLE_POPULATION


# --- resolution ----------------------------------------------------------------------------------


def _prior(candidate: Candidate) -> float:
    entry = candidate.entry
    if entry.feature_code in PRIOR:
        base = PRIOR[entry.feature_code]
    else:
        base = _size(entry.population) + (1.0 if entry.feature_code == "PPLC" else 0.0)
    return base - MATCH_PENALTY[candidate.match]


def _size(population: int) -> float:
    return 0.9 * math.log10(max(population, 300))


def _name_bonus(mention: _Mention, text: str) -> list[float]:
    """A town that shares its name with the province around it (Kherson in Kherson oblast) is what news
    means by the bare name, unless the next word says province ("the Kherson region", "oblast"). A town
    named after a country (Lebanon, Ohio) is not what the bare name means: only its container ("Lebanon,
    Ohio") can lift it over the country."""
    candidates = mention.candidates
    if _division_slot(mention.span, text):
        return [W_CONTAINER if c.entry.feature_code in ("ADM1", "ADM2") else 0.0 for c in candidates]
    namesake = any(c.entry.feature_code == "PCLI" and c.match == "name" for c in candidates)
    towns = [W_NAMESAKE if namesake and c.entry.feature_class == "P" else 0.0 for c in candidates]
    if _ADMIN_AFTER.match(text, mention.span.end_char):
        return towns
    provinces = {(c.entry.country, c.entry.name) for c in candidates if c.entry.feature_code == "ADM1"}
    return [t + (W_SEAT if c.entry.feature_class == "P" and (c.entry.country, c.entry.admin1) in provinces else 0.0)
            for c, t in zip(candidates, towns, strict=True)]


def _division_slot(span: Span, text: str) -> bool:
    """ACLED notes name the district and province in parentheses after the place ("Robotyne (Polohy,
    Zaporizhzhia)", "Kupiansk (Kharkiv)"): there a name is the division, not its namesake city."""
    words = (bracket_before(text, span.start_char, span.end_char) or "").split()
    return bool(words) and words[-1][:1].isupper()


def bracket_before(text: str, start: int, end: int) -> str | None:
    """The text before the parenthesis holding the name at `start:end`, when that parenthesis holds
    only short comma-separated names as ACLED writes "(District, Oblast)"; else None."""
    opened = text.rfind("(", max(0, start - 60), start)
    if opened < 0 or ")" in text[opened:start]:
        return None
    closed = text.find(")", end, end + 60)
    inside = text[opened + 1 : closed] if closed >= 0 else ""
    parts = inside.split(",")
    if not _NAMES_ONLY.fullmatch(inside) or any(len(part.split()) > 4 for part in parts):
        return None
    return text[:opened].rstrip()


_NAMES_ONLY = re.compile(r"[^\W\d_]+(?:[\s,'’-]+[^\W\d_]+)*\s*")


def _resolve(mentions: list[_Mention], text: str) -> None:
    seats = [_name_bonus(m, text) for m in mentions]
    for m, seat in zip(mentions, seats, strict=True):
        _choose(m, [_prior(c) + s for c, s in zip(m.candidates, seat, strict=True)])
    keys = [fold(m.span.text) for m in mentions]
    for _ in range(PASSES - 1):
        context = _Context.of(mentions, keys, text)
        choices = [[_prior(c) + s + context.bonus(i, c.entry) for c, s in zip(m.candidates, seats[i], strict=True)]
                   for i, m in enumerate(mentions)]
        for m, scores in zip(mentions, choices, strict=True):
            _choose(m, scores)
    for here, outer in itertools.pairwise(mentions):
        if _outside_its_container(here, outer, text):
            here.best = None  # "Starytsia in the Kharkiv region" is no Staritsa in Tver: the region tells where
    countries = _Context.of(mentions, keys, text).countries
    for m in mentions:
        if _stray_misspelling(m, countries):
            m.best = None


def _stray_misspelling(mention: _Mention, countries: Counter[str]) -> bool:
    """A name only a misspelling matches, in a country no other place of the text is in: "Kibera" in a
    Kenyan story is no Rivera, Uruguay. A misspelt name is trusted only where the text already is."""
    best = mention.best
    if best is None or not any(c.entry is best and c.match == "fuzzy" for c in mention.candidates):
        return False
    return countries[best.country] <= 1


def _outside_its_container(here: _Mention, outer: _Mention, text: str) -> bool:
    """ "X in the Kharkiv region" and no candidate of X lies in that province: the gazetteer lacks this X."""
    between = text[here.span.end_char : outer.span.start_char].strip().lower()
    container = outer.best
    if between != "in the" or container is None or container.feature_code != "ADM1" or here.best is None:
        return False
    if not _ADMIN_AFTER.match(text, outer.span.end_char) or here.best.feature_class != "P":
        return False
    return not any((c.entry.country, c.entry.admin1) == (container.country, container.name) for c in here.candidates)


_DISTRICT_OPEN = re.compile(r"\(\s*[\w'’. -]+,")  # "(Solntsevsky," before the province
# ... and "in northern", "in the south-eastern": "Bila Krynytsia in northern Kherson Oblast"
_CONTAINER_JOIN = re.compile(r"(?:,|,?\s*in(?:\s+the)?)(?:\s+(?:north|south|east|west|central|north-?east|north-?west|"
                             r"south-?east|south-?west)(?:ern)?)?")
_LIST_JOINS = frozenset({",", "and", ", and", "or", ", or", "&"})


def _choose(mention: _Mention, scores: list[float]) -> None:
    if not scores:
        return
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    runner_up = scores[order[1]] if len(order) > 1 else scores[order[0]] - 4.0
    mention.best = mention.candidates[order[0]].entry
    mention.scores = (scores[order[0]], runner_up)


def _confidence(best: float, runner_up: float) -> float:
    return round(1.0 / (1.0 + math.exp(-(best - runner_up))), 3)


@dataclass(slots=True)
class _Context:
    """What the other mentions of a document say, as of the previous pass."""

    mentions: list[_Mention]
    keys: list[str]  # each mention's folded text
    text: str
    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    places: list[tuple[int, Entry]]  # mentions resolved to a populated place or division, not demonyms
    divisions: list[tuple[str, Entry]]  # (folded name, entry) of mentions resolved to a province
    same_name: dict[str, list[int]]  # folded name -> the indices of its mentions

    @classmethod
    def of(cls, mentions: list[_Mention], keys: list[str], text: str) -> _Context:
        # a name said three times is one piece of evidence: counting each mention let a wrong reading
        # of a repeated name ("Ontario" as the Californian city) vouch for itself
        named = {(key, m.best.index): m.best for key, m in zip(keys, mentions, strict=True)
                 if m.best is not None and m.best.country and not armed_adjective(m.role, m.span, text)}
        countries = Counter(entry.country for entry in named.values())
        admin1 = Counter((e.country, e.admin1) for e in named.values() if e.admin1)
        places = [(j, m.best) for j, m in enumerate(mentions)
                  if m.best is not None and m.best.feature_class in ("P", "A") and m.role != "demonym"]
        divisions = [(k, m.best) for k, m in zip(keys, mentions, strict=True)
                     if m.best is not None and m.best.feature_code == "ADM1" and m.role != "demonym"]
        same_name: defaultdict[str, list[int]] = defaultdict(list)
        for j, key in enumerate(keys):
            same_name[key].append(j)
        return cls(mentions, keys, text, countries, admin1, places, divisions, same_name)

    def bonus(self, index: int, entry: Entry) -> float:
        own = self.mentions[index].best
        same = own is not None and own.country == entry.country
        others = self.countries[entry.country] - (1 if same else 0)
        score = W_COUNTRY * min(others, 3) / 3 if entry.country else 0.0
        if entry.admin1 and not entry.is_country:
            key = (entry.country, entry.admin1)
            others_a1 = self.admin1[key] - (1 if own is not None and (own.country, own.admin1) == key else 0)
            score += W_ADMIN1 * min(others_a1, 2) / 2
        return score + self._sibling(index, entry) + self._repeated_container(index, entry) + self._near(index, entry)

    def _sibling(self, index: int, entry: Entry) -> float:
        """ "Twelve in Ontario, eight in Alberta": another name of the text is a province of the same
        country, so this one is more likely that country's province than a namesake town."""
        if entry.feature_code != "ADM1":
            return 0.0
        if any(self._listed_division(index, j, entry) for j in (index - 1, index + 1)):
            return W_LISTED
        key = self.keys[index]
        return W_SIBLING if any(k != key and e.feature_code == "ADM1" and e.country == entry.country
                                for k, e in self.divisions) else 0.0

    def _listed_division(self, index: int, other: int, entry: Entry) -> bool:
        """A list of provinces outweighs a town in one of them: "Pennsylvania and California" is no
        California, Pennsylvania."""
        if not 0 <= other < len(self.mentions) or self.keys[other] == self.keys[index]:
            return False
        first, second = sorted((self.mentions[index].span, self.mentions[other].span), key=lambda s: s.start_char)
        if self.text[first.end_char : second.start_char].strip().lower() not in _LIST_JOINS:
            return False
        best = self.mentions[other].best
        return best is not None and best.feature_code == "ADM1" and best.country == entry.country

    def _repeated_container(self, index: int, entry: Entry) -> float:
        """One name, one place per text: "Stroud, Ontario, Canada" tells what a later bare "Ontario" is."""
        if entry.is_country:
            return 0.0
        return max(self._container(j, entry) for j in self.same_name[self.keys[index]])

    def _container(self, index: int, entry: Entry) -> float:
        """The next mention, right after a comma or 'in', names the candidate's division or country."""
        if index + 1 >= len(self.mentions) or entry.is_country:
            return 0.0
        here, after = self.mentions[index].span, self.mentions[index + 1].span
        between = self.text[here.end_char : after.start_char].strip().lower()
        if between == "(" and index + 2 < len(self.mentions) and (
                self.text[after.end_char : self.mentions[index + 2].span.start_char].strip() == ","):
            index += 1  # ACLED's "Solntsevo (Solntsevsky, Kursk)": the province after the district
        elif not _CONTAINER_JOIN.fullmatch(between) and not _DISTRICT_OPEN.fullmatch(between):
            return 0.0
        for c in self.mentions[index + 1].candidates:
            outer = c.entry
            if outer.is_country and outer.country == entry.country:
                return W_CONTAINER
            if outer.feature_code == "ADM1" and (outer.country, outer.name) == (entry.country, entry.admin1):
                return W_CONTAINER
        return 0.0

    def _near(self, index: int, entry: Entry) -> float:
        if entry.feature_class not in ("P", "A"):
            return 0.0
        radius = NEAR_COUNTRY_KM if entry.is_country else NEAR_KM
        degrees = radius / 111.0  # no point nearer than `radius` is further apart in latitude
        key = self.keys[index]
        for j, other in self.places:
            if j == index or self.keys[j] == key or abs(other.latitude - entry.latitude) > degrees:
                continue
            if other.is_country and not entry.is_country:
                continue
            if other.feature_code == "ADM1" and entry.feature_class == "P":
                continue  # a province's centre point says nothing about which small town is meant
            if (other.country != entry.country or not entry.is_country) and _km(entry, other) < radius:
                return W_NEAR
        return 0.0


def _km(a: Entry, b: Entry) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
