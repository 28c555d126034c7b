"""Main text and metadata of a news page: trafilatura first, a fallback only when it looks bad.

Text: one trafilatura pass with the configured focus over a tree pruned of hidden nodes and comment
forms. Only when that result looks bad (missing, or under `fallback_below_chars`) do we pay for a second opinion
(trafilatura in recall mode, then readability); the longest plausible text wins. Lines that are
page chrome by their wording ("Also read: ...", cookie notices, share bars) are dropped last.

Dates: a full date in the URL path first (set once, at publication, with no time-zone shift). Then
the date the page shows beside its headline (a <time>, or an element whose class says date/byline)
is weighed against the structured one (JSON-LD `datePublished` of an article node, publication meta
tags, microdata): pages show the date they stand by, often "Updated ...", and it wins unless it is
read from prose and only a day off (the site's time zone against a UTC stamp) or a day/month swap.
A JSON-LD WebPage node alone dates nothing (SEO plugins stamp every static page). Last, htmldate
(without its extensive search, which guesses from copyright years), kept only when a dated element
outside comments, footers and revision stamps shows the same date: alone it reads scripts too.
Shown dates and htmldate's are reported as "visible-text".

Everything here is a pure function of its inputs: no caches, trafilatura's dedup stays off.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from htmldate.extractors import try_date_expr
from lxml.etree import ParserError, XPath
from lxml.html import HtmlElement, fragment_fromstring, tostring
from readability import Document as ReadabilityDocument
from trafilatura import metadata as tmeta
from trafilatura.settings import Document
from trafilatura.utils import load_html

from .errors import ConfigError, ExtractionError


@dataclass(slots=True)
class Extracted:
    """What extraction found on one page or fragment."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    published_from: str
    site: str | None
    extractor: str


#: Pruned before extraction: what no reader sees (hidden nodes) and what is never article text
#: whatever the site (comment forms, spam notices). Overridable in [extract] prune_xpath.
DEFAULT_PRUNE = (
    # plain contains() on the two usual spellings: translate() over every styled node cost ~0.6 ms a page
    "//*[@hidden or contains(@style, 'display:none') or contains(@style, 'display: none')"
    " or contains(@style, 'visibility:hidden') or contains(@style, 'visibility: hidden')]",
    "//form[not(ancestor::article)] | //*[@id='respond' or contains(@class, 'comment-respond')]",
)


@dataclass(frozen=True)
class ExtractSettings:
    """The [extract] section of the settings, typed; defaults.toml documents each key."""

    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    include_comments: bool = False
    fast: bool = False
    fallback: bool = True
    fallback_below_chars: int = 300
    prune_xpath: tuple[str, ...] = DEFAULT_PRUNE
    drop_chrome_lines: bool = True
    date_extensive_search: bool = False
    date_original: bool = False

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> ExtractSettings:
        """Build from `settings["extract"]`; unknown keys are refused, lists become tuples."""
        names = {f.name for f in fields(cls)}
        unknown = set(section) - names
        if unknown:
            raise ConfigError(f"unknown [extract] settings {sorted(unknown)}; known: {sorted(names)}")
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in section.items()})


_DEFAULTS = ExtractSettings()


# ---------------------------------------------------------------- public API


def extract_html(html: str, url: str | None = None, settings: ExtractSettings | None = None) -> Extracted:
    """Main text and metadata of a full page. Raise ExtractionError when it has no main text."""
    settings = settings or _DEFAULTS
    tree = _parse(html)
    text, extractor = _main_text(tree, url, settings)
    if not text:
        raise ExtractionError("no main text found on the page (empty, a redirect, a JS-only shell or not an "
                              "article); check the input, or pass the text itself as a text record")
    meta = _metadata(tree, url)
    published, published_from = find_published(tree, url, settings)
    return Extracted(text=text, title=clean_title(meta.title, meta.sitename, url), author=meta.author,
                     published=published,
                     published_from=published_from, site=_site(meta.sitename, url or meta.url),
                     extractor=extractor)


def extract_fragment(html: str, settings: ExtractSettings | None = None) -> Extracted:
    """Text of an HTML fragment (a feed item's content): markup to text, kept whole."""
    settings = settings or _DEFAULTS
    text = fragment_text(html)
    if not text:
        raise ExtractionError("the feed item's content has no text; the item may carry only a link, "
                              "fetch the linked page instead")
    return Extracted(text=text, title=None, author=None, published=None, published_from="none", site=None,
                     extractor="fragment")


# ---------------------------------------------------------------- main text


