"""Regression tests for issue 19 ("nothing shown that is wrong"): a quote merged across
outlets keeps its fullest text, but every outlet is cited only for the words it printed.

Two invented outlets carry the same quote by the same speaker, one only its first half. The
merged quote, the JSON report, the Markdown and HTML reports, the web story page and the
store must never attribute the longer words to the outlet that printed the shorter ones.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from factories import article, span
from newsweave import report
from newsweave.facts.quotes import merge_quotes, part_of, same_words, words_printed
from newsweave.model import (
    Quote,
    QuotedWords,
    SentenceRef,
    Story,
    WeaveResult,
    from_dict,
    to_dict,
)
from newsweave.store import Store

FULL = "We will rebuild the old pier and open a ferry terminal by spring"
SHORT = "We will rebuild the old pier"

# outlet A printed only the first half; outlet B the whole quote
SHORT_ART = article(
    [
        "Velmora is closing its harbour for a year.",
        f'"{SHORT}," harbour master Dana Okafor said on Monday.',
    ],
    outlet="Tidewater Post",
    title="Velmora harbour to close",
)
FULL_ART = article(
    [
        "The harbour of Velmora will close for repairs.",
        f'"{FULL}," said Dana Okafor, the harbour master.',
    ],
    outlet="Coastline Daily",
    title="Velmora harbour shuts for repairs",
)


def _raw(a, text, speaker="Dana Okafor"):
    """One article's quotation as the extractor hands it to merge_quotes."""
    r = span(a, text)
    q = Quote(
        speaker,
        text,
        r,
        sources=(SentenceRef(a.id, r.sentence_index),),
        article_ids=(a.id,),
        verb="said",
    )
    return q, "n:okafor"


def _merged(first=SHORT_ART, second=FULL_ART) -> Quote:
    texts = {SHORT_ART.id: SHORT, FULL_ART.id: FULL}
    raw = [(i, *_raw(a, texts[a.id])) for i, a in enumerate((first, second))]
    (q,) = merge_quotes(raw)
    return q


def _story(q: Quote) -> Story:
    return Story(
        id="sharbour", headline="Velmora harbour", articles=(SHORT_ART, FULL_ART), quotes=(q,)
    )


def _old_style(q: Quote) -> Quote:
    """The quote as newsweave stored it before issue 19's fix: the fullest text, ``ref`` at
    the first outlet's (shorter) words, no ``source_words``."""
    return dataclasses.replace(q, ref=span(SHORT_ART, SHORT), source_words=())


# ------------------------------------------------------------------------------ merge


@pytest.mark.parametrize("order", ["short first", "full first"])
def test_merged_quote_keeps_each_outlets_own_words(order):
    q = _merged(*((SHORT_ART, FULL_ART) if order == "short first" else (FULL_ART, SHORT_ART)))
    assert q.text == FULL
    # the fullest text is cited where it was printed, never at the shorter outlet
    assert q.ref.article_id == FULL_ART.id
    assert FULL_ART.text[q.ref.start : q.ref.end] == FULL
    assert len(q.source_words) == len(q.sources) == 2
    for src, words in zip(q.sources, q.source_words, strict=True):
        assert words.ref.article_id == src.article_id
        assert words.ref.sentence_index == src.sentence_index
        art = SHORT_ART if src.article_id == SHORT_ART.id else FULL_ART
        assert art.text[words.ref.start : words.ref.end] == words.text  # an exact span
    assert q.words_of(SHORT_ART.id).text == SHORT
    assert q.words_of(FULL_ART.id).text == FULL
    assert q.words_of("nope") is None


def test_the_merged_quotes_attribution_comes_from_where_its_text_was_printed():
    short, _ = _raw(SHORT_ART, SHORT)
    full, _ = _raw(FULL_ART, FULL)
    raw = [(0, dataclasses.replace(short, verb="told"), "k"), (1, full, "k")]
    (q,) = merge_quotes(raw)
    assert (q.text, q.ref.article_id, q.verb) == (FULL, FULL_ART.id, "said")


def test_same_words_and_part_of():
    assert same_words("We will rebuild the old pier", "we will REBUILD the old pier.")
    assert same_words("It\u2019s done", "It's done")
    assert not same_words("", "")
    assert not same_words(SHORT, FULL)
    assert part_of(SHORT, FULL) and not part_of(FULL, SHORT)
    assert not part_of("pier the old", FULL)


# ------------------------------------------------------------------------------ reports


