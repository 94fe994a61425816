"""Stories: what the single-process pipeline and the Dask runner share.

A story's id and headline, the plan of a run's stories (input groups, clustering, incremental
state), and the per-story loop that builds each planned story (summary, then facts) with every
failure recorded as a :class:`~newsweave.model.Skipped`. :mod:`newsweave.pipeline` runs these in
one process; :mod:`newsweave.distributed` runs the same functions as Dask tasks.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from newsweave.config import Config
from newsweave.errors import NewsweaveError
from newsweave.model import Article, Skipped, Story

if TYPE_CHECKING:
    from newsweave.cluster import ClusterState
    from newsweave.store import Store

Progress = Callable[[str, int, int], None]


# Story keys (what a story id derives from):
#   "articles|<sorted content ids of its articles>" for a story the input grouped
#       (a sub-folder, a multi-document record, a ``story`` key, --one-story) or an unclustered
#       article: two different sets of articles never share an id, in one run or across runs;
#   "cluster|<content id of the article that opened it>" for a clustered story: stable while
#       the story gains articles in later incremental runs;
#   "id|<story id>" for a story that keeps the id it has in the store (see
#       :func:`reuse_stored_ids`: a stored story whose articles all reappear in a bigger group).
ARTICLES_KEY = "articles|"
STORED_KEY = "id|"


def story_id_for(key: str) -> str:
    """A stable story id derived from what defines the story (its key, see above)."""
    if key.startswith(STORED_KEY):
        return key[len(STORED_KEY) :]
    return "s" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:11]


def articles_key(members: Sequence[Article]) -> str:
    """The key of a story made of exactly ``members``: their sorted content ids."""
    return ARTICLES_KEY + ",".join(sorted({a.id for a in members}))


def grouped_stories(
    articles: Sequence[Article], config: Config
) -> list[tuple[str | None, list[Article]]]:
    """``(key, members)`` of the stories the input itself implies (:func:`group_into_stories`),
    each keyed by its articles' content ids (so two inputs' groups never collide)."""
    return [(articles_key(g), g) for g in group_into_stories(articles, config)]


def reuse_stored_ids(
    planned: list[tuple[str | None, list[Article]]], changed: set[str], store: Store | None
) -> list[tuple[str | None, list[Article]]]:
    """Give a grouped story the id it already has in ``store`` when it has only gained
    articles: a stored story all of whose articles are among its members or their folded
    copies (the largest such one; a copy stored as the kept article by an earlier run counts).
    Other stored stories are never touched; ``changed`` is updated in place."""
    if store is None:
        return planned
    out: list[tuple[str | None, list[Article]]] = []
    for key, members in planned:
        if key and key.startswith(ARTICLES_KEY):
            found = store.stories_within(
                [x for a in members for x in (a.id, *(d.article_id for d in a.duplicates))]
            )
            if found:
                new = STORED_KEY + found[0]
                changed.discard(key)
                changed.add(new)
                key = new
        out.append((key, members))
    return out


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
    articles: Sequence[Article],
    config: Config,
    state: ClusterState | None = None,
    store: Store | None = None,
) -> tuple[list[tuple[str | None, list[Article]]], set[str]]:
    """Decide the stories of a run: ``(key, members)`` per story, and the changed keys.

    ``--one-story`` puts everything in one story. Otherwise ``config.cluster.mode`` decides:
    "auto" keeps the groups the input implies (multi-document records, directories) and
    clusters the articles that came without a group; "always" clusters every article;
    "never" makes each ungrouped article its own story. Input groups get the key
    ``"articles|<their content ids>"`` (or keep their stored id, see :func:`reuse_stored_ids`
    with ``store``); clustered stories get the key
    ``"cluster|<id of the article that opened the story>"`` (stable across incremental runs);
    ``state`` (a :class:`newsweave.cluster.ClusterState`, e.g. loaded from the store) makes the
    clustering incremental. The returned set holds the keys of stories that changed (input
    groups always count as changed).
    """
    if config.one_story:
        if not articles:
            return [], set()
        key = articles_key(articles)
        one: list[tuple[str | None, list[Article]]] = [(key, list(articles))]
        changed = {key}
        return reuse_stored_ids(one, changed, store), changed
    mode = config.cluster.mode
    to_cluster = [] if mode == "never" else [a for a in articles if mode == "always" or not a.group]
    ids = {a.id for a in to_cluster}
    rest = [a for a in articles if a.id not in ids]
    planned = grouped_stories(rest, config)
    changed = {k for k, _ in planned if k}
    planned = reuse_stored_ids(planned, changed, store)
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
    """Make a :class:`Story` from its articles: id, headline and summary (facts come later).

    The summary also reads what only the articles' folded copies say
    (:func:`newsweave.dedupe.copy_passages`), cited to those copies."""
    from newsweave.dedupe import copy_passages
    from newsweave.summarize import summarize

    key = key or articles_key(members)
    summary = summarize([*members, *copy_passages(members)], config.summarize)
    return Story(
        id=story_id_for(key),
        headline=headline_for(members),
        articles=tuple(members),
        summary=summary,
    )


def prepare_articles(
    articles: Sequence[Article],
    config: Config,
    skipped: list[Skipped],
    keep_parses: bool = True,
) -> list[Article]:
    """Clean articles and split them into sentences; articles left empty are skipped.

    With ``keep_parses`` (one process) each article is parsed with every spaCy component and
    the Docs stay in :func:`newsweave.nlp.parse`'s cache for the facts stage; without it (a
    Dask worker, where the facts of a story usually run in another task or process) only
    what sentence boundaries need is run."""
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
            skipped.append(Skipped(a.source, "clean", "no article text left after removing noise"))
            continue
        cleaned.append(c)
    # One full parse per article (issue 22): sentence boundaries come from it (the other
    # components do not change them), and the facts stage gets the same Docs from the parse
    # cache (nlp.parse) instead of parsing every article a second time.
    texts = [a.text for a in cleaned]
    if keep_parses:
        docs = nlp.parse(texts, full=True)
    else:
        # the parser alone: the tagger, attribute ruler and lemmatizer cost about a third of
        # the parse and do not change the boundaries (issue 8); without tags there is nothing
        # to lemmatize
        model = nlp.get_nlp(False)
        unused = [p for p in ("tagger", "attribute_ruler", "lemmatizer") if p in model.pipe_names]
        docs = list(model.pipe(texts, batch_size=nlp.SPACY_BATCH, disable=unused))
    return nlp.split_sentences(cleaned, docs)


def incremental_story(
    store: Store | None,
    state: ClusterState | None,
    key: str | None,
    members: Sequence[Article],
    changed: set[str],
    folded: Mapping[str, Article] | None = None,
) -> tuple[Story | None, list[Article]]:
    """In incremental mode, what a clustered story needs: ``(stored story or None, members)``.

    An unchanged clustered story comes back as stored (first item); a changed one gets its
    earlier members from the store prepended to this run's (second item). Without a store, or
    for a story that is not clustered, the members are returned as they are. ``folded`` holds
    the stored articles that received copies in this run (:func:`fold_stored_copies`): an
    earlier member among them comes with its new duplicates.
    """
    members = list(members)
    if store is None or not key or not key.startswith(CLUSTER_KEY):
        return None, members
    if key not in changed:
        try:
            stored = store.load_story(story_id_for(key))
            if folded and any(a.id in folded for a in stored.articles):
                arts = tuple(folded.get(a.id, a) for a in stored.articles)
                stored = dataclasses.replace(stored, articles=arts)
            return stored, members
        except (NewsweaveError, KeyError):
            pass
    here = {a.id for a in members}
    earlier = []
    assert state is not None, "a clustered story in incremental mode comes with its state"
    for aid in state.stories[key[len(CLUSTER_KEY) :]].members:
        if aid in here:
            continue
        if folded and aid in folded:
            earlier.append(folded[aid])
            continue
        try:
            old = store.get_article(aid)
        except (NewsweaveError, KeyError):
            continue
        earlier.append(dataclasses.replace(old, duplicates=store.load_duplicates(aid)))
    return None, earlier + members


def load_cluster_state(store: Store) -> ClusterState:
    """The clustering state saved in ``store`` (an empty state for a new store); link
    features of earlier runs' articles are fetched from the store when a run needs them."""
    from newsweave import cluster

    stories, assignments, meta = store.load_cluster_state()
    state = cluster.state_from_rows(stories, assignments, meta)
    state.set_feature_source(
        lambda ids: [cluster.features_from_row(r) for r in store.load_cluster_features(ids)]
    )
    return state


