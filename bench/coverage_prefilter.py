"""How many sentences coverage must embed, and what a lexical pre-filter loses (issue 22).

Usage (from the repository root; needs ../shared/data):

    .venv/bin/python bench/coverage_prefilter.py --articles 250 [--json]

Runs the default pipeline (``weave --cluster``) over the first N articles of
``story_clustering/mds_clusters_dev.jsonl`` and records, for every story coverage runs on, the
sentences that had a vector when coverage started (the facts stage's figure, dated and key
sentences and the summarizer's candidates). Then, with every sentence of those stories
embedded, it replays :func:`newsweave.facts.coverage.reported_elsewhere` for each
``min_dice`` of the pre-filter (None = compare with every sentence, the exhaustive answer):

- ``extra``: sentences embedded beyond those that had a vector already;
- ``lost``: key sentences the exhaustive comparison finds reported elsewhere (cosine >=
  SAME_FACT_COSINE) and the pre-filtered one does not; ``recall`` = 1 - lost / found.

``min_dice`` is chosen on stories grouped in two folds (by story, a hash of its id): the
largest value whose decision recall on the other fold's stories is at least ``--target``
(out-of-fold), beside the in-sample choice on all stories.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import write_corpus  # noqa: E402

GRID = [None, 0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3]


def record(n: int) -> list[dict]:
    from newsweave import nlp
    from newsweave.config import load_config
    from newsweave.facts import coverage
    from newsweave.pipeline import weave_result

    seen: list[dict] = []
    inner = coverage.outlet_coverage

    def wrapper(story, groups=(), quotes=(), embeddings=None, *args, **kwargs):
        keys = coverage.key_sentences(story, groups, quotes)
        if keys:
            texts = {
                (a.id, s.index): s.text
                for a in story.articles
                for s in a.sentences[: coverage.MAX_SENTENCES]
            }
            cached = nlp.cached_vectors(texts.values())
            had = {k for k, t in texts.items() if t in cached or k in (embeddings or {})}
            seen.append({"story": story, "keys": keys, "had": had})
        return inner(story, groups, quotes, embeddings, *args, **kwargs)

    coverage.outlet_coverage = wrapper
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_corpus(n, path)
        config = load_config(None, **{"cluster.mode": "always"})
        weave_result([str(path)], config)
    coverage.outlet_coverage = inner
    return seen


def replay(seen: list[dict]) -> dict:
    """Per story and min_dice: (found keys, extra sentences embedded)."""
    from newsweave import nlp
    from newsweave.facts import coverage

    all_texts = [
        s.text
        for r in seen
        for a in r["story"].articles
        for s in a.sentences[: coverage.MAX_SENTENCES]
    ]
    vec_of = dict(zip(all_texts, nlp.embed(all_texts), strict=True))
    counted = [0]
    real_embed, real_cached = nlp.embed, nlp.cached_vectors

    def fake_embed(texts):
        texts = list(texts)
        counted[0] += len(texts)
        return [vec_of[t] for t in texts]

    nlp.embed = fake_embed
    nlp.cached_vectors = lambda texts: {}
    out: dict = {}
    try:
        for i, r in enumerate(seen):
            story = r["story"]
            text_of = {(a.id, s.index): s.text for a in story.articles for s in a.sentences}
            base = {k: vec_of[text_of[k]] for k in r["had"]}
            for md in GRID:
                counted[0] = 0
                vectors = dict(base)
                found = coverage.reported_elsewhere(story, r["keys"], vectors, md)
                out[(i, md)] = (found, counted[0])
    finally:
        nlp.embed, nlp.cached_vectors = real_embed, real_cached
    return out


def score(seen, table, stories, md) -> dict:
    found = lost = extra = extra_all = sentences = keys = 0
    for i in stories:
        full, n_full = table[(i, None)]
        got, n = table[(i, md)]
        found += len(full)
        lost += len(full - got)
        extra += n
        extra_all += n_full
        keys += len(seen[i]["keys"])
        sentences += sum(min(len(a.sentences), 200) for a in seen[i]["story"].articles)
    return {
        "min_dice": md,
        "stories": len(stories),
        "sentences": sentences,
        "keys": keys,
        "found": found,
        "lost": lost,
        "recall": round(1 - lost / found, 4) if found else 1.0,
        "extra": extra,
        "extra_exhaustive": extra_all,
    }


def choose(seen, table, stories, target) -> float | None:
    ok = [md for md in GRID[1:] if score(seen, table, stories, md)["recall"] >= target]
    return max(ok) if ok else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=250)
    ap.add_argument("--target", type=float, default=0.99, help="decision recall to keep")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    seen = record(args.articles)
    table = replay(seen)
    every = list(range(len(seen)))
    rows = [score(seen, table, every, md) for md in GRID]
    folds = [
        [i for i in every if zlib.crc32(seen[i]["story"].id.encode()) % 2 == f] for f in (0, 1)
    ]
    oof = []
    for f in (0, 1):
        md = choose(seen, table, folds[f], args.target)
        oof.append(
            {
                "chosen_on_fold": f,
                "min_dice": md,
                "other_fold": score(seen, table, folds[1 - f], md) if md is not None else None,
            }
        )
    result = {
        "articles": args.articles,
        "stories": len(seen),
        "grid": rows,
        "in_sample_choice": choose(seen, table, every, args.target),
        "out_of_fold": oof,
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for r in rows:
            print(r)
        print("in-sample choice", result["in_sample_choice"])
        for o in oof:
            print(o)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
