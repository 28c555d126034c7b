"""Regenerate the sample inputs under samples/ from the shared data sets.

    python scripts/make_samples.py [DATA_DIR] [--out samples]

DATA_DIR (default ../shared/data) must hold wikinews-en/, geovirus/ and ucdp-ged-ukraine/ (dev.jsonl each).
The seed page is copied from DATA_DIR/../seed/article.html. Everything is deterministic: selections are
sorted, dates and times are fixed, zip and gzip timestamps are zero, so a rerun gives identical bytes.
Standard library and warcio only. See samples/README.md for what each file is and its licence.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import io
import json
import re
import shutil
import struct
import unicodedata
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
NS = uuid.UUID("6f1c2a4e-0b7d-4c1e-9a43-5d2f8e0c7b11")  # fixed namespace for WARC record ids
CRAWL_START = datetime(2005, 1, 17, 9, 30, tzinfo=UTC)  # when the sample "crawl" ran
SAVED_ON = "Monday, January 17, 2005"  # the "today" a site header shows when the page was saved
WN_LICENCE = "Text: Wikinews contributors, public domain."
DATELINE = re.compile(r"^(?:[A-Z][a-z]+day, )?[A-Z][a-z]+ \d{1,2}, \d{4}$")


# --------------------------------------------------------------------------- source data


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    url: str
    date: str | None  # YYYY-MM-DD
    paras: tuple[str, ...]
    conflict: bool
    cut: bool  # the first paragraph was dropped (cut mid-word in the source)

    @property
    def slug(self) -> str:
        ascii_title = unicodedata.normalize("NFKD", self.title).encode("ascii", "ignore").decode().lower()
        return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:70].rstrip("-")

    @property
    def text(self) -> str:
        return "\n\n".join(self.paras)

    def when(self) -> datetime:
        """Publication time: the article's date at a fixed, id-derived time of day (UTC)."""
        assert self.date, self.id
        h = int(hashlib.sha256(self.id.encode()).hexdigest()[:8], 16)
        base = datetime.fromisoformat(self.date).replace(tzinfo=UTC)
        return base + timedelta(hours=7 + h % 12, minutes=(h >> 8) % 60)


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_wikinews(data: Path) -> list[Article]:
    """Usable Wikinews articles, whole ones first, conflict-related first, then by id.

    Entities left by the wikitext conversion are decoded; a leading dateline paragraph ("December 27, 2004")
    is dropped (the page templates place the date); so is a first paragraph the conversion cut mid-word
    ("he report was..."): such articles come last in the order."""
    out = []
    for r in read_jsonl(data / "wikinews-en" / "dev.jsonl"):
        paras = [p for p in (html.unescape(p).strip() for p in r["text"].split("\n\n")) if p]
        if paras and DATELINE.match(paras[0]):
            paras = paras[1:]
        cut = bool(paras) and not paras[0][0].isupper()
        if cut:
            paras = paras[1:]
        if len("\n\n".join(paras)) < 350 or not paras[0][0].isupper():
            continue
        out.append(
            Article(r["id"], html.unescape(r["title"]), r["url"], r["date"], tuple(paras), r["conflict_related"], cut)
        )
    return sorted(out, key=lambda a: (a.cut, not a.conflict, a.id))


class Picker:
    """Hands out articles once each, in sorted order, dated or undated as asked."""

    def __init__(self, articles: list[Article]):
        self.left = list(articles)

    def take(self, n: int, *, dated: bool | None = None, title_has: str | None = None) -> list[Article]:
        got = [
            a
            for a in self.left
            if (dated is None or bool(a.date) == dated) and (title_has is None or title_has in a.title)
        ][:n]
        if len(got) < n:
            raise SystemExit(f"not enough articles for dated={dated} title_has={title_has}")
        self.left = [a for a in self.left if a not in got]
        return got


# --------------------------------------------------------------------------- page templates

E = html.escape


@dataclass(frozen=True)
class Site:
    key: str
    name: str
    host: str


NORTHWIND = Site("northwind", "Northwind Daily", "northwind-daily.example")
MERIDIAN = Site("meridian", "The Meridian Post", "meridianpost.example")
HARBOR = Site("harbor", "Harbor Ledger", "harborledger.example")
CROSSROADS = Site("crossroads", "Crossroads Wire", "crossroadswire.example")
BORDERLAND = Site("borderland", "The Borderland Gazette", "borderland-gazette.example")

HOT_TOPICS = (
    "Iraq",
    "Ukraine election",
    "Tsunami relief",
    "Homeland Security",
    "Middle East",
    "Brazil",
    "Supreme Court",
    "Elections 2004",
)


@dataclass(frozen=True)
class Page:
    art: Article
    site: Site
    dates: str  # "meta", "jsonld", "url", "text" or "none": where the publication date appears
    related: tuple[Article, ...]  # other articles the chrome links to (headlines only)
    url: str  # the page's own address (og:url)
    canonical: str  # <link rel=canonical>: the Wikinews URL, or the page's own URL (Harbor Ledger, syndication)


