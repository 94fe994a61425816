"""Quote attribution, seventeenth round (issue 19, heldout19 as tuning, 2026-12-07):
``ORG_DESCRIPTION_NOT_NAME`` ("the Norwegian fishing magazine" describes an organisation, it
does not name one), ``COLON_CUE_NEXT`` ('"..." Lind replied: "..."' introduces the quotation
after the colon), ``ORG_NOUN_SERVICE`` ("the weather service said"),
``ORG_NAME_NOT_SENTENCE_START`` ("... by Saturday. The weather service" names no service) and
``ORG_NOUN_NAMES_ORG`` ("the news site Kuresha" is an organisation even when the tagger calls
it a person). Invented sentences; each case fails with its switch off."""

from __future__ import annotations

import pytest
from tests.factories import quoted_speaker as _speaker

MAGAZINE = (
    "The harbour board met on Monday.\n\n"
    "The two fleets have much in common, according to Harwick Review, the Norwegian fishing "
    "magazine whose articles are read along the whole coast.\n\n"
    '"The two boats are the last of the old fleet," the magazine wrote.'
)
REPLY = (
    '"I thought of you," Karen Voss told Mara Lind. "You gave us so many signs of patience in '
    'your years at the harbour." Lind replied: "Thank you, thank you."'
)
SERVICE = (
    "The Harwick Weather Service predicts a foot of snow on the coast by Sunday.\n\n"
    '"Travel will be dangerous on the coast roads," the weather service said.'
)

SENTENCE_START = (
    "The Harwick Weather Service predicts a foot of snow on the coast.\n\n"
    "More snow is expected inland by Saturday. The weather service warned of deep drifts on "
    "the hills.\n\n"
    "Schools in the valley will close on Friday.\n\n"
    '"Travel will be dangerous on the coast roads," the weather service said.'
)


@pytest.mark.parametrize(
    ("switch", "text", "start", "speaker"),
    [
        ("ORG_DESCRIPTION_NOT_NAME", MAGAZINE, "The two boats", "Harwick Review"),
        ("COLON_CUE_NEXT", REPLY, "You gave us", "Karen Voss"),
        ("ORG_NOUN_SERVICE", SERVICE, "Travel will", "Harwick Weather Service"),
        ("ORG_NOUN_SERVICE", SENTENCE_START, "Travel will", "Harwick Weather Service"),
        ("ORG_NAME_NOT_SENTENCE_START", SENTENCE_START, "Travel will", "Harwick Weather Service"),
    ],
)
def test_rule_names_the_speaker(monkeypatch, switch, text, start, speaker):
    from newsweave.facts import quotes

    assert _speaker(text, start) == speaker
    monkeypatch.setattr(quotes, switch, False)
    assert _speaker(text, start) != speaker


def test_the_reply_keeps_its_own_quotation():
    assert _speaker(REPLY, "Thank you") == "Mara Lind"


def test_a_description_with_no_name_beside_it_is_not_a_speaker(monkeypatch):
    # "the Chinese agency" names no organisation: "the agency" is the one that spoke before
    from newsweave.facts import quotes

    text = (
        "The Harwick Fund, known as HRF, said it regretted the move.\n\n"
        "It said the fund works with the Chinese agency on fishing quotas.\n\n"
        '"HRF rejects this claim in full," the agency said in a statement.'
    )
    assert _speaker(text, "HRF rejects") == "Harwick Fund"
    monkeypatch.setattr(quotes, "ORG_DESCRIPTION_NOT_NAME", False)
    assert _speaker(text, "HRF rejects") == "Chinese agency"


def test_a_site_named_beside_its_noun_takes_no_he(monkeypatch):
    # the site (a one-word name the tagger calls a person) is no "he": the man who spoke
    # last, unnamed, stops the pronoun; with the switch off "he" reaches the site
    from newsweave.facts import quotes

    text = (
        "A fire was raging at the town hall, the pro-government news site Kuresha said.\n\n"
        'The man identified as "Falcon" told the Ledger that phones went down at noon.\n\n'
        '"The situation on the streets is not a war," he said.'
    )
    assert _speaker(text, "The situation") is None
    monkeypatch.setattr(quotes, "ORG_NOUN_NAMES_ORG", False)
    assert _speaker(text, "The situation") == "Kuresha"
