"""Builders shared by the tests: articles from sentences, stories with real facts, and a fake
sentence encoder (no model).

Every fact built here points at a real span of a real article (``SentenceRef``), the way the
facts stage builds them, so a test that saves, loads, reports or serves a story exercises the
same shapes as a real run. Import with ``from factories import ...`` (``tests/`` is on the
path under pytest).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
from hypothesis import strategies as st

from newsweave.ingest import article_id
from newsweave.model import (
    Article,
    Coverage,
    CoverageFact,
    Duplicate,
    Entity,
    Figure,
    FigureGroup,
    Ignored,
    Mention,
    Quote,
    QuotedWords,
    Removed,
    Sentence,
    SentenceRef,
    Story,
    Summary,
    SummarySentence,
    TimelineEvent,
)
from newsweave.nlp import EMBEDDING_DIM

# ------------------------------------------------------------------------------ articles


def article(
    sentences: Sequence[str],
    aid: str | None = None,
    *,
    title: str | None = None,
    paragraph_before: Iterable[int] = (),
    sep: str = " ",
    noise: Sequence[tuple[str, str]] = (),
    **fields,
) -> Article:
    """An article whose text is ``sentences`` joined by ``sep``, with exact sentence spans.

    Args:
        sentences: the sentences, in order (``article.sentences[i].text == sentences[i]``).
        aid: the article id; by default the content id of the text and title, as ingest gives.
        title: the title.
        paragraph_before: indexes of sentences that open a new paragraph (a blank line
            before them instead of a space).
        noise: ``(text, reason)`` pieces cleaning "removed": kept in ``removed`` and put
            before the text in ``raw_text``.
        **fields: any other :class:`Article` field (outlet, published, source, url, ...).
    """
    breaks = set(paragraph_before)
    text, sents, pos = "", [], 0
    for i, s in enumerate(sentences):
        if i:
            gap = "\n\n" if i in breaks else sep
            text += gap
            pos += len(gap)
        sents.append(Sentence(i, s, pos, pos + len(s)))
        text += s
        pos += len(s)
    if noise:
        fields.setdefault("raw_text", "".join(piece + "\n" for piece, _ in noise) + text)
        fields.setdefault("removed", tuple(Removed(piece, reason) for piece, reason in noise))
    return Article(
        id=aid or article_id(text, title),
        text=text,
        title=title,
        sentences=tuple(sents),
        **fields,
    )


def cite(a: Article, i: int) -> SentenceRef:
    """A reference to the whole sentence ``i`` of ``a`` (a summary citation)."""
    s = a.sentences[i]
    return SentenceRef(a.id, i, s.start, s.end)


def span(a: Article, text: str, occurrence: int = 0) -> SentenceRef:
    """A reference to the ``occurrence``-th appearance of ``text`` in ``a`` (its sentence and
    character span); raises ValueError when it does not appear."""
    start = -1
    for _ in range(occurrence + 1):
        start = a.text.index(text, start + 1)
    end = start + len(text)
    for s in a.sentences:
        if s.start <= start < s.end:
            return SentenceRef(a.id, s.index, start, end)
    raise ValueError(f"{text!r} is not inside a sentence of {a.id}")


def summary_of(
    *cited: tuple[Article, int, Sequence[tuple[Article, int]]],
    method: str = "test",
    ignored: Sequence[Ignored] = (),
) -> Summary:
    """A summary of ``(article, sentence index, [(other article, sentence index), ...])``
    entries: each sentence verbatim from its first citation, the others supporting it."""
    return Summary(
        sentences=tuple(
            SummarySentence(a.sentences[i].text, (cite(a, i), *(cite(b, j) for b, j in more)))
            for a, i, more in cited
        ),
        method=method,
        ignored=tuple(ignored),
    )


# ------------------------------------------------------------------------------ facts


def entity(eid: str, name: str, type_: str, *mentions: tuple[Article, str]) -> Entity:
    """An entity named ``(article, text as written)`` in each of ``mentions``."""
    ms = tuple(Mention(span(a, text), text) for a, text in mentions)
    counts: dict[str, int] = {}
    for m in ms:
        counts[m.ref.article_id] = counts.get(m.ref.article_id, 0) + 1
    return Entity(
        eid,
        name,
        type_,
        mentions=ms,
        outlets=tuple(counts.items()),
        aliases=tuple(dict.fromkeys(text for _, text in mentions)),
    )


def figure(a: Article, text: str, value: float, unit: str, kind: str = "money", **fields) -> Figure:
    """The figure ``text`` as ``a`` states it (``fields``: measure, subject, time, ...)."""
    return Figure(value, unit, text, span(a, text), kind, **fields)


def group(gid: str, measure: str, *members: Figure, **fields) -> FigureGroup:
    """A figure group; ``kind`` and ``unit`` default to the first member's."""
    fields.setdefault("kind", members[0].kind if members else "")
    fields.setdefault("unit", members[0].unit if members else "")
    return FigureGroup(gid, measure, members, **fields)


