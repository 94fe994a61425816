"""Exact and near duplicates (newsweave.dedupe): wire copies fold into one article."""

from __future__ import annotations

from newsweave import dedupe
from newsweave.model import Article

WIRE_BODY = [
    "The harbour authority of Port Calloway voted on Tuesday to close the old northern pier "
    "after inspectors found that three of its timber pilings had rotted through below the "
    "waterline.",
    "The pier, built in 1931, has carried the town's ferry to Marrow Island for nine decades. "
    "Ferry passengers will board from a temporary pontoon at the southern quay from Monday, "
    "the authority said in a statement.",
    "Harbour master Ilse Brandvold told reporters the decision was taken with a heavy heart. "
    '"Nobody in this town wanted to see the north pier fenced off, but the engineers left us '
    'no choice," she said.',
    "Repairs are expected to cost about 4.2 million crowns and to take at least eighteen "
    "months. The regional council has promised to cover half of the bill, while the rest will "
    "come from harbour fees.",
    "Local fishermen, who also use the pier to land their catch, said they had not been "
    "consulted and warned that the temporary pontoon was too small for the larger trawlers.",
]
LAST_PARAGRAPHS = [
    "The authority will meet again next month to review the repair tenders.",
    "Calloway Gazette readers can send questions about the closure to the newsroom.",
    "Additional reporting by the Northern Coast Herald staff.",
    "Ferry timetables for the coming weeks are published on the authority's website.",
    "This story has been updated to include comments from the fishermen's association.",
]
HEADLINES = [
    "Port Calloway closes its north pier after rot found in pilings",
    "North pier shut: ferry moves to temporary pontoon",
    "Rotten pilings force closure of 1931 pier",
    "Harbour authority votes to fence off historic pier",
    "Calloway ferry passengers face move as pier closes",
]
OUTLETS = ["Coast Wire", "Calloway Gazette", "Northern Coast Herald", "Island Times", "Bay FM"]


def wire_copies() -> list[Article]:
    out = []
    for i in range(5):
        text = "\n\n".join(WIRE_BODY + [LAST_PARAGRAPHS[i]])
        out.append(
            Article(
                id=f"wire{i}",
                text=text,
                title=HEADLINES[i],
                outlet=OUTLETS[i],
                source=f"feed/{i}.txt",
                published=f"2026-03-0{i + 1}",
            )
        )
    return out


SAME_PEOPLE_OTHER_STORY = Article(
    id="other1",
    title="Harbour master Brandvold honoured for rescue at sea",
    outlet="Island Times",
    source="feed/other.txt",
    text=(
        "Port Calloway harbour master Ilse Brandvold received the regional medal for courage on "
        "Friday, two years after she steered a pilot boat through a gale to reach a trawler "
        "taking on water off Marrow Island.\n\n"
        "The four crew members of the trawler were lifted aboard the pilot boat minutes before "
        "their vessel sank. Brandvold said the medal belonged to the whole harbour crew.\n\n"
        "The ceremony was held at the town hall, where fishermen and ferry staff filled the "
        "public gallery. The regional council chair praised the harbour authority for its "
        "training of volunteer crews."
    ),
)


def test_wire_story_from_five_outlets_becomes_one_article_with_five_sources():
    kept = dedupe.dedupe(wire_copies())
    assert len(kept) == 1
    article = kept[0]
    assert len(article.duplicates) == 4
    assert sorted(dedupe.outlets_of(article)) == sorted(OUTLETS)
    assert len(dedupe.sources_of(article)) == 5
    assert {d.kind for d in article.duplicates} == {"near"}
    assert all(0.5 <= d.similarity <= 1.0 for d in article.duplicates)
    # every source keeps its own headline
    assert sorted(s.title for s in dedupe.sources_of(article)) == sorted(HEADLINES)


def test_different_stories_about_the_same_people_are_not_merged():
    articles = wire_copies()[:2] + [SAME_PEOPLE_OTHER_STORY]
    kept = dedupe.dedupe(articles)
    assert len(kept) == 2
    other = [a for a in kept if a.id == "other1"]
    assert other and other[0].duplicates == ()


