"""Gold quotes in quotations that run over paragraphs or are never closed, and how many of them
the extractor misses with ``MULTI_PARAGRAPH`` off and on (issue 19).

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python \
        bench/quote_paragraph_runs.py --cache DIR bench/gold/*.json

Each gold quote is placed in the article text (its first four words) and in the quotation
that holds it (``find_quotations`` with ``MULTI_PARAGRAPH`` on), then classed:
``ap``: a paragraph of a run whose paragraphs each open with a mark, all but the last left
open; ``pair``: a paragraph of one pair of marks over several paragraphs; ``unclosed``: a
quotation never closed, in no run; ``other``. Prints JSON counts (gold, missed off, missed on).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quote_errors as QE  # noqa: E402  (bench script beside this one)

from newsweave.evaluate import facts as ev  # noqa: E402
from newsweave.facts import quotes as Q  # noqa: E402


def _classes(text: str) -> list[tuple[Q.Quotation, str]]:
    qs = Q.find_quotations(text)
    out: list[tuple[Q.Quotation, str]] = []
    in_run = [False] * len(qs)
    for i in range(1, len(qs)):
        a, b = qs[i - 1], qs[i]
        gap = text[a.close : b.open]
        if a.continued and not gap.strip() and "\n" in gap:
            in_run[i - 1] = in_run[i] = True
    for i, q in enumerate(qs):
        if in_run[i]:
            pair = q.open == q.start or (
                i + 1 < len(qs) and in_run[i + 1] and qs[i + 1].open == qs[i + 1].start
            )
            out.append((q, "pair" if pair else "ap"))
        elif q.end == q.close:
            out.append((q, "unclosed"))
        else:
            out.append((q, "other"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--cache", required=True)
    args = ap.parse_args(argv)
    cache = Path(args.cache)
    counts: dict[str, list[int]] = {}
    stories: dict[str, set[str]] = {}
    for _path, cluster in QE.quote_clusters(args.gold):
        story, articles, index, docs = QE.prepare(cluster, cache)
        missed = {}
        for on in (False, True):
            Q.MULTI_PARAGRAPH = on
            *_, miss, _extra, _found = QE.score(cluster, story, articles, index, docs)
            missed[on] = {(g["source"], g["text"]) for g in miss}
        Q.MULTI_PARAGRAPH = True
        text_of = {index[a.id]: a.text for a in articles}
        classed = {s: _classes(t) for s, t in text_of.items()}
        for g in cluster.get("quotes", []):
            src = ev.gold_source(g.get("source"), articles, index)
            text = text_of.get(src, "")
            probe = " ".join(g["text"].split()[:4])
            at = text.find(probe) if probe else -1
            cls = "not found"
            if at >= 0:
                cls = next(
                    (c for q, c in classed[src] if q.open <= at < max(q.close, q.end)),
                    "outside marks",
                )
            row = counts.setdefault(cls, [0, 0, 0])
            key = (src, g["text"])
            row[0] += 1
            row[1] += key in missed[False]
            row[2] += key in missed[True]
            if cls in ("ap", "pair", "unclosed"):
                stories.setdefault(cls, set()).add(str(cluster["id"]))
    print(
        json.dumps(
            {
                "classes (gold, missed off, missed on)": counts,
                "stories": {k: len(v) for k, v in stories.items()},
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
