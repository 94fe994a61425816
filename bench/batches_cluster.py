"""The incremental bound over several shuffle seeds: B-cubed F1 of one batch against ten
shuffled increments, per story-clustering dev file (issue 23).

    .venv/bin/python bench/batches_cluster.py [--data ../shared/data/story_clustering]
        [--cache-dir /tmp/newsweave-cv] [--files mds_clusters_dev,...] [--seeds 5,6,7,8,9]
        [--batches 10]

Does what ``newsweave eval cluster FILE --batches 10 --seed S`` does for the newsweave side
(the same reading, shuffle, featurize and assign calls), but takes the embeddings and named
entities from the cache of bench/cv_cluster.py (computed there once per file), so each seed
costs the clustering only. Prints JSON: per file the one-batch P/R/F1 and, per seed, the
incremental P/R/F1 and the drop against one batch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

FILES = ("mds_clusters_dev", "ecbplus_dev", "uci_news_headlines_dev")


def run(ds, emb: np.ndarray, ents: list, batches: int, seed: int) -> dict:
    from newsweave import cluster
    from newsweave.evaluate.cluster import bcubed

    order = list(range(len(ds.articles)))
    if batches > 1:
        random.Random(seed).shuffle(order)
    state = cluster.ClusterState()
    size = -(-len(order) // batches)
    for b in range(0, len(order), size):
        idx = order[b : b + size]
        feats = cluster.featurize(
            [ds.articles[i] for i in idx], state, use_entities=False, embeddings=emb[idx]
        )
        feats.ents = [ents[i] for i in idx]
        cluster.assign(state, feats)
    keep = [i for i, s in enumerate(ds.scored) if s]
    labels = [state.assignment[a.id] for a in ds.articles]
    p, r, f = bcubed([labels[i] for i in keep], [ds.gold[i] for i in keep])
    return {"bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f, 4)}


def main(argv: list[str] | None = None) -> int:
    from cv_cluster import load_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data/story_clustering")
    ap.add_argument("--cache-dir", default="/tmp/newsweave-cv")
    ap.add_argument("--files", default=",".join(FILES))
    ap.add_argument("--seeds", default="5,6,7,8,9")
    ap.add_argument("--batches", type=int, default=10)
    args = ap.parse_args(argv)
    out = {}
    for name in args.files.split(","):
        ds, emb, ents = load_file(Path(args.data), name, Path(args.cache_dir))
        one = run(ds, emb, ents, 1, 0)
        res: dict = {"one_batch": one}
        for seed in (int(s) for s in args.seeds.split(",")):
            inc = run(ds, emb, ents, args.batches, seed)
            res[f"seed {seed}"] = {**inc, "drop": round(one["bcubed_f1"] - inc["bcubed_f1"], 4)}
        out[name] = res
        print(name, json.dumps(res), file=sys.stderr, flush=True)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
