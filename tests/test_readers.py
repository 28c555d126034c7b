"""Readers: every format and every kind of bad input, on real files written to tmp_path."""

from __future__ import annotations

import gzip
import io
import json
import os
import threading
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.document import Failure, Record
from eventwire.errors import ConfigError
from eventwire.readers import ReaderOptions, iter_inputs
from eventwire.readers.dates import normalise_date
from eventwire.settings import defaults

OPTIONS = ReaderOptions()
RUSSIAN = ("Вчера вечером в районе города прошли обстрелы. По словам местных властей, погибли три человека, "
           "ещё пятеро получили ранения. Жители сообщают о разрушенных домах и перебоях с электричеством.\n"
           "Сегодня утром спасатели продолжили разбирать завалы на улице Мира.\n")


def read(paths: list[str | Path], options: ReaderOptions = OPTIONS, stdin: io.BytesIO | None = None,
         ) -> list[Record | Failure]:
    return list(iter_inputs([str(p) for p in paths], options, stdin=stdin))


def records(items: list[Record | Failure]) -> list[Record]:
    return [i for i in items if isinstance(i, Record)]


def failures(items: list[Record | Failure]) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def only_failure(items: list[Record | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    assert items[0].stage == "read" and items[0].message
    return items[0]


# --- options ---------------------------------------------------------------------------------------

def test_defaults_match_defaults_toml() -> None:
    assert ReaderOptions.from_settings(defaults()) == ReaderOptions()


def test_from_settings_overrides_and_none() -> None:
    settings = defaults()
    settings["jsonl"]["text_field"] = "body"
    opts = ReaderOptions.from_settings(settings, max_bytes=10, id_field=None, patterns=["*.txt"])
    assert (opts.max_bytes, opts.text_field, opts.id_field, opts.patterns) == (10, "body", "id", ("*.txt",))
    with pytest.raises(ConfigError):
        ReaderOptions.from_settings(settings, colour="red")
    with pytest.raises(ConfigError):
        ReaderOptions(max_bytes=0)


# --- plain text -------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_cyrillic_text_without_declaration(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes((RUSSIAN * 3).encode(encoding))
    [record] = read([path])
    assert isinstance(record, Record)
    assert record.kind == "text" and record.content == RUSSIAN * 3
    assert record.source == record.raw_ref == str(path)


def test_text_kept_exactly(tmp_path: Path) -> None:
    text = "\n\n  Kyiv, 5 March.\r\nShelling overnight.  \t\n\n"
    path = tmp_path / "a.text"
    path.write_bytes(text.encode("utf-8"))
    [record] = read([path])
    assert isinstance(record, Record) and record.content == text


def test_binary_file_renamed_txt(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    elf = tmp_path / "tool.txt"
    elf.write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    assert [f.reason for f in failures(read([png, elf]))] == ["binary", "binary"]


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").touch()
    (tmp_path / "blank.html").write_text("  \n\n")
    assert [f.reason for f in failures(read([tmp_path / "empty.txt", tmp_path / "blank.html"]))] == ["empty"] * 2


# --- HTML -------------------------------------------------------------------------------------------

def test_html_bytes_untouched(tmp_path: Path) -> None:
    page = ("<html><head><meta charset=windows-1251><title>Новости</title>"
            "<link href='https://news.example/a?id=1&amp;p=2' rel=\"canonical\"></head>"
            f"<body><p>{RUSSIAN}</p></body></html>").encode("cp1251")
    path = tmp_path / "page.HTM"
    path.write_bytes(page)
    [record] = read([path])
    assert isinstance(record, Record)
    assert record.kind == "html" and record.content == page and isinstance(record.content, bytes)
    assert record.url == "https://news.example/a?id=1&p=2"
    assert record.raw_ref == str(path)


def test_html_og_url_and_relative_canonical(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text('<html><head><link rel="canonical" href="/relative">'
                    '<meta property="og:url" content="https://site.example/story"></head><body>x</body></html>')
    [record] = read([path])
    assert isinstance(record, Record) and record.url == "https://site.example/story"


# --- JSONL and JSON ---------------------------------------------------------------------------------

def test_jsonl_custom_fields_and_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"key": 17, "body": "  First text.\n", "link": "https://a.example/1", "headline": "One",
                    "when": "2024-03-05T23:30:00-05:00"}),
        '{"key": 18, "body": "broken',  # bad JSON in the middle
        "",
        json.dumps({"key": "x-19", "body": "Третий текст.", "when": "Tue, 05 Mar 2024 10:00:00 GMT"},
                   ensure_ascii=False),
        json.dumps({"key": 20, "text": "wrong field"}),
        json.dumps({"key": 21, "body": ["not", "a", "string"]}),
        json.dumps({"body": "Last one.", "when": "sometime"}),
    ]
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opts = ReaderOptions(text_field="body", id_field="key", url_field="link", title_field="headline", date_field="when")
    items = read([path], opts)
    assert [(i.source.rsplit("#", 1)[1], type(i).__name__, getattr(i, "reason", None)) for i in items] == [
        ("L1", "Record", None), ("L2", "Failure", "bad-format"), ("L4", "Record", None),
        ("L5", "Failure", "missing-field"), ("L6", "Failure", "bad-format"), ("L7", "Record", None)]
    first, third, last = records(items)
    assert (first.input_id, first.content, first.url, first.title) == ("17", "  First text.\n", "https://a.example/1",
                                                                       "One")
    assert (first.published, first.published_from, first.kind) == ("2024-03-05", "input", "text")
    assert (third.input_id, third.content, third.published) == ("x-19", "Третий текст.", "2024-03-05")
    assert (last.input_id, last.published, last.published_from) == (None, None, None)


def test_jsonl_line_over_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    lines = [json.dumps({"text": "a" * 5000}), json.dumps({"text": "short"})]
    path.write_text("\n".join(lines))
    items = read([path], ReaderOptions(max_bytes=1000))
    assert [getattr(i, "reason", "ok") for i in items] == ["too-large", "ok"]
    assert items[1].source.endswith("#L2")


def test_jsonl_that_is_not_jsonl_stops_early(tmp_path: Path) -> None:
    path = tmp_path / "table.jsonl"
    path.write_text("a,b,c\n" * 1000)
    items = read([path])
    assert len(items) == 21 and items[-1].source == str(path) and items[-1].reason == "bad-format"


def test_json_list_of_objects(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"id": 1, "text": "One."}, "oops", {"id": 2, "text": "Two.", "date": "2024/01/02"}]))
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Record", "Failure", "Record"]
    assert [i.source for i in items] == [f"{path}#0", f"{path}#1", f"{path}#2"]
    assert records(items)[1].published == "2024-01-02"


