"""The web app's guard: request size caps, the Host check and security headers (an ASGI
middleware), the rate limit of ``POST /api/articles``, the same-origin check of a post, and
validation of a post's body."""

import re
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from newsweave.errors import InputError, RequestTooLarge

# Largest request body accepted (bytes). Reading needs none; adding articles accepts a JSON
# batch up to MAX_ADD_BYTES (a long article is ~50 KB, so this is dozens of articles).
MAX_READ_BODY_BYTES = 16 * 1024
MAX_ADD_BYTES = 2 * 1024 * 1024
# Longest query string accepted; a search query is cut to MAX_QUERY_CHARS characters.
MAX_QUERY_STRING_BYTES = 4096
MAX_QUERY_CHARS = 300
# POST /api/articles: at most ADD_RATE requests per ADD_WINDOW_S seconds per client address
# (each may run the whole pipeline, a few seconds of CPU).
ADD_RATE = 10
ADD_WINDOW_S = 60.0
MAX_ADD_ARTICLES = 200

# Story ids (pipeline.story_id_for: "s" + hex) and article ids (hex content hashes) are short
# words; anything else (slashes, dots, "..", spaces) is answered 404 without touching the store.
SAFE_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")

# Content-Security-Policy of every page (not of /docs, which FastAPI serves with its own
# inline script): no inline script, no plug-ins, no framing, nothing loaded from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_DOC_PATHS = ("/docs", "/redoc")

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


# ------------------------------------------------------------------------------ middleware


class GuardMiddleware:
    """Pure ASGI middleware: request size limits, optional Host check, security headers and a
    ``Server-Timing: app;dur=<ms>`` header (time spent in the app)."""

    def __init__(self, app: Any, max_body: int, allowed_hosts: Iterable[str] | None = None):
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", ())}
        if self.allowed_hosts is not None:
            host = headers.get(b"host", b"").decode("latin-1").lower()
            hostname = urlsplit("//" + host).hostname or ""
            if hostname not in self.allowed_hosts:
                await _plain(send, 400, "Bad Request: unexpected Host header\n")
                return
        if len(scope.get("query_string", b"")) > MAX_QUERY_STRING_BYTES:
            await _plain(send, 414, "URI Too Long\n")
            return
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit():
                await _plain(send, 400, "Bad Request: invalid Content-Length\n")
                return
            if int(length) > self.max_body:
                await _plain(send, 413, f"Payload Too Large: at most {self.max_body} bytes\n")
                return
        received = 0
        started = False
        t0 = time.perf_counter()
        path = scope.get("path", "")
        csp = not path.startswith(_DOC_PATHS)

        async def limited_receive() -> dict:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise RequestTooLarge(f"request body over {self.max_body} bytes", stage="web")
            return message

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [
                    (b"server-timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                if csp:
                    extra.append((b"content-security-policy", CSP.encode()))
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except RequestTooLarge:
            if not started:
                await _plain(send, 413, f"Payload Too Large: at most {self.max_body} bytes\n")


async def _plain(send: Any, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """At most ``rate`` events per ``window`` seconds per key (a sliding window)."""

    def __init__(self, rate: int = ADD_RATE, window: float = ADD_WINDOW_S):
        self.rate, self.window = rate, window
        self._events: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> float:
        """0 if the event is allowed (and counted), else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            events = [t for t in self._events.get(key, []) if now - t < self.window]
            if len(events) >= self.rate:
                self._events[key] = events
                return self.window - (now - events[0])
            events.append(now)
            self._events[key] = events
            return 0.0


# ------------------------------------------------------------------------------ adding


def bad_post(message: str) -> InputError:
    return InputError(message, source="POST /api/articles", stage="web")


def article_records(payload: Any) -> list[dict]:
    """Validate the body of ``POST /api/articles``: an article object, a list of them, or
    ``{"articles": [...]}``; each needs a non-empty ``text`` string.

    Raises :class:`~newsweave.errors.InputError` naming what is wrong (the app answers 400).
    """
    if isinstance(payload, dict) and "articles" in payload:
        payload = payload["articles"]
    records = payload if isinstance(payload, list) else [payload]
    if not records:
        raise bad_post("no articles given")
    if len(records) > MAX_ADD_ARTICLES:
        raise bad_post(f"at most {MAX_ADD_ARTICLES} articles per request")
    allowed = {"text", "title", "url", "outlet", "published", "author", "language", "source"}
    out = []
    for i, r in enumerate(records):
        if not isinstance(r, dict):
            raise bad_post(f"article {i}: expected an object with a 'text' string")
        if not isinstance(r.get("text"), str) or not r["text"].strip():
            raise bad_post(f"article {i}: 'text' must be a non-empty string")
        for k, v in r.items():
            if k in allowed and v is not None and not isinstance(v, str):
                raise bad_post(f"article {i}: {k!r} must be a string")
        out.append({k: v for k, v in r.items() if k in allowed and v is not None})
    return out


def same_origin(request: Any) -> bool:
    """A browser's cross-site POST carries an Origin (or Referer) naming another host."""
    host = request.headers.get("host", "")
    for header in ("origin", "referer"):
        value = request.headers.get(header)
        if value:
            return urlsplit(value).netloc == host
    return True  # not from a browser page (curl, scripts)
