"""Timeline: date expressions resolved against the publication date, merged and ordered."""

from __future__ import annotations

import re

import numpy as np
import pytest

from newsweave.facts.timeline import _sort_key, extract_timeline, find_dates
from newsweave.model import Article, Sentence

PUB = "2018-05-24"  # a Thursday


def dates(sentence, published=PUB):
    return [(d, rel) for d, rel, _ in find_dates(sentence, published)]


def test_explicit_dates():
    assert dates("In this Jan. 14, 2013 file photo") == [("2013-01-14", False)]
    assert dates("It happened on 3 May 2018 in Beijing.") == [("2018-05-03", False)]
    assert dates("The filing is dated 2017-11-02.") == [("2017-11-02", False)]
    assert dates("The company was founded in March 2017.") == [("2017-03", False)]
    assert dates("Sales fell in 2015 after the crash.") == [("2015", False)]


def test_relative_dates_resolve_against_publication_date():
    assert dates("Beijing struck a defiant note on Monday.") == [("2018-05-21", False)]
    assert dates("The update was released yesterday.") == [("2018-05-23", False)]
    assert dates("It paid $1.19 billion last year.") == [("2017", False)]
    assert dates("It launched three years ago.") == [("2015", False)]
    assert dates("The talks resumed last month.") == [("2018-04", False)]
    # future tense: the next such weekday
    assert dates("Tariffs will rise on Friday.") == [("2018-05-25", False)]
    # a day and month without a year, after the publication month: last year's
    assert dates("Update, November 11: adds a statement.") == [("2017-11-11", False)]


def test_mixed_granularities_sort_by_when_they_start():
    a = art(
        "a",
        "Sales fell on Monday.\nLosses grew in the first half of the year.\n"
        "Results come in the first quarter of 2019.\nWorks start this summer.",
    )
    events = extract_timeline([a])
    assert [e.date for e in events] == ["2018-H1", "2018-05-21", "2018-SU", "2019-Q1"]


def test_without_publication_date_relative_dates_stay_relative():
    assert dates("Beijing struck a defiant note on Thursday.", None) == [("Thursday", True)]
    assert dates("It paid $1.19 billion last year.", None) == [("last year", True)]
    # explicit dates need no publication date
    assert dates("On May 3, 2018 talks began.", None) == [("2018-05-03", False)]


def test_names_and_plain_numbers_are_not_dates():
    assert dates("The Made in China 2025 plan calls for it.") == []
    assert dates("It may be too late.") == []
    assert dates("Sales reached 2,018 units.") == []


def art(aid, text, published=PUB):
    sents, pos = [], 0
    for i, s in enumerate(text.split("\n")):
        sents.append(Sentence(index=i, text=s, start=pos, end=pos + len(s)))
        pos += len(s) + 1
    return Article(id=aid, text=text, published=published, sentences=tuple(sents))


def test_events_are_ordered_merged_across_outlets_and_relative_last():
    a = art("a", "Talks began on May 3, 2018 in Beijing.\nZTE paid a fine in 2017.")
    b = art("b", "Talks began on May 3, 2018 in Beijing.\nThe deal came on Thursday.")
    c = art("c", "Officials met on Friday.", published=None)
    events = extract_timeline([a, b, c])
    assert [e.date for e in events] == ["2017", "2018-05-03", "2018-05-24", "Friday"]
    talks = events[1]
    assert {s.article_id for s in talks.sources} == {"a", "b"}
    assert events[-1].relative and not any(e.relative for e in events[:-1])


def test_similar_sentences_merge_by_embedding():
    a = art("a", "Talks began on May 3, 2018 in Beijing.")
    b = art("b", "Negotiators started talking in Beijing on May 3, 2018.")
    v = np.ones(4, dtype=np.float32) / 2
    events = extract_timeline([a, b], {("a", 0): v, ("b", 0): v})
    assert len(events) == 1 and len(events[0].sources) == 2
    w = np.array([1, 0, 0, 0], dtype=np.float32)
    events = extract_timeline([a, b], {("a", 0): v, ("b", 0): w})
    assert len(events) == 2