def test_json_file_holding_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"text": "a"}\n{"text": "b"}\n')
    assert [r.content for r in records(read([path]))] == ["a", "b"]


# --- feeds ------------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>Strike on depot</title><link>https://wire.example/1</link><author>desk@wire.example (Ann Lee)</author>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>Full <b>story</b> text.</p>]]></content:encoded></item>
<item><title>Ceasefire talks</title><link>https://wire.example/2</link>
<description>&lt;p&gt;Talks resumed.&lt;/p&gt;</description></item>
<item><title>No body</title><link>https://wire.example/3</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:x</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Entry one</title><id>urn:1</id><link href="https://atom.example/1"/>
<author><name>Bo Chen</name></author><updated>2024-03-06T08:00:00Z</updated>
<content type="html">&lt;p&gt;Atom content.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS)
    first, second, third = read([path])
    assert isinstance(first, Record) and isinstance(second, Record) and isinstance(third, Failure)
    assert (first.kind, first.content, first.url, first.title) == ("fragment", "<p>Full <b>story</b> text.</p>",
                                                                   "https://wire.example/1", "Strike on depot")
    assert (first.published, first.published_from, first.source) == ("2024-03-05", "feed", f"{path}#0")
    assert first.author and "Ann Lee" in first.author
    assert second.content == "<p>Talks resumed.</p>" and second.published is None
    assert (third.reason, third.source) == ("empty", f"{path}#2")


def test_atom_feed_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(ATOM)
    [entry] = read([path])
    assert isinstance(entry, Record)
    assert (entry.content, entry.url, entry.author, entry.published) == (
        "<p>Atom content.</p>", "https://atom.example/1", "Bo Chen", "2024-03-06")


def test_invalid_feed_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text('<?xml version="1.0"?><rss><channel><title>x</ti')
    assert only_failure(read([path])).reason == "bad-format"
    husk = tmp_path / "husk.rss"  # one entry survives the broken XML, with nothing in it
    husk.write_text("<rss><channel><item><title>unclosed</channel>")
    assert only_failure(read([husk])).reason == "bad-format"


def test_bozo_feed_with_entries_keeps_entries(tmp_path: Path) -> None:
    path = tmp_path / "sloppy.rss"
    path.write_text(RSS.replace("Ceasefire talks", "Talks & more").replace("</channel></rss>", "</channel>"))
    assert len(records(read([path]))) == 2


# --- WARC -------------------------------------------------------------------------------------------

PAGE = b"<html><head><title>Kharkiv</title></head><body><p>Shelling hit the city centre.</p></body></html>"


