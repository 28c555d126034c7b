"""Lists as JSON, GeoJSON or CSV, chosen by a `format` parameter or the Accept header."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from .errors import ApiError

FORMATS = {"json": "application/json", "geojson": "application/geo+json", "csv": "text/csv; charset=utf-8"}


def chosen_format(request: Request, requested: str | None) -> str:
    if requested:
        if requested not in FORMATS:
            raise ApiError(400, "unknown_format", f"unknown format {requested!r}; choose json, geojson or csv")
        return requested
    accept = request.headers.get("accept", "")
    if "application/geo+json" in accept:
        return "geojson"
    if "text/csv" in accept:
        return "csv"
    return "json"


def json_response(payload: Any, status: int = 200) -> Response:
    # json.dumps straight to bytes: these payloads are already plain records, and skipping FastAPI's
    # model validation keeps a 1,000-event page cheap
    return Response(json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str),
                    status_code=status, media_type="application/json")


def list_response(fmt: str, key: str, rows: list[dict[str, Any]], meta: dict[str, Any]) -> Response:
    if fmt == "geojson":
        features = [_feature(r) for r in rows]
        body = {"type": "FeatureCollection", "features": features, **meta}
        return Response(json.dumps(body, ensure_ascii=False, default=str), media_type=FORMATS["geojson"])
    if fmt == "csv":
        headers = {"X-Next-Cursor": meta["next_cursor"]} if meta.get("next_cursor") else None
        return Response(_csv(rows), media_type=FORMATS["csv"], headers=headers)
    return json_response({key: rows, **meta})


def raw_list_response(key: str, texts: list[str], meta: dict[str, Any]) -> Response:
    """A JSON list answer built around records that are already JSON text."""
    tail = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))[1:]
    body = f'{{"{key}":[{",".join(texts)}]' + ("," + tail if meta else "}")
    return Response(body, media_type="application/json")


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    location = row.get("location") if isinstance(row.get("location"), dict) else {}
    lat, lon = row.get("latitude", location.get("latitude")), row.get("longitude", location.get("longitude"))
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": row}


def _csv(rows: list[dict[str, Any]]) -> str:
    flat = [{k: _cell(v) for k, v in r.items()} for r in rows]
    fields = list(dict.fromkeys(k for r in flat for k in r))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value
