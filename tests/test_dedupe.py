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
    "\"Nobody in this town wanted to see the north pier fenced off, but the engineers left us "
    "no choice,\" she said.",
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
            Article(id=f"wire{i}", text=text, title=HEADLINES[i], outlet=OUTLETS[i],
                    source=f"feed/{i}.txt", published=f"2026-03-0{i + 1}")
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
        Article(id=c.id, text=c.text, title=c.title, outlet=c.outlet, source=c.source,
                group="g1" if i < 2 else ("g2" if i < 4 else None))
        for i, c in enumerate(copies)
    ]
    kept = dedupe.dedupe(grouped)
    groups = sorted((a.group, len(dedupe.sources_of(a))) for a in kept)
    # g1's two copies fold together, g2's two (plus the ungrouped one) fold together
    assert groups == [("g1", 2), ("g2", 3)] or groups == [("g1", 3), ("g2", 2)]


def test_kept_copy_is_the_most_complete():
    copies = wire_copies()
    short = Article(id="short", text="\n\n".join(WIRE_BODY[:4]), title="Short", outlet="Brief",
                    source="s")
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
