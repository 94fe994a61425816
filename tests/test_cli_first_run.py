"""What a first-time user runs into (issue 20): story ids, grouping, settings, exit codes,
tracebacks, progress, offline use and hostile-but-readable inputs."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from pathlib import Path

import pytest

from newsweave import cli

BRIDGE = """Harbour bridge shut after inspectors find cracks

The city of Dunmore closed its harbour bridge on Monday after inspectors found cracks in two
steel girders. Engineers said the crossing would stay shut for at least four months while
temporary supports are fitted. Commuters were told to use the ferry or the ring road.
"""

BRIDGE_FOLLOW_UP = """Ferry queues grow as Dunmore bridge stays closed

Hundreds of commuters waited up to an hour for the harbour ferry on Tuesday, the first full
working day since the city shut its cracked bridge. The ferry operator added two extra boats
and the council promised a shuttle bus from the railway station by the end of the week.
"""

ORCHESTRA = """City orchestra names a new principal conductor

The Dunmore Philharmonic named a 34-year-old violinist as its principal conductor on Friday,
the youngest in its history. She will lead twelve concerts next season and start a free
series of school performances, the orchestra's board said in a statement.
"""


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def _stories(db: Path) -> list[dict]:
    from newsweave.store import Store

    with Store(db, create=False) as store:
        return store.list_stories()


# ------------------------------------------------------------------ 1. story ids


def test_two_stdin_runs_into_one_store_keep_both_stories(tmp_path, monkeypatch, capsys):
    """Regression (issue 20): every stdin run got the same story id, so a second run with
    another article replaced the first story in the store."""
    db = tmp_path / "s.db"
    for text in (BRIDGE, ORCHESTRA):
        _stdin(monkeypatch, text)
        code = cli.main(["weave", "-", "--db", str(db), "--no-facts", "-q"])
        assert code == 0
    capsys.readouterr()
    stories = _stories(db)
    headlines = sorted(s["headline"] for s in stories)
    assert len(stories) == 2, headlines
    assert any("bridge" in h for h in headlines) and any("conductor" in h for h in headlines)


def test_grouped_story_keeps_its_id_when_it_gains_an_article(tmp_path, capsys):
    """A story the input groups keeps its stored id when a later run adds an article to it,
    and a different group never replaces it."""
    root = tmp_path / "in"
    (root / "bridge").mkdir(parents=True)
    (root / "bridge" / "a.txt").write_text(BRIDGE)
    db = tmp_path / "s.db"
    assert cli.main(["weave", str(root), "--db", str(db), "--no-facts", "-q"]) == 0
    first = _stories(db)
    assert len(first) == 1
    (root / "bridge" / "b.txt").write_text(BRIDGE_FOLLOW_UP)
    assert cli.main(["weave", str(root), "--db", str(db), "--no-facts", "-q"]) == 0
    second = _stories(db)
    assert [s["id"] for s in second] == [first[0]["id"]]
    assert second[0]["size"] == 2
    capsys.readouterr()


# ------------------------------------------------------------------ 2. grouping


ORCHESTRA_FOLLOW_UP = """New Philharmonic conductor promises free school concerts

