"""How much text newsweave's cleaning removes, and why, on a multi-document jsonl file.

    python bench/clean_removed.py [../shared/data/multi_news/dev.jsonl] [--show REASON]
    python bench/clean_removed.py ../shared/data/article_extraction_zyte/ground-truth.json

Prints the share of characters removed (overall, and over the documents Multi-News+ kept as
relevant), the count and characters per reason, and the ingest and clean speed. Used to
calibrate the thresholds in ``newsweave.clean`` (precision first: real article text must not
go). ``--show REASON`` lists what one rule removed, for reading.
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from newsweave.clean import clean_article
from newsweave.config import IngestConfig
from newsweave.ingest import load_articles
from newsweave.model import Article

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/multi_news/dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", help="print every piece removed for this reason")
    args = ap.parse_args()

    t0 = time.perf_counter()
    if args.path.endswith("ground-truth.json"):
        # article_extraction_zyte gold bodies: clean article text, so whatever cleaning
        # removes there is either noise the gold kept or a precision error.
        gold = json.loads(Path(args.path).read_text(encoding="utf-8"))
        articles = [
            Article(id=key[:16], text=v.get("articleBody") or "", source=key)
            for key, v in gold.items()
        ]
        skipped = []
    else:
        articles, skipped = load_articles([args.path], IngestConfig())
    t1 = time.perf_counter()
    cleaned = [clean_article(a) for a in articles]
    t2 = time.perf_counter()

    total = removed = total_kept = removed_kept = 0
    count: collections.Counter[str] = collections.Counter()
    chars: collections.Counter[str] = collections.Counter()
    for a, c in zip(articles, cleaned, strict=True):
        lost = len(a.text) - len(c.text)
        total += len(a.text)
        removed += lost
        if dict(a.meta).get("mnplus_kept") == "true":
            total_kept += len(a.text)
            removed_kept += lost
        for r in c.removed:
            count[r.reason] += 1
            chars[r.reason] += len(r.text)
            if args.show == r.reason:
                print(f"{a.source}\t{r.text[:200]!r}")
    print(f"file: {args.path}")
    print(f"articles: {len(articles)}  skipped at ingest: {len(skipped)}")
    print(f"characters: {total:,}  removed: {removed:,} ({100 * removed / max(total, 1):.2f}%)")
    if total_kept:
        print(f"  on documents Multi-News+ kept: {100 * removed_kept / total_kept:.2f}%")
    print(
        f"ingest: {t1 - t0:.2f}s  clean: {t2 - t1:.2f}s "
        f"({len(articles) / max(t2 - t1, 1e-9):.0f} articles/s)"
    )
    print(f"{'reason':22} {'count':>6} {'chars':>8}")
    for reason, n in count.most_common():
        print(f"{reason:22} {n:>6} {chars[reason]:>8}")


if __name__ == "__main__":
    main()
