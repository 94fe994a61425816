"""Figure rules of the eighth round (issue 19, 2026-12-06): half of a scale word ("half a
million"), speeds in miles per hour, ranges opened by "one" ("one to four hours"), and the
currency "rs." no longer read inside a word ("years. 2"). Invented sentences; each positive
case fails with its switch off."""

from __future__ import annotations

import pytest

from factories import figure_fields
from newsweave.facts import figures
from newsweave.facts.figures import find_figures


def found(text):
    return figure_fields(text, "value", "unit", "text")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nearly half a million tickets were sold.", [(5e5, "count", "half a million")]),
        ("Officials expect a half-million more visitors.", [(5e5, "count", "half-million")]),
        (
            "The town spent half a billion dollars on roads.",
            [(5e8, "USD", "half a billion dollars")],
        ),
        ("It was a half-billion-dollar bridge.", [(5e8, "USD", "half-billion-dollar")]),
    ],
)
def test_half_of_a_scale_word_is_a_number(text, expected, figure_rule):
    figure_rule("HALF_SCALE", True)
    assert found(text) == expected
    figure_rule("HALF_SCALE", False)
    assert found(text) == []


def test_half_a_dozen_is_still_six():
    assert [(f["value"], f["unit"]) for f in find_figures("Half a dozen ferries left.")] == [
        (6, "count")
    ]


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("The tram crawled at 12 miles per hour through the square.", 12, "12 miles per hour"),
        ("Winds reached 45 miles an hour on the ridge.", 45, "45 miles an hour"),
    ],
)
def test_miles_per_hour_is_a_speed(text, value, words, figure_rule):
    figure_rule("MILES_PER_HOUR", True)
    assert found(text) == [(value, "mph", words)]
    figure_rule("MILES_PER_HOUR", False)
    assert [f["unit"] for f in find_figures(text)] == ["mile"]


def test_miles_alone_stay_a_distance(figure_rule):
    figure_rule("MILES_PER_HOUR", True)
    assert found("The trail runs 12 miles past the lake.") == [(12, "mile", "12 miles")]


@pytest.mark.parametrize(
    ("text", "unit", "high", "words"),
    [
        ("Volunteers walk one to four hours a week.", "hour", 4, "one to four hours"),
        ("Prices rose one to 2.5 percent last year.", "%", 2.5, "one to 2.5 percent"),
        ("The repair takes one or two days.", "day", 2, "one or two days"),
    ],
)
def test_one_opens_a_range(text, unit, high, words, figure_rule):
    figure_rule("ONE_RANGE_START", True)
    got = find_figures(text)
    assert [(f["value"], f["unit"], f["text"], f["low"], f["high"]) for f in got] == [
        (1, unit, words, 1, high)
    ]
    figure_rule("ONE_RANGE_START", False)
    assert [f["value"] for f in find_figures(text)] == [high]


def test_someone_does_not_open_a_range(figure_rule):
    figure_rule("ONE_RANGE_START", True)
    assert found("It takes someone to 4 hours.") == [(4, "hour", "4 hours")]


def test_rs_inside_a_word_is_not_a_currency():
    assert [f["unit"] for f in find_figures("He has worked there for years. 2 Related")] == [
        "count"
    ]
    assert [f["unit"] for f in find_figures("The stall charged rs. 40 a plate.")] == ["INR"]


def test_unknown_switch_is_refused():
    with pytest.raises(ValueError):
        figures.set_rule_switch("NO_SUCH_RULE", True)


@pytest.mark.parametrize(
    "text", ["How rich must one be to buy that island?", "Few doubt that one should vote."]
)
def test_one_after_a_modal_is_a_pronoun(text, figure_rule):
    figure_rule("ONE_NOT_AFTER_MODAL", True)
    assert found(text) == []
    if text.startswith("How"):
        figure_rule("ONE_NOT_AFTER_MODAL", False)
        assert [f["value"] for f in find_figures(text)] == [1]


def test_911_is_the_emergency_number(figure_rule):
    text = "A neighbour called 911 and then stayed on the phone with 911 for an hour."
    figure_rule("EMERGENCY_NUMBER", True)
    assert [f["text"] for f in find_figures(text) if f["value"] == 911] == []
    assert [f["value"] for f in find_figures("The firm hired 911 workers.")] == [911]
    figure_rule("EMERGENCY_NUMBER", False)
    assert [f["value"] for f in find_figures(text) if f["value"] == 911] != []
