"""Facts across outlets: entities, quotes, figures, timeline and coverage of one story.

:func:`extract_facts` parses every article of a story once (spaCy, batched) and embeds its
sentences once (all-MiniLM-L6-v2, batched), then runs the extractors:

- :mod:`newsweave.facts.entities` - canonical entities with mentions per outlet;
- :mod:`newsweave.facts.quotes` - direct quotes with their speakers;
- :mod:`newsweave.facts.figures` - figures, grouped across outlets, disagreements flagged;
- :mod:`newsweave.facts.timeline` - dated events in order;
- :mod:`newsweave.facts.coverage` - what each outlet reports that no other does.

A failure in one extractor leaves that kind of fact empty (logged) instead of losing the story.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from newsweave.facts import coverage, entities, figures, quotes, timeline
from newsweave.model import Story

log = logging.getLogger(__name__)

__all__ = ["extract_facts", "sentence_vectors"]


def sentence_vectors(
    story: Story, limit: int = coverage.MAX_SENTENCES
) -> dict[tuple[str, int], Any]:
    """Unit vectors of the first ``limit`` sentences of every article, in one batched call."""
    from newsweave import nlp

    keys = [(a.id, s.index) for a in story.articles for s in a.sentences[:limit]]
    texts = [s.text for a in story.articles for s in a.sentences[:limit]]
    if not texts:
        return {}
    vecs = nlp.embed(texts)
    return dict(zip(keys, vecs, strict=True))


# Cosine of two sentences' embeddings at or above which they count as one statement told by
# two outlets (for figures with differently named generic subjects; see figures._same_claim).
# all-MiniLM-L6-v2: two outlets' accounts of one event with different numbers and wording
# score ~0.65-0.7; unrelated sentences of one story < 0.3 (tests/test_facts.py).
PARAPHRASE_COS = 0.6


def _paraphrase(vectors):
    """``similar(a, b)`` for :func:`figures.group_figures` from sentence vectors (None when
    there are none)."""
    if not vectors:
        return None

    def similar(a, b) -> bool:
        va = vectors.get((a.article_id, a.sentence_index))
        vb = vectors.get((b.article_id, b.sentence_index))
        return va is not None and vb is not None and float(va @ vb) >= PARAPHRASE_COS

    return similar


def _safe(name: str, fn, *args, default=()):
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - one extractor failing must not lose the story
        log.warning("facts: %s failed (%s: %s); left empty", name, type(exc).__name__, exc)
        return default


def extract_facts(story: Story) -> Story:
    """Return ``story`` with entities, quotes, figures, timeline and coverage filled in."""
    if not story.articles:
        return story
    from newsweave import nlp

    # one batched parse for every extractor; without the model the extractors that can work
    # without a parse (figures, timeline) still run
    docs: Any = _safe("parse", nlp.parse, [a.text for a in story.articles], default=None)
    if docs is None:
        docs = [None] * len(story.articles)
    ents: Any = _safe("entities", entities.extract_entities, story, docs)
    found_quotes: Any = _safe("quotes", quotes.extract_quotes, story, docs, ents)
    vectors = _safe("embeddings", sentence_vectors, story, default={})
    groups = _safe(
        "figures",
        lambda: figures.group_figures(
            figures.extract_figures(story.articles, docs), similar=_paraphrase(vectors)
        ),
    )
    events = _safe("timeline", timeline.extract_timeline, story.articles, vectors,
                   docs if any(d is not None for d in docs) else None)
    cover = _safe("coverage", coverage.outlet_coverage, story, groups, found_quotes, vectors)
    return dataclasses.replace(
        story,
        entities=tuple(ents or ()),
        quotes=tuple(found_quotes or ()),
        figures=tuple(groups or ()),
        timeline=tuple(events or ()),
        coverage=tuple(cover or ()),
    )
