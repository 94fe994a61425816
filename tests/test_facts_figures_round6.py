"""Figure rules of the sixth round (issue 19): multipliers ("4.3 times more likely",
"twofold"), years of an era ("312 BC"), "one" with a unit of time as a term, hyphenated
ordinals in "-second", currency names and codes of the Gulf and elsewhere, ages closing a
sentence or after "turned", "20,000+ years", a unit named by the second of two numbers, and
numbers inside a project's name (invented sentences; no model needed)."""

from __future__ import annotations

import pytest

from newsweave.facts.figures import find_figures


def found(text):
    return [(f["value"], f["unit"]) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Smokers were 3.5 times more likely to fall ill.", [(3.5, "times")]),
        ("The new hall is twelve times as large as the old one.", [(12, "times")]),
        ("Prices rose 2.2 times faster than wages.", [(2.2, "times")]),
        ("It raises the risk by less than twofold.", [(2, "times")]),
        ("Sales grew threefold last year.", [(3, "times")]),
    ],
)
def test_multipliers_have_unit_times(text, expected):
    assert found(text) == expected


def test_times_alone_still_counts_occasions():
    assert found("The council met 14 times last winter.") == [(14, "count")]


@pytest.mark.parametrize(
    "text",
    [
        "The fort fell in 312 BC after a long siege.",
        "It was rebuilt around 140 A.D. by a local king.",
        "A scribe (410 B.C.) described the walls.",
        "The town burned in AD 410 and again later.",
    ],
)
def test_years_of_an_era_are_not_figures(text):
    assert found(text) == []


def test_one_year_term_after_to_and_as_adjective():
    assert found("A judge sentenced the blogger to one year in prison.") == [(1, "year")]
    assert found("Her sentence was cut to one year, her lawyer said.") == [(1, "year")]
    assert found("He also got a one-year travel ban.") == [(1, "year")]


def test_one_day_after_to_is_not_a_term():
    assert found("She hopes to one day become a pilot.") == []


def test_hyphenated_ordinal_in_second_is_not_a_duration():
    assert found("The ruling came on her thirty-second birthday.") == []
    assert found("They aired a thirty-second advert.") == [(30, "second")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("She was fined 5,000 Kuwaiti dinars by the court.", [(5000, "KWD")]),
        ("The fine was 2,000 BD on top of the term.", [(2000, "BHD")]),
        ("Tickets cost 700 AED each.", [(700, "AED")]),
        ("He paid 1,200 Saudi riyals for it.", [(1200, "SAR")]),
        ("The loan was 40,000 Egyptian pounds.", [(40000, "EGP")]),
        ("They paid 300 dinars in cash.", [(300, "dinar")]),
    ],
)
def test_currency_names_and_codes(text, expected):
    assert found(text) == expected


def test_age_in_apposition_closing_a_sentence():
    got = found("Police arrested Maria Lopez, 31, and Peter Gray, 27. Both were charged.")
    assert got == [(31, "year"), (27, "year")]


def test_age_after_youngsters_turned():
    assert found("They were seen every year until the youngsters turned 18, then less.") == [
        (18, "year")
    ]


def test_plus_between_number_and_time_unit():
    assert found("The ice retreated (15,000+ years later), she said.") == [(15000, "year")]


def test_unit_named_by_the_second_number():
    # a date reference for both numbers
    assert found("Humans spread between 40,000 and 70,000 years ago across Asia.") == []
    got = found("The dig covers between 3,000 and 5,000 years of settlement.")
    assert (3000, "year") in got and (3000, "count") not in got


def test_number_inside_a_project_name_is_not_a_figure():
    assert found("They searched the 2,000 Hearts Project archive.") == []
    assert found("The 300 workers were paid.") == [(300, "count")]


def test_a_list_takes_the_unit_of_its_coordinated_end():
    got = found("The pupils were either 9, 11 or 13 years of age at the start.")
    assert got == [(9, "year"), (11, "year"), (13, "year")]
    assert found("They sold 40, 50 or 60 cars.")[0] == (40, "count")


def test_one_before_a_noun_is_a_count_only_when_the_option_is_on():
    from newsweave.facts import figures

    text = "Agents found two rifles, one loaded shotgun and a vest. No one was hurt."
    before = figures.ONE_NOUN_COUNTS
    try:
        figures.set_one_noun_counts(True)
        assert found(text) == [(2, "count"), (1, "count")]
        assert found("One of the men fled, and at one point they helped one another.") == []
        figures.set_one_noun_counts(False)
        assert found(text) == [(2, "count")]
    finally:
        figures.set_one_noun_counts(before)


def test_number_words_count_latin_plurals():
    assert found("The rider broke three vertebrae in the fall.") == [(3, "count")]
    assert found("The lab grew four bacteria strains and two fungi.")[-1] == (2, "count")
