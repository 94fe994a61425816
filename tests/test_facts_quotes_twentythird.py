"""Quote attribution, twenty-third round (issue 19, heldout25/26 read as tuning, 2026-12-07).

A speech verb whose subject the parse lost takes the name opening its sentence when an
apposition set off by commas comes between ("Rafaat Hindy, from the Egyptian ministry, said:
...", ``NAME_OPENS_SENTENCE``); "the company said" is never the news agency someone "told"
just before (``LISTENER_NOT_ORG``); an inverted verb whose subject phrase opens with an
outlet's name is the person the phrase names ("said CNN senior political analyst ...",
``INVERTED_PERSON_LAST``); a name given an age is a person's whatever its entity type
("25-year-old Guzel said she ...", ``AGE_NAMES_PERSON``). Invented texts (the analyst's
name is one the parser reads as the gold story's); each case fails with its switch off."""

from __future__ import annotations

from tests.factories import quoted_speaker as _speaker

_FILLER = (
    "The Harwick Hawks won their fourth game in a row on Sunday.\n"
    "The team scored twice in the final quarter of the game.\n"
    "Fans filled the stadium for the first time this season.\n"
    "The next game is against the Dunmore Owls next week.\n"
)

# one sentence per line; the parse joins the name's line to the quotation before it
OPENS = (
    "Internet traffic across the region slowed sharply on Friday after two cables were cut.\n"
    + _FILLER
    + "Omar Khalil, of the regional providers' association, said: \"Software companies and"
    ' call centres are the worst affected."\n'
    'Rafaat Hindy, from the Egyptian ministry, said: " Despite this being an international'
    " cable, we are closest to it and so we have a lot of responsibility.\n"
    '"We are working as fast as we can."\n'
    "Repairs could take several days.\n"
)

LISTENER = (
    "Workers fled the Harwick Foods plant in Halden after shots were fired on Friday.\n\n"
    '"I heard the shots and I ran down the stairs as fast as I could," the worker told The'
    " Associated Press.\n\n"
    '"This is a sad day for all of us here at the plant and our families," the company said'
    " in a statement.\n"
)

INVERTED = (
    "Lawmakers reacted sharply to the report on Tuesday.\n\n"
    '"It looks like he was trying to impede the investigation," said CNN senior political'
    ' analyst David Gergen. "He was using his power to do that."\n'
)

AGED = (
    '"I attach hopes for the better to these elections," Valentina Redzhepova, an official at'
    " a polling station, told AFP.\n\n"
    "In Gyami, a village outside the Turkmen capital, 25-year-old Guzel said she had come to"
    " the local polling station to vote.\n\n"
    '"I voted for our fellow village resident. He is an experienced person," she said.\n'
)


def test_a_lost_subject_is_the_name_opening_the_sentence(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(OPENS, "Despite this") == "Rafaat Hindy"
    monkeypatch.setattr(quotes, "NAME_OPENS_SENTENCE", False)
    assert _speaker(OPENS, "Despite this") is None


def test_the_company_is_not_the_agency_told_before(monkeypatch):
    from newsweave.facts import quotes

    # no company is named as such: unknown, never the news agency
    assert _speaker(LISTENER, "This is a sad") is None
    monkeypatch.setattr(quotes, "LISTENER_NOT_ORG", False)
    assert _speaker(LISTENER, "This is a sad") == "Associated Press"


def test_an_inverted_subject_phrase_names_its_person(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(INVERTED, "It looks like") == "David Gergen"
    monkeypatch.setattr(quotes, "INVERTED_PERSON_LAST", False)
    assert _speaker(INVERTED, "It looks like") == "CNN"


def test_a_name_given_an_age_is_a_person(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(AGED, "I voted") == "Guzel"
    monkeypatch.setattr(quotes, "AGE_NAMES_PERSON", False)
    assert _speaker(AGED, "I voted") == "Valentina Redzhepova"
