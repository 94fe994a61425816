"""Quote attribution, fourteenth round (recall; issue 19, 2026-12-07): the reporter's tag
after a quotation whatever its verb (``TAG_ANY_VERB``), a tag with no verb at all
(``VERBLESS_TAG``), warrants, web pages and ads as documents (``DOCUMENT_NAMES_WEB``) and the
gender of an unnamed speaker (``UNNAMED_SPEAKER_GENDER``). Invented sentences; each positive
case fails with its switch off."""

from __future__ import annotations

import pytest
from tests.factories import quoted_speaker as _speaker

CASES = [
    # a tag of a verb that is no said-word, inverted or not
    (
        "TAG_ANY_VERB",
        "The ferry board met on Monday.\n\n"
        '"We have waited long enough for this bridge, and the town deserves it," offered '
        "Corin Vale.",
        "We have waited",
        "Corin Vale",
    ),
    (
        "TAG_ANY_VERB",
        "The council voted on the harbour plan.\n\n"
        '"This plan trades our harbour for a car park, and I will not support it," ripped '
        "Sen. Marit Solberg (D-Ore.), before the members had even been briefed.",
        "This plan trades",
        "Marit Solberg",
    ),
    # the quoted clause hangs on the tag verb in the parse: still a tag
    (
        "TAG_ANY_VERB",
        "Corin Vale walked into the crowded hall on Friday.\n\n"
        '"I always say that on every campaign one or two volunteers really make a '
        'difference," he began quietly from the stage.',
        "I always say",
        "Corin Vale",
    ),
    # the said-word dropped: a name and its apposition only
    (
        "VERBLESS_TAG",
        "The bridge has been shut since May.\n\n"
        '"The bridge will stay closed until the inspectors are satisfied with every '
        'cable," Mayor Corin Vale of Harwick, a senior member of the council.',
        "The bridge will stay",
        "Corin Vale",
    ),
    # a web page, an advertisement and a warrant speak for themselves
    (
        "DOCUMENT_NAMES_WEB",
        "The ferry office serves only "
        '"commuters who hold a valid monthly pass from the harbour authority," the site '
        "says.",
        "commuters who hold",
        "the site",
    ),
    (
        "DOCUMENT_NAMES_WEB",
        "According to the ad, the new ferry offers "
        '"a quiet crossing with fresh coffee on every single trip."',
        "a quiet crossing",
        "the ad",
    ),
    (
        "DOCUMENT_NAMES_WEB",
        "Police searched the boathouse on Friday.\n\n"
        '"The suspect left the harbour office at nine and walked to the pier alone," the '
        "warrant states.",
        "The suspect left",
        "warrant",
    ),
    # "a woman ... called to say" is no "he": the search goes on to the man named before
    (
        "UNNAMED_SPEAKER_GENDER",
        "Corin Vale looked for his lost son for forty years. He paid a man to search the "
        "archives in Harwick.\n\n"
        "Last year a woman in Ohio called to say her husband might be his son. A test "
        "came back negative.\n\n"
        '"I was hoping this was it, I really was," he said.',
        "I was hoping",
        "Corin Vale",
    ),
]


@pytest.mark.parametrize(("switch", "text", "start", "speaker"), CASES)
def test_rule_attributes_and_fails_without_it(monkeypatch, switch, text, start, speaker):
    from newsweave.facts import quotes

    # (the tagger may keep a title or place with the name: "Mayor Corin Vale of Harwick")
    assert speaker in (_speaker(text, start) or "")
    monkeypatch.setattr(quotes, switch, False)
    assert speaker not in (_speaker(text, start) or "")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # the verb after the name has an object: no tag, the quote stays unknown
        (
            "The ferry board met on Monday.\n\n"
            '"We will rebuild the old pier before the winter storms come," Corin Vale '
            "promised the council members.",
            "We will rebuild",
        ),
        # the quotation does not open its sentence: a banner's words, and no tag after them
        (
            "The march began at the harbour.\n\n"
            'Under a banner that read "Nobody in this town gets left behind by the council," '
            "Corin Vale marched on Monday.",
            "Nobody in this town",
        ),
        # a verb of its own (not in a relative clause) after the name: no verbless tag
        (
            "The bridge has been shut since May.\n\n"
            '"The bridge will stay closed until the inspectors are satisfied," Corin Vale, '
            "who chairs the board, resigned on Monday.",
            "The bridge will stay",
        ),
    ],
)
def test_tags_that_are_not_attributions(text, start):
    assert _speaker(text, start) is None


def test_a_named_owner_keeps_the_website():
    # "the 12 West website" is the site of a body the text names: it stays that body's (as
    # before DOCUMENT_NAMES_WEB), so "It added" still finds a speaker; read as a page as
    # written, "it" would find no organisation and the quote no speaker
    text = (
        "The US-based 12 West website noted that the crossing would close.\n\n"
        'It added: "The night crossing will not run again before the spring timetable."'
    )
    assert _speaker(text, "The night crossing") is not None
