"""Summarizers: cited extractive summaries of a story, by registered name.

``summarize(articles, cfg)`` runs ``SUMMARIZERS[cfg.method]`` over the story's articles
(cleaned and sentence-split) and returns a :class:`~newsweave.model.Summary`. Every summary
sentence is verbatim the text of its first citation's sentence; further citations name every
other article that states the same thing (see :mod:`newsweave.summarize.common`).

Registered methods:

- ``newsweave`` (default): embedding centrality, position, cross-outlet support, MMR,
  off-topic article detection, readable story order (:mod:`newsweave.summarize.embedding`);
- ``lead``, ``lexrank``, ``textrank``: the classic baselines (:mod:`newsweave.summarize.baselines`).

A summarizer is ``select(view, words) -> list[Pick]``; add one with :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsweave.config import SummarizeConfig
from newsweave.errors import ConfigError
from newsweave.model import Article, Summary
from newsweave.summarize import baselines, embedding
from newsweave.summarize.common import (
    SUPPORT_THRESHOLD,
    ClusterView,
    Pick,
    build_summary,
    word_count,
)

Selector = Callable[[ClusterView, int], list[Pick]]

SUMMARIZERS: dict[str, Selector] = {
    "newsweave": embedding.select,
    "lead": baselines.select_lead,
    "lexrank": baselines.select_lexrank,
    "textrank": baselines.select_textrank,
}


def register(name: str, select: Selector) -> None:
    """Register a summarizer under ``name`` (usable as ``[summarize] method = name``)."""
    SUMMARIZERS[name] = select


def summarize(
    articles: Sequence[Article], cfg: SummarizeConfig | None = None, *, cite_support: bool = True
) -> Summary:
    """Summarize one story's articles within ``cfg.words`` words with ``cfg.method``."""
    cfg = cfg or SummarizeConfig()
    try:
        select = SUMMARIZERS[cfg.method]
    except KeyError:
        raise ConfigError(
            f"unknown summarizer '{cfg.method}'; expected one of {sorted(SUMMARIZERS)}",
            stage="summarize",
        ) from None
    if cfg.words < 1:
        raise ConfigError(f"'summarize.words' must be positive, got {cfg.words}", stage="config")
    view = ClusterView.of(articles)
    if not view.sentences:
        return Summary((), method=cfg.method)
    picks = select(view, cfg.words)
    return build_summary(view, picks, cfg.method, cite_support=cite_support)


__all__ = [
    "SUMMARIZERS",
    "SUPPORT_THRESHOLD",
    "ClusterView",
    "Pick",
    "register",
    "summarize",
    "word_count",
]
