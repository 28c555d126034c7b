"""Does a mention report an event already known? Hard limits first, then a score with its reasons.

The limits follow how the same event is told differently: a date within the coarser time precision
(a day either side for a dated event, a week, a month), places within a radius set by the coarser
geo precision (a town named by one report and its region by another), types that reports confuse
(shelling that killed civilians is typed a shelling by one desk and an attack by another). Inside
the limits the score weighs type, date, distance, the overlap of the sentences' words and whether the
two documents were grouped as reporting the same event. Every reason is kept so `eventwire show`
can say why a mention joined.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

DAYS_BY_PRECISION = {1: 1, 2: 7, 3: 31}
KM_BY_PRECISION = {1: 30.0, 2: 60.0, 3: 250.0}
# event types that reports of one event are typed as interchangeably
VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
CROWDS = {"Protests", "Riots"}
WEIGHTS = {"type": 0.3, "date": 0.2, "place": 0.25, "text": 0.25}


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    reasons: dict[str, Any]


def match(mention: dict[str, Any], event: dict[str, Any], text_similarity: float,
          same_group: bool) -> Match | None:
    """The score of `mention` joining `event`, or None when a hard limit rules it out."""
    type_score = _type_score(mention, event)
    days = _days_apart(mention, event)
    km = _km_apart(mention, event)
    if type_score is None or days is None or km is None or mention["doc_id"] in event["doc_ids"]:
        return None
    window = DAYS_BY_PRECISION.get(max(_precision(mention, "time"), _precision(event, "time")), 1)
    radius = KM_BY_PRECISION.get(max(_precision(mention, "geo"), _precision(event, "geo")), 30.0)
    if abs(days) > window or (not math.isnan(km) and km > radius):
        return None
    text = max(text_similarity, 1.0 if same_group else 0.0)
    parts = {"type": type_score, "date": 1.0 if days == 0 else 0.5,
             "place": 0.5 if math.isnan(km) else 1.0 - km / radius / 2, "text": min(1.0, text * 2)}
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    reasons = {"type": _type_reason(type_score), "days_apart": days,
               "km_apart": None if math.isnan(km) else round(km, 1),
               "text_similarity": round(text_similarity, 3), "same_document_group": same_group,
               "score": round(score, 3)}
    return Match(round(score, 4), reasons)


def _type_score(mention: dict[str, Any], event: dict[str, Any]) -> float | None:
    if mention.get("event_type") is None or event.get("event_type") is None:
        same = mention.get("interaction") and mention.get("interaction") == event.get("interaction")
        return 1.0 if same and not mention.get("event_type") and not event.get("event_type") else None
    if mention["sub_event_type"] == event["sub_event_type"]:
        return 1.0
    if mention["event_type"] == event["event_type"] and mention["event_type"] != "Strategic developments":
        return 0.7
    pair = {mention["event_type"], event["event_type"]}
    if pair <= VIOLENCE or pair <= CROWDS:
        return 0.4
    # a crowd fired on is a protest to one desk and a clash to another (Maidan, 20 February 2014)
    return 0.25 if pair <= VIOLENCE | CROWDS else None


def _type_reason(score: float) -> str:
    return {1.0: "same sub-type", 0.7: "same type", 0.4: "types reports confuse"}.get(score, "crowd and violence")


def _days_apart(mention: dict[str, Any], event: dict[str, Any]) -> int | None:
    a, b = mention.get("event_date"), event.get("event_date")
    if not a or not b:
        return None
    return (dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days


def _km_apart(mention: dict[str, Any], event: dict[str, Any]) -> float | None:
    """Distance in km; NaN when either side has no coordinates (allowed if the countries agree)."""
    a, b = mention.get("location") or {}, event.get("location") or {}
    if _country_only(a) or _country_only(b):
        return math.nan if not a.get("iso") or not b.get("iso") or a.get("iso") == b.get("iso") else None
    if a.get("latitude") is None or b.get("latitude") is None:
        return math.nan if not a.get("iso") or not b.get("iso") or a.get("iso") == b.get("iso") else None
    return km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])


def _country_only(location: dict[str, Any]) -> bool:
    """A place that is only the country's centre point says nothing about where in it."""
    return location.get("latitude") is None or (
        int(location.get("geo_precision") or 3) == 3 and location.get("name") == location.get("country"))


def _precision(record: dict[str, Any], kind: str) -> int:
    if kind == "time":
        return int(record.get("time_precision") or 1)
    return int((record.get("location") or {}).get("geo_precision") or 3)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))
