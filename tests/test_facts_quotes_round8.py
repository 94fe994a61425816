"""Quote attribution, eighth round (issue 19): a description written right before an
organisation's name ("Toy maker Brindlecraft ...") is that organisation, so "the maker
said" later names it rather than the description.

Invented sentences only; each case failed on the code before this round."""

from __future__ import annotations

from factories import quote_pairs, speaker_of


def test_description_before_an_organisation_name_is_that_organisation(make_article):
    text = (
        "Software company Microsoft is warning customers about a fake update that has "
        "spread online this week.\n\n"
        '"Customers should only install updates from our official channels," the company '
        "said on its blog."
    )
    sp = speaker_of(quote_pairs(make_article(text)), "Customers should only")
    assert sp is not None and "Microsoft" in sp
    assert "company" not in sp.lower()


def test_description_with_no_name_after_it_is_kept(make_article):
    # no organisation follows the description: nothing is invented
    text = (
        "Software company officials met on Monday to talk about a fake update that has "
        "spread online this week.\n\n"
        '"Customers should only install updates from our official channels," the company '
        "said on its blog."
    )
    sp = speaker_of(quote_pairs(make_article(text)), "Customers should only")
    assert sp is None or "Microsoft" not in sp


def test_abbreviated_title_is_the_person_named_with_it_next(make_article):
    # "the CEO of ..." nobody held before: the one person named CEO in the next sentence
    text = (
        "Shares of Harlow Mills fell sharply on Tuesday after the storm.\n\n"
        'On Wednesday, the CEO of Harlow Mills said the firm was "confident about the '
        'coming season and its workers."\n\n'
        '"We will rebuild every plant," Daniel Ostrander, CEO of Harlow Mills, said.'
    )
    sp = speaker_of(quote_pairs(make_article(text)), "confident about")
    assert sp == "Daniel Ostrander"


def test_title_given_to_two_people_later_stays_as_written(make_article):
    # two people are named CEO after the description: which one is not known
    text = (
        "Shares of Harlow Mills and Tessaly Foods fell sharply on Tuesday.\n\n"
        'On Wednesday, the CEO said the firm was "confident about the coming season and '
        'its workers."\n\n'
        '"We will rebuild every plant," Daniel Ostrander, CEO of Harlow Mills, said. '
        '"We are fine," Maria Quell, CEO of Tessaly Foods, said.'
    )
    sp = speaker_of(quote_pairs(make_article(text)), "confident about")
    assert sp not in ("Daniel Ostrander", "Maria Quell")
