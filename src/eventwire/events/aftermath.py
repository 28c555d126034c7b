"""What a later sentence adds to a strike told before it: debris that hurt people makes the interception a strike,
an interception that hurt people gives its toll to the strike, and a bomber who died makes the bombing a suicide
bombing, counted among its dead (ACLED's rules for all three)."""

from __future__ import annotations

import re
from dataclasses import replace

from .cues import Cues
from .model import Figure, Mention
from .rules import VIOLENT_TYPES, Sentence, someone_hurt, toll_only, weapon_of
from .taxonomy import EVENT_TYPE_OF


def debris_fell_on(sent: Sentence, found: list[Mention], cues: Cues) -> Mention | None:
    """ "Air defences destroyed 12 UAVs over the city. Falling debris damaged a building, and 3 residents
    were injured": what was shot down still hurt people, so the interception told before is the strike
    (ACLED's rule), and this sentence's toll is its toll."""
    if not someone_hurt(sent.toll):
        return None
    downed = next((m for m in reversed(found) if m.sub_event_type == "Disrupted weapons use"), None)
    told = " ".join(e.text for e in downed.evidence) if downed is not None else ""
    # the debris named here, or in the interception told just before ("Fragments of a downed missile fell
    # on the beach. 4 people were killed")
    if not (_FALLEN.search(sent.text) or (_FALLEN.search(told) and downed is found[-1] and toll_only(sent, cues)
                                          and not any(m.event_type in VIOLENT_TYPES for m in found))):
        return None
    weapon = weapon_of(told, cues)
    if weapon not in ("Air/drone strike", "Shelling/artillery/missile attack"):
        return None
    downed.event_type, downed.sub_event_type = EVENT_TYPE_OF[weapon], weapon
    return downed


def downed_but_hurt(mention: Mention, sent: Sentence, found: list[Mention], cues: Cues) -> Mention | None:
    """An interception whose own sentence tells people hurt: a weapon stopped hurts no one, so the harm is a
    strike's. The strike told before takes the toll ("Five missiles were shot down and a sixth damaged a
    building; two servicemen were wounded"); with none told, the interception is the strike ("downed six
    missiles, but one struck a fuel depot, injuring three workers"). None when it hurt no one."""
    if mention.sub_event_type != "Disrupted weapons use" or not someone_hurt(mention):
        return None
    if (strike := next((m for m in reversed(found) if m.event_type == "Explosions/Remote violence"), None)):
        return replace(mention, event_type=None, sub_event_type=None, location=strike.location)
    weapon = weapon_of(sent.text, cues)
    if weapon not in ("Air/drone strike", "Shelling/artillery/missile attack"):
        return None
    return replace(mention, event_type=EVENT_TYPE_OF[weapon], sub_event_type=weapon)


def count_the_bomber(mention: Mention) -> None:
    """ACLED counts a suicide bomber among the dead: "blew himself up ..., killing a police officer" is 2."""
    told = " ".join(e.text for e in mention.evidence)
    if mention.sub_event_type != "Suicide bomb" or not _BOMBER_DEAD.search(told) or _BOMBER_COUNTED.search(told):
        return
    dead = mention.fatalities
    if dead is None or dead.best is None:
        mention.fatalities = Figure(low=1, best=1, high=1, qualifier="exact", text=_BOMBER_DEAD.search(told)[0])
    else:
        mention.fatalities = replace(dead, low=(dead.low or 0) + 1, best=dead.best + 1,
                                     high=None if dead.high is None else dead.high + 1)


_BOMBER_DEAD = re.compile(r"\bblew (?:himself|herself|themselves) up\b|"
                          r"\bthe (?:attacker|bomber|assailant) (?:\w+ ){0,3}died\b", re.I)
_BOMBER_COUNTED = re.compile(r"\bincluding the (?:suicide )?bomber\b|\band the (?:suicide )?bomber\b|"
                             r"\bkilling (?:himself|herself)\b", re.I)


def bomber_died(sent: Sentence, found: list[Mention]) -> None:
    """ "When stopped at the entrance, he detonated an explosive device. The attacker died on the spot": the
    bombing told just before was a suicide bombing."""
    if found and found[-1].sub_event_type == "Remote explosive/landmine/IED" and _BOMBER_DIED.search(sent.text):
        found[-1].sub_event_type = "Suicide bomb"


_BOMBER_DIED = re.compile(r"\bthe (?:attacker|bomber|assailant)s? (?:\w+ ){0,3}(?:died|was killed|were killed)\b",
                          re.I)
# what fell (not `rules`' list, whose "shrapnel" is how people are hurt: "treated for shrapnel wounds")
_FALLEN = re.compile(r"\b(?:debris|fragments|wreckage)\b", re.I)