def test_exact_duplicates_by_content_hash_ignore_case_and_spacing():
    a = Article(id="a", text="Storm closes the coast road. " * 10, outlet="One", source="1")
    b = Article(id="b", text="STORM closes  the coast road.\n" * 10, outlet="Two", source="2")
    kept = dedupe.dedupe([a, b])
    assert len(kept) == 1
    assert kept[0].duplicates[0].kind == "exact"
    assert dedupe.outlets_of(kept[0]) == ["One", "Two"] or dedupe.outlets_of(kept[0]) == [
        "Two",
        "One",
    ]


def test_same_article_twice_from_same_source_is_dropped_without_a_duplicate_record():
    a = Article(id="a", text="A short notice about the fair. " * 5, source="x.txt")
    kept = dedupe.dedupe([a, a])
    assert len(kept) == 1 and kept[0].duplicates == ()


def test_copies_in_different_input_groups_are_never_merged():
    copies = wire_copies()
    grouped = [
        Article(
            id=c.id,
            text=c.text,
            title=c.title,
            outlet=c.outlet,
            source=c.source,
            group="g1" if i < 2 else ("g2" if i < 4 else None),
        )
        for i, c in enumerate(copies)
    ]
    kept = dedupe.dedupe(grouped)
    groups = sorted((a.group, len(dedupe.sources_of(a))) for a in kept)
    # g1's two copies fold together, g2's two (plus the ungrouped one) fold together
    assert groups == [("g1", 2), ("g2", 3)] or groups == [("g1", 3), ("g2", 2)]


def test_kept_copy_is_the_most_complete():
    copies = wire_copies()
    short = Article(
        id="short", text="\n\n".join(WIRE_BODY[:4]), title="Short", outlet="Brief", source="s"
    )
    kept = dedupe.dedupe([short, *copies])
    assert len(kept) == 1
    assert kept[0].id != "short"
    assert "Brief" in dedupe.outlets_of(kept[0])


def test_short_texts_are_only_exact_deduplicated():
    a = Article(id="a", text="Pier closes in Port Calloway", source="1")
    b = Article(id="b", text="Pier closes in Port Calloway today", source="2")
    assert len(dedupe.dedupe([a, b])) == 2


def test_json_report_lists_every_outlet_of_a_folded_wire_story():
    from newsweave.model import Story, WeaveResult
    from newsweave.report import report_dict

    kept = dedupe.dedupe(wire_copies())
    story = Story(id="s1", headline="Pier closes", articles=tuple(kept))
    d = report_dict(WeaveResult(stories=[story]))["stories"][0]
    (art,) = d["articles"]
    assert len(art["duplicates"]) == 4
    assert sorted(art["outlets"]) == sorted(OUTLETS)
    assert sorted(x["title"] for x in art["duplicates"]) == sorted(
        h for h in HEADLINES if h != art["title"]
    )
    assert d["outlets"] == sorted(OUTLETS)
    assert sorted(d["sources"][0]["outlets"]) == sorted(OUTLETS)


def test_store_keeps_the_copies_and_lists_their_outlets(tmp_path):
    from newsweave.model import Story
    from newsweave.store import Store

    kept = dedupe.dedupe(wire_copies())
    story = Story(id="s1", headline="Pier closes", articles=tuple(kept))
    with Store(tmp_path / "nw.db") as store:
        store.save_story(story)
    with Store(tmp_path / "nw.db") as store:
        loaded = store.load_story("s1")
        (row,) = store.list_stories()
    assert loaded.articles[0].duplicates == kept[0].duplicates
    assert row["size"] == 1 and row["outlets"] == sorted(OUTLETS)


# ------------------------------------------------ wire copies that lose nothing (issue 19)


def _split(article: Article) -> Article:
    """The article with one sentence per paragraph (no parser needed here)."""
    import dataclasses
    import re

    from newsweave.model import Sentence

    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", article.text)]
    sentences = tuple(Sentence(i, article.text[s:e], s, e) for i, (s, e) in enumerate(spans))
    return dataclasses.replace(article, sentences=sentences)


