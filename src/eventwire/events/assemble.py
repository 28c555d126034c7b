"""From typed sentences to event mentions: one document at a time, rules over the stages' output.

Per sentence: its type (`events.rules`: ACLED's separating rules over the typing model); the places
named in it (places after "in response to", "after" ... belong to another event); the toll; the
date resolved against publication; the claims. A violent sentence naming several towns gives one
mention per town (ACLED codes per location). An accusation that carries an attack with a toll
gives both the interaction and the attack, the latter as claimed. Sentences with no place take the
last event's place, or the town the text names most (precision 2). Mentions of the same type at the
same place and date merge, so an event told over several sentences is one mention whose evidence
lists them all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from ..geo.geoparse import bracket_before
from ..nlp.attribution import factuality, find_claims
from ..nlp.timeexpr import resolve_event_date, said_day
from ..nlp.toll import ADDS, MOVED, counted, less, next_one, other_groups
from .actors import ARMED_KINDS, ActorFinder, assign_roles
from .aftermath import bomber_died, count_the_bomber, debris_fell_on, downed_but_hurt
from .cues import Cues
from .model import Actor, Claim, Evidence, Figure, Location, Mention
from .rules import (
    CROWD_SEVERITY,
    DEFAULT_ATTACK,
    GENERIC,
    VIOLENT_TYPES,
    Sentence,
    Typed,
    event_sub_type,
    in_spans,
    interaction_of,
    names_a_place,
    someone_hurt,
    subject_of,
    territory_side,
    toll_only,
)
from .sides import event_actors
from .taxonomy import EVENT_TYPE_OF

DEMONSTRATION = frozenset(CROWD_SEVERITY) - {"Mob violence"}
MIN_WORDS = 4  # shorter "sentences" are headings and chrome lines

__all__ = ["Cues", "Sentence", "assemble"]


def assemble(text: str, sentences: list[Sentence], published: date | None, actors: ActorFinder,
             cues: Cues, doc_id: str, seat: Seat | None = None) -> list[Mention]:
    """Every mention in one document, merged within it, in order of first evidence. `seat` gives the
    town a province is governed from, where ACLED codes an event known only by its province."""
    found: list[Mention] = []
    last_place: Any = _story_town(sentences, cues)
    after_period = False  # the last sentence that told of violence told of it as background
    for sent in sentences:
        crowd = any(m.sub_event_type in DEMONSTRATION for m in found)  # a mob is no demonstration
        if len(sent.text.split()) < MIN_WORDS and not (sent.toll.fatalities or sent.toll.injured or crowd):
            continue  # ... but ACLED's "Fatalities: 1." is a toll, and "Protests turned violent." goes on
        struck = any(m.event_type == "Explosions/Remote violence" for m in found)
        _claim_responsibility(sent, actors, found)
        fell_on = debris_fell_on(sent, found, cues)
        bomber_died(sent, found)
        mentions, fact = _sentence_mentions(sent, published, actors, cues, doc_id, last_place, crowd, struck)
        if after_period and toll_only(sent, cues) and all(
                m.typed_by in ("model", "toll") and _undated(m) for m in mentions):
            mentions = []  # "HRMMU has recorded 574 casualties since May. 12 were children": the period's toll
        after_period = fact == "background" and bool(_PERIOD.search(sent.text)) if fact is not None else after_period
        for mention in mentions:
            if fell_on is not None and mention.typed_by in ("model", "toll"):
                mention = replace(mention, event_type=None, sub_event_type=None, location=fell_on.location)
            elif _toll_of_told(mention, sent, found, cues):
                mention = replace(mention, event_type=None, sub_event_type=None)
            elif (told := _placeless_toll(mention, sent, found, cues)) is not None:
                mention = replace(mention, event_type=None, sub_event_type=None, location=told.location)
            elif (struck_by := downed_but_hurt(mention, sent, found, cues)) is not None:
                mention = struck_by
            target = _merge_target(found, mention)
            if target is not None:
                _merge(target, mention)
            elif mention.event_type or mention.interaction:
                mention.index = len(found)
                found.append(mention)
            if mention.event_type is None and mention.interaction is None and target is None:
                continue  # a toll with no event to join is dropped: it was never typed
            if mention.event_type and mention.location and mention.location.geo_precision == 1:
                last_place = mention.location
    _lede_first(found)
    for mention in found:
        count_the_bomber(mention)
    _dated_by_the_text(found, sentences, published)
    if seat is not None:
        _at_seats(found, seat)
    return found


Seat = Callable[[Location], Location | None]


def _dated_by_the_text(found: list[Mention], sentences: list[Sentence], published: date | None) -> None:
    """An event first told by a sentence with no date ("According to Ukrainian sources, 5 servicemen were
    killed") after one that gave the day ("On 2 February 2024, special forces crossed the reservoir ...")
    happened on that day, not on the publication date."""
    pending = [m for m in found if m.date_resolved == "publication" and m.evidence]
    if not pending:
        return
    last = max(m.evidence[0].start for m in pending)
    dated = [(s.end, when) for s in sentences if s.end <= last  # each sentence's date read once, if at all
             and (when := resolve_event_date(s.text, published)).how == "explicit" and when.date is not None]
    for mention in pending:
        when = next((w for end, w in reversed(dated) if end <= mention.evidence[0].start), None)
        when = when or _dated_after(mention, sentences, published)
        if when is not None and when.date is not None:
            mention.event_date, mention.time_precision, mention.date_resolved = (
                when.date.isoformat(), when.precision, when.how)


def _dated_after(mention: Mention, sentences: list[Sentence], published: date | None) -> Any:
    """ "... shooting three servicemen who had surrendered. The killing took place on 9 June": the day told
    right after the event, in a sentence about when it happened."""
    later = [s for s in sentences if s.start >= mention.evidence[0].end][:2]
    for sent in later:
        if _TOOK_PLACE.search(sent.text) and (when := resolve_event_date(sent.text, published)).how == "explicit":
            return when
    return None


_TOOK_PLACE = re.compile(r"\b(?:took place|happened|occurred|was carried out|were carried out)\s+(?:\w+\s+){0,3}?on\b|"
                         r"\b(?:[Ff]ootage|[Vv]ideo|[Ii]magery|[Ss]trike|[Aa]ttack)\s+(?:was\s+)?(?:published\s+|filmed\s+|"
                         r"recorded\s+|posted\s+)?(?:on|from)\s+\d")


def _toll_of_told(mention: Mention, sent: Sentence, found: list[Mention], cues: Cues) -> bool:
    """ "1 civilian was injured in Glushkovo" after a clash there: the model's guess for a sentence that
    only counts victims is that event's toll, not an event of its own; and "The attack
    came shortly after the sirens" is the attack told before."""
    told_before = _THE_ATTACK.match(sent.text) or _FOOTAGE_OF.search(sent.text)
    if told_before and mention.event_type in VIOLENT_TYPES and any(m.event_type in VIOLENT_TYPES for m in found):
        return True
    if mention.typed_by not in ("model", "toll") or not toll_only(sent, cues):
        return False
    if any(m.group().lower() not in TOLL_WORDS for m in cues.violence.finditer(sent.text)):
        return False
    return any(m.event_type in VIOLENT_TYPES and _same_place(m, mention) for m in found)


def _placeless_toll(mention: Mention, sent: Sentence, found: list[Mention], cues: Cues) -> Mention | None:
    """ "The driver, 58, died at the scene; six passengers were wounded" right after the strike: a toll
    that names no place of its own is the last event's, wherever the story's town was put."""
    if mention.typed_by not in ("model", "toll") or not found or _scene_named(sent) or not toll_only(sent, cues):
        return None
    if not someone_hurt(sent.toll):  # "No casualties." after a relay cabinet was set on fire: its zero
        return next((m for m in reversed(found) if m.event_type), None)
    violent = [m for m in found if m.event_type in VIOLENT_TYPES]
    if not violent or found[-1].event_type not in (*VIOLENT_TYPES, "Strategic developments"):
        return None
    return violent[-1]  # "... 14 rockets were intercepted. A woman died overnight": the strike's toll


def _scene_named(sent: Sentence) -> bool:
    """A place other than where the hurt were taken ("taken to hospital in Chernihiv with shrapnel wounds")."""
    return any(p.role == "place" and p.latitude is not None
               and not _CARED_FOR_IN.search(sent.text, 0, p.start - sent.start) for p in sent.places)


# a count over a period told as background ("Since the start of the year, 68 civilians were killed")
_PERIOD = re.compile(r"\bsince the (?:start|beginning) of\b|\bso far this (?:year|month)\b|"
                     r"\b(?:has|have|had) (?:recorded|documented)\b|\bin the (?:first|second) half of\b|"
                     r"\b(?:over|in) the past (?:week|month)\b", re.I)
_THE_ATTACK = re.compile(r"(?:The|This|That) (?:attack|strike|strikes|shelling|raid|bombardment|assault|explosion|"
                         r"blast)\b(?! on\b)")
# "It published drone footage of the strike": the strike told before, shown
_FOOTAGE_OF = re.compile(r"\b(?:footage|videos?|images|photos|pictures) of the (?:attack|strikes?|shelling|raid|"
                         r"bombardment|explosion|blast|aftermath)\b", re.I)
TOLL_WORDS = frozenset({"killed", "wounded", "injured", "hurt", "dead", "died", "die", "injuring", "killing",
                        "taken to hospital", "hospitalised", "hospitalized"})


def _at_seats(found: list[Mention], seat: Seat) -> None:
    """A mention placed at a province (its own admin1, precision 3) moves to the province's seat."""
    for mention in found:
        if (loc := mention.location) is not None and loc.geo_precision == 3 and loc.admin1 == loc.name:
            mention.location = seat(loc) or loc


LATER_EVENT_DISCOUNT = 0.1


def _lede_first(found: list[Mention]) -> None:
    """Events told after the first one are less sure: a news text leads with its event, and what
    follows is more often a side event, an interception in the same night, an earlier strike or a
    reaction (on the blind label sets a discount of 0.1 picked the gold event more often; 0.12 and
    more began to prefer an ACLED note's opening clause over its event)."""
    events = [m for m in found if m.event_type]
    for mention in events[1:]:
        if _told_at(mention) > _told_at(events[0]):
            discount = LATER_EVENT_DISCOUNT * (3 if _follow_up(mention, events[0]) else 1)
            mention.confidence = round(max(0.0, mention.confidence - discount), 3)


def _follow_up(later: Mention, lede: Mention) -> bool:
    """Drones or missiles shot down after a strike was told, or arrests where an act was: the
    interceptions of that attack ("rockets hit Belgorod, killing two; air defences downed ten more")
    or the arrest of who did it ("two teenagers set fire to a relay cabinet ... both were detained"),
    never the story's headline."""
    if later.sub_event_type == "Disrupted weapons use" and lede.event_type == "Explosions/Remote violence":
        return True  # "air defences shot down 26 more over the Tula, Oryol and Bryansk regions": wherever they fell
    return later.sub_event_type == "Arrests" and lede.sub_event_type != "Arrests" and _same_place(later, lede)


def _told_at(mention: Mention) -> int:
    return min((e.start for e in mention.evidence), default=0)


def _claim_responsibility(sent: Sentence, actors: ActorFinder, found: list[Mention]) -> None:
    """ "Ukrainian partisans claimed responsibility": the group that claims the attack told before
    is its first actor when nobody else was named."""
    event = next((m for m in reversed(found) if m.event_type in VIOLENT_TYPES), None)
    if event is None or not _RESPONSIBILITY.search(sent.text):
        return
    if event.actor1 is not None and not event.actor1.name.startswith("Unidentified"):
        return
    claimant = assign_roles(actors.find(sent.text, event.location.iso if event.location else None))[0]
    if claimant is not None and claimant.kind != "Civilians":
        event.actor1 = claimant


_RESPONSIBILITY = re.compile(r"\b(?:claim(?:ed|s|ing)?|took|takes|admitted|admits)\s+responsibility\b", re.I)


def _story_town(sentences: list[Sentence], cues: Cues) -> Location | None:
    """The town the whole text is about, for events told without one ("Rebels down helicopter" under
    a dateline or a headline naming the town): the most often named town, the first on a tie. It is
    inferred, not stated with the event, so its precision is 2."""
    towns = [p for s in sentences if _about_violence(s, cues) for p in s.places if _town(p)]
    # else the lede's own town: "Occupied Chonhar: soldiers took a teacher away", "in Kostopil, a passer-by
    # noticed a suspicious package"; then a later "Explosives experts defused it" happened there
    towns = towns or [p for p in (sentences[0].places if sentences else []) if _town(p) and (
        p.start == sentences[0].start or (_locative(sentences[0], p) and not _speakers_place(sentences[0], p)))]
    if not towns:
        return None
    counts = Counter(p.geonames_id for p in towns)
    best = max(towns, key=lambda p: counts[p.geonames_id])  # max keeps the first of equals
    return _location(best, 2)


def _speakers_place(sent: Sentence, place: Any) -> bool:
    """ "officials in Kyiv and Moscow said", "the Belgorod governor": where those who tell it sit."""
    start = place.start - sent.start
    return bool(_SPEAKERS_IN.search(sent.text, max(0, start - 60), start)
                or _OFFICE_AFTER.match(sent.text, place.end - sent.start))


def _town(place: Any) -> bool:
    return place.role == "place" and place.feature_class == "P" and place.latitude is not None


def _about_violence(sent: Sentence, cues: Cues) -> bool:
    """A sentence that may tell where the violence was: a bare place line (a dateline, a tag) or one
    with a toll, a weapon or a violence word, not "talks in Minsk"."""
    if len(sent.text.split()) < MIN_WORDS:
        return True
    if cues.any_event.search(sent.text) and (
            cues.violence.search(sent.text) or any(p.search(sent.text) for _, p in cues.weapons)):
        return True
    return bool(sent.toll.fatalities or sent.toll.injured)


def _sentence_mentions(sent: Sentence, published: date | None, actors: ActorFinder, cues: Cues, doc_id: str,
                       last_place: Location | None, crowd: bool = False,
                       struck: bool = False) -> tuple[list[Mention], str | None]:
    """The sentence's mentions, and how it tells its event (`factuality`; None when it tells none)."""
    interaction, interaction_by = interaction_of(sent, cues)
    sub_type = event_sub_type(sent, cues, interaction, crowd, struck)
    if sub_type and sub_type.sub_event_type in CROWD_SEVERITY and (
            (interaction == "REQUEST" and _CROWD_WANTS.search(sent.text))
            or (interaction == "REJECT" and _CROWD_BLOCKS.search(sent.text))):
        # "staged sit-ins ..., demanding accountability", "blocked border crossings ... in protest": what the crowd
        # wants or does at its protest, not a request or a refusal of its own
        interaction = None
    if not (interaction or sub_type or toll_only(sent, cues)):
        return [], None  # most sentences: no need to read their claims and factuality
    fact = factuality(sent.text, published.year if published else None)
    if fact in ("negated", "background"):
        return [], fact
    claims = find_claims(sent.text)
    out: list[Mention] = []
    if interaction and interaction != "ASSAULT":
        told = _interaction_mention(sent, interaction, claims, actors, cues, doc_id)
        told.typed_by = interaction_by
        if (told.actor1 is not None or interaction_by != "cue" or sent.places or _NAME.search(sent.text, 1)
                or _POLITICAL_ACTOR.search(sent.text)):
            out.append(told)  # a lexicon verb with nobody named ("aid was provided") is no interaction
    if fact == "hypothetical":
        return out, fact
    claimed = fact == "reported" or interaction == "ACCUSE"
    if sub_type:
        out += [m for m in _event_mentions(sent, sub_type, claims, claimed, published, actors, doc_id, last_place,
                                           cues) if _armed_if_battle(m, sent)]
    elif toll_only(sent, cues):
        out += [replace(m, event_type=None, sub_event_type=None) for m in _event_mentions(
            sent, Typed(DEFAULT_ATTACK, "cue"), claims, claimed, published, actors, doc_id, last_place, cues)]
    return out, fact


# a crowd's demand told as a participle after its protest ("students staged sit-ins, demanding ...")
_CROWD_WANTS = re.compile(r"\b(?:protest\w*|march\w*|rall\w+|sit-ins?|strike\w*|demonstrat\w+|gathered|"
                          r"took to the streets|blocked)\b[^.;]*?(?:,\s*|\s)(?:demanding|calling for|urging)\b", re.I)
_CROWD_BLOCKS = re.compile(r"\bblock(?:s|ed|ing|aded|ading)?\s+(?:[\w-]+\s+){0,3}(?:roads?|road junctions|highways?|"
                           r"motorways?|border crossings?|rail(?:way)?\s+lines?|streets?|bridges?)\b", re.I)
_NAME = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,}s?\b)")  # a capitalised word or an acronym after the first
# who takes part in politics, named by a common noun: "the opposition spurned", "the junta gave in"
_POLITICAL_ACTOR = re.compile(
    r"\b(?:government|junta|regime|opposition|parliament|lawmakers|legislators|deputies|senate|congress|cabinet|"
    r"ministry|minister|president|premier|rebels?|guerrillas|militants|insurgents|agenc(?:y|ies)|donors|alliance|"
    r"coalition|authorities|officials|delegations?|envoys?|neighbou?rs|army|military|troops|forces|police|"
    r"unions?|strikers|protesters|students|party|parties|diplomats)\b", re.I)
