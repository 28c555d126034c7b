"""Which ACLED sub-type or PLOVER interaction one sentence reports: ACLED's separating rules over
the typing model's label and the cue words (`events.cues`). The order, each an ACLED rule: a crowd's
sub-type from what it did and what was done to it; sub-types named by their own words; a change of
control over a place (its direction from the verb's subject); then the model, whose clash or attack
yields to a named remote weapon and to who the victims were."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..nlp.toll import extract_toll
from .actors import ActorFinder
from .cues import Cues
from .model import Actor, Location
from .taxonomy import EVENT_TYPE_OF

MODEL_CONFIDENT = 0.5  # typing-model confidence above which its event label stands without cues
INTERACTION_MIN = 0.3  # below this a model-only interaction is not kept


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    prediction: Any
    places: list[Any] = field(default_factory=list)
    _toll: Any = None
    _grievances: list[tuple[int, int]] | None = None

    @property
    def toll(self) -> Any:
        """The sentence's toll, read once: typing, merging and the mention all ask for it."""
        if self._toll is None:
            self._toll = extract_toll(self.text)
        return self._toll

    @property
    def grievances(self) -> list[tuple[int, int]]:
        """What a crowd protests against (`grievances`), read once: typing and the toll ask for it."""
        if self._grievances is None:
            self._grievances = grievances(self.text)
        return self._grievances


VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
#: an attack whose weapon nobody names: the commonest remote-violence sub-type in this field
DEFAULT_ATTACK = "Shelling/artillery/missile attack"


@dataclass(frozen=True, slots=True)
class Typed:
    sub_event_type: str
    by: str  # "pattern", "cue" or "model" (Mention.typed_by)
    territory_verb: int | None = None  # where a territory verb starts: its subject says the direction


def weapon_of(text: str, cues: Cues) -> str | None:
    """The explosive sub-type a weapon named in `text` makes ("drones": Air/drone strike), if any."""
    text = _FILMED.sub(" ", text)  # "citing drone footage": a camera, not a weapon
    weapon = next((sub for sub, pattern in cues.weapons if pattern.search(text)), None)
    if weapon == "Shelling/artillery/missile attack" and _FROM_AIRCRAFT.search(text):
        return "Air/drone strike"  # "Storm Shadow missiles launched from Su-24M aircraft": delivered from the air
    if weapon == "Air/drone strike" and cues.downed_aircraft.search(text) and not _UNCREWED.search(text):
        return DEFAULT_ATTACK  # a crewed aircraft downed from the ground
    if weapon == "Remote explosive/landmine/IED" and _DROPPED_FROM_DRONE.search(text):
        return "Air/drone strike"  # "dropped an explosive device from a drone", as a drone-dropped grenade
    return weapon


_FILMED = re.compile(r"\bdrone (?:footage|videos?|images?|camera|pictures|photos?|surveillance)\b|"
                     r"\b(?:filmed|recorded|seen|spotted) (?:by|from) (?:a |an )?(?:[\w-]+ )?drones?\b", re.I)
_FROM_AIRCRAFT = re.compile(r"\b(?:launched|fired|dropped) (?:by|from) (?:[\w-]+ ){0,2}(?:aircraft|warplanes?|jets?|"
                            r"planes?|bombers?|helicopters?|Su-\d+\w*|Tu-\d+\w*|MiG-\d+\w*)|\bair-launched\b", re.I)


def _used_not_intercepted(text: str, cues: Cues, weapon: str | None, hurt: bool) -> bool:
    """A crewed jet downed from the ground, an explosive dropped from a drone, debris that fell on
    someone: the weapon was used, whatever an interception word ("Interception:", "shot down") or the
    model says."""
    return ((weapon == DEFAULT_ATTACK and bool(cues.downed_aircraft.search(text)))
            or (weapon == "Air/drone strike" and bool(_DROPPED_FROM_DRONE.search(text)))
            or (weapon in (DEFAULT_ATTACK, "Air/drone strike") and bool(_WEAPON_HIT.search(text)))
            or (weapon is not None and hurt and bool(_DEBRIS.search(text))))


# what was shot down still fell on someone: debris that hurts people is the strike (only damage: disrupted)
_DEBRIS = re.compile(r"\b(?:debris|fragments|wreckage|shrapnel)\b", re.I)


# "a drone hit the refinery, ... two more were shot down": the one that got through is the event
_WEAPON_HIT = re.compile(r"\b(?:drones?|missiles?|rockets?|shells?|UAVs?)\s+(?:had\s+|have\s+|has\s+)?(?:hit|struck|"
                         r"slammed into|crashed into|landed on)\b", re.I)


_DROPPED_FROM_DRONE = re.compile(r"\bdrones?\b[^.]{0,40}\bdropp\w*|\bdropp\w*\b[^.]{0,60}\bfrom (?:an? |the )?"
                                 r"(?:[\w-]+ )?(?:drones?|UAVs?)\b", re.I)


# two sides fighting on the ground, said outright (not "offensive" or "assault" alone, often told of shelling)
_FOUGHT = re.compile(r"\b(?:fought|fighting|clash(?:ed|es|ing)?|battles?|battled|battling|firefights?|street fighting|"
                     r"gunfights?|shoot-?outs?|returned fire|small[- ]arms|(?:large-calibre )?machine[- ]guns?|"
                     r"(?:ground )?assault(?:s|ed)? (?:on )?(?:[\w-]+ ){0,2}positions|"
                     r"attack\w* (?:on )?(?:[\w-]+ ){0,2}positions)\b",
                     re.I)
