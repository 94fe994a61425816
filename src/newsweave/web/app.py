"""The FastAPI application over a store: create_app (HTML pages and the JSON API), adding
posted articles, and serve.

This module imports FastAPI lazily (inside :func:`create_app`) so the ``newsweave`` command
starts quickly; for that reason it does not use ``from __future__ import annotations``:
FastAPI reads the route signatures, whose types are imported in the function.
"""

import contextlib
import json
import logging
import os
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from newsweave import report
from newsweave.errors import InputError, NewsweaveError, StoreError
from newsweave.model import Article, Story
from newsweave.store import Store
from newsweave.web import guard
from newsweave.web.guard import (
    LOOPBACK_HOSTS,
    MAX_ADD_BYTES,
    MAX_QUERY_CHARS,
    MAX_READ_BODY_BYTES,
    SAFE_ID,
    GuardMiddleware,
    RateLimiter,
    article_records,
    same_origin,
)
from newsweave.web.pages import (
    article_href,
    format_number,
    noise_segments,
    story_href,
    story_list_row,
    story_page,
    text_segments,
    web_link,
)

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_DIR / "templates" / "web"
STATIC_DIR = PACKAGE_DIR / "static"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

# Rendered story pages and story JSON kept in memory (LRU), keyed by the story's id, saved
# time and run, and dropped after PAGE_CACHE_TTL_S seconds. A 40-article story renders in
# about 50-100 ms (bench/load_web.py); from the cache it costs one indexed query. 0 disables
# (also through the NEWSWEAVE_WEB_CACHE environment variable).
PAGE_CACHE_SIZE = 64
PAGE_CACHE_TTL_S = 60.0


STORIES_PER_PAGE = 50
SEARCH_LIMIT = 50


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
        "stories": [
            {"id": s.id, "headline": s.headline, "href": story_href(s.id)} for s in result.stories
        ],
        "skipped": [
            {"source": s.source, "stage": s.stage, "reason": s.reason} for s in result.skipped
        ],
    }


# ------------------------------------------------------------------------------ the app


def template_env() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        # the page templates, then the templates shared with the report (figures.html)
        loader=FileSystemLoader([str(TEMPLATES_DIR), str(TEMPLATES_DIR.parent)]),
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


