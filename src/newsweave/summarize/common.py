"""What every summarizer shares: the cluster view, the word budget and the citations.

A summarizer is a function ``select(view, words) -> list[Pick]`` over a :class:`ClusterView`
(the story's articles with their sentences, embeddings computed lazily in one batched call);
:func:`build_summary` turns the picks into a :class:`~newsweave.model.Summary` whose sentences
are verbatim article sentences, each citing its own sentence first and then one sentence of
every other article that states the same thing (embedding cosine at least
:data:`SUPPORT_THRESHOLD`; only sentences already embedded or sharing enough content words,
:data:`CITE_MIN_DICE`, are compared, so citations cost few extra encoder calls).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsweave.model import Article, Citation, Ignored, Sentence, Summary, SummarySentence
from newsweave.nlp import EMBEDDING_DIM, content_words, dice

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
# Supporting citations: a sentence of another article that the summarizer did not embed is
# embedded and compared with a summary sentence only when their content-word Dice reaches this
# (see _support_all). Chosen on the first 100 Multi-News dev clusters against comparing every
# sentence: 0.35 finds 104 of the 108 citations at 1.2 extra sentences embedded per cluster
# (0.25: 106 of 108 at 4.0 extra).
CITE_MIN_DICE = 0.35


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
    _some: dict[int, np.ndarray] = field(default_factory=dict)  # flat index -> vector
    _bags: list[frozenset[str]] | None = None
    bigram_cache: list[frozenset[tuple[str, str]]] | None = None  # filled by a selector

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
        """L2-normalised embeddings of all :attr:`sentences` (one batched encoder call).

        The ``newsweave`` summarizer does not need them all: it embeds only its candidate
        sentences through :meth:`vectors_of`. Benchmarks may set ``_vectors`` from a cache."""
        if self._vectors is None:
            self._vectors = self.vectors_of(range(len(self.sentences)))
        return self._vectors

    def vectors_of(self, flat: Iterable[int]) -> np.ndarray:
        """Embeddings of the flat sentences ``flat`` (rows in that order); the ones not yet
        embedded go to the encoder in one batched call and are kept for later calls."""
        flat = [int(k) for k in flat]
        if self._vectors is not None:
            return self._vectors[flat] if flat else np.zeros((0, EMBEDDING_DIM), np.float32)
        missing = list(dict.fromkeys(k for k in flat if k not in self._some))
        if missing:
            from newsweave import nlp

            for k, v in zip(
                missing, nlp.embed([self.sentences[k].text for k in missing]), strict=True
            ):
                self._some[k] = v
        if not flat:
            return np.zeros((0, EMBEDDING_DIM), np.float32)
        return np.stack([self._some[k] for k in flat])

    @property
    def bags(self) -> list[frozenset[str]]:
        """:func:`content_words` of every flat sentence (computed once)."""
        if self._bags is None:
            self._bags = [content_words(s.text) for s in self.sentences]
        return self._bags

    def is_embedded(self, k: int) -> bool:
        return self._vectors is not None or k in self._some

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
    return _support_all(view, [pick])[0]


def _support_all(view: ClusterView, picks: Sequence[Pick]) -> list[list[Citation]]:
    """Supporting citations of every pick, with one batched encoder call for all of them.

    A sentence of another article is compared with a pick when it is already embedded (the
    summarizer's candidates) or shares enough content words with it (Dice >=
    :data:`CITE_MIN_DICE`); sentences sharing fewer words practically never reach the cosine
    threshold, so they are not embedded just to be rejected."""
    out: list[list[Citation]] = [[] for _ in picks]
    if len(view.articles) < 2 or not picks:
        return out
    skip = view.ignored_ids()
    offsets = view.offsets
    bags = view.bags
    plan: list[list[tuple[int, list[int]]]] = []
    need: set[int] = set()
    for p in picks:
        me = view.flat(p.article, p.sentence)
        need.add(me)
        own = view.articles[p.article]
        rows = []
        for ai, a in enumerate(view.articles):
            if ai == p.article or a.id in skip or a.id == own.id:
                continue
            n = min(len(a.sentences), MAX_SENTENCES_PER_ARTICLE)
            ks = [
                k
                for k in range(offsets[ai], offsets[ai] + n)
                if view.is_embedded(k) or dice(bags[me], bags[k]) >= CITE_MIN_DICE
            ]
            if ks:
                rows.append((ai, ks))
                need.update(ks)
        plan.append(rows)
    order = sorted(need)
    vecs = dict(zip(order, view.vectors_of(order), strict=True))
    for i, (p, rows) in enumerate(zip(picks, plan, strict=True)):
        me = vecs[view.flat(p.article, p.sentence)]
        for ai, ks in rows:
            sims = np.stack([vecs[k] for k in ks]) @ me
            j = int(np.argmax(sims))
            if float(sims[j]) >= SUPPORT_THRESHOLD:
                s = view.articles[ai].sentences[ks[j] - offsets[ai]]
                out[i].append(Citation(view.articles[ai].id, s.index, s.start, s.end))
    return out


def build_summary(
    view: ClusterView, picks: Sequence[Pick], method: str, cite_support: bool = True
) -> Summary:
    """Turn picks (already in reading order) into a cited :class:`Summary`."""
    sentences = []
    support = _support_all(view, picks) if cite_support else [[] for _ in picks]
    for p, more in zip(picks, support, strict=True):
        a = view.articles[p.article]
        s = a.sentences[p.sentence]
        cites = [Citation(a.id, s.index, s.start, s.end), *more]
        sentences.append(SummarySentence(s.text, tuple(cites)))
    return Summary(tuple(sentences), method=method, ignored=tuple(view.ignored))


def story_order(picks: Sequence[Pick], view: ClusterView) -> list[Pick]:
    """Reading order: by relative position in the source article (leads first), then by
    article order; sentences of one article keep their order."""

    def key(p: Pick) -> tuple[float, int, int]:
        n = max(1, min(len(view.articles[p.article].sentences), MAX_SENTENCES_PER_ARTICLE))
        return (p.sentence / n, p.article, p.sentence)

    return sorted(picks, key=key)
