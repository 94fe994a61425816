"""Entities a reader can trust on any company's news (issue 19, tenth session): the rules of
newsweave.facts.entities that split joined names, join a product's spellings, and keep titles,
honorifics and company forms right. Invented texts; spaCy's entities set by hand."""

from __future__ import annotations

import pytest

from factories import doc_with_ents
from newsweave.facts import entities
from newsweave.facts.entities import (
    abbreviates,
    clean_name,
    context_votes,
    extract_entities,
    name_key,
)
from newsweave.model import Story


def _story(make_article, texts):
    from newsweave.nlp import split_sentences

    articles = split_sentences([make_article(t) for t in texts])
    return Story(id="s1", headline="h", articles=tuple(articles))


def _entities(make_article, texts_ents):
    """Entities by name, and by the name's key ("Zentra nano" is "Zentra Nano")."""
    story = _story(make_article, [t for t, _ in texts_ents])
    docs = [doc_with_ents(t, e) for t, e in texts_ents]
    out = {}
    for e in extract_entities(story, docs):
        out.setdefault(e.name, e)
        out.setdefault(name_key(e.name), e)
    return out


@pytest.fixture
def switch(monkeypatch):
    def off(name: str) -> None:
        assert isinstance(getattr(entities, name), bool)
        monkeypatch.setattr(entities, name, False)

    return off


# ------------------------------------------------------------------ joined names split
DASH = [
    (
        "The suit names a maker based in Tarsk - Velcorp. Velcorp denies it.",
        [("Tarsk - Velcorp", "GPE"), ("Velcorp", "ORG")],
    )
]


def test_a_spaced_dash_separates_two_names(make_article, switch):
    ents = _entities(make_article, DASH)
    assert len(ents["Velcorp"].mentions) == 2 and "Tarsk" in ents
    switch("SPLIT_AT_SPACED_DASHES")
    assert "Tarsk - Velcorp" in _entities(make_article, DASH)


COORDINATION = [
    (
        "The range includes the Zentra and Zentra Max. Buyers like the Zentra best.",
        [("the Zentra and Zentra Max", "ORG"), ("Zentra", "PRODUCT")],
    )
]


def test_a_coordination_after_an_article_is_split(make_article, switch):
    ents = _entities(make_article, COORDINATION)
    assert "Zentra Max" in ents and len(ents["Zentra"].mentions) == 2
    switch("COORDINATION_AFTER_AN_ARTICLE")
    assert "Zentra Max" not in _entities(make_article, COORDINATION)


def test_an_institution_joined_by_and_is_one_name(make_article):
    texts = [
        (
            "Filings went to the Tarsk and Exchange Commission. Exchange Commission staff and"
            " Tarsk officials met.",
            [
                ("the Tarsk and Exchange Commission", "ORG"),
                ("Exchange Commission", "ORG"),
                ("Tarsk", "GPE"),
            ],
        )
    ]
    assert "Tarsk and Exchange Commission" in _entities(make_article, texts)


POSSESSORS = [
    (
        "Velcorp's Zentra Max went on sale on Friday. Velcorp said demand was strong.",
        [("Velcorp's Zentra Max", "ORG"), ("Velcorp", "ORG")],
    ),
    ("Shops sold out of Velcorp's Zentra Max within hours.", [("Velcorp", "ORG")]),
]


def test_a_possessor_named_alone_is_a_mention_of_its_own(make_article, switch):
    ents = _entities(make_article, POSSESSORS)
    assert len(ents["Velcorp"].mentions) == 3
    # found again after the possessive in the second article too
    assert len(ents["Zentra Max"].mentions) == 2
    switch("SPLIT_POSSESSORS")
    ents = _entities(make_article, POSSESSORS)
    assert "zentra max" not in ents or len(ents["zentra max"].mentions) < 2


def test_a_possessor_never_named_alone_stays_in_the_name(make_article):
    ents = _entities(
        make_article,
        [("Doctors at Brenner's Hospital said he was stable.", [("Brenner's Hospital", "ORG")])],
    )
    written = {m.text for e in ents.values() for m in e.mentions}
    assert written == {"Brenner's Hospital"} and "Brenner" not in ents


# ------------------------------------------------------------------ a product's spellings
TAILS = [
    (
        "The Zentra Nano is small. The Zentra nano costs $99. The Zentra sells well.",
        [("Zentra Nano", "PRODUCT"), ("Zentra", "PRODUCT")],
    )
]


def test_a_lower_case_tail_the_story_capitalises_is_the_longer_name(make_article, switch):
    ents = _entities(make_article, TAILS)
    assert len(ents["zentra nano"].mentions) == 2 and len(ents["Zentra"].mentions) == 1
    switch("LOWER_CASE_TAILS")
    assert len(_entities(make_article, TAILS)["zentra nano"].mentions) == 1