_FOUGHT_OFF = re.compile(r"\b(?:fought (?:off|back)|repelled|repulsed|beat back|beaten back)\b", re.I)
_SUPPORT = re.compile(r"\b(?:support|cover|backed by|supported by)\b", re.I)
_NOT_BEFORE = re.compile(r"\b(?:without|no|not|nor)\s+(?:\w+\s+)?$", re.I)


def _fought(text: str) -> bool:
    """Ground fighting told as done, not denied ("without fighting") nor past ("left over from the fighting")."""
    return any(not _NOT_BEFORE.search(text, max(0, m.start() - 16), m.start())
               and not text[max(0, m.start() - 20) : m.start()].lower().rstrip().endswith(("from the", "from"))
               for pattern in (_FOUGHT, _FOUGHT_OFF) for m in pattern.finditer(text))


_GROUND_FIRE = re.compile(r"\b(?:small[- ]arms|machine[- ]guns?|returned fire|shoot-?outs?)\b", re.I)
_UNCREWED = re.compile(r"\b(?:drones?|UAVs?|unmanned)\b", re.I)
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
GENERIC = frozenset({"Armed clash", "Attack"})  # what the model says of a bare "soldiers killed"
_ATTEMPT = re.compile(r"\b(?:attempts?|attempted|trying|tried|try|plans?|planned|aims?|bid|failed|push(?:ing)?|"
                      r"efforts?|seeking|sought|want(?:s|ed)?)\s+to\s+$", re.I)