def quote(speaker: str | None, text: str, a: Article, *others: Article, **fields) -> Quote:
    """The quote ``text`` by ``speaker`` as ``a`` carries it, also carried by ``others``
    (each printing the same words: ``source_words`` spans ``text`` in every article)."""
    spans = [span(x, text) for x in (a, *others)]
    sources = tuple(SentenceRef(r.article_id, r.sentence_index) for r in spans)
    fields.setdefault("source_words", tuple(QuotedWords(r, text) for r in spans))
    return Quote(
        speaker,
        text,
        spans[0],
        sources=sources,
        article_ids=tuple(dict.fromkeys(s.article_id for s in sources)),
        **fields,
    )


def event(date: str, text: str, *sources: tuple[Article, int], **fields) -> TimelineEvent:
    """A timeline event told by sentence ``i`` of each ``(article, i)``."""
    return TimelineEvent(date, text, tuple(cite(a, i) for a, i in sources), **fields)


def only_in(outlet: str, articles: Sequence[Article], *facts: tuple[str, Article, int]) -> Coverage:
    """The coverage row of ``outlet``: ``(kind, article, sentence index)`` facts only it has."""
    return Coverage(
        outlet,
        tuple(a.id for a in articles),
        tuple(
            CoverageFact(kind, a.sentences[i].text, SentenceRef(a.id, i)) for kind, a, i in facts
        ),
    )


def story_with_facts(story_id: str = "sdam00000001") -> Story:
    """A three-outlet story with a cited summary and every kind of fact (a disagreement
    included), each pointing at a real span of its articles."""
    a = article(
        [
            "The Vell dam opened on Monday after six years of work.",
            "Engineers said the spillway passed every test.",
            "The project cost 2.1 billion crowns, the ministry said.",
        ],
        title="Vell dam opens",
        outlet="River Times",
        published="2030-06-03",
        source="in/river.txt",
        url="https://rt.example/dam",
        noise=[("(Photo: A. Berg/River Times)", "credit")],
    )
    b = article(
        [
            "Valley farmers welcomed the Vell dam on Tuesday.",
            "\u201cWe waited a long time for this,\u201d said Mara Lind of the farmers' union.",
            "The ministry put the cost at 2.4 billion crowns.",
        ],
        title="Farmers welcome Vell dam",
        outlet="Valley Post",
        published="2030-06-04",
        source="in/valley.json",
        paragraph_before=[2],
    )
    c = article(
        [
            "Its reservoir holds 900 million cubic metres.",
            "\u201cWe waited a long time for this,\u201d Mara Lind told reporters.",
            "Critics said the Vell dam harms fish migration.",
        ],
        title="The Vell dam in numbers",
        outlet="Daily Ledger",
        published="2030-06-05",
        source="in/ledger.md",
    )
    return Story(
        id=story_id,
        headline="Vell dam opens",
        articles=(a, b, c),
        summary=summary_of(
            (a, 0, [(b, 0)]),
            (b, 2, []),
            (c, 2, []),
            ignored=[Ignored(c.id, "test: partly off-topic")],
        ),
        entities=(
            entity("e1", "Vell dam", "FAC", (a, "Vell dam"), (b, "Vell dam"), (c, "Vell dam")),
            entity("e2", "Mara Lind", "PERSON", (b, "Mara Lind"), (c, "Mara Lind")),
        ),
        quotes=(
            quote(
                "Mara Lind",
                "We waited a long time for this",
                b,
                c,
                speaker_entity="e2",
                verb="said",
            ),
        ),
        figures=(
            group(
                "g1",
                "cost",
                figure(
                    a,
                    "2.1 billion crowns",
                    2.1e9,
                    "crowns",
                    measure="cost",
                    subject="ministry",
                    context="cost|cost",
                ),
                figure(
                    b,
                    "2.4 billion crowns",
                    2.4e9,
                    "crowns",
                    measure="cost",
                    subject="ministry",
                    context="cost|cost",
                ),
                disagreement=True,
                reason="2.1e9 vs 2.4e9",
                subject="ministry",
                label="project cost",
                key=True,
                rank=1,
            ),
            group(
                "g2",
                "reservoir",
                figure(
                    c,
                    "900 million cubic metres",
                    9e8,
                    "m3",
                    "quantity",
                    measure="reservoir",
                    qualifier="about",
                    low=8.5e8,
                    high=9.5e8,
                ),
                label="reservoir volume",
                rank=2,
            ),
        ),
        timeline=(
            event(
                "2030-06-03",
                "The Vell dam opened on Monday after six years of work.",
                (a, 0),
                (b, 0),
                expression="on Monday",
            ),
            event(
                "Tuesday",
                "Valley farmers welcomed the Vell dam on Tuesday.",
                (b, 0),
                relative=True,
                expression="on Tuesday",
            ),
        ),
        coverage=(
            only_in("River Times", [a], ("sentence", a, 1)),
            only_in("Daily Ledger", [c], ("figure", c, 0), ("sentence", c, 2)),
        ),
    )


