"""Quote attribution, nineteenth round (issue 19, heldout21 as tuning, 2026-12-07): a family
or an office with an owner ("Vos's family said", "the mayor's office said") speaks as
written, as "the researchers" does (``OWNED_GROUP_SPEAKS``). Invented sentences; each case
fails with the switch off."""

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
