"""Browser tests of the web app: Playwright for Python driving Debian's chromium, headless,
against a server started on 127.0.0.1 (a free port) over a small hand-built store.

No browser is ever downloaded: the tests use ``chromium`` from the system (``apt-get install
chromium``) and skip with the reason when it or Playwright is absent. Screenshots go to a
temporary directory (its path is printed with ``-s``). The README's ``docs/screenshot.png`` is
the same kind of capture of ``newsweave demo --serve`` (a story page with a citation preview).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

HIGHLIGHT = "rgb(255, 243, 163)"  # --hl in static/web.css


def _chromium() -> str:
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A uvicorn server in a thread on 127.0.0.1:<free port>; yields (base_url, ids)."""
    import uvicorn

    from newsweave import web
    from test_web import build_web_store

    db = tmp_path_factory.mktemp("browser") / "web.db"
    ids = build_web_store(db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        web.create_app(db, allowed_hosts=web.LOOPBACK_HOSTS), log_level="warning", lifespan="on"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    chromium = _chromium()
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="Playwright for Python is not installed (pip install playwright)",
    )
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots in {path}")
    return path


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def test_list_search_story_and_citation(server, page, shots):
    base, ids = server
    page.goto(base + "/")
    rows = page.locator("li.story-row a.headline")
    assert rows.all_inner_texts() == ["Vell river dam opens", "Osterby tram drivers strike"]
    assert "River Times" in page.locator("li.story-row").first.inner_text()
    page.screenshot(path=str(shots / "list.png"))

    # search through the box in the header
    page.fill("header input[name=q]", "spillway")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=spillway")
    results = page.locator("li.result a.title")
    assert results.count() == 1
    assert results.first.inner_text() == "Vell dam opens <script>alert('x')</script>"
    page.screenshot(path=str(shots / "search.png"))

    # open the story from the list
    page.goto(base + "/")
    page.click("text=Vell river dam opens")
    page.wait_for_url("**/stories/sdam00000001")
    assert page.locator("h1").inner_text() == "Vell river dam opens"
    assert page.locator("svg.timeline-chart circle").count() == 2
    assert page.locator("tr.disagreement").count() == 2
    page.screenshot(path=str(shots / "story.png"), full_page=True)

    # click the second citation of the fourth summary sentence: a quote in another article
    dam = ids["dam"]
    sentence = page.locator("p.summary-sentence").nth(3)
    cited = dam.summary.sentences[3].citations[1]  # (Valley Post, sentence 1): a quote
    expected = dam.article(cited.article_id).sentences[cited.sentence_index].text
    sentence.locator("a.cite").nth(1).click()
    page.wait_for_url(f"**/articles/{cited.article_id}#s{cited.sentence_index}")
    target = page.locator(".sent:target")
    assert target.count() == 1
    assert target.inner_text() == expected
    assert page.locator(".sent.hl").inner_text() == expected  # web.js marked it too
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.screenshot(path=str(shots / "cited-sentence.png"))

    # and back: the first citation of every summary sentence lands on its verbatim sentence
    page.go_back()
    for i, s in enumerate(dam.summary.sentences):
        page.locator("p.summary-sentence").nth(i).locator("a.cite").first.click()
        page.wait_for_url(f"**#s{s.citations[0].sentence_index}")
        assert page.locator(".sent:target").inner_text() == s.text
        page.go_back()
    assert not page.dialogs


def test_script_in_article_text_shows_as_text(server, page, shots):
    base, ids = server
    article = ids["script_article"]
    page.goto(f"{base}/articles/{article.id}")
    assert page.locator("h1").inner_text() == "Vell dam opens <script>alert('x')</script>"
    assert page.locator("#s1").inner_text() == article.sentences[1].text
    assert "<script>alert('x')</script>" in page.locator("#s1").inner_text()
    assert page.locator("main script").count() == 0
    # the noise toggle swaps in the raw text with removed pieces struck through
    assert not page.locator(".noise-view").is_visible()
    page.click("label[for=show-noise]")
    assert page.locator(".noise-view").is_visible()
    assert not page.locator(".clean-text").is_visible()
    removed = page.locator("del.removed")
    assert removed.all_inner_texts() == ["(Photo: A. Berg/River Times)", "Follow us: @rivertimes"]
    assert page.locator(".why").all_inner_texts() == ["CREDIT", "SOCIAL"]  # uppercased by CSS
    page.screenshot(path=str(shots / "noise.png"), full_page=True)
    # a story page whose cited sentence holds "</script>": the preview JSON stays inert
    page.goto(f"{base}/stories/sdam00000001")
    page.hover("p.summary-sentence >> nth=1 >> a.cite")
    preview = page.locator("#citation-preview")
    assert preview.is_visible()
    assert "</script><script>alert(1)</script>" in preview.inner_text()
    assert not page.dialogs


