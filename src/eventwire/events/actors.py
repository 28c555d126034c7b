"""Who did it to whom: rule-based actor mentions over a sentence, from a vocabulary data file.

An actor is a country word with a force noun ("Russian drones", "Ukraine's armed forces"), a named
group ("Hamas"), a generic actor ("protesters", "gunmen", "civilians"), or a country or capital on
its own in an actor's position ("Moscow claimed", "Hungary is blocking"): after "in", "near",
"across" and the like the same word is a place, not an actor. Roles: the agent of a passive ("by
Russian forces") or else the first armed or state actor is actor 1; the next distinct one is
actor 2. ACLED codes state forces fighting outside their country as External/Other forces.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .model import Actor

_PLACE_BEFORE = re.compile(r"\b(?:in|near|across|into|inside|from|over|outside|around|at|of|to|toward|towards|"
                           r"through|within|throughout|against|on)\s+(?:the\s+)?$", re.I)
# "shelled by Russian forces"; not "a checkpoint manned by Russian-appointed police", which says who holds it,
# nor "a swap mediated by the United Arab Emirates", which says who helped
_AGENT_BEFORE = re.compile(r"(?<!manned )(?<!owned )(?<!run )(?<!held )(?<!controlled )(?<!operated )(?<!appointed )"
                           r"(?<!installed )(?<!occupied )(?<!guarded )(?<!staffed )(?<!mediated )(?<!mediation )"
                           r"(?<!brokered )(?<!facilitated )(?<!hosted )\bby\s+(?:the\s+)?$", re.I)
ARMED_KINDS = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia",
                          "External/Other forces", "Rioters"})


@dataclass(frozen=True, slots=True)
class ActorSpan:
    start: int
    end: int
    actor: Actor
    agent: bool  # written as the agent of a passive ("by ...")


def _vocabulary() -> dict[str, Any]:
    """actors.toml, its hand-made countries completed by every other country's name, capital and
    demonym (data/country_words.tsv); a word a hand-made country already has stays with it."""
    data = resources.files("eventwire.events").joinpath("data")
    vocab = tomllib.loads(data.joinpath("actors.toml").read_text("utf-8"))
    countries = vocab["countries"]
    taken = {w.lower() for spec in countries.values() for w in spec["words"]}
    for line in data.joinpath("country_words.tsv").read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        iso, name, words = line.split("\t")
        if iso not in countries:
            countries[iso] = {"name": name, "words": [w for w in words.split("|") if w and w.lower() not in taken]}
    return vocab


def _alternation(words: list[str]) -> str:
    # longest first, so "armed forces" wins over "forces"
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class ActorFinder:
    """Compiled from `events/data/actors.toml` once; owned by the stage that uses it."""

    def __init__(self, vocabulary: dict[str, Any] | None = None) -> None:
        vocab = vocabulary or _vocabulary()
        self.countries = {iso: spec["name"] for iso, spec in vocab["countries"].items()}
        self.country_of = {w.lower(): iso for iso, spec in vocab["countries"].items() for w in spec["words"]}
        self.forces = vocab["forces"]
        self.force_of = {w: key for key, spec in self.forces.items() for w in spec["words"]}
        self.generics = vocab["generic"]
        self.generic_of = {w: key for key, spec in self.generics.items() for w in spec["words"]}
        self.groups = vocab["groups"]
        self.group_of = {w.lower(): name for name, spec in self.groups.items() for w in spec["words"]}
        country = _alternation([w for spec in vocab["countries"].values() for w in spec["words"]])
        force = _alternation(list(self.force_of))
        # "Russian-appointed police", "Russia's defence ministry", "Russian border guards"
        self.armed = re.compile(rf"\b(?P<c>{country})(?:-(?:appointed|installed|backed|led|controlled))?(?:'s|’s)?\s+"
                                rf"(?:(?!{_NOT_BETWEEN})[a-z][a-z-]*\s+){{0,2}}?(?P<f>{force})\b")
        self.group = re.compile(rf"\b(?:{_alternation(list(self.group_of))})\b", re.I)
        self.generic = re.compile(rf"\b(?P<g>{_alternation(list(self.generic_of))})\b", re.I)
        # the country word before a generic actor ("Russian soldiers"), looked for only where one was found: an
        # optional alternation of every country's words tried at each position of every sentence costs 0.7 ms
        self.country_before = re.compile(rf"\b(?P<c>{country})\s+\Z", re.I)
        self.bare = re.compile(rf"\b(?:{country})\b")
        # the same name without its years ("Military Forces of Russia raped ..."), as notes often write it
        self.acled_bare = re.compile(rf"\b(?P<f>Military|Police) Forces of (?P<c>{country})\b(?!\s*\()")

    def find(self, sentence: str, event_iso: str | None = None) -> list[ActorSpan]:
        """Actor mentions in `sentence`, left to right, without overlaps (longer matches first)."""
        spans: list[ActorSpan] = []
        for finder in (self._acled, self._armed, self._groups, self._generic, self._bare):
            for span in finder(sentence, event_iso):
                if not any(s.start < span.end and span.start < s.end for s in spans):
                    spans.append(span)
        return sorted(spans, key=lambda s: s.start)

    def _span(self, sentence: str, start: int, end: int, actor: Actor) -> ActorSpan:
        return ActorSpan(start, end, actor, bool(_AGENT_BEFORE.search(sentence[:start])))

    def _acled(self, sentence: str, event_iso: str | None) -> list[ActorSpan]:
        """ACLED's own actor names with their years and units: "Police Forces of Russia (2000-) Federal
        Security Service (FSB)" is the Russian police."""
        out = []
        for m in [*_ACLED_NAME.finditer(sentence), *self.acled_bare.finditer(sentence)]:
            iso = self.country_of.get(m["c"].lower())
            if iso is not None:
                kind = _kind("State forces", iso, event_iso)
                actor = Actor(m[0], f"{m['f']} Forces of {self.countries[iso]}", iso, kind)
                out.append(self._span(sentence, m.start(), m.end(), actor))
        return out

    def _armed(self, sentence: str, event_iso: str | None) -> list[ActorSpan]:
        out = []
        for m in self.armed.finditer(sentence):
            iso = self.country_of[m["c"].lower()]
            spec = self.forces[self.force_of[m["f"]]]
            kind = _kind(spec["kind"], iso, event_iso)
            actor = Actor(m[0], spec["name"].format(country=self.countries[iso]), iso, kind)
            out.append(self._span(sentence, m.start(), m.end(), actor))
        return out

    def _groups(self, sentence: str, event_iso: str | None) -> list[ActorSpan]:
        out = []
        for m in self.group.finditer(sentence):
            name = self.group_of[m[0].lower()]
            spec = self.groups[name]
            kind = spec["kind"]
            if kind == "State forces":  # a state's forces abroad are external forces there, as in `_armed`
                kind = _kind(kind, spec.get("country"), event_iso)
            out.append(self._span(sentence, m.start(), m.end(), Actor(m[0], name, spec.get("country"), kind)))
        return out

    def _generic(self, sentence: str, event_iso: str | None) -> list[ActorSpan]:
        out = []
        for m in self.generic.finditer(sentence):
            of = _OF.match(sentence, m.end())
            if of and self.group.match(sentence, of.end()):
                continue  # "fighters of the Freedom of Russia Legion": the group names them
            spec = self.generics[self.generic_of[m["g"].lower()]]
            named = self.country_before.search(sentence, max(0, m.start() - _LONGEST_COUNTRY), m.start())
            start = named.start() if named else m.start()
            iso = (self.country_of.get(named["c"].lower()) if named else None) or event_iso
            country = self.countries.get(iso or "", "Unknown")
            actor = Actor(sentence[start : m.end()], spec["name"].format(country=country), iso, spec["kind"])
            out.append(self._span(sentence, start, m.end(), actor))
        return out

    def _bare(self, sentence: str, event_iso: str | None) -> list[ActorSpan]:
        out = []
        for m in self.bare.finditer(sentence):
            before = sentence[: m.start()]
            if (_PLACE_BEFORE.search(before) or before.count("(") > before.count(")") or _WHOSE.match(sentence, m.end())
                    or _NATIONALS.match(sentence, m.end())):
                continue  # "in Ukraine", "Moscow (Moscow, Moscow)", "a Russian-appointed official", "Dutch experts"
            iso = self.country_of[m[0].lower()]
            actor = Actor(m[0], self.countries[iso], iso, _kind("State forces", iso, event_iso))
            out.append(self._span(sentence, m.start(), m.end(), actor))
        return out

    def own_forces(self, sentence: str, speakers: list[str], event_iso: str | None) -> Actor | None:
        """ "Russia's defence ministry said its troops had taken ...": forces named by a possessive
        pronoun are those of the country that speaks."""
        pronoun = _OWN_FORCES.search(sentence)
        if pronoun is None:
            return None
        for speaker in speakers:
            if not 0 <= sentence.find(speaker) < pronoun.start():
                continue
            who = next((s.actor for s in self.find(speaker, event_iso) if s.actor.country), None)
            if who is None or who.country is None:  # the country check is for the type checker
                continue
            if who.name != self.countries[who.country] and not who.name.startswith(_STATE_NAMES):
                return who  # "the head of the Wagner group said his fighters"
            kind = _kind("State forces", who.country, event_iso)
            return Actor(pronoun[0], f"Military Forces of {self.countries[who.country]}", who.country, kind)
        return None


