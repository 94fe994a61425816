"""Choose switches and constants of newsweave.facts.quotes by leave-one-story-out, from
stories cached by bench/quote_errors.py (only quote extraction is rerun).

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python bench/loso_quote_rules.py \
        --cache DIR --grid DOCUMENT_NAMES_MORE=0,1 --grid REPORT_VERBS_MORE=0,1 bench/gold/*.json

Each ``--grid NAME=v1,v2,...`` sets the module constant NAME (ints; 0/1 are read as
False/True for switches). For each story in turn the grid point with the best F1 over the
other stories scores the left-out story (ties: the earliest point, i.e. the first value
given for each name, so list "off" first); the sum is the out-of-fold figure, the best point
on all stories the in-sample one; ``each_switch`` gives each name's own figures, the other
names held at their in-sample values. Scoring is ``newsweave eval facts``'s for quote-speaker
pairs (bench/quote_errors.py). Prints JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quote_errors as QE  # noqa: E402  (bench script beside this one)

from newsweave import nlp  # noqa: E402
from newsweave.evaluate import facts as ev  # noqa: E402
from newsweave.facts import quotes as Q  # noqa: E402


def _f1(m: int, g: int, p: int) -> float:
    return 2 * m / (g + p) if g + p else 1.0


def _counts(m: int, g: int, p: int) -> dict:
    return {
        "matched": m,
        "gold": g,
        "predicted": p,
        "precision": round(m / p, 4),
        "recall": round(m / g, 4),
    }


def _target(name: str) -> tuple[object, str]:
    """The module and attribute a grid name sets: ``NAME`` in facts.quotes, ``nlp.NAME`` in
    newsweave.nlp (read again at scoring: quote_errors.resplit), ``ev.NAME`` in the facts
    scorer (newsweave.evaluate.facts; give it one value: a scoring convention is not
    chosen)."""
    if name.startswith("nlp."):
        return nlp, name[4:]
    if name.startswith("ev."):  # a scorer setting, given one value (not chosen)
        return ev, name[3:]
    return Q, name


def _value(text: str, current: object) -> object:
    v = int(text)
    return bool(v) if isinstance(current, bool) else v


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--cache", required=True)
    ap.add_argument("--grid", action="append", default=[], help="NAME=v1,v2")
    ap.add_argument(
        "--hold-out",
        action="append",
        default=[],
        help="leave-one-set-out: choose on the files whose name lacks this text, score those",
    )
    args = ap.parse_args(argv)
    names, values = [], []
    for item in args.grid:
        name, _, vals = item.partition("=")
        names.append(name)
        values.append([_value(v, getattr(*_target(name))) for v in vals.split(",")])
    grid = list(itertools.product(*values))
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    prepared = []
    file_of: list[str] = []
    for path, cluster in QE.quote_clusters(args.gold):
        prepared.append((cluster, *QE.prepare(cluster, cache)))
        file_of.append(Path(path).name)
    saved = [getattr(*_target(n)) for n in names]
    table: dict[tuple, list[tuple[int, int, int]]] = {}
    for point in grid:
        for n, v in zip(names, point, strict=True):
            setattr(*_target(n), v)
        rows = []
        for cluster, story, articles, index, docs in prepared:
            hits, gq, pq, *_ = QE.score(cluster, story, articles, index, docs)
            rows.append((hits, len(gq), len(pq)))
        table[point] = rows
    for n, v in zip(names, saved, strict=True):
        setattr(*_target(n), v)

    def total(point, skip=None):
        rows = [r for i, r in enumerate(table[point]) if i != skip]
        return tuple(sum(x) for x in zip(*rows, strict=True))

    def best(skip=None):
        return max(grid, key=lambda pt: (round(_f1(*total(pt, skip)), 6), -grid.index(pt)))

    oof = [0, 0, 0]
    oof_rows = []
    counts: dict[str, dict[str, int]] = {n: {} for n in names}
    for i in range(len(prepared)):
        pt = best(skip=i)
        for n, v in zip(names, pt, strict=True):
            counts[n][str(v)] = counts[n].get(str(v), 0) + 1
        oof_rows.append(table[pt][i])
        for k, v in enumerate(table[pt][i]):
            oof[k] += v
    held = {}
    for text in args.hold_out:
        out = {i for i, f in enumerate(file_of) if text in f}
        pt = max(
            grid,
            key=lambda pt: (
                round(
                    _f1(
                        *(
                            sum(x)
                            for x in zip(
                                *[r for i, r in enumerate(table[pt]) if i not in out], strict=True
                            )
                        )
                    ),
                    6,
                ),
                -grid.index(pt),
            ),
        )

        def on(point, out=out):
            return "{}/{}/{}".format(
                *(sum(x) for x in zip(*[table[point][i] for i in sorted(out)], strict=True))
            )

        held[text] = {
            "chosen": ",".join(map(str, pt)),
            "held_out": on(pt),
            "baseline": on(grid[0]),
            # the same stories scored by leave-one-story-out over all the others
            "out_of_fold": "{}/{}/{}".format(
                *(sum(x) for x in zip(*[oof_rows[i] for i in sorted(out)], strict=True))
            ),
            "in_sample": on(best()),
        }
    m, g, p = oof
    ins = best()
    im, ig, ip = total(ins)

    # each name alone: its values with every other name at its in-sample choice, chosen by
    # leave-one-story-out over that sub-grid (the out-of-fold figure of that one rule)
    each = {}
    for k, n in enumerate(names):
        sub = [pt for pt in grid if all(pt[j] == ins[j] for j in range(len(names)) if j != k)]
        sm = [0, 0, 0]
        for i in range(len(prepared)):
            pt = max(sub, key=lambda pt: (round(_f1(*total(pt, i)), 6), -grid.index(pt)))
            for c, v in enumerate(table[pt][i]):
                sm[c] += v
        bst = max(sub, key=lambda pt: (round(_f1(*total(pt)), 6), -grid.index(pt)))
        each[n] = {
            "out_of_fold": _counts(*sm),
            "in_sample": {"value": str(bst[k]), **_counts(*total(bst))},
            "values": {str(pt[k]): "{}/{}/{}".format(*total(pt)) for pt in sub},
        }
    print(
        json.dumps(
            {
                "clusters": len(prepared),
                "out_of_fold": _counts(m, g, p),
                "in_sample": {
                    **{n: str(v) for n, v in zip(names, ins, strict=True)},
                    **_counts(im, ig, ip),
                },
                "chosen_in_folds": counts,
                "each_switch": each,
                "leave_one_set_out": held,
                "grid": {",".join(map(str, pt)): "{}/{}/{}".format(*total(pt)) for pt in grid},
                "in_sample_story_changes": {
                    prepared[i][0]["id"]: "{}/{}/{} -> {}/{}/{}".format(
                        *table[grid[0]][i], *table[ins][i]
                    )
                    for i in range(len(prepared))
                    if table[ins][i] != table[grid[0]][i]
                },
                "out_of_fold_story_changes": {
                    prepared[i][0]["id"]: "{}/{}/{} -> {}/{}/{}".format(
                        *table[grid[0]][i], *oof_rows[i]
                    )
                    for i in range(len(prepared))
                    if oof_rows[i] != table[grid[0]][i]
                },
                "changed_stories": {
                    ",".join(map(str, pt)): [
                        prepared[i][0]["id"]
                        for i in range(len(prepared))
                        if table[pt][i] != table[grid[0]][i]
                    ]
                    for pt in grid[1:]
                },
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
