"""Fetch articles from the web: URLs and feeds over HTTP (httpx), politely and safely.

:func:`fetch_urls` downloads pages and extracts their articles
(:func:`newsweave.extract.html_to_article`); :func:`fetch_feed` reads an RSS 0.9x / 1.0 / 2.0
or Atom feed (feedparser) or a JSON Feed (parsed here: feedparser does not read it) and
fetches the pages of its entries. Every URL yields an :class:`~newsweave.model.Article` or a
:class:`~newsweave.model.Skipped` naming the URL and why (HTTP 404, a PDF, a redirect loop,
a body over the size cap, a timeout, robots.txt, ...); one bad URL never stops the batch.

What the fetcher guarantees (all settings in :class:`FetchConfig`):

- **time**: connect, read and total timeouts; a server that drips bytes is cut at the total.
- **size**: the body is streamed and the download aborted past ``max_bytes`` (a declared
  ``Content-Length`` over the cap is refused before reading), so a 100 MB page never sits in
  memory.
- **redirects**: followed by hand, at most ``max_redirects``; a loop is detected and named.
- **retries**: on 429 and 5xx answers and on connection errors, with exponential backoff,
  honouring ``Retry-After`` (seconds or an HTTP date) up to ``max_retry_after``.
- **politeness**: at most ``per_host`` requests at once to one host and ``host_delay``
  seconds between their starts; robots.txt is read (once per host) and obeyed; a clear
  ``User-Agent`` names newsweave.
- **content type**: only HTML and XHTML pages are extracted; PDFs, images and other types are
  skipped with the reason (the body is not downloaded).
- **no re-download**: with a :class:`~newsweave.store.Store`, every page's raw bytes are kept
  in its ``pages`` table with the ETag and Last-Modified; a re-fetch is a conditional GET
  and a ``304 Not Modified`` reuses the stored page. A stored page served without either
  validator is reused without a request (article pages do not change once published);
  ``offline=True`` reuses every stored page without a request, ``refresh=True`` downloads
  everything again. Feeds are always asked for again (conditionally when possible).
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from newsweave._version import __version__
from newsweave.errors import FetchError, InputError
from newsweave.model import Article, Skipped

if TYPE_CHECKING:
    from newsweave.store import Store

STAGE = "fetch"

USER_AGENT = (
    f"newsweave/{__version__} (news article reader; +https://github.com/newsweave/newsweave)"
)

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
    "text/plain",
    "text/html",
)  # misconfigured servers send feeds as text/html
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchConfig:
    """Settings of the fetcher; the defaults suit a laptop fetching a news feed."""

    # Seconds to open a connection / between two received chunks / for a whole page
    # (retries and their waits included).
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    # Largest body accepted (bytes, after Content-Encoding). News pages weigh 50 KB - 2 MB;
    # 10 MB leaves room for inline scripts and bounds memory per worker.
    max_bytes: int = 10 * 1024 * 1024
    # Redirects followed before giving up (browsers allow 20; news sites use 1-3).
    max_redirects: int = 5
    # Retries after a 429/5xx answer or a connection error, waiting backoff * 2**n seconds
    # (or the server's Retry-After when it is at most max_retry_after).
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 30.0
    # Politeness: simultaneous requests to one host, and seconds between their starts.
    per_host: int = 2
    host_delay: float = 0.5
    # Worker threads over all hosts.
    workers: int = 8
    robots: bool = True
    user_agent: str = USER_AGENT
    # Largest robots.txt read (bytes); Google reads 500 KiB.
    max_robots_bytes: int = 512 * 1024
    # Use stored pages without any request (no conditional GET) when the store has them.
    offline: bool = False
    # Download stored pages again in full (no conditional GET, no reuse).
    refresh: bool = False
    # Use the HTTP(S)_PROXY / NO_PROXY environment variables.
    trust_env: bool = True


@dataclass(frozen=True)
class Page:
    """A downloaded (or stored) page."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    fetched: str = ""  # UTC time of the download (ISO 8601)
    from_store: bool = False  # True when no body was downloaded (304, or offline)

    @property
    def charset(self) -> str | None:
        ct = self.content_type or ""
        for part in ct.split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip("\"'") or None
        return None

    @property
    def mime(self) -> str:
        return (self.content_type or "").split(";")[0].strip().lower()


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: the page to fetch and what the feed says about it."""

    url: str | None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    index: int = 0  # 1-based position in the feed


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------ page store


def stored_page(store: Store, url: str) -> Page | None:
    """The page stored for ``url`` (as requested), or None."""
    row = store.load_page(url)
    if row is None:
        return None
    return Page(
        url=row["url"],
        final_url=row["final_url"],
        status=row["status"],
        content_type=row["content_type"],
        body=row["body"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        fetched=row["fetched"],
        from_store=True,
    )


def save_page(store: Store, page: Page) -> None:
    """Store (or refresh) a page; a 304 answer only updates its ``checked`` time."""
    if page.from_store:
        store.mark_page_checked(page.url)
        return
    store.save_page(
        page.url,
        final_url=page.final_url,
        status=page.status,
        content_type=page.content_type,
        etag=page.etag,
        last_modified=page.last_modified,
        fetched=page.fetched,
        body=page.body,
    )


# ------------------------------------------------------------------ politeness


class _HostGate:
    """Per-host concurrency limit and minimum delay between request starts."""

    def __init__(self, per_host: int, delay: float):
        self.per_host = max(1, per_host)
        self.delay = max(0.0, delay)
        self._lock = threading.Lock()
        self._sems: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    def acquire(self, host: str, deadline: float) -> threading.Semaphore:
        with self._lock:
            sem = self._sems.setdefault(host, threading.Semaphore(self.per_host))
        if not sem.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise FetchError(
                f"waited too long for a free slot on {host} (per-host limit "
                f"{self.per_host}); raise fetch.total_timeout",
                stage=STAGE,
            )
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay
        if start > now:
            time.sleep(start - now)
        return sem


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


# ------------------------------------------------------------------ the fetcher


class Fetcher:
    """Downloads pages with the guarantees listed in the module docstring.

    Thread-safe: :meth:`get` may be called from several threads (``fetch_urls`` does).
    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        config: FetchConfig | None = None,
        store: Any = None,
        transport: Any = None,
        robots: dict[str, RobotFileParser | None] | None = None,
    ):
        """``robots``: a robots.txt cache shared with other fetchers of the same run (a feed's
        fetcher and its pages'), so each host's robots.txt is read once per run."""
        import httpx

        self.config = config or FetchConfig()
        self.store = store
        c = self.config
        self._httpx = httpx
        self.client = httpx.Client(
            headers={
                "User-Agent": c.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            },
            timeout=httpx.Timeout(
                connect=c.connect_timeout,
                read=c.read_timeout,
                write=c.read_timeout,
                pool=c.total_timeout,
            ),
            follow_redirects=False,
            transport=transport,
            trust_env=c.trust_env,
        )
        self.gate = _HostGate(c.per_host, c.host_delay)
        self._robots: dict[str, RobotFileParser | None] = {} if robots is None else robots
        self._robots_lock = threading.Lock()
        self._robots_fetch_lock = threading.Lock()  # one robots.txt request at a time
        self.downloads = 0  # full bodies downloaded (not 304s, not robots.txt)
        self._count_lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # ---- robots.txt

    def allowed(self, url: str, deadline: float) -> bool:
        """Whether robots.txt of ``url``'s host lets newsweave fetch it (cached per host).

        A missing robots.txt (4xx) allows everything; an unreachable one (5xx, network error)
        also allows, as most crawlers do, so a broken robots.txt never blocks a user's own
        list of URLs.
        """
        if not self.config.robots:
            return True
        host = _host(url)
        with self._robots_lock:
            known = host in self._robots
            parser = self._robots.get(host)
        if not known:
            with self._robots_fetch_lock:  # threads asking for one host wait for one request
                parser = self._read_robots(host, deadline)
        if parser is None:
            return True
        return parser.can_fetch(self.config.user_agent, url)

    def _read_robots(self, host: str, deadline: float) -> RobotFileParser | None:
        with self._robots_lock:
            if host in self._robots:  # another thread read it meanwhile
                return self._robots[host]
        parser = None
        try:
            status, _, body, _ = self._request(
                host + "/robots.txt", {}, deadline, self.config.max_robots_bytes, retries=0
            )
            if status == 200:
                parser = RobotFileParser()
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            elif status in (401, 403):
                parser = RobotFileParser()
                parser.disallow_all = True  # type: ignore[attr-defined]  # not in stubs
        except FetchError:
            parser = None
        with self._robots_lock:
            self._robots[host] = parser
        return parser

    # ---- one request (with retries)

    def _request(
        self,
        url: str,
        headers: dict[str, str],
        deadline: float,
        max_bytes: int,
        retries: int | None = None,
        accept: Callable[[int, Any], None] | None = None,
    ) -> tuple[int, Any, bytes, str]:
        """GET ``url`` (no redirect following) with retries; returns (status, headers, body,
        url). ``accept(status, headers)`` may raise to refuse a body before it is read."""
        httpx = self._httpx
        retries = self.config.retries if retries is None else retries
        attempt = 0
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(
                    f"no complete answer within fetch.total_timeout="
                    f"{self.config.total_timeout:g} s (slow server?)",
                    source=url,
                    stage=STAGE,
                )
            wait = None
            sem = self.gate.acquire(_host(url), deadline)
            try:
                timeout = httpx.Timeout(
                    connect=min(self.config.connect_timeout, remaining),
                    read=min(self.config.read_timeout, remaining),
                    write=min(self.config.read_timeout, remaining),
                    pool=remaining,
                )
                with self.client.stream("GET", url, headers=headers, timeout=timeout) as resp:
                    status = resp.status_code
                    if status in RETRY_STATUSES and attempt < retries:
                        wait = _retry_after(resp.headers.get("retry-after"))
                        if wait is None:
                            wait = self.config.backoff * 2**attempt
                        elif wait > self.config.max_retry_after:
                            raise FetchError(
                                f"HTTP {status} with Retry-After {wait:.0f} s, longer than "
                                f"fetch.max_retry_after={self.config.max_retry_after:g} s; "
                                "try again later",
                                source=url,
                                stage=STAGE,
                            )
                    else:
                        if accept is not None:
                            accept(status, resp.headers)
                        body = b""
                        if status == 200 or (status < 300 and status != 204):
                            body = self._read_body(resp, url, deadline, max_bytes)
                        return status, resp.headers, body, str(resp.url)
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline - 0.05:
                    raise FetchError(
                        f"no complete answer within fetch.total_timeout="
                        f"{self.config.total_timeout:g} s (slow server?)",
                        source=url,
                        stage=STAGE,
                    ) from exc
                raise FetchError(
                    f"timed out ({type(exc).__name__}: no answer within "
                    f"fetch.connect_timeout/read_timeout); the server is too "
                    "slow or unreachable",
                    source=url,
                    stage=STAGE,
                ) from exc
            except (httpx.TransportError, httpx.InvalidURL) as exc:
                if attempt >= retries or isinstance(exc, httpx.UnsupportedProtocol):
                    raise FetchError(
                        f"cannot connect ({type(exc).__name__}: {exc}); check "
                        "the URL and the network",
                        source=url,
                        stage=STAGE,
                    ) from exc
                wait = self.config.backoff * 2**attempt
            finally:
                sem.release()
            attempt += 1
            if time.monotonic() + wait > deadline:
                raise FetchError(
                    f"gave up after {attempt} attempt(s): the next retry (in "
                    f"{wait:.1f} s) would pass fetch.total_timeout",
                    source=url,
                    stage=STAGE,
                )
            time.sleep(wait)

    def _read_body(self, resp: Any, url: str, deadline: float, max_bytes: int) -> bytes:
        declared = resp.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                f"body of {int(declared):,} bytes is larger than fetch.max_bytes="
                f"{max_bytes:,}; not downloaded",
                source=url,
                stage=STAGE,
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(
                    f"body larger than fetch.max_bytes={max_bytes:,} bytes; download aborted",
                    source=url,
                    stage=STAGE,
                )
            if time.monotonic() > deadline:
                raise FetchError(
                    f"download not finished within fetch.total_timeout="
                    f"{self.config.total_timeout:g} s (slow server?)",
                    source=url,
                    stage=STAGE,
                )
            chunks.append(chunk)
        return b"".join(chunks)

    # ---- a page, with redirects and content checks

    def get(
        self, url: str, *, kinds: Sequence[str] = HTML_TYPES, stored: Page | None = None
    ) -> Page:
        """Download ``url`` (following redirects); raises :class:`FetchError` with the reason.

        ``kinds`` are the accepted MIME types; ``stored`` a previous copy (conditional GET).
        """
        url = urldefrag(url.strip())[0]
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(
                f"not an http(s) URL: {url!r}; give a full http:// or https:// address",
                source=url,
                stage=STAGE,
            )
        if self.config.refresh:
            stored = None
        if self.config.offline and stored is None:  # --offline: never a network request
            raise FetchError(
                "not in the store and --offline forbids downloading it; run "
                "once without --offline to fetch it",
                source=url,
                stage=STAGE,
            )
        if stored is not None and (
            self.config.offline or not (stored.etag or stored.last_modified)
        ):
            # offline, or a page served without validators: a conditional GET is impossible,
            # and article pages do not change once published, so the stored copy is used
            # (--refresh downloads it again)
            return dataclasses.replace(stored, from_store=True)
        deadline = time.monotonic() + self.config.total_timeout
        headers: dict[str, str] = {}
        if stored is not None:
            if stored.etag:
                headers["If-None-Match"] = stored.etag
            if stored.last_modified:
                headers["If-Modified-Since"] = stored.last_modified
        seen = [url]
        current = url

        def accept(status: int, hdrs: Any) -> None:
            if status == 200:
                _check_type(hdrs.get("content-type"), kinds, current)

        for _ in range(self.config.max_redirects + 1):
            if not self.allowed(current, deadline):
                raise FetchError(
                    "disallowed by the site's robots.txt; newsweave respects it "
                    "(fetch.robots=false to override for your own site)",
                    source=current,
                    stage=STAGE,
                )
            status, hdrs, body, _ = self._request(
                current, headers, deadline, self.config.max_bytes, accept=accept
            )
            if status in (301, 302, 303, 307, 308):
                location = hdrs.get("location")
                if not location:
                    raise FetchError(
                        f"HTTP {status} redirect without a Location header",
                        source=current,
                        stage=STAGE,
                    )
                nxt = urldefrag(urljoin(current, location.strip()))[0]
                if nxt in seen:
                    chain = " -> ".join(seen + [nxt])
                    raise FetchError(f"redirect loop ({chain})", source=url, stage=STAGE)
                seen.append(nxt)
                current = nxt
                continue
            if status == 304 and stored is not None:
                return dataclasses.replace(stored, from_store=True)
            if status >= 400 or status != 200:
                raise FetchError(
                    f"HTTP {status}{_reason_hint(status)}", source=current, stage=STAGE
                )
            sniffed = _sniff_binary(body)
            if sniffed:
                raise FetchError(
                    f"{sniffed}, not an HTML page; skipped", source=current, stage=STAGE
                )
            with self._count_lock:
                self.downloads += 1
            return Page(
                url=url,
                final_url=current,
                status=status,
                content_type=hdrs.get("content-type"),
                body=body,
                etag=hdrs.get("etag"),
                last_modified=hdrs.get("last-modified"),
                fetched=_now(),
            )
        raise FetchError(
            f"more than fetch.max_redirects={self.config.max_redirects} "
            f"redirects ({' -> '.join(seen)})",
            source=url,
            stage=STAGE,
        )