def test_a_common_word_after_a_name_is_no_tail(make_article):
    texts = [
        (
            "Protest in Korvel Community. One Korvel community said no. The community met.",
            [("Korvel Community", "GPE"), ("Korvel", "GPE")],
        )
    ]
    ents = _entities(make_article, texts)
    assert len(ents["Korvel Community"].mentions) == 1  # "community" is written alone too


STORE = [
    (
        "Songbox sold its billionth song. The Songbox Music Store opened in 2003.",
        [("Songbox", "PRODUCT"), ("Songbox Music Store", "PRODUCT")],
    ),
    ("Prices at the Songbox music store will fall.", []),
]


def test_product_nouns_the_story_writes_in_lower_case_describe_the_product(make_article, switch):
    ents = _entities(make_article, STORE)
    assert "songbox music store" not in ents and len(ents["Songbox"].mentions) == 3
    switch("DESCRIBED_PRODUCT_NOUNS")
    assert "songbox music store" in _entities(make_article, STORE)


def test_product_nouns_never_written_in_lower_case_stay_a_name(make_article):
    texts = [STORE[0], ("Prices at the Songbox Music Store will fall.", [])]
    assert "songbox music store" in _entities(make_article, texts)


SHORT = [
    (
        "Velcorp unveiled the Velcorp Zentra on Monday. Zentra weighs 300 grams.",
        [("Velcorp", "ORG"), ("Velcorp Zentra", "PRODUCT"), ("Zentra", "PERSON")],
    )
]


def test_a_model_name_alone_is_the_makers_product(make_article, switch):
    ents = _entities(make_article, SHORT)
    assert ents["Velcorp Zentra"].type == "PRODUCT" and len(ents["Velcorp Zentra"].mentions) == 2
    assert "Zentra" not in ents
    switch("PRODUCT_SHORT_NAMES")
    assert _entities(make_article, SHORT)["Zentra"].type == "PERSON"


def test_a_name_glued_by_a_slash_is_no_maker_and_model(make_article):
    texts = [
        (
            "Talks between Pelosi/House Democrats went on. Pelosi spoke. The House voted.",
            [("Pelosi/House", "ORG"), ("Pelosi", "ORG"), ("House", "ORG")],
        )
    ]
    assert "House" in _entities(make_article, texts)


FIRST_NAME = [
    (
        "Velcorp said Zentra Wi-Fi was late. The Zentra costs $999, and a new Zentra ships.",
        [("Zentra Wi-Fi", "PERSON"), ("Zentra", "PRODUCT"), ("Zentra", "PRODUCT")],
    )
]


def test_a_product_is_no_first_name_of_a_mistagged_person(make_article, monkeypatch):
    # the rule is off (tried): a bare first name goes to the one full name that starts with it
    assert "Zentra" not in _entities(make_article, FIRST_NAME)
    monkeypatch.setattr(entities, "FIRST_NAMES_READ_AS_A_PERSON", True)
    assert _entities(make_article, FIRST_NAME)["Zentra"].type == "PRODUCT"


ADJACENT = [
    ("Buyers queued for the Chevrel Zentra, an electric car.", [("Chevrel", "ORG")]),
    ("The Zentra costs less than its rivals.", [("Zentra", "ORG")]),
]


def test_a_name_right_after_a_tagged_maker_is_found_again(make_article, switch):
    ents = _entities(make_article, ADJACENT)
    assert len(ents["Zentra"].mentions) == 2 and ents["Zentra"].type == "PRODUCT"
    switch("ADJACENT_NAMES")
    assert len(_entities(make_article, ADJACENT)["Zentra"].mentions) == 1


# ------------------------------------------------------------------ acronyms and forms
ACRONYM = [
    (
        "Velcorp released its Zentra Development Kit (ZDK) on Monday. The ZDK is free.",
        [("Velcorp", "ORG"), ("Zentra Development Kit (ZDK", "PRODUCT"), ("ZDK", "ORG")],
    )
]


def test_a_bracketed_acronym_is_the_name_before_it(make_article, switch):
    ents = _entities(make_article, ACRONYM)
    assert len(ents["Zentra Development Kit"].mentions) == 3
    assert ents["Zentra Development Kit"].type == "PRODUCT"
    switch("BRACKETED_ACRONYMS")
    assert "ZDK" in _entities(make_article, ACRONYM)


def test_abbreviation_letters_follow_the_name_in_order():
    assert abbreviates("ZDK", "Zentra Development Kit")
    assert abbreviates("WWDC", "Worldwide Developers Conference")
    assert not abbreviates("KDZ", "Zentra Development Kit")
    assert not abbreviates("ENTRA", "Zentra")  # the first letter must open a word