# who or what fights in a battle, when no actor was named: "fighting raged near the positions", "the enemy"
_ARMED_PARTY = re.compile(
    r"\b(?:troops?|forces|soldiers?|servicem[ae]n|fighters|militants?|rebels?|insurgents?|separatists?|"
    r"militia(?:s|men)?|gunmen|army|armies|military|marines?|paratroopers?|units?|brigades?|battalions?|"
    r"regiments?|platoons?|squads?|guards?|police|policemen|commandos?|partisans?|jihadists?|terrorists?|"
    r"guerrillas?|combatants?|enemy|defenders|assault groups?|infantry|tanks?|armou?red|artillery|positions|"
    r"front ?lines?|frontline|incursion|raid|sabotage|bridgehead|trenches)\b", re.I)
# the fighting itself named, which a place makes a battle: "fierce battles in Ukraine", "clashes continue in Donetsk"
_FIGHTING_AT = re.compile(r"\b(?:fighting|clash(?:es)?|battles?|gunbattles?|gunfights?|firefights?|skirmish(?:es)?|"
                          r"exchanges? of fire)\b", re.I)


def _armed_if_battle(mention: Mention, sent: Sentence) -> bool:
    """A battle is between armed, organised groups: "two monkeys were fighting over a banana", "the Louvre
    has fought to acquire a painting" and "Buffalo is battling injuries" name none, so they are no clash.
    With nobody named, someone hurt or the fighting placed somewhere ("fighting rages in Donetsk") will do."""
    if mention.sub_event_type != "Armed clash":
        return True  # "Russia claims capture of Komar": whoever takes a place has fought for it
    if any(a is not None and a.kind in ARMED_KINDS for a in (mention.actor1, mention.actor2)):
        return True
    if _ARMED_PARTY.search(sent.text) or someone_hurt(sent.toll):
        return True
    return names_a_place(sent) and bool(_FIGHTING_AT.search(sent.text))


