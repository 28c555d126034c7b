"""Event coding: typed sentences, places, tolls, dates, actors and claims become event mentions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from ..document import Document
from ..events.actors import ActorFinder
from ..events.assemble import Cues, Sentence, assemble
from ..events.model import Location
from ..pipeline import Stage, register
from ..settings import Settings
from ..typing.classifier import TypePrediction
from .geo import shared_gazetteer

NO_EVENT = TypePrediction(None, None, None, 1.0, "prefilter")


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
        self.gazetteer = shared_gazetteer()

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        batch = list(docs)
        texts = [doc.text[a:b] for doc in batch for a, b in doc.sentences]
        predictions = iter(self._predict(texts))
        for doc in batch:
            sentences = [Sentence(a, b, doc.text[a:b], next(predictions), _places_in(doc, a, b))
                         for a, b in doc.sentences]
            published = date.fromisoformat(doc.published) if doc.published else None
            doc.mentions = assemble(doc.text, sentences, published, self.actors, self.cues, doc.id, self._seat)
            doc.extras.pop("_spacy", None)  # the parse stays in this process
            doc.extras.pop("_cased", None)
            yield doc


    def _predict(self, texts: list[str]) -> list[TypePrediction]:
        """The typing model reads only sentences with an event or interaction word (`Cues.model_gate`):
        the rest of a page (two thirds of a general news page's sentences) are no event, and skipping
        them halves the stage."""
        asked = [i for i, t in enumerate(texts) if self.cues.model_gate.search(t)]
        out = [NO_EVENT] * len(texts)
        for i, prediction in zip(asked, self.typer.predict([texts[i] for i in asked]), strict=True):
            out[i] = prediction
        return out


    def _seat(self, province: Location) -> Location | None:
        """A province's seat at the province's precision (3): ACLED's stand-in for an event known only
        by its province ("drones downed over Smolensk region" is coded at Smolensk)."""
        if not province.iso or not province.admin1:
            return None
        town = self.gazetteer.seat(province.iso, province.admin1, [province.text or "", province.name or ""])
        if town is None:
            return None
        return replace(province, name=town.name, latitude=town.latitude, longitude=town.longitude,
                       geonames_id=town.geonames_id)


def _places_in(doc: Document, start: int, end: int) -> list[object]:
    return [p for p in doc.places if start <= p.start < end]
