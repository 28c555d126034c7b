"""Resolution: take each stored document not yet resolved, in the order it was stored, and give it a
copy family, a story and a document event group, then merge each of its mentions into an event.

Incremental and resumable: `documents.resolved` numbers the documents taken, so a killed run goes
on where it stopped and a rerun adds nothing; each batch is one transaction. Deterministic: the same
documents stored in the same order give the same families, stories and event ids. A user's merges
and splits (`event_overrides`) are applied again whenever a mention is resolved, `--rebuild` included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, or_, select, true, update

from ..review import apply_reviews
from ..settings import Settings
from ..store import Store
from ..store.schema import (
    copy_bands,
    document_inputs,
    documents,
    event_links,
    event_overrides,
    events,
    groups,
    mentions,
    term_df,
)
from ..store.sql import dialect_insert, fit, lock, upsert
from . import copies
from .columns import event_columns
from .grouping import Group, Grouper
from .matching import CROWDS, DAYS_BY_PRECISION, KM_BY_PRECISION, VIOLENCE, match
from .merge import Report, event_id, merged_event
from .provenance import credited_wires
from .vectors import DocumentFrequencies, cosine, terms, weigh


@dataclass
class ResolveSummary:
    documents: int = 0
    copies: int = 0  # documents that joined an existing copy family
    new_events: int = 0
    merged_mentions: int = 0  # mentions that joined an existing event
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ResolveSettings:
    copy_threshold: float
    story_threshold: float
    story_window_days: int
    event_group_threshold: float
    event_group_window_days: int
    event_threshold: float
    batch_size: int

    @classmethod
    def from_settings(cls, settings: Settings) -> ResolveSettings:
        section = settings["resolve"]
        return cls(float(section["copy_threshold"]), float(section["story_threshold"]),
                   int(section["story_window_days"]), float(section["event_group_threshold"]),
                   int(section["event_group_window_days"]), float(section["event_threshold"]),
                   int(section["batch_size"]))


class Resolver:
    """Holds the groupers' state for one run; `resolve_pending` does the work."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.options = store, ResolveSettings.from_settings(settings)
        self._reset()

    def _reset(self) -> None:
        self.frequencies = DocumentFrequencies()
        self.stories = Grouper(self.options.story_threshold, self.options.story_window_days)
        self.doc_events = Grouper(self.options.event_group_threshold, self.options.event_group_window_days)
        self._loaded = False
        self._seq: int | None = None  # the last `resolved` number this state has seen

    def resolve_pending(self, on_progress: Callable[[ResolveSummary], None] | None = None) -> ResolveSummary:
        import time

        start, summary = time.perf_counter(), ResolveSummary()
        while True:
            with self.store.engine.begin() as conn:
                lock(conn, "resolve")  # one resolver at a time per PostgreSQL database (SQLite: one writer)
                pending = _pending(conn, self.options.batch_size)
                if not pending:
                    break
                self._sync(conn)
                self._resolve_batch(conn, pending, summary)
            summary.seconds = time.perf_counter() - start
            if on_progress:
                on_progress(summary)
        summary.seconds = time.perf_counter() - start
        return summary

    def rebuild(self) -> ResolveSummary:
        """Forget every family, story and event (not the user's overrides) and resolve all again."""
        with self.store.engine.begin() as conn:
            lock(conn, "resolve")
            for table in (copy_bands, groups, term_df, events, event_links):
                conn.execute(delete(table))
            conn.execute(update(documents).values(copy_family=None, story_id=None, event_group=None, resolved=None,
                                                  signature=None))
        self._reset()
        return self.resolve_pending()

    # -- state -----------------------------------------------------------------------------------

    def _sync(self, conn: Connection) -> None:
        """Load the groupers' state, and load it again when another process sharing the database
        resolved documents since this one last did (its stories and frequencies are in the store)."""
        seq = _last_resolved(conn)
        if self._loaded and seq != self._seq:
            self._reset()
        self._load(conn)
        self._seq = seq

    def _load(self, conn: Connection) -> None:
        if self._loaded:
            return
        self._loaded = True
        self.frequencies.docs = int(conn.execute(select(func.count()).where(documents.c.resolved.is_not(None)))
                                    .scalar_one())
        self.frequencies.df.update({t: n for t, n in conn.execute(select(term_df.c.term, term_df.c.df))})
        latest = conn.execute(select(func.max(groups.c.last_seen))).scalar_one()
        since = _shift(latest, -self.options.story_window_days) if latest else None
        query = select(groups)
        if since:
            query = query.where((groups.c.last_seen >= since) | groups.c.last_seen.is_(None))
        for row in conn.execute(query):
            grouper = self.stories if row.kind == "story" else self.doc_events
            grouper.restore(Group(row.id, row.first_seen, row.last_seen, row.size, dict(row.weights)))

    # -- one batch ---------------------------------------------------------------------------------

    def _resolve_batch(self, conn: Connection, pending: Sequence[Any], summary: ResolveSummary) -> None:
        seq = _last_resolved(conn)
        touched: set[tuple[str, str]] = set()
        df_delta: dict[str, int] = {}
        for doc in pending:
            seq += 1
            family, signature = self._family(conn, doc)
            summary.copies += family != doc.id
            counts = terms(doc.text, doc.title)
            self.frequencies.add(counts)
            for term in counts:
                df_delta[term] = df_delta.get(term, 0) + 1
            vector = weigh(counts, self.frequencies)
            story = self.stories.add(doc.id, vector, doc.published).group
            group = self.doc_events.add(doc.id, vector, doc.published).group
            touched |= {("story", story), ("docevent", group)}
            conn.execute(update(documents).where(documents.c.id == doc.id).values(
                copy_family=family, story_id=story, event_group=group, resolved=seq,
                signature=signature.to_bytes() if signature else None,
                wires="|".join(credited_wires(doc.text)) or None))
            self._resolve_mentions(conn, doc, story, group, summary)
            summary.documents += 1
        self._save_groups(conn, touched)
        _add_frequencies(conn, df_delta)
        self._seq = seq
        latest = max((d.published for d in pending if d.published), default=None)
        self.stories.prune(latest)
        self.doc_events.prune(latest)

    def _family(self, conn: Connection, doc: Any) -> tuple[str, copies.Signature | None]:
        signature = copies.signature(doc.text)
        if signature is None:
            return doc.id, None
        bands = signature.bands()
        candidates = conn.execute(
            select(documents.c.id, documents.c.copy_family, documents.c.signature)
            .where(documents.c.id.in_(select(copy_bands.c.doc_id).where(copy_bands.c.band.in_(bands))))
            .order_by(documents.c.resolved)).all()
        family, best = doc.id, self.options.copy_threshold
        for other in candidates:
            if other.signature is None:
                continue
            similarity = signature.similarity(copies.Signature.from_bytes(other.signature))
            if similarity >= best and (family == doc.id or similarity > best):
                family, best = other.copy_family or other.id, similarity
        conn.execute(dialect_insert(conn, copy_bands).on_conflict_do_nothing(),
                     [{"band": b, "doc_id": doc.id} for b in bands])
        return family, signature

    def _save_groups(self, conn: Connection, touched: Iterable[tuple[str, str]]) -> None:
        for kind, gid in sorted(touched):
            group = (self.stories if kind == "story" else self.doc_events).groups[gid]
            row = {"id": gid, "kind": kind, "label": group.label(), "first_seen": group.first,
                   "last_seen": group.last, "size": group.size, "weights": group.weights}
            conn.execute(upsert(conn, groups, ("kind", "id"), ("label", "first_seen", "last_seen", "size", "weights")),
                         row)

    # -- mentions into events ------------------------------------------------------------------------

    def _resolve_mentions(self, conn: Connection, doc: Any, story: str, group: str, summary: ResolveSummary) -> None:
        rows = conn.execute(select(mentions.c.id, mentions.c.data).where(mentions.c.doc_id == doc.id)
                            .order_by(mentions.c.idx)).all()
        for row in rows:
            mention = dict(row.data)
            if not (mention.get("event_type") or mention.get("interaction")):
                continue
            mention = _dated(mention, doc.published)
            vector = weigh(terms(" ".join(e["text"] for e in mention.get("evidence") or [])), self.frequencies, 40)
            eid, score, reason = self._choose(conn, mention, vector, group)
            summary.new_events += reason.get("new", False)
            summary.merged_mentions += not reason.get("new", False)
            link = {"mention_id": mention["id"], "event_id": eid, "doc_id": doc.id, "score": score, "reason": reason}
            conn.execute(upsert(conn, event_links, ("mention_id",), ("event_id", "score", "reason")), link)
            refresh_event(conn, eid, story, group, vector)

    def _choose(self, conn: Connection, mention: dict[str, Any], vector: dict[str, float],
                group: str) -> tuple[str, float, dict[str, Any]]:
        override = conn.execute(select(event_overrides).where(event_overrides.c.mention_id == mention["id"])).first()
        if override is not None:
            return override.event_id, 1.0, {"override": override.action, "new": override.action == "split"}
        best: tuple[str, float, dict[str, Any]] | None = None
        for candidate in _candidates(conn, mention):
            data = candidate.matching
            found = match(mention, data, cosine(vector, data.get("terms") or {}), group in data.get("doc_groups", []))
            if found and found.score >= self.options.event_threshold and (best is None or found.score > best[1]):
                best = (candidate.id, found.score, found.reasons)
        if best:
            return best
        return event_id(mention["id"]), 0.0, {"new": True}


