"""Choose clustering's learned weights and tuned constants by cross-validation grouped by story
across the three story-clustering dev files, and report the out-of-fold B-cubed F1 (issue 23).

    .venv/bin/python bench/cv_cluster.py [--data ../shared/data/story_clustering]
        [--cache-dir /tmp/newsweave-cv] [--folds 10] [--seed 1] [--features base,...]
        [--feature-sets "A,B;A,B,C"]   # several sets on one setup: OOF + in-sample of each
        [--mean-thresholds 0,0.2,0.3]  # also choose cluster_links.MEAN_LINK_THRESHOLD per fold
        [--calibrate]                  # with --feature-sets: isotonic-recalibrated probabilities
        [--platt]                      # ... Platt-recalibrated probabilities (eleventh round)
        [--bag 25]                     # ... a bagged link model of 25 bootstrap fits (eleventh)
        [--reattach 0,0.4,0.5]         # also choose the small-piece re-attach level per fold
        [--story-pass]                 # ... the --reattach levels are story_pass levels instead
        [--ks 5,6,7,8] [--thresholds 0.15,0.2]   # the grid of k and link thresholds
        [--Cs 1,3,10,30]               # also choose the logistic fit's C per fold (ninth round)
        [--sentence-cache DIR]         # bench/sentence_vectors.py's cache, if not in --cache-dir

Research link features (not in production; ``--feature-sets``): see research_features,
tfidf_features (TF-IDF cosines over stems, words, names, title+lead vs body) and hub_features
(mean similarity to the whole pile, entity TF-IDF cosine), specifics_features (whole-body
who/where entities from bench/body_entities.py's cache, numbers with units, dates, conflicts;
eighth round), shingle_features (verbatim shared word runs) and sentence_alignment_features
(sentence vectors from bench/sentence_vectors.py's cache; tenth round); bench/RESULTS.md says
which were tried and what they did.
bench/cluster_errors.py lists where the out-of-fold B-cubed is lost.

What is chosen where:

- **Link model** (full-length articles: mds_clusters_dev and ecbplus_dev; newsweave.cluster_links):
  the logistic coefficients, the neighbour count k and the link threshold (and, with
  ``--mean-thresholds``, the mean-link threshold of the average linkage). The gold stories of
  both files are dealt together into ``--folds`` folds (shuffled per file, so every fold holds
  stories of both). For each outer fold f, every neighbour pair (stories a and b) gets its
  probability from a model fitted on the pairs of the other folds *without* f, a and b, so no
  pair is scored by a model that saw either of its stories or the test fold; each file is
  clustered whole (the test stories among all the others, as in a real pile) for every (k,
  threshold), the pair maximising the mean of the two files' B-cubed F1 over the *training*
  folds' documents is chosen, and the test fold's documents are scored with it. The
  out-of-fold figure of a file is B-cubed over its documents, each scored in the run of its
  own fold (B-cubed is a mean over items, so the per-item precision and recall combine).
- **Single pass** (headline-only articles: uci_news_headlines_dev; newsweave.cluster): the
  short-text threshold and the story-merge threshold, chosen in the same way over the
  headlines' folds (the pass has no fitted weights, so every setting is run once on the whole
  file and the choice per fold is made on the training folds' headlines). The link model does
  not touch headlines, and the pass does not touch full-length articles, so the two sets of
  constants are chosen on the files they act on.
- **Leave one corpus out**: the link model, k and threshold fitted on one document corpus
  (MDS or ECB+), applied to the other.
- **In-sample**: the link model fitted on all pairs, with the (k, threshold) most outer folds
  chose (what ships; the cross-fitted surface's own best is reported beside it), scored on
  the same data: what `newsweave eval cluster` prints.

The TIME_WINDOW_DAYS window is not tuned: no dev file spans more than two days.

Embeddings and named entities (the model stages) are computed once per file and cached in
``--cache-dir``; everything else (featurize, pairs, fits, clustering) runs from the cache in
about a minute. Needs ../shared/data (not part of the project). Prints JSON (``--out`` too).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DOC_FILES = ("mds_clusters_dev", "ecbplus_dev")
HEADLINE_FILE = "uci_news_headlines_dev"
KS = (3, 4, 5, 6, 8)
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
# cluster_links.MEAN_LINK_THRESHOLD candidates (--mean-thresholds; default: the shipped value)
MEAN_THRESHOLDS: tuple[float, ...] = ()
# re-attach levels of the small-piece post-step (--reattach; 0: none)
REATTACH: tuple[float, ...] = (0.0,)
# pairs that fit the link model: each article's 10 nearest (as issue 5)
TRAIN_K = int(os.environ.get("CV_TRAIN_K", "10"))
SHORT_THRESHOLDS = (0.08, 0.1, 0.12, 0.14, 0.16)
MERGE_THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55)


# --- data ------------------------------------------------------------------------------------


def load_file(data: Path, name: str, cache_dir: Path):
    """Articles, gold, scored flags and cached (embeddings, entities) of one dev file."""
    from newsweave import cluster, nlp
    from newsweave.evaluate.cluster import read_dataset

    ds = read_dataset(data / f"{name}.jsonl")
    cache = cache_dir / f"{name}.pkl"
    ids = [a.id for a in ds.articles]
    model = None
    if cache.exists():
        with cache.open("rb") as fh:
            model = pickle.load(fh)
        if model.get("ids") != ids:
            model = None
    if model is None:
        heads = [cluster.head_text(a) for a in ds.articles]
        model = {"ids": ids, "emb": nlp.embed(heads), "ents": cluster.extract_entities(heads)}
        cache_dir.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as fh:
            pickle.dump(model, fh)
    return ds, np.asarray(model["emb"], np.float32), list(model["ents"])


def load_body_entities(cache_dir: Path, name: str, articles, rows):
    """The whole-body NER of the long articles (bench/body_entities.py's cache), or None."""
    path = cache_dir / f"{name}.body_ents.pkl"
    if not path.exists():
        return None
    with path.open("rb") as fh:
        got = pickle.load(fh)
    if got.get("ids") != [a.id for a in articles]:
        print(f"{name}: body entities cache is stale, ignored", file=sys.stderr)
        return None
    return [got["ents"][i] for i in rows]


# where bench/sentence_vectors.py's cache is looked for besides --cache-dir (--sentence-cache)
SENTENCE_CACHE: Path | None = None


def load_sentence_vectors(cache_dir: Path, name: str, articles, rows):
    """Per long article (``rows``), its sentence texts and sentence vectors
    (bench/sentence_vectors.py's cache), or None when no cache has them."""
    for where in (SENTENCE_CACHE, cache_dir):
        if where is None:
            continue
        path = where / f"{name}.sents.pkl"
        if not path.exists():
            continue
        with path.open("rb") as fh:
            got = pickle.load(fh)
        if got.get("ids") != [a.id for a in articles]:
            print(f"{name}: sentence cache {path} is stale, ignored", file=sys.stderr)
            continue
        return [(got["sents"][i], got["vecs"][i]) for i in rows.tolist()]
    return None


def bcubed_items(pred, gold) -> tuple[np.ndarray, np.ndarray]:
    """Per-item B-cubed precision and recall (their means are B-cubed P and R)."""
    from collections import Counter

    pred, gold = list(pred), list(gold)
    both = Counter(zip(pred, gold, strict=True))
    ps, gs = Counter(pred), Counter(gold)
    p = np.array([both[(x, g)] / ps[x] for x, g in zip(pred, gold, strict=True)])
    r = np.array([both[(x, g)] / gs[g] for x, g in zip(pred, gold, strict=True)])
    return p, r


def f1(p: np.ndarray, r: np.ndarray) -> float:
    mp, mr = float(np.mean(p)), float(np.mean(r))
    return 2 * mp * mr / (mp + mr) if mp + mr else 0.0


def prf(p: np.ndarray, r: np.ndarray) -> dict:
    mp, mr = float(np.mean(p)), float(np.mean(r))
    return {"bcubed_p": round(mp, 4), "bcubed_r": round(mr, 4), "bcubed_f1": round(f1(p, r), 4)}


class DocFile:
    """One full-length dev file: its long articles (canonical order), neighbour pairs up to
    the largest k, each pair's neighbour rank and the link model's features."""

    def __init__(self, data: Path, name: str, cache_dir: Path, kmax: int):
        from newsweave import cluster
        from newsweave import cluster_links as cl

        ds, emb, ents = load_file(data, name, cache_dir)
        state = cluster.ClusterState()
        feats = cluster.featurize(ds.articles, state, use_entities=False, embeddings=emb)
        names = feats.names or [frozenset()] * len(ents)
        feats.ents = [e | y | m for e, y, m in zip(ents, feats.years, names, strict=True)]
        # (as _place_groups: entities, years and salient names)
        idf = state.idf()
        feats.body = [cluster.link_vector(b, idf) for b in feats.body]
        order = cluster._canonical_order(feats)
        rows = np.array([i for i in order if feats.thresholds[i] >= cluster.ASSIGN_THRESHOLD])
        self.name = name
        # the whole file, for runs of the whole clustering (short articles take the pass)
        self.all_articles, self.all_emb, self.all_ents = ds.articles, emb, ents
        self.all_gold, self.all_scored = np.array(ds.gold), np.array(ds.scored)
        self.df, self.n_docs = state.df.copy(), state.n_docs
        self.rows = rows
        self.articles = [ds.articles[i] for i in rows]
        self.gold = np.array(ds.gold)[rows]
        self.scored = np.array(ds.scored)[rows]
        self.n = len(rows)
        self.emb = feats.emb[rows]
        self.times = feats.times[rows]
        self.body = [feats.body[i] for i in rows]
        self.terms = [feats.terms[i] for i in rows]
        self.ents = [feats.ents[i] for i in rows]
        # stem vectors as the link step makes them (the file's long articles counted once)
        self.stems = [
            cluster.stem_vector(feats.stems[i], state.stem_idf(feats.stems[i][0])) for i in rows
        ]
        self.idf = idf
        self.stem_idf = state.stem_idf
        a, b, ce, cx = cl.neighbour_pairs(self.emb, self.body, self.times, kmax)
        self.a, self.b, self.cos_emb, self.cos_lex = a, b, ce, cx
        # rank of a pair: the smallest k whose k-nearest graph holds it
        key = a * self.n + b
        self.rank = np.full(len(a), kmax, np.int64)
        for k in range(1, kmax + 1):
            ak, bk, _, _ = cl.neighbour_pairs(self.emb, self.body, self.times, k)
            newly = np.isin(key, ak * self.n + bk) & (self.rank == kmax)
            self.rank[newly] = k - 1
        self.y = (self.gold[a] == self.gold[b]).astype(int)
        self.ok = self.scored[a] & self.scored[b]  # pairs whose label is not noise
        self.body_ents = load_body_entities(cache_dir, name, ds.articles, rows)
        self.sent_vecs = load_sentence_vectors(cache_dir, name, ds.articles, rows)
        self.features = pair_feature_table(self)

    def x(self, names) -> np.ndarray:
        return np.stack([self.features[n] for n in names], axis=1)

    def full_run(self, labels_long: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Run newsweave.cluster.assign on the whole file (one batch, as `newsweave eval
        cluster`) with the link step's groups given (``labels_long``: the average linkage of
        the long articles with the probabilities of this fold); short articles go through the
        single pass as in production. Per-item B-cubed P and R of the scored articles."""
        lab = self.full_labels(labels_long)
        sc = self.all_scored
        return bcubed_items(np.array(lab)[sc], self.all_gold[sc])

    def full_labels(self, labels_long: np.ndarray) -> list[str]:
        """The story of every article of the file (as :meth:`full_run`)."""
        from newsweave import cluster, cluster_links

        groups: dict[int, list[int]] = {}
        for r, g in enumerate(labels_long.tolist()):
            groups.setdefault(g, []).append(r)
        given = sorted(groups.values(), key=lambda g: g[0])

        def link_groups(emb, *args, **kwargs):
            assert len(emb) == self.n, "the link step saw other articles than the harness"
            return given

        state = cluster.ClusterState()
        feats = cluster.featurize(
            self.all_articles, state, use_entities=False, embeddings=self.all_emb
        )
        feats.ents = list(self.all_ents)
        saved = cluster_links.link_groups
        cluster_links.link_groups = link_groups
        try:
            cluster.assign(state, feats)
        finally:
            cluster_links.link_groups = saved
        return [state.assignment[a.id] for a in self.all_articles]


def pair_feature_table(d: DocFile) -> dict[str, np.ndarray]:
    """Candidate link features of every pair (the production ones and the ones tried)."""
    from newsweave import cluster_links as cl

    a, b = d.a, d.b
    out = {
        "cos_emb": d.cos_emb.astype(np.float64),
        "cos_lex": d.cos_lex.astype(np.float64),
        "ent": cl.entity_overlaps(d.ents, a, b),
    }
    out["emb_x_lex"] = out["cos_emb"] * out["cos_lex"]
    out["year_conflict"] = cl.year_conflicts(d.ents, a, b)
    out["names"] = cl.name_overlaps(d.ents, a, b)
    # production (newsweave.cluster.stem_counts / stem_vector, cluster_links.stem_cosines)
    out["cos_stem"] = cl.stem_cosines(d.stems, a, b, out["cos_lex"])
    out["cos_date"] = cl.date_cosines(d.ents, a, b, d.stem_idf)
    extra = getattr(cl, "extra_pair_features", None)
    if extra is not None:
        out.update(extra(d, a, b))
    out.update(research_features(d, a, b, out))
    gap = float(np.max(np.abs(out["cos_stem"] - out["cos_stem_sk"]), initial=0.0))
    print(
        f"{d.name}: cos_stem production vs scikit-learn, max |diff| {gap:.2e}",
        file=sys.stderr,
        flush=True,
    )
    if "cos_date_bin" in out:
        gap = float(np.max(np.abs(out["cos_date"] - out["cos_date_bin"]), initial=0.0))
        print(
            f"{d.name}: cos_date production vs research (binary tf), max |diff| {gap:.2e}",
            file=sys.stderr,
            flush=True,
        )
    return out


def _sparse(vecs, dim):
    from scipy import sparse

    lens = np.fromiter((len(v[0]) for v in vecs), np.int64, len(vecs))
    indptr = np.concatenate([[0], np.cumsum(lens)])
    ids = np.concatenate([v[0] for v in vecs]).astype(np.int64)
    vals = np.concatenate([v[1] for v in vecs]).astype(np.float64)
    return sparse.csr_matrix((vals, ids, indptr), shape=(len(vecs), dim))


def _pair_dot(x, a, b):
    return np.asarray(x[a].multiply(x[b]).sum(axis=1)).ravel()


def research_features(d, a, b, base) -> dict[str, np.ndarray]:
    import re

    from newsweave import cluster

    dim = cluster.HASH_FEATURES
    out = {}
    out["cos_head"] = _pair_dot(_sparse(d.terms, dim), a, b)
    # idf-squared body cosine: rare terms (names, places, numbers) weigh more
    rare = []
    for idx, w in d.body:
        v = w.astype(np.float64) * d.idf[idx]
        rare.append((idx, v / (np.linalg.norm(v) or 1.0)))
    out["cos_rare"] = _pair_dot(_sparse(rare, dim), a, b)
    # local scaling: the pair's combined similarity against its articles' usual neighbours
    comb = base["cos_emb"] + base["cos_lex"]
    tot, cnt = np.zeros(d.n), np.zeros(d.n)
    sel = d.rank < 5
    for side in (a, b):
        np.add.at(tot, side[sel], comb[sel])
        np.add.at(cnt, side[sel], 1)
    m = tot / np.maximum(cnt, 1)
    out["local"] = comb - 0.5 * (m[a] + m[b])

    # years mentioned in the whole text, and in title + lead only
    def year_pairs(years: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
        yo, yc = np.zeros(len(a)), np.zeros(len(a))
        for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
            if years[i] and years[j]:
                inter = len(years[i] & years[j])
                yo[p] = inter / min(len(years[i]), len(years[j]))
                yc[p] = float(inter == 0)
        return yo, yc

    yr = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
    out["text_year_overlap"], out["text_year_conflict"] = year_pairs(
        [frozenset(yr.findall(art.text)) for art in d.articles]
    )
    out["head_year_overlap"], out["head_year_conflict"] = year_pairs(
        [frozenset(yr.findall(cluster.head_text(art))) for art in d.articles]
    )
    vec = cluster._vectorizer()
    ids = vec.transform([str(y) for y in range(1900, 2100)]).tocsr().indices
    yid = set(ids.tolist())
    years = [frozenset(x for x in idx.tolist() if x in yid) for idx, _ in d.body]
    yc = np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        if years[i] and years[j]:
            yc[p] = float(not (years[i] & years[j]))
    out["body_year_conflict"] = yc
    # numbers the texts mention (not years): shared share
    num = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]|[.,]\d)")
    nums = []
    for art in d.articles:
        found = {x.replace(",", "") for x in num.findall(art.text)}
        nums.append(
            frozenset(
                x
                for x in found
                if not (len(x) == 4 and x[:2] in ("19", "20"))
                and x not in {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
            )
        )
    no = np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        if nums[i] and nums[j]:
            no[p] = len(nums[i] & nums[j]) / min(len(nums[i]), len(nums[j]))
    out["num_overlap"] = no
    # idf-weighted entity overlap (entity document frequencies over the file)
    from collections import Counter

    df = Counter(e for es in d.ents for e in es if e >= 0)
    idf = {e: np.log((1 + d.n) / (1 + c)) + 1 for e, c in df.items()}
    eo = np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        ei = frozenset(e for e in d.ents[i] if e >= 0)
        ej = frozenset(e for e in d.ents[j] if e >= 0)
        if ei and ej:
            num = sum(idf[e] for e in ei & ej)
            den = min(sum(idf[e] for e in ei), sum(idf[e] for e in ej))
            eo[p] = num / max(den, 3.0)
    out["ent_idf"] = eo
    out.update(tfidf_features(d, a, b))
    out.update(hub_features(d, a, b, base))
    if d.body_ents is not None:
        out.update(specifics_features(d, a, b))
    out.update(shingle_features(d, a, b))
    if d.sent_vecs is not None:
        out.update(sentence_alignment_features(d, a, b))
    return out


# passages (tenth round): sentence alignment and verbatim shared word runs
ALIGN_MIN_WORDS = 5  # sentences shorter than this (datelines, "Advertisement") are left out
ALIGN_CLOSE = 0.8  # a sentence "has a counterpart" when its best cosine reaches this


def sentence_alignment(
    va: np.ndarray, vb: np.ndarray, close: float = ALIGN_CLOSE
) -> tuple[float, float, float]:
    """How much of one article has a close counterpart in the other, from unit sentence
    vectors ``va`` / ``vb`` (rows): (mean over the shorter side's sentences of its best
    cosine to the other side's, mean of the three highest sentence-pair cosines, share of the
    shorter side's sentences whose best cosine reaches ``close``). Zeros when a side has no
    sentences."""
    if not len(va) or not len(vb):
        return 0.0, 0.0, 0.0
    if len(va) > len(vb):
        va, vb = vb, va
    sim = va @ vb.T
    best = sim.max(axis=1)
    flat = sim.ravel()
    top = np.partition(flat, -3)[-3:] if flat.size > 3 else flat
    return float(best.mean()), float(top.mean()), float((best >= close).mean())


def shingles(text: str, n: int) -> frozenset[str]:
    """The runs of ``n`` consecutive words (lower-cased letters and digits) of ``text``."""
    import re

    words = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


def shingle_features(d, a, b, ns=(6, 8)) -> dict[str, np.ndarray]:
    """Verbatim shared passages of the two bodies: Jaccard (``sh<n>_jac``) and containment
    (the shared share of the smaller set, ``sh<n>_con``) of their word ``n``-gram shingles,
    and the containment without boiler-plate (``sh<n>_conc``: shingles found in more than
    five articles of the file dropped)."""
    from collections import Counter

    out = {}
    for n in ns:
        sh = [shingles(art.text, n) for art in d.articles]
        df = Counter(x for s in sh for x in s)
        clean = [frozenset(x for x in s if df[x] <= 5) for s in sh]
        jac, con, conc = np.zeros(len(a)), np.zeros(len(a)), np.zeros(len(a))
        for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
            si, sj = sh[i], sh[j]
            if si and sj:
                inter = len(si & sj)
                jac[p] = inter / len(si | sj)
                con[p] = inter / min(len(si), len(sj))
            ci, cj = clean[i], clean[j]
            if ci and cj:
                conc[p] = len(ci & cj) / min(len(ci), len(cj))
        out[f"sh{n}_jac"] = jac
        out[f"sh{n}_con"] = con
        out[f"sh{n}_conc"] = conc
    return out


def sentence_alignment_features(d, a, b) -> dict[str, np.ndarray]:
    """Sentence alignment of every pair (sentence_alignment over the sentences of at least
    ALIGN_MIN_WORDS words; bench/sentence_vectors.py's vectors)."""
    vecs = []
    for sents, v in d.sent_vecs:
        keep = [k for k, s in enumerate(sents) if len(s.split()) >= ALIGN_MIN_WORDS]
        vecs.append(np.asarray(v, np.float32)[keep] if keep else np.zeros((0, 1), np.float32))
    mean, top3, share = np.zeros(len(a)), np.zeros(len(a)), np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        mean[p], top3[p], share[p] = sentence_alignment(vecs[i], vecs[j])
    return {"sent_align": mean, "sent_top3": top3, "sent_share": share}


# who / where / when over the whole body (eighth round)
WHO_WHERE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_RE = (
    r"(jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:tember|t\.|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_SCALE = ("million", "billion", "trillion", "thousand", "percent", "per cent", "%")
_UNIT_STOP = frozenset(
    "a an the of in on at to for and or but by from with as is was were are be been has have "
    "had that this than to per its their his her who which when where after before about "
    "more less over under up down out into".split()
)


def _norm_entity(text: str) -> str:
    norm = " ".join(text.lower().replace("'s", "").replace("\u2019s", "").split())
    norm = norm.strip(".,\"' ")
    return norm[4:] if norm.startswith("the ") else norm


def article_specifics(text: str, ents) -> dict[str, list[str]]:
    """Who/where (named entities of the whole body, by kind), numbers with their unit words
    ("239 passengers", "$1.2 billion") and explicit dates ("march 8", "march 2014") of one
    article, as lists of keys (repeats kept: term frequencies)."""
    import re

    out: dict[str, list[str]] = {"who": [], "gpe": [], "num": [], "date": [], "month": []}
    for label, t in ents:
        if label in WHO_WHERE:
            k = _norm_entity(t)
            if k:
                out["who"].append(f"{label[:3]}:{k}")
                if label in ("GPE", "LOC", "FAC"):
                    out["gpe"].append(k)
    low = text.lower()
    num = re.compile(
        r"(?<![\w.,$])(\$|£|€)?(\d[\d,]*(?:\.\d+)?)"
        r"(\s*(?:million|billion|trillion|thousand|percent|per cent|%))?"
        r"(?:[\s-]+([a-z]{3,}))?"
    )
    for m in num.finditer(low):
        cur, n, scale, unit = m.group(1) or "", m.group(2).replace(",", ""), m.group(3), m.group(4)
        if len(n) == 4 and n[:2] in ("19", "20") and not cur and not scale:
            continue  # a year: a date, not a number
        key = cur + n + (" " + scale.strip() if scale else "")
        if unit and unit not in _UNIT_STOP and unit not in _MONTHS:
            key += " " + unit
        elif not cur and not scale and len(n) == 1:
            continue  # a bare digit says nothing
        out["num"].append(key)
    mon = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)}
    for m in re.finditer(
        _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d))?", low
    ):
        k = mon[m.group(1)[:3]]
        out["date"].append(f"{k}-{int(m.group(2))}")
        if m.group(3):
            out["month"].append(f"{m.group(3)}-{k}")
    for m in re.finditer(_MONTH_RE + r",?\s+((?:19|20)\d\d)\b", low):
        out["month"].append(f"{m.group(2)}-{mon[m.group(1)[:3]]}")
    return out


