"""Choose the type-evidence weights of newsweave.facts.entities by grouped cross-validation.

    OMP_NUM_THREADS=1 .venv/bin/python bench/cv_entity_weights.py \
        ../shared/data/meantime/corpus_apple

Only one MEANTIME corpus is available for development (the other three are held out), so
leave-one-corpus-out is not possible: the documents are split into 5 folds (document i in
fold i mod 5), the weights are chosen on 4 folds (objective: merge F1 + type accuracy, the
four folds scored as one story) and scored on the fifth (its 6 documents as one story). The
out-of-fold figures are the five held-out folds pooled (weighted by gold mentions); in-sample
is the same folds scored with the weights chosen on all documents. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsweave.evaluate import entities as ev  # noqa: E402
from newsweave.facts.entities import W_DEFAULT, Weights  # noqa: E402

GRID = [
    Weights(1.0, f, c) for f in (0.5, 1.0, 1.5, 2.0, 3.0) for c in (1.0, 2.0, 4.0, 6.0, 8.0, 12.0)
]
K = 5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    docs = ev.read_documents(args.paths)
    parsed = ev.parse_documents(docs)
    n = len(docs)

    def run(idx, w):
        d = [docs[i] for i in idx]
        return ev.score(d, ev.predict_newsweave(d, [parsed[i] for i in idx], w))

    def objective(r):
        return r["merge_f1"] + r["type_acc"]

    def pooled(results, sizes):
        return {
            k: round(sum(r[k] * s for r, s in zip(results, sizes, strict=True)) / sum(sizes), 4)
            for k in ev.KEYS
        }

    folds = [[i for i in range(n) if i % K == k] for k in range(K)]
    sizes = [sum(len(docs[i].gold) for i in f) for f in folds]
    on_all = max(GRID, key=lambda w: objective(run(range(n), w)))
    chosen, oof, ins, base = [], [], [], []
    for test in folds:
        train = [i for i in range(n) if i not in test]
        best = max(GRID, key=lambda w: objective(run(train, w)))
        chosen.append([best.form, best.context])
        oof.append(run(test, best))
        ins.append(run(test, on_all))
        d = [docs[i] for i in test]
        base.append(ev.score(d, ev.predict_spacy(d, [parsed[i] for i in test])))
    print(
        json.dumps(
            {
                "documents": n,
                "chosen_per_fold": chosen,
                "chosen_on_all": [on_all.form, on_all.context],
                "shipped": [W_DEFAULT.form, W_DEFAULT.context],
                "out_of_fold": pooled(oof, sizes),
                "in_sample": pooled(ins, sizes),
                "spacy_baseline_folds": pooled(base, sizes),
                "all_documents_one_story": run(range(n), on_all),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
