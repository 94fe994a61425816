"""The Dask run's merge of stories split across clustering blocks
(newsweave.distributed.blocking), without a Dask cluster: the blocks are clustered in this
process, as the workers do (tasks.cluster_block), and merged as the client does. Not marked
``distributed``, so it runs in the default test run."""

from __future__ import annotations

import numpy as np

from newsweave import cluster as cluster_mod
from newsweave.distributed import blocking

# Two stories in two blocks, each story told in both (a border split). Every article names
# "January 1", so that date weighs little; each story has its own rarer dates. Invented text.
_PILE = {
    "ferry": [
        (
            "Velmora ferry strike halts crossings",
            "Ferry crews in Velmora walked out on March 8 after talks on pay broke down, halting "
            "every crossing to the islands. The union said the contract signed on January 1 had "
            "been broken, and harbour officials said stranded travellers would get refunds.",
        ),
        (
            "Velmora ferry crews stay out as talks resume",
            "The ferry strike in Velmora entered its second week as the crews who walked out on "
            "March 8 met harbour officials again on April 20. The union said the pay contract "
            "of January 1 must be honoured before crossings to the islands restart.",
        ),
    ],
    "orchard": [
        (
            "Frost ruins Tallbrook apple harvest",
            "A late frost on June 3 destroyed most of the apple blossom in the Tallbrook valley, "
            "growers said, weeks after the new farm subsidy took effect on January 1. The growers "
            "association expects the smallest harvest in thirty years and asked for help.",
        ),
        (
            "Tallbrook growers ask for frost aid",
            "Apple growers in the Tallbrook valley asked the regional council for emergency aid "
            "on July 14, saying the June 3 frost had wiped out the harvest. The subsidy scheme "
            "that began on January 1 does not cover frost, the growers association said.",
        ),
    ],
}


def _pile_blocks():
    from factories import fake_embed
    from newsweave.distributed import tasks
    from newsweave.model import Article

    arts = [
        Article(
            id=f"{story}{i}",
            title=title,
            text=text,
            source=f"{story}{i}.txt",
            published=f"2031-07-{15 + i:02d}T09:00:00",
        )
        for story, items in _PILE.items()
        for i, (title, text) in enumerate(items)
    ]
    emb = fake_embed(cluster_mod.head_text(a) for a in arts)
    rows = [[0, 2], [1, 3]]  # block 0: the first article of each story, block 1: the second
    blocks = [blocking.Block(members=r, window=0, last_window=0) for r in rows]
    counts = [tasks.block_term_counts([arts[i] for i in r], emb[r]) for r in rows]
    gdf = np.zeros(cluster_mod.HASH_FEATURES, dtype=np.int64)
    for tid, c in counts:
        gdf[tid] += c
    nz = np.flatnonzero(gdf)
    global_df = (nz.astype(np.int32), gdf[nz].astype(np.int32))
    results = [
        tasks.cluster_block([arts[i] for i in r], emb[r], False, global_df, len(arts), True, c)
        for r, c in zip(rows, counts, strict=True)
    ]
    return arts, emb, blocks, results


def test_distributed_merge_weighs_dates_by_the_idf_of_the_pile_as_one_process(monkeypatch):
    """Regression (issue 23): the Dask merge of border-split stories compared month-day dates
    without idf (cos_date with unit weights), unlike the one-process link step. The link inputs
    of every pair the merge scores equal those made with the one-process idf over the same
    articles."""
    from newsweave import cluster_links

    arts, emb, blocks, results = _pile_blocks()
    one_process = cluster_mod.ClusterState()
    cluster_mod.featurize(arts, one_process, use_entities=False, embeddings=emb)
    rows: list[np.ndarray] = []
    real_features = cluster_links.pair_features

    def recording_features(*args, **kwargs):
        x = real_features(*args, **kwargs)
        rows.append(x)
        return x

    calls = []
    real_link = cluster_mod.group_link

    def recording_link(group, story, key_idf=None):
        calls.append((group, story))
        return real_link(group, story, key_idf)

    monkeypatch.setattr(cluster_links, "pair_features", recording_features)
    monkeypatch.setattr(cluster_mod, "group_link", recording_link)
    blocking.merge_stories(blocks, results)
    distributed_rows, rows[:] = list(rows), []
    assert calls and len(distributed_rows) == len(calls)
    for group, story in calls:
        real_link(group, story, one_process.stem_idf)
    date_col = cluster_links.LINK_FEATURES.index("cos_date")
    assert any(0 < x[0, date_col] < 1 for x in rows)  # dates shared in part: idf matters
    for got, want in zip(distributed_rows, rows, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)
    # the blocks' states summed give the one-process document frequencies of the date keys
    keys = np.array(sorted(k for a in arts for k in cluster_mod.date_keys(a.text)), np.int64)
    np.testing.assert_allclose(
        blocking.pile_key_idf(results)(keys), one_process.stem_idf(keys), rtol=1e-12, atol=0
    )
