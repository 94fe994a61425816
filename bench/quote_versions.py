"""How often a quote merged across outlets cites an outlet for words it did not print (issue 19).

For every gold cluster of the given facts files: weave the story, then count the quotes, the
quotes carried by several sources, and the sources whose own words (``Quote.source_words``)
are not the words of ``Quote.text`` (a part of it, or other words). Before issue 19's fix the
reports cited every one of those sources for ``text``; now each is shown with its own words.

It also checks that ``newsweave eval facts`` is unaffected: the predicted (speaker, text,
source) rows of ``evaluate.facts.predicted_quotes`` are computed for each quote as it is now
and as the old merge left it (``ref`` at the first source's words), and compared.

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 nice -n 19 python bench/quote_versions.py \
        bench/gold/facts_heldout10a.json ...
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time

from newsweave.evaluate import facts as ev
from newsweave.facts.quotes import part_of, same_words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="+", help="facts gold files")
    args = parser.parse_args()
    totals = dict(stories=0, quotes=0, merged=0, sources=0, part=0, other=0, eval_rows_changed=0)
    examples: list[str] = []
    t0 = time.perf_counter()
    for path in args.gold:
        data = json.loads(open(path, encoding="utf-8").read())  # noqa: SIM115 - read once
        for cluster in data["clusters"]:
            articles = ev.load_cluster_articles(cluster.get("input") or {})
            story = ev.run_cluster(articles)
            if story is None:
                continue
            index = ev.source_index(articles)
            totals["stories"] += 1
            for q in story.quotes:
                totals["quotes"] += 1
                totals["sources"] += len(q.sources)
                if len(q.sources) > 1:
                    totals["merged"] += 1
                for w in q.source_words:
                    if same_words(w.text, q.text):
                        continue
                    kind = "part" if part_of(w.text, q.text) else "other"
                    totals[kind] += 1
                    if len(examples) < 6:
                        examples.append(
                            f"{kind}: {len(w.text.split())} of {len(q.text.split())} words"
                        )
            old = dataclasses.replace(
                story,
                quotes=tuple(
                    dataclasses.replace(q, ref=q.source_words[0].ref) if q.source_words else q
                    for q in story.quotes
                ),
            )
            new_rows = ev.predicted_quotes(story, index)
            old_rows = ev.predicted_quotes(old, index)
            key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
            totals["eval_rows_changed"] += len(
                {key(r) for r in new_rows} ^ {key(r) for r in old_rows}
            )
    totals["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(totals))
    for e in examples:
        print(" ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
