"""Counts in news text: digits, number words and vague quantities, with their qualifier.

`read_quantity(tokens, i)` reads the count that starts at token `i` and says what it allows:

- **Digits and words.** "22", "1,200", "twenty-two", "twenty two", "one hundred and twenty", "two dozen",
  "a dozen" (= 12), "1.5 thousand". A count is exact unless a qualifier says otherwise.
- **Qualifiers** (`data/quantities.toml`, `[qualifiers]`): "at least N", "no fewer than N" -> at least N;
  "more than N", "over N" -> at least N (the figure as stated, as ACLED and UCDP record it); "up to N",
  "as many as N", "no more than N", "fewer than N", "under N" -> at most N;
  "about/around/some/roughly/an estimated N" -> about N (no bounds); "nearly/almost/close to N" ->
  about N with high N. "N or more" -> at least N.
- **Ranges**: "between 10 and 15", "10-15", "10 to 15", "two or three" -> qualifier "range", low and
  high as said, best = low (ACLED records the lowest reported figure).
- **Vague quantities** (`[vague]`): best = low = the smallest number the words are true of
  ("dozens" 24, "hundreds" 200, "several" 3, "a few" 2, "many" 3), qualifier "about", and `acled` =
  ACLED's codebook figure for the same words ("dozens" 12, "hundreds" 100, several 3, many 10).
- **Weak counts**: "a"/"an" (1) and "no"/"none"/"nobody" (0) are counts only when a person noun or
  a toll word follows; the caller checks, the quantity is marked `weak`.

Bounds use None for "not stated" (no floor or no ceiling).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"

# Hyphenated words stay one token ("twenty-two", "22-year-old", "10-15") so an age is never a count.
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\w+(?:[-–'’.]\w+)*|\S")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_RANGE_TOKEN = re.compile(r"(\d+)[-–](\d+)")
_RANGE_JOINERS = frozenset({"-", "–", "to", "or"})
WEAK_WORDS = frozenset({"a", "an", "no", "none", "nobody", "single", "another"})


@dataclass(frozen=True, slots=True)
class Token:
    """One word or sign of a text, lower-cased, with its character offsets."""

    lower: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count read from tokens [start, end) and what it allows."""

    low: int | None
    best: int
    high: int | None
    qualifier: str  # "exact", "at least", "at most", "about" or "range"
    start: int
    end: int
    vague: str | None = None  # the vague phrase ("dozens"), None for a number
    acled: int | None = None  # ACLED's codebook figure for a vague phrase
    weak: bool = False  # "a", "an", "no": a count only before a person noun


@dataclass(frozen=True, slots=True)
class _Tables:
    cardinals: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, dict[str, Any]]
    qualifiers: dict[str, dict[str, Any]]
    below: frozenset[str]
    trailing: frozenset[str]
    longest: int


@cache
def tables() -> _Tables:
    """The word lists of data/quantities.toml, read once."""
    raw = tomllib.loads((DATA / "quantities.toml").read_text("utf-8"))
    phrases = [*raw["vague"], *raw["qualifiers"], *raw["trailing_at_least"]["phrases"]]
    return _Tables(cardinals=raw["cardinals"], scales=raw["scales"], vague=raw["vague"],
                   qualifiers=raw["qualifiers"], below=frozenset(raw["below_qualifiers"]["words"]),
                   trailing=frozenset(raw["trailing_at_least"]["phrases"]),
                   longest=max(len(p.split()) for p in phrases))


