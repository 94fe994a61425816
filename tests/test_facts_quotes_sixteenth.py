"""Quote attribution, sixteenth round (issue 19, heldout18 as tuning, 2026-12-07): verbs of
commitment and self-praise ("pledged", "vowed", "bragged", "promised") report their
subject's words (``COMMITMENT_VERBS``). Invented sentences; each case fails with the switch
off."""

from __future__ import annotations

import pytest
from tests.factories import quoted_speaker as _speaker

CASES = [
    (
        "Harwick Ferries opened a new route on Monday.\n\n"
        'Corin Vale pledged that, if elected, he would serve as "a faithful servant of the '
        'town and of its harbour."',
        "a faithful servant",
        "Corin Vale",
    ),
    (
        "Harwick Ferries opened a new route on Monday.\n\n"
        "In April, Corin Vale bragged to the harbour board that the new ferry "
        '"is really something very special for all of us."',
        "is really something",
        "Corin Vale",
    ),
]


@pytest.mark.parametrize(("text", "start", "speaker"), CASES)
def test_commitment_verb_reports_its_subject(monkeypatch, text, start, speaker):
    from newsweave.facts import quotes

    assert speaker in (_speaker(text, start) or "")
    monkeypatch.setattr(quotes, "COMMITMENT_VERBS", False)
    assert speaker not in (_speaker(text, start) or "")


def test_a_pledge_of_a_thing_reports_no_words():
    # "pledged" with a direct object promises money, not words: the source is "according to"
    text = (
        "Harwick Ferries opened a new route on Monday.\n\n"
        'The town, by contrast, has pledged investments of "many millions of crowns over ten '
        'years," according to the Harwick Chamber of Commerce.'
    )
    assert "Harwick Chamber of Commerce" in (_speaker(text, "many millions") or "")
