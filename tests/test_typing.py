"""Event typing: the shipped model, the label spellings, the seed's interaction cases, the typing evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluation.typing import evaluate_typing, load_gold, score_axis
from eventwire.typing import EVENT_TYPES, PLOVER_TYPES, SUB_EVENT_TYPES, EventTyper
from eventwire.typing.classifier import MODEL_DIR
from eventwire.typing.labels import INTERACTION_OF_SUB_TYPE, NONE
from eventwire.typing.patterns import PatternTyper

ROOT = Path(__file__).parents[1]

# ACLED's codebook, as the issue spells it.
ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory",
        "Other",
    ],
}  # fmt: skip
PLOVER = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE"
    " COERCE ASSAULT"
)


@pytest.fixture(scope="module")
def typer() -> EventTyper:
    return EventTyper.load()


def test_label_spelling_is_acleds_and_plovers() -> None:
    assert {sub: et for et, subs in ACLED.items() for sub in subs} == SUB_EVENT_TYPES
    assert set(EVENT_TYPES) == set(ACLED) and len(SUB_EVENT_TYPES) == 25
    assert list(PLOVER_TYPES) == PLOVER.split()
    assert set(INTERACTION_OF_SUB_TYPE) == set(SUB_EVENT_TYPES)
    assert {i for i in INTERACTION_OF_SUB_TYPE.values() if i} <= set(PLOVER_TYPES)


def test_model_file_loads_is_small_and_names_its_data(typer: EventTyper) -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size < 5_000_000
    assert set(typer.sub.labels) == set(SUB_EVENT_TYPES) | {NONE}
    assert set(typer.interaction.labels) <= set(PLOVER_TYPES) | {NONE}
    assert typer.meta["seed"] is not None and typer.meta["data"], "meta.json must record seed and data digest"
    assert any(k.startswith("labels/") for k in typer.meta["data"])


def test_patterns_file_is_valid() -> None:
    PatternTyper()  # raises on a misspelt label


CLEAR = [
    ("Battles", "Government troops and rebels fought for hours near the town, and six soldiers were killed."),
    ("Explosions/Remote violence", "Russian artillery shelled homes in Nikopol overnight, wounding a woman."),
    ("Violence against civilians", "Gunmen shot dead a village chief and his two sons in their home."),
    ("Protests", "Thousands of teachers marched peacefully through the capital to demand higher pay."),
    ("Riots", "Protesters threw stones at police and set fire to tyres on the main road."),
    ("Strategic developments", "Police arrested the leader of the opposition party at his home on Tuesday."),
]


@pytest.mark.parametrize(("event_type", "sentence"), CLEAR)
def test_clear_sentences_get_their_type(typer: EventTyper, event_type: str, sentence: str) -> None:
    [p] = typer.predict([sentence])
    assert p.event_type == event_type, p
    assert p.sub_event_type in ACLED[event_type]
    assert p.by in {"pattern", "model"} and 0 < p.confidence <= 1


def test_would_not_go_unpunished_is_a_threat_not_an_attack(typer: EventTyper) -> None:
    [p] = typer.predict(["Tehran said the attack on its consulate would not go unpunished."])
    assert (p.event_type, p.interaction) == (None, "THREATEN")


def test_hungary_blocking_aid_is_an_interaction_not_an_attack(typer: EventTyper) -> None:
    [p] = typer.predict(["Hungary is blocking an aid package for Ukraine worth 50 billion euros."])
    assert p.event_type is None
    assert p.interaction in {"REJECT", "AID"}


@pytest.mark.parametrize(
    ("sentence", "interaction"),
    [
        ("Russia accused Ukraine of staging provocations near the border.", "ACCUSE"),
        ("France requested an emergency UN Security Council meeting on the crisis.", "CONSULT"),
    ],
)
def test_political_interactions_are_not_events(typer: EventTyper, sentence: str, interaction: str) -> None:
    [p] = typer.predict([sentence])
    assert (p.event_type, p.interaction) == (None, interaction)


def test_background_sentence_is_no_event(typer: EventTyper) -> None:
    [p] = typer.predict(["The central bank kept interest rates unchanged on Thursday, citing slowing inflation."])
    assert p.event_type is None


def test_labelled_data_is_valid() -> None:
    items = load_gold(sorted((ROOT / "data" / "labels").glob("*.jsonl")))
    assert len(items) > 1000
    assert {i.split for i in items} == {"train", "heldout", "blind"}
    for line in (ROOT / "data" / "labels" / "written.jsonl").read_text().splitlines():
        assert json.loads(line)["source"] == "written"
    for split in ("heldout", "blind"):
        subs = {i.sub_event_type for i in items if i.split == split}
        assert subs >= set(SUB_EVENT_TYPES), f"every sub-type needs {split} examples"


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_evaluate_typing_reads_every_gold_format(tmp_path: Path, typer: EventTyper) -> None:
    shelling = "Shelling/artillery/missile attack"
    ucdp = _write(tmp_path / "ucdp.jsonl", [{"id": "ucdp-ged:1", "text": "Shelling kills two in Donetsk",
                                              "event_type": "Explosions/Remote violence", "sub_event_type": shelling}])
    mm = _write(tmp_path / "mm.jsonl", [{"id": "mm-africa:1", "text": "police fired tear gas to disperse students.",
                                         "event_type": "Protests", "sub_event_type": "Protest with intervention",
                                         "split_group": "mm-africa:1"}])
    plover = _write(tmp_path / "plover.jsonl", [
        {"id": "plover-gsr:1", "text": "Russia threatened to cut gas supplies.", "event_type": "THREATEN",
         "mode": None, "plover_version": "0.5b1"},
        {"id": "plover-gsr:2", "text": "Albania denounced Serbia.", "event_type": "DISAPPROVE", "mode": None,
         "plover_version": "0.5b1"},
    ])
    own = _write(tmp_path / "own.jsonl", [{"id": "w:1", "text": "The museum reopened after renovation.",
                                           "event_type": None, "sub_event_type": None, "interaction": None,
                                           "source": "written", "split": "heldout"}])
    items = load_gold([ucdp, mm, plover, own])
    assert [i.interaction for i in items[2:4]] == ["THREATEN", "ACCUSE"]
    assert [i.type_scored for i in items] == [True, True, False, False, True]
    report = evaluate_typing([ucdp, mm, plover, own], typer, bootstrap=50)
    assert {a.name for a in report.axes} == {"event_type", "sub_event_type", "interaction"}
    assert report.axis("sub_event_type").n == 3 and report.axis("interaction").n == 3
    assert "macro-F1" in report.render() and report.to_dict()["n"] == 5


def test_macro_f1_counts_gold_classes_only() -> None:
    axis = score_axis("x", ["a", "a", "b", NONE], ["a", "b", "b", "a"], bootstrap=20)
    # a: P 1/2 R 1/2 F1 .5; b: P 1/2 R 1 F1 2/3; "none" is not averaged
    assert axis.macro_f1 == pytest.approx((0.5 + 2 / 3) / 2, abs=1e-4)
    assert axis.confusion[NONE] == {"a": 1} and axis.per_class["b"].support == 1


def test_vectoriser_rows_hold_the_known_ngram_features(typer: EventTyper) -> None:
    """`row` (columns cut once per word) gives the weights the `ngrams` definition does."""
    import numpy as np

    from eventwire.typing.features import ngrams

    vec = typer.vectoriser
    for text in ("On 3 June 2023, Russian forces shelled Kherson city, killing two civilians.",
                 "Protesters blocked the road to the airport, and police fired tear gas at them."):
        known = {vec.index[f]: n for f, n in ngrams(text).items() if f in vec.index}
        cols, values = vec.row(text)
        assert cols.tolist() == sorted(known)
        expected = (1.0 + np.log(np.array([known[c] for c in sorted(known)], np.float32))) * vec.idf[cols]
        assert np.allclose(values, expected / np.linalg.norm(expected), atol=1e-6)
