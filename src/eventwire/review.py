"""Analysts' review of merged events: confirm, reject, correct a field, leave a note, merge, split.

Every decision is a row in `reviews` (who, when, what). An event's record is always the merge of its
reports with its reviews laid over it (`apply_reviews`, called whenever resolution rewrites an
event), so a correction survives re-runs, `resolve --rebuild` and later merges, and travels in every
export as `review`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, case, func, select

from .errors import NotFoundError, ReviewError
from .events.taxonomy import EVENT_TYPE_OF, EVENT_TYPES
from .resolve import queries
from .resolve.merge import event_id as new_event_id
from .resolve.queries import EventFilter, event_conditions
from .store import Store
from .store.schema import event_links, events, reviews

ACTIONS = ("confirm", "reject", "correct", "note", "merge", "split")
CORRECTABLE = ("event_type", "sub_event_type", "interaction", "event_date", "location", "fatalities", "injured",
               "actor1", "actor2")
STATUS_OF = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
NOTE_MAX_CHARS = 2000


@dataclass(frozen=True)
class Review:
    """One analyst's decision. `value`: the new value of `field` (correct), or the other events (merge)."""

    action: str
    author: str
    field: str | None = None
    value: Any = None
    note: str | None = None


def review_event(store: Store, event_id: str, review: Review) -> None:
    """Check and store `review`, then rewrite the event (and, for merge and split, the events touched)."""
    review = checked(review)
    with store.engine.connect() as conn:
        if conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
            raise NotFoundError(f"no event {event_id!r}; list them with GET /api/events or `eventwire events --merged`")
    if review.action == "merge":
        others = [str(v) for v in review.value if str(v) != event_id]
        moved = _mentions_of(store, others)
        queries.override(store, moved, event_id, "merge")
        with store.engine.begin() as conn:  # notes on the merged events stay readable on the one kept; their
            # decisions (confirm, correct, ...) were about records that no longer exist, and are not carried
            conn.execute(reviews.update().where(reviews.c.event_id.in_(others), reviews.c.action == "note")
                         .values(event_id=event_id))
    elif review.action == "split":
        queries.override(store, [review.value], new_event_id(review.value + ":split"), "split")
    with store.engine.begin() as conn:
        conn.execute(reviews.insert().values(
            event_id=event_id, action=review.action, field=review.field, value=review.value, note=review.note,
            author=review.author, created_at=dt.datetime.now(dt.UTC)))
        _rewrite(conn, event_id)


def checked(review: Review) -> Review:
    """`review` with its value normalised, or a ReviewError that says what to send instead."""
    if review.action not in ACTIONS:
        raise ReviewError(f"unknown review action {review.action!r}; choose one of {', '.join(ACTIONS)}")
    if review.note is not None and len(review.note) > NOTE_MAX_CHARS:
        raise ReviewError(f"the note has {len(review.note)} characters; the limit is {NOTE_MAX_CHARS}")
    if review.action == "note" and not (review.note or "").strip():
        raise ReviewError("a note needs text")
    if review.action == "merge" and not (isinstance(review.value, list) and review.value):
        raise ReviewError("merge needs value: a list of the event ids to merge into this one")
    if review.action == "split" and not isinstance(review.value, str):
        raise ReviewError("split needs value: the id of the mention to take out of this event")
    if review.action == "correct":
        return Review(review.action, review.author, review.field, corrected_value(review.field, review.value),
                      review.note)
    return review


