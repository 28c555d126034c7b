"""Score main-text extraction against gold sets: `eventwire eval extraction --gold DIR`.

A gold dir holds `<id>.html` + `<id>.json` pairs. The kind of gold is detected per json:

- `body` (article-extraction-benchmark) or `text` (readability test pages): **token bag**.
  Tokens are `\\w+` runs (Unicode), case kept, punctuation dropped: the tokenizer of the
  benchmark's `evaluate.py`. Per page, tp/fp/fn are the multiset overlap of the extracted and
  gold token bags, normalised by their sum so long pages do not weigh more; precision and recall
  are the means over pages (pages where they are undefined are skipped, as upstream) and F1 is
  their harmonic mean. Upstream counts 4-token shingles instead of single tokens; that variant is
  reported too as `f1_shingle4` (it also punishes a reordered or interleaved text).
- `with` / `without` (trafilatura's evaluation): **snippets**, as trafilatura's own eval.
  Output and snippets are whitespace-normalised; a `with` snippet found is a true positive,
  missing a false negative; a `without` snippet found is a false positive. Counts are summed
  over the set (micro-averaged), then precision, recall and F1.

Metadata, on pages whose gold has a non-empty value: title and author are right when equal
after case folding, collapsing whitespace and dropping a leading "By"; the date is right when the
`YYYY-MM-DD` prefix of the gold equals the prediction.

**Invented dates**: a date returned where the gold has another, or where the gold explicitly has
none (`"date": null` or `""`, as readability-testpages writes for pages whose metadata carries no
publication time). A page whose json has no `date` key at all (trafilatura-eval: "not
annotated"; aeb: no metadata gold) says nothing either way and is not counted.

With `baseline=True` the same pages go through bare trafilatura defaults: `trafilatura.extract`
(text, and the pages/s eventwire is held to) and `bare_extraction(with_metadata=True)` for
title/author/date, so every figure has its reference beside it.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from ..decoding import decode_bytes
from ..errors import ExtractionError
from ..extraction import ExtractSettings, extract_html

_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_BY = re.compile(r"^by\s+", re.I)


@dataclass(slots=True)
class GoldPage:
    """One gold page: the decoded HTML and what its json says."""

    id: str
    html: str
    url: str | None
    body: str | None = None  # token-bag gold
    with_: list[str] = field(default_factory=list)  # snippet gold
    without: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    date_annotated: bool = False  # the json has a `date` key (null means: no date)

    @property
    def kind(self) -> str:
        return "bag" if self.body is not None else "snippets"


@dataclass(slots=True)
class Prediction:
    """What one extractor returned for one page (text None when it failed)."""

    text: str | None
    title: str | None = None
    author: str | None = None
    date: str | None = None


@dataclass(slots=True)
class SystemScores:
    """One extractor's figures on one gold set."""

    precision: float
    recall: float
    f1: float
    f1_shingle4: float | None
    failures: int
    pages_per_s: float
    title_acc: float | None
    author_acc: float | None
    date_acc: float | None
    date_pages: int
    invented_dates: int
    invented_on_none: int


@dataclass(slots=True)
class ExtractionReport:
    """Figures for one gold dir: eventwire's extractor and, optionally, bare trafilatura."""

    name: str
    pages: int
    kind: str
    ours: SystemScores
    baseline: SystemScores | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def render(self) -> str:
        return render_reports([self])


# ---------------------------------------------------------------- loading


def load_gold(gold_dir: Path, limit: int | None = None) -> list[GoldPage]:
    """Read the `<id>.json` + `<id>.html` pairs of a gold dir, in name order."""
    pages = []
    for meta_path in sorted(Path(gold_dir).glob("*.json"))[:limit]:
        html_path = meta_path.with_suffix(".html")
        if html_path.exists():
            pages.append(_gold_page(json.loads(meta_path.read_text("utf-8")), html_path))
    if not pages:
        raise FileNotFoundError(f"no <id>.html + <id>.json pairs in {gold_dir}; point --gold at a dev dir")
    return pages


def _gold_page(meta: dict[str, Any], html_path: Path) -> GoldPage:
    html, _ = decode_bytes(html_path.read_bytes(), html=True)
    body = meta.get("body", meta.get("text")) if "with" not in meta else None
    return GoldPage(id=meta.get("id") or html_path.stem, html=html, url=meta.get("url"), body=body,
                    with_=list(meta.get("with") or []), without=list(meta.get("without") or []),
                    title=_as_text(meta.get("title")), author=_as_text(meta.get("author")),
                    date=(meta.get("date") or "")[:10] or None, date_annotated=_date_annotated(meta))


def _date_annotated(meta: dict[str, Any]) -> bool:
    """Does the gold say whether the page has a date? A null only counts in snippet gold.

    readability-testpages' `date` is Readability's own metadata reading (publishedTime), so its
    null means "Readability found no date meta", not "the page has no date" (cnn, nytimes pages
    are null there); trafilatura-eval writes null for pages annotated as undated.
    """
    return bool(meta.get("date")) or ("date" in meta and "with" in meta)


