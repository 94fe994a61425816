"""find_figures' prefilter (issue 22) finds exactly the matches of a plain
``FIGURE_RE.finditer``. Invented sentences and random strings built from figure pieces."""

from __future__ import annotations

import random

from newsweave.facts import figures

SENTENCES = [
    "The deal is worth $1.2 billion, or US$ 5m, or u.s.$ .5 million, or C$30, €200 million.",
    "USD 40 and 3,000 BD and 20,000 SAR changed hands; 200 million euros and ten dollars too.",
    "Prices rose 7.5% and 90 per cent, then .02 percent, 3 percentage points in all.",
    "A 5-foot-8-inch man, 5 feet 8, in his 20s, in her early thirties, a 20-something.",
    "It is 4.3 times more likely and three times as large; a twofold rise, not one-fold.",
    "Followed for one year, sentenced to one year in prison, a one-year term, within one week.",
    "The 63-year-old had a 10-year plan: seven years, 3 months, 24 hours later, 2 wks.",
    "A 1C rise, 1.8°F, 5 degrees Celsius, at 2,400m (7,900ft), 40 km and 3 tons of 900g.",
    "A 9,200-crown bill, a 3-million-euro deal, half a million votes, a half-billion-dollar pot.",
    "A seven-story building, 103 patients, 2,000 people, two dozen homes, one assault rifle.",
    "Twenty-one of them, Ninety-nine others, ELEVEN more, a dozen wounded, half a dozen officers.",
    "Someone often wrote that attention is content; none of them were tenants or phone owners.",
    "Call (619) 293-1275 or 555-1234 by 5 p.m. on May 3, 2018; Route 66, Proposition 37.",
    "twone eighteenth tenfold sixty-six 1,234,567.89 12.5bn 3-4 million 5–6%",
]

PIECES = [
    "$",
    "US$",
    "u.s.$",
    "C$",
    "€",
    "£",
    "¥",
    "USD",
    "EUR",
    "BD",
    "rs.",
    "Rs",
    "1",
    "12",
    "1,000",
    "3.5",
    ".5",
    "2,400",
    "one",
    "One",
    "two",
    "Ten",
    "twenty",
    "-",
    "–",
    "one",
    "ninety-nine",
    "dozen",
    "half",
    "Half",
    "a",
    "an",
    "for",
    "For",
    "his",
    "her",
    "to",
    "million",
    "bn",
    "m",
    "k",
    "percent",
    "per cent",
    "%",
    "percentage points",
    "year",
    "years",
    "-year-old",
    "old",
    "times",
    "more",
    "fold",
    "-fold",
    "feet",
    "foot",
    "inch",
    "km",
    "miles",
    "°",
    "C",
    "F",
    "degrees",
    "Celsius",
    "dollars",
    "euros",
    "crown",
    "in",
    "g",
    "h",
    "wk",
    "mo",
    "often",
    "someone",
    "tenant",
    "(",
    ")",
    ",",
    ".",
    ":",
    "/",
    "#",
    "'",
    '"',
    "’",
    "ſix",
    "K",
    "prison",
    "day",
]


def _plain(text: str):
    return [(m.span(), m.lastgroup, m.groups()) for m in figures.FIGURE_RE.finditer(text)]


def _fast(text: str):
    return [(m.span(), m.lastgroup, m.groups()) for m in figures._figure_matches(text)]


def test_prefilter_gives_the_matches_of_a_plain_scan():
    for text in SENTENCES + ["\n".join(SENTENCES), "", "no numbers at all here"]:
        assert _fast(text) == _plain(text), text
    assert len(_plain(" ".join(SENTENCES))) > 60


def test_prefilter_on_random_figure_pieces():
    rng = random.Random(22)
    for _ in range(3000):
        parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 14))]
        seps = [rng.choice(["", " ", " ", "  ", "\n", "-"]) for _ in parts]
        text = "".join(p + s for p, s in zip(parts, seps, strict=True))
        assert _fast(text) == _plain(text), repr(text)


def test_find_figures_unchanged_by_the_prefilter(monkeypatch):
    text = "\n\n".join(SENTENCES)
    fast = figures.find_figures(text)
    monkeypatch.setattr(figures, "_figure_matches", lambda t: list(figures.FIGURE_RE.finditer(t)))
    assert figures.find_figures(text) == fast and len(fast) > 40


def test_lookback_is_needed():
    """With no look-back the prefilter would lose the currency prefixes: the check above can
    fail."""
    text = "It cost u.s.$ 5 million and USD 40."
    saved = figures.FIGURE_LOOKBACK
    try:
        figures.FIGURE_LOOKBACK = 0
        assert _fast(text) != _plain(text)
    finally:
        figures.FIGURE_LOOKBACK = saved
    assert _fast(text) == _plain(text)


def test_prefilter_with_every_currency_word_of_the_module():
    """Every currency prefix, code and word the figure rules know, before and after amounts
    written every way (a prefix added later is checked too)."""
    names = [*figures._CUR_PREFIX, *figures._CUR_CODE_AFTER, *figures._CUR_WORDS, *figures._CUR_ADJ]
    for name in names:
        for form in (name, name.upper(), name.title()):
            text = (
                f"It cost {form} .5, {form}  5 million, {form}12bn, 3 {form}, "
                f"two million {form} and a 40-{form} note."
            )
            assert _fast(text) == _plain(text), text
