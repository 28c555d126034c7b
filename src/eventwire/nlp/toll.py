"""Fatalities and injured read from a sentence or a short text, by rule.

`extract_toll(text) -> Toll` finds every count tied to a toll word and keeps one figure per kind.
Counts are read by `eventwire.nlp.numbers` (see its docstring for digits, words, qualifiers, ranges and
vague quantities); the toll words, person nouns and fillers are in `data/toll.toml`.

Rules, as stated:

1. **A count is a toll figure** when it is tied to a toll word in one of these shapes:
   COUNT [victims] [were / have been / are feared ...] CUE ("22 people were killed", "9 dead",
   "two killed and five injured", "3 people lost their lives", "One KIA");
   CUE COUNT [victims] ("killing 5 civilians", "the death of at least 22 people", "injuries to 22 people",
   "the injury of dozens more", "bodies of 3 soldiers"); or a death toll: "the death toll rose to 35",
   "a toll of 12", "the number of residents killed rises to seven". "lost N" counts only before a
   person noun ("lost 70 servicemen", not "lost 2 tanks").
2. **Kinds.** killed / dead / died / deaths / lost their lives / bodies -> fatalities; wounded / injured /
   hurt / injuries -> injured. "casualties", "killed or wounded" and "lost N soldiers" mix the dead and
   the injured, so they go to a third figure, `casualties`, and never to fatalities (ACLED codes a toll
   given only as casualties as 0 dead); the caller may show it.
3. **Person words alone.** "a civilian was killed", "one soldier", "another soldier" -> 1: "a"/"an"/
   "another" count only before a person noun. A singular person noun before the toll word with no
   count ("Ukrainian soldier killed in shelling", "man dies", "shelling kills militiaman") -> 1.
   A nationality alone stands for a person ("One Ukrainian killed").
4. **Zero.** "no casualties", "no one was hurt", "nobody was killed", "no deaths" -> 0. A zero for
   casualties sets both fatalities and injured to 0; "no one was hurt/injured" also sets fatalities
   to 0 when the text gives no fatality figure (news says "hurt" of anyone harmed at all).
5. **Groups.** "two soldiers and three civilians were killed" -> the counts are added (5). A count after
   "including" / "among them" / "of whom" ("12 people, including 3 children") is part of the figure
   before it: it adds its victims ("children") to that figure and is not a figure of its own.
6. **Victims** are the groups the person nouns name (people, civilians, soldiers, fighters, police,
   children, women, men, protesters, journalists, aid workers, workers, prisoners).
7. **Several figures of one kind** in one text are taken as successive reports of one toll, which
   only rises as bodies are found: a figure stated as an update ("the death toll rose to 35") wins;
   otherwise, and among updates, the highest `best` wins (the first on a tie). A text that reports two
   separate events should be split into sentences first; the pipeline calls this per sentence.
8. **ACLED figure.** `Figure.acled` is the count ACLED's codebook gives the same words: the vague
   phrase's convention ("dozens" 12, "hundreds" 100, several 3, many 10), otherwise `best`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .numbers import DATA, Quantity, Token, match_phrase, read_quantity, tables, tokenize, word_value

FATALITIES, INJURED, CASUALTIES = "fatalities", "injured", "casualties"
# Any toll word at all: the cheap test that lets most sentences skip the token walk.
_CUE = re.compile(r"kill|dead|die|death|wound|injur|hurt|casualt|lives|life|bod(?:y|ies)|toll|kia|wia|perish|slain|"
                  r"lost|hospital|treated|suffer|sustain|graves|fatalit|eliminat|liquidat|execut|murder|remains|"
                  r"poison|assassin|behead|gunned|gunning|to death", re.I)
_CLAUSE_END = frozenset({".", ";", ":", "!", "?"})
_ZERO_VERBS = frozenset({"no one", "nobody", "none"})


@dataclass(frozen=True, slots=True)
class Figure:
    """One toll figure as the text states it; character offsets are into the text given."""

    low: int | None
    best: int
    high: int | None
    qualifier: str  # "exact", "at least", "at most", "about" or "range"
    text: str
    start: int
    end: int
    victims: tuple[str, ...] = ()
    acled: int | None = None
    updated: bool = False  # stated as an update of an earlier toll ("rose to")
    moved: bool = False  # dead now who were counted among the wounded ("one of the wounded died")


@dataclass(frozen=True, slots=True)
class Toll:
    """The figures kept for a text (rule 7), and every figure found in text order."""

    fatalities: Figure | None = None
    injured: Figure | None = None
    casualties: Figure | None = None
    mentions: tuple[tuple[str, Figure], ...] = ()


@dataclass(frozen=True, slots=True)
class _Words:
    after: dict[str, str]
    before: dict[str, str]
    needs_victim: frozenset[str]
    toll_words: frozenset[str]
    update: frozenset[str]
    plain: frozenset[str]
    sub_count: frozenset[str]
    modifiers: frozenset[str]
    auxiliaries: frozenset[str]
    victims: dict[str, str]
    singular: frozenset[str]
    starters: frozenset[str]


@cache
def words() -> _Words:
    """The word lists of data/toll.toml, read once."""
    raw: dict[str, Any] = tomllib.loads((DATA / "toll.toml").read_text("utf-8"))
    quantity = tables()
    starters = {p.split()[0] for p in [*quantity.qualifiers, *quantity.vague]} | set(quantity.cardinals)
    return _Words(after=raw["after"], before=raw["before"], needs_victim=frozenset(raw["needs_victim"]["cues"]),
                  toll_words=frozenset(raw["toll_words"]["words"]), update=frozenset(raw["toll_words"]["update"]),
                  plain=frozenset(raw["toll_words"]["plain"]), sub_count=frozenset(raw["sub_count"]["phrases"]),
                  modifiers=frozenset(raw["modifiers"]["words"]), auxiliaries=frozenset(raw["auxiliaries"]["words"]),
                  victims=raw["victims"], singular=frozenset(raw["singular"]["words"]),
                  starters=frozenset(starters | {"between"}))


@dataclass(frozen=True, slots=True)
class _Link:
    """A count tied to a toll word: which kind, the victims, the token span and whether an update."""

    kind: str
    quantity: Quantity
    victims: tuple[str, ...]
    first: int
    last: int  # exclusive
    updated: bool = False
    moved: bool = False


def extract_toll(text: str, doc: Any = None) -> Toll:
    """Fatalities, injured and casualties stated in `text` (rules in the module docstring).

    `doc` is accepted for the pipeline's uniform call and not needed: the rules read the text alone.
    """
    if not _CUE.search(text):
        return Toll()
    if field := _ACLED_FIELD.search(text):  # ACLED's own "Fatalities: 2." states the count as coded
        n = int(field["n"])
        dead = Figure(n, n, n, "exact", field[0], field.start(), field.end(), (), n)
        return replace(extract_toll(text[: field.start()] + " " * len(field[0]) + text[field.end() :]), fatalities=dead)
    text = _BOTH_AND.sub(lambda m: " " * len(m[0]), text)  # offsets kept: "both the driver and ..." counts no 2
    text = _AGES.sub(lambda m: " " * len(m[0]), _DATE.sub(lambda m: " " * len(m[0]), text))
    tokens = tokenize(text)
    links = _links(text, tokens)
    if _BODIES_RETURNED.search(text):  # bodies handed back under an exchange were counted when they fell
        links = [k for k in links if not any(t.lower == "bodies" for t in tokens[k.first : k.last])]
    mentions = tuple((link.kind, _figure(text, tokens, link)) for link in links)
    return _died_of_wounds(text, _implied_zeros(_choose(mentions)))


def _died_of_wounds(text: str, toll: Toll) -> Toll:
    """ "wounding five people, one of whom later died": one dead and four wounded, not five wounded."""
    injured = toll.injured
    match = _OF_WHOM_DIED.match(text, injured.end) if injured is not None else None
    if injured is None or match is None or (dead := word_value(match["n"].lower())) is None or dead > injured.best:
        return toll
    died = Figure(dead, dead, dead, "exact", match[0], match.start(), match.end(), injured.victims)
    # "killing a man and injuring 3 civilians, one of whom later died": two dead, two wounded
    return replace(toll, fatalities=died if toll.fatalities is None else _added(toll.fatalities, died),
                   injured=replace(less(injured, dead), acled=None))


_AGED = re.compile(r"^\d{1,3}-year-old$")
_BOTH_AND = re.compile(r"\bboth(?=\s+(?:the|a|an|his|her|their|its|of)\b)", re.I)
# "two boys aged 11 and 13 were injured": ages are no counts
_AGES = re.compile(r"(?:,\s*)?\baged\s+(?:between\s+|from\s+)?\d{1,3}(?:\s*(?:,|and|&|-|–|to)\s*\d{1,3})*\b"
                   r"(?:\s*,)?", re.I)
# a date, or a year after "in": "on 12 March 2022 Russian soldiers shot dead two" counts no 12 or 2022 dead
_DATE = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}"
                   r"\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d\b|"
                   r"\b(?:in|of|since|by|until)\s+(?:19|20)\d\d\b", re.I)
_ACLED_FIELD = re.compile(r"\bFatalities:\s*(?P<n>\d{1,5})\b")
_OF_WHOM_DIED = re.compile(r"[\s,;]*(?P<n>\w+)\s+of\s+(?:whom|them)[\s,]+"
                           r"(?:(?:later|subsequently|has|have|had|since)\s+)*(?:died|succumbed)", re.I)


_BODIES_RETURNED = re.compile(r"\bbodies\b[^.]{0,120}\b(?:repatriat\w*|exchange[sd]?|swap\w*|handed (?:over|back)|"
                              r"returned)\b|\b(?:repatriat\w*|exchange[sd]?|swap\w*|received|returned|handed (?:over|"
                              r"back)|hand(?:ed)? over)\b[^.]{0,60}\bbodies\b", re.I)


def _links(text: str, tokens: list[Token]) -> list[_Link]:
    """Every count in the text tied to a toll word, in text order."""
    links: list[_Link] = []
    i = 0
    while i < len(tokens):
        quantity = read_quantity(tokens, i) if _may_start(tokens[i].lower) else None
        if quantity is None:
            if link := _singular(text, tokens, i):
                links.append(link)
            i = max(i + 1, link.last) if link else i + 1
            continue
        if _is_age(tokens, quantity):
            i = quantity.end
            continue
        if _after_phrase(tokens, quantity.start, words().sub_count):
            _add_sub_victims(links, _victims(text, tokens, quantity.end)[1])
        elif (part := _part_of_those_counted(tokens, quantity)) is not None:
            links += [part] if part else []
            i = quantity.end + 3
            continue
        elif link := _link(text, tokens, quantity):
            links.append(_and_one_more(tokens, link))
            i = max(i, link.last - 1)
        i = max(i + 1, quantity.end)
    return links


def _is_age(tokens: list[Token], quantity: Quantity) -> bool:
    """ "a man of 70", "a woman aged 82": the number is an age, not a count; "on 3 February, died": a day."""
    if quantity.end < len(tokens) and tokens[quantity.end].lower in _MONTHS:
        return True
    i = quantity.start
    if i >= 1 and tokens[i - 1].lower == "aged":
        return True
    return i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in words().singular


def _may_start(word: str) -> bool:
    return word[0].isdigit() or word.split("-")[0] in words().starters


def _after_phrase(tokens: list[Token], i: int, phrases: frozenset[str] | dict[str, str]) -> str:
    """The longest phrase of `phrases` that ends just before token i ("" if none)."""
    for size in range(min(4, i), 0, -1):
        phrase = " ".join(t.lower for t in tokens[i - size : i])
        if phrase in phrases:
            return phrase
    return ""


def _add_sub_victims(links: list[_Link], victims: tuple[str, ...]) -> None:
    """ "12 people, including 3 children": the children join the victims of the figure before."""
    if links and victims:
        last = links[-1]
        links[-1] = replace(last, victims=tuple(dict.fromkeys(last.victims + victims)))


def _link(text: str, tokens: list[Token], quantity: Quantity) -> _Link | None:
    """Tie a count to a toll word before it, after it, or to a death toll (rule 1)."""
    end, victims = _victims(text, tokens, quantity.end)
    if not victims and _unlisted_people(tokens, end):
        end, victims = end + 1, ("people",)
    elif not victims and tokens[quantity.end - 1].lower in _COUPLE and not (
            end < len(tokens) and tokens[end].lower == "of"):
        victims = ("people",)  # "injuring a couple and their son": the couple are two people
    if quantity.weak and not _weak_ok(tokens, quantity, victims):
        return None
    return (_before(tokens, quantity, victims, end) or _toll(tokens, quantity, victims, end)
            or _after(text, tokens, quantity, victims, end))


def _and_one_more(tokens: list[Token], link: _Link) -> _Link:
    """ "Two workers were hospitalised with burns and a third with smoke poisoning": one more."""
    j = link.last
    while j < len(tokens) and j - link.last < 4 and tokens[j].lower not in _CLAUSE_END and tokens[j].lower != "and":
        j += 1  # "with burns"
    words_after = [t.lower for t in tokens[j : j + 3]]
    if (len(words_after) == 3 and words_after[:2] in (["and", "a"], ["and", "an"])
            and _ORDINALS.get(words_after[2]) == link.quantity.best + 1
            and not match_phrase(tokens, _past_auxiliaries(tokens, j + 3), words().after, 4)[1]):
        one = Quantity(1, 1, 1, "exact", j + 2, j + 3)
        return replace(link, quantity=_sum(link.quantity, one), last=j + 3)
    return link


def _part_of_those_counted(tokens: list[Token], quantity: Quantity) -> _Link | bool | None:
    """ "one of the wounded", "two of the injured": a part of a figure told before, not a figure (False),
    unless they died since (a moved link); "One of the passengers ... died" likewise. None: no such part."""
    j = quantity.end
    hurt = " ".join(t.lower for t in tokens[j : j + 3]) in _OF_THE_HURT
    people = (quantity.best == 1 and " ".join(t.lower for t in tokens[j : j + 2]) == "of the"
              and j + 2 < len(tokens) and tokens[j + 2].lower in words().victims)
    if not (hurt or people):
        return None
    died = _one_of_the_hurt_died(tokens, quantity)
    return died or (False if hurt else None)


_OF_THE_HURT = frozenset(f"of the {w}" for w in ("wounded", "injured", "hurt", "victims", "casualties"))


def _one_of_the_hurt_died(tokens: list[Token], quantity: Quantity) -> _Link | None:
    """ "One of the wounded, a man of 70, died in hospital": dead now, and no longer among the wounded
    (`Figure.moved`); the caller takes them off the wounded figure it keeps."""
    for k in range(quantity.end + 3, min(quantity.end + 16, len(tokens))):
        if tokens[k].lower in _CLAUSE_END:
            return None
        if tokens[k].lower in _DIED:
            return _Link(FATALITIES, quantity, ("people",), quantity.start, k + 1, moved=True)
    return None


_DIED = frozenset({"died", "succumbed", "dies"})


def _unlisted_people(tokens: list[Token], j: int) -> bool:
    """ "two dockers hurt", "2 guardsmen were wounded": a plural noun no list names, right before a
    killed/wounded word, is the people it happened to (a thing is "destroyed" or "hit", not "wounded")."""
    if j >= len(tokens) or not _PLURAL.fullmatch(tokens[j].lower) or tokens[j].lower in _NOT_PEOPLE:
        return False
    cue, size = match_phrase(tokens, _past_auxiliaries(tokens, j + 1), words().after, 4)
    return bool(size) and words().after[cue] in (FATALITIES, INJURED) and cue not in {"bodies", "deaths", "injuries"}


_COUPLE = frozenset({"couple", "pair"})
_PLURAL = re.compile(r"[a-z]{3,}(?:s|men)")
_NOT_PEOPLE = frozenset({"days", "hours", "weeks", "months", "years", "minutes", "times", "others", "was", "has",
                         "is", "as", "its", "this", "thus", "tanks", "vehicles", "drones", "missiles"})


def _weak_ok(tokens: list[Token], quantity: Quantity, victims: tuple[str, ...]) -> bool:
    """ "a", "another" need a person noun; "no" a person noun or a toll noun; "no one" nothing."""
    if victims:
        return True
    said = " ".join(t.lower for t in tokens[quantity.start : quantity.end])
    if said in _ZERO_VERBS:
        return True
    # "no deaths", and "another wounded" / "another was wounded" (another one, elided)
    j = _past_auxiliaries(tokens, quantity.end) if said == "another" else quantity.end
    if said in {"no", "another"} and match_phrase(tokens, j, words().after, 4)[1]:
        return True
    return said == "another" and bool(_after_phrase(tokens, quantity.start, words().before))  # "injured another"


def _victims(text: str, tokens: list[Token], i: int) -> tuple[int, tuple[str, ...]]:
    """The person phrase at token i ("more Ukrainian soldiers", "residents of Donetsk"): (end, victims)."""
    found: list[str] = []
    end, j = i, i
    while j < len(tokens) and j - i < 7:
        phrase, size = match_phrase(tokens, j, words().victims, 3)
        if size:
            found.append(_victim_kind(tokens[max(i, j - 3) : j], phrase))
            j = end = j + size
            end = j = _place_complement(text, tokens, j)
        elif _is_modifier(text, tokens, j):
            j += 1
        elif found and tokens[j].lower in {",", "and"} and match_phrase(tokens, j + 1, words().victims, 3)[1]:
            j += 1  # "41 soldiers, civilians killed", "3 soldiers and civilians"
        else:
            break
    # "One Ukrainian killed": a nationality alone stands for a person
    return (end if found else j), tuple(dict.fromkeys(found))


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"})
def _victim_kind(before: list[Token], phrase: str) -> str:
    """Who a person noun names; "an unarmed security guard", "an off-duty police officer": out of the fight,
    a civilian."""
    return "civilians" if any(t.lower in _OFF_DUTY for t in before) else words().victims[phrase]


_OFF_DUTY = frozenset({"unarmed", "off-duty", "retired", "former"})


def _is_modifier(text: str, tokens: list[Token], j: int) -> bool:
    """A word that may stand inside a person phrase; a toll word right before a non-person is not one."""
    word = tokens[j].lower
    if word in words().after and not (j + 1 < len(tokens) and tokens[j + 1].lower in words().victims):
        return False
    if "-" in word and word_value(word) is None:
        return True  # "22-year-old", "pro-Russian", "well-armed"
    return (word in words().modifiers or (text[tokens[j].start].isupper() and word not in words().after)
            or _noun_before_person(tokens, j))


def _noun_before_person(tokens: list[Token], j: int) -> bool:
    """A word no list names right before a person noun modifies it ("a security guard", "two taxi
    drivers"): the modifier list cannot name every trade."""
    word = tokens[j].lower
    return (word.isalpha() and j + 1 < len(tokens) and tokens[j + 1].lower in words().victims
            and not word.endswith(_VERB_ENDINGS) and word not in _NOT_MODIFIERS
            and word not in words().after and word not in words().before)


_VERB_ENDINGS = ("ed", "ing", "ly", "s")  # "suffered minor cuts", "carrying people", "only children"


# "killed and injured people", "killing or wounding soldiers", "as civilians": joiners, not modifiers
_NOT_MODIFIERS = frozenset({"and", "or", "as", "but", "than", "to", "with", "by", "for", "at", "on", "among", "were",
                            "was", "are", "is", "including", "all", "no", "not", "many", "some", "several", "few"})


def _place_complement(text: str, tokens: list[Token], j: int) -> int:
    """Skip "of Donetsk region" / "from Kharkiv" / "of the State Emergency Service" after a person noun;
    return where the phrase ends."""
    k = j + 2 if j + 2 < len(tokens) and tokens[j + 1].lower == "the" else j + 1  # "of the State Emergency Service"
    if k < len(tokens) and tokens[j].lower in {"of", "from", "in"} and (
            text[tokens[k].start].isupper() or tokens[k].lower in _COMPLEMENT_NOUNS):
        j = k + 1
        while j < len(tokens) and (text[tokens[j].start].isupper() or tokens[j].lower in _COMPLEMENT_NOUNS):
            j += 1
    return j


# "the head of the Nova Kakhovka administration", "a guard of the Kursk nuclear plant"
_COMPLEMENT_NOUNS = frozenset({"region", "oblast", "district", "city", "administration", "council", "authorities",
                               "government", "police", "department", "office", "service", "plant", "station",
                               "depot", "farm", "factory", "enterprise", "company", "substation", "refinery",
                               "railway", "hospital", "school", "unit", "market", "shop", "store", "mine",
                               "centre", "center", "base", "brigade", "battalion", "checkpoint", "post", "village",
                               "town", "hromada", "community", "crew", "mission", "garrison", "convoy", "car",
                               "vehicle", "bus", "minibus", "truck", "house", "building", "apartment", "group",
                               "family", "team", "party", "ruling", "opposition", "local", "regional", "national",
                               "provincial", "municipal", "committee", "movement", "union", "parliament", "assembly",
                               "court", "ministry", "organisation", "organization", "association", "church",
                               "mosque", "university", "board", "chamber", "front", "congress", "league"})


def _before(tokens: list[Token], quantity: Quantity, victims: tuple[str, ...], end: int) -> _Link | None:
    """CUE COUNT [victims]: "killing 5 civilians", "the death of at least 22 people"."""
    cue = _after_phrase(tokens, quantity.start, words().before)
    if not cue or (cue in words().needs_victim and not victims):
        return None
    if words().before[cue] == CASUALTIES and words().after.get(tokens[end].lower if end < len(tokens) else "") in (
            FATALITIES, INJURED):
        return None  # "the enemy lost 23 soldiers killed and 31 wounded": the word after says which
    first = quantity.start - len(cue.split())
    # "killing 2 civilians, a man and his adult son": after a count, a list says who they were
    listed = quantity.best > 1 and end < len(tokens) and tokens[end].lower == ","
    if victims and not listed:
        quantity, victims, end = _with_joined(tokens, quantity, victims, end)
    return _Link(words().before[cue], quantity, victims, first, end)


def _with_joined(tokens: list[Token], count: Quantity, victims: tuple[str, ...],
                 end: int) -> tuple[Quantity, tuple[str, ...], int]:
    """The count, victims and end of a group with the groups joined after it added (`_conjoined`)."""
    if more := _conjoined(tokens, end):
        return _sum(count, more[0]), tuple(dict.fromkeys(victims + more[1])), more[2]
    return count, victims, end


def _past_auxiliaries(tokens: list[Token], j: int) -> int:
    """The first token from j on that is no auxiliary ("were", "have been", "reportedly")."""
    while j < len(tokens) and tokens[j].lower in words().auxiliaries:
        j += 1
    return j


def _conjoined(tokens: list[Token], j: int) -> tuple[Quantity, tuple[str, ...], int] | None:
    """ "killing a woman [and her two children]", "wounding the driver [and three passengers]": the
    groups joined to the first after the toll word, added up (rule 5); None when none follows."""
    groups: list[tuple[Quantity, tuple[str, ...], int]] = []
    while j + 1 < len(tokens) and tokens[j].lower in {"and", ","}:
        closing = tokens[j].lower == "and"
        group = _group(tokens, j + 1 + (tokens[j + 1].lower in _DETERMINERS))
        if group is None:
            break
        groups.append(group)
        j = group[2]
        if closing:  # a list ends with "and <group>"; without it, "killing the driver, a 45-year-old man,
            total = groups[0][0]  # and wounding ..." names one person and "..., the mayor said" none
            for count, _, _ in groups[1:]:
                total = _sum(total, count)
            return total, tuple(v for g in groups for v in g[1]), j
    return None


_DETERMINERS = frozenset({"her", "his", "their", "the", "its"})


def _group(tokens: list[Token], k: int) -> tuple[Quantity, tuple[str, ...], int] | None:
    """A count and person noun, or a lone person noun ("a neighbour", "son"), at token k."""
    count = read_quantity(tokens, k)
    start = count.end if count else k
    while start < len(tokens):
        word, modifies = tokens[start].lower, _noun_before_person(tokens, start)
        if not ("-" in word or word in words().modifiers or modifies) or (word in words().victims and not modifies):
            break  # "a guard": the person noun itself, though "guard" also modifies ("a border guard")
        if word in words().after or word in words().before:
            return None  # "killed a man and injured his wife": a second toll, not a second group
        start += 1  # "their 10-year-old son"
    phrase, size = match_phrase(tokens, start, words().victims, 3)
    if not size or (count is None and phrase not in words().singular):
        return None
    if count is None or count.weak:
        count = Quantity(1, 1, 1, "exact", k, start + size)
    return replace(count, end=start + size), (_victim_kind(tokens[k:start], phrase),), start + size


def _toll(tokens: list[Token], quantity: Quantity, victims: tuple[str, ...], end: int) -> _Link | None:
    """ "the death toll rose to 35", "a toll of 12": a fatality figure, an update when a verb says so."""
    verb = _after_phrase(tokens, quantity.start, words().update | words().plain)
    if not verb:
        return None
    j = quantity.start - len(verb.split())
    for k in range(j - 1, max(j - 16, -1), -1):
        if tokens[k].lower in _CLAUSE_END:
            return None
        if tokens[k].lower == "toll" or (tokens[k].lower == "number" and _fatality_between(tokens, k, j)):
            kind = INJURED if k and tokens[k - 1].lower in {"injury", "injured"} else FATALITIES
            return _Link(kind, quantity, victims, k, end, updated=verb in words().update)
    return None


def _fatality_between(tokens: list[Token], k: int, j: int) -> bool:
    """ "the number of residents killed ... rises to 7": a fatality word between "number" and the verb."""
    return any(words().after.get(t.lower) == FATALITIES or t.lower == "victims" for t in tokens[k:j])


def _after(text: str, tokens: list[Token], quantity: Quantity, victims: tuple[str, ...], end: int) -> _Link | None:
    """COUNT [victims] [, including ...,] [were ...] CUE, and groups joined by "and" (rule 5)."""
    j, included = _skip_fillers(text, tokens, end)
    victims = tuple(dict.fromkeys(victims + included))
    if victims and (joined := _with_joined(tokens, quantity, victims, j))[2] != j:  # "a man and his son were killed"
        k = _past_auxiliaries(tokens, joined[2])
        cue, size = match_phrase(tokens, k, words().after, 4)
        if size:
            return _Link(words().after[cue], joined[0], joined[1], quantity.start, k + size)
    joins = {"and", ","}  # "two soldiers and three civilians", "five troops, 19 civilians, killed"
    if j < len(tokens) - 1 and tokens[j].lower in joins and victims and (other := read_quantity(tokens, j + 1)):
        joined = _link(text, tokens, other) if not other.weak or other.best else None
        if joined and joined.first == other.start:
            return _Link(joined.kind, _sum(quantity, joined.quantity), tuple(dict.fromkeys(victims + joined.victims)),
                         quantity.start, joined.last, joined.updated)
    cue, size = match_phrase(tokens, j, words().after, 4)
    if not size:
        return None
    return _Link(words().after[cue], quantity, victims, quantity.start, j + size)


def _skip_fillers(text: str, tokens: list[Token], j: int) -> tuple[int, tuple[str, ...]]:
    """Step over ", including 3 children," and auxiliaries ("were", "have been", "are feared").

    Returns where the toll word may start and the victims the skipped clause names."""
    included: tuple[str, ...] = ()
    j = _where_aside(tokens, j)
    if j + 1 < len(tokens) and tokens[j].lower == "including" and (count := read_quantity(tokens, j + 1)):
        # "five civilians including two children die": the clause without its commas
        end, included = _victims(text, tokens, count.end)
        j = end if included else j
    part = j + 1 < len(tokens) and _of_them(tokens, j + 1)
    if j + 1 < len(tokens) and tokens[j].lower == "," and (tokens[j + 1].lower in {"including", "among"} or part):
        close = next((k for k in range(j + 2, min(j + 12, len(tokens))) if tokens[k].lower == ","), None)
        if close:
            count = read_quantity(tokens, j + 1 if part else j + 2)
            included = _victims(text, tokens, count.end)[1] if count else ()
            j = close + 1
    j = _past_auxiliaries(tokens, _past_clause(tokens, j))
    if j + 1 < len(tokens) and tokens[j].lower == "," and match_phrase(tokens, j + 1, words().after, 4)[1]:
        j += 1  # "19 civilians, killed"
    return j, included


def _past_clause(tokens: list[Token], j: int) -> int:
    """After a clause that tells more of the people before the verb that says what befell them ("four
    fighters guarding the site were hurt", "an officer who had been evacuating residents was killed",
    "two women, aged 62 and 70, were treated"); j when there is none or the verb is no toll word."""
    if j >= len(tokens):
        return j
    word = tokens[j].lower
    if word == "," and j + 1 < len(tokens) and tokens[j + 1].lower == "who":  # "his neighbour, who tried to help,"
        return _who_clause_end(tokens, j + 2)
    opens = (word in {"who", "that"} or (word.endswith("ing") and word.isalpha() and word not in words().before)
             or (word == "," and j + 1 < len(tokens) and tokens[j + 1].lower == "aged"))
    if not opens:
        return j
    for k in range(j + 1, min(j + 10, len(tokens))):
        if tokens[k].lower in _CLAUSE_END or tokens[k].lower in words().after or tokens[k].lower in words().before:
            return j
        if tokens[k].lower in _FINITE and k > j + 1:
            after = _past_auxiliaries(tokens, k)
            return k if match_phrase(tokens, after, words().after, 4)[1] else j
    return j


_FINITE = frozenset({"was", "were", "is", "are", "has", "have", "had"})


def _who_clause_end(tokens: list[Token], j: int) -> int:
    """After ", who ... ," when a toll word follows it; the comma before "who" when none does."""
    for k in range(j, min(j + 12, len(tokens))):
        if tokens[k].lower in _CLAUSE_END:
            break
        if tokens[k].lower == ",":
            return k + 1 if match_phrase(tokens, _past_auxiliaries(tokens, k + 1), words().after, 4)[1] else j - 2
    return j - 2


def _of_them(tokens: list[Token], j: int) -> bool:
    """ ", two of them children,": a part of the figure before, told in passing."""
    count = read_quantity(tokens, j)
    return count is not None and " ".join(t.lower for t in tokens[count.end : count.end + 2]) in {"of them", "of whom"}


def _sum(one: Quantity, two: Quantity) -> Quantity:
    """Two counts of one toll added ("two soldiers and three civilians")."""
    low = None if one.low is None or two.low is None else one.low + two.low
    high = None if one.high is None or two.high is None else one.high + two.high
    qualifier = one.qualifier if one.qualifier == two.qualifier else "about"
    acled = (one.acled or one.best) + (two.acled or two.best)
    return Quantity(low, one.best + two.best, high, qualifier, one.start, two.end, one.vague or two.vague, acled)


def _singular(text: str, tokens: list[Token], i: int) -> _Link | None:
    """A singular person noun with no count, before a toll word: "soldier killed", "man dies" (rule 3)."""
    word = _AGED.sub("year-old", tokens[i].lower)  # "a 17-year-old was killed": the age is the person
    before = tokens[i - 1].lower if i else ""
    counted = word_value(before) is not None and not (word == "year-old" and before in ("a", "an"))
    if word not in words().singular or counted:
        return None
    if cue := _after_phrase(tokens, _modifiers_start(text, tokens, i), words().before):
        if words().before[cue] == CASUALTIES:
            return None  # "kills militiaman", "wounding soldier"
        one, victims, end = _with_joined(tokens, Quantity(1, 1, 1, "exact", i, i + 1), (words().victims[word],), i + 1)
        return _Link(words().before[cue], one, victims, i - len(cue.split()), end)
    # "The driver, a 58-year-old man, was killed"; "his wife and a neighbour were taken to hospital"
    one, victims, j = _with_joined(tokens, Quantity(1, 1, 1, "exact", i, i + 1), (words().victims[word],),
                                   _apposition_end(tokens, _place_complement(text, tokens, i + 1)))
    j = _past_clause(tokens, j)
    while j < len(tokens) and tokens[j].lower in _SINGULAR_FILLERS:
        j += 1
    cue, size = match_phrase(tokens, j, words().after, 4)
    if not size or words().after[cue] == CASUALTIES or cue in {"deaths", "injuries", "bodies"}:
        return None
    if j + size < len(tokens) and read_quantity(tokens, j + size):
        return None  # "soldier killed 5 Russians": the soldier is the killer
    return _Link(words().after[cue], one, victims, i, j + size)


def _apposition_end(tokens: list[Token], j: int) -> int:
    """After ", a 58-year-old man," or ", 61," (the same person again, or the person's age), or after ", in
    the Russian-held part of Kherson region," (where the person is from), else j."""
    if (aside := _where_aside(tokens, j)) != j:
        return aside
    if j + 2 < len(tokens) and tokens[j].lower == tokens[j + 2].lower == "," and tokens[j + 1].lower.isdigit():
        return j + 3
    if j + 1 < len(tokens) and tokens[j].lower == "," and (group := _group(tokens, j + 1)) is not None:
        end = group[2]
        if end < len(tokens) and tokens[end].lower == "," and group[0].best == 1:
            return end + 1
    return j


def _where_aside(tokens: list[Token], j: int) -> int:
    """After ", in the Russian-held part of Kherson region," (where the people are from), else j."""
    if j + 1 < len(tokens) and tokens[j].lower == "," and tokens[j + 1].lower in _WHERE_WORDS:
        close = next((k for k in range(j + 2, min(j + 14, len(tokens))) if tokens[k].lower in _CLAUSE_END | {","}),
                     None)
        if close is not None and tokens[close].lower == ",":
            return close + 1
    return j


_WHERE_WORDS = frozenset({"in", "near", "outside", "from"})
_SINGULAR_FILLERS = frozenset({"was", "were", "has", "have", "been", "is", "are", "reportedly", "later", "also",
                               "badly", "seriously", "severely", "critically", "lightly", "slightly", "fatally",
                               "mortally"})


def _modifiers_start(text: str, tokens: list[Token], i: int) -> int:
    """Where the modifiers before the person noun at i begin ("kills [Ukrainian] soldier")."""
    j = i
    while j > 0 and i - j < 3 and _is_modifier(text, tokens, j - 1) and tokens[j - 1].lower not in words().before:
        j -= 1
    return j


def _figure(text: str, tokens: list[Token], link: _Link) -> Figure:
    """The Figure for a link, with its text span."""
    quantity = link.quantity
    start, end = tokens[link.first].start, tokens[link.last - 1].end
    acled = quantity.acled if quantity.acled is not None else quantity.best
    return Figure(quantity.low, quantity.best, quantity.high, quantity.qualifier, text[start:end], start, end,
                  link.victims, acled, link.updated, link.moved)


def _choose(mentions: tuple[tuple[str, Figure], ...]) -> Toll:
    """One figure per kind (rule 7): updates first, then the highest best, the first on a tie."""
    kept: dict[str, Figure] = {}
    for kind, figure in mentions:
        old = kept.get(kind)
        if figure.moved and kept.get(INJURED) is not None:  # "wounding nine ... One of the wounded died"
            kept[INJURED] = replace(less(kept[INJURED], figure.best), acled=None)
            kept[kind] = figure if old is None else _added(old, figure)
            continue
        if old is not None and (_other_group(old, figure) or _next_one(old, figure) or (
                ADDS.search(figure.text) and not figure.updated and not old.updated and figure.start > old.end)):
            # "rose to six ... after rescuers pulled two more bodies": the update counts them already
            kept[kind] = _added(old, figure)  # "two police officers were killed ...; all four attackers were killed"
        elif old is None or (figure.updated, figure.best) > (old.updated, old.best):
            kept[kind] = figure
    return Toll(kept.get(FATALITIES), kept.get(INJURED), kept.get(CASUALTIES), mentions)


def _other_group(old: Figure, new: Figure) -> bool:
    """Two figures of one kind about groups that can not overlap (police and their attackers, soldiers and
    civilians) are two parts of the toll, not two reports of it."""
    return (not old.updated and not new.updated and new.best > 0 and old.best > 0
            and other_groups(old.victims, new.victims) and _counted(old) and _counted(new))


def other_groups(one: Iterable[str], two: Iterable[str]) -> bool:
    """Victims named on both sides, none of them anyone at all ("people"), and no group on both."""
    named = [set(one), set(two)]
    return all(named) and not any(v & _ANYONE for v in named) and not named[0] & named[1]


def _next_one(old: Figure, new: Figure) -> bool:
    return not old.updated and next_one(old.best, new.text)


def next_one(best: int | None, text: str) -> bool:
    """ "Four employees were hurt and a fifth was cut by glass": the ordinal names one more person."""
    match = _ORDINAL_ONE.match(text)
    return bool(match) and _ORDINALS[match[1].lower()] == (best or 0) + 1


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10}
_ORDINAL_ONE = re.compile(r"an?\s+(" + "|".join(_ORDINALS) + r")\b", re.I)


