"""Toll reading: counts, qualifiers, vague words, victims, zero and updates, on real sentences.

The hand gold sets (tests/data/toll) are scored with floors; the README there says how they were made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluation.toll import evaluate_toll
from eventwire.nlp.numbers import parse_quantity
from eventwire.nlp.toll import extract_toll

DATA = Path(__file__).parent / "data" / "toll"
UCDP = Path(__file__).parents[2] / "shared" / "data" / "ucdp-ged-ukraine" / "dev.jsonl"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "article.txt"


def _fig(figure):
    return None if figure is None else (figure.low, figure.best, figure.high, figure.qualifier)


@pytest.mark.parametrize(("text", "expected"), [
    ("twenty-two", (22, 22, 22, "exact")),
    ("one hundred and twenty", (120, 120, 120, "exact")),
    ("two dozen", (24, 24, 24, "exact")),
    ("1,200", (1200, 1200, 1200, "exact")),
    ("more than 10", (10, 10, None, "at least")),
    ("fewer than 10", (None, 10, 10, "at most")),
    ("nearly 30", (None, 30, 30, "about")),
    ("between 10 and 15", (10, 10, 15, "range")),
    ("dozens", (24, 24, 99, "about")),
    ("several", (3, 3, 9, "about")),
])
def test_quantities_follow_the_stated_rules(text: str, expected: tuple) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.low, quantity.best, quantity.high, quantity.qualifier) == expected


def test_an_age_and_a_plain_noun_are_no_counts() -> None:
    assert parse_quantity("22-year-old") is None
    assert parse_quantity("some civilians") is None


def test_dozens_keeps_the_acled_convention_beside_the_conservative_reading() -> None:
    toll = extract_toll("Dozens of people were injured in the missile strike on the shopping centre.")
    assert toll.injured is not None and toll.injured.best == 24 and toll.injured.acled == 12


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this clone")
def test_seed_article_tolls() -> None:
    text = SEED.read_text("utf-8")
    kharkiv = next(line for line in text.splitlines() if "decision-making centers" in line)
    belgorod = next(line for line in text.splitlines() if "terrorist attack" in line and "Belgorod" in line)
    assert _fig(extract_toll(kharkiv).injured) == (22, 22, None, "at least")
    assert extract_toll(kharkiv).fatalities is None
    toll = extract_toll(belgorod)
    assert _fig(toll.fatalities) == (22, 22, None, "at least")
    assert _fig(toll.injured) == (24, 24, 99, "about")
    assert toll.injured.text == "injury of dozens more"


def test_victims_groups_and_sub_counts() -> None:
    toll = extract_toll("The strike killed 12 people, including three children.")
    assert toll.fatalities.best == 12 and toll.fatalities.victims == ("people", "children")
    toll = extract_toll("Two soldiers and three civilians were killed in the attack.")
    assert toll.fatalities.best == 5 and set(toll.fatalities.victims) == {"soldiers", "civilians"}


def test_casualties_never_count_as_deaths() -> None:
    toll = extract_toll("Armed Forces of Ukraine lost more than 70 servicemen in the Krasnolimansk direction in a day")
    assert toll.fatalities is None and toll.casualties.best == 70


def test_zero_and_updates() -> None:
    toll = extract_toll("No one was hurt in the attack, the governor said.")
    assert toll.fatalities.best == 0 and toll.injured.best == 0
    toll = extract_toll("Four people were killed; by evening the death toll had risen to 11.")
    assert toll.fatalities.best == 11 and toll.fatalities.updated
    assert [figure.best for _, figure in toll.mentions] == [4, 11]


def test_sentences_without_a_toll_give_nothing() -> None:
    for text in ("Hungary is blocking a significant aid package.", "Ukraine received 31 tanks on 5 March.",
                 "The 25-year-old soldier spoke to reporters after the attack."):
        toll = extract_toll(text)
        assert toll.fatalities is None and toll.injured is None and toll.casualties is None


@pytest.mark.parametrize(("name", "floor"), [("gold.jsonl", 0.97), ("heldout_ucdp.jsonl", 0.9)])
def test_hand_gold_sets_keep_their_floors(name: str, floor: float) -> None:
    report = evaluate_toll(DATA / name)
    assert report.figures["fatalities_exact"] >= floor, report.misses
    assert report.figures["injured_exact"] >= floor, report.misses



def test_bodies_handed_back_are_no_new_toll() -> None:
    assert extract_toll("Ukraine received the bodies of 500 fallen soldiers from Russia in a repatriation "
                        "under an exchange deal.").fatalities is None
    assert extract_toll("The bodies of 14 civilians were exhumed from a mass grave.").fatalities.best == 14


@pytest.mark.parametrize(("text", "kind", "best"), [
    ("A strike killed a woman and her two children.", "fatalities", 3),
    ("Drones chased a bus, wounding the driver and three passengers.", "injured", 4),
    ("The shelling killed a woman, her husband and their two children.", "fatalities", 4),
    ("A man and his son were killed.", "fatalities", 2),
    ("His wife and a neighbour were taken to hospital with shrapnel wounds.", "injured", 2),
    ("Fourteen more, two of them children, were taken to hospital.", "injured", 14),
    ("Two dockers hurt as drones hit the port.", "injured", 2),
    ("The FSB said two of the intruders were killed.", "fatalities", 2),
    ("A car bomb went off in a courtyard, killing a colonel of the General Staff.", "fatalities", 1),
])
def test_joined_groups_and_unlisted_people(text: str, kind: str, best: int) -> None:
    assert getattr(extract_toll(text), kind).best == best


def test_a_second_toll_verb_or_a_speaker_is_no_joined_group() -> None:
    toll = extract_toll("The strike killed a man and injured his wife.")
    assert (toll.fatalities.best, toll.injured.best) == (1, 1)
    toll = extract_toll("Bombs hit the town, killing at least four civilians, the mayor of the city said.")
    assert toll.fatalities.best == 4
    assert extract_toll("According to the regional governor, 2 firefighters were killed.").fatalities.best == 2
    dead = extract_toll("One of the wounded, a man of 70, died in hospital.").fatalities  # 70 is an age
    assert (dead.best, dead.moved) == (1, True)  # one of those counted wounded before
    assert extract_toll("Two tanks were destroyed and three vehicles damaged.").injured is None


def test_an_apposition_is_one_person_and_a_bare_pronoun_or_graves_count() -> None:
    toll = extract_toll("A drone hit a car, killing the driver, a 45-year-old man, and wounding his wife.")
    assert (toll.fatalities.best, toll.injured.best) == (1, 1)
    assert extract_toll("He was beaten; he died of his injuries two days later.").fatalities.best == 1
    assert extract_toll("Investigators found a burial site with more than 440 graves.").fatalities.best == 440
    assert extract_toll("The man died, bringing the death toll from the strike to two.").fatalities.best == 2
    assert extract_toll("One man suffered minor cuts and several people were detained.").injured.best == 1
    assert extract_toll("Three conscription officers were injured.").injured.best == 3


def test_a_list_after_a_count_says_who_and_another_was_wounded() -> None:
    assert extract_toll("Soldiers fired at a car, killing 2 civilians, a man and his adult son.").fatalities.best == 2
    toll = extract_toll("1 civilian was killed and another was wounded.")
    assert (toll.fatalities.best, toll.injured.best) == (1, 1)
    assert extract_toll("The driver, a 58-year-old man, was killed.").fatalities.best == 1


def test_a_word_no_list_names_may_modify_a_person_noun() -> None:
    toll = extract_toll("Rockets hit the town, damaging a school and killing a security guard and two taxi drivers.")
    assert toll.fatalities.best == 3
    assert extract_toll("The shelling killed a woman and a guard.").fatalities.best == 2
    assert extract_toll("One man suffered minor cuts.").injured.best == 1  # a verb is no modifier
    assert extract_toll("The strikes killed a lot of people.").fatalities is None



def test_wounded_who_later_died_move_to_the_dead() -> None:
    toll = extract_toll("Soldiers fired on the rally, wounding five people, one of whom later died in hospital.")
    assert (toll.fatalities.best, toll.injured.best) == (1, 4)
    toll = extract_toll("A 58-year-old man was killed in his garden and his neighbour, 61, was wounded.")
    assert (toll.fatalities.best, toll.injured.best) == (1, 1)  # ", 61," is an age
    toll = extract_toll("Russian rockets kill two, wound seven in Pokrovsk")
    assert (toll.fatalities.best, toll.injured.best) == (2, 7)


def test_a_couple_poisoning_and_an_office_after_a_person() -> None:
    assert extract_toll("A drone attacked a car, injuring a couple and their 10-year-old son.").injured.best == 3
    assert extract_toll("It lasted a couple of days.").injured is None
    assert extract_toll("Drones dropped a toxic substance, poisoning two servicemen.").injured.best == 2
    toll = extract_toll("A deputy head of the Nova Kakhovka administration was shot dead outside his home.")
    assert toll.fatalities.best == 1


def test_a_clause_between_the_people_and_what_befell_them() -> None:
    assert extract_toll("Four fighters guarding the site were slightly hurt by shrapnel.").injured.best == 4
    assert extract_toll("A police officer who had been evacuating residents was killed.").fatalities.best == 1
    assert extract_toll("Two women, aged 62 and 70, were treated for cuts.").injured.best == 2
    assert extract_toll("A man who had been hiding was arrested.").fatalities is None


@pytest.mark.parametrize(("text", "dead", "hurt"), [
    ("A man threw a grenade at two enlistment officers, wounding both, police said.", None, 2),
    ("The strike killed both the driver and a passenger.", 2, None),
    ("A night watchman was wounded by shrapnel.", None, 1),
    ("A 17-year-old was killed and his father wounded as they stood outside their house.", 1, 1),
    ("Fatalities: 0. 3 workers were injured.", 0, 3),
])
def test_both_watchmen_and_acleds_field(text: str, dead: int | None, hurt: int | None) -> None:
    toll = extract_toll(text)
    assert (toll.fatalities and toll.fatalities.best, toll.injured and toll.injured.best) == (dead, hurt)


def test_tolls_of_groups_that_can_not_overlap_are_added() -> None:
    toll = extract_toll("Three border guards were killed and one wounded when gunmen attacked a post on Friday; "
                        "all five attackers were killed in the gunfight that followed.")
    assert (toll.fatalities.best, toll.injured.best) == (8, 1)
    # one figure read from a noun alone ("killed in rebel shelling") is no second group
    toll = extract_toll("Two civilians killed in rebel shelling near Luhansk - regional administration")
    assert toll.fatalities.best == 2
    # two reports of one group stay the higher one
    toll = extract_toll("Three soldiers were killed, the army said; the rebels said seven soldiers died.")
    assert toll.fatalities.best == 7


def test_harm_words_of_news_copy() -> None:
    toll = extract_toll("Four employees of the depot suffered concussions and a fifth was cut by flying glass.")
    assert toll.injured.best == 5  # the ordinal names one more person
    assert extract_toll("Two people were killed and a third wounded in the strike.").injured.best == 1
    toll = extract_toll("Rescuers recovered the body of a third, a 45-year-old man, the next morning.")
    assert toll.fatalities.best == 1
    assert extract_toll("His wife survived with shrapnel wounds and was taken to hospital.").injured.best == 1


@pytest.mark.parametrize(("text", "kind", "best"), [
    ("The locomotive driver and his assistant were injured, he said.", "injured", 2),
    ("Two servicemen of the centre were injured.", "injured", 2),
    ("His neighbour, who tried to intervene, suffered a broken arm and head injuries.", "injured", 1),
    ("Two soldiers were killed and a third was killed when the ambulance was hit.", "fatalities", 3),
])
def test_colleagues_units_and_a_clause_set_off_by_commas(text: str, kind: str, best: int) -> None:
    assert getattr(extract_toll(text), kind).best == best


def test_an_ordinal_adds_one_only_after_the_count_before_it() -> None:
    assert extract_toll("Two soldiers were wounded; a fifth soldier was wounded.").injured.best == 2
    toll = extract_toll("Two were killed and a third wounded in the strike.")
    assert (toll.fatalities.best, toll.injured.best) == (2, 1)
    assert extract_toll("The man, who was driving, said he was fine.").injured is None


def test_more_bodies_add_but_not_to_an_update_and_the_wounded_who_died_move() -> None:
    toll = extract_toll("4 residents were killed on the spot and 14 injured; 2 more bodies were found the next day.")
    assert (toll.fatalities.best, toll.injured.best) == (6, 14)
    toll = extract_toll("The toll rose to six dead on Friday after rescuers pulled two more bodies from the rubble.")
    assert toll.fatalities.best == 6
    toll = extract_toll("Two people were killed and nine wounded. One of the wounded, a man of 70, died in hospital.")
    assert (toll.fatalities.best, toll.injured.best) == (3, 8)
    # told in passing, a part of the wounded is no figure of its own
    assert extract_toll("One of the wounded, a 57-year-old man, was in a serious condition.").injured is None
    toll = extract_toll("Two men in the car were wounded; one of them, aged 39, later died in hospital.")
    assert (toll.fatalities.best, toll.injured.best) == (1, 1)


def test_lost_soldiers_killed_poisoning_families_and_a_third_with_burns() -> None:
    toll = extract_toll("'The enemy lost 23 soldiers killed and 31 wounded,' a spokesman said.")
    assert (toll.fatalities.best, toll.injured.best) == (23, 31)
    assert extract_toll("The enemy lost 70 servicemen.").casualties.best == 70
    assert extract_toll("Five soldiers were evacuated with signs of poisoning.").injured.best == 5
    toll = extract_toll("A tractor hit a mine, killing the driver, a 45-year-old farmer, and injuring his nephew.")
    assert (toll.fatalities.best, toll.injured.best) == (1, 1)
    assert extract_toll("Two workers were hospitalised with burns and a third with smoke poisoning.").injured.best == 3
    toll = extract_toll("Shells hit the village, killing a 67-year-old man and injuring 3 civilians, one of whom "
                        "later died in hospital.")
    assert (toll.fatalities.best, toll.injured.best) == (2, 2)
    dead = extract_toll("A man from Rybalche, in the Russian-held part of Kherson region, died after being beaten.")
    assert dead.fatalities.best == 1
    assert extract_toll("According to the FSB, 3 members of the group were killed.").fatalities.best == 3
