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
        cased = doc.extras.get("_cased")
        doc.places = self.geoparser.parse(cased or doc.text, doc.extras.get("_spacy"))
        if cased:
            # in a text without capitals, the names `nlp.truecase` vouched for are the places: the model's
            # own guesses there are lower-case words ("coma", "adama")
            doc.places = [p for p in doc.places if cased[p.start].isupper()]
            for place in doc.places:
                place.text = doc.text[place.start : place.end]  # as written, not as the model read it
        return doc


@cache
def shared_gazetteer() -> Gazetteer:
    """One open gazetteer per process: the geo stage resolves places with it and the events stage
    finds provinces' seats in it, so they share its connection and block cache."""
    from ..geo import Gazetteer

    return Gazetteer.load()

