"""Figure rules of the fourteenth round (issue 19, 2026-12-07): after an article or a
demonstrative, "one" before a noun counts it ("the one dog", "this one act"), as the figure
gold's convention ("'one' + noun as a count of 1") says; "the one who", "that one is" and
"the one involved" stay pronouns; "21 and older", "a 10-and-younger team" are ages. Invented
sentences; each positive case fails with its switch off."""

from __future__ import annotations

from factories import figure_fields


def ones(text):
    return [
        t for v, u, t in figure_fields(text, "value", "unit", "text") if u == "count" and v == 1
    ]


def test_one_after_a_determiner_counts_the_noun(figure_rule):
    figure_rule("DETERMINER_ONE", True)
    assert ones("The gale toppled the one mast and tore four sails.") == ["one"]
    assert ones("Mira kept this one brass key for years.") == ["one"]
    assert ones("The one remaining ferry left at noon.") == ["one"]
    figure_rule("DETERMINER_ONE", False)
    assert ones("The gale toppled the one mast and tore four sails.") == []
    assert ones("Mira kept this one brass key for years.") == []


def test_the_one_as_a_pronoun_is_no_count(figure_rule):
    figure_rule("DETERMINER_ONE", True)
    assert ones("She is the one who rang the bell.") == []
    assert ones("A storm like this one flooded the pier.") == []
    assert ones("Accidents like the one involved here are rare.") == []
    assert ones("I prefer that one over the rest.") == []


def ages(text):
    return [(v, t) for v, u, t in figure_fields(text, "value", "unit", "text") if u == "year"]


def test_and_older_is_an_age(figure_rule):
    figure_rule("AGE_OR_OLDER", True)
    assert ages("Anyone 19 and older may enter the hall.") == [(19, "19")]
    assert ages("She coaches a 12-and-younger squad.") == [(12, "12")]
    assert ages("Fares of $40 or more apply; 300 and more came.") == []
    figure_rule("AGE_OR_OLDER", False)
    assert ages("Anyone 19 and older may enter the hall.") == []
    assert ages("She coaches a 12-and-younger squad.") == []
