"""Ingest: turn files, directories and stdin into :class:`~newsweave.model.Article` objects.

Supported inputs (chosen by file extension; anything else is sniffed):

- ``.txt`` / ``.md``: plain text. A first line that looks like a headline becomes the title;
  a lone section label above it ("Business") is not the title (it is kept in ``meta`` as
  ``section``). An optional header block of ``Key: value`` lines (``Title``, ``Outlet``,
  ``Published``, ``URL``, ``Author``) followed by a blank line sets the metadata.
- ``.html`` / ``.htm``: :func:`newsweave.extract.html_to_article` (trafilatura + fallback).
- ``.json``: one object or a list of objects; ``.jsonl``: one object per line. Keys ``text``,
  ``title``, ``url``, ``outlet``, ``published`` and common aliases (``body``/``content``,
  ``headline``, ``source``/``site_name``/``publisher``, ``date``/``published_at``, ...).
- The multi-document jsonl of ``../shared/data`` (``{"id", "documents": [{"title", "text"}],
  "summaries"}``): each record is one story (``Article.group`` = record id), one article per
  document; per-document extras (``mnplus_kept``, ``doc_id``) land in ``Article.meta``.
- ``.warc`` / ``.warc.gz``: :func:`newsweave.ingest.warc.read_warc`.
- ``.gz`` around any of the above (``.jsonl.gz``, ``.txt.gz``): decompressed up to the size cap.
- An RSS/Atom/RDF feed saved to a file (or piped to stdin): one article per item carrying its
  text (:mod:`~newsweave.ingest.feed`); items with only a link or a teaser are skipped.
- A text file with a few stray NUL bytes is read with them removed (``meta`` ``repaired``).

Grouping is explicit or clustered (:func:`input_group`): only the files inside a sub-folder of
a folder named on the command line share a story group (that sub-folder); files named one by
one, the files directly in a named folder and stdin have no group and are clustered.

Every input yields articles or a :class:`~newsweave.model.Skipped` record naming the input,
the cause and the fix; with ``on_error="raise"`` an :class:`~newsweave.errors.InputError` is
raised instead. ``Article.source`` is the path, with ``#N`` for the N-th record or line of a
file (1-based) and ``#N/K`` for the K-th document of a multi-document record.

Ids are content hashes (:func:`article_id`), so the same content ingested twice gets the same
id; duplicates within one run are dropped (the first is kept, and each copy read from another
source is listed in its ``duplicates`` as an exact :class:`~newsweave.model.Duplicate`, so no
outlet is lost).

The package has one module per source: :mod:`~newsweave.ingest.files` (files, directories,
stdin, the :class:`Loader` and :func:`load_articles`), :mod:`~newsweave.ingest.text` (plain
text and Markdown), :mod:`~newsweave.ingest.records` (JSON, JSON Lines, multi-document
records), :mod:`~newsweave.ingest.html` (HTML pages), :mod:`~newsweave.ingest.feed` (feed
files), :mod:`~newsweave.ingest.warc` (WARC crawls), with what they share in
:mod:`~newsweave.ingest.common`. URLs and feeds come in over
HTTP through :mod:`newsweave.fetch`. Bytes to text and dates are :mod:`newsweave.decode`.
"""

from newsweave.decode import decode_bytes, normalise_date
from newsweave.ingest.common import STAGE, article_id, normalise_ws, scrub_surrogates
from newsweave.ingest.files import (
    BINARY_EXTENSIONS,
    HTML_EXTENSIONS,
    IGNORED_NAMES,
    JSON_EXTENSIONS,
    JSONL_EXTENSIONS,
    TEXT_EXTENSIONS,
    WARC_SUFFIXES,
    Loader,
    input_group,
    iter_files,
    load_articles,
)
from newsweave.ingest.html import NO_HTML_TEXT
from newsweave.ingest.text import looks_like_headline, split_text_article, truncate_text

__all__ = [
    "BINARY_EXTENSIONS",
    "HTML_EXTENSIONS",
    "IGNORED_NAMES",
    "JSONL_EXTENSIONS",
    "JSON_EXTENSIONS",
    "NO_HTML_TEXT",
    "STAGE",
    "TEXT_EXTENSIONS",
    "WARC_SUFFIXES",
    "Loader",
    "article_id",
    "decode_bytes",
    "input_group",
    "iter_files",
    "load_articles",
    "looks_like_headline",
    "normalise_date",
    "normalise_ws",
    "scrub_surrogates",
    "split_text_article",
    "truncate_text",
]
