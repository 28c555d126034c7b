"""The `eventwire` command: a thin layer over the Python API (eventwire.api, eventwire.Store).

Exit codes: 0 success; 1 the command ran but some inputs failed (see `eventwire failures`);
2 bad usage or settings; 130 interrupted (rerun the same command to resume).
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import api
from .errors import EventwireError
from .export import (
    EVENT_FORMATS,
    FORMATS,
    PLACE_FORMATS,
    export_documents,
    export_events,
    export_links,
    export_mentions,
    export_places,
    export_stories,
)
from .ingest import IngestSummary
from .settings import Settings, load_settings
from .store import DocFilter, MentionFilter, Store

app = typer.Typer(help="Turn conflict news into a trustworthy event dataset.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
export_app = typer.Typer(help="Export the store's contents.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure quality against gold data.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")
gazetteer_app = typer.Typer(help="The place-name gazetteer the geoparser reads.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

# piped output is read by people in wide windows and by scripts: no 80-column squeeze there
out = Console() if sys.stdout.isatty() else Console(width=160)
err = Console(stderr=True)


@dataclass
class Context:
    db: str | None
    settings: Settings
    quiet: bool
    config: Path | None = None

    def store(self) -> Store:
        return api.open_store(self.db, self.settings)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option("--db", help="SQLite path or database URL [env: EVENTWIRE_DB; "
                                                        "default ./eventwire.db]")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file (TOML) over the defaults "
                                                                 "[env: EVENTWIRE_CONFIG]")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summaries on stderr.")] = False,
) -> None:
    ctx.obj = Context(db=db, settings=load_settings(config), quiet=quiet, config=config)


def _ctx(ctx: typer.Context) -> Context:
    return ctx.obj  # type: ignore[no-any-return]


# -- ingest ----------------------------------------------------------------------------------------


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    workers: Annotated[int | None, typer.Option(help="Worker processes (0 = one per core, 1 = in-process).")] = None,
    text_field: Annotated[str | None, typer.Option(help="JSONL field holding the text.")] = None,
    id_field: Annotated[str | None, typer.Option(help="JSONL field holding your id (kept as input_id).")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL field holding the URL.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL field holding the title.")] = None,
    date_field: Annotated[str | None, typer.Option(help="JSONL field holding the publication date.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Refuse inputs larger than this many bytes.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Read news (HTML, text, JSONL, RSS/Atom, WARC, .gz/.zip) into the store."""
    c = _ctx(ctx)
    with _progress(c.quiet) as on_progress:
        summary = api.ingest_paths(paths, db=c.db, settings=c.settings, workers=workers, stdin=sys.stdin.buffer,
                                   on_progress=on_progress, text_field=text_field, id_field=id_field,
                                   url_field=url_field, title_field=title_field, date_field=date_field,
                                   max_bytes=max_bytes)
    if as_json:
        out.print_json(data=summary.to_dict())
    elif not c.quiet:
        _print_summary(summary)
    raise typer.Exit(_exit_code(summary))


def _exit_code(summary: IngestSummary) -> int:
    if summary.status == "interrupted":
        return 130
    return 1 if summary.failed else 0


@contextmanager
def _progress(quiet: bool) -> Any:
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("reading…")

        def update(s: IngestSummary) -> None:
            bar.update(task, description=f"{s.read} read · {s.stored} stored · {s.failed} failed · "
                                         f"{s.docs_per_second:.1f} docs/s")

        yield update


