"""Quote attribution, twenty-fourth round (issue 19, all gold as tuning, tenth session,
2026-12-08).

A speech verb's past participle modifying a noun ("a statement posted on its website") names
nobody who spoke, so it does not stand between "it said" and the ministry that spoke just
before (``PARTICIPLE_NOT_CUE``); a possessive kin noun as the speaker ("her husband said",
"said his brother") is the one person the article named with that noun beside the name
(``KIN_NAMED_BEFORE``); two people named as the subject of any verb are the pair "they"
refers to in the next sentence (``THEY_JOINT_ACTORS``); "X reflected" attributes words as
"X mused" does (``REFLECT_VERBS``). Two rules tried and left off as shipped: "the software
giant" refers back to an organisation as "the company" does (``EPITHET_ORG_NOUNS``); the one
person named that a pronoun with nobody speaking before it refers to is counted among the
people whose known gender fits (``ONE_PERSON_BY_GENDER``). Invented texts; each case fails
with its switch off."""

from __future__ import annotations

from tests.factories import quoted_speaker as _speaker

POSTED = (
    "Moscow barred nine American officials from entering Russia on Thursday.\n\n"
    "\u201cWe have warned many times that sanctions will hit the United States back,\u201d"
    " the Russian Foreign Ministry said in a statement posted on its website.\n\n"
    "\u201cWashington has been told many times that such talk is unacceptable,\u201d it said.\n"
)

HUSBAND = (
    "Lena Marsh was bitten by a tick while hiking near her home in May, her husband, Tom"
    " Marsh, told reporters on Friday.\n\n"
    "The disease is caused by a bacterium carried by ticks, according to health officials.\n\n"
    '"After things started going bad, her hands started going black," her husband said.\n'
)

BROTHER = (
    "Ben Banky, 24, died on Sunday in a fall from a bridge in Halden.\n\n"
    "John Banky, Ben's older brother, spoke briefly from the family home on Monday.\n\n"
    '"He spoke a few languages and played the piano," said his brother.\n'
)

GIANT = (
    "Halcyon has rushed out a temporary fix for a flaw in its browser.\n"
    "The software giant said the fix should stop the attacks.\n"
    "The company said the flaw affects every version of the browser.\n"
    '"We will take the appropriate action to protect our customers," the company said in an'
    " advisory.\n"
)

PAIR = (
    "Researchers studied the remains of 1,087 people buried in the oasis.\n\n"
    "Even so, Ellen Morton and Peter Sheldrick believe that cancer was far rarer in the past.\n\n"
    '"In our opinion, the rate of cancer would not have been the same," they wrote in their'
    " paper.\n"
)

BERM = (
    "Floodwaters rose along the river again on Monday.\n\n"
    "Randy Nelson said he lost his home to the flood.\n\n"
    "Reporters watched Karen Olson race to build a wall of dirt around her restaurant down the"
    " river.\n\n"
    "A day later there was still no water in the restaurant.\n\n"
    '"I was bound and determined to keep it dry," she said.\n'
)

REFLECTED = (
    "The student found the injured man tied to a fence outside Laramie.\n\n"
    '"Sometimes I wonder why I found him alive, if he was going to die," Kreifels reflected,'
    ' before driving home to see his parents in Grand Island. "But I guess he was meant to see'
    ' his family."\n'
)


def test_a_participle_of_a_noun_is_no_speaker_in_between(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(POSTED, "Washington has") == "Russian Foreign Ministry"
    monkeypatch.setattr(quotes, "PARTICIPLE_NOT_CUE", False)
    assert _speaker(POSTED, "Washington has") is None


def test_a_possessive_kin_noun_is_the_person_named_with_it(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(HUSBAND, "After things") == "Tom Marsh"
    assert _speaker(BROTHER, "He spoke a few") == "John Banky"
    monkeypatch.setattr(quotes, "KIN_NAMED_BEFORE", False)
    assert _speaker(HUSBAND, "After things") is None
    assert _speaker(BROTHER, "He spoke a few") is None


def test_a_kin_noun_named_for_two_people_stays_unknown():
    text = (
        "Ann Lund, his sister, and Eva Berg, his sister, both live in Halden.\n\n"
        '"We never thought this could happen to our family," said his sister.\n'
    )
    assert _speaker(text, "We never thought") is None


def test_the_giant_is_the_organisation_named(monkeypatch):
    from newsweave.facts import quotes

    # off as shipped (it added one wrong pair over the gold); the rule as written
    monkeypatch.setattr(quotes, "EPITHET_ORG_NOUNS", True)
    assert _speaker(GIANT, "We will take") == "Halcyon"
    monkeypatch.setattr(quotes, "EPITHET_ORG_NOUNS", False)
    assert _speaker(GIANT, "We will take") is None


def test_they_is_the_pair_named_as_a_subject(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(PAIR, "In our opinion") == "Ellen Morton and Peter Sheldrick"
    monkeypatch.setattr(quotes, "THEY_JOINT_ACTORS", False)
    assert _speaker(PAIR, "In our opinion") is None


def test_she_is_the_one_woman_named_not_a_man_named_too(monkeypatch):
    from newsweave.facts import quotes

    # off as shipped (it added six wrong pairs over the gold); the rule as written
    monkeypatch.setattr(quotes, "ONE_PERSON_BY_GENDER", True)
    assert _speaker(BERM, "I was bound") == "Karen Olson"
    monkeypatch.setattr(quotes, "ONE_PERSON_BY_GENDER", False)
    assert _speaker(BERM, "I was bound") is None


def test_reflected_attributes_words(monkeypatch):
    from newsweave.facts import quotes

    assert _speaker(REFLECTED, "Sometimes I wonder") == "Kreifels"
    assert _speaker(REFLECTED, "But I guess") == "Kreifels"
    monkeypatch.setattr(quotes, "REFLECT_VERBS", False)
    assert _speaker(REFLECTED, "Sometimes I wonder") is None
