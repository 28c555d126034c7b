"""From typed sentences to event mentions: one document at a time, rules over the stages' output.

Per sentence: the typing model's label, checked against weapon and violence cues (a confident
model label stands; a weak one yields to a weapon word with a toll or an attack verb); the places
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
import tomllib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from typing import Any

from ..nlp.attribution import factuality, find_claims
from ..nlp.timeexpr import resolve_event_date
from ..nlp.toll import extract_toll
from .actors import ActorFinder, assign_roles
from .model import Actor, Claim, Evidence, Figure, Location, Mention
from .taxonomy import EVENT_TYPE_OF

MODEL_CONFIDENT = 0.5  # typing-model confidence above which its event label stands without cues
INTERACTION_MIN = 0.3  # below this a model-only interaction is not kept
MIN_WORDS = 4  # shorter "sentences" are headings and chrome lines


@dataclass(frozen=True)
class Cues:
    weapons: list[tuple[str, re.Pattern[str]]]
    violence: re.Pattern[str]
    strategic: list[tuple[str, re.Pattern[str]]]
    boundary: re.Pattern[str]
    acting: re.Pattern[str]
    ground: re.Pattern[str]  # two armed sides fighting: a remote weapon is then part of the battle
    regain: re.Pattern[str]  # territory verbs, by the direction they suggest when no actor says
    overtake: re.Pattern[str]
    territory_object: re.Pattern[str]
    protest: tuple[re.Pattern[str], ...]  # protest words, violent crowd, lethal force, intervention, crowd, harm
    plover: list[tuple[str, re.Pattern[str]]]  # interaction verbs by PLOVER type
    named: list[NamedCue]  # sub-types named by their own words ("kidnapped", "looted", "signed an agreement")
    any_event: Prefilter  # every event cue word at once: most sentences match none and skip the rest
    any_plover: Prefilter

    @classmethod
    def load(cls) -> Cues:
        data = tomllib.loads(resources.files("eventwire.events").joinpath("data/cues.toml").read_text("utf-8"))
        strategic = [(sub, re.compile("|".join(f"(?:{p})" for p in ps), re.I)) for sub, ps in data["strategic"].items()]
        verbs = "|".join(map(re.escape, data["interaction_verbs"]["words"]))
        acting = re.compile(rf"^\s*(?:(?:is|was|are|were|has|have|had|will|would)\s+(?:\w+ly\s+|also\s+|not\s+)?)?"
                            rf"(?:{verbs})\b", re.I)
        territory = data["territory"]
        event_words = [w for sub in data["weapons"].values() for w in sub] + data["violence"]["words"] + [
            w for k in ("words", "violent_crowd", "lethal_force", "intervention", "crowd_nouns", "against_people")
            for w in data["protest"][k]] + data["ground_combat"]["words"] + territory["regain"] + territory[
            "overtake"] + [w for c in data["sub_type_cues"] for w in c["words"]]
        return cls([(sub, _words(ws)) for sub, ws in data["weapons"].items()], _words(data["violence"]["words"]),
                   strategic, _words(data["boundaries"]["words"], re.I), acting, _words(data["ground_combat"]["words"]),
                   _words(territory["regain"]), _words(territory["overtake"]), _words(territory["objects"]),
                   tuple(_words(data["protest"][k]) for k in ("words", "violent_crowd", "lethal_force", "intervention",
                                                               "crowd_nouns", "against_people")),
                   [(kind, _words(ws)) for kind, ws in data["plover"].items()],
                   [NamedCue(c["sub_event_type"], _words(c["words"]), c.get("unless_dead", False), c.get("calm", False))
                    for c in data["sub_type_cues"]],
                   _prefilter(event_words), _prefilter([w for ws in data["plover"].values() for w in ws]))


@dataclass(frozen=True)
class NamedCue:
    sub_event_type: str
    pattern: re.Pattern[str]
    unless_dead: bool  # a death makes it something else (an abduction with a killing is an attack)
    calm: bool  # a strategic development: not in a sentence with dead, a weapon or ground fighting


def _words(words: list[str], flags: int = 0) -> re.Pattern[str]:
    """Whole words and phrases. Capitalised ones keep their case ("Grad", "IED"), lower-case ones match
    any case; a trailing `*` takes any word ending ("abduct*"); `re:` starts a regular expression."""
    return re.compile(rf"\b(?:{'|'.join(_word(w) for w in sorted(words, key=len, reverse=True))})\b", flags | re.I)


class Prefilter:
    """Could a sentence match any of these cue words? Every word of every phrase, stem and regex is
    a prefix to look for among the sentence's words, indexed by their first three letters: a superset
    of the lists (a sentence it rejects matches none of them), at a few microseconds a sentence."""

    def __init__(self, words: list[str]):
        self.index: dict[str, tuple[str, ...]] = {}
        for prefix in {p for w in words for p in self._triggers(w)}:
            self.index[prefix[:3]] = (*self.index.get(prefix[:3], ()), prefix)

    @staticmethod
    def _triggers(word: str) -> set[str]:
        """The entry's words, less the common ones when it has others (each match holds one of them)."""
        found = {p.lower() for p in re.findall(r"[A-Za-z]{3,}", word.removeprefix("re:"))}
        return (found - _COMMON_WORDS) or found

    def search(self, text: str) -> bool:
        index = self.index
        return any(word.startswith(index.get(word[:3], ("\0",))) for word in set(_LETTERS.findall(text.lower())))


