"""Typing by pattern, where a phrase is unambiguous (a sarin attack, a lynching, "would not go unpunished").

The phrases live in `patterns.json` next to this module; see its `about`. Patterns run before the model
and win over it, so every rule must be precise on the labelled data: the training script prints each
rule's hits and errors.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .labels import PLOVER_TYPES, SUB_EVENT_TYPES

PATTERNS_PATH = Path(__file__).with_name("patterns.json")
# A line break, or a sentence end followed by more text: an interaction phrase in a passage or a headline
# bundle may be a side remark, so interaction rules leave such texts to the model.
_SECOND_SENTENCE = re.compile(r"\n|[.!?][\"')]?\s+\S")


@dataclass(frozen=True, slots=True)
class Rule:
    """One labelled rule: fires on `match` unless `veto` matches too."""

    label: str  # an ACLED sub-event type or a PLOVER interaction type
    match: re.Pattern[str]
    veto: re.Pattern[str] | None

    def fires(self, text: str) -> bool:
        return bool(self.match.search(text)) and not (self.veto and self.veto.search(text))


@dataclass(frozen=True, slots=True)
class PatternHit:
    """What a pattern decided: an event sub-type or a non-event interaction, and the rule's label."""

    sub_event_type: str | None
    interaction: str | None


def _alternation(regexes: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{r})" for r in regexes)) if regexes else None


def _rule(spec: dict, key: str, known: set[str] | tuple[str, ...]) -> Rule:
    label = spec[key]
    if label not in known:
        raise ValueError(f"patterns.json: unknown {key} {label!r}; use the exact ACLED / PLOVER spelling")
    match = _alternation(spec["any"])
    assert match is not None, f"patterns.json: rule {label!r} has no `any` regex"
    return Rule(label, match, _alternation(spec.get("unless", [])))


class PatternTyper:
    """Applies the rules of a patterns file to lower-cased sentences."""

    def __init__(self, path: Path = PATTERNS_PATH) -> None:
        spec = json.loads(path.read_text(encoding="utf-8"))
        self.guard = _alternation(spec["guards"])
        self.interaction_guard = _alternation(spec.get("interaction_guards", []))
        self.events = [_rule(r, "sub_event_type", set(SUB_EVENT_TYPES)) for r in spec["events"]]
        self.interactions = [_rule(r, "interaction", PLOVER_TYPES) for r in spec["interactions"]]

    def match(self, sentence: str) -> PatternHit | None:
        """The first rule that fires on the sentence, or None (then the model decides)."""
        text = sentence.lower()
        if not (self.guard and self.guard.search(text)):
            for rule in self.events:
                if rule.fires(text):
                    return PatternHit(rule.label, None)
        if _SECOND_SENTENCE.search(text.strip()) or (self.interaction_guard and self.interaction_guard.search(text)):
            return None
        for rule in self.interactions:
            if rule.fires(text):
                return PatternHit(None, rule.label)
        return None
