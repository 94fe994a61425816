"""Figure rules of the seventh round (issue 19): footnote references "[3]" are no figures,
and an age in apposition after a description of a person ("the harpist, 31,", "the college
junior, 20.") is an age (invented sentences; no model needed)."""

from __future__ import annotations

import pytest

from newsweave.facts.figures import find_figures


def found(text):
    return [(f["value"], f["unit"], f["kind"]) for f in find_figures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was opened by the regional council.[1][2] It spans the river.",
        "The mill is listed as a protected building.[12]",
        'It is called "the lantern of the valley".[3] History [ edit ]',
    ],
)
def test_footnote_references_are_not_figures(text):
    assert found(text) == []


def test_counts_beside_footnotes_still_found():
    assert found("The bridge has 14 arches.[4]") == [(14, "count", "count")]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Friends of the crooner, 29, said the tour was over.", 29),
        ("The lawyer thanked the college junior, 20, for her help.", 20),
        ("Nobody had expected a call from the high school sophomore, 16.", 16),
        ("The comedian, 41, declined to comment.", 41),
    ],
)
def test_age_in_apposition_after_a_person_description(text, value):
    assert found(text) == [(value, "year", "age")]


@pytest.mark.parametrize(
    "text",
    [
        "Shares in the index, 22, fell.",
        "Officials listed the route, 18.",
    ],
)
def test_apposition_after_a_thing_is_not_an_age(text):
    assert all(k != "age" for _, _, k in found(text)), found(text)
