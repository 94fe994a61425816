"""Story clustering (newsweave.cluster), B-cubed scoring and `newsweave eval cluster`."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from newsweave import cluster, stories
from newsweave.config import load_config
from newsweave.evaluate.cluster import baseline_clusters, bcubed, load_dataset
from newsweave.model import Article

# Three fictional stories, three outlets each, told in different words.
STORIES = {
    "dam": [
        (
            "Floodwater breaches Lindqvist dam, villages evacuated",
            "The Lindqvist dam on the river Orne gave way before dawn on Sunday, sending "
            "floodwater into the villages of Hallby and Torne. Rescue crews evacuated some 2,000 "
            "residents by boat. Engineers had warned about cracks in the dam wall last spring.",
        ),
        (
            "Thousands flee as Orne river dam collapses",
            "Around two thousand people were taken from their homes in Hallby and Torne after the "
            "ageing Lindqvist dam collapsed overnight. Firefighters used boats to reach families "
            "trapped by the flood water on the Orne.",
        ),
        (
            "Dam failure: questions over ignored warnings",
            "Residents of Torne asked why repairs to the Lindqvist dam were postponed after "
            "engineers reported cracks last year. The regional governor promised an inquiry into "
            "Sunday's collapse, which flooded two villages on the river Orne.",
        ),
    ],
    "chip": [
        (
            "Veltrix unveils its first laptop processor",
            "Chipmaker Veltrix on Tuesday presented the V1, its first processor for laptops, "
            "claiming twice the battery life of rival chips. The company said computer makers will "
            "ship the first V1 machines in the autumn.",
        ),
        (
            "Veltrix V1 chip promises longer battery life",
            "Semiconductor start-up Veltrix showed its V1 laptop chip at a launch event, saying "
            "notebooks built on it will last a full day on one charge. Shipments to laptop makers "
            "begin in September.",
        ),
        (
            "Investors cheer Veltrix processor launch",
            "Shares in Veltrix rose 9 percent after the company launched the V1 laptop processor. "
            "Analysts said the chip's battery claims, if confirmed, could win orders from large "
            "computer makers.",
        ),
    ],
    "final": [
        (
            "Harbour City win cup final on penalties",
            "Harbour City beat Northgate Rovers 5-4 on penalties in the national cup final on "
            "Saturday after a 1-1 draw. Goalkeeper Tomas Ek saved the decisive kick in front of "
            "60,000 fans.",
        ),
        (
            "Ek the hero as Harbour City lift the cup",
            "Tomas Ek saved two penalties as Harbour City won the cup, beating Northgate Rovers in "
            "a shoot-out after extra time ended level at one goal each.",
        ),
        (
            "Northgate Rovers heartbroken after shoot-out defeat",
            "Northgate Rovers' manager said his players gave everything in the cup final, which "
            "they lost on penalties to Harbour City after a 1-1 draw at the national stadium.",
        ),
    ],
}


def make_articles(days: dict[str, int] | None = None) -> list[Article]:
    out = []
    for story, items in STORIES.items():
        for i, (title, text) in enumerate(items):
            day = (days or {}).get(story, 10)
            out.append(
                Article(
                    id=f"{story}{i}",
                    title=title,
                    text=text,
                    outlet=f"Outlet {i}",
                    published=f"2026-05-{day:02d}T{8 + i:02d}:00:00",
                    source=f"{story}{i}.txt",
                )
            )
    return out


def partition(state: cluster.ClusterState, ids) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid in ids:
        groups.setdefault(state.assignment[aid], set()).add(aid)
    return {frozenset(g) for g in groups.values()}


GOLD = {frozenset(f"{s}{i}" for i in range(3)) for s in STORIES}


@pytest.fixture(scope="module")
def embeddings():
    """Embeddings of the hand-built articles, computed once (one batched model call)."""
    from newsweave import nlp

    arts = make_articles()
    return {
        a.id: row
        for a, row in zip(arts, nlp.embed([cluster.head_text(a) for a in arts]), strict=True)
    }


def run_batches(batches: list[list[Article]], embeddings, state=None):
    import numpy as np

    state = state or cluster.ClusterState()
    changed_all = []
    for batch in batches:
        emb = np.stack([embeddings[a.id] for a in batch])
        _, state, changed = cluster.cluster_articles(batch, state, embeddings=emb)
        changed_all.append(changed)
    return state, changed_all


def test_three_stories_are_found(embeddings):
    arts = make_articles()
    state, _ = run_batches([arts], embeddings)
    assert partition(state, [a.id for a in arts]) == GOLD


def test_same_people_different_story_is_not_merged(embeddings):
    import numpy as np

    from newsweave import nlp

    other = Article(
        id="ek-charity",
        title="Goalkeeper Tomas Ek opens a youth football school in Hallby",
        text="Harbour City goalkeeper Tomas Ek opened a free football school for children in "
        "his home village of Hallby on Wednesday, funded by a local bakery and the club.",
        published="2026-07-20T10:00:00",
    )
    arts = make_articles()
    embeddings = dict(embeddings)
    embeddings[other.id] = nlp.embed([cluster.head_text(other)])[0]
    state, _ = run_batches([arts + [other]], embeddings)
    groups = partition(state, [a.id for a in arts] + [other.id])
    assert frozenset({"ek-charity"}) in groups
    assert np.isfinite(state.df.sum())


def test_input_order_does_not_change_the_stories(embeddings):
    arts = make_articles()
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        state, _ = run_batches([shuffled], embeddings)
        assert partition(state, [a.id for a in arts]) == GOLD


def test_batching_in_any_order_gives_the_same_stories_on_this_set(embeddings):
    # documented bound: on the dev sets, 10 shuffled increments are within 0.02 B-cubed F1 of
    # one batch; on this well-separated set the stories are identical.
    arts = make_articles()
    for seed in range(3):
        shuffled = arts[:]
        random.Random(seed).shuffle(shuffled)
        batches = [shuffled[i : i + 2] for i in range(0, len(shuffled), 2)]
        state, _ = run_batches(batches, embeddings)
        assert partition(state, [a.id for a in arts]) == GOLD


def test_incremental_assignment_keeps_story_ids_and_reports_changed_stories(embeddings):
    arts = make_articles()
    first = [a for a in arts if a.id in ("dam0", "dam1", "chip0", "chip1", "chip2")]
    state, _ = run_batches([first], embeddings)
    keys_before = {aid: state.assignment[aid] for aid in (a.id for a in first)}
    assert len(set(keys_before.values())) == 2
    # a story's key is the id of the article that opened it
    assert set(keys_before.values()) <= {a.id for a in first}
    second = [a for a in arts if a.id in ("dam2", "final0", "final1", "final2")]
    state, (changed,) = run_batches([second], embeddings, state)
    assert {aid: state.assignment[aid] for aid in keys_before} == keys_before
    assert state.assignment["dam2"] == keys_before["dam0"]
    final_key = state.assignment["final0"]
    assert final_key not in keys_before.values()
    # only the dam story (new member) and the new final story changed; the chip story did not
    assert changed == {keys_before["dam0"], final_key}
    assert partition(state, [a.id for a in arts]) == GOLD


def test_state_round_trips_through_the_store(tmp_path, embeddings):
    from newsweave.store import Store

    arts = make_articles()
    state, (changed,) = run_batches([arts[:5]], embeddings)
    with Store(tmp_path / "nw.db") as store:
        stories.save_cluster_state(store, state, changed)
    with Store(tmp_path / "nw.db") as store:
        loaded = stories.load_cluster_state(store)
    assert loaded.assignment == state.assignment
    assert loaded.n_docs == state.n_docs and (loaded.df == state.df).all()
    for key, story in state.stories.items():
        other = loaded.stories[key]
        assert other.members == story.members
        assert abs(other.term_norm() - story.term_norm()) < 1e-4
    # continuing from the stored state gives what continuing in memory gives
    a, _ = run_batches([arts[5:]], embeddings, state)
    b, _ = run_batches([arts[5:]], embeddings, loaded)
    assert a.assignment == b.assignment


def test_time_proximity_separates_far_apart_look_alikes():
    story = cluster.StoryCentroid(key="k")
    import numpy as np

    emb = np.zeros(cluster.EMBED_DIM, np.float32)
    emb[0] = 1.0
    terms = (np.array([1, 2], np.int64), np.array([0.6, 0.8], np.float32))
    story.add("a", emb, terms, frozenset(), 100.0)
    near = cluster.score(story, emb, terms, frozenset(), 100.0)
    far = cluster.score(story, emb, terms, frozenset(), 110.0)
    undated = cluster.score(story, emb, terms, frozenset(), float("nan"))
    assert near == pytest.approx(undated, abs=0.01)  # no bonus for being close
    assert far < near - 0.2  # ten days away: (almost) the full time penalty


def test_bcubed_on_a_hand_example():
    # gold: {a,b,c} {d,e}; predicted: {a,b} {c,d,e}
    gold = ["x", "x", "x", "y", "y"]
    pred = ["1", "1", "2", "2", "2"]
    p, r, f = bcubed(pred, gold)
    # precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15
    # recall per item:    a 2/3, b 2/3, c 1/3, d 1, e 1  -> 11/15
    assert p == pytest.approx(11 / 15)
    assert r == pytest.approx(11 / 15)
    assert f == pytest.approx(11 / 15)
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed(["1"] * 5, gold)
    assert p == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5) and r == 1.0


def test_plan_stories_modes_keep_input_groups_and_cluster_the_rest(embeddings):
    from newsweave.pipeline import CLUSTER_KEY, plan_stories

    arts = make_articles()
    grouped = [
        Article(id=a.id, title=a.title, text=a.text, published=a.published, group="record-1")
        if a.id.startswith("chip")
        else a
        for a in arts
    ]
    planned, changed = plan_stories(grouped, load_config(None))
    keys = [k for k, _ in planned]
    record_key = "articles|chip0,chip1,chip2"  # a grouped story's key: its content ids
    assert record_key in keys
    by_key = {k: {a.id for a in m} for k, m in planned}
    assert by_key[record_key] == {"chip0", "chip1", "chip2"}
    clustered = {frozenset(m) for k, m in by_key.items() if k.startswith(CLUSTER_KEY)}
    assert clustered == GOLD - {frozenset({"chip0", "chip1", "chip2"})}
    assert set(keys) <= changed
    # --cluster ignores the input group; --no-cluster leaves ungrouped articles alone
    planned, _ = plan_stories(grouped, load_config(None, **{"cluster.mode": "always"}))
    assert {frozenset(a.id for a in m) for _, m in planned} == GOLD
    planned, _ = plan_stories(grouped, load_config(None, **{"cluster.mode": "never"}))
    assert len(planned) == 1 + 6
    planned, _ = plan_stories(grouped, load_config(None, one_story=True))
    assert len(planned) == 1 and len(planned[0][1]) == 9


def test_eval_cluster_json_shape(tmp_path, capsys):
    from newsweave.cli import main

    path = tmp_path / "tiny.jsonl"
    rows = []
    for story, items in STORIES.items():
        for i, (title, text) in enumerate(items):
            rows.append(
                {
                    "doc_id": f"{story}#{i}",
                    "cluster_id": story,
                    "text": title + "\n\n" + text,
                    "mnplus_kept": None,
                }
            )
    rows.append(
        {
            "doc_id": "junk#0",
            "cluster_id": "dam",
            "text": "Archived page. Log in to "
            "continue reading this archived page from the web archive.",
            "mnplus_kept": False,
        }
    )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["eval", "cluster", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["clusters_gold"] == 3
    assert isinstance(out["clusters_found"], int) and out["clusters_found"] >= 1
    assert out["scored"] == 9 and out["articles"] == 10 and out["skipped"] == 0
    assert set(out["methods"]) == {"newsweave", "baseline"}
    for m in out["methods"].values():
        for key in ("bcubed_p", "bcubed_r", "bcubed_f1", "articles_per_s"):
            assert key in m
        assert 0.0 <= m["bcubed_f1"] <= 1.0
    assert out["methods"]["newsweave"]["bcubed_f1"] == 1.0
    assert main(["eval", "cluster", str(path), "--json", "--batches", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["batches"] == 3


def test_eval_cluster_skips_and_counts_records_without_text(tmp_path, capsys):
    """Issue 23: one record with no text (or no label, or a broken line) used to refuse the
    whole file; it is now skipped, counted in the JSON and named on stderr."""
    from newsweave.cli import main

    path = tmp_path / "holes.jsonl"
    lines = []
    for story, items in STORIES.items():
        for i, (title, text) in enumerate(items):
            lines.append(
                json.dumps(
                    {"doc_id": f"{story}#{i}", "cluster_id": story, "text": title + "\n\n" + text}
                )
            )
    lines.insert(2, json.dumps({"doc_id": "empty#0", "cluster_id": "dam", "text": ""}))
    lines.insert(5, json.dumps({"doc_id": "blank#0", "cluster_id": "chip", "text": "  \n "}))
    lines.append(json.dumps({"doc_id": "nolabel#0", "text": "A text without a label."}))
    lines.append("{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["eval", "cluster", str(path), "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["skipped"] == 4
    assert out["articles"] == 9 and out["scored"] == 9 and out["clusters_gold"] == 3
    for n in (3, 6, 12, 13):  # 1-based line numbers of the four bad records
        assert f"line {n} skipped" in captured.err
    assert "line 1 skipped" not in captured.err


def test_eval_cluster_reports_zero_skipped_and_refuses_a_file_with_nothing_usable(tmp_path):
    from newsweave.errors import EvalError
    from newsweave.evaluate.cluster import read_dataset

    path = tmp_path / "none.jsonl"
    path.write_text(
        json.dumps({"doc_id": "a", "cluster_id": "x", "text": ""}) + "\n", encoding="utf-8"
    )
    with pytest.raises(EvalError, match="no usable records"):
        read_dataset(path)
    path.write_text(
        json.dumps({"doc_id": "a", "cluster_id": "x", "text": "Pier closes"}) + "\n",
        encoding="utf-8",
    )
    assert read_dataset(path).skipped == []


def test_load_dataset_reads_headline_files_with_timestamps(tmp_path):
    path = tmp_path / "h.jsonl"
    path.write_text(
        json.dumps({"id": "u1", "title": "Pier closes", "timestamp_ms": 0, "story_id": "s1"})
        + "\n",
        encoding="utf-8",
    )
    arts, gold, scored = load_dataset(path)
    assert arts[0].text == "Pier closes" and arts[0].published.startswith("1970-01-01")
    assert gold == ["s1"] and scored == [True]


def test_baseline_single_pass_groups_identical_texts():
    a = Article(id="1", text="storm floods the coastal road near the harbour")
    b = Article(id="2", text="storm floods the coastal road near the harbour again")
    c = Article(id="3", text="chipmaker launches laptop processor with long battery life")
    labels = baseline_clusters([a, b, c])
    assert labels[0] == labels[1] != labels[2]


def test_weave_with_a_store_clusters_incrementally_and_keeps_story_ids(
    tmp_path, monkeypatch, capsys
):
    """End to end through pipeline.weave_articles with --db (summaries stubbed out: this test
    is about which articles make which story, and about the wire copies' sources)."""
    from newsweave import pipeline
    from newsweave.model import Story
    from newsweave.store import Store

    def fake_build_story(members, config, key=None):
        key = key or "|".join(sorted(a.id for a in members))
        return Story(
            id=pipeline.story_id_for(key),
            headline=pipeline.headline_for(members),
            articles=tuple(members),
        )

    monkeypatch.setattr(pipeline, "build_story", fake_build_story)
    from test_dedupe import OUTLETS, wire_copies

    db = str(tmp_path / "nw.db")
    cfg = load_config(None, facts=False, **{"store.path": db})
    arts = make_articles()
    first = pipeline.weave_articles(arts[:5] + wire_copies(), cfg)
    ids_first = {s.id: {a.id for a in s.articles} for s in first.stories}
    wire = [a for s in first.stories for a in s.articles if a.duplicates]
    assert len(wire) == 1 and len(wire[0].duplicates) == 4
    second = pipeline.weave_articles(arts[5:], cfg)
    ids_second = {s.id: {a.id for a in s.articles} for s in second.stories}
    chip_id = next(i for i, m in ids_first.items() if "chip0" in m)
    # the chip story keeps its id and now holds all three articles (two from the store)
    assert ids_second[chip_id] == {"chip0", "chip1", "chip2"}
    with Store(db) as store:
        stored = {r["id"]: r["size"] for r in store.list_stories()}
        assert sorted(stored.values()) == [1, 3, 3, 3]
        assert {d.outlet for d in store.load_duplicates(wire[0].id)} | {wire[0].outlet} == set(
            OUTLETS
        )
    # running everything again changes nothing
    third = pipeline.weave_articles(arts, cfg)
    assert {s.id: {a.id for a in s.articles} for s in third.stories} == {
        **{k: v for k, v in ids_first.items() if "dam0" in v},
        **ids_second,
    }
    # `newsweave stories` lists each story with its size, outlets, date span and headline
    from newsweave.cli import main

    capsys.readouterr()
    assert main(["stories", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.count("art.") == 4
    line = next(x for x in out.splitlines() if "Veltrix" in x)
    # the date span in one form, days (issue 20): one day here
    assert "3 art." in line and "2026-05-10 " in line and "T08" not in line
    assert all(o in out for o in OUTLETS)  # the wire story's five carriers


def test_cli_cluster_flags_map_to_config():
    from newsweave.cli import build_parser, config_from_args

    parser = build_parser()
    assert config_from_args(parser.parse_args(["weave", "x"])).cluster.mode == "auto"
    cfg = config_from_args(parser.parse_args(["weave", "x", "--cluster", "--no-dedupe"]))
    assert cfg.cluster.mode == "always" and cfg.cluster.dedupe is False
    assert config_from_args(parser.parse_args(["weave", "x", "--no-cluster"])).cluster.mode == (
        "never"
    )
    with pytest.raises(SystemExit):
        parser.parse_args(["weave", "x", "--cluster", "--no-cluster"])


def _features(ids, embs, terms, t=float("nan")):
    import numpy as np

    n = len(ids)
    return cluster.Features(
        ids=list(ids),
        emb=np.asarray(embs, np.float32),
        terms=list(terms),
        ents=[frozenset()] * n,
        times=np.full(n, t),
        thresholds=np.full(n, 10.0),  # nothing joins in the pass: every article opens a story
    )


def test_merge_folds_a_new_story_into_an_earlier_one_and_keeps_the_earlier_key(monkeypatch):
    import numpy as np

    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 0.45)
    base = np.zeros(cluster.EMBED_DIM, np.float32)
    a, b, c = base.copy(), base.copy(), base.copy()
    a[0] = 1.0
    b[0], b[1] = 0.95, 0.31  # close to a
    c[2] = 1.0  # another topic
    t_ab = (np.array([1, 2, 3], np.int64), np.array([0.6, 0.6, 0.53], np.float32))
    t_c = (np.array([7, 8], np.int64), np.array([0.8, 0.6], np.float32))
    state = cluster.ClusterState()
    cluster.assign(state, _features(["old"], [a], [t_ab]))
    assert set(state.stories) == {"old"}
    changed = cluster.assign(state, _features(["new", "other"], [b, c], [t_ab, t_c]))
    # "new" opened a story that the merge folded into the earlier "old" story
    assert state.assignment == {"old": "old", "new": "old", "other": "other"}
    assert "new" not in state.stories and state.stories["old"].members == ["old", "new"]
    assert changed == {"old", "new", "other"}
    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", None)
    state = cluster.ClusterState()
    cluster.assign(state, _features(["old"], [a], [t_ab]))
    cluster.assign(state, _features(["new", "other"], [b, c], [t_ab, t_c]))
    assert state.assignment["new"] == "new"


def test_score_matches_a_plain_numpy_computation():
    import numpy as np

    rng = np.random.default_rng(3)
    story = cluster.StoryCentroid(key="k")
    vocab = np.arange(40, dtype=np.int64)
    for n in range(3):
        emb = rng.standard_normal(cluster.EMBED_DIM).astype(np.float32)
        emb /= np.linalg.norm(emb)
        idx = rng.choice(vocab, 12, replace=False)
        w = rng.random(12).astype(np.float32)
        story.add(f"a{n}", emb, (idx, w / np.linalg.norm(w)), frozenset(), float("nan"))
    q = rng.standard_normal(cluster.EMBED_DIM).astype(np.float32)
    q /= np.linalg.norm(q)
    idx = rng.choice(vocab, 10, replace=False)
    w = rng.random(10).astype(np.float32)
    w /= np.linalg.norm(w)
    dense = np.zeros(40)
    for k, v in story.terms.items():
        dense[k] = v
    lex = float(dense[idx] @ w) / np.linalg.norm(dense)
    cos = float(story.emb_sum @ q) / float(np.linalg.norm(story.emb_sum))
    expected = cluster.W_EMB * cos + cluster.W_LEX * lex
    got = cluster.score(story, q, (idx, w), frozenset(), float("nan"))
    assert got == pytest.approx(expected, abs=1e-5)


def test_merge_respects_the_time_window(monkeypatch):
    import numpy as np

    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 0.45)
    a = np.zeros(cluster.EMBED_DIM, np.float32)
    a[0] = 1.0
    t_ab = (np.array([1, 2, 3], np.int64), np.array([0.6, 0.6, 0.53], np.float32))
    for gap_days, merged in ((0.5, True), (cluster.TIME_WINDOW_DAYS + 10, False)):
        state = cluster.ClusterState()
        cluster.assign(state, _features(["old"], [a], [t_ab], t=100.0))
        cluster.assign(state, _features(["new"], [a], [t_ab], t=100.0 + gap_days))
        assert (state.assignment["new"] == "old") is merged


def test_chunk_lexical_equals_the_dict_lookup_sum_and_tracks_centroid_changes():
    import numpy as np

    rng = np.random.default_rng(3)
    stories, terms = [], []
    for p in range(40):
        story = cluster.StoryCentroid(key=f"s{p}")
        story.terms = {
            int(k): float(v)
            for k, v in zip(rng.integers(0, 500, 300), rng.random(300), strict=True)
        }
        if p == 7:
            story.terms = {}  # an empty centroid scores 0
        idx = rng.choice(500, 64, replace=False).astype(np.int64)
        terms.append((idx, rng.random(64).astype(np.float32)))
        stories.append(story)
    got = cluster._chunk_lexical(stories, terms)
    want = [
        sum(s.terms.get(k, 0.0) * v for k, v in zip(t[0].tolist(), t[1].tolist(), strict=True))
        for s, t in zip(stories, terms, strict=True)
    ]
    assert got.tolist() == want
    assert got[7] == 0.0 and got.min() >= 0.0 and got.max() > 1.0
    # the cached sorted arrays follow the centroid: after an add, the products change
    s0 = stories[0]
    s0.add("x", np.zeros(cluster.EMBED_DIM, np.float32), terms[0], frozenset(), float("nan"))
    again = cluster._chunk_lexical(stories[:1], terms[:1])[0]
    assert again == sum(
        s0.terms.get(k, 0.0) * v
        for k, v in zip(terms[0][0].tolist(), terms[0][1].tolist(), strict=True)
    )
    assert again > got[0]


def _pass_features(ids, embs, terms, threshold):
    """Features of headline-like articles for the single pass (thresholds below
    ASSIGN_THRESHOLD), with body terms so their link features are stored."""
    import dataclasses

    import numpy as np

    return dataclasses.replace(
        _features(ids, embs, terms),
        thresholds=np.full(len(ids), threshold),
        body=[(t[0], np.ones(len(t[0]), np.float32)) for t in terms],
    )


def _two_halves():
    """Two stories of headlines opened apart in a first batch (embeddings at cosine 0.5: their
    centroid score 0.25 is below the merge threshold) whose later headlines, each told in its
    own half's words, all lie between them: the halves' centroids then score 0.48."""
    import numpy as np

    e = np.zeros((3, cluster.EMBED_DIM), np.float32)
    e[0, 0] = 1.0  # first half
    e[1, 0], e[1, 1] = 0.5, np.sqrt(0.75)  # second half
    e[2] = e[0] + e[1]
    e[2] /= np.linalg.norm(e[2])  # later headlines, between the two
    words_a = (np.array([1, 2, 3], np.int64), np.full(3, 1 / np.sqrt(3), np.float32))
    words_b = (np.array([7, 8, 9], np.int64), np.full(3, 1 / np.sqrt(3), np.float32))
    first = _pass_features(["a1", "b1"], [e[0], e[1]], [words_a, words_b], 0.3)
    later = _pass_features(
        ["a2", "a3", "a4", "b2", "b3", "b4"], [e[2]] * 6, [words_a] * 3 + [words_b] * 3, 0.12
    )
    return first, later


def test_a_later_batch_merges_two_headline_stories_it_brought_together(monkeypatch):
    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 0.45)
    first, later = _two_halves()
    state = cluster.ClusterState()
    cluster.assign(state, first)
    assert set(state.stories) == {"a1", "b1"}  # apart after the first batch
    changed = cluster.assign(state, later)
    # the story merge of the second batch compares the stories it changed as it compares the
    # stories it opens: the later-opened half folds into the earlier one, which keeps its key
    assert set(state.stories) == {"a1"}
    assert set(state.assignment.values()) == {"a1"}
    assert changed == {"a1", "b1"}  # b1 emptied
    assert state.pass_stories == {"a1"}

    monkeypatch.setattr(cluster, "REVISIT_MERGES", False)  # before: earlier stories never merge
    first, later = _two_halves()
    state = cluster.ClusterState()
    cluster.assign(state, first)
    cluster.assign(state, later)
    assert set(state.stories) == {"a1", "b1"}


