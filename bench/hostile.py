"""Hostile input, crashes and load (issue 9): the big runs behind bench/RESULTS.md.

    python bench/hostile.py                       # everything, the issue's sizes
    python bench/hostile.py --inputs 500 --kills 5 --readers 10 --skip-big   # a quick look

Parts (each can be skipped):

- ``--inputs N`` generated hostile inputs (``tests/test_hostile_parsers.hostile_samples``:
  mutated valid files, random bytes, wrong encodings, hostile JSON, pathological HTML, broken
  gzip, long repeated-token lines), loaded in skip mode in child processes; each input must
  give articles or a recorded skip and nothing else (an exception, a crash of the child, an
  unstorable string, an article over the limits). The "safety net" count is the inputs whose
  skip came from ingest's catch-all (an unexpected exception turned into a skip: a bug to fix,
  though not a crash).
- the pathological inputs at full size (100,000 tags, 100,000-deep nesting, 8 MB attribute,
  200 MB gzip bombs, ...), CPU seconds and peak RSS each;
- a 1 GB file at the default limits (``--skip-big`` to leave out);
- ``--kills K`` random SIGKILLs of an ingest writing to the store, with the checks of
  ``tests/test_crash_safety.py`` after each, and a final re-run compared with a clean run;
- ``--readers R`` concurrent readers of the web app during an ingest into the same store.

Prints a Markdown table and writes all figures as JSON (``--json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

# The child: generate inputs from seeds, load each in skip mode, check the contract, print
# one JSON line per input. A crash (segfault, OOM kill) shows as a missing line.
CHILD = r"""
import json, logging, random, resource, sys, time, traceback
from pathlib import Path
sys.path.insert(0, sys.argv[1])
logging.disable(logging.CRITICAL)
import test_hostile_parsers as T
from newsweave.clean import clean_text
from newsweave.errors import NewsweaveError
from newsweave.ingest import load_articles

tmp = Path(sys.argv[2])
first, count = int(sys.argv[3]), int(sys.argv[4])
cfg = T.SMALL
load_articles([T.write_input(tmp, "warm.html", T.SEEDS[".html"])], cfg)
for seed in range(first, first + count):
    name, data = T.hostile_samples(random.Random(seed))
    path = T.write_input(tmp, name, data)
    print(json.dumps({"start": seed}), flush=True)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    c0 = ru.ru_utime + ru.ru_stime
    out = {"seed": seed, "name": name, "bytes": len(data)}
    try:
        arts, skipped = load_articles([path], cfg)
        T.check_result(arts, skipped, cfg)
        for a in arts:
            clean_text(a.text[:20_000], a.title)
        out["articles"] = len(arts)
        out["skipped"] = len(skipped)
        out["safety_net"] = [s.reason[:300] for s in skipped
                             if "please report it as a bug" in s.reason]
        if seed % 10 == 0:  # raise mode: only NewsweaveError, and only when skip mode skipped
            try:
                load_articles([path], cfg, on_error="raise")
                if skipped:
                    out["error"] = "raise mode did not raise on an input skip mode skipped"
            except NewsweaveError:
                if not skipped:
                    out["error"] = "raise mode raised on an input skip mode read cleanly"
    except BaseException as exc:
        out["error"] = "".join(traceback.format_exception_only(type(exc), exc))[-500:]
    ru = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu"] = ru.ru_utime + ru.ru_stime - c0
    print(json.dumps(out), flush=True)
    path.unlink()