SHARE_LINE = "Shares in the ferry operator fell 4 percent in Oslo trading after the announcement."
WIRE = _split(
    Article(
        id="wire",
        outlet="Coast Wire",
        source="wire.json",
        title="Calloway shuts north pier",
        text="PORT CALLOWAY, March 3 (Coast Wire) - " + "\n\n".join(WIRE_BODY + [SHARE_LINE]),
    )
)
REPRINT_EXTRA = [
    "Councillor Anna Berg said the town had ignored the warnings for years.",
    '"We were told the pier would last another decade," she said at the harbour.',
]
REPRINT = _split(
    Article(
        id="reprint",
        outlet="Calloway Gazette",
        source="gazette.txt",
        title="North pier closes",
        text="PORT CALLOWAY, March 3 (Coast Wire) - " + "\n\n".join(WIRE_BODY + REPRINT_EXTRA),
    )
)


def test_the_credited_wire_is_kept_and_what_only_the_reprint_says_stays_on_its_copy():
    assert len(REPRINT.text) > len(WIRE.text)  # the reprint is the fuller text
    assert dedupe.credited(WIRE, REPRINT) and not dedupe.credited(REPRINT, WIRE)
    (kept,) = dedupe.dedupe([REPRINT, WIRE])
    assert kept.id == "wire"  # the original wire, not the longer reprint
    (dup,) = kept.duplicates
    assert dup.article_id == "reprint" and dup.outlet == "Calloway Gazette"
    assert [s.text for s in dup.sentences] == REPRINT_EXTRA
    for s in dup.sentences:  # the citation contract holds in the copy's own text
        assert dup.text[s.start : s.end] == s.text
        assert s == REPRINT.sentences[s.index]


def test_without_a_credit_the_fullest_copy_is_kept_and_the_wire_line_it_cut_stays():
    import dataclasses

    plain = _split(dataclasses.replace(REPRINT, text=REPRINT.text.replace("(Coast Wire) ", "")))
    (kept,) = dedupe.dedupe([WIRE, plain])
    assert kept.id == "reprint"
    (dup,) = kept.duplicates
    assert dup.article_id == "wire"
    assert [s.text for s in dup.sentences] == [SHARE_LINE]
    assert sorted(dedupe.outlets_of(kept)) == ["Calloway Gazette", "Coast Wire"]


def test_a_credit_field_names_the_wire():
    import dataclasses

    plain = _split(
        dataclasses.replace(
            REPRINT,
            text=REPRINT.text.replace("(Coast Wire) ", ""),
            meta=(("credit", "Coast Wire"),),
        )
    )
    wire = _split(dataclasses.replace(WIRE, text=WIRE.text.replace("(Coast Wire) ", "")))
    assert dedupe.credited(wire, plain)
    assert dedupe.dedupe([plain, wire])[0].id == "wire"


def test_a_copy_saying_nothing_more_carries_no_text():
    import dataclasses

    short = _split(
        dataclasses.replace(WIRE, id="short", outlet="Brief", text="\n\n".join(WIRE_BODY))
    )
    (kept,) = dedupe.dedupe([short, WIRE])
    (dup,) = kept.duplicates
    assert dup.article_id == "short" and dup.sentences == () and dup.text == ""


def test_copy_passages_hold_only_what_the_copy_alone_says_at_its_own_offsets():
    from newsweave.model import Story

    (kept,) = dedupe.dedupe([REPRINT, WIRE])
    (passage,) = dedupe.copy_passages([kept])
    assert passage.id == "reprint" and passage.outlet == "Calloway Gazette"
    assert len(passage.text) == len(REPRINT.text)
    assert " ".join(passage.text.split()) == " ".join(REPRINT_EXTRA)
    for s in passage.sentences:
        assert passage.text[s.start : s.end] == s.text
    # the story resolves a citation of the copy to the copy's real text
    story = Story(id="s", headline="h", articles=(kept,))
    (copy,) = story.copies()
    assert story.article("reprint") == copy and copy.text == REPRINT.text
    assert [s.text for s in copy.sentences] == REPRINT_EXTRA