def _reason_hint(status: int) -> str:
    if status == 404 or status == 410:
        return " (page not found); check the URL"
    if status in (401, 403):
        return " (access denied: paywall or login?); give a page you can read"
    if status == 429:
        return " (rate limited) after all retries; try again later"
    if status >= 500:
        return " (server error) after all retries; try again later"
    return ""


def _check_type(content_type: str | None, kinds: Sequence[str], url: str) -> None:
    if not content_type:
        return  # no header: the body is sniffed instead
    mime = content_type.split(";")[0].strip().lower()
    if mime in kinds:
        return
    if mime == "application/pdf":
        what = "a PDF document"
    elif mime.startswith("image/"):
        what = f"an image ({mime})"
    elif mime.startswith(("video/", "audio/")):
        what = f"a media file ({mime})"
    else:
        what = f"content of type {mime}"
    raise FetchError(
        f"{what}, not an HTML page; skipped (newsweave reads HTML and XHTML articles)",
        source=url,
        stage=STAGE,
    )


def _sniff_binary(body: bytes) -> str | None:
    head = body[:16]
    for magic, what in (
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"PK\x03\x04", "a ZIP archive"),
    ):
        if head.startswith(magic):
            return what
    return None


# ------------------------------------------------------------------ feeds


def parse_feed(data: bytes, source: str) -> tuple[str | None, list[FeedEntry]]:
    """Parse an RSS 0.9x/1.0/2.0, Atom or JSON Feed document; returns (title, entries).

    Raises :class:`FetchError` when the document is not a feed.
    """
    from newsweave.decode import normalise_date

    stripped = data.lstrip()
    if stripped.startswith(b"\xef\xbb\xbf"):
        stripped = stripped[3:].lstrip()
    if stripped[:1] == b"{":
        try:
            doc = json.loads(stripped.decode("utf-8", errors="replace"))
        except (ValueError, RecursionError) as exc:  # RecursionError: "[[[[..." nesting
            raise FetchError(
                f"not a feed: invalid JSON ({exc})", source=source, stage=STAGE
            ) from exc
        items = doc.get("items") if isinstance(doc, dict) else None
        if not isinstance(items, list):
            raise FetchError(
                'not a JSON Feed (no "items" list); give an RSS, Atom or JSON Feed URL',
                source=source,
                stage=STAGE,
            )
        entries = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, dict):
                entries.append(FeedEntry(None, index=i))
                continue
            authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
            names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
            url = item.get("url") or item.get("external_url")
            entries.append(
                FeedEntry(
                    url=url if isinstance(url, str) else None,
                    title=item.get("title") if isinstance(item.get("title"), str) else None,
                    published=normalise_date(
                        item.get("date_published") or item.get("date_modified")
                    ),
                    author=", ".join(names) or None,
                    index=i,
                )
            )
        title = doc.get("title")
        return (title if isinstance(title, str) else None), entries
    import feedparser

    # An internal DTD subset declaring entities is an entity-expansion ("billion laughs")
    # bomb: feedparser expands it (a 600-byte feed took 15-25 s of CPU). No real feed needs
    # one, so it is refused before parsing.
    if re.search(rb"<!\s*ENTITY", data, re.IGNORECASE):
        raise FetchError(
            "feed declares XML entities in its DOCTYPE (an entity-expansion bomb?); refused",
            source=source,
            stage=STAGE,
        )
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        why = parsed.get("bozo_exception")
        raise FetchError(
            f"not an RSS/Atom/JSON feed ({why or 'no entries found'}); give the feed's URL",
            source=source,
            stage=STAGE,
        )
    entries = []
    for i, e in enumerate(parsed.entries, 1):
        link = e.get("link")
        if not link:
            for alt in e.get("links") or []:
                if alt.get("href") and alt.get("rel", "alternate") == "alternate":
                    link = alt["href"]
                    break
        if not link and isinstance(e.get("id"), str) and e["id"].startswith("http"):
            link = e["id"]  # RSS <guid isPermaLink="true">
        published = None
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            if e.get(key):
                published = datetime(*e[key][:6]).replace(tzinfo=UTC).isoformat()
                break
        if published is None:
            published = normalise_date(e.get("published") or e.get("updated"))
        entries.append(
            FeedEntry(
                url=link, title=e.get("title"), published=published, author=e.get("author"), index=i
            )
        )
    return parsed.feed.get("title"), entries


