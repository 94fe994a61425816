"""Quote attribution (issue 19, 2026-12-07): the scored fallback chooser
(``FALLBACK_SPEAKER``, off by default: no out-of-fold gain over the gold) gives a quote that
every rule leaves without a speaker to the named person the text puts next to it, and leaves
it unknown when the evidence is weak. Invented sentences."""

from __future__ import annotations

from factories import quoted_speaker

# "he began" is no speech verb, and the person is named only inside a relative clause of the
# paragraph before: no rule attributes the quote
BEGAN = (
    "We crowded into the back room of the depot, where Tomas Berg sat on an upturned crate.\n\n"
    '"I always tell the drivers that they are the heart of this company," he began.'
)
# an unnamed source speaks; the person named before is not the speaker
SOURCE = (
    "Tomas Berg has run the Harwick depot since 2009.\n\n"
    '"The drivers are furious about the new rota," a source close to the company said.'
)
# the reporter's own scare quote in a sentence about something else
SCARE = (
    "Tomas Berg has run the Harwick depot since 2009.\n\n"
    'The new rota starts in June and covers the night shifts "for the foreseeable future" and '
    "beyond."
)


def test_the_chooser_names_the_person_beside_an_unattributed_quote(monkeypatch, make_article):
    from newsweave.facts import quotes

    art = make_article(BEGAN)
    assert quoted_speaker(art, "I always") is None  # the switch is off by default
    monkeypatch.setattr(quotes, "FALLBACK_SPEAKER", True)
    assert quoted_speaker(art, "I always") == "Tomas Berg"


def test_weak_evidence_stays_unknown(monkeypatch, make_article):
    from newsweave.facts import quotes

    monkeypatch.setattr(quotes, "FALLBACK_SPEAKER", True)
    for text, start in ((SOURCE, "The drivers"), (SCARE, "for the")):
        art = make_article(text)
        assert quoted_speaker(art, start) is None
        # without the threshold the nearest person would be taken: the threshold is what
        # keeps these unknown
        monkeypatch.setattr(quotes, "FALLBACK_MIN_SCORE", float("-inf"))
        assert quoted_speaker(art, start) == "Tomas Berg"
        monkeypatch.setattr(quotes, "FALLBACK_MIN_SCORE", 0.46)


def test_the_chooser_names_only_someone_the_text_names(monkeypatch, make_article):
    from newsweave.facts import quotes

    monkeypatch.setattr(quotes, "FALLBACK_SPEAKER", True)
    monkeypatch.setattr(quotes, "FALLBACK_MIN_SCORE", float("-inf"))
    art = make_article('The depot closed at noon.\n\n"We were never told why," one driver said.')
    assert quoted_speaker(art, "We were") is None  # no candidate at all: never invented