def _tfidf_cos(docs: list[list[str]], a, b) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not any(docs):
        return np.zeros(len(a))
    vec = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True)
    return _pair_dot(vec.fit_transform(docs).tocsr(), a, b)


def specifics_features(d, a, b) -> dict[str, np.ndarray]:
    """TF-IDF cosines (idf over the file's long articles) of the whole body's who/where
    entities, numbers with units and explicit dates, one combined (``cos_spec``) and each
    alone; and conflicts: both name a specific date / month or a main place and share none."""
    sp = [article_specifics(art.text, e) for art, e in zip(d.articles, d.body_ents, strict=True)]
    out = {}
    for kind in ("who", "num", "date"):
        # (the dates with their counts: "cos_date" in the eighth round's research runs)
        name = "cos_date_tf" if kind == "date" else f"cos_{kind}"
        out[name] = _tfidf_cos([x[kind] for x in sp], a, b)
    out["cos_spec"] = _tfidf_cos(
        [x["who"] + ["N:" + v for v in x["num"]] + ["D:" + v for v in x["date"]] for x in sp],
        a,
        b,
    )
    # the dates as a set (binary tf) x idf: the form the entity sets of production could carry
    out["cos_date_bin"] = _tfidf_cos([sorted(set(x["date"])) for x in sp], a, b)
    out["cos_when"] = _tfidf_cos([x["date"] + ["M:" + v for v in x["month"]] for x in sp], a, b)
    # ninth round: numbers with units and month-days + month-years in cos_date's form (the
    # set of keys x idf, no counts)
    out["cos_num_bin"] = _tfidf_cos([sorted(set(x["num"])) for x in sp], a, b)
    out["cos_when_bin"] = _tfidf_cos(
        [sorted(set(x["date"]) | {"M:" + v for v in x["month"]}) for x in sp], a, b
    )
    out["cos_who_num"] = _tfidf_cos([x["who"] + ["N:" + v for v in x["num"]] for x in sp], a, b)
    dates = [frozenset(x["date"]) for x in sp]
    months = [frozenset(x["month"]) for x in sp]
    top = []
    for x in sp:
        c = Counter(x["gpe"])
        best = c.most_common(1)
        top.append(best[0][0] if best and best[0][1] >= 2 else None)
    places = [frozenset(x["gpe"]) for x in sp]
    dc, mc, pc = np.zeros(len(a)), np.zeros(len(a)), np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        if dates[i] and dates[j]:
            dc[p] = float(not (dates[i] & dates[j]))
        if months[i] and months[j]:
            mc[p] = float(not (months[i] & months[j]))
        if top[i] and top[j]:
            pc[p] = float(top[i] not in places[j] and top[j] not in places[i])
    out["date_conflict"], out["month_conflict"], out["place_conflict"] = dc, mc, pc
    # the dates as a plain set (no idf, no counts): what the entity sets could carry
    from newsweave import cluster_links as cl

    dm = [x | y for x, y in zip(dates, months, strict=True)]
    out["date_share"] = cl._shares(dm, a, b)
    out["date_share1"] = np.array(
        [
            len(dm[i] & dm[j]) / min(len(dm[i]), len(dm[j])) if dm[i] and dm[j] else 0.0
            for i, j in zip(a.tolist(), b.tolist(), strict=True)
        ]
    )
    return out


