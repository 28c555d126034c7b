"""Which words a cue entry cannot match without, so that a sentence lacking all of them skips the entry.

Python's `re` tries every alternative of a long cue list at every position of a sentence; most
sentences hold none of the list's words. A `Prefilter` answers "could any entry match?" from the
sentence's set of words in a microsecond or two. It must never say no where an entry matches (a
superset), and should say no as often as it can: each entry is indexed by the one set of words that
every match of it contains ("missile" or "rocket" for "(?:missiles?|rockets?) (?:was|were) shot down"),
the set whose words are least common, rather than by every word it mentions ("was", "were", "shot").

A trigger is a lower-case word of three letters or more, matched whole ("die" is not "diet") or, when
it ends in `*`, as the start of a word ("kill*": killed, killing).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

from spacy.lang.en.stop_words import STOP_WORDS

MAX_VARIANTS = 64  # spellings one stretch of a regex may expand to before it counts as open-ended
MIN_LETTERS = 3  # sentences are indexed by their words' first three letters
# besides spaCy's stop words: words common in news that cue phrases are built around
_COMMON = frozenset(STOP_WORDS) | {"after", "set", "sets", "setting", "group", "people", "open", "opens", "opened",
                                   "took", "taken", "sent", "moved", "made", "upon", "new", "state", "high",
                                   "man", "men", "way", "long", "red", "car", "win", "water", "met", "two"}


class Prefilter:
    """Could a sentence match any of these cue entries (phrases, `*` stems, `re:` expressions)?"""

    def __init__(self, words: list[str]):
        self.index: dict[str, tuple[str, ...]] = {}
        for trigger in sorted({t for w in words for t in triggers(w)}):
            self.index[trigger[:MIN_LETTERS]] = (*self.index.get(trigger[:MIN_LETTERS], ()), trigger)

    def search(self, text: str) -> bool:
        index, words = self.index, sentence_words(text)
        return any(_hits(word, trigger) for key in index.keys() & words.keys()
                   for word in words[key] for trigger in index[key])


def covered(word: str) -> bool:
    """Does the entry have triggers? One without ("B-52", "HQ") could match any sentence."""
    return bool(triggers(word))


@lru_cache(maxsize=4096)
def triggers(word: str) -> frozenset[str]:
    """The entry's cheapest set of words that each of its matches contains one of (empty if none)."""
    regex = word.startswith("re:")
    options = _covers(list(_parser.parse(word[3:])), start=True) if regex else [_phrase_cover(word)]
    return min((o for o in options if o), key=_cost, default=frozenset())


@lru_cache(maxsize=256)
def sentence_words(text: str) -> dict[str, list[str]]:
    """A sentence's distinct words of three letters or more by their first three: every cue list asks
    about the same sentence in turn, so it is split once."""
    words: dict[str, list[str]] = {}
    for word in set(_LETTERS.findall(text.lower())):
        words.setdefault(word[:MIN_LETTERS], []).append(word)
    return words


_LETTERS = re.compile(r"[a-z]{3,}")
_RUN = re.compile(r"[a-z]+")
_EDGE = "\x00"


def _hits(word: str, trigger: str) -> bool:
    return word.startswith(trigger[:-1]) if trigger.endswith("*") else word == trigger


def _cost(cover: frozenset[str]) -> float:
    """Rough odds that a sentence holds one of the words: common words and short stems are costly."""
    return sum((30.0 if t.rstrip("*") in _COMMON else 1.0 + 4 / len(t)) + 0.5 * t.endswith("*") for t in cover)


def _phrase_cover(phrase: str) -> frozenset[str]:
    """A phrase matches only with all its words: its least common one will do. Its words are matched
    whole (the list's pattern has word boundaries), but for a last word cut with `*`."""
    stem = phrase.endswith("*")
    runs = [(m.group(), stem and m.end() == len(phrase) - 1) for m in _RUN.finditer(phrase.lower())]
    options = [frozenset({run + "*" if open_ else run}) for run, open_ in runs if len(run) >= MIN_LETTERS]
    return min(options, key=_cost, default=frozenset())


