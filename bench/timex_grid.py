"""Leave-one-corpus-out check of the month-year constants of ``newsweave.timex``.

    python bench/timex_grid.py ../shared/data/timex/TimeBank ../shared/data/timex/AQUAINT \
        ../shared/data/meantime/corpus_apple

Each corpus is parsed once; for every (PAST_FORWARD_MONTHS, FUTURE_BACK_MONTHS,
UNKNOWN_FORWARD_MONTHS) in the grid the value F1 of the first two corpora is computed, the best
setting on one is scored on the other (and on the third, untouched). Figures: bench/RESULTS.md.
"""

from __future__ import annotations

import itertools
import sys

from newsweave import nlp
from newsweave import timex as tx
from newsweave.evaluate import timex as ev


def main(paths: list[str]) -> None:
    names = [p.rstrip("/").split("/")[-1] for p in paths]
    sets = {}
    for name, path in zip(names, paths, strict=True):
        docs = [ev.read_document(f) for f in ev.collect([path])]
        sets[name] = (docs, nlp.parse([d.text for d in docs], full=False))

    def f1(name: str) -> float:
        docs, parsed = sets[name]
        preds = [[ev.Pred(t.start, t.end, t.type, t.value)
                  for t in tx.find_timexes(d.text, d.dct, p)]
                 for d, p in zip(docs, parsed, strict=True)]
        return ev.score([d.gold for d in docs], preds)["value_f1"]

    grid = list(itertools.product([0, 1, 2, 3], [0, 1, 2, 3], [2, 3, 4, 5, 6]))
    a, b = names[0], names[1]
    res = {}
    for k in grid:
        tx.PAST_FORWARD_MONTHS, tx.FUTURE_BACK_MONTHS, tx.UNKNOWN_FORWARD_MONTHS = k
        res[k] = {a: f1(a), b: f1(b)}
    for tune, test in ((a, b), (b, a)):
        best = max(grid, key=lambda k: res[k][tune])
        tx.PAST_FORWARD_MONTHS, tx.FUTURE_BACK_MONTHS, tx.UNKNOWN_FORWARD_MONTHS = best
        rest = " ".join(f"{n} {f1(n):.4f}" for n in names[2:])
        print(f"tuned on {tune}: {best} in-sample {res[best][tune]:.4f}; "
              f"held-out {test} {res[best][test]:.4f}; {rest}")


if __name__ == "__main__":
    main(sys.argv[1:])