def hub_features(d, a, b, base) -> dict[str, np.ndarray]:
    """Boiler-plate pages sit close to everything: each article's mean cosine to every other
    article of the pile (embedding: the dot product with the sum of all rows, so linear in the
    pile; lexical: the same with the body TF-IDF vectors), as the pair's larger value, the
    pair's sum, and z-scored within the pile (so piles of different spread compare); and the
    entities of title + lead as a TF-IDF cosine (Miranda et al. 2018) instead of a share."""
    from collections import Counter

    from newsweave import cluster

    out = {}
    n = max(d.n - 1, 1)
    hub_e = (d.emb @ d.emb.sum(axis=0) - np.einsum("ij,ij->i", d.emb, d.emb)) / n
    x = _sparse(d.body, cluster.HASH_FEATURES)
    tot = np.asarray(x.sum(axis=0)).ravel()
    self_dot = np.asarray(x.multiply(x).sum(axis=1)).ravel()
    hub_l = (x @ tot - self_dot) / n
    for name, h in (("emb", hub_e), ("lex", hub_l)):
        z = (h - h.mean()) / (h.std() or 1.0)
        out[f"hub_{name}_max"] = np.maximum(h[a], h[b])
        out[f"hub_{name}_sum"] = h[a] + h[b]
        out[f"hub_{name}_zmax"] = np.maximum(z[a], z[b]) / 3.0
    # the pair's cosine against what each side's cosine to everything is (global scaling)
    out["cos_emb_hub"] = base["cos_emb"] - 0.5 * (hub_e[a] + hub_e[b])
    # TF-IDF cosine of the title + lead entities (keys >= 0 below the salient-name base)
    from newsweave.cluster_links import NAME_KEY_BASE

    ents = [[e for e in es if 0 <= e < NAME_KEY_BASE] for es in d.ents]
    df = Counter(e for es in ents for e in set(es))
    vecs = []
    for es in ents:
        w = {e: np.log((1 + d.n) / (1 + df[e])) + 1 for e in es}
        nrm = np.sqrt(sum(v * v for v in w.values())) or 1.0
        vecs.append({e: v / nrm for e, v in w.items()})
    ce = np.zeros(len(a))
    for p, (i, j) in enumerate(zip(a.tolist(), b.tolist(), strict=True)):
        vi, vj = vecs[i], vecs[j]
        if vi and vj:
            ce[p] = sum(v * vj[e] for e, v in vi.items() if e in vj)
    out["cos_ent"] = ce
    return out


