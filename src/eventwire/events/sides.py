"""Who did it to whom in one event: actor 1 and actor 2 of a mention from the actors its sentence names,
with ACLED's conventions where the text names none (the other side of the front for a strike, an
unidentified group for a bomb or a fire, the state for an arrest or a weapon stopped) or names the
target in an actor's place (a crowd is actor 1 of its demonstration, civilians are never the attacker).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..geo.keys import fold
from .actors import ActorFinder, assign_roles
from .model import Actor, Location
from .rules import VIOLENT_TYPES, Sentence

_CIVILIAN_VICTIMS = frozenset({"civilians", "people", "children", "residents", "women", "journalists", "aid workers",
                               "workers"})


def event_actors(sent: Sentence, claims: list[Any], actors: ActorFinder, loc: Location | None, event_type: str,
                  toll: Any, sub_type: str = "", day: date | None = None) -> tuple[Actor | None, Actor | None]:
    iso = loc.iso if loc else None
    speakers = [(sent.text.find(c.speaker), sent.text.find(c.speaker) + len(c.speaker)) for c in claims]
    spans = [s for s in actors.find(sent.text, iso) if not any(a <= s.start < b for a, b in speakers)]
    actor1, actor2 = assign_roles(spans)
    if sub_type in _HIDDEN_HAND and _own_state(actor1, iso) and not any(
            s.agent or (s.actor is actor1 and _ACTS_AFTER.match(sent.text, s.end)) for s in spans):
        # a bomb, grenade or fire at a police post or a soldier's car in the state's own land is aimed at
        # its forces: they are the target, and whoever set it is not named
        actor1, actor2 = None, actor1
    if actor1 is not None and actor1.kind == "Civilians":
        # civilians named first ("civilians were killed by shelling") are its victims: ACLED never
        # codes them as the side that attacks
        actor1, actor2 = (actor2 if actor2 is not None and actor2.kind != "Civilians" else None), actor1
    actor1 = _for_country(actor1, actors, "Government" if sub_type == "Agreement" else "Military Forces")
    if event_type == "Violence against civilians":
        actor2 = _for_country(actor2, actors, "Civilians")  # "executed a Ukrainian POW": the victims
    elif event_type in VIOLENT_TYPES:
        actor2 = _for_country(actor2, actors, "Military Forces")  # "attacked Russian positions"
    if event_type in ("Protests", "Riots"):
        crowd, force = _crowd_actors(loc, event_type, [a for a in (actor1, actor2) if a is not None])
        # lethal force on a crowd is the force's act, the crowd its target (ACLED flags civilian targeting)
        return (force, crowd) if sub_type == "Excessive force against protesters" and force else (crowd, force)
    victims = {v for f in (toll.fatalities, toll.injured) if f for v in f.victims}
    # the dead are civilians when the text says so, or says nothing of who they were outside a battle
    if actor2 is None and (victims & _CIVILIAN_VICTIMS or (
            toll.fatalities and victims <= {"men"} and event_type != "Battles")):  # "shelling killed a man"
        country = loc.country if loc and loc.country else "Unknown"
        actor2 = Actor("civilians", f"Civilians ({country})", iso, "Civilians")
    if sub_type == "Other" and _EVACUAT.search(sent.text) and loc is not None and loc.country:
        # an evacuation's actor is the people moved, not the shelling that moved them
        return Actor("(the evacuees)", f"Civilians ({loc.country})", loc.iso, "Civilians"), None
    if actor1 is None and (blamed := _blamed(sent.text, actors, iso)) is not None:
        actor1 = blamed  # "..., the Russian-installed administration said, blaming Ukrainian forces"
    mined = sub_type == _MINED and _MINE.search(sent.text) and (day is None or day >= FULL_SCALE_WAR)
    if actor1 is None and (sub_type in _ACROSS_THE_FRONT or mined):
        actor1 = _other_side(loc)  # a mine left on the land either side fought over is the other side's
    elif actor1 is None and sub_type in _HIDDEN_HAND and loc is not None and loc.country:
        # a bomb, a grenade or a fire set by someone nobody names: ACLED's unidentified armed group
        actor1 = Actor("(unnamed perpetrator)", f"Unidentified Armed Group ({loc.country})", loc.iso, "Rebel group")
    elif actor1 is None and sub_type in ("Disrupted weapons use", "Arrests") and loc is not None and loc.iso:
        actor1 = _the_state(sent.text, sub_type, loc, actors)
    return actor1, actor2


# "Military Forces of Ukraine (2019-) blew up the bridge", "Ukrainian military launch 300 mines": the force acts
_ACTS_AFTER = re.compile(r"\s+(?:\(\d{4}-\d*\)\s+)?(?:(?:has|have|had|reportedly|allegedly)\s+)?(?!(?:killed|wounded|"
                         r"injured|hurt|targeted|attacked|hit|struck|stationed|based|deployed|passed|travell?ed|returned|"
                         r"arrived|approached|patrolled|guarded|manned|parked|stopped|detained|arrested|caught|noticed|spotted|"
                         r"checked|tried|evacuated|cordoned)\b)(?:[a-z]+ed|blew|"
                         r"set|threw|laid|planted|launch(?:es)?|fire[sd]?|mine[sd]?|burn(?:s|t)|blow(?:s)?)\b")


def _own_state(actor: Actor | None, iso: str | None) -> bool:
    return actor is not None and actor.kind == "State forces" and actor.country is not None and actor.country == iso


def _blamed(text: str, actors: ActorFinder, iso: str | None) -> Actor | None:
    if (blame := _BLAMING.search(text)) is None:
        return None
    found = assign_roles(actors.find(text[blame.end() :], iso))[0]
    return _for_country(found, actors, "Military Forces") if found and found.kind != "Civilians" else None


def _the_state(text: str, sub_type: str, loc: Location, actors: ActorFinder) -> Actor | None:
    """Who stops a weapon or arrests when nobody is named: the state where it happened, its air defence
    for a drone or missile downed, its police for a bomb defused, a cache found or an arrest."""
    country = actors.countries.get(loc.iso or "")
    if country is None:
        return None
    force = "Military" if sub_type == "Disrupted weapons use" and _AIR_DEFENCE.search(text) else "Police"
    return Actor("(the state where it happened)", f"{force} Forces of {country}", loc.iso, "State forces")


_EVACUAT = re.compile(r"\bevacuat\w*|\bto leave\b", re.I)
_BLAMING = re.compile(r"\bblam(?:ed|ing|es)\b(?:\s+(?:it|the \w+))?(?:\s+on)?\s+", re.I)
_AIR_DEFENCE = re.compile(r"\b(?:air defen[cs]es?|anti-aircraft|shot down|downed|intercept\w*|drones?|missiles?|"
                          r"rockets?|UAVs?)\b", re.I)


_MINED = "Remote explosive/landmine/IED"
FULL_SCALE_WAR = date(2022, 2, 24)  # before it, the other side of Donbas's front was the separatists
_MINE = re.compile(r"\b(?:(?:land|anti-tank |anti-personnel |naval )?mines?|explosive objects?|unexploded|ordnance|"
                   r"submunitions?|tripwire|Lepestok|PFM-1)\b", re.I)
_ACROSS_THE_FRONT = frozenset({"Shelling/artillery/missile attack", "Air/drone strike"})
_HIDDEN_HAND = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Looting/property destruction"})


def _other_side(loc: Location | None) -> Actor | None:
    """A missile, drone or shell that hit Ukraine's side of the front came from Russia's forces, and one
    that hit Russia from Ukraine's, as ACLED's coders infer when a report names no attacker. Not where
    Russia has long held the ground (Crimea, Donetsk and Luhansk cities, the occupied south): there
    either side may have fired. The actor's text says it was inferred."""
    if loc is None or loc.iso not in _OTHER_SIDE or fold(loc.admin1 or "") in _HELD or fold(loc.name or "") in _HELD:
        return None
    iso, name = _OTHER_SIDE[loc.iso]
    return Actor("(inferred from the place)", f"Military Forces of {name}", iso, "State forces")


