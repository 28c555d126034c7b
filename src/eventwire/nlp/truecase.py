"""Capitals for place names in a text written without any ("police in niamey used tear gas").

Lower-cased copy (Mass Mobilization's notes, some feeds and transcripts) hides every name from
spaCy's entity model and from the geoparser's capitalised-run matcher. `truecase` returns a copy of
the same length, so every offset still indexes the stored text, in which the names of notable places
start with a capital where the words around them make a place likely:

- countries and first-level divisions anywhere, unless the word is also a common English word
  ("turkey", "chad", "georgia" need a place slot, as towns do);
- towns of `MIN_POPULATION` or more (`TOWN` when the name is also an English noun) in a place slot: after
  "in", "at", "near", "over", "from", "capital", "streets of" ..., or before ", <a country or division>", or
  as a dateline ("lutsk: about 150", "skadovsk - troops detained");
- any town at the head of the text or a line, followed by its region ("loshchynivka, odesa region:",
  "bilopillia, sumy obl:", "andriivka (izium raion, kharkiv obl.) -");
- never an English verb, adjective or adverb ("in turn", "to name") nor a name of common words only ("the port
  area"), unless the place is a big city (`Lexicon`).

Only a caseless text is changed (`caseless`): a text with capitals says itself what is a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

MIN_LETTERS = 40  # a shorter text has too few letters to call it caseless
MAX_CAPITAL_SHARE = 0.002  # capitals per letter: real prose runs at 2-4%
MIN_POPULATION = 10_000
TOWN = 50_000  # ... and a town whose name is also an English noun
METROPOLIS = 500_000
MAX_WORDS = 3  # "dar es salaam", "burkina faso", "ivory coast"
BIG_CITY = 250_000  # a name of English words only ("cape town", "new delhi") is a town from this size

_WORD = re.compile(r"[^\W\d_]+(?:(?:['’](?!s\b)|-)[^\W\d_]+)*")  # "gorlovka's" is gorlovka
# where a town's name is likely: "in niamey", "the capital bamako", "streets of lome", "outside nairobi"
_SLOT_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|over|from|to|into|outside|around|across|towards?|through|capital,?|city|town|village|"
    r"(?:streets|city|town|outskirts|centre|center|suburbs?|district|province|region|state|north|south|east|"
    r"west|capital|university) of)\s+(?:the\s+)?(?:\w+\s+)?)$")
_SLOT_AFTER = re.compile(r"^\s*,\s*(?:the\s+)?(?:capital|city|town|in|\w+ region|\w+ province|\w+ oblast)\b")
# a dateline: the name opens the text or a line ("lutsk: ...", "almaty - police ...", "kharkiv, 1 march:")
_HEAD = re.compile(r"(?:^|\n)[\s?*•-]*$")
_ADMIN_AFTER = re.compile(r"^\s+(?:region|oblast|obl|province|krai|kray|governor|administration)\b")
_ADMIN_WORD = re.compile(r"\b(?:region|oblast|obl|province|krai|kray)\b")
_DATELINE = re.compile(r"^\s*(?:[:–—]|-\s|,\s*\d|\.\s)")
# "loshchynivka, odesa region:", "bilopillia, sumy obl:", "yeysk (krasnodar krai) -", "andriivka (izium raion,
# kharkiv obl.) -": the region (group 1) after the head's town, with or without its district first
_REGION_AFTER = re.compile(r"^\s*[,(]\s*(?:[^\W\d_]+\s+(?:district|raion|rayon|hromada),\s*)?"
                           r"([^\W\d_]+(?:[ -][^\W\d_]+)??)(?:\s+(?:region|oblast|obl|province|krai|kray))?\.?"
                           r"\s*[:.,)–—-]")
# English words that are also names of notable places: only a place slot makes them one
_ENGLISH = frozenset(STOP_WORDS) | {
    "turkey", "chad", "georgia", "jordan", "china", "guinea", "victoria", "nice", "mobile", "reading", "split",
    "sale", "surprise", "temple", "orange", "mission", "independence", "concord", "male", "bath", "cork", "hull",
    "aurora", "order", "liberty", "unity", "justice", "progress", "hope", "union", "victory", "peace", "march",
    "may", "police", "university", "central", "eastern", "western", "northern", "southern", "north", "south",
    "east", "west", "coast", "upper", "lower", "national", "federal", "capital", "city", "state", "republic",
    "most", "bar", "young", "best", "park", "field", "lincoln", "columbus", "hamilton", "jackson", "warren",
    "norman", "lawrence", "irving", "tyler", "gary", "charlotte", "austin", "kingston", "george",
}
# common nouns of place that, with English words only, make no town's name ("the port area")
_NOUNS = frozenset({"area", "areas", "city", "town", "port", "point", "bay", "river", "lake", "valley", "hill",
                    "hills", "park", "village", "station", "center", "centre", "district", "island", "islands",
                    "beach", "bridge", "mountain", "springs", "falls", "harbour", "harbor", "market", "square",
                    "street", "road", "camp", "county", "heights", "junction", "mills", "creek", "grove", "van",
                    "plateau", "lakes", "coast", "capital", "central", "north", "south", "east", "west"})
# ... and these never, whatever the slot: "in march", "in may", "in june" are months
_NEVER = frozenset({"march", "may", "june", "july", "august", "april", "january", "february", "september",
                    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday", "police", "university", "order", "peace"})


@dataclass(frozen=True, slots=True)
class Known:
    """What the gazetteer says of a folded name: a country or division, or a town of this size."""

    division: bool
    population: int
    country: bool = False
    named_population: int = 0  # counting only towns whose main name it is ("grenade" is also Granada's)


Lookup = Callable[[Iterable[str]], dict[str, Known]]


def caseless(text: str) -> bool:
    """A text with many letters and almost no capitals."""
    letters = sum(ch.isalpha() for ch in text)
    capitals = sum(ch.isupper() for ch in text)
    return letters >= MIN_LETTERS and capitals <= MAX_CAPITAL_SHARE * letters


@dataclass(frozen=True, slots=True)
class Lexicon:
    """English words from the WordNet index the model's lemmatizer ships: `common` its verbs, adjectives and
    adverbs ("turn", "name"), no town's name in a caseless text; `nouns` its nouns, which hold the names of
    big places too ("kharkiv", "dakar"), so only a small town's name is doubted for being one ("hall")."""

    common: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()

    def is_common(self, word: str) -> bool:
        return any(form in self.common for form in _lemmas(word))

    def is_noun(self, word: str) -> bool:
        return any(form in self.nouns for form in _lemmas(word))