_STATE_NAMES = ("Government of", "Military Forces of", "Police Forces of")
_OWN_FORCES = re.compile(r"\b(?:its|his|her|their|our)\s+(?:own\s+)?(?:forces|troops|units|soldiers|servicemen|army|"
                         r"fighters|military)\b", re.I)
_WHOSE = re.compile(r"-(?:appointed|installed|occupied|controlled|held|speaking|born|made|built)\b", re.I)
_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_LONGEST_COUNTRY = 60  # characters: "Democratic Republic of the Congo" and the spaces after it
# words that end the country's phrase: "Algeria recalled its ambassador" is Algeria acting, not "Algeria's ambassador"
_NOT_BETWEEN = r"(?:its|their|his|her|has|have|had|is|was|were|will|would|to|and|or)\b"
# a nationality of people who are not a party: "Dutch, Australian experts at the MH17 site", "Indian nationals"
_NATIONALS = re.compile(r"(?:,?\s+(?:and\s+)?[A-Z][a-z]+)*\s+(?:experts|investigators|inspectors|monitors|observers|"
                        r"tourists|citizens|nationals|journalists?|reporters?|doctors|engineers|students|scientists|"
                        r"sailors|fishermen|pilgrims|businessm[ae]n)\b")


_ACLED_NAME = re.compile(r"\b(?P<f>Military|Police) Forces of (?P<c>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*) "
                         r"\(\d{4}-(?:\d{4})?\)(?: (?:[A-Z][\w-]*|\([A-Z][\w-]*\)))*")


def _kind(kind: str, iso: str | None, event_iso: str | None) -> str:
    if kind == "State forces" and iso and event_iso and iso != event_iso:
        return "External/Other forces"
    return kind


def assign_roles(spans: list[ActorSpan]) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2): the passive agent or the first armed/state actor, then the next distinct one."""
    if not spans:
        return None, None
    agents = [s for s in spans if s.agent]
    armed = [s for s in spans if s.actor.kind in ARMED_KINDS]
    first = (agents or armed or spans)[0]
    rest = [s for s in spans if s is not first and s.actor.name != first.actor.name]
    return first.actor, rest[0].actor if rest else None
