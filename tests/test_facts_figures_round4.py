"""Figure rules of the fourth round (issue 19): names with numbers, web addresses and phone
numbers, ordinals, units in hyphenated compounds, ages without "years old", counts after
possessives and several adjectives, durations (invented sentences; no model needed)."""

from __future__ import annotations

import pytest

from newsweave.facts import figures
from newsweave.facts.figures import find_figures


def found(text):
    return [(f["value"], f["unit"], f["kind"]) for f in find_figures(text)]


def test_a_number_named_earlier_is_the_name_again():
    text = (
        "Voters in Ohio turned down Measure 12 on Tuesday. The Yes on 12 office closed, "
        "and aides urged people to forget about 12, a spokesman said."
    )
    assert found(text) == []
    # a number after the name that counts a plural noun stays a figure
    assert found("Measure 12 was backed by 12 unions.") == [(12, "count", "count")]


@pytest.mark.parametrize(
    "text",
    [
        "Read more at https://news.example.org/story?id=48213&ts=1399001234 today.",
        "Write to jo.smith2014@example.com for tickets.",
        "For help call (802) 555-0199 after noon.",
        "For help call 555-0199 or write.",
    ],
)
def test_addresses_and_phone_numbers_are_not_figures(text):
    assert found(text) == []


def test_a_range_of_digits_with_a_noun_is_still_a_range():
    f = find_figures("Between 300-1200 workers were laid off.")
    assert [(x["value"], x["high"]) for x in f] == [(300, 1200)]


@pytest.mark.parametrize(
    "text",
    [
        "She reached the ninth grade early.",
        "He finished eighth in the race.",
        "It was the 8th attempt.",
    ],
)
def test_ordinals_are_not_figures(text):
    assert found(text) == []


def test_units_in_hyphenated_compounds():
    assert found("A 3,500-pound truck rolled over.") == [(3500, "lb", "quantity")]
    assert found("They bought a 40-acre plot.") == [(40, "acre", "quantity")]
    # a height in feet and inches: two figures, the inches not a bare count
    f = find_figures("Police sought a 6-foot-2-inch man.")
    assert [(x["value"], x["unit"], x["text"]) for x in f] == [
        (6, "foot", "6-foot"),
        (2, "inch", "2-inch"),
    ]
    f = find_figures("He was about 5 feet 11, witnesses said.")
    assert [(x["value"], x["unit"]) for x in f] == [(5, "foot"), (11, "inch")]


def test_a_range_stated_with_the_scale_twice():
    f = find_figures("An estimated 20 million to 25 million voters stayed home.")
    assert [(x["value"], x["low"], x["high"]) for x in f] == [(20e6, 20e6, 25e6)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Even at 93, the judge still rides a bike.", 93),
        ("At 17, Marco left home.", 17),
        ("Priya, now 31, runs the farm.", 31),
        ("The witness described a man in his 40s.", 40),
        ("She has the energy of a 30-something.", 30),
    ],
)
def test_ages_without_years_old(text, value):
    assert found(text) == [(value, "year", "age")]


@pytest.mark.parametrize(
    "text",
    [
        "The index closed at 52, down from Friday.",
        "Prices rose sharply in the late 90s.",
    ],
)
def test_not_ages(text):
    assert all(k != "age" for _, _, k in found(text)), found(text)


def test_counts_with_adjectives_and_possessive_words():
    assert found("Only three elderly mountain gorillas remain.") == [(3, "count", "count")]
    assert found("She earned two master's degrees.") == [(2, "count", "count")]


def test_the_words_before_a_counted_noun_is_a_setting():
    text = "Only three elderly grey mountain gorillas remain."
    old = figures.NP_WORDS_BEFORE_NOUN
    try:
        figures.set_np_words_before_noun(2)
        assert found(text) == []
        figures.set_np_words_before_noun(4)
        assert found(text) == [(3, "count", "count")]
    finally:
        figures.set_np_words_before_noun(old)


def test_durations():
    assert found("The patients were tracked for one year.") == [(1, "year", "duration")]
    assert found("He had left school only three years earlier.") == [(3, "year", "duration")]
    assert found("The firm was sold three years ago.") == []