def _parse(html: str) -> HtmlElement:
    try:
        tree = load_html(html) if html and html.strip() else None
    except (ParserError, ValueError):
        tree = None
    if tree is None:
        raise ExtractionError("the page could not be parsed as HTML (empty or not markup); "
                              "check that the input is an HTML page, or pass it as text")
    return tree


def _main_text(tree: HtmlElement, url: str | None, settings: ExtractSettings) -> tuple[str, str]:
    """Text from the configured trafilatura pass, and from a fallback only when it came out short."""
    text = _trafilatura_text(tree, url, settings, settings.favor_precision, settings.favor_recall)
    extractor = "trafilatura"
    if settings.fallback and len(text) < settings.fallback_below_chars:
        alt, name = _fallback_text(tree, url, settings)
        if len(alt) > len(text):
            text, extractor = alt, f"trafilatura+{name}"
    if settings.drop_chrome_lines:
        text = drop_chrome_lines(text)
    return text, extractor


def _trafilatura_text(tree: HtmlElement, url: str | None, settings: ExtractSettings, precision: bool,
                      recall: bool) -> str:
    doc = trafilatura.bare_extraction(
        tree, url=url, fast=settings.fast, favor_precision=precision, favor_recall=recall,
        include_comments=settings.include_comments, include_tables=settings.include_tables,
        deduplicate=False, with_metadata=False, prune_xpath=list(settings.prune_xpath) or None)
    return (doc.text or "").strip() if doc is not None else ""


def _fallback_text(tree: HtmlElement, url: str | None, settings: ExtractSettings) -> tuple[str, str]:
    """Second opinions, cheapest first: trafilatura in recall mode, then readability."""
    recall = _trafilatura_text(tree, url, settings, False, True)
    if len(recall) >= settings.fallback_below_chars:
        return recall, "recall"
    readable = _readability_text(tree)
    return (readable, "readability") if len(readable) > len(recall) else (recall, "recall")


def _readability_text(tree: HtmlElement) -> str:
    try:
        summary = ReadabilityDocument(tostring(tree, encoding="unicode")).summary(html_partial=True)
    except Exception:  # readability raises bare Exceptions on odd markup; a fallback must not fail the page
        return ""
    return fragment_text(summary)


_CHROME_LINE = re.compile(
    r"""^(?:
        (?:also\ read|read\ also|read\ more|more\ reading|related(?:\ (?:articles?|stories|posts|coverage|content))?
          |see\ also|recommended|you\ (?:may|might)\ also\ like|more\ from\ .{1,40}|trending(?:\ now)?
          |lea\ (?:también|más)|lea|lee\ también|lire\ aussi|à\ lire\ aussi|lesen\ sie\ auch|leggi\ anche
          |contenido\ relacionado|mehr\ zum\ thema)\s*[:|»>–-].*
      | (?:follow|like)\ (?:us|.{1,60}?)\ on\ (?:twitter|facebook|instagram|x|telegram|linkedin)\b.*
      | share\ (?:this|on)\b.{0,60}
      | (?:sign\ up|subscribe)\b.{0,80}(?:newsletter|edition|updates|inbox|for\ free|the\ best).*
      | .{0,60}\bnewsletter
      | download\ (?:the|our)\ .{0,60}\bapps?\b.*
      | (?:we|this\ (?:web)?site)\ uses?\ cookies\b.*
      | .{0,80}\ball\ rights\ reserved\.?
      | (?:©|copyright\b).{0,100}
      | submit\ your\ letter\b.*
      | contenido\ relacionado
    )$""", re.I | re.X)
_CHROME_MAX = 240  # longer lines are prose that merely starts like chrome


def drop_chrome_lines(text: str) -> str:
    """Drop short lines that are page chrome by their wording ("Also read: ...", share bars)."""
    kept = [line for line in text.split("\n")
            if len(line) > _CHROME_MAX or not _CHROME_LINE.match(line.strip())]
    return "\n".join(kept).strip()


_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                     "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt"})


