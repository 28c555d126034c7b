"""Bytes to text, trusting declarations only as far as the bytes bear them out.

Pages in this field often declare the wrong charset (cp1251 served as iso-8859-1) or none at all,
and single-byte charsets decode anything without error, so a declaration alone proves nothing.
Order: BOM, then strict UTF-8 (a non-UTF-8 page almost never decodes as UTF-8 by chance), then
statistical detection over the text between tags, preferring a declared charset when the
detector finds it about as plausible as its own first choice.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import DecodeError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TAGS = re.compile(rb"<script.*?</script>|<style.*?</style>|<[^>]*>", re.I | re.S)
_SAMPLE = 200_000  # bytes of tag-stripped text given to the detector: enough, and bounded cost


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (`<meta charset>` or http-equiv)."""
    m = _META.search(data[:4096])
    return _normalise(m.group(1).decode("ascii", "ignore")) if m else None


def _normalise(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """Decode `data`; return (text, encoding used). Raise DecodeError for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    if b"\x00" in data[:8192]:
        raise DecodeError("input looks binary (NUL bytes), not text or HTML; skip it or convert it to text first")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    hint = _normalise(declared) or (declared_charset(data) if html else None)
    enc = _detect(data, hint, html)
    return data.decode(enc, errors="replace"), enc


def _detect(data: bytes, hint: str | None, html: bool) -> str:
    sample = _TAGS.sub(b" ", data)[:_SAMPLE] if html else data[:_SAMPLE]
    results = from_bytes(sample, threshold=0.3)
    best = results.best()
    if best is None:
        if hint:
            return hint
        raise DecodeError("cannot tell the text encoding (not UTF-8, no plausible charset found); "
                          "re-save the file as UTF-8 or pass its charset")
    if hint and hint != _normalise(best.encoding):
        for match in results:
            if _normalise(match.encoding) == hint and match.chaos <= best.chaos + 0.02:
                return hint
    return best.encoding