def site_url(site: Site, art: Article, dated_path: bool = False, section: str = "world") -> str:
    if dated_path and art.date:
        return f"https://{site.host}/news/{art.date.replace('-', '/')}/{art.slug}/"
    if site is HARBOR:
        return f"https://{site.host}/news/{art.slug}"
    return f"https://{site.host}/{section}/{art.slug}/"


def link(site: Site, art: Article) -> str:
    return f'<a href="{E(site_url(site, art))}">{E(art.title)}</a>'


def body_paras(art: Article, inline: str = "", after: int = 1) -> str:
    """Article paragraphs as HTML; `inline` (an "Also Read" box etc.) goes after paragraph `after`."""
    out = []
    for i, p in enumerate(art.paras):
        out.append("<p>" + "<br>\n".join(E(line) for line in p.split("\n")) + "</p>")
        if inline and i == after and len(art.paras) > after + 1:
            out.append(inline)
    return "\n".join(out)


def human_date(d: datetime) -> str:
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


def head(page: Page, extra: str = "", charset: str = '<meta charset="utf-8">') -> str:
    art, site = page.art, page.site
    tags = [
        charset,
        f"<title>{E(art.title)} | {E(site.name)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{E(art.paras[0][:155])}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{E(art.title)}">',
        f'<meta property="og:site_name" content="{E(site.name)}">',
        f'<meta property="og:url" content="{E(page.url)}">',
        f'<link rel="canonical" href="{E(page.canonical)}">',
    ]
    if page.dates == "meta":
        stamp = art.when().isoformat()
        tags += [
            f'<meta property="article:published_time" content="{stamp}">',
            '<meta property="article:section" content="World">',
        ]
    if page.dates == "jsonld":
        tags.append(json_ld(page))
    tags.append(f'<link rel="stylesheet" href="https://{site.host}/assets/site.css">')
    tags.append(extra)
    return "<head>\n" + "\n".join(t for t in tags if t) + "\n</head>"


def json_ld(page: Page) -> str:
    art = page.art
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": art.title,
        "datePublished": art.when().isoformat(),
        "dateModified": (art.when() + timedelta(hours=2)).isoformat(),
        "author": {"@type": "Organization", "name": "Wikinews contributors", "url": "https://en.wikinews.org/"},
        "publisher": {
            "@type": "Organization",
            "name": page.site.name,
            "logo": {"@type": "ImageObject", "url": f"https://{page.site.host}/assets/logo.png"},
        },
        "mainEntityOfPage": page.url,
        "isBasedOn": art.url,
    }
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def comment_form(action: str) -> str:
    return f"""<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="{action}" method="post" id="commentform" class="comment-form">
<p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<p class="comment-form-comment"><label for="comment">Comment *</label> <textarea id="comment" name="comment"></textarea></p>
<p class="comment-form-author"><label for="author">Name *</label> <input id="author" name="author" type="text"></p>
<p class="comment-form-email"><label for="email">Email *</label> <input id="email" name="email" type="email"></p>
<p class="comment-form-cookies-consent"><input id="consent" type="checkbox"> <label for="consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p>
</form>
<p class="akismet_comment_form_privacy_notice">This site uses Akismet to reduce spam. Learn how your comment data is processed.</p>
</div>"""  # noqa: E501