def _print_summary(s: IngestSummary) -> None:
    table = Table(title="ingest summary", show_header=False)
    rows = [("documents read", s.read), ("stored (new)", s.stored),
            ("skipped: same text already stored", s.duplicates), ("skipped: input already ingested", s.unchanged),
            ("failed", s.failed)]
    rows += [(f"  failed: {reason}", n) for reason, n in s.failures_by_reason.items()]
    if s.not_analysed:
        kinds = ", ".join(f"{why.removeprefix('language ')} {n}" for why, n in sorted(
            s.not_analysed.items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append(("stored, not coded (language)", f"{sum(s.not_analysed.values())} ({kinds})"))
    rows += [("time", f"{s.seconds:.1f} s ({s.docs_per_second:.1f} docs/s)"), ("status", s.status)]
    for name, value in rows:
        table.add_row(name, str(value))
    err.print(table)
    if s.failed:
        err.print("[yellow]Some inputs failed:[/] `eventwire failures` lists each with its reason.")
    if s.not_analysed:
        err.print("Texts in other languages are stored but not coded; `\\[nlp] languages` (or "
                  "EVENTWIRE_NLP_LANGUAGES) names the languages the model reads.")
    if s.status == "interrupted":
        err.print("[yellow]Interrupted:[/] run the same command again to finish the rest.")


# -- inspect ---------------------------------------------------------------------------------------


@app.command()
def docs(
    ctx: typer.Context,
    site: Annotated[str | None, typer.Option(help="Only this site (host).")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language code, e.g. en.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    published_from: Annotated[str | None, typer.Option(help="Where the date came from (html-meta, none, …).")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Text or title contains.")] = None,
    source: Annotated[str | None, typer.Option(help="Input path contains.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout.")] = False,
) -> None:
    """List stored documents, newest first, with filters."""
    filters = DocFilter(site=site, language=language, since=since, until=until, published_from=published_from,
                        query=query, source=source)
    with _ctx(ctx).store() as store:
        rows = store.documents(filters, limit=limit, offset=offset)
        total = store.count_documents(filters)
    if as_json:
        for row in rows:
            _print_json_line({k: v for k, v in row.items() if k != "text"})
        return
    table = Table("id", "published", "from", "lang", "site", "title", title=f"{len(rows)} of {total} documents")
    for r in rows:
        table.add_row(r["id"], r["published"] or "", r["published_from"], r["language"] or "", r["site"] or "",
                      (r["title"] or r["text"][:60]).replace("\n", " ")[:80])
    out.print(table)


@app.command()
def events(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Event date on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Event date on or before YYYY-MM-DD.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")] = None,
    sub_event_type: Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type.")] = None,
    interaction: Annotated[str | None, typer.Option(help="PLOVER interaction type, e.g. ACCUSE.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2 country code of the place.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor 1 or 2 contains.")] = None,
    min_fatalities: Annotated[int | None, typer.Option(help="At least this many killed (best figure).")] = None,
    doc: Annotated[str | None, typer.Option(help="Only the mentions of this document id.")] = None,
    merged: Annotated[bool, typer.Option("--merged", help="Events merged across documents (with reports, "
                                                          "independent sources, ranges) instead of mentions.")]
    = False,
    min_sources: Annotated[int | None, typer.Option(help="With --merged: at least this many independent "
                                                         "sources.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout.")] = False,
) -> None:
    """List coded events newest first, with filters: each document's mentions, or with --merged the
    events merged across documents."""
    if merged:
        from .cli_resolve import print_merged_events
        from .resolve.queries import EventFilter, merged_events

        chosen = EventFilter(since=since, until=until, event_type=event_type, country=country,
                             min_sources=min_sources, interactions=interaction is not None)
        with _ctx(ctx).store() as store:
            print_merged_events(merged_events(store, chosen, limit, offset), as_json)
        return
    filters = MentionFilter(since=since, until=until, event_type=event_type, sub_event_type=sub_event_type,
                            interaction=interaction, country=country, actor=actor, min_fatalities=min_fatalities,
                            doc_id=doc)
    with _ctx(ctx).store() as store:
        rows = store.mentions(filters, limit=limit, offset=offset)
        total = store.count_mentions(filters)
    if as_json:
        for row in rows:
            _print_json_line(row)
        return
    table = Table(title=f"{len(rows)} of {total} events")
    for name, width in (("id", 16), ("date", 10), ("type", 24), ("actor 1", 30), ("actor 2", 26), ("place", 14),
                        ("killed", 6), ("injured", 7)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=width, min_width=min(width, 10))
    for r in rows:
        table.add_row(r["id"], r["event_date"] or "", _type_label(r), _actor(r["actor1"]), _actor(r["actor2"]),
                      (r.get("location") or {}).get("name") or "", _figure(r["fatalities"]), _figure(r["injured"]))
    out.print(table)


def _type_label(r: dict[str, Any]) -> str:
    return r["sub_event_type"] or r["event_type"] or r["interaction"] or ""


def _actor(actor: dict[str, Any] | None) -> str:
    return actor["name"] if actor else ""


def _figure(figure: dict[str, Any] | None) -> str:
    if not figure:
        return ""
    prefix = {"at least": "≥", "at most": "≤", "about": "~"}.get(figure["qualifier"], "")
    return f"{prefix}{figure['best']}"


@app.command()
def show(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id (or a unique prefix of 6+ chars).")],
    as_json: Annotated[bool, typer.Option("--json", help="The document as JSON.")] = False,
) -> None:
    """Show one document (metadata, origin, text), one mention (fields and evidence), or one merged event
    (its figures by source and why each mention joined)."""
    if doc_id.startswith("ev"):
        from .cli_resolve import show_merged_event
        from .resolve.queries import merged_event

        with _ctx(ctx).store() as store:
            event = merged_event(store, doc_id)
        if event is not None:
            show_merged_event(event, as_json)
            return
    with _ctx(ctx).store() as store:
        doc = store.document(doc_id)
        mention = None if doc else store.mention(doc_id)
        text = store.document(mention["doc_id"])["text"] if mention else ""  # type: ignore[index]
    if mention:
        _show_mention(mention, text, as_json)
        return
    if doc is None:
        err.print(f"No document or event with id {doc_id!r}; `eventwire docs` and `eventwire events` list ids.")
        raise typer.Exit(1)
    if as_json:
        out.print_json(data=doc, default=str)
        return
    table = Table(show_header=False, title=doc["title"] or doc["id"])
    for key in ("id", "url", "site", "author", "published", "published_from", "language", "input_id",
                "content_kind", "extractor", "sources", "urls"):
        table.add_row(key, str(doc.get(key) or ""))
    out.print(table)
    out.print(doc["text"], markup=False, highlight=False)


def _show_mention(mention: dict[str, Any], text: str, as_json: bool) -> None:
    if as_json:
        out.print_json(data=mention, default=str)
        return
    loc = mention.get("location") or {}
    table = Table(show_header=False, title=f"event {mention['id']}")
    rows = [("type", f"{mention['event_type'] or ''} / {mention['sub_event_type'] or ''}"),
            ("interaction", mention["interaction"]), ("date", f"{mention['event_date']} "
                                                             f"(precision {mention['time_precision']})"),
            ("actor 1", _actor(mention["actor1"])), ("actor 2", _actor(mention["actor2"])),
            ("place", f"{loc.get('name')} ({loc.get('admin1')}, {loc.get('country')}) "
                      f"{loc.get('latitude')}, {loc.get('longitude')} precision {loc.get('geo_precision')}"),
            ("killed", _figure(mention["fatalities"])), ("injured", _figure(mention["injured"])),
            ("status", mention["claim_status"]), ("confidence", f"{mention['confidence']:.2f}"),
            ("document", f"{mention['doc_id']} {mention.get('url') or ''}")]
    for name, value in rows:
        table.add_row(name, escape(str(value or "")))
    out.print(table)
    for claim in mention["claims"]:
        out.print(f"[bold]claim[/] by {escape(claim['speaker'])}: {escape(claim['text'])}")
    for ev in mention["evidence"]:
        out.print(f"[dim]{ev['field']}[/] …{escape(text[max(0, ev['start'] - 40):ev['start']])}"
                  f"[reverse]{escape(text[ev['start']:ev['end']])}[/]{escape(text[ev['end']:ev['end'] + 40])}…")


@app.command()
def failures(
    ctx: typer.Context,
    reason: Annotated[str | None, typer.Option(help="Only this reason (see `eventwire stats`).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout.")] = False,
) -> None:
    """List inputs that could not become documents, with stage and reason."""
    with _ctx(ctx).store() as store:
        rows = store.failures(reason, limit)
    if as_json:
        for row in rows:
            _print_json_line(row)
        return
    table = Table("source", "stage", "reason", "message", title=f"{len(rows)} failures")
    for r in rows:
        table.add_row(r["source"], r["stage"], r["reason"], r["message"])
    out.print(table)


@app.command()
def stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Counts: documents, inputs, failures by reason, languages, sites, date sources."""
    with _ctx(ctx).store() as store:
        data = store.stats()
        data["last_run"] = store.last_run()
    if as_json:
        out.print_json(data=data, default=str)
        return
    first, last = data["published_range"]
    totals = Table(show_header=False, title="store")
    for name, value in (("documents", data["documents"]), ("inputs linked", data["inputs"]),
                        ("failures", data["failures"]), ("published", f"{first or '-'} … {last or '-'}"),
                        ("runs", data["runs"]), ("last run", _run_line(data["last_run"]))):
        totals.add_row(name, str(value))
    out.print(totals)
    for key, title in (("failures_by_reason", "failures by reason"), ("by_published_from", "date source"),
                       ("by_language", "language"), ("by_content_kind", "content kind"), ("top_sites", "top sites")):
        if data[key]:
            table = Table(title, "n", title=title)
            for name, n in data[key].items():
                table.add_row(name, str(n))
            out.print(table)


def _run_line(run: dict[str, Any] | None) -> str:
    if not run:
        return "-"
    counts = run.get("counts") or {}
    return (f"#{run['id']} {run['status']}, {counts.get('read', 0)} read, {counts.get('stored', 0)} stored, "
            f"{counts.get('failed', 0)} failed")


@app.command()
def stages() -> None:
    """List the registered pipeline stages."""
    for name in api.stage_names():
        out.print(name)


# -- export and eval -------------------------------------------------------------------------------


@export_app.command("docs")
def export_docs(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
) -> None:
    """Export documents with all their fields (see docs/interfaces.md)."""
    filters = DocFilter(site=site, language=language, since=since, until=until)
    with _ctx(ctx).store() as store, _sink(output) as sink:
        n = export_documents(store, fmt, sink, filters)
    if not _ctx(ctx).quiet and output:
        err.print(f"wrote {n} documents to {output}")


@export_app.command("mentions")
def export_mentions_cmd(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(EVENT_FORMATS)}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    doc: Annotated[str | None, typer.Option(help="Only this document's mentions.")] = None,
) -> None:
    """Export coded mentions: each document's events (ACLED columns in CSV/GeoJSON/Parquet)."""
    _export(ctx, output, lambda store, sink: export_mentions(store, fmt, sink, MentionFilter(doc_id=doc)))


@export_app.command("events")
def export_events_cmd(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(EVENT_FORMATS)}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """Export events merged across documents (interactions included; `eventwire resolve` makes them)."""
    _export(ctx, output, lambda store, sink: export_events(store, fmt, sink))


@export_app.command("stories")
def export_stories_cmd(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """Export stories: label, first and last seen, articles, sites, event count."""
    _export(ctx, output, lambda store, sink: export_stories(store, fmt, sink))


@export_app.command("links")
def export_links_cmd(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """Export the mention → event links, with each link's score and reasons."""
    _export(ctx, output, lambda store, sink: export_links(store, fmt, sink))


@export_app.command("places")
def export_places_cmd(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(PLACE_FORMATS)}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """Export every place name found in each document, with offsets and coordinates."""
    _export(ctx, output, lambda store, sink: export_places(store, fmt, sink))


def _export(ctx: typer.Context, output: Path | None, write: Any) -> None:
    with _ctx(ctx).store() as store, _sink(output) as sink:
        n = write(store, sink)
    if not _ctx(ctx).quiet and output:
        err.print(f"wrote {n} records to {output}")


@contextmanager
def _sink(path: Path | None) -> Any:
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with path.open("wb") as fh:
        yield fh


@eval_app.command("extraction")
def eval_extraction(
    gold: Annotated[list[Path], typer.Option("--gold", help="Gold folder(s) of <id>.html + <id>.json pairs.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N pages of each folder.")] = None,
    baseline: Annotated[bool, typer.Option(help="Also score bare trafilatura defaults on the same pages.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Score main-text and date extraction against gold pages."""
    from .evaluation.extraction import render_reports, totals

    reports = api.evaluate_extraction(gold, baseline=baseline, limit=limit)
    if as_json:
        data = {"sets": [r.to_dict() for r in reports], "eventwire": totals(reports)}
        if baseline:
            data["trafilatura"] = totals(reports, baseline=True)
        out.print_json(data=data)
        return
    print(render_reports(reports))


@eval_app.command("events")
def eval_events(
    ctx: typer.Context,
    gold: Annotated[list[Path], typer.Option("--gold", help="Gold JSONL file(s): UCDP GED, ACLED labels, "
                                                            "Mass Mobilization, PLOVER, or eventwire's own.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N records of each file.")] = None,
    main: Annotated[str, typer.Option(help="Which of a text's events meets its gold event: surest | first "
                                           "(the first told, as a news lede tells its story's event).")] = "surest",
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Score event coding on every field the gold has, with bootstrap 95% intervals."""
    from .evaluation.events import MAIN_RULES, evaluate_events

    if main not in MAIN_RULES:
        raise typer.BadParameter(f"--main must be one of {', '.join(MAIN_RULES)}")
    reports = [evaluate_events(path, settings=_ctx(ctx).settings, limit=limit, main=main) for path in gold]
    if as_json:
        out.print_json(data=[r.to_dict() for r in reports])
        return
    for report in reports:
        print(report.render())


@eval_app.command("clusters")
def eval_clusters(
    ctx: typer.Context,
    gold: Annotated[list[Path], typer.Option("--gold", help="JSONL with `cluster` and `text` (and `id`, `title`, "
                                                            "`date`): ECB+, Giveme5W1H, copy families.")],
    level: Annotated[str, typer.Option(help="copies | events | stories | mentions")] = "stories",
    limit: Annotated[int | None, typer.Option(help="Only the first N records of each file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Score a grouping against gold clusters: B³ and pairwise P/R/F1, cluster-count ratio, false and
    missed merges."""
    from .evaluation.clusters import evaluate_clusters

    reports = [evaluate_clusters(path, level, settings=_ctx(ctx).settings, limit=limit) for path in gold]
    if as_json:
        out.print_json(data=[r.to_dict() for r in reports])
        return
    for report in reports:
        print(report.render())


@eval_app.command("places")
def eval_places(
    gold: Annotated[Path, typer.Option("--gold", help="Toponym gold JSONL (GeoVirus format).")],
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Score geoparsing: toponyms found, resolved within 161 km and 25 km, area under the error curve."""
    from .evaluation.places import evaluate_places

    report = evaluate_places(gold, limit=limit)
    if as_json:
        out.print_json(data=report.to_dict())
        return
    print(report.render())


def _print_json_line(row: dict[str, Any], stream: IO[str] | None = None) -> None:
    print(json.dumps(row, ensure_ascii=False, default=str), file=stream or sys.stdout)


def main() -> None:
    try:
        app()
    except EventwireError as exc:
        err.print("[red]error:[/]", escape(str(exc)), highlight=False)
        sys.exit(2)


# -- gazetteer -------------------------------------------------------------------------------------


@gazetteer_app.command("build")
def gazetteer_build(
    out_path: Annotated[Path | None, typer.Option("--out", help="File to write [default: where eventwire "
                                                                "looks; env EVENTWIRE_GAZETTEER]")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when the file exists.")] = False,
) -> None:
    """Build the gazetteer from GeoNames data in installed packages (offline, about 25 seconds)."""
    from .geo.build import build
    from .geo.gazetteer import default_path

    path = out_path or default_path()
    if path.is_file() and not force:
        err.print(f"gazetteer already at {path} (--force rebuilds it)")
        return
    with err.status(f"building the gazetteer at {path}"):
        counts = build(path)
    err.print(f"{sum(counts.values()):,} places -> {path}")


from . import cli_resolve, cli_serve  # noqa: E402, F401  (register resolve, stories, trending, merge, split;
# serve, token, review)