def _interaction_mention(sent: Sentence, interaction: str, claims: list[Any], actors: ActorFinder, cues: Cues,
                         doc_id: str) -> Mention:
    spans = actors.find(sent.text)
    acting = [s for s in spans if cues.acting.match(sent.text[s.end:])]
    if acting:  # "Hungary is blocking ...": the actor followed by the verb acts
        first = acting[0]
        rest = [s for s in spans if s is not first and s.actor.name != first.actor.name]
        actor1, actor2 = first.actor, rest[0].actor if rest else None
    else:
        actor1, actor2 = assign_roles(spans)
    return Mention(doc_id=doc_id, index=0, interaction=interaction, actor1=actor1, actor2=actor2,
                   claims=_claims(sent, claims), confidence=round(float(sent.prediction.confidence), 3),
                   evidence=[Evidence("event", sent.start, sent.end, sent.text)])


def _event_mentions(sent: Sentence, sub_type: Typed, claims: list[Any], claimed: bool, published: date | None,
                    actors: ActorFinder, doc_id: str, last_place: Location | None, cues: Cues) -> list[Mention]:
    attacker = event_actors(sent, claims, actors, None, "", sent.toll)[0]
    # "attacks by Russia": the attacker's country named as a country is who, not where; "in east
    # Ukraine" is where, whoever attacked
    places = [p for p in _own_places(sent, cues) if _locative(sent, p) or not (
        attacker and p.country == attacker.country and p.feature_code in _COUNTRY_CODES)]
    places = [p for p in places if not _container(sent, p) and not _district_of(sent, p)]
    # "the missile had been fired from the Zaporizhzhia front": where it was fired from is not where it hit
    places = [p for p in places if not _FIRED_FROM.search(sent.text, max(0, p.start - sent.start - 60),
                                                          p.start - sent.start)]
    # "over the Kremenchuk district": a district named after its town is placed at the town
    towns = [p for p in places if p.feature_class == "P" or (
        p.feature_code == "ADM2" and _RAION_AFTER.match(sent.text, p.end - sent.start))]
    if any(_locative(sent, p) for p in towns):  # "the Zaporizhzhia nuclear power plant in Enerhodar"
        towns = [p for p in towns if not _FACILITY_AFTER.match(sent.text, p.end - sent.start)]
    # "the village of Mezenivka in the Krasnopillia hromada": the community is where the village lies
    towns = [p for p in towns if not _COMMUNITY_AFTER.match(sent.text, p.end - sent.start)] or towns
    # "a drone heading for Moscow shot down near Domodedovo", "residents displaced from Sudzha picketed
    # ... in Kursk", "a priest of the Moscow-linked church in Cherkasy": another town says where
    towns = [p for p in towns if not _elsewhere(sent, p)] or towns
    # "Belgorod: woman killed as shell hits Shebekino courtyard": a leading place is the dateline
    towns = [p for p in towns if not _dateline(sent, p)] or towns
    # "In the Kherson direction ... near Krynky", "Kharkiv operational-tactical group: Near Lyptsi": a front's
    # or a unit's name is no place of the event when the sentence names one
    off_axis = [p for p in towns if not _AXIS_AFTER.match(sent.text, p.end - sent.start)]
    towns = off_axis if any(_locative(sent, p) for p in off_axis) else towns
    # "the bridge over the Dnipro in Kherson": a river, not the city of that name
    towns = [p for p in towns if not (_RIVER.search(sent.text, 0, p.start - sent.start)
                                      and not _DIVISION.match(sent.text[p.end - sent.start :].lstrip()))
             and not _RIVER_AFTER.match(sent.text, p.end - sent.start)]
    # "the Dnipropetrovsk village of Velyka Kostromka", "the Dniprovskyi district of Kherson": the place after "of"
    towns = [p for p in towns if not _region_of_next(sent, p)] or towns
    # "the boy was taken to hospital in Bryansk": where the wounded went, never where it happened
    towns = [p for p in towns if not _CARED_FOR_IN.search(sent.text, 0, p.start - sent.start)
             and not _CAME_FROM.search(sent.text, max(0, p.start - sent.start - 60), p.start - sent.start)]
    # "Lyptsi, north of Kharkiv", "Vovchansk, 5 km from the border": the second town is a landmark
    towns = [p for p in towns if not _LANDMARK_BEFORE.search(sent.text, 0, p.start - sent.start)] or towns
    # "the Belgorod governor wrote": the speaker's office, not where; the story's town before it is
    # ... unless no other town is named: "Khmilnyk city council: two enemy drones were destroyed"
    unofficial = [p for p in towns if not _OFFICE_AFTER.match(sent.text, p.end - sent.start)]
    towns = unofficial or ([] if last_place else towns)
    # "... crossed into Chernihiv region, officials in Kyiv and Moscow said": where the speakers sit
    towns = [p for p in towns if not _SPEAKERS_IN.search(sent.text, max(0, p.start - sent.start - 60),
                                                         p.start - sent.start)]
    # "Russia said its aircraft struck troops in the Kursk region": the place the event is in, first
    # ... and the narrower of two ("in Russia's Krasnodar region")
    wider = [_location(p, _precision(p)) for p in sorted(
        places, key=lambda p: (not _locative(sent, p), p.feature_code in _COUNTRY_CODES))[:1]]
    # own towns; else the story's last town when the sentence names no other country; else its own
    # country or region (precision 3)
    if towns:
        locations = [_location(p, min(2, _precision(p))) for p in towns]
    elif last_place and not (wider and wider[0].iso != last_place.iso):
        locations = [last_place]
    else:
        locations = wider or [None]
    return [_event_mention(sent, sub_type, loc, claims, claimed, published, actors, doc_id) for loc in locations]


