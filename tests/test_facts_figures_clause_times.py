"""A time dates a figure only when it modifies the figure's own clause (issue 19, tenth session:
a reader's audit of figure times with the parse, bench/RESULTS.md "the times of figures, with
the parse"). A time in a coordinated clause, in a participle clause on another noun or in an
adverbial clause of the figure's dates something else; a time of the clause the figure's
clause is the complement or adverbial of, or of a clause on the figure's own noun, dates it.
Invented sentences; each case is checked with :data:`CLAUSE_OF_THE_FIGURE` on and off.
"""

from __future__ import annotations

from factories import article
from newsweave.facts.figures import extract_figures

PUBLISHED = "2024-05-02"


def _times(text: str) -> dict[str, str | None]:
    from newsweave.nlp import parse

    a = article([text], "a0", outlet="Outlet", published=PUBLISHED)
    return {f.text: f.time for f in extract_figures([a], parse([a.text]))}


def test_a_time_of_a_coordinated_clause_does_not_date_the_figure(figure_rule):
    s = "Marrow played 14 seasons for the Otters, the first 9 with Harwick, and retired in 2004."
    figure_rule("CLAUSE_OF_THE_FIGURE", True)
    assert _times(s)["9"] is None
    assert _times(s)["14"] is None
    figure_rule("CLAUSE_OF_THE_FIGURE", False)
    assert _times(s)["9"] == "2004"


def test_a_participle_on_another_noun_does_not_date_the_figure(figure_rule):
    s = (
        "Relatives of at least 6 of the 11 miners killed in the March 2015 collapse "
        "have filed claims."
    )
    figure_rule("CLAUSE_OF_THE_FIGURE", True)
    times = _times(s)
    assert times["6"] is None
    # the participle is on the noun the 11 counts: the miners killed in March 2015
    assert times["11"] == "2015-03"
    figure_rule("CLAUSE_OF_THE_FIGURE", False)
    assert _times(s)["6"] == "2015-03"


def test_an_adverbial_clause_of_the_figures_clause_does_not_date_it(figure_rule):
    before = "After experiencing delays in March, the crew finally set two records."
    died = "She has died at the age of 85 after suffering a stroke in March."
    figure_rule("CLAUSE_OF_THE_FIGURE", True)
    assert _times(before)["two"] is None
    assert _times(died)["85"] is None
    figure_rule("CLAUSE_OF_THE_FIGURE", False)
    assert _times(before)["two"] == "2024-03"
    assert _times(died)["85"] == "2024-03"


def test_a_time_inside_the_first_conjuncts_subject_does_not_date_the_second():
    s = "The 1961 Texans rushed for 398 yards and the 1966 squad gained 380 yards."
    assert _times(s) == {"398 yards": "1961", "380 yards": "1966"}
    # a time opening the coordinated clauses is theirs; one after the first verb is not
    assert _times("In 1978, he was drafted and played for 11 seasons.")["11"] == "1978"
    assert _times("He was drafted in 1978 and played for 11 seasons.")["11"] is None


def test_the_figures_own_clause_and_its_governing_clause_still_date_it(figure_rule):
    figure_rule("CLAUSE_OF_THE_FIGURE", True)
    # a relative clause on the figure's own noun
    assert _times("It capped a strange three years that began in the spring of 2018.") == {
        "three years": "2018-SP"
    }
    # the figure's clause is the complement of the dated verb
    assert _times("The brewer said in 2021 that it sold 4 million kegs.") == {"4 million": "2021"}
    # the figure's participle clause hangs on the dated verb
    assert _times("The river hit its peak in March 2011, flooding more than 4,000 homes.") == {
        "4,000": "2011-03"
    }
    # the same clause
    assert _times("Profit rose 4 percent in 2016 as sales grew.") == {"4 percent": "2016"}
    # the figure's clause is a past participle on a noun of the dated clause
    s = "A fire set by three teenagers destroyed the store in February 2003."
    assert _times(s) == {"three": "2003-02"}
    # a time opening coordinated clauses
    s = "Last month, the Navy said the frigate had sunk a pirate ship and had rescued two vessels."
    assert _times(s) == {"two": "2024-04"}
    # the noun a "when" clause describes
    s = "Senate Republicans are wary of the 2020 elections, when they must defend 22 seats."
    assert _times(s) == {"22": "2020"}
    # the source the figure is from
    s = "Some 40 percent of owners plan to sell, according to figures released in 2022."
    assert _times(s) == {"40 percent": "2022"}
    # a "when" clause's time is its main clause's
    s = "When the county releases its ballots in July, 500,000 votes will still be left to count."
    assert _times(s) == {"500,000": "2024-07"}
