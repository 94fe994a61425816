"""What every summarizer shares: the cluster view, the word budget and the citations.

A summarizer is a function ``select(view, words) -> list[Pick]`` over a :class:`ClusterView`
(the story's articles with their sentences, embeddings computed lazily in one batched call);
:func:`build_summary` turns the picks into a :class:`~newsweave.model.Summary` whose sentences
are verbatim article sentences, each citing its own sentence first and then one sentence of
every other article that states the same thing (embedding cosine at least
:data:`SUPPORT_THRESHOLD`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsweave.model import Article, Citation, Ignored, Sentence, Summary, SummarySentence

# Two sentences of different articles "state the same thing" when the cosine of their
# all-MiniLM-L6-v2 embeddings reaches this value. Calibrated on Multi-News dev pairs by
# bench/calibrate_summary_support.py (see its docstring and bench/RESULTS.md).
SUPPORT_THRESHOLD = 0.80
# Only the first sentences of a very long article are considered (embedding cost is linear in
# sentences; news leads carry the story). Citations can point only at considered sentences.
MAX_SENTENCES_PER_ARTICLE = 40
# Sentences longer than this many characters are not usable summary sentences (run-on text,
# lists glued together by the splitter).
MAX_SENTENCE_CHARS = 600


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Pick:
    """A chosen sentence: ``view.articles[article].sentences[sentence]``."""

    article: int
    sentence: int


@dataclass
class ClusterView:
    """The articles of one story as flat sentence lists, with lazily computed embeddings."""

    articles: list[Article]
    ignored: list[Ignored] = field(default_factory=list)
    # flat index -> (article position, sentence position)
    where: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    _vectors: np.ndarray | None = None

    @classmethod
    def of(cls, articles: Sequence[Article]) -> ClusterView:
        view = cls(list(articles))
        for ai, a in enumerate(view.articles):
            for si, s in enumerate(a.sentences[:MAX_SENTENCES_PER_ARTICLE]):
                view.where.append((ai, si))
                view.sentences.append(s)
        return view

    def flat(self, article: int, sentence: int) -> int:
        return self.offsets[article] + sentence

    @property
    def offsets(self) -> list[int]:
        out, n = [], 0
        for a in self.articles:
            out.append(n)
            n += min(len(a.sentences), MAX_SENTENCES_PER_ARTICLE)
        return out

    @property
    def vectors(self) -> np.ndarray:
        """L2-normalised embeddings of :attr:`sentences` (one batched encoder call)."""
        if self._vectors is None:
            from newsweave import nlp

            self._vectors = nlp.embed([s.text for s in self.sentences])
        return self._vectors

    def ignored_ids(self) -> set[str]:
        return {i.article_id for i in self.ignored}


def fill_budget(order: Sequence[Pick], view: ClusterView, words: int) -> list[Pick]:
    """Take picks in ``order`` while they fit in ``words`` (a pick that does not fit is
    skipped and the next tried); the total never crosses the budget."""
    out: list[Pick] = []
    used = 0
    seen: set[str] = set()
    for p in order:
        text = view.articles[p.article].sentences[p.sentence].text
        n = word_count(text)
        key = " ".join(text.lower().split())
        if n == 0 or key in seen or used + n > words:
            continue
        seen.add(key)
        out.append(p)
        used += n
        if words - used < 3:
            break
    return out


_WS = re.compile(r"\s+")


def supporting_citations(view: ClusterView, pick: Pick) -> list[Citation]:
    """One citation per other article whose best-matching sentence reaches
    :data:`SUPPORT_THRESHOLD`; ignored (off-topic) articles never support."""
    if len(view.articles) < 2:
        return []
    vecs = view.vectors
    me = view.flat(pick.article, pick.sentence)
    sims = vecs @ vecs[me]
    skip = view.ignored_ids()
    own = view.articles[pick.article]
    out: list[Citation] = []
    offsets = view.offsets
    for ai, a in enumerate(view.articles):
        if ai == pick.article or a.id in skip or a.id == own.id:
            continue
        n = min(len(a.sentences), MAX_SENTENCES_PER_ARTICLE)
        if n == 0:
            continue
        row = sims[offsets[ai] : offsets[ai] + n]
        j = int(np.argmax(row))
        if float(row[j]) >= SUPPORT_THRESHOLD:
            s = a.sentences[j]
            out.append(Citation(a.id, s.index, s.start, s.end))
    return out


def build_summary(
    view: ClusterView, picks: Sequence[Pick], method: str, cite_support: bool = True
) -> Summary:
    """Turn picks (already in reading order) into a cited :class:`Summary`."""
    sentences = []
    for p in picks:
        a = view.articles[p.article]
        s = a.sentences[p.sentence]
        cites = [Citation(a.id, s.index, s.start, s.end)]
        if cite_support:
            cites += supporting_citations(view, p)
        sentences.append(SummarySentence(s.text, tuple(cites)))
    return Summary(tuple(sentences), method=method, ignored=tuple(view.ignored))


def story_order(picks: Sequence[Pick], view: ClusterView) -> list[Pick]:
    """Reading order: by relative position in the source article (leads first), then by
    article order; sentences of one article keep their order."""

    def key(p: Pick) -> tuple[float, int, int]:
        n = max(1, min(len(view.articles[p.article].sentences), MAX_SENTENCES_PER_ARTICLE))
        return (p.sentence / n, p.article, p.sentence)

    return sorted(picks, key=key)
