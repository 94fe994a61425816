"""Shared fixtures for the newsweave tests.

Tests that need ``../shared/data`` (beside the repository) use the ``shared_data`` or
``seed_cluster`` fixtures, which skip cleanly when it is absent. Other developers may add
fixtures here with small edits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_cluster(shared_data: Path) -> Path:
    """The seed-cluster directory (four real, noisy articles on one story)."""
    path = shared_data / "seed-cluster"
    if not path.is_dir():
        pytest.skip("../shared/data/seed-cluster is absent")
    return path


@pytest.fixture(scope="session")
def multi_news_dev(shared_data: Path) -> Path:
    """``multi_news/dev.jsonl`` (multi-document jsonl, real article texts)."""
    path = shared_data / "multi_news" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("../shared/data/multi_news/dev.jsonl is absent")
    return path


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The bundled example corpus (``examples/``, one directory per story)."""
    return EXAMPLES


@pytest.fixture
def make_article():
    """Build an :class:`~newsweave.model.Article` from text with a content id."""
    from newsweave.ingest import article_id
    from newsweave.model import Article

    def make(text: str, title: str | None = None, **fields) -> Article:
        return Article(id=article_id(text, title), text=text, title=title, **fields)

    return make
