"""Reading what resolution wrote: merged events with their mentions and reasons, stories, trends;
and a user's merges and splits, which every later resolution applies again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, cast, func, or_, select

from ..store import Store
from ..store.schema import documents, event_links, event_overrides, events, groups, mentions
from ..store.sql import dialect_insert, lock
from .trending import Trend, trending


@dataclass(frozen=True)
class EventFilter:
    """Filters for merged events; None means 'any'. Text filters match case-insensitively."""

    since: str | None = None  # event date on or after, YYYY-MM-DD
    until: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    interaction: str | None = None  # a PLOVER type (ACCUSE, ...); implies interactions
    country: str | None = None  # ISO 3166 alpha-2
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    actor: str | None = None  # substring of an actor's name or words
    query: str | None = None  # every word must occur in the event's place, actors, types or evidence
    min_sources: int | None = None
    min_fatalities: int | None = None
    story: str | None = None
    review: str | None = None  # unreviewed, confirmed, rejected, corrected
    interactions: bool = False  # include pure political interactions


SUMMARY_COLUMNS = ("id", "event_type", "sub_event_type", "interaction", "event_date", "latitude", "longitude",
                   "geo_precision", "iso", "admin1", "fatalities", "injured", "n_sources", "n_reports", "disputed",
                   "review_status", "confidence", "story_id")


def merged_events(store: Store, filters: EventFilter | None = None, limit: int | None = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
    query = select(events.c.data).where(*event_conditions(filters or EventFilter()))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [dict(r.data) for r in conn.execute(query.order_by(*_order(conn)))]


def event_page(store: Store, filters: EventFilter, *, limit: int, after: tuple[str, str] | None = None,
               view: str = "full") -> tuple[list[Any], tuple[str, str] | None]:
    """One page of events, newest first, after the (date, id) key of the last one seen; and the key to
    ask for the next page with (None on the last page). Keyset paging: page 500 costs what page 1 does.
    view: "full" records, "summary" (the map's columns), or "text" (each record as stored JSON text,
    for a server that passes it on without parsing it)."""
    data = cast(events.c.data, Text).label("data") if view == "text" else events.c.data
    columns = [events.c[c] for c in SUMMARY_COLUMNS] if view == "summary" else [events.c.id, events.c.event_date, data]
    query = select(*columns).where(*event_conditions(filters))
    if after is not None:
        query = query.where(_after(*after))
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(*_order(conn)).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    out = ([summary_record(r) for r in rows] if view == "summary" else [r.data for r in rows] if view == "text"
           else [dict(r.data) for r in rows])
    return out, ((rows[-1].event_date or "", rows[-1].id) if more else None)


def count_events(store: Store, filters: EventFilter) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(events).where(*event_conditions(filters)))
                   .scalar_one())


def summary_record(row: Any) -> dict[str, Any]:
    record = dict(row._mapping)
    record["disputed"] = bool(record.get("disputed"))
    return record


def event_conditions(f: EventFilter) -> list[Any]:
    c = events.c
    equal = {"event_type": f.event_type, "sub_event_type": f.sub_event_type, "interaction": f.interaction,
             "iso": f.country.upper() if f.country else None, "story_id": f.story}
    conditions: list[Any] = [c[column] == value for column, value in equal.items() if value]
    optional = [(f.since, lambda: c.event_date >= f.since), (f.until, lambda: c.event_date <= f.until),
                (f.min_sources, lambda: c.n_sources >= f.min_sources),
                (f.min_fatalities, lambda: c.fatalities >= f.min_fatalities),
                (f.admin1, lambda: func.lower(c.admin1) == f.admin1.lower()),
                (f.actor, lambda: c.actors.like(_contains(f.actor), escape="\\")),
                (f.review, lambda: func.coalesce(c.review_status, "unreviewed") == f.review),
                (f.bbox, lambda: _in_box(f.bbox))]
    conditions += [make() for value, make in optional if value is not None and value != ""]
    conditions += [c.search.like(_contains(word), escape="\\") for word in (f.query or "").split()]
    if not (f.interactions or f.interaction):
        conditions.append(c.event_type.is_not(None))
    return conditions


def _order(conn: Any) -> tuple[Any, Any]:
    """Newest first, undated last, then by id. SQLite sorts NULL lowest already, and saying NULLS LAST
    there would keep it from walking the date index backwards."""
    newest = events.c.event_date.desc()
    return (newest if conn.dialect.name == "sqlite" else newest.nulls_last()), events.c.id


def _after(day: str, last: str) -> Any:
    """Rows that come after the (date, id) key in `_order`; an empty date stands for undated."""
    date, eid = events.c.event_date, events.c.id
    if not day:
        return date.is_(None) & (eid > last)
    return or_(date < day, (date == day) & (eid > last), date.is_(None))


def _contains(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _in_box(bbox: tuple[float, float, float, float]) -> Any:
    west, south, east, north = bbox
    lon = events.c.longitude
    across = (lon >= west) | (lon <= east) if west > east else lon.between(west, east)  # box over the antimeridian
    return events.c.latitude.between(south, north) & across


def merged_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with each mention, its document and why it joined."""
    with store.engine.connect() as conn:
        data = conn.execute(select(events.c.data).where(events.c.id == event_id)).scalar_one_or_none()
        if data is None:
            return None
        rows = conn.execute(
            select(event_links.c.mention_id, event_links.c.score, event_links.c.reason, mentions.c.data,
                   documents.c.title, documents.c.site, documents.c.url, documents.c.copy_family,
                   documents.c.published, documents.c.id.label("doc_id"))
            .join(mentions, mentions.c.id == event_links.c.mention_id)
            .join(documents, documents.c.id == mentions.c.doc_id)
            .where(event_links.c.event_id == event_id).order_by(documents.c.resolved, mentions.c.idx)).all()
    record = dict(data)
    record["mentions"] = [{"mention_id": r.mention_id, "score": r.score, "reason": r.reason, "title": r.title,
                           "site": r.site, "url": r.url, "published": r.published, "doc_id": r.doc_id,
                           "copy_family": r.copy_family, "mention": r.data}
                          for r in rows]
    return record


