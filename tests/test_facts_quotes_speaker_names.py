"""Quote speakers, the name as the text gives it (issue 19, seventh session): a speaker name
cut at an abbreviated title ("Dist." of "Dist. Atty. Steve Cooley") is the name after the
title, a person's name kept with capitalised role words before it is the name alone
(``SPEAKER_NAME_FORM``); two people named as one subject speak together (``JOINT_SPEAKERS``);
the scorer knows more spellings of titles (``MORE_TITLES`` in ``evaluate.facts``). Invented
sentences; each case fails with its switch off."""

from __future__ import annotations

import pytest
from tests.factories import quote_pairs
from tests.factories import quoted_speaker as _speaker

from newsweave.model import Article


def _speakers(text: str) -> list[str | None]:
    return [
        s for s, _ in quote_pairs(Article(id="a1", text=text, title=None), keep_unattributed=True)
    ]


CUT_AT_TITLES = (
    'The jury returned its verdict on Monday. "This is the crime the law was written for," '
    "said Dist. Atty. Rowan Pell."
)
CUT_AT_RANK = (
    'The search ended late. "We are treating this as a crime scene," Ohio State Police Sgt. '
    "Nora Kell said at a briefing."
)
JOINT = (
    'The gala has a new host. Producers Lena Marsh and Otto Crane called him "a true '
    'entertainer of the old school." "He has style and grace," Marsh and Crane said in a '
    "joint statement."
)


@pytest.mark.parametrize(
    ("text", "start", "name"),
    [
        (CUT_AT_TITLES, "This is the crime", "Rowan Pell"),
        (CUT_AT_RANK, "We are treating", "Nora Kell"),
    ],
)
def test_a_name_cut_at_an_abbreviated_title_is_the_name_after_it(monkeypatch, text, start, name):
    from newsweave.facts import quotes

    assert _speaker(text, start) == name
    monkeypatch.setattr(quotes, "SPEAKER_NAME_FORM", False)
    assert _speaker(text, start) != name


def test_a_surname_after_a_rank_is_the_speaker_not_the_rank(monkeypatch):
    from newsweave.facts import quotes

    text = 'The mill closed. "Nobody saw it coming," said Sgt. Kell, who led the search.'
    assert _speaker(text, "Nobody saw") == "Kell"
    monkeypatch.setattr(quotes, "SPEAKER_NAME_FORM", False)
    assert _speaker(text, "Nobody saw") != "Kell"


def test_a_title_with_no_name_after_it_invents_none():
    # the next sentence's first word is not a name: no speaker "The" or "The convoy"
    text = 'The troops are ready. "We leave at dawn," said Gen. The convoy left at six.'
    assert not any(s and s.startswith("The") for s in _speakers(text))


def test_joint_speakers_are_both_named(monkeypatch):
    from newsweave.facts import quotes

    both = "Lena Marsh and Otto Crane"
    assert _speaker(JOINT, "a true entertainer") == both
    # "Marsh and Crane said": the two people named in full before
    assert _speaker(JOINT, "He has style") == both
    monkeypatch.setattr(quotes, "JOINT_SPEAKERS", False)
    assert _speaker(JOINT, "a true entertainer") != both
    assert _speaker(JOINT, "He has style") != both


def test_one_speaker_with_a_companion_is_not_joint():
    # "and" joins the speaker with what is not a person's name
    text = 'The shop reopened. "We are glad to be back," Ada Brill and her staff said.'
    assert _speaker(text, "We are glad") != "Ada Brill and her staff"


def test_the_scorer_knows_abbreviated_titles(monkeypatch):
    from newsweave.evaluate import facts as ev

    assert ev.speakers_match("Const. Fanning", "Constable Tim Fanning")
    assert ev.speakers_match("Dist. Atty. Rowan Pell", "Rowan Pell")
    assert ev.speakers_match("Supt. Ann Moss", "Superintendent Ann Moss")
    assert not ev.speakers_match("Const. Fanning", "Constable Tim Harrow")
    # the added titles take no match away: a title alone against a role with that title
    assert ev.speakers_match("Chief", "the Mayor's Chief of Staff")
    monkeypatch.setattr(ev, "MORE_TITLES", False)
    assert not ev.speakers_match("Const. Fanning", "Constable Tim Fanning")


def test_a_name_cut_before_its_last_word_is_whole(monkeypatch):
    from newsweave.facts import quotes

    text = (
        "The judge has friends. \u201cI think the sentence is fair,\u201d said Mercer County "
        "Public Defender Molly O\u2019Dare\n\nO\u2019Dare has defended the judge before."
    )
    sp = _speaker(text, "I think the sentence")
    assert sp is not None and sp.endswith("Molly O\u2019Dare")
    monkeypatch.setattr(quotes, "SPEAKER_NAME_FORM", False)
    assert _speaker(text, "I think the sentence") != sp


def test_a_day_after_the_name_is_not_part_of_it():
    text = 'The plant will close. "We had no choice," said plant manager Ada Brill Tuesday.'
    assert _speaker(text, "We had no choice") == "Ada Brill"
