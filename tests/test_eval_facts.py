"""``newsweave eval facts``: matching rules and scoring (the pipeline is replaced by a fixed
story so the numbers are known), plus the gold file's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.errors import EvalError
from newsweave.evaluate import facts as ev
from newsweave.model import Figure, FigureGroup, Quote, SentenceRef, Story

GOLD = Path(__file__).resolve().parents[1] / "bench" / "gold" / "facts.json"


def test_speaker_matching():
    assert ev.speakers_match("Xi Jinping", "President Xi Jinping")
    assert ev.speakers_match("Gao Feng", "Gao")
    assert ev.speakers_match("Scott Kennedy", "Kennedy")
    assert ev.speakers_match("the state-run Global Times newspaper", "Global Times")
    assert ev.speakers_match("Donald Trump's", "Trump")
    assert not ev.speakers_match("Gao Feng", "Scott Kennedy")
    # ranks are titles, abbreviated or not; an acronym is the same with or without dots
    assert ev.speakers_match("Capt. Ana Varga", "Lt. Varga")
    assert ev.speakers_match("Sgt. Ana Varga", "Ana Varga")
    assert ev.speakers_match("U.K. Met Office", "UK Met Office")
    assert not ev.speakers_match("Capt. Ana Varga", "Capt. Ben Holm")
    assert not ev.speakers_match("", "Trump")


def test_text_matching():
    assert ev.texts_match(
        "I don't think we're going to see a breakthrough",
        "\u201cI don\u2019t think we\u2019re going to see a breakthrough,\u201d",
    )
    assert ev.texts_match("see a breakthrough", "I don't think we're going to see a breakthrough")
    assert not ev.texts_match("threats and blackmail", "the overall direction won't change")


def test_units_and_values():
    assert ev.norm_unit("$") == ev.norm_unit("dollars") == ev.norm_unit("USD") == "USD"
    assert ev.norm_unit("per cent") == ev.norm_unit("%")
    assert ev.norm_unit("years") == ev.norm_unit("year")
    assert ev.norm_unit("feet") == ev.norm_unit("foot") == ev.norm_unit("ft")
    assert ev.norm_unit("square km") == ev.norm_unit("square kilometers") == ev.norm_unit("km2")
    assert ev.values_match(1.19e9, 1.19e9 * 1.001)
    assert not ev.values_match(1e9, 1.19e9)


def test_cents_and_pence_match_the_same_amount_in_the_main_unit():
    gold = {"value": 55, "unit": "cents", "text": "55 cents a share", "source": 0}
    pred = {"value": 0.55, "unit": "USD", "text": "55 cents", "source": 0}
    assert ev.figure_match(gold, pred)
    assert ev.figure_match(pred, gold)
    pence = {"value": 913, "unit": "pence", "text": "913 pence", "source": 0}
    assert ev.figure_match(pence, {**pred, "value": 9.13, "unit": "GBP", "text": "913 pence"})
    assert not ev.figure_match(gold, {**pred, "value": 55})
    assert not ev.figure_match(gold, {**pred, "unit": "GBP"})


def _fig(value, unit, text, aid, start=0):
    return Figure(
        value=value, unit=unit, text=text, ref=SentenceRef(aid, 0, start, start), kind="money"
    )


def test_scores_a_known_story(tmp_path, monkeypatch, make_article):
    d = tmp_path / "cluster"
    d.mkdir()
    (d / "a.txt").write_text("Alpha paid a $1 billion fine, Gao Feng said. " * 3)
    (d / "b.txt").write_text("Beta reported 12 deaths on the road yesterday evening. " * 3)
    from newsweave.ingest import load_articles

    arts, _ = load_articles([d])
    a, b = arts[0].id, arts[1].id
    story = Story(
        id="s",
        headline="h",
        articles=tuple(arts),
        quotes=(
            Quote("Gao Feng", "Alpha paid a fine", SentenceRef(a, 0)),
            Quote("Nobody", "invented", SentenceRef(b, 0)),
        ),
        figures=(
            FigureGroup(id="g1", measure="fine", members=(_fig(1e9, "USD", "$1 billion", a),)),
            FigureGroup(
                id="g2",
                measure="deaths",
                disagreement=True,
                members=(_fig(12, "count", "12", b), _fig(15, "count", "15", a, 5)),
            ),
        ),
    )
    monkeypatch.setattr(ev, "run_cluster", lambda articles: story)
    gold = {
        "clusters": [
            {
                "id": "c",
                "input": {"path": str(d)},
                "quotes": [{"speaker": "Gao", "text": "Alpha paid a fine", "source": 0}],
                "figures": [
                    {"value": 1e9, "unit": "$", "text": "$1 billion", "source": 0},
                    {"value": 12, "unit": "count", "text": "12", "source": "b.txt"},
                    {"value": 7, "unit": "count", "text": "seven", "source": 1},
                ],
                "disagreements": [],
            }
        ]
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    res = ev.evaluate(path)
    t = res["totals"]
    assert t["quotes"]["matched"] == 1 and t["quotes"]["precision"] == 0.5
    assert t["quotes"]["recall"] == 1.0
    # 2 of 3 gold figures found; 3 predicted, 2 right
    assert t["figures"]["matched"] == 2
    assert t["figures"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert t["figures"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert t["disagreements"]["false_positives"] == 1
    gold["clusters"][0]["disagreements"] = [{"measure": "deaths", "values": [12, 15]}]
    path.write_text(json.dumps(gold))
    d2 = ev.evaluate(path)["totals"]["disagreements"]
    assert (d2["true_positives"], d2["false_positives"], d2["false_negatives"]) == (1, 0, 0)


def test_missing_gold_and_inputs_raise(tmp_path):
    with pytest.raises(EvalError):
        ev.evaluate(tmp_path / "none.json")
    p = tmp_path / "g.json"
    p.write_text(json.dumps({"clusters": [{"id": "x", "input": {"path": "no/such/dir"}}]}))
    with pytest.raises(EvalError):
        ev.evaluate(p)


def test_cluster_input_reads_the_lines_of_one_cluster_in_file_order(tmp_path):
    texts = [
        ("a1", "topic-1", "The mayor opened the new bridge over the river today."),
        ("b1", "topic-10", "A storm closed the port on Friday and ships waited outside."),
        ("a2", "topic-1", "Crowds crossed the bridge at noon and cheered the builders."),
    ]
    lines = [{"doc_id": d, "cluster_id": c, "text": t} for d, c, t in texts]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    articles = ev.load_cluster_articles({"jsonl": str(path), "cluster": "topic-1"})
    assert [dict(a.meta)["doc_id"] for a in articles] == ["a1", "a2"]
    assert ev.source_index(articles) == {articles[0].id: 0, articles[1].id: 1}
    with pytest.raises(EvalError):
        ev.load_cluster_articles({"jsonl": str(path), "cluster": "topic-2"})


def test_timeml_input_reads_text_date_and_outlet_in_the_order_given(tmp_path):
    tml = (
        '<?xml version="1.0" ?>\n<TimeML><DOCID>{name}</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">'
        "{dct}</TIMEX3></DCT>\n<TEXT>\n{text}\n</TEXT></TimeML>\n"
    )
    a = tmp_path / "APW19990101.0001.tml"
    a.write_text(
        tml.format(
            name=a.stem,
            dct="1999-01-01",
            text=(
                'The port reopened on <TIMEX3 tid="t1">Friday</TIMEX3> &amp; ships sailed at dawn.'
            ),
        ),
        encoding="utf-8",
    )
    b = tmp_path / "wsj_0001.tml"
    b.write_text(
        tml.format(
            name=b.stem,
            dct="1989-10-27",
            text="Shares of the chip maker rose 5% in heavy trading after the results.",
        ),
        encoding="utf-8",
    )
    articles = ev.load_cluster_articles({"timeml": [str(b), str(a)]})
    assert [x.outlet for x in articles] == ["WSJ", "APW"]
    assert [x.published[:10] for x in articles] == ["1989-10-27", "1999-01-01"]
    assert articles[1].text == "The port reopened on Friday & ships sailed at dawn."
    assert ev.source_index(articles) == {articles[0].id: 0, articles[1].id: 1}
    one = ev.load_cluster_articles({"timeml": str(a)})
    assert [x.id for x in one] == [articles[1].id]


def test_gold_file_shape():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ids = [c["id"] for c in gold["clusters"]]
    assert len(ids) >= 4 and "seed-cluster" in ids
    for c in gold["clusters"]:
        assert {"input", "quotes", "figures", "disagreements"} <= set(c)
        for f in c["figures"]:
            assert {"value", "unit", "text", "measure", "source"} <= set(f)
            assert isinstance(f["value"], (int, float))
