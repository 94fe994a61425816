"""Plain-text and Markdown articles: a headline line, an optional header block of
``Key: value`` lines or front matter, a section label; long texts cut at a boundary."""

from __future__ import annotations

import re

from newsweave.decode import normalise_date
from newsweave.model import Article

# A first line is a headline candidate only within these bounds (words / characters); news
# headlines run 3-20 words, a section label 1-3.
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
HEADLINE_MIN_CHARS = 10
# When an over-long text is cut, look back at most this share of the limit for a paragraph or
# sentence boundary before cutting at a word boundary.
TRUNCATE_LOOKBACK = 0.2

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
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "published": "published",
    "date": "published",
    "url": "url",
    "link": "url",
    "author": "author",
    "by": "author",
    "language": "language",
    "site_name": "outlet",
    "published_at": "published",
    "lang": "language",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}):\s*(.*\S)\s*$")


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
        end = next(
            (
                k
                for k in range(i + 1, min(len(lines), i + 60))
                if lines[k].strip() in ("---", "...")
            ),
            None,
        )
        if end is not None:
            for ln in lines[i + 1 : end]:
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


def text_article(
    text: str, source: str, group: str | None, extra: tuple[tuple[str, str], ...], ext: str
) -> Article:
    """The article of a plain-text (``.txt``) or Markdown (``.md``) input (id left empty)."""
    meta, body = split_text_article(text)
    md = tuple(
        (k, v)
        for k, v in meta.items()
        if k not in ("title", "outlet", "published", "url", "author", "language")
    )
    return Article(
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
    )