def fragment_text(html: str) -> str:
    """Markup to text, one paragraph per block element, nothing removed but scripts and styles."""
    try:
        root = fragment_fromstring(html, create_parent="div") if html and html.strip() else None
    except (ParserError, ValueError):
        root = None
    if root is None:
        return ""
    for bad in root.xpath(".//script | .//style | .//noscript | .//template"):
        bad.drop_tree()
    for elem in root.iter(*_BLOCKS):
        elem.tail = "\n" + (elem.tail or "")
        if elem.tag == "br":
            continue
        elem.text = "\n" + (elem.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- metadata


def _metadata(tree: HtmlElement, url: str | None) -> Document:
    """Title, author, site: trafilatura's readers of meta tags, JSON-LD and the page, minus its date search."""
    meta = tmeta.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a one-word "author" is a handle or a site name far more often than a name
    with suppress(Exception):  # trafilatura's JSON-LD reader has raised on odd markup; metadata is optional
        meta = tmeta.extract_meta_json(tree, meta)
    meta.title = meta.title or tmeta.extract_title(tree)
    meta.author = meta.author or _byline(tree)
    meta.url = meta.url or tmeta.extract_url(tree, url)
    meta.sitename = meta.sitename or tmeta.extract_sitename(tree)
    return meta


# one predicate over one walk of the tree: a union of four paths walked it four times
_TITLE_SEP = re.compile(r"\s+(?:[|\-–—:»·]|::)\s+")
_NON_WORD = re.compile(r"\W+")


def clean_title(title: str | None, site: str | None, url: str | None) -> str | None:
    """The headline without the site's name that pages append or prepend ("Headline | Site")."""
    if not title:
        return title
    title = " ".join(title.split())
    seps = list(_TITLE_SEP.finditer(title))
    if not seps:
        return title
    head, tail = title[: seps[-1].start()], title[seps[-1].end():]
    if _names_site(tail, site, url) or (len(tail.split()) <= 4 and len(head.split()) >= 3 and len(seps) == 1):
        return head
    first_head, first_tail = title[: seps[0].start()], title[seps[0].end():]
    return first_tail if _names_site(first_head, site, url) else title


def _names_site(part: str, site: str | None, url: str | None) -> bool:
    key = _NON_WORD.sub("", part).lower()
    if len(key) < 3:
        return False
    names = [_NON_WORD.sub("", site or "").lower(), _NON_WORD.sub("", urlsplit(url).hostname or "").lower()
             if url else ""]
    return any(name and (key in name or name in key) for name in names)


_BYLINE = XPath('(.//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
                ' or contains(@class, "author-name")])[position() <= 3]')
_BY_PREFIX = re.compile(r"^(?:by|von|par|por|di)\s+", re.I)


def _byline(tree: HtmlElement) -> str | None:
    """A visible byline, cheaply: trafilatura's own author search costs a third of an extraction."""
    for elem in _BYLINE(tree):
        name = _BY_PREFIX.sub("", " ".join(elem.text_content().split()))
        if 3 <= len(name) <= 80 and " " in name:
            return name
    return None


def _site(sitename: str | None, url: str | None) -> str | None:
    if sitename and sitename.strip("@ "):
        return sitename.strip("@ ")
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


# ---------------------------------------------------------------- publication date

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|[^\d])")
_COMPACT = re.compile(r"^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:$|[T\s])")
_URL_DATE = re.compile(r"[/_-]((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/")
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_MIN_DATE, _MAX_DATE = datetime(1990, 1, 1), datetime(2100, 1, 1)  # fixed: output must not depend on today

#: meta names/properties that carry the publication (not modification) date, lowercase
_META_DATE_KEYS = frozenset({
    "article:published_time", "og:published_time", "og:article:published_time", "article.published",
    "datepublished", "date_published", "published_time", "published-date", "publish-date", "publishdate",
    "publish_date", "pubdate", "pub_date", "publication_date", "publication-date", "date", "dc.date",
    "dc.date.issued", "dc.date.created", "dcterms.issued", "dcterms.created", "dcterms.date", "citation_date",
    "citation_publication_date", "sailthru.date", "parsely-pub-date", "article_date_original",
    "original-publish-date", "cxenseparse:recs:publishtime", "bt:pubdate", "rnews:datepublished",
})
_LD_ARTICLE = ("article", "posting", "report", "creativework")


def find_published(tree: HtmlElement, url: str | None, settings: ExtractSettings) -> tuple[str | None, str]:
    """(YYYY-MM-DD or None, where it came from): the URL, then the date shown beside the headline
    checked against the structured one, then htmldate when some dated element on the page agrees."""
    # a full date in the URL path is set once, at publication, and carries no time-zone shift
    found = url_date(url or _canonical_url(tree))
    if found:
        return found, "url"
    structured = _structured_date(tree)
    shown = header_date(tree)
    if shown and (structured is None or _shown_wins(shown, structured[0])):
        return shown.date, "visible-text"
    if structured:
        return structured
    found = find_date(tree, extensive_search=settings.date_extensive_search,
                      original_date=settings.date_original, min_date=_MIN_DATE, max_date=_MAX_DATE)
    # htmldate alone also reads scripts, comments and "last modified" footers: keep its date only
    # when a dated element a reader sees (or microdata) carries it too
    if found and found in _page_dates(tree):
        return found, "visible-text"
    return None, "none"