The Dunmore Philharmonic's new principal conductor said on Saturday that her first season
would open with a free concert for school pupils. The violinist, named to the post on Friday,
told reporters the orchestra board had approved twelve concerts and a youth programme.
"""


def _weave(paths, **overrides):
    from newsweave import pipeline
    from newsweave.config import load_config

    cfg = load_config(None, facts=False, **overrides)
    return pipeline.weave_result([str(p) for p in paths], cfg)


def _pile(root: Path) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    texts = {
        "bridge.txt": BRIDGE,
        "ferry.txt": BRIDGE_FOLLOW_UP,
        "orchestra.txt": ORCHESTRA,
        "conductor.txt": ORCHESTRA_FOLLOW_UP,
    }
    for name, text in texts.items():
        (root / name).write_text(text)
    return [root / n for n in texts]


def _story_sets(result) -> set[frozenset[str]]:
    return {frozenset(Path(a.source).stem for a in s.articles) for s in result.stories}


PILE_STORIES = {frozenset({"bridge", "ferry"}), frozenset({"orchestra", "conductor"})}


def test_files_named_one_by_one_are_a_pile_and_clustered(tmp_path):
    """Regression (issue 20): files took their parent folder as their story, so unrelated
    articles named one by one became one story."""
    files = _pile(tmp_path / "pile")
    assert _story_sets(_weave(files)) == PILE_STORIES


def test_flat_folder_is_a_pile_and_clustered(tmp_path):
    _pile(tmp_path / "pile")
    assert _story_sets(_weave([tmp_path / "pile"])) == PILE_STORIES
    # --no-cluster: each article of the pile is its own story
    assert len(_weave([tmp_path / "pile"], **{"cluster.mode": "never"}).stories) == 4


def test_sub_folders_of_a_named_folder_are_stories(tmp_path):
    """Sub-folders keep their grouping even when their contents are unrelated."""
    root = tmp_path / "in"
    (root / "one").mkdir(parents=True)
    (root / "two" / "deeper").mkdir(parents=True)
    (root / "one" / "bridge.txt").write_text(BRIDGE)
    (root / "one" / "orchestra.txt").write_text(ORCHESTRA)
    (root / "two" / "ferry.txt").write_text(BRIDGE_FOLLOW_UP)
    (root / "two" / "deeper" / "conductor.txt").write_text(ORCHESTRA_FOLLOW_UP)
    assert _story_sets(_weave([root])) == {
        frozenset({"bridge", "orchestra"}),
        frozenset({"ferry", "conductor"}),
    }
    # --cluster ignores the explicit groups
    assert _story_sets(_weave([root], **{"cluster.mode": "always"})) == PILE_STORIES


def test_jsonl_story_key_keeps_grouping_and_plain_jsonl_is_a_pile(tmp_path):
    lines = [
        {"text": t, "title": t.split("\n")[0]}
        for t in (BRIDGE, ORCHESTRA, BRIDGE_FOLLOW_UP, ORCHESTRA_FOLLOW_UP)
    ]
    plain = tmp_path / "plain.jsonl"
    plain.write_text("\n".join(json.dumps(x) for x in lines))
    result = _weave([plain])
    assert len(result.stories) == 2
    assert {len(s.articles) for s in result.stories} == {2}
    keyed = tmp_path / "keyed.jsonl"
    keyed.write_text("\n".join(json.dumps({**x, "story": "abba"[i]}) for i, x in enumerate(lines)))
    stories = _weave([keyed]).stories
    titles = [{a.title.split()[0] for a in s.articles} for s in stories]
    assert sorted(map(sorted, titles)) == [["City", "Ferry"], ["Harbour", "New"]]


def test_examples_folder_gives_one_story_per_sub_folder(examples_dir):
    result = _weave([examples_dir])
    dirs = {frozenset(Path(a.source).parent.name for a in s.articles) for s in result.stories}
    expected = {frozenset({d.name}) for d in examples_dir.iterdir() if d.is_dir()}
    assert dirs == expected and len(expected) == 3


# ------------------------------------------------------------------ 3. settings and exit codes


@pytest.fixture
def no_work(monkeypatch):
    """Fail the test if the pipeline starts: settings must be refused before any work."""
    from newsweave import pipeline

    def boom(*a, **k):
        raise AssertionError("the pipeline ran although a setting was wrong")

    monkeypatch.setattr(pipeline, "weave_result", boom)
    monkeypatch.setattr(pipeline, "weave_articles", boom)


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv, named",
    [
        (["--words", "0"], "--words"),
        (["--words", "-3"], "--words"),
        (["--method", "bogus"], "--method"),
        (["--out", "/nonexistent/dir/out.md"], "--out"),
        (["--workers", "-1"], "--workers"),
    ],
)
def test_bad_flag_is_usage_error_before_work(tmp_path, capsys, no_work, argv, named):
    """Regression (issue 20): --words 0 and --method bogus ran the whole pipeline, skipped
    every story and exited 3; --out into a missing folder failed after all the work."""
    (tmp_path / "a.txt").write_text(BRIDGE)
    code, out, err = _run(capsys, "weave", tmp_path / "a.txt", *argv)
    assert code == cli.EXIT_USAGE, err
    assert named in err and "Traceback" not in err and out == ""
    assert len(err.strip().splitlines()) == 1


def test_bad_toml_value_is_usage_error_naming_the_key(tmp_path, capsys, no_work):
    (tmp_path / "a.txt").write_text(BRIDGE)
    (tmp_path / "nw.toml").write_text("[summarize]\nwords = -5\n")
    code, _, err = _run(capsys, "weave", tmp_path / "a.txt", "--config", tmp_path / "nw.toml")
    assert code == cli.EXIT_USAGE and "summarize.words" in err and "words = 250" in err


def test_bad_fetch_flag_is_usage_error(tmp_path, capsys, monkeypatch):
    from newsweave import fetch

    monkeypatch.setattr(fetch, "fetch_urls", lambda *a, **k: pytest.fail("fetched"))
    (tmp_path / "urls.txt").write_text("http://127.0.0.1:9/a\n")
    code, _, err = _run(
        capsys,
        "fetch",
        "--urls",
        tmp_path / "urls.txt",
        "--timeout",
        "0",
        "--db",
        tmp_path / "s.db",
    )
    assert code == cli.EXIT_USAGE and "--timeout" in err


def test_exit_code_table(tmp_path, capsys):
    """One check per row of the README's exit-code table."""
    good = tmp_path / "good.txt"
    good.write_text(BRIDGE)
    # 0: success
    code, out, _ = _run(capsys, "weave", good, "--no-facts", "-q")
    assert code == cli.EXIT_OK and "Harbour bridge" in out
    # 1: fatal: the sole input is missing (no empty report, not a partial success)
    code, out, err = _run(capsys, "weave", tmp_path / "missing.txt", "--no-facts")
    assert code == cli.EXIT_ERROR and out == "" and "missing.txt" in err
    # 1: fatal: every input was skipped
    (tmp_path / "empty.txt").write_text("   \n")
    code, out, err = _run(capsys, "weave", tmp_path / "empty.txt", "--no-facts")
    assert code == cli.EXIT_ERROR and out == "" and "empty.txt" in err
    # 2: usage: no PATH
    code, out, err = _run(capsys, "weave")
    assert code == cli.EXIT_USAGE and "PATH" in err
    # 3: partial: one input skipped, the rest woven
    code, out, err = _run(capsys, "weave", good, tmp_path / "missing.txt", "--no-facts")
    assert code == cli.EXIT_PARTIAL and "Harbour bridge" in out and "missing.txt" in err


