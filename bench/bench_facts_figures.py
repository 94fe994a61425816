"""Time the facts stage on articles with thousands of figures (issue 4, "bad input").

    .venv/bin/python bench/bench_facts_figures.py [--rows 1700]

Builds a table-like article (one row per line, three figures a row) and a prose article (two
figures a sentence), each beside a short second article, and prints the time of every step
of :func:`newsweave.facts.extract_facts` (parse, entities, quotes, figures, grouping,
embeddings, timeline, coverage) and the counts.
"""

from __future__ import annotations

import argparse
import time

from newsweave import nlp
from newsweave.facts import coverage, figures, sentence_vectors, timeline
from newsweave.model import Article, Story


def run(name: str, text: str) -> None:
    a = nlp.split_sentences([Article(id=name, text=text, outlet="Big")])[0]
    b = nlp.split_sentences(
        [
            Article(
                id=name + "-b",
                text='Officials said 12 people died. "We are sad," he said.',
                outlet="Small",
            )
        ]
    )[0]
    story = Story(id="s", headline="h", articles=(a, b))
    steps: dict[str, float] = {}
    t = time.perf_counter()
    docs = nlp.parse([x.text for x in story.articles])
    steps["parse"] = time.perf_counter() - t
    ents: tuple = ()
    quotes: tuple = ()
    try:
        from newsweave.facts import entities as ent_mod
        from newsweave.facts import quotes as q_mod

        t = time.perf_counter()
        ents = ent_mod.extract_entities(story, docs)
        steps["entities"] = time.perf_counter() - t
        t = time.perf_counter()
        quotes = q_mod.extract_quotes(story, docs, ents)
        steps["quotes"] = time.perf_counter() - t
    except ImportError:
        pass
    t = time.perf_counter()
    figs = figures.extract_figures(story.articles, docs)
    steps["figures"] = time.perf_counter() - t
    t = time.perf_counter()
    groups = figures.group_figures(figs)
    steps["grouping"] = time.perf_counter() - t
    t = time.perf_counter()
    vectors = sentence_vectors(story)
    steps["embeddings"] = time.perf_counter() - t
    t = time.perf_counter()
    events = timeline.extract_timeline(story.articles, vectors)
    steps["timeline"] = time.perf_counter() - t
    t = time.perf_counter()
    cover = coverage.outlet_coverage(story, groups, quotes, vectors)
    steps["coverage"] = time.perf_counter() - t
    print(
        f"{name}: {len(text):,} chars, {len(figs):,} figures, {len(groups):,} groups, "
        f"{sum(g.disagreement for g in groups)} flagged, {len(quotes)} quotes, "
        f"{len(events)} events, {sum(len(c.facts) for c in cover)} coverage facts"
    )
    print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1700)
    n = ap.parse_args().rows
    nlp.get_nlp()
    nlp.get_encoder()  # load models first: their load time is not the stage's
    table = "\n".join(f"Row {i}: {i * 3} units, {i % 97}% share, ${i}.5 million" for i in range(n))
    prose = " ".join(
        f"The agency said {i + 2} people were hurt and ${i + 1} million was lost." for i in range(n)
    )
    run("table", table)
    run("prose", prose)


if __name__ == "__main__":
    main()
