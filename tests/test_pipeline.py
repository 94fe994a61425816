from newsweave.config import Config, load_config
from newsweave.model import Article, Sentence
from newsweave.pipeline import group_into_stories, headline_for, story_id_for


def art(i, group=None, title=None, text="Some text of an article."):
    return Article(id=f"a{i}", text=text, title=title, group=group, source=f"f{i}.txt")


def test_input_groups_become_stories_in_input_order():
    arts = [art(1, "x"), art(2, "y"), art(3, "x")]
    groups = group_into_stories(arts, Config())
    assert [[a.id for a in g] for g in groups] == [["a1", "a3"], ["a2"]]


def test_one_story_puts_everything_together():
    arts = [art(1, "x"), art(2, "y")]
    groups = group_into_stories(arts, load_config(None, one_story=True))
    assert [[a.id for a in g] for g in groups] == [["a1", "a2"]]
    assert group_into_stories([], load_config(None, one_story=True)) == []


def test_headline_prefers_a_real_title_then_first_sentence():
    assert headline_for([art(1, title="Short"), art(2, title="Bridge reopens after repairs")]) == (
        "Bridge reopens after repairs"
    )
    s = Sentence(0, "The bridge reopened on Friday.", 0, 30)
    untitled = Article(id="b", text=s.text, sentences=(s,))
    assert headline_for([untitled]) == "The bridge reopened on Friday."
    assert headline_for([]) == "(untitled story)"


def test_story_ids_are_stable_and_distinct():
    assert story_id_for("k") == story_id_for("k")
    assert story_id_for("k") != story_id_for("j")
