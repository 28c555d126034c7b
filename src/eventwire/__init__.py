"""eventwire: turn conflict news into a trustworthy event dataset.

    import eventwire
    summary = eventwire.ingest_paths(["news/"], db="news.db")
    with eventwire.open_store("news.db") as store:
        for doc in store.documents(eventwire.DocFilter(language="en")):
            print(doc["title"])
"""

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
