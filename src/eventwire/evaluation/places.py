"""Score the geoparser against toponym gold: `eventwire eval places --gold FILE.jsonl`.

The gold is JSONL with `text` and `toponyms` (`start`, `end`, `latitude`, `longitude`), as
GeoVirus in `shared/data/geovirus`. A gold toponym is **found** when a predicted place (demonyms
left out) overlaps its span; precision is the share of predicted places that overlap a gold span.
Its error is the great-circle distance from the predicted to the gold point; a toponym that was not
found, or found but not resolved, takes the largest error on Earth (20,039 km), so the accuracy
figures are shares of **all** gold toponyms. AUC is Gritta et al.'s (2018): the area under the
curve of sorted log errors, `ln(1 + km) / ln(20039)`, averaged over all gold toponyms (0 is perfect,
1 is everything at the antipode).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..geo.geoparse import Place, haversine_km

MAX_KM = 20039.0
NEAR_KM = 161.0  # 100 miles: the usual "accuracy" threshold in geoparsing papers
CLOSE_KM = 25.0

ParseFn = Callable[[str], list[Place]]


@dataclass(slots=True)
class Toponym:
    """A gold place name."""

    start: int
    end: int
    name: str
    latitude: float
    longitude: float


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    toponyms: list[Toponym]


@dataclass(slots=True)
class PlacesReport:
    """Recognition and resolution figures over one gold file."""

    gold: str
    docs: int
    words: int
    gold_toponyms: int
    predicted: int
    found: int  # gold toponyms overlapped by a prediction
    true_predictions: int  # predictions overlapping a gold toponym
    within_161: int
    within_25: int
    auc: float
    seconds: float
    errors_km: list[float] = field(default_factory=list, repr=False)
    misses: list[dict[str, Any]] = field(default_factory=list, repr=False)

    @property
    def recall(self) -> float:
        return _share(self.found, self.gold_toponyms)

    @property
    def precision(self) -> float:
        return _share(self.true_predictions, self.predicted)

    @property
    def accuracy_161(self) -> float:
        return _share(self.within_161, self.gold_toponyms)

    @property
    def accuracy_25(self) -> float:
        return _share(self.within_25, self.gold_toponyms)

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("errors_km")
        data.pop("misses")
        for name in ("recall", "precision", "accuracy_161", "accuracy_25", "docs_per_second", "words_per_second"):
            data[name] = round(getattr(self, name), 4)
        return data

    def render(self) -> str:
        return "\n".join([
            f"places: {self.gold} ({self.docs} docs, {self.gold_toponyms} gold toponyms)",
            f"  found (recall)       {self.recall:.3f}  ({self.found}/{self.gold_toponyms})",
            f"  precision            {self.precision:.3f}  ({self.true_predictions}/{self.predicted})",
            f"  within 161 km        {self.accuracy_161:.3f}  ({self.within_161}/{self.gold_toponyms}, of all gold)",
            f"  within 25 km         {self.accuracy_25:.3f}  ({self.within_25}/{self.gold_toponyms})",
            f"  AUC (log error)      {self.auc:.3f}  (0 best)",
            f"  speed                {self.docs_per_second:.1f} docs/s, {self.words_per_second:.0f} words/s",
        ])


def read_gold(path: Path) -> Iterator[GoldDoc]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                toponyms = [Toponym(t["start"], t["end"], t["name"], t["latitude"], t["longitude"])
                            for t in record.get("toponyms", []) if t.get("latitude") is not None]
                yield GoldDoc(str(record.get("id", "")), record["text"], toponyms)


def evaluate_places(gold_jsonl: Path, parse: ParseFn | None = None, *, limit: int | None = None) -> PlacesReport:
    """Run `parse` (default: a Geoparser over the shipped gazetteer) over the gold and score it."""
    parse = parse or _default_parser()
    docs = list(read_gold(gold_jsonl))[:limit]
    report = PlacesReport(str(gold_jsonl), len(docs), 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0)
    started = time.perf_counter()
    predictions = [[p for p in parse(d.text) if p.role != "demonym"] for d in docs]
    report.seconds = time.perf_counter() - started
    for doc, predicted in zip(docs, predictions, strict=True):
        _score_doc(report, doc, predicted)
    report.auc = _auc(report.errors_km)
    return report


def _default_parser() -> ParseFn:
    """The geoparser as the pipeline runs it: the configured model and components."""
    from ..geo import Gazetteer, Geoparser
    from ..settings import load_settings
    from ..stages.nlp import shared_model

    section = load_settings()["nlp"]
    nlp = shared_model(str(section["model"]), tuple(section["components"]), int(section["max_chars"]))
    return Geoparser(nlp, Gazetteer.load()).parse


def _score_doc(report: PlacesReport, doc: GoldDoc, predicted: list[Place]) -> None:
    report.words += len(doc.text.split())
    report.gold_toponyms += len(doc.toponyms)
    report.predicted += len(predicted)
    report.true_predictions += sum(any(_overlaps(p, t) for t in doc.toponyms) for p in predicted)
    for toponym in doc.toponyms:
        match = next((p for p in predicted if _overlaps(p, toponym)), None)
        error = _error_km(match, toponym)
        report.found += match is not None
        report.within_161 += error <= NEAR_KM
        report.within_25 += error <= CLOSE_KM
        report.errors_km.append(error)
        if error > NEAR_KM:
            report.misses.append(_miss(doc, toponym, match, error))


def _overlaps(place: Place, toponym: Toponym) -> bool:
    return place.start < toponym.end and toponym.start < place.end


def _error_km(place: Place | None, toponym: Toponym) -> float:
    if place is None or place.latitude is None or place.longitude is None:
        return MAX_KM
    return haversine_km(place.latitude, place.longitude, toponym.latitude, toponym.longitude)


def _miss(doc: GoldDoc, toponym: Toponym, place: Place | None, error: float) -> dict[str, Any]:
    return {"doc": doc.id, "text": toponym.name, "gold": (toponym.latitude, toponym.longitude),
            "predicted": None if place is None else (place.name, place.country, place.feature_code),
            "km": round(error)}


def _auc(errors_km: list[float]) -> float:
    """Mean of ln(1 + error) / ln(MAX_KM): the area under the sorted log-error curve."""
    if not errors_km:
        return 0.0
    top = math.log(MAX_KM)
    return sum(math.log1p(min(e, MAX_KM)) / top for e in errors_km) / len(errors_km)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
