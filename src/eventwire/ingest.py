"""The ingest loop: read inputs, skip what is stored, run the pipeline, write batches, count.

Each batch is written in one transaction after its pipeline results come back, so a run killed
at any moment leaves whole batches; a rerun skips every (source, raw digest) already stored and
does the rest. Failures are written beside documents and cleared when a later run succeeds.
Ctrl-C stops at the next batch boundary (a second Ctrl-C stops at once): an interrupt landing
inside the database driver or the connection pool could leave a lock held and hang the run.
"""

from __future__ import annotations

import itertools
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO

from .document import Document, Failure, Record
from .errors import ConfigError
from .readers import ReaderOptions, iter_inputs
from .resolve.run import Resolver
from .runners import Job, Runner, make_runner
from .settings import Settings
from .store import Store


@dataclass
class IngestSummary:
    """What one run did. `duplicates`: same text as a stored document (linked, not stored twice);
    `unchanged`: the same input was ingested before (skipped without re-extraction)."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    unchanged: int = 0
    failed: int = 0
    failures_by_reason: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    run_id: int | None = None
    status: str = "running"
    copies: int = 0  # stored documents found to copy an earlier one (one copy family, one source)
    events_new: int = 0  # merged events started by this run's mentions
    mentions_merged: int = 0  # mentions that joined an event another document reported
    not_analysed: dict[str, int] = field(default_factory=dict)  # stored, not read by the model ("language de")

    @property
    def docs_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "docs_per_second": round(self.docs_per_second, 2)}


ProgressCallback = Callable[[IngestSummary], None]


@dataclass
class _Batch:
    records: list[Record]
    read_failures: list[Failure]
    job: Job


def ingest(paths: Sequence[str], store: Store, settings: Settings, *, reader_options: ReaderOptions | None = None,
           workers: int | None = None, stdin: BinaryIO | None = None,
           on_progress: ProgressCallback | None = None) -> IngestSummary:
    """Ingest files, folders, globs or '-' (stdin) into `store`. Ctrl-C stops after the current
    batch is abandoned; what was written stays, and a rerun resumes."""
    options = reader_options or ReaderOptions.from_settings(settings)
    summary = IngestSummary(run_id=store.start_run(list(paths)))
    start = time.perf_counter()
    runner = make_runner(settings, workers)
    resolver = Resolver(store, settings) if settings["resolve"]["after_ingest"] else None
    stop = _StopRequest.install()
    try:
        _run(iter_inputs(paths, options, stdin), store, settings, runner, summary, start, on_progress, resolver,
             stop)
        summary.status = "done"
    except KeyboardInterrupt:
        summary.status = "interrupted"
    finally:
        stop.uninstall()
        runner.close()
        summary.seconds = time.perf_counter() - start
        store.finish_run(summary.run_id or 0, summary.status, summary.to_dict())
    return summary


class _StopRequest:
    """SIGINT sets a flag the loop checks between batches; a second SIGINT interrupts at once.
    Outside the main thread (the API called from a worker thread) signals stay as they are."""

    def __init__(self, previous: Any = None) -> None:
        self.requested, self.previous = False, previous

    @classmethod
    def install(cls) -> _StopRequest:
        if threading.current_thread() is not threading.main_thread():
            return cls()
        request = cls(signal.getsignal(signal.SIGINT))
        signal.signal(signal.SIGINT, request._handle)
        return request

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def check(self) -> None:
        if self.requested:
            raise KeyboardInterrupt

    def uninstall(self) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def _run(items: Iterable[Record | Failure], store: Store, settings: Settings, runner: Runner,
         summary: IngestSummary, start: float, on_progress: ProgressCallback | None,
         resolver: Resolver | None, stop: _StopRequest) -> None:
    size = int(settings["store"]["batch_size"])
    keep_raw = str(settings["store"]["keep_raw"])
    if keep_raw not in ("auto", "always", "never"):
        raise ConfigError(f"store.keep_raw must be auto, always or never, not {keep_raw!r}")
    pending: _Batch | None = None
    reasons: Counter[str] = Counter()
    for chunk in _chunks(items, size):
        stop.check()
        batch = _submit(chunk, store, runner, summary)
        if pending:
            _write(pending, store, summary, reasons, keep_raw)
            _resolve(resolver, summary)
            _report(summary, start, on_progress)
            stop.check()
        pending = batch
    if pending:
        _write(pending, store, summary, reasons, keep_raw)
        _resolve(resolver, summary)
        _report(summary, start, on_progress)


def _resolve(resolver: Resolver | None, summary: IngestSummary) -> None:
    """Copies, stories and events for what the batch stored (the workers go on with the next batch)."""
    if resolver is None:
        return
    done = resolver.resolve_pending()
    summary.copies += done.copies
    summary.events_new += done.new_events
    summary.mentions_merged += done.merged_mentions


def _submit(chunk: list[Record | Failure], store: Store, runner: Runner, summary: IngestSummary) -> _Batch:
    records = [r for r in chunk if isinstance(r, Record)]
    fails = [f for f in chunk if isinstance(f, Failure)]
    summary.read += len(chunk)
    done = store.seen((r.source, r.raw_sha) for r in records)
    todo: list[Record] = []
    for record in records:
        key = (record.source, record.raw_sha)
        if key in done:
            summary.unchanged += 1
        else:
            done.add(key)  # the same input twice in one run counts once
            todo.append(record)
    return _Batch(todo, fails, runner.submit(todo))


def _write(batch: _Batch, store: Store, summary: IngestSummary, reasons: Counter[str], keep_raw: str) -> None:
    docs: list[Document] = []
    fails = list(batch.read_failures)
    for record, result in zip(batch.records, batch.job.get(), strict=True):
        if isinstance(result, Document):
            result.record = record
            docs.append(result)
            if skipped := result.extras.get("nlp_skipped"):
                summary.not_analysed[skipped] = summary.not_analysed.get(skipped, 0) + 1
        else:
            fails.append(result)
    written = store.write(docs, fails, summary.run_id, keep_raw=keep_raw)
    summary.stored += written.new
    summary.duplicates += written.duplicates
    summary.failed += len(fails)
    reasons.update(f.reason for f in fails)
    summary.failures_by_reason = dict(sorted(reasons.items()))


def _report(summary: IngestSummary, start: float, on_progress: ProgressCallback | None) -> None:
    summary.seconds = time.perf_counter() - start
    if on_progress:
        on_progress(summary)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