def test_citations_work_without_javascript(server, browser):
    base, ids = server
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base}/stories/sdam00000001")
        page.locator("p.summary-sentence").first.locator("a.cite").first.click()
        page.wait_for_url("**#s0")
        target = page.locator(".sent:target")
        assert target.inner_text() == ids["dam"].summary.sentences[0].text
        assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
        page.goto(f"{base}/")
        page.fill("header input[name=q]", "tram")
        page.press("header input[name=q]", "Enter")
        page.wait_for_url("**/search?q=tram")
        assert page.locator("li.result").count() == 1
    finally:
        context.close()


# ------------------------------------------------------------------ timeline spanning years
def _wide_timeline_store(path: Path) -> None:
    """One story whose events sit in five days of June 2030, plus a 2022 precedent."""
    from factories import event
    from newsweave.model import Story, WeaveResult
    from newsweave.store import Store
    from test_web import make_article, summary_of

    days = ["2030-06-01", "2030-06-02", "2030-06-03", "2030-06-04", "2030-06-05"]
    a = make_article(
        "w1de0line0art001",
        [f"Event number {i} of the bridge story happened." for i in range(len(days))]
        + ["A similar bridge failed in 2022."],
        title="Bridge closure, day by day",
        outlet="Harbour Gazette",
        published="2030-06-05",
        source="in/bridge.txt",
    )
    story = Story(
        id="swide0000003",
        headline="Bridge closure, day by day",
        articles=(a,),
        summary=summary_of((a, 0, [])),
        timeline=tuple(
            event(d, f"Event number {i} of the bridge story happened.", (a, i))
            for i, d in enumerate(days)
        )
        + (event("2022-03-14", "A similar bridge failed in 2022.", (a, len(days))),),
    )
    # events over twenty years, the bulk in three days of March 2025 (as the bundled pilot
    # strike example: "founded in 2006", "signed in 2021", "last year", "first-quarter")
    spread = (
        ["2006", "2021", "2021", "2024", "2024", "2024", "2025", "2025-Q1"]
        + ["2025-03-03"]
        + ["2025-03-04"] * 8
        + ["2025-03-05"] * 4
        + ["2025-04"]
    )
    b = make_article(
        "w2de0line0art002",
        [
            f"Strike fact number {i} with a fairly long sentence to label the dot on the chart."
            for i in range(len(spread))
        ],
        title="Pilots strike",
        outlet="Northgate Herald",
        published="2025-03-05",
        source="in/strike.txt",
    )
    strike = Story(
        id="swide0000004",
        headline="Pilots strike",
        articles=(b,),
        summary=summary_of((b, 0, [])),
        timeline=tuple(event(d, b.sentences[i].text, (b, i)) for i, d in enumerate(spread)),
    )
    with Store(path) as store:
        store.save_result(WeaveResult(stories=[story, strike], skipped=[]))


def test_timeline_chart_stays_readable_when_one_event_is_years_away(
    browser, tmp_path_factory, shots
):
    import uvicorn

    from newsweave import web

    db = tmp_path_factory.mktemp("wide") / "wide.db"
    _wide_timeline_store(db)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(
            web.create_app(db, allowed_hosts=web.LOOPBACK_HOSTS), log_level="warning", lifespan="on"
        )
    )
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/stories/swide0000003")
        dots = page.locator("svg.timeline-chart circle")
        assert dots.count() == 5  # the five June days; the 2022 event is not squeezed in
        xs = []
        for i in range(dots.count()):
            box = dots.nth(i).bounding_box()
            assert box is not None
            xs.append(box["x"] + box["width"] / 2)
        # the bulk spreads over a readable width: consecutive days at least 60 px apart, the
        # whole at least half the chart
        chart = page.locator("svg.timeline-chart").bounding_box()
        assert chart is not None
        assert all(b - a >= 60 for a, b in zip(xs, xs[1:], strict=False)), xs
        assert xs[-1] - xs[0] >= chart["width"] / 2, (xs, chart)
        # the outlier is shown, separately, with its date
        outliers = page.locator("ul.timeline-outliers li")
        assert outliers.count() == 1
        assert "2022-03-14" in outliers.first.inner_text()
        assert outliers.first.is_visible()
        page.locator("#timeline").screenshot(path=str(shots / "timeline-wide.png"))

        # twenty years of events, the bulk in three days: the three days fill the axis, the
        # rest is listed apart, and no label runs off the chart
        page.goto(f"http://127.0.0.1:{port}/stories/swide0000004")
        dots = page.locator("svg.timeline-chart circle")
        assert dots.count() == 13
        centres = sorted({round(dots.nth(i).bounding_box()["x"]) for i in range(13)})
        chart = page.locator("svg.timeline-chart").bounding_box()
        assert len(centres) == 3 and centres[-1] - centres[0] >= chart["width"] / 2, centres
        assert page.locator("ul.timeline-outliers li").count() == 9
        for i in range(13):
            label = page.locator("svg.timeline-chart g.event text").nth(i).bounding_box()
            assert (
                chart["x"] - 1 <= label["x"]
                and label["x"] + label["width"] <= chart["x"] + chart["width"] + 1
            ), (i, label)
        page.locator("#timeline").screenshot(path=str(shots / "timeline-years.png"))
    finally:
        context.close()
        srv.should_exit = True
        thread.join(10)
        sock.close()
