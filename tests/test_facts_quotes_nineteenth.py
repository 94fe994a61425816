"""Quote attribution, nineteenth round (issue 19, heldout21 as tuning, 2026-12-07): a family
or an office with an owner ("Vos's family said", "the mayor's office said") speaks as
written, as "the researchers" does (``OWNED_GROUP_SPEAKS``; a campaign too,
``OWNED_CAMPAIGN_SPEAKS``, off as shipped); a participle the parse hangs on a reported
clause whose subject is a thing is the reporter's (``PARTICIPLE_PAST_REPORTED``). Invented
sentences; each case fails with its switch off."""

from __future__ import annotations

from tests.factories import quoted_speaker as _speaker

FAMILY = (
    "Rena Vos, a ferry pilot from Harwick, died on Sunday after a fall on the quay.\n\n"
    "Vos's family said she had \u201ca laugh that filled every room she ever walked "
    "into.\u201d\n"
)
OFFICE = (
    "Senator Ilse Marrow had praised the protesters on Monday. But on Wednesday, the "
    "senator's office said she \u201cdoes not support anyone who breaks the law.\u201d\n"
)


def test_a_family_with_an_owner_speaks_as_written(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(FAMILY, "a laugh that filled") == "Vos's family"
    monkeypatch.setattr(quotes, "OWNED_GROUP_SPEAKS", False)
    assert _speaker(FAMILY, "a laugh that filled") != "Vos's family"


def test_an_office_with_an_owner_speaks_as_written(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(OFFICE, "does not support anyone") == "the senator's office"
    monkeypatch.setattr(quotes, "OWNED_GROUP_SPEAKS", False)
    assert _speaker(OFFICE, "does not support anyone") != "the senator's office"


def test_a_bare_office_is_no_speaker():
    # "the office" alone is a place as often as a body: no owner, no speaker from it
    text = 'Staff left early on Friday. "We could not work with the heating off," the office said.'
    assert _speaker(text, "We could not work") != "the office"


CAMPAIGN = (
    "Ilse Marrow is running for the Senate. Marrow's campaign said on Friday that she was "
    '"very confident about the count in the southern counties."\n'
)


def test_a_campaign_with_an_owner_speaks_as_written(monkeypatch):
    from newsweave.facts import quotes

    monkeypatch.setattr(quotes, "OWNED_CAMPAIGN_SPEAKS", True)  # off as shipped
    assert _speaker(CAMPAIGN, "very confident") == "Marrow's campaign"
    monkeypatch.setattr(quotes, "OWNED_CAMPAIGN_SPEAKS", False)
    assert _speaker(CAMPAIGN, "very confident") != "Marrow's campaign"


PARTICIPLE = (
    "Ansel Brook told the panel that the team's results on the pitch were more important to "
    'the college than its grades, saying, "We were there to win and nothing else, really."\n'
)


def test_a_participle_after_a_reported_clause_is_the_reporters(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(PARTICIPLE, "We were there to win") == "Ansel Brook"
    monkeypatch.setattr(quotes, "PARTICIPLE_PAST_REPORTED", False)
    assert _speaker(PARTICIPLE, "We were there to win") != "Ansel Brook"