GM = [
    (
        "General Velmotors said it would cut jobs. GV makes trucks.",
        [("General Velmotors", "ORG"), ("GV", "ORG")],
    ),
    (
        "Gen. Arlo Brandt said the army would buy trucks from General Velmotors.",
        [("Gen. Arlo Brandt", "PERSON"), ("General Velmotors", "ORG")],
    ),
]


def test_a_title_word_opens_a_person_only(make_article, switch):
    ents = _entities(make_article, GM)
    assert ents["General Velmotors"].type == "ORG" and "Arlo Brandt" in ents
    assert "Velmotors" not in ents
    assert clean_name("General Velmotors", titles=False) == "General Velmotors"
    assert clean_name("Prof Young", titles=False) == "Young"  # an abbreviation is a title
    switch("TITLES_ONLY_BEFORE_PERSONS")
    assert "Velmotors" in _entities(make_article, GM)


def test_a_two_word_company_is_its_initials(make_article, switch):
    ents = _entities(make_article, GM)
    assert len(ents["General Velmotors"].mentions) == 3 and "GV" not in ents
    switch("TWO_WORD_ACRONYMS")
    assert "GV" in _entities(make_article, GM)


BROTHERS = [
    (
        "Harlan Brothers shares fell. Harlan said it would report a loss.",
        [("Harlan Brothers", "ORG"), ("Harlan", "PERSON")],
    )
]


def test_brothers_ends_a_company_name(make_article, switch):
    ents = _entities(make_article, BROTHERS)
    assert len(ents["Harlan Brothers"].mentions) == 2 and "Harlan" not in ents
    switch("MORE_COMPANY_FORMS")
    assert "Harlan" in _entities(make_article, BROTHERS)


def test_an_honorific_before_one_word_says_person(switch):
    text = "Mr Velcorp said the talks went well."
    assert context_votes(text, 3, 10) == {"PERSON": 1}
    switch("HONORIFICS_BEFORE_ONE_WORD")
    assert not context_votes(text, 3, 10)


def test_the_words_around_a_hyphen_compound_describe_its_noun(switch):
    text = "Velcorp unveiled a new Tarsk-based tablet."
    start = text.index("Tarsk")
    assert not context_votes(text, start, start + 5)
    switch("HYPHEN_COMPOUNDS_HAVE_NO_CUES")
    assert context_votes(text, start, start + 5) == {"PRODUCT": 1}


def test_product_cues_hold_in_the_plural_but_not_for_the_verb(switch):
    text = "Velcorp praised the Zentra Wi-Fi updates."
    start = text.index("Zentra")
    assert context_votes(text, start, start + 12) == {"PRODUCT": 1}
    verb = "Officials said the Kelmont Recorder releases the count on Friday."
    at = verb.index("Kelmont")
    assert not context_votes(verb, at, at + 16)
    switch("PLURAL_PRODUCT_CUES")
    assert not context_votes(text, start, start + 12)


def test_a_company_name_with_its_form_is_no_model_name(make_article):
    texts = [
        (
            "The Knot is a brand of Knot XO Group Inc. partners. XO Group Inc. said sales rose.",
            [("Knot", "ORG"), ("Knot XO Group Inc.", "ORG"), ("XO Group Inc.", "ORG")],
        )
    ]
    assert "XO Group Inc." in _entities(make_article, texts)


def test_a_word_ending_two_organisations_names_is_no_model_name(make_article):
    texts = [
        (
            "Klingar printed the Klingar Dictionary. Scholars trust the Dictionary less.",
            [("Klingar", "ORG"), ("Klingar Dictionary", "ORG"), ("Dictionary", "ORG")],
        )
    ]
    ents = _entities(make_article, texts)
    assert len(ents["Klingar Dictionary"].mentions) == 1  # neither reads as a product


def test_a_headline_in_title_case_gives_no_tail(make_article, monkeypatch):
    texts = [
        (
            "Mayor Tarvel Overturns Parking Rules In Velmora\nThe rule stands, Tarvel overturns"
            " nothing today.",
            [("Tarvel Overturns", "PERSON"), ("Velmora", "GPE"), ("Tarvel", "PERSON")],
        )
    ]
    written = {m.text for e in _entities(make_article, texts).values() for m in e.mentions}
    assert "Tarvel" in written and "Tarvel overturns" not in written
    monkeypatch.setattr(entities, "_in_title_case", lambda text, at: False)
    written = {m.text for e in _entities(make_article, texts).values() for m in e.mentions}
    assert "Tarvel overturns" in written
