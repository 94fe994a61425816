"""Pairwise links within a batch: which full-length articles of one batch tell the same story.

A single pass over story centroids (:mod:`newsweave.cluster`) decides article by article, so
an article sees only the stories built so far, and a centroid blurs what its members share.
For full-length articles of one batch, this step decides together instead:

1. **Neighbours.** Each article's :data:`LINK_NEIGHBOURS` nearest articles of the batch by
   embedding cosine plus body TF-IDF cosine: the :data:`PRE_NEIGHBOURS` nearest by embedding
   are found :data:`CHUNK` rows at a time by a matrix product against the articles inside
   the chunk's time window (no n-by-n matrix is kept; memory is linear), then re-ranked with
   their lexical cosines. Large undated piles are pre-blocked (:func:`coarse_blocks`).
2. **Link probability.** Each neighbour pair gets the probability that both articles belong
   to one story: a logistic model over the pair's embedding cosine, lexical cosine (the
   articles' body TF-IDF term vectors), shared named entities, the product of the two
   cosines, whether both mention years but none in common, the share of salient names
   (names the bodies repeat that are rare in the pile) in common, the TF-IDF cosine of the
   whole bodies' Porter stems (:func:`stem_cosines`), and the idf-weighted cosine of the
   month-day dates the bodies name (:func:`date_cosines`) (:data:`LINK_COEF`, fitted on
   labelled story pairs and chosen by cross-validation grouped by story over the document dev
   files, bench/cv_cluster.py; see bench/RESULTS.md).
3. **Average linkage over the neighbour graph.** Groups are merged greedily, the pair of
   groups with the highest *average* link probability first, where pairs that are not
   neighbours count as 0, until no pair of groups averages :data:`LINK_THRESHOLD`. Average
   linkage needs most members of two groups to be linked, so one accidental link (a video
   page, a boiler-plate archive page) does not chain two stories together. Optionally
   (:data:`MEAN_LINK_THRESHOLD`, off by default) the links two groups do have must also
   average a minimum, so many weak links between look-alike stories (what the neighbours of
   a small batch hold) do not merge them.

The groups are returned in canonical order; :func:`newsweave.cluster.assign` then places each
group as one unit (joining a story of an earlier batch or opening a new one). The result
depends only on the set of articles (the caller passes them in canonical order; ties are
broken by position), so input order does not matter.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Sequence

import numpy as np

from newsweave import config

# Nearest neighbours per article that get a link probability. Few neighbours also act as a
# regulariser (missing pairs count as 0 in average linkage), too few split the larger stories.
# Chosen with LINK_THRESHOLD by bench/cv_cluster.py (issue 23, 2026-12-05): cross-validation
# grouped by story over mds_clusters_dev and ecbplus_dev together (10 folds), the (k,
# threshold) with the best mean cross-fitted B-cubed F1 of the two files; per outer fold the
# choice was (5 or 6, 0.15-0.2) in 9 of 10 folds (bench/RESULTS.md, issue 23). Re-chosen
# 2026-12-06 after the int8 encoder began to embed each text alone (vectors no longer depend
# on batch-mates): over fold seeds 1-5 the outer folds chose (6, 0.2) in 35 of 50, (5, 0.15)
# in 7.
LINK_NEIGHBOURS = 6
# Rows of the neighbour search per matrix product.
CHUNK = config.CHUNK
# Nearest by embedding whose lexical cosine is computed before the final re-ranking (keeps
# the lexical work per article constant). Cross-fitted F1 at 32 / 64 / 128 / all: 0.947 /
# 0.948 / 0.951 / 0.952 on mds_clusters_dev.
PRE_NEIGHBOURS = 128
# Coarse pre-blocking of large undated piles (no time window to bound the neighbour search):
# with more than PREBLOCK_ARTICLES undated articles in one batch, every article is a member of
# its two nearest of about n / PREBLOCK_SIZE coarse blocks (spherical k-means over the
# embeddings, :func:`coarse_blocks`) and looks for neighbours among the members of those two
# only, so the work per article is bounded (about 4 * PREBLOCK_SIZE similarities) instead of
# growing with the pile. Smaller piles, the dev files among them, are searched exhaustively
# (bench/RESULTS.md, issue 23, 2026-12-06). Dated articles still compare with every undated
# one (a pile of many dated and many undated articles is not pre-blocked).
PREBLOCK_ARTICLES = 20_000
PREBLOCK_SIZE = 4_096
# Articles further apart in time than this are never linked (as newsweave.cluster).
TIME_WINDOW_DAYS = config.TIME_WINDOW_DAYS
# Logistic link model: p = sigmoid(b + w . x) with x = (embedding cosine, lexical cosine,
# entity overlap, embedding cosine x lexical cosine, year conflict, shared salient names;
# :func:`pair_features`). Fitted by bench/cv_cluster.py (issue 23, C=10) on the
# 10-nearest-neighbour pairs of the scored documents of story_clustering/mds_clusters_dev.jsonl
# and ecbplus_dev.jsonl together; the figure it stands for is the out-of-fold one of that
# script (every pair scored by a model that saw neither of its stories). year_conflict
# (2026-12-05) and names (2026-12-06) were kept because each raised the out-of-fold F1 of both
# files: names, mean of fold seeds 1-5, mds 0.9452 -> 0.9470, ecbplus 0.9506 -> 0.9643;
# title+lead cosine, idf^2 body cosine, local scaling, idf-weighted entities, shared nearest
# neighbours and a "no names" indicator were tried and not kept (bench/RESULTS.md, issue 23).
# Re-run bench/cv_cluster.py and `newsweave eval cluster` on the dev files after a change.
# Refitted 2026-12-06 on the vectors of texts embedded alone (was -5.932, 5.059, 23.931,
# 2.368, -17.537, -0.812, 2.44). 2026-12-07 (issue 23): a seventh input, cos_stem (TF-IDF
# cosine over the Porter stems of the whole bodies, :func:`stem_cosines`), the one signal of
# the sixth round that raised out-of-fold mds_clusters_dev on every fold seed 1-5 (mean
# 0.9406 -> 0.9433) and ecbplus_dev (0.9575 -> 0.9617); refitted by bench/cv_cluster.py on the
# same pairs of mds_clusters_dev.jsonl and ecbplus_dev.jsonl (was -5.913, 5.046, 24.021,
# 2.37, -17.743, -0.832, 2.466).
# 2026-12-07 (issue 23, eighth round): an eighth input, cos_date (the idf-weighted cosine of
# the month-day dates the whole bodies name, :func:`date_cosines`), the one "who / where /
# when" signal of that round that raised out-of-fold mds_clusters_dev on every fold seed 1-5;
# whole-body entities, numbers with units, stem bigrams and date / place conflicts did not
# (bench/RESULTS.md); refitted by bench/cv_cluster.py on the same pairs (was -6.253, 5.178,
# 20.834, 2.292, -18.38, -0.877, 2.449, 3.6).
LINK_COEF = (-6.233, 5.048, 20.126, 2.419, -17.99, -0.824, 2.518, 3.528, 4.928)
# Names of the link model's inputs, in the order of :func:`pair_features` (bench/cv_cluster.py).
LINK_FEATURES = (
    "cos_emb",
    "cos_lex",
    "ent",
    "emb_x_lex",
    "year_conflict",
    "names",
    "cos_stem",
    "cos_date",
)
# Salient-name keys (newsweave.cluster.salient_names) sit in an article's entity set at and
# above this value, beside the entity keys (crc32, below it) and the year keys (negative).
NAME_KEY_BASE = 1 << 32
# Date keys (newsweave.cluster.date_keys) sit at and below this value; year keys between it
# and 0 (the same value as newsweave.cluster.DATE_KEY_BASE, which imports nothing from here).
DATE_KEY_BASE = -10_000
# Average link probability two groups need to be merged; chosen with LINK_NEIGHBOURS (above)
# by bench/cv_cluster.py: cross-fitted B-cubed F1 mds / ecbplus at k 5: 0.2 and 0.15 close;
# 0.2 at k 6 since the re-choice above.
LINK_THRESHOLD = 0.2
# Average link a group needs to join a story of an earlier batch (a fixed group, incremental
# mode). One-batch runs never use it, so the cross-validation above cannot choose it; it keeps
# the issue-5 threshold, under which ten increments stayed within 0.02 of one batch: with 0.15
# there too, mds_clusters_dev in ten increments lost 0.020 / 0.023 / 0.030 against one batch
# (shuffle seeds 5 / 6 / 7), new articles joining earlier stories they do not belong to; with
# 0.2: 0.014 / 0.023 / 0.021; 0.25: 0.021 / 0.023 / 0.015 (bench/RESULTS.md, issue 23).
FIXED_LINK_THRESHOLD = 0.2
# Mean of the links two groups do have (missing pairs not counted) they need to be merged,
# besides the average over all their pairs (missing ones as 0) reaching LINK_THRESHOLD; 0
# turns the condition off. The average alone depends on how dense the batch is: in a large
# batch an article's nearest are its own story's articles and a look-alike story's are not
# even neighbours, but in a small one (an early increment) the look-alikes are the nearest
# left, linked at p 0.2-0.4, and their groups merge at LINK_THRESHOLD 0.15. Chosen with
# LINK_NEIGHBOURS and LINK_THRESHOLD by bench/cv_cluster.py --mean-thresholds 0,0.2,0.3
# (issue 23, 2026-12-06): over five fold seeds the outer folds chose 0 in 20 of 50, 0.3 in
# 16 and 0.2 in 11 (at k 5, t 0.15); one batch cannot tell them apart (cross-fitted F1 within
# 0.0005). 0.3 lifts ecbplus_dev in ten increments by about 0.03 (drop 0.12-0.16 -> 0.10-0.12)
# and mds_clusters_dev by 0.003 at the same one-batch F1, but the CV did not choose it
# (bench/RESULTS.md).
MEAN_LINK_THRESHOLD = 0.0


def body_matrix(body: Sequence[tuple[np.ndarray, np.ndarray]]):
    """The articles' body term vectors ((hashed ids, unit-norm weights) per article) as one
    sparse row matrix, float32."""
    from scipy import sparse

    lens = np.fromiter((len(t[0]) for t in body), np.int64, len(body))
    indptr = np.concatenate([[0], np.cumsum(lens)])
    if lens.sum():
        ids = np.concatenate([t[0] for t in body]).astype(np.int64)
        vals = np.concatenate([t[1] for t in body]).astype(np.float32)
    else:
        ids, vals = np.zeros(0, np.int64), np.zeros(0, np.float32)
    dim = int(ids.max()) + 1 if len(ids) else 1
    return sparse.csr_matrix((vals, ids, indptr), shape=(len(body), dim))


def neighbour_pairs(
    emb: np.ndarray,
    body: Sequence[tuple[np.ndarray, np.ndarray]],
    times: np.ndarray,
    k: int = LINK_NEIGHBOURS,
    n_query: int | None = None,
    stats: dict[str, int] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (a < b) where b is among a's ``k`` nearest or a among b's, by embedding cosine
    plus lexical cosine of the body term vectors, restricted to articles at most
    :data:`TIME_WINDOW_DAYS` apart when both are dated. The lexical cosine is computed for
    each article's :data:`PRE_NEIGHBOURS` nearest by embedding (one matrix product per
    :data:`CHUNK` articles), which are then re-ranked.

    ``emb`` holds L2-normalised rows, ``body`` unit-norm (ids, weights) term vectors, ``times``
    days (nan when unknown). Returns the arrays ``a``, ``b``, their embedding cosines and
    their lexical cosines, sorted by (a, b), each pair once. With ``n_query``, only the first
    ``n_query`` articles look for neighbours (among all).

    Undated articles can be linked to any article; when there are more than
    :data:`PREBLOCK_ARTICLES` of them, each looks only among the members of its two nearest
    coarse blocks (:func:`coarse_blocks`; every article is a member of its two nearest), so
    the work stays near-linear without dates.
    ``stats["compared"]``, when given, is increased by the number of (article, candidate)
    similarities computed.
    """
    n = len(emb)
    empty = (
        np.zeros(0, np.int64),
        np.zeros(0, np.int64),
        np.zeros(0, np.float32),
        np.zeros(0, np.float32),
    )
    if n < 2 or k < 1:
        return empty
    x = body_matrix(body)
    dated = ~np.isnan(times)
    # dated articles sorted by time, so a chunk's window is a contiguous slice of them
    d_idx = np.flatnonzero(dated)
    d_idx = d_idx[np.argsort(times[d_idx], kind="stable")]
    d_times = times[d_idx]
    d_rank = np.empty(n, np.int64)
    d_rank[d_idx] = np.arange(len(d_idx))
    u_idx = np.flatnonzero(~dated)
    nq = n if n_query is None else n_query
    q_dated = d_idx[d_idx < nq]
    q_undated = u_idx[u_idx < nq]
    out_a, out_b, out_e, out_l = [], [], [], []
    compared = 0

    def search(rows: np.ndarray, cols: np.ndarray, own: np.ndarray, windowed: bool) -> None:
        """Each row's k nearest among ``cols`` (``own``: where each row sits among them)."""
        nonlocal compared
        compared += len(rows) * len(cols)
        sims = emb[rows] @ emb[cols].T
        sims[np.arange(len(rows)), own] = -np.inf  # not its own neighbour
        if windowed:  # exact window per row, not just the chunk's
            ct = times[cols]
            far = np.abs(ct[None, :] - times[rows][:, None]) > TIME_WINDOW_DAYS
            sims[far & ~np.isnan(ct)[None, :]] = -np.inf
        pre = _top(sims, PRE_NEIGHBOURS)
        if pre.shape[1] == 0:
            return
        e = np.take_along_axis(sims, pre, axis=1)
        ra = np.repeat(rows, pre.shape[1])
        rb = cols[pre].ravel()
        ok = np.isfinite(e.ravel())
        lex = np.zeros(len(ra))
        if ok.any():
            lex[ok] = np.asarray(x[ra[ok]].multiply(x[rb[ok]]).sum(axis=1)).ravel()
        both = np.where(ok, e.ravel() + lex, -np.inf).reshape(e.shape)
        top = _top(both, k)
        sel = np.take_along_axis(np.arange(both.size).reshape(both.shape), top, axis=1)
        sel = sel.ravel()[np.isfinite(both.ravel()[sel.ravel()])]
        out_a.append(ra[sel])
        out_b.append(rb[sel])
        out_e.append(e.ravel()[sel])
        out_l.append(lex[sel])

    for c0 in range(0, len(q_dated), CHUNK):
        rows = q_dated[c0 : c0 + CHUNK]
        lo = np.searchsorted(d_times, times[rows[0]] - TIME_WINDOW_DAYS, "left")
        hi = np.searchsorted(d_times, times[rows[-1]] + TIME_WINDOW_DAYS, "right")
        search(rows, np.concatenate([d_idx[lo:hi], u_idx]), d_rank[rows] - lo, True)
    if len(u_idx) > PREBLOCK_ARTICLES:
        # coarse pre-blocking: every article is a member of its two nearest blocks and a
        # query searches the members of its own two (a pair is compared when their two
        # nearest blocks meet), so the work per article stays bounded
        prim, sec = coarse_blocks(emb)
        member_of = np.concatenate([prim, sec])
        by_block = np.argsort(member_of, kind="stable") % n
        m_blocks = int(member_of.max()) + 1
        starts = np.searchsorted(np.sort(member_of, kind="stable"), np.arange(m_blocks + 1))
        q_key = prim[q_undated] * m_blocks + sec[q_undated]
        q_sorted = q_undated[np.argsort(q_key, kind="stable")]
        keys = np.unique(q_key)
        q_keys_sorted = np.sort(q_key, kind="stable")
        for key in keys.tolist():
            lo_, hi_ = np.searchsorted(q_keys_sorted, [key, key + 1])
            group = q_sorted[lo_:hi_]
            p, s2 = int(prim[group[0]]), int(sec[group[0]])
            cols = np.unique(
                np.concatenate(
                    [by_block[starts[p] : starts[p + 1]], by_block[starts[s2] : starts[s2 + 1]]]
                )
            )
            for c0 in range(0, len(group), CHUNK):
                rows = group[c0 : c0 + CHUNK]
                search(rows, cols, np.searchsorted(cols, rows), False)
    else:
        for c0 in range(0, len(q_undated), CHUNK):
            rows = q_undated[c0 : c0 + CHUNK]
            search(rows, np.arange(n), rows, False)  # undated: linked to any article
    if stats is not None:
        stats["compared"] = stats.get("compared", 0) + compared
    if not out_a:
        return empty
    a = np.concatenate(out_a).astype(np.int64)
    b = np.concatenate(out_b).astype(np.int64)
    lo_, hi_ = np.minimum(a, b), np.maximum(a, b)
    _, first = np.unique(lo_ * n + hi_, return_index=True)
    return (
        lo_[first],
        hi_[first],
        np.concatenate(out_e)[first].astype(np.float32),
        np.concatenate(out_l)[first].astype(np.float32),
    )