def _lemmas(word: str) -> list[str]:
    """The word and what it may be an inflection of: "grants" grant, "marches" march, "seen" is listed."""
    forms = [word]
    for suffix, stems in (("ies", ("y",)), ("es", ("",)), ("s", ("",)), ("ed", ("", "e")), ("ing", ("", "e"))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms += [word[: -len(suffix)] + stem for stem in stems]
    return forms


def english_words(model_path: Path | None) -> Lexicon:
    """The model's WordNet words (`Lexicon`); empty when the model ships none."""
    folder = Path(model_path) / "lemmatizer" / "lookups" if model_path else None
    if folder is None or not (folder / "lookups.bin").is_file():
        return Lexicon()
    from spacy.lookups import Lookups

    lookups = Lookups().from_disk(folder)
    index, irregular = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")

    def words(part: str) -> set[str]:  # the lemmas and their irregular forms ("seen", "children")
        return {w for w in (*index.get(part, ()), *irregular.get(part, {})) if "_" not in w}

    return Lexicon(frozenset(words("verb") | words("adj") | words("adv")), frozenset(words("noun")))


def truecase(text: str, lookup: Lookup, english: Lexicon = Lexicon()) -> str:
    """`text` with the names of notable places capitalised (see the module's rules); same length."""
    words = list(_WORD.finditer(text))
    grams = _grams(words, text)
    known = lookup({key for key, _, _ in grams})
    chars = list(text)
    taken: set[int] = set()
    for key, first, last in sorted(grams, key=lambda g: g[1] - g[2]):  # longest names first
        if key not in known or taken & set(range(first, last + 1)) or not _placed(known, key, words, first,
                                                                                     last, text, english):
            continue
        taken |= set(range(first, last + 1))
        for word in words[first : last + 1]:
            if word[0] not in _JOINERS:
                chars[word.start()] = chars[word.start()].upper()
    return "".join(chars)


_JOINERS = frozenset({"es", "de", "du", "el", "al", "of", "the", "and", "la", "le"})


def _grams(words: list[re.Match[str]], text: str) -> list[tuple[str, int, int]]:
    """(folded name, first word, last word) of every run of 1..MAX_WORDS words with only spaces between."""
    out = []
    for first in range(len(words)):
        for last in range(first, min(len(words), first + MAX_WORDS)):
            if last > first and text[words[last - 1].end() : words[last].start()] != " ":
                break
            key = " ".join(w[0].lower() for w in words[first : last + 1])
            if last == first and (key in _NEVER or len(key) < 3):
                break
            out.append((key, first, last))
    return out


def _placed(known: dict[str, Known], key: str, words: list[re.Match[str]], first: int, last: int,
            text: str, english: Lexicon) -> bool:
    """Whether the words around the name make it a place: always for a division that is no English word."""
    found = known[key]
    if key in _NEVER or (first == last and words[first][0] in _JOINERS):
        return False
    common = english.is_common(key) or key in _NOUNS or (first < last and all(
        w in _ENGLISH or english.is_common(w) or w in _NOUNS for w in key.split()))
    before = text[max(0, words[first].start() - 40) : words[first].start()]
    after = text[words[last].end() : words[last].end() + 60]
    if found.division and key not in _ENGLISH and not common and (
            found.country or not english.is_noun(key) or found.named_population >= BIG_CITY
            or _SLOT_BEFORE.search(before) or _ADMIN_AFTER.match(after)):
        return True  # a country anywhere; a province too, unless its name is a noun ("saga") and no big city's
    if key in _ENGLISH:  # "in georgia", "protests in chad"; never "than", nor "turkey farmers"
        return found.country and bool(_SLOT_BEFORE.search(before)) and key not in STOP_WORDS
    if common and found.population < BIG_CITY:
        return False  # "in turn", "to name", "the port area", "central city", "the city centre"
    region = _REGION_AFTER.match(after) if _HEAD.search(before) else None
    if region and (_is_division(known, region[1]) or _ADMIN_WORD.search(region[0])):
        return True  # "loshchynivka, odesa region:": a village the text itself places
    noun = english.is_noun(key)
    if _population(found, noun) < (TOWN if noun else MIN_POPULATION):
        return False  # "hall", "seaside", "grants", "cars" (Kars): nouns first, unless the town is big
    if _HEAD.search(before) and _DATELINE.match(after):
        return True  # "lutsk: about 150", "skadovsk - troops detained"
    return bool(_SLOT_BEFORE.search(before) or _SLOT_AFTER.match(after))


def _population(found: Known, noun: bool) -> int:
    """An English noun names a town by another spelling ("kiev") only when the town is a metropolis."""
    if not noun or found.population >= METROPOLIS:
        return found.population
    return found.named_population


def _is_division(known: dict[str, Known], name: str) -> bool:
    found = known.get(name.lower().replace("-", " ")) or known.get(name.lower())
    return found is not None and found.division