_LETTERS = re.compile(r"[a-z]{3,}")
_COMMON_WORDS = frozenset({"the", "and", "with", "after", "for", "from", "into", "over", "under", "out", "back", "set",
                           "sets", "setting", "was", "were", "has", "have", "had", "its", "their", "his", "her",
                           "one", "two", "men", "group", "people", "open", "opens", "opened", "took", "taken", "sent",
                           "moved", "made", "off", "upon", "all", "per", "not", "are", "who", "that", "this"})


def _prefilter(words: list[str]) -> Prefilter:
    return Prefilter(words)


def _word(word: str) -> str:
    # the whole pattern ignores case; the few capitalised words keep theirs with a local flag (an
    # inline flag on every word would make the search five times slower)
    if word.startswith("re:"):
        return word[3:]
    body = re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word)
    return f"(?-i:{body})" if word[:1].isupper() else body


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    prediction: Any
    places: list[Any] = field(default_factory=list)
    _toll: Any = None

    @property
    def toll(self) -> Any:
        """The sentence's toll, read once: typing, merging and the mention all ask for it."""
        if self._toll is None:
            self._toll = extract_toll(self.text)
        return self._toll


def assemble(text: str, sentences: list[Sentence], published: date | None, actors: ActorFinder,
             cues: Cues, doc_id: str) -> list[Mention]:
    """Every mention in one document, merged within it, in order of first evidence."""
    found: list[Mention] = []
    last_place: Any = _story_town(sentences)
    for sent in sentences:
        if len(sent.text.split()) < MIN_WORDS:
            continue
        crowd = any(m.event_type in ("Protests", "Riots") for m in found)
        for mention in _sentence_mentions(sent, published, actors, cues, doc_id, last_place, crowd):
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
    return found


def _story_town(sentences: list[Sentence]) -> Location | None:
    """The town the whole text is about, for events told without one ("Rebels down helicopter" under
    a dateline or a headline naming the town): the most often named town, the first on a tie. It is
    inferred, not stated with the event, so its precision is 2."""
    towns = [p for s in sentences if _about_violence(s) for p in s.places
             if p.role == "place" and p.feature_class == "P" and p.latitude is not None]
    if not towns:
        return None
    counts = Counter(p.geonames_id for p in towns)
    best = max(towns, key=lambda p: counts[p.geonames_id])  # max keeps the first of equals
    return _location(best, 2)


def _about_violence(sent: Sentence) -> bool:
    """A sentence that may tell where the violence was: a bare place line (a dateline, a tag) or one
    with a toll or an attack word, not "talks in Minsk"."""
    if len(sent.text.split()) < MIN_WORDS or _CUES_FOR_TOWN.search(sent.text):
        return True
    return bool(sent.toll.fatalities or sent.toll.injured)


_CUES_FOR_TOWN = re.compile(r"\b(?:attack|strike|struck|shell|bomb|fight|clash|battle|kill|explo|blast|raid|"
                            r"missile|drone|rocket|artillery|mortar|fire[ds]?\b|shot|assault|offensive)", re.I)


