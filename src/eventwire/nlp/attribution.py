"""Who says what: attributed claims in a sentence, and whether its event is asserted at all, by rule.

`find_claims(sentence, doc=None) -> list[Claim]` reads these shapes (word lists in `data/attribution.toml`):

- SPEAKER VERB [that] CLAIM: "The Russian defense ministry stated that ...", "Moscow claimed ...",
  "Poland reported a Russian missile ...", "with Russia claiming that Kyiv targeted ...".
- CLAIM, SPEAKER VERB. / CLAIM, VERB SPEAKER.: "Five were killed, the governor said."
- SPEAKER accused/blamed OBJECT of CLAIM (kind "accusation"); SPEAKER denied CLAIM (kind "denial").
- according to / citing / based on information provided by SPEAKER (kind "source"), before or after
  the claim: "According to Polish officials, ...", "..., citing the regional governor."
- Headline sources: "CLAIM - Russian Defense Ministry", "CLAIM: officials" (kind "source").

Kinds: "statement" (said, stated, reported: the speaker asserts it), "claim" (claimed, alleged, insisted:
the writer keeps a distance), "accusation", "denial", "source", and "media" when the speaker is itself
a report or an outlet (reporting about other reporting). `Claim.actor` resolves metonymy: "Moscow",
"the Kremlin" -> "Russia", "Kyiv" -> "Ukraine". A passive ("were reported killed") names no speaker.
With a spaCy `Doc`/`Span`, the speaker is the subject's subtree of the reporting verb when the parse
gives one; the plain-text rules are the fallback and give the same shapes.

`factuality(sentence, published_year=None) -> str` says how the sentence's event is put, first rule wins:

1. "hypothetical": future, modal, threat or condition ("would not go unpunished", "will strike",
   "threatened to", "if"), except past reporting phrases ("could not be reached") and a mood that
   belongs to a clause after an event told as done ("fired tear gas at crowds protesting a lockdown
   that is intended to end the epidemic").
2. "negated": a negation before an event verb within three words ("did not strike", "has not been
   attacked"); "no casualties" is no negation (the event happened), nor "not only".
3. "background": history or a long-running state ("since the 2022 invasion", "last year", "in 2014",
   "years ago", "previously"); "since" after a superlative ("the deadliest attack since 2022") is not,
   and "in YEAR" is not when YEAR is the publication year, nor history told in a clause after news of
   this week ("police on Monday broke up the march, after a crackdown last year").
4. "reported": the sentence attributes its content to a speaker (any claim found), or to no one
   ("reportedly", "were reported killed"): the event is known only through that speaker, whom
   `find_claims` names; one side's claim, not the writer's fact.
5. "asserted": the writer states it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from .numbers import DATA

ASSERTED, NEGATED, HYPOTHETICAL, BACKGROUND, REPORTED = "asserted", "negated", "hypothetical", "background", "reported"
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.I)
_BOUNDARY = frozenset({",", ";", ":", "(", ")", "—", "–", '"', "“", "”", "."})
_HEADLINE_SOURCE = re.compile(r"^(?P<claim>.*\S)\s*(?::|\s[-–—]\s)\s*(?P<speaker>[^:\n]{2,70}?)\s*$")
# Attribution with no speaker named: still not the writer's own assertion.
_UNNAMED_SOURCE = re.compile(r"\b(?:reportedly|allegedly|purportedly|(?:was|were|is|are|been)\s+"
                             r"(?:(?:said|alleged)\s+to|reported))\b", re.I)
_YEAR = re.compile(r"\bin\s+(?:(?:early|late|mid-?)\s+)?(?:\w+\s+)?((?:19|20)\d\d)\b", re.I)


@dataclass(frozen=True, slots=True)
class Claim:
    """One attribution: who, what, the verb or phrase, the claim's character span, and its kind."""

    speaker: str
    claim_text: str
    verb: str
    start: int  # span of claim_text in the sentence
    end: int
    kind: str  # statement, claim, accusation, denial, source, media
    actor: str = ""  # the speaker with metonymy resolved ("Moscow" -> "Russia"), else the speaker


