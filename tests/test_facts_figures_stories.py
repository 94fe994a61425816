"""Figures side by side on whole stories (issue 19, item 3): spaCy parses for real.

A small three-outlet pile (our own writing) covers the cases a reader met: one fact told with
different subject names and different values, look-alikes, labels, ranges and hyphenated
money. The bundled examples are woven by the real pipeline (real encoder) once per module.
"""

from __future__ import annotations

import re

import pytest

from factories import use_fake_encoder
from newsweave import nlp
from newsweave.model import Article, Story

PILE = [
    (
        "Daily Ledger",
        "Brightfield Foods recalled 1.2 million jars of peanut butter on Monday after tests found "
        "traces of salmonella at its plant in Ostvik. The recall will cost about $4 million, chief "
        "executive Mara Lind said. In 2022 the company paid a $2 million fine over labelling.\n\n"
        "Workers at the plant are demanding a 15 percent pay rise. Hotel rooms near the plant cost "
        "between 250 and 400 euros a night, and one inspector filed a 9,200-crown hotel bill.",
    ),
    (
        "Coast Courier",
        "The company recalled 1.5 million jars of peanut butter on Monday, according to a notice "
        "on its website. Shares in Brightfield fell 6 percent.\n\n"
        "In the local election the Centre Party won 11 of the council's 31 seats.",
    ),
    (
        "Metro Wire",
        "Brightfield Foods said the recall would cost about $4 million. Stores removed the jars "
        "from shelves across 14 regions.",
    ),
]


@pytest.fixture
def pile(monkeypatch):
    from newsweave.facts import extract_facts
    from newsweave.ingest import article_id

    use_fake_encoder(monkeypatch)
    arts = [Article(id=article_id(t, None), text=t, outlet=o) for o, t in PILE]
    arts = nlp.split_sentences(arts)
    return extract_facts(Story(id="pile", headline="recall", articles=tuple(arts)))


def group_of(story, text):
    found = [g for g in story.figures if any(m.text == text for m in g.members)]
    assert len(found) == 1, (text, found)
    return found[0]


def verb_lemmas(story) -> set[str]:
    docs = nlp.parse([a.text for a in story.articles])
    return {t.lemma_.lower() for d in docs for t in d if t.pos_ in ("VERB", "AUX")}


def assert_readable(story):
    verbs = verb_lemmas(story)
    for g in story.figures:
        assert g.label, g
        assert "·" not in g.label and g.label not in verbs, g.label
        words = g.label.split()
        assert words[0] not in ("be", "have") and len(words) <= 8, g.label


def outlets_of(story, group) -> set[str]:
    by_id = {a.id: a.outlet for a in story.articles}
    return {by_id[m.ref.article_id] for m in group.members}


def test_one_fact_with_two_subject_names_and_two_values_is_flagged(pile):
    g = group_of(pile, "1.2 million")
    assert g is group_of(pile, "1.5 million")
    assert g.disagreement and "1.2 million vs 1.5 million" in g.reason
    assert outlets_of(pile, g) == {"Daily Ledger", "Coast Courier"}
    assert g.label == "jars recalled"
    assert g.key and g.rank == 1


def test_look_alikes_and_agreeing_outlets(pile):
    fine, cost = group_of(pile, "$2 million"), group_of(pile, "$4 million")
    assert fine is not cost and not fine.disagreement and not cost.disagreement
    assert outlets_of(pile, cost) == {"Daily Ledger", "Metro Wire"}  # one row, two outlets
    assert cost.label == "recall cost" and fine.label == "fine"


def test_labels_ranges_and_hyphenated_money(pile):
    assert_readable(pile)
    assert group_of(pile, "15 percent").label == "pay rise demanded"
    rooms = group_of(pile, "250 and 400 euros")
    assert (rooms.kind, rooms.unit, rooms.members[0].qualifier) == ("money", "EUR", "range")
    bill = group_of(pile, "9,200-crown")
    assert (bill.kind, bill.unit, bill.label) == ("money", "crown", "hotel bill")
    won, total = group_of(pile, "11"), group_of(pile, "31")
    assert won is not total
    assert "seats" in won.label and "Centre Party" not in won.label
    assert "seats" in total.label and "won" not in total.label


