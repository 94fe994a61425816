"""A folded copy carries only what it printed (issue 19, item 5, the other direction).

Dedupe folds an updated wire version or a cut reprint into the kept article; the copy used to
be credited with every sentence of the kept article. ``Duplicate.missing`` records the kept
sentences a copy does not print (``dedupe.missing_sentences``), and ``Story.carriers`` is the
one answer to "who printed this sentence" for the scorer (``evaluate.facts.sources_of``), the
reports (``report.fact_outlets``, the web matrix) and the coverage facts. Invented texts.
"""

from __future__ import annotations

import dataclasses

from factories import article, figure, group, quote, use_fake_encoder
from newsweave import dedupe, report
from newsweave.evaluate.facts import predicted_figures, predicted_quotes, sources_of
from newsweave.facts.coverage import carrier_outlets, outlet_coverage
from newsweave.model import SentenceRef, Story, WeaveResult
from newsweave.store import Store
from newsweave.web import pages

WIRE = [
    "PORT ELLISAR, May 4 (Nordic Wire) - The harbour authority of Port Ellisar closed the "
    "northern ferry terminal on Tuesday after divers found cracks in two loading ramps.",
    "Inspectors said the repairs would take at least three weeks and that ferries to the "
    "outer islands would dock at the fishing pier until then.",
    '"We will not reopen a ramp that might fail under a loaded truck," said harbour '
    "master Ilse Varrow, who ordered the closure early on Tuesday morning.",
    "The authority put the cost of the repairs at 4.2 million crowns, to be paid from its "
    "maintenance reserve rather than from new borrowing.",
    "Ferry operators warned that the fishing pier could handle only half of the usual "
    "summer traffic and asked passengers to book crossings in advance.",
    "The northern terminal was built in 1987 and was last renovated eleven years ago, "
    "according to the authority's annual report.",
]
QUOTE = "We will not reopen a ramp that might fail under a loaded truck,"
FIGURE = "4.2 million crowns"


def _copies():
    wire = article(WIRE, outlet="Nordic Wire", published="2026-05-04")
    # an update cut short: the quote and the cost paragraph are gone
    cut = article(
        [WIRE[0], WIRE[1], WIRE[4], WIRE[5]], outlet="Harbor Gazette", published="2026-05-04"
    )
    # a reprint with a copy editor's touch: one word of the quote changed, the rest printed
    edited = article(
        [WIRE[0], WIRE[1], WIRE[2].replace("loaded", "heavy"), *WIRE[3:]],
        outlet="Lakeside Courier",
        published="2026-05-05",
    )
    # an update that changed the cost: a different number is never the same sentence
    costed = article(
        [*WIRE[:3], WIRE[3].replace("4.2", "4.6"), *WIRE[4:]],
        outlet="Fjord Daily",
        published="2026-05-06",
    )
    return wire, cut, edited, costed


def _folded():
    wire, cut, edited, costed = _copies()
    (kept,) = dedupe.dedupe([wire, cut, edited, costed])
    return kept, (wire, cut, edited, costed)


def _story(kept, *others) -> Story:
    q = quote("Ilse Varrow", QUOTE, kept)
    f = figure(kept, FIGURE, 4.2e6, "crowns", measure="repair cost")
    return Story(
        id="sport0000001",
        headline="Ferry terminal closed",
        articles=(kept, *others),
        quotes=(q,),
        figures=(group("g1", "repair cost", f),),
    )


def test_dedupe_records_the_kept_sentences_a_copy_lacks():
    kept, (wire, cut, edited, costed) = _folded()
    assert kept.id == wire.id
    missing = {d.article_id: d.missing for d in kept.duplicates}
    assert missing[cut.id] == (2, 3)  # the quote and the cost paragraph
    assert missing[edited.id] == ()  # one word changed: still printed
    assert missing[costed.id] == (3,)  # 4.6 million, not 4.2 million
    assert [d.outlet for d in kept.carriers(2)] == [
        "Nordic Wire",
        "Lakeside Courier",
        "Fjord Daily",
    ]
    assert [d.outlet for d in kept.carriers(0)] == [
        "Nordic Wire",
        "Harbor Gazette",
        "Lakeside Courier",
        "Fjord Daily",
    ]


def test_a_copy_lacking_a_sentence_is_not_credited_with_its_quote_or_figure():
    kept, (wire, cut, edited, costed) = _folded()
    story = _story(kept)
    index = {wire.id: 0, cut.id: 1, edited.id: 2, costed.id: 3}
    assert {p["source"] for p in predicted_quotes(story, index)} == {0, 2, 3}
    assert {p["source"] for p in predicted_figures(story, index)} == {0, 2}
    # a sentence every copy printed is credited to all of them
    assert sources_of(SentenceRef(kept.id, 0), story, index) == {0, 1, 2, 3}


