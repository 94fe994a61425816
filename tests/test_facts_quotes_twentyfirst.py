"""Quote attribution, twenty-first round (issue 19, recall on unseen stories, 2026-12-07).

A definite description of a person ("said the Oregon Republican") with nobody named speaking
just before is the person the sentence before is about (``DESCRIPTION_ACTOR``), unless that
sentence names the role noun itself; "the party said" refers back to the party just named as
"the company said" does (``BODY_ORG_NOUNS``); a speaker's name the tokenizer cut at an
abbreviated title ("Sgt. Riley" read as "Sgt") or at the apostrophe of a surname ("Molly
O\u2019Neal" read as "Molly") is whole (round 21's ``CUT_NAME_REPAIR``; since the eighth
session the speaker span's reading of a name, ``SPEAKER_NAME_FORM``, is the one repair); a
name in apposition that the parse hangs on the object of the role's preposition ("a diplomat
in Oslo, Tor Lund, told") is the role's (``PP_APPOSITION_NAME``); after a quotation, an
inverted subject the parse took for an object ('"...," recalled the bartender, Matt
Galloway') is the speaker (``INVERTED_DESCRIPTION``), never the listener of "told". Invented
sentences; each case fails with its switch off."""

from __future__ import annotations

from tests.factories import quoted_speaker as _speaker

ACTOR = (
    "Sen. Mara Quill, who first backed the rancher, issued a statement Thursday decrying his "
    "comments.\n\n"
    '"His remarks are offensive and I disagree with him," said the Oregon Republican, who is '
    "weighing a run."
)

ROLE_NAMED_BETWEEN = 'Tor Lund met the lawyers on Friday.\n\n"We will appeal," the lawyer said.'

PARTY = (
    "The Harwick Labour Party criticized a resolution passed earlier this month by the city "
    "council. A copy was sent to the mayor.\n\n"
    '"The council should reconsider this resolution before it does harm," the party said in a '
    "statement."
)

SERGEANT = (
    "The search was scaled back on Tuesday, Riley said.\n\n"
    '"The family asked us to thank everyone who came out to help," said Sgt. Riley.'
)

DETECTIVE = (
    '"We are investigating this as a homicide," Indiana State Police Sgt. Kim Riley said at '
    "a news conference."
)

APOSTROPHE = (
    '"I think the sentence is fair and within the law," said Santa Clara County Public '
    "Defender Molly O\u2019Neal\n\nO\u2019Neal may be one of very few people to defend the "
    "judge."
)

DIPLOMAT = (
    'A Libyan diplomat in Oslo, Tor Lund, told reporters, "I resigned from representing the '
    'regime. I cannot serve it any more."'
)

MAYOR_OF = '"We will not change the plan," said the mayor of Harwick, Tor Lund.'


def test_a_description_is_the_person_the_sentence_before_is_about(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(ACTOR, "His remarks are offensive") == "Mara Quill"
    monkeypatch.setattr(quotes, "DESCRIPTION_ACTOR", False)
    assert _speaker(ACTOR, "His remarks are offensive") is None


def test_a_description_whose_role_the_sentence_before_names_is_not_its_subject():
    # "the lawyers" are named between: "the lawyer" is one of them, not Tor Lund
    assert _speaker(ROLE_NAMED_BETWEEN, "We will appeal") != "Tor Lund"


def test_the_party_said_refers_back_to_the_party_named(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(PARTY, "The council should reconsider") == "Harwick Labour Party"
    monkeypatch.setattr(quotes, "BODY_ORG_NOUNS", False)
    assert _speaker(PARTY, "The council should reconsider") is None


def test_a_name_cut_at_an_abbreviated_title_is_the_name_after_it(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(SERGEANT, "The family asked us") == "Riley"
    assert _speaker(DETECTIVE, "We are investigating") == "Kim Riley"
    monkeypatch.setattr(quotes, "SPEAKER_NAME_FORM", False)
    assert _speaker(SERGEANT, "The family asked us") != "Riley"
    assert _speaker(DETECTIVE, "We are investigating") != "Kim Riley"


def test_a_surname_cut_at_its_apostrophe_is_whole(monkeypatch):
    from newsweave.facts import quotes

    sp = _speaker(APOSTROPHE, "I think the sentence")
    assert sp is not None and sp.endswith("Molly O\u2019Neal")
    monkeypatch.setattr(quotes, "SPEAKER_NAME_FORM", False)
    assert not (_speaker(APOSTROPHE, "I think the sentence") or "").endswith("O\u2019Neal")


def test_a_name_hung_on_the_roles_prepositional_object_is_the_roles(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(DIPLOMAT, "I resigned from") == "Tor Lund"
    assert _speaker(MAYOR_OF, "We will not change") == "Tor Lund"
    monkeypatch.setattr(quotes, "PP_APPOSITION_NAME", False)
    assert _speaker(DIPLOMAT, "I resigned from") is None
    assert _speaker(MAYOR_OF, "We will not change") != "Tor Lund"


BARTENDER = (
    "One of his favorite haunts was the Fireside Bar. ``He definitely wasn't drunk when he came "
    "in,'' recalled the bartender, Matt Galloway. ``He wasn't drunk when he went out.''"
)

LISTENER = (
    'Tor Lund was in court on Monday. "I cannot give my client a dictionary," a third lawyer '
    "told the judge."
)


def test_an_inverted_subject_parsed_as_an_object_is_the_speaker(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(BARTENDER, "He definitely wasn't drunk") == "Matt Galloway"
    assert _speaker(BARTENDER, "He wasn't drunk when he went out") == "Matt Galloway"
    monkeypatch.setattr(quotes, "INVERTED_DESCRIPTION", False)
    assert _speaker(BARTENDER, "He definitely wasn't drunk") is None


def test_the_object_of_told_stays_the_listener():
    assert _speaker(LISTENER, "I cannot give my client") is None
