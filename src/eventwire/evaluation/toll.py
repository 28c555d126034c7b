"""Score the toll and date readers: hand-made gold sets and the UCDP GED Ukraine headlines.

`evaluate_toll(path)` reads a jsonl and detects its kind from the first record:

- **Hand gold** (`tests/data/toll/gold.jsonl`: `text`, `rule`, `fatalities` / `injured` as
  `{low, best, high, qualifier}` or null). A kind is *exact* when best and qualifier both equal the
  gold (or both are null); *full* when low and high equal too. Figures per rule and in all.
- **UCDP GED** (`shared/data/ucdp-ged-ukraine/dev.jsonl`: `text` = one headline per line, gold
  `fatalities` / `_low` / `_high`). UCDP codes one event; its headlines may report a wider toll, a
  running total or another event, so no headline need state the gold. The metrics say so:
  - `stated`: events where at least one headline states a fatality figure; `no_count` the rest
    (place-name-only headlines, tolls in words we do not read);
  - `exact_chosen`: over stated events, the figure `extract_toll` keeps for the whole text (rule 7:
    updates, then the highest) has best == gold best;
  - `exact_any`: over stated events, some headline's figure has best == gold best (the reader found
    the count; only the choice among headlines failed otherwise);
  - `in_range_chosen`: the kept best lies in gold [low, high];
  - `covered`: gold best lies in [lowest stated low, highest stated high] over the event's figures.
  - **date check**: on events whose sources all share one publication date, each headline with a
    time expression is resolved against it; right when the date falls in gold [date, date_end].
    `publication_baseline` is the share of single-date events whose gold date is the publication date
    (what "no date said" gives). `date_exact_toll` keeps only headlines that also state a fatality
    figure: the event headlines, without the report titles ("CrisisWatch August 2017", "Situation
    Update ... June 07, 2018") whose date is the report's, not the event's.

`evaluate_dates(path)` scores `tests/data/time/gold.jsonl` (`text`, `published`, gold `date`,
`precision`, `how`): exact date, and date + precision, per `how` and in all.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..nlp.timeexpr import resolve_event_date
from ..nlp.toll import Figure, extract_toll

KINDS = ("fatalities", "injured")


@dataclass(slots=True)
class TollReport:
    """Figures for one gold file; `misses` lists the first wrong readings to look at."""

    name: str
    kind: str  # "hand" or "ucdp"
    records: int
    figures: dict[str, float | int] = field(default_factory=dict)
    per_rule: dict[str, dict[str, float | int]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def render(self) -> str:
        lines = [f"{self.name} ({self.kind}, {self.records} records)"]
        lines += [f"  {key:<24} {_fmt(value)}" for key, value in self.figures.items()]
        for rule, values in sorted(self.per_rule.items()):
            lines.append(f"    {rule:<22} " + "  ".join(f"{k}={_fmt(v)}" for k, v in values.items()))
        return "\n".join(lines)


def _fmt(value: float | int) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _read(path: Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


# ----------------------------------------------------------------------------- toll


def evaluate_toll(gold_jsonl: Path, limit: int | None = None) -> TollReport:
    """Score `extract_toll` on a hand gold file or the UCDP GED dev file (detected per file)."""
    records = _read(gold_jsonl)[:limit]
    if records and "fatalities_low" in records[0]:
        return _evaluate_ucdp(Path(gold_jsonl).parent.name, records)
    return _evaluate_hand(Path(gold_jsonl).parent.name, records)


def _same(figure: Figure | None, gold: dict[str, Any] | None, full: bool) -> bool:
    if figure is None or gold is None:
        return figure is None and gold is None
    keys = ("low", "best", "high", "qualifier") if full else ("best", "qualifier")
    return all(getattr(figure, key) == gold[key] for key in keys)


def _evaluate_hand(name: str, records: list[dict[str, Any]]) -> TollReport:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses = []
    for record in records:
        toll = extract_toll(record["text"])
        for rule in ("all", record.get("rule", "-")):
            counts[rule]["n"] += 1
            for kind in KINDS:
                counts[rule][f"{kind}_exact"] += _same(getattr(toll, kind), record[kind], full=False)
                counts[rule][f"{kind}_full"] += _same(getattr(toll, kind), record[kind], full=True)
        if not all(_same(getattr(toll, k), record[k], full=False) for k in KINDS):
            misses.append({"id": record["id"], "text": record["text"],
                           **{k: asdict(getattr(toll, k)) if getattr(toll, k) else None for k in KINDS}})
    shares = {rule: _hand_shares(values) for rule, values in counts.items()}
    return TollReport(name, "hand", len(records), shares.pop("all"), shares, misses)


def _hand_shares(values: dict[str, int]) -> dict[str, float | int]:
    shares: dict[str, float | int] = {"n": values["n"]}
    for key in ("fatalities_exact", "injured_exact", "fatalities_full", "injured_full"):
        shares[key] = _share(values[key], values["n"])
    return shares


def _evaluate_ucdp(name: str, records: list[dict[str, Any]]) -> TollReport:
    tally: dict[str, int] = defaultdict(int)
    misses = []
    for record in records:
        _score_event(record, tally, misses)
        _score_dates(record, tally)
    stated = tally["stated"]
    figures: dict[str, float | int] = {
        "events": len(records), "stated": stated, "no_count": len(records) - stated,
        "exact_chosen": _share(tally["exact_chosen"], stated), "exact_any": _share(tally["exact_any"], stated),
        "in_range_chosen": _share(tally["in_range"], stated), "covered": _share(tally["covered"], stated),
        "date_headlines": tally["date_n"], "date_exact": _share(tally["date_ok"], tally["date_n"]),
        "date_toll_headlines": tally["date_toll_n"],
        "date_exact_toll": _share(tally["date_toll_ok"], tally["date_toll_n"]),
        "publication_baseline": _share(tally["pub_ok"], tally["pub_n"]),
    }
    return TollReport(name, "ucdp", len(records), figures, {}, misses[:50])


def _score_event(record: dict[str, Any], tally: dict[str, int], misses: list[dict[str, Any]]) -> None:
    """Tally one UCDP event's toll metrics (see the module docstring)."""
    headlines = [h for h in record["text"].split("\n") if h.strip()]
    stated = [f for h in headlines if (f := extract_toll(h).fatalities) is not None]
    if not stated:
        return
    gold, low, high = record["fatalities"], record["fatalities_low"], record["fatalities_high"]
    chosen = extract_toll(record["text"]).fatalities
    tally["stated"] += 1
    tally["exact_any"] += any(f.best == gold for f in stated)
    tally["covered"] += min(f.low if f.low is not None else f.best for f in stated) <= gold <= max(
        f.high if f.high is not None else f.best for f in stated)
    if chosen is not None:
        tally["exact_chosen"] += chosen.best == gold
        tally["in_range"] += low <= chosen.best <= high
    if chosen is None or chosen.best != gold:
        misses.append({"id": record["id"], "gold": gold, "chosen": chosen.best if chosen else None,
                       "text": record["text"]})