@dataclass(frozen=True, slots=True)
class _Lists:
    verbs: dict[str, str]
    sources: re.Pattern[str]
    not_speaker_before: frozenset[str]
    openers: frozenset[str]
    metonymy: dict[str, str]
    media: frozenset[str]
    hypothetical: re.Pattern[str]
    not_hypothetical: re.Pattern[str]
    negation: re.Pattern[str]
    not_negation: re.Pattern[str]
    event_verb: re.Pattern[str]
    background: re.Pattern[str]
    superlatives: frozenset[str]


def _words_regex(phrases: list[str], flags: int = re.I) -> re.Pattern[str]:
    """One regex matching any of the phrases as whole words, longest first."""
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w’']|-)(?:{body})(?![\w’'])", flags)


@cache
def lists() -> _Lists:
    """The word lists of data/attribution.toml compiled, once."""
    raw: dict[str, Any] = tomllib.loads((DATA / "attribution.toml").read_text("utf-8"))
    fact = raw["factuality"]
    return _Lists(
        verbs=raw["verbs"], sources=_words_regex(raw["sources"]["phrases"]),
        not_speaker_before=frozenset(raw["not_speaker_before"]["words"]),
        openers=frozenset(raw["clause_openers"]["words"]), metonymy=raw["metonymy"],
        media=frozenset(raw["media"]["words"]),
        hypothetical=_words_regex(fact["hypothetical"]),
        not_hypothetical=_words_regex(fact["not_hypothetical"]), negation=re.compile(
            rf"{_words_regex(fact['negation']).pattern}|n['’]t\b", re.I),
        not_negation=_words_regex(fact["not_negation"]),
        event_verb=re.compile(rf"^(?:{'|'.join(map(re.escape, fact['event_verbs']))})", re.I),
        background=_words_regex(fact["background"]), superlatives=frozenset(fact["superlatives"]))


# ----------------------------------------------------------------------------- claims


def find_claims(sentence: str, doc: Any = None) -> list[Claim]:
    """Every attribution in `sentence` (shapes in the module docstring), in text order.

    `doc` may be a spaCy Doc or Span of exactly this sentence; it only refines the speaker's span.
    """
    claims = _verb_claims(sentence, doc) + _source_claims(sentence)
    if not claims and (headline := _headline_claim(sentence)):
        claims.append(headline)
    return sorted(claims, key=lambda c: c.start)


def _tokens(sentence: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(sentence))


def _verb_claims(sentence: str, doc: Any) -> list[Claim]:
    """Claims around reporting verbs ("X said ...", "..., X said", "X accused Y of ...")."""
    tokens = _tokens(sentence)
    claims = []
    for i, token in enumerate(tokens):
        kind = lists().verbs.get(token.group().lower())
        passive = i and tokens[i - 1].group().lower() in lists().not_speaker_before
        if kind and not passive and (claim := _verb_claim(sentence, tokens, i, kind, doc)):
            claims.append(claim)
    return claims


def _verb_claim(sentence: str, tokens: list[re.Match[str]], i: int, kind: str, doc: Any) -> Claim | None:
    """The claim one reporting verb at token i makes, or None when it names no speaker."""
    verb = tokens[i].group()
    opener = _clause_start(tokens, i)
    speaker = _span_text(sentence, tokens, opener, i)
    if not speaker and opener and tokens[opener - 1].group() == ",":
        # "..., said the governor." / "..., the governor said."
        speaker = _span_text(sentence, tokens, i + 1, _clause_end(tokens, i + 1))
        return _claim(sentence, speaker, verb, 0, tokens[opener - 1].start(), kind, doc, tokens[i].start())
    if not _looks_like_speaker(speaker):
        return None
    if _clause_end(tokens, i + 1) == i + 1 and i + 1 < len(tokens) and tokens[i + 1].group() in {".", ","}:
        end = tokens[opener - 1].start() if opener else 0  # "..., the ministry said."
        return _claim(sentence, speaker, verb, 0, end, kind, doc, tokens[i].start())
    start = tokens[i + 1].end() if i + 1 < len(tokens) and tokens[i + 1].group().lower() == "that" else tokens[i].end()
    return _claim(sentence, speaker, verb, start, len(sentence), kind, doc, tokens[i].start())


