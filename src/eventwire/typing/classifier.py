"""`EventTyper`: ACLED event type and sub-type, or a PLOVER interaction, for each sentence.

    typer = EventTyper.load()
    [p] = typer.predict(["Iran said the attack would not go unpunished."])
    p.event_type, p.interaction, p.by   # None, "THREATEN", "pattern"

Order of decision, per sentence: an unambiguous pattern (`patterns.json`) wins; otherwise the sub-type
model picks one of the 25 ACLED sub-types or "none". An event's interaction follows from its sub-type
(`INTERACTION_OF_SUB_TYPE`); a sentence with no event gets the interaction model's PLOVER type, or None.
Both models are multinomial logistic regressions over the n-grams of `features.py`, stored as plain
arrays (`model/typing.npz`, no pickle) and rebuilt by `scripts/train_typing.py`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .features import Vectoriser
from .labels import INTERACTION_OF_SUB_TYPE, NONE, event_type_of
from .patterns import PatternTyper

MODEL_DIR = Path(__file__).with_name("model")
PATTERN_CONFIDENCE = 0.95  # patterns are checked to be right on all labelled data, not certain


@dataclass(frozen=True, slots=True)
class TypePrediction:
    """Typing of one sentence; `event_type` None means the sentence reports no ACLED event."""

    event_type: str | None
    sub_event_type: str | None
    interaction: str | None
    confidence: float
    by: str  # "pattern" or "model"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class LinearHead:
    """A multinomial logistic regression: weights (features × classes), intercepts, class labels."""

    coef: np.ndarray
    intercept: np.ndarray
    labels: tuple[str, ...]

    def proba(self, cols: np.ndarray, values: np.ndarray) -> np.ndarray:
        logits = values @ self.coef[cols] + self.intercept
        logits = np.exp(logits - logits.max())
        return logits / logits.sum()


class EventTyper:
    """Patterns first, then the two linear models. Build with `EventTyper.load()`."""

    def __init__(self, vectoriser: Vectoriser, sub: LinearHead, interaction: LinearHead,
                 patterns: PatternTyper | None, meta: dict[str, Any]) -> None:  # fmt: skip
        self.vectoriser = vectoriser
        self.sub = sub
        self.interaction = interaction
        self.patterns = patterns
        self.meta = meta

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR, *, use_patterns: bool = True) -> EventTyper:
        """Read `typing.npz` and `meta.json` from `model_dir` (default: the model shipped in the package)."""
        path = model_dir / "typing.npz"
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: rebuild it with `python scripts/train_typing.py`")
        with np.load(path, allow_pickle=False) as arrays:
            vectoriser = Vectoriser([str(f) for f in arrays["vocabulary"]], arrays["idf"])
            sub = _head(arrays, "sub")
            interaction = _head(arrays, "interaction")
        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        return cls(vectoriser, sub, interaction, PatternTyper() if use_patterns else None, meta)

    def predict(self, sentences: Sequence[str]) -> list[TypePrediction]:
        """One prediction per sentence, in order."""
        return [self._predict_one(s) for s in sentences]

    def _predict_one(self, sentence: str) -> TypePrediction:
        hit = self.patterns.match(sentence) if self.patterns else None
        if hit and hit.sub_event_type:
            return _event(hit.sub_event_type, PATTERN_CONFIDENCE, "pattern")
        if hit:
            return TypePrediction(None, None, hit.interaction, PATTERN_CONFIDENCE, "pattern")
        cols, values = self.vectoriser.row(sentence)
        proba = self.sub.proba(cols, values)
        best = int(proba.argmax())
        label = self.sub.labels[best]
        if label != NONE:
            return _event(label, float(proba[best]), "model")
        inter = self.interaction.proba(cols, values)
        top = int(inter.argmax())
        interaction = self.interaction.labels[top]
        if interaction == NONE:
            return TypePrediction(None, None, None, float(proba[best]), "model")
        return TypePrediction(None, None, interaction, float(inter[top]), "model")


def _event(sub_event_type: str, confidence: float, by: str) -> TypePrediction:
    return TypePrediction(
        event_type_of(sub_event_type), sub_event_type, INTERACTION_OF_SUB_TYPE[sub_event_type], confidence, by
    )


def _head(arrays: Any, name: str) -> LinearHead:
    return LinearHead(
        arrays[f"{name}_coef"].astype(np.float32),
        arrays[f"{name}_intercept"].astype(np.float32),
        tuple(str(label) for label in arrays[f"{name}_labels"]),
    )
