"""WARC input: the HTML pages of a ``.warc`` / ``.warc.gz`` crawl (Common Crawl News style).

:func:`read_warc` reads the archive with warcio, record by record (the file is streamed, never
loaded whole), and turns every ``response`` record that holds an HTML page with HTTP status
200 (and every ``resource`` record of type HTML) into an :class:`~newsweave.model.Article`
through :func:`newsweave.extract.html_to_article`, with the record's URL
(``WARC-Target-URI``) and fetch date (``WARC-Date``, kept in ``meta["fetched"]``).

Records that are not article pages (requests, metadata, robots.txt, images, redirects, 404s)
are passed over silently: a crawl is full of them. An HTML page with no article text, or a
damaged archive, yields a :class:`~newsweave.model.Skipped` with the reason.
``Article.source`` is ``path#N`` (N = 1-based record number in the file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from newsweave.errors import InputError
from newsweave.ingest.common import Sink
from newsweave.model import Article, Skipped

STAGE = "warc"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Largest page body read from one record; longer records are skipped (the crawl's truncation
# limit is 1 MiB for Common Crawl; 10 MB bounds memory for other crawlers' archives).
MAX_RECORD_BYTES = 10 * 1024 * 1024


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def read_warc(
    path: str | Path, max_record_bytes: int = MAX_RECORD_BYTES
) -> Iterator[Article | Skipped]:
    """Yield an Article (id left empty: ingest assigns it) or a Skipped per HTML record.

    A file that cannot be opened or is not a WARC file yields one Skipped (a batch of inputs
    goes on).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from newsweave.extract import html_to_article

    path = Path(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally, the generator may pause
    except OSError as exc:
        yield Skipped(str(path), STAGE, f"cannot open WARC file: {exc}; check the path")
        return
    n = 0
    try:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                n += 1
                kind = record.rec_type
                if kind not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                fetched = record.rec_headers.get_header("WARC-Date")
                if kind == "response":
                    http = record.http_headers
                    if http is None:
                        continue
                    status = http.get_statuscode()
                    content_type = http.get_header("Content-Type")
                    if status != "200":
                        continue
                else:
                    content_type = record.rec_headers.get_header("Content-Type")
                mime = (content_type or "").split(";")[0].strip().lower()
                if mime and mime not in HTML_TYPES:
                    continue
                source = f"{path}#{n}"
                stream = record.content_stream()
                body = stream.read(max_record_bytes + 1)
                if len(body) > max_record_bytes:
                    yield Skipped(
                        source,
                        STAGE,
                        f"page larger than {max_record_bytes:,} bytes ({url}); skipped",
                    )
                    continue
                if not mime and not body.lstrip()[:200].lower().startswith(
                    (b"<!doctype html", b"<html")
                ):
                    continue  # no content type and not HTML-looking: not a page
                try:
                    art = html_to_article(
                        body, source, url=url, encoding=_charset(content_type), fetched=fetched
                    )
                except InputError as exc:
                    yield Skipped(source, STAGE, f"{exc.message} ({url})")
                    continue
                except Exception as exc:  # a hostile page must not stop the archive
                    yield Skipped(
                        source, STAGE, f"extraction failed ({type(exc).__name__}: {exc}) ({url})"
                    )
                    continue
                meta = art.meta + (
                    ("warc_record_id", record.rec_headers.get_header("WARC-Record-ID") or ""),
                )
                yield dataclasses.replace(art, url=art.url or url, meta=meta)
        except ArchiveLoadFailed as exc:
            if n == 0:
                yield Skipped(
                    str(path), STAGE, f"not a WARC file ({exc}); give a .warc or .warc.gz crawl"
                )
                return
            yield Skipped(
                str(path),
                STAGE,
                f"archive damaged after record {n} ({exc}); the records before it were read",
            )
        except (OSError, EOFError, ValueError) as exc:  # truncated gzip, bad chunk
            yield Skipped(
                str(path),
                STAGE,
                f"archive damaged after record {n} "
                f"({type(exc).__name__}: {exc}); the records before it were read",
            )
    finally:
        fh.close()


__all__ = ["read_warc"]


def load_warc(sink: Sink, path: Path, group: str | None) -> None:
    """Every HTML page of the archive at ``path`` as an article of ``sink`` (or a skip)."""
    items = 0
    try:
        for item in read_warc(path):
            items += 1
            if isinstance(item, Skipped):
                sink.errors.add(item)
            else:
                sink.emit(
                    dataclasses.replace(
                        item, group=item.group or group, source=item.source or str(path)
                    )
                )
    except InputError:
        raise
    except Exception as exc:
        sink.errors.skip(
            str(path),
            f"cannot read WARC file ({type(exc).__name__}: {exc}); "
            "check that it is a complete .warc or .warc.gz file",
        )
        return
    if items == 0:  # an empty archive, or one without HTML pages: say so, never vanish
        sink.errors.skip(
            str(path),
            "no HTML page with status 200 in this WARC file "
            "(empty, or only requests, redirects and non-HTML records)",
        )