def _sentence_mentions(sent: Sentence, published: date | None, actors: ActorFinder, cues: Cues, doc_id: str,
                       last_place: Location | None, crowd: bool = False) -> list[Mention]:
    interaction, interaction_by = _interaction(sent, cues)
    sub_type = _event_sub_type(sent, cues, interaction, crowd)
    if not (interaction or sub_type or _toll_only(sent, cues)):
        return []  # most sentences: no need to read their claims and factuality
    fact = factuality(sent.text)
    if fact in ("negated", "background"):
        return []
    claims = find_claims(sent.text)
    out: list[Mention] = []
    if interaction and interaction != "ASSAULT":
        told = _interaction_mention(sent, interaction, claims, actors, cues, doc_id)
        told.typed_by = interaction_by
        if told.actor1 is not None or interaction_by != "cue" or sent.places or _NAME.search(sent.text, 1):
            out.append(told)  # a lexicon verb with nobody named ("aid was provided") is no interaction
    if fact == "hypothetical":
        return out
    claimed = fact == "reported" or interaction == "ACCUSE"
    if sub_type:
        out += _event_mentions(sent, sub_type, claims, claimed, published, actors, doc_id, last_place, cues)
    elif _toll_only(sent, cues):
        out += [replace(m, event_type=None, sub_event_type=None) for m in _event_mentions(
            sent, Typed(DEFAULT_ATTACK, "cue"), claims, claimed, published, actors, doc_id, last_place, cues)]
    return out


_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
#: an attack whose weapon nobody names: the commonest remote-violence sub-type in this field
DEFAULT_ATTACK = "Shelling/artillery/missile attack"


@dataclass(frozen=True, slots=True)
class Typed:
    sub_event_type: str
    by: str  # "pattern", "cue" or "model" (Mention.typed_by)
    territory_verb: int | None = None  # where a territory verb starts: its subject says the direction


_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_GENERIC = frozenset({"Armed clash", "Attack"})  # what the model says of a bare "soldiers killed"
_ATTEMPT = re.compile(r"\b(?:attempts?|attempted|trying|tried|try|plans?|planned|aims?|bid|failed|push(?:ing)?|"
                      r"efforts?|seeking|sought|want(?:s|ed)?)\s+to\s+$", re.I)


def _event_sub_type(sent: Sentence, cues: Cues, interaction: str | None, crowd: bool = False) -> Typed | None:
    """The sub-type this sentence reports, or None. Violence needs a cue in the text (an attack word,
    a weapon or a toll) whatever the model says: the model alone calls background sentences clashes.
    ACLED's separating rules come before the model: a change of control is a territory sub-type; a
    remote weapon with no ground fighting is remote violence, even against civilians."""
    pred = sent.prediction
    text = sent.text
    if not cues.any_event.search(text) and not any(p.search(text) for _, p in cues.strategic):
        return _model_only(sent, crowd)
    weapon = next((sub for sub, pattern in cues.weapons if pattern.search(text)), None)
    toll = sent.toll
    violent = bool(cues.violence.search(text)) or weapon is not None or bool(toll.fatalities or toll.injured)
    if strategic := next((sub for sub, pattern in cues.strategic if pattern.search(text)), None):
        return Typed(strategic, "cue")
    family = EVENT_TYPE_OF.get(pred.sub_event_type or "")
    dead = bool(toll.fatalities and toll.fatalities.best)
    if (protest := _protest(text, cues, crowd, dead)) and (
            family in _CROWD_TYPES or pred.confidence < PROTEST_OVER_MODEL):
        return Typed(protest, "cue")
    ground = bool(cues.ground.search(text))
    if named := _named(text, cues, dead=dead, armed=bool(weapon or ground)):
        return Typed(named, "cue")
    if territory := _territory(sent, cues):
        return Typed(territory, "cue", territory_verb=territory_at(sent, cues))
    if pred.sub_event_type and (pred.by == "pattern" or pred.confidence >= MODEL_CONFIDENT):
        family = EVENT_TYPE_OF.get(pred.sub_event_type)
        if family in _VIOLENT_TYPES and not violent:
            return None
        if weapon and (family == "Explosions/Remote violence" or (pred.sub_event_type in _GENERIC and not ground)):
            return Typed(weapon, "cue")
        if pred.sub_event_type in _GENERIC and not ground and (by_victims := _by_victims(toll)):
            return Typed(by_victims, "cue") if by_victims != pred.sub_event_type else Typed(by_victims, pred.by)
        return Typed(pred.sub_event_type, pred.by)
    if weapon and violent and (cues.violence.search(text) or toll.fatalities or toll.injured):
        return Typed(weapon, "cue")
    if ground and not weapon:
        return Typed("Armed clash", "cue")  # "fighting took place", "clashed": the model was unsure
    if (toll.fatalities or toll.injured) and cues.violence.search(text) and (by_victims := _by_victims(toll)):
        return Typed(by_victims, "toll")  # "five civilians die in east Ukraine": who died says what it was
    if interaction in ("ACCUSE", "ASSAULT") and cues.violence.search(text) and (toll.fatalities or toll.injured):
        return Typed(DEFAULT_ATTACK, "cue")  # "accused Ukraine of an attack that killed 22": the attack, as claimed
    return None


