"""Figures: detection, normalisation, grouping and disagreement flags (no model needed).

The grouping tests build :class:`Figure` objects by hand, so they test the rules, not the
parser; the parser-backed path is covered by tests/test_facts.py.
"""

from __future__ import annotations

import pytest

from newsweave.facts.figures import (
    agree,
    extract_figures,
    find_figures,
    group_figures,
    rank_figures,
    same_subject,
)
from newsweave.model import Figure, SentenceRef


def one(text):
    found = find_figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, value, unit, kind",
    [
        ("the company agreed to pay a $1 billion fine", 1e9, "USD", "money"),
        ("tariffs on roughly $150 billion US in Chinese goods", 150e9, "USD", "money"),
        ("a budget of 200 million euros for the plan", 200e6, "EUR", "money"),
        ("It raised US$5m last week.", 5e6, "USD", "money"),
        ("a fine of £3.5bn was imposed", 3.5e9, "GBP", "money"),
        ("the city paid 4.2 million crowns for the contract", 4.2e6, "crown", "money"),
        ("a grant of 300 million kronor", 300e6, "SEK", "money"),
        ("China assembles some 90 per cent of the world's phones", 90, "%", "percent"),
        ("shares gained 6% in premarket trading", 6, "%", "percent"),
        ("rates rose 2 percentage points in a month", 2, "pp", "percent"),
        ("banned from buying parts for seven years.", 7, "year", "duration"),
        ("The 63-year-old chairman resigned", 63, "year", "age"),
        ("In a study of 103 male patients diagnosed", 103, "count", "count"),
        ("investment in ten advanced sectors", 10, "count", "count"),
        ("a 40 km stretch of road was closed", 40, "km", "quantity"),
        ("They counted 2,500 ballots by noon", 2500, "count", "count"),
        ("the roof of a seven-story building", 7, "story", "count"),  # COUNTED_UNIT
        ("DeAngelo Davis, 31, was charged", 31, "year", "age"),
    ],
)
def test_detects_and_normalises(text, value, unit, kind):
    f = one(text)
    assert f["value"] == pytest.approx(value)
    assert f["unit"] == unit
    assert f["kind"] == kind


@pytest.mark.parametrize(
    "text",
    [
        "In 2018 the talks resumed.",
        "The ceasefire agreed on the weekend of May 19-20 held.",
        "Germany's Industrie 4.0 plan inspired it.",
        "Apple's iOS 5.0.1 update was released.",
        "It is China's No. 2 maker of network gear.",
        "The meeting starts at 10:30 a.m. sharp.",
        "It launched three years ago.",
        "Pay billions of dollars annually and serve hundreds of millions of users.",
        "the two sides' intensifying rivalry",
        "It ranked 74th, up from 77th.",
        "The Made in China 2025 plan calls for it.",
        "Officers responded to a 911 call.",
        "It breaches article 15 of the Constitution and section 2(2) of the Act.",
        "Let's flip Congress in '18.",
        "Two-thirds of voters agreed.",
    ],
)
def test_not_figures(text):
    assert find_figures(text) == []


def test_bounds_ranges_and_approximations():
    f = one("tariff hikes on up to $450 billion of goods")
    assert f["qualifier"] == "at most" and f["high"] == pytest.approx(450e9)
    f = one("it spends more than $200 billion a year")
    assert f["qualifier"] == "at least" and f["low"] == pytest.approx(200e9)
    f = one("it imported as much as $26 billion worth of chips")
    assert f["qualifier"] == "at most"
    f = one("mapping takes 15-30 minutes to resolve")
    assert f["qualifier"] == "range" and (f["low"], f["high"]) == (15, 30)
    f = one("nearly 60 per cent of the world's chips")
    assert f["qualifier"] == "about"


def test_text_is_the_figure_as_written_with_offsets():
    text = "Officials said it would pay $1.19 billion last year."
    f = one(text)
    assert f["text"] == "$1.19 billion"
    assert text[f["start"] : f["end"]] == "$1.19 billion"


def test_thousands_of_figures_in_one_article_are_all_found_and_grouped(make_article):
    # no timing assertion (shared CPUs): bench/bench_facts_figures.py measures the speed; this
    # checks that a table of numbers is found and that every figure lands in one group
    rows = "\n".join(f"Row {i}: {i * 3} units, {i % 97}% share, ${i}.5 million" for i in range(400))
    found = find_figures(rows)
    assert len(found) >= 1150
    art = make_article(rows)
    figs = extract_figures([art])  # no parse: regex only
    groups = group_figures(figs)
    assert sum(len(g.members) for g in groups) == len(figs)
    assert len({id(m) for g in groups for m in g.members}) == len(figs)


