"""The classic extractive baselines, on our sentence splitter, under the same word budget.

- ``lead``: leading sentences taken round-robin over the articles (1st of each, 2nd of each...).
- ``lexrank`` / ``textrank``: sumy's LexRank (Erkan & Radev 2004) and TextRank (Mihalcea &
  Tarau 2004), fed our sentences (sumy's own splitter is never used), Porter-stemmed English
  words, sumy's English stop words. Their ranking is filled into the budget in rank order and
  shown in story order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.errors import ModelError
from newsweave.summarize.common import (
    MAX_SENTENCES_PER_ARTICLE,
    ClusterView,
    Pick,
    fill_budget,
    story_order,
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


class _WordTokenizer:
    """The word tokenizer sumy's Sentence asks for (no NLTK data needed)."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return _WORD.findall(text)

    def to_sentences(self, text: str) -> list[str]:  # pragma: no cover - never called
        return [text]


def select_lead(view: ClusterView, words: int) -> list[Pick]:
    order: list[Pick] = []
    longest = max((len(a.sentences) for a in view.articles), default=0)
    for si in range(min(longest, MAX_SENTENCES_PER_ARTICLE)):
        for ai, a in enumerate(view.articles):
            if si < len(a.sentences):
                order.append(Pick(ai, si))
    picks = fill_budget(order, view, words)
    # round-robin order is the reading order of Lead
    return picks


@lru_cache(maxsize=1)
def _sumy_parts():
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    return Stemmer("english"), frozenset(get_stop_words("english"))


def _sumy_rank(view: ClusterView, algorithm: str) -> list[Pick]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    stemmer, stop_words = _sumy_parts()
    tok = _WordTokenizer()
    sents, picks = [], []
    for flat, (ai, si) in enumerate(view.where):
        text = view.sentences[flat].text
        if not _WORD.search(text):
            continue
        sents.append(SumySentence(text, tok))
        picks.append(Pick(ai, si))
    if not sents:
        return []
    doc = ObjectDocumentModel([Paragraph(sents)])
    if algorithm == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    else:
        from sumy.summarizers.text_rank import TextRankSummarizer as cls
    summarizer = cls(stemmer)
    summarizer.stop_words = stop_words
    ratings = summarizer.rate_sentences(doc) if algorithm == "textrank" else None
    if ratings is None:
        ratings = _lexrank_ratings(summarizer, doc)
    ranked = sorted(range(len(sents)), key=lambda i: (-ratings[sents[i]], i))
    return [picks[i] for i in ranked]


def _lexrank_ratings(summarizer, doc) -> dict:
    """LexRank scores of every sentence of ``doc`` (sumy's algorithm, all sentences rated)."""
    ratings: dict = {}

    def keep(sentences, count, rating):  # sumy calls this with the full rating
        ratings.update(rating if isinstance(rating, dict) else {})
        return ()

    # sumy hands over the full rating only through this private hook
    summarizer._get_best_sentences = keep
    summarizer(doc, 1)
    if not ratings:  # fallback for sumy versions that pass a callable
        raise ModelError(
            "could not read LexRank ratings from sumy (its internals changed in this version); "
            "install the sumy version pinned in pyproject.toml or use another --method",
            stage="summarize",
        )
    return ratings


def select_lexrank(view: ClusterView, words: int) -> list[Pick]:
    return story_order(fill_budget(_sumy_rank(view, "lexrank"), view, words), view)


def select_textrank(view: ClusterView, words: int) -> list[Pick]:
    return story_order(fill_budget(_sumy_rank(view, "textrank"), view, words), view)
