"""Concurrency (issue 9): the web app serves readers while an ingest writes the same store.

A real server (``newsweave.web.serve``, uvicorn, in a subprocess) serves a WAL store while the
crash-safety driver (``tests/test_crash_safety.py``) ingests a corpus into it in many write
transactions, each re-saving the stories that grew. Reader threads hammer the pages and the
JSON API the whole time. Every request must succeed (200, or 404 for a story or article the
ingest has not written yet), and every story served must be one whole version of that story:
all its members in order, every member with its text and sentence spans, a summary whose
citations point into the story's own articles. ``bench/hostile.py`` runs 100 readers.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_crash_safety as crash  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    code = (
        "import sys; from newsweave.web import serve; "
        "serve(sys.argv[1], port=int(sys.argv[2]), log_level='error')"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server died: {proc.stderr.read()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def check_story_json(d: dict, versions: list[dict]) -> str | None:
    """None if ``d`` (``/api/stories/{id}``) is one whole version of the story, else why."""
    members = [a["id"] for a in d["articles"]]
    match = [v for v in versions if v["members"] == members]
    if not match:
        return f"members {len(members)} match no version of {d['id']}"
    v = match[0]
    if len(d["summary"]["sentences"]) != len(v["summary"]):
        return "summary of another version"
    ids = set(members)
    for a in d["articles"]:
        if not a["sentences"] or len(a["sentences"]) != a["sentence_count"]:
            return f"article {a['id']} without its sentences"
        for s in a["sentences"]:
            if not (0 <= s["start"] < s["end"] <= len(a["text"])):
                return f"sentence span outside article {a['id']}"
    for s in d["summary"]["sentences"]:
        for c in s["citations"]:
            if c["article_id"] not in ids:
                return "citation of an article not in the story"
    return None


def read_during_ingest(
    tmp: Path, readers: int, stories: int, per_story: int, batch: int, pause: float = 0.3, log=None
) -> dict:
    """Serve ``tmp/db.sqlite`` while the driver ingests; ``readers`` threads read. Figures."""
    corpus = crash.write_corpus(tmp / "corpus", stories=stories, per_story=per_story)
    expected = crash.expected_state(corpus, batch)
    db = tmp / "db.sqlite"
    from newsweave.store import Store

    Store(db).close()  # the app serves an existing store
    port = free_port()
    server = start_server(db, port)
    base = f"http://127.0.0.1:{port}"
    story_ids = sorted(expected["versions"])
    article_ids = sorted(expected["articles"])
    stats = {
        "requests": 0,
        "ok": 0,
        "not_yet": 0,
        "failed": 0,
        "half_written": 0,
        "stories_checked": 0,
        "errors": [],
        "latencies": [],
    }
    lock = threading.Lock()
    writing = threading.Event()
    writing.set()

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as client:
            n = 0
            while writing.is_set() or n < 5:
                n += 1
                kind = rng.randrange(6)
                sid = rng.choice(story_ids)
                url = {
                    0: "/api/stories",
                    1: f"/api/stories/{sid}",
                    2: f"/stories/{sid}",
                    3: f"/articles/{rng.choice(article_ids)}",
                    4: "/api/search?q=harbour",
                    5: "/",
                }[kind]
                t0 = time.perf_counter()
                try:
                    resp = client.get(url)
                    status, body = resp.status_code, resp.content
                except httpx.HTTPError as exc:
                    status, body = -1, repr(exc).encode()
                dt = time.perf_counter() - t0
                problem = None
                if status == 404 and kind in (1, 2, 3):
                    outcome = "not_yet"
                elif status != 200:
                    outcome, problem = "failed", f"{url}: {status} {body[:200]!r}"
                else:
                    outcome = "ok"
                    if kind == 1:
                        problem = check_story_json(json.loads(body), expected["versions"][sid])
                        if problem:
                            outcome = "half_written"
                with lock:
                    stats["requests"] += 1
                    stats[outcome] += 1
                    stats["latencies"].append(dt)
                    if kind == 1 and outcome == "ok":
                        stats["stories_checked"] += 1
                    if problem and len(stats["errors"]) < 20:
                        stats["errors"].append(problem)

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(readers)]
    try:
        t0 = time.perf_counter()
        writer = crash.start_driver(corpus, db, batch, pause)
        lines = []
        for line in writer.stdout:  # the readers start with the first write transaction
            lines.append(line)
            if line.startswith("begin"):
                break
        stats["writes_started_after_s"] = round(time.perf_counter() - t0, 2)
        for t in threads:
            t.start()
        out, err = writer.communicate(timeout=1800)
        out = "".join(lines) + out
        stats["ingest_seconds"] = round(time.perf_counter() - t0, 2)
        assert writer.returncode == 0, err[-3000:]
        stats["write_transactions"] = out.count("commit")
        writing.clear()
        for t in threads:
            t.join(timeout=300)
        # after the ingest every story is complete and served
        with httpx.Client(base_url=base, timeout=60) as client:
            for sid in story_ids:
                r = client.get(f"/api/stories/{sid}")
                assert r.status_code == 200
                d = r.json()
                assert [a["id"] for a in d["articles"]] == expected["versions"][sid][-1]["members"]
    finally:
        writing.clear()
        server.kill()
        server.wait()
    lat = sorted(stats.pop("latencies")) or [0.0]
    stats["p50_ms"] = round(1000 * lat[len(lat) // 2], 1)
    stats["p99_ms"] = round(1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1)
    stats["readers"] = readers
    if log:
        log(stats)
    return stats


def test_readers_during_ingest_see_whole_stories(tmp_path):
    stats = read_during_ingest(tmp_path, readers=12, stories=3, per_story=24, batch=4)
    assert stats["failed"] == 0, stats["errors"]
    assert stats["half_written"] == 0, stats["errors"]
    assert stats["stories_checked"] >= 10, stats  # stories read while being rewritten
    assert stats["write_transactions"] >= 10


def test_story_checker_can_fail():
    versions = [{"members": ["a", "b"], "summary": [("x", [])]}]
    good = {
        "id": "s",
        "articles": [
            {
                "id": i,
                "text": "One. Two.",
                "sentence_count": 1,
                "sentences": [{"index": 0, "start": 0, "end": 4}],
            }
            for i in ("a", "b")
        ],
        "summary": {"sentences": [{"text": "x", "citations": [{"article_id": "a"}]}]},
    }
    assert check_story_json(good, versions) is None
    assert check_story_json({**good, "articles": good["articles"][:1]}, versions)
    bad = json.loads(json.dumps(good))
    bad["articles"][1]["sentences"] = []
    assert check_story_json(bad, versions)
    bad = json.loads(json.dumps(good))
    bad["summary"]["sentences"][0]["citations"][0]["article_id"] = "zzz"
    assert check_story_json(bad, versions)


@pytest.mark.slow
def test_hundred_readers_during_ingest(tmp_path):
    stats = read_during_ingest(tmp_path, readers=100, stories=6, per_story=40, batch=5)
    assert stats["failed"] == 0 and stats["half_written"] == 0, stats["errors"]


if __name__ == "__main__":
    print(read_during_ingest(Path(os.environ.get("TMPDIR", "/tmp")), 4, 2, 10, 4))
