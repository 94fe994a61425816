"""`newsweave eval extract`: dataset readers, the two benchmarks' metrics, the JSON shape."""

from __future__ import annotations

import gzip
import json

import pytest

from newsweave.errors import EvalError
from newsweave.evaluate import extract as ev

ARTICLE = (
    "The regional parliament passed the water bill on Thursday after a debate that "
    "lasted eleven hours. Farmers' unions said the new limits on irrigation would cost "
    "them dearly, while environmental groups called the law a first step. The minister "
    "said inspections would begin in the autumn and fines would follow from next year."
)


def page_html(body: str, noise: str) -> str:
    return (
        f"<html lang='en'><head><title>Water bill passes</title>"
        f"<meta name='author' content='Ann Poe'>"
        f"<meta property='article:published_time' content='2023-06-01'></head><body>"
        f"<article><h1>Water bill passes</h1>"
        f"<figure><img src='x.jpg'><figcaption>{noise}</figcaption></figure>"
        f"<p>{body}</p></article></body></html>"
    )


CAPTION = "Farmers protest outside the parliament, left, on Monday in the capital city."


def make_zyte(root, n=2):
    (root / "html").mkdir(parents=True)
    with open(root / "dev.jsonl", "w") as fh:
        for i in range(n):
            name = f"html/p{i}.html.gz"
            with gzip.open(root / name, "wt", encoding="utf-8") as g:
                g.write(page_html(ARTICLE, CAPTION))
            fh.write(
                json.dumps(
                    {
                        "id": f"p{i}",
                        "url": f"https://x.example/{i}",
                        "html_file": name,
                        "article_body": ARTICLE,
                    }
                )
                + "\n"
            )


def make_trafilatura(root):
    (root / "html").mkdir(parents=True)
    with gzip.open(root / "html" / "a.html.gz", "wt", encoding="utf-8") as g:
        g.write(page_html(ARTICLE, CAPTION))
    data = {
        "https://x.example/a": {
            "file": "html/a.html.gz",
            "with": ["passed the water bill on Thursday", "fines would follow from next year"],
            "without": [CAPTION[:40]],
            "title": "Water bill passes",
            "author": "Ann Poe",
            "date": "2023-06-01",
        }
    }
    (root / "evaldata.json").write_text(json.dumps(data))


def test_shingle_metric_by_hand():
    gold = "a b c d e"  # shingles: (a b c d), (b c d e)
    assert ev.shingle_counts(gold, gold) == (1.0, 0.0, 0.0)
    tp, fp, fn = ev.shingle_counts(gold, "a b c d x")  # 1 shared, 1 extra, 1 missing
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert ev.shingle_counts("tiny text", "tiny text") == (1.0, 0.0, 0.0)  # < 4 tokens
    scores = ev.zyte_scores([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert scores["precision"] == pytest.approx(0.75) and scores["recall"] == 1.0
    assert scores["f1"] == pytest.approx(2 * 0.75 / 1.75)
    # an empty prediction counts in recall (0) but not in precision
    assert ev.zyte_scores([(0.0, 0.0, 1.0), (1.0, 0.0, 0.0)])["recall"] == 0.5


def test_segment_metric_by_hand():
    page = ev.Page("k", None, b"", with_=["one  two", "three"], without=["junk"])
    counts = ev.segment_counts(page, "one two\njunk here")
    assert counts == {"tp": 1, "fn": 1, "fp": 1, "tn": 0}
    s = ev.segment_scores([counts, {"tp": 1, "fn": 0, "fp": 0, "tn": 1}])
    assert s["precision"] == pytest.approx(2 / 3) and s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(4 / 6) and s["accuracy"] == pytest.approx(3 / 5)


def test_meta_matching():
    assert ev.meta_correct("title", "Water bill passes", " water  bill passes ")
    assert not ev.meta_correct("title", "Water bill passes", "Water bill passes | Herald")
    assert ev.meta_correct("author", "Ann Poe; Bob Roe", "Bob Roe, Ann Poe")
    assert ev.meta_correct("date", "2023-06-01", "2023-06-01T10:00:00+00:00")
    assert not ev.meta_correct("date", "2023-06-01", None)


def test_zyte_layout_json_shape(tmp_path):
    make_zyte(tmp_path)
    report = ev.evaluate(tmp_path)
    assert report["kind"] == "zyte" and report["pages"] == 2
    for name in ("newsweave", "trafilatura"):
        assert set(report["methods"][name]) >= {"f1", "precision", "recall"}
    # the caption is in trafilatura's output but not in newsweave's
    assert (
        report["methods"]["newsweave"]["precision"] > report["methods"]["trafilatura"]["precision"]
    )


def test_trafilatura_layout_with_metadata(tmp_path):
    make_trafilatura(tmp_path)
    report = ev.evaluate(tmp_path)
    nw = report["methods"]["newsweave"]
    assert report["kind"] == "trafilatura"
    assert nw["recall"] == 1.0 and nw["precision"] == 1.0
    assert nw["title_accuracy"] == 1.0 and nw["author_accuracy"] == 1.0
    assert nw["date_accuracy"] == 1.0 and nw["title_pages"] == 1
    assert set(report["methods"]["trafilatura"]) >= {"f1", "title_accuracy", "date_accuracy"}


def test_cli_eval_extract_json(tmp_path, capsys):
    from newsweave.cli import main

    make_zyte(tmp_path)
    assert main(["eval", "extract", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["methods"]) == {"newsweave", "trafilatura"}
    assert 0 <= out["methods"]["newsweave"]["f1"] <= 1


def test_bad_dataset_folder(tmp_path):
    with pytest.raises(EvalError):
        ev.evaluate(tmp_path / "nope")
    with pytest.raises(EvalError):
        ev.evaluate(tmp_path)  # exists but holds neither layout


@pytest.mark.slow
@pytest.mark.parametrize("name", ["article_extraction_zyte", "article_extraction_trafilatura"])
def test_dev_sets_newsweave_not_below_trafilatura(shared_data, name):
    """Benchmark-style gate on the shared dev sets (slow: the full sets take minutes)."""
    root = shared_data / name
    if not root.is_dir():
        pytest.skip(f"{root} is absent")
    report = ev.evaluate(root)
    assert report["methods"]["newsweave"]["f1"] >= report["methods"]["trafilatura"]["f1"]
