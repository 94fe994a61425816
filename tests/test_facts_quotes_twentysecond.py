"""Quote attribution, twenty-second round (issue 19, unseen stories, 2026-12-07).

Text laid out one sentence per line (a corpus's sentence-split articles) is told from real
paragraphs (``one_sentence_lines``); there a quotation whose marks span several lines is one
span with its line breaks, and a quotation left open that meets a line opening with a mark
goes on in it (``LINE_SENTENCES``); a straight closing mark set off by a space (', " Arians
said') closes a quotation left open in an earlier paragraph (``SPACED_CLOSE``); straight single
marks quote as double ones do (``STRAIGHT_SINGLE``, off by default: it lowers precision a
little). Invented texts; each case fails with its switch off."""

from __future__ import annotations

from tests.factories import quoted_speaker as _speaker

_FILLER = (
    "The Harwick Hawks won their fourth game in a row on Sunday.\n"
    "The team scored twice in the final quarter of the game.\n"
    "Fans filled the stadium for the first time this season.\n"
    "The next game is against the Dunmore Owls next week.\n"
)

SPACED = (
    "Coach Tor Lund watched the game from the sideline on Sunday.\n"
    + _FILLER
    + '"We were not so easy to beat today.\n'
    + 'I am satisfied with the effort, " Lund said.\n'
    + "Rain fell over the field for most of the evening.\n"
)

RUN_ON = (
    "Mara Quill spoke to reporters after the hearing on Friday.\n"
    + _FILLER
    + 'A statement from the club said: " The damage to the stand is extensive.\n'
    + "Nobody has been injured in the fire.\n"
    + '" The stand will be rebuilt before the next season begins.\n'
    + '"We are grateful to the fire crews for their work."\n'
    + "Rain fell over the field for most of the evening.\n"
)

SINGLE = (
    "Mara Quill testified at the trial in Harwick on Tuesday.\n"
    + _FILLER
    + "'When my son and I were on the floor, I saw the window break.\n"
    + "I honestly thought we would be hurt, ' said Mara Quill, who was not injured.\n"
    + "Rain fell over the field for most of the evening.\n"
)

PARAGRAPHS = (
    "Mara Quill spoke to reporters after the hearing on Friday. She was calm. She smiled.\n\n"
    "The club issued a statement. It was short. It was read aloud by a spokesman.\n\n"
    'The statement said: "The damage to the stand is extensive. We regret it.\n\n'
    'Nobody has been injured in the fire, and the stand will be rebuilt."\n\n'
    "Fans filled the stadium for the first time this season. The next game is Sunday.\n"
)


def _spans(text: str) -> list[tuple[str, bool]]:
    from newsweave.facts.quotes import find_quotations

    return [(text[q.start : q.end], q.continued) for q in find_quotations(text)]


def test_one_sentence_lines_are_told_from_paragraphs():
    from newsweave.facts.quotes import one_sentence_lines

    assert one_sentence_lines(SPACED)
    assert not one_sentence_lines(PARAGRAPHS)
    assert not one_sentence_lines("Too short.\nTwo lines only here.")


def test_a_spaced_closing_mark_closes_a_quotation_over_lines(monkeypatch):
    from newsweave.facts import quotes

    spans = _spans(SPACED)
    assert ("We were not so easy to beat today.\nI am satisfied with the effort,", False) in spans
    assert _speaker(SPACED, "We were not so easy") == "Tor Lund"
    monkeypatch.setattr(quotes, "SPACED_CLOSE", False)
    # off: the run is ambiguous, and the mark opens the reporter's words as a quotation
    assert all("\n" not in s for s, _ in _spans(SPACED))
    assert any(s.strip().startswith("Lund said") for s, _ in _spans(SPACED))


def test_lines_of_one_quotation_are_one_span(monkeypatch):
    from newsweave.facts import quotes

    spans = [s for s, _ in _spans(SPACED)]
    assert "We were not so easy to beat today.\nI am satisfied with the effort," in spans
    monkeypatch.setattr(quotes, "LINE_SENTENCES", False)
    # off: one span per "paragraph", as in real paragraphs
    spans = [s for s, _ in _spans(SPACED)]
    assert "We were not so easy to beat today." in spans
    assert "I am satisfied with the effort," in spans


def test_a_line_opening_with_a_mark_continues_the_open_quotation(monkeypatch):
    from newsweave.facts import quotes

    spans = _spans(RUN_ON)
    first = "The damage to the stand is extensive.\nNobody has been injured in the fire."
    assert (first, True) in [(s.strip(), c) for s, c in spans]
    assert _speaker(RUN_ON, "The stand will be rebuilt") == _speaker(RUN_ON, "The damage to")
    monkeypatch.setattr(quotes, "LINE_SENTENCES", False)
    assert all("\n" not in s for s, _ in _spans(RUN_ON))


def test_real_paragraphs_keep_a_span_each():
    spans = [s for s, _ in _spans(PARAGRAPHS)]
    assert "The damage to the stand is extensive. We regret it." in spans
    assert all("\n" not in s for s in spans)


def test_straight_single_marks_quote(monkeypatch):
    from newsweave.facts import quotes

    monkeypatch.setattr(quotes, "STRAIGHT_SINGLE", True)  # off by default (RESULTS.md)
    text = "'We are looking for him and the car,' he said. It is Jones' car, rock 'n' roll."
    assert [s for s, _ in _spans(text)] == ["We are looking for him and the car,"]
    spans = [s for s, _ in _spans(SINGLE)]
    assert (
        "When my son and I were on the floor, I saw the window break.\n"
        "I honestly thought we would be hurt," in spans
    )
    assert _speaker(SINGLE, "When my son and I") == "Mara Quill"
    monkeypatch.setattr(quotes, "STRAIGHT_SINGLE", False)
    assert _spans(text) == []
    assert not any("When my son" in s for s, _ in _spans(SINGLE))
