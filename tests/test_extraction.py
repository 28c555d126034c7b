"""Main-text extraction on real pages and on small pages written to pin one behaviour each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.decoding import decode_bytes
from eventwire.errors import ExtractionError
from eventwire.evaluation.extraction import bag_scores, evaluate_extraction, snippet_counts
from eventwire.extraction import ExtractSettings, extract_fragment, extract_html
from eventwire.settings import defaults

DATA = Path(__file__).parent / "data" / "extraction"
PARAS = "".join(
    f"<p>Paragraph {i}: shelling hit the district overnight, officials said, and rescue teams worked "
    f"through the morning to reach people trapped under the rubble of a five-storey building.</p>"
    for i in range(4))


def _page(head: str = "", body: str = PARAS) -> str:
    return (f"<html><head><title>Strike on the district</title>{head}</head>"
            f"<body><article>{body}</article></body></html>")


def _read(name: str) -> str:
    return decode_bytes((DATA / name).read_bytes(), html=True)[0]


def test_seed_page_keeps_the_article_and_drops_the_chrome() -> None:
    expected = json.loads((DATA / "seed-expected-events.json").read_text("utf-8"))["article"]
    got = extract_html(_read("seed-article.html"), "https://dailybrief.example/russian-strikes/")
    for needle in expected["main_text_must_contain"]:
        assert needle in got.text
    for needle in expected["main_text_must_not_contain"]:
        assert needle not in got.text
    assert "Also Read" not in got.text
    assert (got.published, got.published_from) == ("2023-12-31", "json-ld")
    assert got.site == "The Daily Brief"
    assert got.author == "Staff Writer"


def test_read_also_teasers_are_dropped_from_a_real_page() -> None:
    # trafilatura alone keeps the three "Lea también:" teasers of this page inside the article
    gold = json.loads((DATA / "100noticias.com-millones.json").read_text("utf-8"))
    got = extract_html(_read("100noticias.com-millones.html"))
    text = " ".join(got.text.split())
    assert all(" ".join(s.split()) in text for s in gold["with"])
    assert not any(" ".join(s.split()) in text for s in gold["without"])


def test_share_bar_cookie_notice_and_hidden_nodes_do_not_leak() -> None:
    body = (PARAS + "<p>Follow us on Twitter and Facebook for the latest updates</p>"
            "<p>We use cookies to improve your experience.</p>"
            '<div style="display: none"><p>Hidden teaser about an unrelated celebrity wedding.</p></div>'
            "<p>Read more: Ceasefire talks stall again</p>")
    text = extract_html(_page(body=body)).text
    assert "Paragraph 3" in text
    for chrome in ("Follow us", "cookies", "celebrity wedding", "Ceasefire talks stall"):
        assert chrome not in text


def test_fragment_is_kept_whole_with_paragraphs() -> None:
    html = "<p>Two soldiers were <b>killed</b> near Avdiivka.</p><ul><li>Read more</li></ul><p>Second item.</p>"
    got = extract_fragment(html)
    assert got.text.split("\n") == ["Two soldiers were killed near Avdiivka.", "Read more", "Second item."]
    assert (got.extractor, got.published_from) == ("fragment", "none")


@pytest.mark.parametrize("html", ["", "   ", "<html><body><script>var a = 1;</script></body></html>"])
def test_pages_without_main_text_raise(html: str) -> None:
    with pytest.raises(ExtractionError, match=r"no main text|could not be parsed"):
        extract_html(html)


def test_empty_fragment_raises() -> None:
    with pytest.raises(ExtractionError):
        extract_fragment("<div><img src='x.png'></div>")


@pytest.mark.parametrize(("head", "url", "expected"), [
    ('<meta property="article:published_time" content="2022-03-05T22:10:00+02:00">', None,
     ("2022-03-05", "html-meta")),
    ('<script type="application/ld+json">{"@graph": [{"@type": "ItemList", "datePublished": "2020-01-01"},'
     ' {"@type": "NewsArticle", "datePublished": "2022-03-06T08:00:00Z"}]}</script>', None,
     ("2022-03-06", "json-ld")),
    ("", "https://news.example/2022/03/07/strike-on-the-district/", ("2022-03-07", "url")),
    ("", "https://news.example/world/strike-on-the-district", (None, "none")),
])
def test_published_from_names_the_source(head: str, url: str | None, expected: tuple[str | None, str]) -> None:
    got = extract_html(_page(head=head), url)
    assert (got.published, got.published_from) == expected


def test_date_in_visible_text_only() -> None:
    got = extract_html(_page(body='<p class="date">Published 8 March 2022</p>' + PARAS))
    assert (got.published, got.published_from) == ("2022-03-08", "visible-text")


def test_cp1251_page_is_decoded_then_extracted() -> None:
    paragraph = "<p>Обстрел района продолжался всю ночь, сообщили местные власти, спасатели работали до утра.</p>"
    html = ('<html><head><meta charset="windows-1251"><title>Обстрел</title></head><body><article>'
            + paragraph * 4 + "</article></body></html>")
    text, encoding = decode_bytes(html.encode("cp1251"), html=True)
    assert encoding in ("cp1251", "windows-1251")
    assert "Обстрел района продолжался всю ночь" in extract_html(text).text


def test_settings_come_from_the_shipped_defaults() -> None:
    assert ExtractSettings.from_section(defaults()["extract"]) == ExtractSettings()


def test_settings_change_the_output() -> None:
    body = PARAS + '<div hidden><p>A hidden paragraph that only a prune-free run would ever see in full.</p></div>'
    assert "hidden paragraph" not in extract_html(_page(body=body)).text
    assert "hidden paragraph" in extract_html(_page(body=body), settings=ExtractSettings(prune_xpath=())).text


def test_extraction_is_deterministic() -> None:
    html = _read("seed-article.html")
    assert extract_html(html) == extract_html(html)


def test_scorer_metrics_on_known_inputs(tmp_path: Path) -> None:
    assert bag_scores(["a b c d"], ["a b c d"]) == (1.0, 1.0, 1.0)
    precision, recall, _ = bag_scores(["a b c d"], ["a b x y"])
    assert (precision, recall) == (0.5, 0.5)
    (tmp_path / "p.html").write_bytes((DATA / "seed-article.html").read_bytes())
    gold = {"id": "p", "with": ["sports center, an ice rink"], "without": ["Hot Topics"], "date": "2023-12-31"}
    (tmp_path / "p.json").write_text(json.dumps(gold), "utf-8")
    report = evaluate_extraction(tmp_path, baseline=False)
    assert (report.ours.f1, report.ours.date_acc, report.ours.invented_dates) == (1.0, 1.0, 0)
    assert "mean F1 1.000" in report.render()


def test_snippet_counts_find_leaks() -> None:
    from eventwire.evaluation.extraction import GoldPage
    page = GoldPage(id="x", html="", url=None, with_=["kept text"], without=["menu item"])
    assert snippet_counts(page, "kept  text\nmenu item") == (1, 1, 0)


def _dated_page(head: str = "", header: str = "", tail: str = "") -> str:
    return (f"<html><head><title>Strike on the district</title>{head}</head><body><article>"
            f"<h1>Strike on the district overnight</h1>{header}{PARAS}</article>{tail}</body></html>")


_LD_PUBLISHED = ('<script type="application/ld+json">{"@type": "NewsArticle", '
                 '"datePublished": "2019-10-15T16:59:59Z", "dateModified": "2020-03-12T14:42:17Z"}</script>')


def test_date_shown_beside_the_headline_beats_an_older_structured_one() -> None:
    # the page stands by its "Updated" date; the gold sets record what readers are shown
    got = extract_html(_dated_page(_LD_PUBLISHED, '<div class="timestamp">Updated Mar 12, 2020</div>'))
    assert (got.published, got.published_from) == ("2020-03-12", "visible-text")


def test_shown_date_equal_to_the_structured_one_keeps_the_structured_source() -> None:
    got = extract_html(_dated_page(_LD_PUBLISHED, '<span class="post-date">October 15, 2019</span>'))
    assert (got.published, got.published_from) == ("2019-10-15", "json-ld")


def test_datetime_attribute_gives_the_local_day_of_a_utc_timestamp() -> None:
    head = '<meta property="article:published_time" content="2022-05-04T03:37:37+00:00">'
    header = '<time datetime="2022-05-03T23:37:37-04:00">3 May, 2022, 11:37 pm</time>'
    assert extract_html(_dated_page(head, header)).published == "2022-05-03"


def test_written_date_one_day_off_is_a_time_zone_and_keeps_the_structured_date() -> None:
    head = '<meta property="article:published_time" content="2018-06-12T23:00:00.000Z">'
    got = extract_html(_dated_page(head, '<ul class="meta"><li>On 6/13/2018 by @someone</li></ul>'))
    assert (got.published, got.published_from) == ("2018-06-12", "html-meta")


def test_webpage_node_alone_does_not_date_a_static_page() -> None:
    # WordPress SEO plugins stamp every static page (about, portfolio) with a WebPage datePublished
    head = '<script type="application/ld+json">{"@type": "WebPage", "datePublished": "2017-02-19"}</script>'
    got = extract_html(_dated_page(head))
    assert (got.published, got.published_from) == (None, "none")


@pytest.mark.parametrize("tail", [
    '<div class="comments"><div class="comment-meta"><time datetime="2020-11-01T03:32">Nov 1, 2020</time>'
    "</div></div>",
    '<div id="footer"><ul><li id="lastmod">This page was last modified on 4 November 2020.</li></ul></div>',
    '<div id="page-info">page revision: 8, last edited: <span class="odate">17 Jun 2018 15:15</span></div>',
    '<script>var session = {"expires": "2020-01-29T13:55:20.000Z"};</script>',
])
def test_comment_footer_revision_and_script_dates_do_not_date_the_page(tail: str) -> None:
    got = extract_html(_dated_page(tail=tail))
    assert (got.published, got.published_from) == (None, "none")


def test_date_written_in_a_labelled_line_is_read() -> None:
    got = extract_html(_dated_page(header='<p class="date">Written: 2023-11-07 15:03:30 / Updated: '
                                          "2023-11-07 15:30:46</p>"))
    assert (got.published, got.published_from) == ("2023-11-07", "visible-text")


def test_titles_lose_the_site_name_pages_add() -> None:
    from eventwire.extraction import clean_title

    assert clean_title("Peanut Butter Truffles - Elavegan", "Elavegan", None) == "Peanut Butter Truffles"
    harpers = clean_title("A Letter on Justice | Harper's Magazine", None, "https://harpers.org/x")
    assert harpers == "A Letter on Justice"
    assert clean_title("Kyiv Post | Russian strikes hit Kharkiv overnight", "Kyiv Post", None) == (
        "Russian strikes hit Kharkiv overnight")
    # a colon inside a headline is not a site separator, and nothing is cut from a one-part title
    headline = "Belgorod: what we know about the attack"
    assert clean_title(headline, None, None) == headline
    assert clean_title("Strikes hit Kharkiv", "Daily", None) == "Strikes hit Kharkiv"
