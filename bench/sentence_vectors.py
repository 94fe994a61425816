"""Sentence embeddings of every article of the full-length story-clustering dev files (issue
23, tenth round), cached for bench/cv_cluster.py's sentence-alignment research inputs.

    .venv/bin/python bench/sentence_vectors.py [--data ../shared/data/story_clustering]
        [--cache-dir /tmp/newsweave-cv]

Writes ``<cache-dir>/<file>.sents.pkl``: the article ids and, per article, its sentences as
newsweave's splitter gives them (newsweave.nlp.split_sentences, the pipeline's) and their
vectors from newsweave's own encoder (newsweave.nlp.embed: the production backend, int8 ONNX
by default; each distinct sentence embedded once), float32, L2-normalised.
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from body_entities import stale_caches  # noqa: E402


def sentence_vectors_path(cache_dir: Path, name: str) -> Path:
    return cache_dir / f"{name}.sents.pkl"


def main(argv: list[str] | None = None) -> int:
    from newsweave import nlp

    for name, path, ds, ids in stale_caches(argv, __doc__.splitlines()[0], sentence_vectors_path):
        t0 = time.perf_counter()
        c0 = time.process_time()
        split = nlp.split_sentences(ds.articles)
        sents = [[s.text for s in a.sentences] for a in split]
        t1, c1 = time.perf_counter(), time.process_time()
        flat = [s for ss in sents for s in ss]
        vecs = nlp.embed(flat) if flat else np.zeros((0, nlp.EMBEDDING_DIM), np.float32)
        out, i = [], 0
        for ss in sents:
            out.append(np.asarray(vecs[i : i + len(ss)], np.float32))
            i += len(ss)
        t2, c2 = time.perf_counter(), time.process_time()
        with path.open("wb") as fh:
            pickle.dump({"ids": ids, "sents": sents, "vecs": out}, fh)
        print(
            f"{name}: {len(ids)} articles, {len(flat)} sentences ({len(set(flat))} distinct); "
            f"split {t1 - t0:.0f} s wall / {c1 - c0:.0f} CPU-s, "
            f"embed {t2 - t1:.0f} s wall / {c2 - c1:.0f} CPU-s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
