"""Place names: every toponym in the text, resolved against the shipped gazetteer."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage, register
from ..settings import Settings
from .nlp import shared_model


@register("geo")
class GeoStage(Stage):
    name = "geo"
    requires = ("text", "entities")
    assigns = ("places",)

    def __init__(self, settings: Settings) -> None:
        from ..geo import Gazetteer, Geoparser

        section = settings["nlp"]
        nlp = shared_model(str(section["model"]), tuple(section["components"]), int(section["max_chars"]))
        self.geoparser = Geoparser(nlp, Gazetteer.load())

    def __call__(self, doc: Document) -> Document:
        doc.places = self.geoparser.parse(doc.text, doc.extras.get("_spacy"))
        return doc
