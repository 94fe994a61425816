"""Pairwise links within a batch (newsweave.cluster_links) and their use by newsweave.cluster."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave import cluster, cluster_links, stories


def links(pairs: dict[tuple[int, int], float]):
    a = np.array([i for i, _ in pairs], np.int64)
    b = np.array([j for _, j in pairs], np.int64)
    return a, b, np.array(list(pairs.values()), np.float64)


def groups_of(labels: list[int]) -> set[frozenset[int]]:
    out: dict[int, set[int]] = {}
    for i, g in enumerate(labels):
        out.setdefault(g, set()).add(i)
    return {frozenset(g) for g in out.values()}


def test_average_linkage_does_not_chain_through_one_link():
    # two tight triangles joined by one strong accidental link (2-3): once the triangles have
    # formed, the link is one pair in nine (single linkage would chain them)
    pairs = {
        (0, 1): 0.9,
        (0, 2): 0.9,
        (1, 2): 0.9,
        (3, 4): 0.9,
        (3, 5): 0.9,
        (4, 5): 0.9,
        (2, 3): 0.85,
    }
    labels = cluster_links.average_linkage(6, *links(pairs), threshold=0.3)
    assert groups_of(labels) == {frozenset({0, 1, 2}), frozenset({3, 4, 5})}
    # a group is named by its lowest member
    assert labels == [0, 0, 0, 3, 3, 3]


def test_average_linkage_counts_missing_pairs_as_zero():
    # a-b and b-c are linked, a-c is not: {a, b} + c averages (0.9 + 0) / 2 = 0.45
    pairs = {(0, 1): 0.9, (1, 2): 0.9}
    assert groups_of(cluster_links.average_linkage(3, *links(pairs), threshold=0.5)) == {
        frozenset({0, 1}),
        frozenset({2}),
    }
    assert groups_of(cluster_links.average_linkage(3, *links(pairs), threshold=0.4)) == {
        frozenset({0, 1, 2})
    }


def test_fixed_groups_take_new_items_but_never_merge():
    # items 2 and 3 are fixed groups (earlier stories); item 0 links to both, item 1 to 0
    pairs = {(0, 2): 0.9, (0, 3): 0.8, (1, 0): 0.9, (2, 3): 0.99}
    labels = cluster_links.average_linkage(4, *links(pairs), threshold=0.3, fixed=[[2], [3]])
    assert labels[2] != labels[3]
    assert labels[0] == labels[1]
    assert labels[0] in (labels[2], labels[3])


def test_joining_an_earlier_story_needs_the_fixed_threshold():
    # issue 23: items 2 and 3 form an earlier story (fixed); item 0 links to both at 0.18,
    # item 1 to item 0 at 0.17: new items merge at 0.15, joining the earlier story needs 0.2
    pairs = {(0, 2): 0.18, (0, 3): 0.18, (0, 1): 0.17}
    labels = cluster_links.average_linkage(
        4, *links(pairs), threshold=0.15, fixed=[[2, 3]], fixed_threshold=0.2, mean_threshold=0.0
    )
    assert labels[0] == labels[1] != labels[2]
    labels = cluster_links.average_linkage(
        4, *links(pairs), threshold=0.15, fixed=[[2, 3]], fixed_threshold=0.15, mean_threshold=0.0
    )
    assert labels[0] == labels[2]


def test_mean_threshold_stops_groups_joined_by_many_weak_links_only():
    # two pairs {0, 1} and {2, 3}; every cross pair linked at 0.35: the average (0.35)
    # reaches 0.3, but no cross link is likely (the case of two look-alike stories whose
    # members are each other's nearest in a small batch)
    pairs = {(0, 1): 0.9, (2, 3): 0.9, (0, 2): 0.35, (0, 3): 0.35, (1, 2): 0.35, (1, 3): 0.35}
    labels = cluster_links.average_linkage(4, *links(pairs), threshold=0.3, mean_threshold=0.0)
    assert groups_of(labels) == {frozenset({0, 1, 2, 3})}
    labels = cluster_links.average_linkage(4, *links(pairs), threshold=0.3, mean_threshold=0.5)
    assert groups_of(labels) == {frozenset({0, 1}), frozenset({2, 3})}
    # one strong cross link among four pairs: average 0.2 reaches 0.15, its mean 0.8 the 0.5
    pairs = {(0, 1): 0.9, (2, 3): 0.9, (1, 2): 0.8}
    labels = cluster_links.average_linkage(4, *links(pairs), threshold=0.15, mean_threshold=0.5)
    assert groups_of(labels) == {frozenset({0, 1, 2, 3})}


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(2, 9),
    data=st.data(),
    threshold=st.sampled_from([0.2, 0.35, 0.5]),
    mean=st.sampled_from([0.0, 0.3, 0.6]),
)
def test_average_linkage_stops_only_when_no_pair_of_groups_reaches_the_threshold(
    n, data, threshold, mean
):
    pairs = {}
    for i in range(n):
        for j in range(i + 1, n):
            if data.draw(st.booleans()):
                pairs[(i, j)] = data.draw(st.floats(0.0, 1.0))
    a, b, p = links(pairs) if pairs else (np.zeros(0, np.int64),) * 2 + (np.zeros(0),)
    labels = cluster_links.average_linkage(n, a, b, p, threshold=threshold, mean_threshold=mean)
    assert len(labels) == n and all(labels[g] == g for g in labels)  # a partition, named
    groups = sorted(groups_of(labels), key=min)
    for x in range(len(groups)):
        for y in range(x + 1, len(groups)):
            present = [
                q
                for (i, j), q in pairs.items()
                if (i in groups[x] and j in groups[y]) or (i in groups[y] and j in groups[x])
            ]
            avg = sum(present) / (len(groups[x]) * len(groups[y]))
            # two groups left apart: their average misses the threshold, or the links they
            # have miss the mean threshold
            assert avg < threshold + 1e-9 or sum(present) < mean * len(present) + 1e-9


def unit(v):
    v = np.asarray(v, np.float32)
    return v / np.linalg.norm(v)


def test_neighbour_pairs_respect_the_time_window():
    emb = np.stack([unit([1, 0, 0]), unit([1, 0.01, 0]), unit([1, 0, 0.01])])
    body = [(np.array([1, 2], np.int64), np.array([0.6, 0.8], np.float32))] * 3
    # article 2 is 30 days later: never paired with the others, even as a nearest neighbour
    times = np.array([100.0, 101.0, 130.0])
    a, b, cos_emb, cos_lex = cluster_links.neighbour_pairs(emb, body, times, k=2)
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 1)]
    assert cos_lex[0] == pytest.approx(1.0)
    # undated, every article may be paired with every other
    a, b, _, _ = cluster_links.neighbour_pairs(emb, body, np.full(3, math.nan), k=2)
    assert len(a) == 3


def _topic_pile(topics=8, stories=25, size=5, seed=3):
    """Undated articles: stories (near-identical members) inside broader topics."""
    rng = np.random.default_rng(seed)
    dim = 64
    t = rng.standard_normal((topics, dim))
    rows, gold = [], []
    for i in range(topics):
        for j in range(stories):
            s = t[i] + 0.6 * rng.standard_normal(dim)
            for _ in range(size):
                rows.append(s + 0.15 * rng.standard_normal(dim))
                gold.append(i * stories + j)
    emb = np.asarray(rows, np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    order = rng.permutation(len(emb))
    return emb[order], np.array(gold)[order]


def test_large_undated_piles_are_pre_blocked(monkeypatch):
    """Without dates, an article of a large pile is compared with the articles of its two
    nearest coarse blocks only (bounded work per article), and still finds its story."""
    emb, gold = _topic_pile()
    n = len(emb)
    body = [(np.array([i], np.int64), np.array([1.0], np.float32)) for i in range(n)]
    times = np.full(n, math.nan)
    full: dict[str, int] = {}
    a0, b0, _, _ = cluster_links.neighbour_pairs(emb, body, times, k=4, stats=full)
    assert full["compared"] == n * n  # small pile: exhaustive
    monkeypatch.setattr(cluster_links, "PREBLOCK_ARTICLES", n // 2)
    monkeypatch.setattr(cluster_links, "PREBLOCK_SIZE", n // 16)
    blocked: dict[str, int] = {}
    a, b, _, _ = cluster_links.neighbour_pairs(emb, body, times, k=4, stats=blocked)
    # the members of two blocks (about 4 n / 16) per article, far below n * n
    assert blocked["compared"] <= 0.4 * n * n
    same0 = {(i, j) for i, j in zip(a0.tolist(), b0.tolist(), strict=True) if gold[i] == gold[j]}
    same = {(i, j) for i, j in zip(a.tolist(), b.tolist(), strict=True) if gold[i] == gold[j]}
    assert len(same & same0) >= 0.95 * len(same0)
    # the blocks do not depend on anything but the rows
    p1, s1 = cluster_links.coarse_blocks(emb, n // 8)
    p2, s2 = cluster_links.coarse_blocks(emb, n // 8)
    assert (p1 == p2).all() and (s1 == s2).all() and (p1 != s1).all()


def test_link_probability_rises_with_similarity():
    x = cluster_links.pair_features(
        np.array([0.2, 0.5, 0.8]), np.array([0.05, 0.2, 0.6]), np.array([0.0, 0.3, 0.6])
    )
    p = cluster_links.link_probability(x)
    assert p[0] < 0.05 and p[2] > 0.9
    assert p[0] < p[1] < p[2]


# two invented vocabularies: articles drawn from one share their story, from the other not
_RESERVOIR = (
    "reservoir engineers spillway turbine inspection valley flooding warning "
    "evacuation council repairs"
).split()
_ORCHESTRA = (
    "orchestra conductor symphony violin premiere audience concert rehearsal "
    "composer festival tickets"
).split()


def _vocab_article(aid: str, vocab: list[str], shift: int, **fields):
    """An article of 60 words cycled from ``vocab`` (``shift`` varies the order and title)."""
    from newsweave.model import Article

    text = " ".join(vocab[(i * 7 + shift) % len(vocab)] for i in range(60))
    return Article(id=aid, title=" ".join(vocab[shift : shift + 4]), text=text, **fields)


def _axis_embedder(seed: int = 3):
    """Fake embeddings: articles whose id starts with "r" near one random axis, the rest near
    another."""
    rng = np.random.default_rng(seed)
    axis_r, axis_m = unit(rng.standard_normal(384)), unit(rng.standard_normal(384))

    def embed(arts):
        return np.stack(
            [
                unit((axis_r if a.id[0] == "r" else axis_m) + 0.1 * rng.standard_normal(384))
                for a in arts
            ]
        )

    return embed


def test_stored_link_features_let_a_later_run_link_to_earlier_articles(tmp_path):
    """A new article joins the earlier story through links to its members' stored features,
    and the store keeps one cluster_features row per clustered full-length article."""
    from newsweave.store import Store

    words, other = _RESERVOIR, _ORCHESTRA

    def article(aid, vocab, shift):
        return _vocab_article(aid, vocab, shift, published="2026-05-10T08:00:00")

    first = [article("r0", words, 0), article("r1", words, 1), article("m0", other, 0)]
    embed = _axis_embedder()

    state = cluster.ClusterState()
    _, state, changed = cluster.cluster_articles(
        first, state, use_entities=False, embeddings=embed(first)
    )
    with Store(tmp_path / "nw.db") as store:
        stories.save_cluster_state(store, state, changed)
        n_rows = store.connection.execute("SELECT count(*) FROM cluster_features").fetchone()[0]
    assert n_rows == 3
    assert state.assignment["r0"] == state.assignment["r1"] != state.assignment["m0"]
    with Store(tmp_path / "nw.db") as store:
        loaded = stories.load_cluster_state(store)
        assert not loaded._body  # nothing held until a run needs it
        new = [article("r2", words, 2)]
        _, loaded, _ = cluster.cluster_articles(
            new, loaded, use_entities=False, embeddings=embed(new)
        )
    assert loaded.assignment["r2"] == state.assignment["r0"]
    assert {"r0", "r1"} <= set(loaded._body)  # the earlier members' features were fetched


def test_year_keys_find_the_years_a_text_mentions_and_nothing_else():
    keys = cluster.year_keys(
        "On May 3, 2013 (a year after the 2012 quake) 1,998 homes, "
        "20134 files, 2013.5 units and room 1999a were counted."
    )
    assert keys == frozenset({-2013, -2012})
    assert cluster.year_keys("No year here, only 300 people and 19 homes.") == frozenset()


def test_year_conflict_marks_look_alikes_told_in_different_years_only():
    # issue 23: two events of the same kind (two rehab check-ins) in different years
    ents = [
        frozenset({11, 12, -2008}),
        frozenset({11, 12, -2013}),
        frozenset({11, -2013, -2012}),
        frozenset({11, 12}),
        frozenset(),
    ]
    a = np.array([0, 1, 0, 0], np.int64)
    b = np.array([1, 2, 3, 4], np.int64)
    assert cluster_links.year_conflicts(ents, a, b).tolist() == [1.0, 0.0, 0.0, 0.0]
    # years are not entities: the overlap of 0 and 1 counts the two shared names only
    assert cluster_links.entity_overlaps(ents, a, b)[0] == pytest.approx(2 / 3)
    x = cluster_links.pair_features(
        np.full(2, 0.6), np.full(2, 0.3), np.full(2, 0.5), np.array([1.0, 0.0])
    )
    assert x.shape == (2, len(cluster_links.LINK_FEATURES))
    p = cluster_links.link_probability(x)
    assert p[0] < p[1]  # same similarities, different years: a lower link probability


def test_featurize_keeps_the_years_of_the_whole_text_for_the_link_step():
    from newsweave.model import Article

    arts = [
        Article(id="a", text="Quake hits the coast. " * 40 + "It was the worst since 1999."),
        Article(id="b", text="Markets rose today."),
    ]
    feats = cluster.featurize(
        arts,
        cluster.ClusterState(),
        use_entities=False,
        embeddings=np.zeros((2, cluster.EMBED_DIM), np.float32),
    )
    assert feats.years == [frozenset({-1999}), frozenset()]


def test_date_keys_find_month_day_dates_and_nothing_else():
    base = cluster.DATE_KEY_BASE
    keys = cluster.date_keys(
        "The storm hit on March 8th and again on Sept. 11, 2001; by "
        "may 30 it was gone. In June 2002, 14 homes were rebuilt."
    )
    assert keys == frozenset({base - 308, base - 911, base - 530})
    assert cluster.date_keys("No date here: 30 people in 2013, 5 March-born calves.") == (
        frozenset()
    )
    assert base == cluster_links.DATE_KEY_BASE


def test_date_cosine_weighs_rare_shared_days_and_leaves_years_and_entities_alone():
    base = cluster_links.DATE_KEY_BASE
    d1, d2, d3 = base - 308, base - 704, base - 1225  # March 8, July 4, December 25
    ents = [
        frozenset({11, -2014, d1, d3}),
        frozenset({11, -2014, d1}),
        frozenset({11, -2014, d3}),
        frozenset({11, -2014}),
        frozenset({11, d2}),
    ]
    a = np.array([0, 0, 0, 0], np.int64)
    b = np.array([1, 2, 3, 4], np.int64)
    flat = cluster_links.date_cosines(ents, a, b)
    assert flat.tolist() == pytest.approx([2**-0.5, 2**-0.5, 0.0, 0.0])

    def idf(keys: np.ndarray) -> np.ndarray:  # December 25 in many articles, March 8 rare
        return np.array([0.5 if k == d3 else 3.0 for k in keys.tolist()])

    rare = cluster_links.date_cosines(ents, a, b, idf)
    assert rare[0] > flat[0] > rare[1] > 0.0  # sharing the rare day says more
    # date keys are neither years nor entities
    assert cluster_links.year_conflicts(ents, a, b).tolist() == [0.0, 0.0, 0.0, 0.0]
    assert cluster_links.entity_overlaps(ents, a, b).tolist() == pytest.approx([1 / 3] * 4)
    x = cluster_links.pair_features(
        np.full(2, 0.6),
        np.full(2, 0.3),
        np.full(2, 0.3),
        np.zeros(2),
        np.zeros(2),
        np.full(2, 0.3),
        rare[:2],
    )
    p = cluster_links.link_probability(x)
    assert p[0] > p[1]  # same similarities, the same rare day named: a higher link probability


def test_featurize_counts_date_keys_in_the_stem_frequencies_of_long_articles():
    from newsweave.model import Article

    long_text = "Quake hits the coast on March 8. " + "Rescuers dig through rubble. " * 40
    arts = [
        Article(id="a", text=long_text),
        Article(id="b", text=long_text.replace("8", "9")),
        Article(id="c", text="Short note of March 8."),
    ]
    state = cluster.ClusterState()
    feats = cluster.featurize(
        arts, state, use_entities=False, embeddings=np.zeros((3, cluster.EMBED_DIM), np.float32)
    )
    base = cluster.DATE_KEY_BASE
    assert feats.years == [
        frozenset({base - 308}),
        frozenset({base - 309}),
        frozenset({base - 308}),
    ]
    idf = state.stem_idf(np.array([base - 308, base - 309, base - 310], np.int64))
    # each date in one of the two long articles (the short one is not counted), none in 0
    assert idf[0] == pytest.approx(idf[1]) and idf[0] < idf[2]
    assert state.stem_docs == 2


def test_name_tokens_skip_words_that_open_a_line_or_a_sentence():
    text = "Quake hits Lamjung district. Rescuers from Pokhara arrived.\nThe army helped Pokhara."
    assert cluster.name_tokens(text) == ["Lamjung", "Pokhara", "Pokhara"]


def test_salient_names_prefer_names_the_body_repeats_that_few_articles_use():
    from newsweave.model import Article

    # every article names Obama; each names its own protagonist, repeated
    arts = [
        Article(id=f"a{i}", text=f"Yesterday {who} met Obama. Then {who} and {who} spoke.")
        for i, who in enumerate(["Gorsuch", "Sandoval", "Garland"])
    ]
    feats = cluster.featurize(
        arts,
        cluster.ClusterState(),
        use_entities=False,
        embeddings=np.zeros((3, cluster.EMBED_DIM), np.float32),
    )
    assert feats.names is not None
    vec = cluster._vectorizer()

    def key(word: str) -> int:
        return int(vec.transform([word]).indices[0]) + cluster_links.NAME_KEY_BASE

    for names, who in zip(feats.names, ["Gorsuch", "Sandoval", "Garland"], strict=True):
        assert key(who) in names and key("Obama") in names
    # keep only the heaviest: the protagonist (repeated, rare) before Obama (everywhere)
    one = cluster.salient_names(
        vec.transform(["Gorsuch Gorsuch Obama"]).tocsr(),
        np.ones(cluster.HASH_FEATURES, np.float32),
        keep=1,
    )
    assert one == [frozenset({key("Gorsuch")})]


def test_name_overlap_counts_salient_names_only():
    base = cluster_links.NAME_KEY_BASE
    ents = [
        frozenset({11, -2013, base + 1, base + 2, base + 3}),
        frozenset({11, -2013, base + 1, base + 2, base + 4}),
        frozenset({11, -2013, base + 5, base + 6, base + 7}),
    ]
    a, b = np.array([0, 0], np.int64), np.array([1, 2], np.int64)
    assert cluster_links.name_overlaps(ents, a, b).tolist() == pytest.approx([2 / 3, 0.0])
    # names are neither entities nor years
    assert cluster_links.entity_overlaps(ents, a, b).tolist() == pytest.approx([1 / 3, 1 / 3])
    assert cluster_links.year_conflicts(ents, a, b).tolist() == [0.0, 0.0]
    x = cluster_links.pair_features(
        np.full(2, 0.6),
        np.full(2, 0.3),
        np.full(2, 0.3),
        np.zeros(2),
        cluster_links.name_overlaps(ents, a, b),
    )
    p = cluster_links.link_probability(x)
    assert p[0] > p[1]  # same similarities, the same people: a higher link probability


# --- an increment revises the earlier stories its articles link to (issue 23) ---------------

_SHARED = "harbour ferry capsized passengers rescue coastguard".split()
_EVENT = {
    "a": "northern lighthouse ridge morning cargo granite pier mayor volunteers".split(),
    "b": "southern estuary delta evening tanker marsh bridge senator fishermen".split(),
}


def _look_alikes(ids: list[str], seed: int = 5):
    """Invented reports of two ferry accidents ("a..." and "b..." ids): the same kind of event
    in shared words, each with its own places and people; embeddings near a common topic
    direction, each event leaning its own way."""
    from newsweave.model import Article

    rng = np.random.default_rng(seed)
    topic = unit(rng.standard_normal(384))
    axis = {e: unit(rng.standard_normal(384)) for e in "ab"}
    arts, embs = [], []
    for aid in ids:
        vocab = _SHARED + _EVENT[aid[0]]
        shift = int(aid[1:])
        text = " ".join(vocab[(i * 7 + shift) % len(vocab)] for i in range(80))
        arts.append(Article(id=aid, title=" ".join(vocab[shift : shift + 4]), text=text))
        embs.append(unit(topic + 0.9 * axis[aid[0]] + 0.08 * rng.standard_normal(384)))
    return arts, np.stack(embs)


# The link model before the stem input (issue 23, 2026-12-06), with 0 for cos_stem and cos_date.
_PREVIOUS_COEF = (-5.913, 5.046, 24.021, 2.37, -17.743, -0.832, 2.466, 0.0, 0.0)


def _without_stems(monkeypatch):
    """Link as the newsweave before the stem input did (its six-input model), until
    ``monkeypatch.undo()``. That version merged one report of the second event into the first
    event's story, the early merge the tests below start from (a store written by it holds
    such a story; the model with stems tells the reports apart at once)."""
    import functools

    monkeypatch.setattr(
        cluster_links,
        "link_groups",
        functools.partial(cluster_links.link_groups, coef=_PREVIOUS_COEF),
    )


def _partition(state, ids) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for aid in ids:
        out.setdefault(state.assignment[aid], set()).add(aid)
    return {frozenset(v) for v in out.values()}


def test_a_later_increment_undoes_an_early_merge_of_two_look_alike_events():
    """Alone in the first increment, one report of each of two look-alike events is the
    other's nearest and they open one story; once more reports of both arrive, the link step
    re-links the earlier story's members with them, as one batch of all ten would, and the
    earlier report of the second event moves to its own story (the first keeps its key)."""
    everything = ["a0", "b0", *(f"a{i}" for i in range(1, 8)), *(f"b{i}" for i in range(1, 8))]
    arts, emb = _look_alikes(everything)
    truth = {frozenset(a for a in everything if a[0] == e) for e in "ab"}
    one = cluster.ClusterState()
    cluster.cluster_articles(arts, one, use_entities=False, embeddings=emb)
    assert _partition(one, everything) == truth
    state = cluster.ClusterState()
    cluster.cluster_articles(arts[:2], state, use_entities=False, embeddings=emb[:2])
    assert _partition(state, ["a0", "b0"]) == {frozenset({"a0", "b0"})}  # the early merge
    out, state, changed = cluster.cluster_articles(
        arts[2:], state, use_entities=False, embeddings=emb[2:]
    )
    assert _partition(state, everything) == truth
    assert state.assignment["a0"] == "a0" and state.assignment["b0"] == "b0"
    assert changed == {"a0", "b0"}
    assert sorted(k for k, _ in out) == ["a0", "b0"]


def test_a_story_that_only_lost_earlier_articles_is_returned_to_be_rebuilt(monkeypatch):
    """When only the second event's reports arrive, the earlier mixed story loses its report
    of that event and receives nothing new: cluster_articles still lists it (with no members
    of this run) among the changed stories, so the pipeline rebuilds it from the store."""
    ids = [*(f"a{i}" for i in range(7)), *(f"b{i}" for i in range(8))]
    arts, emb = _look_alikes(ids)
    state = cluster.ClusterState()
    _without_stems(monkeypatch)  # the mixed story of an earlier version (see _without_stems)
    cluster.cluster_articles(arts[:8], state, use_entities=False, embeddings=emb[:8])
    monkeypatch.undo()
    assert _partition(state, ids[:8]) == {frozenset(ids[:8])}
    out, state, changed = cluster.cluster_articles(
        arts[8:], state, use_entities=False, embeddings=emb[8:]
    )
    assert sorted(state.stories["a0"].members) == ids[:7]
    assert state.assignment["b0"] == state.assignment["b1"] != "a0"
    assert "a0" in changed and ("a0", []) in out


def test_save_cluster_state_deletes_a_stored_story_the_clustering_emptied(tmp_path):
    from newsweave.model import Article, Story
    from newsweave.store import Store

    state = cluster.ClusterState()
    kept = cluster.StoryCentroid(key="k0")
    kept.add(
        "k0",
        unit(np.ones(384)),
        (np.array([1]), np.array([1.0], np.float32)),
        frozenset(),
        float("nan"),
    )
    state.set_story("k0", kept)
    state.set_story("gone", cluster.StoryCentroid(key="gone"))  # its articles moved away
    ids = {k: stories.story_id_for(stories.CLUSTER_KEY + k) for k in ("k0", "gone")}
    with Store(tmp_path / "nw.db") as store:
        for k, sid in ids.items():
            store.save_story(Story(id=sid, headline=k, articles=(Article(id=k, text="x"),)))
        stories.save_cluster_state(store, state, {"k0", "gone"})
        assert store.story_version(ids["gone"]) is None
        assert store.story_version(ids["k0"]) is not None


def test_weave_with_a_store_rebuilds_a_story_an_increment_split(tmp_path, monkeypatch):
    """End to end through pipeline.weave_articles with --db: the second run's reports split
    the first run's mixed story, the stored stories follow (summaries stubbed out and the
    encoder replaced by the controlled embeddings: this is about which articles make which
    stored story)."""
    import zlib

    from newsweave import nlp, pipeline
    from newsweave.config import load_config
    from newsweave.model import Story
    from newsweave.store import Store

    ids = [*(f"a{i}" for i in range(7)), *(f"b{i}" for i in range(8))]
    arts, _ = _look_alikes(ids)
    rng = np.random.default_rng(5)
    topic = unit(rng.standard_normal(384))
    axis = {e: unit(rng.standard_normal(384)) for e in "ab"}

    def embed(texts):  # as _look_alikes: the event's direction, noise fixed by the text
        return np.stack(
            [
                unit(
                    topic
                    + 0.8 * axis["a" if "northern" in t else "b"]
                    + 0.08 * np.random.default_rng(zlib.crc32(t.encode())).standard_normal(384)
                )
                for t in texts
            ]
        )

    monkeypatch.setattr(nlp, "embed", embed)

    def fake_build_story(members, config, key=None):
        return Story(id=pipeline.story_id_for(key), headline=key, articles=tuple(members))

    monkeypatch.setattr(pipeline, "build_story", fake_build_story)
    db = str(tmp_path / "nw.db")
    cfg = load_config(
        None,
        facts=False,
        **{
            "store.path": db,
            "cluster.dedupe": False,
            "cluster.entities": False,
            "cluster.mode": "always",
        },
    )
    real = cluster_links.link_groups
    _without_stems(monkeypatch)  # the mixed story of an earlier version (see _without_stems)
    first = pipeline.weave_articles(arts[:8], cfg)
    monkeypatch.setattr(cluster_links, "link_groups", real)
    assert [sorted(a.id for a in s.articles) for s in first.stories] == [ids[:8]]
    pipeline.weave_articles(arts[8:], cfg)
    with Store(db) as store:
        held = sorted(
            sorted(a.id for a in store.load_story(sid).articles) for sid in store.story_ids()
        )
    assert held == [ids[:7], ids[7:]]


# --- whole-body stem TF-IDF, the link model's cos_stem input (issue 23) ---------------------

STEM_TEXTS = {
    "q0": "The harbour council voted to close the ferry terminal. Councillors said closing "
    "the terminal would save money; ferry workers protested the closure.",
    "q1": "Ferry workers protested outside the harbour council after councillors voted for "
    "closing the terminal, a vote they called a costly mistake.",
    "q2": "A comet was photographed by amateur astronomers above the northern lakes, its "
    "tail glowing green for three nights.",
    "q3": "Astronomers photographing the comet said the glowing tail would fade; amateurs "
    "at the lakes kept photographing it.",
    "q4": "Short note.",  # a short article: no stems, no link step
}


def stem_articles():
    from newsweave.model import Article

    return [Article(id=k, title="", text=v) for k, v in STEM_TEXTS.items()]


def sklearn_stem_cosines(texts: list[str]) -> np.ndarray:
    """bench/cv_cluster.py's research form of cos_stem (scikit-learn's vectoriser)."""
    import re

    from nltk.stem import PorterStemmer
    from sklearn.feature_extraction.text import TfidfVectorizer

    stemmer = PorterStemmer()

    def stems(text: str) -> list[str]:
        return [stemmer.stem(w) for w in re.findall(r"[a-z]{2,}", text.lower())]

    x = TfidfVectorizer(analyzer=stems, sublinear_tf=True).fit_transform(texts)
    return (x @ x.T).toarray()


def test_stem_vectors_are_the_stem_tfidf_the_cross_validation_measured(monkeypatch):
    """Issue 23: production cos_stem (stem counts hashed per stem, document frequencies over
    the full-length articles of the state, sublinear tf, smooth idf, unit norm) equals the
    scikit-learn TF-IDF over Porter stems that bench/cv_cluster.py measured; a short article
    has no stem vector and does not count in the document frequencies."""
    monkeypatch.setattr(cluster, "SHORT_TEXT_WORDS", 5)
    arts = stem_articles()
    state = cluster.ClusterState()
    feats = cluster.featurize(
        arts, state, use_entities=False, embeddings=np.zeros((len(arts), 384), np.float32)
    )
    assert feats.stems is not None and feats.stems[4] is None
    assert state.stem_docs == 4
    vecs = [cluster.stem_vector(s, state.stem_idf(s[0])) for s in feats.stems[:4]]
    a, b = np.array([0, 0, 0, 1, 2]), np.array([1, 2, 3, 3, 3])
    got = cluster_links.stem_cosines(vecs, a, b, np.zeros(len(a)))
    want = sklearn_stem_cosines([arts[i].text for i in range(4)])
    assert np.allclose(got, want[a, b], atol=1e-6)
    # the word forms meet in one stem: "photographed" / "photographing", "closing" / "closure"
    assert got[4] > got[1] and got[0] > got[1]
    # a pair with a side without stems (an article stored without them) gets the fallback
    none_side = cluster_links.stem_cosines(
        [vecs[0], None], np.array([0]), np.array([1]), np.array([0.37])
    )
    assert none_side.tolist() == [0.37]


def test_the_link_model_weighs_the_stem_cosine():
    """cos_stem is the seventh input of the link model (cos_date the eighth): at equal other
    inputs, a higher stem cosine gives a higher link probability; without it the body cosine
    stands in."""
    assert cluster_links.LINK_FEATURES[6] == "cos_stem"
    assert len(cluster_links.LINK_COEF) == len(cluster_links.LINK_FEATURES) + 1
    one = np.array([0.5])
    low = cluster_links.pair_features(one, np.array([0.2]), one * 0, cos_stem=np.array([0.1]))
    high = cluster_links.pair_features(one, np.array([0.2]), one * 0, cos_stem=np.array([0.6]))
    assert cluster_links.link_probability(high)[0] > cluster_links.link_probability(low)[0]
    missing = cluster_links.pair_features(one, np.array([0.2]), one * 0)
    assert missing[0, 6] == 0.2 and missing[0, 7] == 0.0  # no cos_date given: no dates


def test_stem_features_round_trip_through_the_store(tmp_path, monkeypatch):
    """The stem counts of every clustered full-length article, each story's summed stem
    vector and the stem document frequencies are saved and load back equal."""
    from newsweave.store import Store

    monkeypatch.setattr(cluster, "SHORT_TEXT_WORDS", 5)
    arts = stem_articles()
    rng = np.random.default_rng(5)
    emb = np.stack([unit(rng.standard_normal(384)) for _ in arts]).astype(np.float32)
    _, state, changed = cluster.cluster_articles(arts, use_entities=False, embeddings=emb)
    assert set(state._stems) == {"q0", "q1", "q2", "q3"}
    assert sum(s.stem_n for s in state.stories.values()) == 4
    with Store(tmp_path / "nw.db") as store:
        stories.save_cluster_state(store, state, changed)
    with Store(tmp_path / "nw.db") as store:
        loaded = stories.load_cluster_state(store)
        loaded.hold_features(list(STEM_TEXTS))
    assert loaded.stem_docs == state.stem_docs == 4
    assert (loaded.stem_ids == state.stem_ids).all() and (loaded.stem_df == state.stem_df).all()
    assert set(loaded._stems) == set(state._stems)
    for aid, (ids, counts) in state._stems.items():
        assert (loaded._stems[aid][0] == ids).all() and (loaded._stems[aid][1] == counts).all()
    for key, story in state.stories.items():
        assert loaded.stories[key].stem_n == story.stem_n
        assert loaded.stories[key].stems == pytest.approx(story.stems)


def test_a_store_without_stem_data_loads_and_clusters(tmp_path, monkeypatch):
    """A store written before the stem columns (schema version 6: no stem counts, no stem
    document frequencies) migrates, loads and clusters: the earlier articles have no stem
    vector, so their pairs use the body cosine in its place, and a new article still joins
    its story."""
    from newsweave import store as store_mod
    from newsweave.store import Store

    monkeypatch.setattr(cluster, "SHORT_TEXT_WORDS", 5)
    words, other, article = _RESERVOIR, _ORCHESTRA, _vocab_article
    embed = _axis_embedder()

    first = [article("r0", words, 0), article("r1", words, 1), article("m0", other, 0)]
    _, state, changed = cluster.cluster_articles(first, use_entities=False, embeddings=embed(first))
    rows, gone, assignments, meta, feats = cluster.state_rows(state, changed)
    path = tmp_path / "v6.db"
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS[:6])
    with Store(path) as store:  # what a newsweave without stems wrote
        assert store.version == 6
        conn = store.connection
        old_story = [k for k in rows[0] if not k.startswith("stem_")]
        conn.executemany(
            f"INSERT INTO cluster_stories ({', '.join(old_story)}) VALUES "
            f"({', '.join(':' + k for k in old_story)})",
            rows,
        )
        old_feat = [k for k in feats[0] if not k.startswith("stem_")]
        conn.executemany(
            f"INSERT INTO cluster_features ({', '.join(old_feat)}) VALUES "
            f"({', '.join(':' + k for k in old_feat)})",
            feats,
        )
        conn.executemany("INSERT INTO cluster_assignments VALUES (?, ?)", assignments)
        conn.executemany(
            "INSERT INTO cluster_meta VALUES (?, ?)",
            [(k, v) for k, v in meta.items() if not k.startswith("stem_")],
        )
        conn.commit()
    monkeypatch.undo()
    monkeypatch.setattr(cluster, "SHORT_TEXT_WORDS", 5)
    with Store(path) as store:
        assert store.version == len(store_mod.MIGRATIONS)
        loaded = stories.load_cluster_state(store)
        assert loaded.stem_docs == 0 and all(s.stem_n == 0 for s in loaded.stories.values())
        new = [article("r2", words, 2)]
        _, loaded, changed = cluster.cluster_articles(
            new, loaded, use_entities=False, embeddings=embed(new)
        )
        assert loaded.assignment["r2"] == state.assignment["r0"]
        assert {"r0", "r1"} <= set(loaded._body) and "r0" not in loaded._stems
        assert "r2" in loaded._stems and loaded.stem_docs == 1
        stories.save_cluster_state(store, loaded, changed)  # and it saves again
    with Store(path) as store:
        again = stories.load_cluster_state(store)
    assert again.stem_docs == 1 and again.assignment["r2"] == state.assignment["r0"]


def test_group_link_compares_the_summed_stem_vectors():
    """A group of new articles against an earlier story (cluster._group_link, the link model
    over mean pairwise similarities): at the same embeddings and body terms, shared stems
    give a higher link probability than disjoint ones, and a story stored without stem
    vectors is compared with the body cosine in their place."""
    emb = unit(np.ones(384))
    body = (np.array([1, 2, 3]), np.array([0.6, 0.6, 0.52915], np.float32))
    terms = (np.array([1]), np.array([1.0], np.float32))

    def centroid(key, stems):
        c = cluster.StoryCentroid(key=key)
        c.add(key, emb * 0.5, terms, frozenset(), float("nan"), body, stems)
        return c

    same = (np.array([10, 11]), np.array([0.8, 0.6], np.float32))
    other = (np.array([20, 21]), np.array([0.8, 0.6], np.float32))
    group = centroid("g", same)
    p_same = cluster.group_link(group, centroid("s", same))
    p_other = cluster.group_link(group, centroid("o", other))
    assert p_same > p_other
    p_none = cluster.group_link(group, centroid("n", None))
    cos_emb, cos_lex = 0.25, float(np.dot(body[1], body[1]))
    x = cluster_links.pair_features(
        np.array([cos_emb]), np.array([cos_lex]), np.zeros(1), cos_stem=np.array([cos_lex])
    )
    assert p_none == pytest.approx(float(cluster_links.link_probability(x)[0]), rel=1e-4)
