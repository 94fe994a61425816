"""The facts stage end to end: extract_facts on a story, reports, store round trip.

spaCy runs for real (small model); the sentence embedder is replaced by a deterministic
hashing embedder except in the slow test.
"""

from __future__ import annotations

import json

import pytest

from factories import use_fake_encoder
from newsweave import nlp
from newsweave.model import Figure, Quote, Story, TimelineEvent, WeaveResult


@pytest.fixture
def no_encoder(monkeypatch):
    use_fake_encoder(monkeypatch)


def story_of(make_article, texts, **fields):
    arts = [make_article(t, outlet=f"Outlet {i}", **fields) for i, t in enumerate(texts)]
    arts = nlp.split_sentences(arts)
    return Story(id="s1", headline="h", articles=tuple(arts))


TEXTS = [
    "ZTE agreed on Monday to pay a $1 billion fine to the U.S. government. "
    "The company will also replace its board, officials said.\n\n"
    "Analysts expect tariffs on up to $450 billion of Chinese goods.",
    "The company agreed to pay $1.19 billion last year for violating sanctions. "
    "Proposed tariffs target $50 billion in Chinese goods such as aircraft parts.\n\n"
    "The storm killed 12 people in the province, officials said.",
    "The storm killed 15 people in the province, police said on Tuesday. "
    "ZTE agreed to pay a $1 billion fine.",
]


def test_extract_facts_fills_figures_timeline_coverage(make_article, no_encoder):
    from newsweave.facts import extract_facts

    story = extract_facts(story_of(make_article, TEXTS, published="2018-06-08"))
    members = [m for g in story.figures for m in g.members]
    assert {(m.value, m.unit) for m in members} >= {
        (1e9, "USD"),
        (1.19e9, "USD"),
        (450e9, "USD"),
        (50e9, "USD"),
        (12.0, "count"),
        (15.0, "count"),
    }
    by_text = {m.text: m for m in members}
    assert by_text["$1.19 billion"].time == "2017"  # "last year" against the article date
    assert by_text["$1 billion"].measure == "fine"
    # the same $1 billion fine from two outlets is one group
    fine = [g for g in story.figures if any(m.text == "$1 billion" for m in g.members)]
    assert len(fine) == 1 and len(fine[0].members) == 2
    # look-alikes are not contradictions; the death toll is
    flagged = [g for g in story.figures if g.disagreement]
    assert len(flagged) == 1
    assert sorted(m.value for m in flagged[0].members) == [12.0, 15.0]
    # timeline: Monday/Tuesday resolved against 2018-06-08 (a Friday), in order
    assert [e.date for e in story.timeline][:3] == ["2017", "2018-06-04", "2018-06-05"]
    # coverage: one row per outlet, each fact from that outlet's article
    assert {c.outlet for c in story.coverage} == {"Outlet 0", "Outlet 1", "Outlet 2"}
    for c in story.coverage:
        assert all(f.ref.article_id in c.article_ids for f in c.facts)
    only_1 = next(c for c in story.coverage if c.outlet == "Outlet 1")
    assert any("1.19" in f.text for f in only_1.facts)


def test_facts_show_in_json_markdown_html_and_survive_the_store(make_article, no_encoder, tmp_path):
    from newsweave import report
    from newsweave.facts import extract_facts
    from newsweave.store import Store

    story = extract_facts(story_of(make_article, TEXTS, published="2018-06-08"))
    result = WeaveResult(stories=[story])
    data = json.loads(report.to_json(result))
    figs = data["stories"][0]["figures"]
    assert figs and all("disagreement" in g for g in figs)
    assert any(g["disagreement"] for g in figs)
    m = figs[0]["members"][0]
    assert {"value", "unit", "text", "article_id"} <= set(m)
    assert data["stories"][0]["timeline"] and data["stories"][0]["coverage"]
    md = report.to_markdown(result)
    assert "## Figures" in md and "$1.19 billion" in md and "**disagreement**" in md
    assert "## Timeline" in md
    html = report.to_html(result)
    assert "$1.19 billion" in html
    db = tmp_path / "nw.db"
    with Store(db) as store:
        store.save_story(story)
        loaded = store.load_story(story.id)
    assert loaded == story  # the same fact classes come back
    assert report.story_dict(loaded) == report.story_dict(story)


