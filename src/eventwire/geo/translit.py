"""Latin spellings of Russian and Ukrainian place names written in Cyrillic, as English news spells them.

GeoNames' Latin alternates of a Ukrainian town are mostly Ukrainian transliterations ("Mykolaiv",
"Kreminna") and old scholarly ones ("Nikolaev"); the Russian forms that Russian and wire copy use
("Nikolayev", "Kremennaya", "Artyomovsk") are often only in its Cyrillic alternates ("Николаев").
`latin_spellings` gives the two forms such copy uses: the BGN/PCGN romanisation ("Nikolayev",
"Mayskiy") and the plainer newsroom one ("Nikolaev", "Maysky"). A name with Ukrainian letters
(і, ї, є, ґ) is read by the Ukrainian national table instead ("Миколаїв" -> "Mykolaiv").
"""

from __future__ import annotations

from collections.abc import Callable

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ь": "", "ъ": "", "'": "", "’": "",
}
_RUSSIAN = {**_COMMON, "г": "g", "е": "e", "ё": "yo", "и": "i", "й": "y", "ы": "y", "э": "e"}
_UKRAINIAN = {**_COMMON, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i",
              "щ": "shch"}
_UKRAINIAN_LETTERS = frozenset("іїєґ")
_VOWELS = frozenset("аеёиоуыэюяіїє")
# word endings the newsroom spelling shortens: "Майский" is Maysky, "Красный" Krasny
_NEWS_ENDINGS = (("ий", "y"), ("ый", "y"))


def is_cyrillic(name: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in name) and not any(
        ch.isalpha() and not "\u0400" <= ch <= "\u04ff" for ch in name)


def latin_spellings(name: str) -> list[str]:
    """The Latin forms of a Cyrillic place name, most formal first; [] for a name in another script."""
    if not is_cyrillic(name):
        return []
    lower = name.lower()
    if _UKRAINIAN_LETTERS & set(lower):
        forms = [_word_by_word(lower, _ukrainian_word)]
    else:
        forms = [_word_by_word(lower, _bgn_word), _word_by_word(lower, _news_word)]
    out: list[str] = []
    for form in forms:
        cased = _title(form)
        if cased and cased not in out:
            out.append(cased)
    return out


def _word_by_word(text: str, convert: Callable[[str], str]) -> str:
    parts = []
    word = ""
    for ch in text:
        if ch.isalpha() or ch in "'’":
            word += ch
        else:
            parts.append(convert(word) if word else "")
            parts.append(ch)
            word = ""
    parts.append(convert(word) if word else "")
    return "".join(parts)


def _bgn_word(word: str) -> str:
    """BGN/PCGN: е is "ye" at the start of a word, after a vowel and after ь or ъ."""
    out = []
    for i, ch in enumerate(word):
        before = word[i - 1] if i else ""
        if ch in "её" and (not before or before in _VOWELS or before in "ьъ"):
            out.append("ye" if ch == "е" else "yo")
        else:
            out.append(_RUSSIAN.get(ch, ch))
    return "".join(out)


def _news_word(word: str) -> str:
    """The plainer form: ё is e, "-ий"/"-ый" end in y, е is "ye" only at the start or after ь."""
    for ending, latin in _NEWS_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return _news_word(word[: -len(ending)]) + latin
    out = []
    for i, ch in enumerate(word):
        before = word[i - 1] if i else ""
        if ch in "её" and (not before or before in "ьъ"):
            out.append("ye")
        else:
            out.append("e" if ch == "ё" else _RUSSIAN.get(ch, ch))
    return "".join(out)


def _ukrainian_word(word: str) -> str:
    """Ukraine's national table (2010): є, ї, й, ю, я are ye, yi, y, yu, ya at the start of a word."""
    out = []
    for i, ch in enumerate(word):
        if i == 0 and ch in "єїй":
            out.append({"є": "ye", "ї": "yi", "й": "y"}[ch])
        else:
            out.append(_UKRAINIAN.get(ch, ch))
    return "".join(out)


def _title(text: str) -> str:
    """Capitals as place names have them: each word, and after a hyphen ("Rostov-na-Donu" stays)."""
    words = text.split(" ")
    return " ".join("-".join(p[:1].upper() + p[1:] if len(p) > 2 else p for p in w.split("-")) for w in words)
