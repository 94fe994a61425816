"""Quote attribution, seventeenth round (issue 19, heldout19 as tuning, 2026-12-07):
``ORG_DESCRIPTION_NOT_NAME`` ("the Norwegian fishing magazine" describes an organisation, it
does not name one), ``COLON_CUE_NEXT`` ('"..." Hale answered: "..."' introduces the quotation
after the colon), ``ORG_NOUN_SERVICE`` ("the weather service said"),
``ORG_NAME_NOT_SENTENCE_START`` ("... by Saturday. The weather service" names no service) and
``ORG_NOUN_NAMES_ORG`` ("the news site Marvuta" is an organisation even when the tagger calls
it a person). Invented sentences; each case fails with its switch off."""

from __future__ import annotations

import pytest
from tests.factories import quoted_speaker as _speaker

MAGAZINE = (
    "The harbour board met on Monday.\n\n"
    "Prices for cod rose by a third last year, Kystposten, the Norwegian fishing magazine, "
    "reported on Friday.\n\n"
    '"No one on the quay expected such a year," the magazine wrote.'
)
REPLY = (
    '"We will miss you," Ada Brandt told Tom Hale at the lifeboat station. "Nobody has kept '
    'the boats ready for longer than you have." Hale answered: "It was an honour."'
)
SERVICE = (
    "The Harwick Weather Service expects twenty centimetres of snow on the coast by Sunday.\n\n"
    '"Stay off the coast roads unless you must drive," the weather service said.'
)
SENTENCE_START = (
    "The Harwick Weather Service expects twenty centimetres of snow on the coast.\n\n"
    "More snow will fall inland by Saturday. The weather service also warned of strong winds "
    "on the hills.\n\n"
    "Schools in the valley will close on Friday.\n\n"
    '"Stay off the coast roads unless you must drive," the weather service said.'
)


@pytest.mark.parametrize(
    ("switch", "text", "start", "speaker"),
    [
        ("ORG_DESCRIPTION_NOT_NAME", MAGAZINE, "No one on", "Kystposten"),
        ("COLON_CUE_NEXT", REPLY, "Nobody has", "Ada Brandt"),
        ("ORG_NOUN_SERVICE", SERVICE, "Stay off", "Harwick Weather Service"),
        ("ORG_NOUN_SERVICE", SENTENCE_START, "Stay off", "Harwick Weather Service"),
        ("ORG_NAME_NOT_SENTENCE_START", SENTENCE_START, "Stay off", "Harwick Weather Service"),
    ],
)
def test_rule_names_the_speaker(monkeypatch, switch, text, start, speaker):
    from newsweave.facts import quotes

    assert _speaker(text, start) == speaker
    monkeypatch.setattr(quotes, switch, False)
    assert _speaker(text, start) != speaker


def test_the_reply_keeps_its_own_quotation():
    assert _speaker(REPLY, "It was an") == "Tom Hale"


def test_a_description_with_no_name_beside_it_is_not_a_speaker(monkeypatch):
    # "the Danish agency" names no organisation: "the agency" is the one that spoke before
    from newsweave.facts import quotes

    text = (
        "The Tarnvik Coast Agency, known as TCA, said on Tuesday that the dunes were "
        "shrinking.\n\n"
        "Its wardens have counted birds each spring since 2004 with help from the Danish "
        "agency.\n\n"
        '"Every count we publish is checked twice," the agency said.'
    )
    assert _speaker(text, "Every count") == "Tarnvik Coast Agency"
    monkeypatch.setattr(quotes, "ORG_DESCRIPTION_NOT_NAME", False)
    assert _speaker(text, "Every count") == "Danish agency"


def test_a_site_named_beside_its_noun_takes_no_he(monkeypatch):
    # the site (a one-word name the tagger calls a person) is no "he": the driver who spoke
    # last, unnamed, stops the pronoun; with the switch off "he" reaches the site
    from newsweave.facts import quotes

    text = (
        "Shops near the port stayed shut all day, the opposition news site Marvuta said.\n\n"
        "A driver who gave only his first name told the Ledger that soldiers had closed the "
        "bridge.\n\n"
        '"Nobody here knows what comes tomorrow," he said.'
    )
    assert _speaker(text, "Nobody here") is None
    monkeypatch.setattr(quotes, "ORG_NOUN_NAMES_ORG", False)
    assert _speaker(text, "Nobody here") == "Marvuta"