def northwind(page: Page) -> str:
    art, site = page.art, page.site
    rel = page.related
    also = f'<div class="also-read"><strong>Also Read:</strong> {link(site, rel[0])}</div>'
    stamp = art.when() if art.date else None
    meta_date = (
        (
            f' <time class="entry-date published" datetime="{stamp.isoformat()}">{stamp:%B} {stamp.day}, '
            f"{stamp.year}</time>"
        )
        if stamp and page.dates == "meta"
        else ""
    )
    related = "\n".join(f'<li class="related-post">{link(site, a)}</li>' for a in rel[1:4])
    hot = " ".join(f'<a href="/tag/{t.lower().replace(" ", "-")}/">{t}</a>' for t in HOT_TOPICS[:6])
    return f"""<!DOCTYPE html>
<html lang="en-US">
{head(page)}
<body class="post-template-default single single-post">
<div id="cookie-notice" class="cookie-notice" role="dialog"><p>We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies. <a href="/privacy-policy/">Privacy Policy</a></p><button class="cn-accept">Accept</button></div>
<header class="site-header">
<div class="top-bar"><span class="today">{SAVED_ON}</span> <a href="/contact/">Contact</a> <a href="/advertise/">Advertise</a> <a href="/privacy-policy/">Privacy Policy</a></div>
<div class="site-branding"><a href="/" rel="home" class="site-title">{site.name}</a><p class="site-description">News from every corner of the map</p></div>
<nav class="main-navigation"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/world/">World</a></li><li><a href="/politics/">Politics</a></li><li><a href="/business/">Business</a></li><li><a href="/science/">Science</a></li><li><a href="/sports/">Sports</a></li><li><a href="/opinion/">Opinion</a></li></ul></nav>
</header>
<div class="breadcrumbs"><a href="/">Home</a> &raquo; <a href="/world/">World</a> &raquo; <span>{E(art.title)}</span></div>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article class="post type-post status-publish format-standard">
<header class="entry-header">
<h1 class="entry-title">{E(art.title)}</h1>
<div class="entry-meta"><span class="byline">By <span class="author vcard">Wikinews contributors</span></span>{meta_date} <span class="comments-link"><a href="#respond">Leave a comment</a></span></div>
<div class="share-buttons"><span>Share:</span> <a href="#" class="share-facebook">Facebook</a> <a href="#" class="share-twitter">Twitter</a> <a href="#" class="share-whatsapp">WhatsApp</a> <a href="#" class="share-email">Email</a></div>
</header>
<div class="entry-content">
{body_paras(art, also)}
</div>
<footer class="entry-footer"><span class="source-credit">{WN_LICENCE} <a href="{E(art.url)}">Original article</a></span></footer>
</article>
<section class="related-posts"><h3>Related Articles</h3><ul>
{related}
</ul></section>
<div id="comments" class="comments-area">
<h3 class="comments-title">0 Comments</h3>
{comment_form("/wp-comments-post.php")}
</div>
</main>
<aside id="secondary" class="widget-area sidebar">
<section class="widget hot-topics"><h3 class="widget-title">Hot Topics</h3><div class="tagcloud">{hot}</div></section>
<section class="widget newsletter"><h3 class="widget-title">Newsletter</h3><p>Get the day's top stories in your inbox every morning.</p><form><input type="email" placeholder="Your email"><button>Subscribe</button></form></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="footer-links"><a href="/about/">About Us</a> | <a href="/contact/">Contact</a> | <a href="/privacy-policy/">Privacy Policy</a> | <a href="/terms/">Terms of Use</a></div>
<p class="copyright">&copy; {site.name}. All rights reserved. {site.name} is a fictional site made for eventwire's samples.</p></footer>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</body>
</html>
"""  # noqa: E501


def meridian(page: Page) -> str:
    art, site = page.art, page.site
    rel = page.related
    inline = (
        '<aside class="inline-related" aria-label="Related"><h4>Related</h4><ul>'
        f"<li>{link(site, rel[0])}</li><li>{link(site, rel[1])}</li></ul></aside>"
    )
    more = "\n".join(
        f'<li class="card"><a href="{E(site_url(site, a))}"><h3 class="card-title">{E(a.title)}</h3></a></li>'
        for a in rel[2:5]
    )
    shown = ""
    if page.dates in ("meta", "jsonld"):
        d = art.when()
        shown = f'<time datetime="{d.isoformat()}">{d.day} {d:%B} {d.year}, {d:%H:%M} GMT</time>'
    return f"""<!doctype html>
<html lang="en">
{head(page, '<script async src="https://cdn.meridianpost.example/js/ads.js"></script>')}
<body class="article-page">
<a class="skip-link" href="#main-content">Skip to content</a>
<header class="masthead">
<div class="masthead__brand"><a href="/">{site.name}</a></div>
<nav class="masthead__nav" aria-label="Sections"><ul><li><a href="/news/">News</a></li><li><a href="/world/">World</a></li><li><a href="/politics/">Politics</a></li><li><a href="/business/">Business</a></li><li><a href="/culture/">Culture</a></li><li><a href="/newsletters/">Newsletters</a></li></ul></nav>
<div class="masthead__account"><a href="/subscribe/">Subscribe</a> <a href="/login/">Sign in</a></div>
</header>
<aside class="ticker" aria-label="Breaking news"><span class="ticker__label">Breaking</span> {link(site, rel[5])}</aside>
<main id="main-content">
<article class="article">
<div class="article__kicker"><a href="/world/">World</a></div>
<h1 class="article__headline">{E(art.title)}</h1>
<div class="article__byline"><span class="author">Wikinews contributors</span> {shown}</div>
<div class="share-bar" aria-label="Share this article"><button class="share share--facebook">Share on Facebook</button><button class="share share--x">Share on X</button><button class="share share--copy">Copy link</button></div>
<div class="article__body" itemprop="articleBody">
{body_paras(art, inline)}
</div>
<p class="article__credit"><small>{WN_LICENCE} Source: <a href="{E(art.url)}">Wikinews</a>.</small></p>
</article>
<section class="more-from" aria-label="More from World"><h2>More from World</h2><ul class="cards">
{more}
</ul></section>
<section class="newsletter-signup"><h2>Sign up for The Morning Brief</h2><p>The stories that matter, before your first coffee.</p><form><input type="email" aria-label="Email address"><button>Sign up</button></form></section>
</main>
<footer class="site-footer"><nav aria-label="Footer"><a href="/about/">About</a> <a href="/careers/">Careers</a> <a href="/privacy/">Privacy</a> <a href="/cookies/">Cookie settings</a> <a href="/terms/">Terms</a></nav>
<p>&copy; {site.name} (a fictional site made for eventwire's samples)</p></footer>
<div id="consent-banner" class="consent" role="dialog" aria-label="Privacy"><p>We and our partners use cookies to personalise content and ads and to analyse our traffic. You can change your choices at any time in Cookie settings.</p><button>Accept all</button> <button>Manage options</button></div>
</body>
</html>
"""  # noqa: E501


