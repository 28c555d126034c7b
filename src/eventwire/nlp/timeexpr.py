"""When an event happened, resolved against the article's publication date, by rule.

`resolve_event_date(text, published) -> EventDate(date, precision, how, text)`; `precision` is ACLED's
time_precision (1 day, 2 week or similar span, 3 month), `how` names the rule that gave the date.

Rules, as stated (word lists in `data/time.toml`):

1. **Explicit dates** (how="explicit", precision 1): "5 March", "on 5 March 2024", "March 5, 2024",
   "Dec. 30", "2024-03-05". A date with no year is the most recent such day on or before publication,
   so an article of 2 January about "December 30" means the previous year. Numeric "5/3" is not read
   (day/month order is unknowable). A date with a year is taken as written.
2. **Weekdays** (how="weekday", precision 1): "on Saturday", "Saturday night", "early Sunday" -> the
   most recent such day on or before publication (the publication day itself when it is that day);
   "last Saturday" -> strictly before publication. "next Saturday" is a future day and gives no date.
3. **Relative days** (how="relative", precision 1): "today", "earlier today", "this morning", "tonight"
   -> publication; "overnight" -> publication (the night that ended that morning); "yesterday",
   "last night" -> the day before; "the day before yesterday", "N days ago" -> N days before.
4. **Weeks** (how="week", precision 2; ACLED dates a span by its middle): "last week" -> Thursday of
   the Monday-Sunday week before publication's; "this week", "earlier this week" -> the middle of
   Monday..publication; "last weekend", "over the weekend" -> Saturday of the most recent weekend;
   "the past week", "a week ago" -> 4 days before publication (the middle of the 7 days before it).
5. **Months** (how="month", precision 3): "last month" -> the 15th of the month before; "in March",
   "March 2024" -> the 15th of that month (the most recent March on or before publication when no year
   is given); "early March" / "the beginning of March" -> the 1st, "late March" / "the end of March"
   -> the last day; "earlier this month" -> the middle of the 1st..publication. A month date is never
   after publication: it is moved back to the publication date.
6. **Choice.** When a text holds several, the most precise wins (precision 1 before 2 before 3), then
   explicit before weekday before relative, then the first in the text: "overnight into Sunday" is
   Sunday; "last week ... on Tuesday" is the Tuesday.
7. **Nothing said** -> the publication date, precision 1, how="publication": news reports the latest
   day's events, and ACLED uses the report's date when the report gives none; `how` tells the caller
   the date was assumed. No publication date -> relative words give no date (how="unresolved"); an
   explicit date with a year still resolves.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from .numbers import DATA, word_value

_RANK = {"explicit": 0, "weekday": 1, "relative": 2, "week": 3, "month": 4, "unresolved": 9}


@dataclass(frozen=True, slots=True)
class EventDate:
    """The event's date, its ACLED time_precision, the rule that gave it, and the words it came from."""

    date: date | None
    precision: int | None  # 1 day, 2 week, 3 month; None when unresolved
    how: str  # explicit, weekday, relative, week, month, publication, unresolved
    text: str  # the words read ("" for publication / unresolved)
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class _Patterns:
    months: dict[str, int]
    weekdays: list[str]
    days_before: dict[str, int]
    weeks: dict[str, str]
    months_relative: dict[str, int]
    month_part: dict[str, str]
    iso: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    month_only: re.Pattern[str]
    weekday: re.Pattern[str]
    phrase: re.Pattern[str]
    days_ago: re.Pattern[str]


