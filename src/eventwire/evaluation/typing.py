"""Score event typing against gold sets: ACLED event type and sub-type, and PLOVER interaction.

Reads, record by record, the formats of
- this project's labels (`data/labels/*.jsonl`: `event_type`, `sub_event_type`, `interaction`, `split`),
- `acled-labels-ucdp` and `mm-africa` (ACLED `event_type` / `sub_event_type`; no interaction gold),
- `plover-gsr` (PLOVER 0.5b1 `event_type` + `mode`, mapped to current PLOVER; no ACLED gold).
A record is scored on each axis it has gold for. No event / no interaction is the class "none".

Macro-F1 is the mean F1 over the classes that occur in the gold of that axis, "none" left out: a
sentence wrongly typed as an event still costs the predicted class its precision, and a missed event
costs recall, but the easy "none" class does not pad the mean. Intervals are percentile bootstraps
over records (fixed seed).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..typing.classifier import EventTyper, TypePrediction
from ..typing.labels import EVENT_TYPES, NONE, PLOVER_TYPES, SUB_EVENT_TYPES, current_plover, event_type_of

_OLD_PLOVER_NAMES = {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", *PLOVER_TYPES}


@dataclass(slots=True)
class GoldItem:
    """One gold text; `None` in a label means "no event" / "no interaction" when that axis is scored."""

    id: str
    text: str
    sub_event_type: str | None = None
    interaction: str | None = None
    type_scored: bool = False
    interaction_scored: bool = False
    split: str | None = None
    group: str | None = None  # records sharing a group must stay in one fold (mm-africa `split_group`)
    source: str = ""

    @property
    def event_type(self) -> str | None:
        return event_type_of(self.sub_event_type)


def gold_item(record: dict[str, Any], source: str = "") -> GoldItem:
    """Read one record of any supported gold format."""
    rid = str(record.get("id") or record.get("native_id") or "")
    text = record["text"]
    label = record.get("event_type")
    if record.get("plover_version") or (label in _OLD_PLOVER_NAMES and label not in EVENT_TYPES):
        interaction = current_plover(label, record.get("mode"))
        return GoldItem(rid, text, interaction=interaction, interaction_scored=True, split=record.get("split"),
                        source=source)
    sub = record.get("sub_event_type")
    if sub is not None and SUB_EVENT_TYPES.get(sub) != label:
        raise ValueError(f"{source} {rid}: {label!r} / {sub!r} is not an ACLED type and sub-type pair")
    if label is not None and sub is None:
        raise ValueError(f"{source} {rid}: event_type {label!r} without sub_event_type")
    interaction = record.get("interaction")
    if interaction is not None and interaction not in PLOVER_TYPES:
        raise ValueError(f"{source} {rid}: unknown PLOVER interaction {interaction!r}")
    return GoldItem(
        rid, text, sub, interaction, type_scored=True, interaction_scored="interaction" in record,
        split=record.get("split"), group=record.get("split_group"), source=source,
    )  # fmt: skip


def load_gold(paths: Path | Iterable[Path], split: str | None = None) -> list[GoldItem]:
    """All records of the JSONL files; with `split`, only those whose `split` field equals it."""
    items = []
    for path in [paths] if isinstance(paths, Path) else paths:
        with path.open(encoding="utf-8") as lines:
            items += [gold_item(json.loads(line), path.parent.name + "/" + path.name) for line in lines if line.strip()]
    return [i for i in items if split is None or i.split == split]


@dataclass(slots=True)
class ClassScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(slots=True)
class AxisReport:
    """Scores of one axis (event type, sub-event type or interaction)."""

    name: str
    n: int
    accuracy: float
    macro_f1: float
    macro_f1_ci95: tuple[float, float]
    per_class: dict[str, ClassScores]
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count


@dataclass(slots=True)
class TypingReport:
    gold: list[str]
    n: int
    axes: list[AxisReport] = field(default_factory=list)
    by: dict[str, int] = field(default_factory=dict)
    sentences_per_second: float = 0.0

    def axis(self, name: str) -> AxisReport | None:
        return next((a for a in self.axes if a.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def render(self) -> str:
        lines = [f"typing: {self.n} texts from {', '.join(self.gold)}; decided by {self.by}; "
                 f"{self.sentences_per_second:,.0f} texts/s"]  # fmt: skip
        for axis in self.axes:
            lo, hi = axis.macro_f1_ci95
            head = f"{axis.name}: n={axis.n} macro-F1 {axis.macro_f1:.3f} (95% CI {lo:.3f}–{hi:.3f})"
            lines += ["", f"{head} accuracy {axis.accuracy:.3f}", f"  {'class':40s}     P      R     F1     n"]
            for label, s in axis.per_class.items():
                lines.append(f"  {label:40s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d}")
        return "\n".join(lines)


def score_axis(name: str, gold: Sequence[str], pred: Sequence[str], *, bootstrap: int = 1000,
               seed: int = 0) -> AxisReport:  # fmt: skip
    """Per-class P/R/F1, macro-F1 over gold classes (not "none"), confusion and a bootstrap interval."""
    labels = sorted(set(gold) | set(pred), key=lambda x: (x == NONE, x))
    index = {label: i for i, label in enumerate(labels)}
    g = np.array([index[x] for x in gold])
    p = np.array([index[x] for x in pred])
    macro_classes = np.array([index[x] for x in sorted(set(gold)) if x != NONE])
    counts = _confusion(g, p, len(labels))
    precision, recall, f1 = _prf(counts)
    rng = np.random.default_rng(seed)
    samples = [_macro(_confusion(g[s], p[s], len(labels)), macro_classes)
               for s in rng.integers(0, len(g), (bootstrap, len(g)))]  # fmt: skip
    per_class = {
        label: ClassScores(round(precision[i], 4), round(recall[i], 4), round(f1[i], 4), int(counts[i].sum()))
        for label, i in index.items()
    }
    confusion = {a: {b: int(counts[i, j]) for b, j in index.items() if counts[i, j]} for a, i in index.items()}
    ci = (float(np.percentile(samples, 2.5)), float(np.percentile(samples, 97.5))) if samples else (0.0, 0.0)
    accuracy = round(float((g == p).mean()), 4) if len(g) else 0.0
    ci95 = (round(ci[0], 4), round(ci[1], 4))
    return AxisReport(name, len(g), accuracy, _macro(counts, macro_classes), ci95, per_class, confusion)


def _confusion(gold: np.ndarray, pred: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(gold * n + pred, minlength=n * n).reshape(n, n)


def _prf(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tp = np.diag(counts).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.nan_to_num(tp / counts.sum(axis=0))
        recall = np.nan_to_num(tp / counts.sum(axis=1))
        f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
    return precision, recall, f1


def _macro(counts: np.ndarray, classes: np.ndarray) -> float:
    if not len(classes):
        return 0.0
    return round(float(_prf(counts)[2][classes].mean()), 4)


def score_predictions(items: Sequence[GoldItem], preds: Sequence[TypePrediction], *, gold_names: list[str],
                      bootstrap: int = 1000, seed: int = 0) -> TypingReport:  # fmt: skip
    """Score predictions already made for `items` (same order)."""
    report = TypingReport(gold_names, len(items))
    typed = [(i, p) for i, p in zip(items, preds, strict=True) if i.type_scored]
    if typed:
        gold_t = [i.event_type or NONE for i, _ in typed]
        pred_t = [p.event_type or NONE for _, p in typed]
        report.axes.append(score_axis("event_type", gold_t, pred_t, bootstrap=bootstrap, seed=seed))
        gold_s = [i.sub_event_type or NONE for i, _ in typed]
        pred_s = [p.sub_event_type or NONE for _, p in typed]
        report.axes.append(score_axis("sub_event_type", gold_s, pred_s, bootstrap=bootstrap, seed=seed))
    inter = [(i, p) for i, p in zip(items, preds, strict=True) if i.interaction_scored]
    if inter:
        gold_i = [i.interaction or NONE for i, _ in inter]
        pred_i = [p.interaction or NONE for _, p in inter]
        report.axes.append(score_axis("interaction", gold_i, pred_i, bootstrap=bootstrap, seed=seed))
    for p in preds:
        report.by[p.by] = report.by.get(p.by, 0) + 1
    return report


def evaluate_typing(gold_jsonl: Path | Sequence[Path], typer: EventTyper | None = None, *,
                    split: str | None = None, bootstrap: int = 1000, seed: int = 0) -> TypingReport:  # fmt: skip
    """Type every gold text (a sentence, a headline bundle or a passage) as one input and score it.

    `split` keeps only records whose `split` field equals it (this project's labels: "train" / "heldout").
    """
    paths = [gold_jsonl] if isinstance(gold_jsonl, Path) else list(gold_jsonl)
    items = load_gold(paths, split)
    typer = typer or EventTyper.load()
    start = time.perf_counter()
    preds = typer.predict([i.text for i in items])
    seconds = time.perf_counter() - start
    names = [f"{p.parent.name}/{p.name}" for p in paths]
    report = score_predictions(items, preds, gold_names=names, bootstrap=bootstrap, seed=seed)
    report.sentences_per_second = round(len(items) / seconds, 1) if seconds else 0.0
    return report
