"""API tokens. A token reads `ew_<id>_<secret>`: the id finds the row, the secret is kept only as its
SHA-256 and compared in constant time, so a copy of the database gives no one a working token."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from .errors import NotFoundError
from .store import Store
from .store.schema import tokens

SCOPES = ("read", "write")  # write includes read


@dataclass(frozen=True)
class TokenInfo:
    id: str
    name: str
    scope: str
    created_at: str
    revoked: bool


def create_token(store: Store, name: str, scope: str = "write") -> str:
    """Store a new token and return it; it is shown once and cannot be recovered."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; choose {' or '.join(SCOPES)}")
    token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        conn.execute(tokens.insert().values(id=token_id, name=name[:64], scope=scope, secret_sha256=_digest(secret),
                                            created_at=dt.datetime.now(dt.UTC)))
    return f"ew_{token_id}_{secret}"


def verify_token(store: Store, token: str, scope: str = "read") -> TokenInfo | None:
    """The token's holder when it is valid, not revoked and allows `scope`; else None."""
    prefix, _, rest = token.partition("_")
    token_id, _, secret = rest.partition("_")
    if prefix != "ew" or not token_id or not secret:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(tokens).where(tokens.c.id == token_id)).first()
    if row is None or row.revoked_at is not None:
        hmac.compare_digest(_digest(secret), "0" * 64)  # same work whether or not the id exists
        return None
    if not hmac.compare_digest(_digest(secret), row.secret_sha256):
        return None
    if scope == "write" and row.scope != "write":
        return None
    return _info(row)


def list_tokens(store: Store) -> list[TokenInfo]:
    with store.engine.connect() as conn:
        return [_info(r) for r in conn.execute(select(tokens).order_by(tokens.c.created_at, tokens.c.id))]


def revoke_token(store: Store, token_id: str) -> None:
    with store.engine.begin() as conn:
        done = conn.execute(tokens.update().where(tokens.c.id == token_id, tokens.c.revoked_at.is_(None))
                            .values(revoked_at=dt.datetime.now(dt.UTC))).rowcount
    if not done:
        raise NotFoundError(f"no active token {token_id!r}; `eventwire token list` shows them")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _info(row: object) -> TokenInfo:
    return TokenInfo(row.id, row.name, row.scope, str(row.created_at), row.revoked_at is not None)  # type: ignore[attr-defined]
