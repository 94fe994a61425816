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
- ``.warc`` / ``.warc.gz``: :func:`newsweave.warc.read_warc`.
- ``.gz`` around any of the above (``.jsonl.gz``, ``.txt.gz``): decompressed up to the size cap.

Every input yields articles or a :class:`~newsweave.model.Skipped` record naming the input,
the cause and the fix; with ``on_error="raise"`` an :class:`~newsweave.errors.InputError` is
raised instead. ``Article.source`` is the path, with ``#N`` for the N-th record or line of a
file (1-based) and ``#N/K`` for the K-th document of a multi-document record.

Ids are content hashes (:func:`article_id`), so the same content ingested twice gets the same
id; duplicates within one run are dropped (the first is kept, and each copy read from another
source is listed in its ``duplicates`` as an exact :class:`~newsweave.model.Duplicate`, so no
outlet is lost).
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsweave.config import IngestConfig
from newsweave.decode import SNIFF_BYTES, decode_bytes, json_loads, normalise_date
from newsweave.errors import InputError, NotTextError
from newsweave.model import Article, Duplicate, Skipped

STAGE = "ingest"

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
JSON_EXTENSIONS = {".json"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
# Extensions that are never articles: skipped with a reason instead of being sniffed.
BINARY_EXTENSIONS = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".svg", ".pdf", ".zip", ".tar",
    ".tgz", ".bz2", ".xz", ".7z", ".exe", ".dll", ".so", ".pyc", ".mp3", ".mp4", ".mov", ".avi",
    ".wav", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".sqlite", ".db", ".parquet",
}
# File names that document a corpus rather than belong to it (a dataset's README, a licence);
# skipped silently when met while walking a directory, read when named explicitly.
IGNORED_NAMES = re.compile(r"^(readme|license|licence|copying|changelog|notice)(\.[a-z]+)?$", re.I)

# Articles are prose: English news text is about 80% letters, tables of figures about 30%.
# Below this share the "text" is markup debris, a dump of numbers or punctuation ("[[[[").
MIN_LETTER_RATIO = 0.2
# A first line is a headline candidate only within these bounds (words / characters); news
# headlines run 3-20 words, a section label 1-3.
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
HEADLINE_MIN_CHARS = 10
# A JSON Lines file gets one skip per invalid line up to this many, then one summary skip
# (a 64 MB text file named .jsonl would otherwise record a million skips).
MAX_LINE_SKIPS = 1000
# When an over-long text is cut, look back at most this share of the limit for a paragraph or
# sentence boundary before cutting at a word boundary.
TRUNCATE_LOOKBACK = 0.2

_WS = re.compile(r"\s+")
# A text file with at most this many NUL bytes (or one per 1,000 bytes) is damaged text, not
# binary data: the NULs are stripped and the article kept (meta "repaired" says so).
MAX_STRAY_NULS = 64
# The start of an RSS, Atom or RDF feed (after an XML declaration and comments).
_FEED_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b",
                         re.I | re.S)
NO_HTML_TEXT = ("no article text found in the HTML page (an index, login or navigation "
                "page?); give the article's own page")

TEXT_KEYS = ("text", "body", "content", "article", "article_text", "maintext", "full_text")
TITLE_KEYS = ("title", "headline", "name")
URL_KEYS = ("url", "link", "canonical_url", "permalink")
OUTLET_KEYS = ("outlet", "source", "site_name", "sitename", "publisher", "site", "source_name")
DATE_KEYS = (
    "published", "date", "published_at", "publish_date", "pubdate", "date_published",
    "datepublished", "timestamp", "timestamp_ms", "time",
)
AUTHOR_KEYS = ("author", "authors", "byline", "creator")
LANG_KEYS = ("language", "lang")
GROUP_KEYS = ("group", "story", "story_id", "cluster_id", "cluster")
# Keys used above: not copied again into meta.
_KNOWN_KEYS = set(TEXT_KEYS + TITLE_KEYS + URL_KEYS + OUTLET_KEYS + DATE_KEYS + AUTHOR_KEYS
                  + LANG_KEYS + GROUP_KEYS)

