"""The word lists of `data/cues.toml`, compiled once: weapons, violence, protests, named sub-types,
territory verbs, ground fighting and PLOVER verbs, with one prefilter that lets most sentences skip
them all. What the lists mean is said in the TOML; how they decide a type is `events.rules`."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Cues:
    weapons: list[tuple[str, Guarded]]
    downed_aircraft: Guarded  # a crewed aircraft shot down: a missile attack, not an air strike
    violence: Guarded
    strategic: list[tuple[str, Guarded]]
    boundary: Guarded
    acting: re.Pattern[str]
    ground: Guarded  # two armed sides fighting: a remote weapon is then part of the battle
    regain: Guarded  # territory verbs, by the direction they suggest when no actor says
    overtake: Guarded
    territory_object: Guarded
    protest: tuple[Guarded, ...]  # protest words, violent crowd, lethal force, intervention, crowd, harm
    plover: list[tuple[str, Guarded]]  # interaction verbs by PLOVER type
    named: list[NamedCue]  # sub-types named by their own words ("kidnapped", "looted", "signed an agreement")
    any_event: Prefilter  # every event cue word at once: most sentences match none and skip the rest
    any_plover: Prefilter

    @classmethod
    def load(cls) -> Cues:
        data = tomllib.loads(resources.files("eventwire.events").joinpath("data/cues.toml").read_text("utf-8"))
        strategic = [(sub, Guarded(re.compile("|".join(f"(?:{p})" for p in ps), re.I), [f"re:{p}" for p in ps]))
                     for sub, ps in data["strategic"].items()]
        verbs = "|".join(map(re.escape, data["interaction_verbs"]["words"]))
        acting = re.compile(rf"^\s*(?:(?:is|was|are|were|has|have|had|will|would)\s+(?:\w+ly\s+|also\s+|not\s+)?)?"
                            rf"(?:{verbs})\b", re.I)
        territory = data["territory"]
        event_words = [w for sub in data["weapons"].values() for w in sub] + data["violence"]["words"] + [
            w for k in ("words", "violent_crowd", "lethal_force", "intervention", "crowd_nouns", "against_people")
            for w in data["protest"][k]] + data["ground_combat"]["words"] + territory["regain"] + territory[
            "overtake"] + [w for c in data["sub_type_cues"] for w in c["words"]]
        return cls([(sub, _words(ws)) for sub, ws in data["weapons"].items()], _words(data["downed_aircraft"]["words"]),
                   _words(data["violence"]["words"]),
                   strategic, _words(data["boundaries"]["words"], re.I), acting, _words(data["ground_combat"]["words"]),
                   _words(territory["regain"]), _words(territory["overtake"]), _words(territory["objects"]),
                   tuple(_words(data["protest"][k]) for k in ("words", "violent_crowd", "lethal_force", "intervention",
                                                               "crowd_nouns", "against_people")),
                   [(kind, _words(ws)) for kind, ws in data["plover"].items()],
                   [NamedCue(c["sub_event_type"], _words(c["words"]), c.get("unless_dead", False), c.get("calm", False))
                    for c in data["sub_type_cues"]],
                   _prefilter(event_words), _prefilter([w for ws in data["plover"].values() for w in ws]))


@dataclass(frozen=True)
class NamedCue:
    sub_event_type: str
    pattern: Guarded
    unless_dead: bool  # a death makes it something else (an abduction with a killing is an attack)
    calm: bool  # a strategic development: not in a sentence with dead, a weapon or ground fighting


def _words(words: list[str], flags: int = 0) -> Guarded:
    """Whole words and phrases. Capitalised ones keep their case ("Grad", "IED"), lower-case ones match
    any case; a trailing `*` takes any word ending ("abduct*"); `re:` starts a regular expression."""
    pattern = re.compile(rf"\b(?:{'|'.join(_word(w) for w in sorted(words, key=len, reverse=True))})\b", flags | re.I)
    return Guarded(pattern, words)


class Guarded:
    """A cue list's regular expression behind its own `Prefilter`: a sentence with none of the list's
    trigger words is not searched. Python's `re` tries every alternative at every position, so a list
    of a hundred phrases costs ~10 µs a sentence; the prefilter answers most sentences in ~1 µs."""

    __slots__ = ("pattern", "prefilter")

    def __init__(self, pattern: re.Pattern[str], words: list[str]):
        self.pattern = pattern
        # an entry with no trigger word ("B-52") could match anything: then every sentence is searched
        self.prefilter = Prefilter(words, strict=True) if all(Prefilter.triggers(w) for w in words) else None

    def search(self, text: str) -> re.Match[str] | None:
        if self.prefilter is not None and not self.prefilter.search(text):
            return None
        return self.pattern.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.prefilter is not None and not self.prefilter.search(text):
            return iter(())
        return self.pattern.finditer(text)


class Prefilter:
    """Could a sentence match any of these cue words? Every word of every phrase, stem and regex is
    a prefix to look for among the sentence's words, indexed by their first three letters: a superset
    of the lists (a sentence it rejects matches none of them), at a microsecond or two a sentence."""

    def __init__(self, words: list[str], *, strict: bool = False):
        self.index: dict[str, tuple[str, ...]] = {}
        for prefix in {p for w in words for p in self.triggers(w, strict=strict)}:
            self.index[prefix[:3]] = (*self.index.get(prefix[:3], ()), prefix)

    @staticmethod
    def triggers(word: str, *, strict: bool = False) -> set[str]:
        """The entry's words, less the common ones when it has others (each match holds one of them),
        and less a last letter a regex makes optional ("riots?" is triggered by "riot"). `strict` keeps
        a regex's common words: "(?:set|sets|setting) up ... (?:base|hq)" matches "set up field HQ" with
        no other word to go by. The gate before the typing model is not strict: "after" would let a
        third of all sentences through."""
        if not word.startswith("re:"):  # a phrase, or a stem ending in "*"
            found = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", word)}
            return (found - _COMMON_WORDS) or found
        # words in a lookaround need not be matched here: the rest of the entry is (it is a superset)
        body = _LOOKAROUND.sub(" ", word[3:])
        found = {(w[:-1] if optional else w).lower() for w, optional in _TRIGGER.findall(body)}
        found = {w for w in found if len(w) >= 3}
        return found if strict else (found - _COMMON_WORDS) or found

    def search(self, text: str) -> bool:
        index, words = self.index, _sentence_words(text)
        return any(any(w.startswith(index[key]) for w in words[key]) for key in index.keys() & words.keys())


_TRIGGER = re.compile(r"([A-Za-z]{3,})([?*])?")  # in a regex, "s?" and "s*" make a letter optional
_LOOKAROUND = re.compile(r"\(\?<?[=!](?:[^()]|\([^()]*\))*\)")


@lru_cache(maxsize=256)
def _sentence_words(text: str) -> dict[str, list[str]]:
    """A sentence's distinct words of three letters or more by their first three: every cue list asks
    about the same sentence in turn, so it is split once."""
    words: dict[str, list[str]] = {}
    for word in set(_LETTERS.findall(text.lower())):
        words.setdefault(word[:3], []).append(word)
    return words


_LETTERS = re.compile(r"[a-z]{3,}")
_COMMON_WORDS = frozenset({"the", "and", "with", "after", "for", "from", "into", "over", "under", "out", "back", "set",
                           "sets", "setting", "was", "were", "has", "have", "had", "its", "their", "his", "her",
                           "one", "two", "men", "group", "people", "open", "opens", "opened", "took", "taken", "sent",
                           "moved", "made", "off", "upon", "all", "per", "not", "are", "who", "that", "this"})


def _prefilter(words: list[str]) -> Prefilter:
    return Prefilter(words)


def _word(word: str) -> str:
    # the whole pattern ignores case; the few capitalised words keep theirs with a local flag (an
    # inline flag on every word would make the search five times slower)
    if word.startswith("re:"):
        return word[3:]
    body = re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)
    return f"(?-i:{body})" if word[:1].isupper() else body
