"""The first stage: a record's raw content becomes main text and page metadata."""

from __future__ import annotations

from ..decoding import decode_bytes
from ..document import Document, Record
from ..errors import ExtractionError
from ..extraction import Extracted, ExtractSettings, extract_fragment, extract_html
from ..pipeline import Stage, register
from ..settings import Settings

# Dates the container states outright beat what a page's markup suggests.
_AUTHORITATIVE = ("feed", "input")


@register("extract")
class ExtractStage(Stage):
    name = "extract"
    requires = ("record",)
    assigns = ("text", "title", "author", "published", "published_from", "site", "extractor")

    def __init__(self, settings: Settings) -> None:
        self.options = ExtractSettings.from_section(settings["extract"])
        self.min_chars = int(settings["ingest"]["min_text_chars"])

    def __call__(self, doc: Document) -> Document:
        record = doc.record
        assert record is not None, "extract needs the document's record"
        if record.kind == "text":
            doc.text, doc.extractor = str(record.content), "text"
            doc.published, doc.published_from = record.published, record.published_from or "none"
            return doc
        found = self._extract(record)
        if len(found.text.strip()) < self.min_chars and record.kind == "html":
            raise ExtractionError(f"main text too short ({len(found.text.strip())} chars) in {record.source}; "
                                  "the page may be an index, a paywall stub or empty (ingest.min_text_chars)")
        _fill(doc, record, found)
        return doc

    def _extract(self, record: Record) -> Extracted:
        data = record.content
        html = decode_bytes(data, record.charset, html=True)[0] if isinstance(data, bytes) else data
        if record.kind == "fragment":
            return extract_fragment(html, self.options)
        return extract_html(html, record.url, self.options)


def _fill(doc: Document, record: Record, found: Extracted) -> None:
    doc.title = record.title or found.title
    doc.text, doc.extractor, doc.site = _without_headline(found.text, doc.title), found.extractor, found.site
    doc.author = record.author or found.author
    if record.published and record.published_from in _AUTHORITATIVE:
        doc.published, doc.published_from = record.published, record.published_from
    elif found.published:
        doc.published, doc.published_from = found.published, found.published_from
    elif record.captured:
        doc.published, doc.published_from = record.captured[:10], "archive"
    else:
        doc.published, doc.published_from = None, "none"


def _without_headline(text: str, title: str | None) -> str:
    """Drop a first paragraph that repeats the title: some templates put the headline inside the
    article body and some do not, and the same story must give the same text (and id) either way."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and _squash(first) == _squash(title):
        return rest.lstrip("\n")
    return text


def _squash(value: str) -> str:
    return " ".join(value.split()).casefold()
