"""Dates given by a container (JSONL field, feed entry) as ISO `YYYY-MM-DD`, or None.

The date is taken in the writer's own time zone: "Tue, 05 Mar 2024 23:30 -0500" is the 5th, as
the publisher printed it, not the 6th it is in UTC.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%d")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_EARLIEST, _LATEST = 1900, 2200  # years outside this range are typos or epoch artefacts


def normalise_date(value: object) -> str | None:
    """An ISO date for a string such as '2024-03-05T10:00Z', 'Tue, 05 Mar 2024 ...' or '5 March 2024'."""
    if not isinstance(value, str) or not value.strip():
        return None
    day = _parse(value.strip())
    return day.isoformat() if day and _EARLIEST <= day.year <= _LATEST else None


def from_struct(value: time.struct_time | None) -> str | None:
    """An ISO date from feedparser's `*_parsed` tuples (UTC), used when the raw string is unreadable."""
    if not value:
        return None
    try:
        day = date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None
    return day.isoformat() if _EARLIEST <= day.year <= _LATEST else None


def _parse(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    match = _ISO_DAY.match(text)  # '2024-03-05 10:00:00 UTC' and other ISO dates with odd tails
    if match:
        return _checked(*(int(g) for g in match.groups()))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