def test_same_event_with_different_dates_keeps_both_marked():
    a = art("a", "The bridge was closed on Tuesday after inspectors found cracks.")
    b = art("b", "The bridge was closed on Wednesday after inspectors found cracks.")
    v = np.ones(4, dtype=np.float32) / 2
    events = extract_timeline([a, b], {("a", 0): v, ("b", 0): v})
    assert [(e.date, e.other_dates) for e in events] == [
        ("2018-05-22", ("2018-05-23",)),
        ("2018-05-23", ("2018-05-22",)),
    ]
    # unrelated sentences are not marked
    w = np.array([1, 0, 0, 0], dtype=np.float32)
    events = extract_timeline([a, b], {("a", 0): v, ("b", 0): w})
    assert all(not e.other_dates for e in events)


# --------------------------------------------------------------------------- bundled examples
EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "examples"

# (outlet, words of the sentence, expected date), each checked by reading the example texts:
# Northgate Herald, Meridian Post and Coastline Daily are dated Wednesday 2025-03-05; the
# Harbour Gazette and the Evening Star Wednesday 2025-06-11; the Nordic Wire Tuesday 2025-06-10.
EXPECTED = {
    "kestrel-air-pilot-strike": [
        ("Northgate Herald", "guild president Marta Okonjo said on Tuesday", "2025-03-04"),
        ("Northgate Herald", "pilots walked off the job on Tuesday", "2025-03-04"),
        ("Northgate Herald", "It is due to end at midnight on Wednesday", "2025-03-05"),
        (
            "Northgate Herald",
            "The airline plans to run about 40 flights on Wednesday",
            "2025-03-05",
        ),
        ("Northgate Herald", "profit of 14 million euros last year", "2024"),
        ("The Meridian Post", "a longer strike could follow in April", "2025-04"),
        ("The Meridian Post", "after talks over pay collapsed late on Monday", "2025-03-03"),
        ("The Meridian Post", "she said on Tuesday evening", "2025-03-04"),
        (
            "The Meridian Post",
            "would run a reduced schedule of about 40 flights on Wednesday",
            "2025-03-05",
        ),
        ("Coastline Daily", "stranded across the region on Tuesday", "2025-03-04"),
    ],
    "velmora-bridge-closure": [
        ("The Harbour Gazette", "she said on Tuesday", "2025-06-10"),
        ("The Harbour Gazette", "The council meets in emergency session on Friday", "2025-06-13"),
        ("The Harbour Gazette", "found the cracks on Monday", "2025-06-09"),
        ("The Harbour Gazette", "harbour crossing from Thursday", "2025-06-12"),
        ("The Harbour Gazette", "spent Wednesday morning in traffic jams", "2025-06-11"),
        ("Velmora Evening Star", "would hold an emergency session on Friday", "2025-06-13"),
        (
            "Velmora Evening Star",
            "closed its Old Harbour Bridge to all traffic on Tuesday",
            "2025-06-10",
        ),
        (
            "Nordic Wire Service",
            "closed its Old Harbour Bridge to all traffic on Tuesday",
            "2025-06-10",
        ),
        ("Nordic Wire Service", "will hold an emergency session on Friday", "2025-06-13"),
    ],
    # BioLedger is dated Tuesday 2025-09-16, Financial Compass and The Science Desk Wednesday
    # 2025-09-17
    "lumenara-trial-pause": [
        ("BioLedger", "Lumenara Therapeutics said on Tuesday", "2025-09-16"),
        ("BioLedger", "fell 31 percent on Tuesday", "2025-09-16"),
        ("BioLedger", "in a share sale last year", "2024"),
        ("BioLedger", "expected in the first quarter of 2026", "2026-Q1"),
        ("Financial Compass", "fell 31% on Tuesday", "2025-09-16"),
        # Monday is the day of the compared price, not of the close (COMPARED_NOT_EVENT)
        ("Financial Compass", "down from 26.70 dollars on Monday", None),
        ("Financial Compass", "told analysts on Tuesday", "2025-09-16"),
        ("Financial Compass", "net loss of $92 million in the first half of the year", "2025-H1"),
        ("Financial Compass", "from investors last year", "2024"),
        ("The Science Desk", "researchers said on Wednesday", "2025-09-17"),
        ("The Science Desk", "she said on Tuesday", "2025-09-16"),
        ("The Science Desk", "published in 2023", "2023"),
    ],
}


