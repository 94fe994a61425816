"""The local web app: read stored stories and check every claim against its source.

``newsweave serve --db FILE`` starts it (uvicorn, 127.0.0.1:8000 by default); the library entry
point is :func:`create_app`. Pages are rendered on the server with Jinja2 (autoescape on) and
work without JavaScript; ``static/web.js`` adds citation previews and scrolls to the cited
sentence.

Pages: ``/`` (stories, newest and largest first, with a full-text search box), ``/search?q=``
(SQLite FTS5 over article titles and texts), ``/stories/{id}`` (summary with numbered
citations, entities, quotes by speaker, figures, a timeline chart and an outlet-by-fact
coverage matrix), ``/articles/{id}`` (clean text with one anchor ``#s<N>`` per sentence, and a
toggle that shows the noise cleaning removed and why).

JSON API (OpenAPI at ``/openapi.json``, browsable at ``/docs``): ``/api/stories``,
``/api/stories/{id}`` (the story object of the JSON report, :func:`newsweave.report.story_dict`),
``/api/articles/{id}``, ``/api/search?q=``, and ``POST /api/articles`` when the app was created
with ``allow_add=True``.

Safety: every value is escaped by Jinja2 (article text is never marked safe); JSON embedded in
pages goes through ``|tojson`` (``<``, ``>``, ``&`` and ``'`` escaped); pages carry a strict
Content-Security-Policy (scripts only from ``/static``); request bodies and query strings are
size-limited; unknown or malformed ids answer a clean 404; the app is read-only unless
``allow_add`` is set, and adding is rate-limited and refuses cross-site posts. The store is
opened read-only, one connection per worker thread, so an ingest can write (WAL) while the app
serves.

This module imports FastAPI lazily (inside :func:`create_app`) so the ``newsweave`` command
starts quickly; for that reason it does not use ``from __future__ import annotations``:
FastAPI reads the route signatures, whose types are imported in the function.
"""

import contextlib
import datetime as _dt
import json
import os
import re
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from newsweave import report
from newsweave.errors import InputError, NewsweaveError, RequestTooLarge, StoreError
from newsweave.model import Article, Story
from newsweave.store import Store

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates" / "web"
STATIC_DIR = PACKAGE_DIR / "static"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

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

# Rendered story pages and story JSON kept in memory (LRU), keyed by the story's id, saved
# time and run, and dropped after PAGE_CACHE_TTL_S seconds. A 40-article story renders in
# about 50-100 ms (bench/load_web.py); from the cache it costs one indexed query. 0 disables
# (also through the NEWSWEAVE_WEB_CACHE environment variable).
PAGE_CACHE_SIZE = 64
PAGE_CACHE_TTL_S = 60.0

STORIES_PER_PAGE = 50
SEARCH_LIMIT = 50
# Rows of the coverage matrix and events drawn in the timeline chart (the rest are listed).
MAX_MATRIX_ROWS = 80
MAX_CHART_EVENTS = 60

# Story ids (pipeline.story_id_for: "s" + hex) and article ids (hex content hashes) are short
# words; anything else (slashes, dots, "..", spaces) is answered 404 without touching the store.
_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")

# Content-Security-Policy of every page (not of /docs, which FastAPI serves with its own
# inline script): no inline script, no plug-ins, no framing, nothing loaded from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_DOC_PATHS = ("/docs", "/redoc")

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


# ------------------------------------------------------------------------------ the store


class _ThreadStores:
    """One read-only :class:`Store` per worker thread, opened on first use.

    sqlite3 connections must not be shared across threads while in use; WAL lets each of
    them read the last committed state while an ingest writes. A worker thread that exits
    takes its store with it (only weak references are kept here, for :meth:`close_all`).
    """

    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: weakref.WeakSet[Store] = weakref.WeakSet()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, create=False, readonly=True, check_same_thread=False)
            self._local.store = store
            with self._lock:
                self._open.add(store)
        return store

    def close_all(self) -> None:
        with self._lock:
            for store in list(self._open):
                store.close()
            self._open.clear()