def _clause_start(tokens: list[re.Match[str]], i: int) -> int:
    """Index of the first token of the speaker's phrase before token i (at most 10 words back)."""
    j = i
    while j > 0 and i - j < 10:
        word = tokens[j - 1].group()
        if word in _BOUNDARY or word.lower() in lists().openers:
            break
        j -= 1
    return j


def _clause_end(tokens: list[re.Match[str]], i: int) -> int:
    j = i
    while j < len(tokens) and tokens[j].group() not in _BOUNDARY:
        j += 1
    return j


def _span_text(sentence: str, tokens: list[re.Match[str]], i: int, j: int) -> str:
    return sentence[tokens[i].start() : tokens[j - 1].end()] if j > i else ""


def _looks_like_speaker(speaker: str) -> bool:
    """A short noun phrase: a name, "officials", "he"; not a clause ("the strikes were")."""
    words = speaker.split()
    return 0 < len(words) <= 8 and not set(w.lower() for w in words) & lists().not_speaker_before


def _claim(sentence: str, speaker: str, verb: str, start: int, end: int, kind: str, doc: Any,
           verb_at: int) -> Claim | None:
    """A Claim with the claim text trimmed of spaces and quotes; None when either side is empty."""
    if doc is not None:
        speaker = _parsed_speaker(doc, verb_at) or speaker
    text = sentence[start:end]
    stripped = text.strip(" ,.;:“”\"'")
    speaker = _DETERMINERS.sub("", speaker.strip(" ,.;:“”\"'"))
    if not stripped or not speaker:
        return None
    start += text.index(stripped)
    return Claim(speaker, stripped, verb, start, start + len(stripped), _kind(kind, speaker), _actor(speaker))


def _parsed_speaker(doc: Any, verb_at: int) -> str:
    """The subject subtree of the reporting verb at character `verb_at`, from a spaCy parse ("" if none).

    `doc` is a Doc or a Span; a Span's characters are counted from its start."""
    offset = getattr(doc, "start_char", 0)
    for token in doc:
        if token.idx - offset != verb_at:
            continue
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects:
            return ""
        subtree = list(subjects[0].subtree)
        return token.doc.text[subtree[0].idx : subtree[-1].idx + len(subtree[-1])]
    return ""


def _kind(kind: str, speaker: str) -> str:
    """ "media" when the speaker is a report or an outlet, else the verb's kind."""
    words = speaker.lower().split()
    phrases = {" ".join(words[k:m]) for k in range(len(words)) for m in range(k + 1, min(k + 4, len(words) + 1))}
    return "media" if phrases & lists().media else kind


def _actor(speaker: str) -> str:
    """Metonymy resolved: "Moscow" -> "Russia"; otherwise the speaker as said."""
    return lists().metonymy.get(speaker.lower(), speaker)


def _source_claims(sentence: str) -> list[Claim]:
    """ "according to X, CLAIM", "CLAIM, according to X", "citing X", "based on information provided by X"."""
    claims = []
    for match in lists().sources.finditer(sentence):
        rest = sentence[match.end() :]
        stop = re.search(r"[,;.:](?:\s|$)|\s[-–—]\s|$", rest)
        speaker = rest[: stop.start()] if stop else rest
        after = match.end() + len(speaker)
        if match.start() < 3 or sentence[: match.start()].strip() == "":
            claim = _claim(sentence, speaker, match.group(), after, len(sentence), "source", None, -1)
        else:
            claim = _claim(sentence, speaker, match.group(), 0, match.start(), "source", None, -1)
        if claim:
            claims.append(claim)
    return claims


def _headline_claim(sentence: str) -> Claim | None:
    """ "At least 67 killed in Kiev clashes: authorities", "... - Russian Defense Ministry"."""
    match = _HEADLINE_SOURCE.match(sentence.strip())
    if not match or len(match["speaker"].split()) > 6 or any(ch.isdigit() for ch in match["speaker"]):
        return None
    speaker = match["speaker"]
    if not (speaker[0].isupper() or speaker.split()[-1].lower() in _SOURCE_NOUNS):
        return None
    offset = sentence.index(match["claim"])
    return _claim(sentence, speaker, match.group()[len(match["claim"]) :].strip()[:1], offset,
                  offset + len(match["claim"]), "source", None, -1)


