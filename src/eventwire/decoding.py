"""Bytes to text, trusting declarations only as far as the bytes bear them out.

Pages in this field often declare the wrong charset (cp1251 served as iso-8859-1) or none at all,
and single-byte charsets decode anything without error, so a declaration alone proves nothing.
Order: BOM, then strict UTF-8 (a non-UTF-8 page almost never decodes as UTF-8 by chance), then:
- words made only of high bytes mean a non-Latin script; the Cyrillic single-byte charsets are
  scored on how Russian/Ukrainian the result looks (Cyrillic letters, lower case inside words, the
  commonest letters), because general detectors confuse cp1251 and koi8-r on short mostly-English pages;
- otherwise Latin text: the declared charset, then cp1252, cp1250, ... in that order, the first
  that turns every high byte into a letter;
- anything else (CJK, Greek, Arabic, ...) goes to charset-normalizer over the text between tags,
  preferring a declared charset when the detector finds it about as plausible as its first choice.
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
_HIGH_WORD = re.compile(rb"[A-Za-z]*[\x80-\xff][\x80-\xffA-Za-z]*")
_ALL_HIGH = re.compile(rb"[\x80-\xff]+")
_CYRILLIC = ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866")
_LATIN = ("cp1252", "cp1250", "iso8859_2", "cp1257", "cp1254", "iso8859_15")
_TOP_CYRILLIC = frozenset("оеаинтсрвлкмдпу")  # the commonest letters of Russian and Ukrainian text
_CYRILLIC_MIN = 2.4  # of 3: below it the high bytes are probably not Cyrillic at all (CJK, Greek)


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
    words = _HIGH_WORD.findall(sample)
    if words and sum(bool(_ALL_HIGH.fullmatch(w)) for w in words) >= len(words) / 2:
        guess = _cyrillic(b" ".join(words), hint)
        if guess:
            return guess
    else:
        guess = _latin(b" ".join(words), hint)
        if guess:
            return guess
    return _general(sample, hint)


def _cyrillic(words: bytes, hint: str | None) -> str | None:
    order = [hint, *_CYRILLIC] if hint in _CYRILLIC else list(_CYRILLIC)
    scores = {enc: _cyrillic_score(words.decode(enc, errors="replace")) for enc in order}
    best = max(order, key=lambda enc: scores[enc])  # ties keep the earlier, more common charset
    return best if scores[best] >= _CYRILLIC_MIN else None


def _cyrillic_score(text: str) -> float:
    high = [c for c in text if ord(c) > 127]
    cyr = [c for c in high if "\u0400" <= c <= "\u04ff"]
    inner = [c for word in text.split() for c in word[1:] if "\u0400" <= c <= "\u04ff"]
    lower = [c for c in cyr if c.islower()]
    return (len(cyr) / max(len(high), 1) + sum(c.islower() for c in inner) / max(len(inner), 1)
            + sum(c in _TOP_CYRILLIC for c in lower) / max(len(lower), 1))


def _latin(words: bytes, hint: str | None) -> str | None:
    for enc in dict.fromkeys([hint, *_LATIN] if hint else _LATIN):
        text = words.decode(enc, errors="replace")
        high = [c for c in text if ord(c) > 127]
        if high and sum(c.isalpha() for c in high) >= 0.95 * len(high):
            return enc
    return None


def _general(sample: bytes, hint: str | None) -> str:
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
