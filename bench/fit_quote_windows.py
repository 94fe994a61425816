"""Choose the reference windows of newsweave.facts.quotes by leave-one-story-out.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/fit_quote_windows.py \
        bench/gold/facts.json bench/gold/facts_quotes_tuning.json

``PERSON_PRONOUN_WINDOW`` (how many sentences back "he"/"she" looks) and
``DESCRIPTION_WINDOW`` (how far back "the former House speaker said" looks for the speaker it
names) are the two thresholds of quote attribution. Each gold cluster is run through the real
pipeline once (as ``newsweave eval facts`` does) and parsed once; quotes are then re-extracted
for every pair of windows in the grid and scored with the evaluator's matching rules
(``newsweave.evaluate.facts``). For each cluster in turn the pair with the best F1 on the
other clusters (ties: the smaller windows) scores the left-out cluster: the sum over
clusters is the out-of-fold figure; the in-sample figure is the best pair on all clusters.
Never pass the held-out gold (bench/gold/facts_heldout.json) here. Prints JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys


def _counts(cluster, story, articles, index):
    from newsweave.evaluate import facts as ev

    gq = [dict(q, source=ev.gold_source(q.get("source"), articles, index))
          for q in cluster.get("quotes", [])]
    pq = ev.predicted_quotes(story, index)
    min_words = int(cluster.get("quote_min_words") or 0)
    if min_words:
        pq = [p for p in pq if len(p["text"].split()) >= min_words]
    hits, _missed, _extra = ev._greedy(gq, pq, ev.quote_match)  # noqa: SLF001 - bench only
    return hits, len(gq), len(pq)


def _f1(m: int, g: int, p: int) -> float:
    return 2 * m / (g + p) if g + p else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--person", default="1,2,3,4,5,6")
    ap.add_argument("--description", default="1,2,3,4,5,6,8")
    args = ap.parse_args(argv)

    from newsweave import nlp
    from newsweave.evaluate import facts as ev
    from newsweave.facts import quotes as Q

    grid = list(itertools.product([int(x) for x in args.person.split(",")],
                                  [int(x) for x in args.description.split(",")]))
    prepared = []
    for path in args.gold:
        for cluster in json.load(open(path, encoding="utf-8"))["clusters"]:
            if "quotes" not in (cluster.get("score") or ("quotes",)):
                continue
            articles = ev.load_cluster_articles(cluster["input"])
            index = ev.source_index(articles)
            story = ev.run_cluster(articles)
            docs = nlp.parse([a.text for a in story.articles])
            prepared.append((cluster, story, articles, index, docs))
            print(f"prepared {cluster['id']}", file=sys.stderr)
    table: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for pw, dw in grid:
        Q.PERSON_PRONOUN_WINDOW, Q.DESCRIPTION_WINDOW = pw, dw
        rows = []
        for cluster, story, articles, index, docs in prepared:
            quotes = Q.extract_quotes(story, docs, story.entities)
            rows.append(_counts(cluster, dataclasses.replace(story, quotes=quotes),
                                articles, index))
        table[(pw, dw)] = rows

    def total(point, skip=None):
        rows = [r for i, r in enumerate(table[point]) if i != skip]
        return tuple(sum(x) for x in zip(*rows, strict=True)) if rows else (0, 0, 0)

    def best(skip=None):
        return max(grid, key=lambda pt: (round(_f1(*total(pt, skip)), 6), -pt[0], -pt[1]))

    oof = [0, 0, 0]
    chosen = []
    for i, (cluster, *_rest) in enumerate(prepared):
        pt = best(skip=i)
        chosen.append({"left_out": cluster["id"], "person": pt[0], "description": pt[1]})
        for k, v in enumerate(table[pt][i]):
            oof[k] += v
    m, g, p = oof
    ins = best()
    im, ig, ip = total(ins)
    print(json.dumps({
        "clusters": len(prepared),
        "out_of_fold": {"matched": m, "gold": g, "predicted": p,
                        "precision": round(m / p, 4) if p else 1.0,
                        "recall": round(m / g, 4) if g else 1.0},
        "in_sample": {"person": ins[0], "description": ins[1], "matched": im, "gold": ig,
                      "predicted": ip, "precision": round(im / ip, 4) if ip else 1.0,
                      "recall": round(im / ig, 4) if ig else 1.0},
        "chosen_per_fold": chosen,
        "grid_f1": {f"{pw},{dw}": round(_f1(*total((pw, dw))), 4) for pw, dw in grid},
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