_EVENT_COLUMNS = tuple(c.name for c in events.columns if c.name != "id")


def refresh_events(conn: Connection, event_ids: Iterable[str]) -> None:
    """Recompute events from their current mentions (after a user's merge or split); drop emptied ones."""
    for eid in event_ids:
        if not refresh_event(conn, eid):
            conn.execute(delete(events).where(events.c.id == eid))


def refresh_event(conn: Connection, eid: str, story: str | None = None, group: str | None = None,
                  vector: dict[str, float] | None = None) -> bool:
    """Write event `eid` from all its mentions; False when it has none left."""
    previous = conn.execute(select(events.c.matching).where(events.c.id == eid)).scalar_one_or_none() or {}
    reports = _reports(conn, eid)
    if not reports:
        return False
    record = merged_event(eid, reports)
    record["story_id"] = previous.get("story_id") or story
    record["doc_groups"] = sorted({*previous.get("doc_groups", []), *([group] if group else [])})
    terms_seen = _merge_terms(previous.get("terms") or {}, vector or {})
    record = apply_reviews(conn, eid, record)
    row = {"id": eid, **event_columns(record), "matching": _matching(record, terms_seen), "data": record}
    conn.execute(upsert(conn, events, ("id",), _EVENT_COLUMNS), fit(events, [row])[0])
    return True