def test_serve_refuses_busy_port_and_bad_port(tmp_path, capsys, monkeypatch):
    """Regression (issue 20): serve on a busy port printed "serving at ..." then exited 3;
    --port 99999 gave a traceback."""
    import socket

    from newsweave import web
    from newsweave.store import Store

    monkeypatch.setattr(web, "serve", lambda *a, **k: pytest.fail("served"))
    db = tmp_path / "s.db"
    Store(db).close()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = _run(capsys, "serve", "--db", db, "--port", port)
    assert code == cli.EXIT_USAGE and "--port" in err and "serving" not in out
    code, out, err = _run(capsys, "serve", "--db", db, "--port", 99999)
    assert code == cli.EXIT_USAGE and "65535" in err and "Traceback" not in err


# ------------------------------------------------------------------ 4. no traceback


def test_show_out_folder_is_one_line_error(tmp_path, capsys):
    from newsweave.store import Store

    db = tmp_path / "s.db"
    Store(db).close()
    code, out, err = _run(capsys, "show", "sxxx", "--db", db, "--out", tmp_path)
    assert code == cli.EXIT_USAGE and "--out" in err and "folder" in err
    assert len(err.strip().splitlines()) == 1


def test_os_error_at_the_boundary_is_one_line(tmp_path, capsys, monkeypatch):
    def denied(args):
        raise PermissionError(13, "Permission denied", str(tmp_path / "x"))

    monkeypatch.setattr(cli, "cmd_stories", denied)
    code, _, err = cli.main(["stories", "--db", str(tmp_path / "x")]), *capsys.readouterr()
    assert code == cli.EXIT_ERROR
    assert err.startswith("newsweave: error: Permission denied") and err.count("\n") == 1


def test_junk_warc_message_is_escaped_and_cut(tmp_path, capsys):
    import gzip
    import os

    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(gzip.compress(os.urandom(4000)))
    good = tmp_path / "good.txt"
    good.write_text(BRIDGE)
    code, _, err = _run(capsys, "weave", good, junk, "--no-facts")
    assert code == cli.EXIT_PARTIAL
    lines = [ln for ln in err.splitlines() if "junk.warc.gz" in ln]
    assert lines and all(len(ln) <= cli.MAX_MESSAGE_CHARS + 140 for ln in lines)
    assert all(ch.isprintable() for ln in lines for ch in ln)