_SOURCE_NOUNS = frozenset({"official", "officials", "authorities", "military", "media", "sources", "source", "report",
                           "reports", "police", "ministry", "governor", "army", "agency", "witnesses", "eyewitnesses",
                           "mayor", "spokesman", "command", "says", "said"})


# ----------------------------------------------------------------------------- factuality


def factuality(sentence: str, published_year: int | None = None) -> str:
    """How the sentence puts its event: hypothetical, negated, background, reported or asserted."""
    if _hypothetical(sentence):
        return HYPOTHETICAL
    if _negated(sentence):
        return NEGATED
    if _background(sentence, published_year):
        return BACKGROUND
    if _UNNAMED_SOURCE.search(sentence) or find_claims(sentence):
        return REPORTED
    return ASSERTED


def _hypothetical(sentence: str) -> bool:
    """A future, modal or threat word, unless a clause after the last one tells an event as done
    ("Ukraine says rebels will pay as missiles kill 23 soldiers")."""
    cleared = lists().not_hypothetical.sub(" ", sentence)
    markers = [m for m in lists().hypothetical.finditer(cleared) if not _month_may(cleared, m)]
    return bool(markers) and not _told_as_done(cleared[markers[-1].end() :]) and not _told_before(
        cleared, markers[0].start())


_DAY_AFTER = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b")


def _month_may(text: str, m: re.Match[str]) -> bool:
    """ "May" is the month, and so is "may" before a day ("on may 2nd", in lower-cased text)."""
    return m.group() == "May" or (m.group() == "may" and bool(_DAY_AFTER.match(text, m.end())))


# what opens a clause with a mood of its own: a relative clause, a cause, what a crowd was against
_CLAUSE_OPENER = re.compile(r"\b(?:that|which|who|where|when|over|after|because|so|against|to protest|"
                            r"to (?:demand|oppose|denounce|condemn|press for|call for)|demanding|calling for)\b", re.I)
_PAST_IRREGULAR = frozenset({"struck", "hit", "shot", "broke", "threw", "beat", "fought", "sent", "took", "held"})
_CROWD_PAST = frozenset({"took", "held", "staged", "gathered", "assembled", "blocked", "stopped", "prevented"})


def _told_before(sentence: str, start: int) -> bool:
    """ "police fired tear gas at crowds protesting a lockdown that is intended to end the epidemic",
    "Christians took to the streets to demonstrate against a clause they said would legalise abortion":
    the event is told as done before a clause whose mood is its own."""
    return _clause_after_news(sentence, start, _CLAUSE_OPENER) is not None


def _clause_after_news(sentence: str, start: int, openers: re.Pattern[str]) -> re.Match[str] | None:
    """The last clause opener before `start`, when what comes before that opener tells an event as done."""
    found = list(openers.finditer(sentence, 0, start))
    if not found or not _done([w.lower() for w in _WORD.findall(sentence[: found[-1].start()])]):
        return None
    return found[-1]


# "no one was hurt and the plant was not damaged": a harm denied is not the event denied
_OUTCOME = re.compile(r"(?:damag|injur|wound|hurt|destroy|die|dead)", re.I)
_NONE_OF_IT = re.compile(r"(?:^|\bthere (?:was|were|had been|has been) |,\s*)no "
                         r"(?:new |enemy |fresh |further |Russian |Ukrainian )?(?:shelling|strikes?|"
                         r"attacks?|assaults?|fighting|clashes|combat|explosions?)\b|"
                         # no gathering at all, or one that never happened
                         r"(?:^|\W\s*)no (?:rall(?:y|ies)|protests?|demonstrations?|street action)\b|"
                         r"\b(?:did not|didn't|never|failed to) take place\b|\b(?:was|were|has been|have been) "
                         r"(?:cancell?ed|called off|postponed)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|denying|dismissed|refuted|rejected)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
                     r"(?:reports?|claims?|rumou?rs?|allegations?)\b[^.;]{0,60}?\bthat\b", re.I)
# "information about a drone attack on the refinery circulating in Telegram channels is fake"
_FAKE = re.compile(r"\b(?:information|reports?|claims?|rumou?rs?|news|videos?|posts?|messages?)\s+(?:about|of|that)\b"
                   r"[^.;]{0,120}?\b(?:(?:is|are|was|were)\s+(?:a\s+)?(?:fake|false|untrue|not true|disinformation|"
                   r"hoax)|do(?:es)? not correspond to reality)\b|"
                   r"\b(?:fake|false)\s+(?:reports?|claims?|news|information)\s+(?:of|about|that)\b", re.I)
