"""Cost of folding late copies into stored articles (issue 20): signatures of N stored
articles, LSH rebuilt from them, 100 new articles matched (10 of them reprints), beside the
in-run dedupe of the same N + 100 articles as the baseline.

    python bench/bench_cross_run_dedupe.py [--stored 1000 10000]

Synthetic texts (random words from a fixed vocabulary), so no data is needed.
"""

from __future__ import annotations

import argparse
import random
import time

from newsweave.dedupe import dedupe, match_stored, signature_rows
from newsweave.ingest import article_id
from newsweave.model import Article

VOCAB = [f"w{i}" for i in range(5000)]


def article(rng: random.Random, words: int = 400) -> Article:
    text = " ".join(rng.choice(VOCAB) for _ in range(words)) + "."
    return Article(id=article_id(text, None), text=text)


def reprint(rng: random.Random, a: Article) -> Article:
    words = a.text.split()
    cut = len(words) - 40  # the last paragraph changed
    text = " ".join(words[:cut] + [rng.choice(VOCAB) for _ in range(40)])
    return Article(id=article_id(text, "Reprint"), title="Reprint", text=text)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stored", type=int, nargs="+", default=[1000, 10000])
    args = ap.parse_args()
    for n in args.stored:
        rng = random.Random(n)
        stored = [article(rng) for _ in range(n)]
        new = [article(rng) for _ in range(90)] + [reprint(rng, a) for a in stored[:10]]
        t0 = time.perf_counter()
        rows = signature_rows(stored)
        t1 = time.perf_counter()
        found = match_stored(new, rows)
        t2 = time.perf_counter()
        dedupe(stored + new)
        t3 = time.perf_counter()
        print(
            f"stored={n}: signatures {t1 - t0:.2f} s (once, at store time); match 100 new "
            f"{t2 - t1:.2f} s, {len(found)} reprints found of 10; in-run dedupe of "
            f"{n + 100} (baseline) {t3 - t2:.2f} s"
        )


if __name__ == "__main__":
    main()