def corrected_value(field: str | None, value: Any) -> Any:
    if field not in CORRECTABLE:
        raise ReviewError(f"cannot correct {field!r}; correctable fields: {', '.join(CORRECTABLE)}")
    if field in ("fatalities", "injured"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ReviewError(f"{field} must be a whole number of people, 0 or more")
        return value
    if field == "event_type" and value not in EVENT_TYPES:
        raise ReviewError(f"unknown event type {value!r}; ACLED's are: {', '.join(EVENT_TYPES)}")
    if field == "sub_event_type" and value not in EVENT_TYPE_OF:
        raise ReviewError(f"unknown sub-event type {value!r}; see `eventwire taxonomy`")
    if field == "event_date":
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError as exc:
            raise ReviewError(f"event_date must be YYYY-MM-DD, not {value!r}") from exc
    if field == "location":
        return _place(value)
    if not isinstance(value, str) or not value.strip():
        raise ReviewError(f"{field} must be a non-empty string")
    return value.strip()


def apply_reviews(conn: Connection, event_id: str, record: dict[str, Any]) -> dict[str, Any]:
    """The record with its reviews laid over it, in order; untouched when it has none."""
    rows = conn.execute(select(reviews).where(reviews.c.event_id == event_id).order_by(reviews.c.id)).all()
    if not rows:
        return record
    status, corrections, history = "unreviewed", {}, []
    for row in rows:
        status = STATUS_OF.get(row.action, status)
        if row.action == "correct":
            corrections[row.field] = row.value
        history.append({"action": row.action, "field": row.field, "value": row.value, "note": row.note,
                        "author": row.author, "created_at": _iso(row.created_at)})
    out = dict(record)
    for field, value in corrections.items():
        out[field] = _corrected_field(record, field, value)
    if "sub_event_type" in corrections and "event_type" not in corrections:
        out["event_type"] = EVENT_TYPE_OF.get(corrections["sub_event_type"], out.get("event_type"))
    out["review"] = {"status": status, "corrections": corrections, "history": history,
                     "original": {f: record.get(f) for f in corrections}}
    return out


def review_queue(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Unreviewed events that most need a human: low confidence, one source, contradictions, high tolls."""
    priority = ((1 - func.coalesce(events.c.confidence, 0))
                + case((events.c.n_sources <= 1, 0.5), else_=0)
                + case((events.c.disputed.is_(True), 1.0), else_=0)
                + case((events.c.fatalities >= 10, 0.75), (events.c.fatalities > 0, 0.25), else_=0))
    query = (select(events.c.data).where(*event_conditions(EventFilter(review="unreviewed")))
             .order_by(priority.desc(), events.c.id).limit(limit))
    with store.engine.connect() as conn:
        return [{**dict(r.data), "reasons": queue_reasons(r.data)} for r in conn.execute(query)]


def queue_reasons(record: dict[str, Any]) -> list[str]:
    reasons = []
    if (record.get("confidence") or 0) < 0.6:
        reasons.append("low confidence")
    if (record.get("n_sources") or 0) <= 1:
        reasons.append("single source")
    if any((record.get(f) or {}).get("disagreement") for f in ("fatalities", "injured")):
        reasons.append("sources disagree")
    if ((record.get("fatalities") or {}).get("best") or 0) >= 10:
        reasons.append("high toll")
    return reasons


def _mentions_of(store: Store, event_ids: list[str]) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(event_links.c.event_id, event_links.c.mention_id)
                             .where(event_links.c.event_id.in_(event_ids))).all()
    missing = set(event_ids) - {r.event_id for r in rows}
    if missing:
        raise NotFoundError(f"no event {sorted(missing)[0]!r} to merge")
    return sorted(r.mention_id for r in rows)


def _rewrite(conn: Connection, event_id: str) -> None:
    from .resolve.run import refresh_event
    from .store.sql import lock

    lock(conn, "resolve")  # PostgreSQL: not while a resolver rewrites events
    refresh_event(conn, event_id)


def _place(value: Any) -> dict[str, Any]:
    """A corrected place: a name the gazetteer knows, or {name, latitude, longitude[, iso, admin1]}."""
    if isinstance(value, dict):
        try:
            lat, lon = float(value["latitude"]), float(value["longitude"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ReviewError("a place needs name, latitude and longitude") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
            raise ReviewError("latitude must lie in [-90, 90] and longitude in [-180, 180]")
        return {"text": str(value.get("name") or ""), "name": str(value.get("name") or ""),
                "admin1": value.get("admin1"), "country": value.get("country"), "iso": value.get("iso"),
                "latitude": lat, "longitude": lon, "geo_precision": int(value.get("geo_precision") or 1)}
    if not isinstance(value, str) or not value.strip():
        raise ReviewError("location must be a place name or {name, latitude, longitude}")
    return _gazetteer_place(value.strip())


def _gazetteer_place(name: str) -> dict[str, Any]:
    from .geo.gazetteer import Gazetteer

    with Gazetteer.load() as gazetteer:
        found = sorted(gazetteer.lookup(name, loose=False), key=lambda c: -c.entry.population)
        if not found:
            raise ReviewError(f"no place called {name!r} in the gazetteer; send {{name, latitude, longitude}}")
        entry = found[0].entry
        country = gazetteer.country(entry.country) if entry.country else None
    precision = 3 if entry.is_country else 2 if entry.is_admin else 1
    return {"text": name, "name": entry.name, "admin1": entry.admin1 or None,
            "country": country.name if country else None, "iso": entry.country or None,
            "latitude": entry.latitude, "longitude": entry.longitude, "geo_precision": precision,
            "geonames_id": entry.geonames_id}


def _corrected_field(record: dict[str, Any], field: str, value: Any) -> Any:
    if field in ("fatalities", "injured"):
        old = record.get(field) or {}
        return {**old, "low": value, "best": value, "high": value, "acled": value, "disagreement": False,
                "corrected": True}
    if field in ("actor1", "actor2"):
        return {"text": value, "name": value, "country": None, "kind": None}
    return value


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)
