"""Tests of ``newsweave eval summarize``: the JSON contract on a tiny fixture, the ROUGE
scoring (best over references, f1 vs recall) and the bootstrap interval."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pytest

from factories import use_fake_encoder
from newsweave.evaluate import summarize as ev

DOCS_A = [
    "The Vell river dam opened on Monday after six years of construction work. Engineers said "
    "the reservoir will supply water to four hundred thousand homes. The project cost two "
    "billion crowns, twice the original estimate. Local farmers protested the flooding of "
    "their valley fields near the town of Vell.",
    "Officials opened the Vell river dam on Monday after years of delays. The reservoir will "
    "supply water to four hundred thousand homes, engineers said. Farmers whose fields were "
    "flooded held a protest at the gates. Turbines should produce power for the grid by spring.",
    "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
    "Archive. Flowing in every day, these data are added to the Wayback Machine after an "
    "embargo period.",
]
DOCS_B = [
    "The city marathon drew twelve thousand runners through the old harbour district on "
    "Sunday. A Kenyan runner won the women's race in a course record time. Organisers thanked "
    "the volunteers who handed out water along the coastal route.",
    "Twelve thousand runners took part in the harbour marathon on Sunday morning. The women's "
    "race ended in a course record for a Kenyan runner. Several roads stayed closed until the "
    "late afternoon, the police said.",
]


@pytest.fixture
def tiny_dataset(tmp_path):
    path = tmp_path / "tiny.jsonl"
    recs = [
        {
            "id": "c1",
            "documents": [{"title": None, "text": t} for t in DOCS_A],
            "summaries": [
                "The Vell dam opened on Monday. It will supply water to 400,000 homes "
                "and cost two billion crowns. Farmers protested."
            ],
        },
        {
            "id": "c2",
            "documents": [{"title": None, "text": t} for t in DOCS_B],
            "summaries": [
                "A Kenyan runner set a course record at the harbour marathon.",
                "Twelve thousand runners ran the city marathon on Sunday.",
            ],
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def fake_embedder(monkeypatch):
    use_fake_encoder(monkeypatch)


def args(path, **kw):
    ns = argparse.Namespace(
        dataset=str(path),
        limit=None,
        words=40,
        metric="f1",
        methods="newsweave,lead,lexrank,textrank",
        json=True,
    )
    for k, v in kw.items():
        setattr(ns, k, v)
    return ns


@pytest.mark.models
def test_json_shape_is_the_contract(tiny_dataset, fake_embedder, capsys):
    assert ev.run(args(tiny_dataset)) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["dataset"] == str(tiny_dataset)
    assert out["clusters"] == 2
    assert out["words"] == 40
    assert out["metric"] == "f1"
    assert list(out["methods"]) == ["newsweave", "lead", "lexrank", "textrank"]
    for name, m in out["methods"].items():
        for key in ("rouge1", "rouge2", "rougeLsum"):
            assert isinstance(m[key], float), (name, key)
            assert 0.0 < m[key] <= 100.0, (name, key, m[key])
            lo, hi = m[key + "_ci95"]
            assert lo <= m[key] <= hi
        assert m["clusters_per_s"] > 0
    # the archive boiler-plate document of c1 is detected by newsweave
    assert out["methods"]["newsweave"]["ignored_articles"] >= 1


@pytest.mark.models
def test_limit_and_methods_and_text_table(tiny_dataset, fake_embedder, capsys):
    assert ev.run(args(tiny_dataset, limit=1, methods="lead", json=False, metric="recall")) == 0
    text = capsys.readouterr().out
    assert "1 clusters" in text and "lead" in text and "recall" in text
    assert "lexrank" not in text


def test_unknown_method_and_missing_file_raise(tmp_path, tiny_dataset, fake_embedder):
    from newsweave.errors import EvalError

    with pytest.raises(EvalError):
        ev.run(args(tmp_path / "absent.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "not multi-doc"}\n', encoding="utf-8")
    with pytest.raises(EvalError):
        ev.run(args(bad))


def test_score_is_best_over_references_and_metric_matters():
    scorer = ev.make_scorer()
    refs = ["the cat sat on the mat", "dogs bark loudly at night in the city"]
    perfect = ev.score_summary(scorer, ["the cat sat on the mat"], refs, "f1")
    assert perfect["rouge1"] == pytest.approx(100.0)
    assert perfect["rouge2"] == pytest.approx(100.0)
    # a long summary containing the reference: recall stays 100, F1 drops
    long = ["the cat sat on the mat", "and many other words were written here today"]
    rec = ev.score_summary(scorer, long, refs[:1], "recall")
    f1 = ev.score_summary(scorer, long, refs[:1], "f1")
    assert rec["rouge1"] == pytest.approx(100.0)
    assert f1["rouge1"] < 80.0
    # stemming is on: "barking dogs" matches "dogs bark"
    stem = ev.score_summary(scorer, ["barking dogs"], refs[1:], "recall")
    assert stem["rouge1"] > 20.0


def test_bootstrap_interval_brackets_the_mean():
    rng = np.random.default_rng(0)
    values = rng.normal(40, 5, size=200)
    lo, hi = ev.bootstrap_ci(values)
    assert lo < values.mean() < hi
    assert hi - lo < 3.0
    assert ev.bootstrap_ci([7.0, 7.0]) == (7.0, 7.0)
