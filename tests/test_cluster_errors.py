"""bench/cluster_errors.py: where a clustering's B-cubed loss goes (false merges, false splits)."""

from __future__ import annotations

import numpy as np
import pytest
from tests.factories import load_bench


@pytest.fixture(scope="module")
def errors():
    return load_bench("cluster_errors")


def test_losses_split_into_merges_and_splits_that_sum_to_one_minus_p_and_r(errors):
    # gold: a ferry story of three reports, a strike story of two, a storm report alone, and
    # an unscored page; predicted: one ferry report split off, a strike report merged with
    # the ferry story, the other strike report merged with the storm
    gold = ["ferry", "ferry", "ferry", "strike", "strike", "storm", "ferry"]
    lab = ["x", "x", "y", "x", "z", "z", "y"]
    scored = np.array([True, True, True, True, True, True, False])
    n = int(scored.sum())
    # two "folds": every scored document is a test document of exactly one run
    acc = errors.Losses(len(gold))
    for test in (np.array([1, 1, 0, 1, 0, 0, 0], bool), np.array([0, 0, 1, 0, 1, 1, 0], bool)):
        acc.add(lab, gold, scored, test, n)
    p, r = acc.item_p[scored], acc.item_r[scored]
    # B-cubed by hand: x = {f, f, s}, y = {f}, z = {s, storm}
    assert p.tolist() == pytest.approx([2 / 3, 2 / 3, 1, 1 / 3, 1 / 2, 1 / 2])
    assert r.tolist() == pytest.approx([2 / 3, 2 / 3, 1 / 3, 1 / 2, 1 / 2, 1])
    assert sum(acc.merges.values()) == pytest.approx(1 - p.mean())
    assert sum(acc.splits.values()) == pytest.approx(1 - r.mean())
    assert set(acc.merges) == {("ferry", "strike"), ("storm", "strike")}
    assert acc.merge_docs[("ferry", "strike")] == {0, 1, 3}
    # the ferry report on its own is what was split off (not the two that stayed together);
    # the unscored page of the same predicted story is no part of any loss
    assert set(acc.split_off["ferry"]) == {2}
    assert set(acc.splits) == {"ferry", "strike"}


def test_document_kinds_tell_boiler_plate_from_news(errors):
    assert (
        errors.kind(
            "Tweet with a location. You can add location information to your "
            "Tweets, such as your city."
        )
        == "twitter"
    )
    assert (
        errors.kind("The seed for this crawl was a list of pages from the Wayback Machine archive.")
        == "archive"
    )
    report = (
        "The harbour council of Port Alder voted on Tuesday to rebuild the sea wall that "
        "January's floods broke in three places. Engineers from a firm in Kestrel Bay told "
        "members the repairs would cost about four million pounds and take eighteen months. "
        "Fishermen, who lost boats and nets when the water reached the market square, asked "
        "why the work had been delayed since an inspection warned of cracks two years ago. "
        "The mayor, Edith Marrow, promised an independent review, and said temporary "
        "barriers of sandbags and steel would protect homes near the quay until spring. "
        "Residents will be invited to a public meeting at the library next week, where "
        "plans, costs and a timetable are expected to be shown in detail."
    )
    assert errors.kind(report) == "news"
    assert errors.kind("A council vote on the harbour wall.") == "very short"


def test_fixed_bcubed_undoes_only_the_categories_named(errors):
    # gold: a bridge story of three reports, a parade story of two, a round-up of two unrelated
    # items; predicted: the parade merged with the bridge (a look-alike, category "model"), the
    # round-up split in two (category "labels")
    gold = ["bridge", "bridge", "bridge", "parade", "parade", "roundup", "roundup"]
    lab = ["a", "a", "a", "a", "a", "b", "c"]
    scored = np.ones(7, bool)
    runs = [(lab, scored, np.ones(7, bool))]
    merge_cat = {frozenset(("bridge", "parade")): "model"}
    split_cat = {"roundup": "labels"}
    base = errors.fixed_bcubed(runs, gold, merge_cat, split_cat, set())
    # by hand: P = (3 x 3/5 + 2 x 2/5 + 1 + 1) / 7, R = (5 x 1 + 2 x 1/2) / 7
    assert base["bcubed_p"] == pytest.approx((9 / 5 + 4 / 5 + 2) / 7, abs=1e-4)
    assert base["bcubed_r"] == pytest.approx(6 / 7, abs=1e-4)
    labels = errors.fixed_bcubed(runs, gold, merge_cat, split_cat, {"labels"})
    assert labels["bcubed_p"] == base["bcubed_p"] and labels["bcubed_r"] == 1.0
    model = errors.fixed_bcubed(runs, gold, merge_cat, split_cat, {"model"})
    assert model["bcubed_p"] == 1.0 and model["bcubed_r"] == base["bcubed_r"]
    assert base["uncategorised"] == []
    # a merge nobody categorised is reported and never undone
    other = errors.fixed_bcubed(runs, gold, {}, split_cat, {"model", "labels"})
    assert other["uncategorised"] == [("bridge", "parade")] and other["bcubed_p"] < 1.0
    rows = errors.category_table(runs, gold, merge_cat, split_cat)
    assert [r["category"] for r in rows] == ["none undone", "labels", "model", "labels+model"]
    assert rows[-1]["bcubed_f1"] == 1.0 and rows[-1]["share"] == 1.0