def test_a_story_the_link_step_formed_is_not_merged_by_the_centroid_score(monkeypatch):
    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 0.45)
    first, later = _two_halves()
    state = cluster.ClusterState()
    cluster.assign(state, first)
    state.pass_stories.discard("b1")  # as if the link step had opened it
    cluster.assign(state, later)
    assert set(state.stories) == {"a1", "b1"}


def test_headline_stories_merged_by_a_later_run_through_the_store(tmp_path, monkeypatch):
    from newsweave.store import Store

    monkeypatch.setattr(cluster, "MERGE_THRESHOLD", 0.45)
    first, later = _two_halves()
    state = cluster.ClusterState()
    changed = cluster.assign(state, first)
    with Store(tmp_path / "nw.db") as store:
        stories.save_cluster_state(store, state, changed)
    with Store(tmp_path / "nw.db") as store:
        loaded = stories.load_cluster_state(store)
        assert loaded.pass_stories == {"a1", "b1"}
        changed = cluster.assign(loaded, later)
        assert changed == {"a1", "b1"}
        stories.save_cluster_state(store, loaded, changed)
    with Store(tmp_path / "nw.db") as store:
        again = stories.load_cluster_state(store)
    assert set(again.stories) == {"a1"}
    assert sorted(again.stories["a1"].members) == ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"]
    assert set(again.assignment.values()) == {"a1"}