def test_extractors_survive_bad_input(make_article, no_encoder):
    # Each extractor is called directly: through extract_facts, whose guard leaves a failed
    # extractor's facts empty, this test passed with extract_figures and extract_quotes made
    # to raise (issue 21).
    from newsweave.facts.entities import extract_entities
    from newsweave.facts.figures import extract_figures, group_figures
    from newsweave.facts.quotes import extract_quotes
    from newsweave.facts.timeline import extract_timeline

    texts = [
        'He said "this is "nested" and unbalanced. Numbers: 1, 2, 3, 4 | 5 | 6\n- 7\n- 8',
        "\u201cNo speaker here.\u201d $ billion %% per cent 1/2/2018 12:30 3.0.1 No. 9",
    ]
    story = story_of(make_article, texts)
    docs = nlp.parse([a.text for a in story.articles])
    entities = extract_entities(story, docs)
    quotes = extract_quotes(story, docs, entities)
    assert all(isinstance(q, Quote) and q.speaker for q in quotes)  # no invented speaker
    unattributed = extract_quotes(story, docs, entities, keep_unattributed=True)
    assert "No speaker here." in [q.text for q in unattributed]
    figures = extract_figures(story.articles, docs)
    assert figures and all(isinstance(f, Figure) for f in figures)
    for f in figures:  # every figure points at its own text
        assert story.article(f.ref.article_id).text[f.ref.start : f.ref.end] == f.text
    assert sum(len(g.members) for g in group_figures(figures)) == len(figures)
    events = extract_timeline(story.articles, None)
    assert all(isinstance(e, TimelineEvent) for e in events)


def test_seed_cluster_traps_are_not_flagged(seed_cluster, no_encoder):
    from newsweave.config import Config
    from newsweave.facts import extract_facts
    from newsweave.ingest import load_articles
    from newsweave.pipeline import prepare_articles

    arts, _ = load_articles([seed_cluster])
    arts = prepare_articles(arts, Config(), [])
    story = extract_facts(Story(id="seed", headline="seed", articles=tuple(arts)))
    texts = {m.text for g in story.figures for m in g.members}
    assert {"$1 billion", "$1.19 billion", "$450 billion", "$50 billion"} <= texts
    assert not [g for g in story.figures if g.disagreement]
    # the fine and the earlier payment are never in one group
    for g in story.figures:
        vals = {m.value for m in g.members}
        assert not ({1e9, 1.19e9} <= vals)
        assert len({v for v in vals if v in (450e9, 150e9, 50e9)}) <= 1


@pytest.mark.slow
def test_real_encoder_coverage_on_seed(seed_cluster):
    from newsweave.config import Config
    from newsweave.facts import extract_facts
    from newsweave.ingest import load_articles
    from newsweave.pipeline import prepare_articles

    arts, _ = load_articles([seed_cluster])
    arts = prepare_articles(arts, Config(), [])
    story = extract_facts(Story(id="seed", headline="seed", articles=tuple(arts)))
    assert len(story.coverage) == len(arts)
    assert sum(len(c.facts) for c in story.coverage) > 0


def test_paraphrased_counts_from_two_outlets_are_flagged(make_article, no_encoder):
    """Two outlets tell one event with different generic subjects and synonym verbs and
    different numbers: a disagreement (the sentences match, so the subjects may differ)."""
    from newsweave.facts import extract_facts

    texts = [
        "Inspectors found 12 cracks in the steel girders of the old bridge on Monday.",
        "Engineers discovered 14 cracks in the steel girders of the old bridge on Monday.",
    ]
    story = extract_facts(story_of(make_article, texts))
    flagged = [g for g in story.figures if g.disagreement]
    assert len(flagged) == 1
    assert sorted(m.value for m in flagged[0].members) == [12.0, 14.0]
