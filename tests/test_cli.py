"""End-to-end checks of the `newsweave` command (issue 2's "done when")."""

import json
import re
from pathlib import Path

import pytest

from newsweave import cli

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEED = SHARED / "seed-cluster"

# Noise that must never reach a summary or a cleaned article text.
NOISE_PATTERNS = [
    r"\([^()]*/\s*Associated Press\)",  # photo credits
    r"Twitter:\s*@",
    r"is a special correspondent",
    r"contributed to this report",
]


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_has_help(capsys):
    for command in (["weave"], ["demo"], ["stories"], ["show"], ["eval"], ["eval", "summarize"]):
        with pytest.raises(SystemExit) as info:
            cli.main([*command, "--help"])
        assert info.value.code == 0
        assert "usage:" in capsys.readouterr().out


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    if not SEED.is_dir():
        pytest.skip("../shared/data/seed-cluster is not available")
    out = tmp_path_factory.mktemp("seed") / "report.json"
    code = cli.main(
        ["weave", str(SEED), "--one-story", "--format", "json", "--out", str(out), "-q"]
    )
    return code, json.loads(out.read_text())


def test_seed_cluster_summary_is_fully_cited_and_verbatim(seed_report):
    code, report = seed_report
    assert code == cli.EXIT_OK
    (story,) = report["stories"]
    assert len(story["articles"]) == 4
    texts = {a["id"]: a for a in story["articles"]}
    sentences = story["summary"]["sentences"]
    assert sentences, "empty summary"
    for s in sentences:
        assert s["citations"], f"uncited summary sentence: {s['text']!r}"
        for c in s["citations"]:
            assert c["article_id"] in texts
        # the first citation's sentence is the summary sentence, verbatim in the clean text
        first = s["citations"][0]
        article = texts[first["article_id"]]
        cited = article["sentences"][first["sentence_index"]]
        assert article["text"][cited["start"] : cited["end"]] == s["text"]
        assert s["text"] in article["text"]
        for c in s["citations"]:  # every citation points at a real sentence of its article
            other = texts[c["article_id"]]
            span = other["sentences"][c["sentence_index"]]
            assert other["text"][span["start"] : span["end"]].strip()


def test_seed_cluster_noise_is_gone_from_summary_and_clean_text(seed_report):
    _, report = seed_report
    (story,) = report["stories"]
    summary = " ".join(s["text"] for s in story["summary"]["sentences"])
    for article in story["articles"]:
        for pattern in NOISE_PATTERNS:
            assert not re.search(pattern, article["text"]), (pattern, article["source"])
            assert not re.search(pattern, summary), pattern
    # the related-headline list after one article is removed and recorded
    reasons = {r["reason"] for a in story["articles"] for r in a["removed"]}
    assert reasons, "no removed noise recorded"


def hostile_dir(root: Path) -> Path:
    d = root / "hostile"
    d.mkdir()
    (d / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (d / "empty.txt").write_bytes(b"")
    (d / "latin1.txt").write_bytes(
        "Café owners in Zürich protest\n\nThe café owners of the old town said the new "
        "rules would cost them dearly, and they marched to the town hall on Monday.".encode(
            "latin-1"
        )
    )
    good = {
        "title": "Harbour bridge reopens",
        "text": "The harbour bridge reopened on "
        "Friday after six months of repairs, the city council said in a statement.",
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps(
            {
                **good,
                "title": "Bridge open again",
                "text": good["text"].replace("Friday", "Saturday"),
            }
        ),
    ]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n")
    paragraph = (
        "The river rose again overnight and the town council met at dawn to plan the "
        "response, officials said. "
    )
    with open(d / "big.txt", "w") as f:
        f.write("A very long report\n\n")
        for _ in range((50 * 1024 * 1024) // len(paragraph)):
            f.write(paragraph)
    return d


def test_hostile_directory_partial_failure_and_idempotent_rerun(tmp_path, capsys):
    d = hostile_dir(tmp_path)
    db = tmp_path / "nw.db"
    # The 50 MB file is cut at the documented per-article limit; a small limit keeps NLP quick.
    conf = tmp_path / "nw.toml"
    conf.write_text("[ingest]\nmax_article_chars = 20000\n")
    args = ["weave", str(d), "--db", str(db), "--format", "json", "-q", "--config", str(conf)]
    code, out, err = run_cli(capsys, *args)
    assert code == cli.EXIT_PARTIAL
    report = json.loads(out)
    skipped_sources = {Path(s["source"].split("#")[0]).name for s in report["skipped"]}
    assert {"binary.txt", "empty.txt", "feed.jsonl"} <= skipped_sources
    from newsweave.store import Store

    with Store(db) as store:
        first = store.article_count()
    assert first == 4  # latin1, two good JSONL lines, big.txt
    code, _, _ = run_cli(capsys, *args)
    assert code == cli.EXIT_PARTIAL
    with Store(db) as store:
        assert store.article_count() == first
