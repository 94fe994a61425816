"""The client side of a Dask run: plan, submit, merge, and write the store in batches.

:func:`weave_result_distributed` is what ``newsweave weave --workers N`` (or
``--scheduler ADDRESS``) runs instead of the one-process pipeline. The flow:

1. **Per-article stages as tasks** (:func:`~newsweave.distributed.tasks.prepare_partition`),
   one per input partition (:mod:`newsweave.distributed.inputs`): read, extract, clean,
   split sentences, embed title+lead, MinHash signatures.
2. **Merge in input order** on the client: exact copies across partitions are folded as
   ingest folds them; near duplicates are found from the workers' MinHash signatures with the
   LSH index and rules of :mod:`newsweave.dedupe`.
3. **Stories**: input groups as in one process; clustering as one task (runs up to
   ``dask.block_articles``) or blocked (:mod:`newsweave.distributed.blocking`).
4. **Summaries and facts as tasks**, ``dask.stories_per_task`` stories each.
5. **One writer**: the client writes each finished batch of stories to the store in its own
   transaction and notes it in a resume file beside the store (``<db>.dask-resume``), so a
   crash loses at most the batch in flight; a re-run of the same command (same inputs, same
   settings) reloads the stories already written instead of recomputing them. Articles are
   keyed by content hash and inserted idempotently, so nothing is stored twice.

Tasks are pure (they write nothing), so when a worker dies Dask simply re-runs its tasks on
another worker: no article is lost or duplicated. When a task kills workers repeatedly, the run
stops with :class:`DistributedError` saying so, and the re-run resumes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import math
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

from newsweave import dedupe
from newsweave.config import Config, DaskConfig
from newsweave.distributed import blocking, tasks
from newsweave.distributed.inputs import input_fingerprint, plan_partitions
from newsweave.errors import DistributedError, NewsweaveError
from newsweave.model import Article, Skipped, Story, WeaveResult
from newsweave.stories import (
    CLUSTER_KEY,
    fold_stored_copies,
    load_cluster_state,
    save_cluster_state,
    stories_with_folded_copies,
)

Progress = Callable[[str, int, int], None]
log = logging.getLogger("newsweave.distributed")

RESUME_SUFFIX = ".dask-resume"
# Inputs smaller than this many partitions per worker are cut finer (down to
# MIN_PARTITION_BYTES, ~10 articles), so that a small run still spreads over every worker.
# 8 (was 4): the per-article stage ends at a barrier (the merge), so the last partition's
# worker runs alone; with 8 per worker that tail is at most ~1/8 of the stage (issue 8: 5,000
# bench articles on 2 workers -> 16 partitions of ~300 articles, ~70 CPU s each).
PARTITIONS_PER_WORKER = 8
MIN_PARTITION_BYTES = 64 * 1024


# --------------------------------------------------------------------------- cluster


@contextlib.contextmanager
def open_client(dc: DaskConfig) -> Iterator:
    """A Dask client: on the scheduler at ``dc.scheduler``, else on a new local cluster of
    ``dc.workers`` worker processes (closed again on exit)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency
        raise DistributedError(
            "Dask is not installed; install it with: pip install 'dask[distributed]'",
            stage="dask",
        ) from exc
    cluster = None
    if dc.scheduler:
        try:
            client = Client(dc.scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise DistributedError(
                f"cannot reach the Dask scheduler at {dc.scheduler} ({exc}); check the "
                "address (tcp://host:8786) and that `dask scheduler` is running there",
                source=dc.scheduler,
                stage="dask",
            ) from exc
    else:
        if dc.workers < 1:
            raise DistributedError(f"--workers must be at least 1, got {dc.workers}", stage="dask")
        cluster = LocalCluster(
            n_workers=dc.workers,
            threads_per_worker=dc.threads_per_worker,
            processes=True,
            memory_limit=dc.memory_limit,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        plugin = tasks.NewsweaveWorkerPlugin(threads=dc.threads_per_worker)
        register = (
            getattr(client, "register_plugin", None)  # distributed >= 2023.9
            or client.register_worker_plugin  # type: ignore[attr-defined]
        )
        register(plugin)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def weave_result_distributed(
    paths: Iterable[str | Path],
    config: Config,
    *,
    stdin_text: str | None = None,
    progress: Progress | None = None,
    stats: dict | None = None,
) -> WeaveResult:
    """Run the whole pipeline on Dask (see the module docstring); same result as
    :func:`newsweave.pipeline.weave_result` up to the clustering notes in
    :mod:`newsweave.distributed.blocking`."""
    with open_client(config.dask) as client:
        return run_on_client(
            client, paths, config, stdin_text=stdin_text, progress=progress, stats=stats
        )


def _result(fut, what: str):
    """``fut.result()``, with Dask's worker failures turned into a clear newsweave error."""
    try:
        return fut.result()
    except NewsweaveError:
        raise
    except Exception as exc:
        name = type(exc).__name__
        if name in ("KilledWorker", "CommClosedError", "CancelledError", "FutureCancelledError"):
            raise DistributedError(
                f"Dask workers kept dying while running {what} ({name}: {exc}); the usual "
                "cause is a worker running out of memory (raise dask.memory_limit or lower "
                "dask.partition_bytes). Re-run the same command to resume: with --db, the "
                "stories already saved are kept and not recomputed",
                stage="dask",
            ) from exc
        raise


def _as_completed(futures: list):
    from distributed import as_completed

    return as_completed(futures)


# --------------------------------------------------------------------------- the run


def run_on_client(
    client,
    paths: Iterable[str | Path],
    config: Config,
    *,
    stdin_text: str | None = None,
    progress: Progress | None = None,
    stats: dict | None = None,
) -> WeaveResult:
    """The distributed pipeline on an existing Dask ``client``."""
    paths = list(paths)
    stats = stats if stats is not None else {}
    token = uuid.uuid4().hex[:8]
    t_start = time.perf_counter()
    dc = config.dask
    parts = plan_partitions(
        paths,
        partition_bytes=dc.partition_bytes,
        partition_files=dc.partition_files,
        stdin_text=stdin_text,
    )
    # small inputs: smaller partitions, so that every worker gets work (4 per worker)
    n_workers = max(1, len(client.nthreads()))
    want = PARTITIONS_PER_WORKER * n_workers
    if len(parts) < want:
        total = sum(p.size for p in parts)
        files = sum(len(p.paths) for p in parts if p.kind in ("paths", "dirfiles"))
        smaller = plan_partitions(
            paths,
            partition_bytes=max(MIN_PARTITION_BYTES, total // want),
            partition_files=max(1, min(dc.partition_files, files // want)),
            stdin_text=stdin_text,
        )
        if len(smaller) > len(parts):
            parts = smaller
    clustering = not config.one_story and config.cluster.mode != "never"
    # MinHash signatures on the workers: for dedupe, and for the store (a copy arriving in a
    # later run folds into a stored article, issue 20)
    want_sigs = config.cluster.dedupe or bool(config.store.path)
    futures = [
        client.submit(
            tasks.prepare_partition,
            p,
            config,
            clustering,
            want_sigs,
            key=f"nw-prepare-{token}-{p.index}",
            pure=False,
        )
        for p in parts
    ]
    by_index: dict[int, tasks.PreparedPartition] = {}
    label = {f.key: p.label for f, p in zip(futures, parts, strict=True)}
    for fut in _as_completed(futures):
        r = _result(fut, f"partition {label[fut.key]}")
        by_index[r.index] = r
        fut.release()
        if progress:
            progress("articles", len(by_index), len(parts))
    t_prepared = time.perf_counter()
    articles, emb, sigs, skipped = merge_partitions([by_index[i] for i in range(len(parts))])
    stage_seconds: dict[str, float] = {}
    for r in by_index.values():
        for k, v in r.seconds.items():
            stage_seconds[k] = stage_seconds.get(k, 0.0) + v
    stats.update(
        partitions=len(parts),
        articles_prepared=len(articles),
        task_seconds=stage_seconds,
        worker_peak_rss_mb={r.pid: r.peak_rss_mb for r in by_index.values()},
    )
    del by_index
    # the workers' signatures serve dedupe, match_stored and signature_rows: never recomputed
    dedupe.remember_signatures(articles, sigs)
    if config.cluster.dedupe:
        articles, keep = dedupe_with_signatures(articles, sigs)
        if emb is not None:
            emb = emb[keep]
    t_deduped = time.perf_counter()
    emb_by_id = {a.id: i for i, a in enumerate(articles)} if emb is not None else {}

    store = state = None
    if config.store.path:
        from newsweave.store import Store

        store = Store(config.store.path)
    try:
        folded: list[Article] = []
        if store is not None and config.cluster.dedupe:
            # a copy of an article stored by an earlier run folds into it (issue 20)
            articles, folded = fold_stored_copies(articles, store)
        if store is not None and clustering:
            state = load_cluster_state(store)
        planned, changed, state, cluster_keys, cl_stats = plan_stories_distributed(
            client, articles, emb, emb_by_id, config, state, token, store
        )
        stats["clustering"] = cl_stats
        t_planned = time.perf_counter()
        stories = _build_stories_distributed(
            client,
            planned,
            changed,
            config,
            skipped,
            progress,
            store,
            state,
            paths,
            token,
            stats,
            {a.id: a for a in folded},
        )
        if store is not None:
            # the stored stories whose article received a copy, with its new duplicates
            extra = stories_with_folded_copies(stories, folded, store, config, skipped)
            if extra:
                _save_batch(store, extra, stats.get("run_id"))
            stories += extra
        result = WeaveResult(stories=stories, skipped=skipped)
        if store is not None:
            woven = {a.id for s in stories for a in s.articles}
            _finish_store(
                store,
                result,
                state,
                cluster_keys,
                stats.get("run_id"),
                stats.get("articles_new", 0),
                folded=folded,
                signatures=dedupe.signature_rows([a for a in articles if a.id in woven]),
            )
            _resume_path(store.path).unlink(missing_ok=True)
    finally:
        if store is not None:
            store.close()
    t_end = time.perf_counter()
    stats.update(
        seconds={
            "per_article_stages": t_prepared - t_start,
            "merge_dedupe": t_deduped - t_prepared,
            "clustering": t_planned - t_deduped,
            "stories": t_end - t_planned,
            "total": t_end - t_start,
        },
        stories=len(result.stories),
    )
    return result


def merge_partitions(results: list[tasks.PreparedPartition]):
    """Concatenate partition results in input order, folding exact copies (same id) seen in
    several partitions the way ingest folds them within one. Returns ``(articles,
    embeddings or None, signatures or None, skipped)``."""
    articles: list[Article] = []
    emb_rows: list[np.ndarray] = []
    sig_rows: list[np.ndarray] = []
    pos: dict[str, int] = {}  # id -> index in articles; -1 when cleaning dropped it
    ingest_skipped: list[Skipped] = []
    clean_skipped: list[Skipped] = []
    for r in results:
        ingest_skipped.extend(r.ingest_skipped)
        local = {a.id: k for k, a in enumerate(r.articles)}
        dropped = dict(r.clean_skipped)
        for rec in r.ingested:
            aid = rec[0]
            if aid in pos:
                idx = pos[aid]
                if idx >= 0 and rec[1] != articles[idx].source:
                    articles[idx] = tasks.replace_duplicates(
                        articles[idx], [tasks.as_duplicate(rec), *rec[6]]
                    )
                continue
            k = local.get(aid)
            if k is None:
                pos[aid] = -1
                if aid in dropped:
                    clean_skipped.append(dropped[aid])
                continue
            pos[aid] = len(articles)
            articles.append(r.articles[k])
            if r.embeddings is not None:
                emb_rows.append(r.embeddings[k])
            if r.signatures is not None:
                sig_rows.append(r.signatures[k])
    emb = (
        np.stack(emb_rows).astype(np.float32)
        if emb_rows
        else (
            np.zeros((0, 384), np.float32)
            if results and results[0].embeddings is not None
            else None
        )
    )
    sigs = np.stack(sig_rows) if sig_rows else None
    return articles, emb, sigs, ingest_skipped + clean_skipped


def dedupe_with_signatures(
    articles: list[Article], sigs: np.ndarray | None
) -> tuple[list[Article], list[int]]:
    """:func:`newsweave.dedupe.dedupe` over precomputed MinHash signatures: the same groups
    (same content hashes, LSH index, threshold and group rule), folded by ``dedupe`` itself.

    Returns the kept articles and, for each, the index of its row in ``articles``.
    """
    from newsweave import dedupe as dd

    if not articles:
        return [], []
    groups, _pairs = dd.duplicate_groups(articles, signatures=sigs)
    index_of = {a.id: i for i, a in enumerate(articles)}
    out: list[Article] = []
    keep: list[int] = []
    for idx in groups:
        folded = [articles[idx[0]]] if len(idx) == 1 else dd.dedupe([articles[i] for i in idx])
        for a in folded:
            out.append(a)
            keep.append(index_of[a.id])
    return out, keep


# --------------------------------------------------------------------------- stories


def plan_stories_distributed(
    client, articles, emb, emb_by_id, config: Config, state, token, store=None
):
    """:func:`newsweave.pipeline.plan_stories` with the clustering on the cluster.

    Returns ``(planned, changed, state, cluster keys changed, stats)``.
    """
    from newsweave.stories import grouped_stories, plan_stories, reuse_stored_ids

    if config.one_story or config.cluster.mode == "never":
        planned, changed = plan_stories(articles, config, state, store)
        return planned, changed, state, set(), {}
    mode = config.cluster.mode
    to_cluster = [a for a in articles if mode == "always" or not a.group]
    ids = {a.id for a in to_cluster}
    rest = [a for a in articles if a.id not in ids]
    planned = grouped_stories(rest, config)
    changed = {k for k, _ in planned if k}
    planned = reuse_stored_ids(planned, changed, store)
    keys: set[str] = set()
    cl_stats: dict = {}
    if to_cluster:
        rows = [emb_by_id[a.id] for a in to_cluster]
        cl_emb = emb[rows]
        clustered, state, keys, cl_stats = cluster_distributed(
            client, to_cluster, cl_emb, config, state, token
        )
        for key, members in clustered:
            planned.append((CLUSTER_KEY + key, members))
        changed |= {CLUSTER_KEY + k for k in keys}
    return planned, changed, state, keys, cl_stats


def cluster_distributed(
    client, articles: list[Article], emb: np.ndarray, config: Config, state, token: str
):
    """Cluster ``articles`` into stories: ``(stories, state, changed keys, stats)`` with
    ``stories`` as :func:`newsweave.cluster.cluster_articles` returns them."""
    from newsweave import cluster

    use_ent = config.cluster.entities
    if state is not None and state.stories:
        # incremental run against stories already in the store: the exact one-process
        # algorithm (new articles are assigned one by one against the stored centroids)
        clustered, state, keys = cluster.cluster_articles(
            articles, state, use_entities=use_ent, embeddings=emb
        )
        return clustered, state, keys, {"mode": "incremental", "blocks": 0}
    by_id = {a.id: a for a in articles}
    if len(articles) <= config.dask.block_articles:
        fut = client.submit(
            tasks.cluster_block,
            articles,
            emb,
            use_ent,
            None,
            0,
            True,
            key=f"nw-cluster-{token}",
            pure=False,
        )
        r = _result(fut, "the clustering task")
        stories = [(key, [by_id[i] for i in ids]) for key, ids in r.stories]
        return (
            stories,
            r.state,
            r.changed,
            {"mode": "one block", "blocks": 1, "task_seconds": r.seconds},
        )
    return cluster_blocked(client, articles, emb, config, token)


def cluster_blocked(client, articles: list[Article], emb: np.ndarray, config: Config, token: str):
    """Blocked clustering (see :mod:`newsweave.distributed.blocking`)."""
    from newsweave import cluster

    use_ent = config.cluster.entities
    ids = [a.id for a in articles]
    times = np.array([cluster.parse_time(a.published) for a in articles], dtype=np.float64)
    blocks = blocking.make_blocks(times, emb, ids, config.dask.block_articles)
    data = [client.scatter([[articles[i] for i in b.members]], hash=False)[0] for b in blocks]
    embs = [client.scatter([emb[b.members]], hash=False)[0] for b in blocks]
    count_futs = [
        client.submit(tasks.block_term_counts, d, e, key=f"nw-df-{token}-{k}", pure=False)
        for k, (d, e) in enumerate(zip(data, embs, strict=True))
    ]
    counts = [_result(f, "document frequencies") for f in count_futs]
    gdf = np.zeros(cluster.HASH_FEATURES, dtype=np.int64)
    for tid, c in counts:
        gdf[tid] += c
    nz = np.flatnonzero(gdf)
    global_df = (nz.astype(np.int32), gdf[nz].astype(np.int32))
    [gdf_fut] = client.scatter([global_df], hash=False, broadcast=True)
    # keep_state: each block returns its articles' link features, stored with the state
    futs = [
        client.submit(
            tasks.cluster_block,
            d,
            e,
            use_ent,
            gdf_fut,
            len(articles),
            True,
            c,
            key=f"nw-block-{token}-{k}",
            pure=False,
        )
        for k, (d, e, c) in enumerate(zip(data, embs, count_futs, strict=True))
    ]
    results = [_result(f, f"clustering block {k}") for k, f in enumerate(futs)]
    state = cluster.ClusterState()
    state.df[global_df[0]] = global_df[1]
    state.n_docs = len(articles)
    for r in results:  # the articles' link features, for later runs (cluster_features)
        if r.state is not None:
            state.absorb_features(r.state)  # and the stem document frequencies of the pile
            r.state = None
    # the merge weighs dates by their idf over the whole pile, as one process would
    merged = blocking.merge_stories(blocks, results, key_idf=state.stem_idf)
    position = {aid: i for i, aid in enumerate(ids)}

    def canonical(aid: str) -> tuple:
        t = times[position[aid]]
        return (math.isnan(t), 0.0 if math.isnan(t) else t, aid)

    stories: list[tuple[str, list[Article]]] = []
    for group in merged:
        parts = [results[b].centroids[key] for b, key in group]
        key = min((k for _, k in group), key=canonical)
        cent = blocking.merged_centroid(key, parts)
        state.set_story(key, cent)
        members = sorted(cent.members, key=position.__getitem__)
        stories.append((key, [articles[position[aid]] for aid in members]))
    stories.sort(key=lambda kv: position[kv[1][0].id])
    n_merges = sum(len(g) - 1 for g in merged)
    return (
        stories,
        state,
        {k for k, _ in stories},
        {
            "mode": "blocked",
            "blocks": len(blocks),
            "block_sizes": [len(b.members) for b in blocks],
            "block_stories": sum(len(r.stories) for r in results),
            "merges": n_merges,
            "task_seconds": sum(r.seconds for r in results),
        },
    )


def _resume_path(db: str) -> Path:
    return Path(str(db) + RESUME_SUFFIX)


def run_key(paths: list, config: Config) -> str:
    """What a resumed run must share with the interrupted one: inputs and settings."""
    settings = dataclasses.replace(config, dask=DaskConfig(), store=type(config.store)())
    blob = json.dumps([input_fingerprint(paths), repr(settings)], default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _load_resume(db: str, key: str) -> set[str]:
    path = _resume_path(db)
    done: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return done
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:
            continue  # a line cut by the crash
        if rec.get("run") == key:
            done.update(rec.get("stories", []))
    return done


def _build_stories_distributed(
    client,
    planned,
    changed,
    config,
    skipped,
    progress,
    store,
    state,
    paths,
    token,
    stats,
    folded=None,
) -> list[Story]:
    """:func:`newsweave.stories.build_stories` with the summaries and facts as tasks and
    the store written batch by batch; ``folded``: stored articles that received copies."""
    from newsweave.stories import articles_key, incremental_story, story_id_for

    ready: dict[int, Story | Skipped] = {}
    notes: dict[int, list[Skipped]] = {}  # fact-stage skips of built stories, by index
    items: list[tuple[int, str | None, list[Article]]] = []
    resumable: set[str] = set()
    key = ""
    if store is not None:
        key = run_key(paths, config)
        resumable = _load_resume(config.store.path, key)
        stats["run_id"] = store.start_run()
    reused = 0
    for i, (skey, members) in enumerate(planned):
        stored, members = incremental_story(store, state, skey, members, changed, folded)
        if stored is not None:
            ready[i] = stored
            continue
        if store is not None:
            sid = story_id_for(skey or articles_key(members))
            if sid in resumable:
                try:
                    old_story = store.load_story(sid)
                    if [a.id for a in old_story.articles] == [a.id for a in members]:
                        ready[i] = old_story
                        reused += 1
                        continue
                except (NewsweaveError, KeyError):
                    pass
        items.append((i, skey, list(members)))
    stats["stories_resumed"] = reused
    per = max(1, config.dask.stories_per_task)
    # big stories first, so the last tasks are short ones (better balance across workers)
    items.sort(key=lambda it: -sum(len(a.text) for a in it[2]))
    batches = [items[k : k + per] for k in range(0, len(items), per)]
    futures = [
        client.submit(tasks.build_stories, b, config, key=f"nw-stories-{token}-{k}", pure=False)
        for k, b in enumerate(batches)
    ]
    done = len(ready)
    total = len(planned)
    story_seconds = 0.0
    articles_new = 0
    if progress:
        progress("summarize", done, total)
    for fut in _as_completed(futures):
        out = _result(fut, "a summary/facts task")
        fut.release()
        batch_stories = []
        for index, story, secs, fact_skips in out:
            ready[index] = story
            notes[index] = fact_skips
            story_seconds += secs
            if isinstance(story, Story):
                batch_stories.append(story)
        if store is not None and batch_stories:
            articles_new += _save_batch(store, batch_stories, stats.get("run_id"))
            with open(_resume_path(config.store.path), "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"run": key, "stories": [s.id for s in batch_stories]}) + "\n")
        done += len(out)
        if progress:
            progress("summarize", done, total)
    stats["story_task_seconds"] = story_seconds
    stats["articles_new"] = articles_new
    stories: list[Story] = []
    for i in range(len(planned)):
        item = ready[i]
        skipped.extend(notes.get(i, ()))
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            stories.append(item)
    return stories


def _save_batch(store, stories: list[Story], run_id: int | None) -> int:
    """Write finished stories (with their articles and duplicates) in ONE transaction."""
    with store.transaction():
        new = store.add_articles(a for s in stories for a in s.articles)
        for s in stories:
            store.save_story(s, run_id=run_id)
        store.save_duplicates(a for s in stories for a in s.articles)
    return len(new)


def _finish_store(
    store,
    result: WeaveResult,
    state,
    cluster_keys: set[str],
    run_id,
    articles_new: int,
    *,
    folded: Iterable[Article] = (),
    signatures: Iterable[tuple[str, str, bytes | None]] = (),
) -> None:
    """Close the run in the store: skipped inputs, run totals, the clustering state, the
    copies folded into stored articles and the signatures of this run's articles."""
    with store.transaction():
        store.save_duplicates(folded)
        store.save_signatures(signatures)
        store.finish_run(
            run_id, result.skipped, articles_new=articles_new, stories=len(result.stories)
        )
        if state is not None and cluster_keys:
            save_cluster_state(store, state, cluster_keys)


def worker_memory(client) -> dict:
    """Peak resident memory (MB) of every worker process, by worker address."""
    return client.run(tasks.worker_info)


__all__ = [
    "DistributedError",
    "open_client",
    "run_on_client",
    "weave_result_distributed",
    "dedupe_with_signatures",
    "merge_partitions",
]
