"""What is bursting: stories, places and actors whose report rate in the last window is far above
their own baseline, scored with a Poisson z-score.

For each key (a story, a place, an actor) `count` is the number of reports in the window ending at the
newest report, and the baseline is the key's reports in the `baseline_windows` windows before it.
With λ = (baseline + 0.5) / baseline_windows, the expected count in one window (0.5 keeps a key never
seen before from dividing by zero), z = (count − λ) / √λ. A key reported steadily every day scores
near zero however often it is reported; a key that goes from nothing to five reports scores high.
Keys with fewer than `min_count` reports in the window are left out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Trend:
    key: str
    label: str
    count: int  # reports in the window
    baseline: float  # expected reports per window from the key's own history
    z: float


def trending(reports: Iterable[tuple[str, str, dt.datetime]], window: dt.timedelta, *,
             baseline_windows: int = 7, min_count: int = 2, end: dt.datetime | None = None) -> list[Trend]:
    """reports: (key, label, time) triples. Returns keys ranked by z, highest first."""
    rows = list(reports)
    if not rows:
        return []
    end = end or max(t for _, _, t in rows)
    start = end - window
    history_start = start - window * baseline_windows
    now: Counter[str] = Counter()
    before: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for key, label, time in rows:
        labels.setdefault(key, label)
        if start < time <= end:
            now[key] += 1
        elif history_start < time <= start:
            before[key] += 1
    out = []
    for key, count in now.items():
        if count < min_count:
            continue
        expected = (before[key] + 0.5) / baseline_windows
        z = (count - expected) / math.sqrt(expected)
        out.append(Trend(key, labels[key], count, round(expected, 3), round(z, 2)))
    return sorted(out, key=lambda t: (-t.z, -t.count, t.key))


def parse_window(text: str) -> dt.timedelta:
    """'24h', '7d', '90m' -> a timedelta."""
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    if len(text) < 2 or text[-1] not in units or not text[:-1].isdigit():
        raise ValueError(f"window {text!r}: write a number and a unit, e.g. 24h, 7d, 90m")
    return dt.timedelta(**{units[text[-1]]: int(text[:-1])})