_RAION_AFTER = re.compile(r"\s+(?:district|raion|rayon)\b", re.I)
_AXIS_AFTER = re.compile(r"\s+(?:direction|axis|sector|front|(?:operational(?:-|\s+)tactical\s+|operational\s+)?"
                         r"group(?:ing)?(?:\s+of\s+forces)?|brigade|garrison)\b", re.I)
_COMMUNITY_AFTER = re.compile(r"\s+(?:(?:urban|rural|settlement|village)\s+)?(?:territorial\s+)?(?:hromada|community|"
                              r"communities|municipality)\b", re.I)
_RIVER = re.compile(r"\b(?:over|across|along|up|down|(?:left|right|east|west)?\s*banks?\s+of)\s+the\s+$", re.I)
_RIVER_AFTER = re.compile(r"\s+river\b", re.I)
_SPEAKERS_IN = re.compile(r"\b(?:officials?|authorities|ministr(?:y|ies)|sources|spokesm[ae]n|spokespeople|diplomats?|"
                          r"governments?) in\s+(?:[A-Z][\w'’-]+\s+and\s+)?$")
_FACILITY_AFTER = re.compile(r"\s+(?:(?:nuclear|oil|thermal|hydroelectric|hydro|chemical)\s+)?(?:power\s+plant|plant|"
                             r"refinery|airport|airfield|air\s+base|port|bridge|dam|station|depot|GRES|TPP|CHP|HPP|"
                             r"NPP|TETs)\b", re.I)
_COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLIX", "PCLS", None})


_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|across|inside|into|on|over|(?:oblasts?|regions?|parts?|areas?) of)\s+"
                       r"(?:the\s+)?(?:[A-Z][\w-]+['’]s\s+)?"
                       r"(?:(?:north|south|east|west|central|north-?east|south-?east|north-?west|south-?west)"
                       r"(?:ern)?\s+)?$", re.I)


def _elsewhere(sent: Sentence, place: Any) -> bool:
    """A town named as a destination, an origin, a partner or in an adjective, not as where."""
    start, end = place.start - sent.start, place.end - sent.start
    return (bool(_ELSEWHERE_BEFORE.search(sent.text[max(0, start - 30) : start])) or sent.text[end : end + 1] == "-"
            or place.text.endswith("-"))  # "the Saint Petersburg-Moscow railway"


_LANDMARK_BEFORE = re.compile(r"(?:\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
                              r"(?:ern)?(?:\s+edge)?\s+of|\bkm\s+(?:\w+\s+)?(?:from|of|outside)|"
                              # "about 10 km from the naval base at Novorossiysk"
                              r"\bkm\s+(?:\w+\s+)?from\s+the\s+(?:[\w-]+\s+){1,2}(?:at|of|in)|"
                              r"[\w)],\s+(?:just\s+)?(?:near|outside)|"
                              r"[\w)],\s+an?\s+(?:small\s+|border\s+|frontline\s+|front-line\s+)?(?:village|town|"
                              r"settlement|suburb|hamlet)\s+(?:just\s+)?(?:near|outside|close\s+to|in\s+the\s+"
                              r"outskirts\s+of))\s+(?:the\s+)?(?:city\s+of\s+)?$", re.I)
def _region_of_next(sent: Sentence, place: Any) -> bool:
    """ "the Dnipropetrovsk village of Velyka Kostromka": the province names where the next town lies, when
    the gazetteer puts that town in its country (not "Kursk village of Plekhovo" read as Plekhiv, Ukraine)."""
    if not _KIND_OF_AFTER.match(sent.text, place.end - sent.start):
        return False
    after = next((t for t in sent.places if t.start > place.end and t.role == "place"), None)
    return after is not None and after.country == place.country


_KIND_OF_AFTER = re.compile(r"\s+(?:region['’]s\s+)?(?:village|town|city|settlement|suburb|district|neighbou?rhood|"
                            r"microdistrict)\s+of\s+[A-Z]")
_OFFICE_AFTER = re.compile(r"(?:['’]s)?\s+(?:regional\s+|region['’]s\s+|oblast\s+|city\s+)?(?:governor|mayor|"
                           r"authorities|officials|administration|military administration|prosecutors?|police|"
                           r"council)\b|\s+People['’]s\s+Republic\b", re.I)
_DATELINE_END = re.compile(r"\s*(?:region\s*)?[:–—]|\s+-\s")
# "taken to hospitals in Stary Oskol and Belgorod": a list of towns after it is cared-for places too
_CARED_FOR_IN = re.compile(r"\b(?:hospitals?|clinics?|morgue|treated|hospitali[sz]ed)\s+in\s+"
                           r"(?:the\s+(?:city|town)\s+of\s+)?"
                           r"(?:[^\s,.;]+(?:\s+[^\s,.;]+){0,2}(?:,\s*|\s+and\s+)){0,3}$|"
                           r"\b(?:taken|brought|rushed|airlifted|flown|transferred)\s+to\s+(?:the\s+)?$", re.I)