# Two stories whose bodies name month-day dates (cluster.date_keys), three outlets each.
DATED = {
    "strike": [
        (
            "Velmora ferry crews walk out over pay",
            "Ferry crews in Velmora walked out on March 8 after pay talks broke down, halting "
            "every crossing to the islands. The union said the contract signed on January 12 had "
            "been broken; harbour officials promised refunds to stranded travellers.",
        ),
        (
            "Velmora ferry strike strands island travellers",
            "Travellers to the islands were stranded as the Velmora ferry crews stayed out for a "
            "second day after the March 8 walkout. The union says the January 12 pay contract was "
            "broken; the harbour board says it was honoured.",
        ),
        (
            "Velmora ferry talks to resume as strike drags on",
            "Harbour officials and the ferry union will meet again on March 15, a week after the "
            "Velmora crews walked out on March 8 over the pay contract of January 12. Crossings to "
            "the islands remain halted.",
        ),
    ],
    "frost": [
        (
            "Late frost ruins Tallbrook apple harvest",
            "A late frost on May 3 destroyed most of the apple blossom in the Tallbrook valley, "
            "growers said, and the growers association expects the smallest apple harvest in "
            "thirty years. Orchards on the valley floor were hit hardest.",
        ),
        (
            "Tallbrook apple growers count frost losses",
            "Apple growers in the Tallbrook valley said the May 3 frost killed the blossom in most "
            "orchards, leaving the smallest harvest in decades. The growers association asked the "
            "regional council for help.",
        ),
        (
            "Tallbrook growers ask council for frost aid",
            "The Tallbrook valley growers association asked the regional council for emergency aid "
            "on May 20, saying the May 3 frost had wiped out most of the apple harvest in the "
            "valley's orchards.",
        ),
    ],
}


