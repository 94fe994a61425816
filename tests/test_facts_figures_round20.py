"""Figure rules of the twentieth round (issue 19, 2026-12-07, ninth session): an earthquake's
magnitude, a blood alcohol level, a fraction of a percentage point, "all three" / "the other
two", an adjective between a number and its unit ("two full weeks"), a model designation in a
counted noun phrase ("seven AK-47 assault rifles"), the wire's "euro110 billion" and "$US1
million", a score set off by commas after a team's name, temperatures below zero and an age
bound ("women younger than 50", "a victim under 12") (bench/RESULTS.md, "figures, twentieth
round"). Invented sentences; each positive case fails
with its switch off."""

from __future__ import annotations

from factories import figure_fields


def figs(text):
    return [(v, u, t) for v, u, t in figure_fields(text, "value", "unit", "text")]


def test_magnitude(figure_rule):
    figure_rule("MAGNITUDE", True)
    assert figs("A quake with a magnitude of 6.8 hit the coast.") == [(6.8, "magnitude", "6.8")]
    assert figs("A magnitude 5 quake can crack walls.") == [(5, "magnitude", "5")]
    assert figs("The 6.2-magnitude quake struck at dawn.") == [(6.2, "magnitude", "6.2-magnitude")]
    assert figs("A tremor measuring 4.4 on the Richter scale shook it.") == [
        (4.4, "magnitude", "4.4")
    ]
    assert figs("A magnitude-5.7 earthquake hit the island.") == [(5.7, "magnitude", "5.7")]
    # the magnitude of a disaster, a quake's death toll: no magnitude
    assert figs("Given the magnitude of it, 12 people came.") == [(12, "count", "12")]
    assert figs("The quake killed 9 people.") == [(9, "count", "9")]
    figure_rule("MAGNITUDE", False)
    assert figs("A quake with a magnitude of 6.8 hit the coast.") == [(6.8, "count", "6.8")]
    assert figs("A magnitude-5.7 earthquake hit the island.") == []


def test_blood_alcohol(figure_rule):
    figure_rule("BLOOD_ALCOHOL", True)
    assert figs("Her blood-alcohol level was 0.19, police said.") == [(0.19, "%", "0.19")]
    assert figs("He had a blood alcohol content of .21 at the time.") == [(0.21, "%", ".21")]
    # a count after it is no level
    assert figs("The blood alcohol tests of 12 drivers came back.") == [(12, "count", "12")]
    figure_rule("BLOOD_ALCOHOL", False)
    assert figs("Her blood-alcohol level was 0.19, police said.") == [(0.19, "count", "0.19")]


def test_fraction_of_percent(figure_rule):
    figure_rule("FRACTION_OF_PERCENT", True)
    assert figs("She led by half a percentage point.") == [(0.5, "pp", "half a percentage point")]
    assert figs("He trails by three-tenths of a percentage point.") == [
        (0.3, "pp", "three-tenths of a percentage point")
    ]
    assert figs("Races within one quarter of 1 percent are recounted.") == [
        (0.25, "%", "one quarter of 1 percent")
    ]
    figure_rule("FRACTION_OF_PERCENT", False)
    assert figs("She led by half a percentage point.") == []
    assert figs("Races within one quarter of 1 percent are recounted.") == [(1, "%", "1 percent")]


def test_all_n_reference(figure_rule):
    figure_rule("ALL_N_REFERENCE", True)
    assert figs("All four were charged with theft.") == [(4, "count", "four")]
    assert figs("One was cut, while the other two seemed intact.") == [(2, "count", "two")]
    assert figs("They freed them all, all five.") == [(5, "count", "five")]
    # "all three of them" with no verb after, and a noun that is no plural: not read
    assert figs("We met all three in the hall.") == []
    figure_rule("ALL_N_REFERENCE", False)
    assert figs("All four were charged with theft.") == []
    assert figs("One was cut, while the other two seemed intact.") == []


def test_adjective_unit(figure_rule):
    figure_rule("ADJECTIVE_UNIT", True)
    assert figs("He waited two full weeks for it.") == [(2, "week", "two full weeks")]
    assert figs("They add three more years to the term.") == [(3, "year", "three more years")]
    assert figs("The average of the 20 trading days before it.") == [(20, "day", "20 trading days")]
    assert figs("He has 212 rushing yards this year.") == [(212, "yard", "212 rushing yards")]
    # an adjective before a noun that is no unit: a count
    assert figs("They hired 40 full professors.") == [(40, "count", "40")]
    figure_rule("ADJECTIVE_UNIT", False)
    assert figs("He waited two full weeks for it.") == [(2, "count", "two")]
    assert figs("He has 212 rushing yards this year.") == [(212, "count", "212")]