# Section labels a page or a scraped text puts above its headline.
SECTION_WORDS = frozenset(
    """news world business politics opinion sport sports tech technology science health
    entertainment arts culture markets economy local national international asia europe us u.s.
    uk americas africa middle east lifestyle travel money finance breaking analysis commentary
    editorial features feature video videos photos weather education environment climate media
    style food books movies music television tv home crime law justice china india canada
    australia investigations investigation nation region regional metro city state states
    politics&policy policy global life wellness science&tech and & latest top stories""".split()
)
_SECTION_SPLIT = re.compile(r"\s*[|>›»/·•]\s*|\s+")

HEADER_KEYS = {
    "title": "title", "headline": "title", "outlet": "outlet", "source": "outlet",
    "publisher": "outlet", "site": "outlet", "published": "published", "date": "published",
    "url": "url", "link": "url", "author": "author", "by": "author", "language": "language",
    "site_name": "outlet", "published_at": "published", "lang": "language",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}):\s*(.*\S)\s*$")



# Lone UTF-16 surrogates (from a JSON "\\ud800" escape or a broken decoder) cannot be
# encoded as UTF-8: SQLite, the JSON report and the web app would fail on them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD (unchanged when there is none)."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _scrub_article(article: Article) -> Article:
    changes: dict[str, Any] = {}
    for f in ("text", "raw_text", "title", "outlet", "published", "source", "url", "author",
              "language", "group", "extraction"):
        v = getattr(article, f)
        if isinstance(v, str) and _SURROGATE.search(v):
            changes[f] = scrub_surrogates(v)
    if any(_SURROGATE.search(str(k)) or _SURROGATE.search(str(v)) for k, v in article.meta):
        changes["meta"] = tuple((scrub_surrogates(str(k)), scrub_surrogates(str(v)))
                                for k, v in article.meta)
    return dataclasses.replace(article, **changes) if changes else article


def normalise_ws(text: str | None) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _WS.sub(" ", text or "").strip()


