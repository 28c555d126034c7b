"""Sparse n-gram features shared by training and prediction, so the two can never drift apart.

A text becomes word 1–2-grams plus character 3–5-grams inside word boundaries (the `char_wb` analyser of
scikit-learn), weighted 1 + log(count) × idf and L2-normalised. Digits become `0` and a leading ACLED
date clause ("On 3 March 2023,") is dropped: dates and numbers say nothing about the event type, and
keeping them would teach the model that ACLED notes look different from news sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain, pairwise

import numpy as np

_LEADING_DATE = re.compile(
    r"^\s*(on|between|around|from)\s+(\d{1,2}(st|nd|rd|th)?\s+)?"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s+\d{1,2}(?!\d))?,?(\s+\d{4})?,?\s*"
)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[a-z0]+(?:['’-][a-z0]+)*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
CHAR_SIZES = (3, 4, 5)
WORD_CACHE = 200_000  # words whose columns a vectoriser remembers (a few tens of MB at most)


def normalise(text: str) -> str:
    """Lower-case, unify quotes, drop a leading date clause, fold digits to 0."""
    text = text.translate(_QUOTES).lower()
    text = _LEADING_DATE.sub("", text, count=1)
    return _DIGITS.sub("0", text)


def tokens(text: str) -> list[str]:
    """Words of a normalised text."""
    return _WORD.findall(text)


def ngrams(text: str) -> Counter[str]:
    """Feature strings with their counts: `w:` word uni/bigrams, `c:` character n-grams of each word."""
    words = tokens(normalise(text))
    feats: Counter[str] = Counter("w:" + w for w in words)
    feats.update(f"w:{a} {b}" for a, b in pairwise(words))
    for word, times in Counter(words).items():
        for gram in _char_grams(word):
            feats[gram] += times
    return feats


@lru_cache(maxsize=65_536)
def _char_grams(word: str) -> tuple[str, ...]:
    """A word's `c:` features; words repeat across sentences, so each is cut once."""
    padded = f" {word} "
    return tuple("c:" + padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1))


class Vectoriser:
    """Maps texts to L2-normalised tf-idf rows over a fixed vocabulary."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray) -> None:
        self.vocabulary = list(vocabulary)
        self.index: dict[str, int] = {f: i for i, f in enumerate(self.vocabulary)}
        self.idf = idf.astype(np.float32)
        self._word_cache: dict[str, tuple[int, ...]] = {}

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices (ascending) and weights of one text, the features of `ngrams` that the
        vocabulary knows (empty arrays when there are none)."""
        index = self.index
        words = tokens(normalise(text))
        counts: dict[int, int] = {}
        for feature in chain(("w:" + w for w in words), (f"w:{a} {b}" for a, b in pairwise(words))):
            if (col := index.get(feature)) is not None:
                counts[col] = counts.get(col, 0) + 1
        for word, times in Counter(words).items():
            for col in self._char_columns(word):
                counts[col] = counts.get(col, 0) + times
        if not counts:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        cols = np.fromiter(sorted(counts), np.int64, len(counts))
        values = (1.0 + np.log(np.fromiter((counts[c] for c in cols.tolist()), np.float32, len(cols)))) * self.idf[cols]
        return cols, values / np.linalg.norm(values)

    def _char_columns(self, word: str) -> tuple[int, ...]:
        """The known columns of a word's character n-grams, repeats kept; cut once per word."""
        cols = self._word_cache.get(word)
        if cols is None:
            index = self.index
            cols = tuple(c for g in _char_grams(word) if (c := index.get(g)) is not None)
            if len(self._word_cache) < WORD_CACHE:
                self._word_cache[word] = cols
        return cols

    def matrix(self, texts: Iterable[str]):  # -> scipy.sparse.csr_matrix, for training only
        from scipy.sparse import csr_matrix

        data, indices, indptr = [], [], [0]
        for text in texts:
            cols, values = self.row(text)
            indices.append(cols)
            data.append(values)
            indptr.append(indptr[-1] + len(cols))
        shape = (len(indptr) - 1, len(self.vocabulary))
        if not indices:
            return csr_matrix(shape, dtype=np.float32)
        return csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=shape)

    @classmethod
    def fit(cls, texts: Sequence[str], *, min_df: int = 2, max_features: int = 40_000) -> Vectoriser:
        """Keep the `max_features` features found in most texts (at least `min_df`); smooth idf as sklearn."""
        df: Counter[str] = Counter()
        for text in texts:
            df.update(ngrams(text).keys())
        kept = [(f, n) for f, n in df.items() if n >= min_df]
        kept.sort(key=lambda fn: (-fn[1], fn[0]))  # ties broken by name: the same data gives the same model
        kept = kept[:max_features]
        n_docs = len(texts)
        idf = np.array([math.log((1 + n_docs) / (1 + n)) + 1.0 for _, n in kept], np.float32)
        return cls([f for f, _ in kept], idf)

    def to_arrays(self) -> Mapping[str, np.ndarray]:
        return {"vocabulary": np.array(self.vocabulary), "idf": self.idf}
