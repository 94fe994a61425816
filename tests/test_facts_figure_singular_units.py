"""A unit written in the singular, as every hyphenated compound writes it ("a 55-gallon drum",
"60-degree water") and as a count of one does ("1 gallon"), is that unit, not a count; and the
scorer reads a gold "ounce" / "liter" as the extractor's "oz" / "litre". Invented sentences."""

from __future__ import annotations

from factories import figure_fields
from newsweave.evaluate.facts import units_match


def test_singular_units_in_compounds_are_units_not_counts():
    assert figure_fields("They filled a 55-gallon drum with fuel.", "value", "unit") == [
        (55.0, "gallon")
    ]
    assert figure_fields("The fish swam in 60-degree water.", "value", "unit") == [(60.0, "degree")]
    assert figure_fields("A 2-liter sample was sent to the lab.", "value", "unit") == [
        (2.0, "litre")
    ]
    assert figure_fields("The farm built a 40-megawatt solar park.", "value", "unit") == [
        (40.0, "MW")
    ]
    assert figure_fields("The still makes 1 gallon an hour.", "value", "unit")[0] == (
        1.0,
        "gallon",
    )


def test_a_vote_margin_stays_a_count():
    assert figure_fields("She won with a 2,310-vote lead.", "value", "unit") == [(2310.0, "count")]


def test_scorer_reads_spelled_out_ounces_and_liters():
    assert units_match("ounce", "oz") and units_match("ounces", "oz")
    assert units_match("liter", "litre") and units_match("liters", "litre")
    assert not units_match("ounce", "litre")
