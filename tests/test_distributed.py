"""newsweave on Dask (issue 8): partitions, blocking, dedupe from signatures, and whole runs on
a local Dask cluster (2 worker processes, no external service) compared with one process.

All tests are marked ``distributed``; they stay in the default CI run (scripts/test.sh runs
``pytest -m "not slow"``). The cluster is started once for the module.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import threading
import time
from pathlib import Path

import distributed
import numpy as np
import pytest

from newsweave import cluster as cluster_mod
from newsweave.config import Config, DaskConfig, load_config
from newsweave.distributed import blocking, runner
from newsweave.distributed.inputs import plan_partitions, read_partition
from newsweave.ingest import load_articles

pytestmark = pytest.mark.distributed


# --------------------------------------------------------------------------- no cluster needed


def _write_jsonl(path: Path, n: int) -> None:
    lines = []
    for i in range(n):
        if i == 5:
            lines.append("{not json")
        elif i == 7:
            lines.append("")
        else:
            lines.append(
                json.dumps(
                    {
                        "title": f"Harbour council report number {i}",
                        "text": f"Article {i}. The harbour council met on Tuesday to discuss "
                        f"item {i}, "
                        "the budget for the new ferry terminal and the repairs of the pier.",
                        "outlet": f"Outlet {i % 3}",
                    }
                )
            )
    lines.append(lines[0])  # an exact copy, later in the file
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_partitions_read_like_one_process(tmp_path):
    path = tmp_path / "feed.jsonl"
    _write_jsonl(path, 40)
    parts = plan_partitions([path], partition_bytes=600, partition_files=10)
    assert len(parts) > 3 and all(p.kind == "jsonl" for p in parts)
    assert parts[0].start == 0 and parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))
    got, skipped = [], []
    for p in parts:
        arts, sk = read_partition(p, Config().ingest)
        got.extend(arts)
        skipped.extend(sk)
    want, want_skipped = load_articles([path])
    # the copy on the last line is folded only across partitions (by the client merge)
    assert [a.id for a in got if a.source != f"{path}#41"] == [a.id for a in want]
    assert [a.source for a in got][:10] == [a.source for a in want][:10]
    assert [(s.source, s.reason) for s in skipped] == [(s.source, s.reason) for s in want_skipped]
    assert {a.group for a in got} == {a.group for a in want}


def test_directory_partitions_keep_order_and_groups(examples_dir):
    parts = plan_partitions([examples_dir], partition_bytes=10**9, partition_files=2)
    assert len(parts) == 5 and all(p.kind == "dirfiles" for p in parts)
    got = [a for p in parts for a in read_partition(p, Config().ingest)[0]]
    want, _ = load_articles([examples_dir])
    assert [(a.id, a.source, a.group) for a in got] == [(a.id, a.source, a.group) for a in want]


def test_missing_path_is_skipped_as_in_one_process(tmp_path):
    parts = plan_partitions([tmp_path / "nope.txt"], partition_bytes=1000, partition_files=5)
    arts, skipped = read_partition(parts[0], Config().ingest)
    assert arts == [] and len(skipped) == 1 and "no such file" in skipped[0].reason


def test_parquet_partitions(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [
        {
            "title": f"Story {i} headline here",
            "text": f"Body of article {i}. " * 10,
            "published": f"2024-03-0{1 + i % 9}",
        }
        for i in range(30)
    ]
    path = tmp_path / "shard.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=7)
    parts = plan_partitions([path], partition_bytes=5000 * 7, partition_files=5)
    assert len(parts) == 5 and all(p.kind == "parquet" for p in parts)
    got = [a for p in parts for a in read_partition(p, Config().ingest)[0]]
    assert [a.source for a in got] == [f"{path}#{i}" for i in range(1, 31)]
    assert got[3].title == "Story 3 headline here" and got[3].published == "2024-03-04"


def test_blocks_cover_every_article_once_and_respect_size():
    rng = np.random.default_rng(0)
    n = 500
    emb = rng.normal(size=(n, 16)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    times = np.where(np.arange(n) % 5 == 0, np.nan, 19000 + rng.uniform(0, 60, n))
    ids = [f"a{i:04d}" for i in range(n)]
    blocks = blocking.make_blocks(times, emb, ids, block_articles=60)
    members = sorted(i for b in blocks for i in b.members)
    assert members == list(range(n))
    assert all(len(b.members) <= 60 for b in blocks)
    for b in blocks:
        ts = times[b.members]
        if b.window < 0:
            assert np.all(np.isnan(ts))
        else:
            assert not np.any(np.isnan(ts))


def test_split_by_neighbours_keeps_clusters_together():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(4, 32))
    labels = np.repeat(np.arange(4), 30)
    emb = centres[labels] + 0.05 * rng.normal(size=(120, 32))
    emb = (emb / np.linalg.norm(emb, axis=1, keepdims=True)).astype(np.float32)
    buckets = blocking.split_by_neighbours(list(range(120)), emb, block_articles=40)
    assert all(len(b) <= 40 for b in buckets)
    for b in buckets:  # each bucket holds whole tight clusters
        assert all((labels[b] == lab).sum() in (0, 30) for lab in range(4))


def test_dedupe_from_signatures_matches_dedupe(make_article):
    from newsweave.dedupe import dedupe
    from newsweave.distributed.tasks import minhash_signatures

    body = (
        "The port authority said on Monday that the container terminal will close for "
        "three weeks while cranes are replaced, affecting about 400 workers and several "
        "shipping lines that call at the harbour every week. "
    )
    arts = [
        make_article(body * 2, "Terminal to close", outlet="A"),
        make_article(
            "Something else entirely about the city budget and schools, with new "
            "teachers hired and a library opening next spring in the old town. " * 2,
            "Budget",
            outlet="B",
        ),
        make_article(
            body * 2 + "Officials declined to comment.", "Port terminal closure", outlet="C"
        ),
        make_article(body * 2, "Terminal to close", outlet="D", source="other.txt"),
    ]
    sigs = minhash_signatures([a.text for a in arts])
    got, keep = runner.dedupe_with_signatures(arts, sigs)
    want = dedupe(arts)
    assert [(a.id, tuple(d.article_id for d in a.duplicates)) for a in got] == [
        (a.id, tuple(d.article_id for d in a.duplicates)) for a in want
    ]
    assert len(got) == 2 and [arts[k].id for k in keep] == [a.id for a in got]


def test_killed_worker_error_is_clear():
    class KilledWorker(Exception):
        pass

    class Fut:
        def result(self):
            raise KilledWorker("nw-prepare-x-3")

    with pytest.raises(runner.DistributedError, match="Re-run the same command"):
        runner._result(Fut(), "partition x")


def test_cli_flags_map_to_config():
    from newsweave.cli import build_parser, config_from_args

    args = build_parser().parse_args(["weave", "x", "--workers", "2"])
    assert config_from_args(args).dask.workers == 2
    args = build_parser().parse_args(["weave", "x", "--scheduler", "tcp://h:8786"])
    assert config_from_args(args).dask.scheduler == "tcp://h:8786"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["weave", "x", "--workers", "2", "--scheduler", "tcp://h:1"])
    with pytest.raises(Exception, match="dask.workers"):
        load_config(**{"dask.workers": -1})


# --------------------------------------------------------------------------- on a local cluster


@pytest.fixture(scope="module")
def dask_client():
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        memory_limit="3GB",
    )
    client = distributed.Client(cluster)
    client.register_plugin(runner.tasks.NewsweaveWorkerPlugin(threads=1))
    yield client
    client.close()
    cluster.close()


# Summaries by the "lead" method and no facts: the model-heavy story stages cost ~5 CPU s per
# article and are compared once, in test_examples_same_stories_and_summaries.
CHEAP = {"facts": False, "summarize.method": "lead"}


@pytest.fixture(scope="module")
def examples_cheap(examples_dir):
    from newsweave.pipeline import weave_result

    return weave_result([examples_dir], load_config(**CHEAP))


def _small(config: Config, **dask) -> Config:
    # tiny partitions so even the examples spread over both workers
    return dataclasses.replace(config, dask=DaskConfig(workers=2, partition_files=2, **dask))


def _story_view(result):
    return [
        (
            s.id,
            s.headline,
            [a.id for a in s.articles],
            [
                (x.text, [(c.article_id, c.sentence_index) for c in x.citations])
                for x in (s.summary.sentences if s.summary else ())
            ],
        )
        for s in result.stories
    ]


@pytest.fixture(scope="module")
def examples_single(examples_dir):
    from newsweave.pipeline import weave_result

    return weave_result([examples_dir], Config())


def test_examples_same_stories_and_summaries(dask_client, examples_dir, examples_single):
    stats: dict = {}
    got = runner.run_on_client(dask_client, [examples_dir], _small(Config()), stats=stats)
    assert stats["partitions"] >= 5  # spread over both workers
    assert _story_view(got) == _story_view(examples_single)
    assert [(s.source, s.reason) for s in got.skipped] == [
        (s.source, s.reason) for s in examples_single.skipped
    ]


def test_examples_clustered_same_stories(dask_client, examples_dir):
    from newsweave.pipeline import weave_result

    cfg = load_config(**{"cluster.mode": "always", **CHEAP})
    want = weave_result([examples_dir], cfg)
    got = runner.run_on_client(dask_client, [examples_dir], _small(cfg))
    assert _story_view(got) == _story_view(want)
    # forced blocking (3 articles per block): the merge step must rebuild the same stories
    stats: dict = {}
    blocked = runner.run_on_client(
        dask_client, [examples_dir], _small(cfg, block_articles=3), stats=stats
    )
    assert stats["clustering"]["mode"] == "blocked" and stats["clustering"]["blocks"] >= 3
    assert sorted(sorted(a.id for a in s.articles) for s in blocked.stories) == sorted(
        sorted(a.id for a in s.articles) for s in want.stories
    )


def test_blocked_run_stores_link_features(dask_client, examples_dir, tmp_path):
    """Blocked clustering with a store: every clustered full-length article keeps its link
    features (cluster_features), as a one-process run does, so later runs can link to it."""
    from newsweave.store import Store

    db = tmp_path / "nw.db"
    cfg = load_config(**{"cluster.mode": "always", "store.path": str(db), **CHEAP})
    stats: dict = {}
    got = runner.run_on_client(
        dask_client, [examples_dir], _small(cfg, block_articles=3), stats=stats
    )
    assert stats["clustering"]["mode"] == "blocked"
    long_ids = {
        a.id
        for s in got.stories
        for a in s.articles
        if len(a.text.split()) > cluster_mod.SHORT_TEXT_WORDS
    }
    assert long_ids
    with Store(str(db)) as store:
        stored = {r[0] for r in store.connection.execute("SELECT article_id FROM cluster_features")}
    assert long_ids <= stored


def test_store_batches_resume_after_crash(
    dask_client, examples_dir, examples_cheap, tmp_path, monkeypatch
):
    from newsweave.store import Store

    examples_single = examples_cheap
    db = tmp_path / "nw.db"
    cfg = _small(load_config(**{"store.path": str(db), **CHEAP}), stories_per_task=1)

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash before the run is closed")

    monkeypatch.setattr(runner, "_finish_store", crash)
    with pytest.raises(RuntimeError):
        runner.run_on_client(dask_client, [examples_dir], cfg)
    monkeypatch.undo()
    with Store(str(db)) as store:  # the finished batches are in the store already
        assert store.story_count() == len(examples_single.stories)
    stats: dict = {}
    again = runner.run_on_client(dask_client, [examples_dir], cfg, stats=stats)
    assert stats["stories_resumed"] == len(examples_single.stories)
    assert _story_view(again) == _story_view(examples_single)
    with Store(str(db)) as store:
        n_articles = sum(len(s.articles) for s in examples_single.stories)
        assert store.article_count() == n_articles
        assert sorted(store.story_ids()) == sorted(s.id for s in examples_single.stories)
    assert not Path(str(db) + runner.RESUME_SUFFIX).exists()


def test_cli_scheduler_flag(dask_client, examples_dir, examples_cheap, tmp_path):
    from newsweave.cli import main

    out = tmp_path / "report.json"
    code = main(
        [
            "weave",
            str(examples_dir),
            "--scheduler",
            dask_client.scheduler.address,
            "--format",
            "json",
            "--out",
            str(out),
            "--quiet",
            "--no-facts",
            "--method",
            "lead",
        ]
    )
    assert code in (0, 3)
    data = json.loads(out.read_text())
    assert [s["id"] for s in data["stories"]] == [s.id for s in examples_cheap.stories]


def test_copy_in_a_later_dask_run_folds_into_the_stored_article(dask_client, tmp_path):
    """Issue 20 on Dask: a reprint arriving in a --workers run with --db folds into the article
    a one-process run stored (not a second article), and the Dask run stores the signatures
    of its own new articles (computed on the workers) for later runs."""
    from newsweave.pipeline import weave_result
    from newsweave.store import Store
    from test_cli_first_run import BRIDGE, ORCHESTRA, _wire_copy

    db = tmp_path / "s.db"
    for day, files in {
        "day1": {"gazette.txt": BRIDGE},
        "day2": {"wire.txt": _wire_copy(BRIDGE), "orchestra.txt": ORCHESTRA},
    }.items():
        (tmp_path / day).mkdir()
        for name, text in files.items():
            (tmp_path / day / name).write_text(text)
    cfg = load_config(**{"store.path": str(db), "cluster.mode": "always", **CHEAP})
    weave_result([tmp_path / "day1"], cfg)
    got = runner.run_on_client(dask_client, [tmp_path / "day2"], cfg)
    with Store(str(db), create=False) as store:
        stored = [
            store.get_article(i)
            for i in sorted(
                {a.id for sid in store.story_ids() for a in store.load_story(sid).articles}
            )
        ]
        signed = {r[0] for r in store.load_signatures()}
        assert store.article_count() == 2  # the bridge article and the orchestra one
    bridge = next(a for a in stored if a.title.startswith("Harbour bridge"))
    assert [Path(d.source).name for d in bridge.duplicates] == ["wire.txt"]
    assert bridge.duplicates[0].kind == "near"
    assert {a.id for a in stored} <= signed  # the Dask run's article too
    # the run's result shows the story the copy went to, with both outlets
    shown = [a for s in got.stories for a in s.articles if a.id == bridge.id]
    assert shown and all(len(a.duplicates) == 1 for a in shown)


def test_killing_a_worker_loses_and_duplicates_nothing(examples_dir, examples_cheap):
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        memory_limit="3GB",
    )
    client = distributed.Client(cluster)
    try:
        pids = client.run(os.getpid)
        box: dict = {}

        def run():
            try:
                box["result"] = runner.run_on_client(
                    client,
                    [examples_dir],
                    dataclasses.replace(
                        load_config(**CHEAP), dask=DaskConfig(workers=2, partition_files=1)
                    ),
                )
            except Exception as exc:  # noqa: BLE001 - reported below
                box["error"] = exc

        thread = threading.Thread(target=run)
        thread.start()
        victim = None
        deadline = time.time() + 120
        while victim is None and time.time() < deadline and thread.is_alive():
            busy = {
                w: t
                for w, t in client.processing().items()
                if any(str(k).startswith("nw-prepare") for k in t)
            }
            if busy:
                victim = sorted(busy)[0]
            else:
                time.sleep(0.05)
        assert victim is not None, "no per-article task was seen running"
        os.kill(pids[victim], signal.SIGKILL)
        thread.join(timeout=600)
        assert not thread.is_alive()
        assert "error" not in box, box.get("error")
        got = box["result"]
        ids = [a.id for s in got.stories for a in s.articles]
        assert len(ids) == len(set(ids))
        assert _story_view(got) == _story_view(examples_cheap)
    finally:
        client.close()
        cluster.close()


@pytest.mark.slow
def test_mds_dev_same_stories_with_two_workers(dask_client, shared_data):
    """The issue's check on the story-clustering dev set (clustered, no summaries, so the
    test stays quick): the same stories, or B-cubed F1 within 0.01 of one process."""
    from newsweave.pipeline import weave_result

    path = shared_data / "story_clustering" / "mds_clusters_dev.jsonl"
    if not path.is_file():
        pytest.skip("mds_clusters_dev.jsonl is absent")
    cfg = load_config(**{"cluster.mode": "always", **CHEAP})
    want = weave_result([path], cfg)
    got = runner.run_on_client(
        dask_client,
        [path],
        dataclasses.replace(cfg, dask=DaskConfig(workers=2, partition_bytes=400_000)),
    )
    f1 = _bcubed_f1(
        [[a.id for a in s.articles] for s in got.stories],
        [[a.id for a in s.articles] for s in want.stories],
    )
    assert f1 >= 0.99, f1


def _bcubed_f1(pred: list[list[str]], gold: list[list[str]]) -> float:
    p_of = {x: i for i, c in enumerate(pred) for x in c}
    g_of = {x: i for i, c in enumerate(gold) for x in c}
    items = [x for x in p_of if x in g_of]
    psize = {i: len(c) for i, c in enumerate(pred)}
    gsize = {i: len(c) for i, c in enumerate(gold)}
    both: dict = {}
    for x in items:
        both[(p_of[x], g_of[x])] = both.get((p_of[x], g_of[x]), 0) + 1
    prec = sum(both[(p_of[x], g_of[x])] / psize[p_of[x]] for x in items) / len(items)
    rec = sum(both[(p_of[x], g_of[x])] / gsize[g_of[x]] for x in items) / len(items)
    return 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec)


def test_copy_and_follow_up_in_one_later_dask_run_both_reach_the_result(dask_client, tmp_path):
    """Regression: a Dask run with --db that brings a copy of a stored article and a new
    article of the same story rebuilt the story without the folded copy (the store had it)."""
    from newsweave.pipeline import weave_result
    from newsweave.store import Store
    from test_cli_first_run import BRIDGE, BRIDGE_FOLLOW_UP, _wire_copy

    db = tmp_path / "s.db"
    for day, files in {
        "day1": {"gazette.txt": BRIDGE},
        "day2": {"wire.txt": _wire_copy(BRIDGE), "follow.txt": BRIDGE_FOLLOW_UP},
    }.items():
        (tmp_path / day).mkdir()
        for name, text in files.items():
            (tmp_path / day / name).write_text(text)
    cfg = load_config(**{"store.path": str(db), "cluster.mode": "always", **CHEAP})
    weave_result([tmp_path / "day1"], cfg)
    got = runner.run_on_client(dask_client, [tmp_path / "day2"], cfg)
    (story,) = [
        s for s in got.stories if any(a.title.startswith("Harbour bridge") for a in s.articles)
    ]
    assert len(story.articles) == 2
    bridge = next(a for a in story.articles if a.title.startswith("Harbour bridge"))
    assert [Path(d.source).name for d in bridge.duplicates] == ["wire.txt"]
    with Store(str(db), create=False) as store:
        assert store.load_story(story.id) == story
