"""Figure rules of the twenty-second round (issue 19, 2026-12-08, tenth session): a pair of
numbers whose first is not below its second is no range but a score, record or tally ("a 12-12
tie", "made it 60-46"), the points of a run ("17 unanswered points"), a part of someone's points
("Six of his points"), a career total ("2,301 career points") and an age after a name with a
capital inside it ("LaRue was 75") (bench/RESULTS.md, "figures, twenty-second round").
Invented sentences; each positive case fails with its switch off."""

from __future__ import annotations

import pytest

from factories import figure_fields
from newsweave.facts.figures import find_figures


def figs(text):
    return [(v, u, t) for v, u, t in figure_fields(text, "value", "unit", "text")]


def test_descending_pair(figure_rule):
    figure_rule("DESCENDING_PAIR", True)
    tie = "Smith broke a 12-12 tie with a dunk."
    assert figs(tie) == [(12, "count", "12"), (12, "count", "12")]
    lead = "The Owls made it 60-46 before the break."
    assert figs(lead) == [(60, "count", "60"), (46, "count", "46")]
    game = "Then the Hawks made it a 45-42 game."
    assert figs(game) == [(45, "count", "45"), (42, "count", "42")]
    # a range runs up from its lower end; a unit after the pair; the idioms and a model name
    assert figs("It takes 3-5 days.") == [(3, "day", "3-5 days")]
    assert figs("The bridge is 60-46 feet long.")[0][1] == "foot"
    assert figs("The airline flies a Boeing 747-400 to Lima.") == []
    assert figs("Edited on Dec 19-05 at noon.") == []
    # the last pair of a chain of dashed numbers ("9 - 1 - 1", as a detokenised corpus spaces
    # it) is no score
    chain = find_figures("Neighbours dialled 9 - 1 - 1 at once.")
    assert not any(f.get("role") for f in chain)
    # a vote: the votes for and against, and a tally read as one keeps its roles
    roles = [f.get("role") for f in find_figures("The House passed the bill 228-207 on Friday.")]
    assert roles == ["votes for", "votes against"]
    assert [f.get("role") for f in find_figures("The Senate voted 51-49 to confirm him.")] == [
        "votes for",
        "votes against",
    ]
    # no time is guessed for such a pair (the time near it may be the next game's)
    from newsweave.facts.figures import extract_figures
    from newsweave.model import Article, Sentence

    text = "Jones takes his 12-3 Owls to Boston in January."
    sentence = (Sentence(0, text, 0, len(text)),)
    story = [Article(id="a", text=text, published="2025-12-20", sentences=sentence)]
    assert [(f.value, f.time) for f in extract_figures(story)] == [(12, None), (3, None)]
    figure_rule("DESCENDING_PAIR", False)
    assert figs(tie) == []
    assert figs(lead) == [(60, "count", "60-46")]
    assert figs(game) == []


def test_points_in_a_row(figure_rule):
    figure_rule("POINTS_IN_A_ROW", True)
    text = "The Owls scored 17 unanswered points, and Smith added four straight points."
    assert figs(text) == [
        (17, "point", "17 unanswered points"),
        (4, "point", "four straight points"),
    ]
    # a unit of time after the adjective stays a duration (CONSECUTIVE_UNIT)
    assert figs("Sales fell for three straight months.") == [(3, "month", "three straight months")]
    figure_rule("POINTS_IN_A_ROW", False)
    assert figs(text) == [(17, "count", "17"), (4, "count", "four")]


def test_partitive_points(figure_rule):
    figure_rule("PARTITIVE_POINTS", True)
    text = "Six of his points came early, and all 11 of his points came after the break."
    assert figs(text) == [(6, "point", "Six"), (11, "point", "11")]
    team = "Jones made 17 of his team's first 24 points."
    assert figs(team) == [(17, "point", "17"), (24, "point", "24 points")]
    # a part of anything else stays a count
    assert figs("Four of their last five games were losses.") == [
        (4, "count", "Four"),
        (5, "count", "five"),
    ]
    figure_rule("PARTITIVE_POINTS", False)
    assert figs(text) == [(6, "count", "Six"), (11, "count", "11")]
    assert figs(team)[0] == (17, "count", "17")


def test_career_total(figure_rule):
    figure_rule("CAREER_TOTAL", True)
    text = "He now has 2,301 career points and 1,127 career rushing yards."
    assert figs(text) == [
        (2301, "point", "2,301 career points"),
        (1127, "yard", "1,127 career rushing yards"),
    ]
    assert figs("He has 12 career starts.") == [(12, "count", "12")]
    figure_rule("CAREER_TOTAL", False)
    assert figs(text) == [(2301, "count", "2,301"), (1127, "count", "1,127")]


