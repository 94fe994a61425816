"""Figure rules of the fifth round (issue 19): temperatures, metres written "m", bare decimals,
people counted by what befell them, counts after acronyms and in partitives, "two-dozen",
"N times" after a name, street addresses, stages, numbers inside titles, and ages in
headlines (invented sentences; no model needed)."""

from __future__ import annotations

import pytest

from newsweave.facts.figures import find_figures


def found(text):
    return [(f["value"], f["unit"]) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Modellers expect a 2C rise in sea temperatures.", [(2, "C")]),
        ("A 3° C (5.4° F) warming would flood the delta.", [(3, "C"), (5.4, "F")]),
        ("The lake was 4 degrees Fahrenheit colder.", [(4, "F")]),
        ("Nights fell to 7°C in the hills.", [(7, "C")]),
    ],
)
def test_temperatures_in_celsius_and_fahrenheit(text, expected):
    assert found(text) == expected


def test_metres_written_m_after_digits():
    assert found("The village sits at 2,100m (6,900ft) on the ridge.") == [
        (2100, "m"),
        (6900, "foot"),
    ]
    assert found("Farms lie at an altitude of 1,250m or more.") == [(1250, "m")]
    # a scale "m" with no word of length near is million, never metres
    assert (300, "m") not in found("The league has 300m viewers.")
    assert found("The fund raised $40m in May.") == [(40e6, "USD")]


def test_a_bare_decimal_point_starts_a_figure():
    assert found("Drinks may hold no more than .05 percent alcohol.") == [(0.05, "%")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The crash left four dead and more than a dozen injured.", [(4, "count"), (12, "count")]),
        ("Of the 15 detained, most were freed.", [(15, "count")]),
        ("Floods left nine missing.", [(9, "count")]),
    ],
)
def test_people_counted_by_what_befell_them(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, value",
    [
        ("Eight NFL players knelt.", 8),
        ("Police questioned three Congressmen.", 3),
        ("About two-dozen hikers waited.", 24),
        ("She has visited Lisbon 14 times.", 14),
    ],
)
def test_counts_after_acronyms_and_of_occasions(text, value):
    assert (value, "count") in found(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Voters ousted two of nine Water Board directors.", [(2, "count"), (9, "count")]),
        ("Yet six of Denver's 11 council members agreed.", [(6, "count"), (11, "count")]),
    ],
)
def test_partitive_counts_of_a_stated_total(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The fire started at 311 Birch Lane on Monday.",
        "The family moved to 42 Harbor View Rd. last year.",
        "She was diagnosed with stage 3 lung cancer.",
        "He made the 30 Under 30 list again.",
        'Fans of the "Never Over 70" blog met.',
    ],
)
def test_addresses_stages_and_titles_are_not_figures(text):
    assert found(text) == []


def test_ages_in_headlines():
    text = "Jazz Pianist Dead at 88\n\nJazz Pianist Dead at 88 After Long Illness\n\nHe played."
    assert found(text) == [(88, "year"), (88, "year")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The storm dropped 8in of snow.", [(8, "inch")]),
        ("The 6ft 4in centre signed.", [(6, "foot"), (4, "inch")]),
        ("A 3,200-square-foot barn burned.", [(3200, "square foot")]),
        ("Crowds sweltered as the mercury hit 41C, or 106F.", [(41, "C"), (106, "F")]),
    ],
)
def test_glued_inches_square_feet_and_bare_degrees(text, expected):
    assert found(text) == expected


def test_a_bare_degree_letter_needs_a_word_of_temperature_near():
    assert found("At noon the thermometer read 38C.") == [(38, "C")]
    assert found("Her flat is 3F, above the shop.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two of his cousins were also hurt.", [(2, "count")]),
        ("Half a dozen inspectors arrived.", [(6, "count")]),
        ("The couple have four grandchildren.", [(4, "count")]),
        ("Three policemen stood guard.", [(3, "count")]),
        ("Six U.S. senators signed it.", [(6, "count")]),
        ("Two thirds of members agreed.", []),
    ],
)
def test_partitives_irregular_plurals_half_a_dozen_and_fractions(text, expected):
    assert found(text) == expected


def test_all_before_a_number_word_and_its_noun_states_the_count(figure_rule):
    # the CV choice "demonstratives-not-all" (issue 19 fifth round): "all" no longer blocks;
    # since the tenth round ("none") "those"/"these"/"both"/"other" do not either
    assert found("All four passengers were rescued.") == [(4, "count")]
    assert found("Those four passengers were rescued.") == [(4, "count")]
    # with no noun after, "all three" refers back to them: no count before the twentieth round;
    # since then (ALL_N_REFERENCE) a count when a verb follows (tests/test_facts_figures_round20.py)
    figure_rule("ALL_N_REFERENCE", False)
    assert found("All four were rescued.") == []
