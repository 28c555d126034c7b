"""Event coding: typed sentences, places, tolls, dates, actors and claims become event mentions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ..document import Document
from ..events.actors import ActorFinder
from ..events.assemble import Cues, Sentence, assemble
from ..pipeline import Stage, register
from ..settings import Settings


@register("events")
class EventsStage(Stage):
    name = "events"
    requires = ("text", "sentences", "places")
    assigns = ("mentions",)

    def __init__(self, settings: Settings) -> None:
        from ..typing import EventTyper

        self.typer = EventTyper.load()
        self.actors = ActorFinder()
        self.cues = Cues.load()

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        batch = list(docs)
        texts = [doc.text[a:b] for doc in batch for a, b in doc.sentences]
        predictions = iter(self.typer.predict(texts)) if texts else iter(())
        for doc in batch:
            sentences = [Sentence(a, b, doc.text[a:b], next(predictions), _places_in(doc, a, b))
                         for a, b in doc.sentences]
            published = date.fromisoformat(doc.published) if doc.published else None
            doc.mentions = assemble(doc.text, sentences, published, self.actors, self.cues, doc.id)
            doc.extras.pop("_spacy", None)  # the parse stays in this process
            yield doc


def _places_in(doc: Document, start: int, end: int) -> list[object]:
    return [p for p in doc.places if start <= p.start < end]
