"""Time and peak memory of story clustering on many synthetic articles (issue 5).

    .venv/bin/python bench/bench_cluster.py [--articles 100000] [--batches 1] [--undated]
        [--headlines]

Synthetic articles: ``articles / 5`` stories over 180 days, each story 1-9 articles published
within two days, with its own topic words mixed into Zipf-distributed common words (about 150
words per article, an 8-word title) and an embedding drawn around a random story direction
(within-story cosine ~0.6, across stories ~0). Embeddings are given (the clustering stage is
measured *after* embeddings, as issue 5 asks) and named entities are off (a model stage).
Measured: seconds and articles/s of featurize (hashed TF-IDF) + assign (candidate retrieval,
scoring, centroid updates, refinement of close calls, story merge), peak RSS of the process,
and B-cubed F1 against the synthetic stories as a sanity check. ``--undated`` drops the dates
(no time blocking: every story is a candidate source, the worst case for the
nearest-neighbour step). ``--headlines`` keeps only the 8-word titles (text = title), so every
article takes the single pass of headline-only articles instead of the link step.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np

from newsweave import cluster
from newsweave.evaluate.cluster import bcubed
from newsweave.model import Article

VOCAB = 50_000


def synthetic(n: int, seed: int = 5, dated: bool = True, headlines: bool = False):
    """``n`` synthetic articles with gold story labels and embeddings."""
    rng = np.random.default_rng(seed)
    n_stories = max(1, n // 5)
    sizes = rng.integers(1, 10, n_stories)
    labels = np.repeat(np.arange(n_stories), sizes)[:n]
    if len(labels) < n:
        labels = np.concatenate([labels, rng.integers(0, n_stories, n - len(labels))])
    story_words = rng.integers(0, VOCAB, (n_stories, 20))
    story_day = rng.uniform(0, 180, n_stories)
    topic = rng.standard_normal((n_stories, cluster.EMBED_DIM)).astype(np.float32)
    topic /= np.linalg.norm(topic, axis=1, keepdims=True)
    zipf = np.minimum(rng.zipf(1.3, (n, 90)), VOCAB) - 1
    articles = []
    emb = np.empty((n, cluster.EMBED_DIM), np.float32)
    for i in range(n):
        s = labels[i]
        own = rng.choice(story_words[s], 60)
        words = np.concatenate([own, zipf[i]])
        rng.shuffle(words)
        text = " ".join(f"w{w}" for w in words)
        title = " ".join(f"w{w}" for w in rng.choice(story_words[s], 8))
        day = story_day[s] + rng.uniform(0, 2)
        published = None
        if dated:
            published = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(1.7e9 + day * 86400))
        if headlines:
            text = title
        articles.append(Article(id=f"a{i}", text=text, title=title, published=published))
        v = topic[s] + 0.8 * rng.standard_normal(cluster.EMBED_DIM).astype(np.float32) / np.sqrt(
            cluster.EMBED_DIM
        )
        emb[i] = v / np.linalg.norm(v)
    return articles, labels.tolist(), emb


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--batches", type=int, default=1, help="feed the articles in K increments")
    p.add_argument("--undated", action="store_true", help="articles without dates")
    p.add_argument("--headlines", action="store_true", help="titles only (the single pass)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    articles, gold, emb = synthetic(args.articles, dated=not args.undated, headlines=args.headlines)
    t_gen = time.perf_counter() - t0
    rss_data = peak_rss_mb()
    cluster._vectorizer()  # import scikit-learn outside the timed part
    state = cluster.ClusterState()
    size = -(-len(articles) // args.batches)
    t_feat = t_assign = 0.0
    cpu0 = time.process_time()
    for b in range(0, len(articles), size):
        t1 = time.perf_counter()
        feats = cluster.featurize(
            articles[b : b + size], state, use_entities=False, embeddings=emb[b : b + size]
        )
        t2 = time.perf_counter()
        cluster.assign(state, feats)
        t3 = time.perf_counter()
        t_feat += t2 - t1
        t_assign += t3 - t2
        del feats
    total = t_feat + t_assign
    cpu = time.process_time() - cpu0  # CPU seconds of this process (all threads)
    pred = [state.assignment[a.id] for a in articles]
    p_, r_, f_ = bcubed(pred, [str(g) for g in gold])
    result = {
        "articles": len(articles),
        "batches": args.batches,
        "dated": not args.undated,
        "headlines": args.headlines,
        "stories_gold": len(set(gold)),
        "stories_found": len(set(pred)),
        "generate_s": round(t_gen, 1),
        "featurize_s": round(t_feat, 1),
        "assign_s": round(t_assign, 1),
        "clustering_s": round(total, 1),
        "articles_per_s": round(len(articles) / total, 1),
        # other jobs share the 2 cores: CPU time shows what the stage itself costs
        "clustering_cpu_s": round(cpu, 1),
        "articles_per_cpu_s": round(len(articles) / cpu, 1) if cpu else None,
        "merge_threshold": cluster.MERGE_THRESHOLD,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "rss_after_generating_mb": round(rss_data, 1),
        "bcubed_f1_synthetic": round(f_, 4),
    }
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