def tfidf_features(d, a, b) -> dict[str, np.ndarray]:
    """Miranda et al. (2018)-style TF-IDF cosines (vectoriser fitted on the file's long
    articles): over Porter stems of the body, over the capitalised names of the body, and
    title+lead of one article against the body of the other; plus the shorter article's
    length (boiler-plate pages are short)."""
    import re

    from nltk.stem import PorterStemmer
    from sklearn.feature_extraction.text import TfidfVectorizer

    from newsweave import cluster

    stemmer, seen = PorterStemmer(), {}
    word = re.compile(r"[a-z]{2,}")

    def stems(text: str) -> list[str]:
        out = []
        for w in word.findall(text.lower()):
            s = seen.get(w)
            if s is None:
                s = seen[w] = stemmer.stem(w)
            out.append(s)
        return out

    bodies = [art.text for art in d.articles]
    heads = [cluster.head_text(art) for art in d.articles]
    vec = TfidfVectorizer(analyzer=stems, sublinear_tf=True)
    xb = vec.fit_transform(bodies).tocsr()
    xh = vec.transform(heads).tocsr()
    # the research form of cos_stem (scikit-learn's vectoriser), checked against production
    out = {"cos_stem_sk": _pair_dot(xb, a, b)}
    # the same without stemming (is it the stems or the whole vocabulary?)
    wv = TfidfVectorizer(analyzer=lambda t: word.findall(t.lower()), sublinear_tf=True)
    out["cos_word"] = _pair_dot(wv.fit_transform(bodies).tocsr(), a, b)

    # stem bigrams (consecutive stems of the body, stop words kept)
    def bigrams(text: str) -> list[str]:
        st = stems(text)
        return [f"{x} {y}" for x, y in zip(st, st[1:], strict=False)]

    bv = TfidfVectorizer(analyzer=bigrams, sublinear_tf=True)
    out["cos_bigram"] = _pair_dot(bv.fit_transform(bodies).tocsr(), a, b)
    ab = np.asarray(xh[a].multiply(xb[b]).sum(axis=1)).ravel()
    ba = np.asarray(xh[b].multiply(xb[a]).sum(axis=1)).ravel()
    out["cos_head_body"] = 0.5 * (ab + ba)
    out["cos_head_body_min"] = np.minimum(ab, ba)
    nv = TfidfVectorizer(analyzer=cluster.name_tokens, sublinear_tf=True)
    xn = nv.fit_transform(bodies).tocsr()
    out["cos_names"] = _pair_dot(xn, a, b)
    words = np.array([len(t.split()) for t in bodies], np.float64)
    out["min_len"] = np.log1p(np.minimum(words[a], words[b])) / 10.0
    # short near-duplicates: template pages (archive notices, "tweet with a location", video
    # stubs) are copies of each other across stories; syndicated news copies are long
    longer = np.maximum(words[a], words[b])
    out["dup_short"] = ((out["cos_stem_sk"] > 0.9) & (longer < 150)).astype(np.float64)
    short = np.clip((np.log(1000.0) - np.log(np.maximum(longer, 1))) / np.log(1000 / 30), 0, 1)
    out["dup_short_s"] = out["cos_stem_sk"] ** 8 * short
    return out


# --- fitting and clustering -------------------------------------------------------------------


def fit_lr(x: np.ndarray, y: np.ndarray, c: float, w: np.ndarray | None = None) -> list[float]:
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        return [0.0] * (x.shape[1] + 1)
    m = LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=w)
    return [float(m.intercept_[0]), *map(float, m.coef_[0])]


