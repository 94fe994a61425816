"""Calibrate SUPPORT_THRESHOLD: when do two sentences of different outlets state the same thing?

Data: Multi-News dev (../shared/data/multi_news/dev.jsonl), prepared exactly as
``newsweave eval summarize`` does (ingest, clean, split, dedupe per cluster); documents that
Multi-News+ flagged irrelevant (``mnplus_kept`` false) are left out.

There is no human sentence-alignment gold for these clusters, so pairs are labelled by a
conservative lexical proxy over sentences of *different* documents of one cluster:

- "same statement" when the Dice overlap of their Porter-stemmed content words is >= 0.6 and
  every number of the shorter sentence appears in the other (rewrites of one wire sentence,
  the same quote, the same fact with the same figures);
- "different statement" when the overlap is < 0.25.

Pairs in between are left out (ambiguous). The script prints, for cosine thresholds of the
all-MiniLM-L6-v2 embeddings, the proxy precision and recall of "cosine >= t"; we take the
lowest threshold whose precision reaches 0.90 (a wrong supporting citation is worse than a
missing one), and print a few pairs just above and below it for a manual look.

    .venv/bin/python bench/calibrate_summary_support.py [--limit 80] [--cache F.pkl]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "multi_news" / "dev.jsonl"
NUM = re.compile(r"\d[\d,.]*")
WORD = re.compile(r"[a-z0-9]+")


def content(text: str, stem, stop) -> set[str]:
    return {stem(w) for w in WORD.findall(text.lower()) if w not in stop and len(w) > 1}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=str(DATA))
    p.add_argument("--limit", type=int, default=80)
    p.add_argument("--precision", type=float, default=0.90)
    p.add_argument("--cache", help="pickle from bench/fit_summary_weights.py --cache")
    a = p.parse_args()
    from nltk.stem.porter import PorterStemmer
    from sumy.utils import get_stop_words

    from newsweave.evaluate.summarize import load_clusters

    stem = PorterStemmer().stem
    stop = set(get_stop_words("english"))
    from newsweave.summarize.common import ClusterView

    if a.cache:
        import pickle

        with open(a.cache, "rb") as fh:
            clusters, _refs, vectors = pickle.load(fh)
    else:
        clusters = load_clusters(a.data, a.limit)
        vectors = [None] * len(clusters)
    cos_pos, cos_neg, examples = [], [], []
    for c, vec in zip(clusters, vectors, strict=True):
        view = ClusterView.of(c.articles)
        view._vectors = vec
        on = {d.id for d in c.articles if dict(d.meta).get("mnplus_kept") != "false"}
        keep = [
            k
            for k, (ai, _si) in enumerate(view.where)
            if c.articles[ai].id in on and len(view.sentences[k].text.split()) >= 6
        ]
        if len({view.where[k][0] for k in keep}) < 2:
            continue
        sents = [(view.where[k][0], view.sentences[k].text) for k in keep]
        sims = view.vectors[keep] @ view.vectors[keep].T
        bags = [content(t, stem, stop) for _, t in sents]
        nums = [set(NUM.findall(t)) for _, t in sents]
        for i in range(len(sents)):
            for j in range(i + 1, len(sents)):
                if sents[i][0] == sents[j][0] or not bags[i] or not bags[j]:
                    continue
                dice = 2 * len(bags[i] & bags[j]) / (len(bags[i]) + len(bags[j]))
                short, long_ = (i, j) if len(bags[i]) <= len(bags[j]) else (j, i)
                if dice >= 0.6 and nums[short] <= nums[long_]:
                    cos_pos.append(sims[i, j])
                    examples.append((float(sims[i, j]), "same", sents[i][1], sents[j][1]))
                elif dice < 0.25:
                    cos_neg.append(sims[i, j])
                    if sims[i, j] > 0.6:
                        examples.append((float(sims[i, j]), "diff", sents[i][1], sents[j][1]))
    pos, neg = np.array(cos_pos), np.array(cos_neg)
    print(f"{len(clusters)} clusters; proxy pairs: {len(pos)} same, {len(neg)} different")
    chosen = None
    print(f"{'t':>5} {'precision':>9} {'recall':>7} {'FP/10k neg':>10}")
    for t in np.arange(0.50, 0.96, 0.025):
        tp = int((pos >= t).sum())
        fp = int((neg >= t).sum())
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / len(pos) if len(pos) else 0.0
        print(f"{t:5.3f} {prec:9.3f} {rec:7.3f} {1e4 * fp / max(1, len(neg)):10.2f}")
        if chosen is None and prec >= a.precision:
            chosen = float(t)
    print(f"lowest threshold with proxy precision >= {a.precision}: {chosen}")
    if chosen is not None:
        rng = random.Random(1)
        near = [e for e in examples if abs(e[0] - chosen) < 0.05]
        for cos, label, x, y in rng.sample(near, min(6, len(near))):
            print(f"\n[{cos:.3f} {label}]\n  {x[:160]}\n  {y[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
