"""A wire's dateline ("OSTVIK, May 2 (Baltic Wire) -") split off as a sentence of its own is
not a fact only one outlet covers."""

from __future__ import annotations

from factories import article, use_fake_encoder
from newsweave.facts import coverage
from newsweave.model import Story


def test_a_dateline_is_not_a_key_fact(monkeypatch) -> None:
    use_fake_encoder(monkeypatch)
    wire = article(
        [
            "OSTVIK, May 2 (Baltic Wire Service) -",
            "The harbour authority closed the northern pier after a storm damaged it.",
            "Ferries will dock at the southern quay until repairs are finished.",
        ],
        outlet="Baltic Wire Service",
    )
    paper = article(
        [
            "The harbour authority closed the northern pier after a storm damaged it.",
            "Ferries will dock at the southern quay until repairs are finished.",
        ],
        outlet="Ostvik Post",
    )
    story = Story(id="s", headline="pier", articles=(wire, paper))
    facts = [f for c in coverage.outlet_coverage(story) for f in c.facts]
    assert not any("Baltic Wire Service) -" in f.text for f in facts), facts
    # a real sentence only one outlet has is still listed
    wire2 = article(
        [
            wire.sentences[0].text,
            "Divers said the storm had torn away three of the oldest timber piles.",
            *(s.text for s in wire.sentences[1:]),
        ],
        outlet="Baltic Wire Service",
    )
    story2 = Story(id="s2", headline="pier", articles=(wire2, paper))
    facts2 = [f for c in coverage.outlet_coverage(story2) for f in c.facts]
    assert any("timber piles" in f.text for f in facts2), facts2
