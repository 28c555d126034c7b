"""Who may do what: reads are open to loopback clients by default ([serve] read_access), writes
always need a write token created with `eventwire token create`."""

from __future__ import annotations

import ipaddress

from fastapi import Request

from ..tokens import TokenInfo, verify_token
from .errors import ApiError

_LOCAL_NAMES = {"localhost"}


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def require_read(request: Request) -> TokenInfo | None:
    access = request.app.state.settings["serve"]["read_access"]
    if access == "open" or (access == "local" and _is_loopback(request)):
        return None
    return _check(request, "read")


def require_write(request: Request) -> TokenInfo:
    return _check(request, "write")


def _check(request: Request, scope: str) -> TokenInfo:
    token = bearer(request)
    hint = "create one with `eventwire token create --name YOU` and send it as 'Authorization: Bearer TOKEN'"
    if token is None:
        raise ApiError(401, "token_required", f"this needs a {scope} token: {hint}",
                       headers={"WWW-Authenticate": "Bearer"})
    info = verify_token(request.app.state.store, token, scope)
    if info is None:
        raise ApiError(403, "token_refused", f"the token is unknown, revoked or lacks the {scope} scope: {hint}")
    return info


def _is_loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