def test_ranges_with_between_take_the_unit_of_the_second_number():
    f = one("passengers can claim between 250 and 400 euros, depending on distance")
    assert (f["kind"], f["unit"], f["qualifier"]) == ("money", "EUR", "range")
    assert (f["low"], f["high"], f["value"]) == (250, 400, 250)
    f = one("the cracks were between 3 and 11 centimetres long")
    assert (f["kind"], f["unit"], f["low"], f["high"]) == ("quantity", "cm", 3, 11)
    f = one("a rise of between 2 and 3 percent")
    assert (f["kind"], f["low"], f["high"]) == ("percent", 2, 3)
    f = one("worth between 3 and 5 million euros")
    assert (f["unit"], f["low"], f["high"]) == ("EUR", 3e6, 5e6)


def test_hyphenated_money_is_money():
    f = one("an inspector filed a 9,200-crown hotel bill")
    assert (f["kind"], f["unit"], f["value"]) == ("money", "crown", 9200)
    f = one("a 3-million-euro contract")
    assert (f["kind"], f["unit"], f["value"]) == ("money", "EUR", 3e6)
    assert one("a seven-story building")["kind"] == "count"


def test_subjects_name_one_actor_or_two():
    assert same_subject("Brightfield Foods", "the company")
    assert same_subject("Brightfield", "Brightfield Foods")
    assert same_subject("city officials", "City officials")
    assert same_subject(None, "Ford")
    assert not same_subject("Ford", "GM")
    assert not same_subject("inspectors", "engineers")  # only with paraphrase evidence


def fig(
    value,
    text,
    article,
    measure="fine",
    *,
    kind="money",
    unit="USD",
    time=None,
    subject="ZTE",
    qualifier=None,
    context="pay agree",
):
    key = measure.split()[-1]
    return Figure(
        value=value,
        unit=unit,
        text=text,
        ref=SentenceRef(article, 0),
        kind=kind,
        measure=measure,
        subject=subject,
        time=time,
        qualifier=qualifier,
        context=f"{key}|{context}",
    )


def test_agree_uses_stated_rounding():
    assert agree(fig(1e9, "$1 billion", "a"), fig(1.2e9, "$1.2 billion", "b"))
    assert not agree(fig(1.1e9, "$1.1 billion", "a"), fig(1.2e9, "$1.2 billion", "b"))


def test_same_figure_from_two_outlets_is_one_group():
    groups = group_figures([fig(1e9, "$1 billion", "a"), fig(1e9, "$1 billion", "b")])
    assert len(groups) == 1
    assert len(groups[0].members) == 2 and not groups[0].disagreement


def test_real_disagreement_is_flagged():
    a = fig(12, "12", "a", "people", kind="count", unit="count", subject=None, context="kill")
    b = fig(15, "15", "b", "people", kind="count", unit="count", subject=None, context="kill")
    groups = group_figures([a, b])
    assert len(groups) == 1
    assert groups[0].disagreement and groups[0].reason
    assert {m.ref.article_id for m in groups[0].members} == {"a", "b"}


def test_different_times_are_not_a_disagreement():
    a = fig(1e9, "$1 billion", "a", "payment", time="2018")
    b = fig(1.19e9, "$1.19 billion", "b", "payment", time="2017")
    groups = group_figures([a, b])
    assert not any(g.disagreement for g in groups)
    assert len(groups) == 2


def test_different_measures_are_not_a_disagreement():
    a = fig(1e9, "$1 billion", "a", "fine")
    b = fig(1.19e9, "$1.19 billion", "b", "pay for violate", time="last year")
    assert not any(g.disagreement for g in group_figures([a, b]))


def test_bounds_and_far_apart_values_are_distinct_not_contradictions():
    goods = dict(measure="Chinese goods", subject=None, context="tariff threaten")
    figs = [
        fig(450e9, "$450 billion", "a", qualifier="at most", **goods),
        fig(150e9, "$150 billion", "b", qualifier="about", **goods),
        fig(50e9, "$50 billion", "c", **goods),
    ]
    groups = group_figures(figs)
    assert len(groups) == 3
    assert not any(g.disagreement for g in groups)


def test_same_article_never_disagrees_with_itself():
    a = fig(12, "12", "a", "people", kind="count", unit="count", context="kill")
    b = fig(15, "15", "a", "people", kind="count", unit="count", context="kill")
    assert not any(g.disagreement for g in group_figures([a, b]))


def _cracks(subject_a, subject_b, verb_a="find close", verb_b="discover shut"):
    a = fig(12, "12", "a", "cracks", kind="count", unit="count", subject=subject_a, context=verb_a)
    b = fig(14, "14", "b", "cracks", kind="count", unit="count", subject=subject_b, context=verb_b)
    return a, b


