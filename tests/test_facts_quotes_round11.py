"""Quote attribution, eleventh round (issue 19): a quotation opening the paragraph after a
sentence that ends with a colon ('The council released the following statement: | "..."'),
a parenthetical cue inside the sentence it reports ('The conduct, the mayor says, was a
"..."'), and an inverted cue ending in a colon ('Adds Rollo: "..."') that introduces the quotation
after it, not the one before.

Invented sentences only; each positive case fails with its rule switched off."""

from __future__ import annotations

import pytest

from factories import check_switch_names_speaker, quoted_speaker

COLON = (
    "The bridge at Harwick was closed on Monday after a crack was found.\n\n"
    "The Harwick Rowing Club released the following statement:\n\n"
    "\u201cWe are saddened to hear of the closure of the bridge. Our members will train on "
    "the lake until it opens again.\u201d\n\n"
    "\u201cWe thank the town for its quick work.\u201d\n\n"
    "Repairs are expected to take a month."
)
PARENTHETICAL = (
    "The town sued the two builders in May.\n\n"
    'The builders\u2019 conduct, Mayor Ana Ruiz says, was a "substantial cause of the '
    'losses that followed."'
)
JUDGE = (
    "The appeal was heard on Monday.\n\n"
    "In the Harwick case, the judge said, the choice \u201cis which drugs should be banned by "
    "the council\u201d."
)
INVERTED = (
    "The two old friends will play together again in July.\n\n"
    "Even Tam Oduya is excited. \u201cI saw my first show at the old hall when I was "
    "twelve,\u201d he says. \u201cAfter that, I went to every show I could find. It has been "
    "really fun.\u201d Adds Rollo Vance: \u201cHe listens to everyone on the stage.\u201d"
)


@pytest.mark.parametrize(
    ("switch", "text", "start", "expected"),
    [
        ("COLON_PARAGRAPH", COLON, "We are saddened", "Harwick Rowing Club"),
        ("COLON_PARAGRAPH", COLON, "We thank the town", "Harwick Rowing Club"),
        ("INVERTED_COLON_NEXT", INVERTED, "After that, I went", "Tam Oduya"),
        ("PARENTHETICAL_CUE", PARENTHETICAL, "substantial cause", "Ana Ruiz"),
        ("PARENTHETICAL_CUE", JUDGE, "is which drugs", "the judge"),
    ],
)
def test_rule_names_the_speaker_and_fails_without_it(
    make_article, monkeypatch, switch, text, start, expected
):
    if switch == "INVERTED_COLON_NEXT":
        # round 17's COLON_CUE_NEXT reads any "Name verb:" cue, the inverted one too; off here
        # so that this case tests the inverted rule alone
        from newsweave.facts import quotes

        monkeypatch.setattr(quotes, "COLON_CUE_NEXT", False)
    check_switch_names_speaker(monkeypatch, switch, make_article(text), start, expected)


def test_the_inverted_cue_still_names_its_own_quote(make_article):
    assert quoted_speaker(make_article(INVERTED), "He listens to everyone") == "Rollo Vance"


def test_a_colon_inside_a_quotation_names_nobody(make_article):
    text = (
        "The bridge at Harwick was closed on Monday.\n\n"
        "\u201cThere is one thing to say about it:\u201d\n\n"
        "\u201cWe will all have to walk.\u201d"
    )
    assert quoted_speaker(make_article(text), "We will all have to walk") is None
