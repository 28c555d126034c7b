"""Ordered stages over documents: registration, the reads/writes check, and the error policy.

A stage is a small object with `__call__(doc) -> doc` (and optionally `pipe(docs)` for batching).
Stages declare the Document fields they `requires` and `assigns`; `Pipeline` refuses an order in
which a stage reads a field no earlier stage wrote. Input errors become `Failure` values with the
stage's name, so one bad page never stops a batch. A pipeline is described by data (stage names
and settings) so worker processes can rebuild it instead of unpickling live objects.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .document import Document, Failure
from .errors import InputError, PipelineError
from .settings import Settings

#: Fields a document has before any stage runs (copied from its record).
INITIAL_FIELDS = frozenset({"record", "source", "url", "title", "author", "input_id", "content_kind", "raw_sha"})

StageFactory = Callable[[Settings], "Stage"]
_REGISTRY: dict[str, StageFactory] = {}
_LOADED = False


class Stage:
    """Base class: subclasses set `name`, `requires`, `assigns` and implement `__call__`."""

    name: ClassVar[str] = "stage"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Decorator: make a stage class or factory available to pipelines under `name`."""

    def wrap(factory: StageFactory) -> StageFactory:
        _REGISTRY[name] = factory
        return factory

    return wrap


def registered() -> dict[str, StageFactory]:
    """All registered stages. The built-in ones are imported on first use, not at package import."""
    global _LOADED
    if not _LOADED:
        importlib.import_module("eventwire.stages")
        _LOADED = True
    return dict(_REGISTRY)


def check_order(stages: list[Stage]) -> None:
    """Raise PipelineError when a stage requires a field that no earlier stage assigns."""
    written = set(INITIAL_FIELDS)
    for stage in stages:
        missing = [f for f in stage.requires if f not in written]
        if missing:
            raise PipelineError(f"stage {stage.name!r} reads {', '.join(missing)} but no earlier stage writes it; "
                                f"put a stage that assigns it before {stage.name!r} in [pipeline] stages")
        written.update(stage.assigns)


@dataclass
class StageStats:
    seconds: float = 0.0
    docs: int = 0
    failures: int = 0


@dataclass
class Pipeline:
    """Runs documents through stages in order; a failing document leaves as a `Failure`."""

    stages: list[Stage]
    stats: dict[str, StageStats] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_order(self.stages)
        self.stats = {s.name: StageStats() for s in self.stages}

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        factories = registered()
        names = settings["pipeline"]["stages"]
        unknown = [n for n in names if n not in factories]
        if unknown:
            raise PipelineError(f"unknown stage(s) {unknown} in [pipeline] stages; known: {sorted(factories)}")
        return cls([factories[n](settings) for n in names])

    def __call__(self, doc: Document) -> Document | Failure:
        for stage in self.stages:
            start = time.perf_counter()
            result = self._one(stage, doc)
            self.stats[stage.name].seconds += time.perf_counter() - start
            if isinstance(result, Failure):
                return result
            doc = result
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document | Failure]:
        for doc in docs:
            yield self(doc)

    def run_batch(self, docs: list[Document], known_ids: Container[str] = frozenset()) -> list[Document | Failure]:
        """Each stage's `pipe` over the whole batch (model stages predict in one go); results in
        input order. A batch in which a stage raises is redone one document at a time, so one bad
        document becomes one Failure and the others go on. A document whose id, once a stage has
        assigned it, is in `known_ids` goes no further: the caller already has that text's analysis."""
        results: list[Document | Failure] = list(docs)
        stopped: set[int] = set()
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, Document) and i not in stopped]
            for i, out in zip(live, self._pipe_stage(stage, [results[i] for i in live]), strict=True):  # type: ignore[misc]
                results[i] = out
            if known_ids and "id" in stage.assigns:
                stopped.update(i for i in live if isinstance(r := results[i], Document) and r.id in known_ids)
        return results

    def _pipe_stage(self, stage: Stage, docs: list[Document]) -> list[Document | Failure]:
        stats = self.stats[stage.name]
        start = time.perf_counter()
        if type(stage).pipe is Stage.pipe:  # no batching to gain: one at a time, failures isolated
            out: list[Document | Failure] = [self._one(stage, doc) for doc in docs]
            stats.seconds += time.perf_counter() - start
            return out
        try:
            out = list(stage.pipe(docs))
            stats.docs += len(out)
        except Exception:  # isolate the document that broke the batch
            out = [self._one(stage, doc) for doc in docs]
        finally:
            stats.seconds += time.perf_counter() - start
        return out

    def _one(self, stage: Stage, doc: Document) -> Document | Failure:
        try:
            result = stage(doc)
        except InputError as exc:
            self.stats[stage.name].failures += 1
            return Failure(doc.source, stage.name, exc.reason, str(exc), doc.raw_sha)
        except Exception as exc:  # a bug in one stage must not lose the batch; it is recorded
            self.stats[stage.name].failures += 1
            return Failure(doc.source, stage.name, "internal-error", f"{type(exc).__name__}: {exc} "
                           "(a bug: please report it with this input)", doc.raw_sha)
        self.stats[stage.name].docs += 1
        return result

    def stage_seconds(self) -> dict[str, Any]:
        return {name: round(s.seconds, 3) for name, s in self.stats.items()}
