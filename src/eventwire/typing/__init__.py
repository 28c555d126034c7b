"""Event typing: ACLED event type and sub-type, or a PLOVER interaction, for a sentence.

    from eventwire.typing import EventTyper
    typer = EventTyper.load()
    typer.predict(["On 3 March 2023, Russian forces shelled Kherson city, killing two civilians."])
"""

from .classifier import EventTyper, TypePrediction
from .labels import EVENT_TYPES, PLOVER_TYPES, SUB_EVENT_TYPES

__all__ = ["EVENT_TYPES", "PLOVER_TYPES", "SUB_EVENT_TYPES", "EventTyper", "TypePrediction"]
