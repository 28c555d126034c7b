"""Answers to repeated reads, kept until the store changes. Dashboards ask the same few questions
(the default page, a country, last week) many times a minute; the store's version is a handful of
index look-ups, so a repeated question costs a fraction of a millisecond and never goes stale:
any ingest, resolution, review, merge or split moves the version on."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock
from typing import Any

from sqlalchemy import func, select

from ..store import Store
from ..store.schema import documents, event_overrides, reviews

MAX_BYTES = 256_000_000  # all entries together: a few whole-map downloads and many pages


def store_version(store: Store) -> tuple[Any, ...]:
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(
            select(func.max(documents.c.resolved)).scalar_subquery(),
            select(func.count()).select_from(documents).where(documents.c.resolved.is_(None)).scalar_subquery(),
            select(func.max(reviews.c.id)).scalar_subquery(),
            select(func.max(event_overrides.c.created_at)).scalar_subquery())).one())


class ResponseCache:
    """A bounded LRU map from (store version, request) to a rendered body."""

    def __init__(self, store: Store, entries: int = 512, max_bytes: int = MAX_BYTES) -> None:
        self.store, self.entries, self.max_bytes = store, entries, max_bytes
        self._bytes = 0
        self._items: OrderedDict[tuple[Any, ...], tuple[bytes, str, dict[str, str]]] = OrderedDict()
        self._lock = Lock()
        self.hits = self.misses = 0

    def key(self, request: str) -> tuple[Any, ...]:
        return (*store_version(self.store), request)

    def get(self, key: tuple[Any, ...]) -> tuple[bytes, str, dict[str, str]] | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: tuple[Any, ...], body: bytes, media_type: str, headers: dict[str, str]) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (body, media_type, headers)
            self._bytes += len(body)
            while len(self._items) > self.entries or self._bytes > self.max_bytes:
                self._bytes -= len(self._items.popitem(last=False)[1][0])
