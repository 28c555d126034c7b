"""eventwire: turn conflict news into a trustworthy event dataset.

    import eventwire
    summary = eventwire.ingest_paths(["news/"], db="news.db")
    with eventwire.open_store("news.db") as store:
        for doc in store.documents(eventwire.DocFilter(language="en")):
            print(doc["title"])
"""

from typing import TYPE_CHECKING

# Names are imported on first use (PEP 562): `import eventwire.stages` in a worker, or `eventwire --help`,
# then does not pay for the store, resolution and their libraries (SQLAlchemy, Alembic, datasketch).
_EXPORTS = {
    "evaluate_extraction": "api", "ingest_paths": "api", "open_store": "api", "stage_names": "api",
    "Document": "document", "Failure": "document", "Record": "document", "document_id": "document",
    "ConfigError": "errors", "DecodeError": "errors", "EventwireError": "errors", "ExtractionError": "errors",
    "FormatError": "errors", "InputError": "errors", "PipelineError": "errors", "StoreError": "errors",
    "TooLargeError": "errors", "DOC_FIELDS": "export", "export_documents": "export", "IngestSummary": "ingest",
    "Pipeline": "pipeline", "Stage": "pipeline", "register": "pipeline", "load_settings": "settings",
    "DocFilter": "store", "Store": "store",
}

if TYPE_CHECKING:
    from .api import evaluate_extraction, ingest_paths, open_store, stage_names
    from .document import Document, Failure, Record, document_id
    from .errors import (
        ConfigError,
        DecodeError,
        EventwireError,
        ExtractionError,
        FormatError,
        InputError,
        PipelineError,
        StoreError,
        TooLargeError,
    )
    from .export import DOC_FIELDS, export_documents
    from .ingest import IngestSummary
    from .pipeline import Pipeline, Stage, register
    from .settings import load_settings
    from .store import DocFilter, Store

del TYPE_CHECKING

__version__ = "0.1.0"

__all__ = [
    "DOC_FIELDS",
    "ConfigError",
    "DecodeError",
    "DocFilter",
    "Document",
    "EventwireError",
    "ExtractionError",
    "Failure",
    "FormatError",
    "IngestSummary",
    "InputError",
    "Pipeline",
    "PipelineError",
    "Record",
    "Stage",
    "Store",
    "StoreError",
    "TooLargeError",
    "document_id",
    "evaluate_extraction",
    "export_documents",
    "ingest_paths",
    "load_settings",
    "open_store",
    "register",
    "stage_names",
]


def __getattr__(name: str) -> object:
    from importlib import import_module

    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