def test_a_copy_with_its_own_sentences_round_trips_through_json_and_the_store(tmp_path):
    from newsweave.model import Citation, Story, Summary, SummarySentence, from_dict, to_dict
    from newsweave.store import Store

    (kept,) = dedupe.dedupe([REPRINT, WIRE])
    own = kept.duplicates[0].sentences[0]
    summary = Summary(
        (SummarySentence(own.text, (Citation("reprint", own.index, own.start, own.end),)),)
    )
    story = Story(id="s1", headline="Pier closes", articles=(kept,), summary=summary)
    assert from_dict(Story, to_dict(story)) == story
    with Store(tmp_path / "nw.db") as store:
        store.save_story(story)
    with Store(tmp_path / "nw.db") as store:
        assert store.load_story("s1") == story
        assert store.get_copy("reprint") == story.article("reprint")
        assert store.get_copy("wire") is None


def test_reports_number_the_copy_and_list_every_outlet():
    from newsweave import report
    from newsweave.model import Citation, Story, Summary, SummarySentence, WeaveResult

    (kept,) = dedupe.dedupe([REPRINT, WIRE])
    own = kept.duplicates[0].sentences[0]
    summary = Summary(
        (SummarySentence(own.text, (Citation("reprint", own.index, own.start, own.end),)),)
    )
    story = Story(id="s1", headline="Pier closes", articles=(kept,), summary=summary)
    result = WeaveResult(stories=[story])
    d = report.report_dict(result)["stories"][0]
    assert d["outlets"] == ["Calloway Gazette", "Coast Wire"]
    assert [(s["number"], s["article_id"], s["copy_of"]) for s in d["sources"]] == [
        (1, "wire", None),
        (2, "reprint", "wire"),
    ]
    assert d["summary"]["sentences"][0]["sources"] == [2]
    assert d["articles"][0]["duplicates"][0]["text"] == REPRINT.text
    md = report.to_markdown(result)
    assert f"{own.text} [2]" in md and "2. **Calloway Gazette** — copy of [1]" in md
    html = report.to_html(result)
    assert 'href="#st1-a2-s' in html and 'id="st1-a2-s' in html  # the cite lands on the copy


def test_a_sentence_the_kept_article_says_nearly_word_for_word_is_not_the_copys_own():
    kept = Article(
        id="k", text="PORT CALLOWAY, March 3 (Coast Wire) - " + WIRE_BODY[0] + " " + WIRE_BODY[3]
    )
    copy = _split(
        Article(
            id="c",
            text="\n".join(
                [
                    WIRE_BODY[0],  # the dateline cut
                    WIRE_BODY[0].replace(
                        "Tuesday", "Monday"
                    ),  # a word changed... (kept: same numbers)
                    WIRE_BODY[3].replace(
                        "4.2 million", "4.8 million"
                    ),  # a changed figure is the copy's
                    "An entirely new sentence about the town's harbour fees and ferry tickets.",
                ]
            ),
        )
    )
    own = [s.index for s in dedupe.own_sentences(copy, kept)]
    assert own == [2, 3]


def test_a_number_written_in_words_changed_makes_the_sentence_the_copys_own(monkeypatch):
    # issue 19, tenth session: an earlier wire version's "six others died later" (65 dead)
    # folded away into the update's "one other died later" (60 dead)
    kept = Article(
        id="k",
        text="Fire crews found 59 bodies in the hall, and one other victim died later in hospital. "
        "The cause of the fire was not known on Friday evening.",
    )
    copy = _split(
        Article(
            id="c",
            text="Fire crews found 59 bodies in the hall, and six other victims died later in "
            "hospital. The cause of the fire was not known on Friday evening.",
        )
    )
    monkeypatch.setattr(dedupe, "NUMBER_WORDS_DIFFER", True)
    assert [s.index for s in dedupe.own_sentences(copy, kept)] == [0]
    monkeypatch.setattr(dedupe, "NUMBER_WORDS_DIFFER", False)
    assert [s.index for s in dedupe.own_sentences(copy, kept)] == []
