"""Outlet coverage: for each outlet of a story, the key facts only it reports.

Key facts of an article are its summary-worthy sentences (those the story summary cites, the
lead sentences), the sentences carrying a figure, and its quotes. A sentence is "reported by
another outlet" when some sentence of another outlet's article is close to it in meaning
(cosine of all-MiniLM-L6-v2 embeddings >= :data:`SAME_FACT_COSINE`); a figure when another
outlet's figure is in its group (the same fact, :func:`newsweave.facts.figures.group_figures`),
and a figure fact names only the figures no other outlet gives ("label: figure - sentence"); a
quote when another outlet
carries it (same quote group, or a close sentence). Stories with a single outlet get no
coverage rows (everything would be exclusive).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from newsweave.model import (
    Article,
    Coverage,
    CoverageFact,
    Figure,
    FigureGroup,
    Quote,
    SentenceRef,
    Story,
)
from newsweave.nlp import EMBEDDING_DIM

# Thresholds below are hand-set, not calibrated: there is no coverage benchmark yet. Re-check
# by reading the "Only in one outlet" sections of `newsweave weave examples` and of the seed
# cluster (`pytest -m slow tests/test_facts.py -k coverage` runs the real encoder on it).
# Cosine (all-MiniLM-L6-v2) at or above which another outlet's sentence states the same fact.
SAME_FACT_COSINE = 0.72
# The first sentences of an article always count as key facts (news leads carry the story).
LEAD_SENTENCES = 3
# Facts listed per outlet (a display cap).
MAX_FACTS_PER_OUTLET = 12
# Shorter sentences (without a figure) are not key facts (datelines, captions, fragments).
MIN_SENTENCE_WORDS = 6
# Only the first sentences of each article are compared (bounds the embedding cost of huge
# articles such as tables of thousands of lines).
MAX_SENTENCES = 200


def outlet_label(article: Article) -> str:
    """The outlet of an article: its outlet name, else the web domain, else the file name."""
    if article.outlet:
        return article.outlet
    if article.url:
        from urllib.parse import urlparse

        host = urlparse(article.url).netloc
        if host:
            return host.removeprefix("www.")
    src = article.source or article.id
    base = os.path.basename(src.split("#")[0].rstrip("/")) or src
    if "#" in src:
        base += "#" + src.split("#", 1)[1]
    return base


def outlet_coverage(
    story: Story,
    groups: Sequence[FigureGroup] = (),
    quotes: Sequence[Quote] = (),
    embeddings: dict[tuple[str, int], np.ndarray] | None = None,
) -> list[Coverage]:
    """Per outlet, the key facts of its articles that no other outlet of ``story`` reports.

    ``embeddings`` maps ``(article_id, sentence_index)`` to a unit vector for (at least) every
    sentence considered; missing ones are embedded here in one batch.
    """
    outlets: dict[str, list[Article]] = {}
    for a in story.articles:
        outlets.setdefault(outlet_label(a), []).append(a)
    if len(outlets) < 2:
        return []
    outlet_of = {a.id: outlet_label(a) for a in story.articles}
    cited: set[tuple[str, int]] = set()
    if story.summary is not None:
        for summary_sentence in story.summary.sentences:
            for c in summary_sentence.citations:
                cited.add((c.article_id, c.sentence_index))
    figures_by_sentence: dict[tuple[str, int], list[Figure]] = {}
    all_figures: list[Figure] = [m for g in groups for m in g.members]
    for f in all_figures:
        figures_by_sentence.setdefault((f.ref.article_id, f.ref.sentence_index), []).append(f)

    # candidate key sentences per article
    candidates: list[tuple[str, int, str]] = []  # (article_id, sentence_index, kind)
    for a in story.articles:
        for s in a.sentences[:MAX_SENTENCES]:
            key = (a.id, s.index)
            if len(s.text.split()) < MIN_SENTENCE_WORDS and key not in figures_by_sentence:
                continue
            if key in figures_by_sentence:
                candidates.append((a.id, s.index, "figure"))
            elif key in cited or s.index < LEAD_SENTENCES:
                candidates.append((a.id, s.index, "sentence"))

    # quotes: exclusive when all their sources are one outlet's articles
    quote_facts: list[tuple[str, CoverageFact]] = []
    for q in quotes:
        aids = [x for x in dict.fromkeys(r.article_id for r in q.refs()) if x in outlet_of]
        if not aids:
            continue
        owners = {outlet_of[x] for x in aids}
        if len(owners) != 1:
            continue
        label = f"{q.speaker}: \u201c{q.text}\u201d" if q.speaker else f"\u201c{q.text}\u201d"
        quote_facts.append((next(iter(owners)), CoverageFact(
            kind="quote", text=label, ref=SentenceRef(aids[0], q.ref.sentence_index))))

    # embeddings of every sentence (the candidates are compared with all other outlets' text)
    vectors = dict(embeddings or {})
    missing = [(a.id, s.index, s.text) for a in story.articles
               for s in a.sentences[:MAX_SENTENCES] if (a.id, s.index) not in vectors]
    if missing:
        from newsweave import nlp

        vecs = nlp.embed([t for _, _, t in missing])
        for (aid, si, _), v in zip(missing, vecs, strict=True):
            vectors[(aid, si)] = v
    keys_by_outlet: dict[str, list[tuple[str, int]]] = {}
    for a in story.articles:
        keys_by_outlet.setdefault(outlet_of[a.id], []).extend(
            (a.id, s.index) for s in a.sentences[:MAX_SENTENCES] if (a.id, s.index) in vectors
        )
    empty = np.zeros((0, EMBEDDING_DIM), np.float32)
    mats = {o: np.stack([vectors[k] for k in ks]) if ks else empty
            for o, ks in keys_by_outlet.items()}

    def reported_elsewhere(aid: str, si: int) -> bool:
        own = outlet_of[aid]
        v = vectors.get((aid, si))
        if v is None:
            return False
        for o, m in mats.items():
            if o == own or not len(m):
                continue
            if float(np.max(m @ v)) >= SAME_FACT_COSINE:
                return True
        return False

    # a figure is reported elsewhere when its group (same measure, agreeing value) has a
    # member from another outlet
    group_outlets: dict[tuple[str, int], set[str]] = {}
    group_label: dict[tuple[str, int], str] = {}
    for g in groups:
        owners = {outlet_of.get(m.ref.article_id, "") for m in g.members}
        for m in g.members:
            group_outlets[(m.ref.article_id, m.ref.start)] = owners
            group_label[(m.ref.article_id, m.ref.start)] = g.label or g.measure

    def figure_elsewhere(f: Figure) -> bool:
        return len(group_outlets.get((f.ref.article_id, f.ref.start), set())) > 1

    sentence_text = {(a.id, s.index): s.text for a in story.articles for s in a.sentences}
    per_outlet: dict[str, list[CoverageFact]] = {o: [] for o in outlets}
    for outlet, fact in quote_facts:
        if reported_elsewhere(fact.ref.article_id, fact.ref.sentence_index):
            continue
        per_outlet[outlet].append(fact)
    quoted = {(f.ref.article_id, f.ref.sentence_index) for _, f in quote_facts}
    for aid, si, kind in candidates:
        if (aid, si) in quoted:
            continue
        text = " ".join(sentence_text[(aid, si)].split())
        if kind == "figure":
            figs = figures_by_sentence[(aid, si)]
            own = [f for f in figs if not figure_elsewhere(f)]
            if not own:
                continue
            if reported_elsewhere(aid, si):
                continue
            # name the figures only this outlet gives: the sentence may also carry figures
            # that other outlets report (those are not "only in one outlet")
            named = "; ".join(
                f"{group_label.get((f.ref.article_id, f.ref.start)) or f.measure}: {f.text}"
                for f in own
            )
            text = f"{named} \u2014 {text}"
        elif reported_elsewhere(aid, si):
            continue
        per_outlet[outlet_of[aid]].append(
            CoverageFact(kind=kind, text=text, ref=SentenceRef(aid, si))
        )
    order = {"quote": 0, "figure": 1, "sentence": 2}
    out = []
    for outlet, arts in outlets.items():
        facts = sorted(per_outlet[outlet], key=lambda f: (order.get(f.kind, 3), f.ref.article_id,
                                                          f.ref.sentence_index))
        out.append(Coverage(
            outlet=outlet, article_ids=tuple(a.id for a in arts),
            facts=tuple(facts[:MAX_FACTS_PER_OUTLET]),
        ))
    return out
