"""A mention as one flat row: ACLED's public column names where the field matches, then eventwire's.

ACLED keeps one conservative `fatalities` figure: the low end of a reported range ("at least 22"
is 22; "dozens" is the stated low rule), 0 when no deaths are reported. eventwire's own columns
keep low/best/high with the qualifier, the claims and the evidence.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .taxonomy import ACTOR_KINDS, disorder_type, interaction_code

#: ACLED's columns, in ACLED's order.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
#: eventwire's own columns after ACLED's.
OWN_COLUMNS = ("mention_id", "iso2", "event_id", "doc_id", "input_id", "url", "published", "plover_interaction",
               "fatalities_low", "fatalities_best", "fatalities_high", "fatalities_qualifier", "fatalities_text",
               "injured", "injured_low", "injured_high", "injured_qualifier", "injured_text", "victims",
               "location_text", "geonames_id", "date_resolved", "claim_status", "claims", "evidence", "confidence",
               "typed_by", "n_reports", "n_sources", "disputed", "story_id", "mention_ids", "review_status")
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One mention (or merged event) record as exported by the store, flattened to COLUMNS."""
    loc = record.get("location") or {}
    a1, a2 = record.get("actor1") or {}, record.get("actor2") or {}
    dead, hurt = record.get("fatalities") or {}, record.get("injured") or {}
    inter1, inter2 = ACTOR_KINDS.get(a1.get("kind") or ""), ACTOR_KINDS.get(a2.get("kind") or "")
    notes = " ".join(e["text"] for e in record.get("evidence", []) if e.get("field") == "event")
    row = {
        "event_id_cnty": f"{loc.get('iso') or 'XX'}{record['id']}", "event_date": record.get("event_date"),
        "year": int(record["event_date"][:4]) if record.get("event_date") else None,
        "time_precision": record.get("time_precision"),
        "disorder_type": disorder_type(record.get("event_type"), record.get("sub_event_type")),
        "event_type": record.get("event_type"), "sub_event_type": record.get("sub_event_type"),
        "actor1": a1.get("name"), "assoc_actor_1": None, "inter1": a1.get("kind"),
        "actor2": a2.get("name"), "assoc_actor_2": None, "inter2": a2.get("kind"),
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": "Civilians targeted" if record.get("civilian_targeting") else None,
        "iso": _countries().get(loc.get("iso") or "", (None, None))[0],
        "region": _countries().get(loc.get("iso") or "", (None, None))[1],
        "country": loc.get("country"), "admin1": loc.get("admin1"),
        "admin2": None, "admin3": None, "location": loc.get("name"), "latitude": loc.get("latitude"),
        "longitude": loc.get("longitude"), "geo_precision": loc.get("geo_precision"), "source": _source(record),
        "source_scale": None, "notes": notes or None, "fatalities": _conservative(dead),
        "tags": "claimed" if record.get("claim_status") == "claimed" else None, "timestamp": None,
    }
    row.update(_own(record, loc, dead, hurt))
    return row


def _own(record: dict[str, Any], loc: dict[str, Any], dead: dict[str, Any], hurt: dict[str, Any]) -> dict[str, Any]:
    return {
        "mention_id": None if "mention_ids" in record else record["id"], "iso2": loc.get("iso"),
        "event_id": record.get("event_id", record["id"]),
        "doc_id": record.get("doc_id"),
        "input_id": record.get("input_id"), "url": record.get("url"), "published": record.get("published"),
        "plover_interaction": record.get("interaction"),
        "fatalities_low": dead.get("low"), "fatalities_best": dead.get("best"), "fatalities_high": dead.get("high"),
        "fatalities_qualifier": dead.get("qualifier"), "fatalities_text": dead.get("text"),
        "injured": hurt.get("best"), "injured_low": hurt.get("low"), "injured_high": hurt.get("high"),
        "injured_qualifier": hurt.get("qualifier"), "injured_text": hurt.get("text"),
        "victims": dead.get("victims") or hurt.get("victims"), "location_text": loc.get("text"),
        "geonames_id": loc.get("geonames_id"), "date_resolved": record.get("date_resolved"),
        "claim_status": record.get("claim_status"),
        "claims": json.dumps(record.get("claims", []), ensure_ascii=False),
        "evidence": json.dumps(record.get("evidence", []), ensure_ascii=False),
        "confidence": record.get("confidence"), "typed_by": record.get("typed_by"),
        "n_reports": record.get("n_reports"), "n_sources": record.get("n_sources"),
        "disputed": bool(dead.get("disagreement") or hurt.get("disagreement")) if "n_sources" in record else None,
        "story_id": record.get("story_id"),
        "mention_ids": json.dumps(record["mention_ids"]) if record.get("mention_ids") else None,
        "review_status": (record.get("review") or {}).get("status", "unreviewed") if "n_sources" in record else None,
    }


def _source(record: dict[str, Any]) -> str | None:
    """A mention's site; a merged event's sites, one per independent source, as ACLED lists its sources."""
    if "sources" not in record:
        return record.get("site")
    return "; ".join(dict.fromkeys(site for s in record["sources"] for site in s["sites"][:1])) or None


@cache
def _countries() -> dict[str, tuple[int, str]]:
    """ISO alpha-2 -> (ISO numeric, ACLED region), from data/countries.tsv (scripts/build_countries.py)."""
    text = resources.files("eventwire.events").joinpath("data/countries.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {iso: (int(numeric), region) for iso, numeric, region in rows}


def _conservative(figure: dict[str, Any]) -> int:
    """ACLED keeps one conservative figure: a merged event's lowest source best, else a report's low."""
    for key in ("acled", "low", "best"):
        if figure.get(key) is not None:
            return int(figure[key])
    return 0
