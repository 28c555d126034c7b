"""Event dates resolved against the publication date, on real sentences and the hand gold set."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.evaluation.toll import evaluate_dates
from eventwire.nlp.timeexpr import resolve_event_date

GOLD = Path(__file__).parent / "data" / "time" / "gold.jsonl"
SUNDAY = date(2023, 12, 31)  # the seed article's publication date


@pytest.mark.parametrize(("text", "published", "expected", "precision", "how"), [
    ("Russian drones struck Kyiv on Saturday.", SUNDAY, date(2023, 12, 30), 1, "weekday"),
    ("Missiles hit Kharkiv on Sunday.", SUNDAY, date(2023, 12, 31), 1, "weekday"),
    ("Explosions were heard in Belgorod overnight.", SUNDAY, date(2023, 12, 31), 1, "relative"),
    ("Fighting intensified last week.", SUNDAY, date(2023, 12, 21), 2, "week"),
    ("Partisans blew up a bridge last month.", SUNDAY, date(2023, 11, 15), 3, "month"),
    ("On Dec. 30, missiles struck Kyiv.", date(2024, 1, 2), date(2023, 12, 30), 1, "explicit"),
    ("Drones attacked the city overnight into Monday.", date(2024, 1, 2), date(2024, 1, 1), 1, "weekday"),
    ("Yesterday, the Russians killed six civilians in Donetsk region", date(2023, 2, 16), date(2023, 2, 15), 1,
     "relative"),
])
def test_rules(text: str, published: date, expected: date, precision: int, how: str) -> None:
    got = resolve_event_date(text, published)
    assert (got.date, got.precision, got.how) == (expected, precision, how)


def test_no_date_said_gives_the_publication_date() -> None:
    got = resolve_event_date("Ukrainian forces repelled 12 attacks near Avdiivka.", SUNDAY)
    assert (got.date, got.precision, got.how, got.text) == (SUNDAY, 1, "publication", "")


def test_numeric_dates_future_days_and_reference_points_are_not_read() -> None:
    assert resolve_event_date("Shelling on 5/3 hit the town.", SUNDAY).how == "publication"
    assert resolve_event_date("Talks are planned for next Monday.", SUNDAY).how == "publication"
    assert resolve_event_date("Four Ukraine soldiers killed in bloodiest day since August", SUNDAY).how == "publication"


def test_relative_words_need_a_publication_date() -> None:
    assert resolve_event_date("Drones attacked overnight.", None).date is None
    assert resolve_event_date("Missiles hit Kyiv on 30 December 2023.", None).date == date(2023, 12, 30)


def test_may_the_verb_is_no_month() -> None:
    assert resolve_event_date("More people may have died.", SUNDAY).how == "publication"


def test_hand_gold_set_keeps_its_floor() -> None:
    report = evaluate_dates(GOLD)
    assert report.records >= 40
    assert report.figures["date_exact"] >= 0.95, report.misses
    assert report.figures["with_precision"] >= 0.95, report.misses



def test_the_day_it_was_said_gives_way_to_the_day_it_happened() -> None:
    friday = date(2024, 12, 27)
    told = resolve_event_date("Soldiers shot six prisoners near Zvirove last week, the prosecutor said on Friday.",
                              friday)
    assert (told.date, told.how) == (date(2024, 12, 19), "week")
    told = resolve_event_date("Investigators said on Wednesday that two residents were shot dead on Tuesday.", friday)
    assert told.date == date(2024, 12, 24)
    assert resolve_event_date("Shelling killed two people, officials said on Friday.", friday).date == friday


def test_a_span_of_days_is_dated_by_its_first() -> None:
    told = resolve_event_date("Between 3 and 5 May 2024, Ukrainian forces shelled Glushkovo.", date(2024, 5, 7))
    assert (told.date, told.how) == (date(2024, 5, 3), "explicit")


def test_the_previous_evening_is_the_day_before_the_statement() -> None:
    when = resolve_event_date("The ministry said on Thursday that air defence units had destroyed 19 drones over "
                              "Bryansk region the previous evening.", date(2024, 11, 14))
    assert (when.date, when.how) == (date(2024, 11, 13), "relative")
