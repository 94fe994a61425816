"""Fit and choose newsweave.facts.quotes' fallback speaker chooser (``FALLBACK_SPEAKER``) by
leave-one-story-out, from stories cached by bench/quote_errors.py.

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 nice -n 19 .venv/bin/python \
        bench/fit_quote_fallback.py --cache DIR bench/gold/*.json

1. Every quote the rules leave without a speaker is traced with its candidates and their
   features (``FALLBACK_TRACE``); a candidate is right when the gold gives that quote (same
   source, matching text) to that speaker, wrong when the gold gives it to another or the
   quote is scored and not in the gold (an extra); quotes too short to be scored are left
   out.
2. For each story in turn, a logistic regression is fitted on the candidates of the other
   stories and a threshold chosen on them: the lowest score at which the pairs added over
   the other stories keep precision >= ``--min-added-precision`` and the whole precision
   stays >= ``--min-precision``, most matched pairs first. The story is then re-run with
   those weights (so quotes continuing an assigned quote count too). The sum over stories is
   the out-of-fold figure; weights and threshold fitted on all stories give the in-sample
   one, and are printed as the constants to ship. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quote_errors as QE  # noqa: E402  (bench script beside this one)

from newsweave.evaluate import facts as ev  # noqa: E402
from newsweave.facts import quotes as Q  # noqa: E402


def _prf(m: int, g: int, p: int) -> dict:
    return {
        "matched": m,
        "gold": g,
        "predicted": p,
        "precision": round(m / p, 4) if p else 1.0,
        "recall": round(m / g, 4) if g else 1.0,
    }


def _rows(cluster, story, index, gq, trace, min_words):
    """(quote id, [(name, features, right)]) for every scored traced quote."""
    out = []
    for k, (aid, _start, _end, content, cands) in enumerate(trace):
        srcs = ev._sources_of(aid, story, index)  # noqa: SLF001 - bench only
        gold = [g for g in gq if g["source"] in srcs and ev.texts_match(g["text"], content)]
        if not gold and len(content.split()) < max(min_words, 1):
            continue
        out.append(
            (
                k,
                [
                    (name, f, any(ev.speakers_match(g["speaker"], name) for g in gold))
                    for name, f in cands
                ],
                content,
                [g["speaker"] for g in gold],
            )
        )
    return out


def _matrix(rows, names):
    xs, ys, quote = [], [], []
    for qi, (_k, cands, *_rest) in enumerate(rows):
        for _name, f, right in cands:
            xs.append([f.get(n, 0.0) for n in names])
            ys.append(int(right))
            quote.append(qi)
    return np.array(xs, dtype=float), np.array(ys), np.array(quote)


def _fit(rows, names, c: float) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    x, y, _q = _matrix(rows, names)
    if len(set(y.tolist())) < 2:
        return {}
    lr = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    w = {n: float(v) for n, v in zip(names, lr.coef_[0], strict=True)}
    w["bias"] = w.get("bias", 0.0) + float(lr.intercept_[0])
    return w


def _best(rows, w):
    """Per traced quote: (best score, right) of its best candidate (nearest on ties)."""
    out = []
    for _k, cands, *_rest in rows:
        best = None
        for _name, f, right in cands:
            s = sum(w.get(n, 0.0) * v for n, v in f.items())
            if best is None or s > best[0]:
                best = (s, right)
        if best is not None:
            out.append(best)
    return out


def _threshold(best, base, min_added: float, min_prec: float) -> float:
    """The threshold with most matched pairs added under both precision floors (inf: none)."""
    m0, _g0, p0 = base
    choice, most = math.inf, 0
    hits = 0
    for n, (s, right) in enumerate(sorted(best, key=lambda b: -b[0]), start=1):
        hits += int(right)
        if hits / n >= min_added and (m0 + hits) / (p0 + n) >= min_prec and hits > most:
            choice, most = s, hits
    return choice


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--cache", required=True)
    ap.add_argument("--min-added-precision", type=float, default=0.8)
    ap.add_argument("--min-precision", type=float, default=0.93)
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--rows-out", default=None, help="write the traced candidates (JSON)")
    args = ap.parse_args(argv)
    cache = Path(args.cache)
    prepared = []
    for path in args.gold:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for cluster in data.get("clusters", []):
            if "quotes" not in (cluster.get("score") or ("quotes",)):
                continue
            prepared.append((cluster, *QE.prepare(cluster, cache)))
    saved = (Q.FALLBACK_SPEAKER, Q.FALLBACK_MIN_SCORE, dict(Q.FALLBACK_WEIGHTS), Q.FALLBACK_TRACE)

    def run(i, on, w=None, t=math.inf, trace=False):
        cluster, story, articles, index, docs = prepared[i]
        Q.FALLBACK_SPEAKER, Q.FALLBACK_MIN_SCORE = on, t
        Q.FALLBACK_WEIGHTS = dict(w or {})
        Q.FALLBACK_TRACE = [] if trace else None
        hits, gq, pq, *_ = QE.score(cluster, story, articles, index, docs)
        return (hits, len(gq), len(pq)), gq, Q.FALLBACK_TRACE

    base, rows = [], []
    for i, (cluster, story, _articles, index, _docs) in enumerate(prepared):
        counts, gq, trace = run(i, True, trace=True)
        base.append(counts)
        rows.append(
            _rows(cluster, story, index, gq, trace or [], int(cluster.get("quote_min_words") or 0))
        )
    names = sorted(
        {n for story_rows in rows for _k, c, *_x in story_rows for _nm, f, _r in c for n in f}
    )
    total = tuple(sum(x) for x in zip(*base, strict=True))

    def fold(skip=None):
        train = [r for i, rs in enumerate(rows) if i != skip for r in rs]
        tbase = tuple(t - (base[skip][k] if skip is not None else 0) for k, t in enumerate(total))
        w = _fit(train, names, args.c)
        t = _threshold(_best(train, w), tbase, args.min_added_precision, args.min_precision)
        return w, t

    oof = [0, 0, 0]
    assigned_folds = 0
    for i in range(len(prepared)):
        w, t = fold(skip=i)
        assigned_folds += int(t < math.inf)
        counts, *_ = run(i, True, w, t)
        oof = [a + b for a, b in zip(oof, counts, strict=True)]
    w_all, t_all = fold()
    ins = [0, 0, 0]
    changed = []
    for i in range(len(prepared)):
        counts, *_ = run(i, True, w_all, t_all)
        ins = [a + b for a, b in zip(ins, counts, strict=True)]
        if counts != base[i]:
            changed.append(f"{prepared[i][0]['id']}: {base[i]} -> {counts}")
    Q.FALLBACK_SPEAKER, Q.FALLBACK_MIN_SCORE, Q.FALLBACK_WEIGHTS, Q.FALLBACK_TRACE = saved
    traced = [r for rs in rows for r in rs]
    best_all = _best(traced, w_all)
    if args.rows_out:
        Path(args.rows_out).write_text(
            json.dumps(
                [
                    {
                        "story": prepared[i][0]["id"],
                        "text": text,
                        "gold": gold,
                        "cands": [[n, f, r] for n, f, r in c],
                    }
                    for i, rs in enumerate(rows)
                    for _k, c, text, gold in rs
                ]
            ),
            encoding="utf-8",
        )
    print(
        json.dumps(
            {
                "clusters": len(prepared),
                "traced_quotes": len(traced),
                "traced_with_right_candidate": sum(
                    any(r for _n, _f, r in c) for _k, c, *_x in traced
                ),
                "off": _prf(*total),
                "out_of_fold": _prf(*oof),
                "folds_assigning": assigned_folds,
                "in_sample": _prf(*ins),
                "in_sample_added": {
                    "quotes": sum(s >= t_all for s, _r in best_all),
                    "right": sum(r for s, r in best_all if s >= t_all),
                },
                "weights": {n: round(v, 3) for n, v in sorted(w_all.items())},
                "threshold": t_all,
                "changed_stories": changed,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
