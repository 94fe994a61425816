"""Quote attribution, thirteenth round (issue 19): rules aimed at classes of misses that recur
across stories, not at one story. A partial quote set in a clause whose verb is no speech verb
('Vance blamed the loss on "..."', 'It threatened to "..."') goes to the clause's named
subject; a standalone quotation after a sentence whose subject is a description with a name
in apposition ('His mother, Mara Lind, remembers ...') goes to that person (switch off by
default); a partial quote in a clause coordinated with a reported clause is the speech verb's
('Vance said the numbers remained high and the guards did an "..."'); with
PARTIAL_PARTICIPLE (off by default in round 13, on since round 15) a participle passes a
partial quote on to the verb above ('..., accusing X of "..."').

Invented sentences only; each positive case fails with its rule switched off."""

from __future__ import annotations

import pytest

from factories import check_switch_names_speaker, quoted_speaker

BLAMED = (
    "Harwick Telecom reported its results on Tuesday.\n\n"
    'In the third quarter, Harwick Telecom blamed a fall in its new subscribers on "the first '
    'full quarter in which both rivals sold the new phone."'
)
ACCUSED = (
    "Rollo Vance spoke to the school board on Monday.\n\n"
    'Vance accused the board of "taking away the right of parents to choose the school of '
    'their children."'
)
IMPLORED = (
    "The senator met the speaker on Friday.\n\n"
    'Senator Mara Lind implored the speaker to "find a way to keep the shelters open this '
    'winter."'
)
APPOSITION = (
    "The sock sensor found every fall of the old man in the trial.\n\n"
    'His mother, Mara Lind, remembers that day. "We were so proud of him, and we felt the '
    'power of the invention."'
)


CONJUNCT = (
    "The council met on Monday.\n\n"
    'Mayor Rollo Vance said the police numbers remained high and the guards did an "incredible '
    'job at keeping every family in the town safe."'
)
PARTICIPLE = (
    "The vote is set for June.\n\n"
    "In the days since the fire, the Harwick Union has been fighting the budget cuts, accusing "
    'Rollo Vance of "letting the cuts damage the ability of the town to keep us safe."'
)

MEMO = (
    "The panel met in private for three days.\n\n"
    'The memorandum said the panel members were "attentive at every one of the sessions and '
    'raised many points."'
)


@pytest.mark.parametrize(
    ("switch", "text", "start", "expected"),
    [
        ("REPORTED_CONJUNCT", CONJUNCT, "incredible job at keeping", "Rollo Vance"),
        ("PARTIAL_CLAUSE_SUBJECT", BLAMED, "the first full quarter", "Harwick Telecom"),
        ("PARTIAL_CLAUSE_SUBJECT", ACCUSED, "taking away the right", "Vance"),
        ("PARTIAL_CLAUSE_SUBJECT", IMPLORED, "find a way", "Lind"),
        # (on since round 15)
        ("PARTIAL_PARTICIPLE", PARTICIPLE, "letting the cuts", "Harwick Union"),
        # (on since round 23)
        ("STANDALONE_APPOSITION_SUBJECT", APPOSITION, "We were so proud", "Mara Lind"),
    ],
)
def test_rule_names_the_speaker_and_fails_without_it(
    make_article, monkeypatch, switch, text, start, expected
):
    check_switch_names_speaker(monkeypatch, switch, make_article(text), start, expected)


@pytest.mark.parametrize(
    ("switch", "text", "start", "expected"),
    [
        ("DOCUMENT_AS_WRITTEN", MEMO, "attentive at every", "The memorandum"),
    ],
)
def test_rule_off_by_default_names_the_speaker_when_on(
    make_article, monkeypatch, switch, text, start, expected
):
    from newsweave.facts import quotes

    assert getattr(quotes, switch) is False
    # (round 15's DEFINITE_DOCUMENT_BACK reads "The memorandum said" as written too; off here so
    # that the older switch alone decides)
    monkeypatch.setattr(quotes, "DEFINITE_DOCUMENT_BACK", False)
    monkeypatch.setattr(quotes, switch, True)
    check_switch_names_speaker(monkeypatch, switch, make_article(text), start, expected)


def test_a_partial_quote_before_the_verb_gets_no_speaker(make_article):
    # a quoted phrase set before the predicate describes the subject, it is not its words
    text = (
        "Chip makers met in Harwick on Tuesday.\n\n"
        'Even Harwick Telecom, with a "strong lead in every market of the region," still needs '
        "parts made abroad."
    )
    assert quoted_speaker(make_article(text), "strong lead in every") is None


def test_a_partial_quote_in_a_reported_clause_is_not_the_clause_subject(make_article):
    # the clause is what someone else believes: the rule does not give it to its subject
    text = (
        "The hearing ran late on Monday.\n\n"
        'The lawyer believes Mayor Rollo Vance blamed the crash on "a road that was never built '
        'for trucks of that size."'
    )
    sp = quoted_speaker(make_article(text), "a road that was never")
    assert sp is None or not sp.endswith("Vance")
