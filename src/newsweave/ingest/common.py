"""What every ingest source shares: the stage name, article ids, the skip collector and the
:class:`Sink` protocol the format readers write to (the :class:`~newsweave.ingest.files.Loader`)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import Any, Protocol

from newsweave.config import IngestConfig
from newsweave.errors import InputError
from newsweave.model import Article, Skipped

STAGE = "ingest"

# Articles are prose: English news text is about 80% letters, tables of figures about 30%.
# Below this share the "text" is markup debris, a dump of numbers or punctuation ("[[[[").
MIN_LETTER_RATIO = 0.2
# A JSON Lines file gets one skip per invalid line up to this many, then one summary skip
# (a 64 MB text file named .jsonl would otherwise record a million skips).
MAX_LINE_SKIPS = 1000
_WS = re.compile(r"\s+")


# Lone UTF-16 surrogates (from a JSON "\\ud800" escape or a broken decoder) cannot be
# encoded as UTF-8: SQLite, the JSON report and the web app would fail on them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD (unchanged when there is none)."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def scrub_article(article: Article) -> Article:
    """``article`` with lone surrogates replaced in every text field and in ``meta``."""
    changes: dict[str, Any] = {}
    for f in (
        "text",
        "raw_text",
        "title",
        "outlet",
        "published",
        "source",
        "url",
        "author",
        "language",
        "group",
        "extraction",
    ):
        v = getattr(article, f)
        if isinstance(v, str) and _SURROGATE.search(v):
            changes[f] = scrub_surrogates(v)
    if any(_SURROGATE.search(str(k)) or _SURROGATE.search(str(v)) for k, v in article.meta):
        changes["meta"] = tuple(
            (scrub_surrogates(str(k)), scrub_surrogates(str(v))) for k, v in article.meta
        )
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


class Collector:
    """Collects skips, or raises them as InputError when on_error == "raise"."""

    def __init__(self, on_error: str):
        if on_error not in ("skip", "raise"):
            raise InputError(f"on_error must be 'skip' or 'raise', got {on_error!r}", stage=STAGE)
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


class Sink(Protocol):
    """Where a format reader puts what it read: :meth:`emit` an article, or skip an input
    through ``errors``; ``config`` holds the size limits."""

    config: IngestConfig
    errors: Collector

    def emit(self, article: Article) -> None: ...
