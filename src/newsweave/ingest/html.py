"""HTML pages (``.html``, ``.htm``, sniffed markup): the article of the page through
:func:`newsweave.extract.html_to_article` (trafilatura, with a fallback)."""

from __future__ import annotations

import dataclasses

from newsweave.errors import InputError
from newsweave.ingest.common import Sink

NO_HTML_TEXT = (
    "no article text found in the HTML page (an index, login or navigation "
    "page?); give the article's own page"
)


def load_html(sink: Sink, data: bytes, source: str, group: str | None, truncated: bool) -> None:
    from newsweave.extract import html_to_article

    try:
        art = html_to_article(data, source)
    except InputError as exc:
        sink.errors.skip(source, exc.message)
        return
    except Exception as exc:  # a hostile page must not stop the batch
        sink.errors.skip(
            source,
            f"HTML extraction failed ({type(exc).__name__}: {exc}); "
            "check that the file is an HTML page",
        )
        return
    if art is None:
        sink.errors.skip(source, NO_HTML_TEXT)
        return
    meta = art.meta
    if truncated:
        meta += (("truncated", "true"),)
    raw = art.raw_text
    if raw is not None and raw.lstrip().startswith("<") and "</" in raw:
        raw = None  # raw_text is the text before cleaning, never the page's markup
    sink.emit(
        dataclasses.replace(art, source=source, group=art.group or group, meta=meta, raw_text=raw)
    )
