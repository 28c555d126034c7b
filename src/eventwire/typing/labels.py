"""ACLED event types, sub-event types and PLOVER interaction types, spelled exactly as their codebooks do.

The names are data the whole project compares strings against, so they live in one place. The mapping from
an ACLED sub-type to a PLOVER type is this project's rough reading of `plover_mapping.acled_overlap` in
`acled-taxonomy/taxonomy.json`; it fills `interaction` for violent and strategic events.
"""

from __future__ import annotations

# Sub-event type -> event type, in ACLED's hierarchy order (highest rank first).
SUB_EVENT_TYPES: dict[str, str] = {
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Armed clash": "Battles",
    "Excessive force against protesters": "Protests",
    "Protest with intervention": "Protests",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(SUB_EVENT_TYPES.values()))

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

NONE = "none"  # the class label of "no event" / "no interaction" inside the models

# PLOVER 0.5b1 names (plover-gsr) -> current names; FIGHT/COERCE/SANCTION depend on the mode, see below.
OLD_PLOVER: dict[str, str] = {
    **{name: name for name in PLOVER_TYPES},
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
_MODE_OVERRIDES: dict[tuple[str, str], str] = {
    ("FIGHT", "blockade"): "COERCE",  # CAMEO 191
    ("FIGHT", "occupy"): "COERCE",  # CAMEO 192
    ("FIGHT", "deport"): "COERCE",
    ("SANCTION", "embargo"): "COERCE",  # CAMEO 163
    ("COERCE", "destroy"): "ASSAULT",  # CAMEO 1712
    ("COERCE", "repress"): "ASSAULT",  # CAMEO 175
}

# What interaction an ACLED event implies; None where PLOVER has no fitting type.
INTERACTION_OF_SUB_TYPE: dict[str, str | None] = {
    "Government regains territory": "ASSAULT",
    "Non-state actor overtakes territory": "ASSAULT",
    "Armed clash": "ASSAULT",
    "Excessive force against protesters": "ASSAULT",
    "Protest with intervention": "PROTEST",
    "Peaceful protest": "PROTEST",
    "Violent demonstration": "PROTEST",
    "Mob violence": "ASSAULT",
    "Chemical weapon": "ASSAULT",
    "Air/drone strike": "ASSAULT",
    "Suicide bomb": "ASSAULT",
    "Shelling/artillery/missile attack": "ASSAULT",
    "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT",
    "Sexual violence": "ASSAULT",
    "Attack": "ASSAULT",
    "Abduction/forced disappearance": "ASSAULT",
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Change to group/activity": "MOBILIZE",
    "Disrupted weapons use": None,
    "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "COERCE",
    "Other": None,
}


def event_type_of(sub_event_type: str | None) -> str | None:
    """The ACLED event type of a sub-type (None for None)."""
    return SUB_EVENT_TYPES[sub_event_type] if sub_event_type else None


def current_plover(name: str, mode: str | None = None) -> str | None:
    """Map a PLOVER 0.5b1 event name (and mode) to the current 16 types; None if it has no current name."""
    return _MODE_OVERRIDES.get((name, mode or "")) or OLD_PLOVER.get(name)