def _matching(record: dict[str, Any], terms_seen: dict[str, float]) -> dict[str, Any]:
    """What `matching.match` reads of an event, kept apart so candidates load in microseconds; the
    words of its evidence sentences (for the text similarity) are kept only here."""
    keys = ("event_type", "sub_event_type", "interaction", "event_date", "time_precision", "location",
            "doc_ids", "doc_groups", "story_id")
    return {**{k: record.get(k) for k in keys}, "terms": terms_seen}


def _last_resolved(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(documents.c.resolved), 0))).scalar_one())


def _pending(conn: Connection, limit: int) -> list[Any]:
    """Documents not resolved yet, in the order their first input was stored (the order of the stream)."""
    waiting = select(documents.c.id).where(documents.c.resolved.is_(None))  # indexed: only the new ones
    first = (select(document_inputs.c.doc_id, func.min(document_inputs.c.id).label("seq"))
             .where(document_inputs.c.doc_id.in_(waiting)).group_by(document_inputs.c.doc_id).subquery())
    return conn.execute(select(documents.c.id, documents.c.text, documents.c.title, documents.c.published)
                        .join(first, first.c.doc_id == documents.c.id)
                        .where(documents.c.resolved.is_(None))
                        .order_by(first.c.seq).limit(limit)).all()


