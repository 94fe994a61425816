"""Benchmark newsweave on Dask (issue 8): whole pipeline, 1 process vs --workers 1 vs 2.

Usage (from the repository root; needs ../shared/data):

    .venv/bin/python bench/bench_distributed.py --articles 5000          # speed + memory
    .venv/bin/python bench/bench_distributed.py --articles 5000 --no-facts --method lead \
        --configs 1,2     # the issue's ratio: ~0.5 CPU s / article, ~70 min on an idle 2-core
    .venv/bin/python bench/bench_distributed.py --check-mds              # same answer?
    .venv/bin/python bench/bench_distributed.py --check-mds --blocks 200 # forced blocking

The speed corpus is built from story_clustering/mds_clusters_dev.jsonl (790 real news
documents in 260 stories): copy 0 is the original, every further copy of a document has one
word in three replaced by another word of the same document (seeded), so copies are distinct
articles (5-word-shingle Jaccard ~0.1, far below the near-duplicate threshold) and each copy of
a story is a story of its own. It is written to a temporary JSON Lines file, never into the
repository. Each configuration runs in a fresh subprocess (cold start: model loading and, for
Dask, cluster start-up are included) with ``--cluster`` (every article is clustered).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MDS = REPO.parent / "shared" / "data" / "story_clustering" / "mds_clusters_dev.jsonl"
_WORD = re.compile(r"[A-Za-z]{3,}")


def make_corpus(n: int, out: Path, seed: int = 8) -> int:
    """Write ``n`` distinct articles (see module docstring) to ``out``; returns the count."""
    docs = [json.loads(line) for line in MDS.read_text(encoding="utf-8").splitlines() if line]
    written = 0
    with open(out, "w", encoding="utf-8") as fh:
        copy = 0
        while written < n:
            for d in docs:
                if written >= n:
                    break
                text = d["text"]
                if copy:
                    rng = random.Random(f"{seed}-{copy}-{d['doc_id']}")
                    words = _WORD.findall(text) or ["news"]

                    def swap(m, rng=rng, words=words):
                        return rng.choice(words) if rng.random() < 1 / 3 else m.group(0)

                    text = _WORD.sub(swap, text)
                fh.write(
                    json.dumps(
                        {
                            "doc_id": f"{d['doc_id']}~{copy}",
                            "cluster_id": f"{d['cluster_id']}~{copy}",
                            "text": text,
                        }
                    )
                    + "\n"
                )
                written += 1
            copy += 1
    return written


def _config(workers: int, **extra):
    from newsweave.config import DaskConfig, load_config

    cfg = load_config(**{"cluster.mode": "always", **_pipeline_overrides, **extra})
    if workers:
        cfg = dataclasses.replace(
            cfg, dask=dataclasses.replace(DaskConfig(), workers=workers, **_dask_overrides)
        )
    return cfg


_dask_overrides: dict = {}
_pipeline_overrides: dict = {}


def run_one(corpus: Path, workers: int) -> dict:
    """One configuration in this process: seconds, articles, stories, memory."""
    t0 = time.perf_counter()
    if not workers:
        from newsweave.pipeline import weave_result

        result = weave_result([corpus], _config(0))
        seconds = time.perf_counter() - t0
        ru = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "workers": 0,
            "seconds": seconds,
            "stories": len(result.stories),
            "articles": sum(len(s.articles) for s in result.stories),
            "skipped": len(result.skipped),
            "cpu_s": ru.ru_utime + ru.ru_stime,
            "peak_rss_mb": ru.ru_maxrss / 1024,
        }
    from newsweave.distributed import runner, tasks

    cfg = _config(workers)
    stats: dict = {}
    with runner.open_client(cfg.dask) as client:
        t_ready = time.perf_counter()
        result = runner.run_on_client(client, [corpus], cfg, stats=stats)
        seconds = time.perf_counter() - t0
        mem = client.run(tasks.worker_info)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "workers": workers,
        "seconds": seconds,
        "cluster_start_s": t_ready - t0,
        "cpu_s": ru.ru_utime + ru.ru_stime + sum(v["cpu_s"] for v in mem.values()),
        "worker_cpu_s": sorted(round(v["cpu_s"], 1) for v in mem.values()),
        "stories": len(result.stories),
        "articles": sum(len(s.articles) for s in result.stories),
        "skipped": len(result.skipped),
        "client_peak_rss_mb": ru.ru_maxrss / 1024,
        "worker_peak_rss_mb": sorted(round(v["peak_rss_mb"]) for v in mem.values()),
        "stage_seconds": stats.get("seconds"),
        "task_seconds": stats.get("task_seconds"),
        "story_task_seconds": stats.get("story_task_seconds"),
        "clustering": stats.get("clustering"),
        "partitions": stats.get("partitions"),
    }


def bcubed(pred: list[list[str]], gold: list[list[str]]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of ``pred`` against ``gold`` (items in both only)."""
    p_of = {x: i for i, c in enumerate(pred) for x in c}
    g_of = {x: i for i, c in enumerate(gold) for x in c}
    items = [x for x in p_of if x in g_of]
    pred_size = {i: sum(1 for x in c if x in g_of) for i, c in enumerate(pred)}
    gold_size = {i: sum(1 for x in c if x in p_of) for i, c in enumerate(gold)}
    both: dict = {}
    for x in items:
        both[(p_of[x], g_of[x])] = both.get((p_of[x], g_of[x]), 0) + 1
    p = sum(both[(p_of[x], g_of[x])] / pred_size[p_of[x]] for x in items) / len(items)
    r = sum(both[(p_of[x], g_of[x])] / gold_size[g_of[x]] for x in items) / len(items)
    return p, r, 2 * p * r / (p + r)


