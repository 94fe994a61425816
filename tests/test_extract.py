"""HTML page -> Article (newsweave.extract): trafilatura, news cleanup, fallback, metadata."""

from __future__ import annotations

import json

import pytest

from newsweave.errors import InputError
from newsweave.extract import decode_html, html_to_article, prune_news_furniture

BODY = [
    "The harbour authority approved a plan on Tuesday to rebuild the northern breakwater, "
    "a project officials said would take four years and cost about 120 million euros.",
    "Engineers found last winter that storms had undermined the structure in three places, "
    "and ferry operators have since cancelled dozens of crossings in rough weather.",
    "\u201cWe cannot keep patching it,\u201d said the authority's chair, Marta Lindqvist, "
    "adding that work would start in the spring once the tender closed.",
    "Fishing cooperatives welcomed the decision but asked for compensation during the "
    "construction, when parts of the inner basin will be closed to boats.",
]
CAPTION = "Workers inspect the damaged breakwater, left, after the January storm."
CREDIT = "Photo: Jane Roe / Coastal Press"
RELATED = [
    "Ferry fares rise again as fuel costs bite",
    "Storm season: what to expect this year",
    "New marina opens on the east side of town",
]


def news_page(extra_head: str = "", body_paras=BODY) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body_paras)
    related = "".join(f"<li><a href='/r{i}'>{t}</a></li>" for i, t in enumerate(RELATED))
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour breakwater to be rebuilt | Coast Herald</title>
<meta property="og:title" content="Harbour breakwater to be rebuilt">
<meta property="og:site_name" content="Coast Herald">
<meta name="author" content="Ola Nordmann">
<meta property="article:published_time" content="2024-02-06T09:30:00Z">
<link rel="canonical" href="https://coastherald.example/news/breakwater">{extra_head}
</head><body>
<nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav>
<article><h1>Harbour breakwater to be rebuilt</h1>
<figure><img src="b.jpg"><figcaption>{CAPTION}</figcaption></figure>
<div class="image-credit">{CREDIT}</div>
{paras}
<div class="related-stories"><h3>Related</h3><ul>{related}</ul></div>
</article><footer>Contact us</footer></body></html>"""


def test_main_text_and_metadata():
    art = html_to_article(news_page().encode(), "page.html")
    for p in BODY:
        assert p in art.text
    assert art.title == "Harbour breakwater to be rebuilt"
    assert art.author == "Ola Nordmann"
    assert art.published.startswith("2024-02-06")
    assert art.outlet == "Coast Herald"
    assert art.url == "https://coastherald.example/news/breakwater"
    assert art.language == "en"
    assert art.extraction == "trafilatura" and 0.5 < art.confidence <= 1
    assert art.raw_text is not None and art.id == ""  # ingest assigns the content id


def test_captions_credits_and_related_links_are_removed_and_recorded():
    art = html_to_article(news_page().encode(), "page.html")
    for noise in [CAPTION, CREDIT, *RELATED]:
        assert noise not in art.text
    removed = json.loads(dict(art.meta)["html_removed"])
    reasons = {r["reason"] for r in removed}
    assert {"caption", "credit", "related-links"} <= reasons
    assert any(CAPTION in r["text"] for r in removed)


def test_trafilatura_alone_keeps_the_furniture_newsweave_removes():
    """Regression guard for the point of the cleanup: trafilatura keeps these."""
    import trafilatura

    text = trafilatura.extract(news_page(), include_comments=False) or ""
    kept = [n for n in [CAPTION, CREDIT, *RELATED] if n in text]
    assert kept, "trafilatura no longer keeps captions/credits/related links on this page"


def test_caption_like_box_with_several_blocks_is_not_pruned():
    """A teaser or gallery slide with a caption-like class holds content (zdf.de, popsugar)."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(
        news_page().replace(
            "<p>" + BODY[1] + "</p>",
            f"<div class='item-caption'><div><p>{BODY[1]}</p></div><p>Second block.</p></div>",
        )
    )
    removed = prune_news_furniture(tree)
    assert all(BODY[1] not in r for r, _ in removed)
    assert any(CAPTION in r for r, _ in removed)
    assert BODY[1] in tree.text_content()