def test_copy_refolded_into_a_new_kept_article_keeps_what_it_lacks():
    wire, cut, edited, _ = _copies()
    (first,) = dedupe.dedupe([edited, cut])  # the cut copy folded into the reprint first
    assert first.id == edited.id
    (kept,) = dedupe.dedupe([first, wire])  # then the reprint into the wire it credits
    assert kept.id == wire.id
    missing = {d.article_id: d.missing for d in kept.duplicates}
    assert missing[cut.id] == (2, 3) and missing[edited.id] == ()


def test_store_round_trip_keeps_what_a_copy_lacks(tmp_path):
    kept, _ = _folded()
    story = _story(kept)
    with Store(tmp_path / "nw.db") as db:
        db.save_story(story)
        loaded = db.load_story(story.id)
        assert loaded == story
        assert {d.missing for d in loaded.articles[0].duplicates} == {(2, 3), (), (3,)}
        assert db.load_duplicates(kept.id) == kept.duplicates


def test_a_store_from_before_the_field_loads_copies_as_printing_everything(tmp_path):
    kept, _ = _folded()
    path = tmp_path / "old.db"
    with Store(path) as db:
        db.save_story(_story(kept))
        version = db.connection.execute("PRAGMA user_version").fetchone()[0]
        db.connection.execute("ALTER TABLE article_duplicates DROP COLUMN missing")
        db.connection.execute(f"PRAGMA user_version = {version - 1}")
        db.connection.commit()
    with Store(path) as db:  # the migration adds the column back with its default
        assert {d.missing for d in db.load_duplicates(kept.id)} == {()}


def test_report_names_only_the_outlets_that_printed_a_fact():
    kept, _ = _folded()
    story = _story(kept)
    numbers = report.source_numbers(story)
    (g,) = report.figures_view(story, numbers)
    assert g["members"][0]["outlet"] == "Nordic Wire, Lakeside Courier"
    ((q,),) = [grp["quotes"] for grp in report.quotes_view(story, numbers)]
    assert q["also"] == ["Lakeside Courier", "Fjord Daily"]
    md = report.story_markdown(story)
    quote_line = next(line for line in md.splitlines() if QUOTE[:20] in line)
    assert "Lakeside Courier" in quote_line and "Harbor Gazette" not in quote_line
    figure_row = next(line for line in md.splitlines() if FIGURE in line and "|" in line)
    assert "Lakeside Courier" in figure_row
    assert "Harbor Gazette" not in figure_row and "Fjord Daily" not in figure_row
    html = report.to_html(WeaveResult(stories=[story]))
    assert "also printed by Lakeside Courier, Fjord Daily" in html


def test_web_matrix_marks_a_copy_only_for_what_it_printed():
    kept, _ = _folded()
    story = _story(kept)
    numbers = report.source_numbers(story)
    views = {
        "entities": [],
        "quotes": report.quotes_view(story, numbers),
        "figures": report.figures_view(story, numbers),
        "timeline": [],
        "coverage": [],
    }
    matrix = pages.coverage_matrix(story, numbers, views)
    cols = matrix["columns"]
    assert set(cols) == {"Nordic Wire", "Harbor Gazette", "Lakeside Courier", "Fjord Daily"}
    by_kind = {r["kind"]: dict(zip(cols, r["cells"], strict=True)) for r in matrix["rows"]}
    assert by_kind["quote"] == {
        "Nordic Wire": True,
        "Harbor Gazette": False,
        "Lakeside Courier": True,
        "Fjord Daily": True,
    }
    assert by_kind["figure"] == {
        "Nordic Wire": True,
        "Harbor Gazette": False,
        "Lakeside Courier": True,
        "Fjord Daily": False,
    }


def test_only_in_one_outlet_counts_the_copies_that_printed_a_sentence(monkeypatch):
    use_fake_encoder(monkeypatch)
    wire = article(WIRE, outlet="Nordic Wire")
    cut = article([WIRE[0], WIRE[1], WIRE[4], WIRE[5]], outlet="Harbor Gazette")
    (kept,) = dedupe.dedupe([wire, cut])
    other = article(
        [
            "Tourists on the outer islands queued for hours at an unfamiliar pier "
            "while gulls circled the idle cranes."
        ],
        outlet="Valley Post",
    )
    story = Story(id="sport0000002", headline="Ferry", articles=(kept, other))
    assert carrier_outlets(story, SentenceRef(kept.id, 1)) == {"Nordic Wire", "Harbor Gazette"}
    assert carrier_outlets(story, SentenceRef(kept.id, 2)) == {"Nordic Wire"}
    cover = {c.outlet: c for c in outlet_coverage(story)}
    only_wire = {f.ref.sentence_index for f in cover["Nordic Wire"].facts}
    assert 2 in only_wire  # the cut copy lacks it: only the wire printed it
    assert not only_wire & {0, 1}  # the reprint printed the first two sentences too
    # with no record of what the copy lacks, the reprint printed everything
    bare = dataclasses.replace(
        kept, duplicates=tuple(dataclasses.replace(d, missing=()) for d in kept.duplicates)
    )
    story = dataclasses.replace(story, articles=(bare, other))
    assert not {f.ref.sentence_index for f in outlet_coverage(story)[0].facts} & {0, 1, 2}
