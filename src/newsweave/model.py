"""The data model shared by every pipeline stage.

All classes are frozen dataclasses holding plain values (str, int, float, tuples of model
objects), so they pickle cheaply (Dask), compare by value (tests) and serialise to JSON with
:func:`to_dict`. Stages are functions from model objects to model objects and do no I/O.

Offsets, not copies: a :class:`SentenceRef` (``Citation`` in summaries) points at an article id,
a sentence index and a character span in that article's cleaned ``text``, so every sentence
shown to a user can be traced to the exact place it came from. Every fact points into its
articles with it, and every fact class has ``refs()``: all the places it points at.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar


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
    # What only this copy says (a changed last paragraph, a line the reprint cut): the copy's
    # cleaned text and those of its sentences that the kept article lacks (indexes and spans
    # of the copy's own split, ``text[start:end] == sentence.text``). Both stay empty when the
    # kept article says everything the copy says. The summary and the facts read these
    # sentences with this copy as their source (:meth:`Story.copies`).
    text: str = ""
    sentences: tuple[Sentence, ...] = ()
    # What this copy lacks (issue 19): the indexes of the kept article's sentences that the
    # copy does not print, not even lightly edited (an AP update that rewrote a paragraph, a
    # reprint cut short): the copy is not a carrier of those sentences, so it is not credited
    # with their quotes or figures (:meth:`Article.carriers`, :meth:`Story.carriers`). A
    # sentence counts as printed when the copy says it as :func:`newsweave.dedupe.missing_sentences`
    # reads it: the same words, or at least dedupe.CARRIED_TRIGRAMS of its word trigrams with no
    # number the copy lacks. Indexes into the kept article's ``sentences`` (fixed once it is
    # split), so nothing is copied; empty for an exact copy, and in a copy stored before this
    # field existed (such a copy is taken to print the whole kept article, as it was then).
    missing: tuple[int, ...] = ()

    def as_article(self) -> Article:
        """This copy as an article holding only its own sentences (see ``sentences``)."""
        return Article(
            id=self.article_id,
            text=self.text,
            title=self.title,
            outlet=self.outlet,
            published=self.published,
            source=self.source,
            url=self.url,
            sentences=self.sentences,
        )


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

    def carriers(self, sentence_index: int) -> tuple[Duplicate, ...]:
        """Every copy that printed this article's sentence ``sentence_index``: the article
        itself first (``kind="kept"``), then each folded copy that does not lack it
        (:attr:`Duplicate.missing`), in ``duplicates`` order (a copy read twice under the
        article's own id included). The one answer to "which outlets carried this
        sentence": the facts, the reports and the facts scorer all ask it."""
        return (self.record(), *(d for d in self.duplicates if sentence_index not in d.missing))

    def record(self) -> Duplicate:
        """This article as the record of a copy (``kind="kept"``): how it stands first among
        the copies that carried it (:meth:`carriers`, :func:`newsweave.dedupe.sources_of`)."""
        return Duplicate(
            article_id=self.id,
            outlet=self.outlet,
            title=self.title,
            url=self.url,
            source=self.source,
            published=self.published,
            kind="kept",
        )


@dataclass(frozen=True)
class Skipped:
    """An input (or part of one) that a stage could not use, and why."""

    source: str
    stage: str
    reason: str


@dataclass(frozen=True)
class SentenceRef:
    """A pointer into an article: a sentence and a character span of the article's cleaned
    ``text``. The one reference type of the model: summary citations, entity mentions, figures,
    quotes and their sources, timeline sources and coverage facts all point with it.

    ``start``/``end`` are the span of what is pointed at (the cited sentence, a mention as
    written, a figure, the quoted words); ``0, 0`` where only the sentence is recorded (the
    sources of a quote, a coverage fact).
    """

    article_id: str
    sentence_index: int
    start: int = 0
    end: int = 0


# Where a summary sentence (or a fact) comes from: the name the summary and the JSON report use.
Citation = SentenceRef


# Field metadata read by to_dict/from_dict: a SentenceRef field written as these keys of its
# parent's JSON object (the flat ``article_id``/``sentence_index``/... of the JSON report).
_INLINE_SPAN = {"inline": ("article_id", "sentence_index", "start", "end")}
_INLINE_SENTENCE = {"inline": ("article_id", "sentence_index")}


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

    # JSON key order of docs/json-report.md (the reference is written inline)
    JSON_KEYS: ClassVar[tuple[str, ...]] = (
        "value",
        "unit",
        "text",
        "article_id",
        "sentence_index",
        "kind",
        "measure",
        "subject",
        "time",
        "qualifier",
        "low",
        "high",
        "start",
        "end",
        "context",
        "label",
    )

    value: float
    unit: str
    text: str
    ref: SentenceRef = field(metadata=_INLINE_SPAN)  # where: the span of ``text`` in the article
    kind: str  # "money", "percent", "count", "duration", "quantity"
    measure: str = ""
    subject: str | None = None
    time: str | None = None
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    context: str = ""  # the event words around the figure (verbs, nouns) used for grouping
    # what it measures as a readable noun phrase ("jars recalled", "recall cost")
    label: str = ""

    def refs(self) -> tuple[SentenceRef, ...]:
        """Where the figure is stated."""
        return (self.ref,)


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
    # what the figures measure as a readable noun phrase ("jars recalled", "recall cost")
    label: str = ""
    # a key figure (reported by several outlets, in a lead or in the summary): shown first
    key: bool = False
    # 1 = the figure that matters most; groups are listed in rank order
    rank: int = 0

    def refs(self) -> tuple[SentenceRef, ...]:
        """Where each member is stated, in member order."""
        return tuple(m.ref for m in self.members)


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event: ``date`` is ISO (``2018-05-03``, ``2018-05``, ``2018``) when resolved,
    else the phrase as written (``relative`` true, e.g. "Friday" with no article date)."""

    date: str
    text: str
    sources: tuple[SentenceRef, ...]
    relative: bool = False
    expression: str = ""  # the date phrase as written in the first source
    # dates other outlets give for what looks like the same event (a disagreement, kept)
    other_dates: tuple[str, ...] = ()

    def refs(self) -> tuple[SentenceRef, ...]:
        """The sentences that tell the event, first source first."""
        return self.sources


@dataclass(frozen=True)
class CoverageFact:
    """A key fact (sentence, figure or quote) that one outlet reports and no other does.

    ``ref`` is the sentence that states it (written as ``article_id``/``sentence_index``)."""

    kind: str  # "sentence", "figure", "quote"
    text: str
    ref: SentenceRef = field(metadata=_INLINE_SENTENCE)

    def refs(self) -> tuple[SentenceRef, ...]:
        """The sentence that states the fact."""
        return (self.ref,)


@dataclass(frozen=True)
class Coverage:
    """What one outlet of a story reports that none of the others do."""

    outlet: str
    article_ids: tuple[str, ...]
    facts: tuple[CoverageFact, ...] = ()

    def refs(self) -> tuple[SentenceRef, ...]:
        """The sentences of the outlet's exclusive facts, in fact order."""
        return tuple(f.ref for f in self.facts)


@dataclass(frozen=True)
class Mention:
    """One place where an entity is named: ``ref`` spans ``text`` in the article
    (``article.text[ref.start:ref.end] == text``, as written, before titles or possessives
    were stripped for the canonical name)."""

    JSON_KEYS: ClassVar[tuple[str, ...]] = ("article_id", "sentence_index", "text", "start", "end")

    ref: SentenceRef = field(metadata=_INLINE_SPAN)
    text: str


@dataclass(frozen=True)
class Entity:
    """One real-world referent of a story (person, organisation, place, ...), canonicalised
    across its mentions and outlets (see :mod:`newsweave.facts.entities`).

    ``type`` is a spaCy label decided by the evidence of the whole story (spaCy's labels, the
    form of the name, the words around its mentions); ``outlets`` counts the mentions per
    article (article id, count), each article being one outlet's telling; ``aliases`` lists the
    distinct names it goes by.
    """

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...] = ()
    outlets: tuple[tuple[str, int], ...] = ()
    aliases: tuple[str, ...] = ()

    def refs(self) -> tuple[SentenceRef, ...]:
        """Where the entity is named, in mention order."""
        return tuple(m.ref for m in self.mentions)


