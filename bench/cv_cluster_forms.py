"""Link-model *forms* and clustering steps under the cross-validation of bench/cv_cluster.py
(issue 23): the same story-grouped folds, cross-fitting and (k, threshold) choice, with the
logistic model replaced (interaction terms, gradient-boosted trees) or the clustering step
after the links changed.

    OMP_NUM_THREADS=1 .venv/bin/python bench/cv_cluster_forms.py --cache-dir /tmp/newsweave-cv \
        [--seed 1] [--forms lr,lr_int,lr_int2,gbm,gbm_d2,gbm_mono] [--features A,B,...]
        [--refine X]            # correlation-clustering local moves after the linkage, theta X*t
        [--cap X]               # capped average linkage: sum / min(s u, X k (s + u))
        [--mean-threshold X]    # cluster_links.MEAN_LINK_THRESHOLD fixed at X
        [--mean-thresholds 0,0.2,0.3] [--thresholds 0.1,0.15,...] [--out FILE]

Extra research features: month_share, month_conflict (months the texts date); ent_idf,
names_idf (entity / salient-name overlap weighted by rarity across the pile); shingles (share
of word 6-grams the two bodies have verbatim in common: quotes and wire sentences).

Prints, per form, the out-of-fold and in-sample B-cubed P/R/F1 of mds_clusters_dev and
ecbplus_dev (the whole clustering: short articles through the single pass), as
``--feature-sets`` of bench/cv_cluster.py does for feature sets. The built files (features of
every neighbour pair) are pickled in the cache directory, so later runs start in seconds.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cv_cluster as cv  # noqa: E402

BASE = ("cos_emb", "cos_lex", "ent", "emb_x_lex", "year_conflict", "names")


class Model:
    """A fitted link model: ``predict(x)`` gives link probabilities."""

    def __init__(self, form: str, x: np.ndarray, y: np.ndarray, c: float):
        self.form = form
        if len(set(y.tolist())) < 2:
            self.const = float(y.mean()) if len(y) else 0.0
            return
        self.const = None
        if form == "lr":
            from sklearn.linear_model import LogisticRegression

            self.m = LogisticRegression(C=c, max_iter=5000).fit(x, y)
        elif form.startswith("lr_int"):
            from sklearn.linear_model import LogisticRegression

            self.m = LogisticRegression(C=c, max_iter=20000).fit(expand(x, form), y)
        elif form.startswith("gbm"):
            from sklearn.ensemble import HistGradientBoostingClassifier

            depth = 2 if form.endswith("d2") else 3
            mono = [1, 1, 1, 1, -1, 1][: x.shape[1]] if "mono" in form else None
            self.m = HistGradientBoostingClassifier(
                max_depth=depth,
                max_iter=150,
                learning_rate=0.05,
                min_samples_leaf=40,
                l2_regularization=1.0,
                monotonic_cst=mono,
                random_state=0,
            ).fit(x, y)
        else:
            raise ValueError(form)

    def predict(self, x: np.ndarray) -> np.ndarray:
        if self.const is not None:
            return np.full(len(x), self.const)
        if self.form.startswith("lr_int"):
            x = expand(x, self.form)
        return self.m.predict_proba(x)[:, 1]


def expand(x: np.ndarray, form: str) -> np.ndarray:
    """Inputs plus the products of every two (and the squares of the continuous ones)."""
    cols = [x]
    n = x.shape[1]
    for i in range(n):
        for j in range(i, n):
            if i == j and form == "lr_int":
                continue
            cols.append((x[:, i] * x[:, j])[:, None])
    return np.concatenate(cols, axis=1)


class FormCV(cv.LinkCV):
    def __init__(self, files, names, folds, seed, c, form):
        super().__init__(files, names, folds, seed, c)
        self.form = form

    def model(self, excluded):
        if excluded not in self._fits:
            self._fits[excluded] = Model(self.form, *self.train_rows(excluded), self.c)
        return self._fits[excluded]

    def predict(self, x, model):
        return model.predict(x)

    def in_sample(self):
        m = Model(self.form, *self.train_rows(frozenset()), self.c)
        figs = {}
        for d in self.files:
            lab = cv.cluster_file(d, m.predict(d.x(self.names)), *self.choice)
            figs[d.name] = cv.prf(*d.full_run(lab))
        return {
            "k": self.choice[0],
            "threshold": self.choice[1],
            "mean_threshold": self.choice[2],
            "figures": figs,
        }


def local_moves(n: int, a, b, p, labels: np.ndarray, theta: float, rounds: int = 5) -> np.ndarray:
    """Correlation-clustering style refinement of a clustering over sparse links: move an item
    to the group (of its neighbours, or alone) that maximises sum over members of (p - theta),
    non-neighbours counting p = 0, while any move gains; items in canonical (index) order."""
    lab = labels.copy()
    nb: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, j, q in zip(a.tolist(), b.tolist(), p.tolist(), strict=True):
        nb[i].append((j, q))
        nb[j].append((i, q))
    size: dict[int, int] = {}
    for g in lab.tolist():
        size[g] = size.get(g, 0) + 1
    for _ in range(rounds):
        moved = 0
        for i in range(n):
            own = int(lab[i])
            sums: dict[int, float] = {}
            for j, q in nb[i]:
                sums[int(lab[j])] = sums.get(int(lab[j]), 0.0) + q
            stay = sums.get(own, 0.0) - theta * (size[own] - 1)
            best, gain = own, 0.0
            if size[own] > 1 and -stay > gain + 1e-12:
                best, gain = -1, -stay
            for g, s in sums.items():
                if g == own:
                    continue
                v = s - theta * size[g] - stay
                if v > gain + 1e-12:
                    best, gain = g, v
            if best != own:
                size[own] -= 1
                if best == -1:
                    best = n + i  # a new singleton group
                    while best in size:
                        best += n
                lab[i] = best
                size[best] = size.get(best, 0) + 1
                moved += 1
        if not moved:
            break
    return lab


REFINE = {"theta": None, "cap": None}


def average_linkage_cap(n, a, b, p, threshold, cap):
    """Average linkage where the average of two groups of sizes s, u is the sum of their links
    over min(s * u, cap * (s + u)): a k-nearest-neighbour graph cannot hold more than about
    k (s + u) links between two groups, so large groups are not held to links they cannot
    have, and two singletons still need their one link to reach the threshold."""
    import heapq
    import math

    parent = list(range(n))
    size = [1] * n
    links = [dict() for _ in range(n)]
    for i, j, q in zip(a.tolist(), b.tolist(), p.tolist(), strict=True):
        links[i][j] = links[i].get(j, 0.0) + q
        links[j][i] = links[i][j]

    def den(i, j):
        return min(size[i] * size[j], cap * (size[i] + size[j]))

    heap = [
        (-s / den(i, j), i, j)
        for i in range(n)
        for j, s in links[i].items()
        if i < j and s / den(i, j) >= threshold
    ]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if parent[i] != i or parent[j] != j or j not in links[i]:
            continue
        avg = links[i][j] / den(i, j)
        if not math.isclose(avg, -neg, rel_tol=1e-12, abs_tol=1e-15) or avg < threshold:
            continue
        parent[j] = i
        size[i] += size[j]
        del links[i][j]
        del links[j][i]
        for o, s in links[j].items():
            del links[o][j]
            links[i][o] = links[i].get(o, 0.0) + s
            links[o][i] = links[i][o]
        links[j] = {}
        for o, s in links[i].items():
            v = s / den(i, o)
            if v >= threshold:
                heapq.heappush(heap, (-v, min(i, o), max(i, o)))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    return [root(x) for x in range(n)]


def cluster_file_refined(d, prob, k, t, m=None, r=0.0):
    from newsweave import cluster_links as cl

    assert not r, "the refined steps take no re-attach level (cv_cluster.py --reattach)"

    sel = d.rank < k
    if REFINE["cap"] is not None:
        lab = np.array(
            average_linkage_cap(d.n, d.a[sel], d.b[sel], prob[sel], t, REFINE["cap"] * k)
        )
    else:
        lab = np.array(
            cl.average_linkage(
                d.n,
                d.a[sel],
                d.b[sel],
                prob[sel],
                t,
                mean_threshold=REFINE.get("mean") if m is None else m,
            )
        )
    if REFINE["theta"] is not None:
        lab = local_moves(d.n, d.a[sel], d.b[sel], prob[sel], lab, REFINE["theta"] * t)
    return lab


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


def month_keys(text: str) -> frozenset[int]:
    """Months the text dates (year * 12 + month): "March 24, 2017", "March 2017",
    "2011/01/05" (URLs, datelines)."""
    import re

    out = set()
    for m in re.finditer(
        r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
        r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)\b",
        text,
    ):
        out.add(int(m.group(2)) * 12 + _MONTHS[m.group(1).lower()])
    for m in re.finditer(r"\b((?:19|20)\d\d)\s*[/-]\s*(0?[1-9]|1[0-2])\s*[/-]", text):
        out.add(int(m.group(1)) * 12 + int(m.group(2)) - 1)
    return frozenset(out)


def add_month_features(d) -> None:
    keys = [month_keys(art.text) for art in d.articles]
    conflict, share = np.zeros(len(d.a)), np.zeros(len(d.a))
    for p, (i, j) in enumerate(zip(d.a.tolist(), d.b.tolist(), strict=True)):
        ki, kj = keys[i], keys[j]
        if ki and kj:
            gap = min(abs(x - y) for x in ki for y in kj)
            conflict[p] = float(gap > 1)
            share[p] = len(ki & kj) / min(len(ki), len(kj))
    d.features["month_conflict"] = conflict
    d.features["month_share"] = share


def add_rarity_features(d) -> None:
    """Entity overlap weighted by how rare each entity is across the pile (issue 23's "named
    entities weighted by how rare they are"): sum of idf of the shared keys over the smaller
    of the two sets' idf sums, for the spaCy entities (``ent_idf``) and the salient names
    (``names_idf``); 0 when either set is empty."""
    from collections import Counter

    from newsweave import cluster_links as cl

    base = cl.NAME_KEY_BASE
    for name, keep in (("ent_idf", lambda e: 0 <= e < base), ("names_idf", lambda e: e >= base)):
        sets = [frozenset(e for e in s if keep(e)) for s in d.ents]
        df = Counter(e for s in sets for e in s)
        n = len(sets)
        idf = {e: float(np.log((1.0 + n) / (1.0 + c))) for e, c in df.items()}
        mass = [sum(idf[e] for e in s) for s in sets]
        out = np.zeros(len(d.a))
        for p, (i, j) in enumerate(zip(d.a.tolist(), d.b.tolist(), strict=True)):
            if sets[i] and sets[j]:
                low = min(mass[i], mass[j])
                if low > 0:
                    out[p] = sum(idf[e] for e in sets[i] & sets[j]) / low
        d.features[name] = out


def add_shingle_features(d, n: int = 6) -> None:
    """Verbatim overlap: the word ``n``-grams (lower-cased words) two bodies share, over the
    smaller body's count (``shingles``); reports of one story repeat its quotes and wire
    sentences word for word, two events of the same kind told in the same words do not."""
    import re
    import zlib

    word = re.compile(r"[a-z0-9']+")
    sets = []
    for art in d.articles:
        w = word.findall(art.text.lower())
        sets.append(
            frozenset(zlib.crc32(" ".join(w[k : k + n]).encode()) for k in range(len(w) - n + 1))
        )
    out = np.zeros(len(d.a))
    for p, (i, j) in enumerate(zip(d.a.tolist(), d.b.tolist(), strict=True)):
        if sets[i] and sets[j]:
            out[p] = len(sets[i] & sets[j]) / min(len(sets[i]), len(sets[j]))
    d.features["shingles"] = out


def build(data: Path, cache_dir: Path) -> list:
    path = cache_dir / "docfiles.pkl"
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)
    files = [
        cv.DocFile(data, name, cache_dir, max(max(cv.KS), cv.TRAIN_K)) for name in cv.DOC_FILES
    ]
    with path.open("wb") as fh:
        pickle.dump(files, fh)
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cv.add_cv_arguments(ap)
    ap.add_argument("--features", default=",".join(BASE))
    ap.add_argument("--forms", default="lr,lr_int,gbm")
    ap.add_argument(
        "--refine",
        type=float,
        help="local moves after average linkage at theta = this x the link threshold",
    )
    ap.add_argument("--cap", type=float, help="capped average linkage: cap = this x k")
    ap.add_argument("--thresholds", help="link thresholds of the grid, comma-separated")
    ap.add_argument(
        "--mean-threshold", type=float, help="cluster_links.MEAN_LINK_THRESHOLD for this run"
    )
    ap.add_argument(
        "--mean-thresholds",
        help="mean-link thresholds of the grid (chosen per fold), comma-separated",
    )
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.refine is not None:
        REFINE["theta"] = args.refine
        cv.cluster_file = cluster_file_refined
    if args.cap is not None:
        REFINE["cap"] = args.cap
        cv.cluster_file = cluster_file_refined
    if args.mean_threshold is not None:
        REFINE["mean"] = args.mean_threshold
        cv.cluster_file = cluster_file_refined
    if args.mean_thresholds:
        cv.MEAN_THRESHOLDS = tuple(float(x) for x in args.mean_thresholds.split(","))
    if args.thresholds:
        cv.THRESHOLDS = tuple(float(x) for x in args.thresholds.split(","))
    files = build(Path(args.data), Path(args.cache_dir))
    names = args.features.split(",")
    for d in files:
        add_month_features(d)
        add_rarity_features(d)
        add_shingle_features(d)
    runs = {}
    for form in args.forms.split(","):
        c = FormCV(files, names, args.folds, args.seed, args.C, form)
        links = c.run()
        runs[form] = {
            "out_of_fold": links["out_of_fold"],
            "shipped_choice": links["shipped_choice"],
            "in_sample": c.in_sample(),
        }
        print(json.dumps({form: runs[form]}), file=sys.stderr, flush=True)
    out = {
        "seed": args.seed,
        "features": names,
        "runs": runs,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    text = json.dumps(out, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
