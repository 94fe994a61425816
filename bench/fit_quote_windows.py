"""Choose the reference windows and pronoun rules of newsweave.facts.quotes by
leave-one-story-out.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/fit_quote_windows.py \
        bench/gold/facts.json bench/gold/facts_quotes_tuning.json \
        bench/gold/facts_quotes_tuning2.json bench/gold/facts_heldout.json

``PERSON_PRONOUN_WINDOW`` (how many sentences back "he"/"she" looks) and
``DESCRIPTION_WINDOW`` (how far back "the former House speaker said" looks for the speaker it
names) are the two thresholds of quote attribution; ``PRONOUN_PREFER_MAIN``,
``PRONOUN_ABSTAIN`` and ``PRONOUN_LEARN_UNAMBIGUOUS`` (0/1) are the rules for "he"/"she"
between two people (see the module); ``DOCUMENT_SPEAKERS`` (0/1) makes a document the text
names as a quote's source its speaker ("according to the lawsuit"); ``UNKNOWN_PERSON_BLOCKS``
(0/1) lets a speaker we cannot name stop a later pronoun; ``PRONOUN_ONLY_PERSON`` (0/1) gives a
pronoun with no candidate the one person the window names; ``PRONOUN_OBJECT_TOPIC`` (0/1) gives
"he"/"she" the one person the sentence before names in another role when nobody spoke or acted
since; ``THING_PREFER_SPEAKER`` (0/1) lets "it said" prefer the organisation that spoke over
one that only acted; ``INDEFINITE_PERSON_BLOCKS`` (0/1) lets an unnamed person brought in with
"a"/"an" ("a staff member saw ...") stop a later pronoun; ``DOCUMENT_AUTHORS`` (0/1) makes a
document's named author its speaker ("a memo by X", "her profile says");
``NAMED_DESCRIPTIONS`` (0/1) gives "the minister, Karl Edvardsen, said" to the name;
``NAME_AFTER_QUOTE`` (0/1) gives a speech verb whose subject the parse lost the name opening
the words after the quotation; ``SURNAME_OF_NAMED_PERSON`` (0/1) reads a one-word name that
ended a person's full name earlier as that person; ``GROUP_DESCRIPTIONS`` (0/1) gives "the
researchers said" (and "they" right after) to the group as written. Each gold cluster is
run through the real pipeline once (as ``newsweave eval facts`` does) and parsed once;
quotes are then re-extracted for every point of the grid and scored with the evaluator's
matching rules (``newsweave.evaluate.facts``).
For each cluster in turn the point with the best F1 on the other clusters (ties: the smaller
windows, then the rules off) scores the left-out cluster: the sum over clusters is the
out-of-fold figure; the in-sample figure is the best point on all clusters.
Never pass a held-out gold still unscored (bench/gold/facts_heldout2.json) here; the first
held-out set (facts_heldout.json) was scored once and is tuning data since. Prints JSON.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys


def _counts(cluster, story, articles, index):
    from newsweave.evaluate import facts as ev

    gq = [
        dict(q, source=ev.gold_source(q.get("source"), articles, index))
        for q in cluster.get("quotes", [])
    ]
    pq = ev.predicted_quotes(story, index)
    min_words = int(cluster.get("quote_min_words") or 0)
    if min_words:
        pq = [p for p in pq if len(p["text"].split()) >= min_words]
    hits, _missed, _extra = ev.greedy_pairs(gq, pq, ev.quote_match)
    return hits, len(gq), len(pq)


def _f1(m: int, g: int, p: int) -> float:
    return 2 * m / (g + p) if g + p else 1.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--person", default="1,2,3,4,5,6")
    ap.add_argument("--description", default="1,3")
    ap.add_argument("--prefer-main", default="0,1")
    ap.add_argument("--abstain", default="0,1")
    ap.add_argument("--learn-unambiguous", default="0,1")
    ap.add_argument("--document-speakers", default="0,1")
    ap.add_argument("--unknown-blocks", default="0,1")
    ap.add_argument("--only-person", default="0,1")
    ap.add_argument("--object-topic", default="0,1")
    ap.add_argument("--prefer-speaker", default="0,1")
    ap.add_argument("--indefinite-blocks", default="0,1")
    ap.add_argument("--document-authors", default="0,1")
    ap.add_argument("--named-descriptions", default="0,1")
    ap.add_argument("--name-after-quote", default="0,1")
    ap.add_argument("--surname-of-person", default="0,1")
    ap.add_argument("--group-descriptions", default="0,1")
    args = ap.parse_args(argv)

    from newsweave import nlp
    from newsweave.evaluate import facts as ev
    from newsweave.facts import quotes as Q

    def ints(text: str) -> list[int]:
        return [int(x) for x in text.split(",")]

    grid = list(
        itertools.product(
            ints(args.person),
            ints(args.description),
            ints(args.prefer_main),
            ints(args.abstain),
            ints(args.learn_unambiguous),
            ints(args.document_speakers),
            ints(args.unknown_blocks),
            ints(args.only_person),
            ints(args.object_topic),
            ints(args.prefer_speaker),
            ints(args.indefinite_blocks),
            ints(args.document_authors),
            ints(args.named_descriptions),
            ints(args.name_after_quote),
            ints(args.surname_of_person),
            ints(args.group_descriptions),
        )
    )
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
    table: dict[tuple[int, ...], list[tuple[int, int, int]]] = {}
    for pw, dw, pm, ab, lu, ds, ub, op, ot, ps, ib, da, nd, na, sn, gd in grid:
        Q.PERSON_PRONOUN_WINDOW, Q.DESCRIPTION_WINDOW = pw, dw
        Q.PRONOUN_PREFER_MAIN, Q.PRONOUN_ABSTAIN = bool(pm), bool(ab)
        Q.PRONOUN_LEARN_UNAMBIGUOUS, Q.DOCUMENT_SPEAKERS = bool(lu), bool(ds)
        Q.UNKNOWN_PERSON_BLOCKS, Q.PRONOUN_ONLY_PERSON = bool(ub), bool(op)
        Q.PRONOUN_OBJECT_TOPIC, Q.THING_PREFER_SPEAKER = bool(ot), bool(ps)
        Q.INDEFINITE_PERSON_BLOCKS, Q.DOCUMENT_AUTHORS = bool(ib), bool(da)
        Q.NAMED_DESCRIPTIONS, Q.NAME_AFTER_QUOTE = bool(nd), bool(na)
        Q.SURNAME_OF_NAMED_PERSON, Q.GROUP_DESCRIPTIONS = bool(sn), bool(gd)
        rows = []
        for cluster, story, articles, index, docs in prepared:
            quotes = Q.extract_quotes(story, docs, story.entities)
            rows.append(
                _counts(cluster, dataclasses.replace(story, quotes=quotes), articles, index)
            )
        table[(pw, dw, pm, ab, lu, ds, ub, op, ot, ps, ib, da, nd, na, sn, gd)] = rows

    def total(point, skip=None):
        rows = [r for i, r in enumerate(table[point]) if i != skip]
        return tuple(sum(x) for x in zip(*rows, strict=True)) if rows else (0, 0, 0)

    def best(skip=None):
        # ties: the smaller windows, then the rules off
        return max(grid, key=lambda pt: (round(_f1(*total(pt, skip)), 6), *(-x for x in pt)))

    oof = [0, 0, 0]
    chosen = []
    for i, (cluster, *_rest) in enumerate(prepared):
        pt = best(skip=i)
        chosen.append(
            {
                "left_out": cluster["id"],
                "person": pt[0],
                "description": pt[1],
                "prefer_main": pt[2],
                "abstain": pt[3],
                "learn_unambiguous": pt[4],
                "document_speakers": pt[5],
                "unknown_blocks": pt[6],
                "only_person": pt[7],
                "object_topic": pt[8],
                "prefer_speaker": pt[9],
                "indefinite_blocks": pt[10],
                "document_authors": pt[11],
                "named_descriptions": pt[12],
                "name_after_quote": pt[13],
                "surname_of_person": pt[14],
                "group_descriptions": pt[15],
            }
        )
        for k, v in enumerate(table[pt][i]):
            oof[k] += v
    m, g, p = oof
    ins = best()
    im, ig, ip = total(ins)
    print(
        json.dumps(
            {
                "clusters": len(prepared),
                "out_of_fold": {
                    "matched": m,
                    "gold": g,
                    "predicted": p,
                    "precision": round(m / p, 4) if p else 1.0,
                    "recall": round(m / g, 4) if g else 1.0,
                },
                "in_sample": {
                    "person": ins[0],
                    "description": ins[1],
                    "prefer_main": ins[2],
                    "abstain": ins[3],
                    "learn_unambiguous": ins[4],
                    "document_speakers": ins[5],
                    "unknown_blocks": ins[6],
                    "only_person": ins[7],
                    "object_topic": ins[8],
                    "prefer_speaker": ins[9],
                    "indefinite_blocks": ins[10],
                    "document_authors": ins[11],
                    "named_descriptions": ins[12],
                    "name_after_quote": ins[13],
                    "surname_of_person": ins[14],
                    "group_descriptions": ins[15],
                    "matched": im,
                    "gold": ig,
                    "predicted": ip,
                    "precision": round(im / ip, 4) if ip else 1.0,
                    "recall": round(im / ig, 4) if ig else 1.0,
                },
                "chosen_per_fold": chosen,
                "grid_f1": {",".join(map(str, pt)): round(_f1(*total(pt)), 4) for pt in grid},
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