def _counted(figure: Figure) -> bool:
    return counted(figure.text)


def counted(text: str) -> bool:
    """The figure's words hold a number ("all four attackers"), not only a person noun ("killed in rebel ...")."""
    return any(w.isdigit() or (word_value(w) or 0) > 1 for w in re.findall(r"[\w-]+", text.lower()))


_ANYONE = frozenset({"people", "men", "women"})  # may count those of another figure


def _added(old: Figure, new: Figure) -> Figure:
    low = None if old.low is None or new.low is None else old.low + new.low
    high = None if old.high is None or new.high is None else old.high + new.high
    qualifier = old.qualifier if old.qualifier == new.qualifier else "at least"
    acled = (old.acled or old.best) + (new.acled or new.best)
    return Figure(low, old.best + new.best, high, qualifier, f"{old.text} ... {new.text}", old.start, new.end,
                  tuple(dict.fromkeys(old.victims + new.victims)), acled)


# a figure that adds to one told before ("two more bodies", "a third body") rather than reporting it again
ADDS = re.compile(r"\b(?:more(?!\s+than)|another|additional|further)\b", re.I)
# dead who were counted among the wounded: "One of the wounded, a man of 70, died"
MOVED = re.compile(r"\w+\s+of\s+the\s+[\w-]+\b.*\b(?:died|succumbed|dies)$", re.I | re.S)


def less(figure: Any, n: int) -> Any:
    """The figure (this module's or an event's `Figure`) with n people taken off: the wounded who died since."""
    return replace(figure, low=None if figure.low is None else max(0, figure.low - n),
                   best=max(0, (figure.best or 0) - n), high=None if figure.high is None else max(0, figure.high - n))


def _implied_zeros(toll: Toll) -> Toll:
    """Rule 4: "no casualties" is 0 dead and 0 injured; "no one was hurt" is 0 dead too."""
    casualties, injured = toll.casualties, toll.injured
    if casualties is not None and casualties.best == 0:
        return replace(toll, fatalities=toll.fatalities or casualties, injured=toll.injured or casualties)
    if injured is not None and injured.best == 0 and toll.fatalities is None:
        return replace(toll, fatalities=injured)
    return toll
