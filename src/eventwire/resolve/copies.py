"""Copy families: near-duplicate and lightly rewritten copies of one article, found with MinHash LSH.

A document's signature is datasketch's MinHash over its word 5-shingles (the extracted main text, so
menus and comment forms are mostly gone already). The signature is cut into `BANDS` bands of `ROWS`
values; two documents that agree on any band are candidates, and a candidate whose estimated Jaccard
similarity reaches `[resolve] copy_threshold` is a copy. With 32 bands of 4 rows a pair at Jaccard 0.5
is found with probability 1 − (1 − 0.5⁴)³² ≈ 0.87, at 0.6 ≈ 0.99.

The band keys live in the store (table `copy_bands`, indexed), not in datasketch's in-memory
`MinHashLSH`: the index must survive restarts and be shared by every process writing to the store,
and a band look-up is one indexed query whose cost does not grow with the number of documents.
A new copy joins the family of the most similar earlier document; the family id is the id of the
family's first document.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS, ROWS = 32, 4
SHINGLE = 5
SEED = 1
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    values: np.ndarray  # uint64, NUM_PERM long

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u8"))

    def bands(self) -> list[str]:
        """One key per band: the band number and a digest of its values."""
        raw = self.values.astype("<u8")
        return [f"{b:02d}" + hashlib.blake2b(raw[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
                for b in range(BANDS)]

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)]


def signature(text: str) -> Signature | None:
    """The MinHash of a text's shingles; None for a text with no words."""
    grams = shingles(text)
    if not grams:
        return None
    from datasketch import MinHash  # its package import pulls in scipy (0.7 s): only where a text is hashed

    sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update_batch(grams)
    return Signature(np.asarray(sketch.hashvalues, dtype=np.uint64))