# ------------------------------------------------------------------ articles


def page_to_article(page: Page, hints: dict[str, str | None] | None = None) -> Article:
    """Extract the article of a fetched page and give it its content id."""
    from newsweave.extract import html_to_article
    from newsweave.ingest import article_id

    art = html_to_article(
        page.body,
        page.url,
        url=page.final_url,
        encoding=page.charset,
        fetched=page.fetched or None,
        hints=hints,
    )
    raw = art.raw_text if art.raw_text is not None else art.text
    meta = art.meta
    if page.final_url != page.url:
        meta += (("requested_url", page.url),)
    return dataclasses.replace(art, id=article_id(raw, art.title), meta=meta)


@dataclass
class FetchResult:
    """What a fetch run produced: the articles, the skipped URLs and the download count."""

    articles: list[Article]
    skipped: list[Skipped]
    downloads: int = 0  # pages whose body was downloaded (not 304 / stored)
    reused: int = 0  # pages taken from the store (304 Not Modified, or offline)


def fetch_urls(
    urls: Iterable[str | FeedEntry],
    config: FetchConfig | None = None,
    store: Any = None,
    *,
    transport: Any = None,
    min_text_chars: int = 40,
    progress: Callable[[str, int, int], None] | None = None,
    robots: dict[str, RobotFileParser | None] | None = None,
) -> FetchResult:
    """Fetch pages and extract their articles, skipping (with the reason) what fails.

    Args:
        urls: URLs, or :class:`FeedEntry` items (whose title/date/author fill in for pages
            without them).
        config: fetcher settings.
        store: a :class:`~newsweave.store.Store` keeping raw pages (conditional GET on
            re-fetch; nothing is downloaded twice unless it changed).
        transport: an httpx transport (tests).
        min_text_chars: articles with less text are skipped.
        progress: told ``("fetch", pages done, pages to fetch)`` as each page is answered.
        robots: robots.txt cache shared with the run's other fetchers (see :class:`Fetcher`).

    Returns:
        a :class:`FetchResult`; articles in input order, one per distinct content.
    """
    config = config or FetchConfig()
    entries = [
        u if isinstance(u, FeedEntry) else FeedEntry(url=u, index=i) for i, u in enumerate(urls, 1)
    ]
    skipped: list[Skipped] = []
    todo: list[FeedEntry] = []
    seen_urls: set[str] = set()
    for e in entries:
        if not e.url or not e.url.strip():
            skipped.append(
                Skipped(
                    f"entry {e.index}" + (f" ({e.title})" if e.title else ""),
                    STAGE,
                    "feed entry has no link; nothing to fetch",
                )
            )
            continue
        u = e.url.strip()
        if u in seen_urls:
            continue
        seen_urls.add(u)
        todo.append(dataclasses.replace(e, url=u))
    stored = {e.url: stored_page(store, e.url) for e in todo if e.url} if store is not None else {}
    results: list[Page | FetchError] = []
    done = [0]
    done_lock = threading.Lock()
    if progress:
        progress("fetch", 0, len(todo))

    def tick() -> None:
        if progress:
            with done_lock:
                done[0] += 1
                progress("fetch", done[0], len(todo))

    with Fetcher(config, store, transport=transport, robots=robots) as fetcher:

        def one(e: FeedEntry) -> Page | FetchError:
            try:
                return fetcher.get(e.url or "", stored=stored.get(e.url or ""))
            except FetchError as exc:
                return exc
            except Exception as exc:  # one bad URL never stops the batch
                return FetchError(
                    f"unexpected error ({type(exc).__name__}: {exc})", source=e.url, stage=STAGE
                )
            finally:
                tick()

        with ThreadPoolExecutor(max_workers=max(1, config.workers)) as pool:
            results = list(pool.map(one, todo))
        downloads = fetcher.downloads
    articles: list[Article] = []
    ids: set[str] = set()
    reused = 0
    for e, res in zip(todo, results, strict=True):
        if isinstance(res, FetchError):
            skipped.append(Skipped(e.url or "", STAGE, res.message))
            continue
        if store is not None:
            save_page(store, res)
        reused += res.from_store
        hints = {"title": e.title, "published": e.published, "author": e.author}
        try:
            art = page_to_article(res, hints)
        except InputError as exc:
            skipped.append(Skipped(e.url or "", "extract", exc.message))
            continue
        except Exception as exc:  # a hostile page must not stop the batch
            skipped.append(
                Skipped(e.url or "", "extract", f"extraction failed ({type(exc).__name__}: {exc})")
            )
            continue
        if len(art.text.strip()) < min_text_chars:
            skipped.append(
                Skipped(
                    e.url or "",
                    "extract",
                    f"no article text on the page (only {len(art.text.strip())} characters)",
                )
            )
            continue
        if art.id in ids:
            continue
        ids.add(art.id)
        articles.append(art)
    return FetchResult(articles, skipped, downloads, reused)


