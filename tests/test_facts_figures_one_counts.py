"""'one' + noun as a count of 1, on by default since the figure gold was harmonised (issue 19,
2026-12-06: every gold file labels "one assault rifle", "just one problem" as counts), with
the uses of "one" that do not count: a pronoun, a classification after a copula, idioms, a
negation (invented sentences; no model needed)."""

from __future__ import annotations

import pytest

from newsweave.facts import figures
from newsweave.facts.figures import find_figures


def found(text):
    return [(f["value"], f["unit"]) for f in find_figures(text)]


def test_one_before_a_noun_counts_by_default():
    assert figures.ONE_NOUN_COUNTS is True
    assert found("Rescuers pulled one survivor from the flooded van.") == [(1, "count")]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry carried one passenger across the bay.",
        "There's one snag: the bridge is closed.",
        "There is just one baker left in the village.",
        "Only one candidate turned up at the hall.",
        "The volunteers met at one address on the hill.",
        "She kept a glove on one hand--the left--all winter.",
    ],
)
def test_one_with_its_noun_is_a_count_of_one(text):
    assert found(text) == [(1, "count")]


@pytest.mark.parametrize(
    "text",
    [
        "It's one thing to plan a garden and another to dig it.",
        "Compost is one part of a tidy allotment.",
        "The town was one step closer to a new pool.",
        "On one hand, the rent fell.",
        "Bring your loved one along to the fair.",
        "The next one leaves from platform nine.",
        "His plan was not one about the harbour.",
        "One wonders whether the mayor read it.",
        "She was the only one invited.",
        "There is not one shred of proof.",
        "One of the clerks left, and at one point they thanked one another.",
    ],
)
def test_one_that_does_not_count_is_not_a_figure(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The lamp flashed for one second, then went dark.", [(1, "second")]),
        ("They switched their phones off for just one day.", [(1, "day")]),
        ("The test ran for one minute.", [(1, "minute")]),
    ],
)
def test_one_unit_of_time_after_for_is_a_duration(text, expected):
    assert found(text) == expected


def test_switch_off_leaves_one_alone():
    before = figures.ONE_NOUN_COUNTS
    try:
        figures.set_one_noun_counts(False)
        assert found("The ferry carried one passenger across the bay.") == []
    finally:
        figures.set_one_noun_counts(before)


@pytest.mark.parametrize(
    "text",
    [
        "The choir meets at one o'clock on Sundays.",
        "The verdict makes one wonder about the hearing.",
        "Two buses left, one with the band.",
    ],
)
def test_one_as_a_time_or_a_pronoun_is_not_a_count(text):
    assert [f for f in found(text) if f == (1, "count")] == []
