"""Rows for the annotation tables: indexed columns for filtering, the whole record as JSON."""

from __future__ import annotations

from typing import Any


def mention_row(mention: Any) -> dict[str, Any]:
    data = mention.to_dict()
    loc = data.get("location") or {}
    return {
        "id": data["id"], "doc_id": data["doc_id"], "idx": data["index"],
        "event_type": data["event_type"], "sub_event_type": data["sub_event_type"],
        "interaction": data["interaction"],
        "actor1": (data.get("actor1") or {}).get("name"), "actor2": (data.get("actor2") or {}).get("name"),
        "location": loc.get("name"), "iso": loc.get("iso"), "admin1": loc.get("admin1"),
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"), "event_date": data["event_date"],
        "fatalities": (data.get("fatalities") or {}).get("best"), "injured": (data.get("injured") or {}).get("best"),
        "claim_status": data["claim_status"], "confidence": data["confidence"], "data": data,
    }


PLACE_FIELDS = ("start", "end", "text", "name", "latitude", "longitude", "geonames_id", "feature_class", "country",
                "admin1", "score", "role")


def place_row(doc_id: str, place: Any) -> dict[str, Any]:
    return {"doc_id": doc_id, **{f: getattr(place, f, None) for f in PLACE_FIELDS}}
