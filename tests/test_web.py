"""Tests of the web app (newsweave.web) with FastAPI's TestClient, against a small store built
by hand (Store.save_result of model objects: no models needed).

``build_web_store`` is also used by tests/test_browser.py and bench/load_web.py builds a
bigger store the same way.
"""

from __future__ import annotations

import json
import re
import typing
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factories import article, entity, event, figure, group, only_in, quote, summary_of
from newsweave import report, web
from newsweave.errors import InputError, StoreError
from newsweave.model import (
    Article,
    Ignored,
    Removed,
    Skipped,
    Story,
    Summary,
    WeaveResult,
    from_dict,
)
from newsweave.store import Store

SCRIPT = "<script>alert('x')</script>"
CLOSE_SCRIPT = "</script><script>alert(1)</script>"


def make_article(aid: str, sentences: list[str], **fields):
    """An article of ``sentences`` with a blank line after the second (see factories.article)."""
    return article(sentences, aid, paragraph_before=[2], **fields)


def build_web_store(path: str | Path) -> dict:
    """Write a two-story store at ``path``; return the ids the tests look at."""
    a1 = make_article(
        "a1d0dam0river001",
        [
            "The dam on the Vell river opened on Monday after six years of work.",
            f"Engineers said {SCRIPT} nothing was wrong with the spillway.",
            "Water levels downstream fell by 40 per cent within a day.",
            "The project cost 2.1 billion crowns, the ministry said.",
        ],
        title=f"Vell dam opens {SCRIPT}",
        outlet="River Times",
        published="2030-06-03",
        source="in/river.txt",
        url="https://rt.example/dam",
        noise=[("(Photo: A. Berg/River Times)", "credit"), ("Follow us: @rivertimes", "social")],
    )
    b2 = make_article(
        "b2d0dam0valley02",
        [
            "Valley farmers welcomed the new dam on Tuesday.",
            "“We waited a long time for this,” said Mara Lind, who heads the farmers' union.",
            f"The ministry put the cost at 2.4 billion crowns {CLOSE_SCRIPT}.",
            "Construction began in June 2024.",
        ],
        title="Farmers welcome Vell dam",
        outlet="Valley Post",
        published="2030-06-04",
        source="in/valley.json",
    )
    c3 = make_article(
        "c3d0dam0ledger03",
        [
            "The Vell dam is the largest in the region.",
            "Its reservoir holds 900 million cubic metres.",
            "Critics said the dam harms fish migration.",
        ],
        title="The Vell dam in numbers",
        outlet="Daily Ledger",
        published="2030-06-05",
        source="in/ledger.md",
    )
    d4 = make_article(
        "d4a0tram0strike4",
        [
            "Tram drivers in Osterby walked out on Friday over pay.",
            "The city said services would resume on Monday.",
        ],
        title="Osterby tram drivers strike",
        outlet="City Wire",
        published="2029-11-20",
        source="in/tram.txt",
    )
    dam = Story(
        id="sdam00000001",
        headline="Vell river dam opens",
        articles=(a1, b2, c3),
        summary=Summary(
            sentences=summary_of(
                (a1, 0, [(c3, 0)]),
                (b2, 2, []),
                (a1, 1, []),
                (c3, 2, [(b2, 1)]),
            ).sentences,
            method="test",
            ignored=(Ignored("c3d0dam0ledger03", "test: partly off-topic"),),
        ),
        entities=(
            entity("e1", "Vell river", "LOC", (a1, "Vell river"), (c3, "Vell")),
            entity("e2", "Mara Lind", "PERSON", (b2, "Mara Lind")),
        ),
        quotes=(quote("Mara Lind", "We waited a long time for this", b2),),
        figures=(
            group(
                "g1",
                "cost",
                figure(a1, "2.1 billion crowns", 2.1e9, "crowns", measure="cost"),
                figure(b2, "2.4 billion crowns", 2.4e9, "crowns", measure="cost"),
                disagreement=True,
                subject="Vell dam",
                kind="",
                unit="",
                label="project cost",
                key=True,
                rank=1,
            ),
            group(
                "g2",
                "reservoir volume",
                figure(
                    c3,
                    "900 million cubic metres",
                    9e8,
                    "m3",
                    "quantity",
                    measure="reservoir volume",
                ),
                kind="",
                unit="",
                rank=2,
            ),
        ),
        timeline=(
            event("2030-06-03", "The dam opens", (a1, 0)),
            event("2024-06", "Construction begins", (b2, 3)),
            event("some day", "Some day, fish ladders", (c3, 2), relative=True),
        ),
        coverage=(only_in("Daily Ledger", [c3], ("claim", c3, 2)),),
    )
    tram = Story(
        id="stram0000002",
        headline="Osterby tram drivers strike",
        articles=(d4,),
        summary=summary_of((d4, 0, [])),
    )
    with Store(path) as store:
        store.save_result(
            WeaveResult(stories=[dam, tram], skipped=[Skipped("in/bad.bin", "ingest", "binary")])
        )
    return {"dam": dam, "tram": tram, "script_article": a1, "close_article": b2}


