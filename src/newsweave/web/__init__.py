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

The package: :mod:`~newsweave.web.app` (create_app, the routes and JSON API, serve),
:mod:`~newsweave.web.pages` (the view model of the HTML pages, over report.py's fact views) and
:mod:`~newsweave.web.guard` (the middleware, size caps, rate limit and post checks). FastAPI is
imported lazily (inside :func:`create_app`) so the ``newsweave`` command starts quickly.
"""

from newsweave.web.app import (  # noqa: F401  (re-exported: the public names of newsweave.web)
    DEFAULT_HOST,
    DEFAULT_PORT,
    DOCS_ASSETS,
    PACKAGE_DIR,
    PAGE_CACHE_SIZE,
    PAGE_CACHE_TTL_S,
    SEARCH_LIMIT,
    STATIC_DIR,
    STORIES_PER_PAGE,
    TEMPLATES_DIR,
    add_articles,
    create_app,
    serve,
    template_env,
)
from newsweave.web.guard import (  # noqa: F401  (re-exported: the public names of newsweave.web)
    ADD_RATE,
    ADD_WINDOW_S,
    CSP,
    LOOPBACK_HOSTS,
    MAX_ADD_ARTICLES,
    MAX_ADD_BYTES,
    MAX_QUERY_CHARS,
    MAX_QUERY_STRING_BYTES,
    MAX_READ_BODY_BYTES,
    GuardMiddleware,
    RateLimiter,
    article_records,
    same_origin,
)
from newsweave.web.pages import (  # noqa: F401  (re-exported: the public names of newsweave.web)
    MAX_CHART_EVENTS,
    MAX_MATRIX_ROWS,
    OUTLIER_GAP_DAYS,
    OUTLIER_GAP_RATIO,
    OUTLIER_SHARE,
    article_href,
    coverage_matrix,
    format_number,
    noise_segments,
    parse_date,
    split_outliers,
    story_href,
    story_list_row,
    story_page,
    text_segments,
    timeline_chart,
    web_link,
)

# the names these had when web was one module (tests and bench/load_web.py use them)
_article_records = article_records
_templates = template_env

__all__ = ["create_app", "serve", "story_page"]