def harbor(page: Page) -> str:
    art, site = page.art, page.site
    rel = page.related
    trending = "\n".join(f'<li class="views-row">{link(site, a)}</li>' for a in rel[:4])
    stories = "\n".join(f"<li>{link(site, a)}</li>" for a in rel[4:6])
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
{head(page)}
<body class="path-node page-node-type-article">
<div class="dialog-off-canvas-main-canvas">
<div id="page">
<div class="region region-header"><a href="/" class="site-logo">{site.name}</a>
<ul class="menu menu--main"><li class="menu-item"><a href="/">Front page</a></li><li class="menu-item"><a href="/news">News</a></li><li class="menu-item"><a href="/harbor">Harbor &amp; Shipping</a></li><li class="menu-item"><a href="/weather">Weather</a></li><li class="menu-item"><a href="/obituaries">Obituaries</a></li><li class="menu-item"><a href="/user/login">Log in</a></li></ul>
<form class="search-block-form" action="/search"><input type="search" name="keys" placeholder="Search"></form></div>
<div class="layout-container">
<main role="main">
<div class="region region-content">
<div id="block-page-title" class="block block-core block-page-title-block"><h1 class="page-title"><span class="field field--name-title">{E(art.title)}</span></h1></div>
<article class="node node--type-article node--view-mode-full">
<footer class="node__meta"><span class="field field--name-uid">Submitted by Wikinews contributors</span></footer>
<div class="field field--name-body field--type-text-with-summary">
{body_paras(art)}
</div>
<footer class="node__links"><div class="field field--name-field-source">{WN_LICENCE} <a href="{E(art.url)}">Read it on Wikinews</a>.</div>
<ul class="links inline"><li class="statistics-counter">412 reads</li><li><a href="/print/{art.slug}">Printer-friendly version</a></li></ul></footer>
</article>
<section class="comments">
<h2>Comments</h2>
<article class="comment"><footer class="comment__meta"><span class="username">dockside_reader</span></footer><div class="comment__content"><p>Thanks for posting this. Does anyone have a link to the full report?</p></div></article>
<article class="comment"><footer class="comment__meta"><span class="username">M. Alvarez</span></footer><div class="comment__content"><p>We will keep following the story here.</p></div></article>
<h2>Add new comment</h2><form class="comment-comment-form"><label>Your name</label><input type="text"><label>Comment</label><textarea></textarea><input type="submit" value="Save"></form>
</section>
</div>
</main>
<aside class="layout-sidebar-second" role="complementary">
<div class="block block-views"><h2>Trending now</h2><ul>
{trending}
</ul></div>
<div class="block related"><h2>Related stories</h2><ul>
{stories}
</ul></div>
<div class="block block-advert"><p>Advertisement</p><img src="/ads/banner-300x250.png" alt=""></div>
</aside>
</div>
<footer class="site-footer" role="contentinfo"><p>{site.name} &middot; 1 Wharf Street &middot; a fictional newspaper made for eventwire's samples</p><p><a href="/privacy">Privacy policy</a> &middot; <a href="/contact">Contact the newsroom</a></p></footer>
</div>
</div>
</body>
</html>
"""  # noqa: E501


def crossroads(page: Page) -> str:
    art, site = page.art, page.site
    rel = page.related
    posted = ""
    if page.dates == "text":
        d = art.when()
        posted = f'<span class="post-date">Posted {human_date(d)}</span> &middot; '
    likes = "\n".join(f'<div class="col-sm-4"><div class="thumb-title">{link(site, a)}</div></div>' for a in rel[:3])
    popular = "\n".join(f'<li><span class="num">{i}</span>{link(site, a)}</li>' for i, a in enumerate(rel[3:7], 1))
    tags = " ".join(f'<a class="tag" href="/tag/{t.lower().replace(" ", "-")}">{t}</a>' for t in HOT_TOPICS[2:5])
    return f"""<!DOCTYPE html>
