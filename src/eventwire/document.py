"""The units of work that flow through eventwire, one direction: Record -> Document -> store.

A reader turns an input (a file, a feed item, a WARC record, a JSONL line) into a `Record`: raw
content plus what the container already told us. Stages turn a Record into a `Document` and fill
it in. Later stages (sentences, places, events) add their own fields here; plugins use `extras`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: What a record's content is: an HTML page to extract, an HTML fragment (a feed item's content:
#: no page chrome to remove, only markup), or text to keep exactly as given.
ContentKind = Literal["html", "fragment", "text"]

#: Where a publication date came from; "none" means no date was found, never a guess.
DATE_SOURCES = ("html-meta", "json-ld", "url", "visible-text", "feed", "archive", "input", "none")


@dataclass(slots=True)
class Record:
    """One input item as a reader found it, before any extraction."""

    source: str  # input path, or "path#record" inside an archive or feed
    kind: ContentKind
    content: bytes | str  # bytes for HTML (decoded by the extract stage), str for text
    url: str | None = None
    input_id: str | None = None  # the user's own id (JSONL --id-field)
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date from the container (feed item, WARC capture, JSONL)
    published_from: str | None = None  # "feed", "archive" or "input" when `published` is set
    charset: str | None = None  # charset declared by the container (HTTP header), a hint only
    captured: str | None = None  # ISO datetime a crawler fetched it (WARC-Date); not a publication date
    raw_ref: str | None = None  # where to find the raw bytes again (path, path@offset)
    raw_sha: str = ""  # digest of the raw content: what makes a re-read of the same input recognisable

    def __post_init__(self) -> None:
        if not self.raw_sha:
            data = self.content if isinstance(self.content, bytes) else self.content.encode("utf-8")
            self.raw_sha = hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class Entity:
    """A named entity: character offsets into the document's text, and spaCy's label."""

    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class Document:
    """A stored news document. Field names are a public interface (exports, API)."""

    id: str
    text: str
    source: str
    url: str | None = None
    site: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str = "none"
    language: str | None = None
    input_id: str | None = None
    content_kind: ContentKind = "html"
    raw_sha: str | None = None
    raw_ref: str | None = None
    extractor: str | None = None  # which extractor produced `text` (for reruns and evaluation)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # character spans into `text`
    entities: list[Entity] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)  # eventwire.geo Place, one per toponym
    mentions: list[Any] = field(default_factory=list)  # eventwire.events.model.Mention
    extras: dict[str, Any] = field(default_factory=dict)
    record: Record | None = field(default=None, repr=False)  # the input, until the store drops it

    @classmethod
    def from_record(cls, record: Record) -> Document:
        """An empty document carrying its record: the first stage fills it in."""
        return cls(id="", text="", source=record.source, url=record.url, title=record.title,
                   author=record.author, input_id=record.input_id, content_kind=record.kind,
                   raw_sha=record.raw_sha, raw_ref=record.raw_ref, record=record)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("record")
        return out


_space = re.compile(r"\s+")


def document_id(text: str) -> str:
    """Stable id from the text alone: the same text from any URL or file gets the same id.

    Whitespace and Unicode normalisation are folded so a re-encoded copy is the same document.
    """
    norm = _space.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Failure:
    """Why one input or record could not become a document. Stored, counted, shown; never raised."""

    source: str  # input path, or "path#record"
    stage: str  # "read", "decode", "extract", "store", ...
    reason: str  # short stable slug: "too-large", "bad-encoding", "bad-format", "no-main-text", ...
    message: str  # what happened and what to do next
    raw_sha: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
