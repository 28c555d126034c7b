"""One event from its mentions: the fields, the figures over independent sources, the disagreements.

Sources. Two reports are one source when they are in the same copy family, come from the same site,
or credit the same wire (`provenance`). `n_reports` counts documents, `n_sources` the independent
sources left after joining those.

Figures. Each source's figure is the highest best it reported (a source revises its toll upwards as
it learns more). Over the sources: `low` is the lowest low, `high` the highest high, `best` the median
of the sources' bests (the lower one of the middle two when their number is even, so one outlier
cannot move it), and `acled` the lowest best, the conservative figure ACLED's own coding keeps.
`disagreement` is true when the sources' bests differ; every report stays in `reports`.

The other fields come from the most trusted mentions: the type and date that most sources give (ties
go to the earlier report), the most precise place, and the actors with what each side claimed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Report:
    """One mention with what its document says about where it came from."""

    mention: dict[str, Any]
    site: str | None
    family: str | None
    wires: tuple[str, ...]


def event_id(first_mention_id: str) -> str:
    """Stable: an event is named after the mention that started it."""
    return "ev" + hashlib.sha256(first_mention_id.encode()).hexdigest()[:14]


def source_groups(reports: Sequence[Report]) -> list[int]:
    """Each report's independent-source number (union of shared family, site or wire)."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[str, int] = {}
    for i, report in enumerate(reports):
        keys = [f"family:{report.family or report.mention['doc_id']}", *(f"wire:{w}" for w in report.wires)]
        if report.site:
            keys.append(f"site:{report.site}")
        for key in keys:
            if key in seen:
                parent[find(i)] = find(seen[key])
            else:
                seen[key] = i
    roots = [find(i) for i in range(len(reports))]
    numbering = {root: n for n, root in enumerate(dict.fromkeys(roots))}
    return [numbering[r] for r in roots]


def merged_event(eid: str, reports: Sequence[Report]) -> dict[str, Any]:
    groups = source_groups(reports)
    mentions = [r.mention for r in reports]
    main = _most_supported(mentions, groups)
    located = min(mentions, key=lambda m: (_geo_precision(m), -float(m.get("confidence") or 0)))
    return {
        "id": eid,
        "event_type": main.get("event_type"), "sub_event_type": main.get("sub_event_type"),
        "interaction": main.get("interaction"),
        "event_date": _mode([m.get("event_date") for m in mentions], groups) or main.get("event_date"),
        "time_precision": min(int(m.get("time_precision") or 3) for m in mentions),
        "location": located.get("location"),
        "actor1": main.get("actor1"), "actor2": main.get("actor2"),
        "civilian_targeting": any(m.get("civilian_targeting") for m in mentions),
        "fatalities": figures(reports, groups, "fatalities"),
        "injured": figures(reports, groups, "injured"),
        "actors_claimed": _actor_claims(reports, groups),
        "claim_status": "reported" if any(m.get("claim_status") == "reported" for m in mentions) else "claimed",
        "n_reports": len({m["doc_id"] for m in mentions}),
        "n_sources": len(set(groups)),
        "sources": _sources(reports, groups),
        "evidence": [{**e, "doc_id": main["doc_id"]} for e in main.get("evidence") or []],
        "mention_ids": [m["id"] for m in mentions],
        "doc_ids": list(dict.fromkeys(m["doc_id"] for m in mentions)),
        "confidence": round(max(float(m.get("confidence") or 0) for m in mentions), 4),
    }


def figures(reports: Sequence[Report], groups: Sequence[int], key: str) -> dict[str, Any] | None:
    rows = []
    for report, group in zip(reports, groups, strict=True):
        figure = report.mention.get(key) or {}
        if figure.get("best") is None:
            continue
        rows.append({"source": group, "doc_id": report.mention["doc_id"], "site": report.site,
                     "low": figure.get("low"), "best": figure["best"], "high": figure.get("high"),
                     "qualifier": figure.get("qualifier"), "text": figure.get("text"),
                     "claim_status": report.mention.get("claim_status")})
    if not rows:
        return None
    per_source: dict[int, int] = {}
    for row in rows:
        per_source[row["source"]] = max(per_source.get(row["source"], 0), row["best"])
    bests = sorted(per_source.values())
    lows = [r["low"] if r["low"] is not None else r["best"] for r in rows]
    highs = [r["high"] if r["high"] is not None else r["best"] for r in rows]
    return {"low": min(lows), "best": bests[(len(bests) - 1) // 2], "high": max(highs), "acled": bests[0],
            "disagreement": len(set(bests)) > 1, "by_source": bests, "reports": rows}


def _most_supported(mentions: Sequence[dict[str, Any]], groups: Sequence[int]) -> dict[str, Any]:
    """The mention whose sub-type most independent sources share (ties: the earlier report)."""
    kinds = {(m.get("sub_event_type") or m.get("interaction"), g) for m, g in zip(mentions, groups, strict=True)}
    support = Counter(kind for kind, _ in kinds)
    return max(mentions, key=lambda m: (support[m.get("sub_event_type") or m.get("interaction")],
                                        -mentions.index(m)))


def _mode(values: Sequence[str | None], groups: Sequence[int]) -> str | None:
    votes = Counter(v for v, _ in set(zip(values, groups, strict=True)) if v)
    return min(votes, key=lambda v: (-votes[v], v)) if votes else None


def _geo_precision(mention: dict[str, Any]) -> int:
    location = mention.get("location") or {}
    return int(location.get("geo_precision") or 9) if location.get("latitude") is not None else 9


def _actor_claims(reports: Sequence[Report], groups: Sequence[int]) -> list[dict[str, Any]]:
    """Who each source says did it, and whether the source says so itself or reports a side's claim."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for report, group in zip(reports, groups, strict=True):
        actor = (report.mention.get("actor1") or {}).get("name")
        if not actor:
            continue
        status = report.mention.get("claim_status") or "reported"
        entry = seen.setdefault((actor, status), {"actor1": actor, "claim_status": status, "sources": [],
                                                  "speakers": []})
        if group not in entry["sources"]:
            entry["sources"].append(group)
        for claim in report.mention.get("claims") or []:
            if claim.get("speaker") and claim["speaker"] not in entry["speakers"]:
                entry["speakers"].append(claim["speaker"])
    return list(seen.values())


def _sources(reports: Sequence[Report], groups: Sequence[int]) -> list[dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for report, group in zip(reports, groups, strict=True):
        entry = out.setdefault(group, {"source": group, "sites": [], "copy_families": [], "wires": [],
                                       "doc_ids": []})
        for key, value in (("sites", report.site), ("copy_families", report.family),
                           ("doc_ids", report.mention["doc_id"]), *(("wires", w) for w in report.wires)):
            if value and value not in entry[key]:
                entry[key].append(value)
    return list(out.values())
