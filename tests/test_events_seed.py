"""The seed page through the whole pipeline: every "must" event of expected-events.json is coded.

The analyst's reading (tests/data/extraction/seed-expected-events.json) lists four must events:
Russian strikes on Kharkiv (at least 22 injured) and on Kyiv, the Belgorod attack that Russia blames
on Ukraine (at least 22 dead), and a Russian missile in Polish airspace. "Should" interactions are
reported, not required.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from conftest import SEED_HTML
from eventwire.document import Document, Record
from eventwire.pipeline import Pipeline
from eventwire.settings import load_settings

EXPECTED = json.loads((SEED_HTML.parent / "seed-expected-events.json").read_text())
MUST = {e["id"]: e for e in EXPECTED["events"] if e["level"] == "must"}


@pytest.fixture(scope="module")
def mentions() -> list[dict[str, Any]]:
    settings = load_settings(env={})
    settings["pipeline"]["stages"] = ["extract", "identify", "language", "nlp", "geo", "events"]
    doc = Pipeline.from_settings(settings)(Document.from_record(
        Record(source=str(SEED_HTML), kind="html", content=SEED_HTML.read_bytes())))
    assert isinstance(doc, Document), doc
    return [m.to_dict() for m in doc.mentions]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def event_at(mentions: list[dict[str, Any]], event_id: str, max_km: float = 25) -> dict[str, Any]:
    want = MUST[event_id]
    spot = (want["location"]["lat"], want["location"]["lon"])
    for m in mentions:
        loc = m["location"] or {}
        if m["event_type"] == want["type"] and loc.get("latitude") is not None and \
                km(spot, (loc["latitude"], loc["longitude"])) <= max_km:
            return m
    raise AssertionError(f"no {want['type']} event within {max_km} km of {want['location']['name']}: "
                         f"{[(m['event_type'], (m['location'] or {}).get('name')) for m in mentions]}")


def test_kharkiv_strikes_with_at_least_22_injured(mentions: list[dict[str, Any]]) -> None:
    m = event_at(mentions, "kharkiv-strikes")
    assert m["sub_event_type"] in ("Air/drone strike", "Shelling/artillery/missile attack")
    assert (m["injured"]["best"], m["injured"]["qualifier"]) == (22, "at least")
    assert m["actor1"]["country"] == "RU"
    assert any(c["speaker"].lower().endswith("defense ministry") for c in m["claims"])


def test_kyiv_drone_strikes(mentions: list[dict[str, Any]]) -> None:
    m = event_at(mentions, "kyiv-strikes")
    assert m["sub_event_type"] == "Air/drone strike" and m["actor1"]["country"] == "RU"


def test_belgorod_attack_is_russias_claim_with_at_least_22_dead(mentions: list[dict[str, Any]]) -> None:
    m = event_at(mentions, "belgorod-attack")
    assert (m["fatalities"]["best"], m["fatalities"]["qualifier"]) == (22, "at least")
    assert m["injured"]["qualifier"] == "about" and m["injured"]["best"] >= 12  # "dozens"
    assert m["actor1"]["country"] == "UA" and m["claim_status"] == "claimed"
    assert any(c["speaker"] in ("Russia", "Moscow") for c in m["claims"])


def test_russian_missile_in_polish_airspace(mentions: list[dict[str, Any]]) -> None:
    m = event_at(mentions, "poland-airspace", max_km=400)  # country-level precision only
    assert m["location"]["iso"] == "PL" and m["location"]["geo_precision"] == 3
    assert m["actor1"]["country"] == "RU"


def test_no_attack_is_coded_from_a_threat(mentions: list[dict[str, Any]]) -> None:
    for m in mentions:
        if m["event_type"]:
            assert not any("unpunished" in e["text"] for e in m["evidence"] if e["field"] == "event"), m


def test_should_interactions_are_reported(mentions: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    found = {m["interaction"] for m in mentions if m["interaction"]}
    wanted = {"ACCUSE", "CONSULT", "THREATEN", "REJECT"}
    with capsys.disabled():
        print(f"\nseed 'should' interactions found: {sorted(found & wanted)} of {sorted(wanted)}")
    assert found & wanted, "not one of the seed's political interactions was found"


def test_mentions_carry_evidence_offsets_into_the_text(mentions: list[dict[str, Any]]) -> None:
    for m in mentions:
        assert m["evidence"] and all(e["end"] > e["start"] for e in m["evidence"])


def test_acled_columns_carry_iso_numeric_and_region(mentions: list[dict[str, Any]]) -> None:
    from eventwire.events.acled import COLUMNS, flat_row

    row = flat_row(event_at(mentions, "poland-airspace", max_km=400))
    assert list(row) == list(COLUMNS)
    assert (row["iso"], row["region"], row["iso2"], row["country"]) == (616, "Europe", "PL", "Poland")
    kharkiv = flat_row(event_at(mentions, "kharkiv-strikes"))
    assert (kharkiv["iso"], kharkiv["region"], kharkiv["geo_precision"]) == (804, "Europe", 1)
