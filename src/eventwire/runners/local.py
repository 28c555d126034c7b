"""Run a pipeline over batches of records, here or in worker processes.

`submit(records)` returns a Job at once; `Job.get()` gives the results in input order. The ingest
loop reads and writes batch N+1's neighbours while a pool computes batch N.
"""

from __future__ import annotations

import os
import signal
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from multiprocessing import get_context
from multiprocessing.pool import AsyncResult
from typing import Protocol

from threadpoolctl import threadpool_limits

from ..document import Document, Failure, Record
from ..pipeline import Pipeline
from ..settings import Settings

Result = Document | Failure

_WORKER_PIPELINE: Pipeline | None = None
_WORKER_ANALYSED: AnalysedTexts | None = None


class Job(Protocol):
    def get(self) -> list[Result]: ...


class Runner(Protocol):
    workers: int

    def submit(self, records: Sequence[Record]) -> Job: ...

    def close(self) -> None: ...


def process(pipeline: Pipeline, records: Sequence[Record], analysed: AnalysedTexts | None = None) -> list[Result]:
    """Records through the pipeline as one batch. Records stay with the caller (no round trip of bytes).
    A text this process analysed in an earlier batch is only extracted and identified again (`analysed`)."""
    results = pipeline.run_batch([Document.from_record(r) for r in records], analysed or frozenset())
    for result in results:
        if isinstance(result, Document):
            result.record = None
            for key in [k for k in result.extras if k.startswith("_")]:
                del result.extras[key]  # transient, per-process annotations (a spaCy Doc) stay here
    if analysed is not None:
        analysed.update(r.id for r in results if isinstance(r, Document))
    return results


class AnalysedTexts:
    """Ids of the texts this process took through the whole pipeline, the latest `size` of them.

    Ingest stores a text once: an input whose text is stored already becomes a link to it and its own
    analysis is thrown away. Copies are common in news (one wire story on many sites), so a worker that
    sees a text it analysed in an earlier batch skips NLP and event coding for it. Earlier batches only:
    ingest writes batches in order, so that analysis is stored before this copy is; a copy in the same
    batch is analysed again, since its first copy may yet fail."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.ids: OrderedDict[str, None] = OrderedDict()

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.ids

    def update(self, ids: Iterable[str]) -> None:
        for doc_id in ids:
            self.ids[doc_id] = None
            self.ids.move_to_end(doc_id)
        while len(self.ids) > self.size:
            self.ids.popitem(last=False)


class _Done:
    def __init__(self, results: list[Result]) -> None:
        self.results = results

    def get(self) -> list[Result]:
        return self.results


class InProcessRunner:
    """Runs in the calling process: simplest to debug, and what tests and evaluations use."""

    workers = 1

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline.from_settings(settings)
        self.chunk_size = max(1, int(settings["ingest"]["chunk_size"]))
        self.analysed = AnalysedTexts()

    def submit(self, records: Sequence[Record]) -> Job:
        # chunks as a pool worker gets them: model stages hold a chunk's parses, not a whole store batch's
        return _Done([r for i in range(0, len(records), self.chunk_size)
                      for r in process(self.pipeline, records[i:i + self.chunk_size], self.analysed)])

    def close(self) -> None:
        pass


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE, _WORKER_ANALYSED
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # one BLAS thread per worker: there is already one worker per core (spaCy's products use BLAS)
    threadpool_limits(1, user_api="blas")
    _WORKER_PIPELINE = Pipeline.from_settings(settings)
    _WORKER_ANALYSED = AnalysedTexts()


def _work(records: list[Record]) -> list[Result]:
    assert _WORKER_PIPELINE is not None
    return process(_WORKER_PIPELINE, records, _WORKER_ANALYSED)


class _PoolJob:
    def __init__(self, result: AsyncResult) -> None:
        self.result = result

    def get(self) -> list[Result]:
        return [result for chunk in self.result.get() for result in chunk]


class PoolRunner:
    """A pool of worker processes, each with its own pipeline built from the same settings."""

    def __init__(self, settings: Settings, workers: int, chunk_size: int = 8) -> None:
        self.workers, self.chunk_size = workers, chunk_size
        # forkserver: workers start clean (no inherited database connections or threads); the server
        # imports the stages once so each worker starts without paying for those imports again.
        context = get_context("forkserver")
        context.set_forkserver_preload(["eventwire.stages"])
        self.pool = context.Pool(workers, _init_worker, (settings,))

    def submit(self, records: Sequence[Record]) -> Job:
        # each task is a chunk the worker's pipeline processes as one batch (model stages batch it)
        chunks = [list(records[i:i + self.chunk_size]) for i in range(0, len(records), self.chunk_size)]
        return _PoolJob(self.pool.map_async(_work, chunks, chunksize=1))

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def make_runner(settings: Settings, workers: int | None = None) -> Runner:
    """workers: None reads [ingest] workers; 0 means one per core; 1 runs in-process."""
    n = settings["ingest"]["workers"] if workers is None else workers
    n = n or os.cpu_count() or 1
    if n <= 1:
        return InProcessRunner(settings)
    return PoolRunner(settings, n, settings["ingest"]["chunk_size"])
