"""Quote attribution, eighteenth round (issue 19, heldout20 as tuning, 2026-12-07): the
answers of an interview printed as questions and answers are the interviewee's, the person
the reporter's lead-in names (``QA_ANSWERS``); "the statement read" after a statement issued
by someone the text does not name is the statement as written (``DOCUMENT_UNNAMED_ISSUER``);
a pronoun in a reported clause teaches its guess no gender (``REPORTED_PRONOUN_NO_GENDER``);
a filed document with an owner speaks as written (``POSSESSIVE_DOCUMENT``). Invented
sentences; each case fails with its switch off."""

from __future__ import annotations

from tests.factories import quoted_speaker as _speaker

INTERVIEW = (
    "After the final in Harwick on Sunday, coach Marit Solberg talked to reporters about the "
    "defeat.\n\n"
    "How do you feel after the match?\n\n"
    "\u201cWe were tired in the second half and we never found our rhythm again after "
    "the break.\u201d\n\n"
    "What will you change for the next game?\n\n"
    "\u201cWe need to keep the ball longer and trust the young players a bit more.\u201d\n\n"
    "Harbour captain Corin Vale also answered a few questions.\n\n"
    "Was the pitch a problem?\n\n"
    "\u201cThe pitch was heavy but it was the same for both sides, so no excuses from "
    "us.\u201d\n"
)


def test_interview_answers_go_to_the_interviewee(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(INTERVIEW, "We were tired") == "Marit Solberg"
    assert _speaker(INTERVIEW, "We need to keep") == "Marit Solberg"
    assert _speaker(INTERVIEW, "The pitch was heavy") == "Corin Vale"
    monkeypatch.setattr(quotes, "QA_ANSWERS", False)
    assert _speaker(INTERVIEW, "We need to keep") is None
    assert _speaker(INTERVIEW, "The pitch was heavy") is None


def test_one_rhetorical_question_is_no_interview():
    # a single question before a quotation is the reporter's device, not an interview
    text = (
        "Coach Marit Solberg lost the final in Harwick on Sunday.\n\n"
        "So what went wrong for the home side?\n\n"
        "\u201cNobody in this town expected a defeat of that size against them.\u201d\n"
    )
    assert _speaker(text, "Nobody in this town") is None


PROVIDED_BY_PUBLICIST = (
    "Tove Lind, the lead singer of Harwick Band, has died, according to a statement provided "
    "to the paper by a publicist for the group. The statement goes on to say that the singer "
    'was taken to hospital "a few days ago in Oslo after a concert for complications of an '
    'illness."'
)
PUBLICIST_CONFIRMED = (
    "Tove Lind, the lead singer of Harwick Band, died Tuesday. The band's publicist confirmed "
    "the death in a statement to the paper.\n\n"
    '"It is with great sadness that we confirm the death of our dear friend," the statement '
    "read."
)
PROVIDED_BY_NAME = (
    "Tove Lind, the lead singer of Harwick Band, has died, according to a statement provided "
    'to the paper by Corin Vale. "It is with great sadness that we confirm the death of our '
    'dear friend," the statement read.'
)


def test_statement_of_an_unnamed_issuer_speaks_as_written(monkeypatch):
    from newsweave.facts import quotes

    assert (_speaker(PROVIDED_BY_PUBLICIST, "a few days") or "").lower() == "the statement"
    assert (_speaker(PUBLICIST_CONFIRMED, "It is with") or "").lower() == "the statement"
    # a named issuer in the participle is the author
    assert _speaker(PROVIDED_BY_NAME, "It is with") == "Corin Vale"
    monkeypatch.setattr(quotes, "DOCUMENT_UNNAMED_ISSUER", False)
    assert _speaker(PROVIDED_BY_PUBLICIST, "a few days") is None
    assert _speaker(PUBLICIST_CONFIRMED, "It is with") is None
    assert _speaker(PROVIDED_BY_NAME, "It is with") is None


def test_named_issuer_of_a_statement_is_unchanged():
    text = (
        "Tove Lind, the lead singer of Harwick Band, died Tuesday. Harwick Records confirmed "
        "the death in a statement to the paper.\n\n"
        '"It is with great sadness that we confirm the death of our dear friend," the '
        "statement read."
    )
    assert _speaker(text, "It is with") == "Harwick Records"


LAWYER_FOR_CLIENT = (
    "Tove Lind sued the label in Oslo on Tuesday.\n\n"
    "Her lawyer, Corin Vale, said that she wants to tell her story.\n\n"
    '"We will not stop until the contract is thrown out by the court," he said.'
)


def test_pronoun_in_a_reported_clause_teaches_no_gender(monkeypatch):
    from newsweave.facts import quotes

    # "she wants" is resolved to the lawyer who reports it (a guess: it is his client), so
    # the lawyer must not be taken for a woman and kept from the "he said" after it
    assert _speaker(LAWYER_FOR_CLIENT, "We will not stop") == "Corin Vale"
    monkeypatch.setattr(quotes, "REPORTED_PRONOUN_NO_GENDER", False)
    assert _speaker(LAWYER_FOR_CLIENT, "We will not stop") != "Corin Vale"


OWNED_LAWSUIT = (
    "Tove Lind sued the label on Tuesday.\n\n"
    'Lind\'s lawsuit alleges that the label had "quietly rewritten the contract" in 2019.'
)
OWNED_AD = (
    "Harwick council met on Monday.\n\n"
    '"Parking will be free for all residents on Sundays," says the council\'s ad.'
)


def test_owned_document_speaks_as_written(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(OWNED_LAWSUIT, "quietly") == "Lind's lawsuit"
    assert _speaker(OWNED_AD, "Parking") == "the council's ad"
    monkeypatch.setattr(quotes, "POSSESSIVE_DOCUMENT", False)
    assert _speaker(OWNED_LAWSUIT, "quietly") is None
    assert _speaker(OWNED_AD, "Parking") is None


def test_owned_letter_is_still_its_author():
    text = 'Tove Lind wrote to the board.\n\n"We will not sign," Lind\'s letter said.'
    assert _speaker(text, "We will not") == "Tove Lind"
