"""Named entities of the WHOLE body of every article of the full-length story-clustering dev
files (issue 23, eighth round), cached for bench/cv_cluster.py's research features.

    .venv/bin/python bench/body_entities.py [--data ../shared/data/story_clustering]
        [--cache-dir /tmp/newsweave-cv]

Writes ``<cache-dir>/<file>.body_ents.pkl``: the article ids and, per article, the list of
(label, text) of every entity spaCy's NER (newsweave.nlp.ner_only, the model the pipeline's
full parse uses) finds in ``article.text``. About 4.5 million characters for the two files.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DOC_FILES = ("mds_clusters_dev", "ecbplus_dev")


def body_entities_path(cache_dir: Path, name: str) -> Path:
    return cache_dir / f"{name}.body_ents.pkl"


def stale_caches(argv: list[str] | None, description: str, cache_path):
    """The dev files whose cache (``cache_path(cache_dir, name)``) is missing or was built for
    other articles, parsed from the command line (``--data``, ``--cache-dir``): yields
    ``(name, path, dataset, ids)`` for each to build (shared by bench/sentence_vectors.py)."""
    from newsweave.evaluate.cluster import read_dataset

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--data", default="../shared/data/story_clustering")
    ap.add_argument("--cache-dir", default="/tmp/newsweave-cv")
    args = ap.parse_args(argv)
    for name in DOC_FILES:
        path = cache_path(Path(args.cache_dir), name)
        ds = read_dataset(Path(args.data) / f"{name}.jsonl")
        ids = [a.id for a in ds.articles]
        if path.exists():
            with path.open("rb") as fh:
                if pickle.load(fh).get("ids") == ids:
                    continue
        yield name, path, ds, ids


def main(argv: list[str] | None = None) -> int:
    from newsweave import nlp

    for name, path, ds, ids in stale_caches(argv, __doc__.splitlines()[0], body_entities_path):
        t0 = time.perf_counter()
        docs = nlp.ner_only([a.text for a in ds.articles], batch_size=16)
        ents = [[(e.label_, e.text) for e in doc.ents] for doc in docs]
        with path.open("wb") as fh:
            pickle.dump({"ids": ids, "ents": ents}, fh)
        print(f"{name}: {len(ids)} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
