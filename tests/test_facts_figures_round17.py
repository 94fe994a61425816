"""Figure rules of the seventeenth round (issue 19, 2026-12-07), from the first wire-copy gold
(DUC 2004, AP and New York Times wire of 1998): the wire's "dlrs 5 million", mixed fractions
("3 1/2 years", the wire's ASCII "2 1-2 years"), pages and storeys as units, "three and a half
hours", "the two parties", seat splits ("a 55-45 hold"), "one mile", a year before "to N
years", an age after a one-word name closing a sentence, and a number word run into a unit's
letter ("Teng"); also "one" before a capitalised modifier ("one House seat") and "the two" as a
subject, whose switches shipped off (each lowers pooled precision alone; "one" is on since the
eighteenth round; bench/RESULTS.md). Invented
sentences; each positive case fails with its switch off. The scorer's part (a gold count of
pages matched by a "page" prediction, "meter" = "m") is tested at the end."""

from __future__ import annotations

from factories import figure_fields
from newsweave.evaluate.facts import figure_match


def figs(text):
    return [(v, u, t) for v, u, t in figure_fields(text, "value", "unit", "text")]


def test_wire_dollars_before_the_amount(figure_rule):
    figure_rule("DLRS_PREFIX", True)
    assert figs("The guild offered a bounty of up to dlrs 2 million for the maps.") == [
        (2e6, "USD", "dlrs 2 million")
    ]
    assert figs("Gifts may not exceed U.S. dlrs 75 per guest.") == [(75, "USD", "dlrs 75")]
    assert figs("The board spent nearly dlrs 250,000 on grants.") == [
        (250000, "USD", "dlrs 250,000")
    ]
    # not inside a word, and not before anything but a number
    assert figs("The dlrs column was empty; 4 clerks left.") == [(4, "count", "4")]
    figure_rule("DLRS_PREFIX", False)
    assert figs("The guild offered a bounty of up to dlrs 2 million for the maps.") == [
        (2e6, "count", "2 million")
    ]


def test_mixed_fractions(figure_rule):
    figure_rule("MIXED_FRACTION", True)
    assert figs("He spent 4 1/2 years in a labour camp.") == [(4.5, "year", "4 1/2 years")]
    assert figs("The hearing followed a 2 1/2-hour debate.") == [(2.5, "hour", "2 1/2-hour")]
    assert figs("The audit took 3 1-2 years to finish.") == [(3.5, "year", "3 1-2 years")]
    assert figs("The path runs 6 3/4 miles to the lake.") == [(6.75, "mile", "6 3/4 miles")]
    # the wire's hyphen form only before a unit: "3 1-2 in the final" is a score
    assert (3.5, "count", "3 1-2") not in figs("They lost 3 1-2 in the final.")
    figure_rule("MIXED_FRACTION", False)
    assert figs("He spent 4 1/2 years in a labour camp.") == []
    assert figs("The audit took 3 1-2 years to finish.") == [
        (3, "count", "3"),
        (1, "year", "1-2 years"),
    ]


def test_pages_and_storeys_are_units(figure_rule):
    figure_rule("COUNTED_UNIT", True)
    assert figs("The clerk filed a 61-page complaint.") == [(61, "page", "61-page")]
    assert figs("She wrote a nine-page memo.") == [(9, "page", "nine-page")]
    assert figs("It is a ledger of 800 pages in which every debt is listed.") == [
        (800, "page", "800 pages")
    ]
    assert figs("Smoke filled the three-story warehouse.") == [(3, "story", "three-story")]
    figure_rule("COUNTED_UNIT", False)
    assert figs("The clerk filed a 61-page complaint.") == [(61, "count", "61-page")]
    assert figs("Smoke filled the three-story warehouse.") == [(3, "count", "three-story")]


def test_one_before_a_capitalised_modifier(figure_rule):
    figure_rule("ONE_CAPITALISED", True)
    assert figs("One Republican also lost his seat, as did one Canadian.") == [
        (1, "count", "One"),
        (1, "count", "one"),
    ]
    assert figs("The race for one Senate seat is close.") == [(1, "count", "one")]
    assert figs("He named one NATO official who knew.") == [(1, "count", "one")]
    # a name, a day, a verb in -ed after the name: no count
    assert figs("They met one Jonas Pell (a sailor) there.") == []
    assert figs("It was one Sunday morning in May.") == []
    assert figs("It is the one Vermeer painted last.") == []
    assert figs("Farewell to the great one Sparrow. Folk music lost a voice.") == []
    figure_rule("ONE_CAPITALISED", False)
    assert figs("The race for one Senate seat is close.") == []
    assert figs("One Republican also lost his seat.") == []


