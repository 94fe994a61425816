"""Figure rules of the tenth round (issue 19, 2026-12-07): "more than one" + noun is a count,
count ranges opened by "one" ("one or two medals"), ages after an adverb or a negated verb
("she just turned 52", "she won't turn 19"), and "one" before a verb is the pronoun ("One
begins to wonder"). Invented sentences; each positive case fails with its switch off."""

from __future__ import annotations

import pytest

from factories import figure_fields
from newsweave.facts import figures
from newsweave.facts.figures import find_figures


def found(text):
    return figure_fields(text, "value", "unit", "text")


@pytest.mark.parametrize(
    "text",
    [
        "The vase was glazed with more than one kind of clay.",
        "Inspectors found more than one cracked beam in the hall.",
    ],
)
def test_more_than_one_noun_is_a_count(text, figure_rule):
    figure_rule("MORE_THAN_ONE", True)
    got = find_figures(text)
    assert [(f["value"], f["unit"], f["text"]) for f in got] == [(1, "count", "one")]
    assert got[0]["qualifier"] is not None
    figure_rule("MORE_THAN_ONE", False)
    assert found(text) == []


def test_other_than_one_stays_a_pronoun(figure_rule):
    figure_rule("MORE_THAN_ONE", True)
    assert found("Other than one witness, nobody saw the fire.") == []


@pytest.mark.parametrize(
    ("text", "high", "words"),
    [
        ("Collectors usually bring one or two medals to the shop.", 2, "one or two"),
        ("Farmers expect one to three storms this spring.", 3, "one to three"),
    ],
)
def test_one_opens_a_count_range(text, high, words, figure_rule):
    figure_rule("ONE_RANGE_COUNTS", True)
    got = find_figures(text)
    assert [(f["value"], f["unit"], f["text"], f["low"], f["high"]) for f in got] == [
        (1, "count", words, 1, high)
    ]
    figure_rule("ONE_RANGE_COUNTS", False)
    assert [(f["value"], f["low"]) for f in find_figures(text)] == [(high, None)]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Our neighbour Maria? She just turned 52 last week.", 52),
        ("The skater said she won't turn 19 until after the final.", 19),
        ("He isn't 30, whatever the poster claims.", 30),
    ],
)
def test_age_after_an_adverb_or_a_negated_verb(text, age, figure_rule):
    figure_rule("AGE_VERB_FORMS", True)
    assert found(text) == [(age, "year", str(age))]
    figure_rule("AGE_VERB_FORMS", False)
    assert found(text) == [(age, "count", str(age))]


@pytest.mark.parametrize(
    "text",
    [
        "One begins to wonder where the keys went.",
        "They heard a noise and one immediately called the police.",
    ],
)
def test_one_before_a_verb_is_the_pronoun(text, figure_rule):
    figure_rule("ONE_BEFORE_VERB", True)
    assert found(text) == []
    figure_rule("ONE_BEFORE_VERB", False)
    assert [f["value"] for f in find_figures(text)] == [1]


@pytest.mark.parametrize(
    "text",
    [
        "One newly elected senator objected.",
        "One news outlet reported the theft.",
        "He found one crisis after another.",
    ],
)
def test_one_before_a_noun_still_counts(text, figure_rule):
    figure_rule("ONE_BEFORE_VERB", True)
    # "one crisis after another" is no count with ONE_ANOTHER (thirteenth round); this test
    # is about ONE_BEFORE_VERB only
    figure_rule("ONE_ANOTHER", False)
    assert [(f["value"], f["unit"]) for f in find_figures(text)] == [(1, "count")]


def test_switches_are_listed():
    for name in (
        "MORE_THAN_ONE",
        "ONE_RANGE_COUNTS",
        "AGE_VERB_FORMS",
        "ONE_BEFORE_VERB",
        "LEADING_ZERO_PHONE",
    ):
        assert name in figures.RULE_SWITCHES


@pytest.mark.parametrize(
    "text",
    [
        "Worried relatives can ring 0800 555 0142 or 020 7946 0321 at any hour.",
        "The helpline, +44 0161 496 0733, opens at noon.",
    ],
)
def test_a_number_with_a_leading_zero_is_a_telephone_number(text, figure_rule):
    figure_rule("LEADING_ZERO_PHONE", True)
    assert found(text) == []
    figure_rule("LEADING_ZERO_PHONE", False)
    assert found(text) != []


def test_zero_and_decimals_still_count(figure_rule):
    figure_rule("LEADING_ZERO_PHONE", True)
    assert [f["value"] for f in find_figures("Output fell 0.5 percent to 2,000 crates.")] == [
        0.5,
        2000,
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The other two climbers were named on Friday.", 2),
        ("Why are these three craters so alike?", 3),
        ("Those four ferries never sailed again.", 4),
    ],
)
def test_number_word_after_a_demonstrative_counts(text, value):
    # the tenth round's CV choice of NUMBER_WORD_DETERMINERS ("none"); the earlier choice
    # "demonstratives-not-all" read these as references back, not figures
    assert figures.NUMBER_WORD_DETERMINERS == "none"
    assert [(f["value"], f["unit"]) for f in find_figures(text)] == [(value, "count")]
    try:
        figures.set_number_word_determiners("demonstratives-not-all")
        assert find_figures(text) == []
    finally:
        figures.set_number_word_determiners("none")
