"""Time and memory of ingesting (and cleaning) one very large text file.

    python bench/ingest_big_file.py [--mb 50]

Writes a generated text file of the given size to a temporary directory, then measures
``load_articles`` and ``clean_article`` on it: wall time, peak traced Python memory and peak
RSS. The article is cut at ``ingest.max_article_chars`` at a paragraph boundary and marked
``truncated``.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from newsweave.clean import clean_article
from newsweave.config import IngestConfig
from newsweave.ingest import load_articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        para = (
            "The harbour board met again on Tuesday to discuss the ferry terminal, its costs "
            "and the many delays. "
        ) * 6
        n = args.mb * 1024 * 1024 // (len(para) + 12) + 1
        with path.open("wb") as fh:
            for i in range(n):  # numbered, so cleaning does not fold identical paragraphs
                fh.write(f"Item {i}. {para}\n\n".encode())
        tracemalloc.start()
        t0 = time.perf_counter()
        articles, skipped = load_articles([path], IngestConfig())
        t1 = time.perf_counter()
        cleaned = clean_article(articles[0])
        t2 = time.perf_counter()
        _, peak = tracemalloc.get_traced_memory()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"file: {path.stat().st_size / 1e6:.1f} MB  articles: {len(articles)}  "
            f"skipped: {len(skipped)}"
        )
        print(
            f"ingest: {t1 - t0:.2f}s  clean: {t2 - t1:.2f}s  "
            f"peak traced: {peak / 1e6:.0f} MB  peak RSS: {rss:.0f} MB"
        )
        print(f"article chars: {len(cleaned.text):,}  meta: {dict(articles[0].meta)}")


if __name__ == "__main__":
    main()
