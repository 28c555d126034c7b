"""What one document says happened: a coded event mention, and its parts.

Field names are a public interface (exports, HTTP API, the evaluation). A mention is one event as
one document reports it; merging mentions across documents into events is a later stage.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Actor:
    text: str  # as written: "Russian drones", "the Ukrainian military"
    name: str  # normalised: "Military Forces of Russia"
    country: str | None = None  # ISO 3166 alpha-2
    kind: str | None = None  # one of taxonomy.ACTOR_KINDS


@dataclass(slots=True)
class Figure:
    """A count as reported: low/best/high with the qualifier kept ("at least 22" is low 22)."""

    low: int | None
    best: int | None
    high: int | None
    qualifier: str  # "exact", "at least", "at most", "about"
    text: str  # the words it came from
    victims: str | None = None  # "civilians", "soldiers", "children", ... when said


@dataclass(slots=True)
class Location:
    text: str | None  # as written
    name: str | None  # canonical gazetteer name
    admin1: str | None = None
    country: str | None = None  # country name
    iso: str | None = None  # ISO 3166 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # 1 the place, 2 near or part of it, 3 only the region/country
    geonames_id: int | None = None


@dataclass(slots=True)
class Claim:
    speaker: str  # "the Russian defense ministry", "Moscow"
    text: str  # the attributed statement
    start: int
    end: int
    verb: str | None = None


@dataclass(slots=True)
class Evidence:
    """A sentence that supports one field of the mention; offsets point into the document's text."""

    field: str  # "event", "location", "fatalities", "date", "actor1", ...
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    doc_id: str
    index: int  # order of the mention in its document
    event_type: str | None = None
    sub_event_type: str | None = None
    interaction: str | None = None  # PLOVER type for political interactions
    actor1: Actor | None = None
    actor2: Actor | None = None
    civilian_targeting: bool = False
    location: Location | None = None
    event_date: str | None = None  # YYYY-MM-DD
    time_precision: int | None = None  # 1 day, 2 week, 3 month
    date_resolved: str | None = None  # how: "explicit", "weekday", "yesterday", "publication", ...
    fatalities: Figure | None = None
    injured: Figure | None = None
    claims: list[Claim] = field(default_factory=list)
    claim_status: str = "reported"  # "reported" as fact by the writer, or "claimed" by one side only
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    typed_by: str = "model"  # how the type was decided: "pattern", "cue" (a weapon or territory word),
    # "toll" (who was killed, when nothing else says) or "model"

    @property
    def id(self) -> str:
        """Stable: the same document and position give the same id."""
        return hashlib.sha256(f"{self.doc_id}:{self.index}".encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **asdict(self)}