_CROWD_TYPES = frozenset({"Protests", "Riots", None})
PROTEST_OVER_MODEL = 0.8  # a protest word overrules a model label for another family below this confidence


def _protest(text: str, cues: Cues, crowd_told: bool = False, dead: bool = False) -> str | None:
    """ACLED's demonstration sub-types from their definitions, or None when no crowd is named. Once
    the text has told of a crowd, "police fired tear gas" needs no protest word of its own. A crowd
    that hurts people with no demonstration named is a mob."""
    words, crowd, lethal, intervention, nouns, harm = cues.protest
    named = bool((m := words.search(text)) and not _STATE_PROTEST.search(text[: m.start()])
                 and not _LODGED.search(text))
    if not named and not crowd_told and any(harm.search(text[n.end() : n.end() + 60]) for n in nouns.finditer(text)):
        return "Mob violence"  # "villagers beat a man they accused of ...": the crowd does the harm
    if crowd.search(text) and (named or crowd_told or nouns.search(text)):
        return "Violent demonstration"
    if not named and not crowd_told:
        return None
    if dead or lethal.search(text):
        return "Excessive force against protesters"
    if intervention.search(text):
        return "Protest with intervention"
    return "Peaceful protest" if named else None


# "Russia protests over ...", "the ministry protested": a state's diplomatic protest, not a crowd
_STATE_PROTEST = re.compile(r"\b(?:russia|ukraine|moscow|kyiv|kiev|beijing|washington|kremlin|ministry|government|"
                            r"embassy|foreign office|state department)\s+(?:has\s+|have\s+|had\s+|formally\s+|"
                            r"strongly\s+)?$",
                            re.I)

_LODGED = re.compile(r"\blodged (?:an? )?(?:official |formal |strong )?protest|\bprotest(?:ed|s)? (?:to|with) the\b",
                     re.I)

#: the more severe of two crowd sub-types told of one demonstration wins when they merge
CROWD_SEVERITY = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                  "Violent demonstration", "Mob violence")


_UNARMED = frozenset({"civilians", "children", "women", "journalists", "aid workers", "workers", "prisoners"})
_ARMED = frozenset({"soldiers", "fighters", "police"})


def _by_victims(toll: Any) -> str | None:
    """ACLED's rule for a killing with no weapon and no fighting named: unarmed victims make it an
    attack on civilians, armed ones a clash."""
    victims = {v for f in (toll.fatalities, toll.injured) if f for v in f.victims}
    if victims and victims <= _UNARMED:
        return "Attack"
    if victims and victims <= _ARMED:
        return "Armed clash"
    return None


_ADJECTIVAL = re.compile(r"\b(?:the|a|an|newly|recently|its|their|of|in)\s+$", re.I)


def _model_only(sent: Sentence, crowd: bool) -> Typed | None:
    """A sentence with no cue word: only a confident model label for a non-violent sub-type stands
    (violence needs a cue); a crowd already told of makes no new crowd event without a word for it."""
    pred = sent.prediction
    if not pred.sub_event_type or (pred.by != "pattern" and pred.confidence < MODEL_CONFIDENT):
        return None
    if EVENT_TYPE_OF.get(pred.sub_event_type) in _VIOLENT_TYPES or sent.toll.fatalities or sent.toll.injured:
        return None
    return Typed(pred.sub_event_type, pred.by)


