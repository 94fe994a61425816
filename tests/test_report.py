"""Tests of the reports (newsweave.report): the JSON contract, Markdown citations and
sources, and a safe, self-contained HTML file whose citations link to existing anchors."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from factories import article, cite, entity, event, figure, group, only_in, quote, summary_of
from newsweave import report
from newsweave.model import Ignored, Removed, Skipped, Story, Summary, SummarySentence, WeaveResult

SCRIPT = "<script>alert('x')</script>"


def make_article(aid: str, sentences: list[str], **kw):
    """An article of ``sentences`` with a blank line after the second (see factories.article)."""
    return article(sentences, aid, paragraph_before=[2], **kw)


def make_result(facts: bool = False) -> WeaveResult:
    a = make_article(
        "a1",
        [
            "The dam on the Vell river opened on Monday.",
            f"Engineers said {SCRIPT} nothing.",
            "Water levels fell by 40 per cent.",
        ],
        title=f"Vell dam opens {SCRIPT}",
        outlet="River Times",
        published="2030-06-03",
        source="in/river.txt",
        url="https://rt.example/dam",
        removed=(Removed("(Photo: A. Berg/River Times)", "credit"),),
    )
    b = make_article(
        "b2",
        [
            "The Vell dam opened on Monday after six years.",
            "Officials expect tourism.",
            "Levels downstream fell by 45%.",
        ],
        title="Dam opens after six years",
        outlet="Valley Post",
        published="2030-06-04",
        source="in/valley.html",
    )
    c = make_article(
        "c3",
        ["A recipe for plum cake."],
        title="Plum cake",
        outlet="Food Desk",
        source="in/cake.txt",
    )
    summary = summary_of(
        (a, 0, [(b, 0)]), (a, 2, []), (b, 1, []), ignored=[Ignored("c3", "off-topic")]
    )
    kw = {}
    if facts:
        kw = dict(
            entities=(entity("e1", "Vell", "LOC", (a, "Vell"), (b, "Vell")),),
            quotes=(quote("Engineers", f"{SCRIPT} nothing", a, partial=True),),
            figures=(
                group(
                    "g1",
                    "fall in water level",
                    figure(a, "40 per cent", 40.0, "%", "percent"),
                    figure(b, "45%", 45.0, "%", "percent"),
                    disagreement=True,
                ),
            ),
            timeline=(event("2030-06-03", "Dam opens", (b, 0)),),
            coverage=(only_in("Valley Post", [b], ("sentence", b, 1)),),
        )
    story = Story("s-dam", "Vell dam opens", (a, b, c), summary, **kw)
    return WeaveResult([story], [Skipped("in/blob.bin", "ingest", "binary file")])


# ------------------------------------------------------------------ JSON


def test_json_has_the_contract_keys():
    data = json.loads(report.to_json(make_result()))
    assert set(data) >= {"stories", "skipped"}
    story = data["stories"][0]
    assert {"id", "headline", "articles", "summary"} <= set(story)
    for art in story["articles"]:
        assert {"id", "title", "outlet", "published", "source"} <= set(art)
    for sent in story["summary"]["sentences"]:
        assert sent["text"] and sent["citations"]
        for c in sent["citations"]:
            assert {"article_id", "sentence_index"} <= set(c)
    assert data["skipped"] == [
        {"source": "in/blob.bin", "stage": "ingest", "reason": "binary file"}
    ]
    for kind in ("entities", "quotes", "figures", "timeline", "coverage"):
        assert story[kind] == []


def test_json_citations_point_at_verbatim_sentences():
    data = report.report_dict(make_result())
    story = data["stories"][0]
    texts = {a["id"]: a["text"] for a in story["articles"]}
    first = story["summary"]["sentences"][0]
    assert first["sources"] == [1, 2]
    c0 = first["citations"][0]
    assert texts[c0["article_id"]][c0["start"] : c0["end"]] == first["text"]
    # a supporting citation's span is its own sentence of the other article
    c1 = first["citations"][1]
    assert texts[c1["article_id"]][c1["start"] : c1["end"]].startswith("The Vell dam opened")
    assert story["articles"][0]["removed"] == [
        {"text": "(Photo: A. Berg/River Times)", "reason": "credit"}
    ]
    assert story["summary"]["ignored"][0]["reason"] == "off-topic"
    assert [s["number"] for s in story["sources"]] == [1, 2, 3]


def test_json_serialises_fact_objects():
    story = report.report_dict(make_result(facts=True))["stories"][0]
    fig = story["figures"][0]
    assert fig["disagreement"] is True
    assert {"value", "unit", "text", "article_id"} <= set(fig["members"][0])
    assert story["quotes"][0]["speaker"] == "Engineers"


def test_story_dict_without_summary_or_text():
    r = make_result()
    story = Story("s", "h", r.stories[0].articles)
    d = report.story_dict(story, include_text=False)
    assert d["summary"]["sentences"] == []
    assert "text" not in d["articles"][0]


# ------------------------------------------------------------------ Markdown


def test_markdown_shows_numbered_citations_and_sources():
    md = report.to_markdown(make_result())
    assert "# Vell dam opens" in md
    assert "The dam on the Vell river opened on Monday. [1][2]" in md
    assert "Water levels fell by 40 per cent. [1]" in md
    assert "1. **River Times** — Vell dam opens" in md
    assert "`in/river.txt`" in md and "2. **Valley Post**" in md and "`in/valley.html`" in md
    assert "[3] off-topic" in md
    assert "in/blob.bin" in md and "binary file" in md


def test_markdown_fact_sections():
    md = report.to_markdown(make_result(facts=True))
    for heading in (
        "## Entities",
        "## Quotes",
        "### Engineers",
        "## Figures",
        "## Timeline",
        "## Only in one outlet",
    ):
        assert heading in md
    assert "**disagreement**" in md and "40 per cent" in md and "45%" in md
    assert "_(partial)_ [1]" in md
    assert "Officials expect tourism. [2]" in md


def test_markdown_without_facts_has_no_empty_sections():
    md = report.to_markdown(make_result())
    assert "## Entities" not in md and "## Figures" not in md


# ------------------------------------------------------------------ HTML


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.external: list[str] = []
        self.scripts = 0
        self._open: list[str] = []
        self.text_of: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "id" in a:
            self.ids[a["id"]] = tag
        if tag == "span" and a.get("id"):
            self._open.append(a["id"])
            self.text_of[a["id"]] = ""
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        for key in ("src", "href"):
            if a.get(key) and tag in ("link", "img", "script", "iframe"):
                self.external.append(a[key])

    def handle_endtag(self, tag):
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data):
        for i in self._open:
            self.text_of[i] += data


def parse(html: str) -> _Links:
    p = _Links()
    p.feed(html)
    p.close()
    return p


def test_html_escapes_script_in_text_and_title():
    html = report.to_html(make_result(facts=True))
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "Vell dam opens &lt;script&gt;" in html
    p = parse(html)
    assert p.scripts == 0
    # the escaped script is shown as text inside the cited sentence's span
    assert any(SCRIPT in t for t in p.text_of.values())


def test_html_citations_link_to_existing_anchors_of_the_cited_sentence():
    result = make_result(facts=True)
    html = report.to_html(result)
    p = parse(html)
    internal = [h for h in p.hrefs if h.startswith("#")]
    assert internal, "no citation links"
    for h in internal:
        assert h[1:] in p.ids, h
    # each summary citation's anchor holds exactly the cited sentence
    story = result.stories[0]
    numbers = report.source_numbers(story)
    for sent in story.summary.sentences:
        for c in sent.citations:
            anchor = f"st1-a{numbers[c.article_id]}-s{c.sentence_index}"
            assert f'href="#{anchor}"' in html
            assert p.text_of[anchor] == story.article(c.article_id).sentences[c.sentence_index].text


def test_html_is_self_contained_and_keeps_paragraphs_and_noise():
    html = report.to_html(make_result())
    p = parse(html)
    assert p.external == []
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "<style>" in html
    # the appendix keeps the article's line breaks between sentences
    assert '</span>\n\n<span class="sent" id="st1-a1-s2">Water levels fell' in html
    assert "(Photo: A. Berg/River Times)" in html and ">credit<" in html
    assert "in/blob.bin" in html


def test_html_with_several_stories_has_unique_anchors():
    r = make_result()
    two = WeaveResult([r.stories[0], Story("s2", "Other", r.stories[0].articles[:1])], [])
    html = report.to_html(two)
    p = parse(html)
    assert "st2-a1-s0" in p.ids and "st1-a1-s0" in p.ids
    assert html.count('id="st1-a1-s0"') == 1


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=30).map(str.strip).filter(bool), min_size=1, max_size=4),
    st.text(max_size=30),
)
def test_html_shows_any_text_verbatim_and_inert(sentences, title):
    a = make_article("r1", sentences, title=title + "<b>", outlet="<i>o</i>")
    story = Story("r", title, (a,), Summary((SummarySentence(a.sentences[0].text, (cite(a, 0),)),)))
    html = report.to_html(WeaveResult([story]))
    p = parse(html)
    assert p.scripts == 0 and "<b>" not in html and "<i>o" not in html
    for s in a.sentences:
        assert p.text_of[f"st1-a1-s{s.index}"] == s.text


def test_key_figures_first_and_the_rest_collapsed():
    import dataclasses

    result = make_result(facts=True)
    story = result.stories[0]
    b = story.articles[1]
    minor = group(
        "g2",
        "years",
        figure(b, "six years", 6.0, "year", "duration"),
        label="time to open dam",
        rank=2,
    )
    key = dataclasses.replace(story.figures[0], label="fall in water level", key=True, rank=1)
    story = dataclasses.replace(story, figures=(minor, key))  # the stored order is not the view's
    result = dataclasses.replace(result, stories=[story])
    md = report.to_markdown(result)
    section = md[md.index("## Figures") : md.index("## Timeline")]
    assert section.index("### Key figures") < section.index("fall in water level")
    assert section.index("fall in water level") < section.index("<details>")
    assert (
        section.index("<details>") < section.index("time to open dam") < section.index("</details>")
    )
    html = report.to_html(result)
    fig = html[html.index("<h2>Figures</h2>") : html.index("<h2>Timeline</h2>")]
    assert fig.index("Key figures") < fig.index("fall in water level") < fig.index("<details")
    assert fig.index("<details") < fig.index("time to open dam") < fig.index("</details>")
    view = report.figures_view(story, report.source_numbers(story))
    assert [g["key"] for g in view] == [True, False]
    assert view[0]["label"] == "fall in water level" and "·" not in view[1]["label"]
    # without any key figure there is one plain table
    plain = dataclasses.replace(story, figures=(minor,))
    md = report.story_markdown(plain)
    assert "<details>" not in md and "time to open dam" in md


def test_figure_label_names_its_subject_once():
    import dataclasses

    story = make_result(facts=True).stories[0]
    g = dataclasses.replace(
        story.figures[0], label="fall in Caldera Renal", subject="Caldera Renal", time="2025"
    )
    other = dataclasses.replace(
        story.figures[0], label="fall in shares", subject="Orvane Bio", time=None
    )
    story = dataclasses.replace(story, figures=(g, other))
    labels = [v["label"] for v in report.figures_view(story, report.source_numbers(story))]
    assert sorted(labels) == ["fall in Caldera Renal (2025)", "fall in shares (Orvane Bio)"]
