"""Tests for ``newsweave eval entities`` (newsweave.evaluate.entities) on MEANTIME XML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.evaluate import entities as ev

# Two sentences; "Acme Corp" (NAM, head "Acme Corp") and "Acme" (PRE.NAM) are one ORG
# instance, "the Zeta phone" (NAM, head "Zeta") a PRO, "it" a pronoun (not scored) and
# "Bo Lind" a PER mention without a link (not scored).
MEANTIME = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_test" lang="en">
<token t_id="1" sentence="0" number="0">Acme</token>
<token t_id="2" sentence="0" number="1">Corp</token>
<token t_id="3" sentence="0" number="2">sells</token>
<token t_id="4" sentence="0" number="3">the</token>
<token t_id="5" sentence="0" number="4">Zeta</token>
<token t_id="6" sentence="0" number="5">phone</token>
<token t_id="7" sentence="1" number="6">Acme</token>
<token t_id="8" sentence="1" number="7">staff</token>
<token t_id="9" sentence="1" number="8">like</token>
<token t_id="10" sentence="1" number="9">it</token>
<token t_id="11" sentence="1" number="10">,</token>
<token t_id="12" sentence="1" number="11">Bo</token>
<token t_id="13" sentence="1" number="12">Lind</token>
<token t_id="14" sentence="1" number="13">said</token>
<Markables>
<ENTITY_MENTION m_id="1" head="Acme Corp" syntactic_type="NAM">
<token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" head="Zeta" syntactic_type="NAM">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" head="Acme" syntactic_type="PRE.NAM"><token_anchor t_id="7"/>
</ENTITY_MENTION>
<ENTITY_MENTION m_id="4" head="it" syntactic_type="PRO"><token_anchor t_id="10"/>
</ENTITY_MENTION>
<ENTITY_MENTION m_id="5" head="Bo Lind" syntactic_type="NAM">
<token_anchor t_id="12"/><token_anchor t_id="13"/></ENTITY_MENTION>
<ENTITY m_id="10" ent_type="ORG" instance_id="ORG1" TAG_DESCRIPTOR="Acme"/>
<ENTITY m_id="11" ent_type="PRO" instance_id="PRO1" TAG_DESCRIPTOR="Zeta"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><source m_id="4"/>
<target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>
</Relations>
</Document>
"""


def _doc(tmp_path: Path) -> ev.Document:
    f = tmp_path / "1_test.xml"
    f.write_text(MEANTIME, encoding="utf-8")
    return ev.read_document(f)


def test_reader_keeps_linked_named_mentions_with_heads(tmp_path):
    doc = _doc(tmp_path)
    assert doc.text.splitlines() == [
        "Acme Corp sells the Zeta phone",
        "Acme staff like it, Bo Lind said",
    ]
    got = [(g.text, g.instance, g.type, doc.text[g.head[0] : g.head[1]]) for g in doc.gold]
    assert got == [
        ("Acme Corp", "ORG1", "ORG", "Acme Corp"),
        ("the Zeta phone", "PRO1", "PRO", "Zeta"),
        ("Acme", "ORG1", "ORG", "Acme"),
    ]


def _span(doc, text, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return start, start + len(text)


def test_scores_bcubed_types_and_recall(tmp_path):
    doc = _doc(tmp_path)
    # a system that finds all three, merges the two Acme mentions, types Zeta as ORG
    perfect = [
        ev.SysMention(*_span(doc, "Acme Corp"), "a", "ORG"),
        ev.SysMention(*_span(doc, "Zeta"), "z", "ORG"),
        ev.SysMention(*_span(doc, "Acme", 1), "a", "ORG"),
    ]
    figs = ev.score([doc], [perfect])
    assert figs["merge_p"] == figs["merge_r"] == figs["merge_f1"] == 1.0
    assert figs["type_acc"] == pytest.approx(2 / 3, abs=1e-4)
    assert figs["mention_recall"] == 1.0
    # the second Acme missed: a singleton, recall of the Acme mentions halves
    missed = perfect[:2]
    figs = ev.score([doc], [missed])
    assert figs["merge_p"] == 1.0
    assert figs["merge_r"] == pytest.approx((0.5 + 1 + 0.5) / 3, abs=1e-4)
    assert figs["mention_recall"] == pytest.approx(2 / 3, abs=1e-4)
    # everything in one cluster: precision falls
    lumped = [ev.SysMention(m.start, m.end, "x", "PRODUCT") for m in perfect]
    figs = ev.score([doc], [lumped])
    assert figs["merge_r"] == 1.0
    assert figs["merge_p"] == pytest.approx((2 / 3 + 1 / 3 + 2 / 3) / 3, abs=1e-4)
    assert figs["type_acc"] == pytest.approx(1 / 3, abs=1e-4)


def test_match_uses_the_head_and_is_one_to_one(tmp_path):
    doc = _doc(tmp_path)
    # "the" alone overlaps the gold "the Zeta phone" but not its head "Zeta": no match
    pairs = ev.match(doc.gold, [ev.SysMention(*_span(doc, "the"), "t", "ORG")])
    assert pairs == {}
    one = ev.SysMention(0, len(doc.text.splitlines()[0]), "x", "ORG")
    assert len(ev.match(doc.gold, [one])) == 1  # one prediction, one gold mention


def test_type_map_documented_classes():
    assert ev.TYPE_MAP["PERSON"] == "PER" and ev.TYPE_MAP["GPE"] == "LOC"
    assert ev.TYPE_MAP["FAC"] == "LOC" and ev.TYPE_MAP["PRODUCT"] == "PRO"
    assert "EVENT" not in ev.TYPE_MAP


def test_cli_json_keys_and_skips_unreadable(tmp_path, capsys, monkeypatch):
    from newsweave import cli

    _doc(tmp_path)
    (tmp_path / "broken.xml").write_text("<Document><token", encoding="utf-8")
    monkeypatch.setattr(ev, "parse_documents", lambda docs: [None] * len(docs))
    monkeypatch.setattr(ev, "predict_newsweave", lambda docs, parsed: [[] for _ in docs])
    monkeypatch.setattr(ev, "predict_spacy", lambda docs, parsed: [[] for _ in docs])
    assert cli.main(["eval", "entities", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr()
    result = json.loads(out.out)
    assert result["documents"] == 1 and result["mentions_gold"] == 3
    assert set(result["methods"]) == {"newsweave", "spacy"}
    for figs in result["methods"].values():
        assert set(figs) == {"merge_p", "merge_r", "merge_f1", "type_acc", "mention_recall"}
        assert figs["mention_recall"] == 0.0
    assert "broken.xml" in out.err


SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED / "meantime" / "corpus_apple").is_dir(), reason="../shared/data absent"
)
def test_meantime_targets_above_the_spacy_baseline():
    docs = ev.read_documents([str(SHARED / "meantime" / "corpus_apple")])
    result = ev.evaluate(docs)
    ours, base = result["methods"]["newsweave"], result["methods"]["spacy"]
    assert ours["merge_f1"] >= 0.85 and ours["type_acc"] >= 0.90
    assert ours["merge_f1"] > base["merge_f1"] and ours["type_acc"] > base["type_acc"]
