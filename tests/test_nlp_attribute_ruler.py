"""The array-based attribute ruler and lemmatizer passes of nlp.get_nlp give spaCy's own
token attributes (issue 22: output-preserving CPU cuts). Invented sentences."""

from __future__ import annotations

from factories import spacy_ours_and_stock
from newsweave import nlp

# Sentences that exercise the attribute ruler's rules: several-token patterns ("gonna",
# "gotta", "let's", "ain't", "y'all", "c'mon", "there is"), rules that read the dependency
# ("it" / "you" / "I" as subject or object, "but" as an adverb, auxiliaries, "do" / "have" as
# main verbs, a determiner used as a pronoun), whitespace tokens, and the same words in other
# roles, so a cached result keyed too coarsely would show.
TRICKY = [
    "I told you it was gonna rain, and y'all didn't believe me.",
    "You gotta see it: let's go before it ain't there any more!",
    "C'mon, there is no reason; there are three reasons, there was one, there were none.",
    "It hit me and I hit it back, but you saw it and they saw you.",
    "She has done it. He did have a plan, and they had had enough; do they have more?",
    "That is what that firm said, and this is all but over.\n\nThe  mayor's  office,\tnot "
    "the council, 'd decided it.",
    "Which one? Those who'd voted knew that; these were the ones that mattered.",
    "\n\n   \n",
    "Y'all know we're gonna win, don't you? Let's see: it's 5 p.m. and ain't nobody here.",
    "THERE IS A CAT. There's a dog. I am here; am I? You and I, between you and me.",
]


def _models():
    return spacy_ours_and_stock()


def _rows(doc):
    return [
        (t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


def test_fast_passes_are_installed():
    """The passes under test are in place (else the comparisons below compare spaCy with
    itself)."""
    ours, _ = _models()
    for name in ("attribute_ruler", "lemmatizer"):
        assert "pipe" in vars(ours.get_pipe(name)), name


def test_array_attribute_ruler_gives_spacys_attributes():
    ours, stock = _models()
    texts = TRICKY + TRICKY[::-1]  # the second time round every key is cached
    mine = [_rows(d) for d in ours.pipe(texts)]
    theirs = [_rows(d) for d in stock.pipe(texts)]
    assert mine == theirs
    flat = [r for d in mine for r in d]
    # the rules did fire: "gonna" -> go, "'d" -> AUX, whitespace -> SPACE / _SP
    assert ("gon", "VERB", "VBG", "Aspect=Prog|Tense=Pres|VerbForm=Part", "go") in [
        r[:5] for r in flat
    ]
    assert any(r[0].isspace() and r[1] == "SPACE" and r[2] == "_SP" for r in flat)


def test_array_attribute_ruler_merges_several_token_rules_in_order():
    """A token matched by a one-token rule and by a several-token rule gets the attributes of
    the later rule, as in spaCy ("is" after an expletive "there" is a VERB, not an AUX)."""
    ours, stock = _models()
    text = "There is hope. Is there hope? There is."
    mine, theirs = _rows(next(ours.pipe([text]))), _rows(next(stock.pipe([text])))
    assert mine == theirs
    assert any(r[0] == "is" and r[1] == "VERB" for r in mine)


def test_parse_gives_spacys_attributes_without_ner():
    """nlp.parse(full=False) (no NER) also keeps spaCy's attributes."""
    ours, stock = _models()
    mine = [_rows(d) for d in nlp.parse(TRICKY, full=False)]
    theirs = [_rows(d) for d in stock.pipe(TRICKY, disable=["ner"])]
    assert mine == theirs
