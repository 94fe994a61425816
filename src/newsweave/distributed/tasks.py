"""The functions Dask runs on the workers. Each is pure: same inputs, same outputs.

Because no task writes anywhere (the client is the only writer of the store), a task that
Dask re-runs after a worker died cannot duplicate anything. Models load lazily, once per
worker process, through :mod:`newsweave.nlp` (``lru_cache``); :class:`NewsweaveWorkerPlugin`
only pins the worker's thread count and, optionally, preloads them.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass, field

import numpy as np

from newsweave.config import Config
from newsweave.dedupe import minhash_signatures
from newsweave.distributed.inputs import Partition, read_partition
from newsweave.model import Article, Duplicate, Skipped, Story

try:  # the plugin base class; plain object when distributed is missing (import-time only)
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover
    WorkerPlugin = object  # type: ignore[misc,assignment]


class NewsweaveWorkerPlugin(WorkerPlugin):
    """Set up a worker for newsweave: one torch thread per Dask thread, models optional.

    ``preload=True`` loads spaCy and the sentence embedder when the worker starts (and again
    when a nanny restarts a dead worker), so the first task does not pay for it.
    """

    name = "newsweave"

    def __init__(self, threads: int = 1, preload: bool = False) -> None:
        self.threads = threads
        self.preload = preload

    def setup(self, worker=None) -> None:  # noqa: D401 - Dask hook
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import torch

            torch.set_num_threads(max(1, self.threads))
        except ImportError:  # pragma: no cover
            pass
        if self.preload:
            from newsweave import nlp

            nlp.get_nlp(False)
            nlp.get_encoder()


def _rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux ru_maxrss is in KB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@dataclass
class PreparedPartition:
    """What a partition's per-article stages return to the client."""

    index: int
    # every article the reader kept, in order: (id, source, outlet, title, url, published,
    # duplicates), including those later dropped by cleaning
    ingested: list[tuple]
    articles: list[Article]  # cleaned and sentence-split, in input order
    ingest_skipped: list[Skipped]
    clean_skipped: list[tuple[str, Skipped]]  # (article id, record)
    embeddings: np.ndarray | None  # (len(articles), 384): title+lead, for clustering
    signatures: np.ndarray | None  # (len(articles), NUM_PERM) MinHash hash values
    seconds: dict[str, float] = field(default_factory=dict)
    pid: int = 0
    peak_rss_mb: float = 0.0


def prepare_partition(
    part: Partition, config: Config, embeddings: bool, signatures: bool
) -> PreparedPartition:
    """Per-article stages of one partition: read, extract, clean, split sentences, embed the
    title+lead (for clustering) and compute MinHash signatures (for near-duplicates)."""
    from newsweave import cluster, nlp
    from newsweave.stories import prepare_articles

    seconds: dict[str, float] = {}
    c0 = time.process_time()
    t0 = time.perf_counter()
    articles, ingest_skipped = read_partition(part, config.ingest, config.on_error)
    t1 = time.perf_counter()
    seconds["read"] = t1 - t0
    skipped: list[Skipped] = []
    prepared = prepare_articles(articles, config, skipped, keep_parses=False)
    t2 = time.perf_counter()
    seconds["clean_split"] = t2 - t1
    c1 = time.process_time()
    kept = {a.id for a in prepared}
    dropped = [a.id for a in articles if a.id not in kept]
    clean_skipped = list(zip(dropped, skipped, strict=False))
    emb = None
    if embeddings:
        emb = (
            nlp.embed([cluster.head_text(a) for a in prepared])
            if prepared
            else np.zeros((0, cluster.EMBED_DIM), np.float32)
        )
    t3 = time.perf_counter()
    seconds["embed"] = t3 - t2
    c2 = time.process_time()
    sigs = minhash_signatures([a.text for a in prepared]) if signatures else None
    seconds["minhash"] = time.perf_counter() - t3
    c3 = time.process_time()
    # CPU seconds: what the stages cost when the machine is shared (wall time is not)
    seconds["cpu_read_clean_split"] = c1 - c0
    seconds["cpu_embed"] = c2 - c1
    seconds["cpu_minhash"] = c3 - c2
    seconds["articles_in"] = float(len(articles))
    ingested = [
        (a.id, a.source, a.outlet, a.title, a.url, a.published, a.duplicates) for a in articles
    ]
    return PreparedPartition(
        index=part.index,
        ingested=ingested,
        articles=prepared,
        ingest_skipped=ingest_skipped,
        clean_skipped=clean_skipped,
        embeddings=emb,
        signatures=sigs,
        seconds=seconds,
        pid=os.getpid(),
        peak_rss_mb=_rss_mb(),
    )


