"""Quotations over several paragraphs (issue 19, 2026-12-07): one pair of marks whose
paragraphs between carry none (``MULTI_PARAGRAPH``), and the news convention where each
paragraph of a continuing quotation opens with a mark and only the last one closes; every
paragraph is its own span and takes the run's speaker, wherever the attribution stands.
Invented sentences."""

from __future__ import annotations

import pytest
from tests.factories import parsed_story

# one pair of marks over three paragraphs, introduced by a colon sentence
PAIR = (
    "The harbour board met on Monday night.\n\n"
    "Harbour director Corin Vale said in a letter to members:\n\n"
    "\u201cWe have decided to close the night ferry route at the end of the season.\n\n"
    "The decision was not easy, and we know that many families depend on the late boat.\n\n"
    "We will meet every village council before the timetable is printed.\u201d\n\n"
    "The route has carried commuters since 1987."
)
# the news convention: each paragraph opens with a mark, only the last one closes, and the
# attribution stands in the last paragraph
AP = (
    "The harbour board met on Monday night.\n\n"
    '"We have decided to close the night ferry route at the end of the season.\n\n'
    '"The decision was not easy, and we know that many families depend on the late boat.\n\n'
    '"We will meet every village council before the timetable is printed," harbour director '
    "Corin Vale said.\n\n"
    "The route has carried commuters since 1987."
)
# a quotation never closed, and the next paragraph is the reporter's
OPEN_ONLY = (
    'Corin Vale told the board that the route "would close at the end of the season and '
    "not return.\n\n"
    "The route has carried commuters since 1987, the board's records show."
)
# ambiguous: a paragraph between opens a new quotation in straight marks
AMBIGUOUS = (
    "Corin Vale said in a letter:\n\n"
    '"We have decided to close the night ferry route at the end of the season.\n\n'
    'The board meets again in May, and Marit Solberg said: "We will fight this decision '
    "in every village.\n\n"
    'Nobody knows what the board will decide." The route opened in 1987.'
)


def _quotes(text: str):
    from newsweave.facts.quotes import extract_quotes

    story, docs, entities = parsed_story(text)
    return extract_quotes(story, docs, entities, keep_unattributed=True), story


def _spans(text: str) -> list[str]:
    from newsweave.facts.quotes import find_quotations

    return [text[q.start : q.end] for q in find_quotations(text)]


@pytest.fixture(autouse=True)
def _on(monkeypatch):
    from newsweave.facts import quotes

    monkeypatch.setattr(quotes, "MULTI_PARAGRAPH", True)


def test_one_pair_over_paragraphs_is_a_span_per_paragraph(monkeypatch):
    from newsweave.facts import quotes

    assert _spans(PAIR) == [
        "We have decided to close the night ferry route at the end of the season.",
        "The decision was not easy, and we know that many families depend on the late boat.",
        "We will meet every village council before the timetable is printed.",
    ]
    monkeypatch.setattr(quotes, "MULTI_PARAGRAPH", False)  # off: the first paragraph only
    assert _spans(PAIR) == [
        "We have decided to close the night ferry route at the end of the season."
    ]


def test_every_paragraph_of_a_pair_run_gets_the_speaker_and_cites_its_text():
    quotes, story = _quotes(PAIR)
    text = story.articles[0].text
    got = {q.text[:20]: q.speaker for q in quotes}
    assert got == {
        "We have decided to c": "Corin Vale",
        "The decision was not": "Corin Vale",
        "We will meet every v": "Corin Vale",
    }
    for q in quotes:
        assert text[q.ref.start : q.ref.end] == q.text  # the citation contract


def test_news_convention_takes_the_speaker_of_the_last_paragraph(monkeypatch):
    from newsweave.facts import quotes as Q

    quotes, story = _quotes(AP)
    got = {q.text[:20]: q.speaker for q in quotes}
    assert got == {
        "We have decided to c": "Corin Vale",
        "The decision was not": "Corin Vale",
        "We will meet every v": "Corin Vale",
    }
    monkeypatch.setattr(Q, "MULTI_PARAGRAPH", False)  # off: the open paragraphs stay unknown
    quotes, story = _quotes(AP)
    assert {q.text[:20]: q.speaker for q in quotes}["We have decided to c"] is None


def test_a_mark_never_closed_ends_at_its_paragraph():
    assert _spans(OPEN_ONLY) == ["would close at the end of the season and not return."]


@pytest.mark.parametrize("text", [AMBIGUOUS])
def test_an_ambiguous_run_is_left_alone(text):
    spans = _spans(text)
    assert "The board meets again in May" not in " ".join(spans)
    assert spans[0] == "We have decided to close the night ferry route at the end of the season."


def test_a_closing_paragraph_with_an_even_count_of_straight_marks_is_no_close():
    text = (
        'Corin Vale wrote: "We will close the route.\n\n'
        'The board said it "regrets" the cut.\n\n'
        "Ferries stop in May."
    )
    assert "The board said it" not in " ".join(_spans(text))


def test_a_hard_wrapped_sentence_stays_one_span():
    text = (
        "The board met on Monday.\n\n"
        '"We will close the night route at the end\n\n'
        "of the season, and the morning boats will run as before.\n\n"
        'Nobody will lose a job," Corin Vale said.'
    )
    assert _spans(text) == [
        "We will close the night route at the end\n\n"
        "of the season, and the morning boats will run as before.",
        "Nobody will lose a job,",
    ]


def test_a_quotation_opened_inside_the_reporters_sentence_takes_no_later_speaker():
    text = (
        "Corin Vale defended the board's use of \"night boats' and late fares, because that "
        "was the language of the old contract.\n\n"
        "\u201cWe did not choose those words. The contract did,\u201d Marit Solberg said."
    )
    quotes, _story = _quotes(text)
    assert all(q.speaker != "Marit Solberg" for q in quotes if q.text.startswith("night"))


def test_a_paragraph_between_with_marks_of_its_own_is_ambiguous():
    text = (
        "Corin Vale wrote:\n\n"
        "\u201cWe will close the night route.\n\n"
        "My son asked me, \u201cWhere will the boats sleep?\u201d and I had no answer.\n\n"
        "We thank everyone.\u201d"
    )
    spans = _spans(text)
    assert spans[0] == "We will close the night route."
    assert "Where will the boats sleep?" in spans
    assert not any(s.startswith("My son asked") for s in spans)
