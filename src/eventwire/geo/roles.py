"""What a place name stands for where it is written: the place, a nationality ("Ukrainian"), or the
government of a country or capital ("Kyiv said", "Moscow's troops", "pro-Kyiv"). Exports mark names
that are not places here, and the geoparser does not count a nationality naming who fired as a place.
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.tokens import Span

from .gazetteer import Entry

Role = Literal["place", "demonym", "government"]

# Verbs whose subject is an actor: a country or capital there means its government.
ACTOR_VERBS = {
    "say", "claim", "accuse", "deny", "announce", "warn", "state", "demand", "insist", "urge", "label", "pledge",
    "threaten", "condemn", "vow", "reject", "agree", "refuse", "decide", "sanction", "respond", "retaliate",
    "target", "blame", "call", "expel", "recognize", "recognise", "confirm", "report", "allege",
    "order", "send", "supply", "launch", "invade", "attack", "negotiate", "sign",
}


def place_role(role: Role, best: Entry | None, span: Span, text: str) -> Role:
    """A country or capital that acts ("Kyiv said", "Moscow's troops", "pro-Kyiv") is its government."""
    if role == "demonym" or best is None:
        return role
    if best.feature_code not in ("PCLI", "PPLC"):
        return "place"
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in ACTOR_VERBS:
        return "government"
    return "government" if _metonym(span, text) else "place"


# Without a parse (the default pipeline runs none) the words around the name decide: "Kiev forces",
# "Moscow's troops", "pro-Kyiv", "Kiev says", and a headline's source after a colon ("...: Kiev").
_AGENT_NOUNS = ("forces", "force", "troops", "military", "army", "government", "authorities", "officials",
                "soldiers", "regime", "side", "servicemen", "leadership", "command", "administration")
_AFTER_AGENT = re.compile(rf"^(?:['’]s)?\s+(?:{'|'.join(_AGENT_NOUNS)})\b", re.I)
_SAYS = re.compile(rf"^(?:['’]s)?\s+(?:\w+ly\s+)?(?:{'|'.join(sorted(ACTOR_VERBS))})(?:s|es|ed|d)?\b", re.I)
_POSSESSIVE_ACT = re.compile(r"^['’]s\s+(?:\w+\s+)?(?:shelling|attacks?|strikes?|offensive|bombardment|invasion|"
                             r"aggression|war|missiles?|drones?|troops|soldiers|forces)\b", re.I)
_SOURCE_END = re.compile(r"^\s*(?:military|officials?|government|authorities|army|says)?\s*[.!]?\s*$", re.I)


def _metonym(span: Span, text: str) -> bool:
    before, after = text[max(0, span.start_char - 12) : span.start_char], text[span.end_char : span.end_char + 40]
    if before.endswith(("pro-", "anti-")) or any(p.match(after) for p in (_AFTER_AGENT, _SAYS, _POSSESSIVE_ACT)):
        return True
    line_after = after.split("\n", 1)[0]
    return before.rstrip().endswith((":", " -", "–")) and bool(_SOURCE_END.match(line_after))


def armed_adjective(role: Role, span: Span, text: str) -> bool:
    """ "Russian rockets hit Pokrovsk": a nationality naming who fired says nothing of where it landed
    (it made Pokrovsk the Russian town of Engels, once called Pokrovsk)."""
    return role == "demonym" and bool(_ARMED_AFTER.match(text, span.end_char))


_ARMED_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:forces|troops|army|military|soldiers|servicemen|units|rockets?|"
                          r"missiles?|drones?|shells?|shelling|strikes?|attacks?|artillery|aircraft|jets|warplanes|bombers|"
                          r"aviation|fighters|gunfire|fire|invasion|offensives?|assaults?|side)\b", re.I)
