"""Figure rules of the eleventh round (issue 19, 2026-12-07): a vote tally is two counts ("the
board voted 9-4"), a multiple of a named amount is a multiplier ("three times the speed
limit"), and a measure compound between a number word and its plural noun keeps the count ("two
40-foot trailers"). Invented sentences; each positive case fails with its switch off."""

from __future__ import annotations

import pytest

from factories import figure_fields
from newsweave.facts.figures import find_figures


def found(text):
    return figure_fields(text, "value", "unit", "text")


@pytest.mark.parametrize(
    "text",
    [
        "The school board voted 9-4 to close the pool.",
        "The plan passed on a 9-4 vote after a long night.",
        "The plan passed on a 9-4, bipartisan vote.",
        "Tuesday's vote on the pool closure was 9-4, with two members absent.",
    ],
)
def test_vote_tally_is_two_counts(text, figure_rule):
    figure_rule("VOTE_TALLY", True)
    counts = [(v, u, t) for v, u, t in found(text) if t in ("9", "4")]
    assert counts == [(9, "count", "9"), (4, "count", "4")]
    for f in find_figures(text):
        assert text[f["start"] : f["end"]] == f["text"]
    # the switch-off reading below is the one before DESCENDING_PAIR (round 22), which reads
    # a pair not below its second number as two counts whatever the words around it
    figure_rule("DESCENDING_PAIR", False)
    figure_rule("VOTE_TALLY", False)
    assert (4, "count", "4") not in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Rovers beat the Hawks 3-1 on Saturday.",
        "Call the ticket office on extension 22-15 for details.",
    ],
)
def test_pair_without_a_vote_is_no_tally(text, figure_rule):
    figure_rule("VOTE_TALLY", True)
    with_rule = found(text)
    figure_rule("VOTE_TALLY", False)
    assert with_rule == found(text)


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("The lorry was carrying three times the permitted load.", 3, None),
        ("The new ferry is six times its size.", 6, None),
        ("Rents rose to more than four times what a nurse earns.", 4, "at least"),
        ("The valley now holds 2.5 times that number of sheep.", 2.5, None),
    ],
)
def test_multiple_of_an_amount_is_a_multiplier(text, value, qualifier, figure_rule):
    figure_rule("MULTIPLIER_OF_AMOUNT", True)
    got = [f for f in find_figures(text) if f["unit"] == "times"]
    assert [(f["value"], f["qualifier"]) for f in got] == [(value, qualifier)]
    assert text[got[0]["start"] : got[0]["end"]].endswith("times")
    figure_rule("MULTIPLIER_OF_AMOUNT", False)
    assert [f for f in find_figures(text) if f["unit"] == "times"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The ferry sailed three times the following week.",
        "The guard checked the door four times that night.",
    ],
)
def test_times_before_a_time_counts_occasions(text, figure_rule):
    figure_rule("MULTIPLIER_OF_AMOUNT", True)
    assert [f for f in find_figures(text) if f["unit"] == "times"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The council bought two 40-foot trailers for the market.", 2),
        ("The band played three 25th-anniversary concerts in June.", 3),
        ("The crane lifted four 2,000kg (4,400lb) concrete blocks.", 4),
    ],
)
def test_measure_compound_inside_a_counted_noun_phrase(text, value, figure_rule):
    figure_rule("COUNT_MEASURE_MODIFIER", True)
    assert (value, "count") in [(v, u) for v, u, _ in found(text)]
    figure_rule("COUNT_MEASURE_MODIFIER", False)
    assert (value, "count") not in [(v, u) for v, u, _ in found(text)]


def test_measure_compound_needs_a_plural_noun(figure_rule):
    figure_rule("COUNT_MEASURE_MODIFIER", True)
    assert (2, "count") not in [(v, u) for v, u, _ in found("We waited two 10-minute.")]


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("The firm has forty-plus engineers in two offices.", 40, "forty-plus"),
        ("The 2,500-plus runners set off at dawn.", 2500, "2,500-plus"),
    ],
)
def test_plus_count_is_a_lower_bound(text, value, words, figure_rule):
    figure_rule("PLUS_COUNTS", True)
    got = [f for f in find_figures(text) if f["text"] == words]
    assert [(f["value"], f["unit"], f["qualifier"], f["low"]) for f in got] == [
        (value, "count", "at least", value)
    ]
    figure_rule("PLUS_COUNTS", False)
    assert [f for f in find_figures(text) if f["text"] == words] == []


def test_plus_money_stays_money(figure_rule):
    figure_rule("PLUS_COUNTS", True)
    assert found("She bought a $45,000-plus hatchback.") == [(45000, "USD", "$45,000")]


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of 911 calls reached the station within minutes.",
        "Experts disputed the garbled 911 call analysis.",
        "Neighbours made 911 calls all night.",
    ],
)
def test_emergency_number_before_a_word_of_calling(text, figure_rule):
    figure_rule("EMERGENCY_NUMBER", True)
    assert 911 not in [v for v, _, _ in found(text)]
    figure_rule("EMERGENCY_NUMBER", False)
    assert 911 in [v for v, _, _ in found(text)]


def test_count_of_911_things_stays_a_count(figure_rule):
    figure_rule("EMERGENCY_NUMBER", True)
    assert found("The county registered 911 voters this spring.") == [(911, "count", "911")]
