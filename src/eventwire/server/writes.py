"""Write endpoints, each behind a write token: ingest a page or file, and review an event."""

from __future__ import annotations

import copy
import hashlib
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..ingest import ingest
from ..readers import ReaderOptions
from ..resolve import queries
from ..review import NOTE_MAX_CHARS, Review, review_event
from ..tokens import TokenInfo
from .auth import require_write
from .errors import ApiError
from .formats import json_response

router = APIRouter(prefix="/api")
Writer = Annotated[TokenInfo, Depends(require_write)]


class ReviewBody(BaseModel):
    action: str = Field(description="confirm, reject, correct, note, merge or split")
    field: str | None = Field(None, description="for correct: the field to change")
    value: Any = Field(None, description="correct: the new value; merge: event ids; split: a mention id")
    note: str | None = Field(None, max_length=NOTE_MAX_CHARS, description="plain text, kept with the decision")


@router.post("/events/{event_id}/review", summary="Confirm, reject, correct, annotate, merge or split an event")
def post_review(request: Request, event_id: str, body: ReviewBody, who: Writer) -> Response:
    store = request.app.state.store
    review_event(store, event_id, Review(body.action, who.name, body.field, body.value, body.note))
    return json_response(queries.merged_event(store, event_id))


@router.post("/ingest", summary="Ingest one page or file (HTML, text, JSONL, feed, WARC, zip)", status_code=201)
async def post_ingest(request: Request, who: Writer,
                      filename: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    name, content = await _upload(request, filename)
    path = _keep(request, name, content)
    settings = copy.deepcopy(request.app.state.settings)
    settings["store"]["keep_raw"] = "always"  # the upload folder may be cleaned; the store keeps the page
    summary = await run_in_threadpool(ingest, [str(path)], request.app.state.store, settings,
                                      reader_options=ReaderOptions.from_settings(settings), workers=1)
    return json_response({"file": name, "bytes": len(content), "by": who.name, **summary.to_dict()}, status=201)


async def _upload(request: Request, filename: str | None) -> tuple[str, bytes]:
    limit = request.app.state.settings["serve"]["max_body_bytes"]
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        form = await request.form(max_files=1)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(400, "no_file", "send the page as a multipart field named 'file'")
        content = await upload.read(limit + 1)
        name = filename or upload.filename or "upload.html"
    else:
        content = bytearray()
        async for chunk in request.stream():
            content += chunk
            if len(content) > limit:
                break
        content = bytes(content)
        name = filename or ("upload.txt" if kind.startswith("text/plain") else "upload.html")
    if len(content) > limit:
        raise ApiError(413, "too_large", f"the body is over {limit} bytes ([serve] max_body_bytes); split the input")
    if not content:
        raise ApiError(400, "empty_body", "the request has no content; send a page, a file or multipart 'file'")
    return _safe_name(name), content


def _keep(request: Request, name: str, content: bytes) -> Path:
    """Write the upload under its digest, so the same bytes sent twice are the same input (added once)."""
    root = upload_dir(request.app.state.settings, request.app.state.store.url)
    folder = root / hashlib.sha256(content).hexdigest()[:24]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not path.exists():
        path.write_bytes(content)
    return path


def upload_dir(settings: dict[str, Any], store_url: str) -> Path:
    if settings["serve"]["upload_dir"]:
        return Path(settings["serve"]["upload_dir"]).expanduser()
    if store_url.startswith("sqlite:///"):
        db = Path(store_url.removeprefix("sqlite:///"))
        return db.parent / f"{db.stem}-uploads"
    return Path(tempfile.gettempdir()) / "eventwire-uploads"


def _safe_name(name: str) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).strip("._") or "upload"
    return base[:120]