_SUBORDINATE = re.compile(r"\b(?:as|after|while|when|because|before)\s+", re.I)


def _told_as_done(text: str) -> bool:
    """A clause opened by "as", "after", "while" ... with an event verb among its first words ("tried to
    occupy a square before being dispersed")."""
    return any(any(lists().event_verb.match(w) or _CROWD_ACT.match(w) for w in _WORD.findall(text[m.end() :])[:4])
               for m in _SUBORDINATE.finditer(text))


def _negated(sentence: str) -> bool:
    """A negation with an event verb within the next three words ("did not strike"), or a denial of
    reports with one in the clause it denies ("denied reports that troops had entered the village")."""
    cleared = lists().not_negation.sub(" ", sentence)
    if _NONE_OF_IT.search(cleared) or _FAKE.search(cleared):
        return True
    for match in _DENIED.finditer(cleared):
        if any(lists().event_verb.match(word) for word in _WORD.findall(cleared[match.end() :])[:8]):
            return True
    for match in lists().negation.finditer(cleared):
        following = _WORD.findall(cleared[match.end() :])[:3]
        if any(lists().event_verb.match(word) and not _OUTCOME.match(word) for word in following):
            return True
    return False


_CLAUSE_END = re.compile(r"\s*(?:[.;:!?),\]]|$)")
# a relative clause telling how long a state lasted, not the sentence's event
_STATE_SINCE = frozenset({"that", "which", "who", "held", "controlled", "occupied", "heard"})
_SAID = frozenset({"said", "says", "say", "reported", "reports", "stated", "states", "added", "noted", "announced",
                   "claimed", "told", "wrote", "estimated", "confirmed"})


def _state_since(before: list[str]) -> bool:
    """ "units that had held it since March": how long a state lasted. "said that since 6 August, 68 civilians
    had been killed" is a count over time: "that" after a saying verb starts what was said."""
    found = set(before) & _STATE_SINCE
    if found == {"that"}:
        at = len(before) - 1 - before[::-1].index("that")
        return not (at > 0 and before[at - 1] in _SAID)
    return bool(found)


# a day of this week, or a word for just now: an event told with one is news, not history
_RECENT = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|overnight|"
                     r"last night|this morning|this week)\b", re.I)
_CROWD_ACT = re.compile(r"\b(?:clash|dispers|broke up|break up|protest|demonstrat|march|rallied|gathered|stormed|"
                        r"arrest|detain|tear ?gas|teargas)", re.I)
# ... and a participle that says where a mine or shell came from ("a mine left by Russian forces before their
# withdrawal in November 2022"): the history is the mine's, the blast this week's
_SUBORDINATOR = re.compile(r"\b(?:after|that|which|who|where|when|following|demanding|over|"
                           r"(?:left|laid|planted|scattered|abandoned)(?: behind)? (?:by|during))\b", re.I)
_RELATIVE = frozenset({"that", "which", "who", "where", "left by", "laid by", "planted by", "scattered by",
                       "abandoned by", "left behind by", "laid during", "left during"})
_HISTORY = frozenset({"last year", "years ago", "a year ago", "last month", "previously", "in the past", "back in",
                      "for years", "decades"})


def _told_this_week(sentence: str, start: int, history: bool) -> bool:
    """Whether a background word at `start` belongs to a clause of its own after the news: a relative
    clause ("used tear gas to disperse the protesters, who had wanted to gather in the square, the
    opposition's meeting place since 1972"), or, for a `history` word, any clause after news of this
    week ("police on Monday used teargas ... after a crackdown last year")."""
    opener = _clause_after_news(sentence, start, _SUBORDINATOR)
    return opener is not None and (opener.group().lower() in _RELATIVE or (
        history and bool(_RECENT.search(sentence, 0, opener.start()))))


