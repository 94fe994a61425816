"""A council or military rank before a name is a title, not part of the name: "Councillor
Petra Lund" and "Petra Lund" are one person in the entities and as a quote's speaker."""

from __future__ import annotations

import pytest

from newsweave.facts.entities import TITLE_WORDS


@pytest.mark.parametrize(
    "title",
    [
        "councillor",
        "councilwoman",
        "alderman",
        "assemblyman",
        "lieutenant",
        "sergeant",
        "superintendent",
        "mp",
    ],
)
def test_ranks_are_title_words(title: str) -> None:
    assert title in TITLE_WORDS


def test_a_councillor_is_one_person_across_outlets(monkeypatch) -> None:
    from factories import use_fake_encoder
    from newsweave import nlp
    from newsweave.facts import extract_facts
    from newsweave.model import Article, Story

    use_fake_encoder(monkeypatch)
    texts = [
        (
            "Daily",
            'Councillor Maren Toft said the repairs were "far too late for the people '
            'of this town." The council meets on Friday.',
        ),
        (
            "Wire",
            "Maren Toft, a councillor, has asked for an inquiry. Maren Toft said the "
            "town had been warned.",
        ),
    ]
    arts = nlp.split_sentences(
        [Article(id=f"a{i}", text=t, outlet=o) for i, (o, t) in enumerate(texts)]
    )
    story = extract_facts(Story(id="s", headline="h", articles=tuple(arts)))
    people = [e.name for e in story.entities if e.type == "PERSON"]
    assert people == ["Maren Toft"]
    assert {q.speaker for q in story.quotes} == {"Maren Toft"}