def test_coverage_never_calls_a_shared_figure_exclusive(pile):
    texts = [f.text for c in pile.coverage for f in c.facts if f.kind == "figure"]
    assert texts  # the pile has exclusive figures (the fine, the pay rise, ...)
    assert not [t for t in texts if "1.2 million" in t or "$4 million" in t]
    assert any(t.startswith("pay rise demanded: 15 percent") for t in texts)


# ------------------------------------------------------------------ the bundled examples


@pytest.fixture(scope="module")
def examples(examples_dir):
    from newsweave.config import load_config
    from newsweave.ingest import load_articles
    from newsweave.pipeline import weave_articles

    arts, _ = load_articles([examples_dir])
    result = weave_articles(arts, load_config(None))
    return {s.headline: s for s in result.stories}


def story_with(examples, word):
    found = [s for s in examples.values() if any(word in a.text for a in s.articles)]
    assert len(found) == 1
    return found[0]


def test_examples_cracks_flagged_and_crowns_merged(examples):
    bridge = story_with(examples, "Old Harbour Bridge")
    cracks = [g for g in bridge.figures if g.disagreement]
    assert len(cracks) == 1
    assert sorted(m.value for m in cracks[0].members) == [12, 14]
    assert "crack" in cracks[0].label
    for value in (4.2e6, 4.5e6, 38e6):
        rows = [g for g in bridge.figures if any(m.value == value for m in g.members)]
        assert len(rows) == 1, value
        assert len(outlets_of(bridge, rows[0])) == 2 and not rows[0].disagreement
    assert [g.rank for g in bridge.figures] == list(range(1, len(bridge.figures) + 1))
    assert bridge.figures[0].key and not bridge.figures[-1].key


@pytest.mark.parametrize("word", ["Old Harbour Bridge", "Kestrel", "Lumenara"])
def test_examples_no_shared_figure_listed_as_only_in_one_outlet(examples, word):
    story = story_with(examples, word)
    assert_readable(story)
    shared = {
        (m.ref.article_id, m.ref.sentence_index, m.text)
        for g in story.figures
        if len(outlets_of(story, g)) > 1
        for m in g.members
    }
    for c in story.coverage:
        for f in c.facts:
            if f.kind != "figure":
                continue
            named = f.text.split(" \u2014 ", 1)[0]
            for aid, si, text in shared:
                if (aid, si) == (f.ref.article_id, f.ref.sentence_index):
                    assert not re.search(rf": {re.escape(text)}(;|$)", named), (text, f.text)


def test_seed_cluster_look_alikes_stay_apart(seed_cluster, monkeypatch):
    """A 2018 fine vs a 2017 payment, and tariff threats on $50, $150 and $450 billion of goods
    (and a $100 billion deficit cut): never one row, never a disagreement."""
    from newsweave.config import Config
    from newsweave.facts import extract_facts
    from newsweave.facts.figures import agree
    from newsweave.ingest import load_articles
    from newsweave.pipeline import prepare_articles

    use_fake_encoder(monkeypatch)
    arts, _ = load_articles([seed_cluster])
    arts = prepare_articles(arts, Config(), [])
    story = extract_facts(Story(id="seed", headline="seed", articles=tuple(arts)))
    assert not [g for g in story.figures if g.disagreement]
    traps = (1e9, 1.19e9, 450e9, 150e9, 100e9, 50e9)
    for g in story.figures:
        assert len({m.value for m in g.members if m.value in traps}) <= 1, g
        assert all(agree(g.members[0], m) for m in g.members), g  # one value per row
    assert_readable(story)
