"""Figure rules of the sixteenth round (issue 19, 2026-12-07), each a class that recurs in the
figure gold of several stories: a number word of hundreds joined by "and" to its tens and units
("two hundred and six") is one number, and "a" before a scale word ("a hundred", "a million")
is one of it, also before "times" ("a thousand times faster"). Invented sentences; each
positive case fails with its switch off."""

from __future__ import annotations

from factories import figure_fields


def figs(text):
    return [(v, u, t) for v, u, t in figure_fields(text, "value", "unit", "text")]


def test_hundreds_joined_by_and_are_one_number(figure_rule):
    figure_rule("HUNDRED_AND", True)
    assert figs("The barge is three hundred and twelve feet long.") == [
        (312, "foot", "three hundred and twelve feet")
    ]
    assert figs("The guild paid eight hundred and sixty thousand dollars for the mill.") == [
        (860000, "USD", "eight hundred and sixty thousand dollars")
    ]
    assert figs("Four hundred and eleven of the villagers signed.") == [
        (411, "count", "Four hundred and eleven")
    ]
    # two numbers joined by "and" stay two
    assert figs("He counted two hundred geese and forty swans.") == [
        (200, "count", "two hundred"),
        (40, "count", "forty"),
    ]
    figure_rule("HUNDRED_AND", False)
    assert figs("The barge is three hundred and twelve feet long.") == [(12, "foot", "twelve feet")]
    assert figs("Four hundred and eleven of the villagers signed.") == []


def test_a_before_a_scale_word_is_one_of_it(figure_rule):
    figure_rule("A_SCALE", True)
    assert figs("More than a thousand pilgrims crossed the ford.") == [
        (1000, "count", "a thousand")
    ]
    assert figs("The new press prints a hundred times faster.") == [
        (100, "times", "a hundred times")
    ]
    assert figs("The donor gave a million dollars to the choir.") == [
        (1e6, "USD", "a million dollars")
    ]
    assert figs("Nearly two thousand times more grain was stored.") == [
        (2000, "times", "two thousand times")
    ]
    # "half a million" is still a half
    assert figs("The fund kept half a million dollars.") == [(5e5, "USD", "half a million dollars")]
    figure_rule("A_SCALE", False)
    assert figs("More than a thousand pilgrims crossed the ford.") == []
    assert figs("The new press prints a hundred times faster.") == []
    assert figs("Nearly two thousand times more grain was stored.") == []


def test_a_hundred_and_with_both_rules(figure_rule):
    figure_rule("A_SCALE", True)
    figure_rule("HUNDRED_AND", True)
    assert figs("The studio earned a hundred and forty-two million dollars.") == [
        (142e6, "USD", "a hundred and forty-two million dollars")
    ]