def cluster_file(
    d: DocFile, prob: np.ndarray, k: int, t: float, m: float | None = None, r: float = 0.0
) -> np.ndarray:
    from newsweave import cluster_links as cl

    sel = d.rank < k
    lab = np.array(cl.average_linkage(d.n, d.a[sel], d.b[sel], prob[sel], t, mean_threshold=m))
    if r > 0.0 and POST == "centroid":
        lab = story_pass(d, lab, d.pair_prob, r)
    elif r > 0.0:
        lab = reattach_small(lab, d.a[sel], d.b[sel], prob[sel], r)
    return lab


def reattach_small(
    lab: np.ndarray, a: np.ndarray, b: np.ndarray, p: np.ndarray, level: float, most: int = 2
) -> np.ndarray:
    """Post-step (eighth round): every group of at most ``most`` items joins the other group
    its links reach with the highest mean probability (over the links it has, not over all
    member pairs as average linkage counts), when that mean is at least ``level``. Decided on
    the groups as the linkage left them (one pass, no chains)."""
    size = Counter(lab.tolist())
    sums: dict[tuple[int, int], list[float]] = {}
    for i, j, q in zip(lab[a].tolist(), lab[b].tolist(), p.tolist(), strict=True):
        if i == j:
            continue
        for x, y in ((i, j), (j, i)):
            if size[x] <= most:
                acc = sums.setdefault((x, y), [0.0, 0])
                acc[0] += q
                acc[1] += 1
    best: dict[int, tuple[float, int]] = {}
    for (x, y), (tot, cnt) in sums.items():
        score = tot / cnt
        if score >= level and (x not in best or (score, -y) > (best[x][0], -best[x][1])):
            best[x] = (score, y)
    out = lab.copy()
    for x, (_, y) in best.items():
        out[lab == x] = y
    return out


# --centroid-pass: the re-attach slot of the grid holds the level of the story pass instead
POST = "reattach"
PASS_FEATURES = (
    "cos_emb",
    "cos_lex",
    "ent",
    "emb_x_lex",
    "year_conflict",
    "names",
    "cos_stem",
    "cos_date",
)


def any_pair_features(d, a: np.ndarray, b: np.ndarray) -> dict[str, np.ndarray]:
    """The production link inputs of arbitrary pairs (not only neighbour pairs), as
    :func:`pair_feature_table` makes them, cached per pair on ``d``."""
    from newsweave import cluster_links as cl

    if not hasattr(d, "_bodyx"):
        d._bodyx = cl.body_matrix(d.body)
        d._pair_cache = {}
    out: dict[str, np.ndarray] = {}
    ce = np.einsum("ij,ij->i", d.emb[a].astype(np.float64), d.emb[b].astype(np.float64))
    cx = np.asarray(d._bodyx[a].multiply(d._bodyx[b]).sum(axis=1)).ravel().astype(np.float64)
    out["cos_emb"], out["cos_lex"] = ce, cx
    out["ent"] = cl.entity_overlaps(d.ents, a, b)
    out["emb_x_lex"] = ce * cx
    out["year_conflict"] = cl.year_conflicts(d.ents, a, b)
    out["names"] = cl.name_overlaps(d.ents, a, b)
    out["cos_stem"] = cl.stem_cosines(d.stems, a, b, cx)
    out["cos_date"] = cl.date_cosines(d.ents, a, b, d.stem_idf)
    return out


def story_pass(d, lab: np.ndarray, pair_prob, level: float) -> np.ndarray:
    """Ninth round, idea 4: a second average linkage over the stories the first left. Two
    stories are candidates when any of their articles are within the 10 nearest of each
    other; their link is the mean probability over *all* their cross pairs (each computed,
    none counted as 0 as the k-nearest graph counts the pairs it lacks), and the pair with the
    highest mean merges first while it reaches ``level`` (the mean of a merged story with
    another: the sums of its parts over the product of the sizes; a part never compared with
    the other counts 0). Targets round-ups split because their cross pairs are rarely among
    each other's k nearest."""
    import heapq

    groups: dict[int, list[int]] = {}
    for i, g in enumerate(lab.tolist()):
        groups.setdefault(g, []).append(i)
    gl = lab
    cand = {
        (min(x, y), max(x, y))
        for x, y in zip(gl[d.a].tolist(), gl[d.b].tolist(), strict=True)
        if x != y
    }
    if not cand:
        return lab
    pa, pb, owner = [], [], []
    cand_l = sorted(cand)
    for n, (x, y) in enumerate(cand_l):
        gx, gy = groups[x], groups[y]
        for i in gx:
            for j in gy:
                pa.append(min(i, j))
                pb.append(max(i, j))
                owner.append(n)
    p = pair_prob(np.array(pa), np.array(pb))
    sums = np.bincount(np.array(owner), weights=p, minlength=len(cand_l))
    size = {g: len(m) for g, m in groups.items()}
    links: dict[int, dict[int, float]] = {g: {} for g in groups}
    for (x, y), sm in zip(cand_l, sums.tolist(), strict=True):
        links[x][y] = sm
        links[y][x] = sm
    parent = {g: g for g in groups}
    heap = [
        (-sm / (size[x] * size[y]), x, y) for (x, y), sm in zip(cand_l, sums.tolist(), strict=True)
    ]
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if parent[x] != x or parent[y] != y or y not in links[x]:
            continue
        avg = links[x][y] / (size[x] * size[y])
        if abs(avg + neg) > 1e-12:
            continue
        if avg < level:
            break
        parent[y] = x
        size[x] += size[y]
        for z, sm in links.pop(y).items():
            links[z].pop(y, None)
            if z == x:
                continue
            links[x][z] = links[x].get(z, 0.0) + sm
            links[z][x] = links[x][z]
        links[x].pop(x, None)
        for z, sm in links[x].items():
            heapq.heappush(heap, (-sm / (size[x] * size[z]), min(x, z), max(x, z)))

    def root(g: int) -> int:
        while parent[g] != g:
            g = parent[g]
        return g

    return np.array([root(g) for g in lab.tolist()])


def settings() -> list[tuple[int, float, float, float]]:
    """The grid of (k, link threshold, mean-link threshold, re-attach level) the CV chooses
    from (re-attach level 0: no post-step)."""
    from newsweave import cluster_links as cl

    means = MEAN_THRESHOLDS or (cl.MEAN_LINK_THRESHOLD,)
    return list(itertools.product(KS, THRESHOLDS, means, REATTACH))


def tie(kt: tuple) -> tuple:
    """Tie-break between equal scores: threshold nearest 0.25, then the lower mean threshold,
    then no (or the strictest) re-attach."""
    return (-abs(kt[1] - 0.25), -kt[2], kt[3] == 0.0, kt[3])


def skey(kt: tuple) -> str:
    return f"k={kt[0]} t={kt[1]} m={kt[2]}" + (f" r={kt[3]}" if kt[3] else "")