# "from positions near Vodiane", "from the territory of": where from, however it is put
_ORIGIN_AREA = r"(?:the\s+)?(?:(?:positions|areas?|direction|territory)\s+(?:near|of|around|in)\s+(?:the\s+)?)?$"
_FIRED_FROM = re.compile(r"\b(?:fired|firing|launched|launching|shelled|shelling|attacking|struck|striking)\s+"
                         r"(?:[\w-]+\s+){0,3}?from\s+" + _ORIGIN_AREA, re.I)
_ELSEWHERE_BEFORE = re.compile(r"\b(?:(?:heading|headed|flying|bound|en route|on (?:its|their|the) way|sent|"
                               r"deported|taken|road|highway|route)\s+(?:for|to|towards?)|towards?|from|with|"
                               r"(?:in )?the direction of)\s+"
                               + _ORIGIN_AREA, re.I)
# "the couple had been returning from a market in Donetsk when ...": where they came from, never where
_CAME_FROM = re.compile(r"\b(?:returning|returned|coming|came|travelling|traveling|driving|walking|fleeing|fled)\s+"
                        r"(?:home\s+)?from\s+(?:a|an|the|their|his|her)\s+[\w-]+\s+(?:in|near)\s+$|"
                        # "among the released were defenders of Mariupol": people named by an earlier battle
                        r"\b(?:defenders|veterans|natives)\s+of\s+$", re.I)


def _dateline(sent: Sentence, place: Any) -> bool:
    return place.start == sent.start and bool(_DATELINE_END.match(sent.text, place.end - sent.start))


def _container(sent: Sentence, place: Any) -> bool:
    """ "Kupiansk (Kharkiv)", "Snihurivka (Bashtanka, Mykolaiv)", "Izium, Kharkiv region": the names
    after the first say where it is."""
    if _in_parenthesis_after_place(sent, place):
        return True
    text = sent.text
    before = text[: place.start - sent.start].rstrip()
    after = text[place.end - sent.start :].lstrip()
    gap = len(before) - 1  # where the "," is
    follows_place = any(p.end - sent.start <= gap and not text[p.end - sent.start : gap].strip()
                        for p in sent.places if p is not place)
    return follows_place and before.endswith(",") and _DIVISION.match(after) is not None


def _district_of(sent: Sentence, place: Any) -> bool:
    """ "Odesa's Kyivskyi district": a city district the gazetteer takes for a village elsewhere; the
    city before it is the place."""
    text = sent.text
    start, end = place.start - sent.start, place.end - sent.start
    if not _DISTRICT_AFTER.match(text, end):
        return False
    if _CITY_DISTRICT_NAME.search(place.text) or _CITYS.search(text, 0, start):
        return True  # "the Kyivskyi district", "the city's Zaliznychnyi district": a city's district, named as one
    owner = _POSSESSIVE_END.search(text, 0, start)
    return owner is not None and any(p.end - sent.start == owner.start() for p in sent.places if p is not place)


_CITY_DISTRICT_NAME = re.compile(r"(?:(?:s|c|z|ts)k|n)(?:yi|iy|ij|y)$", re.I)  # Saltivskyi, Zaliznychnyi
_CITYS = re.compile(r"\bthe (?:city|capital|town|port)['’]s\s+$", re.I)
_DISTRICT_AFTER = re.compile(r"\s+(?:district|neighbou?rhood|microdistrict|quarter)\b", re.I)
_POSSESSIVE_END = re.compile(r"['’]s\s+(?:[\w-]+\s+)?$")


def _in_parenthesis_after_place(sent: Sentence, place: Any) -> bool:
    """Is this name in ACLED's "(District, Oblast)" right after another place ("Kharkiv city (Kharkiv)"
    too)? After a name the gazetteer does not know, the province is where the event is."""
    preceding = bracket_before(sent.text, place.start - sent.start, place.end - sent.start)
    if preceding is None:
        return False
    return any(p.end - sent.start == len(preceding) for p in sent.places) or bool(_CITY_WORD.search(preceding))


_CITY_WORD = re.compile(r"\b(?:city|town|village)$", re.I)
_DIVISION = re.compile(r"(?:region|oblast|obl\b|province|district|governorate|krai|kray)\b", re.I)


def _locative(sent: Sentence, place: Any) -> bool:
    """The place follows "in", "near", "in eastern" ...: it says where, not who."""
    return bool(_LOCATIVE.search(sent.text[max(0, place.start - sent.start - 30) : place.start - sent.start]))


def _own_places(sent: Sentence, cues: Cues) -> list[Any]:
    """Resolved places of this sentence's event: not those after "in response to", "after", ..."""
    cut = cues.boundary.search(sent.text)
    limit = sent.start + cut.start() if cut else sent.end
    # a country that speaks ("Poland reported a missile in its airspace") still says where, at
    # country precision; a capital that speaks ("Kiev says") does not
    return [p for p in sent.places if p.latitude is not None and p.start < limit
            and (p.role == "place" or (p.role == "government" and p.feature_code in _COUNTRY_CODES))]


def _precision(place: Any) -> int:
    return 1 if place.feature_class == "P" else 2 if place.feature_code == "ADM2" else 3


def _location(place: Any, precision: int) -> Location:
    return Location(text=place.text, name=place.name, admin1=place.admin1, country=place.country_name,
                    iso=place.country, latitude=place.latitude, longitude=place.longitude,
                    geo_precision=precision, geonames_id=place.geonames_id)


