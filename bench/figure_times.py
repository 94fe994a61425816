"""The times attached to figures and the dates of timeline entries, over every story of the
gold files, for reading (issue 19, ninth and tenth sessions).

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python bench/figure_times.py \
        bench/gold/*.json --diff RELATIVE_CLAUSE_TIME      # figures whose time a switch changes
    ... bench/figure_times.py bench/gold/*.json --sample 60 --seed 19 \
        --source multi_news --source ecbplus               # a seeded sample of dated figures
    ... bench/figure_times.py bench/gold/*.json --parse --rows OLD.json   # re-time a sample
    ... bench/figure_times.py bench/gold/*.json --parse --timeline 40     # timeline entries

Each story is read, cleaned and split into sentences once
(:func:`newsweave.stories.prepare_articles`, cached with ``--cache DIR``). Without ``--parse``
the figures are extracted without Docs (the times then come from the sentence text alone);
with ``--parse`` every article is parsed once as the facts stage does (:func:`newsweave.nlp.
parse`, the Docs cached beside the articles) and the figures and the timeline read the parse.
``--diff NAME`` extracts with the switch on and off and prints every figure whose time
differs; ``--sample N`` prints N figures that carry a time (shipped settings, ``--off`` to
switch rules off), drawn with ``random.Random(seed)`` from the stories whose input file name
contains one of ``--source``; ``--rows FILE`` gives the current time of each row of an earlier
sample (matched by story, figure and context); ``--timeline N`` samples N dated timeline
entries (:func:`newsweave.facts.timeline.dated_sentences`). Each row gives the story, the
figure, its time(s) and the sentence around it, to be read against the text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sys
from pathlib import Path


def _docs(articles, hit: Path | None):
    """The facts stage's parses of ``articles`` (cached as a DocBin at ``hit``)."""
    from spacy.tokens import DocBin

    from newsweave import nlp

    if hit is not None and hit.exists():
        vocab = nlp.get_nlp(True).vocab
        return list(DocBin().from_bytes(hit.read_bytes()).get_docs(vocab))
    docs = nlp.parse([a.text for a in articles])
    nlp.forget_parses()
    if hit is not None:
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        hit.write_bytes(db.to_bytes())
    return docs


def _stories(paths: list[str], cache: Path | None, parse: bool = False):
    from newsweave.config import load_config
    from newsweave.evaluate.facts import load_cluster_articles
    from newsweave.stories import prepare_articles

    config = load_config(None, one_story=True)
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for cluster in data.get("clusters", []):
            spec = cluster.get("input") or {}
            name = f"{Path(path).name}:{cluster.get('id')}"
            key = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]
            hit = cache / f"{key}.pkl" if cache else None
            if hit is not None and hit.exists():
                articles = pickle.loads(hit.read_bytes())
            else:
                try:
                    articles = load_cluster_articles(spec)
                except Exception as exc:  # noqa: BLE001 - a missing input is reported
                    print(f"skip {name}: {exc}", file=sys.stderr)
                    continue
                articles = prepare_articles(articles, config, [], keep_parses=False)
                if hit is not None:
                    hit.write_bytes(pickle.dumps(articles))
            if articles:
                docs = _docs(articles, cache / f"{key}.spacy" if cache else None) if parse else None
                yield name, str(spec.get("jsonl") or spec.get("path") or ""), articles, docs


def _context(text: str, f, width: int = 160) -> str:
    lo, hi = max(0, f.ref.start - width), f.ref.end + width
    return " ".join((text[lo : f.ref.start] + "[[" + f.text + "]]" + text[f.ref.end : hi]).split())


def main(argv: list[str] | None = None) -> int:
    from newsweave.facts import figures

    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--diff", choices=figures.RULE_SWITCHES)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--source", action="append", default=[])
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--off", action="append", default=[], choices=figures.RULE_SWITCHES)
    ap.add_argument("--parse", action="store_true", help="read the parse, as the facts stage")
    ap.add_argument("--rows", type=Path, help="an earlier sample to give the current times of")
    ap.add_argument("--timeline", type=int, default=0, help="sample N dated timeline entries")
    args = ap.parse_args(argv)
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    for n in args.off:
        figures.set_rule_switch(n, False)
    rows: list[dict] = []
    pool: list[dict] = []
    n_stories = 0
    earlier = json.loads(args.rows.read_text(encoding="utf-8"))["rows"] if args.rows else []
    now: dict[tuple[str, str, str], str | None] = {}
    entries: list[dict] = []
    for name, source, articles, docs in _stories(args.gold, args.cache, args.parse):
        n_stories += 1
        texts = {a.id: a.text for a in articles}
        if earlier:
            if not any(r["story"] == name for r in earlier):
                continue
            for f in figures.extract_figures(articles, docs):
                now[(name, f.text, _context(texts[f.ref.article_id], f))] = f.time
            continue
        if args.timeline and (not args.source or any(s in source for s in args.source)):
            from newsweave.facts import timeline

            for d, rel, expr, a, _si, text in timeline.dated_sentences(articles, docs):
                entries.append(
                    {
                        "story": name,
                        "date": d,
                        "relative": rel,
                        "expression": expr,
                        "published": a.published,
                        "text": text[:400],
                    }
                )
            continue
        if args.diff:
            shipped = getattr(figures, args.diff)
            figures.set_rule_switch(args.diff, True)
            on = figures.extract_figures(articles, docs)
            figures.set_rule_switch(args.diff, False)
            off = figures.extract_figures(articles, docs)
            figures.set_rule_switch(args.diff, shipped)
            for a, b in zip(on, off, strict=True):
                if a.time != b.time:
                    rows.append(
                        {
                            "story": name,
                            "figure": a.text,
                            "time_on": a.time,
                            "time_off": b.time,
                            "text": _context(texts[a.ref.article_id], a),
                        }
                    )
        if args.sample and (not args.source or any(s in source for s in args.source)):
            for f in figures.extract_figures(articles, docs):
                if f.time:
                    pool.append(
                        {
                            "story": name,
                            "figure": f.text,
                            "time": f.time,
                            "published": next(
                                (x.published for x in articles if x.id == f.ref.article_id), None
                            ),
                            "text": _context(texts[f.ref.article_id], f),
                        }
                    )
    if earlier:
        rows = [
            {**r, "time_now": now.get((r["story"], r["figure"], r["text"]), "MISSING")}
            for r in earlier
        ]
    if args.timeline:
        pool = entries
        rows = random.Random(args.seed).sample(entries, min(args.timeline, len(entries)))
    if args.sample:
        rows = random.Random(args.seed).sample(pool, min(args.sample, len(pool)))
    print(json.dumps({"stories": n_stories, "pool": len(pool), "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
