"""Wire copies that lose nothing (issue 19, item 5), end to end on the bundled wire/reprint pair
(examples/velmora-bridge-closure: a wire story and a reprint crediting it in its dateline, with
a changed last paragraph): whichever copy is kept, what only the other says stays available to
the summary and the facts, cited to that copy, and every outlet that carried it is listed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsweave import report, summarize
from newsweave.config import load_config
from newsweave.model import Article, Story
from newsweave.pipeline import weave_result

pytestmark = pytest.mark.models


def _pair(folder: Path) -> tuple[dict, Path]:
    """The wire record (JSON) and the reprint file of the example story."""
    wire = next(folder.glob("*wire*.json"))
    reprint = next(p for p in folder.glob("*.txt") if "copy" in p.name)
    return json.loads(wire.read_text()), reprint


def _weave(folder: Path, monkeypatch) -> tuple[Story, list[list[Article]]]:
    seen: list[list[Article]] = []
    real = summarize.summarize

    def spy(articles, config=None):
        seen.append(list(articles))
        return real(articles, config)

    monkeypatch.setattr(summarize, "summarize", spy)
    result = weave_result([folder], load_config(None, one_story=True))
    (story,) = result.stories
    return story, seen


def _check_contract(story: Story) -> list:
    """Every summary citation and fact reference points into a source of the story, inside
    the cited sentence, with ``text[start:end]`` the cited text; returns all fact refs."""
    for s in story.summary.sentences:
        for c in s.citations:
            art = story.article(c.article_id)
            sentence = next(x for x in art.sentences if x.index == c.sentence_index)
            assert art.text[c.start : c.end] == sentence.text
        first = s.citations[0]
        assert s.text == story.article(first.article_id).text[first.start : first.end]
    refs = [
        r
        for kind in ("entities", "quotes", "figures", "timeline", "coverage")
        for fact in getattr(story, kind)
        for r in fact.refs()
    ]
    for r in refs:
        art = story.article(r.article_id)
        sentence = next(x for x in art.sentences if x.index == r.sentence_index)
        if r.end > r.start:
            assert sentence.start <= r.start and r.end <= sentence.end + 1
    return refs


def _outlets_everywhere(story: Story) -> list[set[str]]:
    """The outlet lists a reader sees: Markdown header, JSON, HTML header, web story page."""
    from newsweave.model import WeaveResult
    from newsweave.web.pages import story_page

    result = WeaveResult(stories=[story])
    header = report.to_markdown(result).split("\n")[2]
    html = report.to_html(result)
    html_header = html[html.index('<p class="meta">') :].split("</p>")[0]
    return [
        {o for o in report.carriers(story.articles[0]) if o in header},
        set(report.report_dict(result)["stories"][0]["outlets"]),
        {o for o in report.carriers(story.articles[0]) if o in html_header},
        set(story_page(story)["outlets"]),
    ]


def test_the_credited_wire_is_kept_and_the_reprints_own_lines_are_cited_to_it(
    examples_dir, monkeypatch
):
    folder = examples_dir / "velmora-bridge-closure"
    wire, reprint_path = _pair(folder)
    story, seen = _weave(folder, monkeypatch)
    kept = next(a for a in story.articles if a.duplicates)
    assert kept.outlet == wire["outlet"]  # the reprint credits it in its dateline
    (dup,) = kept.duplicates
    assert Path(dup.source).name == reprint_path.name and dup.sentences
    # nothing the reprint says is lost: the kept wire says it, or it is the copy's own
    reprint = story.article(dup.article_id)
    assert reprint.text.strip().endswith(dup.sentences[-1].text)
    # the copy's own sentences went to the summarizer, as the copy
    passages = [a for a in seen[-1] if a.id == dup.article_id]
    assert passages and [s.text for s in passages[0].sentences] == [s.text for s in dup.sentences]
    # ... and to the facts, cited to the copy
    refs = _check_contract(story)
    assert any(r.article_id == dup.article_id for r in refs)
    assert dup.outlet in {c.outlet for c in story.coverage}
    for shown in _outlets_everywhere(story):
        assert {wire["outlet"], dup.outlet} <= shown


def test_when_the_reprint_is_kept_the_wires_last_line_stays_cited_to_the_wire(
    examples_dir, monkeypatch, tmp_path
):
    folder = tmp_path / "pair"
    shutil.copytree(examples_dir / "velmora-bridge-closure", folder)
    wire, reprint_path = _pair(folder)
    # the reprint without its credit line: the fuller copy (the reprint) is kept
    reprint_path.write_text(reprint_path.read_text().replace(f" ({wire['outlet']})", ""))
    story, seen = _weave(folder, monkeypatch)
    kept = next(a for a in story.articles if a.duplicates)
    assert Path(kept.source).name == reprint_path.name
    (dup,) = kept.duplicates
    assert dup.outlet == wire["outlet"]
    last_line = wire["text"].strip().split("\n")[-1]
    assert last_line not in kept.text
    # the wire's last line (cut by the reprint) is the copy's own sentence...
    own = [s for s in dup.sentences if s.text == last_line]
    assert own and dup.text[own[0].start : own[0].end] == last_line
    # ... available to the summary, as the wire
    passages = [a for a in seen[-1] if a.id == dup.article_id]
    assert passages and last_line in [s.text for s in passages[0].sentences]
    # ... and to the facts, which cite it to the wire
    refs = _check_contract(story)
    assert any(r.article_id == dup.article_id and r.sentence_index == own[0].index for r in refs)
    for shown in _outlets_everywhere(story):
        assert wire["outlet"] in shown


def test_a_copy_arriving_in_a_later_run_rebuilds_its_story_with_what_only_it_says(
    tmp_path, monkeypatch
):
    """Across runs (--db): a reprint of a stored article folds into it (issue 20) and, when it
    says something the stored article does not, the stored story is built again with it."""
    from test_cli_first_run import BRIDGE, _wire_copy

    db = tmp_path / "s.db"
    for day, files in {
        "day1": {"gazette.txt": BRIDGE},
        "day2": {"wire.txt": _wire_copy(BRIDGE)},
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
    seen: list[list[Article]] = []
    real = summarize.summarize
    monkeypatch.setattr(
        summarize, "summarize", lambda arts, c=None: seen.append(list(arts)) or real(arts, c)
    )
    (story,) = weave_result([tmp_path / "day2"], cfg).stories
    (copy,) = story.copies()
    assert Path(copy.source).name == "wire.txt" and copy.sentences
    own = {s.text for s in copy.sentences}
    assert any(a.id == copy.id and {s.text for s in a.sentences} == own for a in seen[-1])
