"""HTML page -> :class:`~newsweave.model.Article`: trafilatura, newsweave's cleanup, a fallback.

Steps of :func:`html_to_article`:

1. **Decode** the bytes (:func:`decode_html`): a byte-order mark, else strict UTF-8 (whatever
   the page declares: a page that says ``charset=iso-8859-1`` but is UTF-8 is common), else
   the declared charset (HTTP header, then ``<meta charset>``) when the bytes decode in it,
   else detection (:func:`newsweave.decode.decode_bytes`).
2. **Prune** news furniture from the DOM that trafilatura keeps: photo captions and credits
   (``<figcaption>``, ``class="caption"``/``"credit"``), lists of related or recommended
   links, newsletter / share / tag boxes. Each pruned piece is recorded with its reason
   (``meta["html_removed"]``, JSON), as cleaning records its removals.
3. **Extract** the main text and metadata with trafilatura (title, author, date, site name,
   canonical URL, language; ``<html lang>`` and ``og:locale`` when trafilatura has no
   language).
4. **Fallback** when trafilatura finds nothing (or next to nothing): readability-lxml, then
   trafilatura's own ``baseline``; a result that is mostly link text (a navigation or index
   page) is refused. ``Article.extraction`` says which method produced the text and
   ``Article.confidence`` how sure newsweave is that it is the article (see the constants).
5. **Clean** the text with :func:`newsweave.clean.clean_article` (captions, credits, bylines,
   related headlines, promo lines that survive as text).

Raises :class:`~newsweave.errors.InputError` naming the page when no article text is found.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
from typing import Any
from urllib.parse import urlsplit

from newsweave.decode import decode_bytes, normalise_date
from newsweave.errors import InputError, NotTextError
from newsweave.model import Article

STAGE = "extract"

# ------------------------------------------------------------------ thresholds (calibrated)
# Calibrated on ../shared/data/article_extraction_zyte and article_extraction_trafilatura
# (dev portions); re-run `newsweave eval extract DIR` on both after changing one.

# Pages larger than this are cut before parsing: lxml and trafilatura slow down sharply on
# multi-megabyte DOMs and no news article needs more (the largest dev page is 2.3 MB).
MAX_HTML_CHARS = 8_000_000
# Hostile-page bounds (issue 9, bench/hostile.py). Extraction costs about 0.5 ms of CPU per
# element: a page of 100,000 <p> tags took over a minute. The largest of the 390 dev pages
# has about 10,000 elements (median 730), so a page with more is refused with the reason.
MAX_HTML_ELEMENTS = 50_000
# Attribute values longer than this are dropped before extraction: trafilatura's class/id
# regular expressions took ~30 s of CPU on one 1.6 MB class attribute. Real class, id and
# style values are far shorter.
MAX_ATTRIBUTE_CHARS = 10_000
# trafilatura output shorter than this many words counts as "found nothing": the fallbacks
# are tried and the longest acceptable text wins. Real articles in both dev sets have >= 40.
MIN_ARTICLE_WORDS = 25
# A fallback replaces a short trafilatura text only when it has this many times its words.
FALLBACK_MIN_GAIN = 2.0
# A fallback text in which links make up more than this share of the characters is a
# navigation or index page, not an article (article pages score < 0.2, menus > 0.6).
MAX_LINK_DENSITY = 0.5
# Captions and credits are short: longer elements with a caption-like class are kept.
CAPTION_MAX_WORDS = 60
# A "related / recommended" box is pruned only when most of its text is link text (a list of
# headlines) or it is short; a long, mostly plain-text element is article content.
RELATED_MIN_LINK_SHARE = 0.5
RELATED_MAX_WORDS = 40
# An element holding more than this share of the page's paragraph text is never pruned
# (it is the article container, whatever its class says).
PRUNE_MAX_SHARE = 0.3
# An <h1> replaces a metadata title that does not contain it only when it has this many
# words (headlines run 2-25 words; a one-word h1 is a section or site label).
TITLE_H1_MIN_WORDS = 2
TITLE_H1_MAX_WORDS = 25
# Confidence of the extraction methods (Article.confidence) for a text of at least
# CONFIDENT_WORDS words; shorter texts scale down linearly to half of it.
CONFIDENCE = {"trafilatura": 0.9, "readability": 0.6, "trafilatura-baseline": 0.4}
CONFIDENT_WORDS = 150

NO_TEXT = (
    "no article text found in the HTML page (an index, login or navigation page, or "
    "a page built by JavaScript?); give the article's own page"
)

NO_NAV_TEXT = (
    "the page is mostly navigation (its text is link labels: a home, section or "
    "index page), not an article; give the article's own page"
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_BLOCK_TAGS = {
    "p",
    "div",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "blockquote",
}

# class/id words of news furniture. Matched against the space/-/_ separated tokens of the
# class and id attributes, so "article-body" never matches "art" words by accident.
_CAPTION_CLASS = re.compile(
    r"(?:^|[\s_-])(?:(?:wp-)?caption(?:-text)?|figcaption|image-?caption|photo-?caption|"
    r"media-?caption|img-?caption|credit|credits|image-?credit|photo-?credit|copyright|"
    r"imagecredit|photocredit|caption-?text)(?:$|[\s_-])",
    re.I,
)
_RELATED_CLASS = re.compile(
    r"(?:^|[\s_-])(?:related|relatedarticles|related-?(?:articles|stories|posts|links|content)|"
    r"recommended|recommendations|more-?stories|more-?articles|read-?more|also-?read|"
    r"read-?next|up-?next|trending|most-?popular|most-?read|popular-?posts|newsletter|"
    r"newsletter-?signup|signup|subscribe|subscription|share|sharing|social-?share|"
    r"share-?buttons|social|tags|tag-?list|taglist|outbrain|taboola|promo|promotion|"
    r"sponsored|advert|advertisement|ad-?container|author-?bio|about-?the-?author|"
    r"author-?box|author-?info|entry-?author|saboxplugin-?wrap|sharedaddy|sidebar|"
    r"disclosure|editorial-?disclosure|wp_rp|jp-relatedposts|"
    r"toc|ez-toc|toc_container|table-?of-?contents)"
    r"(?:$|[\s_-])",
    re.I,
)
# Classes that name a box of other articles whatever its text looks like (teasers with
# excerpts are mostly plain text): pruned without the link-share test.
_STRONG_RELATED = re.compile(
    r"(?:^|[\s_-])(?:related|related-?(?:articles|stories|posts|links|content)|relatedposts|"
    r"recommended|recommendations|more-?stories|read-?next|outbrain|taboola|wp_rp|"
    r"jp-relatedposts)(?:$|[\s_-])",
    re.I,
)
# "Read also" lead-ins of the major news languages: a short block starting with one of these
# points at another article (English, Spanish, French, German, Italian, Portuguese, Polish,
# Dutch). Calibrated on the trafilatura dev set's "without" segments.
_READ_ALSO = re.compile(
    r"^\W{0,3}(?:read\s+(?:more|also|next)|related(?:\s+(?:articles?|stories|coverage))?|"
    r"see\s+also|also\s+read|more\s+on\s+this|more\s+from|recommended|"
    r"le\s+puede\s+interesar|te\s+puede\s+interesar|lea\s+tambi[eé]n|vea\s+tambi[eé]n|"
    r"lee\s+tambi[eé]n|[àa]\s+lire\s+aussi|lire\s+aussi|voir\s+aussi|lesen\s+sie\s+auch|"
    r"auch\s+interessant|mehr\s+zum\s+thema|zum\s+weiterlesen|weiterlesen|"
    r"(?:das\s+(?:thema\s+)?)?k[öo]nnte\s+(?:dich|sie|euch)\s+(?:auch\s+)?interessieren|"
    r"weitere\s+(?:aktuelle\s+)?(?:themen|artikel|beitr[äa]ge)|leggi\s+anche|"
    r"potrebbe\s+interessarti|leia\s+tamb[eé]m|veja\s+tamb[eé]m|czytaj\s+(?:te[żz]|"
    r"tak[żz]e|wi[eę]cej)|lees\s+ook|zie\s+ook)\b",
    re.I,
)
# ... and it is short: a lead-in plus one linked headline.
READ_ALSO_MAX_WORDS = 30
# Elements never pruned, whatever their class (the page's article container, headings), and
# elements without visible text (scripts, styles: trafilatura drops them anyway).
_KEEP_TAGS = {
    "html",
    "body",
    "main",
    "article",
    "h1",
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "meta",
    "link",
    "title",
}


# ------------------------------------------------------------------ decoding


def _declared_charset(data: bytes, declared: str | None) -> list[str]:
    found = []
    if declared:
        found.append(declared)
    for pattern in (_META_CHARSET, _XML_ENCODING):
        m = pattern.search(data[:8192])
        if m:
            found.append(m.group(1).decode("ascii", "ignore"))
    out = []
    for name in found:
        try:
            out.append(codecs.lookup(name.strip()).name)
        except LookupError:
            continue
    return out


def decode_html(data: bytes | str, declared: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; returns ``(text, encoding)``.

    Args:
        data: the page bytes (a ``str`` is returned as is).
        declared: the charset of the HTTP ``Content-Type`` header, if any.

    Order: BOM; strict UTF-8 (right even when the page declares another charset); the declared
    charset (header, then ``<meta>``) if the bytes decode in it; detection. Raises
    :class:`InputError` for binary data.
    """
    if isinstance(data, str):
        return data, "str"
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return decode_bytes(data)
        except NotTextError as exc:
            raise InputError(f"{exc}; give an HTML page", stage=STAGE) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in _declared_charset(data, declared):
        if enc in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            continue  # already failed, or a wrong claim (no BOM, no NULs)
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if (
            enc in ("cp1252", "iso8859-1", "latin-1")
            and sum(1 for ch in text if "\x80" <= ch <= "\x9f") > 2
        ):
            continue  # C1 controls: not really Latin-1
        return text, enc
    try:
        return decode_bytes(data)
    except NotTextError as exc:
        raise InputError(f"{exc}; give an HTML page", stage=STAGE) from exc


