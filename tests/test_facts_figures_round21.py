"""Figure rules of the twenty-first round (issue 19, 2026-12-07, ninth session), for game
stories: a player's points written without the word ("Danny Green had 14"), more words of a
game that make a pair of numbers a score or a record ("a 19-4 run", "a 9-14 start",
"outscored Evansville 22-10"), a conference record after a team's record in one pair of
parentheses ("(15-1, 3-0 Big East)") and a named team's record after "is/are/was" ("The Saints
are 7-7") (bench/RESULTS.md, "figures, twenty-first round"). Invented sentences; each positive
case fails with its switch off."""

from __future__ import annotations

from factories import figure_fields


def figs(text):
    return [(v, u, t) for v, u, t in figure_fields(text, "value", "unit", "text")]


def test_carried_unit(figure_rule):
    figure_rule("CARRIED_UNIT", True)
    two = "Jones scored 21 points for the Owls, and Brown had 12, including two dunks."
    assert figs(two)[:2] == [(21, "point", "21 points"), (12, "point", "12")]
    # the unit in the sentence before
    before = "Jones finished with 21 points. Brown added 12 for the Owls."
    assert figs(before) == [(21, "point", "21 points"), (12, "point", "12")]
    # a noun of its own after the number, or a second number counting a noun: not points
    assert figs("Jones scored 21 points. Brown had 12 rebounds.")[1] == (12, "count", "12")
    assert figs("Jones scored 21 points. Brown had 12 and 9 rebounds.")[1] == (12, "count", "12")
    # no points counted nearby, or percentage points: a count
    assert figs("The company had 12, the filing said.") == [(12, "count", "12")]
    rates = "Rates rose 2 percentage points. The bank had 12, a report said."
    assert figs(rates)[1] == (12, "count", "12")
    yards = "Smith rushed for 226 yards while Jones added 101."
    assert figs(yards) == [(226, "yard", "226 yards"), (101, "yard", "101")]
    figure_rule("CARRIED_UNIT", False)
    assert figs(yards)[1] == (101, "count", "101")
    assert figs(two)[:2] == [(21, "point", "21 points"), (12, "count", "12")]
    assert figs(before)[1] == (12, "count", "12")


def test_score_run_words(figure_rule):
    # the switch-off reading below is the one before DESCENDING_PAIR (round 22), which reads
    # a pair not below its second number as two counts whatever the words around it
    figure_rule("DESCENDING_PAIR", False)
    figure_rule("SCORE_RUN_WORDS", True)
    assert figs("The Owls pulled away with a 19-4 run.") == [(19, "count", "19"), (4, "count", "4")]
    assert figs("It was an 85-78 shocker at Duke.") == [(85, "count", "85"), (78, "count", "78")]
    assert figs("After a 9-14 start, the coach was fired.") == [
        (9, "count", "9"),
        (14, "count", "14"),
    ]
    assert figs("The Owls outscored Evansville 22-10 after the break.") == [
        (22, "count", "22"),
        (10, "count", "10"),
    ]
    figure_rule("SCORE_RUN_WORDS", False)
    assert figs("The Owls pulled away with a 19-4 run.") == []
    assert figs("After a 9-14 start, the coach was fired.") == []
    assert figs("The Owls outscored Evansville 22-10 after the break.") == []


def test_record_parens_conference(figure_rule):
    # the switch-off reading below is the one before DESCENDING_PAIR (round 22), which reads
    # a pair not below its second number as two counts whatever the words around it
    figure_rule("DESCENDING_PAIR", False)
    figure_rule("RECORD_PARENS_CONFERENCE", True)
    text = "Smith scored for the Orange (15-1, 3-0 Big East), who won."
    assert figs(text) == [
        (15, "count", "15"),
        (1, "count", "1"),
        (3, "count", "3"),
        (0, "count", "0"),
    ]
    away = "The Colts (10-5, 4-4 away) won."
    assert [v for v, _, _ in figs(away)] == [10, 5, 4, 4]
    # a player's height and weight is no record: read as with the switch off
    height = "Bell (5-11, 220) played at Wayne State."
    on = figs(height)
    figure_rule("RECORD_PARENS_CONFERENCE", False)
    assert figs(text) == [(15, "count", "15-1"), (3, "count", "3-0")]
    assert figs(height) == on


def test_record_copula(figure_rule):
    # the switch-off reading below is the one before DESCENDING_PAIR (round 22), which reads
    # a pair not below its second number as two counts whatever the words around it
    figure_rule("DESCENDING_PAIR", False)
    figure_rule("RECORD_COPULA", True)
    assert figs("The Saints are 7-7 and out of the race.") == [(7, "count", "7"), (7, "count", "7")]
    assert figs("Cheeks is 122-147 as a head coach.") == [
        (122, "count", "122"),
        (147, "count", "147"),
    ]
    # a height is no record
    assert figs("Smith is 6-9 tall.") == [(6, "count", "6-9")]
    figure_rule("RECORD_COPULA", False)
    assert figs("The Saints are 7-7 and out of the race.") == []
