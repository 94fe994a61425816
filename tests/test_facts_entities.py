"""Tests for newsweave.facts.entities: canonical entities per referent within a story."""

from __future__ import annotations

import pytest

from factories import doc_with_ents
from newsweave.facts.entities import (
    EntityIndex,
    clean_name,
    extract_entities,
    majority_label,
    name_key,
)
from newsweave.model import Story


def _story(make_article, texts):
    from newsweave.nlp import split_sentences

    articles = split_sentences([make_article(t) for t in texts])
    return Story(id="s1", headline="h", articles=tuple(articles))


def _by_name(entities):
    return {e.name: e for e in entities}


def test_clean_name_strips_titles_articles_possessives():
    assert clean_name("U.S. President Donald Trump's") == "Donald Trump"
    assert clean_name("Treasury Secretary Steven Mnuchin") == "Steven Mnuchin"
    assert clean_name("the Commerce Ministry") == "Commerce Ministry"
    assert clean_name("ZTE\u2018s") == "ZTE"
    assert clean_name("IDC's Batra") == "Batra"
    # a title word followed by lower-case words is not a title prefix
    assert clean_name("Secretary of State") == "Secretary of State"


def test_name_key_joins_company_forms_and_country_spellings():
    assert name_key("ZTE Corp.") == name_key("ZTE") == "zte"
    assert name_key("Huawei Technologies Ltd.") == "huawei"
    assert name_key("U.S.") == name_key("US") == name_key("United States")
    assert name_key("Group") == "group"  # a suffix alone is kept


def test_majority_label_and_ties():
    assert majority_label(["PERSON", "ORG", "PERSON"]) == "PERSON"
    assert majority_label(["ORG", "GPE"]) == "ORG"  # tie: priority order
    assert majority_label([]) == ""


