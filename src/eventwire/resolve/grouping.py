"""Incremental grouping of documents by content: each new document joins the most similar open group
or starts its own (single-pass leader–follower clustering against group centroids).

Used for stories (looser, across days) and for document-level event grouping (stricter). Incremental
and deterministic: a document is compared only with groups that share one of its rarest terms and were
seen within the time window, so the cost of one document does not grow with the number stored; the
same documents in the same order give the same groups. Group ids are the id of their first document.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .vectors import cosine

CENTROID_TERMS = 120
BLOCKING_TERMS = 12


@dataclass
class Group:
    id: str
    first: str | None  # ISO date of the earliest member, when known
    last: str | None
    size: int = 0
    weights: dict[str, float] = field(default_factory=dict)  # summed member vectors, trimmed
    indexed: set[str] = field(default_factory=set, repr=False)  # terms the grouper finds it under

    def centroid(self) -> dict[str, float]:
        norm = sum(w * w for w in self.weights.values()) ** 0.5 or 1.0
        return {t: w / norm for t, w in self.weights.items()}

    def absorb(self, vector: dict[str, float], date: str | None) -> None:
        self.size += 1
        for term, weight in vector.items():
            self.weights[term] = self.weights.get(term, 0.0) + weight
        if len(self.weights) > CENTROID_TERMS:
            self.weights = dict(sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS])
        if date:
            self.first = min(self.first or date, date)
            self.last = max(self.last or date, date)

    def label(self, n: int = 4) -> str:
        """The group's heaviest words (numbers left out: "#60" names nothing)."""
        words = [t for t, _ in sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0])) if t[0] != "#"]
        return " ".join(words[:n])


@dataclass(frozen=True, slots=True)
class Assignment:
    group: str
    score: float  # cosine with the group's centroid when joined; 0.0 for a new group
    new: bool


@dataclass
class Grouper:
    threshold: float
    window_days: int | None = None  # None: no time limit (texts without dates)
    groups: dict[str, Group] = field(default_factory=dict)
    index: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, key: str, vector: dict[str, float], date: str | None = None) -> Assignment:
        """Put a document (its unit-length term vector, `vectors.weigh`) in a group."""
        best, score = self._best(vector, date)
        if best is None or score < self.threshold:
            best = self.groups.setdefault(key, Group(key, date, date))
            score, new = 0.0, True
        else:
            new = False
        best.absorb(vector, date)
        self.index_group(best)
        return Assignment(best.id, round(score, 4), new)

    def restore(self, group: Group) -> None:
        """Take back a group saved by an earlier run."""
        self.groups[group.id] = group
        self.index_group(group)

    def prune(self, latest: str | None, keep_undated: int = 20_000) -> int:
        """Forget groups closed by the window (their rows stay in the store): memory stays bounded by
        the documents of one window, not by everything ever stored. Returns how many were dropped."""
        if self.window_days is None or not latest:
            closed = [g for g in self.groups.values() if g.last is None][:-keep_undated or None]
        else:
            horizon = (dt.date.fromisoformat(latest) - dt.timedelta(days=self.window_days)).isoformat()
            closed = [g for g in self.groups.values() if g.last is not None and g.last < horizon]
        for group in closed:
            del self.groups[group.id]
            for term in group.indexed:
                postings = self.index.get(term)
                if postings is not None:
                    postings.discard(group.id)
                    if not postings:
                        del self.index[term]
        return len(closed)

    def index_group(self, group: Group) -> None:
        for term in self._blocking(group.weights):
            self.index[term].add(group.id)
            group.indexed.add(term)

    def _best(self, vector: dict[str, float], date: str | None) -> tuple[Group | None, float]:
        candidates = sorted({g for t in self._blocking(vector) for g in self.index.get(t, ())})
        best, best_score = None, 0.0
        for gid in candidates:
            group = self.groups[gid]
            if not self._open(group, date):
                continue
            score = cosine(vector, group.centroid())
            if score > best_score:
                best, best_score = group, score
        return best, best_score

    def _blocking(self, vector: dict[str, float]) -> list[str]:
        return [t for t, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:BLOCKING_TERMS]]

    def _open(self, group: Group, date: str | None) -> bool:
        if self.window_days is None or not date or not group.last:
            return True
        gap = abs((dt.date.fromisoformat(date) - dt.date.fromisoformat(group.last)).days)
        return gap <= self.window_days
