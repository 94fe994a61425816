"""bench/cv_cluster.py research inputs: the who/where/when keys of a body and the small-piece
re-attach post-step (eighth round), the story pass (ninth), sentence alignment and verbatim
shingles (tenth), the Platt map and the bagged link model (eleventh)."""

from __future__ import annotations

import numpy as np
import pytest
from tests.factories import load_bench


@pytest.fixture(scope="module")
def cv():
    return load_bench("cv_cluster")


def test_specifics_keep_numbers_with_units_and_explicit_dates(cv):
    text = (
        "The ferry with 312 passengers sank on June 4, 2019 near Port Alder. The owners paid "
        "$2.5 billion in 2018 and 45 percent of the crew were new. By July 2019 7 divers "
        "searched; 3 of them stayed."
    )
    got = cv.article_specifics(text, [("GPE", "Port Alder"), ("ORG", "the Harbour Board")])
    assert got["who"] == ["GPE:port alder", "ORG:harbour board"]
    assert got["gpe"] == ["port alder"]
    assert got["num"] == ["312 passengers", "$2.5 billion", "45 percent", "7 divers"]
    assert got["date"] == ["6-4"]
    assert got["month"] == ["2019-6", "2019-7"]


def test_reattach_moves_a_small_piece_to_the_group_its_links_favour(cv):
    # groups: {0, 1, 2} and {3, 4, 5}; 6 alone links to 0 and 1 (0.5, 0.3) and to 3 (0.2);
    # 7 alone links to 4 only, weakly
    lab = np.array([0, 0, 0, 3, 3, 3, 6, 7])
    a = np.array([6, 6, 6, 7, 0, 3])
    b = np.array([0, 1, 3, 4, 1, 4])
    p = np.array([0.5, 0.3, 0.2, 0.1, 0.9, 0.9])
    out = cv.reattach_small(lab, a, b, p, 0.35)
    assert out.tolist() == [0, 0, 0, 3, 3, 3, 0, 7]
    assert cv.reattach_small(lab, a, b, p, 0.45).tolist() == lab.tolist()


def test_story_pass_merges_stories_by_the_mean_over_all_their_pairs(cv):
    # three stories; 0-1 and 2-3 are each other's neighbours across the split of 0/1 and 2/3,
    # 4 is a lone story linked to 3
    class D:
        a = np.array([1, 3])
        b = np.array([2, 4])

    lab = np.array([0, 0, 2, 2, 4])
    table = {(0, 2): 0.6, (0, 3): 0.5, (1, 2): 0.7, (1, 3): 0.6, (2, 4): 0.1, (3, 4): 0.2}

    def pair_prob(a, b):
        return np.array([table[(int(x), int(y))] for x, y in zip(a, b, strict=True)])

    # mean over the four cross pairs of {0,1} and {2,3}: 0.6 -> they merge at level 0.5;
    # {4} with the merged story: (0.1 + 0.2) / 4 (its pairs with 0 and 1 were never compared)
    out = cv.story_pass(D(), lab, pair_prob, 0.5)
    assert out.tolist() == [0, 0, 0, 0, 4]
    # above the mean nothing merges
    assert cv.story_pass(D(), lab, pair_prob, 0.65).tolist() == lab.tolist()


def _unit(*rows):
    v = np.array(rows, np.float64)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_sentence_alignment_is_measured_from_the_shorter_side(cv):
    # the shorter article (two sentences) has one sentence repeated almost word for word in the
    # longer one (cosine 0.96) and one only loosely like one of its sentences (0.6)
    short = _unit([1, 0, 0, 0], [0, 0, 0.6, 0.8])
    long = _unit([0.96, 0.28, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0])
    mean, top3, share = cv.sentence_alignment(short, long, close=0.8)
    assert mean == pytest.approx((0.96 + 0.6) / 2)
    assert share == pytest.approx(0.5)
    assert top3 == pytest.approx((0.96 + 0.6 + 0.0) / 3)
    # the same whichever side comes first
    assert cv.sentence_alignment(long, short, close=0.8) == pytest.approx((mean, top3, share))
    # an article with no sentence left aligns with nothing
    assert cv.sentence_alignment(np.zeros((0, 4)), long) == (0.0, 0.0, 0.0)


def test_shingle_containment_drops_the_boiler_plate_many_articles_repeat(cv):
    plate = "sign up for our morning newsletter to get the headlines first"
    passage = "the night ferry from the northern islands ran aground on a sandbar at low tide"
    texts = [
        f"{passage} and forty passengers waited for the tugs. {plate}",
        f"Coast guard officials said {passage}, and nobody was hurt. {plate}",
        f"Rain stopped the cricket final at the county ground. {plate}",
        f"The village fete raised money for a new roof. {plate}",
        f"A bakery on the high street won a regional prize. {plate}",
        f"Lorries queued for hours at the border crossing. {plate}",
        "An unrelated report on the price of winter wheat in the plains.",
    ]

    class D:
        articles = [type("A", (), {"text": t})() for t in texts]

    a, b = np.array([0, 2, 0]), np.array([1, 3, 6])
    got = cv.shingle_features(D(), a, b, ns=(6,))
    # the two reports of the grounding share the passage and the newsletter plate; the cricket
    # and fete stories share only the plate, which six articles carry: gone once cleaned
    assert got["sh6_con"][0] > got["sh6_conc"][0] > 0.3
    assert got["sh6_con"][1] > 0.3 and got["sh6_conc"][1] == 0.0
    assert got["sh6_jac"][2] == got["sh6_con"][2] == got["sh6_conc"][2] == 0.0


def test_platt_map_keeps_the_order_and_moves_the_middle(cv):
    # pairs whose model probability understates them in the middle: at 0.4 most are one story
    p = np.array([0.05] * 40 + [0.4] * 20 + [0.9] * 40)
    y = np.array([0] * 39 + [1] + [0] * 5 + [1] * 15 + [0] * 1 + [1] * 39)
    m = cv.PlattMap.fit(p, y)
    got = m.predict(np.array([0.05, 0.4, 0.9]))
    assert got[0] < got[1] < got[2]  # monotone
    assert got[1] > 0.5  # the middle moves up toward its share of same-story pairs (0.75)
    a, b = m.ab
    assert a > 0
    # it is a logistic map of the log-odds: the same numbers by hand
    z = a * np.log(0.4 / 0.6) + b
    assert got[1] == pytest.approx(1 / (1 + np.exp(-z)))


def test_bootstrap_weights_count_the_draws_of_the_anchor_story(cv):
    anchor = np.array(["s1", "s1", "s2", "s3"])

    class Rng:  # draws s1 twice, s3 once, s2 never (stories in sorted order: s1, s2, s3)
        def choice(self, n, size, replace):
            assert (n, size, replace) == (3, 3, True)
            return np.array([0, 0, 2])

    # both s1 rows twice (whatever their partner's story), the s2 row not at all, s3 once
    assert cv.bootstrap_weights(anchor, Rng()).tolist() == [2.0, 2.0, 0.0, 1.0]


def test_bagged_probability_is_the_mean_of_the_fits(cv):
    x = np.array([[0.5], [0.0]])
    models = [[0.0, 2.0], [0.0, -2.0], [1.0, 0.0]]
    got = cv.bagged_probability(x, models)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    assert got[0] == pytest.approx((sig(1.0) + sig(-1.0) + sig(1.0)) / 3)
    assert got[1] == pytest.approx((0.5 + 0.5 + sig(1.0)) / 3)