def event_sub_type(sent: Sentence, cues: Cues, interaction: str | None, crowd: bool = False,
                   struck: bool = False) -> Typed | None:
    """The sub-type this sentence reports, or None. Violence needs a cue in the text (an attack word,
    a weapon or a toll) whatever the model says: the model alone calls background sentences clashes.
    ACLED's separating rules come before the model: a change of control is a territory sub-type; a
    remote weapon with no ground fighting is remote violence, even against civilians."""
    pred = sent.prediction
    text = sent.text
    toll = sent.toll
    if arms_package(text, cues) and not someone_hurt(toll):
        return None  # "a $425 million package including HIMARS rockets and interceptors": weapons sent, none used
    if not (toll.fatalities or toll.injured or cues.any_event.search(text)
            or any(p.search(text) for _, p in cues.strategic)):
        return _model_only(sent, crowd)  # a toll is a cue: "1 KIA, 2 WIA in Donbas in past day"
    weapon = weapon_of(text, cues)
    ground = bool(cues.ground.search(text))
    violent = (bool(cues.violence.search(text)) or ground or weapon is not None
               or bool(toll.fatalities or toll.injured))
    if strategic := next((sub for sub, pattern in cues.strategic if pattern.search(text)
                          and not (sub == "Agreement" and _NO_DEAL.search(text))), None):
        return Typed(strategic, "cue")
    family = EVENT_TYPE_OF.get(pred.sub_event_type or "")
    dead = bool(toll.fatalities and toll.fatalities.best)
    if not dead and (act := _SEXUAL_ACT.search(text)) and not in_spans(act.start(), sent.grievances):
        return Typed("Sexual violence", "cue")  # "beat and sexually abused women detained at a protest"
    if _BEATEN_IN_CUSTODY.search(text):
        return Typed("Attack", "cue")  # protesters beaten at the police station after the rally: an attack
    protested_dead = dead and not in_spans(toll.fatalities.start, sent.grievances)
    # once a demonstration is told, "she was detained by police" is its intervention, not an arrest apart
    if (protest := _protest(text, cues, crowd, protested_dead, sent.grievances)) and (
            family in _CROWD_TYPES or pred.confidence < PROTEST_OVER_MODEL
            or (family == _STRATEGIC and (crowd or _crowd_told(text, cues)))):
        return Typed(protest, "cue")
    if not someone_hurt(toll) and _arrest_of_a_doer(text, cues):
        return Typed("Arrests", "cue")  # "detained an agent who was adjusting missile strikes on Kharkiv"
    used = _used_not_intercepted(text, cues, weapon, someone_hurt(toll))
    moved_in = weapon is not None and bool(_MOVED_IN.search(text)) and not cues.violence.search(text)
    named = _named(text, cues, dead=dead, armed=bool((weapon and not moved_in) or ground), used=used, struck=struck)
    if named == "Arrests" and someone_hurt(toll) and _HARM_THEN_ARREST.search(text):
        named = None  # "attacked passers-by, wounding eight people before police detained him": the attack
    if named:
        return Typed(named, "cue")
    if territory := _territory_match(sent, cues):
        return Typed(territory[0], "cue", territory_verb=territory[1])
    # the model reads "stun grenades" thrown at a crowd as a grenade attack, and a toll told after a
    # strike (`struck`: "12 people had been confirmed dead") as a crowd's; the cues do not
    stun = pred.sub_event_type == "Grenade" and weapon != "Grenade"
    crowdless = (family in ("Protests", "Riots") and not crowd and not _crowd_named(text, cues)
                 and ((struck and someone_hurt(toll)) or (pred.by != "pattern" and (ground or weapon is not None))))
    if pred.sub_event_type and (pred.by == "pattern" or pred.confidence >= MODEL_CONFIDENT) and not (stun or crowdless):
        if family in VIOLENT_TYPES and not violent:
            return None
        if family in ("Protests", "Riots") and pred.by != "pattern" and not (crowd or _crowd_named(text, cues)):
            return None  # "people who made their own jam": no crowd, no protest, whatever the model guessed
        if family in ("Protests", "Riots") and pred.by != "pattern" and (
                _CALM.search(text) or not _protest_here(text, cues, sent.grievances)):
            return None  # "Police said no one was detained"; "fined for taking part in a protest in March"
        if pred.sub_event_type == "Arrests" and pred.by != "pattern" and _CALM.search(text):
            return None
        if pred.sub_event_type == "Agreement" and _NO_DEAL.search(text):
            return None  # "talks on extending the grain deal ended without agreement"
        if pred.sub_event_type == "Disrupted weapons use" and (used or (
                weapon == "Remote explosive/landmine/IED" and someone_hurt(toll))):
            # a crewed jet downed; an explosive dropped from a drone; "unexploded" ordnance that hurt someone
            return Typed(weapon, "cue")
        if family == _STRATEGIC and pred.sub_event_type != "Disrupted weapons use" and _fought(text):
            return Typed("Armed clash", "cue")  # "a column that tried to enter the town was fought off"
        if weapon and ground and family == "Explosions/Remote violence" and _fought(text):
            return Typed("Armed clash", "cue")  # artillery or drones in support of a ground fight: a battle
        if weapon and (family == "Explosions/Remote violence" or (pred.sub_event_type in GENERIC and not ground)):
            return Typed(weapon, "cue")
        if weapon is None and family == "Explosions/Remote violence" and ground:
            return Typed("Armed clash", "cue")  # "stormed Ukrainian positions": no weapon fired from afar is named
        if weapon is None and family == "Explosions/Remote violence" and _AT_PEOPLE.search(text):
            return Typed("Attack", "cue")  # "opened fire from positions across the border on a shepherd"
        if pred.sub_event_type in GENERIC and not ground and (by_victims := _by_victims(toll)):
            return Typed(by_victims, "toll") if by_victims != pred.sub_event_type else Typed(by_victims, pred.by)
        if dead and pred.sub_event_type in _DEATH_MAKES_ATTACK:
            return Typed("Attack", "cue")  # someone killed in an abduction or a raid on homes: an attack
        return Typed(pred.sub_event_type, pred.by)
    if weapon and ground and (_SUPPORT.search(text) or _GROUND_FIRE.search(text)) and _fought(text):
        # "assaulted positions with artillery and glide bomb support", "with artillery, drones and small arms"
        return Typed("Armed clash", "cue")
    if weapon and violent and (cues.violence.search(text) or toll.fatalities or toll.injured
                               or _WENT_OFF.search(text)):
        return Typed(weapon, "cue")
    if ground and not weapon:
        return Typed("Armed clash", "cue")  # "fighting took place", "clashed": the model was unsure
    if struck and not names_a_place(sent):
        return None  # "the death toll had risen to seven": the strike told before, counted again (toll_only)
    if (toll.fatalities or toll.injured) and cues.violence.search(text) and (by_victims := _by_victims(toll)):
        return Typed(by_victims, "toll")  # "five civilians die in east Ukraine": who died says what it was
    if interaction in ("ACCUSE", "ASSAULT") and cues.violence.search(text) and someone_hurt(toll):
        return Typed(DEFAULT_ATTACK, "cue")  # "accused Ukraine of an attack that killed 22": the attack, as claimed
    if family in VIOLENT_TYPES and someone_hurt(toll) and _FIRED_ON.search(text):
        return Typed(str(pred.sub_event_type), "model")  # "opened fire on a car, killing a couple": the model's guess
    if (someone_hurt(toll) or _AT_PEOPLE.search(text)) and _FIRED_ON.search(text) and not (ground or _fought(text)):
        return Typed("Attack", "cue")  # "fired six shots from a pistol at a 46-year-old man", "opened fire on people"
    if dead and _MURDERED.search(text) and not (ground or weapon or _fought(text)):
        return Typed("Attack", "cue")  # "gunmen assassinated a village head": a killing aimed at one person
    return None


# a weapon named only as what was moved in or stationed is not used: "set up a base, moving in artillery crews"
_MOVED_IN = re.compile(r"\b(?:moving|moved|bringing|brought|deploy(?:ed|ing)|station(?:ed|ing)|transferr(?:ed|ing)|"
                       r"redeploy(?:ed|ing))\s+(?:in\s+)?(?:[\w-]+\s+){0,3}(?:artillery|tanks?|mortars?|guns|"
                       r"howitzers?|MLRS|air[- ]defen[cs]e)", re.I)
_CUSTODY = (r"(?:police station|precinct|in custody|detention (?:centre|center|facility)|pre-trial detention|"
            r"holding cell)")
_BEATEN_IN_CUSTODY = re.compile(rf"\b(?:beaten|beat|beating|tortured|shocked)\b[^.;]{{0,100}}\b(?:at|in) (?:a |the )?"
                                rf"(?:[\w-]+ )?{_CUSTODY}|\b(?:at|in) (?:a |the )?(?:[\w-]+ )?{_CUSTODY}\b[^.;]{{0,60}}"
                                rf"\b(?:beaten|beat|beating|tortured)\b", re.I)