def save_cluster_state(store: Store, state: ClusterState, changed: set[str]) -> None:
    """Write the ``changed`` stories (deleting emptied ones), every assignment of their
    members, the document frequencies and the new link features to ``store``, in one
    transaction. A clustered story the clustering emptied (its earlier articles moved to other
    stories) is deleted from the store's stories as well."""
    from newsweave import cluster

    with store.transaction():
        for key in sorted(changed):
            story = state.stories.get(key)
            sid = story_id_for(CLUSTER_KEY + key)
            if (story is None or not story.members) and store.story_version(sid) is not None:
                store.delete_story(sid)
        store.save_cluster_state(*cluster.state_rows(state, changed))
    state.mark_features_saved()


def fold_stored_copies(
    articles: Sequence[Article], store: Store
) -> tuple[list[Article], list[Article]]:
    """Near-duplicates across runs: fold each of ``articles`` that copies a stored article
    (exactly or nearly, :func:`newsweave.dedupe.match_stored`) into that stored article, as
    dedupe does within one run, so a reprint arriving later is never a second source.

    Returns ``(articles left for this run, stored articles with their new duplicates)``.
    Stored articles without a signature (an older store) get one first. Articles with an
    explicit input group are left alone (the input said which story they belong to).
    """
    from newsweave import dedupe

    missing = store.articles_without_signature()
    if missing:
        store.save_signatures(dedupe.signature_rows(list(store.iter_articles(missing))))
    # an article the input put in a story of its own (an explicit group) is never merged into
    # another story's article, as dedupe never merges across input groups within one run
    matches = dedupe.match_stored([a for a in articles if not a.group], store.load_signatures())
    if not matches:
        return list(articles), []
    kept: list[Article] = []
    folded: dict[str, Article] = {}
    for a in articles:
        hit = matches.get(a.id)
        if hit is None:
            kept.append(a)
            continue
        sid, kind, sim = hit
        target = folded.get(sid) or store.get_article(sid)
        seen = {(d.article_id, d.source) for d in target.duplicates}
        new = [
            d
            for d in dedupe.as_duplicate(a, kind, sim, target)
            if (d.article_id, d.source) not in seen and d.article_id != target.id
        ]
        folded[sid] = dataclasses.replace(target, duplicates=target.duplicates + tuple(new))
    return kept, list(folded.values())


