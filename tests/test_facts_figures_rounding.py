"""How far apart two stated values may be and still be one value "rounded" (synthetic figures;
no model needed). Trailing zeros written in digits are digits: "100%" is not 89% rounded."""

from __future__ import annotations

from newsweave.facts.figures import agree, group_figures
from newsweave.model import Figure, SentenceRef


def pct(value, text, article, *, qualifier=None):
    return Figure(
        value=value,
        unit="%",
        text=text,
        ref=SentenceRef(article, 0),
        kind="percent",
        measure="voters",
        subject=None,
        time=None,
        qualifier=qualifier,
        context="voters|back",
    )


def money(value, text, article):
    return Figure(
        value=value,
        unit="USD",
        text=text,
        ref=SentenceRef(article, 0),
        kind="money",
        measure="bail",
        subject=None,
        time=None,
        context="bail|set",
    )


def test_100_percent_is_not_89_percent_rounded():
    assert not agree(pct(100, "100%", "a"), pct(89, "89%", "b"))
    assert not agree(pct(50, "50 percent", "a"), pct(46, "46 percent", "b"))


def test_100_and_89_percent_are_never_one_agreeing_row():
    groups = group_figures([pct(100, "100%", "a"), pct(89, "89%", "b")])
    for g in groups:
        if len(g.members) > 1:
            assert g.disagreement  # one fact told two ways is flagged, never shown as agreeing


def test_digits_with_zeros_are_exact_but_scale_words_and_about_round():
    assert not agree(money(50_000, "$50,000", "a"), money(45_000, "$45,000", "b"))
    assert agree(money(1e9, "$1 billion", "a"), money(1.2e9, "$1.2 billion", "b"))
    assert not agree(money(10e6, "$10 million", "a"), money(14e6, "$14 million", "b"))
    assert agree(pct(100, "100%", "a"), pct(100.0, "100.0%", "b"))
    assert agree(pct(20, "20%", "a", qualifier="about"), pct(21, "21%", "b"))
