"""The word lists of `data/cues.toml`, compiled once: weapons, violence, protests, named sub-types,
territory verbs, ground fighting and PLOVER verbs, with one prefilter that lets most sentences skip
them all. What the lists mean is said in the TOML; how they decide a type is `events.rules`."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from .prefilter import Prefilter, covered


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
    model_gate: Prefilter  # may the typing model read the sentence: any cue word, or a [gate] word

    @classmethod
    def load(cls) -> Cues:
        data = tomllib.loads(resources.files("eventwire.events").joinpath("data/cues.toml").read_text("utf-8"))
        strategic = [(sub, Guarded(re.compile("|".join(f"(?:{p})" for p in ps), re.I), [f"re:{p}" for p in ps]))
                     for sub, ps in data["strategic"].items()]
        verbs = "|".join(map(re.escape, sorted({*data["interaction_verbs"]["words"], *_acting_phrases(data["plover"])},
                                                key=len, reverse=True)))
        acting = re.compile(rf"^\s*(?:(?:is|was|are|were|has|have|had|will|would)\s+(?:\w+ly\s+|also\s+|not\s+)?)?"
                            rf"(?:{verbs})\b", re.I)
        territory = data["territory"]
        plover_words = [w for ws in data["plover"].values() for w in ws]
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
                   [NamedCue(c["sub_event_type"], _words(c["words"]), c.get("unless_dead", False), c.get("calm", False),
                             c.get("unarmed", False), c.get("unless_struck_before", False))
                    for c in data["sub_type_cues"]],
                   Prefilter(event_words), Prefilter(plover_words),
                   Prefilter(event_words + plover_words + data["gate"]["words"]))


@dataclass(frozen=True)
class NamedCue:
    sub_event_type: str
    pattern: Guarded
    unless_dead: bool  # a death makes it something else (an abduction with a killing is an attack)
    calm: bool  # a strategic development: not in a sentence with dead, a weapon or ground fighting
    unarmed: bool = False  # not with a weapon or ground fighting, nor after a strike the text told (dead allowed)
    unless_struck_before: bool = False  # not when the sentence tells a strike before it (the strike is the news)


_IRREGULAR_PAST = frozenset({"gave", "threw", "held", "took", "sent", "met", "struck", "brought", "sought", "froze",
                             "broke", "withdrew", "cut", "put", "won", "began"})


def _acting_phrases(plover: dict[str, list[str]]) -> set[str]:
    """The lexicon's verb phrases in the past tense ("spurned", "gave in"): right after an actor they
    make it the one acting, as the `interaction_verbs` do."""
    return {w for words in plover.values() for w in words if not w.startswith("re:") and not w.endswith("*")
            and (w.split()[0].endswith("ed") or w.split()[0] in _IRREGULAR_PAST)}


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
        self.prefilter = Prefilter(words) if all(map(covered, words)) else None

    def search(self, text: str) -> re.Match[str] | None:
        if self.prefilter is not None and not self.prefilter.search(text):
            return None
        return self.pattern.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.prefilter is not None and not self.prefilter.search(text):
            return iter(())
        return self.pattern.finditer(text)


def _word(word: str) -> str:
    # the whole pattern ignores case; the few capitalised words keep theirs with a local flag (an
    # inline flag on every word would make the search five times slower)
    if word.startswith("re:"):
        return word[3:]
    body = re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)
    return f"(?-i:{body})" if word[:1].isupper() else body
