"""Who a report comes from: its site, its copy family, and the wire or outlet it credits.

"(Reuters) -", "— AFP", "according to the Associated Press", "based on information provided by
Ukrinform": a story credited to a wire is that wire's report, however many sites carry it, so the
credit joins the documents into one source just as a copy family does.
"""

from __future__ import annotations

import re

WIRES = {
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "xinhua": "Xinhua", "tass": "TASS",
    "interfax": "Interfax", "ria novosti": "RIA Novosti", "ukrinform": "Ukrinform", "unian": "UNIAN",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA",
    "bloomberg": "Bloomberg", "upi": "UPI", "pap": "PAP", "bna": "BNA", "ani": "ANI", "pti": "PTI",
}
_NAMES = "|".join(sorted((re.escape(k) for k in WIRES), key=len, reverse=True))
_CREDIT = re.compile(
    rf"\((?P<a>{_NAMES})\)"  # dateline: KYIV (Reuters) -
    rf"|[—–-]\s*(?P<b>{_NAMES})\s*$"  # a closing credit line: "— AFP"
    rf"|\b(?:according to|based on information (?:provided|supplied) by|citing|told|(?:reported|said) by)\s+"
    rf"(?P<c>{_NAMES})\b"
    rf"|\b(?P<d>{_NAMES})\s+(?:reported|said|news agency)\b",
    re.IGNORECASE | re.MULTILINE)
# two-letter names are too common as words in running text; only a dateline or a credit line counts
_SHORT_ONLY_IN = ("a", "b")


def credited_wires(text: str) -> list[str]:
    """The wires a text credits, in order of first credit, each once."""
    found: dict[str, None] = {}
    for match in _CREDIT.finditer(text):
        group = next(g for g in ("a", "b", "c", "d") if match.group(g))
        name = match.group(group)
        if len(name) <= 3 and group not in _SHORT_ONLY_IN and not name.isupper():
            continue
        found.setdefault(WIRES[name.lower()], None)
    return list(found)