def mention_links(store: Store) -> list[dict[str, Any]]:
    """Every mention → event link, for `export links`."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(event_links).order_by(event_links.c.event_id, event_links.c.mention_id)).all()
    return [{"mention_id": r.mention_id, "event_id": r.event_id, "doc_id": r.doc_id, "score": r.score,
             "reason": r.reason} for r in rows]


def stories(store: Store, limit: int | None = 50) -> list[dict[str, Any]]:
    """Stories, most recently seen first, with their articles, sites and events."""
    with store.engine.connect() as conn:
        query = (select(groups).where(groups.c.kind == "story")
                 .order_by(groups.c.last_seen.desc().nulls_last(), groups.c.id))
        rows = conn.execute(query.limit(limit) if limit else query).all()
        out = []
        for row in rows:
            docs = conn.execute(select(documents.c.id, documents.c.site, documents.c.title)
                                .where(documents.c.story_id == row.id).order_by(documents.c.resolved)).all()
            n_events = conn.execute(select(func.count()).where(events.c.story_id == row.id,
                                                               events.c.event_type.is_not(None))).scalar_one()
            out.append({"story_id": row.id, "label": row.label, "first_seen": row.first_seen,
                        "last_seen": row.last_seen, "n_articles": len(docs),
                        "sites": sorted({d.site for d in docs if d.site}), "n_events": int(n_events),
                        "doc_ids": [d.id for d in docs], "titles": [d.title for d in docs if d.title][:5]})
    return out


def trends(store: Store, window: dt.timedelta, by: str = "story", limit: int = 20) -> list[Trend]:
    """Stories, places or actors whose reports burst above their own baseline (`trending`)."""
    with store.engine.connect() as conn:
        if by == "story":
            rows = conn.execute(select(documents.c.story_id, groups.c.label, documents.c.published,
                                       documents.c.ingested_at)
                                .join(groups, (groups.c.id == documents.c.story_id) & (groups.c.kind == "story")))
        elif by in ("place", "actor"):
            column = mentions.c.location if by == "place" else mentions.c.actor1
            rows = conn.execute(select(column, column, documents.c.published, documents.c.ingested_at)
                                .join(documents, documents.c.id == mentions.c.doc_id)
                                .where(column.is_not(None), mentions.c.event_type.is_not(None)))
        else:
            raise ValueError(f"trending by {by!r}: choose story, place or actor")
        reports = [(str(k), str(label or k), _when(published, ingested)) for k, label, published, ingested in rows]
    return trending(reports, window)[:limit]


def override(store: Store, mention_ids: list[str], event_id: str, action: str) -> None:
    """Record a user's choice and apply it now: the mentions join `event_id` (merge) or start it (split)."""
    from .run import refresh_events

    now = dt.datetime.now(dt.UTC)
    with store.engine.begin() as conn:
        lock(conn, "resolve")  # not between a resolver's reading and rewriting of these events
        old = {r.event_id for r in conn.execute(select(event_links.c.event_id)
                                                .where(event_links.c.mention_id.in_(mention_ids)))}
        insert = dialect_insert(conn, event_overrides)
        for mention_id in mention_ids:
            row = {"mention_id": mention_id, "event_id": event_id, "action": action, "created_at": now}
            conn.execute(insert.on_conflict_do_update(index_elements=["mention_id"], set_=row), row)
            conn.execute(event_links.update().where(event_links.c.mention_id == mention_id).values(
                event_id=event_id, score=1.0, reason={"override": action, "new": action == "split"}))
        refresh_events(conn, sorted(old | {event_id}))


def _when(published: str | None, ingested: dt.datetime) -> dt.datetime:
    if published:
        return dt.datetime.fromisoformat(published[:10]).replace(tzinfo=dt.UTC) + dt.timedelta(hours=12)
    return ingested if ingested.tzinfo else ingested.replace(tzinfo=dt.UTC)
