"""Hand-tune the ``newsweave`` summarizer's score weights by coordinate search on half the data.

Data: Multi-News dev (../shared/data/multi_news/dev.jsonl), prepared exactly as ``newsweave eval
summarize`` prepares it (pickle cache shared with bench/fit_summary_weights.py). The clusters
are split in two halves by a seeded shuffle. Starting from the current ``PARAMS``, each weight
of ``FEATURES`` (and the MMR lambda) is moved in turn over a few values; a move is kept when
ROUGE-1 + ROUGE-2 F1 (250 words, the real selection) on the *tuning* half improves by more than
``--min-gain``. Two passes. Then the tuned and the starting settings are scored on the
*held-out* half (never looked at during the search) beside Lead, which is the figure to report;
``--swap`` tunes on the other half instead (a 2-fold check).

    .venv/bin/python bench/tune_summary_weights.py --cache /tmp/summ/mn.pkl [--swap]
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


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(DATA))
    p.add_argument("--limit", type=int, default=250)
    p.add_argument("--words", type=int, default=250)
    p.add_argument("--cache", help="pickle of prepared clusters + embeddings (made if absent)")
    p.add_argument("--swap", action="store_true", help="tune on the other half")
    p.add_argument("--passes", type=int, default=2)
    p.add_argument("--min-gain", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=3)
    a = p.parse_args()

    from newsweave.evaluate.summarize import (
        load_clusters,
        make_scorer,
        score_summary,
        split_reference,
    )
    from newsweave.summarize import SUMMARIZERS
    from newsweave.summarize import embedding as emb
    from newsweave.summarize.common import ClusterView, build_summary

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

    def score(system, ids) -> tuple[float, float]:
        r1, r2 = [], []
        for i in ids:
            v = ClusterView.of(clusters[i].articles)
            v._vectors = vectors[i]
            if isinstance(system, emb.Params):
                picks = emb.select(v, a.words, system)
            else:
                picks = SUMMARIZERS[system](v, a.words)
            summ = build_summary(v, picks, "x", cite_support=False)
            s = score_summary(scorer, [t.text for t in summ.sentences], refs[i], "f1")
            r1.append(s["rouge1"])
            r2.append(s["rouge2"])
        return float(np.mean(r1)), float(np.mean(r2))

    order = np.random.default_rng(a.seed).permutation(len(clusters))
    half = len(clusters) // 2
    tune, held = sorted(order[:half]), sorted(order[half:])
    if a.swap:
        tune, held = held, tune
    start = emb.PARAMS
    best = start
    r = score(best, tune)
    best_val = sum(r)
    t0 = time.time()
    print(f"start: tune R1/R2 {r[0]:.2f}/{r[1]:.2f}", flush=True)
    steps = {f: (-0.5, -0.2, 0.2, 0.5) for f in emb.FEATURES if f != "bias"}
    for _ in range(a.passes):
        for f, deltas in steps.items():
            j = emb.FEATURES.index(f)
            for d in deltas:
                w = list(best.weights)
                w[j] = round(w[j] + d, 3)
                cand = dataclasses.replace(best, weights=tuple(w))
                r = score(cand, tune)
                if sum(r) > best_val + a.min_gain:
                    best, best_val = cand, sum(r)
                    print(
                        f"  {f} -> {w[j]:+.2f}: tune R1/R2 {r[0]:.2f}/{r[1]:.2f} "
                        f"({time.time() - t0:.0f}s)",
                        flush=True,
                    )
        for lam in (0.5, 0.6, 0.7, 0.8):
            cand = dataclasses.replace(best, mmr_lambda=lam)
            r = score(cand, tune)
            if sum(r) > best_val + a.min_gain:
                best, best_val = cand, sum(r)
                print(f"  mmr_lambda -> {lam}: tune R1/R2 {r[0]:.2f}/{r[1]:.2f}", flush=True)
    print(
        f"\ntuned weights: ({', '.join(f'{x:g}' for x in best.weights)}), "
        f"mmr_lambda {best.mmr_lambda}"
    )
    print(f"held-out half ({len(held)} clusters), {a.words} words, ROUGE F1 R1/R2:")
    for name, system in (
        ("tuned", best),
        ("start", start),
        ("lead", "lead"),
        ("lexrank", "lexrank"),
    ):
        r = score(system, held)
        print(f"  {name:<8} {r[0]:6.2f} {r[1]:6.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
