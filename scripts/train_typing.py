"""Rebuild the event-typing model: `python scripts/train_typing.py [--shared /work/shared/data]`.

Trains on this project's labels (`data/labels/*.jsonl`, split "train" only) and on the shared development
sets (`acled-labels-ucdp`, `mm-africa`, `plover-gsr`), with a fixed seed, and writes
`src/eventwire/typing/model/typing.npz` + `meta.json` (plain arrays and JSON: no pickle).

It prints, per class:
- cross-validated scores on each training source (k folds; mm-africa records sharing a passage stay in
  one fold), which is what the hyper-parameters were chosen on;
- the final model's scores on `data/labels` split "heldout", never used for training or tuning;
- with `--zero-shot`, the shared sets scored by a model trained on this project's labels only;
- each pattern rule's hits and disagreements with the labels.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from eventwire.evaluation.typing import GoldItem, TypingReport, load_gold, score_predictions
from eventwire.typing.classifier import MODEL_DIR, EventTyper, LinearHead
from eventwire.typing.features import Vectoriser
from eventwire.typing.labels import NONE, PLOVER_TYPES
from eventwire.typing.patterns import PatternTyper

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "data" / "labels"
SHARED_SETS = ("acled-labels-ucdp/dev.jsonl", "mm-africa/dev.jsonl", "plover-gsr/dev.jsonl")
# PLOVER types that are talk or policy, never an ACLED event: plover-gsr sentences of these types are
# "no event" examples for the sub-type model. The others (AGREE, RETREAT, COERCE, MOBILIZE, ASSAULT,
# PROTEST) can be ACLED events, so those sentences train the interaction model only.
VERBAL = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"}


def sub_label(item: GoldItem) -> str | None:
    """Training label for the sub-type model, or None when the item says nothing about it."""
    if item.type_scored:
        return item.sub_event_type or NONE
    if item.interaction in VERBAL:
        return NONE
    return None


def interaction_label(item: GoldItem) -> str | None:
    return (item.interaction or NONE) if item.interaction_scored else None


def fit_head(x, labels: Sequence[str], c: float, seed: int) -> LinearHead:
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
    model.fit(x, labels)
    return LinearHead(model.coef_.T.astype(np.float32), model.intercept_.astype(np.float32),
                      tuple(str(c) for c in model.classes_))  # fmt: skip


def train(items: Sequence[GoldItem], *, c_sub: float, c_int: float, seed: int, max_features: int) -> EventTyper:
    """Fit the vectoriser and both heads on `items`; return a typer with the shipped patterns."""
    vectoriser = Vectoriser.fit([i.text for i in items], max_features=max_features)
    x = vectoriser.matrix([i.text for i in items])
    sub_rows = [(n, lab) for n, i in enumerate(items) if (lab := sub_label(i)) is not None]
    int_rows = [(n, lab) for n, i in enumerate(items) if (lab := interaction_label(i)) is not None]
    sub = fit_head(x[[n for n, _ in sub_rows]], [lab for _, lab in sub_rows], c_sub, seed)
    inter = fit_head(x[[n for n, _ in int_rows]], [lab for _, lab in int_rows], c_int, seed)
    return EventTyper(vectoriser, sub, inter, PatternTyper(), {})


#: the hyper-parameters `main` trains with unless told otherwise (chosen by cross-validation)
DEFAULTS = {"c_sub": 20.0, "c_int": 20.0, "seed": 13, "max_features": 40_000}


def fold_of(item: GoldItem, folds: int) -> int:
    key = item.group or item.id or item.text
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % folds


def cross_validate(items: Sequence[GoldItem], folds: int, **kw) -> list:
    """Out-of-fold predictions for every item."""
    preds: list = [None] * len(items)
    for k in range(folds):
        train_idx = [n for n, i in enumerate(items) if fold_of(i, folds) != k]
        test_idx = [n for n, i in enumerate(items) if fold_of(i, folds) == k]
        typer = train([items[n] for n in train_idx], **kw)
        for n, p in zip(test_idx, typer.predict([items[n].text for n in test_idx]), strict=True):
            preds[n] = p
        print(f"  fold {k + 1}/{folds} done", file=sys.stderr)
    return preds


def by_source(items: Sequence[GoldItem], preds: Sequence, bootstrap: int) -> dict[str, TypingReport]:
    groups: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[item.source].append(n)
    return {src: score_predictions([items[n] for n in idx], [preds[n] for n in idx], gold_names=[src],
                                   bootstrap=bootstrap) for src, idx in sorted(groups.items())}  # fmt: skip


def audit_patterns(items: Sequence[GoldItem]) -> list[str]:
    """Each rule's hits on labelled items and the hits where the label disagrees."""
    patterns = PatternTyper()
    hits: Counter[str] = Counter()
    wrong: dict[str, list[str]] = defaultdict(list)
    for item in items:
        hit = patterns.match(item.text)
        if hit is None:
            continue
        rule = hit.sub_event_type or hit.interaction or ""
        hits[rule] += 1
        if hit.sub_event_type and item.type_scored and item.sub_event_type != hit.sub_event_type:
            wrong[rule].append(f"{item.sub_event_type}: {item.text[:110]!r}")
        if hit.interaction and ((item.type_scored and item.sub_event_type) or
                                (item.interaction_scored and item.interaction != hit.interaction)):  # fmt: skip
            wrong[rule].append(f"{item.sub_event_type or item.interaction}: {item.text[:110]!r}")
    lines = [f"  {rule:36s} hits {n:4d}  disagreements {len(wrong[rule])}" for rule, n in hits.most_common()]
    lines += [f"    {rule} <- {w}" for rule, ws in wrong.items() for w in ws[:8]]
    return lines