def _alternatives(words: Any) -> str:
    """A regex alternation of phrases, longest first so "earlier this week" beats "this week"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def patterns() -> _Patterns:
    """The word lists of data/time.toml compiled into regexes, once."""
    raw: dict[str, Any] = tomllib.loads((DATA / "time.toml").read_text("utf-8"))
    month = rf"(?P<month>{_alternatives(raw['months'])})\b\.?"
    year = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    part = rf"(?i:\b(?:in\s+)?(?P<part>{_alternatives(raw['month_part'])})\s*)?"
    phrases = [*raw["days_before"], *raw["weeks"], *raw["months_relative"]]
    return _Patterns(
        months=raw["months"], weekdays=raw["weekdays"], days_before=raw["days_before"], weeks=raw["weeks"],
        months_relative=raw["months_relative"], month_part=raw["month_part"],
        iso=re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
        day_month=re.compile(rf"\b{day}(?:\s+of)?\s+{month}{year}"),
        month_day=re.compile(rf"\b{month}\s+{day}(?!\s*\d|:){year}"),
        month_only=re.compile(rf"{part}\b{month}(?:\s+(?P<year>(?:19|20)\d\d)\b)?"),
        weekday=re.compile(rf"(?i:\b(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<wd>{_alternatives(raw['weekdays'])})\b)"),
        phrase=re.compile(rf"(?i:\b(?P<p>{_alternatives(phrases)})\b)"),
        days_ago=re.compile(r"(?i:\b(?P<n>\d+|\w+)\s+days\s+ago\b)"),
    )


def resolve_event_date(text: str, published: date | None) -> EventDate:
    """The date `text` gives for its event, resolved against `published` (rules in the module docstring)."""
    found = [hit for finder in _FINDERS for hit in finder(text, published) if not _reference_point(text, hit)]
    # "shot dead six servicemen last week, the prosecutor said on Friday": the day it was said gives
    # way to any other date the text tells
    found = [hit for hit in found if not _SAID_BEFORE.search(text, 0, hit.start)] or found
    if found:
        return min(found, key=lambda e: (e.precision or 9, _RANK[e.how], e.start))
    if published is None:
        return EventDate(None, None, "unresolved", "")
    return EventDate(published, 1, "publication", "")


def said_day(text: str) -> bool:
    """Whether the day `resolve_event_date` reads in `text` is only the day something was said ("the
    governor said on Friday"): a later sentence's own day for the same event is then the better one."""
    found = [hit for finder in _FINDERS for hit in finder(text, None) if not _reference_point(text, hit)]
    return bool(found) and all(_SAID_BEFORE.search(text, 0, hit.start) for hit in found)


def _reference_point(text: str, hit: EventDate) -> bool:
    """A date after "since", "as of", "until" is a reference point, not the event's day (rule 6); the
    end of a night ("the night of 3 to 4 June") is the day itself."""
    return bool(_REFERENCE.search(text, 0, hit.start)) and not _NIGHT_OF.search(text, 0, hit.start)


_SAID_BEFORE = re.compile(r"(?i:\b(?:said|says|reported|announced|confirmed|stated|wrote|added|claimed|told\s+\w+)"
                          r"\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?)$")
_REFERENCE = re.compile(r"(?i:\b(?:since|as\s+of|until|till|to|through|before)\s+(?:the\s+)?(?:morning,?\s+)?)$")


def _hit(match: re.Match[str], when: date | None, precision: int, how: str) -> EventDate:
    """An EventDate for a regex match (unresolved when the date could not be computed)."""
    if when is None:
        return EventDate(None, None, "unresolved", match.group().strip(), match.start(), match.end())
    return EventDate(when, precision, how, match.group().strip(), match.start(), match.end())


def _explicit(text: str, published: date | None) -> list[EventDate]:
    """ "5 March", "March 5, 2024", "Dec. 30", "2024-03-05" (rule 1)."""
    hits = []
    for regex in (patterns().iso, patterns().day_month, patterns().month_day):
        for match in regex.finditer(text):
            month = match["month"]
            number = int(month) if month.isdigit() else patterns().months[month]
            # "between 3 and 5 May 2024": ACLED dates a span by its first day
            first = _SPAN_START.search(text, 0, match.start())
            day = int(first["first"]) if first else int(match["day"])
            # "on the night of January 21 to 22": a night is dated by the morning it ends on
            if _NIGHT_OF.search(text, 0, match.start()) and (later := _TO_DAY.match(text, match.end())):
                day = int(later["day"])
            when = _day(int(match["year"]) if match["year"] else None, number, day, published)
            if when is not None or (published is None and not match["year"]):
                hits.append(_hit(match, when, 1, "explicit"))
    return [h for h in hits if h.date is not None] or [h for h in hits if h.how == "unresolved"][:1]


_SPAN_START = re.compile(r"(?i:\bbetween\s+(?P<first>\d{1,2})(?:st|nd|rd|th)?\s+(?:and|-|–)\s*)$")
_NIGHT_OF = re.compile(r"(?i:\bnight\s+of\s+(?:(?:\d{1,2}(?:st|nd|rd|th)?\s*(?:to|into|-|–)\s*)|"
                       r"(?:[A-Z][a-z]+\.?\s+)?))$")
_TO_DAY = re.compile(r"(?i:\s*(?:to|into|-|–)\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:km|kilomet|mile|%)))")


def _day(year: int | None, month: int, day: int, published: date | None) -> date | None:
    """The date for day/month[/year]; with no year, the most recent one on or before publication."""
    if year is None and published is None:
        return None
    try:
        when = date(year or published.year, month, day)  # type: ignore[union-attr]
    except ValueError:
        return None
    if year is None and published is not None and when > published:
        return _day(published.year - 1, month, day, published)
    return when


def _weekday(text: str, published: date | None) -> list[EventDate]:
    """ "on Saturday", "last Saturday" (rule 2); "next Saturday" gives nothing."""
    hits = []
    for match in patterns().weekday.finditer(text):
        rel = (match["rel"] or "").lower()
        if rel in {"next", "coming"}:
            continue
        when = None
        if published is not None:
            wanted = patterns().weekdays.index(match["wd"].lower())
            back = (published.weekday() - wanted) % 7 or (7 if rel in {"last", "past"} else 0)
            when = published - timedelta(days=back)
        hits.append(_hit(match, when, 1, "weekday"))
    return hits


def _phrases(text: str, published: date | None) -> list[EventDate]:
    """ "yesterday", "overnight", "last week", "last month" and their kin (rules 3-5)."""
    hits = []
    for match in patterns().phrase.finditer(text):
        key = " ".join(match["p"].lower().split())
        hits.append(_phrase_hit(match, key, published))
    for match in patterns().days_ago.finditer(text):
        days = word_value(match["n"].lower())
        if days is not None and 0 < days < 31:
            hits.append(_hit(match, published and published - timedelta(days=days), 1, "relative"))
    return hits


def _phrase_hit(match: re.Match[str], key: str, published: date | None) -> EventDate:
    p = patterns()
    if key in p.days_before:
        return _hit(match, published and published - timedelta(days=p.days_before[key]), 1, "relative")
    if key in p.weeks:
        return _hit(match, published and _week(p.weeks[key], published), 2, "week")
    return _hit(match, published and _month_relative(p.months_relative[key], published), 3, "month")


def _week(kind: str, published: date) -> date:
    """The middle of the span a week phrase names (rule 4)."""
    monday = published - timedelta(days=published.weekday())
    if kind == "last_week":
        return monday - timedelta(days=4)  # Thursday, the middle of last Monday..Sunday
    if kind == "this_week":
        return monday + timedelta(days=published.weekday() // 2)
    if kind == "weekend":
        return published - timedelta(days=(published.weekday() - 5) % 7)
    return published - timedelta(days=4)  # past_week: the middle of the 7 days before publication


def _month_relative(shift: int, published: date) -> date:
    """ "last month" -> the 15th of the month before; "earlier this month" -> middle of 1st..publication."""
    if shift == 0:
        return published.replace(day=(1 + published.day) // 2)
    first = published.replace(day=1) - timedelta(days=1)
    return first.replace(day=15)


def _month(text: str, published: date | None) -> list[EventDate]:
    """ "in March", "early March", "March 2024", "the end of March" (rule 5)."""
    hits = []
    for match in patterns().month_only.finditer(text):
        part = patterns().month_part.get(" ".join((match["part"] or "").lower().split()), "middle")
        when = _month_date(patterns().months[match["month"]], int(match["year"]) if match["year"] else None,
                           part, published)
        hits.append(_hit(match, when, 3, "month"))
    return hits


def _month_date(month: int, year: int | None, part: str, published: date | None) -> date | None:
    """The day that stands for a month: 1st, 15th or last day; never after publication."""
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
    last = calendar.monthrange(year, month)[1]
    when = date(year, month, {"first": 1, "middle": 15, "last": last}[part])
    return min(when, published) if published is not None and (year, month) == (published.year, published.month) \
        else when


_FINDERS: tuple[Callable[[str, date | None], list[EventDate]], ...] = (_explicit, _weekday, _phrases, _month)