# ------------------------------------------------------------------------------ encoder

_WORD = re.compile(r"[a-z0-9]+")


def fake_embed(texts: Iterable[str], *, min_word_length: int = 1) -> np.ndarray:
    """Bag-of-words hashing vectors of :data:`newsweave.nlp.EMBEDDING_DIM` dimensions, unit
    length (no model): equal word sets give cosine 1, disjoint ones 0. Words shorter than
    ``min_word_length`` are ignored."""
    texts = list(texts)
    out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in _WORD.findall(t.lower()):
            if len(w) >= min_word_length:
                out[i, zlib.crc32(w.encode()) % EMBEDDING_DIM] += 1.0
        n = np.linalg.norm(out[i])
        if n:
            out[i] /= n
    return out


def use_fake_encoder(monkeypatch, *, min_word_length: int = 1) -> None:
    """Replace ``newsweave.nlp.embed`` by :func:`fake_embed`, and ``get_encoder`` (which only
    warms the model up) by a no-op, so no test loads the real model by accident."""
    from newsweave import nlp

    def embed(texts):
        return fake_embed(texts, min_word_length=min_word_length)

    monkeypatch.setattr(nlp, "embed", embed)
    monkeypatch.setattr(nlp, "get_encoder", lambda: None)


# ------------------------------------------------------------------------------ hypothesis
# Strategies for property tests: stories whose facts point at real sentences of their
# articles, with every field of every fact class drawn.

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
_opt_text = st.none() | _text
_number = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def articles_(draw, n: int | None = None) -> tuple[Article, ...]:
    """One to three articles (distinct ids) of one to four drawn sentences each."""
    count = n if n is not None else draw(st.integers(1, 3))
    out = []
    for k in range(count):
        out.append(
            article(
                draw(st.lists(_text, min_size=1, max_size=4)),
                f"{k:016x}",
                title=draw(_opt_text),
                outlet=draw(_opt_text),
                published=draw(_opt_text),
                source=draw(_text),
                url=draw(_opt_text),
                author=draw(_opt_text),
                language=draw(st.none() | st.sampled_from(["en", "de"])),
                group=draw(_opt_text),
                removed=tuple(
                    Removed(t, r) for t, r in draw(st.lists(st.tuples(_text, _text), max_size=2))
                ),
                raw_text=draw(_opt_text),
                extraction=draw(_opt_text),
                confidence=draw(st.none() | st.floats(0, 1)),
                meta=tuple(draw(st.lists(st.tuples(_text, _text), max_size=2))),
                duplicates=tuple(
                    draw(
                        st.lists(
                            st.builds(
                                Duplicate,
                                article_id=_text,
                                outlet=_opt_text,
                                title=_opt_text,
                                url=_opt_text,
                                source=_text,
                                published=_opt_text,
                                kind=st.sampled_from(["exact", "near"]),
                                similarity=st.floats(0, 1),
                                missing=st.lists(st.integers(0, 3), max_size=3, unique=True).map(
                                    tuple
                                ),
                            ),
                            max_size=2,
                            unique_by=lambda d: d.article_id,
                        )
                    )
                ),
            )
        )
    return tuple(out)