def _candidates(conn: Connection, mention: dict[str, Any]) -> list[Any]:
    """Events a mention could join, narrowed in SQL (indexed date range, country, type family, a box
    around the place) so the cost per mention does not grow with the number of events stored."""
    day = mention.get("event_date")
    if not day:
        return []
    own = DAYS_BY_PRECISION.get(int(mention.get("time_precision") or 1), 1)
    params: dict[str, Any] = {f"{edge}{p}": _shift(day, sign * max(d, own)) for p, d in DAYS_BY_PRECISION.items()
                              for edge, sign in (("lo", -1), ("hi", 1))}
    kind = "interaction" if not mention.get("event_type") else (
        "violence" if mention["event_type"] in VIOLENCE | CROWDS else "sub_type")
    params["kind"] = mention.get("interaction") if kind == "interaction" else mention.get("sub_event_type")
    location = mention.get("location") or {}
    if location.get("iso"):
        params["iso"] = location["iso"]
    boxed = location.get("latitude") is not None and int(location.get("geo_precision") or 3) < 3
    if boxed:
        box = max(KM_BY_PRECISION.values()) / 111.0  # degrees of latitude; longitude is looser, so still safe
        params.update(lat_lo=location["latitude"] - box, lat_hi=location["latitude"] + box,
                      lon_lo=location["longitude"] - 2 * box, lon_hi=location["longitude"] + 2 * box)
    return conn.execute(_candidate_query(kind, "iso" in params, boxed), params).all()


@cache
def _candidate_query(kind: str, by_country: bool, boxed: bool) -> Any:
    """One statement per shape, built once with bound parameters (building it per mention cost more
    than running it)."""
    dates = or_(*(and_(events.c.time_precision >= p if p > 1 else true(),
                       events.c.event_date.between(bindparam(f"lo{p}"), bindparam(f"hi{p}")))
                  for p in DAYS_BY_PRECISION))
    same_kind = {
        "interaction": and_(events.c.event_type.is_(None), events.c.interaction == bindparam("kind")),
        "violence": events.c.event_type.in_(sorted(VIOLENCE | CROWDS)),
        "sub_type": events.c.sub_event_type == bindparam("kind"),
    }[kind]
    query = select(events.c.id, events.c.matching).where(dates, same_kind).order_by(events.c.id)
    if by_country:
        query = query.where((events.c.iso == bindparam("iso")) | events.c.iso.is_(None))
    if boxed:
        query = query.where(or_(events.c.latitude.is_(None), events.c.geo_precision >= 3,
                                and_(events.c.latitude.between(bindparam("lat_lo"), bindparam("lat_hi")),
                                     events.c.longitude.between(bindparam("lon_lo"), bindparam("lon_hi")))))
    return query


def _reports(conn: Connection, eid: str) -> list[Report]:
    rows = conn.execute(
        select(mentions.c.data, documents.c.site, documents.c.copy_family, documents.c.published, documents.c.wires)
        .join(event_links, event_links.c.mention_id == mentions.c.id)
        .join(documents, documents.c.id == mentions.c.doc_id)
        .where(event_links.c.event_id == eid).order_by(documents.c.resolved, mentions.c.idx)).all()
    return [Report(_dated(dict(r.data), r.published), r.site, r.copy_family,
                   tuple(w for w in (r.wires or "").split("|") if w)) for r in rows]


def _dated(mention: dict[str, Any], published: str | None) -> dict[str, Any]:
    """An interaction told without a date happened by the time the article was published."""
    if not mention.get("event_date") and published:
        mention.update(event_date=published[:10], time_precision=mention.get("time_precision") or 2)
    return mention


def _merge_terms(old: dict[str, float], new: dict[str, float], keep: int = 60) -> dict[str, float]:
    merged = dict(old)
    for term, weight in new.items():
        merged[term] = merged.get(term, 0.0) + weight
    top = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    norm = sum(w * w for _, w in top) ** 0.5 or 1.0
    return {t: round(w / norm, 5) for t, w in top}


def _add_frequencies(conn: Connection, delta: dict[str, int]) -> None:
    if not delta:
        return
    insert = dialect_insert(conn, term_df)
    conn.execute(insert.on_conflict_do_update(index_elements=["term"], set_={"df": term_df.c.df + insert.excluded.df}),
                 [{"term": t[:64], "df": n} for t, n in sorted(delta.items())])


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()