class _PageCache:
    """A small thread-safe LRU of rendered pages with an age limit."""

    def __init__(self, size: int, ttl: float = PAGE_CACHE_TTL_S):
        self.size, self.ttl = size, ttl
        self._items: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Any:
        if self.size <= 0:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None or time.monotonic() - item[0] > self.ttl:
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: tuple, value: Any) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def _prepare_store(db_path: str, allow_add: bool) -> None:
    """Create (``allow_add``) or check the store and bring its schema up to date, so the
    per-thread read-only connections can open it. Raises StoreError naming the fix."""
    if not allow_add and not Path(db_path).is_file():
        raise StoreError(
            f"no store at {db_path}; build one with `newsweave weave PATH... --db {db_path}` "
            "(or `newsweave demo --db FILE`), or start with --allow-add to create an empty one",
            source=db_path,
            stage="web",
        )
    try:
        Store(db_path, create=allow_add).close()
    except StoreError:
        # A file we may not write: fine if it is already up to date (checked by opening it).
        Store(db_path, create=False, readonly=True).close()


# ------------------------------------------------------------------------------ page models


def article_href(article_id: str, sentence_index: int | None = None) -> str:
    """URL of an article page, at the anchor of one sentence when given."""
    href = "/articles/" + (article_id if _ID.match(article_id) else quote(article_id, safe=""))
    return href if sentence_index is None else f"{href}#s{int(sentence_index)}"


