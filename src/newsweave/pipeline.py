"""The whole run: ingest, clean, split, dedupe, group into stories, summarize, facts, store.

This module only wires the stages together; each stage lives in its own module and does no
I/O of its own. :func:`weave_result` is the one call behind ``newsweave weave``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from newsweave.config import Config
from newsweave.errors import NewsweaveError
from newsweave.model import Article, Skipped, Story, WeaveResult
from newsweave.stories import (  # re-exported: scripts import them from here
    CLUSTER_KEY,
    Progress,
    build_stories,
    build_story,
    fold_stored_copies,
    group_into_stories,
    headline_for,
    incremental_story,
    load_cluster_state,
    plan_stories,
    prepare_articles,
    save_cluster_state,
    stories_with_folded_copies,
    story_id_for,
)


def check_config(config: Config) -> None:
    """Settings that only the stages know, checked before any work (the CLI and the library
    alike): the summarizer must be a registered name. Raises ConfigError."""
    from newsweave.errors import ConfigError
    from newsweave.summarize import SUMMARIZERS

    if config.summarize.method not in SUMMARIZERS:
        raise ConfigError(
            f"unknown summarizer {config.summarize.method!r} ('summarize.method', --method); "
            f"choose one of {', '.join(sorted(SUMMARIZERS))}",
            stage="config",
        )


def weave_articles(
    articles: Sequence[Article],
    config: Config | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
) -> WeaveResult:
    """Run every stage after ingest over already loaded articles.

    ``progress(stage, done, total)`` is told when each stage ends ("clean", "cluster": the
    number of stories planned) and after each story of "summarize".
    """
    config = config or Config()
    check_config(config)
    skipped = list(skipped or [])
    prepared = prepare_articles(articles, config, skipped)
    if progress:
        progress("clean", len(prepared), len(prepared))
    if config.cluster.dedupe:
        from newsweave.dedupe import dedupe

        prepared = dedupe(prepared)
    # with a store, clustering is incremental: new articles join the stored stories
    store = state = None
    if config.store.path:
        from newsweave.store import Store

        store = Store(config.store.path)
    try:
        folded: list[Article] = []
        if store is not None and config.cluster.dedupe:
            # a copy of an article stored by an earlier run folds into it (issue 20)
            prepared, folded = fold_stored_copies(prepared, store)
        if store is not None and not config.one_story and config.cluster.mode != "never":
            state = load_cluster_state(store)
        planned, changed = plan_stories(prepared, config, state, store)
        if progress:
            progress("cluster", len(planned), len(planned))
        stories = build_stories(
            planned, changed, config, skipped, progress, store, state, {a.id: a for a in folded}
        )
        if store is not None:
            stories += stories_with_folded_copies(stories, folded, store, config, skipped)
        result = WeaveResult(stories=stories, skipped=skipped)
        if store is not None:
            from newsweave.dedupe import signature_rows

            with store.transaction():  # one transaction: the run, duplicates and clustering state
                store.save_result(result)
                store.save_duplicates([*(a for s in stories for a in s.articles), *folded])
                woven = {a.id for s in stories for a in s.articles}
                store.save_signatures(signature_rows([a for a in prepared if a.id in woven]))
                if state is not None:
                    keys = {k[len(CLUSTER_KEY) :] for k in changed if k.startswith(CLUSTER_KEY)}
                    save_cluster_state(store, state, keys)
    finally:
        if store is not None:
            store.close()
    return result


def weave_result(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    stdin_text: str | None = None,
    progress: Progress | None = None,
) -> WeaveResult:
    """Ingest ``paths`` (files, directories; "-" for stdin) and weave them into stories.

    With ``config.dask.workers`` or ``config.dask.scheduler`` set, the run goes to a Dask
    cluster (:mod:`newsweave.distributed`); otherwise everything runs in this process.
    """
    from newsweave.ingest import load_articles

    config = config or Config()
    check_config(config)
    if config.dask.workers or config.dask.scheduler:
        from newsweave.distributed import weave_result_distributed

        return weave_result_distributed(paths, config, stdin_text=stdin_text, progress=progress)
    articles, skipped = load_articles(
        list(paths), config.ingest, on_error=config.on_error, stdin_text=stdin_text
    )
    if progress:
        progress("read", len(articles), len(articles))
    return weave_articles(articles, config, skipped, progress)


def weave(paths: Iterable[str | Path], config: Config | None = None, **overrides) -> list[Story]:
    """Weave the articles found at ``paths`` into stories and return them.

    ``overrides`` are config keys, dotted for stage settings
    (``weave(["news/"], one_story=True, **{"summarize.words": 100})``). Skipped inputs are
    available through :func:`weave_result`.
    """
    if overrides:
        from newsweave.config import load_config

        if config is not None:
            raise NewsweaveError("pass either a config or overrides, not both", stage="weave")
        config = load_config(None, **overrides)
    return weave_result(paths, config).stories


__all__ = [
    "CLUSTER_KEY",
    "build_story",
    "check_config",
    "group_into_stories",
    "headline_for",
    "incremental_story",
    "plan_stories",
    "prepare_articles",
    "story_id_for",
    "weave",
    "weave_articles",
    "weave_result",
]
