"""Where the out-of-fold B-cubed of story clustering is lost (issue 23): false merges and false
splits of the out-of-fold runs of bench/cv_cluster.py, with what the documents are.

    OMP_NUM_THREADS=1 .venv/bin/python bench/cluster_errors.py --cache-dir /tmp/newsweave-cv \
        [--seed 1] [--file mds_clusters_dev] [--features A,B,...] [--top 25] [--out FILE]
        [--categories FILE]   # the loss per error category, and the F1 with it undone

Runs the cross-validation of bench/cv_cluster.py (same folds, cross-fitting and per-fold
choice of k and threshold), then, for each outer fold, the whole clustering of the file with
that fold's links, and scores the fold's test documents as the out-of-fold figure does. Every
test document's B-cubed precision loss (1 - p) is spread over the other gold stories in its
predicted story (a *false merge* of two gold stories) and its recall loss (1 - r) over the
predicted stories holding the rest of its gold story (a *false split*). Losses are in points
of the file's B-cubed P or R (they sum to 1 - P and 1 - R). Each document is described by
its length, a kind guessed from its text (boiler-plate pages, video pages, archive lists, very
short documents) and its mean embedding cosine to every other document of the file (a page
that sits close to everything has a high one).

Prints a text report (``--out``: also JSON of every merge and split).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cv_cluster as cv  # noqa: E402

KINDS = (
    ("archive", re.compile(r"wayback|internet archive|alexa|crawl|archive-it|seed list", re.I)),
    (
        "twitter",
        re.compile(
            r"tweet with a location|twitter may be over capacity|add your "
            r"thoughts about any tweet",
            re.I,
        ),
    ),
    ("video", re.compile(r"\bvideo\b|\bplayer\b|\bwatch\b|autoplay|\bclip\b", re.I)),
    ("cookies/js", re.compile(r"cookies|javascript|enable|browser|subscribe|sign up", re.I)),
)


def kind(text: str) -> str:
    words = len(text.split())
    head = text[:1500]
    for name, pat in KINDS:
        if name == "video" and words > 250:
            continue  # a news report that mentions a video
        if pat.search(head):
            return name
    if words <= 60:
        return "very short"
    if len(set(text.split())) < 0.3 * words and words > 100:
        return "repetitive/list"
    return "news"


def describe(d: cv.DocFile, i: int, hub: np.ndarray) -> dict:
    text = d.all_articles[i].text
    return {
        "doc": d.all_articles[i].id,
        "gold": str(d.all_gold[i]),
        "words": len(text.split()),
        "kind": kind(text),
        "hub": round(float(hub[i]), 3),
        "start": " ".join(text.split())[:110],
    }


class Losses:
    """Per-document B-cubed precision and recall of test documents, and where their losses
    go: a test document's precision loss (1 - p) is spread over the documents of other gold
    stories in its predicted story (``merges``: per pair of gold stories; ``merge_pairs``: per
    (test document, other document)), its recall loss (1 - r) over the members of its gold
    story in other predicted stories (``splits``: per gold story; ``split_off``: per gold
    story, the documents on the smaller side of each split). Losses are divided by
    ``n_scored``, so over all test documents of all folds they sum to 1 - P and 1 - R."""

    def __init__(self, n: int):
        self.item_p, self.item_r = np.zeros(n), np.zeros(n)
        self.merges: dict[tuple, float] = defaultdict(float)
        self.merge_docs: dict[tuple, set] = defaultdict(set)
        self.merge_pairs: dict[tuple, float] = defaultdict(float)
        self.splits: dict[str, float] = defaultdict(float)
        self.split_off: dict[str, Counter] = defaultdict(Counter)

    def add(self, lab, gold, scored, test, n_scored: int) -> None:
        """One run: predicted story ``lab`` and gold story ``gold`` of every document; B-cubed
        over the ``scored`` documents, losses counted for the ``test`` ones."""
        members: dict = defaultdict(list)
        story: dict = defaultdict(list)
        for i in np.flatnonzero(scored).tolist():
            members[lab[i]].append(i)
            story[gold[i]].append(i)
        for i in np.flatnonzero(test).tolist():
            c, g = members[lab[i]], story[gold[i]]
            self.item_p[i] = sum(gold[j] == gold[i] for j in c) / len(c)
            self.item_r[i] = sum(lab[j] == lab[i] for j in g) / len(g)
            for j in c:
                if gold[j] != gold[i]:
                    key = tuple(sorted((str(gold[i]), str(gold[j]))))
                    loss = 1.0 / len(c) / n_scored
                    self.merges[key] += loss
                    self.merge_docs[key].update((i, j))
                    self.merge_pairs[(i, j)] += loss
            for j in g:
                if lab[j] != lab[i]:
                    loss = 1.0 / len(g) / n_scored
                    self.splits[str(gold[i])] += loss
                    # the smaller side of a split is what was split off
                    side_j = sum(lab[x] == lab[j] for x in g)
                    off = j if side_j <= sum(lab[x] == lab[i] for x in g) else i
                    self.split_off[str(gold[i])][off] += loss


def analyse(cvrun: cv.LinkCV, fi: int, chosen: list[dict], top: int) -> dict:
    d = cvrun.files[fi]
    sc = d.all_scored
    n_sc = int(sc.sum())
    emb = d.all_emb / np.maximum(np.linalg.norm(d.all_emb, axis=1, keepdims=True), 1e-9)
    tot = emb.sum(axis=0)
    hub = (emb @ tot - 1.0) / max(len(emb) - 1, 1)  # mean cosine to every other document
    acc = Losses(len(sc))
    for ch in chosen:
        f = ch["fold"]
        lab = d.full_labels(
            cv.cluster_file(d, cvrun.probs(fi, f), ch["k"], ch["threshold"], ch["mean_threshold"])
        )
        test = sc & (cvrun.fold_all[fi] == f)
        acc.add(lab, d.all_gold.tolist(), sc, test, n_sc)
    merges, merge_docs, splits, split_off = acc.merges, acc.merge_docs, acc.splits, acc.split_off
    item_p, item_r = acc.item_p, acc.item_r
    kind_loss = {"P": Counter(), "R": Counter()}
    for (_i, j), loss in acc.merge_pairs.items():
        kind_loss["P"][kind(d.all_articles[j].text)] += loss
    for offs in split_off.values():
        for off, loss in offs.items():
            kind_loss["R"][kind(d.all_articles[off].text)] += loss
    p, r = item_p[sc], item_r[sc]
    out = {
        "file": d.name,
        **cv.prf(p, r),
        "precision_loss": round(1 - float(p.mean()), 4),
        "recall_loss": round(1 - float(r.mean()), 4),
        "loss_by_kind_of_other_doc": {
            k: {x: round(v, 4) for x, v in c.most_common()} for k, c in kind_loss.items()
        },
        "merges": [],
        "splits": [],
    }
    kinds_all = Counter(kind(a.text) for a, s in zip(d.all_articles, sc, strict=True) if s)
    out["scored_docs_by_kind"] = dict(kinds_all.most_common())
    for key, loss in sorted(merges.items(), key=lambda kv: -kv[1])[:top]:
        docs = sorted(merge_docs[key], key=lambda i: (str(d.all_gold[i]), i))
        out["merges"].append(
            {
                "stories": key,
                "loss_p": round(loss, 4),
                "docs": [describe(d, i, hub) for i in docs][:8],
            }
        )
    for g, loss in sorted(splits.items(), key=lambda kv: -kv[1])[:top]:
        docs = [i for i, _ in split_off[g].most_common()]
        out["splits"].append(
            {
                "story": g,
                "loss_r": round(loss, 4),
                "size": int(sum(1 for i in np.flatnonzero(sc) if d.all_gold[i] == g)),
                "split_off": [describe(d, i, hub) for i in docs][:6],
            }
        )
    hub_sc = hub[sc]
    err = (1 - p) + (1 - r)
    q = np.quantile(hub_sc, [0.5, 0.9])
    out["loss_by_hub"] = {
        "hub<=median": round(float(err[hub_sc <= q[0]].mean()), 4),
        "median<hub<=p90": round(float(err[(hub_sc > q[0]) & (hub_sc <= q[1])].mean()), 4),
        "hub>p90": round(float(err[hub_sc > q[1]].mean()), 4),
    }
    return out


def fixed_bcubed(runs, gold, merge_cat: dict, split_cat: dict, fix: set) -> dict:
    """B-cubed P, R and F1 of the out-of-fold runs with the errors of the categories ``fix``
    undone (the error anatomy of the eleventh round). ``runs``: (labels, scored, test) per
    outer fold, labels over all documents, scored/test boolean masks (a document is scored in
    the run of its own fold, among all scored documents). ``merge_cat`` maps a frozenset of
    two gold stories to the category of their false merge: undoing it takes the other story's
    documents out of each of the two stories' documents' predicted group (their precision's
    denominator). ``split_cat`` maps a gold story to the category of its false split: undoing
    it makes the story one group (recall 1 for its documents). A merge or split without a
    category is counted under None (never undone unless ``fix`` holds None)."""
    ps, rs, unknown = [], [], set()
    for lab, scored, test in runs:
        lab = list(lab)
        members: dict = defaultdict(list)
        story: dict = defaultdict(list)
        for i in np.flatnonzero(scored).tolist():
            members[lab[i]].append(i)
            story[gold[i]].append(i)
        for i in np.flatnonzero(test & scored).tolist():
            c, g = members[lab[i]], story[gold[i]]
            same = sum(gold[j] == gold[i] for j in c)
            drop = 0
            for j in c:
                if gold[j] != gold[i]:
                    cat = merge_cat.get(frozenset((gold[i], gold[j])))
                    if cat is None:
                        unknown.add(tuple(sorted((str(gold[i]), str(gold[j])))))
                    drop += cat in fix
            ps.append(same / (len(c) - drop))
            pieces = {lab[j] for j in g}
            if len(pieces) > 1:
                cat = split_cat.get(gold[i])
                if cat is None:
                    unknown.add((str(gold[i]),))
                rs.append(1.0 if cat in fix else sum(lab[j] == lab[i] for j in g) / len(g))
            else:
                rs.append(1.0)
    out = cv.prf(np.array(ps), np.array(rs))
    out["uncategorised"] = sorted(unknown)
    return out


def category_table(runs, gold, merge_cat: dict, split_cat: dict) -> list[dict]:
    """Per category (and all together): P, R, F1 with that category's errors undone, and its
    share of the B-cubed loss 1 - F1."""
    base = fixed_bcubed(runs, gold, merge_cat, split_cat, set())
    loss = 1.0 - base["bcubed_f1"]
    cats = sorted({*merge_cat.values(), *split_cat.values()}, key=str)
    rows = [{"category": "none undone", **base, "share": 0.0}]
    for c in [*[(x,) for x in cats], tuple(cats)]:
        f = fixed_bcubed(runs, gold, merge_cat, split_cat, set(c))
        gain = f["bcubed_f1"] - base["bcubed_f1"]
        rows.append(
            {
                "category": "+".join(map(str, c)),
                **f,
                "share": round(gain / loss, 3) if loss else 0.0,
            }
        )
    return rows


def calibration(cvrun: cv.LinkCV, k: int) -> dict:
    """Reliability of the cross-fitted link probabilities (each pair scored by a model that saw
    neither of its stories) over the neighbour pairs the clustering uses (rank < k), per file:
    per probability bin, pairs, mean probability and the share that are one story."""
    out = {}
    edges = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0001)
    for i, d in enumerate(cvrun.files):
        p = cvrun.probs(i, None)
        sel = d.ok & (d.rank < k)
        p, y = p[sel], d.y[sel]
        rows = []
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            m = (p >= lo) & (p < hi)
            if m.any():
                rows.append(
                    {
                        "bin": f"{lo:.2f}-{min(hi, 1):.2f}",
                        "pairs": int(m.sum()),
                        "mean_p": round(float(p[m].mean()), 3),
                        "same_story": round(float(y[m].mean()), 3),
                    }
                )
        ece = sum(r["pairs"] * abs(r["mean_p"] - r["same_story"]) for r in rows) / len(p)
        out[d.name] = {"ece": round(ece, 4), "bins": rows}
    return out


def report(res: dict) -> str:
    lines = [
        f"{res['file']}: out of fold P {res['bcubed_p']} R {res['bcubed_r']} "
        f"F1 {res['bcubed_f1']}; loss P {res['precision_loss']} (false merges), "
        f"R {res['recall_loss']} (false splits)",
        f"scored documents by kind: {res['scored_docs_by_kind']}",
        f"loss by kind of the other / split-off document: {res['loss_by_kind_of_other_doc']}",
        f"mean (1-p)+(1-r) per document by hubness: {res['loss_by_hub']}",
        "",
        "FALSE MERGES (gold stories put together; P loss)",
    ]
    for m in res["merges"]:
        lines.append(f"  {m['loss_p']:.4f}  {m['stories'][0]}  +  {m['stories'][1]}")
        for x in m["docs"]:
            lines.append(
                f"      [{x['gold'][-14:]}] {x['kind']:<10} {x['words']:>5}w hub "
                f"{x['hub']:.3f}  {x['start'][:90]}"
            )
    lines += ["", "FALSE SPLITS (gold story in pieces; R loss; documents split off)"]
    for s in res["splits"]:
        lines.append(f"  {s['loss_r']:.4f}  {s['story']} ({s['size']} docs)")
        for x in s["split_off"]:
            lines.append(
                f"      {x['kind']:<10} {x['words']:>5}w hub {x['hub']:.3f}  {x['start'][:90]}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from newsweave import cluster_links as cl

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cv.add_cv_arguments(ap)
    ap.add_argument("--file", default="mds_clusters_dev")
    ap.add_argument("--features", default=",".join(cl.LINK_FEATURES))
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--out")
    ap.add_argument(
        "--categories",
        help='JSON {"merges": [[story, story, category], ...], "splits": {story: category}}: '
        "print each category's share of the loss and the F1 with it undone (fixed_bcubed)",
    )
    args = ap.parse_args(argv)
    kmax = max(max(cv.KS), cv.TRAIN_K)
    files = [cv.DocFile(Path(args.data), n, Path(args.cache_dir), kmax) for n in cv.DOC_FILES]
    run = cv.LinkCV(files, args.features.split(","), args.folds, args.seed, args.C)
    links = run.run()
    fi = list(cv.DOC_FILES).index(args.file)
    res = analyse(run, fi, links["chosen_per_fold"], args.top)
    res["out_of_fold_cv"] = links["out_of_fold"][args.file]
    res["calibration"] = calibration(run, links["shipped_choice"]["k"])
    print(report(res))
    for name, c in res["calibration"].items():
        print(f"calibration {name} (cross-fitted, pairs of the k-nearest graph): ECE {c['ece']}")
        for r in c["bins"]:
            print(
                f"    p {r['bin']}: {r['pairs']:>5} pairs, mean p {r['mean_p']:.3f}, "
                f"same story {r['same_story']:.3f}"
            )
    if args.categories:
        spec = json.loads(Path(args.categories).read_text(encoding="utf-8"))
        merge_cat = {frozenset(m[:2]): m[2] for m in spec["merges"]}
        d = run.files[fi]
        gold = [str(g) for g in d.all_gold.tolist()]
        runs = []
        for ch in links["chosen_per_fold"]:
            f = ch["fold"]
            prob = run.probs(fi, f)
            lab = d.full_labels(
                cv.cluster_file(d, prob, ch["k"], ch["threshold"], ch["mean_threshold"])
            )
            runs.append((lab, d.all_scored, run.fold_all[fi] == f))
        res["categories"] = category_table(runs, gold, merge_cat, spec["splits"])
        for row in res["categories"]:
            print(
                f"undo {row['category']:<24} P {row['bcubed_p']:.4f} R {row['bcubed_r']:.4f} "
                f"F1 {row['bcubed_f1']:.4f}  share of the loss {row['share']:.3f}"
                + (f"  uncategorised {row['uncategorised']}" if row["uncategorised"] else "")
            )
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
