"""Quote attribution, eighteenth round (issue 19, heldout20 as tuning, 2026-12-07): the
answers of an interview printed as questions and answers are the interviewee's, the person
the reporter's lead-in names (``QA_ANSWERS``). Invented sentences; each case fails with its
switch off."""

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