def test_inner_capital_name(figure_rule):
    figure_rule("INNER_CAPITAL_NAME", True)
    text = "LaRue was 75, the Gulf Herald reported. McKinney is 22."
    assert figs(text) == [(75, "year", "75"), (22, "year", "22")]
    # an acronym is no name
    assert figs("NASA was 50, the report said.") == [(50, "count", "50")]
    figure_rule("INNER_CAPITAL_NAME", False)
    assert figs(text) == [(75, "count", "75"), (22, "count", "22")]


def test_temperature_letter_spaced(figure_rule):
    figure_rule("TEMPERATURE_LETTER_SPACED", True)
    fire = "The blaze raised the temperature in the hall to 600 degrees (1,100 F)."
    assert figs(fire) == [(600, "degree", "600 degrees"), (1100, "F", "1,100 F")]
    cold = "Temperatures fell to -28 C overnight."
    assert figs(cold) == [(-28, "C", "-28 C")]
    chill = "The birds stayed in, out of the -28 C (-40 C with the wind chill) weather."
    assert figs(chill) == [(-28, "C", "-28 C"), (-40, "C", "-40 C")]
    # no word of temperature near, or a class after a capitalised word
    assert figs("The plan has 3 C options.") == [(3, "count", "3")]
    assert all(u != "C" for _, u, _ in figs("Grade 5 C pupils were warm."))
    figure_rule("TEMPERATURE_LETTER_SPACED", False)
    assert figs(fire)[1] == (1100, "count", "1,100")
    assert figs(cold) == []
    assert figs(chill) == []


def test_a_hundred_scale(figure_rule):
    figure_rule("A_HUNDRED_SCALE", True)
    text = "The crash wiped out a hundred billion dollars."
    assert figs(text) == [(100e9, "USD", "a hundred billion dollars")]
    crowd = "A hundred thousand people marched."
    assert figs(crowd) == [(100e3, "count", "A hundred thousand")]
    # "a hundred" before no scale word is 100 (A_SCALE)
    assert figs("It was a hundred times faster.") == [(100, "times", "a hundred times")]
    figure_rule("A_HUNDRED_SCALE", False)
    assert figs(text) == [(100, "count", "a hundred")]


def test_mm_million(figure_rule):
    figure_rule("MM_MILLION", True)
    text = "He wants more than $21MM per year; the Owls offered $140-150MM."
    assert figs(text) == [(21e6, "USD", "$21MM"), (140e6, "USD", "$140-150MM")]
    # no currency before: millimetres, as before
    assert figs("The tube is 12MM wide.") == [(12, "mm", "12MM")]
    figure_rule("MM_MILLION", False)
    assert figs(text)[0] == (21, "USD", "$21")


def test_parent_of_n(figure_rule):
    figure_rule("PARENT_OF_N", True)
    text = "He was a father of three and a grandfather of 11."
    assert figs(text) == [(3, "count", "three"), (11, "count", "11")]
    hyphen = "The divorced mother-of-two was found dead."
    assert figs(hyphen) == [(2, "count", "two")]
    from newsweave.facts.figures import extract_figures
    from newsweave.model import Article, Sentence

    dated = "In 2014 the court left the mother of two facing prison."
    sentence = (Sentence(0, dated, 0, len(dated)),)
    story = [Article(id="a", text=dated, published="2025-12-20", sentences=sentence)]
    assert [(f.value, f.time) for f in extract_figures(story)] == [(2, None)]
    figure_rule("PARENT_OF_N", False)
    assert figs(text) == [(11, "count", "11")]
    assert figs(hyphen) == []


def test_n_more_count(figure_rule):
    figure_rule("N_MORE_COUNT", True)
    text = "Sixty-five more were killed on Tuesday."
    assert figs(text) == [(65, "count", "Sixty-five")]
    assert figs("Police expect two more to come.") == [(2, "count", "two")]
    # a comparison, a noun after, "one more"
    assert figs("He had 13 more than Smith.") == [(13, "count", "13")]
    assert figs("She wants one more.") == []
    figure_rule("N_MORE_COUNT", False)
    assert figs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Callers in the capital can reach the consulate on (254-2) 751-613 until noon.",
        "The London office answers on (44) 20-7946 every weekday.",
    ],
)
def test_a_parenthesised_dialling_code_makes_a_telephone_number(text, figure_rule):
    figure_rule("AREA_CODE_PHONE", True)
    assert find_figures(text) == []
    figure_rule("AREA_CODE_PHONE", False)
    assert find_figures(text) != []


def test_a_record_in_parentheses_before_a_word_is_still_read(figure_rule):
    figure_rule("AREA_CODE_PHONE", True)
    values = [f["value"] for f in find_figures("The Hawks (12-3) won 24-17 on Sunday.")]
    assert 12 in values and 24 in values
