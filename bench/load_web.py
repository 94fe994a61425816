"""Load test of the web app (newsweave.web): story-page server time and concurrent readers.

Builds a synthetic store (one 40-article story with a 10-sentence cited summary and a full set
of facts, plus many smaller stories), starts ``newsweave serve`` on it in a separate process
on 127.0.0.1, then

1. requests the 40-article story page ``--repeat`` times one after another and reports the
   server time of each (the app's ``Server-Timing: app;dur=`` header) and the client latency;
2. runs ``--clients`` concurrent readers (httpx, asyncio), each making ``--requests``
   requests over a mix of pages and API calls (list, story pages, articles, search, JSON),
   and reports errors, throughput and latency percentiles.

Usage::

    .venv/bin/python bench/load_web.py                      # defaults: 40 articles, 100 clients
    .venv/bin/python bench/load_web.py --clients 100 --requests 20 --json

Needs no models: the store is built from model objects directly.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsweave.model import (
    Article,
    Citation,
    Coverage,
    CoverageFact,
    Entity,
    Figure,
    FigureGroup,
    Mention,
    Quote,
    Sentence,
    SentenceRef,
    Story,
    Summary,
    SummarySentence,
    TimelineEvent,
    WeaveResult,
)
from newsweave.store import Store

WORDS = (
    "the council said minister port harbour budget talks union strike river bridge tariffs "
    "report officials police court ruling trade exports plan vote election company shares "
    "market prices energy grid storm flood rescue hospital trial data city region "
    "government opposition spokesperson statement deal agreement billion million percent"
).split()
OUTLETS = [
    "Harbour Gazette",
    "Nordic Wire",
    "Evening Star",
    "Coastline Daily",
    "Meridian Post",
    "Northgate Herald",
    "Science Desk",
    "Financial Compass",
    "BioLedger",
    "City Wire",
]


def _sentence(rng: random.Random, n_words: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n_words)]
    words[0] = words[0].capitalize()
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), "<b>&amp;</b>")  # markup to escape
    return " ".join(words) + "."


def make_article(rng: random.Random, aid: str, outlet: str, day: int, n_sent: int) -> Article:
    sents, text, pos = [], "", 0
    for i in range(n_sent):
        s = _sentence(rng, rng.randint(12, 30))
        if i:
            sep = "\n\n" if i % 4 == 0 else " "
            text += sep
            pos += len(sep)
        sents.append(Sentence(i, s, pos, pos + len(s)))
        text += s
        pos += len(s)
    return Article(
        id=aid,
        text=text,
        title=_sentence(rng, 8)[:-1],
        outlet=outlet,
        published=f"2030-05-{1 + day % 28:02d}",
        source=f"bench/{aid}.txt",
        sentences=tuple(sents),
        raw_text="Photo: someone/Agency\n" + text,
        removed=(),
    )


def make_story(rng: random.Random, sid: str, n_articles: int, facts: bool = True) -> Story:
    arts = tuple(
        make_article(rng, f"{sid}a{i:03d}", OUTLETS[i % len(OUTLETS)], i, rng.randint(15, 35))
        for i in range(n_articles)
    )

    def cite(a: Article, i: int) -> Citation:
        s = a.sentences[i]
        return Citation(a.id, i, s.start, s.end)

    def rand_cite() -> Citation:
        a = rng.choice(arts)
        return cite(a, rng.randrange(len(a.sentences)))

    summary_sents = []
    for _ in range(min(10, 2 * n_articles)):
        cites = [rand_cite() for _ in range(rng.randint(1, 3))]
        first = cites[0]
        a = next(x for x in arts if x.id == first.article_id)
        summary_sents.append(SummarySentence(a.sentences[first.sentence_index].text, tuple(cites)))
    kw = {}
    if facts:

        def mention() -> Mention:
            c = rand_cite()
            return Mention(c, "name")

        kw = {
            "entities": tuple(
                Entity(
                    f"e{i}",
                    f"Entity {i}",
                    rng.choice(["PERSON", "ORG", "GPE"]),
                    mentions=tuple(mention() for _ in range(rng.randint(1, 12))),
                )
                for i in range(40)
            ),
            "quotes": tuple(
                Quote(
                    f"Speaker {i % 8}",
                    _sentence(rng, 14),
                    c,
                    sources=(SentenceRef(c.article_id, c.sentence_index),),
                    article_ids=(c.article_id,),
                )
                for i, c in enumerate(rand_cite() for _ in range(25))
            ),
            "figures": tuple(
                FigureGroup(
                    f"g{i}",
                    f"measure {i}",
                    disagreement=i % 5 == 0,
                    members=tuple(
                        Figure(
                            float(rng.randint(1, 900)) * 1e6,
                            "USD",
                            "$x million",
                            c,
                            "money",
                            measure=f"measure {i}",
                        )
                        for c in (rand_cite() for _ in range(rng.randint(1, 5)))
                    ),
                )
                for i in range(15)
            ),
            "timeline": tuple(
                TimelineEvent(
                    f"20{rng.randint(18, 30)}-{rng.randint(1, 12):02d}",
                    _sentence(rng, 10),
                    (rand_cite(),),
                )
                for _ in range(20)
            ),
            "coverage": tuple(
                Coverage(
                    o,
                    tuple(a.id for a in arts if a.outlet == o),
                    facts=tuple(
                        CoverageFact(
                            "sentence",
                            _sentence(rng, 12),
                            SentenceRef(c.article_id, c.sentence_index),
                        )
                        for c in (rand_cite() for _ in range(3))
                    ),
                )
                for o in sorted({a.outlet for a in arts})
            ),
        }
    return Story(
        id=sid,
        headline=_sentence(rng, 9)[:-1],
        articles=arts,
        summary=Summary(tuple(summary_sents), method="bench"),
        **kw,
    )


def build_store(path: Path, big: int, others: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    big_story = make_story(rng, "sbig0000000", big)
    small = [
        make_story(rng, f"ssmall{i:05d}", rng.randint(1, 6), facts=i % 2 == 0)
        for i in range(others)
    ]
    with Store(path) as store:
        store.save_result(WeaveResult(stories=[big_story, *small]))
    return {
        "big": big_story.id,
        "stories": [s.id for s in small],
        "articles": [a.id for s in small for a in s.articles] + [a.id for a in big_story.articles],
        "big_articles": [a.id for a in big_story.articles],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, cache: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, NEWSWEAVE_WEB_CACHE=str(cache))
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {log.read_text(errors='replace')}")
        try:
            r = httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2)
            if r.status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 60 s")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def server_ms(response: httpx.Response) -> float:
    timing = response.headers.get("server-timing", "")
    for part in timing.split(","):
        if "dur=" in part:
            return float(part.split("dur=")[1].split(";")[0])
    return float("nan")


def story_page_timing(base: str, story_id: str, repeat: int) -> dict:
    server, client = [], []
    size = 0
    with httpx.Client(base_url=base, timeout=30) as c:
        c.get(f"/stories/{story_id}")  # warm-up (templates compiled, connection opened)
        for _ in range(repeat):
            t0 = time.perf_counter()
            r = c.get(f"/stories/{story_id}")
            client.append((time.perf_counter() - t0) * 1000)
            r.raise_for_status()
            size = len(r.content)
            server.append(server_ms(r))
        api = []
        for _ in range(max(5, repeat // 4)):
            r = c.get(f"/api/stories/{story_id}")
            r.raise_for_status()
            api.append(server_ms(r))
    return {
        "requests": repeat,
        "html_bytes": size,
        "server_ms_p50": statistics.median(server),
        "server_ms_p95": pct(server, 95),
        "server_ms_max": max(server),
        "client_ms_p50": statistics.median(client),
        "api_json_server_ms_p50": statistics.median(api),
    }


def render_cpu(db: Path, story_id: str, repeat: int) -> dict:
    """CPU time (this process, one thread) of a cold story-page render: load the story from
    the store, build the page model, render the template. Unlike wall time it does not grow
    when other processes share the cores."""
    from newsweave import web

    env = web._templates()
    env.globals.update(version="bench", allow_add=False)
    load, build, render = [], [], []
    with Store(db, create=False, readonly=True) as store:
        for _ in range(repeat):
            t0 = time.process_time()
            story = store.load_story(story_id)
            t1 = time.process_time()
            ctx = web.story_page(story)
            t2 = time.process_time()
            env.get_template("story.html").render(title=story.headline, **ctx)
            t3 = time.process_time()
            load.append(t1 - t0)
            build.append(t2 - t1)
            render.append(t3 - t2)
    total = [a + b + c for a, b, c in zip(load, build, render, strict=True)]
    return {
        k: round(statistics.median(v) * 1000, 1)
        for k, v in (
            ("cpu_ms_total_p50", total),
            ("cpu_ms_load_story_p50", load),
            ("cpu_ms_page_model_p50", build),
            ("cpu_ms_template_p50", render),
        )
    }


def _kind(url: str) -> str:
    """The route of a URL, for per-route figures: ``/stories/{id}``, ``/api/search``, ..."""
    path = url.split("?")[0]
    parts = path.strip("/").split("/")
    if len(parts) >= 2 and parts[-2] in ("stories", "articles"):
        parts[-1] = "{id}"
    return "/" + "/".join(p for p in parts if p)


async def _reader(
    client: httpx.AsyncClient,
    urls: list[str],
    n: int,
    rng: random.Random,
    lat: list[float],
    errors: list[str],
    server: dict[str, list[float]],
) -> None:
    for _ in range(n):
        url = rng.choice(urls)
        t0 = time.perf_counter()
        try:
            r = await client.get(url)
            if r.status_code != 200:
                errors.append(f"{r.status_code} {url}")
            else:
                await r.aread()
                server.setdefault(_kind(url), []).append(server_ms(r))
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__} {url}")
        lat.append((time.perf_counter() - t0) * 1000)


async def concurrent_readers(base: str, ids: dict, clients: int, requests: int) -> dict:
    rng = random.Random(11)
    urls = (
        [
            "/",
            "/?page=2",
            f"/stories/{ids['big']}",
            f"/api/stories/{ids['big']}",
            "/api/stories",
            "/search?q=harbour+budget",
            "/api/search?q=strike",
            "/search?q=bil",
        ]
        + [f"/stories/{s}" for s in rng.sample(ids["stories"], 20)]
        + [f"/articles/{a}" for a in rng.sample(ids["articles"], 20)]
    )
    lat: list[float] = []
    errors: list[str] = []
    server: dict[str, list[float]] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        t0 = time.perf_counter()
        await asyncio.gather(
            *(
                _reader(client, urls, requests, random.Random(i), lat, errors, server)
                for i in range(clients)
            )
        )
        wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "requests": len(lat),
        "errors": len(errors),
        "error_samples": errors[:5],
        "wall_s": round(wall, 2),
        "req_per_s": round(len(lat) / wall, 1),
        "latency_ms_p50": round(pct(lat, 50), 1),
        "latency_ms_p95": round(pct(lat, 95), 1),
        "latency_ms_p99": round(pct(lat, 99), 1),
        "latency_ms_max": round(max(lat), 1),
        "server_ms_p50_by_route": {
            k: round(statistics.median(v), 1) for k, v in sorted(server.items())
        },
        "server_busy_s": round(sum(sum(v) for v in server.values()) / 1000, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=40, help="articles in the big story")
    ap.add_argument("--stories", type=int, default=300, help="other (small) stories")
    ap.add_argument("--repeat", type=int, default=50, help="sequential story-page requests")
    ap.add_argument("--clients", type=int, default=100, help="concurrent readers")
    ap.add_argument("--requests", type=int, default=20, help="requests per reader")
    ap.add_argument("--db", help="reuse/build the store here (default: a temp dir)")
    ap.add_argument(
        "--cache",
        type=int,
        default=0,
        help="server page cache size (NEWSWEAVE_WEB_CACHE; default 0: every story "
        "page is rendered from the store, the worst case)",
    )
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newsweave-load-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "load.db"
        if db.exists():
            db.unlink()
        t0 = time.perf_counter()
        ids = build_store(db, args.articles, args.stories)
        build_s = time.perf_counter() - t0
        port = _free_port()
        log = Path(tmp) / "server.log"
        proc = start_server(db, port, args.cache, log)
        base = f"http://127.0.0.1:{port}"
        try:
            page = story_page_timing(base, ids["big"], args.repeat)
            page.update(render_cpu(db, ids["big"], 20))
            load = asyncio.run(concurrent_readers(base, ids, args.clients, args.requests))
        finally:
            proc.terminate()
            proc.wait(10)
        server_log = log.read_text(errors="replace").strip().splitlines()
    out = {
        "store": {
            "big_story_articles": args.articles,
            "other_stories": args.stories,
            "build_s": round(build_s, 2),
        },
        "story_page": {k: round(v, 1) if isinstance(v, float) else v for k, v in page.items()},
        "concurrent": load,
        "server_cache": args.cache,
        "server_log_tail": server_log[-5:],
        "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        sp, cc = out["story_page"], load
        print(
            f"store: 1 story of {args.articles} articles + {args.stories} small stories "
            f"(built in {build_s:.1f} s)"
        )
        print(
            f"story page ({sp['html_bytes']} bytes HTML), {sp['requests']} sequential requests: "
            f"server p50 {sp['server_ms_p50']} ms, p95 {sp['server_ms_p95']} ms, "
            f"max {sp['server_ms_max']} ms; client p50 {sp['client_ms_p50']} ms; "
            f"/api/stories/{{id}} server p50 {sp['api_json_server_ms_p50']} ms"
        )
        print(
            f"cold render CPU time (in-process, p50 of 20): total {sp['cpu_ms_total_p50']} ms "
            f"= load_story {sp['cpu_ms_load_story_p50']} + page model "
            f"{sp['cpu_ms_page_model_p50']} + template {sp['cpu_ms_template_p50']}"
        )
        print(
            f"{cc['clients']} concurrent readers, {cc['requests']} requests in {cc['wall_s']} s "
            f"({cc['req_per_s']} req/s): errors {cc['errors']}; latency p50 "
            f"{cc['latency_ms_p50']} ms, p95 {cc['latency_ms_p95']} ms, p99 "
            f"{cc['latency_ms_p99']} ms, max {cc['latency_ms_max']} ms"
        )
        print(
            "server time p50 by route under load (ms):",
            ", ".join(f"{k} {v}" for k, v in cc["server_ms_p50_by_route"].items()),
        )
        print(f"server page cache: {args.cache} (0 = every story page rendered)")
        if cc["errors"]:
            print("error samples:", cc["error_samples"])
            print("server log tail:", *server_log[-5:], sep="\n  ")
    return 0 if load["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
