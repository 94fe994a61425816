"""Ages stated without "years old", spelled-out numbers, addresses and number words after "the"
(synthetic sentences written for these rules; no model needed)."""

from __future__ import annotations

import pytest

from newsweave.facts.figures import find_figures


def found(text):
    return [(f["value"], f["unit"], f["kind"]) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The clerk said he was 19 when he enlisted.", 19),
        ("The girl is now 15.", 15),
        ("Okafor was 62 when the mill closed.", 62),
        ("She is currently 47 and lives in Leeds.", 47),
        ("The driver, who was 23, was not hurt.", 23),
        ("he's 31, his lawyer said.", 31),
        ("A man aged 58 was treated at the scene.", 58),
        ("She moved to Lyon at the age of nine.", 9),
        ("He learned to fly at age 16.", 16),
        ("The painter died at 91.", 91),
        ("The painter died on Sunday at 91.", 91),
        ("the victim, 27, of Dover, was named", 27),
        ("The suspect, 44, appeared in court.", 44),
        ("Ruth Alder, sixty, was released.", 60),
    ],
)
def test_ages_without_years_old(text, value):
    assert found(text) == [(value, "year", "age")]


@pytest.mark.parametrize(
    "text",
    [
        "The death toll was 14.",  # a count of people, not an age
        "It was 18 when the count ended.",
        "Police said 18 were injured.",
        "Turnout was 56 in the first hour.",
        "The plane landed at 19 minutes past.",
    ],
)
def test_numbers_that_are_not_ages(text):
    assert all(u != "year" or k != "age" for _, u, k in found(text)), found(text)


def test_age_ranges_and_pairs():
    assert found("Children aged 6 to 11 took part.") == [(6, "year", "age")]
    f = find_figures("Children aged 6 to 11 took part.")[0]
    assert (f["low"], f["high"], f["qualifier"]) == (6, 11, "range")
    assert found("the twins, ages 12 and 13, were found") == [
        (12, "year", "age"),
        (13, "year", "age"),
    ]
    assert [v for v, u, _ in found("The sisters are 8 and 10 years old.")] == [8, 10]
    assert {u for _, u, _ in found("The sisters are 8 and 10 years old.")} == {"year"}


def test_spelled_out_numbers():
    assert found("Two dozen homes were flooded.") == [(24, "count", "count")]
    assert found("Twenty-one people were hurt.") == [(21, "count", "count")]
    assert found("fifty-six cars were towed") == [(56, "count", "count")]
    assert found("a dozen eggs") == [(12, "count", "count")]


def test_street_block_is_an_address():
    assert found("He lived in the 4200 block of Elm Street.") == []
    assert found("They walked 300 blocks.") == [(300, "count", "count")]


def test_number_word_after_the_is_a_figure_but_not_the_two_sides():
    assert found("Medics said the three officers were stable.") == [(3, "count", "count")]
    # "the two sides" is a count since the seventeenth round (TWO_SIDES_COUNT), except before a
    # possessive (tests/test_facts_figures_round17.py)
    assert found("a deal on the two sides' terms") == []
    # a demonstrative: referred back under the earlier CV choice, a count under the tenth
    # round's choice "none" (tests/test_facts_figures_round10.py)
    assert found("these two countries signed") == [(2, "count", "count")]
    # a possessive does not (the CV choice "demonstratives", issue 19 fourth round): "his nine
    # siblings" counts them
    assert found("the world's two largest ports") == [(2, "count", "count")]
    assert found("the boy is the youngest of his nine siblings") == [(9, "count", "count")]


@pytest.mark.parametrize(
    "text",
    [
        "The historic median for the ratio is 16.",  # a lower-case noun is not a name
        "The committee's vote was 23-14, along party lines.",  # a tally
    ],
)
def test_predicative_numbers_of_things_are_not_ages(text):
    assert all(k != "age" for _, _, k in found(text)), found(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The two became synonymous with the genre.", []),  # no noun: "-ous" is no plural
        ("Nobody knew what was between the two was love.", []),  # "was" is no plural noun
        ("Police said the two bodies were found on Friday.", [2]),
        ("Two Democrats voted against the bill.", [2]),  # a capitalised plural noun
        ("Five Canadians were rescued.", [5]),
        ("The bill named two Joneses as heirs.", []),  # a family name is not a noun of kind
    ],
)
def test_a_number_word_counts_only_a_plural_noun(text, expected):
    assert [v for v, _, _ in found(text)] == expected


def test_hanging_hyphen_with_to_is_one_range():
    f = find_figures("Half of 18- to 34-year-olds rent.")
    assert [(x["value"], x["low"], x["high"], x["unit"], x["qualifier"]) for x in f] == [
        (18, 18, 34, "year", "range")
    ]
    f = find_figures("Expect a 2- to 3-hour wait.")
    assert [(x["value"], x["high"], x["unit"]) for x in f] == [(2, 3, "hour")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Besides 8,000 members, the club has a shop.", 8000),  # a sentence-opening preposition
        ("The scan found all of Okafor's 212 letters.", 212),  # a possessive name owns them
        ("She clerked for two Supreme Court justices.", 2),  # capitalised words in the phrase
    ],
)
def test_counts_after_capitalised_words_that_are_not_names_of_things(text, value):
    assert [v for v, _, _ in found(text)] == [value]


def test_capitalised_names_before_numbers_are_still_identifiers():
    assert found("Windows 10 was released.") == []
    assert found("They flew Boeing 737 jets.") == []


def test_plural_acronyms_and_hyphenated_names_in_the_noun_phrase():
    assert [v for v, _, _ in found("She was treated by two EMTs.")] == [2]
    assert [v for v, _, _ in found("It was one of two Yamato-class battleships.")] == [2]


def test_a_number_word_as_subject_counts_but_not_after_the():
    assert [v for v, _, _ in found("Two were killed and five were hurt.")] == [2, 5]
    assert [v for v, _, _ in found("Of the 10, four have trial dates.")] == [10, 4]
    assert found("The two were arrested on Friday.") == []  # refers back to two named people


def test_a_possessive_name_is_not_a_contracted_is():
    got = found("Nine of Anaheim's 10 police officers backed him.")
    assert (10, "count", "count") in got and all(k != "age" for _, _, k in got)
    assert found("he's 31, his lawyer said.") == [(31, "year", "age")]


def test_scale_words_multiply():
    assert found("The site reaches two hundred million readers.") == [(2e8, "count", "count")]
    assert found("Two hundred people came.") == [(200, "count", "count")]
