"""The FastAPI application: API routers, dashboard files, health and metrics, and the middleware that
keeps untrusted article text inert (a strict Content-Security-Policy) and bodies bounded."""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..settings import Settings, load_settings
from ..store import Store
from . import errors, routes, writes
from .cache import ResponseCache
from .errors import error_response
from .metrics import CONTENT_TYPE, Metrics

STATIC = Path(str(resources.files("eventwire") / "server" / "static"))
VENDOR_FILES = ("leaflet.js", "leaflet.css", "countries-50m.json", "swagger-ui-bundle.js")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
                    "Permissions-Policy": "geolocation=(), camera=(), microphone=()"}


def create_app(db: str | None = None, settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app over `store` (else the store named by `db`, EVENTWIRE_DB or the settings)."""
    settings = settings or load_settings()
    store = store or Store(db or settings["store"]["url"])
    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict events merged from news reports: filters, evidence, sources, review.")
    app.state.settings, app.state.store, app.state.metrics = settings, store, Metrics(store)
    app.state.cache = ResponseCache(store)
    app.state.metrics.watch(app.state.cache)
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(writes.router)
    _operations(app)
    _dashboard(app)
    app.add_middleware(Guard, settings=settings, metrics=app.state.metrics)
    # only the map's big summary downloads: compressing every page would cost more CPU than it saves
    app.add_middleware(GZipMiddleware, minimum_size=500_000)
    if settings["serve"]["cors_origins"]:
        app.add_middleware(CORSMiddleware, allow_origins=settings["serve"]["cors_origins"],
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    return app


class Guard:
    """Refuse oversized bodies up front, time each request for /metrics, and add the security headers.
    Plain ASGI rather than `@app.middleware`: that wrapper costs about a millisecond a request."""

    def __init__(self, app: ASGIApp, settings: Settings, metrics: Metrics) -> None:
        self.app, self.limit, self.metrics = app, settings["serve"]["max_body_bytes"], metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def send_secured(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                for header, value in SECURITY_HEADERS.items():
                    headers.setdefault(header, value)
            await send(message)

        length = Headers(scope=scope).get("content-length", "")
        try:
            if length.isdigit() and int(length) > self.limit:
                refusal = error_response(413, "too_large", f"the body is over {self.limit} bytes "
                                         "([serve] max_body_bytes); split the input")
                await refusal(scope, receive, send_secured)
            else:
                await self.app(scope, receive, send_secured)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            self.metrics.observe(scope["method"], route, status, time.perf_counter() - started)


def _operations(app: FastAPI) -> None:
    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        try:
            with app.state.store.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            return error_response(503, "store_unavailable", f"the store does not answer: {type(exc).__name__}")
        missing = [f for f in VENDOR_FILES if not (STATIC / "vendor" / f).is_file()]
        dashboard = "missing vendor files: run `make setup` (npm)" if missing else "ok"
        return JSONResponse({"status": "ok", "store": "ok", "dashboard": dashboard})

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        return Response(app.state.metrics.render(), media_type=CONTENT_TYPE)


def _dashboard(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:  # FastAPI's own page loads Swagger UI from a CDN with an inline script
        return FileResponse(STATIC / "docs.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
