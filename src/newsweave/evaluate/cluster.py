"""``newsweave eval cluster DATASET.jsonl [--batches K] [--json]``: B-cubed story clustering.

Reads a labelled jsonl file (the story_clustering format of ../shared/data: either documents
``{"doc_id", "cluster_id", "text", "mnplus_kept"}`` or headlines ``{"id", "title",
"timestamp_ms", "story_id"}``), clusters it with newsweave (in one batch, or fed in K shuffled
increments through incremental mode with ``--batches K``) and with a baseline in the same run
(TF-IDF cosine, single pass over the file, one global threshold), and prints B-cubed precision,
recall and F1 for both. Documents with ``"mnplus_kept": false`` are clustered like the others
(a real pile contains such pages) but left out of the scoring. A record with no text (or no
label, or a line that is not JSON) is skipped and counted (``"skipped"`` in the JSON, the line
numbers on stderr), as the pipeline skips a bad article, instead of refusing the file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsweave.errors import EvalError
from newsweave.evaluate import read_jsonl
from newsweave.model import Article

# The baseline's one global cosine threshold: the usual single-pass TF-IDF setting from the
# TDT literature (0.2-0.3); fixed, not tuned per dataset.
BASELINE_THRESHOLD = 0.25
# Seed of the shuffle that splits the data into --batches increments.
BATCH_SEED = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET.jsonl", help="labelled story-clustering file")
    parser.add_argument(
        "--batches",
        type=int,
        default=1,
        metavar="K",
        help="feed the data in K shuffled increments through incremental mode (default 1)",
    )
    parser.add_argument(
        "--seed", type=int, default=BATCH_SEED, help="seed of the shuffle behind --batches"
    )
    parser.add_argument("--limit", type=int, help="use only the first N items")
    parser.add_argument("--no-entities", action="store_true", help="skip spaCy entities")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


@dataclass
class Dataset:
    """A labelled story-clustering file: articles, their gold labels, which are scored, and
    the records skipped as ``(line number, reason)``."""

    articles: list[Article]
    gold: list[str]
    scored: list[bool]
    skipped: list[tuple[int, str]] = field(default_factory=list)


def read_dataset(path: str | Path, limit: int | None = None) -> Dataset:
    """Read a labelled file. A record with no text and no title, no label, or a line that is
    not a JSON object is skipped and listed in :attr:`Dataset.skipped` (as the pipeline skips
    a bad article) instead of refusing the file; a file with nothing usable raises
    :class:`EvalError`."""
    path = Path(path)
    articles: list[Article] = []
    gold: list[str] = []
    scored: list[bool] = []
    skipped: list[tuple[int, str]] = []
    for n, _line, rec in read_jsonl(path, bad=skipped):
        label = rec.get("cluster_id") or rec.get("story_id")
        item_id = rec.get("doc_id") or rec.get("id") or f"line{n}"
        title = rec.get("title")
        text = rec.get("text") or title
        if not isinstance(text, str) or not text.strip():
            skipped.append((n, "no text or title"))
            continue
        if label is None:
            skipped.append((n, "no label (cluster_id/story_id)"))
            continue
        published = None
        if rec.get("timestamp_ms") is not None:
            published = datetime.fromtimestamp(rec["timestamp_ms"] / 1000.0, tz=UTC).isoformat()
        elif rec.get("published"):
            published = str(rec["published"])
        articles.append(
            Article(
                id=str(item_id),
                text=str(text),
                title=str(title) if title else None,
                outlet=rec.get("publisher"),
                published=published,
                source=f"{path}#{n}",
                url=rec.get("url"),
            )
        )
        gold.append(str(label))
        scored.append(rec.get("mnplus_kept") is not False)
        if limit and len(articles) >= limit:
            break
    skipped.sort()
    if not articles:
        raise EvalError(
            "dataset has no usable records"
            + (
                f" ({len(skipped)} skipped, first at line {skipped[0][0]}: {skipped[0][1]})"
                if skipped
                else ""
            )
            + "; expected the story_clustering jsonl format",
            source=str(path),
            stage="eval",
        )
    return Dataset(articles, gold, scored, skipped)


def load_dataset(
    path: str | Path, limit: int | None = None
) -> tuple[list[Article], list[str], list[bool]]:
    """Read a labelled file: returns articles, gold labels and which items are scored
    (:func:`read_dataset` without the list of skipped records)."""
    ds = read_dataset(path, limit)
    return ds.articles, ds.gold, ds.scored


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering ``pred`` against ``gold`` labels.

    For each item: precision is the share of its predicted cluster that shares its gold
    label, recall the share of its gold cluster that shares its predicted cluster; both are
    averaged over items (Bagga & Baldwin 1998; Amigó et al. 2009).
    """
    if len(pred) != len(gold):
        raise ValueError("pred and gold differ in length")
    if not pred:
        return 0.0, 0.0, 0.0
    from collections import Counter

    both = Counter(zip(pred, gold, strict=True))
    psize = Counter(pred)
    gsize = Counter(gold)
    p = sum(c * c / psize[pl] for (pl, _), c in both.items()) / len(pred)
    r = sum(c * c / gsize[gl] for (_, gl), c in both.items()) / len(pred)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def baseline_clusters(
    articles: Sequence[Article], threshold: float = BASELINE_THRESHOLD
) -> list[int]:
    """Single-pass TF-IDF clustering: each article joins the most similar cluster centroid
    (cosine) when it reaches ``threshold``, else opens a new cluster; file order."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title}\n{a.text}" if a.title and a.title != a.text else a.text for a in articles]
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).tocsr()
    from scipy import sparse

    centroids = []  # unit-length sparse rows
    sums = []
    labels: list[int] = []
    mat = None
    for i in range(x.shape[0]):
        row = x[i]
        best, best_s = -1, threshold
        if mat is not None:
            sims = (mat @ row.T).toarray().ravel()
            j = int(np.argmax(sims))
            if sims[j] >= best_s:
                best = j
        if best < 0:
            sums.append(row.copy())
            centroids.append(row)
            labels.append(len(sums) - 1)
        else:
            sums[best] = sums[best] + row
            norm = np.sqrt(sums[best].multiply(sums[best]).sum()) or 1.0
            centroids[best] = sums[best] / norm
            labels.append(best)
        mat = sparse.vstack(centroids).tocsr()
    return labels


def newsweave_clusters(
    articles: Sequence[Article],
    batches: int = 1,
    use_entities: bool = True,
    seed: int = BATCH_SEED,
) -> tuple[list[str], float, float]:
    """Cluster with newsweave; returns labels, seconds for the clustering stage (after the
    model stages: embeddings and named entities) and seconds in total."""
    from newsweave import cluster, nlp

    t0 = time.perf_counter()
    heads = [cluster.head_text(a) for a in articles]
    emb = nlp.embed(heads)
    t_emb = time.perf_counter() - t0
    t0 = time.perf_counter()
    ents = cluster.head_entities(articles) if use_entities else None
    t_ner = time.perf_counter() - t0
    order = list(range(len(articles)))
    if batches > 1:
        random.Random(seed).shuffle(order)
    state = cluster.ClusterState()
    size = -(-len(order) // max(1, batches))
    t1 = time.perf_counter()
    for b in range(0, len(order), size):
        idx = order[b : b + size]
        feats = cluster.featurize(
            [articles[i] for i in idx], state, use_entities=False, embeddings=emb[idx]
        )
        if ents is not None:
            feats.ents = [ents[i] for i in idx]
        cluster.assign(state, feats)
    t_cluster = time.perf_counter() - t1
    labels = [state.assignment[a.id] for a in articles]
    return labels, t_cluster, t_emb + t_ner + t_cluster


def evaluate(
    path: str | Path,
    batches: int = 1,
    limit: int | None = None,
    use_entities: bool = True,
    seed: int = BATCH_SEED,
    on_skip: Callable[[int, str], None] | None = None,
) -> dict:
    """Run newsweave and the baseline on a labelled file; return the result object
    (``"skipped"``: how many records were skipped; ``on_skip(line, reason)`` is called for
    each of them)."""
    ds = read_dataset(path, limit)
    articles, gold, scored = ds.articles, ds.gold, ds.scored
    if on_skip is not None:
        for n, reason in ds.skipped:
            on_skip(n, reason)
    keep = [i for i, s in enumerate(scored) if s]
    gold_kept = [gold[i] for i in keep]
    methods = {}
    labels, t_cluster, t_total = newsweave_clusters(articles, batches, use_entities, seed)
    p, r, f = bcubed([labels[i] for i in keep], gold_kept)
    methods["newsweave"] = {
        "bcubed_p": round(p, 4),
        "bcubed_r": round(r, 4),
        "bcubed_f1": round(f, 4),
        "articles_per_s": round(len(articles) / t_cluster, 1) if t_cluster else None,
        # with the model stages (embeddings, spaCy NER) included
        "articles_per_s_with_models": round(len(articles) / t_total, 1) if t_total else None,
    }
    found = len({labels[i] for i in keep})
    t0 = time.perf_counter()
    base = baseline_clusters(articles)
    t_base = time.perf_counter() - t0
    p, r, f = bcubed([str(base[i]) for i in keep], gold_kept)
    methods["baseline"] = {
        "bcubed_p": round(p, 4),
        "bcubed_r": round(r, 4),
        "bcubed_f1": round(f, 4),
        "articles_per_s": round(len(articles) / t_base, 1) if t_base else None,
    }
    return {
        "dataset": str(path),
        "articles": len(articles),
        "scored": len(keep),
        "skipped": len(ds.skipped),
        "batches": batches,
        "seed": seed if batches > 1 else None,
        "clusters_gold": len(set(gold_kept)),
        "clusters_found": found,
        "methods": methods,
    }


def run(args: argparse.Namespace) -> int:
    if args.batches < 1:
        raise EvalError("--batches must be at least 1", stage="eval")

    def on_skip(n: int, reason: str) -> None:
        print(f"{args.dataset}: line {n} skipped: {reason}", file=sys.stderr)

    result = evaluate(
        args.dataset, args.batches, args.limit, not args.no_entities, args.seed, on_skip=on_skip
    )
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if result["skipped"]:
        print(f"{result['skipped']} records skipped (line numbers on stderr)")
    print(
        f"{result['dataset']}: {result['articles']} articles ({result['scored']} scored), "
        f"{result['clusters_gold']} gold stories, {result['clusters_found']} found, "
        f"batches={result['batches']}"
    )
    print(f"{'method':<10} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7} {'art/s':>9}")
    for name, m in result["methods"].items():
        print(
            f"{name:<10} {m['bcubed_p']:>7.4f} {m['bcubed_r']:>7.4f} {m['bcubed_f1']:>7.4f} "
            f"{m['articles_per_s'] or 0:>9.1f}"
        )
    return 0