def _dated_articles() -> list[Article]:
    return [
        Article(
            id=f"{story}{i}",
            title=title,
            text=text,
            outlet=f"Outlet {i}",
            published=f"2031-05-{10 + i:02d}T09:00:00",
            source=f"{story}{i}.txt",
        )
        for story, items in DATED.items()
        for i, (title, text) in enumerate(items)
    ]


def test_a_store_written_before_date_keys_existed_loads_and_clusters_new_articles(
    tmp_path, monkeypatch
):
    """End to end (issue 23): a store whose articles and stories carry no date keys (an older
    newsweave wrote it: no keys below DATE_KEY_BASE in the stored entity sets, centroids or
    stem document frequencies) loads, its articles' dates count as absent (cos_date 0), and a
    later run clusters new articles that name dates into its stories."""
    from factories import use_fake_encoder
    from newsweave import cluster_links, pipeline
    from newsweave.model import Story
    from newsweave.store import Store

    def fake_build_story(members, config, key=None):
        key = key or "|".join(sorted(a.id for a in members))
        return Story(
            id=pipeline.story_id_for(key),
            headline=pipeline.headline_for(members),
            articles=tuple(members),
        )

    use_fake_encoder(monkeypatch)
    monkeypatch.setattr(pipeline, "build_story", fake_build_story)
    db = str(tmp_path / "old.db")
    cfg = load_config(None, facts=False, **{"store.path": db})
    arts = _dated_articles()
    old, new = [a for a in arts if a.id[-1] != "2"], [a for a in arts if a.id[-1] == "2"]
    assert all(cluster.date_keys(a.text) for a in arts)  # every article names a date

    def dated(keys) -> set[int]:
        return {int(k) for k in keys if int(k) <= cluster.DATE_KEY_BASE}

    with monkeypatch.context() as before_dates:  # the older newsweave: no date keys at all
        before_dates.setattr(cluster, "date_keys", lambda text: frozenset())
        first = pipeline.weave_articles(old, cfg)
    assert sorted(sorted(a.id for a in s.articles) for s in first.stories) == [
        ["frost0", "frost1"],
        ["strike0", "strike1"],
    ]
    with Store(db) as store:
        rows, _, _ = store.load_cluster_state()
        assert not any(dated(json.loads(r["entities"])) for r in rows)
        old_rows = [
            cluster.features_from_row(r) for r in store.load_cluster_features([a.id for a in old])
        ]
        loaded = stories.load_cluster_state(store)
    assert len(old_rows) == 4 and not any(dated(feats[2]) for _, feats, _, _ in old_rows)
    assert not dated(loaded.stem_ids) and loaded.stem_docs == 4
    # dates count as absent: an old article and a new one naming the same day have cos_date 0
    old_ents = next(feats[2] for aid, feats, _, _ in old_rows if aid == "strike0")
    new_ents = cluster.date_keys(new[0].text)
    assert new[0].id == "strike2" and dated(new_ents) & cluster.date_keys(old[0].text)
    pair = np.array([0]), np.array([1])
    assert cluster_links.date_cosines([old_ents, new_ents], *pair, loaded.stem_idf)[0] == 0.0

    second = pipeline.weave_articles(new, cfg)
    members = sorted(sorted(a.id for a in s.articles) for s in second.stories)
    assert members == [["frost0", "frost1", "frost2"], ["strike0", "strike1", "strike2"]]
    with Store(db) as store:
        assert sorted(r["size"] for r in store.list_stories()) == [3, 3]
        feats = {
            r["article_id"]: json.loads(r["entities"])
            for r in store.load_cluster_features([a.id for a in arts])
        }
    # the new articles' dates are stored now; the old articles still have none
    assert all(dated(feats[a.id]) == cluster.date_keys(a.text) for a in new)
    assert not any(dated(feats[a.id]) for a in old)
