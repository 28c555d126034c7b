"""One event, many reports: the seed article, rewrites of it on other sites, and a second article on
the same Belgorod attack with another toll, ingested into a real SQLite store (and, where a test takes
`store_url`, a PostgreSQL database too) and resolved."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from eventwire import api
from eventwire.evaluation.clusters import evaluate_clusters, score_clusters
from eventwire.resolve import queries
from eventwire.resolve.copies import signature
from eventwire.resolve.matching import km
from eventwire.resolve.provenance import credited_wires
from eventwire.resolve.run import Resolver
from eventwire.resolve.trending import parse_window, trending
from eventwire.store import Store

DATA = Path(__file__).parent / "data"
SEED_TEXT = (DATA / "seed-article.txt").read_text("utf-8")
KHARKIV, BELGOROD = (49.99, 36.23), (50.60, 36.59)
SECOND = [
    "BELGOROD, Dec 31 - At least 25 people were killed, including five children, when Ukrainian rockets hit "
    "the centre of Belgorod on Saturday, the regional governor said.",
    "More than 100 people were wounded in the attack on the Russian border city, officials said, in one of the "
    "deadliest strikes on Russian territory since the war began.",
    "Russia's defence ministry said Ukraine had used cluster munitions in the attack and promised retaliation.",
]


def _page(site: str, title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} - {site}</title>
<meta property="article:published_time" content="2023-12-31T11:00:00+00:00">
<meta property="og:site_name" content="{site}"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<article><h1>{title}</h1>{body}</article>
<aside><h3>Trending</h3><ul><li><a href="/x">Celebrity news today</a></li></ul></aside>
<div class="comments"><h3>Leave a comment</h3><form><textarea></textarea></form></div>
<footer>© {site}</footer></body></html>"""


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """The seed page, two rewrites of it with other boilerplate and edits, and another outlet's report."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.html").write_bytes((DATA / "extraction" / "seed-article.html").read_bytes())
    paragraphs = [p for p in SEED_TEXT.split("\n") if p.strip() and not p.startswith("Also Read")][1:]
    first = [paragraphs[0].replace("The recent escalation", "A fresh escalation"), *paragraphs[1:-1],
             "ADVERTISEMENT: Subscribe to our newsletter for daily updates."]
    (folder / "rewrite1.html").write_text(_page("World Wire Today", "Russia strikes Kharkiv after Belgorod attack",
                                                first))
    reordered = [paragraphs[2], paragraphs[1], paragraphs[0], *paragraphs[3:]]
    (folder / "rewrite2.html").write_text(_page("Kyiv Morning Post", "Russian drones hit Kharkiv, 22 hurt", reordered))
    (folder / "other.html").write_text(_page("Border Gazette", "Belgorod death toll rises to 25", SECOND))
    return folder


def _near(event: dict, point: tuple[float, float], radius: float = 25.0) -> bool:
    loc = event.get("location") or {}
    return loc.get("latitude") is not None and km(loc["latitude"], loc["longitude"], *point) <= radius


def test_one_event_per_real_event_with_sources_and_both_tolls(reports: Path, store_url: str, settings) -> None:
    summary = api.ingest_paths([str(reports)], db=store_url, settings=settings)
    assert summary.stored == 4 and summary.copies == 2
    with Store(store_url) as store:
        events = queries.merged_events(store, limit=None)
        families = {d["title"]: d["copy_family"] for d in store.documents(limit=10)}
    kharkiv = [e for e in events if _near(e, KHARKIV) and e["event_type"] == "Explosions/Remote violence"]
    belgorod = [e for e in events if _near(e, BELGOROD)]
    assert len(kharkiv) == 1 and len(belgorod) == 1
    assert kharkiv[0]["n_reports"] == 3 and kharkiv[0]["n_sources"] == 1  # the seed and its rewrites: one source
    assert kharkiv[0]["injured"]["best"] == 22 and kharkiv[0]["injured"]["reports"][0]["qualifier"] == "at least"
    attack = belgorod[0]
    assert attack["n_reports"] == 4 and attack["n_sources"] == 2
    dead = attack["fatalities"]
    assert sorted({r["best"] for r in dead["reports"]}) == [22, 25]
    assert (dead["low"], dead["high"], dead["acled"], dead["disagreement"]) == (22, 25, 22, True)
    assert {r["qualifier"] for r in dead["reports"]} == {"at least"}
    assert len(set(families.values())) == 2  # the seed family and the other outlet


def test_resolution_adds_nothing_on_a_rerun_and_a_split_survives_a_rebuild(reports: Path, store_url: str,
                                                                           settings) -> None:
    api.ingest_paths([str(reports)], db=store_url, settings=settings)
    with Store(store_url) as store:
        before = queries.merged_events(store, limit=None)
        belgorod = next(e for e in before if _near(e, BELGOROD))
        moved = belgorod["mention_ids"][-1]
        queries.override(store, [moved], "evsplitbyhand01", "split")
        again = api.ingest_paths([str(reports)], db=store_url, settings=settings)
        assert again.unchanged == 4 and again.events_new == 0
        Resolver(store, settings).rebuild()
        after = queries.merged_events(store, limit=None)
        split = queries.merged_event(store, "evsplitbyhand01")
    assert len(after) == len(before) + 1
    assert split is not None and split["mention_ids"] == [moved]
    assert split["mentions"][0]["reason"] == {"override": "split", "new": True}


def test_show_explains_why_each_mention_joined(reports: Path, store_url: str, settings) -> None:
    api.ingest_paths([str(reports)], db=store_url, settings=settings)
    with Store(store_url) as store:
        event = next(e for e in queries.merged_events(store, limit=None) if _near(e, BELGOROD))
    shown = subprocess.run([sys.executable, "-m", "eventwire", "--db", store_url, "show", event["id"]],
                           capture_output=True, text=True, check=True).stdout
    assert "started the event" in shown and "same sub-type" in shown and "Border Gazette" in shown
    exported = subprocess.run([sys.executable, "-m", "eventwire", "--db", store_url, "export", "events",
                               "-f", "csv"], capture_output=True, text=True, check=True).stdout
    header = exported.splitlines()[0].split(",")
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and "n_sources" in header


def test_minhash_tells_an_edited_copy_from_another_article() -> None:
    body = [p for p in SEED_TEXT.split("\n") if p.strip()]
    copy = "Advertisement\n" + "\n".join(body[:-2]).replace("recent", "latest") + "\nShare this article"
    other = " ".join(SECOND * 3)
    original = signature("\n".join(body))
    assert original is not None and original.similarity(signature(copy)) >= 0.6  # type: ignore[arg-type]
    assert original.similarity(signature(other)) < 0.1  # type: ignore[arg-type]


def test_cluster_scores_count_false_and_missed_merges() -> None:
    scores = score_clusters(["a", "a", "a", "b", "b"], [1, 1, 2, 2, 2])
    assert (scores.false_merges, scores.missed_merges) == (2, 2)
    assert scores.b3_precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5, abs=1e-4)
    assert scores.cluster_ratio == 1.0
    perfect = score_clusters(["x", "x", "y"], ["p", "p", "q"])
    assert perfect.b3_f1 == perfect.pairwise_f1 == 1.0


def test_copy_families_of_the_fixture_are_found(settings) -> None:
    report = evaluate_clusters(DATA / "copies" / "wikinews-copies.jsonl", "copies", settings=settings)
    assert report.scores.pairwise_f1 >= 0.95 and report.scores.false_merges == 0


def test_a_burst_outranks_a_steady_stream() -> None:
    import datetime as dt

    day = dt.datetime(2024, 1, 10, 12, tzinfo=dt.UTC)
    steady = [("steady", "steady", day - dt.timedelta(days=d)) for d in range(8) for _ in range(3)]
    burst = [("burst", "burst", day - dt.timedelta(hours=h)) for h in range(4)]
    ranked = trending(steady + burst, parse_window("24h"))
    assert [t.key for t in ranked][:2] == ["burst", "steady"] and ranked[0].z > 3 > ranked[1].z
    with pytest.raises(ValueError, match="24h"):
        parse_window("yesterday")


def test_wire_credits_join_reports_into_one_source() -> None:
    assert credited_wires("KYIV (Reuters) - Russian drones hit Kharkiv") == ["Reuters"]
    assert credited_wires("The toll rose, according to the Associated Press.\n— AFP") == ["AP", "AFP"]
    assert credited_wires("Russia says it will respond; the ap of the story") == []


def test_same_inputs_in_the_same_order_give_the_same_events(reports: Path, tmp_path: Path, settings) -> None:
    ids = []
    for name in ("a.db", "b.db"):
        api.ingest_paths([str(reports)], db=str(tmp_path / name), settings=settings)
        with Store(str(tmp_path / name)) as store:
            events = queries.merged_events(store, limit=None, filters=queries.EventFilter(interactions=True))
            ids.append(sorted((e["id"], tuple(sorted(e["mention_ids"])), e["n_sources"]) for e in events))
    assert ids[0] == ids[1] and len(ids[0]) > 4


def test_merged_events_and_mentions_export_to_parquet(reports: Path, tmp_path: Path, db_path: Path,
                                                      settings) -> None:
    import pyarrow.parquet as pq

    api.ingest_paths([str(reports)], db=str(db_path), settings=settings)
    for what in ("events", "mentions"):
        target = tmp_path / f"{what}.parquet"
        subprocess.run([sys.executable, "-m", "eventwire", "-q", "--db", str(db_path), "export", what, "-f",
                        "parquet", "-o", str(target)], check=True)
        table = pq.read_table(target).to_pylist()
        belgorod = [r for r in table if r["location"] == "Belgorod" and r["event_type"]]
        assert belgorod and belgorod[0]["iso"] == 643 and belgorod[0]["event_id"].startswith("ev")
    assert belgorod[0]["n_sources"] is None  # a mention row; the merged row carries the count


def test_figures_over_sources_follow_the_documented_rule() -> None:
    from eventwire.resolve.merge import Report, merged_event

    def report(doc: str, site: str, best: int, low: int | None = None, family: str | None = None) -> Report:
        toll = {"low": low if low is not None else best, "best": best, "high": best, "qualifier": "exact",
                "text": f"{best} dead"}
        mention = {"id": f"m-{doc}", "doc_id": doc, "event_type": "Battles", "sub_event_type": "Armed clash",
                   "event_date": "2024-01-02", "time_precision": 1, "fatalities": toll, "confidence": 0.9}
        return Report(mention, site, family, ())

    # three independent sources (20, 22, 30) and a copy of the first that raised its figure to 21
    event = merged_event("ev1", [report("a", "x.com", 20, family="a"), report("b", "y.com", 22, low=18),
                                 report("c", "z.com", 30), report("d", "w.com", 21, family="a")])
    dead = event["fatalities"]
    assert event["n_reports"] == 4 and event["n_sources"] == 3
    assert dead["by_source"] == [21, 22, 30]  # the copy family counts once, with its highest figure
    assert (dead["low"], dead["best"], dead["high"], dead["acled"]) == (18, 22, 30, 21)
    assert dead["disagreement"] and len(dead["reports"]) == 4


def test_a_resolver_picks_up_what_another_process_resolved_meanwhile(tmp_path: Path, store_url: str,
                                                                      settings) -> None:
    """Two resolvers taking turns on one store (two processes sharing a PostgreSQL database) leave what
    one resolver doing every batch leaves: each reloads the stories when the other resolved since."""
    from conftest import write_pages
    from eventwire.ingest import ingest
    from eventwire.store.schema import documents, groups

    settings["resolve"]["after_ingest"] = False
    batches = [write_pages(tmp_path / f"in{i}", 3, start=3 * i) for i in range(3)]
    results = []
    for url, turns in ((store_url, (1, 0, 1)), (str(tmp_path / "one.db"), (0, 0, 0))):
        with Store(url) as store:
            resolvers = [Resolver(store, settings), Resolver(store, settings)]
            for paths, turn in zip(batches, turns, strict=True):
                ingest([str(p) for p in paths], store, settings)
                resolvers[turn].resolve_pending()
            with store.engine.connect() as conn:
                docs = conn.execute(select(documents.c.id, documents.c.copy_family, documents.c.story_id,
                                           documents.c.event_group).order_by(documents.c.resolved)).all()
                stored = conn.execute(select(groups.c.kind, groups.c.id, groups.c.size, groups.c.weights)
                                      .order_by(groups.c.kind, groups.c.id)).all()
            merged = sorted((e["id"], tuple(e["mention_ids"])) for e in queries.merged_events(store, limit=None))
            results.append(([tuple(d) for d in docs], [tuple(g) for g in stored], merged))
    assert results[0] == results[1]
    assert sum(size for _, _, size, _ in results[0][1]) == 2 * 9  # each document counted once in a story and a group
