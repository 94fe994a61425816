"""RSS, Atom and RDF feeds saved to a file (or piped to stdin): one article per item that
carries its text; items with only a link or a teaser are skipped with the reason (their
pages come in over HTTP through ``newsweave fetch --feed``)."""

from __future__ import annotations

import re

from newsweave.decode import normalise_date
from newsweave.ingest.common import Sink
from newsweave.ingest.records import as_str
from newsweave.model import Article

# The start of an RSS, Atom or RDF feed (after an XML declaration and comments).
FEED_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S)
_WS = re.compile(r"\s+")


def looks_like_feed(text: str) -> bool:
    """Whether ``text`` starts like an RSS/Atom/RDF feed document."""
    return FEED_START.match(text[:2000]) is not None


def load_feed(sink: Sink, text: str, source: str, group: str | None) -> None:
    """An RSS/Atom/RDF feed on disk: one article per item that carries its text (its
    content or a long enough summary); items with only a link or a teaser are skipped
    with the reason (fetch their pages with ``newsweave fetch --feed``)."""
    import feedparser

    parsed = feedparser.parse(text)
    entries = list(parsed.entries)
    if not entries:
        sink.errors.skip(
            source,
            "an RSS/Atom feed file with no items (or not a valid "
            "feed); give article files, or fetch a live feed with "
            "`newsweave fetch --feed URL`",
        )
        return
    outlet = as_str(parsed.feed.get("title"))
    for n, e in enumerate(entries, 1):
        src = f"{source}#{n}"
        body = ""
        for c in e.get("content") or []:
            if len(c.get("value") or "") > len(body):
                body = c["value"]
        if len(e.get("summary") or "") > len(body):
            body = e["summary"]
        body = html_fragment_text(body)
        link = as_str(e.get("link"))
        if len(body) < sink.config.min_text_chars:
            sink.errors.skip(
                src,
                "feed item without its article text (only a link or a "
                f"{len(body)}-character teaser); fetch its page with "
                "`newsweave fetch --feed URL` or `--urls`" + (f" ({link})" if link else ""),
            )
            continue
        sink.emit(
            Article(
                id="",
                text=body,
                title=as_str(e.get("title")),
                outlet=outlet,
                published=normalise_date(e.get("published") or e.get("updated")),
                url=link,
                author=as_str(e.get("author")),
                source=src,
                group=group,
                extraction="feed",
                meta=(("feed_item", str(n)),),
            )
        )


def html_fragment_text(value: str) -> str:
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