def _named(text: str, cues: Cues, *, dead: bool, armed: bool) -> str | None:
    for cue in cues.named:
        if (cue.unless_dead and dead) or (cue.calm and (dead or armed)):
            continue
        if cue.pattern.search(text):
            return cue.sub_event_type
    return None


def _territory(sent: Sentence, cues: Cues) -> str | None:
    """A change of control over a place: "liberated Balakliia", "seized the airport". Attempts and
    captured people are not; the direction is settled later from the actors (`_territory_side`)."""
    found = _territory_match(sent, cues)
    return found[0] if found else None


def territory_at(sent: Sentence, cues: Cues) -> int | None:
    found = _territory_match(sent, cues)
    return found[1] if found else None


_NOT_CONTROL = re.compile(r"\s+(?:place|part|prisoner|prisoners|hostage|hostages|captive|to hospital|away|into custody|"
                          r"the lives|(?:\w+\s+)?casualties|losses|refuge|shelter|cover|aim|over as)\b", re.I)
_OBJECT_GAP = re.compile(r"^\s*(?:full\s+|back\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?(?:the\s+)?"
                         r"(?:[\w-]+\s+){0,3}?(?:of\s+)?$", re.I)


def _territory_match(sent: Sentence, cues: Cues) -> tuple[str, int] | None:
    """(sub-type by the verb, where the verb starts) for a change of control over a place named right
    after the verb ("recaptured Kupiansk", "took control of the town of Lere")."""
    text = sent.text
    for sub, pattern in (("Government regains territory", cues.regain),
                         ("Non-state actor overtakes territory", cues.overtake)):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            if _ATTEMPT.search(before) or _ADJECTIVAL.search(before) or _NOT_CONTROL.match(text[m.end() :]):
                continue  # "trying to seize", "in the liberated territories", "took place"
            if _object_follows(sent, cues, m.end()):
                return sub, m.start()
            if sub.startswith("Non-state") and _object_before(sent, m.start()):
                return sub, m.start()  # "Krasnohorivka falls to Russian units", "had been lost to"
    return None


def _object_follows(sent: Sentence, cues: Cues, end: int) -> bool:
    after = sent.text[end : end + 45]
    if (obj := cues.territory_object.search(after)) and _OBJECT_GAP.match(after[: obj.start()]):
        return True
    return any(_OBJECT_GAP.match(sent.text[end : p.start - sent.start]) for p in sent.places
               if p.role == "place" and 0 <= p.start - sent.start - end <= 40)


def _object_before(sent: Sentence, start: int) -> bool:
    """The place is the subject: "<town> falls to", "<town> had been lost to"."""
    return sent.text[start:start + 8].lower() in ("falls to", "fell to ", "lost to ") and any(
        p.role == "place" and 0 < start - (p.end - sent.start) <= 25 for p in sent.places)


_HELPERS = re.compile(r"(?:supported|backed|aided|assisted|helped)\s+by\s+(?:the\s+)?$|\bwith\s+(?:the\s+)?$|"
                      r"\b(?:fighting|clashes|battles?)\s+with\s+(?:the\s+)?$", re.I)


def _subject(sent: Sentence, actors: ActorFinder, typed: Typed, loc: Location | None) -> Actor | None:
    """The actor right before the territory verb, passing over helpers ("supported by Wagner")."""
    if typed.territory_verb is None:
        return None
    spans = [s for s in actors.find(sent.text, loc.iso if loc else None) if s.end <= typed.territory_verb
             and not _HELPERS.search(sent.text[max(0, s.start - 30) : s.start])]
    return spans[-1].actor if spans else None


def _territory_side(sub_type: str, actor1: Actor | None, loc: Location | None) -> str:
    """ACLED's direction: state forces taking a place in their own country regain it; anyone else
    (a non-state group, a foreign state's forces) overtakes it. Without an actor the verb decides."""
    if sub_type not in _TERRITORY or actor1 is None or actor1.kind is None:
        return sub_type
    if actor1.kind == "State forces" and loc is not None and loc.iso:
        own = actor1.country == loc.iso
        return "Government regains territory" if own else "Non-state actor overtakes territory"
    if actor1.kind in ("Rebel group", "Political militia", "Identity militia", "External/Other forces"):
        return "Non-state actor overtakes territory"
    return sub_type