# ------------------------------------------------------------------ DOM pruning


def _words(text: str) -> int:
    """Word count; a run of CJK characters counts as one word per two characters (Chinese
    and Japanese have no spaces, so ``\\w+`` would see a whole sentence as one word)."""
    n = len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return max(n, cjk // 2) if cjk else n


def _text_of(el: Any) -> str:
    """Visible text of an element (script and style contents left out)."""
    parts = el.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(" ".join(str(p) for p in parts).split())


def _link_chars(el: Any) -> int:
    return sum(len(" ".join(" ".join(a.itertext()).split())) for a in el.iter("a"))


def prune_news_furniture(tree: Any) -> list[tuple[str, str]]:
    """Remove captions, credits and related-link boxes from ``tree`` in place.

    Returns ``[(text, reason), ...]`` of what was removed (reason ``caption``, ``credit`` or
    ``related-links``/``promo``).
    """
    body_words = max(1, sum(_words(" ".join(p.itertext())) for p in tree.iter("p")))
    removed: list[tuple[str, str]] = []
    doomed: list[tuple[Any, str]] = []
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag.lower() in _KEEP_TAGS:
            continue
        tag = tag.lower()
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
        reason = None
        if tag == "figcaption":
            reason = "caption"
        elif attrs and _CAPTION_CLASS.search(attrs):
            reason = "credit" if re.search(r"credit|copyright", attrs, re.I) else "caption"
        elif attrs and tag not in ("p", "span", "h2", "h3") and _RELATED_CLASS.search(attrs):
            reason = "related-links"
        elif tag in ("p", "h2", "h3", "h4", "h5", "li", "strong", "b", "div"):
            reason = _read_also(el, tag)
        if reason is None:
            continue
        text = _text_of(el)
        n = _words(text)
        if n == 0:
            doomed.append((el, reason))
            continue
        if reason in ("caption", "credit"):
            # a caption is one short block; two or more blocks inside (a gallery slide's
            # text, a teaser box with title and description) are content
            blocks = sum(
                1
                for d in el.iterdescendants()
                if isinstance(d.tag, str) and d.tag.lower() in _BLOCK_TAGS
            )
            if n > CAPTION_MAX_WORDS or blocks >= 2:
                continue
        elif not _STRONG_RELATED.search(attrs):
            share = _link_chars(el) / max(1, len(text))
            if share < RELATED_MIN_LINK_SHARE and n > RELATED_MAX_WORDS:
                continue
        if n > PRUNE_MAX_SHARE * body_words and n > CAPTION_MAX_WORDS:
            continue
        if any(t in ("article", "main") for t in _tags_inside(el)):
            continue
        doomed.append((el, reason))
    seen: set[int] = set()
    for el, reason in doomed:
        if any(id(a) in seen for a in el.iterancestors()):
            continue  # its ancestor goes anyway
        seen.add(id(el))
        text = _text_of(el)
        if text:
            removed.append((text, reason))
        _drop(el)
    return removed


def _read_also(el: Any, tag: str) -> str | None:
    """``"related-links"`` for a short "Read also: <headline>" block, else None."""
    head = (el.text or "").lstrip()
    if not head and len(el):
        first = el[0]
        head = (" ".join(first.itertext()) if isinstance(first.tag, str) else "").lstrip()
    if not _READ_ALSO.match(head):
        return None
    text = _text_of(el)
    n = _words(text)
    if n > READ_ALSO_MAX_WORDS:
        return None
    if tag == "div" and any(
        isinstance(d.tag, str) and d.tag.lower() in ("p", "div") for d in el.iterdescendants()
    ):
        return None  # a container: its "read also" paragraph is judged on its own
    m = _READ_ALSO.match(text)
    rest = text[m.end() :] if m else text
    linked = el.find(".//a") is not None
    if rest.lstrip()[:1] in (":", "»", "›", ">", "|", "-", "–", "—") or linked or n <= 6:
        return "related-links"
    return None


def _tags_inside(el: Any) -> set[str]:
    return {d.tag.lower() for d in el.iterdescendants() if isinstance(d.tag, str)}


def _drop(el: Any) -> None:
    """Remove ``el`` but keep its tail text in the document."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _anchor_texts(tree: Any) -> set[str]:
    """Normalised texts of the page's links (to recognise menus in extracted text)."""
    out = set()
    for a in tree.iter("a"):
        t = " ".join(" ".join(a.itertext()).split()).casefold()
        if t:
            out.add(t)
    return out


def _line_link_share(text: str, anchors: set[str]) -> float:
    """Share of the characters of ``text`` in lines that are just a link's label."""
    total = linked = 0
    for line in text.splitlines():
        s = " ".join(line.split())
        if not s:
            continue
        total += len(s)
        key = s.casefold().lstrip("-•*·› ").strip()
        if key in anchors:
            linked += len(s)
    return linked / total if total else 0.0


# ------------------------------------------------------------------ metadata helpers


def _page_language(tree: Any) -> str | None:
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for m in root.iter("meta"):
            key = (m.get("property") or m.get("http-equiv") or m.get("name") or "").lower()
            if key in ("og:locale", "content-language", "language", "dc.language"):
                lang = m.get("content")
                if lang:
                    break
    if not lang:
        return None
    lang = lang.strip().replace("_", "-").split(",")[0].strip()
    m = re.match(r"^([A-Za-z]{2,3})(?:-|$)", lang)
    return m.group(1).lower() if m else None


def _norm_title(text: str | None) -> str:
    text = (text or "").casefold()
    text = re.sub(r"[\"'“”‘’„‚«»]", "", re.sub(r"[‐‑‒–—―]", "-", text))
    return " ".join(text.split()).strip(" .,:;|-")


def _compact(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _site_like(heading: str, sitename: str | None, url: str | None) -> bool:
    """Whether a heading is the site's name (a blog's masthead in an <h1>), not a title."""
    ch = _compact(heading)
    if not ch:
        return True
    if sitename and ch in _compact(sitename):
        return True
    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    labels = [x for x in re.sub(r"^www\d?\.", "", host).split(".")[:-1] if len(x) >= 4]
    return any(ch.startswith(_compact(x)) for x in labels)


def best_title(
    title: str | None, headings: list[str], sitename: str | None = None, url: str | None = None
) -> str | None:
    """The article's title: the page's ``<h1>`` headline when the HTML ``<title>`` (or
    og:title) only decorates it (site name, section, kicker), else the metadata title.

    Rules, in order: a metadata title found inside an ``<h1>`` (the h1 adds a kicker) is
    kept; an ``<h1>`` found inside the metadata title (which adds "| Site") wins, the earliest
    in the title first; else the first ``<h1>`` of TITLE_H1_MIN_WORDS-TITLE_H1_MAX_WORDS words
    that is not the site's name; else the metadata title. Calibrated on the trafilatura dev
    set (title accuracy 0.60 -> 0.83; see bench/RESULTS.md).
    """
    cands = [h for h in headings if 3 <= len(h) <= 300 and not _site_like(h, sitename, url)]
    if title:
        nt = _norm_title(title)
        if any(nt and nt in _norm_title(h) for h in cands):
            return title
        inside = [
            (nt.find(_norm_title(h)), -len(h), h)
            for h in cands
            if _norm_title(h) and _norm_title(h) in nt
        ]
        if inside:
            return min(inside)[2]
    for h in cands:
        if TITLE_H1_MIN_WORDS <= len(h.split()) <= TITLE_H1_MAX_WORDS:
            return h
    return title


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|edition)\.", "", host)
    return host or None


# ------------------------------------------------------------------ fallbacks


def _readability_text(html: str) -> tuple[str, float] | None:
    try:
        from lxml import html as lxml_html
        from readability import Document
    except ImportError:  # readability-lxml is optional: the baseline is used instead
        return None
    try:
        summary = Document(html).summary(html_partial=True)
        frag = lxml_html.fromstring(summary)
    except Exception:  # readability raises bare Exceptions on odd pages
        return None
    paras = []
    for el in frag.iter("p", "h2", "h3", "h4", "li", "blockquote", "pre", "td"):
        t = _text_of(el)
        if t:
            paras.append(t)
    text = "\n".join(paras) or _text_of(frag)
    total = len(_text_of(frag)) or 1
    return text, _link_chars(frag) / total


def _baseline_text(tree: Any) -> tuple[str, float] | None:
    import trafilatura

    try:
        body, text, _ = trafilatura.baseline(tree)
    except Exception:
        return None
    if not text:
        return None
    total = len(_text_of(body)) or 1
    return text, _link_chars(body) / total


def _confidence(method: str, words: int) -> float:
    top = CONFIDENCE[method]
    return round(top * (0.5 + 0.5 * min(1.0, words / CONFIDENT_WORDS)), 3)


# ------------------------------------------------------------------ main entry


# libxml2 stops building the tree at this depth (it drops what is nested deeper): a page whose
# tree reaches it was cut, and its text may be lost below the cut.
LIBXML_MAX_DEPTH = 255


def _bound_tree(tree: Any) -> bool:
    """Drop attribute values longer than MAX_ATTRIBUTE_CHARS (in place); False for a page with
    more than MAX_HTML_ELEMENTS elements (too many to extract in bounded time)."""
    n = 0
    for el in tree.iter():
        n += 1
        if n > MAX_HTML_ELEMENTS:
            return False
        if isinstance(el.tag, str) and el.attrib:
            for key in [k for k, v in el.attrib.items() if len(v) > MAX_ATTRIBUTE_CHARS]:
                del el.attrib[key]
    return True


def _bounded_subtree(tree: Any, source: str) -> tuple[Any, str] | None:
    """For a page with too many elements to extract in bounded time: a small page made of its
    ``<article>`` (else ``<main>``) element and the page title, and the reason it was cut
    down; None when there is no such element of a reasonable size."""
    from lxml import etree
    from lxml import html as lxml_html

    for tag in ("article", "main"):
        for el in tree.iter(tag):
            size = sum(1 for _ in el.iter())
            if size > MAX_HTML_ELEMENTS:
                continue
            title = tree.findtext(".//title") or ""
            page = lxml_html.document_fromstring(
                "<html><head><title></title></head><body></body></html>"
            )
            page.find(".//title").text = title
            page.find(".//body").append(etree.fromstring(etree.tostring(el)))
            return page, (
                f"page has more than {MAX_HTML_ELEMENTS:,} HTML elements "
                f"(extract.MAX_HTML_ELEMENTS): only its <{tag}> element was read"
            )
    return None


def _plain_text_fallback(tree: Any) -> str:
    """The page's text with no structure (the last resort for a page too big to extract):
    its ``<p>`` paragraphs, else all its text, whitespace collapsed per line."""
    paras = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    paras = [p for p in paras if len(p.split()) >= 8]
    if paras:
        return "\n\n".join(paras)
    return "\n".join(ln for ln in (" ".join(x.split()) for x in tree.itertext()) if ln)


def _tree_depth(tree: Any) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def html_to_article(
    data: bytes | str,
    source: str,
    url: str | None = None,
    *,
    encoding: str | None = None,
    fetched: str | None = None,
    hints: dict[str, str | None] | None = None,
    clean: bool = True,
) -> Article:
    """Extract the article of an HTML page.

    Args:
        data: the page (bytes as downloaded or read, or text).
        source: where it came from (file path, URL, ``file.warc.gz#N``); names the input in
            errors.
        url: the page's URL when known (helps trafilatura resolve metadata).
        encoding: the charset the server declared (``Content-Type``), if any.
        fetched: when it was downloaded (ISO 8601), kept in ``meta``.
        hints: metadata from elsewhere (a feed entry: ``title``, ``author``, ``published``,
            ``outlet``) used when the page itself has none.
        clean: run :func:`newsweave.clean.clean_article` on the text (default True).

    Returns:
        an :class:`Article` with ``id=""`` (ingest assigns the content id), ``text`` the
        cleaned text, ``raw_text`` the extracted text before cleaning, ``extraction`` the
        method and ``confidence`` in [0, 1].

    Raises:
        InputError: the bytes are not HTML text, or no article text was found.
    """
    import trafilatura
    from trafilatura.utils import load_html

    try:
        html, enc = decode_html(data, encoding)
    except InputError as exc:
        raise InputError(exc.message, source=source, stage=STAGE) from exc
    html = _XML_DECL.sub("", html[:MAX_HTML_CHARS], count=1)
    tree = load_html(html)
    if tree is None:
        raise InputError(
            "not an HTML page (lxml could not parse it); give an HTML file",
            source=source,
            stage=STAGE,
        )
    repaired: list[str] = []
    if not _bound_tree(tree):
        # Extracting every element would take minutes: read the <article>/<main> element
        # alone, else the plain text (bounded: one pass over the tree in C).
        sub = _bounded_subtree(tree, source)
        if sub is None:
            text = _plain_text_fallback(tree)
            if _words(text) < MIN_ARTICLE_WORDS:
                raise InputError(
                    f"page has more than {MAX_HTML_ELEMENTS:,} HTML elements "
                    "(extract.MAX_HTML_ELEMENTS; real news pages have at most about 10,000) "
                    "and no <article> or <main> element or paragraphs of text: refused",
                    source=source,
                    stage=STAGE,
                )
            reason = (
                f"page has more than {MAX_HTML_ELEMENTS:,} HTML elements "
                "(extract.MAX_HTML_ELEMENTS) and no <article>/<main> element: read "
                "as plain text"
            )
            return _plain_article(text, tree, source, url, reason, clean)
        tree, reason = sub
        _bound_tree(tree)  # its long attribute values dropped too
        html = _html_string(tree)
        repaired.append(reason)
    language = _page_language(tree)
    anchors = _anchor_texts(tree)
    headings = [_text_of(h) for h in tree.iter("h1")]
    # metadata from the whole page, before pruning (an author box holds the author's name)
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params

    try:  # the same date settings as trafilatura.bare_extraction's defaults
        meta_doc = extract_metadata(tree, default_url=url, date_config=set_date_params(True))
    except Exception:  # odd markup: no metadata, the text may still be found
        meta_doc = None
    pruned = prune_news_furniture(tree)
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
        )
    except Exception:  # a hostile page must not crash the batch: fall back below
        doc = None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    method = "trafilatura"
    navigation = _line_link_share(text, anchors) > MAX_LINK_DENSITY
    if navigation:
        text = ""  # a menu or an index of headlines: try the fallbacks, else refuse
    if _words(text) < MIN_ARTICLE_WORDS:
        candidates = []
        if text.strip():
            candidates.append((text, "trafilatura"))
        for name, got in (
            ("readability", _readability_text(html)),
            ("trafilatura-baseline", _baseline_text(load_html(html))),
        ):
            if (
                got
                and got[0].strip()
                and got[1] <= MAX_LINK_DENSITY
                and _line_link_share(got[0], anchors) <= MAX_LINK_DENSITY
            ):
                candidates.append((got[0], name))
        if not candidates:
            if _tree_depth(tree) >= LIBXML_MAX_DEPTH:
                raise InputError(
                    f"HTML nesting too deep (more than {LIBXML_MAX_DEPTH} levels of elements "
                    "inside each other; real pages have under 100): the parser cut the page "
                    "and no article text was left; give the article's own page",
                    source=source,
                    stage=STAGE,
                )
            raise InputError(NO_NAV_TEXT if navigation else NO_TEXT, source=source, stage=STAGE)
        # the trafilatura text unless a fallback found clearly more (FALLBACK_MIN_GAIN times
        # its words): a fallback's extra words are as often boilerplate as article
        best, best_words = candidates[0][0], _words(candidates[0][0])
        method = candidates[0][1]
        for cand, name in candidates[1:]:
            n = _words(cand)
            if n > best_words * (FALLBACK_MIN_GAIN if method == "trafilatura" else 1):
                best, best_words, method = cand, n, name
        text = best
        if _words(text) < 3:
            raise InputError(NO_NAV_TEXT if navigation else NO_TEXT, source=source, stage=STAGE)
    hints = hints or {}

    def meta_of(key: str) -> str | None:
        value = getattr(meta_doc, key, None) if meta_doc is not None else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    canonical = meta_of("url")
    page_url = url or canonical
    title = best_title(meta_of("title"), headings, meta_of("sitename"), page_url)
    title = title or hints.get("title")
    author = meta_of("author") or hints.get("author")
    published = normalise_date(meta_of("date")) or normalise_date(hints.get("published"))
    outlet = meta_of("sitename") or hints.get("outlet") or _outlet_from_url(page_url)
    language = meta_of("language") or language
    meta: list[tuple[str, str]] = [("encoding", enc)]
    if canonical and canonical != url:
        meta.append(("canonical_url", canonical))
    for key in ("hostname", "description", "categories", "tags", "image"):
        value = meta_of(key)
        if value:
            meta.append((key, value))
    if fetched:
        meta.append(("fetched", fetched))
    for reason in repaired:
        meta.append(("repaired", reason))
    if pruned:
        meta.append(
            (
                "html_removed",
                json.dumps([{"text": t, "reason": r} for t, r in pruned], ensure_ascii=False),
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    article = Article(
        id="",
        text=text,
        raw_text=text,
        title=title,
        outlet=outlet,
        published=published,
        source=source,
        url=canonical or url,
        author=author,
        language=language,
        extraction=method,
        confidence=_confidence(method, _words(text)),
        meta=tuple(meta),
    )
    if clean:
        from newsweave.clean import clean_article

        article = clean_article(article)
        if not article.text.strip():
            raise InputError(NO_TEXT, source=source, stage=STAGE)
    return dataclasses.replace(article, raw_text=text)


def _html_string(tree: Any) -> str:
    from lxml import etree

    return etree.tostring(tree, encoding="unicode", method="html")


def _plain_article(
    text: str, tree: Any, source: str, url: str | None, reason: str, clean: bool
) -> Article:
    """An :class:`Article` from the plain-text fallback (no metadata but the page title)."""
    title = " ".join((tree.findtext(".//title") or "").split()) or None
    article = Article(
        id="",
        text=text,
        raw_text=text,
        title=title,
        source=source,
        url=url,
        extraction="plain-text",
        confidence=_confidence("trafilatura-baseline", 0),
        meta=(("repaired", reason),),
    )
    if clean:
        from newsweave.clean import clean_article

        article = clean_article(article)
        if not article.text.strip():
            raise InputError(NO_TEXT, source=source, stage=STAGE)
    return dataclasses.replace(article, raw_text=text)


__all__ = ["best_title", "decode_html", "html_to_article", "prune_news_furniture"]