@st.composite
def sentence_refs(draw, arts: Sequence[Article], with_span: bool = True) -> SentenceRef:
    """A reference to a drawn sentence of ``arts`` (and a span inside it, ``with_span``)."""
    a = draw(st.sampled_from(list(arts)))
    s = draw(st.sampled_from(a.sentences))
    if not with_span:
        return SentenceRef(a.id, s.index)
    start = draw(st.integers(s.start, s.end))
    return SentenceRef(a.id, s.index, start, draw(st.integers(start, s.end)))


@st.composite
def stories(draw) -> Story:
    """A story of drawn articles with a drawn summary and one to three facts of each kind,
    every field drawn, every reference pointing at a sentence of the story."""
    arts = draw(articles_())
    refs = sentence_refs(arts)
    sentence_only = sentence_refs(arts, with_span=False)
    ids = st.sampled_from([a.id for a in arts])
    figure_ = st.builds(
        Figure,
        value=_number,
        unit=_text,
        text=_text,
        ref=refs,
        kind=_text,
        measure=_text,
        subject=_opt_text,
        time=_opt_text,
        qualifier=_opt_text,
        low=st.none() | _number,
        high=st.none() | _number,
        context=_text,
    )
    facts = {
        "entities": st.builds(
            Entity,
            id=_text,
            name=_text,
            type=_text,
            mentions=st.lists(st.builds(Mention, ref=refs, text=_text), max_size=3).map(tuple),
            outlets=st.lists(st.tuples(ids, st.integers(0, 99)), max_size=3).map(tuple),
            aliases=st.lists(_text, max_size=2).map(tuple),
        ),
        "quotes": st.builds(
            Quote,
            speaker=_opt_text,
            text=_text,
            ref=refs,
            partial=st.booleans(),
            speaker_entity=_opt_text,
            verb=_opt_text,
            sources=st.lists(sentence_only, max_size=3).map(tuple),
            article_ids=st.lists(ids, max_size=3).map(tuple),
            source_words=st.lists(st.builds(QuotedWords, ref=refs, text=_text), max_size=3).map(
                tuple
            ),
        ),
        "figures": st.builds(
            FigureGroup,
            id=_text,
            measure=_text,
            members=st.lists(figure_, min_size=1, max_size=3).map(tuple),
            disagreement=st.booleans(),
            reason=_text,
            kind=_text,
            unit=_text,
            subject=_opt_text,
            time=_opt_text,
        ),
        "timeline": st.builds(
            TimelineEvent,
            date=_text,
            text=_text,
            sources=st.lists(refs, min_size=1, max_size=3).map(tuple),
            relative=st.booleans(),
            expression=_text,
        ),
        "coverage": st.builds(
            Coverage,
            outlet=_text,
            article_ids=st.lists(ids, max_size=3).map(tuple),
            facts=st.lists(
                st.builds(CoverageFact, kind=_text, text=_text, ref=sentence_only), max_size=3
            ).map(tuple),
        ),
    }
    summary = st.none() | st.builds(
        Summary,
        sentences=st.lists(
            st.builds(
                SummarySentence,
                text=_text,
                citations=st.lists(refs, min_size=1, max_size=3).map(tuple),
            ),
            max_size=3,
        ).map(tuple),
        method=_text,
        ignored=st.lists(st.builds(Ignored, article_id=ids, reason=_text), max_size=2).map(tuple),
    )
    return Story(
        id=draw(_text),
        headline=draw(_text),
        articles=arts,
        summary=draw(summary),
        **{kind: tuple(draw(st.lists(s, min_size=1, max_size=3))) for kind, s in facts.items()},
    )


def parsed_story(*texts: str) -> tuple[Story, list, tuple]:
    """A story of one untitled article per text, sentence-split and parsed, with the entities
    a run extracts: ``(story, docs, entities)``, the inputs of ``extract_quotes``."""
    from newsweave.facts.entities import extract_entities
    from newsweave.ingest import article_id
    from newsweave.nlp import parse, split_sentences

    arts = [Article(id=article_id(t, None), text=t, title=None) for t in texts]
    story = Story(id="s1", headline="h", articles=tuple(split_sentences(arts)))
    docs = parse([a.text for a in story.articles])
    return story, docs, extract_entities(story, docs)