def story_href(story_id: str) -> str:
    """URL of a story page."""
    return "/stories/" + quote(story_id, safe="")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def web_link(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None: a stored URL comes from the
    input, and a ``javascript:`` or ``data:`` one must never become a clickable link."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return u
    return None


def format_number(value: Any) -> str:
    """A figure's value for display: ``2100000000.0`` -> ``2,100,000,000``; ``7.5`` -> ``7.5``."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def parse_date(value: Any) -> _dt.date | None:
    """The date at the start of an ISO-like string (``2030``, ``2030-06``, ``2030-06-03``,
    ``2030-06-03T10:00Z``), else None."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value or ""))
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _span(rows: Iterable[dict]) -> str:
    dates = sorted(
        str(d)[:10] for r in rows for d in (r.get("first_published"), r.get("last_published"))
        if d
    )
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def story_list_row(row: dict) -> dict:
    """A row of :meth:`Store.list_stories` with its link and date span for the list page."""
    return dict(row, href=story_href(row["id"]), span=_span([row]))


class _Refs:
    """Turns the ``refs`` of report.py's fact views into links to cited sentences."""

    def __init__(self, story: Story, numbers: dict[str, int]):
        self.by_number = {n: aid for aid, n in numbers.items()}
        self.articles = {a.id: a for a in story.articles}
        self.sentences = {a.id: {s.index: s.text for s in a.sentences} for a in story.articles}
        self._html: dict[tuple[int, Any], str] = {}

    def valid(self, aid: str, sentence_index: Any) -> bool:
        return sentence_index in self.sentences.get(aid, ())

    def links(self, refs: list[dict]) -> list[dict]:
        """``[{n, href, title}]`` for the refs; the title names the outlet."""
        out = []
        for r in refs:
            aid = self.by_number.get(r["n"])
            if aid is None:
                continue
            si = r.get("sentence_index")
            if not self.valid(aid, si):
                si = None
            out.append({"n": r["n"], "href": article_href(aid, si), "title": self.title(aid)})
        return out

    def html(self, refs: list[dict]) -> Markup:
        """The links as HTML (``[n]`` anchors), every value escaped with markupsafe.escape.

        Built here rather than by a Jinja macro: a big story has hundreds of them.
        """
        parts = []
        for r in refs:
            key = (r["n"], r.get("sentence_index"))
            link = self._html.get(key)
            if link is None:
                found = self.links([r])
                link = "".join(
                    f'<a class="cite" href="{escape(x["href"])}" title="{escape(x["title"])}">'
                    f'[{int(x["n"])}]</a>' for x in found
                )
                self._html[key] = link
            parts.append(link)
        return Markup("".join(parts))  # noqa: S704 - every piece escaped above

    def title(self, aid: str, sentence_index: int | None = None) -> str:
        a = self.articles.get(aid)
        if a is None:
            return ""
        head = a.outlet or a.title or aid
        if sentence_index is not None:
            text = self.sentences.get(aid, {}).get(sentence_index)
            if text is not None:
                return f"{head}: {_shorten(text, 300)}"
        return head


def _outlet_columns(story: Story, numbers: dict[str, int]) -> tuple[list[str], dict[int, int]]:
    """Column labels (one per outlet, in source order) and the column of each source number."""
    labels: list[str] = []
    column_of: dict[int, int] = {}
    for a in story.articles:
        label = a.outlet or f"source {numbers[a.id]}"
        if label not in labels:
            labels.append(label)
        column_of[numbers[a.id]] = labels.index(label)
    return labels, column_of


def coverage_matrix(story: Story, numbers: dict[str, int], views: dict[str, list]) -> dict:
    """Outlet-by-fact matrix: one row per fact (figure, quote, event, exclusive item, entity),
    one column per outlet, a cell set when one of the outlet's articles reports the fact.
    Rows reported by more outlets come first (stable otherwise).

    Built from the fact views (their ``refs``), so it fills in as the facts stage lands.
    """
    columns, column_of = _outlet_columns(story, numbers)
    candidates: list[tuple[str, str, list[dict]]] = []
    for g in views["figures"]:
        values = ", ".join(dict.fromkeys(
            m["text"] or f"{format_number(m['value'])} {m['unit']}".strip() for m in g["members"]
        ))
        refs = [r for m in g["members"] for r in m["refs"]]
        candidates.append(("figure", f"{g['label']}: {values}", refs))
    for g in views["quotes"]:
        for q in g["quotes"]:
            candidates.append(("quote", f"{g['speaker']}: “{_shorten(q['text'], 120)}”", q["refs"]))
    for t in views["timeline"]:
        candidates.append(("event", f"{t['date'] or 'undated'}: {_shorten(t['text'], 120)}",
                           t["refs"]))
    for c in views["coverage"]:
        for it in c["facts"]:
            candidates.append((it["kind"] or "only here", _shorten(it["text"], 140), it["refs"]))
    ents = sorted(views["entities"], key=lambda e: -(e["mentions"] or 0)
                  if isinstance(e["mentions"], (int, float)) else 0)
    for e in ents:
        candidates.append(("entity", f"{e['name']}" + (f" ({e['type']})" if e["type"] else ""),
                           e["refs"]))
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for kind, text, refs in candidates:
        cols = {column_of[r["n"]] for r in refs if r["n"] in column_of}
        if not cols or (kind, text) in seen:
            continue
        seen.add((kind, text))
        rows.append({"kind": kind, "text": text,
                     "cells": [i in cols for i in range(len(columns))],
                     "count": len(cols)})
    rows.sort(key=lambda r: -r["count"])  # shared facts first, then each outlet's own
    total = len(rows)
    shown = rows[:MAX_MATRIX_ROWS]
    return {"columns": columns, "rows": shown, "omitted": total - len(shown)}


# A few events far from the rest (a 2022 precedent in a story of three days) are listed beside
# the chart instead of squeezing the others into one point: at most this share of the events,
# separated from the rest by a gap of at least OUTLIER_GAP_DAYS and OUTLIER_GAP_RATIO times
# the span of the rest.
OUTLIER_SHARE = 0.25
OUTLIER_GAP_DAYS = 60
OUTLIER_GAP_RATIO = 4


def split_outliers(dated: list[tuple[_dt.date, Any]]) -> tuple[list, list]:
    """``(kept, outliers)`` of date-sorted ``(date, event)`` pairs (see OUTLIER_SHARE)."""
    kept = list(dated)
    out: list[tuple[_dt.date, Any]] = []
    while len(kept) >= 4:
        gaps = [((kept[i + 1][0] - kept[i][0]).days, i) for i in range(len(kept) - 1)]
        gap, i = max(gaps)
        left, right = kept[: i + 1], kept[i + 1:]
        small, big = (left, right) if len(left) <= len(right) else (right, left)
        span = (big[-1][0] - big[0][0]).days
        if (len(out) + len(small) > OUTLIER_SHARE * len(dated) or gap < OUTLIER_GAP_DAYS
                or gap < OUTLIER_GAP_RATIO * max(span, 1)):
            break
        out.extend(small)
        kept = big
    out.sort(key=lambda x: x[0])
    return kept, out


def timeline_chart(story: Story, timeline: list[dict], refs: _Refs,
                   numbers: dict[str, int], width: int = 860) -> dict:
    """Geometry of the timeline chart (an inline SVG drawn by the template).

    Dated events become dots on a time axis, one row each, labelled with their date and text;
    the articles' publication dates are ticks on the axis. Relative or undated events are
    returned in ``undated`` to be listed under the chart.
    """
    dated: list[tuple[_dt.date, dict]] = []
    undated: list[tuple[_dt.date | None, dict]] = []
    for t in timeline:
        d = parse_date(t["date"])
        if d is not None and not t["relative"]:
            dated.append((d, t))
        else:
            undated.append((d, t))
    pubs = [(d, a) for d, a in ((parse_date(a.published), a) for a in story.articles)
            if d is not None]
    dated.sort(key=lambda x: x[0])
    dated, outliers = split_outliers(dated)
    shown, extra = dated[:MAX_CHART_EVENTS], dated[MAX_CHART_EVENTS:]
    if outliers:  # publication dates far from the events would squeeze them again
        lo_d, hi_d = shown[0][0], shown[-1][0]
        pubs = [(d, a) for d, a in pubs if lo_d - _dt.timedelta(days=OUTLIER_GAP_DAYS) <= d
                <= hi_d + _dt.timedelta(days=OUTLIER_GAP_DAYS)]
    all_dates = [d for d, _ in shown] + [d for d, _ in pubs]
    if not shown:
        return {"events": [], "outliers": [], "undated": [t for _, t in dated + undated],
                "ticks": [],
                "pubs": [], "width": width, "height": 0}
    lo, hi = min(all_dates), max(all_dates)
    left, right, top, row_h = 20, width - 20, 34, 24
    span = (hi - lo).days

    def x_of(d: _dt.date) -> float:
        if span == 0:
            return (left + right) / 2
        return left + (d - lo).days / span * (right - left)

    ticks: list[dict[str, Any]] = []
    n_ticks = 1 if span == 0 else min(6, span + 1)
    for i in range(n_ticks):
        d = lo + _dt.timedelta(days=round(span * i / max(1, n_ticks - 1)))
        label = d.isoformat() if span < 3 * 365 else str(d.year)
        if ticks and ticks[-1]["label"] == label:
            continue
        ticks.append({"x": round(x_of(d), 1), "label": label,
                      "anchor": "start" if i == 0 and n_ticks > 1 else
                      ("end" if i == n_ticks - 1 and n_ticks > 1 else "middle")})
    events = []
    for i, (d, t) in enumerate(shown):
        x = round(x_of(d), 1)
        y = top + 14 + i * row_h
        links = refs.links(t["refs"])
        right_side = x < (left + right) / 2
        events.append({
            "x": x, "y": y, "date": t["date"], "text": t["text"],
            "label": _shorten(f"{t['date']}: {t['text']}", 90),
            "label_x": x + 8 if right_side else x - 8,
            "anchor": "start" if right_side else "end",
            "href": links[0]["href"] if links else None,
            "links": links,
        })
    pub_marks = [
        {"x": round(x_of(d), 1), "title": f"[{numbers[a.id]}] {a.outlet or a.title or a.id} "
                                          f"published {a.published}"}
        for d, a in pubs
    ]
    return {
        "events": events,
        "outliers": [t for _, t in outliers],
        "undated": [t for _, t in extra + undated],
        "ticks": ticks,
        "pubs": pub_marks,
        "axis_y": top,
        "left": left,
        "right": right,
        "width": width,
        "height": top + 14 + len(events) * row_h + 6,
    }


def story_page(story: Story) -> dict:
    """Everything the story template needs (plain strings; the template escapes them)."""
    numbers = report.source_numbers(story)
    refs = _Refs(story, numbers)
    sources = [
        {"n": numbers[a.id], "id": a.id, "href": article_href(a.id), "outlet": a.outlet,
         "title": a.title, "published": a.published, "url": a.url,
         "sentences": len(a.sentences)}
        for a in story.articles
    ]
    summary, previews = [], {}
    for s in story.summary.sentences if story.summary else ():
        cites, seen = [], set()
        for c in s.citations:
            n = numbers.get(c.article_id)
            if n is None or n in seen:
                continue
            seen.add(n)
            si = c.sentence_index if refs.valid(c.article_id, c.sentence_index) else None
            key = f"{c.article_id}:{si}"
            title = refs.title(c.article_id, si)
            previews[key] = {"n": n, "text": title}
            cites.append({"n": n, "href": article_href(c.article_id, si), "title": title,
                          "key": key, "article_id": c.article_id, "sentence_index": si})
        summary.append({"text": s.text, "citations": cites})
    ignored = [
        {"n": numbers.get(i.article_id), "href": article_href(i.article_id), "reason": i.reason}
        for i in (story.summary.ignored if story.summary else ())
    ]
    views = {
        "entities": report.entities_view(story, numbers),
        "quotes": report.quotes_view(story, numbers),
        "figures": report.figures_view(story, numbers),
        "timeline": report.timeline_view(story, numbers),
        "coverage": report.coverage_view(story, numbers),
    }
    entities = [dict(e, links=refs.html(e["refs"])) for e in views["entities"]]
    quotes = [
        {"speaker": g["speaker"],
         "quotes": [dict(q, links=refs.html(q["refs"])) for q in g["quotes"]]}
        for g in views["quotes"]
    ]
    figures = [
        dict(g, members=[dict(m, links=refs.html(m["refs"])) for m in g["members"]])
        for g in views["figures"]
    ]
    timeline = [dict(t, links=refs.html(t["refs"])) for t in views["timeline"]]
    coverage = [
        {"outlet": c["outlet"],
         "facts": [dict(i, links=refs.html(i["refs"])) for i in c["facts"]]}
        for c in views["coverage"]
    ]
    dates = sorted(a.published[:10] for a in story.articles if a.published)
    return {
        "story": story,
        "outlets": sorted({a.outlet for a in story.articles if a.outlet}),
        "span": "" if not dates else (
            dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"),
        "sources": sources,
        "summary": summary,
        "previews": previews,
        "ignored": ignored,
        "entities": entities,
        "quotes": quotes,
        "figures": figures,
        "disagreements": sum(1 for g in figures if g["disagreement"]),
        "timeline": timeline,
        "chart": timeline_chart(story, timeline, refs, numbers),
        "coverage": coverage,
        "matrix": coverage_matrix(story, numbers, views),
    }


def text_segments(article: Article) -> list[dict]:
    """The clean text cut into gaps and sentences; a sentence's ``anchor`` is ``s<index>``."""
    out = []
    for seg in report.article_segments(article, "a"):
        anchor = seg["anchor"]
        out.append({"text": seg["text"], "anchor": anchor.rsplit("-", 1)[1] if anchor else None})
    return out


def noise_segments(article: Article) -> tuple[list[dict], list[dict]]:
    """The text before cleaning with the removed pieces marked: ``([{text, reason}], unplaced)``.

    ``reason`` is None for kept text. Removed pieces not found verbatim in ``raw_text`` (or
    when there is none) are returned in ``unplaced``.
    """
    raw = article.raw_text or ""
    spans: list[tuple[int, int, str]] = []
    unplaced: list[dict] = []
    cursor = 0
    for r in article.removed:
        piece = r.text
        pos = raw.find(piece, cursor) if piece else -1
        if pos < 0 and piece:
            pos = raw.find(piece)
            while pos >= 0 and any(s <= pos < e or pos <= s < pos + len(piece)
                                   for s, e, _ in spans):
                pos = raw.find(piece, pos + 1)
        if pos < 0 or not piece:
            unplaced.append({"text": r.text, "reason": r.reason})
            continue
        spans.append((pos, pos + len(piece), r.reason))
        cursor = pos + len(piece)
    if not raw:
        return [], unplaced
    spans.sort()
    out, pos = [], 0
    for s, e, reason in spans:
        if s < pos:  # overlaps the previous piece
            s = pos
        if s >= e:
            continue
        if s > pos:
            out.append({"text": raw[pos:s], "reason": None})
        out.append({"text": raw[s:e], "reason": reason})
        pos = e
    if pos < len(raw):
        out.append({"text": raw[pos:], "reason": None})
    return out, unplaced


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
                    raise RequestTooLarge(f"request body over {self.max_body} bytes",
                                          stage="web")
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
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
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


def _bad_post(message: str) -> InputError:
    return InputError(message, source="POST /api/articles", stage="web")


def _article_records(payload: Any) -> list[dict]:
    """Validate the body of ``POST /api/articles``: an article object, a list of them, or
    ``{"articles": [...]}``; each needs a non-empty ``text`` string.

    Raises :class:`~newsweave.errors.InputError` naming what is wrong (the app answers 400).
    """
    if isinstance(payload, dict) and "articles" in payload:
        payload = payload["articles"]
    records = payload if isinstance(payload, list) else [payload]
    if not records:
        raise _bad_post("no articles given")
    if len(records) > MAX_ADD_ARTICLES:
        raise _bad_post(f"at most {MAX_ADD_ARTICLES} articles per request")
    allowed = {"text", "title", "url", "outlet", "published", "author", "language", "source"}
    out = []
    for i, r in enumerate(records):
        if not isinstance(r, dict):
            raise _bad_post(f"article {i}: expected an object with a 'text' string")
        if not isinstance(r.get("text"), str) or not r["text"].strip():
            raise _bad_post(f"article {i}: 'text' must be a non-empty string")
        for k, v in r.items():
            if k in allowed and v is not None and not isinstance(v, str):
                raise _bad_post(f"article {i}: {k!r} must be a string")
        out.append({k: v for k, v in r.items() if k in allowed and v is not None})
    return out


def add_articles(db_path: str, records: list[dict]) -> dict:
    """Weave posted article records into the store (the whole pipeline, incremental
    clustering). Returns ``{"stories": [{id, headline, href}], "skipped": [...]}``."""
    from newsweave.config import load_config
    from newsweave.pipeline import weave_result

    # the same incremental path as `newsweave weave --cluster --db`: posted articles join the
    # stored stories (or open new ones), and a late copy folds into its stored article
    config = load_config(None, **{"store.path": db_path, "cluster.mode": "always"})
    with tempfile.TemporaryDirectory(prefix="newsweave-add-") as tmp:
        path = Path(tmp) / "posted.json"
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        result = weave_result([path], config)
    return {
        "stories": [{"id": s.id, "headline": s.headline, "href": story_href(s.id)}
                    for s in result.stories],
        "skipped": [{"source": s.source, "stage": s.stage, "reason": s.reason}
                    for s in result.skipped],
    }


# ------------------------------------------------------------------------------ the app


def _templates() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,  # every template, whatever its name: article text is never trusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["article_href"] = article_href
    env.globals["story_href"] = story_href
    env.filters["num"] = format_number
    env.globals["web_link"] = web_link
    return env


def create_app(db_path: str | Path, allow_add: bool = False, *,
               allowed_hosts: Iterable[str] | None = None,
               cache_size: int | None = None) -> Any:
    """The FastAPI application serving the store at ``db_path``.

    Args:
        db_path: a newsweave SQLite store (``newsweave weave ... --db FILE``). It must exist
            unless ``allow_add`` is set (then an empty one is created).
        allow_add: enable ``POST /api/articles`` (size- and rate-limited); read-only otherwise.
        allowed_hosts: if given, requests whose Host header names another host are refused
            (``newsweave serve`` sets it to the loopback names when bound to loopback, which
            stops DNS-rebinding pages from reading the store).
        cache_size: rendered story pages kept in memory (default :data:`PAGE_CACHE_SIZE`, or
            the ``NEWSWEAVE_WEB_CACHE`` environment variable; 0 disables the cache).

    Raises:
        StoreError: the store is missing, unreadable or from a newer newsweave.
    """
    from fastapi import Body, FastAPI, Query, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException

    from newsweave._version import __version__

    db = str(db_path)
    _prepare_store(db, allow_add)
    stores = _ThreadStores(db)
    env = _templates()
    env.globals["version"] = __version__
    env.globals["allow_add"] = allow_add
    limiter = RateLimiter(ADD_RATE, ADD_WINDOW_S)
    if cache_size is None:
        cache_size = int(os.environ.get("NEWSWEAVE_WEB_CACHE", PAGE_CACHE_SIZE))
    cache = _PageCache(cache_size)
    add_lock = threading.Lock()

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> Any:
        yield
        stores.close_all()

    app = FastAPI(
        title="newsweave",
        lifespan=lifespan,
        version=__version__,
        description="Stories woven from many outlets' articles: cited summaries, quotes, "
        "figures, timelines. Read-only unless the server was started with --allow-add.",
        openapi_tags=[{"name": "api", "description": "JSON API"}],
        docs_url=None,  # served below from assets that ship with a package: works offline
        redoc_url=None,
    )
    app.state.stores = stores
    app.state.db_path = db
    app.add_middleware(
        GuardMiddleware,
        max_body=MAX_ADD_BYTES if allow_add else MAX_READ_BODY_BYTES,
        allowed_hosts=allowed_hosts,
    )
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    _add_offline_docs(app)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status)

    def not_found(what: str) -> HTTPException:
        return HTTPException(status_code=404, detail=f"no {what} with that id")

    def check_id(value: str, what: str) -> str:
        if not _ID.match(value):
            raise not_found(what)
        return value

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        title = {404: "Not found", 405: "Method not allowed", 429: "Too many requests"}.get(
            exc.status_code, "Error")
        return page("error.html", status=exc.status_code, title=title,
                    message=str(exc.detail) if exc.status_code != 404 else
                    "There is nothing here. The story or article may not be in this store.")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": _errors(exc)}, status_code=422)
        return page("error.html", status=422, title="Invalid request",
                    message="; ".join(e["msg"] for e in _errors(exc)))

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return page("error.html", status=503, title="Store unavailable", message=str(exc))

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(page_no: int = Query(1, alias="page", ge=1, le=100_000)) -> HTMLResponse:
        store = stores.get()
        offset = (page_no - 1) * STORIES_PER_PAGE
        rows = store.list_stories(limit=STORIES_PER_PAGE + 1, offset=offset)
        more = len(rows) > STORIES_PER_PAGE
        return page(
            "index.html",
            title="newsweave",
            stories=[story_list_row(r) for r in rows[:STORIES_PER_PAGE]],
            total=store.story_count(),
            articles=store.article_count(),
            page_no=page_no,
            per_page=STORIES_PER_PAGE,
            more=more,
            q="",
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = Query("", max_length=MAX_QUERY_CHARS)) -> Response:
        if not q.strip():
            return RedirectResponse("/", status_code=303)
        store = stores.get()
        results = store.search(q, limit=SEARCH_LIMIT)
        headlines = store.headlines({sid for r in results for sid in r["story_ids"]})
        for r in results:
            r["href"] = article_href(r["id"])
            r["stories"] = [{"href": story_href(s), "headline": headlines.get(s, s)}
                            for s in r["story_ids"]]
        return page("search.html", title=f"Search: {q}", q=q, results=results)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_view(story_id: str) -> HTMLResponse:
        check_id(story_id, "story")
        store = stores.get()
        version = store.story_version(story_id)
        key = ("html", story_id, version)
        html = cache.get(key)
        if html is None:
            story = _load_story(store, story_id) if version is not None else None
            if story is None:
                raise not_found("story")
            html = env.get_template("story.html").render(title=story.headline,
                                                         **story_page(story))
            cache.put(key, html)
        return HTMLResponse(html)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_view(article_id: str) -> HTMLResponse:
        check_id(article_id, "article")
        store = stores.get()
        article = _get_article(store, article_id)
        if article is None:
            raise not_found("article")
        story_ids = store.article_stories(article_id)
        headlines = store.headlines(set(story_ids))
        noise, unplaced = noise_segments(article)
        return page(
            "article.html",
            title=article.title or "(untitled article)",
            article=article,
            segments=text_segments(article),
            noise=noise,
            unplaced=unplaced,
            stories=[{"href": story_href(s), "headline": headlines.get(s, s)} for s in story_ids],
            duplicates=store.load_duplicates(article_id),
        )

    # ------------------------------------------------------------------ JSON API

    @app.get("/api/stories", tags=["api"], summary="List stories, newest and largest first")
    def api_stories(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)
    ) -> dict[str, Any]:
        """Stories with ``id``, ``headline``, ``size``, ``outlets``, ``first_published``,
        ``last_published``, ``created``, ``updated``; ``total`` is the number stored."""
        store = stores.get()
        return {"total": store.story_count(), "limit": limit, "offset": offset,
                "stories": store.list_stories(limit=limit, offset=offset)}

    @app.get(
        "/api/stories/{story_id}", tags=["api"],
        summary="One story: the story object of the JSON report (docs/json-report.md)",
        response_class=JSONResponse,
        responses={200: {"description": "The story object of the JSON report",
                         "content": {"application/json": {"schema": {"type": "object"}}}},
                   404: {"description": "No story with that id"}},
    )
    def api_story(story_id: str) -> Response:
        """The story exactly as in ``newsweave weave --format json``: headline, articles with
        text and sentence spans, numbered sources, summary with citations, and facts."""
        check_id(story_id, "story")
        store = stores.get()
        version = store.story_version(story_id)
        key = ("json", story_id, version)
        body = cache.get(key)
        if body is None:
            story = _load_story(store, story_id) if version is not None else None
            if story is None:
                raise not_found("story")
            body = json.dumps(report.story_dict(story), ensure_ascii=False).encode("utf-8")
            cache.put(key, body)
        return Response(body, media_type="application/json")

    @app.get(
        "/api/articles/{article_id}", tags=["api"],
        summary="One article: clean text, sentence spans, removed noise, stories",
        responses={404: {"description": "No article with that id"}},
    )
    def api_article(article_id: str) -> dict[str, Any]:
        """The article object of the JSON report (``number`` is null outside a story), plus
        ``raw_text``, each sentence's ``text`` and ``story_ids``."""
        check_id(article_id, "article")
        store = stores.get()
        article = _get_article(store, article_id)
        if article is None:
            raise not_found("article")
        d = report.article_dict(article, None)
        d["sentences"] = [
            {"index": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in article.sentences
        ]
        d["raw_text"] = article.raw_text
        d["story_ids"] = store.article_stories(article_id)
        return d

    @app.get("/api/search", tags=["api"], summary="Full-text search over articles (FTS5)")
    def api_search(
        q: str = Query(..., max_length=MAX_QUERY_CHARS,
                       description="words to find (all must match; the last also as prefix)"),
        limit: int = Query(20, ge=1, le=200),
    ) -> dict[str, Any]:
        """Articles matching every word of ``q``, best first: ``id``, ``title``, ``outlet``,
        ``published``, ``snippet`` (plain text) and ``story_ids``."""
        return {"query": q, "results": stores.get().search(q, limit=limit)}

    if allow_add:
        @app.post(
            "/api/articles", tags=["api"], status_code=201,
            summary="Add articles (only with --allow-add): runs the pipeline, returns stories",
            responses={400: {"description": "Invalid body"}, 403: {"description": "Cross-site"},
                       413: {"description": "Body too large"},
                       429: {"description": "Rate limit"}},
        )
        def api_add(request: Request, payload: Any = Body(  # noqa: B008 (FastAPI idiom)
            ..., description="an article {text, title?, url?, outlet?, published?, author?}, "
            "a list of them, or {articles: [...]}")) -> dict[str, Any]:
            """Weave the posted articles into the store (cleaning, dedupe, incremental
            clustering, summaries, facts) and return the stories they landed in."""
            if not _same_origin(request):
                raise HTTPException(403, "cross-site request refused")
            client = request.client.host if request.client else "?"
            wait = limiter.allow(client)
            if wait:
                raise HTTPException(429, f"too many additions; retry in {wait:.0f} s",
                                    headers={"Retry-After": str(int(wait) + 1)})
            try:
                records = _article_records(payload)
            except InputError as exc:
                raise HTTPException(400, exc.message) from exc
            with add_lock:  # one pipeline run at a time
                try:
                    return add_articles(db, records)
                except NewsweaveError as exc:
                    raise HTTPException(400, str(exc)) from exc

    return app


def _errors(exc: Any) -> list[dict]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in exc.errors()]


