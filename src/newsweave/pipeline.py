"""The whole run: ingest, clean, split, dedupe, group into stories, summarize, facts, store.

This module only wires the stages together; each stage lives in its own module and does no
I/O of its own. :func:`weave_result` is the one call behind ``newsweave weave``.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newsweave.config import Config
from newsweave.errors import NewsweaveError
from newsweave.model import Article, Skipped, Story, WeaveResult

Progress = Callable[[str, int, int], None]


def story_id_for(key: str) -> str:
    """A stable story id derived from what defines the story (a group key or member ids)."""
    return "s" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:11]


def headline_for(articles: Sequence[Article]) -> str:
    """The story's headline: the most common-sense title among its articles.

    Prefers the shortest title of reasonable length among the articles (outlets' titles for
    one story are variants of one another); falls back to the first sentence of the first
    article, cut at 120 characters.
    """
    titles = [a.title.strip() for a in articles if a.title and 15 <= len(a.title.strip()) <= 200]
    if titles:
        return min(titles, key=lambda t: (len(t), t))
    for a in articles:
        if a.sentences:
            first = a.sentences[0].text
            return first if len(first) <= 120 else first[:117].rstrip() + "..."
    return "(untitled story)"


def group_into_stories(articles: Sequence[Article], config: Config) -> list[list[Article]]:
    """Split articles into story groups by what the input implies.

    With ``config.one_story`` everything is one story; otherwise articles are grouped by
    ``Article.group`` (a multi-document record or an input directory), in input order.
    """
    if config.one_story:
        return [list(articles)] if articles else []
    groups: OrderedDict[str, list[Article]] = OrderedDict()
    for a in articles:
        groups.setdefault(a.group or a.id, []).append(a)
    return list(groups.values())


CLUSTER_KEY = "cluster|"


def plan_stories(
    articles: Sequence[Article], config: Config, state=None
) -> tuple[list[tuple[str | None, list[Article]]], set[str]]:
    """Decide the stories of a run: ``(key, members)`` per story, and the changed keys.

    ``--one-story`` puts everything in one story. Otherwise ``config.cluster.mode`` decides:
    "auto" keeps the groups the input implies (multi-document records, directories) and
    clusters the articles that came without a group; "always" clusters every article;
    "never" makes each ungrouped article its own story. Clustered stories get the key
    ``"cluster|<id of the article that opened the story>"`` (stable across incremental runs);
    ``state`` (a :class:`newsweave.cluster.ClusterState`, e.g. loaded from the store) makes the
    clustering incremental. The returned set holds the keys of stories that changed (input
    groups always count as changed).
    """
    if config.one_story:
        if not articles:
            return [], set()
        key = "one-story|" + "|".join(sorted(a.id for a in articles))
        return [(key, list(articles))], {key}
    mode = config.cluster.mode
    to_cluster = [] if mode == "never" else [
        a for a in articles if mode == "always" or not a.group
    ]
    ids = {a.id for a in to_cluster}
    rest = [a for a in articles if a.id not in ids]
    planned: list[tuple[str | None, list[Article]]] = [
        (g[0].group or None, g) for g in group_into_stories(rest, config)
    ]
    changed = {k for k, _ in planned if k}
    if to_cluster:
        from newsweave import cluster

        clustered, _state, keys = cluster.cluster_articles(
            to_cluster, state, use_entities=config.cluster.entities
        )
        for key, members in clustered:
            planned.append((CLUSTER_KEY + key, members))
        changed |= {CLUSTER_KEY + k for k in keys}
    return planned, changed


def build_story(members: Sequence[Article], config: Config, key: str | None = None) -> Story:
    """Make a :class:`Story` from its articles: id, headline and summary (facts come later)."""
    from newsweave.summarize import summarize

    key = key or "|".join(sorted(a.id for a in members))
    summary = summarize(list(members), config.summarize)
    return Story(
        id=story_id_for(key),
        headline=headline_for(members),
        articles=tuple(members),
        summary=summary,
    )


def prepare_articles(
    articles: Sequence[Article], config: Config, skipped: list[Skipped]
) -> list[Article]:
    """Clean articles and split them into sentences; articles left empty are skipped."""
    from newsweave import nlp
    from newsweave.clean import clean_article

    cleaned: list[Article] = []
    for a in articles:
        try:
            c = clean_article(a) if config.clean.enabled else a
        except NewsweaveError as exc:
            if config.on_error == "raise":
                raise
            skipped.append(Skipped(a.source, "clean", str(exc)))
            continue
        if len(c.text.strip()) < config.ingest.min_text_chars:
            skipped.append(
                Skipped(a.source, "clean", "no article text left after removing noise")
            )
            continue
        cleaned.append(c)
    # Sentence boundaries come from the parser alone: the tagger and attribute ruler (POS
    # tags, unused here) cost about a third of the parse and do not change them (issue 8:
    # same spans on the bench corpus, parse 23 -> 15.5 CPU s for 147 articles).
    model = nlp.get_nlp(False)
    unused = [p for p in ("tagger", "attribute_ruler") if p in model.pipe_names]
    docs = list(model.pipe([a.text for a in cleaned], batch_size=nlp.SPACY_BATCH,
                           disable=unused))
    return nlp.split_sentences(cleaned, docs)


def weave_articles(
    articles: Sequence[Article],
    config: Config | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
) -> WeaveResult:
    """Run every stage after ingest over already loaded articles."""
    config = config or Config()
    skipped = list(skipped or [])
    prepared = prepare_articles(articles, config, skipped)
    if config.cluster.dedupe:
        from newsweave.dedupe import dedupe

        prepared = dedupe(prepared)
    # with a store, clustering is incremental: new articles join the stored stories
    store = state = None
    if config.store.path:
        from newsweave.store import Store

        store = Store(config.store.path)
    try:
        if store is not None and not config.one_story and config.cluster.mode != "never":
            from newsweave import cluster

            state = cluster.load_state(store)
        planned, changed = plan_stories(prepared, config, state)
        stories = _build_stories(planned, changed, config, skipped, progress, store, state)
        result = WeaveResult(stories=stories, skipped=skipped)
        if store is not None:
            with store._tx():  # one transaction: the run, duplicates and clustering state
                store.save_result(result)
                store.save_duplicates(a for s in stories for a in s.articles)
                if state is not None:
                    from newsweave import cluster

                    keys = {k[len(CLUSTER_KEY) :] for k in changed if k.startswith(CLUSTER_KEY)}
                    cluster.save_state(store, state, keys)
    finally:
        if store is not None:
            store.close()
    return result


def incremental_story(
    store, state, key: str | None, members: Sequence[Article], changed: set[str]
) -> tuple[Story | None, list[Article]]:
    """In incremental mode, what a clustered story needs: ``(stored story or None, members)``.

    An unchanged clustered story comes back as stored (first item); a changed one gets its
    earlier members from the store prepended to this run's (second item). Without a store, or
    for a story that is not clustered, the members are returned as they are.
    """
    import dataclasses

    members = list(members)
    if store is None or not key or not key.startswith(CLUSTER_KEY):
        return None, members
    if key not in changed:
        try:
            return store.load_story(story_id_for(key)), members
        except (NewsweaveError, KeyError):
            pass
    here = {a.id for a in members}
    earlier = []
    for aid in state.stories[key[len(CLUSTER_KEY) :]].members:
        if aid in here:
            continue
        try:
            old = store.get_article(aid)
        except (NewsweaveError, KeyError):
            continue
        earlier.append(dataclasses.replace(old, duplicates=store.load_duplicates(aid)))
    return None, earlier + members


def _build_stories(planned, changed, config, skipped, progress, store, state) -> list[Story]:
    """Build (summarize, facts) the planned stories; in incremental mode a clustered story
    also gets its earlier members from the store, and an unchanged one is loaded as stored."""
    stories: list[Story] = []
    for i, (key, members) in enumerate(planned):
        if progress:
            progress("summarize", i, len(planned))
        stored, members = incremental_story(store, state, key, members, changed)
        if stored is not None:
            stories.append(stored)
            continue
        try:
            story = build_story(members, config, key)
            if config.facts:
                story = _extract_facts(story)
        except NewsweaveError as exc:
            if config.on_error == "raise":
                raise
            skipped.append(Skipped(key or members[0].source, "story", str(exc)))
            continue
        stories.append(story)
    if progress:
        progress("summarize", len(planned), len(planned))
    return stories


def _extract_facts(story: Story) -> Story:
    from newsweave.facts import extract_facts

    return extract_facts(story)


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
    if config.dask.workers or config.dask.scheduler:
        from newsweave.distributed import weave_result_distributed

        return weave_result_distributed(
            paths, config, stdin_text=stdin_text, progress=progress
        )
    articles, skipped = load_articles(
        list(paths), config.ingest, on_error=config.on_error, stdin_text=stdin_text
    )
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