def quote_pairs(
    art: Article, *, relabel: tuple[str, str] | None = None, **kw
) -> list[tuple[str | None, str]]:
    """``(speaker, text)`` of every quote ``extract_quotes`` finds in one article, parsed and
    with the story's entities as a run makes them. ``relabel=(word, label)`` gives every
    one-word entity ``word`` the label ``label`` instead (a tagger's mistake on a short form,
    made reproducible) and passes no story entity list, so the sentence's own tags decide."""
    from spacy.tokens import Span

    from newsweave.facts.entities import extract_entities
    from newsweave.facts.quotes import extract_quotes
    from newsweave.nlp import parse, split_sentences

    story = Story(id="s1", headline="h", articles=tuple(split_sentences([art])))
    docs = parse([a.text for a in story.articles])
    if relabel is None:
        entities = extract_entities(story, docs)
    else:
        word, label = relabel
        for doc in docs:
            doc.ents = [
                Span(doc, e.start, e.end, label=label) if e.text == word else e for e in doc.ents
            ]
        entities = ()
    return [(q.speaker, q.text) for q in extract_quotes(story, docs, entities, **kw)]


def speaker_of(pairs: list[tuple[str | None, str]], start: str) -> str | None:
    """The speaker of the first quote in ``pairs`` whose text starts with ``start``."""
    found = [sp for sp, text in pairs if text.startswith(start)]
    assert found, (start, pairs)
    return found[0]


def quoted_speaker(art: Article | str, start: str) -> str | None:
    """The speaker ``extract_quotes`` gives the quote of ``art`` (an article, or the text of an
    untitled one) starting with ``start`` (None: unattributed)."""
    if isinstance(art, str):
        art = Article(id=article_id(art, None), text=art, title=None)
    return speaker_of(quote_pairs(art, keep_unattributed=True), start)


def check_switch_names_speaker(
    monkeypatch, switch: str, art: Article, start: str, expected: str
) -> None:
    """The quote starting with ``start`` goes to a speaker ending with ``expected``, and to
    someone else once the quotes module's rule ``switch`` is off."""
    from newsweave.facts import quotes

    sp = quoted_speaker(art, start)
    assert sp is not None and sp.lower().endswith(expected.lower())
    monkeypatch.setattr(quotes, switch, False)
    assert quoted_speaker(art, start) != sp


def figure_fields(text: str, *keys: str) -> list[tuple]:
    """``keys`` of every figure :func:`newsweave.facts.figures.find_figures` reads in ``text``
    ("value", "unit", "text", "kind", ...), one tuple per figure."""
    from newsweave.facts.figures import find_figures

    return [tuple(f[k] for k in keys) for f in find_figures(text)]


def spacy_ours_and_stock():
    """``(newsweave's spaCy pipeline, the same package loaded by plain spaCy)``, the second
    with newsweave's tokenizer (the speed-ups are under test, not the tokenizer change); the
    test is skipped when the model is not installed."""
    import pytest

    from newsweave import nlp
    from newsweave.errors import ModelError

    spacy = pytest.importorskip("spacy")
    try:
        ours = nlp.get_nlp(True)
        stock = spacy.load(nlp.SPACY_PACKAGE)
    except (ModelError, OSError):
        pytest.skip("spaCy model not installed")
    stock.tokenizer = ours.tokenizer
    return ours, stock


def load_bench(name: str):
    """The module of the script ``bench/<name>.py`` (bench is no package; its scripts import
    one another by bare name, so ``bench`` is on ``sys.path`` while it loads)."""
    import importlib.util
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        spec = importlib.util.spec_from_file_location(name, bench / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(bench))
    return module


def doc_with_ents(text: str, ents: list[tuple[str, str]], doc=None):
    """A spaCy Doc of ``text`` whose entities are set by hand: ``(surface, label)`` in order of
    appearance (entity rules tested without the tagger). ``doc``: a parse of ``text`` to set
    them on (tags kept); by default a blank tokenisation."""
    import spacy

    if doc is None:
        doc = spacy.blank("en")(text)
    spans, cursor = [], 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        ent = doc.char_span(start, cursor, label=label)
        assert ent is not None, surface
        spans.append(ent)
    doc.ents = spans
    return doc