def coarse_blocks(
    emb: np.ndarray, size: int | None = None, iterations: int = 8
) -> tuple[np.ndarray, np.ndarray]:
    """Coarse blocks of the articles for the neighbour search of large undated piles: about
    ``len(emb) / size`` (default :data:`PREBLOCK_SIZE`) centroids found by spherical k-means
    on a fixed sample of the rows, then each article's nearest (primary) and second-nearest
    (secondary) centroid. Deterministic for the given rows (the caller passes them in
    canonical order). Returns ``(primary, secondary)``, block numbers per row."""
    n = len(emb)
    m = max(1, math.ceil(n / (size or PREBLOCK_SIZE)))
    if m < 2:
        zero = np.zeros(n, np.int64)
        return zero, zero
    rng = np.random.default_rng(0)
    sample = emb[np.sort(rng.choice(n, min(n, max(32 * m, 2_000)), replace=False))]
    cent = sample[rng.choice(len(sample), m, replace=False)].astype(np.float32)
    for _ in range(iterations):
        lab = np.argmax(sample @ cent.T, axis=1)
        sums = np.zeros_like(cent)
        np.add.at(sums, lab, sample)
        norm = np.linalg.norm(sums, axis=1)
        full = norm > 0  # an emptied centroid stays where it was
        cent[full] = sums[full] / norm[full, None]
    prim = np.empty(n, np.int64)
    sec = np.empty(n, np.int64)
    for c0 in range(0, n, 4 * CHUNK):
        sims = emb[c0 : c0 + 4 * CHUNK] @ cent.T
        top2 = np.argpartition(-sims, 1, axis=1)[:, :2]
        first = np.take_along_axis(sims, top2, axis=1)
        swap = first[:, 1] > first[:, 0]
        top2[swap] = top2[swap][:, ::-1]
        prim[c0 : c0 + 4 * CHUNK], sec[c0 : c0 + 4 * CHUNK] = top2[:, 0], top2[:, 1]
    return prim, sec


