"""Pipeline mechanics: the reads/writes check, the registry, the error policy."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from eventwire.document import Document, Failure, Record
from eventwire.errors import DecodeError, PipelineError
from eventwire.pipeline import Pipeline, Stage, registered
from eventwire.runners.local import AnalysedTexts, process
from eventwire.settings import Settings


class Needs(Stage):
    name = "needs-sentences"
    requires = ("sentences",)


class Boom(Stage):
    name = "boom"

    def __call__(self, doc: Document) -> Document:
        raise ZeroDivisionError("oops")


class BadBytes(Stage):
    name = "bad-bytes"

    def __call__(self, doc: Document) -> Document:
        raise DecodeError("not text")


def _doc() -> Document:
    return Document.from_record(Record(source="x.txt", kind="text", content="Some text here."))


def test_builtin_stages_are_registered_lazily() -> None:
    assert {"extract", "identify", "language"} <= set(registered())


def test_workers_import_the_stages_without_the_store_and_resolution() -> None:
    """A worker process imports `eventwire.stages` (the forkserver preloads it): the package's public
    names load on first use, so it does not pay for SQLAlchemy, Alembic or datasketch (and scipy)."""
    code = ("import sys, eventwire.stages, eventwire; print(sorted(m for m in ('sqlalchemy', 'alembic', "
            "'datasketch', 'scipy') if m in sys.modules)); print(eventwire.DocFilter.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["[]", "DocFilter"]


def test_a_stage_reading_what_nobody_wrote_is_refused(settings: Settings) -> None:
    with pytest.raises(PipelineError, match=r"needs-sentences.*sentences"):
        Pipeline([Needs()])
    settings["pipeline"]["stages"] = ["identify", "extract"]
    with pytest.raises(PipelineError, match="identify"):
        Pipeline.from_settings(settings)


def test_unknown_stage_names_are_refused(settings: Settings) -> None:
    settings["pipeline"]["stages"] = ["extract", "teleport"]
    with pytest.raises(PipelineError, match="teleport"):
        Pipeline.from_settings(settings)


def test_errors_become_failures_with_stage_and_reason() -> None:
    input_failure = Pipeline([BadBytes()])(_doc())
    bug = Pipeline([Boom()])(_doc())
    assert isinstance(input_failure, Failure) and (input_failure.stage, input_failure.reason) == (
        "bad-bytes", "bad-encoding")
    assert isinstance(bug, Failure) and bug.reason == "internal-error" and "ZeroDivisionError" in bug.message


def test_default_pipeline_turns_text_into_an_identified_document(settings: Settings) -> None:
    doc = Pipeline.from_settings(settings)(_doc())
    assert isinstance(doc, Document)
    assert doc.text == "Some text here." and len(doc.id) == 16 and doc.published_from == "none"


class Batching(Stage):
    """A model-like stage that predicts over the whole batch, and chokes on one bad document."""

    name = "batching"

    def __init__(self) -> None:
        self.batches: list[int] = []

    def __call__(self, doc: Document) -> Document:
        if "poison" in doc.text:
            raise DecodeError("poisoned")
        doc.extras["seen"] = True
        return doc

    def pipe(self, docs):  # type: ignore[no-untyped-def]
        batch = list(docs)
        self.batches.append(len(batch))
        return [self(d) for d in batch]


def _text_doc(text: str) -> Document:
    doc = Document.from_record(Record(source=text, kind="text", content=text))
    doc.text = text
    return doc


def test_run_batch_uses_pipe_and_isolates_a_failing_document() -> None:
    stage = Batching()
    results = Pipeline([stage]).run_batch([_text_doc("one"), _text_doc("poison"), _text_doc("three")])
    assert stage.batches == [3]  # one call for the whole batch, then one at a time after the failure
    assert [type(r).__name__ for r in results] == ["Document", "Failure", "Document"]
    assert isinstance(results[1], Failure) and results[1].reason == "bad-encoding"
    good = Pipeline([Batching()]).run_batch([_text_doc("a"), _text_doc("b")])
    assert all(isinstance(r, Document) and r.extras["seen"] for r in good)


class Identify(Stage):
    name = "identify-text"
    assigns = ("id",)

    def __call__(self, doc: Document) -> Document:
        doc.id = doc.text
        return doc


def test_a_text_the_caller_has_analysed_stops_once_it_is_identified() -> None:
    later = Batching()
    results = Pipeline([Identify(), later]).run_batch([_text_doc("old"), _text_doc("new")], known_ids={"old"})
    assert later.batches == [1] and [r.extras.get("seen") for r in results] == [None, True]


def test_a_copy_in_a_later_batch_is_not_analysed_again(settings: Settings) -> None:
    pipeline = Pipeline.from_settings(settings)
    analysed = AnalysedTexts(size=2)
    text = "Russian shelling killed two civilians in Kherson on Monday, the regional governor said."
    record = Record(source="a.txt", kind="text", content=text, published="2024-03-05", published_from="input")
    (first,) = process(pipeline, [record])
    (fresh,) = process(pipeline, [record], analysed)
    (copy,) = process(pipeline, [replace(record, source="b.txt")], analysed)
    assert isinstance(first, Document) and isinstance(fresh, Document) and isinstance(copy, Document)
    assert fresh.mentions and [m.to_dict() for m in fresh.mentions] == [m.to_dict() for m in first.mentions]
    assert copy.id == first.id and not copy.mentions and not copy.sentences and copy.id in analysed
    analysed.update(["x", "y"])  # the oldest ids make room
    assert copy.id not in analysed and "x" in analysed
