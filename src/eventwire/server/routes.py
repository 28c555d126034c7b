"""Read endpoints under /api/: events, one event, documents, stories, trending, failures, stats."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..events.acled import flat_row
from ..resolve import queries
from ..resolve.trending import parse_window
from ..review import review_queue
from ..store import DocFilter, MentionFilter
from ..store.sql import INT_MAX
from .auth import require_read
from .errors import ApiError
from .formats import chosen_format, json_response, list_response, raw_list_response

router = APIRouter(prefix="/api", dependencies=[Depends(require_read)])

Date = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]


def event_filter(
    since: Date = None, until: Date = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2, description="ISO 3166 alpha-2")] = None,
    admin1: str | None = None, event_type: str | None = None, sub_event_type: str | None = None,
    interaction: Annotated[str | None, Query(description="a PLOVER type, e.g. ACCUSE")] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=INT_MAX)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=INT_MAX)] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in place, actors, types or evidence")] = None,
    story: str | None = None,
    review: Annotated[str | None, Query(pattern="^(unreviewed|confirmed|rejected|corrected)$")] = None,
    interactions: Annotated[bool, Query(description="include political interactions (PLOVER)")] = False,
) -> queries.EventFilter:
    return queries.EventFilter(since=since, until=until, event_type=event_type, sub_event_type=sub_event_type,
                               interaction=interaction, country=country, admin1=admin1, bbox=_bbox(bbox),
                               actor=actor, query=q, min_sources=min_sources, min_fatalities=min_fatalities,
                               story=story, review=review, interactions=interactions)


@router.get("/events", summary="Merged events, newest first, filtered and paged")
def list_events(
    request: Request, filters: Annotated[queries.EventFilter, Depends(event_filter)],
    limit: Annotated[int | None, Query(ge=1, le=INT_MAX)] = None,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    view: Annotated[str, Query(pattern="^(full|summary)$", description="summary: map fields only")] = "full",
    format: Annotated[str | None, Query(description="json, geojson or csv (else the Accept header)")] = None,
) -> Response:
    serve = request.app.state.settings["serve"]
    summary = view == "summary"
    cap = serve["max_summary_page_size"] if summary else serve["max_page_size"]
    if limit is not None and limit > cap:
        raise ApiError(400, "limit_too_large", f"limit {limit} is over {cap} for view={view}; page with cursor")
    fmt = chosen_format(request, format)
    cache = request.app.state.cache
    key = cache.key(f"{fmt}?{request.url.query}")
    cached = cache.get(key)
    if cached is not None:
        body, media_type, headers = cached
        return Response(body, media_type=media_type, headers=headers)
    store = request.app.state.store
    passed_on = fmt == "json" and not summary  # stored JSON text goes out as it is, never parsed
    rows, after = queries.event_page(store, filters, limit=limit or serve["page_size"], after=_decode(cursor),
                                     view="text" if passed_on else view)
    meta: dict[str, Any] = {"next_cursor": _encode(after)}
    if cursor is None:
        meta["total"] = queries.count_events(store, filters)
    if fmt == "csv" and not summary:
        rows = [flat_row(r) for r in rows]
    response = raw_list_response("events", rows, meta) if passed_on else list_response(fmt, "events", rows, meta)
    cache.put(key, bytes(response.body), response.media_type or "", dict(response.headers))
    return response


@router.get("/events/{event_id}", summary="One event: mentions, claims, figures by source, evidence, review")
def get_event(request: Request, event_id: str) -> Response:
    event = queries.merged_event(request.app.state.store, event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}; GET /api/events lists them")
    event.setdefault("review", {"status": "unreviewed", "corrections": {}, "history": []})
    return json_response(event)


@router.get("/review-queue", summary="Unreviewed events that most need a human first")
def get_review_queue(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
    return json_response({"events": review_queue(request.app.state.store, limit)})


@router.get("/documents", summary="Stored documents, newest first")
def list_documents(
    request: Request, site: str | None = None, language: str | None = None, since: Date = None, until: Date = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Annotated[int, Query(ge=0, le=INT_MAX)] = 0,
    text: Annotated[bool, Query(description="include each document's full text")] = False,
) -> Response:
    store = request.app.state.store
    filters = DocFilter(site=site, language=language, since=since, until=until, query=q)
    rows = store.documents(filters, limit=limit, offset=offset)
    if not text:
        rows = [{k: v for k, v in r.items() if k != "text"} for r in rows]
    return json_response({"documents": rows, "total": store.count_documents(filters),
                          "next_offset": offset + limit if len(rows) == limit else None})


@router.get("/documents/{doc_id}", summary="One document with its text and the events it reports")
def get_document(request: Request, doc_id: str) -> Response:
    store = request.app.state.store
    doc = store.document(doc_id)
    if doc is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}; GET /api/documents lists them")
    doc["mentions"] = store.mentions(MentionFilter(doc_id=doc["id"]), limit=1000)
    return json_response(doc)


@router.get("/stories", summary="Stories, most recently seen first")
def list_stories(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
    return json_response({"stories": queries.stories(request.app.state.store, limit)})


@router.get("/trending", summary="Stories, places or actors bursting above their own baseline")
def get_trending(
    request: Request, window: Annotated[str, Query(pattern=r"^[1-9]\d{0,3}[hd]$", description="e.g. 24h, 7d")] = "24h",
    by: Annotated[str, Query(pattern="^(story|place|actor)$")] = "story",
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> Response:
    found = queries.trends(request.app.state.store, parse_window(window), by=by, limit=limit)
    return json_response({"window": window, "by": by, "trends": [asdict(t) for t in found]})


@router.get("/failures", summary="Inputs that could not become documents, with stage and reason")
def list_failures(request: Request, reason: str | None = None,
                  limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> Response:
    return json_response({"failures": request.app.state.store.failures(reason=reason, limit=limit)})


@router.get("/stats", summary="Counts: documents, events, mentions, stories, failures by reason, reviews")
def get_stats(request: Request) -> Response:
    return json_response(request.app.state.store.stats())


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError as exc:
        raise ApiError(400, "invalid_bbox", "bbox is west,south,east,north in degrees, e.g. 22,44,40,53") from exc
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise ApiError(400, "invalid_bbox", "bbox needs -90 <= south <= north <= 90 and longitudes in [-180, 180]")
    return west, south, east, north


def _encode(after: tuple[str, str] | None) -> str | None:
    return base64.urlsafe_b64encode(json.dumps(after).encode()).decode().rstrip("=") if after else None


def _decode(cursor: str | None) -> tuple[str, str] | None:
    if not cursor:
        return None
    try:
        day, last = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return str(day), str(last)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise ApiError(400, "invalid_cursor", "cursor is not one this API gave; start again without it") from exc
