"""Honest event-coding figures: `python scripts/cv_events.py [--shared /work/shared/data] [--folds 5]`.

`eventwire eval events` scores the shipped model, which was trained on the shared typing sets, so its
type figures there are in-sample. This script runs the whole pipeline (nlp, geo, events) over each
fold of each shared typing set with a typing model trained without that fold (every other source in
full, as `scripts/train_typing.py` trains), and scores the out-of-fold mentions with the same code as
`eventwire eval events`. Folds are `train_typing.fold_of`'s, so passages of one record stay together.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from train_typing import DEFAULTS, LABELS, SHARED_SETS, fold_of, train

from eventwire.evaluation.events import gold_event, pipeline_for_eval, run_records, score_records
from eventwire.evaluation.typing import gold_item, load_gold


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("/work/shared/data"), help="shared data folder")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--sets", nargs="*", default=list(SHARED_SETS), help="shared sets to score")
    ap.add_argument("--limit", type=int, default=None, help="first N records of each set")
    ap.add_argument("--json", type=Path, default=None, help="also write the reports here")
    ap.add_argument("--dump", type=Path, default=None, help="write each record's gold and mentions here (JSONL)")
    args = ap.parse_args(argv)
    own = [i for i in load_gold(sorted(LABELS.glob("*.jsonl"))) if i.split == "train"]
    shared = load_gold([args.shared / s for s in SHARED_SETS])
    pipeline = pipeline_for_eval()
    events = next(s for s in pipeline.stages if s.name == "events")
    reports = []
    for name in args.sets:
        path = args.shared / name
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        records = records[: args.limit] if args.limit else records
        items = [gold_item(r, path.parent.name + "/" + path.name) for r in records]
        golds, docs = [], []
        for k in range(args.folds):
            held = {i.id for i in items if fold_of(i, args.folds) == k}
            events.typer = train(own + [i for i in shared if not (i.source == items[0].source and i.id in held)],
                                 **DEFAULTS)
            fold = [gold_event(r) for r, i in zip(records, items, strict=True) if i.id in held]
            golds += fold
            docs += run_records(fold, pipeline)
            print(f"  {name}: fold {k + 1}/{args.folds} done", file=sys.stderr)
        report = score_records(f"{name} (pipeline, {args.folds}-fold cross-validated)", golds, docs)
        print(report.render(), flush=True)
        reports.append(report.to_dict())
        if args.dump:
            with args.dump.open("a", encoding="utf-8") as out:
                for g, d in zip(golds, docs, strict=True):
                    out.write(json.dumps({"set": name, "id": g.id, "text": g.text, "gold": g.sub_event_type,
                                          "gold_interaction": g.interaction, "mentions": d}) + "\n")
    if args.json:
        args.json.write_text(json.dumps(reports, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