def stories_with_folded_copies(
    stories: Sequence[Story],
    folded: Sequence[Article],
    store: Store,
    config: Config | None = None,
    skipped: list[Skipped] | None = None,
) -> list[Story]:
    """The stored stories holding an article that received a copy this run (not already among
    ``stories``), reloaded with the article's new duplicates: the report shows where each
    late copy went. With ``config``, a story whose new copy says something its article does
    not (``Duplicate.sentences``) is built again (summary, facts) so that is not lost."""
    if not folded:
        return []
    by_id = {a.id: a for a in folded}
    have = {s.id for s in stories}
    out: list[Story] = []
    for a in folded:
        for sid in store.article_stories(a.id):
            if sid in have:
                continue
            have.add(sid)
            story = store.load_story(sid)
            arts = tuple(by_id.get(x.id, x) for x in story.articles)
            updated = dataclasses.replace(story, articles=arts)
            if config is not None and updated.copies() != story.copies():
                rebuilt = build_or_skip(
                    STORED_KEY + sid, list(arts), config, skipped if skipped is not None else []
                )
                updated = rebuilt if rebuilt is not None else updated
            out.append(updated)
    return out


def build_or_skip(
    key: str | None, members: Sequence[Article], config: Config, skipped: list[Skipped]
) -> Story | None:
    """Build one planned story (summary, then facts unless ``config.facts`` is off).

    A story that cannot be built is recorded in ``skipped`` (stage "story") and None is
    returned; a fact extractor that fails leaves its kind of fact empty and is recorded too
    (stage "facts"). With ``config.on_error == "raise"`` the error is raised instead.
    """
    try:
        story = build_story(members, config, key)
        if config.facts:
            story = extract_story_facts(story, config, skipped)
    except NewsweaveError as exc:
        if config.on_error == "raise":
            raise
        skipped.append(Skipped(key or members[0].source, "story", str(exc)))
        return None
    return story


def extract_story_facts(story: Story, config: Config, skipped: list[Skipped]) -> Story:
    """The facts stage for one story; failures go to ``skipped`` (or raise, per config).

    The facts also come from what only the articles' folded copies say
    (:func:`newsweave.dedupe.copy_passages`), with those copies as their source."""
    from newsweave.dedupe import copy_passages
    from newsweave.facts import extract_facts

    passages = copy_passages(story.articles)
    if not passages:
        return extract_facts(story, skipped, on_error=config.on_error)
    view = dataclasses.replace(story, articles=(*story.articles, *passages))
    return dataclasses.replace(
        extract_facts(view, skipped, on_error=config.on_error), articles=story.articles
    )


def build_stories(
    planned: Sequence[tuple[str | None, list[Article]]],
    changed: set[str],
    config: Config,
    skipped: list[Skipped],
    progress: Progress | None = None,
    store: Store | None = None,
    state: ClusterState | None = None,
    folded: Mapping[str, Article] | None = None,
) -> list[Story]:
    """Build (summarize, facts) the planned stories, in order: the per-story loop.

    In incremental mode (``store`` and ``state`` given) a clustered story also gets its earlier
    members from the store, and an unchanged one is loaded as stored; ``folded`` (stored
    articles that received copies this run) replaces their stored version. Stories that fail
    are left out and recorded in ``skipped``.
    """
    stories: list[Story] = []
    for i, (key, members) in enumerate(planned):
        if progress:
            progress("summarize", i, len(planned))
        stored, members = incremental_story(store, state, key, members, changed, folded)
        if stored is not None:
            stories.append(stored)
            continue
        story = build_or_skip(key, members, config, skipped)
        if story is not None:
            stories.append(story)
    if progress:
        progress("summarize", len(planned), len(planned))
    return stories


__all__ = [
    "ARTICLES_KEY",
    "CLUSTER_KEY",
    "STORED_KEY",
    "articles_key",
    "grouped_stories",
    "reuse_stored_ids",
    "build_or_skip",
    "build_stories",
    "build_story",
    "extract_story_facts",
    "fold_stored_copies",
    "stories_with_folded_copies",
    "group_into_stories",
    "headline_for",
    "incremental_story",
    "load_cluster_state",
    "plan_stories",
    "prepare_articles",
    "save_cluster_state",
    "story_id_for",
]