def _same_origin(request: Any) -> bool:
    """A browser's cross-site POST carries an Origin (or Referer) naming another host."""
    host = request.headers.get("host", "")
    for header in ("origin", "referer"):
        value = request.headers.get(header)
        if value:
            return urlsplit(value).netloc == host
    return True  # not from a browser page (curl, scripts)


def _load_story(store: Store, story_id: str) -> Story | None:
    try:
        return store.load_story(story_id)
    except KeyError:  # StoryNotFound
        return None


def _get_article(store: Store, article_id: str) -> Article | None:
    try:
        return store.get_article(article_id)
    except KeyError:
        return None


# ------------------------------------------------------------------------------ serving


# Swagger UI for /docs comes from the swagger-ui-bundle package (no CDN: the page works
# offline); its files are served under this path.
DOCS_ASSETS = "/docs-assets"


def _add_offline_docs(app: Any) -> None:
    """``/docs``: FastAPI's Swagger UI page with its script and style served locally."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles
    from swagger_ui_bundle import swagger_ui_path

    app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def _docs() -> Any:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="newsweave API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )


def serve(db_path: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          allow_add: bool = False, log_level: str = "warning") -> None:
    """Run the app with uvicorn until interrupted (blocks)."""
    import uvicorn

    hosts = None
    if host in LOOPBACK_HOSTS:
        hosts = list(LOOPBACK_HOSTS)
    app = create_app(db_path, allow_add=allow_add, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    print(f"newsweave: serving {db_path} at http://{shown}:{port}/ "
          f"({'adding articles enabled' if allow_add else 'read-only'}; Ctrl-C to stop)",
          flush=True)
    # Keep idle keep-alive connections open a while: many readers behind one client pool
    # would otherwise race the server's 5 s default closing them.
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_keep_alive=30)


__all__ = ["create_app", "serve", "story_page"]