def test_text_cleanup_runs_after_extraction():
    paras = BODY + ["Follow Coast Herald on Twitter @coastherald"]
    art = html_to_article(news_page(body_paras=paras).encode(), "p.html")
    assert "Follow Coast Herald" not in art.text
    assert any(r.reason == "social" for r in art.removed)
    assert "Follow Coast Herald" in art.raw_text  # raw_text is the text before cleaning


def test_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    art = html_to_article(news_page().encode(), "page.html")
    assert art.extraction in ("readability", "trafilatura-baseline")
    assert BODY[0] in art.text
    assert art.confidence < 0.9  # flagged as less certain than a trafilatura extraction


def test_crash_in_trafilatura_falls_back(monkeypatch):
    import trafilatura

    def boom(*a, **k):
        raise RuntimeError("hostile page")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    art = html_to_article(news_page().encode(), "page.html")
    assert BODY[2] in art.text


def test_mostly_navigation_page_is_refused():
    links = "".join(
        f"<li><a href='/s{i}'>Section {i} top stories today</a></li>" for i in range(70)
    )
    html = f"<html><head><title>Index</title></head><body><ul>{links}</ul></body></html>"
    with pytest.raises(InputError, match="navigation"):
        html_to_article(html.encode(), "index.html")


@pytest.mark.parametrize(
    "html",
    [b"", b"<html><body></body></html>", b"<html><body><script>var x = 1;</script></body></html>"],
)
def test_empty_pages_are_refused(html):
    with pytest.raises(InputError):
        html_to_article(html, "empty.html")


def test_binary_data_is_refused():
    with pytest.raises(InputError):
        html_to_article(b"%PDF-1.4\n\x00\x01\x02binary", "doc.html")


def test_charsets():
    text = "Café in Zürich – “quoted”"
    page = f"<html><head><meta charset='utf-8'></head><body><p>{text}</p></body></html>"
    # declared UTF-8, really cp1252
    assert decode_html(page.encode("cp1252"))[0].count("Café in Zürich") == 1
    # declared ISO-8859-1 in the header, really UTF-8
    assert "Café in Zürich – “quoted”" in decode_html(page.encode("utf-8"), "iso-8859-1")[0]
    # declared and true: a Cyrillic page in windows-1251
    ru = "<html><head><meta charset='windows-1251'></head><body><p>Привет, мир</p></body></html>"
    assert "Привет, мир" in decode_html(ru.encode("cp1251"))[0]
    # XHTML declaring its encoding in the XML declaration
    xhtml = (
        "<?xml version='1.0' encoding='iso-8859-15'?><html><body><p>Prix : 20 €, "
        "déjà payé</p></body></html>"
    )
    assert "20 €, déjà payé" in decode_html(xhtml.encode("iso-8859-15"))[0]


def test_cjk_article_is_not_mistaken_for_an_empty_page():
    paras = [
        "東京都は火曜日、新しい防災計画を発表した。計画では、地震の際の避難所を増やし、"
        "食料の備蓄を二倍にする。" * 3
        for _ in range(4)
    ]
    html = (
        "<html lang='ja'><head><title>防災計画</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in paras)
        + "</article></body></html>"
    )
    art = html_to_article(html.encode(), "ja.html")
    assert art.extraction == "trafilatura" and "防災計画を発表した" in art.text
    assert art.language == "ja"


def test_prune_keeps_the_article_container():
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(
        "<html><body><div class='share-story article'>"
        + "".join(f"<p>{p}</p>" for p in BODY)
        + "</div></body></html>"
    )
    removed = prune_news_furniture(tree)
    assert not removed and BODY[0] in tree.text_content()


def test_ingest_reads_html_files_through_extract(tmp_path):
    from newsweave.ingest import load_articles

    (tmp_path / "a.html").write_text(news_page(), encoding="utf-8")
    arts, skipped = load_articles([tmp_path / "a.html"])
    assert not skipped and len(arts) == 1
    art = arts[0]
    assert art.id and art.title == "Harbour breakwater to be rebuilt"
    assert CAPTION not in art.text and art.outlet == "Coast Herald"
