"""newsweave: make sense of one news story told by many outlets.

The library surface::

    import newsweave
    stories = newsweave.weave(["articles/"], one_story=True)
    for story in stories:
        print(story.headline)
        for s in story.summary.sentences:
            print(s.text, [c.article_id for c in s.citations])
"""

from newsweave._version import __version__
from newsweave.config import Config, load_config
from newsweave.errors import NewsweaveError
from newsweave.model import (
    Article,
    Citation,
    Coverage,
    Entity,
    Figure,
    FigureGroup,
    Quote,
    Sentence,
    Skipped,
    Story,
    Summary,
    SummarySentence,
    TimelineEvent,
    WeaveResult,
)
from newsweave.pipeline import weave, weave_articles, weave_result


def load_articles(paths, config=None, **kwargs):
    """Read articles from files, directories or "-" (stdin); returns (articles, skipped)."""
    from newsweave.ingest import load_articles as _load

    return _load(list(paths), (config or Config()).ingest, **kwargs)


__all__ = [
    "__version__",
    "Article",
    "Citation",
    "Config",
    "Coverage",
    "Entity",
    "Figure",
    "FigureGroup",
    "NewsweaveError",
    "Quote",
    "Sentence",
    "Skipped",
    "Story",
    "Summary",
    "SummarySentence",
    "TimelineEvent",
    "WeaveResult",
    "load_articles",
    "load_config",
    "weave",
    "weave_articles",
    "weave_result",
]
