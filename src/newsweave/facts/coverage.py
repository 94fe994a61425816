"""Outlet coverage: for each outlet of a story, the key facts only it reports.

Key facts of an article are its summary-worthy sentences (those the story summary cites, the
lead sentences), the sentences carrying a figure, and its quotes. A sentence is "reported by
another outlet" when some sentence of another outlet's article is close to it in meaning
(cosine of all-MiniLM-L6-v2 embeddings >= :data:`SAME_FACT_COSINE`); a figure when another
outlet's figure is in its group (the same fact, :func:`newsweave.facts.figures.group_figures`),
and a figure fact names only the figures no other outlet gives ("label: figure - sentence"); a
quote when another outlet
carries it (same quote group, or a close sentence). A sentence a folded copy of another outlet
printed too (a reprint of the wire: :meth:`newsweave.model.Story.carriers`, which leaves out
a copy that cut or rewrote it) is reported by that outlet as well. Stories with a single
outlet get no coverage rows (everything would be exclusive).
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
from newsweave.nlp import dateline_end

# Thresholds below are hand-set, not calibrated: there is no coverage benchmark yet. Re-check
# by reading the "Only in one outlet" sections of `newsweave weave examples` and of the seed
# cluster (`pytest -m slow tests/test_facts.py -k coverage` runs the real encoder on it).
# Cosine (all-MiniLM-L6-v2) at or above which another outlet's sentence states the same fact.
SAME_FACT_COSINE = 0.72
# The first sentences of an article always count as key facts (news leads carry the story).
LEAD_SENTENCES = 3
# Facts listed per outlet (a display cap).
MAX_FACTS_PER_OUTLET = 12
# Shorter sentences (without a figure) are not key facts (captions, fragments; a wire's
# dateline does not count as words).
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


def carrier_outlets(story: Story, ref: SentenceRef) -> set[str]:
    """The outlets (:func:`outlet_label`) of every article and folded copy of ``story`` that
    printed the sentence ``ref`` points at (:meth:`Story.carriers`)."""
    return {outlet_label(d.as_article()) for d in story.carriers(ref)}


# Which sentences of other outlets are embedded (issue 22). A key sentence is compared first
# with the other outlets' sentences that have a vector anyway (key sentences, figure and
# timeline sentences, the summarizer's candidates); only a key sentence still unmatched is
# compared with the rest, and of those only the sentences sharing enough content words with it
# (Dice >= PREFILTER_DICE) are embedded: pairs sharing fewer words practically never reach
# SAME_FACT_COSINE. Chosen by bench/coverage_prefilter.py --target 0.995 on 250 MDS dev articles
# (81 stories): at 0.15, 1 of 496 cross-outlet matches lost in-sample (out-of-fold over two
# story folds: 5 of 496) for 62% fewer extra sentences embedded (bench/RESULTS.md, issue 22);
# re-run it if SAME_FACT_COSINE or the key sentences change. None embeds every sentence.
PREFILTER_DICE: float | None = 0.15


def _plan(
    story: Story, groups: Sequence[FigureGroup], quotes: Sequence[Quote]
) -> tuple[
    dict[str, str],
    list[tuple[str, int, str]],
    list[tuple[str, CoverageFact]],
    dict[tuple[str, int], list[Figure]],
]:
    """``(outlet of each article, candidate key sentences, exclusive quote facts, figures by
    sentence)`` of a story with at least two outlets."""
    outlet_of = {a.id: outlet_label(a) for a in story.articles}
    cited: set[tuple[str, int]] = set()
    if story.summary is not None:
        for summary_sentence in story.summary.sentences:
            for c in summary_sentence.citations:
                cited.add((c.article_id, c.sentence_index))
    figures_by_sentence: dict[tuple[str, int], list[Figure]] = {}
    for f in (m for g in groups for m in g.members):
        figures_by_sentence.setdefault((f.ref.article_id, f.ref.sentence_index), []).append(f)

    # candidate key sentences per article
    candidates: list[tuple[str, int, str]] = []  # (article_id, sentence_index, kind)
    for a in story.articles:
        for s in a.sentences[:MAX_SENTENCES]:
            key = (a.id, s.index)
            # a wire's dateline is no words ("OSTVIK, May 2 (Baltic Wire Service) -")
            words = len(s.text[dateline_end(a.text, s.start) - s.start :].split())
            if words < MIN_SENTENCE_WORDS and key not in figures_by_sentence:
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
        # every outlet that printed it: its articles' and the folded copies printing it
        owners = {
            o for r in q.refs() if r.article_id in outlet_of for o in carrier_outlets(story, r)
        }
        if len(owners) != 1:
            continue
        label = f"{q.speaker}: \u201c{q.text}\u201d" if q.speaker else f"\u201c{q.text}\u201d"
        quote_facts.append(
            (
                next(iter(owners)),
                CoverageFact(
                    kind="quote", text=label, ref=SentenceRef(aids[0], q.ref.sentence_index)
                ),
            )
        )
    return outlet_of, candidates, quote_facts, figures_by_sentence


def key_sentences(
    story: Story, groups: Sequence[FigureGroup] = (), quotes: Sequence[Quote] = ()
) -> list[tuple[str, int]]:
    """``(article_id, sentence_index)`` of every sentence :func:`outlet_coverage` asks "is it
    reported elsewhere?" about (none when the story has fewer than two outlets)."""
    if len({outlet_label(a) for a in story.articles}) < 2:
        return []
    _, candidates, quote_facts, _ = _plan(story, groups, quotes)
    keys = [(aid, si) for aid, si, _ in candidates]
    keys += [(f.ref.article_id, f.ref.sentence_index) for _, f in quote_facts]
    return list(dict.fromkeys(keys))


