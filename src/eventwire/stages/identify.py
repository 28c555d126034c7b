"""Content ids and site names: what makes the same text from two places one document."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..document import Document, document_id
from ..errors import ExtractionError
from ..pipeline import Stage, register
from ..settings import Settings


@register("identify")
class IdentifyStage(Stage):
    name = "identify"
    requires = ("text",)
    assigns = ("id", "site")

    def __init__(self, settings: Settings) -> None:
        pass

    def __call__(self, doc: Document) -> Document:
        if not doc.text.strip():
            raise ExtractionError(f"no text in {doc.source}: the input is empty or whitespace only")
        doc.id = document_id(doc.text)
        # the URL's host names a publisher the same way on every page; a site name is the fallback
        doc.site = site_of(doc.url) or doc.site
        return doc


def site_of(url: str | None) -> str | None:
    """The host without a leading www., or None for a missing or relative URL."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