def _write_warc(path: Path, gzipped: bool = True) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)

        def response(uri: str, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=http))

        response("https://news.example/a", "200 OK",
                 [("Content-Type", "text/html; charset=UTF-8"), ("Content-Encoding", "gzip")], gzip.compress(PAGE))
        response("https://news.example/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG" + b"\0" * 500)
        response("https://news.example/old", "301 Moved Permanently",
                 [("Location", "https://news.example/a"), ("Content-Type", "text/html")], b"<html>moved</html>")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gzipped=name.endswith(".gz"))
    [record] = read([path])
    assert isinstance(record, Record)
    assert (record.kind, record.content, record.url, record.charset) == ("html", PAGE, "https://news.example/a",
                                                                          "utf-8")
    assert record.captured and record.captured.startswith("20") and record.published is None
    assert (record.source, record.raw_ref) == (f"{path}#0", f"{path}@0")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_truncated_warc(tmp_path: Path, name: str) -> None:
    whole = tmp_path / ("whole-" + name)
    _write_warc(whole, gzipped=name.endswith(".gz"))
    cut = tmp_path / name
    cut.write_bytes(whole.read_bytes()[:-60])
    items = read([cut])
    assert isinstance(items[0], Record) and items[0].content == PAGE
    assert [f.reason for f in failures(items)] == ["truncated"]


def test_warc_gzipped_as_one_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.warc"
    _write_warc(plain, gzipped=False)
    path = tmp_path / "whole.warc.gz"  # `gzip crawl.warc`: warcio refuses it, the reader rereads it
    path.write_bytes(gzip.compress(plain.read_bytes()))
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Record"] and items[0].content == PAGE


def test_arc_file(tmp_path: Path) -> None:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=koi8-r\r\n\r\n" + PAGE
    header = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = b"filedesc://t.arc 0.0.0.0 20240305120000 text/plain %d\n%s\n" % (len(header), header)
    arc += b"http://news.example/a 1.2.3.4 20240305120000 text/html %d\n%s\n" % (len(body), body)
    path = tmp_path / "t.arc.gz"
    path.write_bytes(gzip.compress(arc))
    [record] = read([path])
    assert isinstance(record, Record)
    assert (record.url, record.captured, record.charset, record.content) == (
        "http://news.example/a", "2024-03-05T12:00:00Z", "koi8-r", PAGE)


def test_stdin_warc_gz(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    [record] = read(["-"], stdin=io.BytesIO(path.read_bytes()))
    assert isinstance(record, Record) and (record.source, record.raw_ref, record.content) == ("<stdin>#0", None, PAGE)


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n")
    assert only_failure(read([path])).reason == "bad-format"


# --- bundles ----------------------------------------------------------------------------------------

def test_gz_bundles(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "rows.jsonl.gz").write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    (tmp_path / "mystery.gz").write_bytes(gzip.compress(PAGE))  # no inner extension: sniffed
    items = read([tmp_path / "page.html.gz", tmp_path / "rows.jsonl.gz", tmp_path / "mystery.gz"])
    assert [(r.source.replace(str(tmp_path), ""), r.kind) for r in records(items)] == [
        ("/page.html.gz", "html"), ("/rows.jsonl.gz#L1", "text"), ("/rows.jsonl.gz#L2", "text"),
        ("/mystery.gz", "html")]
    assert records(items)[0].content == PAGE


def test_truncated_and_corrupt_gz(tmp_path: Path) -> None:
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(RUSSIAN.encode() * 50)[:-30])
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 20)
    items = read([tmp_path / "cut.txt.gz", tmp_path / "bad.txt.gz"])
    assert [f.reason for f in items] == ["truncated", "bad-format"]


