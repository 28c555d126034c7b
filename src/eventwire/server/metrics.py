"""/metrics in Prometheus' text format: request latency from a histogram, store counts read at scrape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from ..store import Store

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class StoreCollector(Collector):
    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[Any]:
        stats = self.store.stats()
        yield GaugeMetricFamily("eventwire_documents", "Documents stored", value=stats["documents"])
        yield GaugeMetricFamily("eventwire_events", "Merged events stored (interactions included)",
                                value=stats["events"] + stats["interactions"])
        failed = GaugeMetricFamily("eventwire_failures", "Inputs that failed, by reason", labels=["reason"])
        for reason, count in stats["failures_by_reason"].items():
            failed.add_metric([reason], count)
        yield failed


class CacheCollector(Collector):
    def __init__(self, cache: Any) -> None:
        self.cache = cache

    def collect(self) -> Iterator[Any]:
        yield CounterMetricFamily("eventwire_cache_hits", "Event list answers served from the cache",
                                  value=self.cache.hits)
        yield CounterMetricFamily("eventwire_cache_misses", "Event list answers computed", value=self.cache.misses)


class Metrics:
    """One registry per app, so two apps in one process (tests) do not share counters."""

    def __init__(self, store: Store) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram("eventwire_http_request_seconds", "HTTP request latency",
                                 ["method", "route", "status"], registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.registry.register(StoreCollector(store))

    def watch(self, cache: Any) -> None:
        self.registry.register(CacheCollector(cache))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.latency.labels(method, route, str(status)).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