def test_one_line_escapes_and_cuts():
    assert cli.one_line("a\x00b\x1bc") == "a\\x00b\\x1bc"
    assert len(cli.one_line("x" * 1000)) == cli.MAX_MESSAGE_CHARS


# ------------------------------------------------------------------ 5. progress


def test_plain_progress_line_per_stage_and_nothing_with_quiet(tmp_path, capsys):
    """Regression (issue 20): a run printed no progress at all."""
    files = _pile(tmp_path / "pile")
    code, _, err = _run(capsys, "weave", *files, "--no-facts")
    assert code == cli.EXIT_OK
    lines = err.splitlines()
    for line in (
        "newsweave: read 4 articles",
        "newsweave: cleaned 4 articles",
        "newsweave: stories 2 stories",
        "newsweave: summarized 2 stories",
    ):
        assert line in lines, err
    code, _, err = _run(capsys, "weave", *files, "--no-facts", "-q")
    assert code == cli.EXIT_OK and err == ""


def test_progress_bars_on_a_terminal(tmp_path, capsys):
    from newsweave import pipeline
    from newsweave.config import load_config

    class Tty(io.StringIO):
        def isatty(self):
            return True

    screen = Tty()
    progress = cli.StageProgress(bars=True, stream=screen)
    (tmp_path / "a.txt").write_text(BRIDGE)
    pipeline.weave_result(
        [str(tmp_path / "a.txt")], load_config(None, facts=False), progress=progress
    )
    shown = screen.getvalue()
    assert "summarized: 100%" in shown and "1/1" in shown and "cleaned" in shown