def fetch_feed(
    feed_url: str,
    config: FetchConfig | None = None,
    store: Any = None,
    *,
    transport: Any = None,
    min_text_chars: int = 40,
    progress: Callable[[str, int, int], None] | None = None,
) -> FetchResult:
    """Fetch a feed (RSS, Atom or JSON Feed) and the pages of its entries.

    Raises :class:`FetchError` when the feed itself cannot be fetched or parsed; entries that
    fail are skipped with their reason.
    """
    config = config or FetchConfig()
    previous = stored_page(store, feed_url) if store is not None else None
    if (
        previous is not None
        and not config.offline
        and not (previous.etag or previous.last_modified)
    ):
        previous = None  # a feed changes: without validators it is downloaded again
    robots: dict[str, RobotFileParser | None] = {}  # one robots.txt read per host per run
    with Fetcher(config, store, transport=transport, robots=robots) as fetcher:
        page = fetcher.get(feed_url, kinds=FEED_TYPES, stored=previous)
        feed_downloads = fetcher.downloads
    if store is not None:
        save_page(store, page)
    _, entries = parse_feed(page.body, feed_url)
    result = fetch_urls(
        entries,
        config,
        store,
        transport=transport,
        min_text_chars=min_text_chars,
        progress=progress,
        robots=robots,
    )
    result.downloads += feed_downloads
    result.reused += page.from_store
    return result


def read_url_list(path: str) -> list[str]:
    """URLs from a text file: one per line; blank lines and ``#`` comments ignored."""
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(
            f"cannot read URL list: {exc}; give a text file with one URL per line",
            source=str(path),
            stage=STAGE,
        ) from exc
    lines = (ln.strip() for ln in text.splitlines())
    return [ln for ln in lines if ln and not ln.startswith("#")]


__all__ = [
    "USER_AGENT",
    "FeedEntry",
    "FetchConfig",
    "FetchResult",
    "Fetcher",
    "Page",
    "fetch_feed",
    "fetch_urls",
    "page_to_article",
    "parse_feed",
    "read_url_list",
    "save_page",
    "stored_page",
]
