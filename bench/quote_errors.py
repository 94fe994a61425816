"""Quote error dump: every gold quote-speaker pair the pipeline missed and every extra
prediction, with the words around it, for the gold files given (the ``newsweave eval facts``
matching rules).

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python bench/quote_errors.py \
        bench/gold/facts_heldout6a.json [--cache DIR]

A missed gold quote is shown with the speaker given to the same text, if any (``got``): a
wrong speaker, no speaker found (``(none)``), or the quotation not found at all (``-``).
``--cache DIR`` keeps each cluster's story (pickled) so that only quote extraction is rerun:
delete it after a change outside ``facts/quotes.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import re
from pathlib import Path

from newsweave import nlp
from newsweave.evaluate import facts as ev
from newsweave.facts import quotes as Q

WIDTH = 160


def _context(text: str, quote: str) -> str:
    words = quote.split()
    if not words:
        return ""
    probe = " ".join(words[:4])
    i = text.find(probe)
    if i < 0:
        return "?"
    j = i + len(quote)
    a, b = max(0, i - WIDTH), min(len(text), j + WIDTH)
    return (text[a:i] + "[[" + text[i:j] + "]]" + text[j:b]).replace("\n", " / ")


def quote_clusters(paths):
    """``(path, cluster)`` for every gold cluster of the files ``paths`` whose quotes are
    scored (the clusters ``newsweave eval facts`` scores quotes on)."""
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for cluster in data.get("clusters", []):
            if "quotes" in (cluster.get("score") or ("quotes",)):
                yield path, cluster


def prepare(cluster: dict, cache: Path | None):
    articles = ev.load_cluster_articles(cluster["input"])
    index = ev.source_index(articles)
    path = cache / (re.sub(r"\W", "_", str(cluster["id"])) + ".pkl") if cache else None
    if path is not None and path.exists():
        story, texts = pickle.loads(path.read_bytes())
    else:
        story = ev.run_cluster(articles)
        texts = [a.text for a in story.articles]
        if path is not None:
            path.write_bytes(pickle.dumps((story, texts)))
    docs = nlp.parse(texts)
    return story, articles, index, docs


def resplit(story, docs):
    """``story`` with the sentences of its articles that carry TeX-style marks (`` '') split
    again by the current nlp code (nlp.DIRECTED_TEX_MARKS can be switched on a cached story;
    every other article's sentences are those nlp.sentence_spans gives already)."""
    arts = list(story.articles)
    for i, (a, d) in enumerate(zip(arts, docs, strict=False)):
        if d is not None and ("``" in a.text or "''" in a.text):
            arts[i] = nlp.split_sentences([a], [d])[0]
    return dataclasses.replace(story, articles=tuple(arts))


def score(cluster: dict, story, articles, index, docs):
    story = resplit(story, docs)
    every = Q.extract_quotes(story, docs, story.entities, keep_unattributed=True)
    quotes = tuple(q for q in every if q.speaker is not None)
    story = dataclasses.replace(story, quotes=quotes)
    found = ev.predicted_quotes(dataclasses.replace(story, quotes=every), index)
    gq = [
        dict(q, source=ev.gold_source(q.get("source"), articles, index))
        for q in cluster.get("quotes", [])
    ]
    pq = ev.predicted_quotes(story, index)
    min_words = int(cluster.get("quote_min_words") or 0)
    if min_words:
        pq = [p for p in pq if len(p["text"].split()) >= min_words]
    hits, missed, extra = ev.greedy_pairs(gq, pq, ev.quote_match)
    return hits, gq, pq, missed, extra, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--cache", default=None)
    ap.add_argument("--summary", action="store_true", help="counts only")
    args = ap.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    totals = {}
    for path in args.gold:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        fm = fg = fp = 0
        for cluster in data.get("clusters", []):
            if "quotes" not in (cluster.get("score") or ("quotes",)):
                continue
            story, articles, index, docs = prepare(cluster, cache)
            hits, gq, pq, missed, extra, found = score(cluster, story, articles, index, docs)
            fm, fg, fp = fm + hits, fg + len(gq), fp + len(pq)
            if args.summary:
                continue
            print(f"== {cluster['id']}  {hits}/{len(gq)}/{len(pq)}")
            text_of = {index[a.id]: a.text for a in articles}
            for a in articles:  # a record's documents read once (exact copies)
                for d in a.duplicates:
                    pos = ev.record_document(d.source) if d.article_id == a.id else None
                    text_of.setdefault(pos if pos is not None else -1, a.text)
            for g in missed:
                got = [
                    p["speaker"] or "(none)"
                    for p in found
                    if p["source"] == g["source"] and ev.texts_match(g["text"], p["text"])
                ]
                print(f"  MISS [{g['source']}] gold={g.get('speaker')!r} got={got or '-'}")
                print(f"     {_context(text_of.get(g['source'], ''), g['text'])}")
            for p in extra:
                gs = [
                    g.get("speaker")
                    for g in gq
                    if g["source"] == p["source"] and ev.texts_match(g["text"], p["text"])
                ]
                print(f"  EXTRA [{p['source']}] pred={p['speaker']!r} gold={gs or '-'}")
                print(f"     {_context(text_of.get(p['source'], ''), p['text'])}")
        totals[path] = (fm, fg, fp)
        print(
            f"## {path}: {fm}/{fg}/{fp} P {fm / fp if fp else 1:.3f} R {fm / fg if fg else 1:.3f}"
        )
    if len(totals) > 1:
        m, g, p = (sum(x) for x in zip(*totals.values(), strict=True))
        print(f"## all: {m}/{g}/{p} P {m / p if p else 1:.3f} R {m / g if g else 1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
