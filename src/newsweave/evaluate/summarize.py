"""``newsweave eval summarize DATASET.jsonl``: ROUGE of newsweave's summaries beside baselines.

Reads the multi-document jsonl format of ../shared/data (``{"id", "documents": [{"title",
"text"}], "summaries": [...]}``) with newsweave's own ingest, cleaning, sentence splitting and
near-duplicate folding (per cluster), exactly as ``newsweave weave`` prepares a story. Every
method (``--methods``, default newsweave, lead, lexrank, textrank) summarizes the same
clusters under the same word budget in this one process, and is scored with Google's
``rouge-score``: ROUGE-1, ROUGE-2 and ROUGE-Lsum (Porter stemming on; for Lsum the summary and
the references have one sentence per line, references split by our sentence splitter), the best
score over the references of a cluster, averaged over clusters, with a 95% bootstrap interval
(1,000 resamples of the clusters). Scores are in points (0-100).

``clusters_per_s`` times the summarizer call only (articles already prepared; the model load is
done once before timing). newsweave is timed in full, supporting citations included; the
baselines are timed without the supporting-citation pass, which ROUGE does not look at.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsweave.errors import EvalError
from newsweave.evaluate import read_jsonl
from newsweave.model import Article

METRICS = ("rouge1", "rouge2", "rougeLsum")
DEFAULT_METHODS = ("newsweave", "lead", "lexrank", "textrank")
BOOTSTRAP = 1000
BOOTSTRAP_SEED = 13


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", metavar="DATASET.jsonl", help="multi-document jsonl file")
    parser.add_argument("--limit", type=int, help="use only the first N clusters")
    parser.add_argument("--words", type=int, default=250, help="word budget (default 250)")
    parser.add_argument(
        "--metric",
        choices=("f1", "recall"),
        default="f1",
        help="ROUGE measure to report (default f1; DUC uses recall)",
    )
    parser.add_argument(
        "--methods",
        default=",".join(DEFAULT_METHODS),
        help="comma-separated summarizers to score (default: %(default)s)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


@dataclass
class Cluster:
    id: str
    articles: list[Article]
    references: list[str]


def load_clusters(path: str | Path, limit: int | None = None) -> list[Cluster]:
    """Read, clean, split and dedupe the clusters of a multi-document jsonl file."""
    from newsweave.config import Config
    from newsweave.dedupe import dedupe
    from newsweave.ingest import load_articles
    from newsweave.stories import prepare_articles

    path = Path(path)
    refs: OrderedDict[str, list[str]] = OrderedDict()
    wanted_lines: list[str] = []
    for n, line, rec in read_jsonl(path):
        summaries = rec.get("summaries") or ([rec["summary"]] if rec.get("summary") else [])
        if not isinstance(rec.get("documents"), list) or not summaries or "id" not in rec:
            raise EvalError(
                f"line {n} is not a multi-document record with reference summaries; "
                'expected {"id", "documents": [...], "summaries": [...]}',
                source=str(path),
                stage="eval",
            )
        refs[str(rec["id"])] = [str(s) for s in summaries if str(s).strip()]
        wanted_lines.append(line)
        if limit and len(refs) >= limit:
            break
    if not refs:
        raise EvalError("dataset is empty", source=str(path), stage="eval")
    # ingest through newsweave's own loader (the records we read, as one jsonl text)
    import tempfile

    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / path.name
        part.write_text(
            "".join(ln if ln.endswith("\n") else ln + "\n" for ln in wanted_lines), encoding="utf-8"
        )
        articles, skipped = load_articles([part], config.ingest)
    prepared = prepare_articles(articles, config, skipped)
    groups: OrderedDict[str, list[Article]] = OrderedDict((k, []) for k in refs)
    for a in prepared:
        if a.group is not None and a.group in groups:
            groups[a.group].append(a)
    clusters = []
    for cid, members in groups.items():
        members = dedupe(members) if len(members) > 1 else members
        clusters.append(Cluster(cid, members, refs[cid]))
    return clusters


def split_reference(texts: Sequence[str]) -> list[str]:
    """References with one sentence per line (our sentence splitter), for ROUGE-Lsum."""
    from newsweave import nlp

    docs = nlp.parse(list(texts), full=False)
    return [
        "\n".join(doc.text[s:e] for s, e in nlp.sentence_spans(doc, skip_datelines=False))
        for doc in docs
    ]


def make_scorer():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score_summary(
    scorer, summary_lines: Sequence[str], references: Sequence[str], metric: str
) -> dict[str, float]:
    """Best score over ``references`` for each ROUGE variant, in points."""
    pred = "\n".join(summary_lines)
    best = dict.fromkeys(METRICS, 0.0)
    for ref in references:
        scores = scorer.score(ref, pred)
        for m in METRICS:
            s = scores[m]
            value = s.fmeasure if metric == "f1" else s.recall
            best[m] = max(best[m], 100.0 * value)
    return best


def bootstrap_ci(
    values: Sequence[float], n: int = BOOTSTRAP, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float]:
    """95% percentile bootstrap interval of the mean of ``values``."""
    arr = np.asarray(values, dtype=np.float64)
    if len(arr) == 0:
        return (0.0, 0.0)
    rng = np.random.default_rng(seed)
    means = arr[rng.integers(0, len(arr), size=(n, len(arr)))].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(lo), float(hi)


def evaluate(
    clusters: Sequence[Cluster], methods: Sequence[str], words: int, metric: str = "f1"
) -> dict[str, dict]:
    """Summarize every cluster with every method; per-method means, intervals and speed."""
    from newsweave.config import SummarizeConfig
    from newsweave.summarize import SUMMARIZERS, summarize

    unknown = [m for m in methods if m not in SUMMARIZERS]
    if unknown:
        raise EvalError(
            f"unknown method(s) {unknown}; expected some of {sorted(SUMMARIZERS)}", stage="eval"
        )
    scorer = make_scorer()
    refs = [split_reference(c.references) for c in clusters]
    from newsweave import nlp

    nlp.get_encoder()  # model load excluded from the timings
    results: dict[str, dict] = {}
    for method in methods:
        cfg = SummarizeConfig(method=method, words=words)
        per: dict[str, list[float]] = {m: [] for m in METRICS}
        elapsed = cpu = 0.0
        ignored = 0
        for c, ref in zip(clusters, refs, strict=True):
            t0, c0 = time.perf_counter(), time.process_time()
            # ROUGE needs only the sentences; the baselines skip the supporting citations
            # (an embedding pass they would not otherwise need), newsweave runs in full
            summary = summarize(c.articles, cfg, cite_support=method == "newsweave")
            elapsed += time.perf_counter() - t0
            cpu += time.process_time() - c0
            ignored += len(summary.ignored)
            s = score_summary(scorer, [x.text for x in summary.sentences], ref, metric)
            for m in METRICS:
                per[m].append(s[m])
        out: dict = {}
        for m in METRICS:
            out[m] = round(float(np.mean(per[m])), 2) if per[m] else 0.0
        for m in METRICS:
            lo, hi = bootstrap_ci(per[m])
            out[f"{m}_ci95"] = [round(lo, 2), round(hi, 2)]
        out["clusters_per_s"] = round(len(clusters) / elapsed, 2) if elapsed > 0 else None
        # per CPU-second of this process (all its threads): independent of other load on a
        # shared machine; on an idle machine wall-clock speed is at least this
        out["clusters_per_cpu_s"] = round(len(clusters) / cpu, 2) if cpu > 0 else None
        out["ignored_articles"] = ignored
        out["_per_cluster"] = per
        results[method] = out
    return results


def run(args: argparse.Namespace) -> int:
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    if not methods:
        raise EvalError("--methods is empty", stage="eval")
    if args.words < 1:
        raise EvalError("--words must be positive", stage="eval")
    clusters = load_clusters(args.dataset, args.limit)
    results = evaluate(clusters, methods, args.words, args.metric)
    for r in results.values():
        r.pop("_per_cluster", None)
    report = {
        "dataset": str(args.dataset),
        "clusters": len(clusters),
        "words": args.words,
        "metric": args.metric,
        "methods": results,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    out = sys.stdout
    out.write(
        f"{args.dataset}: {len(clusters)} clusters, {args.words} words, "
        f"ROUGE {args.metric} (points, mean [95% bootstrap CI])\n"
    )
    out.write(
        f"{'method':<11} {'ROUGE-1':>20} {'ROUGE-2':>20} {'ROUGE-Lsum':>20} "
        f"{'clusters/s':>10} {'per CPU-s':>9}\n"
    )
    for name, r in results.items():
        cells = [f"{r[m]:6.2f} [{r[m + '_ci95'][0]:.2f}-{r[m + '_ci95'][1]:.2f}]" for m in METRICS]
        speed = r["clusters_per_s"]
        cpu = r["clusters_per_cpu_s"]
        out.write(
            f"{name:<11} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20} "
            f"{speed if speed is not None else '-':>10} "
            f"{cpu if cpu is not None else '-':>9}\n"
        )
    return 0