def test_model_library_bars_are_silenced(tmp_path):
    """Regression (issue 20): "Loading weights" bars of the model library appeared even with
    -q and on non-terminals."""
    import os
    import subprocess

    (tmp_path / "a.txt").write_text(BRIDGE)
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[1])}
    env.pop("HF_HUB_DISABLE_PROGRESS_BARS", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsweave.cli",
            "weave",
            str(tmp_path / "a.txt"),
            "-q",
            "--no-facts",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Harbour bridge" in proc.stdout
    assert proc.stderr == ""


def test_demo_says_where_it_wrote_its_store(tmp_path, capsys):
    db = tmp_path / "demo.db"
    code, _, err = _run(
        capsys, "demo", "--db", db, "--no-facts", "--format", "json", "--out", tmp_path / "r.json"
    )
    assert code == cli.EXIT_OK
    assert str(db.resolve()) in err
    assert len(json.loads((tmp_path / "r.json").read_text())["stories"]) == 3


@contextlib.contextmanager
def _local_site():
    """The local test site of tests/test_fetch.py on 127.0.0.1 (its pages, feeds, robots.txt)."""
    import threading
    from http.server import ThreadingHTTPServer

    from test_fetch import Site, make_handler

    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_reports_progress_while_it_waits():
    from newsweave.fetch import fetch_urls
    from test_fetch import FAST

    seen = []
    with _local_site() as site:
        fetch_urls(
            [f"{site.base}/article/{i}" for i in range(1, 6)],
            FAST,
            progress=lambda stage, done, total: seen.append((stage, done, total)),
        )
    assert seen[0] == ("fetch", 0, 5) and seen[-1] == ("fetch", 5, 5)
    assert [d for _, d, _ in seen] == list(range(6))


# ------------------------------------------------------------------ 7. offline for real


def test_docs_page_is_served_without_a_cdn(tmp_path):
    """Regression (issue 20): /docs loaded Swagger UI from a CDN, so it was blank offline."""
    from fastapi.testclient import TestClient

    from newsweave import web
    from newsweave.store import Store

    db = tmp_path / "s.db"
    Store(db).close()
    with TestClient(web.create_app(str(db)), base_url="http://127.0.0.1:8000") as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert "cdn" not in page.text.lower() and "https://" not in page.text
        scripts = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert any(s.endswith("swagger-ui-bundle.js") for s in scripts)
        for src in scripts:
            assert src.startswith("/"), src
            assert client.get(src).status_code == 200, src


def test_fetch_offline_makes_no_network_request(tmp_path, capsys, monkeypatch):
    """Regression (issue 20): `fetch --offline` still requested pages that were not stored."""
    import socket

    attempts = []
    guarded = socket.socket.connect  # the conftest network guard

    def connect(self, address):
        attempts.append(address)
        return guarded(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    with _local_site() as site:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{site.base}/article/3\nhttp://192.0.2.1/news/1\n")
        code, _, err = _run(
            capsys, "fetch", "--urls", urls, "--offline", "--no-weave", "--db", tmp_path / "s.db"
        )
        assert site.hits == {}
    assert attempts == []
    assert code == cli.EXIT_PARTIAL and err.count("--offline forbids downloading") == 2


def test_robots_txt_is_read_once_per_host_per_run():
    from newsweave.fetch import fetch_feed
    from test_fetch import FAST

    with _local_site() as site:
        result = fetch_feed(site.base + "/feed.xml", FAST)
        assert len(result.articles) > 10
        assert site.hits["/robots.txt"] == 1


# ------------------------------------------------------------------ 6. copies across runs


def _wire_copy(text: str) -> str:
    """A reprint: another headline, the body with its last sentence changed."""
    title, body = text.split("\n", 1)
    body = body.replace(
        "Commuters were told to use the ferry or the ring road.",
        "Drivers were advised to use the ring road.",
    )
    return "Dunmore closes cracked harbour crossing\n" + body


def _articles_and_citations(db: Path) -> tuple[int, list[str], list]:
    from newsweave.store import Store

    with Store(db, create=False) as store:
        stories = [store.load_story(sid) for sid in store.story_ids()]
        return store.article_count(), [s.id for s in stories], stories


def test_copy_in_a_later_run_folds_into_the_stored_article(tmp_path, capsys):
    """Regression (issue 20): a reprint arriving in a later --db run became a second article,
    so every summary sentence was cited twice."""
    db = tmp_path / "s.db"
    (tmp_path / "day1").mkdir()
    (tmp_path / "day2").mkdir()
    (tmp_path / "day1" / "gazette.txt").write_text(BRIDGE)
    (tmp_path / "day2" / "wire.txt").write_text(_wire_copy(BRIDGE))
    assert (
        cli.main(
            ["weave", str(tmp_path / "day1"), "--cluster", "--db", str(db), "--no-facts", "-q"]
        )
        == 0
    )
    assert (
        cli.main(
            ["weave", str(tmp_path / "day2"), "--cluster", "--db", str(db), "--no-facts", "-q"]
        )
        == 0
    )
    n_articles, ids, stories = _articles_and_citations(db)
    assert n_articles == 1 and len(ids) == 1
    (article,) = stories[0].articles
    assert [Path(d.source).name for d in article.duplicates] == ["wire.txt"]
    assert article.duplicates[0].kind == "near"
    for sentence in stories[0].summary.sentences:
        assert len({c.article_id for c in sentence.citations}) == 1
    # the second run's report shows the story the copy went to
    out = capsys.readouterr().out
    assert out.count(f"story `{ids[0]}`") == 2


def test_web_post_joins_the_stored_story_like_weave_cluster_db(tmp_path, capsys):
    """Regression (issue 20): a follow-up added through POST /api/articles opened a new story
    where `weave --cluster --db` joins the existing one; a posted copy was not folded."""
    from newsweave import web

    db = tmp_path / "s.db"
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "bridge.txt").write_text(BRIDGE)
    (pile / "orchestra.txt").write_text(ORCHESTRA)
    assert cli.main(["weave", str(pile), "--cluster", "--db", str(db), "--no-facts", "-q"]) == 0
    capsys.readouterr()
    _, before, stories = _articles_and_citations(db)
    bridge_story = next(s.id for s in stories if "bridge" in s.headline.lower())
    title, body = BRIDGE_FOLLOW_UP.split("\n", 1)
    added = web.add_articles(
        str(db), [{"title": title, "text": body.strip(), "outlet": "Dunmore Courier"}]
    )
    assert [s["id"] for s in added["stories"]] == [bridge_story]
    n_articles, after, _ = _articles_and_citations(db)
    assert sorted(after) == sorted(before) and n_articles == 3
    title, body = _wire_copy(BRIDGE).split("\n", 1)
    web.add_articles(str(db), [{"title": title, "text": body.strip(), "outlet": "Wire"}])
    assert _articles_and_citations(db)[0] == 3


# ------------------------------------------------------------------ 8. hostile but readable

LONG = " ".join([BRIDGE.split("\n", 2)[2].replace("\n", " ")] * 3)


def _load(path: Path):
    from newsweave.config import IngestConfig
    from newsweave.ingest import load_articles

    return load_articles([path], IngestConfig())


def test_page_with_100000_junk_elements_before_its_article_is_extracted(tmp_path):
    """Regression (issue 20): such a page was refused outright."""
    junk = "<div><span>x</span></div>" * 50_000
    page = tmp_path / "junk.html"
    page.write_text(
        f"<html><head><title>Bridge shut</title></head><body>{junk}<article>"
        f"<h1>Harbour bridge shut after inspectors find cracks</h1><p>{LONG}</p>"
        "</article></body></html>"
    )
    (a,), skipped = _load(page)
    assert not skipped
    assert "inspectors found cracks" in a.text
    assert any(k == "repaired" and "<article>" in v for k, v in a.meta)


def test_page_with_100000_junk_elements_and_no_article_falls_back_to_plain_text(tmp_path):
    junk = "<div><span>x</span></div>" * 50_000
    page = tmp_path / "junk.html"
    page.write_text(
        f"<html><head><title>Bridge shut</title></head><body>{junk}"
        f"<div><p>{LONG}</p></div></body></html>"
    )
    (a,), skipped = _load(page)
    assert not skipped and "inspectors found cracks" in a.text
    assert a.extraction == "plain-text"
    assert any(k == "repaired" and "plain text" in v for k, v in a.meta)


def test_page_nested_200000_deep_is_refused_as_nesting_too_deep(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>"
        + "<div>" * 200_000
        + f"<p>{LONG}</p>"
        + "</div>" * 200_000
        + "</body></html>"
    )
    articles, (skip,) = _load(page)
    assert not articles and "nesting too deep" in skip.reason


def test_text_file_with_a_few_nul_bytes_is_stored_with_the_repair_noted(tmp_path):
    """Regression (issue 20): three NUL bytes inside real sentences got the file refused as
    "binary"."""
    path = tmp_path / "nul.txt"
    raw = BRIDGE.encode()
    path.write_bytes(raw[:200] + b"\x00\x00\x00" + raw[200:])
    (a,), skipped = _load(path)
    assert not skipped and "\x00" not in a.text and "inspectors found cracks" in a.text
    assert ("repaired", "removed 3 NUL byte(s) (U+0000) from the text") in a.meta
    # a real binary file is still refused
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 40)
    articles, (skip,) = _load(tmp_path / "blob.txt")
    assert not articles and "binary" in skip.reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Dunmore Daily</title><link>http://news.invalid/</link>