def _as_text(value: Any) -> str | None:
    """Gold metadata is a string, sometimes a list of them (several authors)."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return value or None


# ---------------------------------------------------------------- running extractors


Extractor = Callable[[GoldPage], Prediction]


def ours(settings: ExtractSettings | None) -> Extractor:
    """eventwire's extract_html as an Extractor."""
    def run(page: GoldPage) -> Prediction:
        try:
            got = extract_html(page.html, page.url, settings)
        except ExtractionError:
            return Prediction(text=None)
        return Prediction(got.text, got.title, got.author, got.published)
    return run


def bare_text(page: GoldPage) -> Prediction:
    """trafilatura.extract with default arguments: the speed and text reference."""
    return Prediction(trafilatura.extract(page.html, url=page.url))


def bare_metadata(page: GoldPage) -> Prediction:
    """bare_extraction with default arguments plus metadata: the metadata reference."""
    doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True)
    if doc is None:
        return Prediction(text=None)
    return Prediction(doc.text, doc.title, doc.author, doc.date)


def run_extractor(pages: Sequence[GoldPage], extractor: Extractor) -> tuple[list[Prediction], float]:
    """Predictions for every page, and pages per second of wall time."""
    start = time.perf_counter()
    preds = [extractor(p) for p in pages]
    elapsed = time.perf_counter() - start
    return preds, len(pages) / elapsed if elapsed > 0 else float("inf")


