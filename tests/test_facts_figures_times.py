"""The time attached to a figure (issue 19, ninth session: a reader's audit of figure times over
every gold story, bench/RESULTS.md "the times of figures"). A wrong date costs more than a
missing one: a time the figure's own words make relative, an award named "of the year", a time
of the number the figure is compared with, a day the article cannot resolve, and a time beyond
a semicolon or a contrasting conjunction do not date the figure. Invented sentences; each case
is checked with its switch on and off.
"""

from __future__ import annotations

from newsweave.facts.figures import _time_of


def _time(sentence: str, figure: str, published: str | None = None) -> str | None:
    pos = sentence.index(figure)
    return _time_of(sentence, pos, published, pos + len(figure))


def test_a_figure_inside_a_time_expression_has_no_time(figure_rule):
    s = "Marrow joined the council in 2009 and returned four years later, leaving for good in 2016."
    figure_rule("OWN_WORDS_TIME", True)
    assert _time(s, "four years") is None
    assert _time("He finished his degree only two years earlier.", "two years") is None
    # a figure beside a time expression, not inside it, keeps its time
    assert _time("Profit rose 4 percent in 2016.", "4 percent") == "2016"
    figure_rule("OWN_WORDS_TIME", False)
    assert _time(s, "four years") == "four years later"
    assert _time("He finished his degree only two years earlier.", "two years") == (
        "two years earlier"
    )


def test_an_award_of_the_year_is_no_time(figure_rule):
    s = "The reigning player of the year scored 31 points for Harwick."
    figure_rule("AWARD_OF_THE_YEAR", True)
    assert _time(s, "31 points") is None
    assert _time(s, "31 points", "2024-03-02") is None
    # a part of the year is a time
    part = "Sales in the first half of the year rose 9 percent."
    assert _time(part, "9 percent") == "the year"
    end = "The fund held 40 million crowns at the end of the year."
    assert _time(end, "40 million crowns", "2024-08-01") == "2024"
    figure_rule("AWARD_OF_THE_YEAR", False)
    assert _time(s, "31 points") == "the year"


def test_a_time_of_the_compared_number_does_not_date_the_figure(figure_rule):
    s = "Couples who plan on a phone rose to 57%, up from 22% in 2011."
    figure_rule("COMPARED_TIME", True)
    assert _time(s, "57%") is None
    assert _time(s, "22%") == "2011"
    other = "Exports fell to 3.1 billion euros from 3.4 billion euros in 2019."
    assert _time(other, "3.1 billion euros") is None
    # no second number between: the time is the figure's
    assert _time("Exports rose to 3.1 billion euros in 2019.", "3.1 billion euros") == "2019"
    figure_rule("COMPARED_TIME", False)
    assert _time(s, "57%") == "2011"


def test_a_day_without_a_publication_date_still_dates_the_figure(figure_rule):
    s = "An employee who was fired last week shot a woman and wounded two men Monday."
    figure_rule("UNDATED_DAY", True)
    assert _time(s, "two") is None
    dated = "Two cars were hit on Tuesday, June 3, by a driver fined last year."
    assert _time(dated, "Two") is None
    figure_rule("UNDATED_DAY", False)
    assert _time(s, "two") == "last week"
    assert _time(dated, "Two") == "last year"
    # with a publication date the day was always a day
    assert _time(s, "two", "2024-06-05") is None


def test_a_time_beyond_a_semicolon_or_but_is_another_clause(figure_rule):
    semi = "The policy began in 1979; families now have around 1.5 children."
    but = (
        "Ford's mark set in 1978 stood for decades, but Hansen passed it with two defenders on him."
    )
    figure_rule("CLAUSE_BOUNDARY_TIME", True)
    assert _time(semi, "1.5") is None
    assert _time(but, "two") is None
    # within one clause the time still dates the figure
    assert _time("Ford scored 2,290 points in 1978.", "2,290 points") == "1978"
    figure_rule("CLAUSE_BOUNDARY_TIME", False)
    assert _time(semi, "1.5") == "1979"
    assert _time(but, "two") == "1978"