def _score_dates(record: dict[str, Any], tally: dict[str, int]) -> None:
    """Resolve each headline against the one publication date all the event's sources share."""
    published = _single_source_date(record.get("source_dates") or "")
    if published is None or not record.get("date"):
        return
    first = date.fromisoformat(record["date"])
    last = date.fromisoformat(record.get("date_end") or record["date"])
    tally["pub_n"] += 1
    tally["pub_ok"] += first <= published <= last
    for headline in record["text"].split("\n"):
        resolved = resolve_event_date(headline, published)
        if resolved.how not in {"publication", "unresolved"} and resolved.date is not None:
            right = first <= resolved.date <= last
            tally["date_n"] += 1
            tally["date_ok"] += right
            if extract_toll(headline).fatalities is not None:  # an event headline, not a report's title
                tally["date_toll_n"] += 1
                tally["date_toll_ok"] += right


def _single_source_date(field_value: str) -> date | None:
    """The one publication date of all sources ("2014-01-22" or "22/01/2014" forms), else None."""
    dates = {_parse_day(part.strip()) for part in field_value.split(";") if part.strip()}
    return dates.pop() if len(dates) == 1 else None


def _parse_day(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


# ----------------------------------------------------------------------------- dates


def evaluate_dates(gold_jsonl: Path) -> TollReport:
    """Score `resolve_event_date` on a hand time gold file: exact date, and date + precision, per `how`."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses = []
    for record in _read(gold_jsonl):
        published = date.fromisoformat(record["published"]) if record["published"] else None
        got = resolve_event_date(record["text"], published)
        gold = date.fromisoformat(record["date"]) if record["date"] else None
        for key in ("all", record["how"]):
            counts[key]["n"] += 1
            counts[key]["date_exact"] += got.date == gold
            counts[key]["with_precision"] += got.date == gold and got.precision == record["precision"]
        if got.date != gold or got.precision != record["precision"]:
            misses.append({"id": record["id"], "text": record["text"], "got": str(got.date), "how": got.how,
                           "precision": got.precision})
    shares = {key: {"n": v["n"], "date_exact": _share(v["date_exact"], v["n"]),
                    "with_precision": _share(v["with_precision"], v["n"])} for key, v in counts.items()}
    overall = shares.pop("all")
    return TollReport(Path(gold_jsonl).parent.name, "dates", int(overall["n"]), overall, shares, misses)
