"""Story clustering at scale: blocking, per-block clustering, merging across block borders.

Nothing here compares all pairs of articles.

1. **Time windows.** Dated articles are sorted by publication time and cut into windows of
   :data:`WINDOW_DAYS` days (the span beyond which :mod:`newsweave.cluster` never joins an
   article to a story); consecutive small windows are packed together up to the block size.
   Undated articles form one more window.
2. **Nearest-neighbour buckets.** A window holding more than ``dask.block_articles`` articles
   is split by k-means over the title+lead embeddings (an IVF-style coarse quantiser:
   every article goes to its nearest of ``k`` centroids), so one story's articles land in one
   bucket unless they sit near a bucket border.
3. **Per-block clustering.** Each block is clustered by
   :func:`newsweave.cluster.cluster_articles` as a Dask task, with the idf weights of the whole
   run (document frequencies summed over all blocks first).
4. **Merge.** Stories that a border split are joined: each story's centroid is compared, by
   a nearest-neighbour matrix product, with the stories of the *neighbouring* blocks only
   (same window or the next one in time; undated stories with every block), and the best
   :data:`newsweave.cluster.CANDIDATES` are scored. Stories of full-length articles (formed by
   the link step, :mod:`newsweave.cluster_links`) are scored by the link model over their mean
   pairwise similarities (:func:`newsweave.cluster.group_link`) and merged at the link
   step's own threshold (:data:`newsweave.cluster_links.LINK_THRESHOLD`); other stories with
   :func:`newsweave.cluster.score` (the embedding + lexical + entity + time score an article
   gets against a story) at :data:`MERGE_THRESHOLD`. Merges are transitive (union-find); the
   merged story keeps the key of its earliest opening article. On mds_clusters_dev with forced
   blocks of 200, the link-model merge loses 0.004 B-cubed F1 against one process where the
   centroid score lost 0.024 (bench/RESULTS.md, issue 8).

Runs that fit one block (``dask.block_articles``, 20,000 by default) skip 1, 2 and 4 and give
exactly the stories of one process.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave import cluster

# Window length: cluster.TIME_WINDOW_DAYS is how far apart in time an article and a story may
# be and still be compared; windows of that length mean a story split by a window border only
# needs the next window to be found again.
WINDOW_DAYS = cluster.TIME_WINDOW_DAYS
# Score two border-split stories of headline-only articles (the single pass of
# newsweave.cluster) need to be merged. Centroid-to-centroid scores run higher
# than article-to-story scores (centroids average out the noise), so the bar is higher than
# cluster.ASSIGN_THRESHOLD. Calibrated on story_clustering/mds_clusters_dev.jsonl with forced
# small blocks (bench/RESULTS.md, issue 8): re-run bench/bench_distributed.py --blocks if changed.
MERGE_THRESHOLD = 0.45
# Entities a story's centroid passes on as its "own" when scored against another story: those
# named in at least this share of its articles.
ENTITY_SHARE = 0.5


@dataclass
class Block:
    """Indexes (into the clustered articles) of one block, and where it sits."""

    members: list[int]
    window: int  # index of its (first) time window; -1 for undated articles
    last_window: int


def make_blocks(
    times: np.ndarray, emb: np.ndarray, ids: Sequence[str], block_articles: int, seed: int = 0
) -> list[Block]:
    """Cut articles into blocks of at most about ``block_articles`` (see module docstring)."""
    n = len(ids)
    order = sorted(
        range(n),
        key=lambda i: (math.isnan(times[i]), 0.0 if math.isnan(times[i]) else times[i], ids[i]),
    )
    dated = [i for i in order if not math.isnan(times[i])]
    undated = [i for i in order if math.isnan(times[i])]
    windows: list[list[int]] = []
    start = None
    for i in dated:
        if start is None or times[i] - start >= WINDOW_DAYS:
            windows.append([])
            start = times[i]
        windows[-1].append(i)
    blocks: list[Block] = []
    packed: list[int] = []
    first_w = 0
    for w, members in enumerate(windows):
        if len(members) > block_articles:
            if packed:
                blocks.append(Block(packed, first_w, w - 1))
                packed = []
            for bucket in split_by_neighbours(members, emb, block_articles, seed):
                blocks.append(Block(bucket, w, w))
            continue
        if packed and len(packed) + len(members) > block_articles:
            blocks.append(Block(packed, first_w, w - 1))
            packed = []
        if not packed:
            first_w = w
        packed = packed + members
    if packed:
        blocks.append(Block(packed, first_w, len(windows) - 1))
    if undated:
        for bucket in split_by_neighbours(undated, emb, block_articles, seed):
            blocks.append(Block(bucket, -1, -1))
    return blocks


def split_by_neighbours(
    members: list[int], emb: np.ndarray, block_articles: int, seed: int = 0
) -> list[list[int]]:
    """Split ``members`` into buckets of nearest neighbours (k-means on the embeddings);
    a bucket still over the size is split again. Member order is kept inside buckets."""
    if len(members) <= block_articles:
        return [members]
    from sklearn.cluster import KMeans

    k = math.ceil(len(members) / block_articles)
    x = emb[members]
    labels = KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(x)
    buckets: list[list[int]] = [[] for _ in range(k)]
    for m, lab in zip(members, labels, strict=True):
        buckets[int(lab)].append(m)
    out: list[list[int]] = []
    for b in buckets:
        if not b:
            continue
        if len(b) > block_articles and len(b) < len(members):
            out.extend(split_by_neighbours(b, emb, block_articles, seed + 1))
        elif len(b) > block_articles:  # k-means would not split it: cut it in order
            out.extend(b[i : i + block_articles] for i in range(0, len(b), block_articles))
        else:
            out.append(b)
    return out


def _neighbours(a: Block, b: Block) -> bool:
    if a.window < 0 or b.window < 0:
        return True  # undated stories may join any story, as in cluster.assign
    return b.window <= a.last_window + 1 and a.window <= b.last_window + 1


def _as_article(c: cluster.StoryCentroid) -> tuple:
    """A story centroid seen as one article: (unit embedding, unit terms, entities, time)."""
    emb = c.unit_emb()
    items = sorted(c.terms.items(), key=lambda kv: -kv[1])[: cluster.ARTICLE_TERMS]
    idx = np.array([k for k, _ in items], dtype=np.int64)
    w = np.array([v for _, v in items], dtype=np.float32)
    norm = float(np.sqrt(np.dot(w, w))) or 1.0
    ents = frozenset(e for e, n in c.ents.items() if n >= ENTITY_SHARE * max(c.size, 1))
    t = math.nan if math.isnan(c.t_min) else (c.t_min + c.t_max) / 2.0
    return emb, (idx, w / norm), ents, t


def pile_key_idf(results: Sequence) -> Callable[[np.ndarray], np.ndarray]:
    """The idf of date keys (and stems) over the whole pile the blocks hold: their states'
    stem document frequencies summed (each block counts its own articles), i.e. the
    ``ClusterState.stem_idf`` one process clustering the same articles would use.
    ``results``: :class:`~newsweave.distributed.tasks.BlockResult` with their states kept."""
    pile = cluster.ClusterState()
    for r in results:
        if r.state is not None:
            pile.absorb_features(r.state)
    return pile.stem_idf


def merge_stories(
    blocks: Sequence[Block],
    results: Sequence,
    threshold: float = MERGE_THRESHOLD,
    link_threshold: float | None = None,
    key_idf: Callable[[np.ndarray], np.ndarray] | None = None,
) -> list[list[tuple[int, str]]]:
    """Merge border-split stories across blocks.

    ``results[b]`` is the :class:`~newsweave.distributed.tasks.BlockResult` of ``blocks[b]``.
    ``key_idf``: the idf of date keys over the pile (the link model's cos_date, as the
    one-process path weighs it); None: :func:`pile_key_idf` of ``results``.
    Returns the merged stories as lists of ``(block, key)``.
    """
    from newsweave import cluster_links

    if link_threshold is None:
        link_threshold = cluster_links.LINK_THRESHOLD
    if key_idf is None:
        key_idf = pile_key_idf(results)
    nodes: list[tuple[int, str]] = [(b, key) for b, r in enumerate(results) for key, _ in r.stories]
    if not nodes:
        return []
    cents = [results[b].centroids[key] for b, key in nodes]
    mat = np.stack([c.unit_emb() for c in cents]).astype(np.float32)
    by_block: dict[int, list[int]] = {}
    for i, (b, _) in enumerate(nodes):
        by_block.setdefault(b, []).append(i)
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pseudo: dict[int, tuple] = {}
    for b, rows in by_block.items():
        others = [
            j
            for b2, rows2 in by_block.items()
            if b2 != b and _neighbours(blocks[b], blocks[b2])
            for j in rows2
        ]
        if not others:
            continue
        others_arr = np.array(others)
        for c0 in range(0, len(rows), cluster.CHUNK):
            chunk = rows[c0 : c0 + cluster.CHUNK]
            sims = mat[chunk] @ mat[others_arr].T
            k = min(cluster.CANDIDATES, len(others))
            for r, i in enumerate(chunk):
                top = (
                    np.argpartition(-sims[r], k - 1)[:k] if k < len(others) else range(len(others))
                )
                if i not in pseudo:
                    pseudo[i] = _as_article(cents[i])
                emb, terms, ents, t = pseudo[i]
                for t_idx in top:
                    j = int(others_arr[t_idx])
                    if find(i) == find(j):
                        continue
                    if j not in pseudo:
                        pseudo[j] = _as_article(cents[j])
                    if cents[i].body_n and cents[j].body_n:
                        # both stories were linked by the link step: the link model over
                        # their mean pairwise similarities (cluster.group_link)
                        if cluster.group_link(cents[i], cents[j], key_idf) < link_threshold:
                            continue
                    else:
                        e2, terms2, ents2, t2 = pseudo[j]
                        s = min(
                            cluster.score(cents[j], emb, terms, ents, t),
                            cluster.score(cents[i], e2, terms2, ents2, t2),
                        )
                        if s < threshold:
                            continue
                    ri, rj = find(i), find(j)
                    parent[max(ri, rj)] = min(ri, rj)
    merged: dict[int, list[tuple[int, str]]] = {}
    for i, node in enumerate(nodes):
        merged.setdefault(find(i), []).append(node)
    return list(merged.values())


def _summed(vectors: Iterable[dict], keep: int) -> dict:
    """The sum of sparse term vectors, trimmed to its ``keep`` heaviest terms once it holds
    twice that many (as a centroid trims its own sums)."""
    total: Counter = Counter()
    for v in vectors:
        total.update(v)
    if len(total) > 2 * keep:
        total = Counter(dict(total.most_common(keep)))
    return dict(total)


def merged_centroid(key: str, parts: Sequence[cluster.StoryCentroid]) -> cluster.StoryCentroid:
    """One centroid for stories merged across blocks (sums of their sums)."""
    out = cluster.StoryCentroid(key=key)
    for c in parts:
        out.members.extend(c.members)
        out.emb_sum = out.emb_sum + c.emb_sum
        out.ents.update(c.ents)
        out.body_n += c.body_n
        out.stem_n += c.stem_n
        for t in (c.t_min, c.t_max):
            if not math.isnan(t):
                out.t_min = t if math.isnan(out.t_min) else min(out.t_min, t)
                out.t_max = t if math.isnan(out.t_max) else max(out.t_max, t)
    out.terms = _summed((c.terms for c in parts), cluster.CENTROID_TERMS)
    out.body = _summed((c.body for c in parts), cluster.CENTROID_LINK_TERMS)
    out.stems = _summed((c.stems for c in parts), cluster.CENTROID_STEM_TERMS)
    return out