<item><title>Harbour bridge shut after inspectors find cracks</title>
<link>http://news.invalid/bridge</link><pubDate>Mon, 02 Jun 2025 09:00:00 GMT</pubDate>
<description><![CDATA[<p>%s</p>]]></description></item>
<item><title>Orchestra names conductor</title><link>http://news.invalid/orchestra</link>
<description>Read more.</description></item>
</channel></rss>"""


def test_rss_file_on_disk_is_read_as_a_feed(tmp_path):
    """Regression (issue 20): a feed.xml on disk was stored as one article of junk text."""
    path = tmp_path / "feed.xml"
    path.write_text(RSS % LONG)
    (a,), (skip,) = _load(path)
    assert a.title == "Harbour bridge shut after inspectors find cracks"
    assert a.url == "http://news.invalid/bridge" and a.outlet == "Dunmore Daily"
    assert a.published.startswith("2025-06-02") and a.extraction == "feed"
    assert "<p>" not in a.text and "inspectors found cracks" in a.text
    assert skip.source.endswith("feed.xml#2") and "news.invalid/orchestra" in skip.reason
    assert "fetch" in skip.reason


def test_stories_list_dates_in_one_form(tmp_path, capsys):
    """Regression (issue 20): `stories` printed "2025-03-05 to 2025-03-05T07:45:00+01:00"."""
    root = tmp_path / "in" / "bridge"
    root.mkdir(parents=True)
    (root / "a.txt").write_text("Published: 2025-03-05\n\n" + BRIDGE)
    (root / "b.txt").write_text("Published: 2025-03-06T07:45:00+01:00\n\n" + BRIDGE_FOLLOW_UP)
    db = tmp_path / "s.db"
    assert cli.main(["weave", str(tmp_path / "in"), "--db", str(db), "--no-facts", "-q"]) == 0
    capsys.readouterr()
    code, out, _ = _run(capsys, "stories", "--db", db)
    assert code == 0 and "2025-03-05 to 2025-03-06 " in out and "T07" not in out


def test_story_header_lists_the_outlets_of_folded_copies(make_article):
    """Regression (issue 20): the Markdown header listed the kept articles' outlets only."""
    import dataclasses

    from newsweave import report
    from newsweave.model import Duplicate, Story, WeaveResult

    kept = make_article(BRIDGE, "Bridge", outlet="Dunmore Daily")
    copy = Duplicate(
        article_id="c0py",
        outlet="Wire Service",
        title="Bridge",
        url=None,
        source="wire.txt",
        published=None,
        kind="near",
        similarity=0.8,
    )
    story = Story(
        id="s1", headline="Bridge", articles=(dataclasses.replace(kept, duplicates=(copy,)),)
    )
    header = report.to_markdown(WeaveResult(stories=[story])).split("\n")[2]
    assert "Dunmore Daily" in header and "Wire Service" in header


