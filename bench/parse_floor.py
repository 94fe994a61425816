"""What spaCy costs without its dependency parse (issue 22): the full pipeline against the
leanest one that still gives sentence boundaries and entities (``senter`` + ``ner``, each with
its own small tok2vec in en_core_web_sm), on the same articles, back to back in one process.

    OMP_NUM_THREADS=1 .venv/bin/python bench/parse_floor.py --articles 100 --repeats 2

Prints CPU seconds per article for each and the lean pipeline's share of the full one. The
share, not the absolute figure, is the result: the machine is shared.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

import spacy

from newsweave.nlp import SPACY_PACKAGE

DATA = Path(__file__).resolve().parents[2] / "shared/data/story_clustering/mds_clusters_dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--data", default=str(DATA))
    args = ap.parse_args()
    with open(args.data, encoding="utf-8") as f:
        recs = [json.loads(line) for line in itertools.islice(f, args.articles * 2)]
    texts = [t for t in (r.get("text") or "" for r in recs) if t.strip()][: args.articles]
    full = spacy.load(SPACY_PACKAGE)
    lean = spacy.load(
        SPACY_PACKAGE, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    lean.enable_pipe("senter")

    def cost(nlp: spacy.language.Language) -> float:
        start = time.process_time()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        return (time.process_time() - start) / len(texts)

    print(f"{len(texts)} articles; lean pipeline: {lean.pipe_names}")
    for rep in range(args.repeats):
        a, b = cost(full), cost(lean)
        print(
            f"repeat {rep + 1}: full {a:.4f} CPU s/article, senter + ner {b:.4f}, share {b / a:.2f}"
        )


if __name__ == "__main__":
    main()