def _cited_for(view_quote: dict) -> set[int]:
    return {r["n"] for r in view_quote["refs"]}


def test_quotes_view_cites_the_short_outlet_only_for_its_words():
    story = _story(_merged())
    numbers = report.source_numbers(story)
    (g,) = report.quotes_view(story, numbers)
    (vq,) = g["quotes"]
    assert vq["text"] == FULL
    assert _cited_for(vq) == {numbers[FULL_ART.id]}  # was {1, 2}: the bug
    (other,) = vq["others"]
    assert other["text"] == SHORT and other["part"] is True
    assert other["outlets"] == "Tidewater Post"
    assert {r["n"] for r in other["refs"]} == {numbers[SHORT_ART.id]}
    assert {r["n"] for r in vq["all_refs"]} == set(numbers.values())


def test_markdown_never_puts_the_short_outlets_number_after_the_full_text():
    md = report.story_markdown(_story(_merged()))
    n_short = report.source_numbers(_story(_merged()))[SHORT_ART.id]
    full_line = next(line for line in md.splitlines() if f"“{FULL}”" in line)
    assert f"[{n_short}]" not in full_line
    assert f"- [{n_short}] Tidewater Post printed only part: “{SHORT}”" in md


def test_json_report_records_each_outlets_words():
    story = _story(_merged())
    (jq,) = report.story_dict(story)["quotes"]
    # the existing keys keep their meaning: the fullest text at the outlet that printed it
    assert jq["text"] == FULL and jq["article_id"] == FULL_ART.id
    assert FULL_ART.text[jq["start"] : jq["end"]] == FULL
    assert jq["sources"] == [[SHORT_ART.id, 1], [FULL_ART.id, 1]]
    texts = {a.id: a.text for a in story.articles}
    printed = {w["article_id"]: w["text"] for w in jq["source_words"]}
    assert printed == {SHORT_ART.id: SHORT, FULL_ART.id: FULL}
    for w in jq["source_words"]:
        assert texts[w["article_id"]][w["start"] : w["end"]] == w["text"]
    # and the JSON reads back into the same quote
    assert from_dict(Quote, jq) == story.quotes[0]
    assert from_dict(Story, to_dict(story)) == story


def _li_of(html: str, text: str) -> str:
    """The <li> of the quote ``text`` up to where its list of other versions starts."""
    m = re.search(
        r"<li>“" + re.escape(text) + r"”(.*?)(?:<ul class=\"versions\">|</li>)", html, re.S
    )
    assert m, text
    return m.group(1)


def _cites(fragment: str) -> set[int]:
    return {int(n) for n in re.findall(r'class="cite"[^>]*>\[(\d+)\]', fragment)}


def test_html_report_cites_the_short_outlet_with_its_own_words():
    story = _story(_merged())
    numbers = report.source_numbers(story)
    html = report.to_html(WeaveResult([story], []))
    assert _cites(_li_of(html, FULL)) == {numbers[FULL_ART.id]}
    versions = html.split('<ul class="versions">', 1)[1].split("</ul>", 1)[0]
    assert f"“{SHORT}”" in versions and "Tidewater Post" in versions
    assert _cites(versions) == {numbers[SHORT_ART.id]}


def test_web_story_page_cites_the_short_outlet_with_its_own_words(tmp_path):
    from fastapi.testclient import TestClient

    from newsweave import web

    story = _story(_merged())
    path = tmp_path / "nw.db"
    with Store(path) as s:
        s.save_story(story)
    with TestClient(web.create_app(path)) as c:
        html = c.get(f"/stories/{story.id}").text
    quotes = html.split('id="quotes"', 1)[1].split("</section>", 1)[0]
    full = _li_of(quotes, FULL)
    assert _cites(full) == {1 + [a.id for a in story.articles].index(FULL_ART.id)}
    versions = quotes.split('<ul class="versions">', 1)[1].split("</ul>", 1)[0]
    assert f"“{SHORT}”" in versions and "only part" in versions
    assert _cites(versions) == {1 + [a.id for a in story.articles].index(SHORT_ART.id)}


def test_the_same_words_from_every_outlet_are_one_line_with_every_citation():
    radio = article([f'"{FULL}," Dana Okafor said.'], outlet="Harbour FM")
    (q,) = merge_quotes([(0, *_raw(FULL_ART, FULL)), (1, *_raw(radio, FULL))])
    story = Story(id="s", headline="h", articles=(FULL_ART, radio), quotes=(q,))
    (vq,) = report.quotes_view(story, report.source_numbers(story))[0]["quotes"]
    assert _cited_for(vq) == {1, 2} and vq["others"] == []


