"""ACLED's event types, sub-types and actor kinds, spelled exactly as ACLED spells them, and the
current PLOVER interaction types. Names only: definitions live in the project's taxonomy summary."""

from __future__ import annotations

#: event type -> its sub-types, in ACLED's order
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)
EVENT_TYPE_OF: dict[str, str] = {sub: event for event, subs in SUB_EVENT_TYPES.items() for sub in subs}

#: ACLED's actor kinds with their `inter` codes
ACTOR_KINDS: dict[str, int] = {
    "State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4,
    "Rioters": 5, "Protesters": 6, "Civilians": 7, "External/Other forces": 8,
}

PLOVER_TYPES: tuple[str, ...] = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                                 "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                                 "ASSAULT")


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's disorder type: what kind of disorder an event belongs to."""
    if event_type is None:
        return None
    if event_type == "Protests":
        return "Political violence" if sub_event_type == "Excessive force against protesters" else "Demonstrations"
    if event_type == "Riots":
        return "Demonstrations" if sub_event_type == "Violent demonstration" else "Political violence"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes, lower first; a one-sided event pairs with 0."""
    if inter1 is None:
        return None
    low, high = sorted((inter1, inter2 or 0))
    return low * 10 + high if low else high * 10
