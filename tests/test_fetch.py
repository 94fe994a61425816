"""Fetching URLs and feeds (newsweave.fetch) against a local HTTP server on 127.0.0.1.

The server (started by the ``site`` fixture) serves normal article pages with ETag and
Last-Modified, feeds in every format, slow answers, 404/500, a redirect loop, a 100 MB body
(generated chunk by chunk, never held in memory), a wrong declared charset and a page that is
mostly navigation. No test touches any other address (see the network guard in conftest.py).
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsweave.errors import FetchError
from newsweave.fetch import (
    FeedEntry,
    FetchConfig,
    Fetcher,
    fetch_feed,
    fetch_urls,
    parse_feed,
)
from newsweave.store import Store

N_FEED = 50
BROKEN = {  # feed entry index -> path of a page broken in its own way
    7: "/missing",  # 404
    14: "/error",  # 500, every time (retries exhausted)
    21: "/report.pdf",  # a PDF
    28: "/loop/a",  # redirect loop
    35: "/nav",  # a page that is mostly navigation
}
WORDS = (
    "harbour council budget tunnel ferry inspectors contract engineers rainfall minister "
    "residents survey cargo terminal union wages pilots strike airport schedule"
).split()


def article_html(n: int, version: int = 1) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(40)]
    paras = "".join(
        f"<p>Paragraph {k} of story {n} (v{version}): the {' '.join(words[k : k + 12])} "
        f"said officials on day {n + k}. Reporters confirmed the figures later.</p>"
        for k in range(6)
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Story {n} headline about the {words[0]} | Local Gazette</title>"
        f"<meta property='og:site_name' content='Local Gazette'>"
        f"<meta name='author' content='Reporter {n}'>"
        f"<meta property='article:published_time' content='2024-03-{n % 28 + 1:02d}'>"
        f"<link rel='canonical' href='/article/{n}'></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
        f"<h1>Story {n} headline about the {words[0]}</h1>{paras}</article>"
        f"<footer>Copyright Local Gazette</footer></body></html>"
    )


NAV_HTML = (
    "<html><head><title>Sections</title></head><body><ul>"
    + "".join(f"<li><a href='/s{i}'>Section {i} latest headlines today</a></li>" for i in range(80))
    + "</ul></body></html>"
)
CP1252_TEXT = (
    "Café owners in Zürich said the “new rules” cost them €200 a week. "
    "The naïve plan, critics said, ignored façades and señoras alike. "
) * 6


class Site:
    """State of the local server: hit counters and the current page versions."""

    def __init__(self):
        self.hits: dict[str, int] = {}
        self.full_bodies: dict[str, int] = {}  # 200 answers with a body
        self.versions: dict[int, int] = {}
        self.huge_sent = 0
        self.user_agents: set[str] = set()
        self.lock = threading.Lock()
        self.base = ""

    def hit(self, path: str) -> int:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep the test output clean
            pass

        def send_body(
            self,
            body: bytes,
            ctype: str = "text/html; charset=utf-8",
            status: int = 200,
            headers: dict | None = None,
        ):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
            if status == 200:
                with site.lock:
                    site.full_bodies[self.path] = site.full_bodies.get(self.path, 0) + 1

        def do_GET(self):  # noqa: C901 - one route per branch
            path = self.path
            n_hit = site.hit(path)
            site.user_agents.add(self.headers.get("User-Agent", ""))
            if path == "/robots.txt":
                return self.send_body(b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path.startswith("/article/"):
                n = int(path.rsplit("/", 1)[1])
                version = site.versions.get(n, 1)
                body = article_html(n, version).encode()
                etag = '"' + hashlib.md5(body).hexdigest() + '"'
                lm = "Mon, 04 Mar 2024 10:00:00 GMT"
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                return self.send_body(body, headers={"ETag": etag, "Last-Modified": lm})
            if path == "/lm-only":
                lm = "Mon, 04 Mar 2024 10:00:00 GMT"
                if self.headers.get("If-Modified-Since") == lm:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                return self.send_body(article_html(99).encode(), headers={"Last-Modified": lm})
            if path in ("/feed.xml", "/feed.atom", "/feed.json", "/feed.rdf", "/feed-rss091"):
                body = FEEDS[path](site.base).encode()
                ctype = {"/feed.json": "application/feed+json"}.get(path, "application/xml")
                etag = '"' + hashlib.md5(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                return self.send_body(body, ctype, headers={"ETag": etag})
            if path == "/missing":
                return self.send_body(b"<h1>Not found</h1>", status=404)
            if path == "/error":
                return self.send_body(b"oops", status=500)
            if path == "/flaky":
                if n_hit == 1:
                    return self.send_body(b"busy", status=503, headers={"Retry-After": "0"})
                return self.send_body(article_html(77).encode())
            if path == "/ratelimited":
                if n_hit == 1:
                    return self.send_body(b"slow down", status=429, headers={"Retry-After": "1"})
                return self.send_body(article_html(78).encode())
            if path == "/always-429-long":
                return self.send_body(b"later", status=429, headers={"Retry-After": "3600"})
            if path == "/report.pdf":
                return self.send_body(b"%PDF-1.4 fake", "application/pdf")
            if path == "/image":
                return self.send_body(b"\x89PNG\r\n\x1a\n....", "image/png")
            if path == "/sniffed-pdf":
                return self.send_body(b"%PDF-1.7 no content type", "")
            if path.startswith("/loop/"):
                nxt = "/loop/b" if path.endswith("/a") else "/loop/a"
                self.send_response(302)
                self.send_header("Location", nxt)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path.startswith("/hop/"):
                k = int(path.rsplit("/", 1)[1])
                self.send_response(301)
                self.send_header("Location", f"/hop/{k + 1}" if k < 10 else "/article/1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path == "/moved":
                self.send_response(301)
                self.send_header("Location", f"{site.base}/article/3")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path == "/nav":
                return self.send_body(NAV_HTML.encode())
            if path == "/private/secret":
                return self.send_body(article_html(5).encode())
            if path == "/slow":
                time.sleep(3)
                try:
                    return self.send_body(article_html(6).encode())
                except OSError:  # the client gave up first: what we want
                    return
            if path == "/drip":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                try:
                    for _ in range(100):
                        self.wfile.write(b"<p>" + b"x" * 96 + b"</p>")
                        self.wfile.flush()
                        time.sleep(0.1)
                except OSError:
                    pass
                return
            if path in ("/huge", "/huge-declared"):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                total = 100 * 1024 * 1024
                if path == "/huge-declared":
                    self.send_header("Content-Length", str(total))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<p>" + b"filler " * 9360 + b"</p>\n"  # ~64 KiB
                try:
                    while site.huge_sent < total:
                        self.wfile.write(chunk)
                        site.huge_sent += len(chunk)
                except OSError:  # the client hung up at its cap: what we want
                    pass
                self.close_connection = True
                return
            if path == "/wrong-charset":  # declares UTF-8, is cp1252
                body = (
                    f"<html><head><meta charset='utf-8'><title>Cafe story</title></head>"
                    f"<body><article><p>{CP1252_TEXT}</p></article></body></html>"
                )
                return self.send_body(body.encode("cp1252"), "text/html; charset=utf-8")
            if path == "/claims-latin1":  # declares ISO-8859-1, is UTF-8
                body = (
                    f"<html><head><title>Cafe story</title></head>"
                    f"<body><article><p>{CP1252_TEXT}</p></article></body></html>"
                )
                return self.send_body(body.encode("utf-8"), "text/html; charset=iso-8859-1")
            return self.send_body(b"no such route", "text/plain", status=404)

    return Handler


def rss_feed(base: str) -> str:
    items = []
    for i in range(1, N_FEED + 1):
        path = BROKEN.get(i, f"/article/{i}")
        items.append(
            f"<item><title>Entry {i}</title><link>{base}{path}</link>"
            f"<pubDate>Mon, 04 Mar 2024 10:{i:02d}:00 GMT</pubDate>"
            f"<author>desk{i}@example.org (Desk {i})</author></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Local Gazette</title><link>{base}/</link>{''.join(items)}</channel></rss>"
    )


def atom_feed(base: str) -> str:
    entries = "".join(
        f"<entry><title>Atom {i}</title><link rel='alternate' href='{base}/article/{i}'/>"
        f"<id>urn:uuid:{i}</id><updated>2024-03-0{i}T08:00:00Z</updated>"
        f"<author><name>Writer {i}</name></author></entry>"
        for i in range(1, 4)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Atom Gazette</title><id>urn:feed</id><updated>2024-03-04T00:00:00Z</updated>"
        f"{entries}</feed>"
    )


def json_feed(base: str) -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON Gazette",
            "items": [
                {
                    "id": str(i),
                    "url": f"{base}/article/{i}",
                    "title": f"JSON {i}",
                    "date_published": f"2024-03-0{i}T09:00:00Z",
                    "authors": [{"name": f"Author {i}"}],
                }
                for i in range(1, 4)
            ]
            + [{"id": "x", "content_text": "no link here"}],
        }
    )


def rdf_feed(base: str) -> str:
    items = "".join(
        f"<item rdf:about='{base}/article/{i}'><title>RDF {i}</title>"
        f"<link>{base}/article/{i}</link></item>"
        for i in range(1, 3)
    )
    return (
        "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-"
        "ns#' xmlns='http://purl.org/rss/1.0/'><channel rdf:about='x'><title>RDF</title>"
        f"<link>{base}</link></channel>{items}</rdf:RDF>"
    )


def rss091_feed(base: str) -> str:
    items = "".join(
        f"<item><title>Old {i}</title><link>{base}/article/{i}</link></item>" for i in range(1, 3)
    )
    return (
        f"<?xml version='1.0'?><rss version='0.91'><channel><title>Old</title>"
        f"<link>{base}</link><description>d</description><language>en</language>"
        f"{items}</channel></rss>"
    )


FEEDS = {
    "/feed.xml": rss_feed,
    "/feed.atom": atom_feed,
    "/feed.json": json_feed,
    "/feed.rdf": rdf_feed,
    "/feed-rss091": rss091_feed,
}


@pytest.fixture(scope="module")
def site():
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


# Small timeouts and no politeness delay keep the suite fast.
FAST = FetchConfig(
    connect_timeout=2,
    read_timeout=1.0,
    total_timeout=4,
    backoff=0.05,
    max_retry_after=2,
    host_delay=0,
    per_host=8,
    workers=8,
    max_bytes=2 * 1024 * 1024,
    trust_env=False,
)


def get(site: Site, path: str, config: FetchConfig = FAST):
    with Fetcher(config) as f:
        return f.get(site.base + path)


# ------------------------------------------------------------------ single pages


def test_normal_page_is_fetched_with_user_agent_and_validators(site):
    page = get(site, "/article/2")
    assert page.status == 200 and b"Story 2 headline" in page.body
    assert page.etag and page.last_modified
    assert any(ua.startswith("newsweave/") for ua in site.user_agents)


@pytest.mark.parametrize(
    "path, words",
    [
        ("/missing", "HTTP 404"),
        ("/error", "HTTP 500"),
        ("/report.pdf", "PDF"),
        ("/image", "image"),
        ("/sniffed-pdf", "PDF"),
        ("/loop/a", "redirect loop"),
        ("/hop/0", "max_redirects"),
        ("/private/secret", "robots.txt"),
        ("/always-429-long", "Retry-After"),
    ],
)
def test_bad_pages_raise_fetch_error_with_reason(site, path, words):
    with pytest.raises(FetchError) as info:
        get(site, path)
    assert words in str(info.value)


def test_500_is_retried_before_giving_up(site):
    before = site.hits.get("/error", 0)
    with pytest.raises(FetchError):
        get(site, "/error")
    assert site.hits["/error"] - before == FAST.retries + 1


def test_503_with_retry_after_is_retried(site):
    page = get(site, "/flaky")
    assert page.status == 200 and site.hits["/flaky"] == 2


def test_429_honours_retry_after(site):
    t0 = time.monotonic()
    page = get(site, "/ratelimited")
    assert page.status == 200
    assert time.monotonic() - t0 >= 0.9  # waited the server's Retry-After: 1


def test_redirect_is_followed(site):
    page = get(site, "/moved")
    assert page.final_url.endswith("/article/3") and b"Story 3" in page.body


def test_slow_response_times_out(site):
    cfg = FetchConfig(
        read_timeout=0.3, total_timeout=2, retries=0, host_delay=0, trust_env=False, robots=False
    )
    with Fetcher(cfg) as f:
        t0 = time.monotonic()
        with pytest.raises(FetchError) as info:
            f.get(site.base + "/slow")
        elapsed = time.monotonic() - t0
    assert "timed out" in str(info.value)
    assert elapsed < 2.5  # the server answers after 3 s


def test_dripping_body_is_cut_at_total_timeout(site):
    cfg = FetchConfig(
        read_timeout=1, total_timeout=0.8, retries=0, host_delay=0, trust_env=False, robots=False
    )
    with Fetcher(cfg) as f:
        t0 = time.monotonic()
        with pytest.raises(FetchError) as info:
            f.get(site.base + "/drip")
        elapsed = time.monotonic() - t0
    assert "total_timeout" in str(info.value)
    assert elapsed < 5  # the whole body would take 10 s


def test_100_mb_body_is_aborted_at_the_cap(site):
    site.huge_sent = 0
    with pytest.raises(FetchError) as info:
        get(
            site,
            "/huge",
            FetchConfig(max_bytes=1024 * 1024, host_delay=0, trust_env=False, retries=0),
        )
    assert "max_bytes" in str(info.value)
    time.sleep(0.2)
    assert site.huge_sent < 40 * 1024 * 1024  # the download stopped long before 100 MB


def test_declared_100_mb_body_is_refused_before_reading(site):
    with pytest.raises(FetchError) as info:
        get(
            site,
            "/huge-declared",
            FetchConfig(max_bytes=1024 * 1024, host_delay=0, trust_env=False, retries=0),
        )
    assert "not downloaded" in str(info.value)


def test_non_http_url_is_refused():
    with Fetcher(FAST) as f, pytest.raises(FetchError, match="http"):
        f.get("ftp://127.0.0.1/file")


def test_per_host_limit_and_delay(site):
    cfg = FetchConfig(per_host=1, host_delay=0.2, trust_env=False, robots=False)
    urls = [f"{site.base}/article/{i}" for i in range(40, 44)]
    t0 = time.monotonic()
    res = fetch_urls(urls, cfg)
    assert len(res.articles) == 4
    assert time.monotonic() - t0 >= 0.6  # three gaps of 0.2 s between the four starts


# ------------------------------------------------------------------ charset and extraction


@pytest.mark.parametrize("path", ["/wrong-charset", "/claims-latin1"])
def test_wrong_declared_charset_is_decoded_right(site, path):
    res = fetch_urls([site.base + path], FAST)
    assert not res.skipped, res.skipped
    text = res.articles[0].text
    assert "Café owners in Zürich" in text and "“new rules”" in text and "€200" in text


def test_navigation_page_is_skipped_with_reason(site):
    res = fetch_urls([site.base + "/nav"], FAST)
    assert not res.articles
    assert "navigation" in res.skipped[0].reason


# ------------------------------------------------------------------ feeds


@pytest.mark.parametrize(
    "path, n, title",
    [
        ("/feed.atom", 3, "Atom 1"),
        ("/feed.json", 4, "JSON 1"),
        ("/feed.rdf", 2, "RDF 1"),
        ("/feed-rss091", 2, "Old 1"),
        ("/feed.xml", N_FEED, "Entry 1"),
    ],
)
def test_feed_formats_are_parsed(site, path, n, title):
    with Fetcher(FAST) as f:
        page = f.get(site.base + path, kinds=("application/xml", "application/feed+json"))
    _, entries = parse_feed(page.body, path)
    assert len(entries) == n and entries[0].title == title
    assert entries[0].url.startswith(site.base)
    if path in ("/feed.atom", "/feed.json"):
        assert entries[0].published.startswith("2024-03-01")
        assert entries[0].author in ("Writer 1", "Author 1")


def test_json_feed_entry_without_link_is_reported(site):
    res = fetch_feed(site.base + "/feed.json", FAST)
    assert len(res.articles) == 3
    assert any("no link" in s.reason for s in res.skipped)


def test_not_a_feed_is_an_error():
    with pytest.raises(FetchError, match="not"):
        parse_feed(b"<html><body>hello</body></html>", "x")


def test_feed_of_50_with_5_broken_then_nothing_downloaded_again(site, tmp_path):
    db = tmp_path / "nw.db"
    with Store(db) as store:
        first = fetch_feed(site.base + "/feed.xml", FAST, store)
        assert len(first.articles) == N_FEED - len(BROKEN) == 45
        assert len(first.skipped) == 5
        reasons = {
            s.source.rsplit("/", 2)[-2] + "/" + s.source.rsplit("/", 1)[-1]: s.reason
            for s in first.skipped
        }
        assert len(set(reasons.values())) == 5  # five different reasons
        joined = " | ".join(reasons.values())
        for words in ("HTTP 404", "HTTP 500", "PDF", "redirect loop", "navigation"):
            assert words in joined
        assert first.downloads == 47  # the feed, 45 articles and the navigation page
        stored = store.connection.execute("SELECT count(*) FROM pages").fetchone()[0]
        assert stored == 47
        # entry metadata and page metadata land in the article
        a = next(x for x in first.articles if x.source.endswith("/article/1"))
        assert a.title.startswith("Story 1 headline")
        assert a.author == "Reporter 1" and a.outlet == "Local Gazette"
        assert a.published.startswith("2024-03-02") and a.language == "en"
        assert a.extraction == "trafilatura" and a.confidence and a.confidence > 0.5

        def page_bodies():  # article pages and the feed (robots.txt is read once per run)
            return sum(
                v
                for k, v in site.full_bodies.items()
                if k.startswith(("/article/", "/feed", "/nav"))
            )

        bodies_before = page_bodies()
        second = fetch_feed(site.base + "/feed.xml", FAST, store)
        assert second.downloads == 0 and second.reused == 47
        assert page_bodies() == bodies_before  # nothing re-downloaded
        assert [x.id for x in second.articles] == [x.id for x in first.articles]

        site.versions[9] = 2  # one page changes: only it is downloaded again
        third = fetch_feed(site.base + "/feed.xml", FAST, store)
        assert third.downloads == 1
        changed = next(x for x in third.articles if x.source.endswith("/article/9"))
        assert "(v2)" in changed.text

        offline = fetch_feed(
            site.base + "/feed.xml", FetchConfig(offline=True, robots=False, trust_env=False), store
        )
        assert offline.downloads == 0 and len(offline.articles) == 45


def test_last_modified_conditional_get(site, tmp_path):
    with Store(tmp_path / "s.db") as store:
        first = fetch_urls([site.base + "/lm-only"], FAST, store)
        second = fetch_urls([site.base + "/lm-only"], FAST, store)
    assert first.downloads == 1 and second.downloads == 0 and second.reused == 1
    assert first.articles[0].id == second.articles[0].id


def test_entries_carry_feed_metadata_when_page_lacks_it(site):
    res = fetch_urls(
        [
            FeedEntry(
                site.base + "/wrong-charset",
                title="Feed title",
                published="2024-01-02T00:00:00+00:00",
                author="Feed Author",
            )
        ],
        FAST,
    )
    art = res.articles[0]
    assert art.author == "Feed Author" and art.published.startswith("2024-01-02")


# ------------------------------------------------------------------ CLI


def test_cli_fetch_feed_no_weave(site, tmp_path, capsys):
    from newsweave.cli import main

    db = tmp_path / "cli.db"
    code = main(
        [
            "fetch",
            "--feed",
            site.base + "/feed.xml",
            "--no-weave",
            "--db",
            str(db),
            "--timeout",
            "4",
            "--delay",
            "0",
            "--per-host",
            "8",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 3  # partial: five entries skipped
    assert "stored 45 new article(s)" in out
    assert "skipped 5 input(s)" in err
    with Store(db) as store:
        assert store.article_count() == 45


def test_cli_fetch_urls_file(site, tmp_path, capsys):
    from newsweave.cli import main

    urls = tmp_path / "urls.txt"
    urls.write_text(f"# my list\n{site.base}/article/11\n\n{site.base}/missing\n")
    code = main(
        ["fetch", "--urls", str(urls), "--no-weave", "--db", str(tmp_path / "u.db"), "--delay", "0"]
    )
    out, err = capsys.readouterr()
    assert code == 3 and "stored 1 new article(s)" in out and "HTTP 404" in err


def test_guard_blocks_other_addresses():
    """The conftest network guard: anything but loopback fails the test."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(AssertionError, match="127.0.0.1"):
            s.connect(("192.0.2.1", 80))  # TEST-NET-1, never routed
    finally:
        s.close()


@pytest.mark.slow
def test_cli_weave_feed_shortcut_weaves_and_stores(site, tmp_path, capsys):
    """`newsweave weave --feed URL --db FILE`: fetch, then the whole pipeline (models: slow)."""
    from newsweave.cli import main

    db = tmp_path / "w.db"
    code = main(
        [
            "weave",
            "--feed",
            site.base + "/feed.atom",
            "--db",
            str(db),
            "--format",
            "json",
            "--quiet",
            "--no-facts",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["stories"]
    with Store(db) as store:
        assert store.article_count() == 3
        assert store.connection.execute("SELECT count(*) FROM pages").fetchone()[0] == 4
