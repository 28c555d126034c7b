"""The keys names are looked up by, shared by the gazetteer reader and its build script.

A name is looked up by its folded form (lower case, accents and apostrophes off), so "Khar'kov",
"Kharkov" and "KHARKOV" meet. Two looser keys catch spellings the alternates lack: a
transliteration skeleton (kh→h, y→i, doubled letters once) and, for longer names, any skeleton one
edit away ("Kharkhiv").
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_DOUBLED = re.compile(r"(.)\1+")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`´")
# Letters a skeleton can hold (j, w, y are folded away); edits draw on these and the key's own letters.
_SKELETON_LETTERS = "abcdefghiklmnopqrstuvxz"


def fold(name: str) -> str:
    """The look-up key: lower case, no accents or apostrophes, other punctuation as spaces."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def fold_case(name: str) -> str:
    """`fold` with the accents kept: equal to `fold(name)` only when no accent was folded away."""
    return " ".join(_NON_WORD.sub(" ", name.translate(_APOSTROPHES).lower()).split())


def skeleton(folded: str) -> str:
    """Collapse the letters English, Ukrainian and Russian romanisations disagree on."""
    text = folded.replace("kh", "h").replace("y", "i").replace("j", "i").replace("w", "v").replace(" ", "")
    return _DOUBLED.sub(r"\1", text)


def one_edit(key: str) -> set[str]:
    """Every string one deletion, insertion, substitution or adjacent swap away from `key`."""
    letters = set(_SKELETON_LETTERS) | set(key)
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(key)
    return out