def digest(paths: Sequence[Path]) -> dict[str, str]:
    return {p.parent.name + "/" + p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in paths}


def save(typer: EventTyper, out: Path, meta: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    arrays = {"vocabulary": np.array(typer.vectoriser.vocabulary), "idf": typer.vectoriser.idf}
    for name, head in (("sub", typer.sub), ("interaction", typer.interaction)):
        arrays[f"{name}_coef"] = head.coef.astype(np.float16)  # half precision: the ranking barely moves
        arrays[f"{name}_intercept"] = head.intercept
        arrays[f"{name}_labels"] = np.array(head.labels)
    np.savez_compressed(out / "typing.npz", **arrays)
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def summary(report: TypingReport) -> dict[str, float]:
    return {a.name: a.macro_f1 for a in report.axes}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("/work/shared/data"), help="shared data folder")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="where typing.npz and meta.json go")
    ap.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    ap.add_argument("--c-sub", type=float, default=DEFAULTS["c_sub"], help="inverse regularisation, sub-type model")
    ap.add_argument("--c-int", type=float, default=DEFAULTS["c_int"], help="inverse regularisation, interaction model")
    ap.add_argument("--max-features", type=int, default=DEFAULTS["max_features"])
    ap.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    ap.add_argument("--zero-shot", action="store_true", help="also score shared sets with an own-labels-only model")
    ap.add_argument("--bootstrap", type=int, default=1000)
    args = ap.parse_args(argv)
    np.random.seed(args.seed)
    kw = {"c_sub": args.c_sub, "c_int": args.c_int, "seed": args.seed, "max_features": args.max_features}

    own_paths = sorted(LABELS.glob("*.jsonl"))
    shared_paths = [args.shared / s for s in SHARED_SETS]
    own = load_gold(own_paths)
    own_train = [i for i in own if i.split == "train"]
    heldout = [i for i in own if i.split == "heldout"]
    shared = load_gold(shared_paths)
    items = own_train + shared
    print(f"training items: {len(own_train)} own + {len(shared)} shared; held out: {len(heldout)}")
    print("pattern audit (all labelled items):", *audit_patterns(own + shared), sep="\n")

    scores: dict[str, dict] = {}
    if args.folds:
        print(f"\n== {args.folds}-fold cross-validation (tuning data) ==")
        for src, report in by_source(items, cross_validate(items, args.folds, **kw), args.bootstrap).items():
            print(f"\n-- {src} (cross-validated)\n{report.render()}")
            scores[f"cv:{src}"] = summary(report)
    if args.zero_shot:
        zero = train(own_train, **kw)
        for src, report in by_source(shared, zero.predict([i.text for i in shared]), args.bootstrap).items():
            print(f"\n-- {src} (zero-shot: trained on data/labels only)\n{report.render()}")
            scores[f"zero-shot:{src}"] = summary(report)

    start = time.perf_counter()
    typer = train(items, **kw)
    print(f"\nfinal model trained in {time.perf_counter() - start:.1f}s; {len(typer.vectoriser.vocabulary)} features")
    report = score_predictions(heldout, typer.predict([i.text for i in heldout]),
                               gold_names=["data/labels (heldout)"], bootstrap=args.bootstrap)  # fmt: skip
    print(f"\n== held-out split of data/labels (never trained or tuned on) ==\n{report.render()}")
    scores["heldout:data/labels"] = summary(report)

    meta = {
        "model": "multinomial logistic regression over word 1-2-grams and char 3-5-grams (eventwire.typing.features)",
        "seed": args.seed, "c_sub": args.c_sub, "c_int": args.c_int, "max_features": args.max_features,
        "features": len(typer.vectoriser.vocabulary), "sub_labels": list(typer.sub.labels),
        "interaction_labels": list(typer.interaction.labels), "plover_types": list(PLOVER_TYPES),
        "data": digest(own_paths + shared_paths), "training_items": len(items),
        "sklearn": sklearn.__version__, "scores_macro_f1": scores,
    }  # fmt: skip
    save(typer, args.out, meta)
    size = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"\nwrote {args.out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