# ------------------------------------------------------------------------------ store


def test_store_round_trip_keeps_each_outlets_words(tmp_path):
    story = _story(_merged())
    with Store(tmp_path / "nw.db") as s:
        s.save_story(story)
        loaded = s.load_story(story.id)
    assert loaded == story
    assert loaded.quotes[0].source_words == story.quotes[0].source_words


def test_a_quote_stored_before_source_words_still_loads_and_is_shown_truthfully(tmp_path):
    """A story stored by an older newsweave (quote row without ``source_words``, ``ref``
    at the first outlet's shorter words) loads, and its reports find each outlet's words
    again instead of citing the short outlet for the fullest text."""
    old = _old_style(_merged())
    story = _story(old)
    with Store(tmp_path / "nw.db") as s:
        s.save_story(story)
        row = json.loads(
            s.connection.execute("SELECT json FROM story_facts WHERE kind = 'quotes'").fetchone()[0]
        )
        row.pop("source_words")  # exactly as an older newsweave wrote it
        with s.connection:
            s.connection.execute(
                "UPDATE story_facts SET json = ? WHERE kind = 'quotes'", (json.dumps(row),)
            )
        loaded = s.load_story(story.id)
    assert loaded == story and loaded.quotes[0].source_words == ()
    found = words_printed(loaded.quotes[0], loaded)
    assert [w.text for w in found] == [SHORT, FULL]
    for w in found:
        art = loaded.article(w.ref.article_id)
        assert art.text[w.ref.start : w.ref.end].rstrip(",") == w.text
    numbers = report.source_numbers(loaded)
    (vq,) = report.quotes_view(loaded, numbers)[0]["quotes"]
    assert vq["text"] == FULL and _cited_for(vq) == {numbers[FULL_ART.id]}
    assert [o["text"] for o in vq["others"]] == [SHORT]
    (jq,) = report.story_dict(loaded)["quotes"]
    assert {w["article_id"]: w["text"] for w in jq["source_words"]} == {
        SHORT_ART.id: SHORT,
        FULL_ART.id: FULL,
    }


def test_an_old_quote_whose_words_cannot_be_found_again_is_not_cited_for_the_text():
    old = _old_style(_merged())
    moved = article(
        ["Velmora is closing its harbour for a year.", "Dana Okafor said nothing more on Monday."],
        SHORT_ART.id,
        outlet="Tidewater Post",
    )
    story = Story(
        id="s",
        headline="h",
        articles=(moved, FULL_ART),
        quotes=(dataclasses.replace(old, ref=span(FULL_ART, FULL)),),
    )
    (vq,) = report.quotes_view(story, report.source_numbers(story))[0]["quotes"]
    assert _cited_for(vq) == {2}
    (other,) = vq["others"]
    assert other["text"] == "" and {r["n"] for r in other["refs"]} == {1}
    assert "its words were not found again" in report.story_markdown(story)


def test_quoted_words_are_written_like_a_mention():
    w = QuotedWords(SentenceRef("a1", 2, 10, 20), "some words")
    assert to_dict(w) == {
        "article_id": "a1",
        "sentence_index": 2,
        "text": "some words",
        "start": 10,
        "end": 20,
    }
    assert from_dict(QuotedWords, to_dict(w)) == w


def test_extracted_quotes_of_two_outlets_cite_each_for_its_own_words():
    """End to end through the extractor (spaCy): the shorter outlet listed first."""
    from newsweave.facts.entities import extract_entities
    from newsweave.facts.quotes import extract_quotes
    from newsweave.nlp import parse, split_sentences

    arts = split_sentences([SHORT_ART, FULL_ART])
    story = Story(id="s", headline="h", articles=tuple(arts))
    docs = parse([a.text for a in arts])
    quotes = extract_quotes(story, docs, extract_entities(story, docs))
    (q,) = [q for q in quotes if q.speaker == "Dana Okafor"]
    assert q.text == FULL and q.ref.article_id == FULL_ART.id
    assert [w.text for w in q.source_words] == [SHORT, FULL]
    story = dataclasses.replace(story, quotes=(q,))
    md = report.story_markdown(story)
    assert f"“{FULL}” [2]" in md and f"[1] Tidewater Post printed only part: “{SHORT}”" in md
