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
class Duplicate:
    """A copy of an article that dedupe folded into the kept one: who else carried it."""

    article_id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    source: str = ""
    published: str | None = None
    kind: str = "near"  # "exact" (same cleaned text) or "near" (MinHash Jaccard above threshold)
    similarity: float = 1.0  # estimated Jaccard similarity of word shingles with the kept article


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
    # Other copies of this article (wire copies, reprints) that dedupe folded into it; the
    # article plus these are every outlet that carried it (see newsweave.dedupe.sources_of).
    duplicates: tuple[Duplicate, ...] = ()


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
class Figure:
    """One figure as one article states it, normalised (see :mod:`newsweave.facts.figures`).

    ``value`` is in base units (``"$150 billion"`` -> ``150e9``, unit ``"USD"``; ``"7.5%"`` ->
    ``7.5``, unit ``"%"``). ``low``/``high`` hold a range or bound ("up to", "more than"),
    with ``qualifier`` saying which ("range", "at most", "at least", "about"). ``measure`` is
    what it measures (a noun phrase such as "fine", "tariffs on goods"), ``subject`` whom it
    is about, ``time`` the year or date it refers to (``"2017"``; ``"last year"`` resolved
    against the article's date when known).
    """

    value: float
    unit: str
    text: str
    article_id: str
    sentence_index: int
    kind: str  # "money", "percent", "count", "duration", "quantity"
    measure: str = ""
    subject: str | None = None
    time: str | None = None
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    start: int = 0  # character span of ``text`` in the article's cleaned text
    end: int = 0
    context: str = ""  # the event words around the figure (verbs, nouns) used for grouping


@dataclass(frozen=True)
class FigureGroup:
    """Figures from one or more articles that measure the same thing, side by side.

    ``disagreement`` is true only when members give the same quantity for the same subject
    and time with values that differ beyond rounding; ``reason`` says why.
    """

    id: str
    measure: str
    members: tuple[Figure, ...]
    disagreement: bool = False
    reason: str = ""
    kind: str = ""
    unit: str = ""
    subject: str | None = None
    time: str | None = None


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event: ``date`` is ISO (``2018-05-03``, ``2018-05``, ``2018``) when resolved,
    else the phrase as written (``relative`` true, e.g. "Friday" with no article date)."""

    date: str
    text: str
    sources: tuple[Citation, ...]
    relative: bool = False
    expression: str = ""  # the date phrase as written in the first source
    # dates other outlets give for what looks like the same event (a disagreement, kept)
    other_dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class CoverageFact:
    """A key fact (sentence, figure or quote) that one outlet reports and no other does."""

    kind: str  # "sentence", "figure", "quote"
    text: str
    article_id: str
    sentence_index: int


@dataclass(frozen=True)
class Coverage:
    """What one outlet of a story reports that none of the others do."""

    outlet: str
    article_ids: tuple[str, ...]
    facts: tuple[CoverageFact, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One place where an entity is named: ``article.text[start:end] == text`` (as written,
    before titles or possessives were stripped for the canonical name)."""

    article_id: str
    sentence_index: int
    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Entity:
    """One real-world referent of a story (person, organisation, place, ...), canonicalised
    across its mentions and outlets (see :mod:`newsweave.facts.entities`).

    ``type`` is the spaCy label most of its mentions carry; ``outlets`` counts the mentions per
    article (article id, count), each article being one outlet's telling; ``aliases`` lists the
    distinct names it goes by.
    """

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...] = ()
    outlets: tuple[tuple[str, int], ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A direct quote and who said it (see :mod:`newsweave.facts.quotes`).

    ``speaker`` is the canonical name of the speaker (None when the text does not say who
    spoke); ``speaker_entity`` the id of its :class:`Entity`. ``article_id``/``sentence_index``
    point at the first outlet carrying it; ``sources`` lists ``(article_id, sentence_index)`` of
    every outlet carrying the same quote, and ``article_ids`` their article ids. ``partial`` marks
    a fragment woven into the reporter's sentence; ``verb`` is the speech verb ("said",
    "according to", ...).
    """

    speaker: str | None
    text: str
    article_id: str
    sentence_index: int
    partial: bool = False
    speaker_entity: str | None = None
    verb: str | None = None
    sources: tuple[tuple[str, int], ...] = ()
    article_ids: tuple[str, ...] = ()
    start: int = 0  # character span of the quoted text in the first article's cleaned text
    end: int = 0


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


_SCALARS = (str, int, float, bool, type(None))


def to_dict(obj: Any) -> Any:
    """Convert a model object (or a container of them) to plain JSON-able values."""
    if type(obj) in _SCALARS:  # fast path: most leaves are plain values
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: Any, data: Any) -> Any:
    """Rebuild a model object (or container) of type ``cls`` from :func:`to_dict` output.

    Follows the type hints: nested dataclasses, ``tuple[X, ...]``, fixed tuples, ``list[X]``,
    ``dict[K, V]``, ``X | None`` (and other unions: the first alternative that fits) and
    ``Any`` (the value as is). Unknown keys are ignored and missing keys take their defaults,
    so data written by another version of newsweave still loads.
    ``from_dict(Story, to_dict(story)) == story``.
    """
    import enum
    import types
    import typing

    if data is None or cls is Any or cls is object:
        return data
    origin = typing.get_origin(cls)
    args = typing.get_args(cls)
    if origin is typing.Union or origin is types.UnionType:
        options = [a for a in args if a is not type(None)]
        for option in options:
            plain = typing.get_origin(option) or option
            if isinstance(plain, type) and dataclasses.is_dataclass(plain):
                if not isinstance(data, dict):
                    continue
                names = {f.name for f in dataclasses.fields(plain)}
                if not set(data) <= names:
                    continue
            elif isinstance(plain, type) and plain not in (float, tuple, list) and not (
                isinstance(data, plain)
            ):
                continue
            try:
                return from_dict(option, data)
            except (TypeError, ValueError, KeyError):
                continue
        return data
    if origin is typing.Literal:
        return data
    if origin is tuple or cls is tuple:
        if not args:
            return tuple(data)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_dict(args[0], x) for x in data)
        return tuple(from_dict(a, x) for a, x in zip(args, data, strict=False))
    if origin in (list, set, frozenset) or cls in (list, set, frozenset):
        item = args[0] if args else Any
        return (origin or cls)(from_dict(item, x) for x in data)
    if origin is dict or cls is dict:
        kt, vt = args if len(args) == 2 else (Any, Any)
        return {from_dict(kt, k): from_dict(vt, v) for k, v in data.items()}
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        if isinstance(data, cls):
            return data
        hints = _type_hints(cls)
        kwargs = {
            f.name: from_dict(hints.get(f.name, Any), data[f.name])
            for f in dataclasses.fields(cls)
            if f.init and f.name in data
        }
        return cls(**kwargs)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return cls(data)
    if cls is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data


_HINTS: dict[type, dict[str, Any]] = {}


def _type_hints(cls: type) -> dict[str, Any]:
    import typing

    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints
