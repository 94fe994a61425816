"""Quote attribution, twelfth round (issue 19): a caption line the parser hangs on the next
paragraph's subject, a pronoun after a sentence whose only person is named in another role
('For Mr. Vance, the band was ...'), a title parsed as the head of the name that follows it
('said Senate Minority Leader Chuck Vance (D-N.Y.)'), an attribution cut after an abbreviated
title ('"...," Brig. | Gen. Rollo Vance told reporters'), a pull quote signed with a name
at the end of its paragraph ('"...". Senator Rollo Vance'), the officials of a body named in
lower case ('hospital officials said', as written) and the gender of a person told by the
apposition after the name ('Mara Lind, Rollo's daughter,').

Invented sentences only; each positive case fails with its rule switched off."""

from __future__ import annotations

import pytest

from factories import check_switch_names_speaker, quoted_speaker

CAPTION = (
    "Council member Bea Sanders spoke first on Monday.\n\n"
    "(The Rev. Ivo Lund and Mara Films)\n\n"
    "Sanders, well aware of the mayor's critics, considered it bold that the mayor would "
    'praise her. "She is willing to stand with the poorest people in the town," she said.'
)
TOPIC = (
    "\u201cWe will play again in July,\u201d said Tam Oduya, the band's drummer.\n\n"
    "(Mr. Oduya joined the band in 1970.)\n\n"
    "For Mr. Vance, the Harwick Players were about live shows, not records. \u201cWe got to "
    "a place where the music was playing us, we were not playing it,\u201d he told a "
    "magazine in 1993."
)
TITLE = (
    "Senate Majority Leader Tom Hale (R-Ky.) announced the budget deal on Friday.\n\n"
    '"The budget deal does not have everything we want," said Senate Minority Leader '
    "Chuck Vance (D-N.Y.)."
)
ABBREVIATION = (
    "The river peaked on Monday.\n\n"
    '"It could be two to four weeks, or more, before the water goes back into its banks," '
    "Brig. Gen. Rollo Vance of the Harwick Guard told reporters during a tour."
)
OFFICIALS = (
    "Harwick General Hospital called the shooting a tragic event.\n\n"
    '"We are grateful for the efforts of the emergency responders, and we are working with '
    'the police to understand the details," hospital officials said in a statement.'
)
DAUGHTER = (
    "Rollo Vance went missing on Friday.\n\n"
    "Mara Lind, Rollo\u2019s daughter, knew that something was wrong when he did not come "
    "home. \u201cI knew at once that my dad was in danger,\u201d she said."
)
SIGNED = (
    "Senator Ana Ruiz spoke first. \u201cIt was a fine speech,\u201d she said.\n\n"
    "\u201cThe pope has been a powerful voice for the poor at a time when the poor are "
    "forgotten.\u201d Senator Rollo Vance\n\n"
    "He was pleased with the speech."
)


@pytest.mark.parametrize(
    ("switch", "text", "start", "expected"),
    [
        ("PHRASE_SAME_PARAGRAPH", CAPTION, "She is willing", "Bea Sanders"),
        ("PRONOUN_TOPIC_PERSON", TOPIC, "We got to a place", "Vance"),
        ("TITLE_APPOSITION_NAME", TITLE, "The budget deal does not", "Chuck Vance"),
        ("SPLIT_ABBREVIATION", ABBREVIATION, "It could be two", "Rollo Vance"),
        ("SIGNED_QUOTE", SIGNED, "The pope has been", "Rollo Vance"),
        ("MORE_ORG_NOUNS", OFFICIALS, "We are grateful", "hospital officials"),
        ("APPOSITION_GENDER", DAUGHTER, "I knew at once", "Mara Lind"),
    ],
)
def test_rule_names_the_speaker_and_fails_without_it(
    make_article, monkeypatch, switch, text, start, expected
):
    if switch == "TITLE_APPOSITION_NAME":
        # round 23's INVERTED_PERSON_LAST names the person after the title too: off here so
        # that the older switch alone decides
        from newsweave.facts import quotes

        monkeypatch.setattr(quotes, "INVERTED_PERSON_LAST", False)
    check_switch_names_speaker(monkeypatch, switch, make_article(text), start, expected)


def test_the_caption_names_nobody(make_article):
    assert quoted_speaker(make_article(CAPTION), "She is willing") != "Ivo Lund"


def test_a_speaker_in_the_sentence_before_still_wins(make_article):
    # a person who speaks in the sentence before is not passed over for a topic
    text = (
        "For Mr. Vance, the band was about live shows. Tam Oduya said the band would tour. "
        "\u201cWe will play every town on the coast,\u201d he told a magazine."
    )
    assert quoted_speaker(make_article(text), "We will play every town") == "Tam Oduya"


def test_a_sentence_after_the_quote_is_no_signature(make_article):
    text = (
        "Senator Ana Ruiz spoke first.\n\n"
        "\u201cThe pope has been a powerful voice for the poor at a time when the poor are "
        "forgotten,\u201d she said. Senator Rollo Vance agreed."
    )
    assert quoted_speaker(make_article(text), "The pope has been") == "Ana Ruiz"
