"""Facts across outlets: entities, quotes, figures, timeline and coverage of one story.

:func:`extract_facts` parses every article of a story once (spaCy, batched) and embeds its
sentences once (all-MiniLM-L6-v2, batched), then runs the extractors:

- :mod:`newsweave.facts.entities` - canonical entities with mentions per outlet;
- :mod:`newsweave.facts.quotes` - direct quotes with their speakers;
- :mod:`newsweave.facts.figures` - figures, grouped across outlets, disagreements flagged;
- :mod:`newsweave.facts.timeline` - dated events in order;
- :mod:`newsweave.facts.coverage` - what each outlet reports that no other does.

A failure in one extractor leaves that kind of fact empty instead of losing the story, and is
never silent: it is logged and recorded as a ``Skipped(story id, "facts", reason)`` in the
``skipped`` list the caller passes (the run reports it and the CLI exits with 3); with
``on_error="raise"`` it is raised as a :class:`~newsweave.errors.NewsweaveError`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.facts import coverage, entities, figures, quotes, timeline
from newsweave.model import Skipped, Story

STAGE = "facts"

log = logging.getLogger(__name__)

__all__ = ["extract_facts", "sentence_vectors"]


def sentence_vectors(
    story: Story,
    limit: int = coverage.MAX_SENTENCES,
    keys: Iterable[tuple[str, int]] | None = None,
) -> dict[tuple[str, int], Any]:
    """Unit vectors of the first ``limit`` sentences of every article (only those among
    ``keys``, ``(article_id, sentence_index)``, when given), in one batched call."""
    from newsweave import nlp

    wanted = set(keys) if keys is not None else None
    pairs = [
        ((a.id, s.index), s.text)
        for a in story.articles
        for s in a.sentences[:limit]
        if wanted is None or (a.id, s.index) in wanted
    ]
    if not pairs:
        return {}
    vecs = nlp.embed([t for _, t in pairs])
    return dict(zip((k for k, _ in pairs), vecs, strict=True))


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
        va = vectors.get((a.ref.article_id, a.ref.sentence_index))
        vb = vectors.get((b.ref.article_id, b.ref.sentence_index))
        return va is not None and vb is not None and float(va @ vb) >= PARAPHRASE_COS

    return similar


class _Guard:
    """Runs the extractors of one story; a failure is logged, recorded and left empty."""

    def __init__(self, story: Story, skipped: list[Skipped] | None, on_error: str):
        self.story = story
        self.skipped = skipped
        self.on_error = on_error

    def run(self, name: str, fn, *args, default=()):
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001 - one extractor failing must not lose the story
            reason = (
                f"{name} failed ({type(exc).__name__}: {exc}); this kind of fact is "
                "left empty for the story"
            )
            if self.on_error == "raise":
                if isinstance(exc, NewsweaveError):
                    raise
                raise NewsweaveError(reason, source=self.story.id, stage=STAGE) from exc
            log.warning("facts: story %s: %s", self.story.id, reason)
            if self.skipped is not None:
                self.skipped.append(Skipped(self.story.id, STAGE, reason))
            return default


def extract_facts(
    story: Story, skipped: list[Skipped] | None = None, *, on_error: str = "skip"
) -> Story:
    """Return ``story`` with entities, quotes, figures, timeline and coverage filled in.

    Args:
        story: a story with its articles (sentences split) and summary.
        skipped: where a failing extractor is recorded as ``Skipped(story.id, "facts", why)``
            (its kind of fact is left empty); when None the failure is only logged.
        on_error: ``"raise"`` raises the first failure as a
            :class:`~newsweave.errors.NewsweaveError` instead.
    """
    if not story.articles:
        return story
    from newsweave import nlp

    guard = _Guard(story, skipped, on_error)
    safe = guard.run
    # one batched parse for every extractor; without the model the extractors that can work
    # without a parse (figures, timeline) still run
    docs: Any = safe("parse", nlp.parse, [a.text for a in story.articles], default=None)
    if docs is None:
        docs = [None] * len(story.articles)
    ents: Any = safe("entities", entities.extract_entities, story, docs)
    found_quotes: Any = safe("quotes", quotes.extract_quotes, story, docs, ents)
    found_figures: Any = safe("figures", figures.extract_figures, story.articles, docs)
    dated: Any = safe(
        "timeline",
        timeline.dated_sentences,
        story.articles,
        docs if any(d is not None for d in docs) else None,
    )
    # Embed only the sentences a comparison across articles needs (issue 22), in one batch:
    # figure sentences (paraphrased claims), dated sentences (one event told twice) and
    # coverage's key sentences; coverage embeds the few others it needs itself.
    needed: list[tuple[str, int]] = []
    if len(story.articles) > 1:
        needed += [(f.ref.article_id, f.ref.sentence_index) for f in found_figures or ()]
        needed += [(a.id, si) for _, _, _, a, si, _ in dated or ()]
        # (figure sentences are key sentences too: they are in already)
        needed += coverage.key_sentences(story, (), found_quotes or ())
    vectors = safe(
        "embeddings", sentence_vectors, story, coverage.MAX_SENTENCES, needed, default={}
    )
    groups = safe(
        "figures",
        lambda: figures.group_figures(found_figures or [], similar=_paraphrase(vectors)),
    )
    if groups:
        cited = {
            (c.article_id, c.sentence_index)
            for sent in (story.summary.sentences if story.summary is not None else ())
            for c in sent.citations
        }
        outlet_of = {a.id: coverage.outlet_label(a) for a in story.articles}
        groups = safe("figures", figures.rank_figures, groups, outlet_of, cited, default=groups)
    events = safe(
        "timeline",
        timeline.extract_timeline,
        story.articles,
        vectors,
        docs if any(d is not None for d in docs) else None,
        dated,
    )
    cover = safe("coverage", coverage.outlet_coverage, story, groups, found_quotes, vectors)
    return dataclasses.replace(
        story,
        entities=tuple(ents or ()),
        quotes=tuple(found_quotes or ()),
        figures=tuple(groups or ()),
        timeline=tuple(events or ()),
        coverage=tuple(cover or ()),
    )