def test_designation_count(figure_rule):
    figure_rule("DESIGNATION_COUNT", True)
    assert figs("Police seized four AK-47 assault rifles.") == [(4, "count", "four")]
    assert figs("They found six AK-47s on board.") == [(6, "count", "six")]
    assert figs("It bought three Boeing 777s last year.") == [(3, "count", "three")]
    # a designation with nothing counted after it: no count
    assert figs("The two F-16 flew on.") == []
    figure_rule("DESIGNATION_COUNT", False)
    assert figs("Police seized four AK-47 assault rifles.") == []
    assert figs("They found six AK-47s on board.") == []


def test_currency_prefix_forms(figure_rule):
    figure_rule("CURRENCY_PREFIX_FORMS", True)
    assert figs("It gets a euro85 billion loan.") == [(85e9, "EUR", "euro85 billion")]
    assert figs("She gets euro420 a month.") == [(420, "EUR", "euro420")]
    assert figs("Damage was put at $US3 million.") == [(3e6, "USD", "$US3 million")]
    # the word "euro" before a space, or inside a word: no prefix
    assert figs("The euro 2 times rose.") != [(2, "EUR", "euro 2")]
    figure_rule("CURRENCY_PREFIX_FORMS", False)
    assert (85e9, "EUR", "euro85 billion") not in figs("It gets a euro85 billion loan.")
    assert (3e6, "USD", "$US3 million") not in figs("Damage was put at $US3 million.")


def test_score_apposition(figure_rule):
    # the switch-off reading below is the one before DESCENDING_PAIR (round 22), which reads
    # a pair not below its second number as two counts whatever the words around it
    figure_rule("DESCENDING_PAIR", False)
    figure_rule("SCORE_APPOSITION", True)
    assert figs("Duke beat the Wildcats, 84-71, at home.") == [
        (84, "count", "84"),
        (71, "count", "71"),
    ]
    assert figs("Harvard stunned Boston College, 78-70.") == [
        (78, "count", "78"),
        (70, "count", "70"),
    ]
    # a player's height in apposition (the smaller first, one digit): not a score
    assert (6, "count", "6") not in figs("Smith, 6-9, scored.")
    assert (6, "count", "6-9") in figs("Smith, 6-9, scored.")
    figure_rule("SCORE_APPOSITION", False)
    assert figs("Harvard stunned Boston College, 78-70.") != [
        (78, "count", "78"),
        (70, "count", "70"),
    ]


def test_below_zero(figure_rule):
    figure_rule("BELOW_ZERO", True)
    assert figs("It felt as cold as minus 25 degrees.") == [(-25, "degree", "minus 25 degrees")]
    assert figs("The summit was at -28 degrees.") == [(-28, "degree", "-28 degrees")]
    assert figs("It hit 33 degrees below zero.") == [(-33, "degree", "33 degrees below zero")]
    assert figs("The wind chill was 40 below zero.") == [(-40, "degree", "40 below zero")]
    assert figs("Temperatures were minus 15 all night.") == [(-15, "degree", "minus 15")]
    # a range with a dash, a bare minus with no temperature: left alone
    assert figs("It ranged 10-20 degrees.") == [(10, "degree", "10-20 degrees")]
    assert figs("Returns were minus 20 percent.") == [(20, "%", "20 percent")]
    figure_rule("BELOW_ZERO", False)
    assert figs("It felt as cold as minus 25 degrees.") == [(25, "degree", "25 degrees")]
    assert figs("It hit 33 degrees below zero.") == [(33, "degree", "33 degrees")]


def test_age_bound(figure_rule):
    figure_rule("AGE_BOUND", True)
    assert figs("The law covers women younger than 45.") == [(45, "year", "45")]
    assert figs("He was charged with abuse of a victim under 14, police said.") == [
        (14, "year", "14")
    ]
    assert figs("She must stay away from children under 16.") == [(16, "year", "16")]
    # a count of people, a share, a plural noun after it: no age
    assert figs("More than 40 people came.") == [(40, "count", "40")]
    assert figs("Players under 25 contracts were paid.") == [(25, "count", "25")]
    figure_rule("AGE_BOUND", False)
    assert figs("The law covers women younger than 45.") == [(45, "count", "45")]