def test_and_a_half(figure_rule):
    figure_rule("AND_A_HALF", True)
    assert figs("The trial lasted four and a half hours.") == [
        (4.5, "hour", "four and a half hours")
    ]
    assert figs("Nine and a half months later the mill closed.") == [
        (9.5, "month", "Nine and a half months")
    ]
    assert figs("after 12 and a half years abroad") == [(12.5, "year", "12 and a half years")]
    figure_rule("AND_A_HALF", False)
    assert figs("The trial lasted four and a half hours.") == []


def test_seat_split(figure_rule):
    # the switch-off reading below is the one before DESCENDING_PAIR (round 22), which reads
    # a pair not below its second number as two counts whatever the words around it
    figure_rule("DESCENDING_PAIR", False)
    figure_rule("SEAT_SPLIT", True)
    assert figs("The party kept its 61-39 hold on the chamber.") == [
        (61, "count", "61"),
        (39, "count", "39"),
    ]
    assert figs("The new 240-195 majority is slim.") == [
        (240, "count", "240"),
        (195, "count", "195"),
    ]
    figure_rule("SEAT_SPLIT", False)
    assert figs("The party kept its 61-39 hold on the chamber.") == [(61, "count", "61-39")]


def test_year_before_a_term_is_no_range(figure_rule):
    figure_rule("YEAR_NOT_RANGE", True)
    assert figs("He was sentenced in June 1986 to 12 years in prison.") == [
        (12, "year", "12 years")
    ]
    # a real range stays one
    assert figs("They face 5 to 9 years.") == [(5, "year", "5 to 9 years")]
    figure_rule("YEAR_NOT_RANGE", False)
    assert figs("He was sentenced in June 1986 to 12 years in prison.") == [
        (1986, "year", "1986 to 12 years")
    ]


def test_age_after_a_one_word_name_closing_a_sentence(figure_rule):
    figure_rule("AGE_APPOSITION_NAME", True)
    assert figs("The farmer found his sister, Vesna, 41. She was alive.") == [(41, "year", "41")]
    assert figs("two boys, Aron, 6, and Milo, 9. They hid.") == [
        (2, "count", "two"),
        (6, "year", "6"),
        (9, "year", "9"),
    ]
    figure_rule("AGE_APPOSITION_NAME", False)
    assert figs("The farmer found his sister, Vesna, 41. She was alive.") == [(41, "count", "41")]


def test_number_word_run_into_a_unit_letter(figure_rule):
    figure_rule("WORD_UNIT_GLUED", True)
    assert figs("The envoy of President Lim Teng-wei arrived.") == []
    assert figs("Add ten g of salt.") == [(10, "g", "ten g")]
    figure_rule("WORD_UNIT_GLUED", False)
    assert figs("The envoy of President Lim Teng-wei arrived.") == [(10, "g", "Teng")]


def test_scorer_counted_units_and_meters():
    def gold(unit, value, text):
        return {"source": 0, "unit": unit, "value": value, "text": text}

    def pred(unit, value, text):
        return {"source": 0, "unit": unit, "value": value, "text": text}

    # a gold file that writes pages as a count is matched by a "page" prediction
    assert figure_match(gold("count", 61, "a 61-page complaint"), pred("page", 61, "61-page"))
    assert figure_match(gold("count", 3, "three-story warehouse"), pred("story", 3, "three-story"))
    assert figure_match(gold("page", 61, "a 61-page complaint"), pred("page", 61, "61-page"))
    # but not a count of anything else
    assert not figure_match(gold("count", 61, "61 clerks"), pred("page", 61, "61"))
    assert figure_match(gold("meter", 40, "about 40 meters away"), pred("m", 40, "40 meters"))


def test_the_two_parties_count(figure_rule):
    figure_rule("TWO_SIDES_COUNT", True)
    assert figs("The two parties signed the accord on Friday.") == [(2, "count", "two")]
    assert figs("The envoy urged the three camps to talk.") == [(3, "count", "three")]
    # before a possessive it stays the idiom
    assert figs("It deepened the two sides' quarrel.") == []
    figure_rule("TWO_SIDES_COUNT", False)
    assert figs("The two parties signed the accord on Friday.") == []


def test_the_two_as_a_subject(figure_rule):
    figure_rule("THE_N_SUBJECT", True)
    assert figs("He was dismissed. The two had quarrelled over the budget.") == [
        (2, "count", "two")
    ]
    assert figs("It ended after the two parted in June.") == [(2, "count", "two")]
    # an object after a preposition refers back, no count
    assert figs("A feud between the two was reported.") == []
    figure_rule("THE_N_SUBJECT", False)
    assert figs("He was dismissed. The two had quarrelled over the budget.") == []


def test_one_before_a_unit_of_measure(figure_rule):
    figure_rule("ONE_MEASURE", True)
    assert figs("They walked him one mile north to the barn.") == [(1, "mile", "one mile")]
    assert figs("He held up to one ounce of saffron.") == [(1, "oz", "one ounce")]
    figure_rule("ONE_MEASURE", False)
    assert figs("They walked him one mile north to the barn.") == [(1, "count", "one")]