def _structured_date(tree: HtmlElement) -> tuple[str, str] | None:
    for source, finder in (("json-ld", _jsonld_date), ("html-meta", _meta_date)):
        if found := finder(tree):
            return found, source
    return None


@dataclass(frozen=True, slots=True)
class ShownDate:
    """A date shown near the headline; `written` when read from prose, not from a datetime attribute."""

    date: str
    written: bool


def _shown_wins(shown: ShownDate, structured: str) -> bool:
    """Does the date beside the headline override the structured one?

    Pages show readers the date they stand by (often "Updated ..."), and the gold records it; but a
    date read from prose one day off is the site's time zone against a UTC timestamp, and a
    day/month swap is our misreading of a numeric date: then the structured date is the surer one.
    """
    if shown.date == structured:
        return False
    if not shown.written:
        return True
    a, b = datetime.fromisoformat(shown.date), datetime.fromisoformat(structured)
    return abs((a - b).days) > 1 and (a.year, a.day, a.month) != (b.year, b.month, b.day)


_DATE_HINT = re.compile(r"date|time|publish|posted|updated|byline|meta|info|stamp", re.I)
_ISO_ANYWHERE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_HEADLINES = XPath("(//article//h1 | //h1 | //article//h2)")
_MACHINE_DATE = XPath(".//*[self::time or self::meta][@datetime or @content]")
_HEADER_SPAN = 80  # elements after the headline searched for its date: the byline block, not the body
_PROSE_CHARS = 400  # a paragraph this long is the body: the header is over
_SHORT = 200  # a date element with more text than this is a container, not a date


def header_date(tree: HtmlElement) -> ShownDate | None:
    """The date shown right after the headline: a <time>, or an element whose class says date/byline."""
    headline = _headline(tree)
    if headline is None:
        return None
    for count, elem in enumerate(_after(headline)):
        if count >= _HEADER_SPAN or (elem.tag == "p" and len(elem.text_content()) > _PROSE_CHARS):
            break
        # the date test rejects most elements cheaply; the ancestor walk of _aside runs only on dates
        if (found := _element_date(elem)) and not _aside(elem):
            return found
    return None


def _headline(tree: HtmlElement) -> HtmlElement | None:
    # the first heading inside <article> beats the page's; "Sections" or a logo is not a headline
    for elem in _HEADLINES(tree):
        if len(elem.text_content().strip()) > 10:
            return elem
    return None


def _after(elem: HtmlElement) -> Iterator[HtmlElement]:
    """Elements after `elem` in document order, its own descendants excluded."""
    node: HtmlElement | None = elem
    while node is not None:
        for sibling in node.itersiblings():
            if isinstance(sibling.tag, str) and sibling.tag not in _NOT_SHOWN:
                yield sibling
                yield from (e for e in sibling.iterdescendants() if isinstance(e.tag, str))
        node = node.getparent()


_NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "svg"})


def _element_date(elem: HtmlElement) -> ShownDate | None:
    """The date an element shows: its machine-readable datetime first, then its short text."""
    if elem.tag == "time":
        value = to_iso_date(elem.get("datetime"))
        return ShownDate(value, False) if value else _text_date(elem.text_content())
    hints = " ".join(filter(None, (elem.get("class"), elem.get("id"), elem.get("itemprop"))))
    if not hints or not _DATE_HINT.search(hints):
        return None
    for inner in _MACHINE_DATE(elem):
        if value := to_iso_date(inner.get("datetime") or inner.get("content")):
            return ShownDate(value, False)
    return _text_date(elem.text_content())


def _text_date(text: str) -> ShownDate | None:
    text = " ".join(text.split())
    if not text or len(text) > _SHORT:
        return None
    m = _ISO_ANYWHERE.search(text)  # "Written: 2023-11-07 15:03" defeats htmldate's patterns
    found = _valid(*(int(g) for g in m.groups())) if m else to_iso_date(text)
    return ShownDate(found, True) if found else None




_REVISION = re.compile(r"last (?:edited|modified|changed)|revision", re.I)


_ASIDE = re.compile(r"comment|footer", re.I)


def _aside(elem: HtmlElement) -> bool:
    """In a comment thread or a footer, or a revision stamp: dates there are not the article's."""
    if _is_revision_stamp(elem):
        return True
    return any(node.tag == "footer" or _ASIDE.search(f"{node.get('class', '')} {node.get('id', '')}")
               for node in elem.iterancestors())


