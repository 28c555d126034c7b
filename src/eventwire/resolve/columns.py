"""The columns of an `events` row, derived from its merged record: what SQL filters, sorts and the
review queue read without parsing the JSON."""

from __future__ import annotations

from typing import Any

_SEARCH_CHARS = 4000  # evidence words kept for text queries; enough for a few sentences per source


def event_columns(record: dict[str, Any]) -> dict[str, Any]:
    """Every derived column but `id`, `matching` and `data`."""
    location = record.get("location") or {}
    return {"event_type": record.get("event_type"), "sub_event_type": record.get("sub_event_type"),
            "interaction": record.get("interaction"), "iso": location.get("iso"),
            "latitude": location.get("latitude"), "longitude": location.get("longitude"),
            "geo_precision": location.get("geo_precision"), "event_date": record.get("event_date"),
            "time_precision": record.get("time_precision"), "fatalities": _toll(record, "fatalities"),
            "n_reports": record.get("n_reports") or 0, "n_sources": record.get("n_sources") or 0,
            "story_id": record.get("story_id"), **filter_columns(record)}


def filter_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The columns added for serving (migration 0004)."""
    location = record.get("location") or {}
    return {"admin1": location.get("admin1"), "injured": _toll(record, "injured"),
            "actors": "|".join(actor_words(record)) or None, "search": search_text(record),
            "disputed": any((record.get(f) or {}).get("disagreement") for f in ("fatalities", "injured")),
            "confidence": record.get("confidence"),
            "review_status": (record.get("review") or {}).get("status", "unreviewed")}


def actor_words(record: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for key in ("actor1", "actor2"):
        actor = record.get(key) or {}
        names += [str(actor[k]).lower() for k in ("name", "text") if actor.get(k)]
    names += [str(c["actor1"]).lower() for c in record.get("actors_claimed") or [] if c.get("actor1")]
    return list(dict.fromkeys(names))


def search_text(record: dict[str, Any]) -> str:
    location = record.get("location") or {}
    parts = [record.get("event_type"), record.get("sub_event_type"), record.get("interaction"),
             location.get("name"), location.get("text"), location.get("admin1"), location.get("country"),
             *actor_words(record)]
    parts += list(dict.fromkeys(e.get("text") for e in record.get("evidence") or []))
    return " ".join(str(p) for p in parts if p).lower()[:_SEARCH_CHARS]


def _toll(record: dict[str, Any], field: str) -> int | None:
    return (record.get(field) or {}).get("acled")
