"""Sentence splitting never cuts inside a quotation (issue 19, item 2).

The property tests drive :func:`newsweave.nlp.merge_quoted_spans` with a stand-in splitter
that cuts at random spaces (as a parser may), so they need no model; the example tests use
the real spaCy splitter through :func:`newsweave.nlp.split_sentences`.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.nlp import merge_quoted_spans, quotation_spans

WORDS = st.sampled_from(
    [
        "the",
        "minister",
        "said",
        "Parents",
        "trust",
        "us",
        "it",
        "was",
        "a",
        "plan",
        "We",
        "failed",
        "9",
        "U.S.",
        "Mr.",
        "iPhone",
    ]
)
ENDS = st.sampled_from([".", ",", "?", "!", ":", ";", " \u2014", ""])


@st.composite
def clause(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=6))
    return " ".join(words) + draw(ENDS)


@st.composite
def paragraph(draw, curly: bool):
    """A paragraph of plain clauses and quotations, its marks always pairing up."""
    opening, closing = ("\u201c", "\u201d") if curly else ('"', '"')
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            inner = " ".join(draw(st.lists(clause(), min_size=1, max_size=4)))
            parts.append(opening + inner + closing + draw(ENDS))
        else:
            parts.append(draw(clause()))
    return " ".join(parts)


@st.composite
def text_and_spans(draw, curly: bool = False):
    paras = draw(st.lists(paragraph(curly), min_size=1, max_size=4))
    text = draw(st.sampled_from(["\n", "\n\n"])).join(paras)
    # a parser's sentences: cut at some spaces, never across a line break, then strip
    cuts = sorted(
        draw(st.sets(st.sampled_from([m.start() for m in re.finditer(" ", text)] or [0])))
    )
    bounds = sorted({0, len(text), *cuts, *(m.start() for m in re.finditer("\n", text))})
    spans = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return text, spans


def _covered(text, spans):
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def _check_contract(text, before, after):
    assert after == sorted(after)
    for (_s, e), (s2, _e2) in zip(after, after[1:], strict=False):
        assert e <= s2  # no overlap
    for s, e in after:
        sent = text[s:e]
        assert sent and sent == sent.strip()  # a slice of the text: the citation contract
        assert any(c.isalnum() for c in sent)  # never a lone quotation mark
    # every letter and digit the parser's sentences covered is still covered
    assert _covered(text, before) == _covered(text, after)


@settings(max_examples=300, deadline=None)
@given(text_and_spans(curly=False))
def test_straight_quotes_stay_balanced(data):
    text, spans = data
    out = merge_quoted_spans(text, spans)
    _check_contract(text, spans, out)
    for s, e in out:
        assert text[s:e].count('"') % 2 == 0, text[s:e]


@settings(max_examples=300, deadline=None)
@given(text_and_spans(curly=True))
def test_curly_quotes_stay_balanced(data):
    text, spans = data
    out = merge_quoted_spans(text, spans)
    _check_contract(text, spans, out)
    for s, e in out:
        sent = text[s:e]
        assert sent.count("\u201c") == sent.count("\u201d"), sent


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab .,"\u201c\u201d\n', max_size=60), st.data())
def test_any_text_keeps_the_contract(text, data):
    # unbalanced marks, empty paragraphs, lone marks: spans stay slices in order
    cuts = data.draw(st.sets(st.integers(0, len(text))))
    bounds = sorted({0, len(text), *cuts, *(i for i, c in enumerate(text) if c == "\n")})
    spans = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and "\n" not in text[s:e]:
            spans.append((s, e))
    _check_contract(text, spans, merge_quoted_spans(text, spans))


def test_quotation_spans_pair_within_paragraphs():
    text = 'a "b" c \u201cd\u201d e "f\ng" h'
    assert [(text[o], text[c] if c < len(text) else "") for o, c in quotation_spans(text)] == [
        ('"', '"'),
        ("\u201c", "\u201d"),
        ('"', "\n"),
        ('"', ""),
    ]  # unclosed: to the end


# ----------------------------------------------------------------- the real splitter


def _sentences(make_article, text):
    from newsweave.nlp import split_sentences

    (article,) = split_sentences([make_article(text)])
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
    return [s.text for s in article.sentences]


def test_quote_and_its_attribution_are_one_sentence(make_article):
    text = (
        '"Parents trust us to keep their children safe. We failed their children," chief '
        'executive Ann Lee said in a statement. "We are sorry."\n'
        '"Will he be able to fix the road while he is down there?" asked Mark Grewar. '
        "Nobody answered."
    )
    sents = _sentences(make_article, text)
    assert sents[0].startswith('"Parents trust us') and sents[0].endswith("in a statement.")
    assert '"Will he be able to fix the road while he is down there?" asked Mark Grewar.' in sents


def test_multi_sentence_quote_is_one_sentence(make_article):
    text = 'She said: "One thing went wrong. Then another. Then a third." The board met on Monday.'
    sents = _sentences(make_article, text)
    assert sents[0] == 'She said: "One thing went wrong. Then another. Then a third."'
    assert sents[1] == "The board met on Monday."


def test_straight_quotes_glued_to_the_next_sentence_are_split(make_article):
    # no space after the full stop: the boundary goes before an opening mark and after a
    # closing one
    text = (
        'The crew spoke of the storm."It was a very long night," the captain said.'
        'She added, "We were lucky to get home at all."Rescuers reached the boat at dawn.'
    )
    sents = _sentences(make_article, text)
    assert sents == [
        "The crew spoke of the storm.",
        '"It was a very long night," the captain said.',
        'She added, "We were lucky to get home at all."',
        "Rescuers reached the boat at dawn.",
    ]


def test_closing_and_opening_marks_glued_together_are_split(make_article):
    # a paragraph run together: one quote closes and the next opens with no space between
    text = (
        'In her letter, the clerk wrote, "This has been a long and tiring year for me."'
        '"It has been long awaited by all of us," the mayor said.'
    )
    sents = _sentences(make_article, text)
    assert sents == [
        'In her letter, the clerk wrote, "This has been a long and tiring year for me."',
        '"It has been long awaited by all of us," the mayor said.',
    ]


def test_no_sentence_is_a_lone_quotation_mark(make_article):
    text = 'The mayor spoke. "We will rebuild the bridge by spring."\n"\nThe council agreed.'
    sents = _sentences(make_article, text)
    assert all(any(c.isalnum() for c in s) for s in sents)
    assert all(s.count('"') % 2 == 0 for s in sents)


def test_lead_summary_sentences_have_balanced_quotes(make_article):
    from newsweave.config import SummarizeConfig
    from newsweave.nlp import split_sentences
    from newsweave.summarize import summarize

    texts = [
        '"The bridge is safe for now. Cracks are being monitored," engineer Sofie Berg said '
        'on Tuesday. The city closed one lane.\n"\nTraffic was diverted.',
        "\u201cWe expect to reopen in May. Everything depends on the steel,\u201d a spokesman "
        "for the operator said. Repairs began last week.",
    ]
    articles = split_sentences([make_article(t) for t in texts])
    summary = summarize(articles, SummarizeConfig(method="lead", words=200))
    assert summary.sentences
    for s in summary.sentences:
        assert any(c.isalnum() for c in s.text), s.text
        assert s.text.count('"') % 2 == 0, s.text
        assert s.text.count("\u201c") == s.text.count("\u201d"), s.text


@pytest.mark.slow
@pytest.mark.parametrize("method", ["lead", "newsweave"])
def test_bundled_examples_summary_sentences_have_balanced_quotes(examples_dir, method):
    from newsweave.config import load_config
    from newsweave.ingest import load_articles
    from newsweave.pipeline import weave_articles

    articles, _ = load_articles([examples_dir])
    config = load_config(None)
    config = dataclasses.replace(
        config, summarize=dataclasses.replace(config.summarize, method=method), facts=False
    )
    result = weave_articles(articles, config)
    sentences = [s.text for story in result.stories for s in story.summary.sentences]
    assert sentences
    for text in sentences:
        assert any(c.isalnum() for c in text), text
        assert text.count('"') % 2 == 0, text
        assert text.count("\u201c") == text.count("\u201d"), text


# --- wire datelines (issue 19, seventh session): a dateline opens no sentence a reader sees


@pytest.mark.parametrize(
    "dateline",
    [
        "TALLAVIK - ",
        "TALLAVIK (Nordic Wire Service) - ",
        "PORT ELSMERE, Vestria (AP) \u2014 ",
        "ST. OVEN, Minn., May 3 (AP) -- ",
        "Tallavik, June 10 (Xinhua) -- ",
        "LONDRIN, 3 March (Reuters) -- ",
        "VELMORA, Vestria (AP) _ ",
    ],
)
def test_a_wire_dateline_opens_no_sentence(make_article, dateline):
    text = (
        f"{dateline}The ferry company cancelled every crossing on Monday. Passengers "
        "waited at the pier.\n\nThe strike enters its third day."
    )
    article = _split(make_article, text)
    first = article.sentences[0]
    assert first.text == "The ferry company cancelled every crossing on Monday."
    assert article.text[first.start : first.end] == first.text  # the text is not changed
    assert article.text.startswith(dateline)  # the dateline stays in Article.text


@pytest.mark.parametrize(
    "text",
    [
        # a title-case word before a dash, with no day and no credit, is no dateline
        "Tallavik - the harbour town - cancelled every crossing on Monday.",
        # mid-paragraph: the dash is the sentence's own
        "The mayor spoke. TALLAVIK - The town's name - was on every sign.",
        # a lower-case continuation is a sentence, not a dateline's
        "TALLAVIK - a harbour town - cancelled every crossing on Monday.",
    ],
)
def test_what_is_not_a_dateline_stays_in_its_sentence(make_article, text):
    article = _split(make_article, text)
    assert " ".join(s.text for s in article.sentences).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    "dateline",
    [
        "WARSZOW, February 26 (Xinhua) --",
        "HAVINA (AP) --",
        "MIAMOR _",
        "Tallavik, Nov 11 -",
        "PORT ELSMERE, Vestria (AP) \u2014",
    ],
)
def test_a_dateline_on_a_line_of_its_own_is_no_sentence(make_article, dateline):
    # TimeBank/AQUAINT's Xinhua, AP and NYT copies print the dateline on a line of its own
    text = f"{dateline}\n\nThe ferry company cancelled every crossing on Monday."
    article = _split(make_article, text)
    assert [s.text for s in article.sentences] == [
        "The ferry company cancelled every crossing on Monday."
    ]


def test_the_dateline_pattern_gives_the_day():
    from newsweave.nlp import DATELINE

    day = {
        "VELMORA, June 10 (Nordic Wire Service) - The": "June 10",
        "ST. OVEN, Minn., May 3 (AP) -- The": "May 3",
        "LONDRIN, 3 March (Reuters) -- The": "3 March",
        "WARSZOW, February 26 (Xinhua) --": "February 26",
        "TALLAVIK (Nordic Wire Service) - The": None,
    }
    for text, expected in day.items():
        m = DATELINE.match(text)
        assert m is not None and m.group("day") == expected, text
    for text in ("Tallavik - the town", "Tallavik - The town", "TALLAVIK - a harbour town"):
        assert DATELINE.match(text) is None, text


def test_summary_and_reference_sentences_and_datelines(make_article):
    from newsweave.config import SummarizeConfig
    from newsweave.evaluate.summarize import split_reference
    from newsweave.nlp import split_sentences
    from newsweave.summarize import summarize

    texts = [
        "TALLAVIK (Nordic Wire Service) - Ferry crews walked out on Monday over pay.",
        "PORT ELSMERE, Vestria (AP) \u2014 The ferry strike stranded hundreds.",
    ]
    articles = split_sentences([make_article(t) for t in texts])
    summary = summarize(articles, SummarizeConfig(method="lead", words=200))
    assert summary.sentences
    for s in summary.sentences:
        assert "TALLAVIK" not in s.text and "ELSMERE" not in s.text, s.text
    # a reference summary is scored as written
    assert split_reference(["TALLAVIK - Crews walked out."]) == ["TALLAVIK - Crews walked out."]


def _split(make_article, text):
    from newsweave.nlp import split_sentences

    return split_sentences([make_article(text)])[0]