def _top(sims: np.ndarray, k: int) -> np.ndarray:
    """Column indices of the ``k`` largest entries of each row, largest first (ties in that
    order by the lower column)."""
    k = min(k, sims.shape[1])
    if k <= 0:
        return np.zeros((sims.shape[0], 0), np.int64)
    part = (
        np.argpartition(-sims, k - 1, axis=1)[:, :k]
        if k < sims.shape[1]
        else (np.broadcast_to(np.arange(sims.shape[1]), sims.shape))
    )
    vals = np.take_along_axis(sims, part, axis=1)
    order = np.lexsort((part, -vals), axis=1)
    return np.take_along_axis(part, order, axis=1)


def _split_keys(
    ents: Sequence[frozenset],
) -> tuple[list[frozenset], list[frozenset], list[frozenset]]:
    """Entity keys (0 <= key < NAME_KEY_BASE), year keys (DATE_KEY_BASE < key < 0,
    :func:`newsweave.cluster.year_keys`) and salient-name keys (>= NAME_KEY_BASE,
    :func:`newsweave.cluster.salient_names`) apart (date keys, below DATE_KEY_BASE, in none:
    :func:`date_cosines`)."""
    names, years, salient = [], [], []
    for s in ents:
        if any(e < 0 or e >= NAME_KEY_BASE for e in s):
            names.append(frozenset(e for e in s if 0 <= e < NAME_KEY_BASE))
            years.append(frozenset(e for e in s if DATE_KEY_BASE < e < 0))
            salient.append(frozenset(e for e in s if e >= NAME_KEY_BASE))
        else:
            names.append(s)
            years.append(frozenset())
            salient.append(frozenset())
    return names, years, salient


