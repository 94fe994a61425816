"""Figures with abbreviated or hyphenated units, points, coordinated numbers, partitive counts
and ratios (synthetic sentences written for these rules; no model needed)."""

from __future__ import annotations

import pytest

from newsweave.facts.figures import find_figures


def summary(text):
    return [(f["value"], f["unit"], f["text"]) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The puppies slept within 3 h of feeding.", 3, "hour"),
        ("Samples were frozen after a 48-h wait.", 48, "hour"),
        ("The trial enrolled 9-mo-old calves.", 9, "month"),
        ("The new phone weighs 180g without a case.", 180, "g"),
        ("Each capsule holds a 40-milligram dose.", 40, "mg"),
        ("The trail is a 12-km climb.", 12, "km"),
        ("The mayor holds a 6-point lead over her rival.", 6, "point"),
        ("The mayor led by 4 points last month.", 4, "point"),
        ("A suspect can be held for up to 15 days before being charged.", 15, "day"),
        ("The mice were tested again 36 hours later.", 36, "hour"),
    ],
)
def test_abbreviated_and_hyphenated_units(text, value, unit):
    found = find_figures(text)
    assert [(f["value"], f["unit"]) for f in found] == [(value, unit)], found


def test_hanging_hyphen_gives_two_figures_with_the_second_unit():
    assert [(v, u) for v, u, _ in summary("We compared 8- and 14-month-old lambs.")] == [
        (8, "month"),
        (14, "month"),
    ]
    assert [(v, u) for v, u, _ in summary("Recall was scored after a 2- and 48-h delay.")] == [
        (2, "hour"),
        (48, "hour"),
    ]


def test_or_with_a_unit_gives_two_figures_and_bare_counts_a_range():
    assert [(v, u) for v, u, _ in summary("They came back either three or 12 weeks later.")] == [
        (3, "week"),
        (12, "week"),
    ]
    (f,) = find_figures("Neighbours heard seven or eight loud bangs.")
    assert (f["value"], f["low"], f["high"], f["qualifier"]) == (7, 7, 8, "range")
    assert f["text"].startswith("seven or eight")


def test_partitive_counts_and_what_is_not_a_count():
    assert [(v, u) for v, u, _ in summary("Three of them were later released.")] == [(3, "count")]
    # a ratio is not a count: a multiplier with unit "times" (round 6)
    assert [
        (f["value"], f["unit"])
        for f in find_figures("The new robot is four times faster than the old one.")
    ] == [(4, "times")]
    # a tied score is the two sides' counts (round 22, DESCENDING_PAIR; the gold labels "a
    # 12-12 tie" twice)
    derby = find_figures("The derby ended 52-52 after extra time.")
    assert [(f["value"], f["unit"]) for f in derby] == [(52, "count"), (52, "count")]
    # "$1 = 0.9 euros": the rate (0.9 euros) is a figure, the "$1" it is quoted for is not
    assert [(v, u) for v, u, _ in summary("It cost 40 million euros ($1 = 0.9 euros).")] == [
        (40e6, "EUR"),
        (0.9, "EUR"),
    ]
    # a mobile network and a capital G are names, not grams
    assert find_figures("Her phone had no 4g signal.") == []
    assert find_figures("The carrier sells 5G plans.") == []
    # a period before a calendar date dates the event (before an event it is an interval
    # since the twelfth round, INTERVAL_BEFORE)
    assert find_figures("It came out three weeks before the May 6 vote.") == []


def test_money_range_with_the_currency_repeated_is_one_figure():
    (f,) = find_figures("A unit is priced at £80,000 to £95,000 each.")
    assert (f["value"], f["low"], f["high"], f["unit"]) == (80000, 80000, 95000, "GBP")


def test_count_before_a_quoted_title_and_identifier_in_parentheses():
    assert [(v, u) for v, u, _ in summary('She has appeared in three "Moon Harbour" films.')] == [
        (3, "count")
    ]
    assert find_figures("Results after a week [Trial (Tr.) 2] were mixed.") == []
