"""Currency names that several countries share ("francs", "pesos", "rupees", "crowns") are
never given a guessed country: they take the one the article, or else the story, names for
them, and otherwise stay the bare name."""

from __future__ import annotations

import pytest
from tests.factories import article

from newsweave.facts.figures import extract_figures, find_figures


def _units(text: str) -> list[tuple[str, str]]:
    return [(f["text"], f["unit"]) for f in find_figures(text) if f["kind"] == "money"]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("The club was fined 400,000 francs by the league.", "franc"),
        ("Tickets sold for 250 pesos at the gate.", "peso"),
        ("The farmer earns 9,000 rupees a month.", "rupee"),
        ("Each worker was paid 60 rials a day.", "rial"),
        ("Fuel went up to 3 dirhams a litre.", "dirham"),
    ],
)
def test_a_bare_shared_currency_name_is_not_given_a_country(text: str, unit: str) -> None:
    assert [u for _, u in _units(text)] == [unit]


def test_the_country_the_article_names_is_taken_for_its_bare_mentions() -> None:
    text = (
        "The bank paid 2 billion Swiss francs to settle. Of that, 500 million francs "
        "went to the regulator."
    )
    assert _units(text) == [("2 billion Swiss francs", "CHF"), ("500 million francs", "CHF")]


def test_two_countries_named_leave_the_bare_mention_bare() -> None:
    text = (
        "Remittances of 2,000 Pakistani rupees and 3,000 Indian rupees were sent; a "
        "further 9,000 rupees never arrived."
    )
    assert _units(text) == [
        ("2,000 Pakistani rupees", "PKR"),
        ("3,000 Indian rupees", "INR"),
        ("9,000 rupees", "rupee"),
    ]


def test_the_story_names_the_country_when_the_article_does_not() -> None:
    a = article(
        ["The recall will cost the brewer 40 million Mexican pesos, the company said."],
        outlet="Wire",
    )
    b = article(["The brewer expects the recall to cost 40 million pesos."], outlet="Daily")
    units = {f.ref.article_id: f.unit for f in extract_figures([a, b]) if f.kind == "money"}
    assert units == {a.id: "MXN", b.id: "MXN"}


def test_a_story_naming_two_countries_leaves_a_bare_mention_bare() -> None:
    a = article(["The prize is 10,000 Chilean pesos."], outlet="Wire")
    b = article(["Fans in Buenos Aires paid 8,000 Argentine pesos."], outlet="Daily")
    c = article(["Others paid 5,000 pesos."], outlet="Post")
    units = [f.unit for f in extract_figures([a, b, c]) if f.kind == "money"]
    assert units == ["CLP", "ARS", "peso"]