# "an improvised explosive device went off", "set off an explosive device attached to his body"
_WENT_OFF = re.compile(r"\b(?:went|go|goes|going) off\b|\bset (?:it )?off\b|"
                       r"\b(?:explosions?|blasts?) (?:occurred|rang out|took place|rocked)\b", re.I)
_FIRED_ON = re.compile(r"\bop(?:en|ens|ened|ening) fire (?:[\w-]+ ){0,6}?(?:on|at)\b|\bfired (?:on|at|into)\b|"
                       r"\bshot at\b|"
                       r"\bfired (?:[\w-]+ ){0,5}shots? (?:[\w-]+ ){0,5}?at\b|"
                       r"\bshot (?:and killed|(?:\w+ ){0,2}dead)\b|"
                       r"\b(?:shot|gunned) down (?:an? |the )?(?:[\w-]+ ){0,4}(?:man|woman|officer|official|head|"
                       r"deputy|mayor|activist|journalist|businessman|priest|guard)\b", re.I)
# killings aimed at a person, whoever the victim: ACLED codes them as attacks
_MURDERED = re.compile(r"\b(?:assassinat(?:ed|ing|ion)|murder(?:ed|ing)|behead(?:ed|ing)|lynched|"
                       r"(?:stabbed|hacked|beaten|clubbed|bludgeoned) to death)\b", re.I)
# whom the shots were fired at: people, not positions
_AT_PEOPLE = re.compile(r"\b(?:fire|fired|shots?|shot)\b[^.;]{0,60}?\b(?:on|at) (?:an? |the |two |three |several )?"
                        r"(?:[\w-]+ ){0,3}(?:man|woman|men|women|people|civilians|passers-by|worshippers|shoppers|"
                        r"crowds?|spectators|residents|villagers|shepherds?|farmers?|family|children|employees?|officials?|"
                        r"journalists?|car|cars)\b(?! (?:stop|park|station))", re.I)


def _crowd_named(text: str, cues: Cues) -> bool:
    """Any word of a crowd, its acts or the force used on it."""
    words, violent, _, intervention, nouns, _ = cues.protest
    return any(p.search(text) for p in (words, violent, intervention, nouns))


def _crowd_told(text: str, cues: Cues) -> bool:
    """A crowd named as such ("a crowd that gathered", "protesters"), not only what was done to one."""
    words, _, _, _, nouns, _ = cues.protest
    return bool(words.search(text) or nouns.search(text))


def names_a_place(sent: Sentence) -> bool:
    """The sentence names a place the geoparser resolved (not a demonym, not a speaker)."""
    return any(p.role == "place" and p.latitude is not None for p in sent.places)


def someone_hurt(toll: Any) -> bool:
    """ "No one was injured" tells no event of its own: it adds a zero to one told before."""
    return any(fig is not None and fig.best for fig in (toll.fatalities, toll.injured))


_CALM = re.compile(r"\b(?:no one was|nobody was|none were|no)\s+(?:one\s+)?(?:detained|arrested|hurt|injured)\b|"
                   r"\bno (?:arrests|detentions)\b|\bdid not (?:intervene|interfere)\b|\bwithout incident\b|"
                   r"\b(?:passed off|ended|remained) peacefully\b", re.I)
_NEGATED = re.compile(r"\b(?:no|without|nor|no one was|nobody was|none were|not to|instead of|refused to)\s+$", re.I)
_DEATH_MAKES_ATTACK = frozenset({"Abduction/forced disappearance", "Looting/property destruction"})
_CROWD_TYPES = frozenset({"Protests", "Riots", None})
_STRATEGIC = "Strategic developments"
PROTEST_OVER_MODEL = 0.8  # a protest word overrules a model label for another family below this confidence


def _protest(text: str, cues: Cues, crowd_told: bool, dead: bool, spans: list[tuple[int, int]]) -> str | None:
    """ACLED's demonstration sub-types from their definitions, or None when no crowd is named. Once
    the text has told of a crowd, "police fired tear gas" needs no protest word of its own. A crowd
    that hurts people with no demonstration named is a mob."""
    _, crowd, lethal, intervention, nouns, harm = cues.protest
    named = not _LODGED.search(text) and any(not _STATE_PROTEST.search(text[: m.start()])
                                             for m in _protest_words_here(text, cues, spans))
    if not named and not crowd_told and any(_crowd_harms(text, n.end(), harm, reach=140) for n in nouns.finditer(text)):
        return "Mob violence"  # "villagers beat a man they accused of ...": the crowd does the harm
    if not named and not crowd_told:  # "residents threw stones", not "soldiers looted houses of residents"
        acting = any(_crowd_harms(text, n.end(), crowd, reach=140) for n in nouns.finditer(text))
        return "Violent demonstration" if acting else None
    if any(not in_spans(c.start(), spans) for c in crowd.finditer(text)):
        return "Violent demonstration"
    if dead or any(not in_spans(c.start(), spans) for c in lethal.finditer(text)):
        return "Excessive force against protesters"
    if any(_intervened(text, m) and not in_spans(m.start(), spans) for m in intervention.finditer(text)):
        return "Protest with intervention"
    return "Peaceful protest" if named else None