def tokenize(text: str) -> list[Token]:
    """Split text into words and signs with offsets; hyphenated words stay whole."""
    return [Token(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def match_phrase(tokens: list[Token], i: int, phrases: dict[str, Any] | frozenset[str],
                 longest: int = 0) -> tuple[str, int]:
    """The longest phrase of `phrases` (at most `longest` words) at token i, and its length ("", 0 if none)."""
    if i >= len(tokens) or tokens[i].lower not in _first_words(phrases):
        return "", 0  # most tokens start no phrase: skip the joins
    for size in range(min(longest or tables().longest, len(tokens) - i), 0, -1):
        phrase = " ".join(t.lower for t in tokens[i : i + size])
        if phrase in phrases:
            return phrase, size
    return "", 0


# First words of the phrase tables, by table identity; the table itself is kept beside them so its id
# can not be reused by another object. The tables are read once and never change, so this memo can not
# change an answer; it only spares the string joins.
_FIRSTS: dict[int, tuple[object, frozenset[str]]] = {}


def _first_words(phrases: dict[str, Any] | frozenset[str]) -> frozenset[str]:
    kept = _FIRSTS.get(id(phrases))
    if kept is None or kept[0] is not phrases:
        kept = _FIRSTS[id(phrases)] = (phrases, frozenset(p.split()[0] for p in phrases))
    return kept[1]


def word_value(word: str) -> int | None:
    """The value of one number word or digit token: "22", "1,200", "twenty-two", "seventy" (None if not one)."""
    if _DIGITS.fullmatch(word):
        value = float(word.replace(",", ""))
        return int(value) if value == int(value) else None
    parts = word.split("-")
    if len(parts) == 2 and all(p in tables().cardinals for p in parts):
        tens, unit = (tables().cardinals[p] for p in parts)
        return tens + unit if tens % 10 == 0 and tens >= 20 and unit < 10 else None
    return tables().cardinals.get(word) if len(parts) == 1 else None


def _number(tokens: list[Token], i: int) -> tuple[int | None, int] | None:
    """A number of one or more tokens at i ("two hundred and five", "1.5 thousand"): (value, end).

    The value is None when a decimal is left over ("2.5 people" is no count)."""
    if i >= len(tokens):
        return None
    first = tokens[i].lower
    value = float(first) if re.fullmatch(r"\d+\.\d+", first) else word_value(first)
    if value is None:
        return None
    total, current, last, j = 0.0, float(value), _kind(first), i + 1
    while j < len(tokens):
        word, kind = tokens[j].lower, _kind(tokens[j].lower)
        if kind == "scale":
            current = (current or 1) * tables().scales[word]
            if tables().scales[word] >= 1000:
                total, current = total + current, 0
        elif word == "and" and last == "scale" and j + 1 < len(tokens) and _kind(tokens[j + 1].lower) in _SMALL:
            kind = "and"  # "one hundred and twenty"
        elif (kind in _SMALL and last in {"scale", "and"}) or (kind == "unit" and last == "tens"):
            current += word_value(word) or 0
        else:
            break
        last, j = kind, j + 1
    number = total + current
    return (int(number) if number == int(number) else None), j


_SMALL = frozenset({"unit", "teen", "tens"})


def _kind(word: str) -> str:
    """What part a token can play in a spoken number: scale, tens, teen, unit or other."""
    if word in tables().scales:
        return "scale"
    value = word_value(word)
    if value is None or word[0].isdigit() or word in WEAK_WORDS or "-" in word:
        return "other"
    if value >= 20:
        return "tens" if value % 10 == 0 and value < 100 else "other"
    return "teen" if value >= 10 else ("unit" if value > 0 else "other")


def read_quantity(tokens: list[Token], i: int) -> Quantity | None:
    """The count that starts at token i, with any qualifier before it; None if there is none."""
    phrase, size = match_phrase(tokens, i, tables().qualifiers)
    if size and phrase == "some" and not _starts_count(tokens, i + 1):
        phrase, size = "", 0  # "some civilians" is no count
    if size and (found := _bare_quantity(tokens, i + size)):
        return _qualified(found, phrase, i)
    return _bare_quantity(tokens, i)


def _starts_count(tokens: list[Token], i: int) -> bool:
    if i >= len(tokens):
        return False
    return word_value(tokens[i].lower) is not None or bool(_RANGE_TOKEN.fullmatch(tokens[i].lower))


def _qualified(found: Quantity, phrase: str, start: int) -> Quantity:
    """Apply a stated qualifier ("more than", "nearly") to the count that follows it."""
    rule = tables().qualifiers[phrase]
    value = found.best
    if rule["qualifier"] == "at least":
        low, high = value, None
    elif rule["qualifier"] == "at most":
        low, high = None, value
    else:
        low, high = None, (value if phrase in tables().below else None)
    if found.vague:  # "at least dozens": keep the vague figure, take the stated direction
        low, high, value = found.low if rule["qualifier"] != "at most" else None, found.high, found.best
    return Quantity(low, value, high, rule["qualifier"], start, found.end, found.vague, found.acled, found.weak)


def _bare_quantity(tokens: list[Token], i: int) -> Quantity | None:
    """A count with no qualifier before it: a range, a vague phrase or a number."""
    if i >= len(tokens):
        return None
    if tokens[i].lower == "between" and (found := _between(tokens, i)):
        return found
    if match := _RANGE_TOKEN.fullmatch(tokens[i].lower):
        low, high = int(match[1]), int(match[2])
        return Quantity(low, low, high, "range", i, i + 1) if low < high else None
    phrase, size = match_phrase(tokens, i, tables().vague)
    if size and not (phrase == "many" and i and tokens[i - 1].lower in {"how", "so", "too"}):
        rule = tables().vague[phrase]
        return Quantity(rule["low"], rule["best"], rule["high"] or None, rule["qualifier"], i, i + size, phrase,
                        rule["acled"])
    return _number_quantity(tokens, i)


def _number_quantity(tokens: list[Token], i: int) -> Quantity | None:
    """A number, a spoken range ("two or three", "10 to 15") or a number with "or more" after it."""
    found = _number(tokens, i)
    if found is None or found[0] is None:
        return None
    value, end = found
    weak = end == i + 1 and tokens[i].lower in WEAK_WORDS
    if weak and value == 0 and end < len(tokens) and tokens[end].lower == "one":
        end += 1  # "no one"
    if end < len(tokens) and tokens[end].lower in {"couple", "pair"} and weak:
        value, end, weak = 2, end + 1, False  # "a couple of", "a pair of"
    if end < len(tokens) and tokens[end].lower == "of" and tokens[end - 1].lower in {"couple", "pair"}:
        end += 1
    if not weak and end + 1 < len(tokens) and tokens[end].lower in _RANGE_JOINERS:
        upper = _number(tokens, end + 1)
        if upper and upper[0] is not None and value < upper[0] and tokens[end + 1].lower not in WEAK_WORDS:
            return Quantity(value, value, upper[0], "range", i, upper[1])
    _, size = match_phrase(tokens, end, tables().trailing)
    if size and not weak:
        return Quantity(value, value, None, "at least", i, end + size)
    return Quantity(value, value, value, "exact", i, end, weak=weak)


def _between(tokens: list[Token], i: int) -> Quantity | None:
    """ "between 10 and 15" -> a range."""
    low = _number(tokens, i + 1)
    if not low or low[0] is None or low[1] >= len(tokens) or tokens[low[1]].lower != "and":
        return None
    high = _number(tokens, low[1] + 1)
    if not high or high[0] is None or high[0] <= low[0]:
        return None
    return Quantity(low[0], low[0], high[0], "range", i, high[1])


def parse_quantity(text: str) -> Quantity | None:
    """Read a count from the start of a short text ("at least 22", "dozens", "twenty-two")."""
    return read_quantity(tokenize(text), 0)
