"""Fit the weights of the ``newsweave`` summarizer's sentence score on dev data, with 5-fold CV.

Data: Multi-News dev (250 clusters of ../shared/data/multi_news/dev.jsonl), prepared exactly as
``newsweave eval summarize`` prepares it. For every sentence the summarizer scores (its
embedded candidates, see ``embedding.prepare``) we compute the features of
``newsweave.summarize.embedding.FEATURES`` and a target: how much of the sentence is in the
reference summary, i.e. the mean of its ROUGE-1 and ROUGE-2 *precision* against the reference
(stemmed; precision, because under a word budget what counts is reference n-grams per word
spent). A ridge regression maps features to the target. With ``--prior-alpha A`` the ridge
shrinks toward the hand-set weights :data:`HAND` (rescaled to the target by least squares)
instead of toward zero: ``min |y - Xw|^2 + A |w - s*HAND|^2`` (bias unpenalised), and the
result is printed back on the hand scale. This is how the shipped weights were made (A=1500).

Cross-validation: the clusters are split into 5 folds (seeded shuffle); for each fold the
weights are fitted on the other four and the test fold is summarized with them (250 words, the
real selection: MMR, budget, readability rules) and scored with ROUGE F1 like
``newsweave eval summarize``, beside the hand-set default weights and the baselines on the same
clusters. The mean over folds is the figure to trust. Finally the weights are fitted on all
clusters and printed, to be copied into ``Params.weights``.

    .venv/bin/python bench/fit_summary_weights.py [--limit 250] [--alpha 1.0] [--cache F.pkl]
        [--prior-alpha 1500]

(``--cache`` keeps the prepared clusters and embeddings in a pickle outside the repository, so
a second run with other settings skips ingest, spaCy and the encoder.)
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "multi_news" / "dev.jsonl"
# The hand-set weights (order of embedding.FEATURES) the --prior-alpha fit shrinks toward.
HAND = (1.2, 0.2, 0.0, 0.0, 0.5, 0.5, -0.2, 1.5, 0.2, -0.2, 0.0)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(DATA))
    p.add_argument("--limit", type=int, default=250)
    p.add_argument("--words", type=int, default=250)
    p.add_argument("--alpha", type=float, default=1.0)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--prior-alpha", type=float, default=0.0,
                   help="ridge toward the hand weights HAND with this strength (0: plain ridge)")
    p.add_argument("--baselines", default="lead,lexrank,textrank")
    p.add_argument("--cache", help="pickle of prepared clusters + embeddings (made if absent)")
    a = p.parse_args()

    from newsweave.evaluate.summarize import (
        METRICS,
        load_clusters,
        make_scorer,
        score_summary,
        split_reference,
    )
    from newsweave.summarize import SUMMARIZERS
    from newsweave.summarize import embedding as emb
    from newsweave.summarize.common import ClusterView, build_summary

    t0 = time.time()
    scorer = make_scorer()
    if a.cache and Path(a.cache).is_file():
        with open(a.cache, "rb") as fh:
            clusters, refs, vectors = pickle.load(fh)
    else:
        clusters = load_clusters(a.data, a.limit)
        refs = [split_reference(c.references) for c in clusters]
        vectors = [ClusterView.of(c.articles).vectors for c in clusters]
        if a.cache:
            with open(a.cache, "wb") as fh:
                pickle.dump((clusters, refs, vectors), fh)

    def view_of(i):
        v = ClusterView.of(clusters[i].articles)
        v._vectors = vectors[i]
        return v

    views = [view_of(i) for i in range(len(clusters))]
    xs, ys = [], []
    for v, ref in zip(views, refs, strict=True):
        # the summarizer's own candidates (the only sentences it scores); with --prior-alpha
        # those the hand weights pick, so the fit does not depend on the weights it replaces
        st = emb.prepare(v, emb.Params(weights=HAND) if a.prior_alpha > 0 else emb.PARAMS)
        x = st.x
        idx = st.cand
        y = np.zeros(len(idx))
        for j, k in enumerate(idx):
            r = max(
                (scorer.score(rr, v.sentences[k].text) for rr in ref),
                key=lambda s: s["rouge1"].precision,
            )
            y[j] = (r["rouge1"].precision + r["rouge2"].precision) / 2
        xs.append(x[idx])
        ys.append(y)
    print(f"prepared {len(clusters)} clusters in {time.time() - t0:.0f}s", flush=True)

    def fit(ids):
        from sklearn.linear_model import Ridge

        x = np.vstack([xs[i] for i in ids])
        y = np.concatenate([ys[i] for i in ids])
        if a.prior_alpha > 0:
            h = np.array(HAND, dtype=np.float64)
            h[-1] = 0.0  # the bias: irrelevant to the ranking, left free
            z = np.c_[x @ h, np.ones(len(y))]
            s = float(np.linalg.lstsq(z, y, rcond=None)[0][0]) or 1.0
            pen = np.ones(len(h))
            pen[-1] = 0.0
            w = np.linalg.solve(x.T @ x + a.prior_alpha * np.diag(pen),
                                x.T @ y + a.prior_alpha * pen * s * h) / s
            w[-1] = 0.0
            return tuple(float(v) for v in w)
        m = Ridge(alpha=a.alpha, fit_intercept=False).fit(x, y)
        return tuple(float(w) for w in m.coef_)

    def rouge(method_or_params, ids):
        out = {m: [] for m in METRICS}
        for i in ids:
            v = view_of(i)
            if isinstance(method_or_params, emb.Params):
                picks = emb.select(v, a.words, method_or_params)
            else:
                picks = SUMMARIZERS[method_or_params](v, a.words)
            summ = build_summary(v, picks, "x", cite_support=False)
            s = score_summary(scorer, [t.text for t in summ.sentences], refs[i], "f1")
            for m in METRICS:
                out[m].append(s[m])
        return out

    rng = np.random.default_rng(7)
    order = rng.permutation(len(clusters))
    folds = np.array_split(order, a.folds)
    names = ["fitted", "default", *[b for b in a.baselines.split(",") if b]]
    cv = {n: {m: [] for m in METRICS} for n in names}
    for f, test in enumerate(folds):
        train = np.concatenate([folds[g] for g in range(a.folds) if g != f])
        w = fit(train)
        systems = {"fitted": dataclasses.replace(emb.PARAMS, weights=w),
                   "default": emb.Params()}
        for n in names:
            r = rouge(systems.get(n, n), test)
            for m in METRICS:
                cv[n][m] += r[m]
        line = " ".join(f"{n}={np.mean(cv[n]['rouge1']):.2f}/{np.mean(cv[n]['rouge2']):.2f}"
                        for n in names)
        print(f"fold {f + 1}: running R1/R2 {line}", flush=True)
    print(f"\n{a.folds}-fold CV on {len(clusters)} clusters, {a.words} words, ROUGE F1:")
    for n in names:
        print(f"  {n:<9} " + "  ".join(f"{m} {np.mean(cv[n][m]):6.2f}" for m in METRICS))
    w = fit(np.arange(len(clusters)))
    print("\nweights fitted on all clusters (Params.weights):")
    print("  (" + ", ".join(f"{x:.4f}" for x in w) + ")")
    for n, x in zip(emb.FEATURES, w, strict=True):
        print(f"  {n:<13} {x:+.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
