"""WARC / WARC.gz input (newsweave.warc), built in the test with warcio's writer."""

from __future__ import annotations

from io import BytesIO

import pytest

from newsweave.ingest import load_articles
from newsweave.model import Article, Skipped
from newsweave.warc import read_warc


def page(n: int) -> bytes:
    paras = "".join(
        f"<p>Paragraph {k} of report {n}: the city council voted on the new tram line, and "
        f"residents of district {n + k} said the works would close their street for months.</p>"
        for k in range(5)
    )
    return (
        f"<html lang='en'><head><title>Report {n} on the tram line</title></head><body>"
        f"<article><h1>Report {n} on the tram line</h1>{paras}</article></body></html>"
    ).encode()


def write_warc(path, gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)

        def response(
            url: str,
            body: bytes,
            status: str = "200 OK",
            ctype: str = "text/html; charset=utf-8",
            date: str | None = None,
        ):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            headers = {"WARC-Date": date} if date else None
            rec = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=http, warc_headers_dict=headers
            )
            writer.write_record(rec)

        writer.write_record(writer.create_warcinfo_record("crawl", {"software": "test"}))
        req = writer.create_warc_record(
            "https://news.example/a1", "request", payload=BytesIO(b"GET /a1 HTTP/1.1\r\n\r\n")
        )
        writer.write_record(req)
        response("https://news.example/a1", page(1), date="2024-05-01T10:00:00Z")
        response("https://news.example/logo.png", b"\x89PNG....", ctype="image/png")
        response("https://news.example/gone", b"<html>gone</html>", status="404 Not Found")
        response("https://news.example/a2", page(2), date="2024-05-02T11:30:00Z")
        response(
            "https://news.example/empty",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        )


@pytest.mark.parametrize("name, gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_read_warc_yields_html_responses_with_url_and_date(tmp_path, name, gz):
    path = tmp_path / name
    write_warc(path, gz)
    items = list(read_warc(path))
    arts = [x for x in items if isinstance(x, Article)]
    skipped = [x for x in items if isinstance(x, Skipped)]
    assert [a.url for a in arts] == ["https://news.example/a1", "https://news.example/a2"]
    assert arts[0].title == "Report 1 on the tram line"
    assert dict(arts[0].meta)["fetched"] == "2024-05-01T10:00:00Z"
    assert dict(arts[1].meta)["fetched"] == "2024-05-02T11:30:00Z"
    assert "tram line" in arts[1].text and arts[0].source.startswith(str(path) + "#")
    # the image and the 404 are passed over; the empty page is reported
    assert len(skipped) == 1 and "news.example/empty" in skipped[0].reason


def test_ingest_routes_warc_files(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    arts, skipped = load_articles([path])
    assert len(arts) == 2 and all(a.id for a in arts)
    assert {a.url for a in arts} == {"https://news.example/a1", "https://news.example/a2"}
    assert len(skipped) == 1


def test_damaged_archive_keeps_records_before_the_damage(tmp_path):
    path = tmp_path / "cut.warc"
    write_warc(path, gz=False)
    data = path.read_bytes()
    cut = data.index(b"https://news.example/a2") + 200
    (tmp_path / "cut2.warc").write_bytes(data[:cut])
    items = list(read_warc(tmp_path / "cut2.warc"))
    arts = [x for x in items if isinstance(x, Article)]
    assert [a.url for a in arts] == ["https://news.example/a1"]


def test_not_a_warc_file_is_skipped(tmp_path):
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(b"this is not a warc archive at all")
    arts, skipped = load_articles([path])
    assert not arts and len(skipped) == 1