def _is_revision_stamp(elem: HtmlElement) -> bool:
    """A wiki's "last edited 17 Jun 2018" dates a revision of the page, not its publication."""
    parent = elem.getparent()
    return parent is not None and bool(_REVISION.search((parent.text or "") + (elem.text or "")))


def _dated_elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """<time> and elements with a class, id or itemprop, skipping footers and comment threads whole.

    One walk that prunes those subtrees; an XPath testing every element's ancestors cost ~5 ms a page.
    """
    stack = [root]
    while stack:
        elem = stack.pop()
        if not isinstance(elem.tag, str) or elem.tag == "footer":
            continue
        marks = f"{elem.get('class', '')} {elem.get('id', '')}"
        if _ASIDE.search(marks):
            continue
        if elem.tag == "time" or marks.strip() or elem.get("itemprop") is not None:
            yield elem
        stack.extend(reversed(elem))


def _page_dates(tree: HtmlElement) -> set[str]:
    """Dates of the elements a reader sees as dates (and microdata), outside comments and footers."""
    dates = set()
    for elem in _dated_elements(tree):
        if elem.tag in _NOT_SHOWN or _is_revision_stamp(elem):
            continue
        if elem.tag == "meta" and _DATE_HINT.search(elem.get("itemprop") or ""):
            found = to_iso_date(elem.get("content"))
            if found:
                dates.add(found)
        elif shown := _element_date(elem):
            dates.add(shown.date)
    return dates


def to_iso_date(value: str | None) -> str | None:
    """A date string in any common form to YYYY-MM-DD, or None when it is not a plausible date."""
    if not value:
        return None
    m = _ISO.match(value) or _COMPACT.match(value)
    if m:
        return _valid(*(int(g) for g in m.groups()))
    return try_date_expr(value[:100], "%Y-%m-%d", False, _MIN_DATE, _MAX_DATE)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        found = datetime(year, month, day)
    except ValueError:
        return None
    return found.strftime("%Y-%m-%d") if _MIN_DATE <= found < _MAX_DATE else None


def _meta_date(tree: HtmlElement) -> str | None:
    """Publication date from <meta> tags or microdata (itemprop=datePublished)."""
    for elem in tree.iterfind(".//meta[@content]"):
        key = (elem.get("property") or elem.get("name") or elem.get("itemprop") or "").strip().lower()
        if key in _META_DATE_KEYS and (found := to_iso_date(elem.get("content"))):
            return found
    for elem in tree.xpath('.//*[@itemprop="datePublished"][@datetime or @content]'):
        if found := to_iso_date(elem.get("datetime") or elem.get("content")):
            return found
    return None


def _jsonld_date(tree: HtmlElement) -> str | None:
    """datePublished of the page's own article in JSON-LD (not of teasers listed beside it)."""
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = script.text or ""
        if "datePublished" not in raw:
            continue
        try:
            dates = list(_ld_dates(json.loads(raw, strict=False)))
        except ValueError:  # broken JSON is common; the first datePublished is still a fair reading
            dates = [(True, m) for m in _LD_DATE.findall(raw)[:1]]
        for _, value in (d for d in dates if d[0]):
            if found := to_iso_date(value):
                return found
    return None


def _ld_dates(node: Any) -> Iterator[tuple[bool, str]]:
    """(is an article-like node, datePublished) for every node of a JSON-LD document."""
    if isinstance(node, list):
        for item in node:
            yield from _ld_dates(item)
    elif isinstance(node, dict):
        kind = str(node.get("@type", "")).lower()
        if isinstance(node.get("datePublished"), str):
            yield any(k in kind for k in _LD_ARTICLE), node["datePublished"]
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in node:
                yield from _ld_dates(node[key])


def url_date(url: str | None) -> str | None:
    """A full date in a URL path (/2019/03/15/, -2019-03-15-, /20190315/), or None."""
    if not url:
        return None
    path = urlsplit(url).path
    m = _URL_DATE.search(path) or _URL_COMPACT.search(path)
    return _valid(*(int(g) for g in m.groups())) if m else None


# compiled once, and only <head> searched: canonical links and og:url live there
_CANONICAL = XPath('/html/head/link[@rel="canonical"]/@href | /html/head/meta[@property="og:url"]/@content')


def _canonical_url(tree: HtmlElement) -> str | None:
    for value in _CANONICAL(tree):
        if value.startswith("http"):
            return str(value)
    return None
