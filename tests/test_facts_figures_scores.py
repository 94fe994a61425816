"""Figure rules of the eighteenth round (issue 19, 2026-12-07), from the first ECB+ gold: a
score ("a 31-24 win", "trailing 14-0", "tied the game at 24-24"), a won-lost record ("fell to
5-10", "a 162-139 record", "The Colts (11-4)") and a stat line ("29-of-34", "17-for-17") state
two counts each, with what each counts; a range ("5-10 years", "$3-4 million"), a date, an
identifier or a pair with no word of the game stays what it was. Invented sentences; each
positive case fails with its switch off. The scorer's part (a gold "point" of a score pair
matched by a "count" prediction) is tested at the end."""

from __future__ import annotations

import pytest

from factories import figure_fields
from newsweave.evaluate import facts as evaluate_facts
from newsweave.evaluate.facts import figure_match


def figs(text):
    return [(v, u, t) for v, u, t in figure_fields(text, "value", "unit", "text")]


def roles(text):
    from newsweave.facts.figures import find_figures

    return [(f["value"], f.get("role")) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("The Otters earned a 27-20 victory over the Herons.", 27, 20),
        ("The Otters were trailing 13-0 after one quarter.", 13, 0),
        ("A late kick tied the game at 17-17 before the break.", 17, 17),
        ("The Herons took a 10-3 halftime lead.", 10, 3),
        ("They came back from a 21-6 deficit in the third.", 21, 6),
        ("The Otters beat the visiting Herons, 34-30, on Friday.", 34, 30),
        ("It ended Otters over the Herons 5-2 on a cold night.", 5, 2),
        ("Both clubs were down 2-1 at the interval.", 2, 1),
    ],
)
def test_a_score_is_two_counts(text, a, b, figure_rule):
    figure_rule("SCORE_PAIR", True)
    got = figs(text)
    assert (a, "count", str(a)) in got and (b, "count", str(b)) in got
    assert [r for _, r in roles(text) if r] == ["leading score", "trailing score"]
    figure_rule("SCORE_PAIR", False)
    got = figs(text)
    assert not ((a, "count", str(a)) in got and (b, "count", str(b)) in got)


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("The Otters fell to 4-9 with the loss.", 4, 9),
        ("The coach left with a 120 - 98 record in six seasons.", 120, 98),
        ("Since then the club went 7-3 at home.", 7, 3),
    ],
)
def test_a_won_lost_record_is_wins_and_losses(text, a, b, figure_rule):
    figure_rule("SCORE_PAIR", True)
    assert [(v, r) for v, r in roles(text) if r] == [(a, "wins"), (b, "losses")]
    figure_rule("SCORE_PAIR", False)
    assert [r for _, r in roles(text) if r] == []


def test_three_numbers_are_wins_losses_and_ties(figure_rule):
    figure_rule("SCORE_PAIR", True)
    assert roles("The club finished with a 9-4-2 record.") == [
        (9, "wins"),
        (4, "losses"),
        (2, "ties"),
    ]


def test_a_record_in_parentheses_after_a_name(figure_rule):
    # the switch-off reading below is the one before DESCENDING_PAIR (round 22), which reads
    # a pair not below its second number as two counts whatever the words around it
    figure_rule("DESCENDING_PAIR", False)
    figure_rule("RECORD_PARENS", True)
    text = "The Otters (8-5) host the Herons (3-10) on Sunday."
    assert roles(text) == [(8, "wins"), (5, "losses"), (3, "wins"), (10, "losses")]
    assert roles("In his first season (6-10) the coach struggled.") == [(6, "wins"), (10, "losses")]
    figure_rule("RECORD_PARENS", False)
    assert [r for _, r in roles(text) if r] == []


def test_a_stat_line_is_made_and_attempted(figure_rule):
    figure_rule("STAT_LINE", True)
    assert roles("The rookie was 22-of-30 passing and opened 9-for-9.") == [
        (22, "made"),
        (30, "attempted"),
        (9, "made"),
        (9, "attempted"),
    ]
    figure_rule("STAT_LINE", False)
    assert [r for _, r in roles("The rookie was 22-of-30 passing.") if r] == []


@pytest.mark.parametrize(
    "text",
    [
        "He served 5-10 years in prison.",
        "The repairs cost $3-4 million.",
        "Children aged 6-11 were tested.",
        "They lost 3-4 games in a row.",
        "He lost 10-15 pounds over the summer.",
        "Patch MS08-078 closed the hole.",
        "Prices went up 2-3% in May.",
        "The Otters fell to 4-9 percent of the vote.",
        "Call 555-0134 for tickets.",
        "The fair runs 10-14 June.",
    ],
)
def test_a_range_date_or_identifier_is_no_score(text, figure_rule):
    for name in ("SCORE_PAIR", "RECORD_PARENS", "STAT_LINE"):
        figure_rule(name, True)
    assert [r for _, r in roles(text) if r] == []


def test_a_vote_is_still_a_tally(figure_rule):
    figure_rule("SCORE_PAIR", True)
    # a tally's own roles (TALLY_ROLES, eighth session), not a score's
    assert roles("The board voted 5-2 to close the pool.") == [
        (5, "votes for"),
        (2, "votes against"),
    ]


def test_the_two_sides_of_a_score_are_two_measures(figure_rule):
    """The two counts of one score must never read as two outlets' values of one figure."""
    from newsweave.facts.figures import extract_figures
    from newsweave.model import Article, Sentence

    figure_rule("SCORE_PAIR", True)
    text = "The Otters won a 27-20 victory."
    art = Article(id="a1", text=text, sentences=(Sentence(0, text, 0, len(text)),))
    got = extract_figures([art])
    assert [f.value for f in got] == [27, 20]
    assert got[0].measure != got[1].measure


def test_scorer_counts_the_points_of_a_score(monkeypatch):
    gold = {"value": 31, "unit": "point", "text": "a 31-24 win", "source": 0}
    pred = {"value": 31, "unit": "count", "text": "31", "source": 0}
    assert figure_match(gold, pred)
    # a gold text naming points is a unit, not a score pair
    assert not figure_match(dict(gold, text="31 points"), dict(pred, text="31"))
    monkeypatch.setattr(evaluate_facts, "SCORE_POINTS_AS_COUNT", False)
    assert not figure_match(gold, pred)


def test_a_tie_in_a_poll_is_no_score(figure_rule):
    figure_rule("SCORE_PAIR", True)
    text = "A new poll shows the two candidates tied 44-44 in the state."
    assert [r for _, r in roles(text) if r] == []
    assert [r for _, r in roles("The match was tied 44-44 at the break.") if r] == [
        "leading score",
        "trailing score",
    ]


def test_a_record_with_its_winning_percentage(figure_rule):
    # the percentage itself is read by AVERAGE_DECIMAL (round 19; its own test); here the pair
    figure_rule("AVERAGE_DECIMAL", False)
    figure_rule("SCORE_PAIR", True)
    assert roles("She holds a 140 - 121 (.536) record as a head coach.") == [
        (140, "wins"),
        (121, "losses"),
    ]
    figure_rule("SCORE_PAIR", False)
    assert [r for _, r in roles("She holds a 140 - 121 (.536) record.") if r] == []


def test_scorer_does_not_count_a_range_of_scale_points():
    gold = {"value": 2.42, "unit": "point", "text": "(2.42–3.77)", "source": 0}
    assert not figure_match(gold, {"value": 2.42, "unit": "count", "text": "2.42", "source": 0})