def article_id(raw_text: str, title: str | None) -> str:
    """Content id of an article: first 16 hex digits of SHA-256 of title + "\\n" + raw text.

    Both parts are whitespace-normalised first, so the same article read from a file with
    other line endings or indentation gets the same id.
    """
    key = normalise_ws(title) + "\n" + normalise_ws(raw_text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- errors


class _Collector:
    """Collects skips, or raises them as InputError when on_error == "raise"."""

    def __init__(self, on_error: str):
        if on_error not in ("skip", "raise"):
            raise InputError(
                f"on_error must be 'skip' or 'raise', got {on_error!r}", stage=STAGE
            )
        self.on_error = on_error
        self.skipped: list[Skipped] = []

    def skip(self, source: str, reason: str) -> None:
        if self.on_error == "raise":
            raise InputError(reason, source=source, stage=STAGE)
        self.skipped.append(Skipped(source, STAGE, reason))

    def add(self, item: Skipped) -> None:
        if self.on_error == "raise":
            raise InputError(item.reason, source=item.source, stage=item.stage or STAGE)
        self.skipped.append(item)


# --------------------------------------------------------------------------- helpers


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for k in keys:
        v = lowered.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        parts = [_as_str(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return _as_str(_first(value, ("name", "title", "text", "value")))
    s = str(value).strip()
    return s or None


def _text_value(value: Any) -> str | None:
    """An article text from a JSON value: a string, or a list of paragraphs."""
    if isinstance(value, list):
        parts = [p.strip() for p in value if isinstance(p, str) and p.strip()]
        return "\n\n".join(parts) or None
    return _as_str(value)



def truncate_text(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters at a paragraph, else sentence, else word
    boundary found within the last ``TRUNCATE_LOOKBACK`` of the limit."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    floor = int(limit * (1 - TRUNCATE_LOOKBACK))
    cut = head.rfind("\n\n")
    if cut < floor:
        m = None
        for m_ in re.finditer(r"[.!?][\"'”’)]?\s", head[floor:]):
            m = m_
        cut = floor + m.end() if m else -1
    if cut < floor:
        cut = head.rfind(" ")
    if cut < floor:
        cut = limit
    return head[:cut].rstrip()


def _looks_like_section(line: str) -> bool:
    words = [w for w in _SECTION_SPLIT.split(line.strip().lower()) if w]
    return 0 < len(words) <= 4 and len(line) <= 40 and all(w in SECTION_WORDS for w in words)


def looks_like_headline(line: str) -> bool:
    """True when a single line reads like a headline: short, no final full stop or comma."""
    s = line.strip().lstrip("#").strip()
    if not (HEADLINE_MIN_CHARS <= len(s) <= HEADLINE_MAX_CHARS):
        return False
    words = s.split()
    if not (2 <= len(words) <= HEADLINE_MAX_WORDS):
        return False
    if s[-1] in ".,;:" and not s.endswith("..."):
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘"):
        return False
    if re.match(r"^[A-Z][A-Z .,'-]{2,}\s+(\(\w+\)\s*)?[-–—]\s", s):  # dateline "BEIJING - ..."
        return False
    return True


def split_text_article(text: str) -> tuple[dict[str, str], str]:
    """Split a plain-text article into metadata (title, section, header fields) and body.

    - A header block of ``Key: value`` lines (known keys only) ended by a blank line.
    - A Markdown ``# Title`` line, or a first line that looks like a headline and stands on
      its own (a blank line, or the end of a short block, follows it). A section label line
      above it ("Business") is recorded as ``section`` and is not the title.
    """
    meta: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    # Markdown front matter: "---" / "key: value" lines / "---"
    if i < len(lines) and lines[i].strip() == "---":
        end = next((k for k in range(i + 1, min(len(lines), i + 60))
                    if lines[k].strip() in ("---", "...")), None)
        if end is not None:
            for ln in lines[i + 1:end]:
                m = _HEADER_LINE.match(ln.strip())
                key = m.group(1).strip().lower() if m else ""
                if m and key in HEADER_KEYS:
                    meta[HEADER_KEYS[key]] = m.group(2).strip().strip("\"'")
            i = end + 1
            while i < len(lines) and not lines[i].strip():
                i += 1
    # header block
    j = i
    header: dict[str, str] = {}
    while j < len(lines) and lines[j].strip():
        m = _HEADER_LINE.match(lines[j].strip())
        if not m or m.group(1).strip().lower() not in HEADER_KEYS:
            break
        header[HEADER_KEYS[m.group(1).strip().lower()]] = m.group(2).strip()
        j += 1
    if header and (j >= len(lines) or not lines[j].strip()):
        meta.update(header)
        i = j
        while i < len(lines) and not lines[i].strip():
            i += 1

    def next_nonblank(k: int) -> int:
        while k < len(lines) and not lines[k].strip():
            k += 1
        return k

    if i < len(lines):
        first = lines[i].strip()
        k = next_nonblank(i + 1)
        if _looks_like_section(first) and k < len(lines) and looks_like_headline(lines[k]):
            meta["section"] = first
            i = k
            first = lines[i].strip()
        if "title" not in meta:
            standalone = i + 1 >= len(lines) or not lines[i + 1].strip()
            if first.startswith("# ") and len(first) > 2:
                meta["title"] = first[2:].strip()
                i += 1
            elif standalone and looks_like_headline(first) and next_nonblank(i + 1) < len(lines):
                meta["title"] = first.lstrip("#").strip()
                i += 1
    body = "\n".join(lines[i:]).strip("\n")
    return meta, body


# --------------------------------------------------------------------------- loader


class _Loader:
    def __init__(self, config: IngestConfig, on_error: str):
        self.config = config
        self.errors = _Collector(on_error)
        self.articles: list[Article] = []
        self.by_id: dict[str, int] = {}

    # ---- output

    def emit(self, article: Article) -> None:
        article = _scrub_article(article)
        text = article.text or ""
        raw = article.raw_text if article.raw_text is not None else text
        meta = list(article.meta)
        if len(text) > self.config.max_article_chars:
            text = truncate_text(text, self.config.max_article_chars)
            raw = text
            if ("truncated", "true") not in meta:
                meta.append(("truncated", "true"))
            if not any(k == "truncated_reason" for k, _ in meta):
                meta.append(("truncated_reason", f"longer than {self.config.max_article_chars} "
                             "characters (ingest.max_article_chars)"))
        if len(text.strip()) < self.config.min_text_chars:
            what = "empty" if not text.strip() else f"only {len(text.strip())} characters"
            self.errors.skip(
                article.source,
                f"no article text ({what}; ingest.min_text_chars is "
                f"{self.config.min_text_chars}); give a file with the article's text",
            )
            return
        head = text[:SNIFF_BYTES]
        letters = sum(1 for ch in head if ch.isalpha())
        if letters < MIN_LETTER_RATIO * len(head.strip()):
            self.errors.skip(
                article.source,
                f"not article text (only {letters / max(len(head.strip()), 1):.0%} letters); "
                "give prose text, HTML or JSON with a 'text' field",
            )
            return
        aid = article_id(raw, article.title)
        article = dataclasses.replace(article, id=aid, text=text, raw_text=raw, meta=tuple(meta))
        if aid in self.by_id:
            # Same title and text read twice (the same file given twice, or one article
            # carried verbatim by two outlets): keep the first, remember the copy and its
            # outlet so no source is lost.
            idx = self.by_id[aid]
            first = self.articles[idx]
            if article.source != first.source and all(
                    d.source != article.source for d in first.duplicates):
                dup = Duplicate(article_id=aid, outlet=article.outlet, title=article.title,
                                url=article.url, source=article.source,
                                published=article.published, kind="exact", similarity=1.0)
                self.articles[idx] = dataclasses.replace(
                    first, duplicates=first.duplicates + (dup,))
            return
        self.by_id[aid] = len(self.articles)
        self.articles.append(article)

    # ---- traversal

    def load(self, paths: list[str | Path], stdin_text: str | None) -> None:
        for p in paths:
            if str(p) == "-":
                self.load_stdin(stdin_text)
                continue
            path = Path(p)
            if path.is_dir():
                self.load_dir(path)
            elif path.is_file():
                self.load_file_safely(path, group=None)
            elif path.exists():
                self.errors.skip(str(p), "not a regular file or directory; give a file or a "
                                 "directory of articles")
            else:
                self.errors.skip(str(p), "no such file or directory; check the path")

    def load_dir(self, root: Path) -> None:
        for dirpath, dirnames, filenames in os.walk(root, onerror=lambda e: self.errors.skip(
                str(getattr(e, "filename", root)), f"cannot list directory: {e.strerror}; "
                "check its permissions")):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
            for name in sorted(filenames):
                if name.startswith(".") or IGNORED_NAMES.match(name):
                    continue
                path = Path(dirpath) / name
                if not path.is_file():
                    continue
                self.load_file_safely(path, group=input_group(path, root))

    def load_file_safely(self, path: Path, group: str | None) -> None:
        """:meth:`load_file`, turning any unexpected failure into a recorded skip."""
        try:
            self.load_file(path, group)
        except InputError:
            raise
        except (Exception, RecursionError) as exc:  # one bad input never stops the batch
            self.errors.skip(str(path), f"could not read this input ({type(exc).__name__}: "
                             f"{exc}); please report it as a bug, and remove the file to "
                             "go on")

    def load_stdin(self, stdin_text: str | None) -> None:
        if stdin_text is None:
            data = sys.stdin.buffer.read(self.config.max_file_bytes + 1)
            truncated = len(data) > self.config.max_file_bytes
            data = data[: self.config.max_file_bytes]
            try:
                stdin_text, _ = decode_bytes(data, truncated)
            except NotTextError as exc:
                self.errors.skip("stdin", f"{exc}; pipe article text, HTML or JSON")
                return
        self.load_sniffed(stdin_text, "stdin", None, truncated=False, raw=None)

    def read_bytes(self, path: Path, limit: int | None = None) -> tuple[bytes, bool] | None:
        """Read at most ``limit`` bytes (default ``max_file_bytes``); say if there was more."""
        limit = self.config.max_file_bytes if limit is None else limit
        try:
            if path.name.lower().endswith(".gz"):
                with gzip.open(path, "rb") as fh:
                    data = fh.read(limit + 1)
            else:
                with open(path, "rb") as fh:
                    data = fh.read(limit + 1)
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            self.errors.skip(str(path), f"cannot read file: {exc}; check that it exists, is "
                             "readable and (for .gz) is a complete gzip file")
            return None
        truncated = len(data) > limit
        return (data[:limit] if truncated else data), truncated

    def load_file(self, path: Path, group: str | None) -> None:
        """Read one file; ``group`` is its story group (None: a pile, clustered)."""
        source = str(path)
        name = path.name.lower()
        if name.endswith(WARC_SUFFIXES):
            self.load_warc(path, group)
            return
        inner = name[:-3] if name.endswith(".gz") else name
        ext = os.path.splitext(inner)[1]
        if ext in BINARY_EXTENSIONS:
            self.errors.skip(source, f"unsupported file type '{ext}' (not article text); "
                             "convert it to .txt, .html or .json")
            return
        # A plain-text article is cut at max_article_chars anyway: read only the bytes that
        # can hold that many characters (4 bytes per character at most), so a huge text file
        # costs the same as a 4 MB one.
        text_cap = 4 * self.config.max_article_chars + SNIFF_BYTES
        limit = self.config.max_file_bytes
        if ext in TEXT_EXTENSIONS:
            limit = min(limit, text_cap)
        got = self.read_bytes(path, limit)
        if got is None:
            return
        data, truncated = got
        if not data.strip():
            self.errors.skip(source, "empty file (no article text); remove it or add text")
            return
        if ext in HTML_EXTENSIONS:
            self.load_html(data, source, group, truncated)
            return
        repaired: tuple[tuple[str, str], ...] = ()
        try:
            text, encoding = decode_bytes(data, truncated)
        except NotTextError as exc:
            # a few stray NUL bytes inside real text (a damaged file): strip them and say so
            nuls = data.count(b"\x00")
            try:
                if not 0 < nuls <= max(MAX_STRAY_NULS, len(data) // 1000):
                    raise exc
                text, encoding = decode_bytes(data.replace(b"\x00", b""), truncated)
            except NotTextError:
                self.errors.skip(source, f"{exc}; remove it from the input or convert it to "
                                 "text")
                return
            repaired = (("repaired", f"removed {nuls} NUL byte(s) (U+0000) from the text"),)
        if not text.strip():
            self.errors.skip(source, "empty file (whitespace only); remove it or add text")
            return
        if ext in TEXT_EXTENSIONS and len(text) > self.config.max_article_chars + SNIFF_BYTES:
            text = text[: self.config.max_article_chars + SNIFF_BYTES]
            truncated = True
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        extra = (("encoding", encoding),) + repaired
        if truncated:
            extra += (("truncated", "true"), ("truncated_reason", "file larger than "
                      f"ingest.max_file_bytes ({self.config.max_file_bytes} bytes) or than "
                      f"ingest.max_article_chars ({self.config.max_article_chars})"))
        if ext in TEXT_EXTENSIONS:
            self.load_text(text, source, group, extra, ext)
        elif ext in JSON_EXTENSIONS:
            self.load_json(text, source, group, truncated)
        elif ext in JSONL_EXTENSIONS:
            self.load_jsonl(text, source, group, truncated)
        else:
            self.load_sniffed(text, source, group, truncated=truncated, raw=data, extra=extra)

    def load_sniffed(self, text: str, source: str, group: str | None, *, truncated: bool,
                     raw: bytes | None, extra: tuple[tuple[str, str], ...] = ()) -> None:
        """Guess the format of content with no telling extension."""
        s = text.lstrip()
        if not s:
            self.errors.skip(source, "empty input (no article text); give article text")
            return
        if s[0] in "{[":
            try:
                json_loads(s)
                self.load_json(s, source, group, truncated)
                return
            except ValueError:
                first = s.split("\n", 1)[0]
                try:
                    json_loads(first)
                    self.load_jsonl(s, source, group, truncated)
                    return
                except ValueError:
                    pass
        if _FEED_START.match(s[:2000]):  # an RSS/Atom/RDF feed saved to a file
            self.load_feed(text, source, group)
            return
        if re.match(r"<(!doctype html|html|head|body|article|div|p)\b", s[:1000], re.I):
            self.load_html(raw if raw is not None else text.encode("utf-8"), source, group,
                           truncated)
            return
        self.load_text(text.replace("\r\n", "\n"), source, group, extra, ".txt")

    # ---- formats

    def load_text(self, text: str, source: str, group: str | None,
                  extra: tuple[tuple[str, str], ...], ext: str) -> None:
        meta, body = split_text_article(text)
        md = tuple((k, v) for k, v in meta.items()
                   if k not in ("title", "outlet", "published", "url", "author", "language"))
        self.emit(Article(
            id="",
            text=body,
            title=meta.get("title"),
            outlet=meta.get("outlet"),
            published=normalise_date(meta.get("published")),
            url=meta.get("url"),
            author=meta.get("author"),
            language=meta.get("language"),
            source=source,
            group=group,
            extraction="markdown" if ext in (".md", ".markdown") else "text",
            meta=extra + md,
        ))

    def load_html(self, data: bytes, source: str, group: str | None, truncated: bool) -> None:
        from newsweave.extract import html_to_article

        try:
            art = html_to_article(data, source)
        except InputError as exc:
            self.errors.skip(source, exc.message)
            return
        except Exception as exc:  # a hostile page must not stop the batch
            self.errors.skip(source, f"HTML extraction failed ({type(exc).__name__}: {exc}); "
                             "check that the file is an HTML page")
            return
        if art is None:
            self.errors.skip(source, NO_HTML_TEXT)
            return
        meta = art.meta
        if truncated:
            meta += (("truncated", "true"),)
        raw = art.raw_text
        if raw is not None and raw.lstrip().startswith("<") and "</" in raw:
            raw = None  # raw_text is the text before cleaning, never the page's markup
        self.emit(dataclasses.replace(art, source=source, group=art.group or group, meta=meta,
                                      raw_text=raw))

    def load_feed(self, text: str, source: str, group: str | None) -> None:
        """An RSS/Atom/RDF feed on disk: one article per item that carries its text (its
        content or a long enough summary); items with only a link or a teaser are skipped
        with the reason (fetch their pages with ``newsweave fetch --feed``)."""
        import feedparser

        parsed = feedparser.parse(text)
        entries = list(parsed.entries)
        if not entries:
            self.errors.skip(source, "an RSS/Atom feed file with no items (or not a valid "
                             "feed); give article files, or fetch a live feed with "
                             "`newsweave fetch --feed URL`")
            return
        outlet = _as_str(parsed.feed.get("title"))
        for n, e in enumerate(entries, 1):
            src = f"{source}#{n}"
            body = ""
            for c in e.get("content") or []:
                if len(c.get("value") or "") > len(body):
                    body = c["value"]
            if len(e.get("summary") or "") > len(body):
                body = e["summary"]
            body = _html_fragment_text(body)
            link = _as_str(e.get("link"))
            if len(body) < self.config.min_text_chars:
                self.errors.skip(src, "feed item without its article text (only a link or a "
                                 f"{len(body)}-character teaser); fetch its page with "
                                 "`newsweave fetch --feed URL` or `--urls`"
                                 + (f" ({link})" if link else ""))
                continue
            self.emit(Article(
                id="", text=body, title=_as_str(e.get("title")), outlet=outlet,
                published=normalise_date(e.get("published") or e.get("updated")),
                url=link, author=_as_str(e.get("author")), source=src, group=group,
                extraction="feed", meta=(("feed_item", str(n)),),
            ))

    def load_warc(self, path: Path, group: str | None) -> None:
        from newsweave.warc import read_warc

        items = 0
        try:
            for item in read_warc(path):
                items += 1
                if isinstance(item, Skipped):
                    self.errors.add(item)
                else:
                    self.emit(dataclasses.replace(
                        item, group=item.group or group, source=item.source or str(path)))
        except InputError:
            raise
        except Exception as exc:
            self.errors.skip(str(path), f"cannot read WARC file ({type(exc).__name__}: {exc}); "
                             "check that it is a complete .warc or .warc.gz file")
            return
        if items == 0:  # an empty archive, or one without HTML pages: say so, never vanish
            self.errors.skip(str(path), "no HTML page with status 200 in this WARC file "
                             "(empty, or only requests, redirects and non-HTML records)")

    def load_json(self, text: str, source: str, group: str | None, truncated: bool) -> None:
        try:
            data = json_loads(text)
        except ValueError as exc:
            hint = (f" (the file is larger than ingest.max_file_bytes="
                    f"{self.config.max_file_bytes} and was cut; use .jsonl for big collections)"
                    if truncated else "")
            # A .json file holding JSON Lines is common: try that before giving up.
            if not truncated and "\n" in text.strip():
                lines = [ln for ln in text.split("\n") if ln.strip()]
                try:
                    json_loads(lines[0])
                    self.load_jsonl(text, source, group, truncated)
                    return
                except ValueError:
                    pass
            self.errors.skip(source, f"invalid JSON: {exc}{hint}; fix the file or export "
                             "one JSON object per line as .jsonl")
            return
        if isinstance(data, dict) and not _looks_like_article(data) and not _is_multidoc(data):
            for key in ("articles", "items", "data", "records", "results", "documents"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
        records = data if isinstance(data, list) else [data]
        single = not isinstance(data, list)
        if not records:  # "[]" or {"articles": []}: say so, never vanish
            self.errors.skip(source, "no records in this JSON file (an empty list); give "
                             "one object per article with a 'text' key")
            return
        for n, rec in enumerate(records, 1):
            self.load_record(rec, source if single else f"{source}#{n}", group)

    def load_jsonl(self, text: str, source: str, group: str | None, truncated: bool) -> None:
        lines = text.split("\n")
        last = max((i for i, ln in enumerate(lines) if ln.strip()), default=-1)
        bad = 0
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            src = f"{source}#{n}"
            try:
                rec = json_loads(line)
            except ValueError as exc:
                if truncated and n - 1 == last:
                    self.errors.skip(src, "last line cut off at ingest.max_file_bytes="
                                     f"{self.config.max_file_bytes}; raise the limit or split "
                                     "the file")
                    continue
                bad += 1
                if bad <= MAX_LINE_SKIPS:
                    where = (f"{exc.msg} at column {exc.colno}"
                             if isinstance(exc, json.JSONDecodeError) else str(exc))
                    self.errors.skip(src, f"line {n} is not valid JSON ({where}); fix or "
                                     "remove that line")
                continue
            self.load_record(rec, src, group)
        if bad > MAX_LINE_SKIPS:  # one skip per bad line would flood the report (and store)
            self.errors.skip(source, f"{bad - MAX_LINE_SKIPS:,} more lines are not valid JSON "
                             f"(only the first {MAX_LINE_SKIPS} are listed); is this really a "
                             "JSON Lines file?")

    def load_record(self, rec: Any, source: str, group: str | None) -> None:
        if not isinstance(rec, dict):
            self.errors.skip(source, f"expected a JSON object, got {type(rec).__name__}; "
                             "give one object per article with a 'text' key")
            return
        if _is_multidoc(rec):
            self.load_multidoc(rec, source)
            return
        text = _text_value(_first(rec, TEXT_KEYS))
        if text is None:
            self.errors.skip(source, "record has no article text (expected a 'text' key, or "
                             "'body'/'content'); add the text")
            return
        rec_group = _as_str(_first(rec, GROUP_KEYS))
        self.emit(_record_article(rec, text, source, rec_group or group, "json"))

    def load_multidoc(self, rec: dict[str, Any], source: str) -> None:
        docs = rec.get("documents")
        rid = _as_str(rec.get("id")) or source
        n_docs = len(docs)
        if not n_docs:  # never vanish without a reason
            self.errors.skip(source, f"record {rid} has an empty 'documents' list; give "
                             "its articles as {\"title\", \"text\"} objects")
            return
        per_doc = {k: v for k, v in rec.items()
                   if k not in ("documents", "summaries", "id") and isinstance(v, list)
                   and len(v) == n_docs}
        shared = tuple((f"record_{k}", str(v)) for k, v in rec.items()
                       if k in ("split", "source") and isinstance(v, (str, int, float)))
        for k, doc in enumerate(docs, 1):
            src = f"{source}/{k}"
            if isinstance(doc, str):
                doc = {"text": doc}
            if not isinstance(doc, dict):
                self.errors.skip(src, "document is not a JSON object; expected "
                                 "{\"title\", \"text\"}")
                continue
            text = _text_value(_first(doc, TEXT_KEYS))
            if text is None:
                self.errors.skip(src, f"document {k} of record {rid} has no text; "
                                 "nothing to summarize from it")
                continue
            extra = tuple((key, json.dumps(v[k - 1]) if not isinstance(v[k - 1], str)
                           else v[k - 1]) for key, v in per_doc.items())
            extra += (("record_id", rid), ("document_index", str(k - 1))) + shared
            art = _record_article(doc, text, src, rid, "multi-doc")
            self.emit(dataclasses.replace(art, meta=art.meta + extra))


def _html_fragment_text(value: str) -> str:
    """The text of a feed item's HTML (or plain) content, paragraphs kept apart."""
    if "<" not in value:
        return value.strip()
    from lxml import html as lxml_html

    try:
        frag = lxml_html.fragment_fromstring(value, create_parent="div")
    except Exception:  # not parseable: drop the tags the simple way
        return _WS.sub(" ", re.sub(r"<[^>]+>", " ", value)).strip()
    for br in frag.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in frag.iter("p", "div", "li", "h1", "h2", "h3", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    lines = (" ".join(x.split()) for x in frag.text_content().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _is_multidoc(rec: Any) -> bool:
    return isinstance(rec, dict) and isinstance(rec.get("documents"), list) and not any(
        isinstance(rec.get(k), str) for k in ("text", "body", "content"))


def _looks_like_article(rec: dict[str, Any]) -> bool:
    return _first(rec, TEXT_KEYS) is not None


def _record_article(rec: dict[str, Any], text: str, source: str, group: str | None,
                    extraction: str) -> Article:
    meta = []
    for k, v in rec.items():
        if str(k).lower() in _KNOWN_KEYS or v is None:
            continue
        if isinstance(v, (str, int, float, bool)):
            meta.append((str(k), v if isinstance(v, str) else json.dumps(v)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(
        id="",
        text=text,
        title=_as_str(_first(rec, TITLE_KEYS)),
        outlet=_as_str(_first(rec, OUTLET_KEYS)),
        published=normalise_date(_first(rec, DATE_KEYS)),
        url=_as_str(_first(rec, URL_KEYS)),
        author=_as_str(_first(rec, AUTHOR_KEYS)),
        language=_as_str(_first(rec, LANG_KEYS)),
        source=source,
        group=group,
        extraction=extraction,
        meta=tuple(meta),
    )


def input_group(path: Path, root: Path | None) -> str | None:
    """The story group of a file read while walking ``root`` (a folder the user named).

    Grouping is explicit or clustered: a file inside a sub-folder of ``root`` belongs to that
    sub-folder's story (``examples/`` gives one story per sub-folder, deeper folders included);
    a file directly in ``root`` or named on its own (``root`` None) has no group and is
    clustered with the rest of the pile.
    """
    if root is None:
        return None
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    return str((root / parts[0]).resolve()) if len(parts) > 1 else None


def iter_files(root: Path) -> Iterator[Path]:
    """Files under ``root`` in the order ingest reads them (sorted, hidden entries skipped)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        for name in sorted(filenames):
            if not name.startswith(".") and not IGNORED_NAMES.match(name):
                yield Path(dirpath) / name


def load_articles(
    paths: list[str | Path],
    config: IngestConfig | None = None,
    *,
    on_error: str = "skip",
    stdin_text: str | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read articles from files, directories (recursive) and ``"-"`` (stdin).

    Args:
        paths: files, directories, or ``"-"`` for standard input.
        config: size limits (:class:`~newsweave.config.IngestConfig`).
        on_error: ``"skip"`` records a :class:`Skipped` for each bad input and goes on;
            ``"raise"`` raises :class:`~newsweave.errors.InputError` at the first one.
        stdin_text: the text of ``"-"`` (read from ``sys.stdin`` when None).

    Returns:
        ``(articles, skipped)``: articles in input order with duplicates removed, and every
        input (or record) that yielded nothing, with the reason.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    loader = _Loader(config or IngestConfig(), on_error)
    loader.load(list(paths), stdin_text)
    return loader.articles, loader.errors.skipped
