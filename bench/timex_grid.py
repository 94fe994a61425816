"""Leave-one-corpus-out checks of the calibrated parts of ``newsweave.timex``.

    python bench/timex_grid.py ../shared/data/timex/TimeBank ../shared/data/timex/AQUAINT \
        ../shared/data/meantime/corpus_apple
    python bench/timex_grid.py --conventions ../shared/data/timex/TimeBank \
        ../shared/data/timex/AQUAINT ../shared/data/meantime/corpus_apple

Each corpus is parsed once (cached in ``$TIMEX_CACHE`` when set, see bench/timex_errors.py).
Default mode: for every (PAST_FORWARD_MONTHS, FUTURE_BACK_MONTHS, UNKNOWN_FORWARD_MONTHS) in
the grid the value F1 of the first two corpora is computed, the best setting on one is scored
on the other (and on the third, untouched).

``--conventions``: the same for the annotation conventions (``NIGHT_AS_DAY``,
``PAST_YEAR_AS_DATE``, ``MONTHS_END_QUARTER_TALK``, ``DEADLINE_LOOKS_FORWARD``,
``RECENT_AS_PAST_REF``): all 32 settings, the best on each of the first two corpora scored
on the other and on the third, plus each switch on its own (the others as shipped).
Figures: bench/RESULTS.md.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import timex_errors as te  # noqa: E402

from newsweave import timex as tx  # noqa: E402
from newsweave.evaluate import timex as ev  # noqa: E402

CONSTANTS = ("PAST_FORWARD_MONTHS", "FUTURE_BACK_MONTHS", "UNKNOWN_FORWARD_MONTHS")
CONVENTIONS = (
    "NIGHT_AS_DAY",
    "PAST_YEAR_AS_DATE",
    "MONTHS_END_QUARTER_TALK",
    "DEADLINE_LOOKS_FORWARD",
    "RECENT_AS_PAST_REF",
    "DECADES_IN_YEARS",
)


def main(argv: list[str]) -> None:
    conventions = "--conventions" in argv
    paths = [a for a in argv if a != "--conventions"]
    names = [p.rstrip("/").split("/")[-1] for p in paths]
    sets = {}
    for name, path in zip(names, paths, strict=True):
        items = te.load([path])
        sets[name] = ([d for _, d, _ in items], [p for _, _, p in items])

    def f1(name: str) -> float:
        docs, parsed = sets[name]
        preds = [te.preds_of(d, p) for d, p in zip(docs, parsed, strict=True)]
        return ev.score([d.gold for d in docs], preds)["value_f1"]

    keys = CONVENTIONS if conventions else CONSTANTS
    shipped = tuple(getattr(tx, k) for k in keys)
    grid = (
        list(itertools.product([False, True], repeat=len(keys)))
        if conventions
        else list(itertools.product([0, 1, 2, 3], [0, 1, 2, 3], [2, 3, 4, 5, 6]))
    )

    def use(setting: tuple) -> None:
        for k, v in zip(keys, setting, strict=True):
            setattr(tx, k, v)

    a, b = names[0], names[1]
    res = {}
    for k in grid:
        use(k)
        res[k] = {a: f1(a), b: f1(b)}
    print("keys:", ", ".join(keys))
    for tune, test in ((a, b), (b, a)):
        # ties go to the setting listed first (all off / the smallest constants)
        best = max(grid, key=lambda k: res[k][tune])
        use(best)
        rest = " ".join(f"{n} {f1(n):.4f}" for n in names[2:])
        print(
            f"tuned on {tune}: {best} in-sample {res[best][tune]:.4f}; "
            f"held-out {test} {res[best][test]:.4f}; {rest}"
        )
    use(shipped)
    rest = " ".join(f"{n} {f1(n):.4f}" for n in names[2:])
    print(f"shipped {shipped}: {a} {res[shipped][a]:.4f} {b} {res[shipped][b]:.4f} {rest}")
    if conventions:
        for i, k in enumerate(keys):
            flipped = tuple(not v if j == i else v for j, v in enumerate(shipped))
            use(flipped)
            rest = " ".join(f"{n} {f1(n):.4f}" for n in names[2:])
            print(f"  {k}={flipped[i]}: {a} {res[flipped][a]:.4f} {b} {res[flipped][b]:.4f} {rest}")
        use(shipped)


if __name__ == "__main__":
    main(sys.argv[1:])