def check_mds(workers: int, blocks: int | None) -> dict:
    """mds_clusters_dev.jsonl, --cluster: one process vs Dask; stories, F1, summaries."""
    from newsweave.distributed import runner
    from newsweave.pipeline import weave_result

    cfg = _config(0)
    t0 = time.perf_counter()
    one = weave_result([MDS], cfg)
    t1 = time.perf_counter()
    if blocks:
        _dask_overrides["block_articles"] = blocks
    dcfg = _config(workers)
    stats: dict = {}
    with runner.open_client(dcfg.dask) as client:
        t2 = time.perf_counter()
        dist = runner.run_on_client(client, [MDS], dcfg, stats=stats)
        t3 = time.perf_counter()
    gold: dict[str, list[str]] = {}
    doc_cluster = {}
    for line in MDS.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        doc_cluster[d["doc_id"]] = d["cluster_id"]
    for s in one.stories:
        for a in s.articles:
            for did in [v for k, v in a.meta if k == "doc_id"]:
                gold.setdefault(doc_cluster[did], []).append(a.id)

    def groups(res):
        return [[a.id for a in s.articles] for s in res.stories]

    def summaries(res):
        return {
            s.id: [x.text for x in s.summary.sentences] if s.summary else [] for s in res.stories
        }

    same_stories = sorted(map(sorted, groups(one))) == sorted(map(sorted, groups(dist)))
    s1, s2 = summaries(one), summaries(dist)
    common = set(s1) & set(s2)
    return {
        "workers": workers,
        "block_articles": blocks or dcfg.dask.block_articles,
        "clustering": stats.get("clustering"),
        "stories_one": len(one.stories),
        "stories_dask": len(dist.stories),
        "same_stories": same_stories,
        "bcubed_dask_vs_one": bcubed(groups(dist), groups(one)),
        "bcubed_one_vs_gold": bcubed(groups(one), list(gold.values())),
        "bcubed_dask_vs_gold": bcubed(groups(dist), list(gold.values())),
        "same_summaries": sum(1 for k in common if s1[k] == s2[k]),
        "stories_compared": len(common),
        "seconds_one": t1 - t0,
        "seconds_dask_run": t3 - t2,
    }


