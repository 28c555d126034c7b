"""`eventwire serve`: the HTTP API under /api/, the dashboard at /, /healthz and /metrics."""

from .app import create_app

__all__ = ["create_app"]
