"""Figure rules of the nineteenth round (issue 19, 2026-12-07): the spacing a detokenised corpus
leaves inside a number or a compound ("1, 101", "14. 4 points", "a 12 - year sentence", "at 2:
56", "http: / / ...", "12 / 19 / 2005"), the positions of a football game ("3rd-and-7", "the
20-yard line"), "21 consecutive years", "a 90.4 passer rating", more cues of a won-lost record
("rose to 9-5", "a 9-5 season"), "80 or more yards", a batting average (".340") and a calibre
(bench/RESULTS.md, "figures, nineteenth round"). Invented sentences; each positive case fails
with its switch off."""

from __future__ import annotations

from factories import figure_fields


def figs(text):
    return [(v, u, t) for v, u, t in figure_fields(text, "value", "unit", "text")]


def test_spaced_thousands(figure_rule):
    figure_rule("SPACED_THOUSANDS", True)
    assert figs("He played 1, 204 career games.") == [(1204, "count", "1, 204")]
    assert figs("It cost about $7, 500 in all.") == [(7500, "USD", "$7, 500")]
    assert figs("Some 30, 000, 000 people watched.") == [(30e6, "count", "30, 000, 000")]
    # a month before it, a list, a dash (a height and a weight) or a fourth digit: not joined
    assert figs("On May 4, 300 people marched.") == [(300, "count", "300")]
    assert (2300, "count", "2, 300") not in figs("They came 1, 2, 300 at a time.")
    assert (107109, "count", "107, 109") not in figs("See sections 107, 109, and 110 of it.")
    assert (1204, "count", "1, 204") not in figs("Seats 5 - 11, 204 were sold.")
    assert figs("He won 9, 2013 was his year.") != [(92013, "count", "9, 2013")]
    figure_rule("SPACED_THOUSANDS", False)
    assert figs("He played 1, 204 career games.") == [(1, "count", "1"), (204, "count", "204")]


def test_spaced_decimal(figure_rule):
    figure_rule("SPACED_DECIMAL", True)
    assert figs("She averaged 12. 6 points a game.") == [(12.6, "point", "12. 6 points")]
    assert figs("Turnout was 48. 3 percent.") == [(48.3, "%", "48. 3 percent")]
    assert figs("He paid a $2. 75 million fine.") == [(2.75e6, "USD", "$2. 75 million")]
    # a version after a name is no decimal to join ("Windows 8. 1")
    assert (8.1, "count", "8. 1") not in figs("Users of Windows 8. 1 were told.")
    figure_rule("SPACED_DECIMAL", False)
    assert (12.6, "point", "12. 6 points") not in figs("She averaged 12. 6 points a game.")


def test_spaced_hyphen(figure_rule):
    figure_rule("SPACED_HYPHEN", True)
    assert figs("He is serving a 14 - year sentence.") == [(14, "year", "14 - year")]
    assert figs("The 27 - year - old driver fled.") == [(27, "year", "27 - year - old")]
    assert figs("He signed a four - year deal.") == [(4, "year", "four - year")]
    # two numbers with a spaced dash are no compound (a score, a range): not joined
    assert figs("The Hawks won 21 - 14 - they led all game.") != [(21, "count", "21 - 14")]
    figure_rule("SPACED_HYPHEN", False)
    assert figs("He is serving a 14 - year sentence.") == []


def test_spaced_clock(figure_rule):
    figure_rule("SPACED_CLOCK", True)
    assert figs("They scored with 3: 17 to go.") == []
    assert figs("Updated 2: 48: 40 PM ET") == []
    figure_rule("SPACED_CLOCK", False)
    assert figs("They scored with 3: 17 to go.") == [(17, "count", "17")]


def test_spaced_url_and_date(figure_rule):
    figure_rule("SPACED_URL_DATE", True)
    assert figs("http: / / www. example. com / 2011 / 08 / 14 / story - 12\nIt rained.") == []
    assert figs("Posted: 05 / 02 / 07, it said.") == []
    assert figs("Prices rose 3 / 4 of a point.") != []
    figure_rule("SPACED_URL_DATE", False)
    assert figs("Posted: 05 / 02 / 07, it said.") != []


def test_field_positions(figure_rule):
    figure_rule("FIELD_POSITION", True)
    assert figs("On 3rd - and - 7, he threw incomplete.") == []
    assert figs("He was stopped at the 20-yard line.") == []
    assert figs("On fourth - and - two they punted.") == []
    # a yard gain is still a figure
    assert figs("He ran 20 yards for the score.") == [(20, "yard", "20 yards")]
    figure_rule("FIELD_POSITION", False)
    assert figs("On 3rd - and - 7, he threw incomplete.") == [(7, "count", "7")]


def test_consecutive_unit(figure_rule):
    figure_rule("CONSECUTIVE_UNIT", True)
    assert figs("They reached the final 12 consecutive years.") == [
        (12, "year", "12 consecutive years")
    ]
    assert figs("Sales fell for three straight months.") == [(3, "month", "three straight months")]
    # games are no unit of time: a count
    assert figs("They won eight straight games.") == [(8, "count", "eight")]
    figure_rule("CONSECUTIVE_UNIT", False)
    assert figs("They reached the final 12 consecutive years.") == [(12, "count", "12")]


def test_number_rating(figure_rule):
    figure_rule("NUMBER_RATING", True)
    assert figs("He finished with a 101.2 passer rating.") == [
        (101.2, "rating", "101.2 passer rating")
    ]
    figure_rule("NUMBER_RATING", False)
    assert figs("He finished with a 101.2 passer rating.") == []


def test_record_more_cues(figure_rule):
    figure_rule("RECORD_MORE_CUES", True)
    assert figs("Their record rose to 8-6 on Sunday.") == [(8, "count", "8"), (6, "count", "6")]
    assert figs("It was a 3-13 season for them.") == [(3, "count", "3"), (13, "count", "13")]
    assert figs("The Hawks are 11-4 for the season.") == [(11, "count", "11"), (4, "count", "4")]
    # a pair of years with a leading zero is no record
    assert figs("In the 04-05 season he starred.") != [(4, "count", "4"), (5, "count", "5")]
    figure_rule("RECORD_MORE_CUES", False)
    assert figs("It was a 3-13 season for them.") != [(3, "count", "3"), (13, "count", "13")]


def test_or_more_unit(figure_rule):
    figure_rule("OR_MORE_UNIT", True)
    assert figs("He had two runs of 60 or more yards.") == [
        (2, "count", "two"),
        (60, "yard", "60 or more yards"),
    ]
    assert figs("Members for 10 or more years vote.") == [(10, "year", "10 or more years")]
    figure_rule("OR_MORE_UNIT", False)
    assert (60, "count", "60") in figs("He had two runs of 60 or more yards.")


def test_average_decimal(figure_rule):
    figure_rule("AVERAGE_DECIMAL", True)
    assert figs("He batted .312 last year.") == [(0.312, "average", ".312")]
    assert figs("They went 150 - 120 (. 556) in Ohio.")[-1] == (0.556, "average", ". 556")
    assert figs("He carried a .357 Magnum.") == []
    figure_rule("AVERAGE_DECIMAL", False)
    assert figs("He batted .312 last year.") == [(0.312, "count", ".312")]


def test_calibre(figure_rule):
    figure_rule("CALIBRE", True)
    assert figs("Police found a. 38 - caliber revolver.") == []
    assert figs("He owned a 22 calibre rifle and 3 knives.") == [(3, "count", "3")]
    figure_rule("CALIBRE", False)
    assert figs("Police found a. 38 - caliber revolver.") != []