@dataclass(frozen=True)
class QuotedWords:
    """The words of a quote as one outlet printed them (issue 19: an outlet is cited only
    for words it printed). ``ref`` spans them in that article's cleaned text, quotation marks
    excluded; ``text`` is that span as :attr:`Quote.text` is written (whitespace runs
    collapsed, a trailing comma or dash dropped), so ``" ".join(article.text[ref.start:
    ref.end].split())`` starts with ``text``."""

    JSON_KEYS: ClassVar[tuple[str, ...]] = ("article_id", "sentence_index", "text", "start", "end")

    ref: SentenceRef = field(metadata=_INLINE_SPAN)
    text: str


@dataclass(frozen=True)
class Quote:
    """A direct quote and who said it (see :mod:`newsweave.facts.quotes`).

    ``speaker`` is the canonical name of the speaker (None when the text does not say who
    spoke); ``speaker_entity`` the id of its :class:`Entity`. ``text`` is the fullest version
    across outlets and ``ref`` points at the first outlet that printed that version: the
    sentence where it starts and the span of the quoted words. ``sources`` lists the sentence
    of every outlet carrying the same quote (first outlet first), ``article_ids`` their
    article ids, and ``source_words`` (aligned with ``sources``) the words each of them
    printed, which may be fewer than ``text`` or differ from it (empty in quotes stored
    before it existed). ``partial`` marks a fragment woven into the reporter's sentence;
    ``verb`` is the speech verb ("said", "according to", ...).
    """

    JSON_KEYS: ClassVar[tuple[str, ...]] = (
        "speaker",
        "text",
        "article_id",
        "sentence_index",
        "partial",
        "speaker_entity",
        "verb",
        "sources",
        "article_ids",
        "start",
        "end",
        "source_words",
    )

    speaker: str | None
    text: str
    ref: SentenceRef = field(metadata=_INLINE_SPAN)
    partial: bool = False
    speaker_entity: str | None = None
    verb: str | None = None
    # written as [article_id, sentence_index] pairs (docs/json-report.md)
    sources: tuple[SentenceRef, ...] = field(default=(), metadata={"pairs": True})
    article_ids: tuple[str, ...] = ()
    # what each of ``sources`` printed: source_words[i] is in the article of sources[i]
    source_words: tuple[QuotedWords, ...] = ()

    def refs(self) -> tuple[SentenceRef, ...]:
        """The quoted words of ``text`` in its first outlet, then every outlet's sentence,
        then the words each outlet printed."""
        return (self.ref, *self.sources, *(w.ref for w in self.source_words))

    def words_of(self, article_id: str) -> QuotedWords | None:
        """The words the outlet ``article_id`` printed (None when not recorded)."""
        for w in self.source_words:
            if w.ref.article_id == article_id:
                return w
        return None


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
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[FigureGroup, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    coverage: tuple[Coverage, ...] = ()

    def article(self, article_id: str) -> Article:
        """Return the article of this story with ``article_id`` (KeyError if absent); a folded
        copy with sentences of its own (:meth:`copies`) is found too."""
        for a in self.articles:
            if a.id == article_id:
                return a
        for c in self.copies():
            if c.id == article_id:
                return c
        raise KeyError(article_id)

    def carriers(self, ref: SentenceRef) -> tuple[Duplicate, ...]:
        """Every article and folded copy of the story that printed the sentence ``ref``
        points at, as :class:`Duplicate` records (id, outlet, source, ...): for a sentence of
        a kept article, the article and each copy not lacking it (:meth:`Article.carriers`);
        for a sentence only a folded copy says (a source of :meth:`copies`), that copy; ``()``
        for an article the story does not have."""
        for a in self.articles:
            if a.id == ref.article_id:
                return a.carriers(ref.sentence_index)
        for a in self.articles:
            for d in a.duplicates:
                if d.article_id == ref.article_id and d.sentences:
                    return (d,)
        return ()

    def copies(self) -> tuple[Article, ...]:
        """The folded copies of the story's articles that say something the kept article does
        not (``Duplicate.sentences``), each as an article holding only those sentences, in
        article order: with ``articles``, every source a summary or fact may cite."""
        seen = {a.id for a in self.articles}
        out: list[Article] = []
        for a in self.articles:
            for d in a.duplicates:
                if d.sentences and d.article_id not in seen:
                    seen.add(d.article_id)
                    out.append(d.as_article())
        return tuple(out)


@dataclass(frozen=True)
class WeaveResult:
    """What a run produced: its stories and every input it skipped, with the reason."""

    stories: list[Story] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


_SCALARS = (str, int, float, bool, type(None))


def to_dict(obj: Any) -> Any:
    """Convert a model object (or a container of them) to plain JSON-able values.

    A dataclass becomes an object with one key per field, except where a field says otherwise
    in its metadata: a :class:`SentenceRef` field marked ``inline`` is written as the listed
    keys of the parent object (``article_id``, ``sentence_index``, ...), and a tuple of
    references marked ``pairs`` as ``[article_id, sentence_index]`` pairs; a class's
    ``JSON_KEYS`` gives the key order. This keeps the JSON report's shape
    (docs/json-report.md).
    """
    if type(obj) in _SCALARS:  # fast path: most leaves are plain values
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for name, inline, pairs in _layout(type(obj)):
            value = getattr(obj, name)
            if inline:
                for key in inline:
                    out[key] = getattr(value, key)
            elif pairs:
                out[name] = [[r.article_id, r.sentence_index] for r in value]
            else:
                out[name] = to_dict(value)
        order = getattr(obj, "JSON_KEYS", None)
        if order:
            out = {k: out[k] for k in order if k in out} | out
        return out
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


_LAYOUTS: dict[type, list[tuple[str, tuple[str, ...], bool]]] = {}


def _layout(cls: type) -> list[tuple[str, tuple[str, ...], bool]]:
    """``(field name, inline keys, written as pairs)`` for each field of a dataclass."""
    layout = _LAYOUTS.get(cls)
    if layout is None:
        layout = _LAYOUTS[cls] = [
            (f.name, tuple(f.metadata.get("inline", ())), bool(f.metadata.get("pairs")))
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        ]
    return layout


def _json_keys(cls: type) -> set[str]:
    """The keys the JSON object of dataclass ``cls`` may have."""
    keys: set[str] = set()
    for name, inline, _pairs in _layout(cls):
        keys.update(inline or (name,))
    return keys


def _ref_of(value: Any) -> SentenceRef:
    """A :class:`SentenceRef` from an ``[article_id, sentence_index]`` pair or its object."""
    if isinstance(value, (list, tuple)):
        return SentenceRef(value[0], value[1])
    return from_dict(SentenceRef, value)  # type: ignore[no-any-return]


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
                if not set(data) <= _json_keys(plain):
                    continue
            elif (
                isinstance(plain, type)
                and plain not in (float, tuple, list)
                and not (isinstance(data, plain))
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
        kwargs: dict[str, Any] = {}
        for name, inline, pairs in _layout(cls):
            if inline:
                if inline[0] in data:
                    kwargs[name] = SentenceRef(**{k: data[k] for k in inline if k in data})
            elif name in data:
                if pairs:
                    kwargs[name] = tuple(_ref_of(x) for x in data[name])
                else:
                    kwargs[name] = from_dict(hints.get(name, Any), data[name])
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
