"""The data model shared by every pipeline stage.

All classes are frozen dataclasses holding plain values (str, int, float, tuples of model
objects), so they pickle cheaply (Dask), compare by value (tests) and serialise to JSON with
:func:`to_dict`. Stages are functions from model objects to model objects and do no I/O.

Offsets, not copies: a :class:`Citation` points at an article id, a sentence index and a
character span in that article's cleaned ``text``, so every sentence shown to a user can be traced
to the exact place it came from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: ``article.text[start:end] == text``."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Removed:
    """A piece of noise that cleaning took out of an article, and why."""

    text: str
    reason: str  # e.g. "caption", "credit", "byline", "social-handle", "related-headlines"


@dataclass(frozen=True)
class Article:
    """One news article after ingest (and, once cleaned, after cleaning).

    ``id`` is a content hash of the raw text and title (see :func:`newsweave.ingest.article_id`):
    ingesting the same content twice yields the same id. ``group`` is the story the input
    itself implies (a multi-document record id or an input directory), used until the
    clusterer assigns stories. ``published`` is an ISO 8601 date or datetime string.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    source: str = ""  # file path, URL or "stdin", with "#n" for the n-th record of a file
    url: str | None = None
    author: str | None = None
    language: str | None = None
    group: str | None = None
    sentences: tuple[Sentence, ...] = ()
    removed: tuple[Removed, ...] = ()
    raw_text: str | None = None  # text before cleaning, kept so cleaning can be inspected
    extraction: str | None = None  # how the text was obtained: "text", "json", "trafilatura", ...
    confidence: float | None = None  # extraction confidence in [0, 1] when it is not certain
    meta: tuple[tuple[str, str], ...] = ()  # any further key/value metadata


@dataclass(frozen=True)
class Skipped:
    """An input (or part of one) that a stage could not use, and why."""

    source: str
    stage: str
    reason: str


@dataclass(frozen=True)
class Citation:
    """Where a summary sentence (or a fact) comes from: a sentence of an article."""

    article_id: str
    sentence_index: int
    start: int = 0  # character span of the sentence in the article's cleaned text
    end: int = 0


@dataclass(frozen=True)
class SummarySentence:
    """A summary sentence, verbatim from its first citation's sentence."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Ignored:
    """An article of a story that the summarizer did not use, and why (e.g. off-topic)."""

    article_id: str
    reason: str


@dataclass(frozen=True)
class Summary:
    """An extractive summary: every sentence carries at least one citation."""

    sentences: tuple[SummarySentence, ...]
    method: str = ""
    ignored: tuple[Ignored, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Story:
    """One story told by one or more articles, with what newsweave found out about it.

    The fact fields (``entities``, ``quotes``, ``figures``, ``timeline``, ``coverage``) are
    filled by :mod:`newsweave.facts`; they stay empty tuples when facts were not extracted.
    """

    id: str
    headline: str
    articles: tuple[Article, ...]
    summary: Summary | None = None
    entities: tuple[Any, ...] = ()
    quotes: tuple[Any, ...] = ()
    figures: tuple[Any, ...] = ()
    timeline: tuple[Any, ...] = ()
    coverage: tuple[Any, ...] = ()

    def article(self, article_id: str) -> Article:
        """Return the article of this story with ``article_id`` (KeyError if absent)."""
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


@dataclass(frozen=True)
class WeaveResult:
    """What a run produced: its stories and every input it skipped, with the reason."""

    stories: list[Story] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def to_dict(obj: Any) -> Any:
    """Convert a model object (or a container of them) to plain JSON-able values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj
