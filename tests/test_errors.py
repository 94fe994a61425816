"""Every exception newsweave raises is in errors.py under NewsweaveError, and failures inside a
batch (a summarizer, a fact extractor) become Skipped records instead of aborting or vanishing
(issue 21)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from newsweave import errors
from newsweave.config import load_config
from newsweave.errors import NewsweaveError
from newsweave.model import Article, Sentence, Skipped, Story

SRC = Path(__file__).resolve().parents[1] / "src" / "newsweave"

TEXTS = [
    "The city closed the old bridge on Tuesday after inspectors found cracks in two girders. "
    "The mayor said repairs would take six months and cost 4 million crowns. "
    "Commuters were told to use the ferry or the ring road until the work is done.",
    "Inspectors found cracks in the girders of the old bridge, which closed on Tuesday. "
    "Repairs will take six months, the mayor said, at a cost of 4 million crowns. "
    "The ferry will run every ten minutes while the bridge is shut.",
]


def _article(text: str, n: int) -> Article:
    """An article split into sentences by hand (no spaCy): sentences end with '. '."""
    sentences, start = [], 0
    for i, part in enumerate(text.split(". ")):
        piece = part if part.endswith(".") else part + "."
        begin = text.index(piece, start)
        sentences.append(Sentence(i, piece, begin, begin + len(piece)))
        start = begin + len(piece)
    return Article(
        id=f"a{n}",
        text=text,
        title=f"Bridge closed {n}",
        outlet=f"Outlet {n}",
        source=f"a{n}.txt",
        sentences=tuple(sentences),
    )


def test_error_classes_live_in_errors_under_the_root():
    from newsweave import store
    from newsweave.distributed import DistributedError

    for name in ("StoryNotFound", "DistributedError", "NotTextError"):
        assert issubclass(getattr(errors, name), NewsweaveError), name
    assert issubclass(errors.NotTextError, errors.InputError)
    # the old import paths still give the same classes
    assert store.StoryNotFound is errors.StoryNotFound
    assert DistributedError is errors.DistributedError
    assert issubclass(errors.StoryNotFound, KeyError)


def test_no_exception_class_defined_outside_errors_py():
    """An exception class anywhere but errors.py escapes the tree (the bug: DistributedError in
    distributed/runner.py, StoryNotFound in store.py, _NotText in ingest.py)."""
    names = {n for n, v in vars(errors).items() if isinstance(v, type)} | {
        "Exception",
        "BaseException",
        "ValueError",
        "KeyError",
        "RuntimeError",
        "OSError",
    }
    found = []
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                if bases & names:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}")
    assert found == []


def test_lexrank_failure_is_a_skipped_story_not_an_aborted_batch(monkeypatch):
    """sumy not handing over its ratings used to raise a RuntimeError that stopped the run."""
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from newsweave.stories import build_or_skip

    monkeypatch.setattr(LexRankSummarizer, "__call__", lambda self, doc, count: ())
    config = load_config(None, facts=False, **{"summarize.method": "lexrank"})
    skipped: list[Skipped] = []
    arts = [_article(t, i) for i, t in enumerate(TEXTS)]
    assert build_or_skip("k", arts, config, skipped) is None
    assert [s.stage for s in skipped] == ["story"] and "LexRank" in skipped[0].reason
    # with --strict it is raised as a ModelError
    strict = load_config(None, facts=False, on_error="raise", **{"summarize.method": "lexrank"})
    with pytest.raises(errors.ModelError):
        build_or_skip("k", arts, strict, [])


def test_fact_extractor_failure_is_recorded_not_swallowed(monkeypatch):
    from newsweave import facts, nlp

    def boom(*args, **kwargs):
        raise RuntimeError("figures broke")

    def no_model(*args, **kwargs):
        raise errors.ModelError("spaCy model missing", stage="nlp")

    monkeypatch.setattr(facts.figures, "extract_figures", boom)
    monkeypatch.setattr(nlp, "parse", no_model)
    monkeypatch.setattr(nlp, "embed", no_model)
    story = Story(
        id="s1", headline="h", articles=tuple(_article(t, i) for i, t in enumerate(TEXTS))
    )
    skipped: list[Skipped] = []
    out = facts.extract_facts(story, skipped)
    assert out.figures == ()
    reasons = {s.reason.split(" ")[0] for s in skipped}
    assert {"parse", "figures"} <= reasons
    assert all(s.stage == "facts" and s.source == "s1" for s in skipped)
    with pytest.raises(NewsweaveError):
        facts.extract_facts(story, [], on_error="raise")


@pytest.mark.models
def test_fact_failure_counts_in_the_exit_code(tmp_path, monkeypatch, capsys):
    from newsweave import cli, facts

    def boom(*args, **kwargs):
        raise RuntimeError("figures broke")

    monkeypatch.setattr(facts.figures, "extract_figures", boom)
    for i, text in enumerate(TEXTS):
        (tmp_path / f"a{i}.txt").write_text(f"Bridge closed {i}\n\n{text}\n", encoding="utf-8")
    code = cli.main(["weave", str(tmp_path), "--quiet", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == cli.EXIT_PARTIAL
    assert any(s["stage"] == "facts" and "figures" in s["reason"] for s in report["skipped"])


def test_dask_story_tasks_carry_fact_skips(monkeypatch):
    """The Dask mode builds stories with the same per-story function and hands back the
    fact-stage skips with each story (they used to be swallowed there too)."""
    from newsweave import facts
    from newsweave.distributed import tasks

    def boom(*args, **kwargs):
        raise RuntimeError("figures broke")

    monkeypatch.setattr(facts.figures, "extract_figures", boom)
    config = load_config(None, **{"summarize.method": "lead"})
    arts = [_article(t, i) for i, t in enumerate(TEXTS)]
    [(index, story, _secs, fact_skips)] = tasks.build_stories([(7, "k", arts)], config)
    assert index == 7 and isinstance(story, Story)
    assert [(s.stage, s.source) for s in fact_skips] == [("facts", story.id)]
    assert "figures" in fact_skips[0].reason