def test_paraphrased_claims_with_generic_subjects_disagree():
    """'inspectors found 12 cracks' / 'engineers discovered 14 cracks': one claim, two values,
    when the sentences say the same thing (synonym verbs, generic subjects)."""
    a, b = _cracks("inspectors", "engineers")
    groups = group_figures([a, b], similar=lambda x, y: True)
    assert len(groups) == 1 and groups[0].disagreement
    assert "12 vs 14" in groups[0].reason and "inspectors" not in groups[0].reason
    # without evidence that the sentences match, different subjects stay apart
    assert not any(g.disagreement for g in group_figures([a, b]))
    assert not any(g.disagreement for g in group_figures([a, b], similar=lambda x, y: False))


def test_named_subjects_or_different_verbs_never_disagree_by_paraphrase():
    a, b = _cracks("Ford", "GM")
    assert not any(g.disagreement for g in group_figures([a, b], similar=lambda x, y: True))
    a, b = _cracks("police", "officers", verb_a="kill", verb_b="arrest")
    assert not any(g.disagreement for g in group_figures([a, b], similar=lambda x, y: True))


def test_a_name_and_a_description_of_one_company_disagree():
    """'Brightfield Foods recalled 1.2 million jars' / 'the company recalled 1.5 million jars'."""
    jars = dict(measure="jars", kind="count", unit="count", context="recall jar")
    a = fig(1.2e6, "1.2 million", "a", subject="Brightfield Foods", **jars)
    b = fig(1.5e6, "1.5 million", "b", subject="the company", **jars)
    groups = group_figures([a, b])
    assert len(groups) == 1 and groups[0].disagreement
    assert groups[0].subject == "Brightfield Foods"  # the name, not the description
    # two different companies are two facts
    c = fig(1.5e6, "1.5 million", "b", subject="Nordmark Dairy", **jars)
    assert not any(g.disagreement for g in group_figures([a, c]))
    # a description with another verb is not evidence of one claim
    d = fig(
        1.5e6,
        "1.5 million",
        "b",
        subject="the company",
        measure="jars",
        kind="count",
        unit="count",
        context="sell jar",
    )
    assert not any(g.disagreement for g in group_figures([a, d]))


def test_one_figure_under_two_measures_is_one_row():
    grant = fig(
        4.5e6,
        "4.5 million crowns",
        "a",
        "emergency grant",
        unit="crown",
        subject="national government",
        context="pledge grant",
    )
    money = fig(
        4.5e6,
        "4.5 million crowns",
        "b",
        "emergency money",
        unit="crown",
        subject="national government",
        context="promise",
    )
    groups = group_figures([grant, money])
    assert len(groups) == 1 and not groups[0].disagreement
    # another year, or another actor, is another fact
    other = fig(
        4.5e6,
        "4.5 million crowns",
        "b",
        "emergency money",
        unit="crown",
        subject="national government",
        context="promise",
        time="2021",
    )
    assert len(group_figures([grant, other])) == 2
    # bare counts merge across measures only when the sentences match
    boats = fig(
        2, "two", "a", "boats", kind="count", unit="count", subject=None, context="add boat"
    )
    ferries = fig(
        2, "two", "b", "ferries", kind="count", unit="count", subject=None, context="add ferry"
    )
    assert len(group_figures([boats, ferries])) == 2
    assert len(group_figures([boats, ferries], similar=lambda x, y: True)) == 1


def test_key_figures_are_those_several_outlets_report_or_the_lead_states():
    deep = SentenceRef("a", 9)
    shared = [fig(1e9, "$1 billion", "a"), fig(1e9, "$1 billion", "b")]
    single = Figure(
        value=5, unit="count", text="5", ref=deep, kind="count", measure="boats", context="boat|add"
    )
    groups = group_figures([single, *shared])
    ranked = rank_figures(groups, {"a": "A", "b": "B"})
    assert [g.rank for g in ranked] == [1, 2]
    assert ranked[0].key and len(ranked[0].members) == 2
    assert not ranked[1].key  # one outlet, deep in the article, not in the summary
    cited = rank_figures(groups, {"a": "A", "b": "B"}, {("a", 9)})
    assert all(g.key for g in cited)


def test_a_figure_the_summary_cites_is_key_though_money_figures_come_first():
    # seven sums of money deep in one article (one point each, none can be key) come before a
    # count that the summary cites (one point, can be key): it is key and ranks above them
    money = [
        Figure(
            value=float(k + 1) * 1e6,
            unit="USD",
            text=f"${k + 1} million",
            ref=SentenceRef("a", 20 + k),
            kind="money",
            measure=f"item {k}",
            context=f"item{k}|pay",
        )
        for k in range(7)
    ]
    boats = Figure(
        value=5,
        unit="count",
        text="five boats",
        ref=SentenceRef("a", 40),
        kind="count",
        measure="boats",
        context="boat|add",
    )
    groups = group_figures([*money, boats])
    ranked = rank_figures(groups, {"a": "A"}, {("a", 40)})
    cited = [g for g in ranked if g.members[0].text == "five boats"]
    assert len(cited) == 1 and cited[0].key and cited[0].rank == 1
    assert not any(g.key for g in ranked if g is not cited[0])