<html>
{head(page)}
<body>
<div class="navbar navbar-default"><div class="container"><a class="navbar-brand" href="/">{site.name}</a>
<ul class="nav navbar-nav"><li><a href="/">Latest</a></li><li><a href="/world">World</a></li><li><a href="/americas">Americas</a></li><li><a href="/europe">Europe</a></li><li><a href="/asia">Asia</a></li><li><a href="/about">About</a></li></ul></div></div>
<div class="container">
<div class="row">
<div class="col-md-8">
<div class="post">
<header class="post-header"><h1 class="post-title">{E(art.title)}</h1>
<div class="post-meta">{posted}<span class="post-author">by Wikinews contributors</span> &middot; <span class="read-time">3 min read</span></div>
<div class="social-share"><a href="#">Tweet</a> <a href="#">Share</a> <a href="#">Email</a></div></header>
<div class="post-content">
{body_paras(art)}
</div>
<div class="post-source">{WN_LICENCE} <a href="{E(art.url)}">Source article</a></div>
<div class="post-tags">Tags: {tags}</div>
</div>
<div class="you-may-also-like"><h4>You may also like</h4><div class="row">
{likes}
</div></div>
</div>
<div class="col-md-4 sidebar">
<div class="widget popular-posts"><h4>Most popular</h4><ol>
{popular}
</ol></div>
<div class="widget"><h4>Follow us</h4><a href="#">RSS</a> <a href="#">Mastodon</a> <a href="#">Newsletter</a></div>
</div>
</div>
</div>
<div class="footer"><div class="container"><p>{site.name} is a fictional site made for eventwire's samples. <a href="/privacy">Privacy</a> &middot; <a href="/cookies">Cookies</a> &middot; <a href="/contact">Contact</a></p></div></div>
<div class="cookie-bar">This website uses cookies to ensure you get the best experience. <a href="/cookies">Learn more</a> <a href="#" class="btn">Got it!</a></div>
</body>
</html>
"""  # noqa: E501


TEMPLATES = {"northwind": northwind, "meridian": meridian, "harbor": harbor, "crossroads": crossroads}


def render(page: Page) -> str:
    return TEMPLATES[page.site.key](page)


# --------------------------------------------------------------------------- the cp1251 page

# A note written by the eventwire authors, appended to a public-domain Wikinews article (see README).
PLACE_NOTE = (
    "Place names in this report, as written locally: Kyiv is Київ in Ukrainian and Киев in Russian; "
    "Donetsk is Донецьк, Kharkiv is Харків, Lviv is Львів. Across the border, Belgorod is Белгород. "
    "Signs in the capital's Independence Square read «Майдан Незалежності»."
)


def borderland(art: Article) -> bytes:
    """An old table-layout page saved in cp1251 but declaring iso-8859-1: the classic mislabelled page."""
    d = art.when()
    body = "\n".join(f"<p>{E(p)}</p>" for p in [*art.paras, PLACE_NOTE])
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{E(art.title)} - {BORDERLAND.name}</title>
<meta name="author" content="Wikinews contributors">
<meta property="og:site_name" content="{BORDERLAND.name}">
<link rel="canonical" href="{E(art.url)}">
<link rel="stylesheet" type="text/css" href="/style.css">
</head>
<body>
<div id="header"><a href="/index.html"><img src="/img/logo.gif" alt="{BORDERLAND.name}" border="0"></a>
<div id="topmenu"><a href="/index.html">Home</a> | <a href="/region.html">Region</a> | <a href="/world.html">World</a> | <a href="/archive.html">Archive</a> | <a href="/guestbook.html">Guestbook</a></div></div>
<div id="leftmenu"><b>Sections</b><ul><li><a href="/region.html">Region</a></li><li><a href="/politics.html">Politics</a></li><li><a href="/economy.html">Economy</a></li><li><a href="/letters.html">Letters to the editor</a></li></ul>
<b>Links</b><ul><li><a href="/partners.html">Partner sites</a></li></ul></div>
<div id="content">
<h2 class="headline">{E(art.title)}</h2>
<div class="dateline"><i>{human_date(d)}</i> &mdash; by Wikinews contributors</div>
<div class="story">
{body}
</div>
<div class="credit"><small>{WN_LICENCE} Original: <a href="{E(art.url)}">{E(art.url)}</a>. Note on place names added for this sample.</small></div>
<div class="printlink"><a href="?print=1">Print this article</a> | <a href="/sendtofriend.html">Send to a friend</a></div>
</div>
<div id="footer"><small>{BORDERLAND.name} &middot; a fictional site made for eventwire's samples &middot; <a href="/contact.html">Write to us</a></small></div>
</body>
</html>
"""  # noqa: E501
    return page.encode("cp1251")


# --------------------------------------------------------------------------- plans


def related_for(art: Article, pool: list[Article], n: int = 7) -> tuple[Article, ...]:
    i = pool.index(art) if art in pool else 0
    others = [a for a in pool[i + 1 :] + pool[:i] if a is not art]
    return tuple(others[:n])


