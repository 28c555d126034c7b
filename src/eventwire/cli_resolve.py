"""CLI commands over resolution (`eventwire.resolve`): resolve, stories, trending, merge, split, and the
merged-event views that `events --merged` and `show EVENT` print. Registered on the main app."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from .cli import _ctx, _print_json_line, app, err, out
from .resolve import queries
from .resolve.run import Resolver
from .resolve.trending import parse_window


@app.command()
def resolve(
    ctx: typer.Context,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget families, stories and events and resolve "
                                                            "every document again (your merges and splits stay).")]
    = False,
) -> None:
    """Find copy families and stories and merge mentions into events for documents not yet resolved
    (ingest does this after each batch unless `[resolve] after_ingest = false`)."""
    c = _ctx(ctx)
    with c.store() as store:
        resolver = Resolver(store, c.settings)
        with err.status("resolving"):
            summary = resolver.rebuild() if rebuild else resolver.resolve_pending()
    err.print(f"{summary.documents} documents: {summary.copies} copies, {summary.new_events} new events, "
              f"{summary.merged_mentions} mentions merged into known events ({summary.seconds:.1f} s)")


@app.command()
def stories(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout.")] = False,
) -> None:
    """Stories: articles grouped across days, most recently seen first, with their sites and events."""
    with _ctx(ctx).store() as store:
        rows = queries.stories(store, limit)
    if as_json:
        for row in rows:
            _print_json_line(row)
        return
    table = Table(title=f"{len(rows)} stories")
    for name in ("story", "label", "first", "last", "articles", "sites", "events"):
        table.add_column(name, overflow="ellipsis", max_width=40)
    for r in rows:
        table.add_row(r["story_id"], escape(r["label"] or ""), r["first_seen"] or "", r["last_seen"] or "",
                      str(r["n_articles"]), str(len(r["sites"])), str(r["n_events"]))
    out.print(table)


@app.command()
def trending(
    ctx: typer.Context,
    window: Annotated[str, typer.Option(help="The window to compare with the baseline: 24h, 7d, ...")] = "24h",
    by: Annotated[str, typer.Option(help="story | place | actor")] = "story",
    limit: Annotated[int, typer.Option(help="At most this many.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines on stdout.")] = False,
) -> None:
    """Stories, places or actors whose report rate bursts above their own baseline (Poisson z-score over
    the 7 windows before)."""
    try:
        span = parse_window(window)
    except ValueError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    with _ctx(ctx).store() as store:
        rows = queries.trends(store, span, by, limit)
    if as_json:
        for row in rows:
            _print_json_line({"key": row.key, "label": row.label, "count": row.count, "baseline": row.baseline,
                              "z": row.z})
        return
    table = Table(title=f"trending {by.replace('y', 'ie')}s, last {window}")
    for name in (by, "label", "reports", "baseline", "z"):
        table.add_column(name, overflow="ellipsis", max_width=40)
    for t in rows:
        table.add_row(t.key, escape(t.label), str(t.count), f"{t.baseline:.2f}", f"{t.z:.1f}")
    out.print(table)


@app.command()
def merge(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="The event to keep.")],
    others: Annotated[list[str], typer.Argument(help="Events whose mentions move into it.")],
) -> None:
    """Merge events by hand; the choice is kept and applied by every later resolution."""
    with _ctx(ctx).store() as store:
        moved = [m["mention_id"] for other in others for m in (_event_or_exit(store, other)["mentions"])]
        _event_or_exit(store, event_id)
        queries.override(store, moved, event_id, "merge")
    err.print(f"{len(moved)} mentions moved into {event_id}")


@app.command()
def split(
    ctx: typer.Context,
    mention_id: Annotated[str, typer.Argument(help="The mention to take out of its event.")],
) -> None:
    """Take a mention out of its event into an event of its own; kept across later resolutions."""
    from .resolve.merge import event_id

    with _ctx(ctx).store() as store:
        if store.mention(mention_id) is None:
            err.print(f"No mention {mention_id!r}; `eventwire show EVENT` lists an event's mentions.")
            raise typer.Exit(1)
        new = event_id(mention_id + ":split")
        queries.override(store, [mention_id], new, "split")
    err.print(f"mention {mention_id} is now event {new}")


def _event_or_exit(store: Any, eid: str) -> dict[str, Any]:
    event = queries.merged_event(store, eid)
    if event is None:
        err.print(f"No merged event {eid!r}; `eventwire events --merged` lists them.")
        raise typer.Exit(1)
    return event


def print_merged_events(rows: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        for row in rows:
            _print_json_line(row)
        return
    table = Table(title=f"{len(rows)} merged events")
    for name, width in (("id", 16), ("date", 10), ("type", 24), ("place", 14), ("killed", 9), ("injured", 9),
                        ("reports", 7), ("sources", 7), ("disputed", 8)):
        table.add_column(name, no_wrap=True, overflow="ellipsis", max_width=width)
    for r in rows:
        disputed = any((r.get(k) or {}).get("disagreement") for k in ("fatalities", "injured"))
        table.add_row(r["id"], r["event_date"] or "", r["sub_event_type"] or r["interaction"] or "",
                      (r.get("location") or {}).get("name") or "", _range(r.get("fatalities")),
                      _range(r.get("injured")), str(r["n_reports"]), str(r["n_sources"]), "yes" if disputed else "")
    out.print(table)


def show_merged_event(event: dict[str, Any], as_json: bool) -> None:
    if as_json:
        out.print_json(data=event, default=str)
        return
    loc = event.get("location") or {}
    table = Table(show_header=False, title=f"event {event['id']} ({event['n_reports']} reports, "
                                           f"{event['n_sources']} independent sources)")
    for name, value in (("type", f"{event['event_type'] or ''} / {event['sub_event_type'] or ''}"),
                        ("interaction", event["interaction"]), ("date", event["event_date"]),
                        ("place", f"{loc.get('name')} ({loc.get('country')}) precision {loc.get('geo_precision')}"),
                        ("killed", _range(event.get("fatalities"))), ("injured", _range(event.get("injured"))),
                        ("status", event["claim_status"]), ("story", event.get("story_id"))):
        table.add_row(name, escape(str(value or "")))
    out.print(table)
    for key in ("fatalities", "injured"):
        figure = event.get(key) or {}
        for report in figure.get("reports", []):
            out.print(f"[dim]{key}[/] source {report['source']} ({escape(report['site'] or '')}): "
                      f"{escape(report['text'] or str(report['best']))} [{report['claim_status']}]")
    for claim in event.get("actors_claimed") or []:
        out.print(f"[bold]actor 1[/] {escape(claim['actor1'])} — {claim['claim_status']} by "
                  f"{escape(', '.join(claim['speakers']) or 'the writer')} (sources {claim['sources']})")
    for m in event["mentions"]:
        out.print(f"• {m['mention_id']} {escape(m['site'] or '')} «{escape((m['title'] or '')[:70])}» "
                  f"joined: {escape(_why(m['reason']))}")


def _why(reason: dict[str, Any]) -> str:
    if reason.get("override"):
        return f"by hand ({reason['override']})"
    if reason.get("new"):
        return "started the event"
    km = reason.get("km_apart")
    return (f"{reason['type']}, {reason['days_apart']} days apart, "
            f"{'no coordinates' if km is None else f'{km} km apart'}, words in common "
            f"{reason['text_similarity']:.2f}{', same document group' if reason.get('same_document_group') else ''}"
            f" → score {reason['score']:.2f}")


def _range(figure: dict[str, Any] | None) -> str:
    if not figure:
        return ""
    if figure["low"] == figure["high"]:
        return str(figure["best"])
    return f"{figure['best']} ({figure['low']}–{figure['high']})"
