"""Quote attribution, precision round (issue 19, 2026-12-07): a person's gender learnt from the
story's own subject pronouns, in any of its articles (``GENDER_FROM_PRONOUNS``), so that a
"she said" never reaches back to a man another outlet called "he". Invented sentences."""

from __future__ import annotations

import pytest
from tests.factories import parsed_story

# one outlet tells that Corin Vale is a man; the other never does, and names him last before
# the quote of the woman it introduced first
FIRST = (
    "Corin Vale, the harbour director, said on Monday that he would close the night route.\n\n"
    "The route has carried commuters since 1987."
)
SECOND = (
    "Marit Solberg has run the ferry office in Harwick since 2009. She heard the news on the "
    "radio.\n\n"
    "Corin Vale signed the order on Monday.\n\n"
    '"We were never asked, and the town deserves better than this," she said.'
)


def _speaker(story, docs, entities, start: str) -> str | None:
    from newsweave.facts.quotes import extract_quotes

    for q in extract_quotes(story, docs, entities, keep_unattributed=True):
        if q.text.startswith(start):
            return q.speaker
    raise AssertionError(f"no quote starting {start!r}")


def test_she_skips_a_man_another_outlet_called_he(monkeypatch):
    from newsweave.facts import quotes

    story, docs, entities = parsed_story(FIRST, SECOND)
    assert _speaker(story, docs, entities, "We were") == "Marit Solberg"
    monkeypatch.setattr(quotes, "GENDER_FROM_PRONOUNS", 0)  # the rule off: the nearest name
    assert _speaker(story, docs, entities, "We were") == "Corin Vale"


@pytest.mark.parametrize(
    "text",
    [
        # an object or possessive pronoun is someone else
        "Corin Vale thanked her for the warning.",
        "Corin Vale said they traced her letter to the office.",
        # the person is no subject: "she" is whoever the sentence is about
        "In a letter to Corin Vale announcing her resignation, she wrote that she was tired.",
        # two people: no telling whom the pronoun stands for
        "Corin Vale met Marit Solberg after she called the office.",
    ],
)
def test_no_gender_without_a_subject_pronoun_after_a_lone_subject(text):
    from newsweave.facts.entities import EntityIndex
    from newsweave.facts.quotes import pronoun_gender

    story, docs, entities = parsed_story(text)
    assert pronoun_gender(list(story.articles), docs, EntityIndex(entities)) == {}


def test_a_lone_subject_then_he_is_a_man():
    from newsweave.facts.entities import EntityIndex
    from newsweave.facts.quotes import pronoun_gender

    story, docs, entities = parsed_story("Corin Vale said he would close the night route.")
    learnt = pronoun_gender(list(story.articles), docs, EntityIndex(entities))
    names = {e.id: e.name for e in entities}
    assert {names.get(k, k): g for k, g in learnt.items()} == {"Corin Vale": "m"}


# "the spokesperson" after another person's quote: the spokesperson is someone else
SPOKES = (
    "Corin Vale told the council on Monday that the night route would close.\n\n"
    '"The decision is final and the money has been spent," the spokesperson said.'
)
# a spokeswoman the article names with her title is still found
TITLED = (
    "Jo Park, a spokeswoman for the harbour board, answered questions on Monday.\n\n"
    '"The decision is final and the money has been spent," the spokeswoman said.'
)


def test_the_spokesperson_is_not_whoever_spoke_before(monkeypatch, make_article):
    from factories import quoted_speaker
    from newsweave.facts import quotes

    art = make_article(SPOKES)
    assert quoted_speaker(art, "The decision") is None  # unknown, not Corin Vale
    monkeypatch.setattr(quotes, "SPOKES_NOT_PREVIOUS", False)
    assert quoted_speaker(art, "The decision") == "Corin Vale"


def test_an_unnamed_spokesperson_is_no_speaker(monkeypatch, make_article):
    from factories import quoted_speaker
    from newsweave.facts import quotes

    art = make_article(SPOKES)
    monkeypatch.setattr(quotes, "SPOKES_UNNAMED", False)  # the title as written
    assert quoted_speaker(art, "The decision") == "the spokesperson"


def test_a_titled_spokeswoman_is_still_named(make_article):
    from factories import quoted_speaker

    assert quoted_speaker(make_article(TITLED), "The decision") == "Jo Park"