def test_zip_bundle(tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("b/story.html", PAGE)
        z.writestr("a/notes.txt", "Notes from the field.")
        z.writestr("a/rows.jsonl", '{"text": "row"}\n')
        z.writestr("inner.zip", _zip_bytes({"deep.txt": "Deep text."}))
        z.writestr("page.html.gz", gzip.compress(PAGE))
        z.writestr("image.png", b"\x89PNG")  # not matching the patterns: skipped like in a folder
        z.writestr("__MACOSX/b/._story.html", b"\0\0junk")
        z.writestr(".hidden.txt", "hidden")
        z.writestr("empty/", "")
    items = read([path])
    assert [(i.source.replace(str(tmp_path), ""), type(i).__name__) for i in items] == [
        ("/bundle.zip#a/notes.txt", "Record"), ("/bundle.zip#a/rows.jsonl#L1", "Record"),
        ("/bundle.zip#b/story.html", "Record"), ("/bundle.zip#inner.zip#deep.txt", "Record"),
        ("/bundle.zip#page.html.gz", "Record")]
    assert items[2].content == PAGE and items[0].content == "Notes from the field."


def _zip_bytes(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_member_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip_bytes({"bomb.txt": b"a" * 5_000_000, "ok.txt": "fine"}))
    assert path.stat().st_size < 50_000
    items = read([path], ReaderOptions(max_bytes=100_000))
    assert [getattr(i, "reason", "ok") for i in items] == ["too-large", "ok"]


def test_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(_zip_bytes({"a.txt": "text " * 100})[:60])
    assert only_failure(read([path])).reason == "bad-format"


# --- size, paths, stdin -----------------------------------------------------------------------------

def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.truncate(200_000_000)  # sparse: no disk used
    tracemalloc.start()
    try:
        failure = only_failure(read([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert failure.reason == "too-large" and failure.source == str(path)
    assert peak < 5_000_000  # refused from its size, never read into memory


def test_missing_path() -> None:
    failure = only_failure(read(["/nonexistent/eventwire/page.html"]))
    assert failure.reason == "unreadable" and "no such file" in failure.message


def test_path_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    assert only_failure(read([tmp_path / "file.txt" / "child.txt"])).reason == "unreadable"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("secret")
    path.chmod(0)
    try:
        assert only_failure(read([path])).reason == "unreadable"
    finally:
        path.chmod(0o600)


def test_folder_expansion_patterns_and_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.html", "a/B.TXT", "a/skip.png", "c/d/e.jsonl", ".git/x.txt", "a/.hidden.txt", "A.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text('{"text": "t"}' if name.endswith(".jsonl") else "<html>x</html> text")
    got = [i.source for i in read([tmp_path, tmp_path / "b.txt"])]  # b.txt again: read once
    assert [s.replace(str(tmp_path) + "/", "") for s in got] == ["A.txt", "a/B.TXT", "a/z.html", "b.txt",
                                                                 "c/d/e.jsonl#L1"]
    narrow = ReaderOptions(patterns=("*.html",))
    assert [i.source.replace(str(tmp_path) + "/", "") for i in read([tmp_path], narrow)] == ["a/z.html"]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "only.png").write_bytes(b"\x89PNG")
    assert only_failure(read([tmp_path])).reason == "unreadable"


def test_globs(tmp_path: Path) -> None:
    for name in ["x1.txt", "x2.txt", "sub/x3.txt", "y.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("some text " + name)
    got = read([f"{tmp_path}/**/x*.txt"])
    assert [i.source.replace(str(tmp_path) + "/", "") for i in got] == ["sub/x3.txt", "x1.txt", "x2.txt"]
    assert only_failure(read([f"{tmp_path}/nothing*.html"])).reason == "unreadable"


def test_stdin_jsonl() -> None:
    data = b'{"id": 1, "text": "From a pipe."}\n{"id": 2, "text": "Second."}\n'
    items = read(["-"], stdin=io.BytesIO(data))
    assert [(r.source, r.input_id, r.content) for r in records(items)] == [
        ("<stdin>#L1", "1", "From a pipe."), ("<stdin>#L2", "2", "Second.")]
    assert all(r.raw_ref is None for r in records(items))


def test_stdin_html_and_gzip() -> None:
    page = b"  <!DOCTYPE html>\n" + PAGE
    [record] = read(["-"], stdin=io.BytesIO(page))
    assert isinstance(record, Record) and (record.kind, record.content, record.source) == ("html", page, "<stdin>")
    [zipped] = read(["-"], stdin=io.BytesIO(gzip.compress(page)))
    assert isinstance(zipped, Record) and zipped.content == page


def test_stdin_text_too_large() -> None:
    assert only_failure(read(["-"], ReaderOptions(max_bytes=100), stdin=io.BytesIO(b"word " * 1000))).reason == \
        "too-large"


def test_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(b'{"text": "through a pipe"}\n',))
    writer.start()
    try:
        [record] = read([fifo])
    finally:
        writer.join(timeout=5)
    assert isinstance(record, Record) and record.content == "through a pipe"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    assert only_failure(read([path])).reason == "bad-format"
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert only_failure(read([empty])).reason == "empty"


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-03-05", "2024-03-05"), ("2024-03-05T23:30:00-05:00", "2024-03-05"),
    ("2024-03-05 10:00:00 UTC", "2024-03-05"),
    ("Tue, 05 Mar 2024 23:30:00 -0500", "2024-03-05"), ("5 March 2024", "2024-03-05"), ("March 5, 2024", "2024-03-05"),
    ("2024/03/05", "2024-03-05"), ("yesterday", None), ("", None), (20240305, None), ("0001-01-01", None),
])
def test_normalise_date(raw: object, expected: str | None) -> None:
    assert normalise_date(raw) == expected


def test_unknown_extension_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page").write_bytes(PAGE)
    (tmp_path / "feed.dat").write_text(ATOM)
    (tmp_path / "notes").write_text("Plain words.")
    kinds = [r.kind for r in records(read([tmp_path / "page", tmp_path / "feed.dat", tmp_path / "notes"]))]
    assert kinds == ["html", "fragment", "text"]