def _event_mention(sent: Sentence, typed: Typed, loc: Location | None, claims: list[Any], claimed: bool,
                   published: date | None, actors: ActorFinder, doc_id: str) -> Mention:
    event_type = EVENT_TYPE_OF[typed.sub_event_type]
    toll = _own_toll(sent, typed.sub_event_type)
    when = resolve_event_date(sent.text, published)
    own = actors.own_forces(sent.text, [c.speaker for c in claims], loc.iso if loc else None)
    actor1, actor2 = event_actors(sent, claims, actors, loc, event_type, toll, typed.sub_event_type, when.date)
    if own is not None and (actor1 is None or actor1.country != own.country):
        actor1, actor2 = own, actor2 or actor1  # "its troops drove Ukrainian units out": the speaker's side
    sub_type = territory_side(typed.sub_event_type, own or subject_of(sent, actors, typed, loc) or actor1, loc)
    evidence = [Evidence(name, sent.start, sent.end, sent.text) for name, present in (
        ("event", True), ("location", loc is not None and loc.text is not None and loc.text in sent.text),
        ("fatalities", toll.fatalities), ("injured", toll.injured), ("date", when.how != "publication"),
        ("actor1", actor1)) if present]
    civilians = event_type == "Violence against civilians" or (actor2 is not None and actor2.kind == "Civilians")
    return Mention(doc_id=doc_id, index=0, event_type=event_type, sub_event_type=sub_type, actor1=actor1,
                   actor2=actor2, civilian_targeting=civilians, location=loc,
                   event_date=when.date.isoformat() if when.date else None, time_precision=when.precision,
                   date_resolved=when.how, fatalities=_figure(toll.fatalities), injured=_figure(toll.injured),
                   claims=_claims(sent, claims), claim_status="claimed" if claimed else "reported",
                   evidence=evidence, confidence=_confidence(sent, loc, typed), typed_by=typed.by)


def _own_toll(sent: Sentence, sub_type: str) -> Any:
    """A demonstration's toll leaves out the dead it protests ("marched in protest at the 19 deaths")."""
    toll = sent.toll
    if sub_type not in CROWD_SEVERITY or not (spans := sent.grievances):
        return toll
    return replace(toll, **{name: None for name in ("fatalities", "injured")
                            if (fig := getattr(toll, name)) and in_spans(fig.start, spans)})


def _figure(fig: Any) -> Figure | None:
    if fig is None:
        return None
    return Figure(low=fig.low, best=fig.best, high=fig.high, qualifier=fig.qualifier, text=fig.text,
                  victims=", ".join(fig.victims) or None)


def _claims(sent: Sentence, claims: list[Any]) -> list[Claim]:
    return [Claim(speaker=c.speaker, text=c.claim_text, start=sent.start + c.start, end=sent.start + c.end,
                  verb=c.verb) for c in claims]


CUE_CONFIDENCE = 0.7  # violence the text's own words name, however unsure the model was of its guess


def _confidence(sent: Sentence, loc: Location | None, typed_as: Typed | None = None) -> float:
    pred = sent.prediction
    typed = float(pred.confidence) if pred.sub_event_type else 0.4
    if typed_as is not None and typed_as.by == "cue" and EVENT_TYPE_OF[typed_as.sub_event_type] in VIOLENT_TYPES:
        typed = max(typed, CUE_CONFIDENCE)  # strategic cues (an evacuation, an arrest) stay side events
    return round(min(1.0, 0.5 * typed + (0.4 if loc and loc.geo_precision == 1 else 0.2 if loc else 0.0) + 0.1), 3)


def _merge_target(found: list[Mention], new: Mention) -> Mention | None:
    if new.event_type is None and new.interaction is None:  # a toll for an event told elsewhere
        events = [m for m in found if m.event_type in VIOLENT_TYPES]
        if not events and not someone_hurt(new):
            events = [m for m in found if m.event_type]  # "No casualties." after an arson: its zero
        if _names_its_place(new):
            same = [m for m in events if _same_place(m, new)]
            return (same or events or [None])[-1]
        return _lede_of_last_sentence(events)
    for old in reversed(found):
        if old.interaction or new.interaction:
            if old.interaction == new.interaction and _same_actors(old, new):
                return old
            continue
        if old.event_type == new.event_type and _same_place(old, new) and _same_day(old, new):
            return old
        if old.event_type == new.event_type and _continues(new) and (new.location is None or _same_place(old, new)):
            return old
        if old.sub_event_type == new.sub_event_type and _same_place(old, new) and _undated(new):
            return old  # "The shells also damaged a gas pipeline": the same strike, told on
        if old.sub_event_type == new.sub_event_type and _told_its_day(old, new) and (
                new.location is None or _same_place(old, new) or not _names_its_place(new)):
            return old  # "..., the mayor said on Friday. He said the shell hit the yard on Thursday evening"
        if (_absorbs(old, new) or _absorbs(new, old)) and _compatible_place(old, new) and (
                _same_day(old, new) or _continues(new)):
            return old
        if _crowd(old) and _crowd(new) and _compatible_place(old, new) and (_same_day(old, new) or _undated(new)):
            return old  # one demonstration told over several sentences
    return None


def _names_its_place(mention: Mention) -> bool:
    """Whether the sentence itself names the mention's place (not one carried from before it)."""
    loc, told = mention.location, mention.evidence[0].text if mention.evidence else ""
    return loc is not None and bool(loc.text) and loc.text in told


def _lede_of_last_sentence(events: list[Mention]) -> Mention | None:
    """ "Russian forces shelled Tomakivka from near Vodiane. A woman was killed": a toll that names no
    place belongs to the first event of the sentence before it, not to a second place that sentence named."""
    if not events:
        return None
    last = events[-1].evidence[0].start if events[-1].evidence else None
    return next((m for m in events if m.evidence and m.evidence[0].start == last), events[-1])


def _absorbs(specific: Mention, generic: Mention) -> bool:
    """ "Landmine kills two soldiers" and "two soldiers killed in the east" tell one event: a clash or
    attack the model guessed from a bare toll joins a violent event whose type a cue or pattern named."""
    return (generic.typed_by in ("model", "toll") and generic.sub_event_type in GENERIC
            and specific.typed_by not in ("model", "toll") and specific.event_type in VIOLENT_TYPES
            and specific.sub_event_type not in GENERIC)


def _crowd(m: Mention) -> bool:
    return m.sub_event_type in CROWD_SEVERITY


