"""Check the off-topic detector against Multi-News+'s relevance labels on dev data.

Multi-News+ (c-juhwan/multi_news_plus) flagged each Multi-News document as kept or dropped as
irrelevant (``mnplus_kept``); ../shared/data/multi_news/dev.jsonl carries the flag. This
script runs newsweave's detector (newsweave.summarize.embedding.find_off_topic) over the dev
clusters, prepared as ``newsweave eval summarize`` prepares them, and prints precision and
recall of "ignored" against "dropped by Multi-News+", for the shipped threshold and a sweep of
the leave-one-out cosine threshold (``Params.off_topic_cos``).

    .venv/bin/python bench/calibrate_summary_offtopic.py [--limit 250] [--cache F.pkl]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "multi_news" / "dev.jsonl"


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(DATA))
    p.add_argument("--limit", type=int, default=250)
    p.add_argument("--cache", help="pickle from bench/fit_summary_weights.py --cache")
    a = p.parse_args()
    from newsweave.evaluate.summarize import load_clusters
    from newsweave.summarize.common import ClusterView
    from newsweave.summarize.embedding import PARAMS, find_off_topic, prepare

    if a.cache:
        import pickle

        with open(a.cache, "rb") as fh:
            clusters, _refs, vectors = pickle.load(fh)
    else:
        clusters = load_clusters(a.data, a.limit)
        vectors = [None] * len(clusters)
    views = [ClusterView.of(c.articles) for c in clusters]
    for v, vec in zip(views, vectors, strict=True):
        v._vectors = vec
        _ = v.vectors  # one batched embedding per cluster
    # the detector sees what the summarizer embeds: each article's candidate sentences
    cands = [
        prepare(ClusterView.of(c.articles) if vec is None else v).cand
        for c, v, vec in zip(clusters, views, vectors, strict=True)
    ]
    labelled = sum(
        1
        for c in clusters
        for d in c.articles
        if dict(d.meta).get("mnplus_kept") in ("true", "false")
    )
    dropped = sum(
        1 for c in clusters for d in c.articles if dict(d.meta).get("mnplus_kept") == "false"
    )
    print(f"{len(clusters)} clusters, {labelled} labelled documents, {dropped} dropped by MN+")
    print(f"{'cos':>5} {'ignored':>7} {'precision':>9} {'recall':>7} {'F1':>6}")
    sweep = sorted({PARAMS.off_topic_cos, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55})
    for t in sweep:
        params = dataclasses.replace(PARAMS, off_topic_cos=t)
        tp = fp = fn = n_ign = 0
        reasons: dict[str, int] = {}
        for c, v, cand in zip(clusters, views, cands, strict=True):
            ign = {i.article_id: i.reason for i in find_off_topic(v, params, cand)}
            n_ign += len(ign)
            for d in c.articles:
                flag = dict(d.meta).get("mnplus_kept")
                if flag not in ("true", "false"):
                    continue
                bad = flag == "false"
                if d.id in ign:
                    reasons[ign[d.id]] = reasons.get(ign[d.id], 0) + 1
                    tp += bad
                    fp += not bad
                elif bad:
                    fn += 1
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        mark = " <- shipped" if t == PARAMS.off_topic_cos else ""
        print(f"{t:5.2f} {n_ign:7d} {prec:9.3f} {rec:7.3f} {f1:6.3f} {reasons}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