def entity_overlaps(ents: Sequence[frozenset], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Shared named entities of each pair: |A & B| / max(3, min(|A|, |B|)) (year keys, the
    negative ones, are not entities and do not count)."""
    names, _, _ = _split_keys(ents)
    return _shares(names, a, b)


def _shares(sets: Sequence[frozenset], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|A & B| / max(3, min(|A|, |B|)) for each pair (a[p], b[p]); 0 when either set is empty."""
    out = np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        si, sj = sets[i], sets[j]
        if si and sj:
            out[p] = len(si & sj) / max(3, min(len(si), len(sj)))
    return out


def year_conflicts(ents: Sequence[frozenset], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1.0 for a pair whose two articles both mention years (the negative keys of their
    entity sets, :func:`newsweave.cluster.year_keys`) but not one year in common, else 0.0:
    two events of the same kind (two earthquakes, two rehab check-ins) told in the same words
    are most often told in different years (issue 23, the "when" of a story)."""
    _, years, _ = _split_keys(ents)
    out = np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        yi, yj = years[i], years[j]
        if yi and yj and not (yi & yj):
            out[p] = 1.0
    return out


def date_cosines(
    ents: Sequence[frozenset],
    a: np.ndarray,
    b: np.ndarray,
    idf: Callable[[np.ndarray], np.ndarray] | None = None,
) -> np.ndarray:
    """Cosine of the pair's month-day dates (the keys below DATE_KEY_BASE of their entity
    sets, :func:`newsweave.cluster.date_keys`), each weighted by ``idf`` (a key's inverse
    document frequency over the pile, ``ClusterState.stem_idf``; None: 1): two reports of one
    story name the same days, two events of the same kind other days; a date every article
    names (a national holiday) weighs little. 0 when either names no date."""
    dates = [np.array(sorted(e for e in s if e <= DATE_KEY_BASE), np.int64) for s in ents]
    vecs: list[dict[int, float]] = []
    for d in dates:
        if not len(d):
            vecs.append({})
            continue
        w = idf(d) if idf is not None else np.ones(len(d))
        norm = float(np.sqrt(np.dot(w, w))) or 1.0
        vecs.append(dict(zip(d.tolist(), (w / norm).tolist(), strict=True)))
    out = np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        vi, vj = vecs[i], vecs[j]
        if vi and vj:
            out[p] = sum(v * vj.get(k, 0.0) for k, v in vi.items())
    return out


def name_overlaps(ents: Sequence[frozenset], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Shared salient names of each pair (the keys >= NAME_KEY_BASE of their entity sets,
    :func:`newsweave.cluster.salient_names`: the names a body repeats that are rare across
    the pile): |A & B| / max(3, min(|A|, |B|)). Two reports of one story name the same
    people and places; two events of the same kind told in the same words do not."""
    _, _, salient = _split_keys(ents)
    return _shares(salient, a, b)


def pair_features(
    cos_emb: np.ndarray,
    cos_lex: np.ndarray,
    ent: np.ndarray,
    year_conflict: np.ndarray | None = None,
    names: np.ndarray | None = None,
    cos_stem: np.ndarray | None = None,
    cos_date: np.ndarray | None = None,
) -> np.ndarray:
    """The link model's inputs, one row per pair (see :data:`LINK_FEATURES`); without
    ``cos_stem`` the body cosine stands in for it (as :func:`stem_cosines` for a missing side);
    without ``cos_date``, 0 (no dates)."""
    if year_conflict is None:
        year_conflict = np.zeros(len(cos_emb))
    if names is None:
        names = np.zeros(len(cos_emb))
    if cos_stem is None:
        cos_stem = cos_lex
    if cos_date is None:
        cos_date = np.zeros(len(cos_emb))
    return np.stack(
        [cos_emb, cos_lex, ent, cos_emb * cos_lex, year_conflict, names, cos_stem, cos_date], axis=1
    ).astype(np.float64)


def stem_cosines(
    stems: Sequence[tuple[np.ndarray, np.ndarray] | None],
    a: np.ndarray,
    b: np.ndarray,
    fallback: np.ndarray,
) -> np.ndarray:
    """Cosine of the stem vectors (newsweave.cluster.stem_vector: stem hashes, unit weights)
    of each pair ``(a[i], b[i])``. A pair with a side that has no stem vector (an article stored
    by a newsweave without them) gets ``fallback`` (its body cosine), the nearest signal."""
    from scipy import sparse

    out = np.asarray(fallback, np.float64).copy()
    have = np.array([s is not None for s in stems], bool)
    if not len(a) or not have.any():
        return out
    rows = [s if s is not None else (np.zeros(0, np.int64), np.zeros(0, np.float32)) for s in stems]
    lens = np.fromiter((len(r[0]) for r in rows), np.int64, len(rows))
    indptr = np.concatenate([[0], np.cumsum(lens)])
    ids = np.concatenate([r[0] for r in rows]).astype(np.int64)
    vals = np.concatenate([r[1] for r in rows]).astype(np.float64)
    cols, col = np.unique(ids, return_inverse=True)
    x = sparse.csr_matrix((vals, col.ravel(), indptr), shape=(len(rows), max(len(cols), 1)))
    ok = have[a] & have[b]
    if ok.any():
        out[ok] = np.asarray(x[a[ok]].multiply(x[b[ok]]).sum(axis=1)).ravel()
    return out


def link_probability(x: np.ndarray, coef: Sequence[float] = LINK_COEF) -> np.ndarray:
    z = coef[0] + x @ np.asarray(coef[1:], dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))