# ---------------------------------------------------------------- text metrics


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(toks: list[str], n: int) -> Counter[tuple[str, ...]]:
    if n == 1 or len(toks) < n:
        return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def bag_counts(gold: str, pred: str | None, n: int = 1) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of the n-gram bags of gold and prediction (upstream's scheme)."""
    g, p = _shingles(tokens(gold), n), _shingles(tokens(pred), n)
    tp = sum((g & p).values())
    fp, fn = sum((p - g).values()), sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bag_scores(golds: Sequence[str], preds: Sequence[str | None], n: int = 1) -> tuple[float, float, float]:
    """Mean precision, mean recall over pages and their F1, as the benchmark's evaluate.py."""
    counts = [bag_counts(g, p, n) for g, p in zip(golds, preds, strict=True)]
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    return precision, recall, _f1(precision, recall)


def _norm_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def snippet_counts(page: GoldPage, pred: str | None) -> tuple[int, int, int]:
    """(tp, fp, fn) of one page's with/without snippets in the prediction."""
    text = _norm_space(pred or "")
    found = [_norm_space(s) in text for s in page.with_]
    leaked = [_norm_space(s) in text for s in page.without] if text else []
    return sum(found), sum(leaked), len(found) - sum(found)


def snippet_scores(pages: Sequence[GoldPage], preds: Sequence[str | None]) -> tuple[float, float, float]:
    """Micro-averaged precision, recall and F1 over all snippets of the set."""
    tp = fp = fn = 0
    for page, pred in zip(pages, preds, strict=True):
        a, b, c = snippet_counts(page, pred)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, _f1(precision, recall)


# ---------------------------------------------------------------- metadata metrics


def _norm_meta(value: str | None) -> str:
    return _BY.sub("", _norm_space(value or "").casefold()).strip()


def _accuracy(pairs: Iterable[tuple[str | None, str | None]]) -> float | None:
    hits = [_norm_meta(gold) == _norm_meta(pred) for gold, pred in pairs if gold]
    return sum(hits) / len(hits) if hits else None


def date_figures(pages: Sequence[GoldPage], preds: Sequence[Prediction]) -> tuple[float | None, int, int, int]:
    """(accuracy on dated gold, dated gold pages, invented dates, invented where gold has none)."""
    dated = [(p.date, q.date) for p, q in zip(pages, preds, strict=True) if p.date]
    wrong = sum(1 for gold, pred in dated if pred and pred[:10] != gold)
    on_none = sum(1 for p, q in zip(pages, preds, strict=True) if p.date_annotated and not p.date and q.date)
    acc = sum(1 for gold, pred in dated if pred and pred[:10] == gold) / len(dated) if dated else None
    return acc, len(dated), wrong + on_none, on_none


# ---------------------------------------------------------------- reports


def score(pages: Sequence[GoldPage], preds: Sequence[Prediction], pages_per_s: float) -> SystemScores:
    """All figures of one extractor's predictions on one set."""
    bag = [(p, q) for p, q in zip(pages, preds, strict=True) if p.kind == "bag"]
    snip = [(p, q) for p, q in zip(pages, preds, strict=True) if p.kind == "snippets"]
    parts, shingle = [], None
    if bag:
        golds, texts = [p.body or "" for p, _ in bag], [q.text for _, q in bag]
        parts.append(bag_scores(golds, texts))
        shingle = bag_scores(golds, texts, n=4)[2]
    if snip:
        parts.append(snippet_scores([p for p, _ in snip], [q.text for _, q in snip]))
    precision, recall, f1 = (statistics.mean(x[i] for x in parts) for i in range(3))
    date_acc, date_pages, invented, on_none = date_figures(pages, preds)
    return SystemScores(
        precision=precision, recall=recall, f1=f1, f1_shingle4=shingle,
        failures=sum(1 for q in preds if not q.text), pages_per_s=pages_per_s,
        title_acc=_accuracy((p.title, q.title) for p, q in zip(pages, preds, strict=True)),
        author_acc=_accuracy((p.author, q.author) for p, q in zip(pages, preds, strict=True)),
        date_acc=date_acc, date_pages=date_pages, invented_dates=invented, invented_on_none=on_none)


def _baseline_scores(pages: Sequence[GoldPage]) -> SystemScores:
    texts, speed = run_extractor(pages, bare_text)
    metas, _ = run_extractor(pages, bare_metadata)
    merged = [Prediction(t.text, m.title, m.author, m.date) for t, m in zip(texts, metas, strict=True)]
    return score(pages, merged, speed)


def evaluate_extraction(gold_dir: Path, *, settings: ExtractSettings | None = None, baseline: bool = True,
                        limit: int | None = None) -> ExtractionReport:
    """Score eventwire's extractor (and bare trafilatura when `baseline`) on one gold dir."""
    gold_dir = Path(gold_dir)
    pages = load_gold(gold_dir, limit)
    preds, speed = run_extractor(pages, ours(settings))
    kinds = sorted({p.kind for p in pages})
    name = gold_dir.parent.name if gold_dir.name in ("dev", "test", "heldout") else gold_dir.name
    return ExtractionReport(name=name, pages=len(pages), kind="+".join(kinds), ours=score(pages, preds, speed),
                            baseline=_baseline_scores(pages) if baseline else None)


def evaluate_many(dirs: Iterable[Path], *, settings: ExtractSettings | None = None, baseline: bool = True,
                  limit: int | None = None) -> list[ExtractionReport]:
    return [evaluate_extraction(Path(d), settings=settings, baseline=baseline, limit=limit) for d in dirs]


def mean_f1(reports: Sequence[ExtractionReport], *, baseline: bool = False) -> float:
    """Unweighted mean of the sets' F1 (each set counts once, whatever its size)."""
    scores = [r.baseline if baseline else r.ours for r in reports]
    return statistics.mean(s.f1 for s in scores if s is not None)


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _row(name: str, who: str, s: SystemScores) -> str:
    return (f"{name:<24} {who:<11} {_fmt(s.precision):>6} {_fmt(s.recall):>6} {_fmt(s.f1):>6} "
            f"{_fmt(s.f1_shingle4):>6} {s.failures:>5} {_fmt(s.title_acc):>6} {_fmt(s.author_acc):>6} "
            f"{_fmt(s.date_acc):>6} {s.date_pages:>5} {s.invented_dates:>8} {_fmt(s.pages_per_s, 1):>7}")


def render_reports(reports: Sequence[ExtractionReport]) -> str:
    """A plain text table: one row per set and extractor, then the mean F1 and totals."""
    head = (f"{'set':<24} {'extractor':<11} {'P':>6} {'R':>6} {'F1':>6} {'F1sh4':>6} {'fail':>5} "
            f"{'title':>6} {'author':>6} {'date':>6} {'dated':>5} {'invented':>8} {'pages/s':>7}")
    lines = [head, "-" * len(head)]
    for r in reports:
        lines.append(_row(f"{r.name} ({r.pages})", "eventwire", r.ours))
        if r.baseline:
            lines.append(_row("", "trafilatura", r.baseline))
    lines.append("-" * len(head))
    lines.append(_summary("eventwire", reports, baseline=False))
    if all(r.baseline for r in reports):
        lines.append(_summary("trafilatura", reports, baseline=True))
    return "\n".join(lines)


def totals(reports: Sequence[ExtractionReport], *, baseline: bool = False) -> dict[str, Any]:
    """Figures over all sets: mean F1, date accuracy over every dated page, invented dates."""
    scores = [s for s in (r.baseline if baseline else r.ours for r in reports) if s is not None]
    dated = sum(s.date_pages for s in scores)
    right = sum((s.date_acc or 0) * s.date_pages for s in scores)
    return {"mean_f1": mean_f1(reports, baseline=baseline), "date_accuracy": right / dated if dated else None,
            "dated_pages": dated, "invented_dates": sum(s.invented_dates for s in scores)}


def _summary(who: str, reports: Sequence[ExtractionReport], *, baseline: bool) -> str:
    t = totals(reports, baseline=baseline)
    return (f"{who:<12} mean F1 {t['mean_f1']:.3f}   date accuracy {_fmt(t['date_accuracy'])} "
            f"on {t['dated_pages']} dated pages   invented dates {t['invented_dates']}")
