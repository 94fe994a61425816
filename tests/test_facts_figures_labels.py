"""Figure labels, subjects and times as a reader reads them: a one-syllable verb ending
consonant-vowel-consonant doubles its last letter ("scrap" -> "flights scrapped", not
"scraped", another verb); a subject keeps the whole name of its compound; a figure dated by a
day, or by a year after "since", is given no period."""

from __future__ import annotations

import pytest

from factories import use_fake_encoder
from newsweave import nlp
from newsweave.model import Article, Story


@pytest.mark.parametrize(
    "sentence, label",
    [
        ("Storms forced the airline to scrap 212 flights on Tuesday.", "flights scrapped"),
        ("The regulator will ban 35 pesticides next year.", "pesticides banned"),
        ("The company recalled 12,000 jars of honey.", "jars recalled"),
    ],
)
def test_a_verb_label_uses_the_right_participle(monkeypatch, sentence: str, label: str) -> None:
    from newsweave.facts import extract_facts
    from newsweave.ingest import article_id

    use_fake_encoder(monkeypatch)
    arts = nlp.split_sentences(
        [Article(id=article_id(sentence, None), text=sentence, outlet="Daily")]
    )
    story = extract_facts(Story(id="s", headline="h", articles=tuple(arts)))
    assert [g.label for g in story.figures] == [label]


def test_a_subject_keeps_the_whole_name_of_its_compound(monkeypatch) -> None:
    from newsweave.facts import extract_facts
    from newsweave.ingest import article_id

    use_fake_encoder(monkeypatch)
    text = "Orrin Bay Ferries crews walked out on Friday, stranding 4,000 passengers."
    arts = nlp.split_sentences([Article(id=article_id(text, None), text=text, outlet="Daily")])
    story = extract_facts(Story(id="s", headline="h", articles=tuple(arts)))
    subjects = [m.subject for g in story.figures for m in g.members]
    assert subjects == ["Orrin Bay Ferries crews"]


@pytest.mark.parametrize(
    "sentence, time",
    [
        # a day dates the figure: the farther year is another event's
        (
            "Shares in Orvane fell 31% on Tuesday, their worst day since the company listed in "
            "2020.",
            None,
        ),
        # after "since", a year is where a comparison starts
        ("Prices are up 12% since 2019.", None),
        ("Sales fell 8% in 2023 after a strong 2022.", "2023"),
    ],
)
def test_the_time_of_a_figure(monkeypatch, sentence: str, time: str | None) -> None:
    from newsweave.facts.figures import extract_figures

    arts = nlp.split_sentences(
        [Article(id="a1", text=sentence, outlet="Daily", published="2025-09-17")]
    )
    assert [f.time for f in extract_figures(arts) if f.unit == "%"] == [time]
