"""Fit the link model of newsweave.cluster_links on a labelled story-clustering file.

(Since issue 23 the shipped coefficients, k and threshold are chosen by bench/cv_cluster.py,
across the document dev files together; this script remains for a quick look at one file.)

    .venv/bin/python bench/fit_cluster_links.py \
        ../shared/data/story_clustering/mds_clusters_dev.jsonl [--cache /tmp/links.pkl]

What it does, with the production features (newsweave.cluster.featurize, one batch):
1. the neighbour pairs of newsweave.cluster_links.neighbour_pairs (k = --train-k) among the
   long articles, labelled same-story / not by the gold labels; pairs with a document the file
   flags ``"mnplus_kept": false`` are left out of training (their label is noise);
2. 5-fold cross-fitting by gold story: the probability of a pair comes from a model fitted on
   pairs of the other folds only (pairs whose two articles lie in folds a and b: a model
   fitted without folds a and b);
3. average linkage over the cross-fitted probabilities (newsweave.cluster_links.average_linkage)
   for each k in --ks and threshold in --thresholds: B-cubed P/R/F1 over the scored documents
   (an estimate for unseen stories: no probability was fitted on its own story);
4. the coefficients fitted on all pairs, to paste into LINK_COEF.

Needs ../shared/data (not part of the project). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import sys

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def load_features(path: str, cache: str | None):
    from newsweave import cluster, nlp
    from newsweave.evaluate.cluster import load_dataset

    articles, gold, scored = load_dataset(path)
    if cache and os.path.exists(cache):
        with open(cache, "rb") as f:
            emb, ents = pickle.load(f)
    else:
        heads = [cluster.head_text(a) for a in articles]
        emb = nlp.embed(heads)
        ents = cluster.extract_entities(heads)
        if cache:
            with open(cache, "wb") as f:
                pickle.dump((emb, ents), f)
    state = cluster.ClusterState()
    feats = cluster.featurize(articles, state, use_entities=False, embeddings=emb)
    feats.ents = [e | y for e, y in zip(ents, feats.years, strict=True)]  # as _place_groups
    idf = state.idf()  # link vectors as newsweave.cluster makes them for one batch
    feats.body = [cluster.link_vector(b, idf) for b in feats.body]
    order = cluster._canonical_order(feats)
    long_rows = [i for i in order if feats.thresholds[i] == cluster.ASSIGN_THRESHOLD]
    return feats, long_rows, np.array(gold), np.array(scored)


def fit_lr(x: np.ndarray, y: np.ndarray, c: float) -> list[float]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    return [float(m.intercept_[0]), *map(float, m.coef_[0])]


def main(argv: list[str] | None = None) -> int:
    from newsweave import cluster_links as cl
    from newsweave.evaluate.cluster import bcubed

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset")
    ap.add_argument("--cache", help="pickle of embeddings and entities (made if missing)")
    ap.add_argument("--train-k", type=int, default=10)
    ap.add_argument("--ks", default="3,5,8,10")
    ap.add_argument("--thresholds", default="0.15,0.2,0.25,0.3,0.35,0.4,0.5")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--C", type=float, default=10.0)
    args = ap.parse_args(argv)

    feats, rows, gold_all, scored_all = load_features(args.dataset, args.cache)
    rows = np.array(rows)
    emb, times = feats.emb[rows], feats.times[rows]
    body = [feats.body[i] for i in rows]
    ents = [feats.ents[i] for i in rows]
    gold, scored = gold_all[rows], scored_all[rows]
    n = len(rows)
    kmax = max([args.train_k, *map(int, args.ks.split(","))])
    a, b, cos_emb, cos_lex = cl.neighbour_pairs(emb, body, times, kmax)
    x = cl.pair_features(
        cos_emb, cos_lex, cl.entity_overlaps(ents, a, b), cl.year_conflicts(ents, a, b)
    )
    y = (gold[a] == gold[b]).astype(int)
    ok = scored[a] & scored[b]
    # rank of b among a's neighbours (and vice versa): which k-graph a pair belongs to
    rank = np.full(len(a), kmax, np.int64)
    for k in range(1, kmax + 1):
        ak, bk, _, _ = cl.neighbour_pairs(emb, body, times, k)
        keyk = set((ak * n + bk).tolist())
        newly = np.array([(p in keyk) for p in (a * n + b).tolist()]) & (rank == kmax)
        rank[newly] = k - 1
    stories = sorted(set(gold.tolist()))
    random.Random(args.seed).shuffle(stories)
    fold_of = {s: i % args.folds for i, s in enumerate(stories)}
    fold = np.array([fold_of[g] for g in gold.tolist()])
    fa, fb = fold[a], fold[b]
    train_pool = ok & (rank < args.train_k)
    prob = np.zeros(len(a))
    for f1 in range(args.folds):
        for f2 in range(f1, args.folds):
            te = ((fa == f1) & (fb == f2)) | ((fa == f2) & (fb == f1))
            tr = train_pool & (fa != f1) & (fa != f2) & (fb != f1) & (fb != f2)
            if te.any():
                prob[te] = cl.link_probability(x[te], fit_lr(x[tr], y[tr], args.C))
    keep = np.flatnonzero(scored)
    results = []
    for k in map(int, args.ks.split(",")):
        sel = rank < k
        for t in map(float, args.thresholds.split(",")):
            lab = cl.average_linkage(n, a[sel], b[sel], prob[sel], t)
            p, r, f = bcubed([lab[i] for i in keep], [gold[i] for i in keep])
            results.append(
                {
                    "k": k,
                    "threshold": t,
                    "bcubed_p": round(p, 4),
                    "bcubed_r": round(r, 4),
                    "bcubed_f1": round(f, 4),
                }
            )
    coef = fit_lr(x[train_pool], y[train_pool], args.C)
    from sklearn.metrics import average_precision_score

    out = {
        "dataset": args.dataset,
        "long_articles": n,
        "pairs": int(len(a)),
        "train_pairs": int(train_pool.sum()),
        "positive_train_pairs": int(y[train_pool].sum()),
        "cv_average_precision": round(float(average_precision_score(y[ok], prob[ok])), 4),
        "coef_all": [round(c, 3) for c in coef],
        "features": ["intercept", *cl.LINK_FEATURES],
        "cv_clustering": results,
    }
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
