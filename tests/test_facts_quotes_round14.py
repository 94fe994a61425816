"""Quote attribution (issue 19, 2026-12-07): a participle the parse makes the subject of a
speech verb ("Reporting from Beirut in neighbouring Lebanon, Al Mirsad's Noor Saleh said:",
where the parse hangs the name off "in") is never the speaker, and neither is a place
inside it. Invented sentences; the positive case fails with GERUND_SUBJECT_SKIP off."""

from __future__ import annotations

from factories import check_switch_names_speaker, quoted_speaker

REPORTING = (
    "The streets of the capital were empty on Sunday.\n\n"
    "Reporting from Beirut in neighbouring Lebanon, Al Mirsad's Noor Saleh said: \"Families "
    'here are telling us the shooting lasted until dawn."'
)


def test_a_participle_subject_is_not_the_speaker(monkeypatch, make_article):
    art = make_article(REPORTING)
    check_switch_names_speaker(monkeypatch, "GERUND_SUBJECT_SKIP", art, "Families here", "Saleh")


def test_a_plain_subject_after_a_participle_clause_still_speaks(make_article):
    art = make_article(
        'Speaking in Paris, the minister Anne Roux said: "We will not accept '
        'this deal at any price."'
    )
    assert quoted_speaker(art, "We will") == "Anne Roux"