def _done(words: list[str]) -> bool:
    """An event or a crowd's act told in the past tense ("shelled", "fired", "took to the streets"), not
    a past verb beside an event noun ("labeled the attack")."""
    return any((w.endswith("ed") or w in _PAST_IRREGULAR) and (
        lists().event_verb.match(w) or _CROWD_ACT.match(w) or w in _CROWD_PAST) for w in words)


def _background(sentence: str, published_year: int | None) -> bool:
    """History or a long-running state; "the deadliest since 2022" and "in <this year>" are not."""
    for match in lists().background.finditer(sentence):
        before = _YEARS_IN_BRACKETS.sub(" ", sentence[: match.start()]).lower().split()[-7:]
        word = match.group().lower()
        if word == "since" and (set(before) & lists().superlatives or _CLAUSE_END.match(sentence, match.end())
                                or _state_since(before) or before[-1:] in (["has"], ["have"], ["had"], ["missing"])):
            continue  # "the deadliest since 2022"; "no news of him since."; "units that had held it since March";
            # "the authorities have since denied holding him"
        if word == "the anniversary" and before[-1:] == ["on"]:
            continue  # what happened "on the anniversary of the invasion" happened that day
        if word == "since" and _RECENT.search(sentence, match.start(), match.start() + 60):
            continue  # "fear for their life since security forces on Tuesday used tear gas": why, not how long
        if " after " in word and _clause_after_news(sentence, match.end(), _SUBORDINATOR):
            continue  # "fired live rounds at a rally ..., two weeks after a similar rally": the earlier one is past
        if _told_this_week(sentence, match.start(), history=word in _HISTORY):
            continue
        if _ASIDE.search(sentence, 0, match.start()):
            continue  # "..., whose prison term expired last year": a detail of someone named, not the news
        return True
    # ... a span of months unless the sentence tells a day of its own ("a junta in power between 1999 and 2000
    # on Monday launched ...")
    if _WEEK_TOTAL.search(sentence) or _UNDER_FIRE_DAILY.search(sentence) or (
            _SPAN_OF_MONTHS.search(sentence) and not _RECENT.search(sentence)):
        return True  # "Russia launched 1,340 drones and 47 missiles at Ukraine last week": a week's total
    # "On 17 April 2026, a boy was killed when a submunition left from shelling in 2022 detonated": the
    # sentence dates its news itself; the older year is a detail of it
    return published_year is not None and not _dated_in(sentence, published_year) and any(
        int(m[1]) < published_year and not _told_this_week(sentence, m.start(), history=True)
        for m in _YEAR.finditer(sentence))


# a non-restrictive relative clause still open where a background word stands
_ASIDE = re.compile(r",\s+(?:whose|who|which)\b[^,;]*$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEK_TOTAL = re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d{3,})\s+(?:[\w-]+\s+)?(?:drones|missiles|shells|rockets|bombs|"
                         rf"attacks|strikes)\b[^.;]{{0,120}}\b(?:(?:last|this|past|the) (?:week|month)|"
                         rf"(?:in|during|throughout) (?:{_MONTHS}))\b", re.I)
# "have come under daily drone and artillery fire": a state that lasts, not one attack
_UNDER_FIRE_DAILY = re.compile(r"\b(?:has|have|had) (?:been|come) under (?:almost |near-?)?(?:daily|nightly|constant|"
                               r"regular|frequent|repeated|near-constant) (?:[\w-]+ ){0,3}"
                               r"(?:fire|shelling|attacks?|strikes)\b", re.I)
_YEARS_IN_BRACKETS = re.compile(r"\(\d{4}-(?:\d{4})?\)")  # an ACLED actor's years: "(2019-)"


# "hit power plants across the country between October 2022 and March 2023": a campaign, not one event
_SPAN_OF_MONTHS = re.compile(r"\bbetween (?:[A-Za-z]+ )?(?:19|20)\d\d and (?:[A-Za-z]+ )?(?:19|20)\d\d\b")


def _dated_in(sentence: str, year: int) -> bool:
    return any(int(m[1] or m[2]) == year for m in _FULL_DATE.finditer(sentence))


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_FULL_DATE = re.compile(rf"\b\d{{1,2}}\s+{_MONTH},?\s+((?:19|20)\d\d)\b|\b{_MONTH}\s+\d{{1,2}},?\s+((?:19|20)\d\d)\b",
                        re.I)