def make_page(art: Article, site: Site, dates: str, pool: list[Article], self_canonical: bool = False) -> Page:
    url = site_url(site, art, dated_path=dates == "url")
    canonical = url if self_canonical or site is HARBOR else art.url
    return Page(art, site, dates, related_for(art, pool), url, canonical)


@dataclass
class Plan:
    pages: list[Page]
    cp1251: Article
    warc: list[Page]
    syndicated: Page  # same article as a page in pages/, under another site's URL (goes in the zip)
    bundle: list[Page]
    bundle_text: Article
    rss: list[Article]
    atom: list[Article]
    texts: list[Article]


def plan(articles: list[Article]) -> Plan:
    pick = Picker(articles)
    cp1251 = pick.take(1, title_has="Yushchenko")[0]
    pool = articles
    specs = [(NORTHWIND, "meta")] * 5 + [(MERIDIAN, "jsonld")] * 5 + [(HARBOR, "url")] * 4 + [(CROSSROADS, "text")] * 4
    pages = [make_page(a, s, d, pool) for a, (s, d) in zip(pick.take(len(specs), dated=True), specs, strict=True)]
    undated = pick.take(2, dated=False)
    pages += [make_page(undated[0], HARBOR, "none", pool), make_page(undated[1], CROSSROADS, "none", pool)]
    # Deliberate duplicates: pages[0]'s article again in the WARC under The Meridian Post; pages[5]'s article
    # again in the zip as a Crossroads Wire syndication (other URL, other chrome, same main text).
    # Three WARC pages carry no publication date at all: only the capture date (WARC-Date), which is not one.
    warc_specs = [(MERIDIAN, "jsonld")] * 3 + [(HARBOR, "url")] * 3 + [(NORTHWIND, "none")] * 3
    warc_arts = pick.take(6, dated=True) + pick.take(3, dated=False)
    warc = [make_page(pages[0].art, MERIDIAN, "jsonld", pool)]
    warc += [make_page(a, s, d, pool) for a, (s, d) in zip(warc_arts, warc_specs, strict=True)]
    syndicated = make_page(pages[5].art, CROSSROADS, "text", pool, self_canonical=True)
    bundle = [
        make_page(a, s, d, pool)
        for a, (s, d) in zip(pick.take(2, dated=True), [(NORTHWIND, "meta"), (HARBOR, "url")], strict=True)
    ]
    rss, atom = pick.take(8, dated=True), pick.take(8, dated=True)
    texts = pick.take(3)
    bundle_text = pick.take(1)[0]
    return Plan(pages, cp1251, warc, syndicated, bundle, bundle_text, rss, atom, texts)


def page_filename(page: Page) -> str:
    return f"{page.site.key}-{page.art.slug}.html"


# --------------------------------------------------------------------------- writers


def write_pages(out: Path, p: Plan, seed: Path) -> None:
    d = out / "pages"
    d.mkdir(parents=True)
    shutil.copyfile(seed, d / "dailybrief-russian-strikes-hit-ukrainian-military-sites.html")
    for page in p.pages:
        (d / page_filename(page)).write_text(render(page), encoding="utf-8")
    (d / f"borderland-{p.cp1251.slug}.html").write_bytes(borderland(p.cp1251))


def article_html(art: Article) -> str:
    return "\n".join("<p>" + "<br>".join(E(x) for x in para.split("\n")) + "</p>" for para in art.paras)


def cdata(s: str) -> str:
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def write_rss(path: Path, items: list[Article]) -> None:
    out = []
    for i, a in enumerate(sorted(items, key=lambda a: a.when(), reverse=True)):
        full = article_html(a)
        if i % 4 == 3:  # some feeds put the full text in content:encoded and a teaser in description
            desc = E(a.paras[0].split(". ")[0] + ".")
            content = f"\n<content:encoded>{cdata(full)}</content:encoded>"
        else:
            desc, content = cdata(full), ""
        out.append(f"""<item>
<title>{E(a.title)}</title>
<link>{E(a.url)}</link>
<guid isPermaLink="true">{E(a.url)}</guid>
<pubDate>{format_datetime(a.when())}</pubDate>
<dc:creator>Wikinews contributors</dc:creator>
<category>Politics and conflicts</category>
<description>{desc}</description>{content}
</item>""")
    newest = max(a.when() for a in items)
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Wikinews: Politics and conflicts (eventwire sample feed)</title>
<link>https://en.wikinews.org/wiki/Category:Politics_and_conflicts</link>
<description>Public-domain Wikinews articles from 2004, packaged as an RSS 2.0 feed by eventwire's make_samples.py.</description>
<language>en</language>
<lastBuildDate>{format_datetime(newest + timedelta(hours=1))}</lastBuildDate>
<generator>eventwire scripts/make_samples.py</generator>
{chr(10).join(out)}
</channel>
</rss>
""",  # noqa: E501
        encoding="utf-8",
    )


def write_atom(path: Path, entries: list[Article]) -> None:
    out = []
    for i, a in enumerate(sorted(entries, key=lambda a: a.when(), reverse=True)):
        stamp = a.when().isoformat().replace("+00:00", "Z")
        if i == 2:  # inline XHTML content
            body = f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{article_html(a)}</div></content>'
        elif i == 5:  # summary only, no content element
            body = f'<summary type="html">{E(article_html(a))}</summary>'
        else:
            body = f'<summary>{E(a.paras[0][:200])}</summary>\n<content type="html">{E(article_html(a))}</content>'
        out.append(f"""<entry>