def as_duplicate(rec: tuple) -> Duplicate:
    """The exact-duplicate record of an ``ingested`` tuple (what ingest would have added)."""
    aid, source, outlet, title, url, published, _ = rec
    return Duplicate(
        article_id=aid,
        outlet=outlet,
        title=title,
        url=url,
        source=source,
        published=published,
        kind="exact",
        similarity=1.0,
    )


# --------------------------------------------------------------------------- clustering


@dataclass
class BlockResult:
    """One clustering block's stories: ``(key, member ids)`` and their centroids."""

    stories: list[tuple[str, list[str]]]
    centroids: dict  # key -> newsweave.cluster.StoryCentroid
    changed: set[str] = field(default_factory=set)
    seconds: float = 0.0  # CPU seconds
    state: object | None = None  # the whole ClusterState (with its articles' link features)


def block_term_counts(articles: list[Article], embeddings: np.ndarray) -> tuple:
    """Document frequencies of a block's hashed terms, as ``(term ids, counts)``."""
    from newsweave import cluster

    scratch = cluster.ClusterState()
    cluster.featurize(articles, scratch, use_entities=False, embeddings=embeddings)
    nz = np.flatnonzero(scratch.df)
    return nz.astype(np.int32), scratch.df[nz].astype(np.int32)


def cluster_block(
    articles: list[Article],
    embeddings: np.ndarray,
    use_entities: bool,
    global_df: tuple | None = None,
    n_docs: int = 0,
    keep_state: bool = False,
    own_counts: tuple | None = None,
) -> BlockResult:
    """Cluster one block with :func:`newsweave.cluster.cluster_articles`.

    ``global_df`` (term ids, counts over every article clustered in the run) and ``n_docs``
    seed the block's document frequencies so its idf weights are those of the whole run,
    not of the block alone; ``own_counts`` are the block's own (from
    :func:`block_term_counts`; computed here when not given).
    """
    from newsweave import cluster

    t0 = time.process_time()
    state = cluster.ClusterState()
    if global_df is not None:
        ids, counts = own_counts or block_term_counts(articles, embeddings)
        gids, gcounts = global_df
        state.df[gids] += gcounts
        state.df[ids] -= counts  # featurize adds the block's own counts back
        state.n_docs = n_docs - len(articles)
    groups, state, changed = cluster.cluster_articles(
        articles, state, use_entities=use_entities, embeddings=embeddings
    )
    stories = [(key, [a.id for a in members]) for key, members in groups]
    centroids = {key: state.stories[key] for key, _ in groups}
    for c in centroids.values():
        c.drop_cache()
    kept = state if keep_state else None
    # a kept state keeps its articles' link features: the run stores them
    # (cluster_features) so later runs link new articles against these ones
    return BlockResult(
        stories=stories,
        centroids=centroids,
        changed=changed,
        seconds=time.process_time() - t0,
        state=kept,
    )


# --------------------------------------------------------------------------- stories


def build_stories(
    items: list[tuple[int, str | None, list[Article]]], config: Config
) -> list[tuple[int, Story | Skipped, float, list[Skipped]]]:
    """Summaries and facts of a batch of planned stories: ``(index, Story or Skipped, CPU
    seconds, fact-stage skips)`` per item, exactly as :func:`newsweave.stories.build_stories`
    makes them."""
    from newsweave.stories import build_or_skip

    out: list[tuple[int, Story | Skipped, float, list[Skipped]]] = []
    for index, key, members in items:
        t0 = time.process_time()
        skipped: list[Skipped] = []
        story = build_or_skip(key, members, config, skipped)
        item: Story | Skipped = skipped.pop() if story is None else story
        out.append((index, item, time.process_time() - t0, skipped))
    return out


def worker_info() -> dict:
    """pid, peak memory and CPU seconds used so far by the worker process (benchmark)."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"pid": os.getpid(), "peak_rss_mb": _rss_mb(), "cpu_s": ru.ru_utime + ru.ru_stime}


def replace_duplicates(article: Article, extra: list[Duplicate]) -> Article:
    """``article`` with ``extra`` appended to its duplicates (no source twice)."""
    seen = {article.source} | {d.source for d in article.duplicates}
    add = []
    for d in extra:
        if d.source not in seen:
            seen.add(d.source)
            add.append(d)
    if not add:
        return article
    return dataclasses.replace(article, duplicates=article.duplicates + tuple(add))