@pytest.fixture(scope="module")
def web_store(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("web") / "web.db"
    return path, build_web_store(path)


@pytest.fixture(scope="module")
def client(web_store) -> TestClient:
    path, _ = web_store
    with TestClient(web.create_app(path)) as c:
        yield c


# ------------------------------------------------------------------------------ pages


def test_index_lists_stories_newest_first_with_outlets_and_span(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    dam, tram = html.find("Vell river dam opens"), html.find("Osterby tram drivers strike")
    assert 0 < dam < tram  # 2030 before 2029
    assert "Daily Ledger, River Times, Valley Post" in html
    assert "2030-06-03 – 2030-06-05" in html
    assert 'href="/stories/sdam00000001"' in html
    assert 'action="/search"' in html


def test_index_pages_through_stories(client, monkeypatch):
    monkeypatch.setattr(web.app, "STORIES_PER_PAGE", 1)
    first = client.get("/").text
    assert "Vell river dam opens" in first and "Osterby" not in first
    assert 'href="/?page=2"' in first
    second = client.get("/?page=2").text
    assert "Osterby tram drivers strike" in second and "Vell river" not in second
    assert 'href="/?page=1"' in second and 'href="/?page=3"' not in second
    assert client.get("/?page=0").status_code == 422


def test_search_page_finds_articles_and_links_them(client):
    r = client.get("/search", params={"q": "spillway"})
    assert r.status_code == 200
    assert 'href="/articles/a1d0dam0river001"' in r.text
    assert 'href="/articles/d4a0tram0strike4"' not in r.text
    assert 'href="/stories/sdam00000001"' in r.text
    # FTS5 syntax in user input is plain text, never an error
    for q in ['"unbalanced', "a AND OR NOT", "dam*) NEAR(", "<script>"]:
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200, q
        assert "<script>" not in r.text.split("<main>")[1].replace('<script src="/static', "")
    r = client.get("/search", params={"q": "zzzznothing"})
    assert "No article matches" in r.text
    assert client.get("/search", params={"q": "  "}, follow_redirects=False).status_code == 303


def test_story_page_citations_link_to_the_cited_sentence(client, web_store):
    _, ids = web_store
    dam: Story = ids["dam"]
    r = client.get("/stories/sdam00000001")
    assert r.status_code == 200
    html = r.text
    links = re.findall(r'<p class="summary-sentence">.*?</p>', html, flags=re.S)
    assert len(links) == len(dam.summary.sentences)
    hrefs = re.findall(r'class="cite" href="(/articles/\w+#s\d+)"', links[0])
    assert hrefs == ["/articles/a1d0dam0river001#s0", "/articles/c3d0dam0ledger03#s0"]
    # follow every summary citation: the anchor exists and holds exactly the cited sentence
    for sent in dam.summary.sentences:
        c = sent.citations[0]
        page = client.get(f"/articles/{c.article_id}").text
        m = re.search(rf'<span class="sent" id="s{c.sentence_index}">(.*?)</span>', page, re.S)
        assert m, (c.article_id, c.sentence_index)
        assert unescape(m.group(1)) == sent.text


def test_story_page_shows_facts(client):
    html = client.get("/stories/sdam00000001").text
    # entities, quotes by speaker
    assert "Mara Lind" in html and "PERSON" in html
    assert '<h3 class="speaker">Mara Lind</h3>' in html
    assert "We waited a long time for this" in html
    # figures: the disagreement is marked on its rows only
    rows = re.findall(r"<tr class=\"([^\"]*)\">\s*<td>(.*?)</td>", html)
    flagged = [label for cls, label in rows if "disagreement" in cls]
    assert flagged and flagged[0].startswith("project cost")
    assert "reservoir volume" not in " ".join(flagged)
    assert "1 disagreement" in html
    # key figures first, the rest collapsed
    section = html[html.index('<section id="figures">') :]
    section = section[: section.index("</section>")]
    assert section.index("Key figures") < section.index("project cost") < section.index("<details")
    assert (
        section.index("<details") < section.index("reservoir volume") < section.index("</details>")
    )
    # timeline chart: dated events in date order, the relative one only in the list
    svg = re.search(r"<svg class=\"timeline-chart\".*?</svg>", html, re.S).group(0)
    labels = re.findall(r"<text x=\"[\d.]+\" y=\"[\d.]+\" text-anchor=\"\w+\">(.*?)</text>", svg)
    assert labels[0].startswith("2024-06") and labels[1].startswith("2030-06-03")
    assert "fish ladders" not in svg and "fish ladders" in html
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert xs == sorted(xs) and xs[0] < xs[1]
    # coverage matrix: outlets as columns, the exclusive claim marked as one outlet only
    matrix = re.search(r'<table class="matrix">.*?</table>', html, re.S).group(0)
    assert re.findall(r'<th class="outlet" scope="col">(.*?)</th>', matrix) == [
        "River Times",
        "Valley Post",
        "Daily Ledger",
    ]
    claim = re.search(
        r'<tr class="only">\s*<td><span class="reason">claim</span>.*?</tr>', matrix, re.S
    ).group(0)
    assert claim.count('class="yes"') == 1
    cost = re.search(
        r"<tr[^>]*>\s*<td><span class=\"reason\">figure</span> project cost.*?</tr>", matrix, re.S
    ).group(0)
    assert cost.count('class="yes"') == 2


def test_story_page_escapes_article_text(client):
    html = client.get("/stories/sdam00000001").text
    assert SCRIPT not in html and CLOSE_SCRIPT not in html
    assert "Engineers said &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; nothing" in html
    assert html.count("<script") == 2  # web.js and the inert JSON block


def test_story_without_facts_renders(client):
    r = client.get("/stories/stram0000002")
    assert r.status_code == 200
    assert "Tram drivers in Osterby walked out" in r.text
    assert "<h2>Figures</h2>" not in r.text


def test_article_text_is_escaped_and_noise_toggle_lists_reasons(client):
    r = client.get("/articles/a1d0dam0river001")
    assert r.status_code == 200
    html = r.text
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert html.count("<script") == 1  # only web.js
    assert 'id="show-noise"' in html
    assert '<del class="removed" title="removed: credit">(Photo: A. Berg/River Times)</del>' in html
    assert "social" in html and "Follow us: @rivertimes" in html
    assert 'href="/stories/sdam00000001"' in html


def test_json_in_pages_cannot_close_its_script_element(client):
    html = client.get("/stories/sdam00000001").text
    blob = re.search(
        r'<script type="application/json" id="citation-previews">(.*?)</script>', html, re.S
    )
    assert blob
    assert "<" not in blob.group(1)
    data = json.loads(blob.group(1))
    assert any(CLOSE_SCRIPT in v["text"] for v in data.values())
    assert CLOSE_SCRIPT not in html


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["server-timing"].startswith("app;dur=")
    assert client.get("/static/web.js").status_code == 200


# ------------------------------------------------------------------------------ 404s, limits


@pytest.mark.parametrize(
    "path",
    [
        "/stories/nope",
        "/stories/s%2e%2e%2fetc",
        "/stories/..%2F..%2Fetc%2Fpasswd",
        "/articles/does-not-exist",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/articles/%00",
        "/no/such/page",
        "/static/../web.py",
        "/static/..%2Fweb.py",
    ],
)
def test_unknown_pages_are_clean_404s(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"] or "text/plain" in r.headers["content-type"]
    assert "Traceback" not in r.text and "def create_app" not in r.text


@pytest.mark.parametrize(
    "path", ["/api/stories/nope", "/api/articles/..%2Fsecret", "/api/articles/x%20y"]
)
def test_unknown_api_ids_are_json_404s(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    assert r.json()["detail"].lower().startswith(("no ", "not found"))


def test_request_size_limits(client):
    r = client.get("/search", params={"q": "x" * 5000})
    assert r.status_code == 414
    r = client.request("GET", "/", content=b"x" * (web.MAX_READ_BODY_BYTES + 1))
    assert r.status_code == 413
    assert client.get("/api/search", params={"q": "y" * 400}).status_code == 422


def test_read_only_by_default(client):
    assert client.post("/api/articles", json={"text": "hello"}).status_code in (404, 405)


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="newsweave weave"):
        web.create_app(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()


def test_host_check_blocks_dns_rebinding(web_store):
    path, _ = web_store
    app = web.create_app(path, allowed_hosts=web.LOOPBACK_HOSTS)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
    with TestClient(app, base_url="http://evil.example:8000") as c:
        assert c.get("/").status_code == 400


# ------------------------------------------------------------------------------ JSON API


def test_api_story_is_the_report_story_object(client, web_store):
    path, _ = web_store
    data = client.get("/api/stories/sdam00000001").json()
    with Store(path, create=False) as store:
        expected = report.story_dict(store.load_story("sdam00000001"))
    assert data == json.loads(json.dumps(expected))
    assert data["summary"]["sentences"][0]["sources"] == [1, 3]


def test_api_facts_read_back_into_the_stored_fact_classes(client, web_store):
    # issue 21: the store, the web app and the JSON reader give back the same dataclasses
    _, ids = web_store
    dam = ids["dam"]
    data = client.get(f"/api/stories/{dam.id}").json()
    hints = typing.get_type_hints(Story)
    for kind in ("entities", "quotes", "figures", "timeline", "coverage"):
        assert getattr(dam, kind), kind
        assert from_dict(hints[kind], data[kind]) == getattr(dam, kind), kind


def test_api_list_search_article_and_openapi(client):
    stories = client.get("/api/stories").json()
    assert stories["total"] == 2
    assert [s["id"] for s in stories["stories"]] == ["sdam00000001", "stram0000002"]
    assert stories["stories"][0]["outlets"] == ["Daily Ledger", "River Times", "Valley Post"]
    assert (
        client.get("/api/stories", params={"limit": 1, "offset": 1}).json()["stories"][0]["id"]
        == "stram0000002"
    )
    found = client.get("/api/search", params={"q": "tram drivers"}).json()
    assert [r["id"] for r in found["results"]] == ["d4a0tram0strike4"]
    assert found["results"][0]["story_ids"] == ["stram0000002"]
    art = client.get("/api/articles/a1d0dam0river001").json()
    assert SCRIPT in art["text"]  # JSON carries the text as is; pages escape it
    assert (
        art["sentences"][1]["text"]
        == art["text"][art["sentences"][1]["start"] : art["sentences"][1]["end"]]
    )
    assert art["removed"][0] == {"text": "(Photo: A. Berg/River Times)", "reason": "credit"}
    assert art["story_ids"] == ["sdam00000001"]
    spec = client.get("/openapi.json").json()
    for p in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/search",
    ):
        assert p in spec["paths"], p
    assert "/api/articles" not in spec["paths"]  # read-only: no add endpoint


def test_reads_see_a_concurrent_writer(tmp_path):
    path = tmp_path / "live.db"
    build_web_store(path)
    with TestClient(web.create_app(path)) as c:
        assert c.get("/api/stories").json()["total"] == 2
        extra = make_article(
            "e5a0new0000000005",
            ["A new story arrived while serving."],
            title="Late news",
            outlet="Night Desk",
            published="2031-01-01",
        )
        with Store(path) as writer:
            writer.save_result(
                WeaveResult(
                    stories=[
                        Story(
                            id="snew00000003",
                            headline="Late news",
                            articles=(extra,),
                            summary=summary_of((extra, 0, [])),
                        )
                    ]
                )
            )
        assert c.get("/api/stories").json()["stories"][0]["id"] == "snew00000003"
        assert c.get("/stories/snew00000003").status_code == 200
        # a story saved again (a new run) is never served from the page cache
        assert "Osterby tram drivers strike</h1>" in c.get("/stories/stram0000002").text
        with Store(path) as writer:
            old = writer.load_story("stram0000002")
            writer.save_result(
                WeaveResult(
                    stories=[
                        Story(
                            id=old.id,
                            headline="Osterby tram strike ends",
                            articles=old.articles,
                            summary=old.summary,
                        )
                    ]
                )
            )
        assert "Osterby tram strike ends</h1>" in c.get("/stories/stram0000002").text
        assert c.get("/api/stories/stram0000002").json()["headline"] == "Osterby tram strike ends"


# ------------------------------------------------------------------------------ adding


def test_add_endpoint_guards(tmp_path, monkeypatch):
    path = tmp_path / "add.db"
    build_web_store(path)
    calls = []

    def fake_add(db, records):
        calls.append(records)
        return {"stories": [], "skipped": []}

    monkeypatch.setattr(web.app, "add_articles", fake_add)
    monkeypatch.setattr(web.guard, "ADD_RATE", 3)
    with TestClient(web.create_app(path, allow_add=True)) as c:
        assert "/api/articles" in c.get("/openapi.json").json()["paths"]
        ok = c.post("/api/articles", json={"text": "Something happened.", "title": "T"})
        assert ok.status_code == 201, ok.text
        assert calls == [[{"text": "Something happened.", "title": "T"}]]
        assert c.post("/api/articles", json={"title": "no text"}).status_code == 400
        assert c.post("/api/articles", json=[{"text": 5}]).status_code == 400
        big = {"text": "x" * (web.MAX_ADD_BYTES + 10)}
        assert c.post("/api/articles", json=big).status_code == 413
        cross = c.post(
            "/api/articles", json={"text": "x"}, headers={"Origin": "http://evil.example"}
        )
        assert cross.status_code == 403
        # the rate limit (3 per window here) is reached by now
        r = c.post("/api/articles", json={"text": "again"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert len(calls) == 1


def test_article_records_validation():
    assert web._article_records({"articles": [{"text": "a", "extra": 1}]}) == [{"text": "a"}]
    for bad in (
        [],
        [{"text": ""}],
        ["text"],
        {"text": "a", "title": 3},
        [{"text": "a"}] * (web.MAX_ADD_ARTICLES + 1),
    ):
        # an InputError (a NewsweaveError), not a bare ValueError (issue 21)
        with pytest.raises(InputError):
            web._article_records(bad)


@pytest.mark.slow
def test_add_runs_the_pipeline(tmp_path):
    path = tmp_path / "add.db"
    with TestClient(web.create_app(path, allow_add=True)) as c:
        text = (
            "The harbour of Kessby reopened on Monday after a storm. "
            "Port officials said ferries would run again from Tuesday. "
            "The storm damaged two piers and a warehouse."
        )
        r = c.post(
            "/api/articles",
            json={"text": text, "title": "Kessby harbour reopens", "outlet": "Coast Wire"},
        )
        assert r.status_code == 201, r.text
        story_id = r.json()["stories"][0]["id"]
        assert c.get(f"/stories/{story_id}").status_code == 200


# ------------------------------------------------------------------------------ helpers


def test_parse_date_and_noise_segments():
    assert str(web.parse_date("2030-06-03T10:00:00Z")) == "2030-06-03"
    assert str(web.parse_date("2024-06")) == "2024-06-01"
    assert web.parse_date("last week") is None and web.parse_date("2030-13-40") is None
    a = make_article("x", ["Kept one.", "Kept two."], noise=[("Caption here", "caption")])
    segs, unplaced = web.noise_segments(a)
    assert "".join(s["text"] for s in segs) == a.raw_text
    assert [s["reason"] for s in segs if s["reason"]] == ["caption"] and not unplaced
    b = Article(id="y", text="t", removed=(Removed("gone", "byline"),))
    assert web.noise_segments(b) == ([], [{"text": "gone", "reason": "byline"}])


def test_cli_registers_serve():
    from newsweave import cli

    parser = cli.build_parser()
    args = parser.parse_args(["serve", "--db", "x.db", "--port", "8123"])
    assert args.func is cli.cmd_serve and args.host == "127.0.0.1" and args.port == 8123
    assert args.allow_add is False
    demo = parser.parse_args(["demo", "--serve", "--port", "8124"])
    assert demo.serve and demo.port == 8124


def test_demo_serve_weaves_then_serves(tmp_path, monkeypatch):
    from newsweave import cli, pipeline

    woven, served = [], []

    def fake_weave(paths, config, **kw):
        woven.append((list(paths), config.store.path))
        return WeaveResult()

    monkeypatch.setattr(pipeline, "weave_result", fake_weave)
    monkeypatch.setattr(web, "serve", lambda *a, **kw: served.append(a))
    db = str(tmp_path / "demo.db")
    assert cli.main(["demo", "--serve", "--db", db, "--port", "8125", "-q"]) == 0
    assert woven == [([cli.EXAMPLES_DIR], db)]
    assert served == [(db, "127.0.0.1", 8125)]


def _story_with_an_outlier(make_article, story_id):
    """Five events over four days in March 2025 and one from 2022."""
    from newsweave.model import Citation, Story, TimelineEvent

    a = make_article(
        "The strike began. Talks failed.", title="Strike", outlet="Post", published="2025-03-05"
    )
    days = ["2025-03-03", "2025-03-04", "2025-03-04", "2025-03-05", "2025-03-06"]
    events = tuple(
        TimelineEvent(d, f"event on {d} #{i}", (Citation(a.id, 0),)) for i, d in enumerate(days)
    )
    events = (TimelineEvent("2022-05-01", "The last strike ended", (Citation(a.id, 1),)), *events)
    return Story(id=story_id, headline="Strike", articles=(a,), timeline=events)


def test_timeline_chart_lists_a_far_outlier_beside_the_chart(make_article):
    from newsweave import web

    story = _story_with_an_outlier(make_article, "s1")
    events = story.timeline
    chart = web.story_page(story)["chart"]
    assert [t["date"] for t in chart["outliers"]] == ["2022-05-01"]
    assert len(chart["events"]) == 5
    xs = [e["x"] for e in chart["events"]]
    # the five days spread over the chart instead of one point
    assert max(xs) - min(xs) > 0.5 * (chart["right"] - chart["left"])
    # two events years apart are both on the chart (no outlier among two)
    kept, out = web.split_outliers([(web.parse_date(e.date), e) for e in events[:2]])
    assert len(kept) == 2 and not out


def test_an_outlier_event_is_listed_once_on_the_story_page(make_article, tmp_path):
    """An event far from the others is listed beside the chart, with its source link, and
    not a second time in the list of all events."""
    from newsweave.model import WeaveResult
    from newsweave.store import Store

    story = _story_with_an_outlier(make_article, "sout0000001")
    path = tmp_path / "out.db"
    with Store(path) as store:
        store.save_result(WeaveResult(stories=[story]))
    with TestClient(web.create_app(path)) as c:
        html = c.get("/stories/sout0000001").text
    section = html[html.index('id="timeline"') :]
    section = section[: section.index("</section>")]
    assert section.count("The last strike ended") == 1
    outliers = section[section.index('class="timeline-outliers"') :]
    outliers = outliers[: outliers.index("</ul>")]
    assert "The last strike ended" in outliers and "href=" in outliers
    assert section.count("event on 2025-03-04 #1") >= 1


@pytest.mark.parametrize("damage", ["not json", '{"not": "a list"}'])
def test_damaged_fact_row_is_a_clean_error_not_a_crash(tmp_path, damage):
    """A fact row edited outside newsweave (not JSON, or JSON of the wrong shape) gives the
    store's error naming the row and the fix, on the page and in the API; other stories still
    load."""
    import sqlite3

    path = tmp_path / "web.db"
    ids = build_web_store(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE story_facts SET json = ? WHERE story_id = ? AND kind = 'coverage'",
        (damage, ids["dam"].id),
    )
    conn.commit()
    conn.close()
    with TestClient(web.create_app(path), raise_server_exceptions=False) as c:
        page = c.get(f"/stories/{ids['dam'].id}")
        api = c.get(f"/api/stories/{ids['dam'].id}")
        other = c.get(f"/stories/{ids['tram'].id}")
    assert page.status_code == 503 and "Traceback" not in page.text
    assert "Weave the story again" in unescape(page.text)
    assert api.status_code == 503 and "coverage of story" in api.json()["detail"]
    assert other.status_code == 200
    with Store(path, create=False) as store, pytest.raises(StoreError, match="coverage"):
        store.load_story(ids["dam"].id)


def test_unexpected_error_is_a_clean_500(web_store, monkeypatch):
    """A bug in building a page gives an error page (HTML) or JSON, never a traceback."""
    path, ids = web_store

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(web.app, "story_page", broken)
    # a new app: the story page cache of the shared client must not answer for us
    with TestClient(web.create_app(path), raise_server_exceptions=False) as c:
        r = c.get(f"/stories/{ids['dam'].id}")
    assert r.status_code == 500
    assert "secret internals" not in r.text and "Traceback" not in r.text
    assert "could not be built" in r.text


def test_story_page_lists_every_carrier_and_links_a_copy_cited_for_its_own_lines(tmp_path):
    """Issue 19: a folded wire copy is among the story's outlets, and a summary sentence that
    only the copy has links to the copy's own page, which shows that sentence."""
    import dataclasses

    from newsweave.model import Citation, Duplicate, Sentence, SummarySentence

    kept = make_article(
        "k1d0dam0river001",
        [
            "The dam on the Vell river opened on Monday after six years of work.",
            "Water levels downstream fell by 40 per cent within a day.",
        ],
        title="Vell dam opens",
        outlet="River Times",
        source="in/river.txt",
    )
    text = kept.text + "\n\nShares in the builder rose 3 per cent on the news."
    own = Sentence(
        2, "Shares in the builder rose 3 per cent on the news.", len(kept.text) + 2, len(text)
    )
    wire = Duplicate(
        "w1d0dam0wire0001",
        outlet="Nordic Wire",
        title="Vell dam opens (wire)",
        source="in/wire.json",
        text=text,
        sentences=(own,),
    )
    story = Story(
        id="swire0000001",
        headline="Vell dam opens",
        articles=(dataclasses.replace(kept, duplicates=(wire,)),),
        summary=Summary(
            (SummarySentence(own.text, (Citation(wire.article_id, 2, own.start, own.end),)),)
        ),
    )
    path = tmp_path / "w.db"
    with Store(path) as s:
        s.save_story(story)
    with TestClient(web.create_app(path)) as c:
        page = unescape(c.get("/stories/swire0000001").text)
        assert "from Nordic Wire, River Times" in page
        assert "copy of [1]" in page
        assert f'href="/articles/{wire.article_id}#s2"' in page
        copy_page = c.get(f"/articles/{wire.article_id}")
        assert copy_page.status_code == 200 and own.text in unescape(copy_page.text)
        api = c.get("/api/stories/swire0000001").json()
        assert api["outlets"] == ["Nordic Wire", "River Times"]
        assert api["sources"][1]["copy_of"] == kept.id


def test_timeline_chart_keeps_the_main_run_when_events_span_twenty_years(make_article):
    from newsweave import web
    from newsweave.model import Citation, Story, TimelineEvent

    a = make_article(
        "The strike began. Talks failed.", title="Strike", outlet="Post", published="2025-03-05"
    )
    spread = (
        ["2006", "2021", "2024", "2024", "2025-Q1"]
        + ["2025-03-04"] * 6
        + ["2025-03-05"] * 3
        + ["2025-04"]
    )
    long_text = "A sentence long enough that its label would not fit on either side " * 2
    events = tuple(
        TimelineEvent(d, f"{long_text}#{i}", (Citation(a.id, 0),)) for i, d in enumerate(spread)
    )
    chart = web.story_page(Story(id="s2", headline="Strike", articles=(a,), timeline=events))[
        "chart"
    ]
    assert {e["date"] for e in chart["events"]} == {"2025-03-04", "2025-03-05"}
    assert [t["date"] for t in chart["outliers"]] == [
        "2006",
        "2021",
        "2024",
        "2024",
        "2025-Q1",
        "2025-04",
    ]
    xs = sorted({e["x"] for e in chart["events"]})
    assert xs[-1] - xs[0] > 0.5 * (chart["right"] - chart["left"])
    for e in chart["events"]:  # every label fits between the dot and the chart's edge
        room = chart["width"] - e["label_x"] if e["anchor"] == "start" else e["label_x"]
        assert len(e["label"]) * web.pages.LABEL_CHAR_PX <= room + 10, e
