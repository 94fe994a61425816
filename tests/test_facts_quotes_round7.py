"""Quote attribution, seventh round (issue 19): a one-word name that ended a person's full
name earlier is that person even when tagged an organisation; an unnamed group ("the
researchers said", "The team says") is the speaker as written, and "they" right after it.

Invented sentences only; each case failed on the code before this round."""

from __future__ import annotations

from factories import quote_pairs, speaker_of


def test_surname_tagged_as_company_is_the_person_named_before(make_article):
    # the short form "Bridgewater" read as an organisation is still the director named in
    # full before, so "he" goes back to him, not to "the director" further back
    text = (
        "The bridge was a landmark in the career of Ray Bridgewater. The studio built a set "
        "there. Later the director also said that he wanted a second film there.\n\n"
        "The studio filmed reshoots at the yard. "
        "In 2009, Bridgewater told Variety he wanted to shoot a scene on the bridge. "
        '"I\'m hoping to bring a thousand extras for one shot," he told the trade paper.'
    )
    pairs = quote_pairs(make_article(text), relabel=("Bridgewater", "ORG"), keep_unattributed=True)
    assert speaker_of(pairs, "I'm hoping") in ("Bridgewater", "Ray Bridgewater")


def test_unnamed_group_is_the_speaker_as_written(make_article):
    text = (
        "A new survey of lake trout was published on Monday.\n\n"
        "The Canadian researchers said their survey, the largest so far, is "
        "\u201cthe clearest evidence yet of warming in deep lakes.\u201d\n\n"
        "They said they used \u201ca far longer record\u201d than earlier teams."
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert speaker_of(pairs, "the clearest evidence") == "The Canadian researchers"
    assert speaker_of(pairs, "a far longer record") == "The Canadian researchers"


def test_team_then_they_wrote(make_article):
    text = (
        "The team says colder winters probably favoured shorter people.\n\n"
        "\u201cBecause survival matters most at young ages, such genes may spread in "
        "cold places,\u201d they wrote."
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert speaker_of(pairs, "Because survival") == "The team"


def test_they_without_a_group_stays_unknown(make_article):
    text = (
        "Officials from two towns met on Friday.\n\n"
        "\u201cWe will share the cost of the new bridge,\u201d they said."
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert speaker_of(pairs, "We will share") is None


def test_bare_plural_group_speaks_but_not_some_of_them(make_article):
    text = (
        "The march through the old town drew a large crowd on Saturday.\n\n"
        "Organizers said in a statement that the march was \u201cthe largest the town "
        "has ever seen.\u201d\n\n"
        "Some organizers said the route was \u201cfar too short for the crowd.\u201d"
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert speaker_of(pairs, "the largest the town") == "Organizers"
    assert speaker_of(pairs, "far too short") is None
