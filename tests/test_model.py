"""Tests of the data model (newsweave.model): typed facts, one SentenceRef, and the JSON
round trip ``from_dict(Story, to_dict(story)) == story`` with the report's key layout."""

from __future__ import annotations

import json
import typing

from hypothesis import HealthCheck, given, settings

from factories import stories, story_with_facts
from newsweave.model import (
    Citation,
    Coverage,
    Entity,
    FigureGroup,
    Quote,
    SentenceRef,
    Story,
    TimelineEvent,
    from_dict,
    to_dict,
)


def test_story_fact_fields_are_typed_with_the_fact_classes():
    hints = typing.get_type_hints(Story)
    assert hints["entities"] == tuple[Entity, ...]
    assert hints["quotes"] == tuple[Quote, ...]
    assert hints["figures"] == tuple[FigureGroup, ...]
    assert hints["timeline"] == tuple[TimelineEvent, ...]
    assert hints["coverage"] == tuple[Coverage, ...]
    assert Citation is SentenceRef


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_json_round_trip_gives_an_equal_story(story):
    data = json.loads(json.dumps(to_dict(story), ensure_ascii=False))
    back = from_dict(Story, data)
    assert back == story
    assert all(type(q) is Quote for q in back.quotes)


def test_fact_json_keeps_the_report_layout():
    # docs/json-report.md: the keys (and their order) of each fact object; a pointer is
    # written inline, a quote's sources as [article_id, sentence_index] pairs
    story = story_with_facts()
    d = to_dict(story)
    assert list(d["entities"][0]) == ["id", "name", "type", "mentions", "outlets", "aliases"]
    assert list(d["entities"][0]["mentions"][0]) == [
        "article_id",
        "sentence_index",
        "text",
        "start",
        "end",
    ]
    assert list(d["quotes"][0]) == [
        "speaker",
        "text",
        "article_id",
        "sentence_index",
        "partial",
        "speaker_entity",
        "verb",
        "sources",
        "article_ids",
        "start",
        "end",
        "source_words",
    ]  # the last added (issue 19)
    b, c = story.articles[1], story.articles[2]
    assert d["quotes"][0]["sources"] == [[b.id, 1], [c.id, 1]]
    assert list(d["figures"][0]) == [
        "id",
        "measure",
        "members",
        "disagreement",
        "reason",
        "kind",
        "unit",
        "subject",
        "time",
        "label",
        "key",
        "rank",
    ]
    assert list(d["figures"][0]["members"][0]) == [
        "value",
        "unit",
        "text",
        "article_id",
        "sentence_index",
        "kind",
        "measure",
        "subject",
        "time",
        "qualifier",
        "low",
        "high",
        "start",
        "end",
        "context",
        "label",
    ]
    assert list(d["timeline"][0]) == [
        "date",
        "text",
        "sources",
        "relative",
        "expression",
        "other_dates",
    ]
    assert list(d["timeline"][0]["sources"][0]) == ["article_id", "sentence_index", "start", "end"]
    assert list(d["coverage"][0]) == ["outlet", "article_ids", "facts"]
    assert list(d["coverage"][0]["facts"][0]) == ["kind", "text", "article_id", "sentence_index"]


def test_refs_are_every_place_a_fact_points_at():
    story = story_with_facts()
    a, b, c = story.articles
    quote = story.quotes[0]
    # the quoted words, each outlet's sentence, then the words each outlet printed
    assert [r.article_id for r in quote.refs()] == [b.id, b.id, c.id, b.id, c.id]
    text = story.article(quote.ref.article_id).text
    assert text[quote.ref.start : quote.ref.end] == quote.text
    for w in quote.source_words:
        assert story.article(w.ref.article_id).text[w.ref.start : w.ref.end] == w.text
    for m in story.entities[0].mentions:
        assert story.article(m.ref.article_id).text[m.ref.start : m.ref.end] == m.text
    assert {r.article_id for r in story.figures[0].refs()} == {a.id, b.id}
    assert [r.sentence_index for r in story.timeline[0].refs()] == [0, 0]
    assert [r.article_id for r in story.coverage[1].refs()] == [c.id, c.id]


def test_old_flat_fact_json_still_loads():
    # a story written before SentenceRef (same JSON shape): loads into the fact classes
    story = story_with_facts()
    quote = to_dict(story.quotes[0])
    loaded = from_dict(Quote, quote)
    assert loaded == story.quotes[0]
    assert loaded.sources[0] == SentenceRef(story.articles[1].id, 1)
