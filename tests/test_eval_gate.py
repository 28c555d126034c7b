"""Quality gates: extraction, geoparsing and event coding must keep their floors on the dev gold.

The floors live in tests/eval_floors.json with a digest of the gold inputs. When the gold changes
the digest check fails: re-measure with `make eval-extraction` and pin the new figures on purpose;
never lower a floor silently. Skipped when ../shared/data is not beside the clone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from eventwire.evaluation.extraction import evaluate_many, totals

ROOT = Path(__file__).parents[1]
GOLD = ROOT.parent / "shared" / "data"
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())["extraction"]


def gold_digest(dirs: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for d in dirs for p in d.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/data is not beside this clone")
def test_extraction_meets_its_floors_on_the_dev_gold() -> None:
    dirs = [GOLD / name for name in FLOORS["sets"]]
    assert gold_digest(dirs) == FLOORS["gold_sha256"], "gold changed: re-measure and re-pin tests/eval_floors.json"
    figures = totals(evaluate_many(dirs, baseline=False))
    assert figures["mean_f1"] >= FLOORS["mean_f1"]
    assert figures["date_accuracy"] >= FLOORS["date_accuracy"]
    assert figures["invented_dates"] <= FLOORS["max_invented_dates"]


PLACES = json.loads((ROOT / "tests" / "eval_floors.json").read_text())["places"]


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/data is not beside this clone")
def test_geoparsing_meets_its_floors_on_geovirus() -> None:
    from eventwire.evaluation.places import evaluate_places

    gold = GOLD / PLACES["gold"]
    assert hashlib.sha256(gold.read_bytes()).hexdigest() == PLACES["gold_sha256"], "gold changed: re-pin floors"
    report = evaluate_places(gold)
    assert report.recall >= PLACES["recall"]
    assert report.accuracy_161 >= PLACES["accuracy_161"]
    assert report.accuracy_25 >= PLACES["accuracy_25"]


EVENTS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())["events"]["sets"]
# Older label sets run only with -m slow: each costs a full pipeline pass, and the default run has 10 minutes.
EVENT_PARAMS = [pytest.param(s, id=s["gold"], marks=[pytest.mark.slow] if s.get("suite") == "slow" else [])
                for s in EVENTS]


@pytest.mark.parametrize("spec", EVENT_PARAMS)
def test_event_coding_meets_its_floors(spec: dict) -> None:
    from eventwire.evaluation.events import evaluate_events

    gold = ROOT / spec["gold"] if spec["in_repo"] else GOLD / spec["gold"]
    if not gold.exists():
        pytest.skip("../shared/data is not beside this clone")
    assert hashlib.sha256(gold.read_bytes()).hexdigest() == spec["gold_sha256"], "gold changed: re-pin floors"
    report = evaluate_events(gold, limit=spec["limit"], bootstrap=10)
    figures = {a.name: a.macro_f1 for a in report.axes} | {m.name: m.value for m in report.metrics}
    low = {name: (figures.get(name), floor) for name, floor in spec["floors"].items()
           if figures.get(name) is None or figures[name] < floor}
    assert not low, f"below floor (figure, floor): {low}"


CLUSTERS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())["clusters"]["sets"]


@pytest.mark.parametrize("spec", CLUSTERS, ids=[f"{s['gold']}:{s['level']}" for s in CLUSTERS])
def test_grouping_meets_its_floors(spec: dict) -> None:
    from eventwire.evaluation.clusters import evaluate_clusters

    gold = ROOT / spec["gold"] if spec["in_repo"] else GOLD / spec["gold"]
    if not gold.exists():
        pytest.skip("../shared/data is not beside this clone")
    assert hashlib.sha256(gold.read_bytes()).hexdigest() == spec["gold_sha256"], "gold changed: re-pin floors"
    scores = evaluate_clusters(gold, spec["level"]).scores
    low = {name: (getattr(scores, name), floor) for name, floor in spec["floors"].items()
           if getattr(scores, name) < floor}
    assert not low, f"below floor (figure, floor): {low}"
    assert scores.cluster_ratio <= spec["max_cluster_ratio"]