def _example_timeline(name):
    from newsweave import nlp
    from newsweave.ingest import load_articles

    articles, _ = load_articles([EXAMPLES / name])
    docs = nlp.parse([a.text for a in articles], full=False)
    articles = nlp.split_sentences(articles, docs)
    return articles, extract_timeline(articles, None, docs)


def test_bundled_examples_weekdays_and_relative_dates_are_right():
    for name, expected in EXPECTED.items():
        articles, events = _example_timeline(name)
        outlet = {a.id: a.outlet for a in articles}
        texts = {(a.id, s.index): s.text for a in articles for s in a.sentences}
        dated = [
            (outlet[c.article_id], texts[(c.article_id, c.sentence_index)], e.date)
            for e in events
            for c in e.sources
        ]
        for who, words, when in expected:
            got = [d for o, t, d in dated if o == who and words in t]
            assert got == ([when] if when else []), (name, who, words, got)
        # no dateline, byline or quote fragment is an event
        assert not any(e.expression.startswith("June 10") for e in events)
        assert not any(t.lstrip().startswith(("VELMORA,", "By ")) for _, t, _ in dated)
        assert not any("Today I sold" in t for _, t, _ in dated)
        # a name is not a month ("Dr. Leila Marchetti")
        assert not any("Marchetti" in t for _, t, _ in dated)
        # events in the order they start: a half-year or quarter among the days, not after
        starts = [_sort_key(e.date)[0] for e in events if not e.relative]
        assert starts == sorted(starts), name


def test_example_without_publication_date_keeps_expressions_relative():
    import dataclasses

    articles, _ = _example_timeline("velmora-bridge-closure")
    for published in (None, "not a date", "2025-13-45"):
        undated = [dataclasses.replace(a, published=published) for a in articles]
        events = extract_timeline(undated)
        friday = [e for e in events if e.expression == "Friday"]
        assert friday and all(e.relative and e.date == "Friday" for e in friday)
        assert any(e.date == "2021" and not e.relative for e in events)


def test_malformed_dates_never_stop_the_timeline():
    odd = (
        "It happened on February 30, 2025, on 31/31/2025 and on 2025-13-45.\n"
        "The plant closed on Monday."
    )
    for published in ("2025-02-30", "2025-13-45T25:61", "yesterday", "", None, "0000-00-00"):
        events = extract_timeline([art("a", odd, published=published)])
        monday = [e for e in events if e.expression == "Monday"]
        assert monday and all(e.relative and e.date == "Monday" for e in monday), published
        assert not any(e.date.startswith("2025-02-30") for e in events)


def test_photo_captions_are_not_events():
    """A caption dates a picture (often a file photo years old), not an event of the story."""
    text = "\n".join(
        [
            "FILE - In this Jan. 28, 2014, file photo, the union leader speaks in Chicago.",
            "In this Saturday, July 1, 2017, photo, people line up outside a shop in Denver.",
            "Sales have exceeded the owners' expectations since July 1, who have... (Associated "
            "Press)",
            "The mayor spoke on March 3, 2015 at the bridge. (AP Photo/Jane Doe)",
            "The council voted on Tuesday to close the bridge.",
        ]
    )
    events = extract_timeline([art("a", text)])
    assert [e.date for e in events] == ["2018-05-22"]
    # the same sentences with no caption marks are events
    plain = "\n".join(
        [
            "On Jan. 28, 2014, the union leader spoke in Chicago.",
            "The mayor spoke on March 3, 2015 at the bridge.",
        ]
    )
    assert [e.date for e in extract_timeline([art("b", plain)])] == ["2014-01-28", "2015-03-03"]


