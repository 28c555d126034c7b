"""Score a grouping against gold cluster labels: B³, pairwise, cluster counts, false and missed merges.

Serves copy families, event resolution and stories alike: each item has one gold label and one
predicted label. B³ (Bagga and Baldwin 1998) averages, over items, the precision and recall of the
item's predicted cluster against its gold cluster; pairwise scores count item pairs. A *false merge*
is a pair put together that the gold keeps apart; a *missed merge* is a gold pair left apart.
"""

from __future__ import annotations

import copy
import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..settings import Settings


@dataclass(frozen=True, slots=True)
class ClusterScores:
    items: int
    gold_clusters: int
    predicted_clusters: int
    b3_precision: float
    b3_recall: float
    b3_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    false_merges: int  # predicted pairs the gold keeps apart
    missed_merges: int  # gold pairs the prediction keeps apart

    @property
    def cluster_ratio(self) -> float:
        """Predicted ÷ gold cluster count: above 1 the grouping splits (event-count inflation)."""
        return self.predicted_clusters / self.gold_clusters if self.gold_clusters else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "cluster_ratio": round(self.cluster_ratio, 4)}


def score_clusters(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> ClusterScores:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    pair_counts = Counter(zip(gold, predicted, strict=True))
    gold_sizes, pred_sizes = Counter(gold), Counter(predicted)
    n = len(gold)
    precision = sum(c * c / pred_sizes[p] for (_, p), c in pair_counts.items()) / n if n else 0.0
    recall = sum(c * c / gold_sizes[g] for (g, _), c in pair_counts.items()) / n if n else 0.0
    together = sum(_pairs(c) for c in pair_counts.values())
    gold_pairs = sum(_pairs(c) for c in gold_sizes.values())
    pred_pairs = sum(_pairs(c) for c in pred_sizes.values())
    pw_p = together / pred_pairs if pred_pairs else 1.0
    pw_r = together / gold_pairs if gold_pairs else 1.0
    return ClusterScores(
        items=n, gold_clusters=len(gold_sizes), predicted_clusters=len(pred_sizes),
        b3_precision=round(precision, 4), b3_recall=round(recall, 4), b3_f1=round(_f1(precision, recall), 4),
        pairwise_precision=round(pw_p, 4), pairwise_recall=round(pw_r, 4), pairwise_f1=round(_f1(pw_p, pw_r), 4),
        false_merges=pred_pairs - together, missed_merges=gold_pairs - together)


def worst_clusters(gold: Sequence[Hashable], predicted: Sequence[Hashable], n: int = 5) -> list[dict[str, Any]]:
    """The predicted clusters that mix most gold clusters, and the gold clusters split most: where to look."""
    mixed: dict[Hashable, Counter[Hashable]] = defaultdict(Counter)
    split: dict[Hashable, Counter[Hashable]] = defaultdict(Counter)
    for g, p in zip(gold, predicted, strict=True):
        mixed[p][g] += 1
        split[g][p] += 1
    worst = sorted(mixed.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))[:n]
    return [{"predicted": str(p), "gold": {str(g): c for g, c in golds.most_common()}} for p, golds in worst
            if len(golds) > 1] + [{"gold": str(g), "predicted": {str(p): c for p, c in preds.most_common()}}
                                  for g, preds in sorted(split.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))[:n]
                                  if len(preds) > 1]


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# -- running a grouping over a gold file ------------------------------------------------------------

LEVELS = ("copies", "events", "stories", "mentions")
_COLUMN = {"copies": "copy_family", "events": "event_group", "stories": "story_id"}
# levels that group whole documents need no NLP; `mentions` codes and merges events
_FAST_STAGES = ["extract", "identify", "language"]


@dataclass
class ClusterReport:
    gold: str
    level: str
    scores: ClusterScores
    worst: list[dict[str, Any]]
    docs_per_second: float

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "level": self.level, **self.scores.to_dict(), "worst": self.worst,
                "docs_per_second": round(self.docs_per_second, 2)}

    def render(self) -> str:
        s = self.scores
        return "\n".join([
            f"{self.gold} — {self.level}: {s.items} items, {s.gold_clusters} gold clusters, "
            f"{s.predicted_clusters} predicted (ratio {s.cluster_ratio:.2f}), {self.docs_per_second:.1f} docs/s",
            f"  B³        P {s.b3_precision:.3f}  R {s.b3_recall:.3f}  F1 {s.b3_f1:.3f}",
            f"  pairwise  P {s.pairwise_precision:.3f}  R {s.pairwise_recall:.3f}  F1 {s.pairwise_f1:.3f}",
            f"  false merges {s.false_merges} pairs, missed merges {s.missed_merges} pairs"])


def evaluate_clusters(gold: Path, level: str, *, settings: Settings | None = None,
                      limit: int | None = None) -> ClusterReport:
    """Ingest the gold file's texts (by date, then id) into a fresh store, resolve, and score `level`.

    Gold: JSONL with `cluster` and `text`, optionally `id`, `title` and `date` (ECB+, Giveme5W1H,
    eventwire's copy families and split UCDP headline sets all have this shape)."""
    import tempfile
    import time

    from ..api import ingest_paths
    from ..settings import load_settings

    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    records = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()][:limit]
    # a news stream arrives in time order: feed the texts by date (then id), not in the file's order
    records.sort(key=lambda r: (str(r.get("date") or "")[:10], str(r.get("id") or "")))
    settings = copy.deepcopy(settings or load_settings())
    if level != "mentions":
        settings["pipeline"]["stages"] = [s for s in settings["pipeline"]["stages"] if s in _FAST_STAGES]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "gold.jsonl"
        source.write_text("".join(json.dumps({"id": f"item-{i}", "text": r["text"], "title": r.get("title"),
                                              "date": r.get("date")}) + "\n" for i, r in enumerate(records)))
        start = time.perf_counter()
        db = str(Path(tmp) / "clusters.db")
        ingest_paths([str(source)], db=db, settings=settings, workers=1 if len(records) < 200 else None)
        speed = len(records) / max(time.perf_counter() - start, 1e-9)
        predicted = _predicted(db, level, len(records))
    labels = [str(r["cluster"]) for r in records]
    return ClusterReport(f"{gold.parent.name}/{gold.name}", level, score_clusters(labels, predicted),
                         worst_clusters(labels, predicted), speed)


def _predicted(db: str, level: str, n: int) -> list[str]:
    """Each gold item's predicted cluster; an item that became no document is its own cluster."""
    import sqlite3

    conn = sqlite3.connect(db)
    by_input: dict[str, str] = {}
    if level == "mentions":
        query = ("SELECT i.input_id, l.event_id, m.confidence FROM document_inputs i JOIN mentions m "
                 "ON m.doc_id = i.doc_id JOIN event_links l ON l.mention_id = m.id ORDER BY m.confidence")
    else:
        query = f"SELECT i.input_id, d.{_COLUMN[level]}, 0 FROM document_inputs i JOIN documents d ON d.id = i.doc_id"
    for input_id, cluster, _ in conn.execute(query):
        by_input[input_id] = cluster  # ordered by confidence: the most confident mention's event wins
    conn.close()
    return [by_input.get(f"item-{i}") or f"alone-{i}" for i in range(n)]
