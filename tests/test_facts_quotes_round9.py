"""Quote attribution, ninth round (issue 19): documents that speak for themselves ("reads
the original article", "both articles read", "the court papers said"), verbs that report what
someone said or wrote ("the suit alleges that", "informs us that", "teased"), a verb of singing
that names the singer of a lyric, a passive speech verb that names no speaker ("the jury should
not be told that ..."), and titles with a lower-case preposition.

Invented sentences only; each positive case fails with its rule switched off (the switch is
set off in a twin test to show it)."""

from __future__ import annotations

import pytest

from factories import check_switch_names_speaker, quote_pairs, quoted_speaker, speaker_of
from newsweave.facts import quotes as Q

ARTICLE = (
    "The satirical site Weekly Lark ran a piece on the mayor last month.\n\n"
    '"With his dazzling smile and his sturdy boots, this harbour-town heartthrob is every '
    "voter's dream,\" reads the original article, which a regional paper copied word for word."
)
BOTH = (
    "The satirical site Weekly Lark ran a piece on the mayor last month.\n\n"
    '"Blessed with an air of calm that hides a playful side, the mayor made our editors swoon '
    'with his fine hats," both articles read.'
)
PAPERS = (
    "Lawyers for the baron asked the judge on Friday to keep his private life out of the "
    "trial.\n\n"
    '"The baron was entitled to keep several homes abroad, and he did so," the court papers '
    "said."
)
SUIT = (
    "A law firm filed a new class action against Korvel Motors on Thursday.\n\n"
    'The new suit alleges that the scooter "suffered from defects which caused the battery '
    'to overheat under certain riding conditions."'
)
INFORM = (
    "We said the singer had never ridden a train on tour.\n\n"
    'Commenter Ravi Ostrowski informs us that the singer "joined two folk bands on their '
    'summer railway tour, literally on a train."'
)
TEASE = (
    "The host opened the show with a sketch about his holiday.\n\n"
    '"I just want to get ahead of the story here, I recently met a lot of penguins," '
    "Marlow Pike teased in his opening monologue."
)
SING = (
    "The folk singer Ina Vask closed the festival on Sunday night.\n\n"
    '"Every river runs back home to the sea tonight," she sang as the crowd joined in.'
)
PASSIVE = (
    "Prince Ulf Strand told reporters on Monday that he would fight the case.\n\n"
    "He has also said the jury should not be told that he had several yachts, because "
    '"owning yachts is offensive to many voters".'
)
LYRIC = (
    "The folk singer Ina Vask closed the festival on Sunday night.\n\n"
    'Fans say the lyrics "every river runs back home to the sea tonight" are about her '
    "childhood."
)


@pytest.mark.parametrize(
    ("switch", "text", "start", "expected"),
    [
        ("DOCUMENT_NAMES_MORE", ARTICLE, "With his dazzling", "the original article"),
        ("DOCUMENT_NAMES_MORE", BOTH, "Blessed with an air", "both articles"),
        ("DOCUMENT_NAMES_MORE", PAPERS, "The baron was", "the court papers"),
        ("REPORT_VERBS_MORE", SUIT, "suffered from defects", "The new suit"),
        ("REPORT_VERBS_MORE", INFORM, "joined two folk", "Ravi Ostrowski"),
        ("REPORT_VERBS_MORE", TEASE, "I just want", "Marlow Pike"),
        ("SINGING_NAMES_SINGER", SING, "Every river runs", "Ina Vask"),
        ("PASSIVE_NOT_SPEAKER", PASSIVE, "owning yachts", "Ulf Strand"),
    ],
)
def test_rule_names_the_speaker_and_fails_without_it(
    make_article, monkeypatch, switch, text, start, expected
):
    if switch in ("REPORT_VERBS_MORE", "SINGING_NAMES_SINGER"):
        from newsweave.facts import quotes

        # '"...," Marlow Pike teased in ...', '"...," she sang as ...' are also tags (TAG_ANY_VERB,
        # round 14), which name them without the verb lists: off, to test the lists alone
        monkeypatch.setattr(quotes, "TAG_ANY_VERB", False)
    check_switch_names_speaker(monkeypatch, switch, make_article(text), start, expected)