def test_a_dateline_is_not_part_of_the_event_text():
    a = art(
        "a",
        "VELMORA, June 10 (Nordic Wire Service) - The council closed the bridge on "
        "Tuesday.\nIt will meet on Friday.",
        published="2025-06-10",
    )
    events = extract_timeline([a])
    assert events[0].text == "The council closed the bridge on Tuesday."
    assert events[0].date == "2025-06-10"


def test_a_dateline_on_a_line_of_its_own_anchors_the_days_after_it():
    # the day of the dateline (nlp.DATELINE's "day"), not the publication day, is "yesterday"'s
    # anchor; the dateline with a region ("ST. OVEN, Minn.,") and alone on its line is one
    a = art(
        "a",
        "ST. OVEN, Minn., May 3 (AP) --\nThe council closed the bridge yesterday.",
        published="2018-05-07",
    )
    events = extract_timeline([a])
    assert [(e.date, e.text) for e in events] == [
        ("2018-05-02", "The council closed the bridge yesterday.")
    ]


def test_a_dash_within_a_paragraph_is_no_dateline():
    text = "The mayor spoke on Monday. TALLAVIK - The town's name was painted on Tuesday."
    a = Article(
        id="a",
        text=text,
        published=PUB,
        sentences=(
            Sentence(index=0, text=text[:26], start=0, end=26),
            Sentence(index=1, text=text[27:], start=27, end=len(text)),
        ),
    )
    assert [e.text for e in extract_timeline([a])] == [text[:26], text[27:]]


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_only_the_events_told_with_another_date_are_marked():
    a = art("a", "The bridge was closed on Tuesday after inspectors found cracks.")
    b = art("b", "The bridge was closed on Wednesday after inspectors found cracks.")
    c = art("c", "The mayor opened a new library on Wednesday.")
    v, w = _unit(1, 1, 1, 1), _unit(1, 0, 0, 0)
    events = extract_timeline([a, b, c], {("a", 0): v, ("b", 0): v, ("c", 0): w})
    marked = {e.text: e.other_dates for e in events}
    assert marked[c.text] == ()  # dated Wednesday too, but another event
    assert marked[a.text] == ("2018-05-23",) and marked[b.text] == ("2018-05-22",)


def test_a_date_disagreement_needs_a_closer_pair_than_a_merge():
    a = art("a", "The airline carried 6 million passengers in 2024.")
    b = art("b", "The airline expects to run 40 flights on Wednesday.")
    for cosine, marked in ((0.75, False), (0.9, True)):
        v = _unit(1, 0)
        w = np.array([cosine, np.sqrt(1 - cosine**2)], dtype=np.float32)
        events = extract_timeline([a, b], {("a", 0): v, ("b", 0): w})
        assert len(events) == 2
        assert all(bool(e.other_dates) == marked for e in events), (cosine, events)


def test_a_sentence_naming_the_other_date_does_not_disagree_with_it():
    a = art("a", "The company paused the trial on Tuesday.")
    b = art("b", "Researchers said on Wednesday that the trial's pause on Tuesday is a setback.")
    v = _unit(1, 1)
    events = extract_timeline([a, b], {("a", 0): v, ("b", 0): v})
    assert [(e.date, e.other_dates) for e in events] == [("2018-05-22", ()), ("2018-05-23", ())]


@pytest.mark.parametrize(
    "text, named",
    [
        ("The tariffs would hit at the heart of Made in China 2025, the blueprint.", True),
        ("Officials praised Saudi Vision 2030 again.", True),
        ("Sales in March 2025 rose.", False),
        ("Apple's 2010 revenue rose.", False),
        ("Windows 2000 crashed.", False),  # opens the sentence: any capitalised word does
        ("It fell in 2019.", False),
    ],
)
def test_a_year_inside_a_name_is_told_apart(text, named):
    from newsweave.timex import year_in_name

    m = re.search(r"(?:19|20)\d\d", text)
    assert year_in_name(text, m.start(), m.end()) is named