def _toll_only(sent: Sentence, cues: Cues) -> bool:
    """A sentence adding a toll to an event told elsewhere ("resulting in injuries to at least 22")."""
    toll = sent.toll
    return bool((toll.fatalities or toll.injured) and cues.violence.search(sent.text))


_NAME = re.compile(r"\b[A-Z][a-z]+")  # a capitalised word after the first: someone may be named


def _interaction(sent: Sentence, cues: Cues) -> tuple[str | None, str]:
    """The sentence's PLOVER interaction and how it was found ("pattern", "model" or "cue")."""
    pred = sent.prediction
    if pred.interaction and pred.event_type is None and (pred.by == "pattern" or pred.confidence >= INTERACTION_MIN):
        return str(pred.interaction), pred.by
    if pred.event_type is None or pred.confidence < MODEL_CONFIDENT:
        return _plover_verb(sent.text, cues), "cue"
    return None, "model"


def _plover_verb(text: str, cues: Cues) -> str | None:
    """The PLOVER type of the leftmost interaction verb: the lexicon's word when the model is unsure."""
    if not cues.any_plover.search(text):
        return None
    hits = [(m.start(), kind) for kind, pattern in cues.plover if (m := pattern.search(text))]
    return min(hits)[1] if hits else None


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
    attacker = _event_actors(sent, claims, actors, None, "", sent.toll)[0]
    # "attacks by Russia": the attacker's country named as a country is who, not where; "in east
    # Ukraine" is where, whoever attacked
    places = [p for p in _own_places(sent, cues) if _locative(sent, p) or not (
        attacker and p.country == attacker.country and p.feature_code in _COUNTRY_CODES)]
    towns = [p for p in places if p.feature_class == "P"]
    wider = [_location(p, _precision(p)) for p in places[:1]]
    # own towns; else the story's last town when the sentence names no other country; else its own
    # country or region (precision 3)
    if towns:
        locations = [_location(p, 1) for p in towns]
    elif last_place and not (wider and wider[0].iso != last_place.iso):
        locations = [last_place]
    else:
        locations = wider or [None]
    return [_event_mention(sent, sub_type, loc, claims, claimed, published, actors, doc_id) for loc in locations]


_COUNTRY_CODES = frozenset({"PCLI", "PCL", "PCLD", "PCLF", "PCLIX", "PCLS", None})


_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|across|inside|into|on)\s+(?:the\s+)?"
                       r"(?:(?:north|south|east|west|central|north-?east|south-?east|north-?west|south-?west)"
                       r"(?:ern)?\s+)?$", re.I)


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
    return 1 if place.feature_class == "P" else 3


def _location(place: Any, precision: int) -> Location:
    return Location(text=place.text, name=place.name, admin1=place.admin1, country=place.country_name,
                    iso=place.country, latitude=place.latitude, longitude=place.longitude,
                    geo_precision=precision, geonames_id=place.geonames_id)


def _event_mention(sent: Sentence, typed: Typed, loc: Location | None, claims: list[Any], claimed: bool,
                   published: date | None, actors: ActorFinder, doc_id: str) -> Mention:
    event_type = EVENT_TYPE_OF[typed.sub_event_type]
    toll = sent.toll
    when = resolve_event_date(sent.text, published)
    actor1, actor2 = _event_actors(sent, claims, actors, loc, event_type, toll)
    sub_type = _territory_side(typed.sub_event_type, _subject(sent, actors, typed, loc) or actor1, loc)
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
                   evidence=evidence, confidence=_confidence(sent, loc), typed_by=typed.by)


def _event_actors(sent: Sentence, claims: list[Any], actors: ActorFinder, loc: Location | None, event_type: str,
                  toll: Any) -> tuple[Actor | None, Actor | None]:
    iso = loc.iso if loc else None
    speakers = [(sent.text.find(c.speaker), sent.text.find(c.speaker) + len(c.speaker)) for c in claims]
    spans = [s for s in actors.find(sent.text, iso) if not any(a <= s.start < b for a, b in speakers)]
    actor1, actor2 = assign_roles(spans)
    if actor1 and actor1.name == actors.countries.get(actor1.country or ""):
        # a bare "Russia" carrying out an attack stands for its forces
        actor1 = Actor(actor1.text, f"Military Forces of {actor1.name}", actor1.country, actor1.kind)
    victims = {v for f in (toll.fatalities, toll.injured) if f for v in f.victims}
    if actor2 is None and (victims & {"civilians", "people", "children", "residents"} or toll.fatalities):
        country = loc.country if loc and loc.country else "Unknown"
        actor2 = Actor("civilians", f"Civilians ({country})", iso, "Civilians")
    return actor1, actor2