def print_table(rows: list[dict]) -> None:
    """The Markdown table of the runs, the speed-up ratios and the serial/parallel split."""
    base = {r["workers"]: r for r in rows}
    print(
        "| run | wall s | articles/s | CPU s (all processes) | CPU s / article | stories "
        "| peak memory |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        name = "1 process" if r["workers"] == 0 else f"--workers {r['workers']}"
        mem = (
            f"{r['peak_rss_mb']:.0f} MB"
            if r["workers"] == 0
            else f"workers {r['worker_peak_rss_mb']} MB, client {r['client_peak_rss_mb']:.0f} MB"
        )
        print(
            f"| {name} | {r['seconds']:.1f} | {r['articles_per_s']:.2f} | {r['cpu_s']:.0f} "
            f"| {r['cpu_s'] / max(1, r['articles']):.3f} | {r['stories']} | {mem} |"
        )
    for r in rows:
        if r["workers"] and r.get("stage_seconds"):
            st = r["stage_seconds"]
            print(
                f"--workers {r['workers']}: cluster start {r['cluster_start_s']:.1f} s, "
                + ", ".join(f"{k} {v:.1f} s" for k, v in st.items())
                + f"; worker CPU s {r['worker_cpu_s']}; partitions {r.get('partitions')}"
            )
    if 1 in base and 2 in base:
        print(
            f"\n--workers 2 vs --workers 1: {base[1]['seconds'] / base[2]['seconds']:.2f}x "
            f"(wall time; the issue asks for >= 1.6x)"
        )
        st = base[1].get("stage_seconds") or {}
        # Amdahl: what runs on one core only in a --workers 1 run (cluster start, the client's
        # merge/dedupe, the single clustering task) vs the rest, which 2 workers split
        serial = base[1]["cluster_start_s"] + st.get("merge_dedupe", 0) + st.get("clustering", 0)
        par = base[1]["seconds"] - serial
        if par > 0:
            print(
                f"serial part of --workers 1: {serial:.1f} s of {base[1]['seconds']:.1f} s; "
                f"attainable with 2 workers (Amdahl): {(serial + par) / (serial + par / 2):.2f}x"
            )
    if 0 in base and 2 in base:
        print(f"--workers 2 vs 1 process: {base[0]['seconds'] / base[2]['seconds']:.2f}x")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--configs", default="0,1,2", help="worker counts; 0 = one process")
    ap.add_argument("--corpus", type=Path, help="use this JSONL corpus instead of building one")
    ap.add_argument("--run", type=int, help=argparse.SUPPRESS)  # one config, in a subprocess
    ap.add_argument(
        "--check-mds",
        action="store_true",
        help="compare one process and --workers on mds_clusters_dev.jsonl",
    )
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--blocks", type=int, help="force dask.block_articles (blocked clustering)")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    ap.add_argument("--no-facts", action="store_true", help="skip the facts stage")
    ap.add_argument("--method", help="summarizer (default: the pipeline's default)")
    args = ap.parse_args(argv)
    if args.no_facts:
        _pipeline_overrides["facts"] = False
    if args.method:
        _pipeline_overrides["summarize.method"] = args.method
    if not MDS.is_file():
        print(f"needs {MDS}", file=sys.stderr)
        return 2
    if args.blocks:
        _dask_overrides["block_articles"] = args.blocks
    if args.check_mds:
        out = check_mds(args.workers, args.blocks)
        print(json.dumps(out, indent=2))
        if args.json:
            args.json.write_text(json.dumps(out, indent=2))
        return 0
    if args.run is not None:
        print(json.dumps(run_one(args.corpus, args.run)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "bench_corpus.jsonl"
            n = make_corpus(args.articles, corpus)
            print(f"corpus: {n} articles, {corpus.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
        rows = []
        for w in [int(x) for x in args.configs.split(",")]:
            cmd = [sys.executable, __file__, "--run", str(w), "--corpus", str(corpus)]
            if args.blocks:
                cmd += ["--blocks", str(args.blocks)]
            if args.no_facts:
                cmd += ["--no-facts"]
            if args.method:
                cmd += ["--method", args.method]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode:
                print(proc.stderr[-3000:], file=sys.stderr)
                return 1
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            row["articles_per_s"] = row["articles"] / row["seconds"]
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
