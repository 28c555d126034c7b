"""Place names: every toponym in the text, resolved against the shipped gazetteer."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..document import Document
from ..pipeline import Stage, register
from ..settings import Settings
from .nlp import shared_model

if TYPE_CHECKING:
    from ..geo import Gazetteer


@register("geo")
class GeoStage(Stage):
    name = "geo"
    requires = ("text", "entities")
    assigns = ("places",)

    def __init__(self, settings: Settings) -> None:
        from ..geo import Geoparser

        section = settings["nlp"]
        nlp = shared_model(str(section["model"]), tuple(section["components"]), int(section["max_chars"]))
        self.geoparser = Geoparser(nlp, shared_gazetteer())

    def __call__(self, doc: Document) -> Document:
        if "nlp_skipped" in doc.extras:
            doc.places = []  # a text in a language the model does not read has no places it could find
            return doc
        doc.places = self.geoparser.parse(doc.text, doc.extras.get("_spacy"))
        return doc


@cache
def shared_gazetteer() -> Gazetteer:
    """One open gazetteer per process: the geo stage resolves places with it and the events stage
    finds provinces' seats in it, so they share its connection and block cache."""
    from ..geo import Gazetteer

    return Gazetteer.load()

