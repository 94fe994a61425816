"""Quote attribution, fifteenth round (issue 19, 2026-12-07): "the statement said" read
through the statement mentioned before (``DEFINITE_DOCUMENT_BACK``,
``DEFINITE_DOCUMENT_WRITTEN``), a person the quotation speaks of by name is not its speaker
(``SPOKEN_OF_NOT_SPEAKER``) and a name before a colon with no verb (``NAME_COLON_HEADER``).
Invented sentences; each case fails with its switch off."""

from __future__ import annotations

import pytest
from tests.factories import quoted_speaker as _speaker

CASES = [
    # the statement mentioned before names its author: the author speaks
    (
        "DEFINITE_DOCUMENT_BACK",
        "Harwick Ferries cancelled the night crossing on Monday.\n\n"
        "The statement from lawyer Corin Vale was issued after the meeting ended.\n\n"
        '"My client has answered every question the harbour board asked him and will go on '
        'doing so," the statement said.',
        "My client has answered",
        "Corin Vale",
    ),
    # the one who sent it is unnamed: the statement as written, not the firm named before
    (
        "DEFINITE_DOCUMENT_BACK",
        "Shares of Harwick Ferries fell on Monday.\n\n"
        "A harbour official sent a statement to the Ledger on Tuesday.\n\n"
        '"We are always worried when the ferries stop running, but the bridge will reopen '
        'soon," the statement said.',
        "We are always worried",
        "statement",
    ),
    # no earlier mention: the message as written
    (
        "DEFINITE_DOCUMENT_WRITTEN",
        "Ilse Marren worked late at the harbour office that spring.\n\n"
        'The message said: "The crossing is closed until further notice and every ticket '
        'will be refunded."',
        "The crossing is closed",
        "message",
    ),
    # a name before the colon, no verb: that person's words
    (
        "NAME_COLON_HEADER",
        "The bridge has been closed since May.\n\n"
        'Media caption Ledger reporter Ilse Marren: "The bridge will stay shut until the '
        'spring, the engineers say."',
        "The bridge will stay",
        "Ilse Marren",
    ),
    (
        "NAME_COLON_HEADER",
        "The ferry board met on Monday to discuss the bridge.\n\n"
        'Vale\'s response: "I might be stubborn, but I will not sell the harbour to anyone."',
        "I might be stubborn",
        "Vale",
    ),
]


@pytest.mark.parametrize(("switch", "text", "start", "speaker"), CASES)
def test_rule_attributes_and_fails_without_it(monkeypatch, switch, text, start, speaker):
    from newsweave.facts import quotes

    assert speaker in (_speaker(text, start) or "")
    monkeypatch.setattr(quotes, switch, False)
    assert speaker not in (_speaker(text, start) or "")


def test_a_person_the_quote_speaks_of_is_not_its_speaker(monkeypatch):
    from newsweave.facts import quotes

    text = (
        "Mayor Corin Vale spoke to reporters at the harbour on Friday. The council leader, "
        "Tomas Brenn, had refused to meet him.\n\n"
        '"It will be very hard for Mr. Brenn to explain why the bridge is still closed," he '
        "said."
    )
    got = _speaker(text, "It will be very hard")
    assert "Brenn" not in (got or "")
    monkeypatch.setattr(quotes, "SPOKEN_OF_NOT_SPEAKER", False)
    # without the rule the "he" reaches the man named last, whom the quote speaks of
    assert "Brenn" in (_speaker(text, "It will be very hard") or "")


def test_a_name_governed_by_a_preposition_before_a_colon_is_no_speaker():
    # the name is the object of "for": whom the words are addressed to, not who says them
    text = (
        "The bridge has been closed since May.\n\n"
        'A message for council leader Tomas Brenn: "The bridge will stay shut until the spring, '
        'whatever you say."'
    )
    assert _speaker(text, "The bridge will stay") is None
