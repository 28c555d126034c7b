"""CLI commands for serving: `serve`, `token create|list|revoke`, and `review` (the API's review, from a
shell). Registered on the main app."""

from __future__ import annotations

import getpass
import json
import os
from typing import Annotated

import typer
from rich.table import Table

from .cli import _ctx, app, err, out
from .review import ACTIONS, Review, review_event
from .tokens import SCOPES, create_token, list_tokens, revoke_token

token_app = typer.Typer(help="API tokens: writes over HTTP need one (reads too, if configured).",
                        no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on [default: [serve] host, 127.0.0.1]")] = None,
    port: Annotated[int | None, typer.Option(help="Port [default: [serve] port, 8000]")] = None,
    workers: Annotated[int, typer.Option(help="Server processes; more use more cores")] = 1,
) -> None:
    """Serve the HTTP API (/api/, docs at /docs), the dashboard (/), /healthz and /metrics."""
    import uvicorn

    from .server import create_app

    c = _ctx(ctx)
    host, port = host or c.settings["serve"]["host"], port or c.settings["serve"]["port"]
    err.print(f"eventwire on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops")
    if workers == 1:
        uvicorn.run(create_app(settings=c.settings, store=c.store()), host=host, port=port, log_level="warning")
        return
    # each worker process builds its own app from the environment: the same store and settings file
    c.store().close()  # migrate once, here, before the workers start
    os.environ["EVENTWIRE_DB"] = c.db or c.settings["store"]["url"]
    if c.config:
        os.environ["EVENTWIRE_CONFIG"] = str(c.config)
    uvicorn.run("eventwire.server.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="Who holds it: shown in reviews' history")],
    scope: Annotated[str, typer.Option(help=f"{' or '.join(SCOPES)} (write includes read)")] = "write",
) -> None:
    """Create a token and print it once; only its hash is stored."""
    if scope not in SCOPES:
        err.print(f"unknown scope {scope!r}; choose {' or '.join(SCOPES)}")
        raise typer.Exit(2)
    with _ctx(ctx).store() as store:
        token = create_token(store, name, scope)
    out.print(token, soft_wrap=True)
    err.print("Keep it now: it cannot be shown again. Send it as 'Authorization: Bearer TOKEN'.")


@token_app.command("list")
def token_list(ctx: typer.Context) -> None:
    """Tokens by id, holder and scope (never the secret)."""
    with _ctx(ctx).store() as store:
        rows = list_tokens(store)
    table = Table("id", "name", "scope", "created", "revoked")
    for row in rows:
        table.add_row(row.id, row.name, row.scope, row.created_at[:19], "yes" if row.revoked else "")
    out.print(table)


@token_app.command("revoke")
def token_revoke(ctx: typer.Context,
                 token_id: Annotated[str, typer.Argument(help="The id `token list` shows")]) -> None:
    """Revoke a token: requests sending it are refused from now on."""
    with _ctx(ctx).store() as store:
        revoke_token(store, token_id)
    err.print(f"token {token_id} revoked")


@app.command()
def review(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="The event (ev...)")],
    action: Annotated[str, typer.Argument(help=", ".join(ACTIONS))],
    field: Annotated[str | None, typer.Option(help="correct: the field to change")] = None,
    value: Annotated[str | None, typer.Option(help="correct: the new value (JSON or text); merge: "
                                                   "comma-separated event ids; split: a mention id")] = None,
    note: Annotated[str | None, typer.Option(help="Plain text kept with the decision")] = None,
    author: Annotated[str | None, typer.Option(help="Who decides [default: your login name]")] = None,
) -> None:
    """Review an event as an analyst: confirm, reject, correct a field, note, merge or split."""
    with _ctx(ctx).store() as store:
        review_event(store, event_id, Review(action, author or getpass.getuser(), field, _value(action, value),
                                             note))
    err.print(f"{event_id}: {action} recorded")


def _value(action: str, value: str | None) -> object:
    if value is None:
        return None
    if action == "merge":
        return [v.strip() for v in value.split(",") if v.strip()]
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value
