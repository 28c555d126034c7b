"""Language identification with py3langid over the start of the text."""

from __future__ import annotations

from ..document import Document
from ..pipeline import Stage, register
from ..settings import Settings

_SAMPLE = 600  # characters: plenty for a stable guess on news prose, and the cost stays flat


@register("language")
class LanguageStage(Stage):
    name = "language"
    requires = ("text",)
    assigns = ("language",)

    def __init__(self, settings: Settings) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        candidates = settings["language"]["candidates"]
        if candidates:
            self.identifier.set_languages(candidates)

    def __call__(self, doc: Document) -> Document:
        sample = doc.text[:_SAMPLE]
        if sum(c.isalpha() for c in sample) < 20:
            doc.language = None  # too little text to say; a guess here would be noise
            return doc
        doc.language = self.identifier.classify(sample)[0]
        return doc