def reported_elsewhere(
    story: Story,
    keys: Sequence[tuple[str, int]],
    embeddings: dict[tuple[str, int], np.ndarray] | None = None,
    min_dice: float | None = PREFILTER_DICE,
) -> set[tuple[str, int]]:
    """Those of ``keys`` (``(article_id, sentence_index)``) that some sentence of another
    outlet states too (cosine >= :data:`SAME_FACT_COSINE`).

    ``embeddings`` holds vectors already computed (it is filled with the ones embedded here,
    in at most two batched calls: the keys, then the pre-filtered sentences of other outlets,
    see :data:`PREFILTER_DICE`; ``min_dice=None`` compares with every sentence)."""
    from newsweave import nlp

    vectors = embeddings if embeddings is not None else {}
    outlet_of = {a.id: outlet_label(a) for a in story.articles}
    text_of = {(a.id, s.index): s.text for a in story.articles for s in a.sentences[:MAX_SENTENCES]}
    keys = [k for k in dict.fromkeys(keys) if k in text_of]
    # free vectors: the ones this process embedded already (the summarizer's candidates)
    free = nlp.cached_vectors(t for k, t in text_of.items() if k not in vectors)
    for k, t in text_of.items():
        if k not in vectors and t in free:
            vectors[k] = free[t]

    def embed(wanted: Sequence[tuple[str, int]]) -> None:
        wanted = [k for k in dict.fromkeys(wanted) if k not in vectors]
        if wanted:
            for k, v in zip(wanted, nlp.embed([text_of[k] for k in wanted]), strict=True):
                vectors[k] = v

    embed(keys)
    found: set[tuple[str, int]] = set()

    def compare(pending: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
        by_outlet: dict[str, list[tuple[str, int]]] = {}
        for k in text_of:
            if k in vectors:
                by_outlet.setdefault(outlet_of[k[0]], []).append(k)
        mats = {o: np.stack([vectors[k] for k in ks]) for o, ks in by_outlet.items()}
        left = []
        for k in pending:
            own = outlet_of[k[0]]
            v = vectors[k]
            if any(o != own and float(np.max(m @ v)) >= SAME_FACT_COSINE for o, m in mats.items()):
                found.add(k)
            else:
                left.append(k)
        return left

    left = compare(keys)
    if not left:
        return found
    rest = [k for k in text_of if k not in vectors]
    if min_dice is not None:
        bag = {k: nlp.content_words(text_of[k]) for k in [*left, *rest]}
        rest = [
            k
            for k in rest
            if any(
                outlet_of[u[0]] != outlet_of[k[0]] and nlp.dice(bag[u], bag[k]) >= min_dice
                for u in left
            )
        ]
    else:
        rest = [k for k in rest if any(outlet_of[u[0]] != outlet_of[k[0]] for u in left)]
    if rest:
        embed(rest)
        compare(left)
    return found


def outlet_coverage(
    story: Story,
    groups: Sequence[FigureGroup] = (),
    quotes: Sequence[Quote] = (),
    embeddings: dict[tuple[str, int], np.ndarray] | None = None,
    min_dice: float | None = PREFILTER_DICE,
) -> list[Coverage]:
    """Per outlet, the key facts of its articles that no other outlet of ``story`` reports.

    ``embeddings`` maps ``(article_id, sentence_index)`` to unit vectors computed already;
    the sentences the comparison needs beyond them are embedded here (batched;
    :func:`reported_elsewhere`, which ``min_dice`` is passed to).
    """
    outlets: dict[str, list[Article]] = {}
    for a in story.articles:
        outlets.setdefault(outlet_label(a), []).append(a)
    if len(outlets) < 2:
        return []
    outlet_of, candidates, quote_facts, figures_by_sentence = _plan(story, groups, quotes)
    keys = [(aid, si) for aid, si, _ in candidates]
    keys += [(f.ref.article_id, f.ref.sentence_index) for _, f in quote_facts]
    # a sentence a folded copy of another outlet printed too is reported there
    reprinted = {
        k for k in keys if carrier_outlets(story, SentenceRef(*k)) - {outlet_of.get(k[0], "")}
    }
    elsewhere = reprinted | reported_elsewhere(
        story, [k for k in keys if k not in reprinted], dict(embeddings or {}), min_dice
    )

    def reported(aid: str, si: int) -> bool:
        return (aid, si) in elsewhere

    # a figure is reported elsewhere when its group (same measure, agreeing value) has a
    # member from another outlet
    group_outlets: dict[tuple[str, int], set[str]] = {}
    group_label: dict[tuple[str, int], str] = {}
    for g in groups:
        owners = {
            o
            for m in g.members
            for o in (carrier_outlets(story, m.ref) or {outlet_of.get(m.ref.article_id, "")})
        }
        for m in g.members:
            group_outlets[(m.ref.article_id, m.ref.start)] = owners
            group_label[(m.ref.article_id, m.ref.start)] = g.label or g.measure

    def figure_elsewhere(f: Figure) -> bool:
        return len(group_outlets.get((f.ref.article_id, f.ref.start), set())) > 1

    sentence_text = {(a.id, s.index): s.text for a in story.articles for s in a.sentences}
    per_outlet: dict[str, list[CoverageFact]] = {o: [] for o in outlets}
    for outlet, fact in quote_facts:
        if reported(fact.ref.article_id, fact.ref.sentence_index):
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
            if reported(aid, si):
                continue
            # name the figures only this outlet gives: the sentence may also carry figures
            # that other outlets report (those are not "only in one outlet")
            named = "; ".join(
                f"{group_label.get((f.ref.article_id, f.ref.start)) or f.measure}: {f.text}"
                for f in own
            )
            text = f"{named} \u2014 {text}"
        elif reported(aid, si):
            continue
        per_outlet[outlet_of[aid]].append(
            CoverageFact(kind=kind, text=text, ref=SentenceRef(aid, si))
        )
    order = {"quote": 0, "figure": 1, "sentence": 2}
    out = []
    for outlet, arts in outlets.items():
        facts = sorted(
            per_outlet[outlet],
            key=lambda f: (order.get(f.kind, 3), f.ref.article_id, f.ref.sentence_index),
        )
        out.append(
            Coverage(
                outlet=outlet,
                article_ids=tuple(a.id for a in arts),
                facts=tuple(facts[:MAX_FACTS_PER_OUTLET]),
            )
        )
    return out
