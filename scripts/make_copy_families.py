"""Make copy-family gold: each article plus copies of it the way republishing sites make them.

    python scripts/make_copy_families.py --articles ../shared/data/giveme5w1h-newscluster/dev.jsonl \
        --out out/copy-families.jsonl
    eventwire eval clusters --level copies --gold out/copy-families.jsonl

The recipe (seeded, so the same inputs give the same file): every article is kept once as it is and,
for a random two thirds of them, gets 1–5 copies. Each copy applies 2–5 of these edits, as aggregators
and partner sites do: a new headline; another site's boilerplate lines around the text (menus,
"Advertisement", "Share this article", "Related:" links, a newsletter box); the last paragraphs cut;
two neighbouring paragraphs swapped; an advertisement line inserted in the middle; a handful of words
replaced ("said" → "stated"); a dateline or wire credit added. Articles of the same story by different
outlets (Giveme5W1H groups them) are separate families, the hard negatives, but only when their first
40 words differ (word-set Jaccard under 0.5): some outlets there run the same AP or Reuters copy, which
is one family in truth, and such an article is left out rather than labelled a different family.

The output holds the publishers' text: it is written outside the package and not committed
(`out/` is ignored). `data/copies/README.md` records the recipe and the measured figures.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SITES = [
    ["Home | World | Politics | Business | Tech | Sport", "Share this article", "Advertisement"],
    ["MENU", "Latest News", "Trending: Markets, Weather, Elections", "Sign up for our newsletter"],
    ["Skip to content", "Breaking News", "Follow us on social media", "Comments (0)"],
    ["You are here: News > World", "Print this page", "Related: More stories from our wire desk"],
]
SYNONYMS = {"said": "stated", "says": "states", "killed": "left dead", "attack": "assault", "people": "persons",
            "officials": "authorities", "government": "administration", "city": "town", "told": "informed",
            "began": "started", "after": "following", "about": "around", "big": "large", "also": "additionally"}
PREFIXES = ["UPDATE: ", "Breaking: ", "WATCH: ", "", "Latest: "]
CREDITS = ["(Reuters) - ", "(AP) — ", "", "", ""]


def copies_of(record: dict, rng: random.Random, n: int) -> list[dict]:
    out = []
    for k in range(n):
        paras = [p for p in record["text"].split("\n") if p.strip()]
        title = record.get("title") or (paras[0][:80] if paras else "")
        edits = rng.sample(["headline", "boilerplate", "trim", "swap", "ad", "words", "credit"], rng.randint(2, 5))
        if "trim" in edits and len(paras) > 4:
            paras = paras[: max(3, int(len(paras) * rng.uniform(0.6, 0.9)))]
        if "swap" in edits and len(paras) > 3:
            i = rng.randrange(1, len(paras) - 1)
            paras[i], paras[i + 1] = paras[i + 1], paras[i]
        if "ad" in edits and len(paras) > 2:
            paras.insert(len(paras) // 2, rng.choice(["ADVERTISEMENT", "Story continues below advertisement"]))
        if "words" in edits:
            paras = [_replace_words(p, rng) for p in paras]
        if "credit" in edits and paras:
            paras[0] = rng.choice(CREDITS) + paras[0]
        if "headline" in edits:
            title = rng.choice(PREFIXES) + (title.rstrip(".") + rng.choice(["", " - report", ": what we know"]))
        if "boilerplate" in edits:
            site = rng.choice(SITES)
            paras = site[:2] + paras + site[2:]
        out.append({"id": f"{record['id']}-copy{k + 1}", "cluster": f"family-{record['id']}", "title": title,
                    "text": "\n".join(paras), "date": record.get("date"), "edits": sorted(edits)})
    return out


def _replace_words(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split(" ")
    for i, word in enumerate(words):
        if word in SYNONYMS and rng.random() < 0.5:
            words[i] = SYNONYMS[word]
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, action="append", required=True, help="JSONL with id, text, title")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows: list[dict] = []
    leads: dict[str, list[set[str]]] = {}
    for path in args.articles:
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            if len(record.get("text") or "") < 400:
                continue  # a stub page: its copies would be copies of boilerplate
            lead = set(record["text"].lower().split()[:40])
            story = leads.setdefault(str(record.get("cluster") or record["id"]), [])
            if any(len(lead & other) / len(lead | other) >= 0.5 for other in story):
                continue  # the same wire copy as an article already taken
            story.append(lead)
            rows.append({"id": record["id"], "cluster": f"family-{record['id']}", "title": record.get("title"),
                         "text": record["text"], "date": record.get("date"), "edits": []})
            if rng.random() < 2 / 3:
                rows += copies_of(record, rng, rng.randint(1, 5))
    rng.shuffle(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} texts in {len({r['cluster'] for r in rows})} families -> {args.out}")


if __name__ == "__main__":
    main()