class LinkCV:
    """Cross-validation of the link model over several document files."""

    def __init__(self, files: list[DocFile], names: list[str], folds: int, seed: int, c: float):
        self.files, self.names, self.folds, self.c = files, names, folds, c
        rng = random.Random(seed)
        self.fold = []  # per file: fold of each long article
        self.fold_all = []  # per file: fold of each article
        for d in files:
            stories = sorted(set(d.all_gold.tolist()))
            rng.shuffle(stories)
            fold_of = {s: i % folds for i, s in enumerate(stories)}
            self.fold.append(np.array([fold_of[g] for g in d.gold.tolist()]))
            self.fold_all.append(np.array([fold_of[g] for g in d.all_gold.tolist()]))
        self._fits: dict[tuple, list[float]] = {}
        # candidates of the regularisation C (--Cs), chosen per outer fold with k and t
        self.cs: tuple[float, ...] = (c,)

    def training_mask(self, i: int, excluded: frozenset) -> np.ndarray:
        """File i's pairs a link model is trained on when the folds ``excluded`` are held
        out: scored pairs within the training k, neither article in an excluded fold."""
        d = self.files[i]
        fa, fb = self.fold[i][d.a], self.fold[i][d.b]
        return (
            d.ok & (d.rank < TRAIN_K) & ~np.isin(fa, list(excluded)) & ~np.isin(fb, list(excluded))
        )

    def train_rows(self, excluded: frozenset, use=None):
        xs, ys = [], []
        for i, d in enumerate(self.files):
            if use is not None and i not in use:
                continue
            tr = self.training_mask(i, excluded)
            xs.append(d.x(self.names)[tr])
            ys.append(d.y[tr])
        return np.concatenate(xs), np.concatenate(ys)

    def model(self, excluded: frozenset) -> list[float]:
        key = (excluded, self.c)
        if key not in self._fits:
            self._fits[key] = fit_lr(*self.train_rows(excluded), self.c)
        return self._fits[key]

    def probs(self, i: int, f: int | None) -> np.ndarray:
        """Probabilities of file i's pairs for outer fold f (None: cross-fitted only)."""

        d = self.files[i]
        return self.cross_fitted(d.x(self.names), self.fold[i][d.a], self.fold[i][d.b], f)

    def cross_fitted(
        self, x: np.ndarray, fa: np.ndarray, fb: np.ndarray, f: int | None
    ) -> np.ndarray:
        """Probabilities of the pairs with features ``x`` whose two stories lie in folds
        ``fa`` and ``fb``, each from the model that saw neither fold nor outer fold f."""
        p = np.zeros(len(x))
        for ga in range(self.folds):
            for gb in range(ga, self.folds):
                m = ((fa == ga) & (fb == gb)) | ((fa == gb) & (fb == ga))
                if m.any():
                    ex = frozenset({ga, gb} | ({f} if f is not None else set()))
                    p[m] = self.predict(x[m], self.model(ex))
        return p

    def pair_prob(self, i: int, f: int | None, whole: bool = False):
        """Probabilities of arbitrary pairs of file i for outer fold f (the story pass): each
        from a model that saw neither pair's stories' folds nor f (``whole``: the model of
        all pairs, in-sample)."""
        d = self.files[i]
        key_n = d.n

        def fn(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            cache = d.__dict__.setdefault("_feat_rows", {})
            keys = (a * key_n + b).tolist()
            todo = [q for q in dict.fromkeys(keys) if q not in cache]
            if todo:
                ta = np.array([q // key_n for q in todo])
                tb = np.array([q % key_n for q in todo])
                feats = any_pair_features(d, ta, tb)
                allx = np.stack([feats[nm] for nm in PASS_FEATURES], axis=1)
                for q, row in zip(todo, allx, strict=True):
                    cache[q] = row
            cols = [PASS_FEATURES.index(nm) for nm in self.names]
            x = np.stack([cache[q] for q in keys])[:, cols]
            if whole:
                return self.predict(x, self.model(frozenset()))
            return self.cross_fitted(x, self.fold[i][a], self.fold[i][b], f)

        return fn

    def predict(self, x, model):
        """Link probabilities of feature rows ``x`` under a fitted ``model``."""
        from newsweave import cluster_links as cl

        return cl.link_probability(x, model)

    def run(self) -> dict:
        n_files = len(self.files)
        grid = settings()
        item_p = [np.zeros(d.n) for d in self.files]
        item_r = [np.zeros(d.n) for d in self.files]
        full_p = [np.zeros(int(d.all_scored.sum())) for d in self.files]
        full_r = [np.zeros(int(d.all_scored.sum())) for d in self.files]
        chosen = []
        c_of: dict[int, float] = {}
        base_c = self.c
        for f in range(self.folds):
            per_setting = []  # (mean train F1, setting, [(p, r) per file], C)
            for c in self.cs:
                self.c = c
                probs = [self.probs(i, f) for i in range(n_files)]
                for i, d in enumerate(self.files):
                    d.pair_prob = self.pair_prob(i, f)
                for kt in grid:
                    pr, score = [], []
                    for i, d in enumerate(self.files):
                        lab = cluster_file(d, probs[i], *kt)
                        p, r = bcubed_items(lab[d.scored], d.gold[d.scored])
                        pr.append((p, r))
                        tr = self.fold[i][d.scored] != f
                        score.append(f1(p[tr], r[tr]))
                    per_setting.append((float(np.mean(score)), kt, pr, c))
            # ties: the setting's own tie-break, then the C nearest the default
            best = max(
                per_setting,
                key=lambda s: (s[0], *tie(s[1]), -abs(np.log(s[3] / base_c))),
            )
            self.c = best[3]
            probs = [self.probs(i, f) for i in range(n_files)]
            for i, d in enumerate(self.files):
                d.pair_prob = self.pair_prob(i, f)
            c_of[f] = best[3]
            chosen.append(
                {
                    "fold": f,
                    "k": best[1][0],
                    "threshold": best[1][1],
                    "mean_threshold": best[1][2],
                    "reattach": best[1][3],
                    "C": best[3],
                    "train_f1": round(best[0], 4),
                }
            )
            for i, d in enumerate(self.files):
                te = self.fold[i][d.scored] == f
                idx = np.flatnonzero(d.scored)[te]
                item_p[i][idx] = best[2][i][0][te]
                item_r[i][idx] = best[2][i][1][te]
                # the whole clustering (short articles through the pass) with this fold's links
                p, r = d.full_run(cluster_file(d, probs[i], *best[1]))
                te = self.fold_all[i][d.all_scored] == f
                full_p[i][te], full_r[i][te] = p[te], r[te]
        oof = {d.name: prf(full_p[i], full_r[i]) for i, d in enumerate(self.files)}
        oof_long = {
            d.name: prf(item_p[i][d.scored], item_r[i][d.scored]) for i, d in enumerate(self.files)
        }
        # C: the one most outer folds chose (ties: nearest the default); the rest as before
        c_votes = Counter(c_of.values())
        self.c = max(c_votes, key=lambda c: (c_votes[c], -abs(np.log(c / base_c))))
        # the cross-fitted grid (no outer fold): how flat is the surface
        cross = [self.probs(i, None) for i in range(n_files)]
        for i, d in enumerate(self.files):
            d.pair_prob = self.pair_prob(i, None)
        surface = {}
        for kt in grid:
            row = []
            for i, d in enumerate(self.files):
                lab = cluster_file(d, cross[i], *kt)
                row.append(round(f1(*bcubed_items(lab[d.scored], d.gold[d.scored])), 4))
            surface[skey(kt)] = row
        k, t, m, r = max(grid, key=lambda kt: (float(np.mean(surface[skey(kt)])), *tie(kt)))
        # what ships: the setting most outer folds chose (a vote over ten choices, each made
        # on 90% of the stories), ties broken by the cross-fitted surface; the surface's own
        # best is reported beside it (its top settings lie within about 0.001 of each other)
        votes = Counter(
            (c["k"], c["threshold"], c["mean_threshold"], c["reattach"]) for c in chosen
        )
        self.choice = max(votes, key=lambda kt: (votes[kt], float(np.mean(surface[skey(kt)]))))
        return {
            "out_of_fold": oof,
            "out_of_fold_long_articles_only": oof_long,
            "C": {"voted": self.c, "folds": c_votes[self.c]},
            "chosen_per_fold": chosen,
            "cross_fitted_grid": surface,
            "choice_on_all": {"k": k, "threshold": t, "mean_threshold": m, "reattach": r},
            "shipped_choice": {
                "k": self.choice[0],
                "threshold": self.choice[1],
                "mean_threshold": self.choice[2],
                "reattach": self.choice[3],
                "folds": votes[self.choice],
            },
        }

    def in_sample(self) -> dict:
        from newsweave import cluster_links as cl

        coef = fit_lr(*self.train_rows(frozenset()), self.c)
        for i, d in enumerate(self.files):
            d.pair_prob = self.pair_prob(i, None, whole=True)
        best = None
        for kt in [self.choice]:
            res = []
            for d in self.files:
                lab = cluster_file(d, cl.link_probability(d.x(self.names), coef), *kt)
                res.append(d.full_run(lab))
            score = float(np.mean([f1(p, r) for p, r in res]))
            if best is None or score > best[0]:
                best = (score, kt, res)
        return {
            "coef": [round(c, 3) for c in coef],
            "features": self.names,
            "k": best[1][0],
            "threshold": best[1][1],
            "mean_threshold": best[1][2],
            "reattach": best[1][3],
            "figures": {d.name: prf(*best[2][i]) for i, d in enumerate(self.files)},
        }

    def loco(self) -> dict:
        """Fit on one file (cross-fitted choice of k and threshold there), test on the other."""
        from newsweave import cluster_links as cl

        out = {}
        for i, d in enumerate(self.files):
            train = [j for j in range(len(self.files)) if j != i]
            coef = fit_lr(*self.train_rows(frozenset(), use=set(train)), self.c)
            sub = LinkCV([self.files[j] for j in train], self.names, self.folds, 1, self.c)
            grid = {}
            cross = [sub.probs(j, None) for j in range(len(train))]
            for kt in settings():
                s = [
                    f1(
                        *bcubed_items(
                            cluster_file(dj, cross[j], *kt)[dj.scored], dj.gold[dj.scored]
                        )
                    )
                    for j, dj in enumerate(sub.files)
                ]
                grid[kt] = float(np.mean(s))
            k, t, m, r = max(grid, key=lambda kt: (grid[kt], *tie(kt)))
            lab = cluster_file(d, cl.link_probability(d.x(self.names), coef), k, t, m, r)
            out[f"train {'+'.join(self.files[j].name for j in train)} -> test {d.name}"] = {
                "k": k,
                "threshold": t,
                "mean_threshold": m,
                **prf(*d.full_run(lab)),
            }
        return out


class CalibratedCV(LinkCV):
    """The same cross-validation with the link probabilities recalibrated by isotonic
    regression: for outer fold f, the map is fitted on the training pairs' probabilities as
    this CV gives them (each from a model that saw neither of the pair's stories nor f; both
    files pooled, the pairs the model is fitted on), so no test label is used; in-sample, on
    the cross-fitted probabilities of all pairs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._raw: dict[tuple, np.ndarray] = {}
        self._maps: dict = {}

    def raw(self, i: int, f: int | None) -> np.ndarray:
        if (i, f) not in self._raw:
            self._raw[(i, f)] = super().probs(i, f)
        return self._raw[(i, f)]

    def calibration_pairs(self, f: int | None) -> tuple[np.ndarray, np.ndarray]:
        """The probabilities and labels a calibration map of outer fold ``f`` is fitted on:
        the training pairs of fold f (every pair in-sample, ``f`` None)."""
        ps, ys = [], []
        for i, d in enumerate(self.files):
            sel = d.ok & (d.rank < TRAIN_K)
            if f is not None:
                sel &= (self.fold[i][d.a] != f) & (self.fold[i][d.b] != f)
            ps.append(self.raw(i, f)[sel])
            ys.append(d.y[sel])
        return np.concatenate(ps), np.concatenate(ys)

    def calibrator(self, f: int | None):
        from sklearn.isotonic import IsotonicRegression

        if f not in self._maps:
            self._maps[f] = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
                *self.calibration_pairs(f)
            )
        return self._maps[f]

    def probs(self, i: int, f: int | None) -> np.ndarray:
        return self.calibrator(f).predict(self.raw(i, f))

    def in_sample(self) -> dict:
        from newsweave import cluster_links as cl

        coef = fit_lr(*self.train_rows(frozenset()), self.c)
        iso = self.calibrator(None)
        res = []
        for d in self.files:
            prob = iso.predict(cl.link_probability(d.x(self.names), coef))
            res.append(d.full_run(cluster_file(d, prob, *self.choice)))
        return {
            "coef": [round(c, 3) for c in coef],
            "features": self.names,
            "k": self.choice[0],
            "threshold": self.choice[1],
            "mean_threshold": self.choice[2],
            "calibrated": "isotonic",
            "figures": {d.name: prf(*res[i]) for i, d in enumerate(self.files)},
        }


class PlattCV(CalibratedCV):
    """The same cross-validation with the link probabilities recalibrated by a smooth
    monotone map (Platt: a logistic fit of the pair's label on the logit of its probability,
    so the new log-odds are ``a * logit(p) + b``), fitted as CalibratedCV fits its isotonic
    map: for outer fold f on the training pairs' probabilities as this CV gives them (no test
    label), in-sample on the cross-fitted probabilities of all pairs. Unlike the isotonic
    map it has no steps; since the link model is logistic, the calibrated model is again a
    logistic model (coefficients times ``a``, intercept plus ``b``), so it could ship as
    ``LINK_COEF``. Average linkage averages probabilities, so the map changes the grouping
    even though the threshold is chosen again per fold (eleventh round)."""

    def calibrator(self, f: int | None):
        if f not in self._maps:
            self._maps[f] = PlattMap.fit(*self.calibration_pairs(f))
        return self._maps[f]

    def in_sample(self) -> dict:
        out = super().in_sample()
        a, b = self.calibrator(None).ab
        out["calibrated"] = "platt"
        out["platt"] = [round(a, 4), round(b, 4)]
        coef = [c * a for c in out["coef"]]
        coef[0] += b
        out["coef_calibrated"] = [round(c, 3) for c in coef]
        return out


class PlattMap:
    """``predict(p)``: the probability with log-odds ``a * logit(p) + b`` (Platt scaling of
    a probability; ``a`` > 0 keeps the order)."""

    def __init__(self, a: float, b: float):
        self.ab = (a, b)

    @staticmethod
    def logit(p: np.ndarray) -> np.ndarray:
        q = np.clip(np.asarray(p, np.float64), 1e-9, 1 - 1e-9)
        return np.log(q / (1 - q))

    @classmethod
    def fit(cls, p: np.ndarray, y: np.ndarray) -> PlattMap:
        from sklearn.linear_model import LogisticRegression

        m = LogisticRegression(C=1e6, max_iter=1000).fit(cls.logit(p)[:, None], y)
        return cls(float(m.coef_[0][0]), float(m.intercept_[0]))

    def predict(self, p: np.ndarray) -> np.ndarray:
        a, b = self.ab
        return 1.0 / (1.0 + np.exp(-(a * self.logit(p) + b)))


def bootstrap_weights(anchor: np.ndarray, rng) -> np.ndarray:
    """Row weights of one bootstrap resample of the training stories: the stories present
    among the rows' anchors are drawn with replacement (as many draws as stories), and a pair
    row weighs as often as its anchor's story was drawn. A row whose partner's story was not
    drawn is kept: it stands for the anchor's neighbourhood, which in a resampled pile would
    hold other articles as near. (A first version dropped those rows; it dropped about a third
    of the cross-story pairs and none of the same-story ones, raising the share of same-story
    rows from 0.54 to about 0.67, and the bagged model over-linked: eleventh round.)"""
    stories = sorted(set(anchor.tolist()))
    drawn = Counter(rng.choice(len(stories), size=len(stories), replace=True).tolist())
    times = {s: drawn.get(i, 0) for i, s in enumerate(stories)}
    return np.array([times[s] for s in anchor.tolist()], np.float64)


def bagged_probability(x: np.ndarray, models: list[list[float]]) -> np.ndarray:
    """Mean link probability of feature rows ``x`` over several logistic models."""
    from newsweave import cluster_links as cl

    return np.mean([cl.link_probability(x, m) for m in models], axis=0)


class BaggedCV(LinkCV):
    """The same cross-validation with a bagged link model: each model is ``BAGS`` logistic
    fits (same C), each on a bootstrap resample of the training stories (both files' stories
    drawn with replacement, ``bootstrap_weights``), and a pair's probability is the mean of
    their probabilities (``bagged_probability``). The resamples are seeded by the bag's index
    and the excluded folds, so a run is reproducible (eleventh round)."""

    BAGS = 25

    def train_rows_stories(self, excluded: frozenset):
        xs, ys, sa, sb = [], [], [], []
        for i, d in enumerate(self.files):
            tr = self.training_mask(i, excluded)
            xs.append(d.x(self.names)[tr])
            ys.append(d.y[tr])
            sa += [f"{i}:{g}" for g in d.gold[d.a[tr]].tolist()]
            sb += [f"{i}:{g}" for g in d.gold[d.b[tr]].tolist()]
        return np.concatenate(xs), np.concatenate(ys), np.array(sa), np.array(sb)

    def model(self, excluded: frozenset):
        key = (excluded, self.c, "bag")
        if key not in self._fits:
            x, y, sa, sb = self.train_rows_stories(excluded)
            fits = []
            for bag in range(self.BAGS):
                rng = np.random.default_rng([bag, *sorted(excluded)])
                w = bootstrap_weights(sa, rng)
                keep = w > 0
                fits.append(fit_lr(x[keep], y[keep], self.c, w[keep]))
            self._fits[key] = fits
        return self._fits[key]

    def predict(self, x, model):
        return bagged_probability(x, model)

    def in_sample(self) -> dict:
        models = self.model(frozenset())
        res = []
        for d in self.files:
            res.append(
                d.full_run(
                    cluster_file(d, bagged_probability(d.x(self.names), models), *self.choice)
                )
            )
        mean_coef = np.mean(np.array(models), axis=0)
        return {
            "coef_mean": [round(float(c), 3) for c in mean_coef],
            "coef_sd": [round(float(c), 3) for c in np.std(np.array(models), axis=0)],
            "features": self.names,
            "bags": self.BAGS,
            "k": self.choice[0],
            "threshold": self.choice[1],
            "mean_threshold": self.choice[2],
            "figures": {d.name: prf(*res[i]) for i, d in enumerate(self.files)},
        }


# --- the single pass (headlines) ---------------------------------------------------------------


def headline_cv(data: Path, cache_dir: Path, folds: int, seed: int) -> dict:
    from newsweave import cluster

    ds, emb, ents = load_file(data, HEADLINE_FILE, cache_dir)
    gold = np.array(ds.gold)
    saved = (cluster.SHORT_TEXT_THRESHOLD, cluster.MERGE_THRESHOLD)
    runs = {}
    try:
        for st, mt in itertools.product(SHORT_THRESHOLDS, MERGE_THRESHOLDS):
            cluster.SHORT_TEXT_THRESHOLD, cluster.MERGE_THRESHOLD = st, mt
            state = cluster.ClusterState()
            feats = cluster.featurize(ds.articles, state, use_entities=False, embeddings=emb)
            feats.ents = ents
            cluster.assign(state, feats)
            lab = [state.assignment[a.id] for a in ds.articles]
            runs[(st, mt)] = bcubed_items(lab, gold)
    finally:
        cluster.SHORT_TEXT_THRESHOLD, cluster.MERGE_THRESHOLD = saved
    stories = sorted(set(gold.tolist()))
    random.Random(seed).shuffle(stories)
    fold_of = {s: i % folds for i, s in enumerate(stories)}
    fold = np.array([fold_of[g] for g in gold.tolist()])
    ip, ir = np.zeros(len(gold)), np.zeros(len(gold))
    chosen = []
    for f in range(folds):
        tr, te = fold != f, fold == f
        if not te.any():
            continue
        best = max(
            runs,
            key=lambda s: (
                f1(runs[s][0][tr], runs[s][1][tr]),
                -abs(s[0] - 0.12),
                -abs(s[1] - 0.45),
            ),
        )
        chosen.append({"fold": f, "short_threshold": best[0], "merge_threshold": best[1]})
        ip[te], ir[te] = runs[best][0][te], runs[best][1][te]
    best_all = max(runs, key=lambda s: f1(*runs[s]))
    return {
        "out_of_fold": prf(ip, ir),
        "chosen_per_fold": chosen,
        "in_sample": {
            "short_threshold": best_all[0],
            "merge_threshold": best_all[1],
            **prf(*runs[best_all]),
        },
        "shipped": {
            "short_threshold": saved[0],
            "merge_threshold": saved[1],
            **(prf(*runs[saved]) if saved in runs else {}),
        },
        "grid": {f"short={s} merge={m}": round(f1(*v), 4) for (s, m), v in runs.items()},
    }


def add_cv_arguments(ap: argparse.ArgumentParser) -> None:
    """The options every grouped-CV script over the dev files shares (data, cache, folds)."""
    ap.add_argument("--data", default="../shared/data/story_clustering")
    ap.add_argument("--cache-dir", default="/tmp/newsweave-cv")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--C", type=float, default=10.0)


def main(argv: list[str] | None = None) -> int:
    from newsweave import cluster_links as cl

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_cv_arguments(ap)
    ap.add_argument(
        "--features",
        default=",".join(cl.LINK_FEATURES),
        help="link features, comma-separated (default: the production ones)",
    )
    ap.add_argument(
        "--short-words",
        type=int,
        help="newsweave.cluster.SHORT_TEXT_WORDS for this run (articles of at most "
        "this many words take the single pass)",
    )
    ap.add_argument(
        "--mean-thresholds",
        help="candidates of cluster_links.MEAN_LINK_THRESHOLD, "
        "comma-separated, chosen per fold with k and the threshold (default: the "
        "shipped value only)",
    )
    ap.add_argument("--thresholds", help="link thresholds of the grid, comma-separated")
    ap.add_argument("--ks", help="neighbour counts k of the grid, comma-separated")
    ap.add_argument(
        "--Cs",
        help="candidates of the link model's regularisation C, comma-separated, chosen per "
        "outer fold with k and the threshold (default: --C only)",
    )
    ap.add_argument(
        "--reattach",
        help="levels of the small-piece re-attach post-step, comma-separated, chosen per "
        "fold with k and the threshold (0: none; default: 0 only)",
    )
    ap.add_argument(
        "--story-pass",
        action="store_true",
        help="the --reattach levels are levels of the second average linkage over the "
        "stories (story_pass) instead",
    )
    ap.add_argument("--skip-headlines", action="store_true")
    ap.add_argument(
        "--feature-sets",
        help="several link-feature sets separated by ';': "
        "out of fold and in-sample for each, no headlines, no leave-one-corpus-out",
    )
    ap.add_argument(
        "--calibrate",
        action="store_true",
        help="with --feature-sets: link "
        "probabilities recalibrated by isotonic regression (CalibratedCV)",
    )
    ap.add_argument(
        "--platt",
        action="store_true",
        help="with --feature-sets: link probabilities recalibrated by a Platt map (PlattCV)",
    )
    ap.add_argument(
        "--bag",
        type=int,
        help="with --feature-sets: a bagged link model of this many bootstrap fits (BaggedCV)",
    )
    ap.add_argument(
        "--sentence-cache",
        help="another directory holding bench/sentence_vectors.py's cache (read before "
        "--cache-dir)",
    )
    ap.add_argument("--out", help="also write the JSON here")
    args = ap.parse_args(argv)
    data, cache_dir = Path(args.data), Path(args.cache_dir)
    if args.short_words is not None:
        from newsweave import cluster

        cluster.SHORT_TEXT_WORDS = args.short_words
    global MEAN_THRESHOLDS, THRESHOLDS, REATTACH, KS, POST, SENTENCE_CACHE
    if args.sentence_cache:
        SENTENCE_CACHE = Path(args.sentence_cache)
    if args.ks:
        KS = tuple(int(x) for x in args.ks.split(","))
    if args.story_pass:
        POST = "centroid"
    if args.reattach:
        REATTACH = tuple(float(x) for x in args.reattach.split(","))
    if args.mean_thresholds:
        MEAN_THRESHOLDS = tuple(float(x) for x in args.mean_thresholds.split(","))
    if args.thresholds:
        THRESHOLDS = tuple(float(x) for x in args.thresholds.split(","))
    t0 = time.perf_counter()
    files = [DocFile(data, name, cache_dir, max(max(KS), TRAIN_K)) for name in DOC_FILES]
    if args.feature_sets:
        # several link-feature sets on the same cached files (one setup): OOF + in-sample each
        runs = {}
        for spec in args.feature_sets.split(";"):
            names = spec.split(",")
            cls = CalibratedCV if args.calibrate else LinkCV
            if args.platt:
                cls = PlattCV
            if args.bag:
                cls = BaggedCV
                BaggedCV.BAGS = args.bag
            cv = cls(files, names, args.folds, args.seed, args.C)
            if args.Cs:
                cv.cs = tuple(float(x) for x in args.Cs.split(","))
            links = cv.run()
            runs[spec] = {
                "out_of_fold": links["out_of_fold"],
                "C": links["C"],
                "shipped_choice": links["shipped_choice"],
                "in_sample": cv.in_sample(),
            }
            print(json.dumps({spec: runs[spec]}), file=sys.stderr, flush=True)
        out = {
            "folds": args.folds,
            "seed": args.seed,
            "runs": runs,
            "seconds": round(time.perf_counter() - t0, 1),
        }
        text = json.dumps(out, indent=1)
        print(text)
        if args.out:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        return 0
    names = args.features.split(",")
    cv = LinkCV(files, names, args.folds, args.seed, args.C)
    if args.Cs:
        cv.cs = tuple(float(x) for x in args.Cs.split(","))
    out = {
        "folds": args.folds,
        "seed": args.seed,
        "features": names,
        "links": cv.run(),
        "in_sample": cv.in_sample(),
        "leave_one_corpus_out": cv.loco(),
    }
    if not args.skip_headlines:
        out["headlines"] = headline_cv(data, cache_dir, args.folds, args.seed)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    text = json.dumps(out, indent=1)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