def test_library_refuses_an_unknown_summarizer_before_work(tmp_path, monkeypatch):
    from newsweave import ingest, pipeline
    from newsweave.config import load_config
    from newsweave.errors import ConfigError

    monkeypatch.setattr(ingest, "load_articles", lambda *a, **k: pytest.fail("read inputs"))
    with pytest.raises(ConfigError, match="bogus"):
        pipeline.weave_result([tmp_path], load_config(None, **{"summarize.method": "bogus"}))


def test_copy_in_an_explicit_story_is_not_folded_across_runs(tmp_path, capsys):
    """As dedupe within one run never merges across input groups, a copy that the input puts
    in a story of its own (a sub-folder) stays its own article."""
    db = tmp_path / "s.db"
    (tmp_path / "day1").mkdir()
    (tmp_path / "day1" / "gazette.txt").write_text(BRIDGE)
    (tmp_path / "day2" / "own-story").mkdir(parents=True)
    (tmp_path / "day2" / "own-story" / "wire.txt").write_text(_wire_copy(BRIDGE))
    for day in ("day1", "day2"):
        assert cli.main(["weave", str(tmp_path / day), "--db", str(db), "--no-facts", "-q"]) == 0
    capsys.readouterr()
    assert _articles_and_citations(db)[0] == 2


def test_copy_and_follow_up_in_one_later_run_both_reach_the_result(tmp_path):
    """Regression: when one --db run brings both a copy of a stored article and a new article
    of the same story, the story is rebuilt for the new article; the rebuilt story in the
    run's result lost the folded copy (the store had it)."""
    from newsweave.config import load_config
    from newsweave.pipeline import weave_result
    from newsweave.store import Store

    db = tmp_path / "s.db"
    for day, files in {
        "day1": {"gazette.txt": BRIDGE},
        "day2": {"wire.txt": _wire_copy(BRIDGE), "follow.txt": BRIDGE_FOLLOW_UP},
    }.items():
        (tmp_path / day).mkdir()
        for name, text in files.items():
            (tmp_path / day / name).write_text(text)
    cfg = load_config(
        None,
        facts=False,
        **{"store.path": str(db), "cluster.mode": "always", "summarize.method": "lead"},
    )
    weave_result([tmp_path / "day1"], cfg)
    got = weave_result([tmp_path / "day2"], cfg)
    (story,) = [
        s for s in got.stories if any(a.title.startswith("Harbour bridge") for a in s.articles)
    ]
    assert len(story.articles) == 2  # the stored article and the follow-up
    bridge = next(a for a in story.articles if a.title.startswith("Harbour bridge"))
    assert [Path(d.source).name for d in bridge.duplicates] == ["wire.txt"]
    with Store(db, create=False) as store:
        assert store.load_story(story.id) == story  # the same value from the run and the store
