"""Figure error dump: every gold figure the pipeline missed and every extra prediction, with
the words around it, for the gold files given (the ``newsweave eval facts`` matching rules).

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python bench/figure_errors.py \
        bench/gold/facts.json bench/gold/facts_heldout2.json [--raw]

``--raw`` also runs :func:`newsweave.facts.figures.find_figures` on each source document's raw
text, to tell a figure the extractor misses from one lost in the pipeline (folding, filters).
``--max-matching`` pairs gold and predicted figures one to one with a maximum bipartite matching
(same match test) instead of the scorer's greedy pass, in which a prediction goes to the first
gold figure whose text contains it ("two" of "two officers" taken by the gold "The two
parties"); the misses it removes are pairing artefacts of the scorer, not of the extractor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from newsweave.evaluate.facts import (
    figure_match,
    gold_source,
    greedy_pairs,
    load_cluster_articles,
    predicted_figures,
    run_cluster,
    source_index,
)
from newsweave.facts.figures import find_figures

WIDTH = 70


def _context(text: str, needle: str) -> list[str]:
    out = []
    for m in re.finditer(re.escape(needle), text):
        a, b = max(0, m.start() - WIDTH), min(len(text), m.end() + WIDTH)
        out.append(
            (text[a : m.start()] + "[[" + m.group(0) + "]]" + text[m.end() : b]).replace("\n", " ")
        )
    return out


def _words(s: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", s.lower()))


def max_matching(gold: list[dict], pred: list[dict], match) -> tuple[int, list[dict], list[dict]]:
    """``(hits, missed, extra)`` as :func:`greedy_pairs` gives them, but with the largest one-to-one
    pairing of gold and predicted figures (augmenting paths, Kuhn's algorithm), each gold
    figure trying first the predictions whose text and measure share most words with its text
    (so the miss reported is the figure really missed, not the one the greedy pass robbed)."""

    def affinity(g: dict, p: dict) -> int:
        return len(_words(g.get("text", "")) & _words(f"{p['text']} {p.get('measure') or ''}"))

    adj = [
        sorted(
            (j for j, p in enumerate(pred) if match(g, p)), key=lambda j, g=g: -affinity(g, pred[j])
        )
        for g in gold
    ]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # gold figures with the closest candidate first
    order = sorted(
        range(len(gold)),
        key=lambda i: -max((affinity(gold[i], pred[j]) for j in adj[i]), default=0),
    )
    for i in order:
        augment(i, set())
    paired = set(owner.values())
    missed = [g for i, g in enumerate(gold) if i not in paired]
    extra = [p for j, p in enumerate(pred) if j not in owner]
    return len(owner), missed, extra


def figure_clusters(paths):
    """``(path, cluster, articles, index, story, gold figures)`` of every cluster of the gold
    files ``paths`` whose figures are scored; ``story`` is None when the pipeline made none.
    The gold figures' ``source`` is resolved to the article index, as ``eval facts`` does."""
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for cluster in data.get("clusters", []):
            scored = set(cluster.get("score") or ("quotes", "figures", "disagreements"))
            if "figures" not in scored:
                continue
            articles = load_cluster_articles(cluster.get("input") or {})
            index = source_index(articles)
            gold = [
                dict(f, source=gold_source(f.get("source"), articles, index))
                for f in cluster.get("figures", [])
            ]
            yield path, cluster, articles, index, run_cluster(articles), gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--raw", action="store_true")
    ap.add_argument(
        "--max-matching",
        action="store_true",
        help="pair one to one by maximum matching, not the scorer's greedy pass",
    )
    args = ap.parse_args(argv)
    pair = max_matching if args.max_matching else greedy_pairs
    for path, cluster, articles, index, story, gold in figure_clusters(args.gold):
        if story is None:
            print(f"{cluster.get('id')}: no story")
            continue
        by_source = {index[a.id]: a for a in articles}
        pred = predicted_figures(story, index)
        _, missed, extra = pair(gold, pred, figure_match)
        for g in missed:
            art = by_source.get(g["source"])
            ctx = _context(art.text, g.get("text", "")) if art else []
            raw = ""
            if args.raw and art is not None:
                raw = " raw:" + ",".join(
                    f"{f['value']:g} {f['unit']} '{f['text']}'"
                    for f in find_figures(art.text)
                    if f["text"]
                    and (f["text"] in g.get("text", "") or g.get("text", "") in f["text"])
                )
            print(
                f"{path}:{cluster['id']}:{g['source']} MISS {g['value']:g} {g['unit']} "
                f"{g.get('text')!r} ({g.get('measure')}){raw}"
            )
            for c in ctx[:3]:
                print("      ", c)
        for p in extra:
            art = by_source.get(p["source"])
            ctx = _context(art.text, p["text"]) if art else []
            print(
                f"{path}:{cluster['id']}:{p['source']} EXTRA {p['value']:g} {p['unit']} "
                f"{p['text']!r} ({p['measure']})"
            )
            for c in ctx[:3]:
                print("      ", c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
