"""The Python API: every CLI command is a thin wrapper over one function or Store method here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from .ingest import IngestSummary, ProgressCallback, ingest
from .pipeline import registered
from .readers import ReaderOptions
from .settings import Settings, load_settings
from .store import Store


def open_store(db: str | None = None, settings: Settings | None = None) -> Store:
    """Open (and migrate) the store named by `db`, else EVENTWIRE_DB, else settings, else ./eventwire.db."""
    settings = settings or load_settings()
    return Store(db or settings["store"]["url"])


def ingest_paths(paths: Sequence[str], *, db: str | None = None, settings: Settings | None = None,
                 workers: int | None = None, stdin: BinaryIO | None = None,
                 on_progress: ProgressCallback | None = None, **reader_overrides: Any) -> IngestSummary:
    """Open the store, ingest `paths` (files, folders, globs, '-') and return the summary.

    reader_overrides: max_bytes, text_field, id_field, url_field, title_field, date_field.
    """
    settings = settings or load_settings()
    options = ReaderOptions.from_settings(settings, **reader_overrides)
    with open_store(db, settings) as store:
        return ingest(paths, store, settings, reader_options=options, workers=workers, stdin=stdin,
                      on_progress=on_progress)


def stage_names() -> list[str]:
    """Names of every registered pipeline stage."""
    return sorted(registered())


def evaluate_extraction(gold_dirs: Sequence[str | Path], **kwargs: Any) -> Any:
    """Score extraction on gold folders (see eventwire.evaluation.extraction)."""
    from .evaluation.extraction import evaluate_many

    return evaluate_many([Path(d) for d in gold_dirs], **kwargs)