def test_the_paper_alone_is_still_a_newspaper(make_article):
    text = (
        "The Harbour Ledger published the leaked budget on Monday.\n\n"
        '"The figures show a gap of several million in the school fund," the paper said.'
    )
    sp = quoted_speaker(make_article(text), "The figures show")
    assert sp is None or "paper" not in sp.lower()


def test_lyrics_with_no_verb_of_singing_stay_unattributed(make_article):
    # never an invented speaker: a lyric is the singer's only when the text says she sang it
    assert quoted_speaker(make_article(LYRIC), "every river runs") is None


def test_title_with_a_lower_case_preposition_is_not_a_quote(make_article, monkeypatch):
    text = (
        "The Harbour Ledger reports that her thesis was titled in the catalogue as "
        'follows: the topic was "Coastal Building through Local Craft Knowledge."'
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert not any(t.startswith("Coastal Building") for _sp, t in pairs)
    assert Q.is_title("Coastal Building through Local Craft Knowledge.")
    monkeypatch.setattr(Q, "TITLE_PREPOSITIONS", False)
    assert not Q.is_title("Coastal Building through Local Craft Knowledge.")


def test_mangled_closing_mark_closes_the_quotation(make_article, monkeypatch):
    # a closing curly mark decoded wrongly shows as U+FFFD and "?": the quote ends there
    text = (
        "Dr. Lena Marsh of Harwick University says that while the results are "
        "\u201cexciting and bold,\ufffd? there are some limits to keep in mind.\n\n"
        "\u201cFor one thing, the oldest bones we have from the northern valleys were all "
        "quite long,\ufffd? she tells the Courier."
    )
    pairs = quote_pairs(make_article(text))
    sp = speaker_of(pairs, "For one thing")
    assert sp is not None and sp.endswith("Lena Marsh")
    assert not any("there are some limits" in t for _sp, t in pairs)
    monkeypatch.setattr(Q, "MANGLED_CLOSE", False)
    pairs = quote_pairs(make_article(text))
    assert any("there are some limits" in t for _sp, t in pairs)


NESTED = (
    "The Harbour Ledger wrote about the thesis on Friday.\n\n"
    "\u201cKim Osei explains that he \u2018wanted to make a point about coastal towns and "
    "their old harbours,\u2019\u201d the Harbour Ledger adds."
)


def test_nested_quotation_is_its_named_speakers(make_article, monkeypatch):
    pairs = quote_pairs(make_article(NESTED))
    assert speaker_of(pairs, "wanted to make a point") == "Kim Osei"
    assert "Harbour Ledger" in (speaker_of(pairs, "Kim Osei explains") or "")
    monkeypatch.setattr(Q, "NESTED_QUOTES", False)
    pairs = quote_pairs(make_article(NESTED))
    assert not any(t.startswith("wanted to make a point") for _sp, t in pairs)


def test_nested_quotation_after_a_pronoun_is_not_listed(make_article):
    # "he said '...'" inside someone's quote: who "he" is, the quote does not say
    text = (
        "\"We sat down in the hall and he said 'you will be here for the whole night "
        "then?' and I nodded,\" Dora Vance said."
    )
    pairs = quote_pairs(make_article(text), keep_unattributed=True)
    assert speaker_of(pairs, "We sat down") == "Dora Vance"
    assert not any(t.startswith("you will be here") for _sp, t in pairs)


def test_nested_quotation_after_i_is_the_outer_speakers(make_article, monkeypatch):
    text = (
        "\"We sat down in the hall and I said 'are you staying here for the whole night?' "
        'and he nodded," Dora Vance said.'
    )
    pairs = quote_pairs(make_article(text))
    assert speaker_of(pairs, "are you staying here") == "Dora Vance"
    monkeypatch.setattr(Q, "NESTED_QUOTES", False)
    pairs = quote_pairs(make_article(text))
    assert not any(t.startswith("are you staying here") for _sp, t in pairs)