def _severity(m: Mention) -> int:
    return CROWD_SEVERITY.index(m.sub_event_type) if m.sub_event_type in CROWD_SEVERITY else -1


def _compatible_place(a: Mention, b: Mention) -> bool:
    """The same place, or one side only knows the other's country."""
    if a.location is None or b.location is None or _same_place(a, b):
        return True
    wide = [m.location for m in (a, b) if m.location and m.location.geo_precision == 3]
    return bool(wide) and a.location.iso == b.location.iso


def _same_actors(a: Mention, b: Mention) -> bool:
    return (a.actor1 and a.actor1.name) == (b.actor1 and b.actor1.name)


def _same_place(a: Mention, b: Mention) -> bool:
    if a.location is None or b.location is None:
        return a.location is b.location
    return a.location.geonames_id == b.location.geonames_id


def _same_day(a: Mention, b: Mention) -> bool:
    return a.event_date is None or b.event_date is None or a.event_date == b.event_date


def _told_its_day(old: Mention, new: Mention) -> bool:
    """`old` is dated only by the day it was said, and `new` tells an earlier day of its own."""
    if not (old.event_date and new.event_date and new.event_date < old.event_date and old.evidence and new.evidence):
        return False
    return new.date_resolved != "publication" and said_day(old.evidence[0].text) and not said_day(new.evidence[0].text)


def _undated(m: Mention) -> bool:
    return m.event_date is None or m.date_resolved == "publication"


def _continues(m: Mention) -> bool:
    """A toll told with no day of its own goes on about the event before it ("On 14 November, marines
    clashed near Krynky. 4 Russian soldiers were killed, according to Ukrainian sources.")."""
    moved = m.fatalities is not None and bool(MOVED.match(m.fatalities.text))  # "one of the wounded died overnight"
    return (_undated(m) or moved) and bool(m.fatalities or m.injured)


def _merge(old: Mention, new: Mention) -> None:
    """Fill what `old` lacks from `new`, keep the larger toll, and keep every piece of evidence."""
    if _absorbs(new, old) or (_crowd(old) and _crowd(new) and _severity(new) > _severity(old)):
        # the named weapon, territory change or police response says what the event was
        old.event_type, old.sub_event_type, old.typed_by = new.event_type, new.sub_event_type, new.typed_by
        if new.sub_event_type == "Excessive force against protesters" and new.actor2 is not None:
            old.actor1, old.actor2 = new.actor1, new.actor2  # the force first, the crowd its target
    if old.location is not None and new.location is not None and (old.location.geo_precision or 0) > (
            new.location.geo_precision or 0):
        old.location = new.location  # the more precise place
    if old.location is None and new.location is not None:
        old.location = new.location  # the place told in a later sentence ("... in Kharkiv, injuring 22")
    old.actor1 = old.actor1 or new.actor1
    old.actor2 = old.actor2 or new.actor2
    if old.actor2 is not None and old.actor2.kind == "Civilians" and old.actor2.country is None and (
            old.location and old.location.country):
        # "One person was injured." told after the strike: the civilians of the strike's country
        old.actor2 = Actor(old.actor2.text, f"Civilians ({old.location.country})", old.location.iso, "Civilians")
    old.fatalities, old.injured = _joined_tolls(old, new)
    if new.time_precision and ((old.date_resolved == "publication" and new.date_resolved != "publication")
                               or _told_its_day(old, new)):
        old.event_date, old.time_precision, old.date_resolved = new.event_date, new.time_precision, new.date_resolved
    if new.claim_status == "reported":
        old.claim_status = "reported"  # one sentence stating it as fact is enough
    old.claims += [c for c in new.claims if c not in old.claims]
    old.evidence += [e for e in new.evidence if e not in old.evidence]
    old.civilian_targeting = old.civilian_targeting or new.civilian_targeting
    old.confidence = max(old.confidence, new.confidence)


def _joined_tolls(old: Mention, new: Mention) -> tuple[Figure | None, Figure | None]:
    """The toll of two sentences about one event: the larger figure of each kind, as both may report
    one toll, unless the later adds people ("Two more bodies were found") or moves the wounded who
    died ("One of the wounded, a man of 70, died in hospital") from the wounded to the dead."""
    dead, hurt, died = old.fatalities, old.injured, new.fatalities
    if died is not None and hurt is not None and MOVED.match(died.text) and (hurt.best or 0) >= (died.best or 0):
        return _plus(dead, died), less(hurt, died.best or 0)
    # a headline is a report of its own (another day's, another group's): its figure adds to no other
    told = new.evidence[0].text.rstrip() if new.evidence else ""
    parts = told.endswith((".", "!", "?", '"', "'", "”", "’"))
    return _more(dead, died, parts), _more(hurt, new.injured, parts)


def _more(a: Figure | None, b: Figure | None, parts: bool) -> Figure | None:
    if a is not None and b is not None and parts and (ADDS.search(b.text) or next_one(a.best, b.text)
                                                      or _other_group(a, b)):
        return _plus(a, b)
    return _larger(a, b)


def _other_group(a: Figure, b: Figure) -> bool:
    """ "The enemy lost 23 soldiers killed. Two civilians were killed in the crossfire": groups that cannot
    overlap, each counted, are parts of one toll (as `nlp.toll` adds them within a sentence)."""
    return (other_groups(*(filter(None, (f.victims or "").split(", ")) for f in (a, b)))
            and bool(a.best) and bool(b.best) and counted(a.text) and counted(b.text))


def _plus(a: Figure | None, b: Figure) -> Figure:
    if a is None:
        return b
    low = None if a.low is None or b.low is None else a.low + b.low
    high = None if a.high is None or b.high is None else a.high + b.high
    return Figure(low, (a.best or 0) + (b.best or 0), high, a.qualifier if a.qualifier == b.qualifier else "at least",
                  f"{a.text} ... {b.text}", a.victims or b.victims)


def _larger(a: Figure | None, b: Figure | None) -> Figure | None:
    if a is None or b is None:
        return a or b
    return b if (b.best or 0) > (a.best or 0) else a