def create_app(
    db_path: str | Path,
    allow_add: bool = False,
    *,
    allowed_hosts: Iterable[str] | None = None,
    cache_size: int | None = None,
) -> Any:
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
    env = template_env()
    env.globals["version"] = __version__
    env.globals["allow_add"] = allow_add
    limiter = RateLimiter(guard.ADD_RATE, guard.ADD_WINDOW_S)
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
        if not SAFE_ID.match(value):
            raise not_found(what)
        return value

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse(
                {"detail": exc.detail},
                status_code=exc.status_code,
                headers=getattr(exc, "headers", None),
            )
        title = {404: "Not found", 405: "Method not allowed", 429: "Too many requests"}.get(
            exc.status_code, "Error"
        )
        return page(
            "error.html",
            status=exc.status_code,
            title=title,
            message=str(exc.detail)
            if exc.status_code != 404
            else "There is nothing here. The story or article may not be in this store.",
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": _errors(exc)}, status_code=422)
        return page(
            "error.html",
            status=422,
            title="Invalid request",
            message="; ".join(e["msg"] for e in _errors(exc)),
        )

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return page("error.html", status=503, title="Store unavailable", message=str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # A bug or damaged data we did not foresee: a clean 500, never a traceback, and the
        # server goes on answering other requests.
        log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        message = "This page could not be built. The error is in the server log."
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=500)
        return page("error.html", status=500, title="Server error", message=message)

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
            r["stories"] = [
                {"href": story_href(s), "headline": headlines.get(s, s)} for s in r["story_ids"]
            ]
        return page("search.html", title=f"Search: {q}", q=q, results=results)

    def cached_story(kind: str, story_id: str, render: Callable[[Story], Any]) -> Any:
        """A story rendered as ``kind`` (page or JSON), cached until the story changes."""
        check_id(story_id, "story")
        store = stores.get()
        version = store.story_version(story_id)
        key = (kind, story_id, version)
        value = cache.get(key)
        if value is None:
            story = _load_story(store, story_id) if version is not None else None
            if story is None:
                raise not_found("story")
            value = render(story)
            cache.put(key, value)
        return value

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_view(story_id: str) -> HTMLResponse:
        return HTMLResponse(
            cached_story(
                "html",
                story_id,
                lambda story: env.get_template("story.html").render(
                    title=story.headline, **story_page(story)
                ),
            )
        )

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
        return {
            "total": store.story_count(),
            "limit": limit,
            "offset": offset,
            "stories": store.list_stories(limit=limit, offset=offset),
        }

    @app.get(
        "/api/stories/{story_id}",
        tags=["api"],
        summary="One story: the story object of the JSON report (docs/json-report.md)",
        response_class=JSONResponse,
        responses={
            200: {
                "description": "The story object of the JSON report",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            404: {"description": "No story with that id"},
        },
    )
    def api_story(story_id: str) -> Response:
        """The story exactly as in ``newsweave weave --format json``: headline, articles with
        text and sentence spans, numbered sources, summary with citations, and facts."""
        body = cached_story(
            "json",
            story_id,
            lambda story: json.dumps(report.story_dict(story), ensure_ascii=False).encode("utf-8"),
        )
        return Response(body, media_type="application/json")

    @app.get(
        "/api/articles/{article_id}",
        tags=["api"],
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
        q: str = Query(
            ...,
            max_length=MAX_QUERY_CHARS,
            description="words to find (all must match; the last also as prefix)",
        ),
        limit: int = Query(20, ge=1, le=200),
    ) -> dict[str, Any]:
        """Articles matching every word of ``q``, best first: ``id``, ``title``, ``outlet``,
        ``published``, ``snippet`` (plain text) and ``story_ids``."""
        return {"query": q, "results": stores.get().search(q, limit=limit)}

    if allow_add:

        @app.post(
            "/api/articles",
            tags=["api"],
            status_code=201,
            summary="Add articles (only with --allow-add): runs the pipeline, returns stories",
            responses={
                400: {"description": "Invalid body"},
                403: {"description": "Cross-site"},
                413: {"description": "Body too large"},
                429: {"description": "Rate limit"},
            },
        )
        def api_add(
            request: Request,
            payload: Any = Body(  # noqa: B008 (FastAPI idiom)
                ...,
                description="an article {text, title?, url?, outlet?, published?, author?}, "
                "a list of them, or {articles: [...]}",
            ),
        ) -> dict[str, Any]:
            """Weave the posted articles into the store (cleaning, dedupe, incremental
            clustering, summaries, facts) and return the stories they landed in."""
            if not same_origin(request):
                raise HTTPException(403, "cross-site request refused")
            client = request.client.host if request.client else "?"
            wait = limiter.allow(client)
            if wait:
                raise HTTPException(
                    429,
                    f"too many additions; retry in {wait:.0f} s",
                    headers={"Retry-After": str(int(wait) + 1)},
                )
            try:
                records = article_records(payload)
            except InputError as exc:
                raise HTTPException(400, exc.message) from exc
            with add_lock:  # one pipeline run at a time
                try:
                    return add_articles(db, records)
                except NewsweaveError as exc:
                    raise HTTPException(400, str(exc)) from exc

    return app


def _errors(exc: Any) -> list[dict]:
    return [
        {
            "loc": list(e.get("loc", ())),
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors()
    ]


def _load_story(store: Store, story_id: str) -> Story | None:
    try:
        return store.load_story(story_id)
    except KeyError:  # StoryNotFound
        return None


def _get_article(store: Store, article_id: str) -> Article | None:
    try:
        return store.get_article(article_id)
    except KeyError:
        # a folded copy cited for what only it says (issue 19): its own sentences
        return store.get_copy(article_id)


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
            openapi_url="/openapi.json",
            title="newsweave API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )


def serve(
    db_path: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_add: bool = False,
    log_level: str = "warning",
) -> None:
    """Run the app with uvicorn until interrupted (blocks)."""
    import uvicorn

    hosts = None
    if host in LOOPBACK_HOSTS:
        hosts = list(LOOPBACK_HOSTS)
    app = create_app(db_path, allow_add=allow_add, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    print(
        f"newsweave: serving {db_path} at http://{shown}:{port}/ "
        f"({'adding articles enabled' if allow_add else 'read-only'}; Ctrl-C to stop)",
        flush=True,
    )
    # Keep idle keep-alive connections open a while: many readers behind one client pool
    # would otherwise race the server's 5 s default closing them.
    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_keep_alive=30)
