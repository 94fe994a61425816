"""Units a story measures in that were read as bare counts: knots, nautical miles, yards,
kilowatts (and kilowatt-hours), metric tons. Invented sentences."""

from __future__ import annotations

import pytest

from factories import figure_fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry can reach up to 27 knots in calm water.", [(27, "knot")]),
        ("The boat was found 200 nautical miles off the coast.", [(200, "nautical mile")]),
        ("He won the 100-yard dash.", [(100, "yard")]),
        ("The new turbine produces 850 kilowatts.", [(850, "kW")]),
        ("The plant stores 40 kWh for the night.", [(40, "kWh")]),
        ("The mill shipped 3,000 metric tons of steel.", [(3000, "tonne")]),
        ("They laid 12 miles of cable.", [(12, "mile")]),  # plain miles unchanged
    ],
)
def test_units(text, expected):
    assert figure_fields(text, "value", "unit") == expected