def _protest_words_here(text: str, cues: Cues, spans: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The protest words that tell of a protest in this news: not a charge ("fined for taking part in a
    protest"), nor inside a clause told apart (`grievances`). A word opening a grievance ("protesting the
    arrest of ...") is the protest itself."""
    return [m for m in cues.protest[0].finditer(text)
            if not any(a < m.start() < b for a, b in spans) and not _CHARGED_FOR.search(text, 0, m.start())]


def _protest_here(text: str, cues: Cues, spans: list[tuple[int, int]]) -> bool:
    """No protest word at all (the crowd told before), or one that tells of a protest in this news."""
    return not cues.protest[0].search(text) or bool(_protest_words_here(text, cues, spans))


# a protest named as what someone is tried, fined or sentenced for happened before: the court is the news
_CHARGED_FOR = re.compile(r"\b(?:for|of|over)\s+(?:taking part|participating|participation|involvement|organi[sz]ing|"
                          r"calling for|inciting)\s+(?:in\s+)?(?:[\w'-]+\s+){0,3}$", re.I)


def grievances(text: str) -> list[tuple[int, int]]:
    """Where a sentence names what a crowd protests against ("in protest at the killing of a
    student", "protested the burning of mosques"): violence told there happened before, to others."""
    found = [*_GRIEVANCE_OBJECT.finditer(text), *_GRIEVANCE_CAUSE.finditer(text),
             *(m for m in _EARLIER_HARM.finditer(text) if not _FORCE_WORDS.search(m[0]))]
    earlier = [(m.start(), end.start() if (end := _PUNCTUATION.search(text, m.end())) else len(text))
               for m in _EARLIER_CLAUSE.finditer(text)]  # its own verbs do not end it: "... set off protests"
    return sorted([(m.start(), _clause_end(text, m.end())) for m in found] + earlier)


_PUNCTUATION = re.compile(r"[,;:.!?]")


def _clause_end(text: str, start: int) -> int:
    end = _CLAUSE_BREAK.search(text, start)
    return end.start() if end else len(text)


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_GRIEVANCE_OBJECT = re.compile(
    r"\b(?:against|over|at|about|call(?:s|ed|ing)? for|justice for|protest(?:s|ed|ing)?|demonstrat(?:ed|ing)|"
    r"march(?:ed|ing)|rall(?:ied|ying)|demand\w*|denounc\w*|condemn\w*|mourn\w*)\s+"
    r"(?:(?!(?:when|while|but|before|as|until|and then)\b)[\w'-]+\s+){0,5}?"
    r"(?:killings?|deaths?|murders?|burning|shootings?|arrests?|detention|imprisonment|jailing|harassment|extortion|"
    r"brutality|crackdown|beating|attacks?|massacre|lynching|torture|abductions?|kidnappings?|release)\b", re.I)
# "gathered outside the enlistment office after a local man died in custody there": what set them off
_GRIEVANCE_CAUSE = re.compile(
    r"\b(?:after|since|when)\s+(?:an?|the|his|her|their|two|three|several)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:died|(?:was|were) (?:killed|shot|beaten|arrested|detained))\b", re.I)
# "a week after a shaft collapse killed dozens", "after gunmen killed nearly 150 people at a campus",
# "a suspect who allegedly raped and killed a girl": harm told as the cause or as an allegation; not
# when the force at the protest is its subject ("after police opened fire, killing two")
_EARLIER_HARM = re.compile(r"\b(?:after|following|since|who allegedly|allegedly|accused of)\s+(?:[\w'-]+\s+){0,8}?"
                           r"(?:(?:raped|beaten|tortured|robbed) and )?"
                           r"(?:killed|killing|died|murdered|murdering|shot dead|raped|massacred)\b|"
                           # "the release of their leader, who was detained early today": someone held before
                           r"(?<!protesters )(?<!demonstrators )(?<!students )\bwho (?:was|were|had been|has been|"
                           r"have been) (?:\w+ )?(?:detained|arrested|jailed|imprisoned|held)\b", re.I)
# "a week after the law set off the largest protests", "after a week of protests during which 100 were
# detained", "four days after he addressed a rally": what a clause like these tells happened before
_EARLIER_CLAUSE = re.compile(r"\b(?:(?:a|one|two|three|four|five|six|several|few|\d+)\s+"
                             r"(?:days?|weeks?|months?|years?)\s+(?:after|before)|"
                             r"(?:after|followed|following)\s+(?:a|two|three|several)\s+(?:days?|weeks?|months?)\s+of|"
                             r"unlike (?:on )?(?:the )?previous days?)\b", re.I)
_FORCE_WORDS = re.compile(r"\b(?:police|policemen|security|soldiers|troops|forces|army|gendarmes?|officers|guards)\b",
                          re.I)
# a clause ends at punctuation, a conjunction or the main verb after the crowd's noun phrase ("students
# protesting the arrest of their leader were dispersed", "drivers protesting the killing of a colleague
# by police attacked a police station"), not a relative clause's ("who were arrested")
_CLAUSE_BREAK = re.compile(r"[,;:.!?]|\s(?:but|while|when|as|and then|before)\s|\sand\s(?=\w+ed\s)|"
                           r"(?<!who)(?<!that)(?<!which)\s(?:were|was)\s|"
                           r"(?<!who)(?<!that)(?<!which)(?<!was)(?<!were)(?<!been)(?<!had)(?<!has)(?<!have)"
                           r"\s(?=(?:attacked|stormed|threw|hurled|torched|smashed|looted|ransacked|pelted|burned|"
                           r"burnt|blocked|set|raided|clashed)\s(?!by\b))", re.I)


def _crowd_harms(text: str, end: int, harm: Any, reach: int = 60) -> bool:
    """The crowd noun is the one harming ("residents beat a man"), not harmed ("residents were killed")."""
    found = harm.search(text[end : end + reach])
    if found is None:
        return False
    between = text[end : end + found.start()]
    return not (_PASSIVE_END.search(between) or _FORCE_BETWEEN.search(between) or _HELD.match(between))


# "local men held in the basement ..., beating them": the crowd noun is who was held, not who harmed
_HELD = re.compile(r"\s+(?:[\w-]+\s+)?(?:held|detained|captured|taken|kept|imprisoned|abducted|arrested)\b", re.I)


# "according to residents, Russian soldiers beat a man": someone armed between the crowd and the harm does it
_FORCE_BETWEEN = re.compile(r"\b(?:soldiers|troops|forces|police|policemen|officers|servicemen|guards|militants|gunmen|"
                            r"fighters|militiamen)\s+(?:\w+\s+)?$", re.I)
_PASSIVE_END = re.compile(r"\b(?:were|was|been|being|are|is)\s+(?:\w+\s+)?$", re.I)


def _intervened(text: str, m: re.Match[str]) -> bool:
    """An intervention word tells of this crowd being acted on: not "no arrests were made", not an
    arrest before the protest ("leaders arrested a week earlier"), not a crowd leaving of itself."""
    before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 40]
    return not (_NEGATED.search(before) or _EARLIER.match(after) or _SELF_DISPERSED.match(after)
                or _ALLEGED.search(text, 0, m.start()))  # "a minister accused of ordering the beating of ..."


_EARLIER = re.compile(r"(?:\s+\w+){0,4}?\s+(?:earlier|ago|previously|before)\b", re.I)
_SELF_DISPERSED = re.compile(r"\s+(?:calmly|peacefully|quietly|without incident)\b", re.I)


# "Russia protests over ...", "the ministry protested": a state's diplomatic protest, not a crowd
# (a state after "in", "from", "of" or "to" is a place: "relatives of soldiers held in Russia demonstrated")
_STATE_PROTEST = re.compile(r"(?<!\bin )(?<!\bfrom )(?<!\bof )(?<!\bto )"
                            r"\b(?:russia|ukraine|moscow|kyiv|kiev|beijing|washington|kremlin|ministry|government|"
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
_NEUTRAL = frozenset({"men", "people"})


def _by_victims(toll: Any) -> str | None:
    """ACLED's rule for a killing with no weapon and no fighting named: unarmed victims make it an
    attack on civilians, armed ones a clash."""
    victims = {v for f in (toll.fatalities, toll.injured) if f for v in f.victims}
    victims = (victims - _NEUTRAL) or victims  # "a woman and her son": the woman says who they were
    if victims and victims <= _UNARMED | {"men"}:
        return "Attack"  # "shot him dead", "a man was killed"; "people" alone may be soldiers (UCDP's headlines)
    if victims and victims <= _ARMED:
        return "Armed clash"
    return None


_PERSON_BEFORE = re.compile(r"\b(?:soldiers?|servicem[ae]n|fighters?|marines?|prisoners?|civilians?|men|man|"
                            r"women|woman|children|child|people|officers?|pilots?)\s+$", re.I)
_WHERE_AFTER = re.compile(r"\s+(?:in|near|at|during|on|outside)\b", re.I)
_ADJECTIVAL = re.compile(r"\b(?:the|a|an|newly|recently|its|their|of|in|from|into|over|across|outside|near|around|"
                         r"towards?|at|temporarily|still|currently|two|three|four|five|several|\d+|"
                         r"areas?|territory|territories|lands?)\s+$", re.I)


def _model_only(sent: Sentence, crowd: bool) -> Typed | None:
    """A sentence with no cue word: only a confident model label for a non-violent sub-type stands
    (violence needs a cue), and never a demonstration: with no word for a crowd, its protest or its
    march, the model has only guessed one from "people ... demanding" or "the market rally"."""
    pred = sent.prediction
    if not pred.sub_event_type or (pred.by != "pattern" and pred.confidence < MODEL_CONFIDENT):
        return None
    if EVENT_TYPE_OF.get(pred.sub_event_type) in VIOLENT_TYPES or sent.toll.fatalities or sent.toll.injured:
        return None
    if pred.by != "pattern" and EVENT_TYPE_OF.get(pred.sub_event_type) in ("Protests", "Riots"):
        return None
    return Typed(pred.sub_event_type, pred.by)


def _named(text: str, cues: Cues, *, dead: bool, armed: bool, used: bool = False, struck: bool = False,
           only: str | None = None) -> str | None:
    named = _first_named(text, cues, dead=dead, armed=armed, used=used, struck=struck, only=only)
    if named is not None and named[0] == "Arrests" and (found := _first_named(
            text[: named[1]], cues, dead=dead, armed=armed, used=used, only="Disrupted weapons use")):
        return found[0]  # "found a cache of explosives and detained a man": what was found first is the news
    return named[0] if named else None


def _first_named(text: str, cues: Cues, *, dead: bool, armed: bool, used: bool = False, struck: bool = False,
                 only: str | None = None) -> tuple[str, int] | None:
    """The first cue list (in `cues.toml` order) told in `text`, and where."""
    for cue in cues.named:
        if only is not None and cue.sub_event_type != only:
            continue
        if (cue.unless_dead and dead) or (cue.calm and (dead or armed)) or (
                cue.unarmed and (armed or struck or "rubble" in text)):  # bodies under rubble: a strike's toll
            continue
        if cue.sub_event_type == "Disrupted weapons use" and used:
            continue  # "Interception: ... shot down a Su-34": a crewed aircraft downed is a missile attack
        if cue.sub_event_type == "Agreement" and _NO_DEAL.search(text):
            continue  # "talks on extending the grain deal ended without agreement"
        if cue.sub_event_type == "Looting/property destruction" and _FIRED_ON.search(text):
            continue  # "opened fire on people at a concert and then set the building on fire": the attack
        told = next((m for m in cue.pattern.finditer(text) if not _ALLEGED.search(text, 0, m.start())
                     and not _NEGATED.search(text, 0, m.start()) and not _ARRESTED_FOR.search(text, 0, m.start())),
                    None)
        if told is not None and cue.unless_struck_before and _struck_before(text[: told.start()], cues):
            continue  # "a drone attack set off explosions at a depot, and residents were evacuated": the strike
        if told is not None:
            return cue.sub_event_type, told.start()  # but "no arrests were reported"
    return None


def _struck_before(text: str, cues: Cues) -> bool:
    return bool(cues.violence.search(text)) and weapon_of(text, cues) is not None


_NO_DEAL = re.compile(r"\bwithout (?:an? )?(?:agreement|deal|breakthrough)\b|\bfailed to (?:agree|reach)\b|"
                      r"\bno (?:agreement|deal) (?:was|has been) reached\b", re.I)
# "arrested three residents accused of plotting arson": what someone is accused of is not what happened
_ALLEGED = re.compile(r"\b(?:accused of|suspected of|on suspicion of|charged with|plotting|planning to|"
                      r"preparing|to discuss|discussed|discussing|talks on|talks about|"
                      r"no (?:plans?|intention|decision) (?:for|to|of))\s+(?:[\w-]+\s+){0,3}$", re.I)


# "police detained a woman who set fire to two police cars last week": the arrest is the news, the act its cause
_ARREST_VERB = r"\b(?:detained|arrested|caught|apprehended)\b"
_ARRESTED_FOR = re.compile(rf"(?:{_ARREST_VERB}|\b(?:charged|identified|sentenced|convicted|jailed)\b)"
                           r"[^.;]{0,80}\bwho\b[^.;]{0,80}$", re.I)
_ARRESTED_WHO = re.compile(rf"{_ARREST_VERB}[^.;]{{0,80}}\b(?:who|suspected of|accused of|on suspicion of|"
                           r"charged with)\b", re.I)
_HARM_THEN_ARREST = re.compile(r"\b(?:attacked|stabbed|stabbing|opened fire|shot|wounding|killing|injuring)\b"
                               r"[^.;]{0,150}\b(?:detained|arrested|detaining|apprehended)\b", re.I)
# someone raped or sexually abused, not a crowd against "rape cases" or "sexual violence"
_SEXUAL_ACT = re.compile(r"\b(?:raped|gang-raped|sexually (?:abused|assaulted|tortured))\b", re.I)
def _arrest_of_a_doer(text: str, cues: Cues) -> bool:
    """An arrest told of someone "who" did something: what they did is the cause, the arrest the news."""
    arrest = _ARRESTED_WHO.search(text)
    if arrest is None or _NOT_ARRESTING.search(text, 0, arrest.start()) or _NEGATED.search(text, 0, arrest.start()):
        return False
    if _first_named(text[: arrest.start()], cues, dead=False, armed=False, only="Disrupted weapons use"):
        return False  # "defused a bomb ... and detained a woman who": the bomb defused is the news
    return _named(text[: arrest.end()], cues, dead=False, armed=False, only="Arrests") is not None


# "beat a detained man who ...": "detained" as an adjective tells no arrest (nor does `_NEGATED`'s "no one was")
_NOT_ARRESTING = re.compile(r"\b(?:a|an|the|not)\s+$", re.I)
_NOT_CONTROL = re.compile(r"\s+(?:place|part|prisoner|prisoners|hostage|hostages|captive|to|off|away|into custody|"
                          r"them|him|her|it|us|(?:an?\s+)?\d{1,3}-year-old|"
                          r"the lives|(?:\w+\s+)?casualties|losses|refuge|shelter|cover|aim|over as)\b", re.I)
_OBJECT_GAP = re.compile(r"^[\"”’']?\s*(?:full\s+|back\s+|complete\s+)?(?:control\s+(?:of|over)\s+)?(?:the\s+)?"
                         r"(?:[\w-]+\s+){0,3}?(?:of\s+)?(?<!\bto\s)$", re.I)


def _territory_match(sent: Sentence, cues: Cues) -> tuple[str, int] | None:
    """(sub-type by the verb, where the verb starts) for a change of control over a place named right
    after the verb ("recaptured Kupiansk", "took control of the town of Lere"). Attempts and captured
    people are not; the direction is settled later from the verb's subject (`territory_side`)."""
    text = sent.text
    for sub, pattern in (("Government regains territory", cues.regain),
                         ("Non-state actor overtakes territory", cues.overtake)):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            if (_ATTEMPT.search(before) or _ADJECTIVAL.search(before) or _NOT_CONTROL.match(text[m.end() :])
                    or before.endswith("-")  # "Russian-occupied Nova Kakhovka" says who holds it, not a change
                    or (m.start() == 0 and m[0][:1].isupper())):  # "Occupied Chonhar: ...", a dateline
                continue  # "trying to seize", "in the liberated territories", "took place", "taken to Russia"
            if _PERSON_BEFORE.search(before) and _WHERE_AFTER.match(text, m.end()):
                continue  # "a Ukrainian soldier captured in Mariupol" was taken prisoner there
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


def subject_of(sent: Sentence, actors: ActorFinder, typed: Typed, loc: Location | None) -> Actor | None:
    """The actor right before the territory verb, passing over helpers ("supported by Wagner")."""
    if typed.territory_verb is None:
        return None
    spans = [s for s in actors.find(sent.text, loc.iso if loc else None) if s.end <= typed.territory_verb
             and not _HELPERS.search(sent.text[max(0, s.start - 30) : s.start])]
    return spans[-1].actor if spans else None


def territory_side(sub_type: str, actor1: Actor | None, loc: Location | None) -> str:
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


def toll_only(sent: Sentence, cues: Cues) -> bool:
    """A sentence adding a toll to an event told elsewhere ("resulting in injuries to at least 22")."""
    toll = sent.toll
    return bool((toll.fatalities or toll.injured) and (cues.violence.search(sent.text) or _HURT.search(sent.text)))


# "two more people were treated for shrapnel wounds", "died in hospital": words of harm done before
_HURT = re.compile(r"\b(?:treated|hospitali[sz]ed|hospital|wounds|injuries|shrapnel|burns|died|succumbed|toll|dead|"
                   r"casualties|losses|concussions?|fractur\w*|bruis\w*|broken|cuts?|glass|bod(?:y|ies)|"
                   r"fatalities|poisoned)\b",
                   re.I)


# a warning of an attack, declared or lifted, is neither the attack nor anyone's interaction: the model's guess
# gives way to the lexicon ("put on high alert" is still MOBILIZE)
_ALERT = re.compile(r"\b(?:(?:air[- ]raid|missile|drone|rocket|aerial) (?:alerts?|alarms?|warnings?)|sirens?|"
                    r"all[- ]clear|shelters|(?:the|an) alert (?:sounds|sounded|ended|was lifted|was declared|"
                    r"lasted))\b", re.I)


def interaction_of(sent: Sentence, cues: Cues) -> tuple[str | None, str]:
    """The sentence's PLOVER interaction and how it was found ("pattern", "model" or "cue")."""
    pred = sent.prediction
    if arms_package(sent.text, cues) and not someone_hurt(sent.toll):
        # whatever weapons the model saw in the list, a package of them is aid, unless it is blocked or asked for
        verb = _plover_verb(sent.text, cues)
        return (verb if verb in _ON_A_PACKAGE else "AID"), "cue"
    if pred.interaction and pred.event_type is None and (pred.by == "pattern" or pred.confidence >= INTERACTION_MIN):
        if pred.by == "model" and _ALERT.search(sent.text):
            return _plover_verb(sent.text, cues), "cue"  # "the air raid alert has ended" mobilises nobody
        if pred.by == "model" and pred.confidence < MODEL_CONFIDENT and (verb := _plover_verb(sent.text, cues)):
            return verb, "cue"  # an unsure model yields to a verb that names the interaction ("extradited")
        return str(pred.interaction), pred.by
    if pred.event_type is None or pred.confidence < MODEL_CONFIDENT:
        return _plover_verb(sent.text, cues), "cue"
    return None, "model"


_ARMS_PACKAGE = re.compile(r"\b(?:(?:military|security|defen[cs]e|weapons?|arms)\s+(?:aid\s+|assistance\s+)?package|"
                           r"package of (?:[\w-]+ ){0,2}(?:weapons|arms|military aid|security assistance))\b", re.I)
# what a sentence may do to a package instead of sending it: block, criticise, ask for, threaten it
_ON_A_PACKAGE = frozenset({"REJECT", "ACCUSE", "REQUEST", "SANCTION", "THREATEN"})


def arms_package(text: str, cues: Cues) -> bool:
    """A package of weapons announced or sent, with no attack told beside it."""
    return bool(_ARMS_PACKAGE.search(text)) and not cues.violence.search(text)


def _plover_verb(text: str, cues: Cues) -> str | None:
    """The PLOVER type of the leftmost interaction verb: the lexicon's word when the model is unsure."""
    if not cues.any_plover.search(text):
        return None
    # at one position the longer phrase says more: "gave in" (CONCEDE) over "gave" (AID)
    hits = [(m.start(), -len(m[0]), kind) for kind, pattern in cues.plover if (m := pattern.search(text))]
    return min(hits)[2] if hits else None