def _covers(seq: list[tuple], *, start: bool) -> list[frozenset[str]]:
    """Candidate covers of a parsed sequence: the spellings of a stretch that starts a word, or the
    cover of a group the sequence cannot skip. `start`: the sequence begins at the start of a word."""
    out = []
    for i, (op, av) in enumerate(seq):
        here = _starts_word(seq, i, start)
        if here:
            out.append(_words_of(_spell(seq[i:])))
        if op is sre.SUBPATTERN:
            out.append(_best(_covers(list(av[3]), start=here)))
        elif op is sre.BRANCH:
            out.append(_union([_best(_covers(list(b), start=here)) for b in av[1]]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            out.append(_best(_covers(list(av[2]), start=here)))
    return [c for c in out if c]


def _starts_word(seq: list[tuple], i: int, start: bool) -> bool:
    """Does item `i` begin at the start of a word: after a space or other non-letter, or `\\b`? Zero-width
    items (lookarounds) and skippable ones that end a word leave the answer to what comes before them."""
    if i == 0:
        return start
    op, av = seq[i - 1]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _starts_word(seq, i - 1, start)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:
        return _ends_word(av[2]) and _starts_word(seq, i - 1, start)
    return _ends_word([seq[i - 1]])


def _best(options: list[frozenset[str]]) -> frozenset[str]:
    return min(options, key=_cost, default=frozenset())


def _union(covers: list[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*covers) if all(covers) else frozenset()


def _ends_word(seq: list[tuple]) -> bool:
    """Does whatever this sequence matches end with a non-letter or at `\\b`?"""
    if not seq:
        return False
    op, av = seq[-1]
    if op is sre.LITERAL:
        return not chr(av).isalpha()
    if op is sre.AT:
        return av in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
    if op is sre.IN:
        return all((o is sre.CATEGORY and a in (sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT))
                   or (o is sre.LITERAL and not chr(a).isalpha()) for o, a in av)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return _ends_word(list(av[2]))
    if op is sre.SUBPATTERN:
        return _ends_word(list(av[3]))
    if op is sre.BRANCH:
        return all(_ends_word(list(b)) for b in av[1])
    return False


def _spell(seq: list[tuple]) -> tuple[list[str], bool]:
    """The literal spellings a sequence starts with, and whether they are the whole sequence."""
    spellings = [""]
    for op, av in seq:
        parts, closed = _spell_item(op, av)
        if parts is None or len(spellings) * len(parts) > MAX_VARIANTS:
            return spellings, False
        spellings = [a + b for a, b in product(spellings, parts)]
        if not closed:
            return spellings, False
    return spellings, True


def _spell_item(op: object, av: object) -> tuple[list[str] | None, bool]:
    if op is sre.LITERAL:
        return [chr(av)], True
    if op is sre.AT and av is sre.AT_BOUNDARY:
        return [_EDGE], True  # a word's edge: the letters before it are a whole word
    if op is sre.SUBPATTERN:
        return _spell(list(av[3]))
    if op is sre.BRANCH:
        branches = [_spell(list(b)) for b in av[1]]
        return [s for spellings, _ in branches for s in spellings], all(closed for _, closed in branches)
    if op is sre.IN and all(o is sre.LITERAL for o, _ in av):
        return [chr(a) for _, a in av], True
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[:2] == (0, 1):
        spellings, closed = _spell(list(av[2]))
        return (["", *spellings], True) if closed else (None, False)
    return None, False


def _words_of(spelled: tuple[list[str], bool]) -> frozenset[str]:
    """Each spelling's first word, whole where a non-letter follows it within the spelling; a cover
    only if every spelling starts with a word long enough to index."""
    found = set()
    for spelling in spelled[0]:
        spelling = spelling.lstrip(_EDGE)
        run = _RUN.match(spelling.lower())
        if run is None or len(run.group()) < MIN_LETTERS:
            return frozenset()
        whole = run.end() < len(spelling)
        found.add(run.group() if whole else run.group() + "*")
    # a stem makes longer words it covers redundant: "riot*" covers "riots*"
    stems = [t[:-1] for t in found if t.endswith("*")]
    return frozenset(t for t in found if not any(t != s + "*" and t.rstrip("*").startswith(s) for s in stems))