<title>{E(a.title)}</title>
<link rel="alternate" type="text/html" href="{E(a.url)}"/>
<id>{E(a.url)}</id>
<published>{stamp}</published>
<updated>{stamp}</updated>
<author><name>Wikinews contributors</name></author>
<category term="Crime and law"/>
{body}
</entry>""")
    newest = max(a.when() for a in entries).isoformat().replace("+00:00", "Z")
    path.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Wikinews: world news (eventwire sample feed)</title>
<subtitle>Public-domain Wikinews articles from 2004, packaged as an Atom feed by eventwire's make_samples.py.</subtitle>
<link rel="alternate" type="text/html" href="https://en.wikinews.org/"/>
<link rel="self" type="application/atom+xml" href="https://eventwire.example/samples/feeds/wikinews.atom"/>
<id>tag:eventwire.example,2005:samples/wikinews</id>
<updated>{newest}</updated>
<generator>eventwire scripts/make_samples.py</generator>
{chr(10).join(out)}
</feed>
""",
        encoding="utf-8",
    )


def tiny_png() -> bytes:
    """A 16x16 grey PNG, built by hand so the bytes never change."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([0x99]) * 16 for _ in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


SITE_CSS = b"""body{font-family:Georgia,serif;margin:0;color:#222}
.site-header,.masthead{border-bottom:1px solid #ddd;padding:8px 16px}
.entry-content p,.article__body p{line-height:1.6;max-width:40em}
.cookie-notice,.consent{position:fixed;bottom:0;background:#111;color:#fff;padding:12px}
"""


class Crawl:
    """Writes request/response pairs the way a crawler does, with fixed ids and dates."""

    def __init__(self, writer: WARCWriter):
        self.w, self.n = writer, 0

    def _ids(self, uri: str) -> tuple[str, str, str]:
        when = CRAWL_START + timedelta(seconds=7 * self.n)
        self.n += 1
        rid = f"<urn:uuid:{uuid.uuid5(NS, 'response ' + uri)}>"
        qid = f"<urn:uuid:{uuid.uuid5(NS, 'request ' + uri)}>"
        return when.strftime("%Y-%m-%dT%H:%M:%SZ"), rid, qid

    def fetch(
        self,
        uri: str,
        status: str,
        headers: list[tuple[str, str]],
        body: bytes,
        accept: str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ) -> None:
        date, rid, qid = self._ids(uri)
        host, path = uri.split("/", 3)[2], "/" + uri.split("/", 3)[3] if uri.count("/") >= 3 else "/"
        req = StatusAndHeaders(
            f"GET {path} HTTP/1.1",
            [
                ("Host", host),
                ("User-Agent", "Mozilla/5.0 (compatible; eventwire-sample-crawler/0.1)"),
                ("Accept", accept),
                ("Accept-Encoding", "gzip"),
                ("Connection", "close"),
            ],
            is_http_request=True,
        )
        self.w.write_record(
            self.w.create_warc_record(
                uri,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=req,
                warc_headers_dict={"WARC-Record-ID": qid, "WARC-Date": date, "WARC-Concurrent-To": rid},
            )
        )
        http_date = format_datetime(datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC), usegmt=True)
        resp = StatusAndHeaders(
            status,
            [
                ("Date", http_date),
                ("Server", "nginx"),
                *headers,
                ("Content-Length", str(len(body))),
                ("Connection", "close"),
            ],
            protocol="HTTP/1.1",
        )
        self.w.write_record(
            self.w.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=resp,
                warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": date, "WARC-IP-Address": "192.0.2.10"},
            )
        )


def write_warc(path: Path, pages: list[Page]) -> None:
    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True, warc_version="WARC/1.0")
        info = (
            b"software: eventwire scripts/make_samples.py (warcio)\r\nformat: WARC File Format 1.0\r\n"
            b"description: sample crawl of fictional news sites republishing public-domain Wikinews articles\r\n"
            b"robots: ignore\r\n"
        )
        w.write_record(
            w.create_warc_record(
                "",
                "warcinfo",
                payload=io.BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(NS, 'warcinfo')}>",
                    "WARC-Date": CRAWL_START.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "WARC-Filename": path.name,
                },
            )
        )
        crawl = Crawl(w)
        crawl.fetch(
            "https://meridianpost.example/assets/site.css",
            "200 OK",
            [("Content-Type", "text/css; charset=utf-8")],
            SITE_CSS,
            accept="text/css,*/*;q=0.1",
        )
        for i, page in enumerate(pages):
            body = render(page).encode("utf-8")
            headers = [
                ("Content-Type", "text/html; charset=UTF-8" if i % 2 else "text/html; charset=utf-8"),
                ("Vary", "Accept-Encoding"),
            ]
            if i == 3:  # crawlers store the body as sent: this one went over the wire gzip-compressed
                body = gzip.compress(body, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
            if i == 4:  # a redirect from a short link, just before the page it points to
                short = f"https://{page.site.host}/s/{hashlib.sha1(page.url.encode()).hexdigest()[:6]}"
                moved = (
                    f"<html><head><title>301 Moved Permanently</title></head><body><h1>Moved Permanently</h1>"
                    f'<p>The document has moved <a href="{page.url}">here</a>.</p></body></html>'
                ).encode()
                crawl.fetch(
                    short,
                    "301 Moved Permanently",
                    [("Location", page.url), ("Content-Type", "text/html; charset=iso-8859-1")],
                    moved,
                )
            crawl.fetch(page.url, "200 OK", headers, body)
            if i == 1:
                crawl.fetch(
                    f"https://{page.site.host}/assets/logo.png",
                    "200 OK",
                    [("Content-Type", "image/png"), ("Cache-Control", "max-age=86400")],
                    tiny_png(),
                    accept="image/avif,image/webp,image/png,image/*;q=0.8",
                )


def plain_text(art: Article) -> str:
    return f"{art.title}\n\n{art.text}\n"


def write_zip(path: Path, pages: list[Page], text: Article) -> None:
    entries = [(f"press-cuttings/{page_filename(pg)}", render(pg).encode("utf-8")) for pg in pages]
    entries.append((f"press-cuttings/{text.slug}.txt", plain_text(text).encode("utf-8")))
    with zipfile.ZipFile(path, "w") as z:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def ucdp_rows(data: Path, n: int = 40) -> list[dict]:
    """n UCDP GED events spread evenly over 2014-2023; headlines of at least 80 characters, no repeats."""
    seen, rows = set(), []
    src = sorted(read_jsonl(data / "ucdp-ged-ukraine" / "dev.jsonl"), key=lambda r: (r["date"], r["id"]))
    for r in src:
        if len(r["text"]) >= 80 and r["text"].lower() not in seen:
            seen.add(r["text"].lower())
            rows.append({"id": r["id"], "text": r["text"], "date": r["date"]})
    step = len(rows) / n
    return [rows[int(i * step)] for i in range(n)]


def geovirus_rows(data: Path, n: int = 10) -> list[dict]:
    src = sorted(read_jsonl(data / "geovirus" / "dev.jsonl"), key=lambda r: int(r["id"].split(":")[1]))
    return [{"id": r["id"], "text": r["text"], "url": r["url"]} for r in src if 400 <= len(r["text"]) <= 2500][:n]


def build(data: Path, out: Path) -> Plan:
    p = plan(load_wikinews(data))
    keep = out / "README.md"
    readme = keep.read_bytes() if keep.exists() else None
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if readme is not None:
        keep.write_bytes(readme)
    write_pages(out, p, data.parent / "seed" / "article.html")
    (out / "feeds").mkdir()
    write_rss(out / "feeds" / "wikinews.rss", p.rss)
    write_atom(out / "feeds" / "wikinews.atom", p.atom)
    (out / "archive").mkdir()
    write_warc(out / "archive" / "crawl.warc.gz", p.warc)
    (out / "jsonl").mkdir()
    write_jsonl(out / "jsonl" / "ucdp-headlines.jsonl", ucdp_rows(data))
    write_jsonl(out / "jsonl" / "geovirus.jsonl", geovirus_rows(data))
    (out / "text").mkdir()
    for a in p.texts:
        (out / "text" / f"{a.slug}.txt").write_text(plain_text(a), encoding="utf-8")
    write_zip(out / "bundle.zip", [*p.bundle, p.syndicated], p.bundle_text)
    return p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "data",
        nargs="?",
        default=str(ROOT.parent / "shared" / "data"),
        help="shared data folder (default: ../shared/data next to the repository)",
    )
    ap.add_argument("--out", default=str(ROOT / "samples"), help="output folder (default: samples/)")
    args = ap.parse_args()
    p = build(Path(args.data), Path(args.out))
    print(
        f"wrote {args.out}: {len(p.pages) + 2} pages, {len(p.warc)} WARC pages, {len(p.rss)}+{len(p.atom)} feed "
        f"items; duplicates: {p.pages[0].art.title!r} (pages/ + WARC), {p.pages[5].art.title!r} (pages/ + zip)"
    )


if __name__ == "__main__":
    main()
