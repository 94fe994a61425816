"""Tests for newsweave.ingest: formats, encodings, bad input, ids, limits."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.config import IngestConfig
from newsweave.errors import InputError
from newsweave.ingest import (
    article_id,
    decode_bytes,
    load_articles,
    looks_like_headline,
    split_text_article,
    truncate_text,
)

BODY = (
    "Harbour officials in the town of Velmora said on Tuesday that the new ferry terminal "
    "would open in March, two months later than planned.\n\n"
    "\u201cWe would rather be late than unsafe,\u201d said port director Ines Calloway, who "
    "added that the delay would cost about 1.2 million euros.\n\n"
    "The terminal will handle up to 40 sailings a day once it is finished."
)


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    return path


def meta(article) -> dict[str, str]:
    return dict(article.meta)


# ------------------------------------------------------------------ ids


def test_article_id_is_16_hex_and_whitespace_insensitive():
    a = article_id("One two\nthree.", "A title")
    assert len(a) == 16 and int(a, 16) >= 0
    assert article_id("One  two\r\n three.  ", "  A   title ") == a
    assert article_id("One two three.", "Another title") != a
    assert article_id("One two three!", "A title") != a
    assert article_id("x", None) == article_id("x", "")


def test_same_content_same_id_across_runs_and_file_names(tmp_path):
    write(tmp_path / "a" / "one.txt", BODY)
    write(tmp_path / "b" / "other-name.txt", BODY.replace("\n", "\r\n"))
    first, _ = load_articles([tmp_path / "a"], IngestConfig())
    second, _ = load_articles([tmp_path / "b"], IngestConfig())
    again, _ = load_articles([tmp_path / "a"], IngestConfig())
    assert [a.id for a in first] == [a.id for a in second] == [a.id for a in again]


def test_duplicates_within_a_run_are_dropped_keeping_the_first(tmp_path):
    write(tmp_path / "d" / "1.txt", BODY)
    write(tmp_path / "d" / "2.txt", BODY)
    arts, skipped = load_articles([tmp_path / "d"], IngestConfig())
    assert len(arts) == 1 and not skipped
    assert arts[0].source.endswith("1.txt")
    (dup,) = arts[0].duplicates
    assert dup.source.endswith("2.txt") and dup.kind == "exact" and dup.article_id == arts[0].id
    # re-reading the same input adds nothing new
    arts2, _ = load_articles([tmp_path / "d", tmp_path / "d"], IngestConfig())
    assert arts2 == arts


def test_verbatim_copy_from_another_outlet_keeps_its_outlet(tmp_path):
    rec = {"title": "Ferry delayed", "text": BODY}
    write(tmp_path / "a.json", json.dumps({**rec, "outlet": "Velmora Courier"}))
    write(tmp_path / "b.json", json.dumps({**rec, "outlet": "Harbour Post"}))
    (a,), _ = load_articles([tmp_path / "a.json", tmp_path / "b.json"], IngestConfig())
    assert a.outlet == "Velmora Courier"
    assert [d.outlet for d in a.duplicates] == ["Harbour Post"]


# ------------------------------------------------------------------ text


def test_txt_headline_becomes_title(tmp_path):
    p = write(tmp_path / "s" / "a.txt", "Velmora ferry terminal delayed to March\n\n" + BODY)
    (a,), skipped = load_articles([p], IngestConfig())
    assert not skipped
    assert a.title == "Velmora ferry terminal delayed to March"
    assert a.text.startswith("Harbour officials")
    assert a.group is None  # a file named on its own is a pile: clustered (issue 20)
    assert a.source == str(p)
    assert a.extraction == "text"


def test_section_label_is_not_the_title(tmp_path):
    text = "Business\n\nVelmora ferry terminal delayed to March\n\n" + BODY
    (a,), _ = load_articles([write(tmp_path / "a.txt", text)], IngestConfig())
    assert a.title == "Velmora ferry terminal delayed to March"
    assert meta(a)["section"] == "Business"
    assert "Business" not in a.text


def test_first_paragraph_sentence_is_not_a_title(tmp_path):
    text = "VELMORA - " + BODY
    (a,), _ = load_articles([write(tmp_path / "a.txt", text)], IngestConfig())
    assert a.title is None
    assert a.text.startswith("VELMORA - Harbour officials")


def test_looks_like_headline():
    assert looks_like_headline("U.S.-China trade talks centre on rivalry over technology")
    assert looks_like_headline("Is the ferry worth the wait?")
    assert not looks_like_headline("Business")
    assert not looks_like_headline("The port said the terminal would open in March.")
    assert not looks_like_headline("BEIJING - Chinese officials met on Thursday")
    assert not looks_like_headline("word " * 40)


def test_header_block_sets_metadata():
    text = (
        "Title: Ferry delayed\nOutlet: Velmora Courier\nPublished: 2031-04-08\n"
        "URL: https://courier.example/ferry\n\n" + BODY
    )
    meta_, body = split_text_article(text)
    assert meta_["title"] == "Ferry delayed"
    assert meta_["outlet"] == "Velmora Courier"
    assert body.startswith("Harbour officials")


def test_header_block_in_file_and_markdown_title(tmp_path):
    write(tmp_path / "h.txt", "Outlet: Velmora Courier\nPublished: 2031-04-08\n\n" + BODY)
    write(tmp_path / "m.md", "# Ferry terminal delayed\n\n" + BODY + "\n\nExtra line here.")
    arts, skipped = load_articles([tmp_path / "h.txt", tmp_path / "m.md"], IngestConfig())
    assert not skipped
    h, m = arts
    assert h.outlet == "Velmora Courier" and h.published == "2031-04-08"
    assert m.title == "Ferry terminal delayed" and m.extraction == "markdown"


# ------------------------------------------------------------------ JSON / JSONL


def test_json_object_list_and_aliases(tmp_path):
    one = {
        "title": "Ferry delayed",
        "text": BODY,
        "url": "https://a.example/1",
        "outlet": "Velmora Courier",
        "published": "2031-04-08T09:30:00+00:00",
    }
    many = [
        {
            "headline": "Ferry late",
            "body": BODY + " One.",
            "site_name": "Harbour Post",
            "date": "Tue, 08 Apr 2031 10:00:00 GMT",
            "link": "https://b.example/2",
        },
        {
            "headline": "Ferry later",
            "content": BODY + " Two.",
            "source": "Coast Radio",
            "published_at": "2031-04-09",
            "category": "local",
        },
    ]
    write(tmp_path / "one.json", json.dumps(one))
    write(tmp_path / "many.json", json.dumps(many))
    arts, skipped = load_articles([tmp_path / "one.json", tmp_path / "many.json"], IngestConfig())
    assert not skipped
    a, b, c = arts
    assert (a.title, a.outlet, a.url) == ("Ferry delayed", "Velmora Courier", "https://a.example/1")
    assert a.published.startswith("2031-04-08T09:30") and a.source.endswith("one.json")
    assert (b.title, b.outlet, b.url) == ("Ferry late", "Harbour Post", "https://b.example/2")
    assert b.published.startswith("2031-04-08T10:00")
    assert b.source.endswith("many.json#1") and c.source.endswith("many.json#2")
    assert c.outlet == "Coast Radio" and c.published == "2031-04-09"
    assert meta(c)["category"] == "local"


def test_jsonl_with_a_broken_line(tmp_path):
    lines = [json.dumps({"title": f"Story {i}", "text": BODY + f" Line {i}."}) for i in range(4)]
    lines.insert(2, '{"title": "broken", "text": "unterminated')
    p = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    arts, skipped = load_articles([p], IngestConfig())
    assert [a.title for a in arts] == ["Story 0", "Story 1", "Story 2", "Story 3"]
    assert len(skipped) == 1
    s = skipped[0]
    assert s.source == f"{p}#3" and s.stage == "ingest"
    assert "line 3" in s.reason and "fix or remove" in s.reason


def test_json_text_as_list_of_paragraphs(tmp_path):
    p = write(tmp_path / "p.json", json.dumps({"title": "T", "text": BODY.split("\n\n")}))
    (a,), _ = load_articles([p], IngestConfig())
    assert a.text == BODY


def test_jsonl_record_without_text_is_skipped_with_reason(tmp_path):
    p = write(
        tmp_path / "x.jsonl",
        json.dumps({"title": "No body"}) + "\n" + json.dumps({"text": BODY}) + "\n",
    )
    arts, skipped = load_articles([p], IngestConfig())
    assert len(arts) == 1
    assert skipped[0].source.endswith("#1") and "'text'" in skipped[0].reason


def test_multi_document_jsonl(tmp_path):
    rec = {
        "id": "story-7",
        "documents": [
            {"title": None, "text": BODY},
            {"title": "Second", "text": BODY + " Different."},
            {"title": None, "text": ""},
        ],
        "summaries": ["A summary."],
        "mnplus_kept": [True, False, None],
    }
    p = write(tmp_path / "md.jsonl", json.dumps(rec) + "\n")
    arts, skipped = load_articles([p], IngestConfig())
    assert len(arts) == 2
    assert {a.group for a in arts} == {"story-7"}
    assert [a.source for a in arts] == [f"{p}#1/1", f"{p}#1/2"]
    assert meta(arts[0])["mnplus_kept"] == "true" and meta(arts[1])["mnplus_kept"] == "false"
    assert arts[1].title == "Second"
    assert len(skipped) == 1 and skipped[0].source == f"{p}#1/3"
    assert all("A summary." not in a.text for a in arts)


def test_multi_news_dev_loads(multi_news_dev):
    arts, skipped = load_articles([multi_news_dev], IngestConfig())
    n_records = sum(1 for line in multi_news_dev.open() if line.strip())
    assert len({a.group for a in arts}) == n_records
    assert len(arts) > 2 * n_records
    assert all(a.group and a.source.startswith(str(multi_news_dev)) for a in arts)
    assert all(("mnplus_kept" in meta(a)) for a in arts)


def test_gzipped_jsonl(tmp_path):
    p = tmp_path / "feed.jsonl.gz"
    p.write_bytes(gzip.compress((json.dumps({"text": BODY}) + "\n").encode()))
    arts, skipped = load_articles([p], IngestConfig())
    assert len(arts) == 1 and not skipped


# ------------------------------------------------------------------ HTML

HTML = """<!DOCTYPE html><html><head><title>Ferry delayed | Velmora Courier</title>
<meta property="og:site_name" content="Velmora Courier">
<meta property="og:title" content="Ferry terminal delayed to March">
<meta property="article:published_time" content="2031-04-08T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry terminal delayed to March</h1>
<p>Harbour officials in the town of Velmora said on Tuesday that the new ferry terminal would
open in March, two months later than planned.</p>
<p>&ldquo;We would rather be late than unsafe,&rdquo; said port director Ines Calloway, who
added that the delay would cost about 1.2 million euros.</p>
<p>The terminal will handle up to 40 sailings a day once it is finished, officials said.</p>
</article><footer>Copyright 2031 Velmora Courier. All rights reserved.</footer></body></html>"""


def test_html_page(tmp_path):
    p = write(tmp_path / "page.html", HTML)
    arts, skipped = load_articles([p], IngestConfig())
    assert not skipped, skipped
    (a,) = arts
    assert "port director Ines Calloway" in a.text
    assert "Home" not in a.text.split()
    assert a.title and "Ferry terminal delayed" in a.title
    assert a.source == str(p) and a.group is None


# ------------------------------------------------------------------ encodings

LATIN = "Caf\u00e9 owners in S\u00e3o Lu\u00eds said the na\u00efve plan would cost \u00a3120."
LATIN_TEXT = (LATIN + " ") * 4 + "\n\nThe r\u00e9sum\u00e9 of the mayor was read aloud."


@pytest.mark.parametrize(
    "encoding,prefix",
    [
        ("latin-1", b""),
        ("cp1252", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),  # Python writes a BOM
        ("utf-16-le", b""),  # no BOM
        ("utf-16-be", b""),  # no BOM
        ("utf-8", b""),
    ],
)
def test_encodings(tmp_path, encoding, prefix):
    text = LATIN_TEXT
    if encoding == "cp1252":
        text = "\u201cQuoted\u201d \u2013 " + text
    p = write(tmp_path / "enc.txt", prefix + text.encode(encoding))
    (a,), skipped = load_articles([p], IngestConfig())
    assert not skipped
    assert "Caf\u00e9 owners in S\u00e3o Lu\u00eds" in a.text
    assert "\ufeff" not in a.text and "\x00" not in a.text
    assert a.text.rstrip().endswith("The r\u00e9sum\u00e9 of the mayor was read aloud.")
    # the same text in any encoding gets the same id
    assert a.id == article_id(text, None)


def test_decode_bytes_rejects_binary():
    from newsweave.errors import NotTextError

    with pytest.raises(NotTextError):
        decode_bytes(b"\x00\x01\x02\x03garbage\x00\xff" * 100)
    with pytest.raises(NotTextError):
        decode_bytes(b"%PDF-1.7\n...")
    with pytest.raises(NotTextError):
        decode_bytes(bytes(range(1, 32)) * 200)


# ------------------------------------------------------------------ bad inputs, one batch


def test_mixed_directory_finishes_and_reports_each_skip(tmp_path):
    d = tmp_path / "pile"
    write(d / "binary.bin", bytes(range(256)) * 64)
    write(d / "empty.txt", b"")
    write(d / "blank.txt", b"  \n\t\n  ")
    write(d / "latin.txt", LATIN_TEXT.encode("latin-1"))
    good = [json.dumps({"title": f"Story {i}", "text": BODY + f" Line {i}."}) for i in range(3)]
    write(d / "feed.jsonl", "\n".join(good[:1] + ["{broken"] + good[1:]) + "\n")
    big = d / "big.txt"
    para = (
        "The harbour board met again on Tuesday to discuss the ferry terminal, its costs "
        "and the many delays that residents of Velmora have complained about. "
    ) * 6
    chunk = (para + "\n\n").encode()
    with big.open("wb") as fh:
        fh.write(b"Velmora harbour board minutes\n\n")
        for _ in range((50 * 1024 * 1024) // len(chunk) + 1):
            fh.write(chunk)
    assert big.stat().st_size >= 50 * 1024 * 1024
    write(d / ".hidden.txt", BODY)
    write(d / "README.md", "This folder holds test articles, not an article itself.")
    write(d / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(100))

    t0 = time.perf_counter()
    arts, skipped = load_articles([d], IngestConfig())
    elapsed = time.perf_counter() - t0
    assert elapsed < 30, f"50 MB directory took {elapsed:.1f}s"

    by_name = {Path(a.source.split("#")[0]).name for a in arts}
    assert by_name == {"latin.txt", "feed.jsonl", "big.txt"}
    assert sum(a.source.split("#")[0].endswith("feed.jsonl") for a in arts) == 3
    reasons = {Path(s.source.split("#")[0]).name: s.reason for s in skipped}
    assert set(reasons) == {"binary.bin", "empty.txt", "blank.txt", "feed.jsonl", "image.png"}
    assert "binary" in reasons["binary.bin"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "line 2" in reasons["feed.jsonl"]
    assert all(s.stage == "ingest" for s in skipped)
    bigart = next(a for a in arts if a.source.endswith("big.txt"))
    assert meta(bigart)["truncated"] == "true"
    assert len(bigart.text) <= IngestConfig().max_article_chars
    assert bigart.text.endswith(".")  # cut at a boundary, not mid-word
    assert bigart.title == "Velmora harbour board minutes"
    # a second run gives the same articles and the same skips
    arts2, skipped2 = load_articles([d], IngestConfig())
    assert [a.id for a in arts2] == [a.id for a in arts]
    assert skipped2 == skipped


def test_on_error_raise(tmp_path):
    write(tmp_path / "empty.txt", b"")
    with pytest.raises(InputError) as info:
        load_articles([tmp_path / "empty.txt"], IngestConfig(), on_error="raise")
    assert info.value.source == str(tmp_path / "empty.txt")
    assert info.value.stage == "ingest"
    with pytest.raises(InputError):
        load_articles([tmp_path / "missing.txt"], IngestConfig(), on_error="raise")
    arts, skipped = load_articles([tmp_path / "missing.txt"], IngestConfig())
    assert not arts and "no such file" in skipped[0].reason


def test_max_file_bytes_and_max_article_chars(tmp_path):
    para = "A sentence about the harbour and its ferry. " * 5
    p = write(tmp_path / "a.txt", "\n\n".join([para] * 50))
    cfg = IngestConfig(max_file_bytes=2000)
    (a,), _ = load_articles([p], cfg)
    assert meta(a)["truncated"] == "true" and len(a.text) <= 2000
    cfg = IngestConfig(max_article_chars=1000)
    (b,), _ = load_articles([p], cfg)
    assert meta(b)["truncated"] == "true"
    assert len(b.text) <= 1000 and b.text.endswith("ferry.")


def test_truncate_text_prefers_paragraph_then_sentence():
    text = "First para. " * 10 + "\n\n" + "Second one here. " * 10
    cut = truncate_text(text, len(text) - 5)
    assert cut.endswith("here.") and len(cut) < len(text)
    assert truncate_text("short", 100) == "short"


def test_unknown_extension_is_sniffed(tmp_path):
    write(tmp_path / "a.dat", json.dumps({"title": "T", "text": BODY}))
    write(tmp_path / "b.dat", HTML)
    write(tmp_path / "c", BODY + " Sniffed.")
    arts, skipped = load_articles(
        [tmp_path / "a.dat", tmp_path / "b.dat", tmp_path / "c"], IngestConfig()
    )
    assert not skipped, skipped
    assert [a.extraction for a in arts][0] == "json"
    assert "Ines Calloway" in arts[1].text
    assert arts[2].text.endswith("Sniffed.")


def test_stdin(tmp_path):
    (a,), _ = load_articles(["-"], IngestConfig(), stdin_text=BODY)
    assert a.group is None and a.source == "stdin"  # stdin is a pile (issue 20)
    arts, _ = load_articles(
        ["-"],
        IngestConfig(),
        stdin_text=json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + " More."}),
    )
    assert [x.source for x in arts] == ["stdin#1", "stdin#2"]
    assert {x.group for x in arts} == {None}


def test_directory_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    write(tmp_path / "s" / "b.txt", BODY + " B.")
    write(tmp_path / "s" / "a.txt", BODY + " A.")
    write(tmp_path / "s" / "sub" / "c.txt", BODY + " C.")
    write(tmp_path / "s" / ".git" / "d.txt", BODY + " D.")
    arts, skipped = load_articles([tmp_path / "s"], IngestConfig())
    assert [Path(a.source).name for a in arts] == ["a.txt", "b.txt", "c.txt"]
    # files directly in the named folder are a pile; a sub-folder is a story (issue 20)
    assert [a.group for a in arts] == [None, None, str((tmp_path / "s" / "sub").resolve())]
    assert not skipped


def test_warc_input_yields_articles_or_a_reason(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    p = tmp_path / "crawl.warc.gz"
    with p.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        rec = writer.create_warc_record(
            "https://courier.example/ferry",
            "response",
            payload=BytesIO(HTML.encode()),
            http_headers=headers,
        )
        writer.write_record(rec)
    arts, skipped = load_articles([p], IngestConfig())
    assert arts or skipped
    if arts:
        assert "Ines Calloway" in arts[0].text
    else:
        assert skipped[0].reason


# ------------------------------------------------------------------ properties


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=3000), ext=st.sampled_from([".txt", ".json", ".jsonl", ".dat", ".md"])
)
def test_any_bytes_yield_articles_or_skips(tmp_path, data, ext):
    p = tmp_path / f"fuzz{ext}"
    p.write_bytes(data)
    arts, skipped = load_articles([p], IngestConfig())
    assert arts or skipped
    for a in arts:
        assert a.id == article_id(a.raw_text, a.title)
    for s in skipped:
        assert s.stage == "ingest" and s.reason


def test_markdown_front_matter(tmp_path):
    text = (
        '---\noutlet: The Science Desk\npublished: 2025-09-17\nauthor: "Noor Haddad"\n---\n\n'
        "# Ferry terminal delayed\n\n" + BODY
    )
    (a,), _ = load_articles([write(tmp_path / "f.md", text)], IngestConfig())
    assert (a.outlet, a.published, a.author) == ("The Science Desk", "2025-09-17", "Noor Haddad")
    assert a.title == "Ferry terminal delayed" and a.text.startswith("Harbour officials")


# ------------------------------------------------------------------ bundled examples


def test_examples_corpus(examples_dir):
    from newsweave.clean import clean_article

    arts, skipped = load_articles([examples_dir], IngestConfig())
    assert not skipped, skipped
    stories: dict[str, list] = {}
    for a in arts:
        stories.setdefault(a.group, []).append(a)
    assert len(stories) >= 3
    for members in stories.values():
        assert len({a.outlet for a in members if a.outlet}) >= 3
        for a in members:
            assert a.title and a.published
            assert 250 <= len(a.text.split()) <= 650, (a.source, len(a.text.split()))
    exts = {Path(a.source).suffix for a in arts}
    assert {".txt", ".json", ".html", ".md"} <= exts
    html = next(a for a in arts if a.source.endswith(".html"))
    assert html.outlet and html.published and "Home" not in html.text.split()
    # the noisy article loses its caption, credit, byline, blurb, handle and related headlines
    cleaned = [clean_article(a) for a in arts]
    reasons = {r.reason for c in cleaned for r in c.removed}
    assert {"caption", "credit", "byline", "author-blurb", "social", "related-headlines"} <= reasons
    # the wire copy is the wire story with another headline and a changed last paragraph
    wire = next(a for a in arts if "wire" in Path(a.source).name and a.source.endswith(".json"))
    copy = next(a for a in arts if "wire-copy" in a.source)
    assert wire.title != copy.title
    wp, cp = wire.text.split("\n\n"), copy.text.split("\n\n")
    assert wp[:-1] == cp[:-1] and wp[-1] != cp[-1]


def test_utf8_with_one_stray_byte_stays_utf8(tmp_path):
    data = (LATIN_TEXT * 5).encode("utf-8")
    data = data[:50] + b"\xff" + data[50:]
    (a,), _ = load_articles([write(tmp_path / "x.txt", data)], IngestConfig())
    assert "Caf\u00e9 owners in S\u00e3o Lu\u00eds" in a.text
    assert dict(a.meta)["encoding"] == "utf-8"


def test_jsonl_broken_line_raises_with_on_error_raise(tmp_path):
    p = write(tmp_path / "f.jsonl", json.dumps({"text": BODY}) + "\n{broken\n")
    with pytest.raises(InputError) as info:
        load_articles([p], IngestConfig(), on_error="raise")
    assert info.value.source == f"{p}#2" and "line 2" in str(info.value)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=2000))
def test_ingest_is_idempotent(tmp_path, text):
    p = tmp_path / "prop.txt"
    p.write_text(text, encoding="utf-8")
    first = load_articles([p], IngestConfig())
    second = load_articles([p], IngestConfig())
    assert first == second


@pytest.mark.parametrize(
    "text,encoding",
    [
        # regression: charset-normalizer alone read this short Latin-1 text as cp775 ("Cafķ")
        (
            "Caf\u00e9 owners in Z\u00fcrich protest\n\nThe caf\u00e9 owners of the old town said "
            "the new rules would cost them dearly.",
            "latin-1",
        ),
        (
            "Das Geb\u00e4ude in M\u00fcnchen wurde 1998 f\u00fcr 12 Millionen Euro gebaut.",
            "latin-1",
        ),
        (
            "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144, powiedzia\u0142 "
            "minister "
            "w Warszawie we wtorek, a rz\u0105d si\u0119 zgodzi\u0142.",
            "cp1250",
        ),
        (
            "P\u0159\u00edli\u0161 \u017elu\u0165ou\u010dk\u00fd k\u016f\u0148 \u00fap\u011bl "
            "\u010f\u00e1belsk\u00e9 \u00f3dy, \u0159ekl ministr v Praze.",
            "cp1250",
        ),
    ],
)
def test_short_single_byte_texts_decode_exactly(text, encoding):
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


def test_hostile_json_and_letterless_text_are_skipped_not_raised(tmp_path):
    write(tmp_path / "h" / "deep.json", "[" * 200_000)
    write(tmp_path / "h" / "deep.jsonl", json.dumps({"text": BODY}) + "\n" + "[" * 200_000)
    write(tmp_path / "h" / "debris.dat", "[" * 5000)
    write(tmp_path / "h" / "numbers.txt", "12.5 13.1 14.7\n" * 200)
    arts, skipped = load_articles([tmp_path / "h"], IngestConfig())
    assert len(arts) == 1 and arts[0].source.endswith("deep.jsonl#1")
    reasons = {Path(s.source.split("#")[0]).name: s.reason for s in skipped}
    assert set(reasons) == {"deep.json", "deep.jsonl", "debris.dat", "numbers.txt"}
    assert "nested too deeply" in reasons["deep.json"]
    assert "letters" in reasons["debris.dat"] and "letters" in reasons["numbers.txt"]
