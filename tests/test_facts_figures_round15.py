"""Figure rules of the fifteenth round (issue 19, 2026-12-07), each a class that recurs in the
figure gold of several stories: a clause opening "By 17, he" / "But, at 49, she" states an
age; "a half-dozen" is six and "a dozen or so guests" counts its noun; a list number run into a
paragraph ("... the plan. 4. Next") is no count; "three-dimensional" is no count; "a
three-decade-old law" is an age in decades; "In 1294," is a year; "Kim,30," is an age; a
bracketed metre conversion may have a thousands comma ("(8,013 m)"); "about a foot of rain" is one
foot; and the scorer matches a gold "%" written for percentage points with a "pp" prediction.
Invented sentences; each positive case fails with its switch off."""

from __future__ import annotations

from factories import figure_fields
from newsweave.evaluate.facts import figure_match


def ages(text):
    return [(v, t) for v, u, t in figure_fields(text, "value", "unit", "text") if u == "year"]


def counts(text):
    return [(v, t) for v, u, t in figure_fields(text, "value", "unit", "text") if u == "count"]


def test_a_clause_opening_by_or_at_a_number_states_an_age(figure_rule):
    figure_rule("AGE_AT_CLAUSE", True)
    assert ages("Orla left home early. By 16, she was racing yachts.") == [(16, "16")]
    assert ages("Few doubt his drive. But, at 52, Brennic would be the oldest rookie.") == [
        (52, "52")
    ]
    # a time of day or a count with no subject after it stays what it was
    assert ages("The doors opened at nine. By 10, the hall was full.") == []
    figure_rule("AGE_AT_CLAUSE", False)
    assert ages("Orla left home early. By 16, she was racing yachts.") == []
    assert ages("Few doubt his drive. But, at 52, Brennic would be the oldest rookie.") == []


def test_half_dozen_forms_and_dozen_or_so(figure_rule):
    figure_rule("DOZEN_FORMS", True)
    assert counts("She saw a half-dozen herons at the weir.") == [(6, "half-dozen")]
    assert counts("He baked half-a-dozen loaves.") == [(6, "half-a-dozen")]
    assert counts("He sat with a dozen or so neighbours in the kitchen.") == [(12, "dozen")]
    figure_rule("DOZEN_FORMS", False)
    assert counts("She saw a half-dozen herons at the weir.") == [(12, "dozen")]
    assert counts("He sat with a dozen or so neighbours in the kitchen.") == []


def test_a_list_number_run_into_the_paragraph_is_no_count(figure_rule):
    text = "The memo listed the steps: 1. Close the sluice. 2. Drain the basin."
    figure_rule("LIST_AFTER_SENTENCE", True)
    assert counts(text) == []
    # a number that ends a sentence is still read
    assert counts("The toll rose to 9. Nobody expected it.") == [(9, "9")]
    figure_rule("LIST_AFTER_SENTENCE", False)
    assert counts(text) == [(1, "1"), (2, "2")]


def test_dimensional_is_no_count(figure_rule):
    text = "The team built a three-dimensional map of the reef."
    figure_rule("DIMENSIONAL", True)
    assert counts(text) == []
    assert counts("They tested a four-wheel cart.") == [(4, "four-wheel")]
    figure_rule("DIMENSIONAL", False)
    assert counts(text) == [(3, "three-dimensional")]


def test_decade_old_is_an_age_in_decades(figure_rule):
    text = "Under a four-decade-old charter, the guild may not sell land."
    figure_rule("DECADE_OLD", True)
    assert [(v, u) for v, u in figure_fields(text, "value", "unit")] == [(4, "decade")]
    figure_rule("DECADE_OLD", False)
    assert figure_fields(text, "value", "unit") == []


def test_a_four_digit_number_after_in_with_nothing_after_is_a_year(figure_rule):
    text = "In 1352, the abbey burned. The port may flood around 2150."
    figure_rule("YEAR_AFTER_PREPOSITION", True)
    assert counts(text) == []
    assert counts("The firm opened in 1500 towns.") == [(1500, "1500")]
    figure_rule("YEAR_AFTER_PREPOSITION", False)
    assert counts(text) == [(1352, "1352"), (2150, "2150")]


def test_an_age_in_apposition_without_a_space(figure_rule):
    text = 'Police named Dara Quill,15, and Tobin "Tob" Marsh,16.'
    figure_rule("AGE_APPOSITION_TIGHT", True)
    assert ages(text) == [(15, "Quill,15"), (16, "Marsh,16")]
    assert ages("The site lies beneath Mount Pell9,17. Others agree.") == []
    figure_rule("AGE_APPOSITION_TIGHT", False)
    assert ages(text) == []


def test_metre_conversion_with_a_thousands_comma(figure_rule):
    text = "They reached the 21,004-foot (6,402 m) summit."
    figure_rule("METRE_THOUSANDS", True)
    assert [(v, u) for v, u in figure_fields(text, "value", "unit")] == [
        (21004, "foot"),
        (6402, "m"),
    ]
    # without a comma the conversion is read as before
    assert (402, "m") in figure_fields("a 1,319-foot (402 m) tower", "value", "unit")
    figure_rule("METRE_THOUSANDS", False)
    assert (6402, "m") not in figure_fields(text, "value", "unit")
    assert (402, "m") in figure_fields("a 1,319-foot (402 m) tower", "value", "unit")


def test_a_unit_of_a_mass_noun_is_one_unit(figure_rule):
    text = "The hills got about a foot of rain, and the pond lost an acre of reeds."
    figure_rule("A_UNIT_OF", True)
    assert figure_fields(text, "value", "unit", "text", "qualifier") == [
        (1, "foot", "a foot", "about"),
        (1, "acre", "an acre", None),
    ]
    # a fraction of the unit and the idiom "a ton of" are not read so
    assert figure_fields("They walked half a mile of beach.", "value", "unit") == [(0.5, "mile")]
    assert figure_fields("She carried a ton of gear.", "value") == []
    # every unit the rule reads keeps its own name (a gallon is no ounce)
    assert figure_fields("They drank a gallon of milk and an ounce of rum.", "unit") == [
        ("gallon",),
        ("oz",),
    ]
    figure_rule("A_UNIT_OF", False)
    assert figure_fields(text, "value", "unit", "text", "qualifier") == []


def test_scorer_gold_percent_for_percentage_points_matches_pp():
    pred = {"source": 0, "unit": "pp", "value": 0.3, "text": "0.3 percentage points"}
    gold = dict(pred, unit="%")
    assert figure_match(gold, pred)
    # a gold "%" whose text is a percentage is not matched by "pp"
    assert not figure_match(dict(gold, text="0.3 percent"), dict(pred, text="0.3 percent"))
    # nor the other way round: a gold "pp" is not matched by a "%" prediction
    assert not figure_match(dict(pred, unit="pp"), dict(pred, unit="%"))