def average_linkage(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    p: np.ndarray,
    threshold: float = LINK_THRESHOLD,
    fixed: Sequence[Sequence[int]] = (),
    fixed_threshold: float | None = None,
    mean_threshold: float | None = None,
) -> list[int]:
    """Average-linkage agglomeration of ``n`` items over the sparse links ``(a, b, p)``
    (missing pairs count as 0). Returns each item's group, named by its lowest member index.

    The pair of groups with the highest average link is merged first (ties: lowest indices
    first), until no pair reaches ``threshold``. Two groups are merged only if, besides, the
    links they do have average at least ``mean_threshold`` (default
    :data:`MEAN_LINK_THRESHOLD`). ``fixed`` lists groups that exist from the
    start (stories of earlier batches): items may join them, but two of them never merge;
    joining one needs an average link of ``fixed_threshold`` (default
    :data:`FIXED_LINK_THRESHOLD`, never below ``threshold``).
    """
    fixed_t = max(threshold, FIXED_LINK_THRESHOLD if fixed_threshold is None else fixed_threshold)
    mean_t = MEAN_LINK_THRESHOLD if mean_threshold is None else mean_threshold
    parent = list(range(n))
    size = [1] * n
    frozen = [False] * n
    for grp in fixed:
        head = min(grp)
        frozen[head] = True
        for x in grp:
            parent[x] = head
        size[head] = len(grp)
    links: list[dict[int, float]] = [dict() for _ in range(n)]  # group -> {group: sum of p}
    count: list[dict[int, int]] = [dict() for _ in range(n)]  # group -> {group: links}
    for i, j, q in zip(a.tolist(), b.tolist(), p.tolist(), strict=True):
        i, j = parent[i], parent[j]
        if i != j:
            links[i][j] = links[i].get(j, 0.0) + q
            links[j][i] = links[i][j]
            count[i][j] = count[i].get(j, 0) + 1
            count[j][i] = count[i][j]

    def mergeable(i: int, j: int, avg: float) -> bool:
        if frozen[i] and frozen[j]:
            return False
        if avg < (fixed_t if frozen[i] or frozen[j] else threshold):
            return False
        return mean_t <= 0.0 or links[i][j] >= mean_t * count[i][j]

    heap = [
        (-s / (size[i] * size[j]), i, j)
        for i in range(n)
        for j, s in links[i].items()
        if i < j and mergeable(i, j, s / (size[i] * size[j]))
    ]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if parent[i] != i or parent[j] != j or j not in links[i]:
            continue
        avg = links[i][j] / (size[i] * size[j])
        if not math.isclose(avg, -neg, rel_tol=1e-12, abs_tol=1e-15) or not mergeable(i, j, avg):
            continue  # stale entry: the groups changed since it was pushed
        # merge j into i (i < j, so a group is always named by its lowest member)
        parent[j] = i
        size[i] += size[j]
        frozen[i] = frozen[i] or frozen[j]
        del links[i][j], links[j][i], count[i][j], count[j][i]
        for o, s in links[j].items():
            del links[o][j]
            links[i][o] = links[i].get(o, 0.0) + s
            links[o][i] = links[i][o]
            c = count[o].pop(j)
            count[i][o] = count[i].get(o, 0) + c
            count[o][i] = count[i][o]
        links[j], count[j] = {}, {}
        for o, s in links[i].items():
            v = s / (size[i] * size[o])
            if mergeable(i, o, v):
                heapq.heappush(heap, (-v, min(i, o), max(i, o)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    return [root(x) for x in range(n)]


def link_groups(
    emb: np.ndarray,
    body: Sequence[tuple[np.ndarray, np.ndarray]],
    ents: Sequence[frozenset],
    times: np.ndarray,
    *,
    n_new: int | None = None,
    fixed: Sequence[Sequence[int]] = (),
    coef: Sequence[float] = LINK_COEF,
    threshold: float = LINK_THRESHOLD,
    k: int = LINK_NEIGHBOURS,
    stems: Sequence[tuple[np.ndarray, np.ndarray] | None] | None = None,
    key_idf: Callable[[np.ndarray], np.ndarray] | None = None,
) -> list[list[int]]:
    """Groups of the given articles (rows of the arrays) that tell the same story: lists of
    row indices, each sorted, ordered by their first row.

    The first ``n_new`` rows (all by default) are the new articles, in canonical order; the
    rows after them are members of earlier stories, grouped as ``fixed`` (lists of rows): new
    articles may join those groups, which never merge with each other (see
    :func:`average_linkage`); only new articles look for neighbours. ``stems``: the rows'
    stem vectors (None, or None for a row: the body cosine stands in, :func:`stem_cosines`).
    ``key_idf``: the idf of date keys (:func:`date_cosines`; ``ClusterState.stem_idf``).
    """
    n = len(emb)
    a, b, cos_emb, cos_lex = neighbour_pairs(
        np.asarray(emb, np.float32), body, np.asarray(times, np.float64), k, n_new
    )
    cos_stem = None if stems is None else stem_cosines(stems, a, b, cos_lex)
    x = pair_features(
        cos_emb,
        cos_lex,
        entity_overlaps(ents, a, b),
        year_conflicts(ents, a, b),
        name_overlaps(ents, a, b),
        cos_stem,
        date_cosines(ents, a, b, key_idf),
    )
    labels = average_linkage(n, a, b, link_probability(x, coef), threshold, fixed)
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(labels):
        groups.setdefault(g, []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])
