"""Files, directories and stdin: walk the inputs, read each file (size caps, ``.gz``), pick the
reader by extension (text, HTML, JSON, JSON Lines, WARC) or sniff the content, and collect the
articles (content ids, exact copies folded) and the skips. :func:`load_articles` is the call."""

from __future__ import annotations

import dataclasses
import gzip
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsweave.config import IngestConfig
from newsweave.decode import SNIFF_BYTES, decode_bytes, json_loads
from newsweave.errors import InputError, NotTextError
from newsweave.ingest import feed, html, records, warc
from newsweave.ingest.common import MIN_LETTER_RATIO, Collector, article_id, scrub_article
from newsweave.ingest.text import text_article, truncate_text
from newsweave.model import Article, Duplicate, Skipped

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
JSON_EXTENSIONS = {".json"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
# Extensions that are never articles: skipped with a reason instead of being sniffed.
BINARY_EXTENSIONS = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".bmp",
    ".ico",
    ".svg",
    ".pdf",
    ".zip",
    ".tar",
    ".tgz",
    ".bz2",
    ".xz",
    ".7z",
    ".exe",
    ".dll",
    ".so",
    ".pyc",
    ".mp3",
    ".mp4",
    ".mov",
    ".avi",
    ".wav",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".sqlite",
    ".db",
    ".parquet",
}
# File names that document a corpus rather than belong to it (a dataset's README, a licence);
# skipped silently when met while walking a directory, read when named explicitly.
IGNORED_NAMES = re.compile(r"^(readme|license|licence|copying|changelog|notice)(\.[a-z]+)?$", re.I)
# A text file with at most this many NUL bytes (or one per 1,000 bytes) is damaged text, not
# binary data: the NULs are stripped and the article kept (meta "repaired" says so).
MAX_STRAY_NULS = 64


class Loader:
    """Reads inputs into ``articles`` (in input order, exact copies folded) and records every
    input that yields nothing in ``errors.skipped``. :func:`load_articles` drives one; the Dask
    mode drives one per partition (:mod:`newsweave.distributed.inputs`)."""

    def __init__(self, config: IngestConfig, on_error: str):
        self.config = config
        self.errors = Collector(on_error)
        self.articles: list[Article] = []
        self.by_id: dict[str, int] = {}

    # ---- output

    def emit(self, article: Article) -> None:
        article = scrub_article(article)
        text = article.text or ""
        raw = article.raw_text if article.raw_text is not None else text
        meta = list(article.meta)
        if len(text) > self.config.max_article_chars:
            text = truncate_text(text, self.config.max_article_chars)
            raw = text
            if ("truncated", "true") not in meta:
                meta.append(("truncated", "true"))
            if not any(k == "truncated_reason" for k, _ in meta):
                meta.append(
                    (
                        "truncated_reason",
                        f"longer than {self.config.max_article_chars} "
                        "characters (ingest.max_article_chars)",
                    )
                )
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
                d.source != article.source for d in first.duplicates
            ):
                dup = Duplicate(
                    article_id=aid,
                    outlet=article.outlet,
                    title=article.title,
                    url=article.url,
                    source=article.source,
                    published=article.published,
                    kind="exact",
                    similarity=1.0,
                )
                self.articles[idx] = dataclasses.replace(
                    first, duplicates=first.duplicates + (dup,)
                )
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
                self.errors.skip(
                    str(p),
                    "not a regular file or directory; give a file or a directory of articles",
                )
            else:
                self.errors.skip(str(p), "no such file or directory; check the path")

    def load_dir(self, root: Path) -> None:
        for dirpath, dirnames, filenames in os.walk(
            root,
            onerror=lambda e: self.errors.skip(
                str(getattr(e, "filename", root)),
                f"cannot list directory: {e.strerror}; check its permissions",
            ),
        ):
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
            self.errors.skip(
                str(path),
                f"could not read this input ({type(exc).__name__}: "
                f"{exc}); please report it as a bug, and remove the file to "
                "go on",
            )

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
            self.errors.skip(
                str(path),
                f"cannot read file: {exc}; check that it exists, is "
                "readable and (for .gz) is a complete gzip file",
            )
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
            self.errors.skip(
                source,
                f"unsupported file type '{ext}' (not article text); "
                "convert it to .txt, .html or .json",
            )
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
                self.errors.skip(source, f"{exc}; remove it from the input or convert it to text")
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
        extra: tuple[tuple[str, str], ...] = (("encoding", encoding),) + repaired
        if truncated:
            extra += (
                ("truncated", "true"),
                (
                    "truncated_reason",
                    "file larger than "
                    f"ingest.max_file_bytes ({self.config.max_file_bytes} bytes) or than "
                    f"ingest.max_article_chars ({self.config.max_article_chars})",
                ),
            )
        if ext in TEXT_EXTENSIONS:
            self.load_text(text, source, group, extra, ext)
        elif ext in JSON_EXTENSIONS:
            self.load_json(text, source, group, truncated)
        elif ext in JSONL_EXTENSIONS:
            self.load_jsonl(text, source, group, truncated)
        else:
            self.load_sniffed(text, source, group, truncated=truncated, raw=data, extra=extra)

    def load_sniffed(
        self,
        text: str,
        source: str,
        group: str | None,
        *,
        truncated: bool,
        raw: bytes | None,
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
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
        if feed.looks_like_feed(s):  # an RSS/Atom/RDF feed saved to a file
            self.load_feed(text, source, group)
            return
        if re.match(r"<(!doctype html|html|head|body|article|div|p)\b", s[:1000], re.I):
            self.load_html(
                raw if raw is not None else text.encode("utf-8"), source, group, truncated
            )
            return
        self.load_text(text.replace("\r\n", "\n"), source, group, extra, ".txt")

    # ---- formats (the readers live in the modules of their source)

    def load_text(
        self,
        text: str,
        source: str,
        group: str | None,
        extra: tuple[tuple[str, str], ...],
        ext: str,
    ) -> None:
        self.emit(text_article(text, source, group, extra, ext))

    def load_html(self, data: bytes, source: str, group: str | None, truncated: bool) -> None:
        html.load_html(self, data, source, group, truncated)

    def load_feed(self, text: str, source: str, group: str | None) -> None:
        feed.load_feed(self, text, source, group)

    def load_warc(self, path: Path, group: str | None) -> None:
        warc.load_warc(self, path, group)

    def load_json(self, text: str, source: str, group: str | None, truncated: bool) -> None:
        records.load_json(self, text, source, group, truncated)

    def load_jsonl(self, text: str, source: str, group: str | None, truncated: bool) -> None:
        records.load_jsonl(self, text, source, group, truncated)

    def load_lines(
        self,
        numbered: Iterable[tuple[int, str | bytes]],
        source: str,
        group: str | None,
        cut_line: int | None = None,
    ) -> None:
        """JSON Lines records, one per numbered line (see :func:`records.load_lines`)."""
        records.load_lines(self, numbered, source, group, cut_line)

    def load_record(self, rec: Any, source: str, group: str | None) -> None:
        records.load_record(self, rec, source, group)


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
    loader = Loader(config or IngestConfig(), on_error)
    loader.load(list(paths), stdin_text)
    return loader.articles, loader.errors.skipped
