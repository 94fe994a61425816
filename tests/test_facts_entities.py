"""Tests for newsweave.facts.entities: canonical entities per referent within a story."""

from __future__ import annotations

import pytest

from newsweave.facts.entities import (
    EntityIndex,
    clean_name,
    extract_entities,
    majority_label,
    name_key,
)
from newsweave.model import Story


def _story(make_article, texts):
    from newsweave.nlp import split_sentences

    articles = split_sentences([make_article(t) for t in texts])
    return Story(id="s1", headline="h", articles=tuple(articles))


def _doc_with_ents(text: str, ents: list[tuple[str, str]]):
    """A Doc whose entities are set by hand: ``(surface, label)`` in order of appearance."""
    import spacy

    doc = spacy.blank("en")(text)
    spans, cursor = [], 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        span = doc.char_span(start, cursor, label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def _by_name(entities):
    return {e.name: e for e in entities}


def test_clean_name_strips_titles_articles_possessives():
    assert clean_name("U.S. President Donald Trump's") == "Donald Trump"
    assert clean_name("Treasury Secretary Steven Mnuchin") == "Steven Mnuchin"
    assert clean_name("the Commerce Ministry") == "Commerce Ministry"
    assert clean_name("ZTE\u2018s") == "ZTE"
    assert clean_name("IDC's Batra") == "Batra"
    # a title word followed by lower-case words is not a title prefix
    assert clean_name("Secretary of State") == "Secretary of State"


def test_name_key_joins_company_forms_and_country_spellings():
    assert name_key("ZTE Corp.") == name_key("ZTE") == "zte"
    assert name_key("Huawei Technologies Ltd.") == "huawei"
    assert name_key("U.S.") == name_key("US") == name_key("United States")
    assert name_key("Group") == "group"  # a suffix alone is kept


def test_majority_label_and_ties():
    assert majority_label(["PERSON", "ORG", "PERSON"]) == "PERSON"
    assert majority_label(["ORG", "GPE"]) == "ORG"  # tie: priority order
    assert majority_label([]) == ""


def test_variants_merge_into_one_entity_with_majority_type(make_article):
    texts = [
        "President Xi Jinping spoke on Monday. Xi said the plan would go ahead.",
        "Chinese President Xi Jinping's plan was praised. Acme Corp. agreed. Acme's chief was"
        " pleased and Xi smiled.",
    ]
    story = _story(make_article, texts)
    docs = [
        _doc_with_ents(texts[0], [("President Xi Jinping", "PERSON"), ("Xi", "PERSON")]),
        _doc_with_ents(texts[1], [("Xi Jinping's", "PERSON"), ("Acme Corp.", "ORG"),
                                  ("Acme's", "ORG"), ("Xi", "ORG")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Xi" not in ents and "Acme Corp." not in ents
    xi = ents["Xi Jinping"]
    assert xi.type == "PERSON"  # one ORG tag outvoted
    assert len(xi.mentions) == 4
    assert dict(xi.outlets) == {story.articles[0].id: 2, story.articles[1].id: 2}
    acme = ents["Acme"]
    assert acme.type == "ORG" and len(acme.mentions) == 2
    for e in ents.values():
        for m in e.mentions:
            art = story.article(m.ref.article_id)
            assert art.text[m.ref.start:m.ref.end] == m.text
            assert art.sentences[m.ref.sentence_index].start <= m.ref.start


def test_ambiguous_surname_stays_apart_and_initials_merge(make_article):
    text = ("Shawn J. Smith was charged. Police found Shimron Smith in the yard. "
            "Smith approached the officers. Shawn Smith had no attorney. Shawn said little.")
    story = _story(make_article, [text])
    doc = _doc_with_ents(text, [("Shawn J. Smith", "PERSON"), ("Shimron Smith", "PERSON"),
                                ("Smith", "PERSON"), ("Shawn Smith", "PERSON"),
                                ("Shawn", "PERSON")])
    ents = _by_name(extract_entities(story, [doc]))
    # "Smith" could be either brother: never merged into one of them
    assert len(ents["Smith"].mentions) == 1
    assert len(ents["Shimron Smith"].mentions) == 1
    shawn = ents["Shawn J. Smith"]
    assert len(shawn.mentions) == 3 and set(shawn.aliases) == {
        "Shawn J. Smith", "Shawn Smith", "Shawn"}


def test_acronym_joins_its_organisation_and_places_stay_apart(make_article):
    text = ("Scott Kennedy of the Center for Strategic and International Studies spoke. "
            "CSIS is in Washington. Kennedy said Qatar and Qatar Airways differ.")
    story = _story(make_article, [text])
    doc = _doc_with_ents(text, [
        ("Scott Kennedy", "PERSON"), ("Center for Strategic and International Studies", "ORG"),
        ("CSIS", "ORG"), ("Washington", "GPE"), ("Kennedy", "PERSON"), ("Qatar", "GPE"),
        ("Qatar Airways", "ORG")])
    ents = _by_name(extract_entities(story, [doc]))
    assert len(ents["Center for Strategic and International Studies"].mentions) == 2
    assert len(ents["Scott Kennedy"].mentions) == 2
    assert "Qatar" in ents and "Qatar Airways" in ents  # a place is not its airline


def test_entity_index_lookup_and_spans(make_article):
    text = "Gao Feng spoke. Later Gao said more."
    story = _story(make_article, [text])
    doc = _doc_with_ents(text, [("Gao Feng", "PERSON"), ("Gao", "PERSON")])
    ents = extract_entities(story, [doc])
    index = EntityIndex(ents)
    assert index.lookup("Gao").name == "Gao Feng"
    assert index.lookup("spokesman Gao Feng").name == "Gao Feng"
    assert index.lookup("Nobody") is None
    aid = story.articles[0].id
    start = text.index("Gao said")
    assert index.at(aid, start, start + 3).name == "Gao Feng"
    assert index.at(aid, 9, 14) is None  # "spoke"


def test_no_entities_and_missing_docs(make_article):
    story = _story(make_article, ["nothing here at all.", "nor here."])
    assert extract_entities(story, [None, None]) == ()


@pytest.mark.slow
def test_seed_cluster_merges_key_people_and_companies(seed_cluster):
    from newsweave import nlp
    from newsweave.config import load_config
    from newsweave.ingest import load_articles
    from newsweave.pipeline import prepare_articles

    articles, _ = load_articles([seed_cluster])
    articles = prepare_articles(articles, load_config(None), [])
    story = Story(id="seed", headline="h", articles=tuple(articles))
    ents = extract_entities(story, nlp.parse([a.text for a in articles]))
    for full, short in [("Xi Jinping", "xi"), ("Donald Trump", "trump"), ("ZTE", "zte"),
                        ("Gao Feng", "gao"), ("Scott Kennedy", "kennedy")]:
        holders = [e for e in ents
                   if any(short in name_key(a).split() for a in (e.name, *e.aliases))
                   and e.type in ("PERSON", "ORG")]
        assert [e.name for e in holders] == [full], (full, [(e.name, e.aliases) for e in holders])
        if full != "Gao Feng":
            assert len(holders[0].outlets) >= 2
