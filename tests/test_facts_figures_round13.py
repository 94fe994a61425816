"""Figure rules of the thirteenth round (issue 19, 2026-12-07): the cells of a data table
flattened into a paragraph take the unit its header states or give no figure; a scaled number
before a unit of time is a duration ("80 million years ago" a date reference); "(6 m)" after a
length in feet is metres; "one ... after another" is no count; a stock index's level is in
points; "Fig. 2" / "Table 1" is a reference. And the scorer's "pound" matches a weight or
sterling. Invented sentences; each positive case fails with its switch off."""

from __future__ import annotations

from factories import figure_fields
from newsweave.evaluate.facts import figure_match, units_match
from newsweave.facts.figures import find_figures

TABLE = (
    "Measurements of the shells.\n\nShell Height Width Depth Code left 41 22 19 QX1 right 38 "
    "20 17 QX2 upper 35 18 – QX3 lower 30 16 12 QX4\n\nThe shells were found in a cave."
)
TABLE_MM = (
    "Shell Height (mm) Width (mm)\nleft 41 22 QX1 right 38 20 QX2 upper 35 18 QX3 "
    "lower 30 16 QX4 inner 28 15 QX5\n"
)


def found(text):
    return figure_fields(text, "value", "unit", "text")


def spans_ok(text):
    for f in find_figures(text):
        assert text[f["start"] : f["end"]] == f["text"]


def test_table_cells_without_a_unit_give_no_figure(figure_rule):
    figure_rule("TABLE_CELLS", True)
    assert not any(u == "count" and v in (41, 22, 38) for v, u, _ in found(TABLE))
    spans_ok(TABLE)
    figure_rule("TABLE_CELLS", False)
    assert any(u == "count" and v == 41 for v, u, _ in found(TABLE))


def test_table_cells_take_the_header_unit(figure_rule):
    figure_rule("TABLE_CELLS", True)
    got = found(TABLE_MM)
    assert (41, "mm", "41") in got and (15, "mm", "15") in got
    assert not any(u == "count" for _, u, _ in got)
    figure_rule("TABLE_CELLS", False)
    assert not any(u == "mm" for _, u, _ in found(TABLE_MM))


def test_prose_with_a_few_numbers_is_no_table(figure_rule):
    figure_rule("TABLE_CELLS", True)
    text = "The club sold 41 tickets on Monday, 38 on Tuesday and 35 on Wednesday."
    assert any(v == 41 for v, _, _ in found(text))


def test_scaled_years_ago_is_a_date_reference(figure_rule):
    text = "The reef grew about 80 million years ago, and it took 2.5 million years to form."
    figure_rule("SCALED_DURATION", True)
    got = found(text)
    assert not any(v == 80e6 for v, _, _ in got)
    assert (2.5e6, "year", "2.5 million years") in got
    spans_ok(text)
    figure_rule("SCALED_DURATION", False)
    assert any(v == 80e6 and u == "count" for v, u, _ in found(text))


def test_metres_in_brackets_after_feet(figure_rule):
    text = "The tower stood 20 feet (6 m) tall beside a 90-foot-long (27 m) wall."
    figure_rule("METRE_CONVERSION", True)
    got = found(text)
    assert (6, "m", "6 m") in got and (27, "m", "27 m") in got
    spans_ok(text)
    figure_rule("METRE_CONVERSION", False)
    assert (6, "m", "6 m") not in found(text)


def test_one_after_another_is_no_count(figure_rule):
    text = "The team won one trophy after another. She bought one trophy."
    figure_rule("ONE_ANOTHER", True)
    assert [f for f in found(text) if f[0] == 1] == [(1, "count", "one")]
    figure_rule("ONE_ANOTHER", False)
    assert len([f for f in found(text) if f[0] == 1]) == 2


def test_index_level_is_in_points(figure_rule):
    text = (
        "The Nasdaq closed at 7,412.25 on Friday. The Dow went from 21,000 in May to 23,500 "
        "in June. Police counted 25,000 marchers."
    )
    figure_rule("INDEX_LEVEL", True)
    got = found(text)
    assert (7412.25, "point", "7,412.25") in got and (23500, "point", "23,500") in got
    assert (25000, "count", "25,000") in got
    figure_rule("INDEX_LEVEL", False)
    assert (7412.25, "count", "7,412.25") in found(text)


def test_figure_reference_is_no_count(figure_rule):
    text = "The bones are drawn in the paper (see figs 3, 5) and measured in Table 2."
    figure_rule("FIGURE_REFERENCE", True)
    assert not any(v in (2, 3, 5) for v, _, _ in found(text))
    figure_rule("FIGURE_REFERENCE", False)
    assert any(v in (2, 3, 5) for v, _, _ in found(text))


def test_scorer_pound_matches_weight_or_sterling():
    assert units_match("pound", "lb") and units_match("pound", "GBP")
    assert units_match("lb", "pounds") and not units_match("lb", "GBP")
    gold = {"source": 0, "unit": "pound", "value": 38, "text": "a 38-pound dog"}
    pred = {"source": 0, "unit": "lb", "value": 38, "text": "38-pound"}
    assert figure_match(gold, pred)