"""


def run_inputs(n: int, chunk: int, seed0: int, log) -> dict:
    """Run ``n`` generated inputs in child processes of ``chunk`` inputs each."""
    stats = {
        "inputs": 0,
        "with_articles": 0,
        "skipped_only": 0,
        "errors": 0,
        "crashes": 0,
        "safety_net": 0,
        "examples": [],
        "cpu_max": 0.0,
        "cpu_total": 0.0,
        "slowest": None,
    }
    cpus = []
    seed = seed0
    end = seed0 + n
    while seed < end:
        count = min(chunk, end - seed)
        with tempfile.TemporaryDirectory(prefix="nw-hostile-") as tmp:
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, str(REPO / "tests"), tmp, str(seed), str(count)],
                capture_output=True,
                text=True,
                cwd=REPO,
                timeout=24 * 3600,
            )
        done = set()
        started = None
        for line in proc.stdout.splitlines():
            rec = json.loads(line)
            if "start" in rec:
                started = rec["start"]
                continue
            started = None
            done.add(rec["seed"])
            stats["inputs"] += 1
            cpus.append(rec["cpu"])
            if stats["slowest"] is None or rec["cpu"] > stats["slowest"]["cpu"]:
                stats["slowest"] = {k: rec[k] for k in ("seed", "name", "bytes", "cpu")}
            if "error" in rec:
                stats["errors"] += 1
                if len(stats["examples"]) < 10:
                    stats["examples"].append(rec)
            elif rec["articles"]:
                stats["with_articles"] += 1
            else:
                stats["skipped_only"] += 1
            if rec.get("safety_net"):
                stats["safety_net"] += 1
                if len(stats["examples"]) < 10:
                    stats["examples"].append(rec)
        if started is not None or proc.returncode != 0:
            stats["crashes"] += 1
            stats["inputs"] += 1
            stats["examples"].append(
                {"seed": started, "crash": proc.returncode, "stderr": proc.stderr[-1000:]}
            )
            done.add(started)
            # go on after the crashed input
            seed = (started + 1) if started is not None else seed + count
        else:
            seed += count
        log(
            f"inputs: {stats['inputs']}/{n}, errors {stats['errors']}, crashes "
            f"{stats['crashes']}, safety net {stats['safety_net']}"
        )
    cpus.sort()
    stats["cpu_total"] = round(sum(cpus), 1)
    stats["cpu_max"] = round(cpus[-1], 3) if cpus else 0.0
    stats["cpu_p99"] = round(cpus[int(len(cpus) * 0.99)], 3) if cpus else 0.0
    return stats


def run_pathological(log) -> list[dict]:
    import test_hostile_parsers as T
    from newsweave.config import IngestConfig

    rows = []
    with tempfile.TemporaryDirectory(prefix="nw-patho-") as tmp:
        tmp = Path(tmp)
        warm = tmp / "warm.html"
        warm.write_bytes(T.SEEDS[".html"])
        for name, fname, make in T.pathological_cases(full=True):
            path = tmp / name / fname
            path.parent.mkdir()
            data = make()
            path.write_bytes(data)
            try:
                r = T.run_cases([path], IngestConfig(), warm, timeout=3600).get(
                    str(path), {"error": "no result"}
                )
            except subprocess.TimeoutExpired:
                r = {"error": "timeout (1 h wall)"}
            row = {
                "case": name,
                "bytes": len(data),
                "cpu_s": round(r.get("cpu_seconds", -1), 2),
                "peak_mb": round(r.get("peak_mb", -1), 1),
                "articles": len(r.get("articles", [])),
                "skips": len(r.get("skipped", [])),
                "error": r.get("error"),
                "outcome": (r.get("skipped") or [""])[0][:90]
                if not r.get("articles")
                else f"{len(r['articles'])} article(s), truncated={r['articles'][0][2]}",
            }
            rows.append(row)
            path.unlink()
            log(json.dumps(row))
    return rows


def run_big_file(log) -> list[dict]:
    import test_hostile_parsers as T
    from newsweave.config import IngestConfig

    rows = []
    with tempfile.TemporaryDirectory(prefix="nw-big-") as tmp:
        tmp = Path(tmp)
        warm = tmp / "warm.html"
        warm.write_bytes(T.SEEDS[".html"])
        src = T.make_big_file(tmp / "big.src", 1 << 30, sparse=False)
        for ext in (".txt", ".jsonl", ".html", ".json"):
            path = tmp / f"big{ext}"
            os.link(src, path)
            r = T.run_cases([path], IngestConfig(), warm, timeout=3600).get(str(path), {})
            row = {
                "file": f"1 GiB {ext}",
                "cpu_s": round(r.get("cpu_seconds", -1), 2),
                "peak_mb": round(r.get("peak_mb", -1), 1),
                "error": r.get("error"),
                "outcome": (
                    f"{len(r['articles'])} article(s), truncated={r['articles'][0][2]}"
                    if r.get("articles")
                    else (r.get("skipped") or ["?"])[0][:100]
                ),
            }
            rows.append(row)
            path.unlink()
            log(json.dumps(row))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--readers", type=int, default=100)
    ap.add_argument("--skip-pathological", action="store_true")
    ap.add_argument("--skip-big", action="store_true")
    ap.add_argument("--json", default=None, help="write all figures to this file")
    args = ap.parse_args()

    def log(msg) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
    }
    t0 = time.perf_counter()
    if args.inputs:
        results["inputs"] = run_inputs(args.inputs, args.chunk, args.seed, log)
    if args.kills:
        import test_crash_safety as crash

        with tempfile.TemporaryDirectory(prefix="nw-kills-") as tmp:
            corpus = crash.write_corpus(Path(tmp) / "corpus")
            try:
                results["kills"] = crash.kill_campaign(
                    corpus,
                    Path(tmp) / "db.sqlite",
                    batch=20,
                    kills=args.kills,
                    seed=args.seed + 2,
                    log=log,
                )
            except AssertionError as exc:  # a check failed after a kill: report it
                results["kills"] = {"failed": str(exc)[:2000]}
    if args.readers:
        import test_concurrency as conc

        with tempfile.TemporaryDirectory(prefix="nw-readers-") as tmp:
            results["readers"] = conc.read_during_ingest(
                Path(tmp), readers=args.readers, stories=6, per_story=40, batch=5, log=log
            )
    if not args.skip_pathological:
        results["pathological"] = run_pathological(log)
    if not args.skip_big:
        results["big_file"] = run_big_file(log)
    results["wall_seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
    ok = True
    if "inputs" in results:
        ok &= results["inputs"]["errors"] == 0 and results["inputs"]["crashes"] == 0
    if "kills" in results:
        ok &= "failed" not in results["kills"]
    if "readers" in results:
        ok &= results["readers"]["failed"] == 0 and results["readers"]["half_written"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