def _figure(fig: Any) -> Figure | None:
    if fig is None:
        return None
    return Figure(low=fig.low, best=fig.best, high=fig.high, qualifier=fig.qualifier, text=fig.text,
                  victims=", ".join(fig.victims) or None)


def _claims(sent: Sentence, claims: list[Any]) -> list[Claim]:
    return [Claim(speaker=c.speaker, text=c.claim_text, start=sent.start + c.start, end=sent.start + c.end,
                  verb=c.verb) for c in claims]


def _confidence(sent: Sentence, loc: Location | None) -> float:
    typed = float(sent.prediction.confidence) if sent.prediction.sub_event_type else 0.4
    return round(min(1.0, 0.5 * typed + (0.4 if loc and loc.geo_precision == 1 else 0.2 if loc else 0.0) + 0.1), 3)


def _merge_target(found: list[Mention], new: Mention) -> Mention | None:
    if new.event_type is None and new.interaction is None:  # a toll for an event told elsewhere
        events = [m for m in found if m.event_type in _VIOLENT_TYPES]
        same = [m for m in events if _same_place(m, new)]
        return (same or events or [None])[-1]
    for old in reversed(found):
        if old.interaction or new.interaction:
            if old.interaction == new.interaction and _same_actors(old, new):
                return old
            continue
        if old.event_type == new.event_type and _same_place(old, new) and _same_day(old, new):
            return old
        if (_absorbs(old, new) or _absorbs(new, old)) and _compatible_place(old, new) and _same_day(old, new):
            return old
        if _crowd(old) and _crowd(new) and _compatible_place(old, new) and _same_day(old, new):
            return old  # one demonstration told over several sentences
    return None


def _absorbs(specific: Mention, generic: Mention) -> bool:
    """ "Landmine kills two soldiers" and "two soldiers killed in the east" tell one event: a clash or
    attack the model guessed from a bare toll joins a violent event whose type a cue or pattern named."""
    return (generic.typed_by in ("model", "toll") and generic.sub_event_type in _GENERIC
            and specific.typed_by not in ("model", "toll") and specific.event_type in _VIOLENT_TYPES
            and specific.sub_event_type not in _GENERIC)


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


def _merge(old: Mention, new: Mention) -> None:
    """Fill what `old` lacks from `new`, keep the larger toll, and keep every piece of evidence."""
    if _absorbs(new, old) or (_crowd(old) and _crowd(new) and _severity(new) > _severity(old)):
        # the named weapon, territory change or police response says what the event was
        old.event_type, old.sub_event_type, old.typed_by = new.event_type, new.sub_event_type, new.typed_by
    if old.location is not None and new.location is not None and (old.location.geo_precision or 0) > (
            new.location.geo_precision or 0):
        old.location = new.location  # the more precise place
    if old.location is None and new.location is not None:
        old.location = new.location  # the place told in a later sentence ("... in Kharkiv, injuring 22")
    old.actor1 = old.actor1 or new.actor1
    old.actor2 = old.actor2 or new.actor2
    old.fatalities = _larger(old.fatalities, new.fatalities)
    old.injured = _larger(old.injured, new.injured)
    if new.time_precision and (old.date_resolved == "publication" and new.date_resolved != "publication"):
        old.event_date, old.time_precision, old.date_resolved = new.event_date, new.time_precision, new.date_resolved
    if new.claim_status == "reported":
        old.claim_status = "reported"  # one sentence stating it as fact is enough
    old.claims += [c for c in new.claims if c not in old.claims]
    old.evidence += [e for e in new.evidence if e not in old.evidence]
    old.civilian_targeting = old.civilian_targeting or new.civilian_targeting
    old.confidence = max(old.confidence, new.confidence)


def _larger(a: Figure | None, b: Figure | None) -> Figure | None:
    if a is None or b is None:
        return a or b
    return b if (b.best or 0) > (a.best or 0) else a