def test_variants_merge_into_one_entity_with_majority_type(make_article):
    texts = [
        "President Xi Jinping spoke on Monday. Xi said the plan would go ahead.",
        "Chinese President Xi Jinping's plan was praised. Acme Corp. agreed. Acme's chief was"
        " pleased and Xi smiled.",
    ]
    story = _story(make_article, texts)
    docs = [
        doc_with_ents(texts[0], [("President Xi Jinping", "PERSON"), ("Xi", "PERSON")]),
        doc_with_ents(
            texts[1],
            [("Xi Jinping's", "PERSON"), ("Acme Corp.", "ORG"), ("Acme's", "ORG"), ("Xi", "ORG")],
        ),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Xi" not in ents and "Acme Corp." not in ents
    xi = ents["Xi Jinping"]
    assert xi.type == "PERSON"  # one ORG tag outvoted
    assert len(xi.mentions) == 4
    assert dict(xi.outlets) == {story.articles[0].id: 2, story.articles[1].id: 2}
    acme = ents["Acme"]
    assert acme.type == "ORG" and len(acme.mentions) == 2
    for e in ents.values():
        for m in e.mentions:
            art = story.article(m.ref.article_id)
            assert art.text[m.ref.start : m.ref.end] == m.text
            assert art.sentences[m.ref.sentence_index].start <= m.ref.start


def test_ambiguous_surname_stays_apart_and_initials_merge(make_article):
    text = (
        "Shawn J. Smith was charged. Police found Shimron Smith in the yard. "
        "Smith approached the officers. Shawn Smith had no attorney. Shawn said little."
    )
    story = _story(make_article, [text])
    doc = doc_with_ents(
        text,
        [
            ("Shawn J. Smith", "PERSON"),
            ("Shimron Smith", "PERSON"),
            ("Smith", "PERSON"),
            ("Shawn Smith", "PERSON"),
            ("Shawn", "PERSON"),
        ],
    )
    ents = _by_name(extract_entities(story, [doc]))
    # "Smith" could be either brother: never merged into one of them
    assert len(ents["Smith"].mentions) == 1
    assert len(ents["Shimron Smith"].mentions) == 1
    shawn = ents["Shawn J. Smith"]
    assert len(shawn.mentions) == 3 and set(shawn.aliases) == {
        "Shawn J. Smith",
        "Shawn Smith",
        "Shawn",
    }


def test_shared_surname_goes_to_the_one_person_named_before_it_in_its_article(make_article):
    first = (
        "Mara Quillon chairs the board. Quillon said the vote was close. "
        "Her grandson Teodor Quillon disagreed. Quillon left early."
    )
    second = "Teodor Quillon spoke first. Quillon said he would stay."
    story = _story(make_article, [first, second])
    docs = [
        doc_with_ents(
            first,
            [
                ("Mara Quillon", "PERSON"),
                ("Quillon", "PERSON"),
                ("Teodor Quillon", "PERSON"),
                ("Quillon", "ORG"),
            ],
        ),
        doc_with_ents(second, [("Teodor Quillon", "PERSON"), ("Quillon", "PERSON")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    a0, a1 = story.articles[0].id, story.articles[1].id
    mara, teodor = ents["Mara Quillon"], ents["Teodor Quillon"]
    # the two full names are never one entity
    assert mara.id != teodor.id
    # only Mara named before the first "Quillon" of the first article
    assert [(m.ref.article_id, m.text) for m in mara.mentions] == [
        (a0, "Mara Quillon"),
        (a0, "Quillon"),
    ]
    # only Teodor named before "Quillon" in the second article
    assert [(m.ref.article_id, m.text) for m in teodor.mentions] == [
        (a0, "Teodor Quillon"),
        (a1, "Teodor Quillon"),
        (a1, "Quillon"),
    ]
    # both named before the last "Quillon" of the first article: it stays apart, a person
    bare = ents["Quillon"]
    assert [(m.ref.article_id, m.text) for m in bare.mentions] == [(a0, "Quillon")]
    assert bare.type == "PERSON"


def test_coordinated_names_split_and_made_adjective_dropped(make_article):
    text = (
        "Analysts compared Korvale, Brightmoor and Tessiq last week. "
        "Dunstan-made components were scarce. Marlow and Penn printed the report. "
        "Sales at Brightmoor rose."
    )
    story = _story(make_article, [text])
    doc = doc_with_ents(
        text,
        [
            ("Korvale", "ORG"),
            ("Brightmoor and Tessiq", "ORG"),
            ("Dunstan-made components", "ORG"),
            ("Marlow and Penn", "ORG"),
            ("Brightmoor", "ORG"),
        ],
    )
    ents = _by_name(extract_entities(story, [doc]))
    # the tail of a list of companies is two companies
    assert "Brightmoor and Tessiq" not in ents
    assert ents["Tessiq"].type == "ORG" and len(ents["Brightmoor"].mentions) == 2
    # "-made components" is no organisation
    assert not any("components" in name for name in ents)
    # a name only ever seen whole, outside any list, stays whole
    assert "Marlow and Penn" in ents


def test_acronym_joins_its_organisation_and_places_stay_apart(make_article):
    text = (
        "Scott Kennedy of the Center for Strategic and International Studies spoke. "
        "CSIS is in Washington. Kennedy said Qatar and Qatar Airways differ."
    )
    story = _story(make_article, [text])
    doc = doc_with_ents(
        text,
        [
            ("Scott Kennedy", "PERSON"),
            ("Center for Strategic and International Studies", "ORG"),
            ("CSIS", "ORG"),
            ("Washington", "GPE"),
            ("Kennedy", "PERSON"),
            ("Qatar", "GPE"),
            ("Qatar Airways", "ORG"),
        ],
    )
    ents = _by_name(extract_entities(story, [doc]))
    assert len(ents["Center for Strategic and International Studies"].mentions) == 2
    assert len(ents["Scott Kennedy"].mentions) == 2
    assert "Qatar" in ents and "Qatar Airways" in ents  # a place is not its airline


def test_entity_index_lookup_and_spans(make_article):
    text = "Gao Feng spoke. Later Gao said more."
    story = _story(make_article, [text])
    doc = doc_with_ents(text, [("Gao Feng", "PERSON"), ("Gao", "PERSON")])
    ents = extract_entities(story, [doc])
    index = EntityIndex(ents)
    assert index.lookup("Gao").name == "Gao Feng"
    assert index.lookup("spokesman Gao Feng").name == "Gao Feng"
    assert index.lookup("Nobody") is None
    aid = story.articles[0].id
    start = text.index("Gao said")
    assert index.at(aid, start, start + 3).name == "Gao Feng"
    assert index.at(aid, 9, 14) is None  # "spoke"


def test_no_entities_and_missing_docs(make_article):
    story = _story(make_article, ["nothing here at all.", "nor here."])
    assert extract_entities(story, [None, None]) == ()


@pytest.fixture(scope="module")
def seed_entities(seed_cluster):
    """The seed story's entities, as the pipeline prepares its articles (one parse for the
    slow tests that read them)."""
    from newsweave import nlp
    from newsweave.config import load_config
    from newsweave.ingest import load_articles
    from newsweave.pipeline import prepare_articles

    articles, _ = load_articles([seed_cluster])
    articles = prepare_articles(articles, load_config(None), [])
    story = Story(id="seed", headline="h", articles=tuple(articles))
    ents = extract_entities(story, nlp.parse([a.text for a in articles]))
    return ents


@pytest.mark.slow
def test_seed_cluster_merges_key_people_and_companies(seed_entities):
    ents = seed_entities
    for full, short in [
        ("Xi Jinping", "xi"),
        ("Donald Trump", "trump"),
        ("ZTE", "zte"),
        ("Gao Feng", "gao"),
        ("Scott Kennedy", "kennedy"),
    ]:
        holders = [
            e
            for e in ents
            if any(short in name_key(a).split() for a in (e.name, *e.aliases))
            and e.type in ("PERSON", "ORG")
        ]
        assert [e.name for e in holders] == [full], (full, [(e.name, e.aliases) for e in holders])
        if full != "Gao Feng":
            assert len(holders[0].outlets) >= 2


# --------------------------------------------------------------------------- story evidence
def test_form_and_context_votes():
    from newsweave.facts.entities import context_votes, form_votes

    assert form_votes("Aldane Holdings") == {"ORG": 1}
    assert form_votes("Harbour Foods") == {"ORG": 1}
    assert form_votes("Nimbus Cloud") == {"ORG": 1}
    assert form_votes("Orrin & Partners") == {"ORG": 1}
    assert form_votes("Aviators' Guild of Kestrel") == {"ORG": 1}
    assert form_votes("Old Harbour Bridge") == {"FAC": 1}
    assert form_votes("Port Aldane") == {"GPE": 1}
    assert form_votes("LT-204") == {"PRODUCT": 1}
    assert form_votes("Priya Raman") == {}

    def ctx(text, name):
        i = text.index(name)
        return dict(context_votes(text, i, i + len(name)))

    assert ctx("The city of Velmora closed it.", "Velmora") == {"GPE": 1}
    assert ctx("She spoke in Brenhaven on Monday.", "Brenhaven") == {"GPE": 1}
    assert ctx("The mayor of Velmora spoke.", "Velmora") == {"GPE": 1}
    assert ctx("Shares in Lumenara fell.", "Lumenara") == {"ORG": 1}  # not "in X"
    assert ctx("They drove to the Tarn plant on Monday.", "Tarn") == {"GPE": 1}
    assert ctx("rail operator Coastline said", "Coastline") == {"ORG": 1}
    assert ctx("It halted LT-204, an experimental treatment.", "LT-204") == {"PRODUCT": 1}
    assert ctx("Mark Oster, 49, left.", "Mark Oster") == {"PERSON": 1}
    assert ctx("said Jia Lin, an analyst at research firm Trend.", "Jia Lin") == {"PERSON": 1}
    assert ctx("Mayor Ilse Brandvold spoke.", "Mayor Ilse Brandvold") == {"PERSON": 1}
    assert ctx("He told the Gazette that it was bad.", "Gazette") == {"ORG": 1}
    assert ctx("Nothing here about Oster at all.", "Oster") == {}


def test_short_company_name_merges_into_its_full_form_and_takes_its_type(make_article):
    texts = [
        "Lumenara Therapeutics paused a trial. Lumenara said it was safe.",
        "Shares in Lumenara fell sharply. Lumenara will update investors.",
    ]
    story = _story(make_article, texts)
    docs = [
        doc_with_ents(texts[0], [("Lumenara Therapeutics", "ORG"), ("Lumenara", "PERSON")]),
        doc_with_ents(texts[1], [("Lumenara", "PERSON"), ("Lumenara", "PERSON")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert set(ents) == {"Lumenara Therapeutics"}
    lum = ents["Lumenara Therapeutics"]
    assert lum.type == "ORG" and len(lum.mentions) == 4
    assert set(lum.aliases) == {"Lumenara Therapeutics", "Lumenara"}


def test_place_is_not_merged_into_a_company_named_after_it(make_article):
    text = (
        "The city of Velmora closed the bridge. Velmora Sound Lines added ferries. "
        "Velmora will pay for the repairs."
    )
    story = _story(make_article, [text])
    doc = doc_with_ents(
        text, [("Velmora", "ORG"), ("Velmora Sound Lines", "ORG"), ("Velmora", "ORG")]
    )
    ents = _by_name(extract_entities(story, [doc]))
    assert ents["Velmora"].type == "GPE" and len(ents["Velmora"].mentions) == 2
    assert ents["Velmora Sound Lines"].type == "ORG"


def test_ambiguous_short_name_goes_to_the_full_form_named_before_it(make_article):
    texts = [
        "Orrin Foods sued Orrin Records on Monday. Orrin Records said it would fight.",
        "Orrin Foods raised prices. Orrin said demand was strong.",
        "Orrin Foods hired staff. Orrin expects growth.",
        "Orrin Records signed a band. Orrin celebrated.",
    ]
    story = _story(make_article, texts)
    docs = [
        doc_with_ents(
            texts[0], [("Orrin Foods", "ORG"), ("Orrin Records", "ORG"), ("Orrin Records", "ORG")]
        ),
        doc_with_ents(texts[1], [("Orrin Foods", "ORG"), ("Orrin", "ORG")]),
        doc_with_ents(texts[2], [("Orrin Foods", "ORG"), ("Orrin", "ORG")]),
        doc_with_ents(texts[3], [("Orrin Records", "ORG"), ("Orrin", "ORG")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Orrin" not in ents
    foods, records = ents["Orrin Foods"], ents["Orrin Records"]
    assert len(foods.mentions) == 5 and len(records.mentions) == 4
    last = story.articles[3].id
    assert any(m.ref.article_id == last and m.text == "Orrin" for m in records.mentions)


def test_names_found_once_are_found_everywhere_in_the_story(make_article):
    texts = [
        "Tarvik Labs launched the Zephyr 4 on Monday. Zephyr 4 sales began.",
        "Reviewers liked the Zephyr 4. Tarvik Labs Europe was not involved.",
    ]
    story = _story(make_article, texts)
    docs = [
        doc_with_ents(texts[0], [("Tarvik Labs", "ORG"), ("Zephyr 4", "PRODUCT")]),
        doc_with_ents(texts[1], []),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert len(ents["Zephyr 4"].mentions) == 3
    assert ents["Zephyr 4"].type == "PRODUCT"
    # "Tarvik Labs" inside the longer name "Tarvik Labs Europe" is not a mention of it
    assert len(ents["Tarvik Labs"].mentions) == 1
    for e in ents.values():
        for m in e.mentions:
            assert story.article(m.ref.article_id).text[m.ref.start : m.ref.end] == m.text


# Every entity of the bundled examples whose type the text makes clear, with that type
# (checked by reading examples/*): (story folder, name, accepted types). A short name the text
# uses for a longer one is looked up by alias and must resolve to the long one.
EXAMPLE_TYPES = [
    ("kestrel-air-pilot-strike", "Kestrel Air", {"ORG"}),  # "the airline"
    ("kestrel-air-pilot-strike", "Port Aldane", {"GPE"}),  # "headquarters in Port Aldane"
    ("kestrel-air-pilot-strike", "Aldane Holdings", {"ORG"}),  # "parent company, Aldane Holdings"
    ("kestrel-air-pilot-strike", "Coastline Rail", {"ORG"}),  # "rail operator Coastline Rail"
    ("kestrel-air-pilot-strike", "Bluewater Airways", {"ORG"}),
    ("kestrel-air-pilot-strike", "Greyfield Capital", {"ORG"}),  # "Analysts at Greyfield Capital"
    ("kestrel-air-pilot-strike", "Marta Okonjo", {"PERSON"}),
    ("kestrel-air-pilot-strike", "Daniel Fairweather", {"PERSON"}),
    ("kestrel-air-pilot-strike", "Hollis Abara", {"PERSON"}),
    ("kestrel-air-pilot-strike", "Elena Varga", {"PERSON"}),
    ("lumenara-trial-pause", "Lumenara Therapeutics", {"ORG"}),
    ("lumenara-trial-pause", "LT-204", {"PRODUCT"}),  # "an experimental treatment"
    ("lumenara-trial-pause", "Priya Raman", {"PERSON"}),
    ("lumenara-trial-pause", "Henrik Solvang", {"PERSON"}),
    ("lumenara-trial-pause", "Jonas Hale", {"PERSON"}),
    ("lumenara-trial-pause", "Mei Takahara", {"PERSON"}),
    ("lumenara-trial-pause", "Leila Marchetti", {"PERSON"}),
    ("lumenara-trial-pause", "Tobias Renn", {"PERSON"}),
    ("lumenara-trial-pause", "Brightwater Securities", {"ORG"}),
    ("lumenara-trial-pause", "Northline Partners", {"ORG"}),
    ("lumenara-trial-pause", "Kidney Patients Alliance", {"ORG"}),
    ("lumenara-trial-pause", "Orvane Bio", {"ORG"}),  # "Shares in Orvane Bio"
    ("lumenara-trial-pause", "Saint Aurel University Hospital", {"ORG", "FAC"}),
    ("velmora-bridge-closure", "Velmora", {"GPE"}),  # "The city of Velmora"
    ("velmora-bridge-closure", "Old Harbour Bridge", {"FAC"}),
    ("velmora-bridge-closure", "North Quay Bridge", {"FAC"}),
    ("velmora-bridge-closure", "Brygge Street", {"FAC", "LOC"}),
    ("velmora-bridge-closure", "Stenholt Engineering", {"ORG"}),  # "the firm"
    ("velmora-bridge-closure", "Velmora Sound Lines", {"ORG"}),  # "Ferry operator"
    ("velmora-bridge-closure", "Ilse Brandvold", {"PERSON"}),  # "Mayor Ilse Brandvold"
    ("velmora-bridge-closure", "Tomas Werner", {"PERSON"}),
    ("velmora-bridge-closure", "Petra Lund", {"PERSON"}),
    ("velmora-bridge-closure", "Jonas Ekdahl", {"PERSON"}),
    ("velmora-bridge-closure", "Gazette", {"ORG"}),  # "told the Gazette"
]
# short name -> the full name it must be merged into
EXAMPLE_SHORT_NAMES = [
    ("lumenara-trial-pause", "Lumenara", "Lumenara Therapeutics"),
    ("velmora-bridge-closure", "Stenholt", "Stenholt Engineering"),
]


@pytest.fixture(scope="module")
def example_entities(examples_dir):
    from newsweave import nlp
    from newsweave.config import load_config
    from newsweave.ingest import load_articles
    from newsweave.pipeline import prepare_articles

    out = {}
    for name in sorted({s for s, _, _ in EXAMPLE_TYPES}):
        articles, _ = load_articles([examples_dir / name])
        articles = prepare_articles(articles, load_config(None), [])
        story = Story(id=name, headline="h", articles=tuple(articles))
        out[name] = extract_entities(story, nlp.parse([a.text for a in articles]))
    return out


def test_bundled_examples_entities_typed_as_the_text_says(example_entities):
    wrong = []
    for story, name, types in EXAMPLE_TYPES:
        found = [e for e in example_entities[story] if name_key(e.name) == name_key(name)]
        if len(found) != 1 or found[0].type not in types:
            wrong.append((story, name, [(e.name, e.type) for e in found]))
    assert not wrong, wrong


def test_bundled_examples_short_names_merge_into_full_names(example_entities):
    for story, short, full in EXAMPLE_SHORT_NAMES:
        holders = [
            e
            for e in example_entities[story]
            if short in e.aliases or name_key(e.name) == name_key(short)
        ]
        assert [e.name for e in holders] == [full], (short, [(e.name, e.type) for e in holders])


# ------------------------------------------------------------------ spaCy corrected by the story
# Regression (issue 19, seed cluster): a capitalised word opening a longer name tagged alone
# ("Made" PRODUCT of a plan's name).


def test_a_name_tagged_only_in_part_is_the_longer_name_the_story_knows(make_article):
    one = "The Made in Velmora 2030 plan was unveiled by the council on Monday."
    two = "Critics said the cuts would hit at the heart of Made in Velmora 2030, the blueprint."
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(one, [("Made in Velmora 2030", "WORK_OF_ART")]),
        doc_with_ents(two, [("Made", "PRODUCT"), ("Velmora", "GPE")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Made" not in ents
    # the story calls it a plan: LAW (PLANS_ARE_LAWS), not the tagger's WORK_OF_ART
    assert ents["Made in Velmora 2030"].type == "LAW"
    assert len(ents["Made in Velmora 2030"].mentions) == 2
    assert "Velmora" in ents  # a name inside the longer one keeps its own mention


def test_a_short_name_the_story_names_alone_is_not_swallowed_by_a_longer_one(make_article):
    one = "Korvath TV goes on sale on Friday. Korvath said demand was strong."
    two = "Korvath TV will cost less than its rivals."
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(one, [("Korvath TV", "PRODUCT"), ("Korvath", "ORG")]),
        doc_with_ents(two, [("Korvath", "ORG")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    # "Korvath" is a company named on its own: its mention in "Korvath TV" stays the company's
    assert ents["Korvath"].type == "ORG" and len(ents["Korvath"].mentions) == 2
    assert len(ents["Korvath TV"].mentions) == 1


def test_a_name_extended_to_the_longer_one_takes_no_place_cue_from_its_part(make_article):
    one = "Six people were arrested in Kelmont State Police's inquiry into the fire."
    two = "Questions go to the Kelmont State Police. The Kelmont State Police said little."
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(one, [("Kelmont State", "GPE")]),
        doc_with_ents(two, [("Kelmont State Police", "ORG"), ("Kelmont State Police", "ORG")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Kelmont State" not in ents
    assert ents["Kelmont State Police"].type == "ORG"
    assert len(ents["Kelmont State Police"].mentions) == 3


# A capitalised common word that opens a sentence ("Snow is hardly ...") tagged as a name.


def test_a_word_capitalised_only_where_it_opens_a_sentence_is_no_entity(make_article):
    one = "Snow is hardly rare in Velmora. \u201cRubble blocked the road,\u201d an aide said."
    two = "Crews cleared the snow by noon, and the rubble by night.\nRubble still lay in Velmora."
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(one, [("Snow", "PERSON"), ("Velmora", "GPE"), ("Rubble", "PERSON")]),
        doc_with_ents(two, [("Velmora", "GPE")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Snow" not in ents and "Rubble" not in ents
    assert ents["Velmora"].type == "GPE" and len(ents["Velmora"].mentions) == 2


def test_a_name_that_opens_sentences_stays_when_the_story_never_lowers_it_or_uses_it_inside(
    make_article,
):
    one = "Brisko said the plan works. Officials praised Snow on Monday."
    two = "Snow said little. Brisko added a line. The snow fell. NASA agreed. See nasa.gov."
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(one, [("Brisko", "PERSON"), ("Snow", "PERSON")]),
        doc_with_ents(two, [("Snow", "PERSON"), ("Brisko", "PERSON"), ("NASA", "ORG")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert ents["Brisko"].type == "PERSON"  # opens sentences, never written "brisko"
    assert len(ents["Snow"].mentions) == 2  # capitalised inside a sentence too: a name
    assert "NASA" in ents  # an acronym is no common word


# ------------------------------------------------- a reader's pass over a story (issue 19, seventh
# session): public bodies, products named with their maker, companies described as companies


def test_a_title_word_before_an_institution_head_is_its_modifier(make_article):
    # regression: "The Justice Department" was listed as an entity named "Department"
    assert clean_name("The Justice Department") == "Justice Department"
    assert clean_name("Justice Ilse Brandvold") == "Ilse Brandvold"  # still a title
    text = "The Justice Department is looking into Orvane's sales, the paper said."
    story = _story(make_article, [text])
    ents = _by_name(
        extract_entities(
            story, [doc_with_ents(text, [("The Justice Department", "ORG"), ("Orvane", "ORG")])]
        )
    )
    assert "Department" not in ents and ents["Justice Department"].type == "ORG"


def test_a_public_body_after_in_is_an_organisation_not_a_place(make_article):
    text = "A revolt in the Vestrian Senate against the deal grew on Monday."
    story = _story(make_article, [text])
    ents = _by_name(
        extract_entities(story, [doc_with_ents(text, [("the Vestrian Senate", "ORG")])])
    )
    assert ents["Vestrian Senate"].type == "ORG"  # "in X" read as a place cue made it GPE


def test_a_generic_head_alone_is_no_entity(make_article):
    text = "A statement from the Department said the Harwick Ministry of Ports would act."
    story = _story(make_article, [text])
    ents = _by_name(
        extract_entities(
            story,
            [doc_with_ents(text, [("Department", "ORG"), ("Harwick Ministry of Ports", "ORG")])],
        )
    )
    assert "Department" not in ents  # which department, the name does not say
    assert ents["Harwick Ministry of Ports"].type == "ORG"


def test_a_name_between_its_maker_and_a_product_noun_is_a_product(make_article):
    text = "The handsets run Kestrel's Tundra operating system and Pellix's Arbor chips."
    story = _story(make_article, [text])
    ents = _by_name(
        extract_entities(
            story,
            [
                doc_with_ents(
                    text,
                    [("Kestrel", "ORG"), ("Tundra", "ORG"), ("Pellix", "ORG"), ("Arbor", "ORG")],
                )
            ],
        )
    )
    assert ents["Tundra"].type == "PRODUCT" and ents["Arbor"].type == "PRODUCT"
    assert ents["Kestrel"].type == "ORG"  # the maker stays a company


def test_names_described_as_companies_are_organisations(make_article):
    one = (
        "\u201cWe talk a lot about Orlik, Vantor and Brask, which are among the largest "
        "companies in the region,\u201d she said."
    )
    two = "Trevi, which is a small software firm, hired Ana Moll. Pellix's users left in May."
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(one, [("Orlik", "PERSON"), ("Vantor", "ORG"), ("Brask", "ORG")]),
        doc_with_ents(two, [("Trevi", "PERSON"), ("Ana Moll", "PERSON"), ("Pellix", "PERSON")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert ents["Orlik"].type == "ORG"  # a list "which are ... companies"
    assert ents["Trevi"].type == "ORG"  # "which", never "who": not a person
    assert ents["Pellix"].type == "ORG"  # a company's users
    assert ents["Ana Moll"].type == "PERSON"


def test_a_plural_name_after_in_the_is_a_place_not_a_group(make_article):
    text = "Jue Larsen, a scholar at Brenhaven University in the Vestlands, disagreed."
    story = _story(make_article, [text])
    ents = _by_name(
        extract_entities(
            story,
            [
                doc_with_ents(
                    text,
                    [
                        ("Jue Larsen", "PERSON"),
                        ("Brenhaven University", "ORG"),
                        ("Vestlands", "GPE"),
                    ],
                )
            ],
        )
    )
    assert ents["Vestlands"].type == "GPE"  # not "the Beatles"
    assert ents["Brenhaven University"].type == "ORG"


def test_a_generic_head_alone_is_the_one_body_of_that_head_unless_cut_from_a_name(make_article):
    one = "The Truth and Unity Commission met in Velmora. The Commission's report is due."
    two = (
        "Call the Brask County Sheriff's Office. The Velmora Records Office opened. The "
        "Commission said little."
    )
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(
            one,
            [("The Truth and Unity Commission", "ORG"), ("Velmora", "GPE"), ("Commission", "ORG")],
        ),
        doc_with_ents(
            two,
            [
                ("Brask County Sheriff", "ORG"),
                ("Office", "ORG"),
                ("The Velmora Records Office", "ORG"),
                ("Commission", "ORG"),
            ],
        ),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Commission" not in ents and "Office" not in ents
    assert len(ents["Truth and Unity Commission"].mentions) == 3  # "the Commission" twice
    assert len(ents["Velmora Records Office"].mentions) == 1  # not the sheriff's "Office"


# ------------------------------------------------------- a reader's pass (issue 19, 8th session)
# Regressions from the seed story: "BMI" after "Kenny Liew of BMI Research" stayed a second
# entity (its full form ends in no company form), and "IP" ("tariffs for IP theft") was an
# organisation although the story writes "intellectual property" in lower case.


def _parsed_with_ents(text: str, ents: list[tuple[str, str]]):
    """The real parse of ``text`` (tags for the common-phrase rule) with entities set by hand."""
    from newsweave import nlp

    return doc_with_ents(text, ents, nlp.parse([text])[0])


def test_an_acronym_short_form_merges_into_the_organisation_it_begins(make_article, monkeypatch):
    from newsweave.facts import entities

    one = "Imports rose, according to Kenny Liew of Orvane Research. Orvane's Liew said more."
    story = _story(make_article, [one])
    doc = doc_with_ents(one, [("Kenny Liew", "PERSON"), ("Orvane Research", "ORG")])
    ents = _by_name(extract_entities(story, [doc]))
    assert "Orvane" not in ents  # an ordinary short name needs a company form: unchanged
    acro = "Imports rose, according to Kenny Liew of BMX Research. BMX's Liew said more."
    story = _story(make_article, [acro])
    docs = [doc_with_ents(acro, [("BMX Research", "ORG"), ("BMX", "ORG")])]
    ents = _by_name(extract_entities(story, docs))
    assert "BMX" not in ents and len(ents["BMX Research"].mentions) == 2
    monkeypatch.setattr(entities, "ACRONYM_SHORT_FORMS", False)
    assert "BMX" in _by_name(extract_entities(story, docs))


def test_a_place_acronym_does_not_merge_into_a_name_it_begins(make_article):
    text = (
        "The European Union Chamber of Commerce said so. Later, EU leaders met in Brussels "
        "and the EU said no."
    )
    story = _story(make_article, [text])
    doc = doc_with_ents(
        text, [("European Union Chamber of Commerce", "ORG"), ("EU", "ORG"), ("EU", "ORG")]
    )
    ents = _by_name(extract_entities(story, [doc]))
    assert "EU" in ents and len(ents["European Union Chamber of Commerce"].mentions) == 1


def test_an_acronym_of_a_lower_case_phrase_is_no_entity(make_article, monkeypatch):
    from newsweave.facts import entities

    text = (
        "The country needs foreign intellectual property. Washington may impose tariffs for "
        "IP theft, officials at Orvane Holdings said."
    )
    story = _story(make_article, [text])
    doc = _parsed_with_ents(text, [("Washington", "GPE"), ("IP", "ORG"), ("Orvane", "ORG")])
    ents = _by_name(extract_entities(story, [doc]))
    assert "IP" not in ents and "Washington" in ents
    monkeypatch.setattr(entities, "DROP_COMMON_ABBREVIATIONS", False)
    assert "IP" in _by_name(extract_entities(story, [doc]))


def test_an_acronym_without_a_lower_case_phrase_stays(make_article):
    text = "Analysts at IDC said shipments fell. IDC expects a rebound in market share."
    story = _story(make_article, [text])
    doc = _parsed_with_ents(text, [("IDC", "ORG"), ("IDC", "ORG")])
    assert "IDC" in _by_name(extract_entities(story, [doc]))


@pytest.mark.slow
def test_seed_cluster_reader_pass(seed_entities):
    """The seed story: "BMI" is "BMI Research", "IP" is no entity, "EU" stays the union."""
    ents = seed_entities
    names = {e.name for e in ents}
    assert "BMI" not in names and "IP" not in names
    holders = [e for e in ents if "BMI" in e.aliases or e.name == "BMI Research"]
    assert [e.name for e in holders] == ["BMI Research"]
    assert not any("EU" in e.aliases and e.name != "EU" for e in ents)
    by_name = _by_name(ents)
    assert by_name["Twitter"].type == "ORG"  # "including Facebook, Twitter and Google"
    assert "Senate" not in by_name and "Ministry of Commerce" not in by_name
    # third pass: a plan the story calls one is no work of art; a research firm the tagger
    # cut ("Trivium" before "China") is an organisation
    assert not any(e.type == "WORK_OF_ART" and "2025" in e.name for e in ents)
    assert by_name["Trivium China"].type == "ORG"


def test_a_one_word_person_in_a_list_of_organisations_is_one(make_article, monkeypatch):
    from newsweave.facts import entities

    text = "China blocks American technology, including Facebook, Twitter and Google."
    story = _story(make_article, [text])
    doc = doc_with_ents(
        text,
        [("American", "NORP"), ("Facebook", "ORG"), ("Twitter", "PERSON"), ("Google", "ORG")],
    )
    assert _by_name(extract_entities(story, [doc]))["Twitter"].type == "ORG"
    monkeypatch.setattr(entities, "LIST_KIND", False)
    assert _by_name(extract_entities(story, [doc]))["Twitter"].type == "PERSON"


def test_people_in_a_list_stay_people(make_article):
    text = "The talks brought together Trump, Xi and Google executives."
    story = _story(make_article, [text])
    doc = doc_with_ents(text, [("Trump", "PERSON"), ("Xi", "PERSON"), ("Google", "ORG")])
    ents = _by_name(extract_entities(story, [doc]))
    assert ents["Trump"].type == "PERSON" and ents["Xi"].type == "PERSON"


def test_an_institution_in_either_word_order_is_one_body(make_article, monkeypatch):
    from newsweave.facts import entities

    one = "The Commerce Ministry said on Monday that talks would go on."
    two = "Ministry of Commerce spokesman Gao Feng said the talks went well."
    story = _story(make_article, [one, two])
    docs = [
        doc_with_ents(one, [("Commerce Ministry", "ORG")]),
        doc_with_ents(two, [("Ministry of Commerce", "ORG"), ("Gao Feng", "PERSON")]),
    ]
    ents = _by_name(extract_entities(story, docs))
    holders = [e for e in ents.values() if "ministry" in name_key(e.name).split()]
    assert len(holders) == 1 and len(holders[0].mentions) == 2
    monkeypatch.setattr(entities, "INSTITUTION_WORD_ORDER", False)
    ents = _by_name(extract_entities(story, docs))
    assert "Commerce Ministry" in ents and "Ministry of Commerce" in ents


def test_a_bare_institution_head_is_the_one_body_ending_in_it(make_article, monkeypatch):
    from newsweave.facts import entities

    one = "The bill passed the U.S. Senate on Tuesday."
    two = "Lighthizer told a Senate committee in March that the plan was bad."
    three = "Peking University and Leiden University sent experts; the University said no."
    story = _story(make_article, [one, two, three])
    docs = [
        doc_with_ents(one, [("U.S. Senate", "ORG")]),
        doc_with_ents(two, [("Lighthizer", "PERSON"), ("Senate", "ORG")]),
        doc_with_ents(
            three,
            [("Peking University", "ORG"), ("Leiden University", "ORG"), ("University", "ORG")],
        ),
    ]
    ents = _by_name(extract_entities(story, docs))
    assert "Senate" not in ents and len(ents["U.S. Senate"].mentions) == 2
    assert len(ents["Peking University"].mentions) == 1  # two full forms: no merge
    monkeypatch.setattr(entities, "BARE_INSTITUTION_HEADS", False)
    assert "Senate" in _by_name(extract_entities(story, docs))


# ------------------------------------------------ a reader's third pass (issue 19, 8th session)
# A plan's name typed as a work of art ("Made in China 2025"), and a research firm quoted as a
# speaker that the tagger cut to its last word ("Trivium China": only "China" tagged).


@pytest.mark.parametrize(
    "text",
    [
        "Officials defended Forward Kestrel 2030, a government plan to build ports.",
        "The Forward Kestrel 2030 industrial policy concerns the long term.",
        "Headline-grabbing initiatives like \u201cForward Kestrel 2030,\u201d call for growth.",
        'Under Xi, a program known as "Forward Kestrel 2030" aims high.',
        "These actions hit Forward Kestrel 2030, the country\u2019s blueprint for industry.",
    ],
)
def test_a_work_the_story_calls_a_plan_is_a_policy(make_article, monkeypatch, text):
    from newsweave.facts import entities

    story = _story(make_article, [text])
    doc = doc_with_ents(text, [("Forward Kestrel 2030", "WORK_OF_ART")])
    assert _by_name(extract_entities(story, [doc]))["Forward Kestrel 2030"].type == "LAW"
    monkeypatch.setattr(entities, "PLANS_ARE_LAWS", False)
    assert _by_name(extract_entities(story, [doc]))["Forward Kestrel 2030"].type == "WORK_OF_ART"


def test_a_work_not_called_a_plan_stays_a_work(make_article):
    text = "She read Forward Kestrel 2030, a novel about ports, and the plan was dropped."
    story = _story(make_article, [text])
    doc = doc_with_ents(text, [("Forward Kestrel 2030", "WORK_OF_ART")])
    assert _by_name(extract_entities(story, [doc]))["Forward Kestrel 2030"].type == "WORK_OF_ART"


def test_a_name_cut_before_a_company_apposition_is_the_whole_name(make_article, monkeypatch):
    from newsweave import nlp
    from newsweave.facts import entities

    text = (
        "\u201cThey want their own rules,\u201d Orvane China, a Beijing-based research firm, "
        "wrote in a recent report."
    )
    story = _story(make_article, [text])
    doc = nlp.parse([text])[0]
    start = text.index("China")
    doc.ents = [doc.char_span(start, start + 5, label="GPE")]
    ents = _by_name(extract_entities(story, [doc]))
    assert ents["Orvane China"].type == "ORG" and "China" not in ents
    monkeypatch.setattr(entities, "CUT_NAMES_BEFORE_A_COMPANY_APPOSITION", False)
    assert "Orvane China" not in _by_name(extract_entities(story, [doc]))


def test_a_tagged_name_without_a_company_apposition_is_not_extended(make_article):
    from newsweave import nlp

    text = "Officials said Beijing, a capital of millions, would reply. Then Orvane China rose."
    story = _story(make_article, [text])
    doc = nlp.parse([text])[0]
    start = text.index("China")
    doc.ents = [doc.char_span(start, start + 5, label="GPE")]
    assert "Orvane China" not in _by_name(extract_entities(story, [doc]))
