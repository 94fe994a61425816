"""Quote attribution, tenth round (issue 19): an attribution split off after "!" with a name
in apposition ('"...!" Rollo Vance, 52, said'), a hyphenated document ("his e-mail said"),
a title right after a work noun ('the book "..."'), "police said" as written, a quote
after '..., the Harwick Ledger reports.' (the person's who spoke, not the outlet's), and each
outlet's own words for a quote merged across outlets.

Invented sentences only; each positive case fails with its rule switched off."""

from __future__ import annotations

import dataclasses

import pytest

from factories import check_switch_names_speaker, quote_pairs, quoted_speaker, speaker_of
from newsweave.evaluate import facts as ev
from newsweave.facts import quotes as Q

AGE = (
    "Chief Dana Merrow apologised for the escort on Friday.\n\n"
    "\u201cTaking the train with an escort in front and behind!\u201d Rollo Vance, 52, said in "
    "a message posted to his account as he headed to the city."
)
EMAIL = (
    "Kell Avery, the band's manager, was no help either. He said he was away on Monday. "
    "\u201cI was not told of any plans for the parade,\u201d his e-mail said."
)
POLICE = (
    "Two men went fishing on Sunday and did not come back.\n\n"
    'The two were "experienced sailors who knew the bay very well," police wrote in a '
    "post on Monday."
)

REPORTS = (
    "Sheriff Ole Brandt told reporters that Anna was never connected to the death, but said "
    "it is likely they will be revisiting this case, the Harwick Ledger reports.\n\n"
    "\u201cI am sure we will be visiting her again.\u201d\n\nMany are asking questions."
)


@pytest.mark.parametrize(
    ("switch", "text", "start", "expected"),
    [
        ("SPLIT_NAME_APPOSITION", AGE, "Taking the train", "Rollo Vance"),
        ("HYPHEN_DOCUMENTS", EMAIL, "I was not told", "Kell Avery"),
        ("POLICE_GROUP", POLICE, "experienced sailors", "police"),
        ("OUTLET_REPORTS_SKIP", REPORTS, "I am sure we", "Ole Brandt"),
    ],
)
def test_rule_names_the_speaker_and_fails_without_it(
    make_article, monkeypatch, switch, text, start, expected
):
    check_switch_names_speaker(monkeypatch, switch, make_article(text), start, expected)


def test_a_named_police_force_is_not_the_bare_group(make_article):
    text = (
        "Two men went fishing on Sunday.\n\n"
        '"They knew the bay very well," Harwick police said on Monday.'
    )
    assert quoted_speaker(make_article(text), "They knew the bay") != "police"


def test_title_after_a_work_noun_is_not_a_quote(make_article, monkeypatch):
    text = (
        'Tam Oduya, author of the book "Lost and Found: Winners, Losers and What to Do After '
        'the Flood," says most owners never recover. "It is too much, too fast," he says.'
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert not any(t.startswith("Lost and Found") for _sp, t in pairs)
    assert speaker_of(pairs, "It is too much") == "Tam Oduya"
    monkeypatch.setattr(Q, "WORK_NOUN_TITLES", False)
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert any(t.startswith("Lost and Found") for _sp, t in pairs)


def test_a_lyric_after_a_colon_is_no_title(make_article):
    text = (
        "The folk singer Ina Vask opened with her best-known song: \u201cEvery river runs back "
        "home to the sea tonight,\u201d she sang."
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert any(t.startswith("Every river") for _sp, t in pairs)


def test_each_outlet_is_scored_with_its_own_words(make_article, monkeypatch):
    from test_facts_quotes import _quotes

    short = (
        "The mayor spoke on Monday.\n\n"
        "\u201cThe harbour will reopen before the summer,\u201d Ilse Brandt said."
    )
    long = (
        "The council met on Monday.\n\n"
        "\u201cThe harbour will reopen before the summer, and the ferries will run again by "
        "July,\u201d Ilse Brandt said."
    )
    story, quotes = _quotes(make_article, [short, long])
    merged = [q for q in quotes if q.speaker == "Ilse Brandt"]
    assert len(merged) == 1 and "ferries" in merged[0].text
    story = dataclasses.replace(story, quotes=tuple(merged))
    index = {a.id: i for i, a in enumerate(story.articles)}
    rows = {r["source"]: r["text"] for r in ev.predicted_quotes(story, index)}
    assert "ferries" not in rows[0] and "ferries" in rows[1]
    monkeypatch.setattr(Q, "OUTLET_OWN_TEXT", False)
    rows = {r["source"]: r["text"] for r in ev.predicted_quotes(story, index)}
    assert "ferries" in rows[0]