def test_a_year_naming_a_plan_dates_no_event():
    a = art(
        "a",
        "The tariffs would hit at the heart of Made in China 2025, the blueprint.\n"
        "The plan was launched in 2015 by the cabinet.",
    )
    assert [e.date for e in extract_timeline([a])] == ["2015"]


# Regression (issue 19, eighth session; seed story): "the ceasefire agreed on the weekend of May
# 19-20" was dated "the weekend", not by the date that names the weekend.
def test_a_period_named_by_a_date_is_dated_by_that_date(monkeypatch):
    from newsweave.facts import timeline

    text = "The ceasefire agreed on the weekend of May 19-20 will only be temporary."
    a = art("a", text)
    assert [e.date for e in extract_timeline([a])] == ["2018-05-19"]
    undated = Article(id="u", text=text, sentences=(Sentence(0, text, 0, len(text)),))
    assert [e.date for e in extract_timeline([undated])] == ["May 19-20"]
    monkeypatch.setattr(timeline, "PERIOD_OF_A_DATE", False)
    assert [e.date for e in extract_timeline([undated])] == ["the weekend"]


# Regression (issue 19, ninth session; a reader's check of every dated timeline entry of the
# bundled examples): "It is the first walkout since the airline was founded in 2006" was listed
# under 2006 (the starting point of a comparison), and "The stock closed at 18.40 dollars, down
# from 26.70 dollars on Monday" under Monday (the day of the number it is compared with).
def test_a_since_clause_dates_no_event(monkeypatch):
    from newsweave.facts import timeline

    a = art(
        "a",
        "It is the first walkout by the pilots since the airline was founded in 2006.\n"
        "The bridge has been closed since Monday.\n"
        "Shares fell 31 percent, the steepest drop since the company listed in 2020.",
    )
    assert [e.date for e in extract_timeline([a])] == ["2018-05-21"]
    monkeypatch.setattr(timeline, "SINCE_CLAUSE_NOT_EVENT", False)
    assert [e.date for e in extract_timeline([a])] == ["2006", "2018-05-21", "2020"]


def test_the_time_of_a_compared_number_dates_no_event(monkeypatch):
    from newsweave.facts import timeline

    a = art(
        "a",
        "The stock closed at 18.40 dollars, down from 26.70 dollars on Monday.\n"
        "Shares fell 6 percent on Tuesday.",
    )
    assert [e.date for e in extract_timeline([a])] == ["2018-05-22"]
    monkeypatch.setattr(timeline, "COMPARED_NOT_EVENT", False)
    assert [e.date for e in extract_timeline([a])] == ["2018-05-21", "2018-05-22"]


# Regression (issue 19, tenth session; a reader's check of a seeded sample of timeline entries
# of the gold stories): a sentence whose main verb has no time was dated by a time inside a
# relative or participle clause on one of its objects ("... related to the nondisclosure
# agreement signed in October 2016", "have not confirmed that they received the video posted
# Tuesday"): that time dates the noun, not the sentence's event.
def test_a_clause_on_an_object_dates_no_event(monkeypatch):
    from newsweave import nlp
    from newsweave.facts import timeline

    a = art(
        "a",
        "Police have not confirmed that they received the video posted on Tuesday.\n"
        "The council hired a firm that inspected the bridge in 2021.\n"
        "In a study published in 2023, patients lost weight.\n"
        "Harwick was the first town to be flooded in Marlow this year.",
    )
    docs = nlp.parse([a.text])
    assert [e.date for e in extract_timeline([a], None, docs)] == ["2018", "2023"]
    monkeypatch.setattr(timeline, "CLAUSE_ON_A_NOUN_NOT_EVENT", False)
    assert [e.date for e in extract_timeline([a], None, docs)] == [
        "2018",
        "2018-05-22",
        "2021",
        "2023",
    ]