_OTHER_SIDE = {"UA": ("RU", "Russia"), "RU": ("UA", "Ukraine")}
_HELD = frozenset(fold(n) for n in (
    "Crimea", "Avtonomna Respublika Krym", "Republic of Crimea", "Sevastopol", "Sevastopol' City", "Luhansk",
    "Luhans'ka Oblast'", "Donetsk", "Horlivka", "Makiivka", "Yasynuvata", "Melitopol", "Berdiansk", "Berdyansk",
    "Mariupol", "Nova Kakhovka", "Enerhodar", "Tokmak", "Henichesk", "Skadovsk", "Oleshky", "Kakhovka",
    "Alchevsk", "Stakhanov", "Sievierodonetsk", "Lysychansk", "Dzhankoi", "Simferopol", "Yevpatoria", "Kerch",
    "Feodosia"))


def _for_country(actor: Actor | None, actors: ActorFinder, who: str) -> Actor | None:
    """A bare country ("Russia attacked", "Ukrainian positions") stands for its forces, its
    government when it signs a deal, or its civilians when it is the target of violence against them."""
    if actor is None or actor.name != actors.countries.get(actor.country or ""):
        return actor
    if who == "Civilians":
        return Actor(actor.text, f"Civilians ({actor.name})", actor.country, "Civilians")
    return Actor(actor.text, f"{who} of {actor.name}", actor.country, actor.kind)


def _crowd_actors(loc: Location | None, event_type: str, named: list[Actor]) -> tuple[Actor, Actor | None]:
    """ACLED codes the crowd first in every demonstration, "Protesters (Russia)" or "Rioters (Ukraine)",
    and the force that acted on it, if any, second."""
    kind = "Protesters" if event_type == "Protests" else "Rioters"
    where = f" ({loc.country})" if loc and loc.country else ""
    crowd = Actor(kind.lower(), f"{kind}{where}", loc.iso if loc else None, kind)
    others = [a for a in named if a.kind not in ("Protesters", "Rioters", "Civilians")]
    return crowd, (others[0] if others else None)
