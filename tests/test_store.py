"""Tests of the SQLite store (newsweave.store): round-trips, idempotence, atomicity,
migrations and safe full-text search."""

from __future__ import annotations

import dataclasses
import datetime
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import (
    article,
    entity,
    event,
    figure,
    group,
    only_in,
    quote,
    stories,
    use_fake_encoder,
)
from newsweave import store as store_mod
from newsweave.errors import StoreError
from newsweave.model import (
    Article,
    Citation,
    Coverage,
    Entity,
    FigureGroup,
    Ignored,
    Quote,
    Removed,
    SentenceRef,
    Skipped,
    Story,
    Summary,
    SummarySentence,
    TimelineEvent,
    WeaveResult,
    from_dict,
    to_dict,
)
from newsweave.store import Store, StoryNotFound, fts_query, split_sql


def make_article(aid: str, sentences: list[str], **kw: Any) -> Article:
    """An article whose text is its sentences joined by spaces, with exact offsets."""
    return article(sentences, aid, **kw)


def make_story(story_id: str = "s1", headline: str = "Harbour bridge reopens") -> Story:
    a = make_article(
        "aaaa000000000001",
        ["The harbour bridge reopened on Friday.", "Repairs cost $12 million."],
        title="Bridge reopens after repairs",
        outlet="Coast Herald",
        published="2031-04-04",
        source="news/herald.txt",
        url="https://herald.example/bridge",
        author="Ines Moor",
        language="en",
        group="news",
        removed=(
            Removed("(Photo: K. Lund/Herald)", "credit"),
            Removed("Twitter: @imoor", "social"),
        ),
        raw_text="raw text with noise",
        extraction="text",
        confidence=0.9,
        meta=(("section", "local"),),
    )
    b = make_article(
        "bbbb000000000002",
        ["Traffic returned to the bridge on Friday.", "The city paid 12 million dollars."],
        title="Traffic back on the bridge",
        outlet="Bay Daily",
        published="2031-04-05T08:00:00+00:00",
        source="news/bay.html",
    )
    summary = Summary(
        sentences=(
            SummarySentence(
                a.sentences[0].text,
                (
                    Citation(a.id, 0, a.sentences[0].start, a.sentences[0].end),
                    Citation(b.id, 0, b.sentences[0].start, b.sentences[0].end),
                ),
            ),
            SummarySentence(
                a.sentences[1].text,
                (Citation(a.id, 1, a.sentences[1].start, a.sentences[1].end),),
            ),
        ),
        method="test",
        ignored=(Ignored(b.id, "off-topic"),),
    )
    return Story(
        id=story_id,
        headline=headline,
        articles=(a, b),
        summary=summary,
        entities=(entity("e1", "harbour bridge", "FAC", (a, "harbour bridge"), (b, "bridge")),),
        quotes=(quote("Mayor", "returned to the bridge", b, partial=True),),
        figures=(
            group(
                "g1",
                "cost",
                figure(a, "$12 million", 12e6, "USD", measure="cost"),
                figure(b, "12 million dollars", 12e6, "USD", measure="cost"),
            ),
        ),
        timeline=(
            event(
                "2031-04-04",
                "The harbour bridge reopened on Friday.",
                (a, 0),
                (b, 0),
                expression="on Friday",
            ),
        ),
        coverage=(only_in("Coast Herald", [a], ("figure", a, 1)),),
    )


@pytest.fixture
def db(tmp_path):
    with Store(tmp_path / "nw.db") as s:
        yield s


# ------------------------------------------------------------------ round trips


def test_story_round_trip_equals_original(db):
    story = make_story()
    db.save_story(story)
    loaded = db.load_story(story.id)
    assert loaded == story
    assert loaded.articles[0].removed[0].reason == "credit"
    assert loaded.summary.sentences[0].citations[1].article_id == "bbbb000000000002"


def test_round_trip_survives_reopening(tmp_path):
    story = make_story()
    with Store(tmp_path / "x.db") as s:
        s.save_result(WeaveResult([story], [Skipped("bad.bin", "ingest", "binary file")]))
    with Store(tmp_path / "x.db", create=False) as s:
        assert s.load_story(story.id) == story
        assert s.get_article("bbbb000000000002") == story.articles[1]
        assert s.skipped() == [Skipped("bad.bin", "ingest", "binary file")]
    with Store(tmp_path / "x.db", readonly=True) as s:
        assert s.load_story(story.id) == story


def test_story_without_summary_round_trips(db):
    story = dataclasses.replace(make_story(), summary=None, entities=(), quotes=())
    db.save_story(story)
    assert db.load_story(story.id) == story


def test_resaving_a_story_replaces_it(db):
    story = make_story()
    db.save_story(story)
    created = db.list_stories()[0]["created"]
    smaller = dataclasses.replace(
        story,
        headline="New headline",
        articles=story.articles[:1],
        summary=Summary(story.summary.sentences[1:], "test"),
        entities=(),
    )
    db.save_story(smaller)
    assert db.story_ids() == [story.id]
    assert db.load_story(story.id) == smaller
    assert db.list_stories()[0]["created"] == created
    # articles stay in the store even when a story no longer uses them
    assert db.article_count() == 2


# ------------------------------------------------------------------ idempotence


def test_same_article_twice_is_one_row(db):
    a = make_story().articles[0]
    assert db.add_articles([a, a]) == [a.id]
    assert db.add_articles([a]) == []
    assert db.article_count() == 1
    n_sent = db.connection.execute("SELECT count(*) FROM sentences").fetchone()[0]
    assert n_sent == len(a.sentences)


def test_iter_articles(db):
    story = make_story()
    db.save_story(story)
    assert sorted(a.id for a in db.iter_articles()) == sorted(a.id for a in story.articles)
    assert list(db.iter_articles(["bbbb000000000002", "missing"])) == [story.articles[1]]
    assert db.has_article("aaaa000000000001") and not db.has_article("missing")
    assert db.article_stories("aaaa000000000001") == ["s1"]


def test_recleaned_article_refreshes_text_and_sentences_but_keeps_first_source(db):
    story = make_story()
    db.save_story(story)
    a = story.articles[0]
    newer = make_article(
        a.id,
        ["The harbour bridge reopened on Friday."],
        title=a.title,
        source="other/copy.txt",
        removed=(Removed("Repairs cost $12 million.", "test"),),
    )
    assert db.add_articles([newer]) == []
    got = db.get_article(a.id)
    assert got.text == newer.text and got.sentences == newer.sentences
    assert got.removed == newer.removed
    assert got.source == a.source and got.outlet == a.outlet
    assert [h["id"] for h in db.search("million")] == ["bbbb000000000002"]  # FTS follows
    assert db.article_count() == 2


def test_rerunning_a_result_adds_nothing(db):
    result = WeaveResult([make_story()], [])
    db.save_result(result)
    counts = {
        t: db.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in (
            "articles",
            "sentences",
            "stories",
            "story_articles",
            "summary_sentences",
            "citations",
            "story_facts",
            "articles_fts",
        )
    }
    db.save_result(result)
    again = {t: db.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts}
    assert again == counts
    assert [r["articles_new"] for r in db.runs()] == [0, 2]


# ------------------------------------------------------------------ atomicity


def _table_counts(s: Store) -> dict[str, int]:
    return {
        t: s.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in (
            "articles",
            "sentences",
            "stories",
            "citations",
            "runs",
            "skipped",
            "articles_fts",
        )
    }


def test_save_result_is_all_or_nothing_on_a_database_error(db):
    good = make_story("good")
    # A citation of an article that is in no story violates the citations foreign key.
    bad_summary = Summary((SummarySentence("x", (Citation("not-an-article", 0),)),))
    bad = dataclasses.replace(make_story("bad"), summary=bad_summary)
    before = _table_counts(db)
    with pytest.raises(StoreError, match="rolled back"):
        db.save_result(WeaveResult([good, bad], [Skipped("a", "ingest", "r")]))
    assert _table_counts(db) == before
    assert db.story_ids() == []


def test_save_result_is_all_or_nothing_on_any_exception(db, monkeypatch):
    db.save_result(WeaveResult([make_story("first")], []))
    before = _table_counts(db)
    calls = []
    real = Store.save_story

    def failing(self, story, run_id=None):
        calls.append(story.id)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real(self, story, run_id)

    monkeypatch.setattr(Store, "save_story", failing)
    other = dataclasses.replace(
        make_story("second"),
        articles=(make_article("cccc000000000003", ["A new article here."]),),
        summary=None,
    )
    with pytest.raises(RuntimeError):
        db.save_result(WeaveResult([other, make_story("third")], []))
    assert _table_counts(db) == before
    assert db.story_ids() == ["first"]
    assert not db.connection.in_transaction
    # the store is still usable afterwards
    monkeypatch.setattr(Store, "save_story", real)
    db.save_result(WeaveResult([other], []))
    assert db.story_ids() == ["first", "second"]


def test_readers_never_see_a_half_written_run(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as writer, Store(path, check_same_thread=False) as reader:
        with writer.transaction():
            writer.save_story(make_story("one"))
            writer.save_story(make_story("two"))
            # a second connection reads the last committed state while the writer works (WAL)
            assert reader.list_stories() == [] and reader.article_count() == 0
            with pytest.raises(StoryNotFound):
                reader.load_story("one")
        assert {r["id"] for r in reader.list_stories()} == {"one", "two"}
        assert reader.load_story("one") == make_story("one")


# ------------------------------------------------------------------ opening, migrations


def test_new_store_is_at_latest_version_with_wal_and_foreign_keys(tmp_path):
    with Store(tmp_path / "n.db") as s:
        assert s.version == len(store_mod.MIGRATIONS) >= 1
        assert s.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        tables = {r[0] for r in s.connection.execute("SELECT name FROM sqlite_master")}
    assert {
        "articles",
        "sentences",
        "stories",
        "story_articles",
        "summaries",
        "summary_sentences",
        "citations",
        "story_facts",
        "skipped",
        "runs",
        "articles_fts",
    } <= tables


def test_empty_file_is_migrated(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store(path) as s:
        assert s.version == len(store_mod.MIGRATIONS)


def test_appended_migration_applies_once(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    with Store(path) as s:
        base = s.version
        s.save_story(make_story())
    extra = """
        CREATE TABLE probe_pages (url TEXT PRIMARY KEY, html BLOB);
        INSERT INTO probe_pages (url, html) VALUES ('u', 'x');
    """
    monkeypatch.setattr(store_mod, "MIGRATIONS", [*store_mod.MIGRATIONS, extra])
    with Store(path) as s:
        assert s.version == base + 1
        assert s.load_story("s1") == make_story()  # old data kept
    with Store(path) as s:  # re-opening does not re-apply (CREATE TABLE would fail)
        assert s.version == base + 1
        assert s.connection.execute("SELECT count(*) FROM probe_pages").fetchone()[0] == 1


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "f.db"
    with Store(path) as s:
        base = s.version
    monkeypatch.setattr(
        store_mod,
        "MIGRATIONS",
        [*store_mod.MIGRATIONS, "CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);"],
    )
    with pytest.raises(StoreError, match="migration"):
        Store(path)
    monkeypatch.undo()
    with Store(path) as s:
        assert s.version == base
        names = {r[0] for r in s.connection.execute("SELECT name FROM sqlite_master")}
        assert "half" not in names


def test_store_from_a_newer_newsweave_is_refused(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(store_mod.MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade newsweave"):
        Store(path)


def test_missing_store_without_create_names_the_fix(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreError) as info:
        Store(path, create=False)
    assert str(path) in str(info.value) and "newsweave weave" in str(info.value)
    assert not path.exists()


def test_garbage_file_is_a_store_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(path)


def test_unwritable_location_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open store"):
        Store(tmp_path / "no" / "such" / "dir" / "x.db")


def test_unknown_ids_raise_not_found(db):
    db.save_story(make_story())
    with pytest.raises(StoryNotFound):
        db.load_story("nope")
    with pytest.raises(KeyError):
        db.get_article("nope")
    with pytest.raises(StoreError, match="nope"):
        db.delete_story("nope")


def test_split_sql_keeps_triggers_whole():
    stmts = split_sql(
        "-- comment\nCREATE TABLE a (x);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO a VALUES (1); SELECT 1; END;\n"
        "CREATE TABLE b (y TEXT DEFAULT ';');"
    )
    assert len(stmts) == 3
    assert stmts[1].startswith("CREATE TRIGGER") and stmts[1].endswith("END;")


# ------------------------------------------------------------------ listing, search


def test_list_stories_fields_and_order(db):
    old = make_story("old")
    newer_small = dataclasses.replace(
        make_story("newer"),
        articles=(
            make_article(
                "dddd000000000004", ["Later news text."], outlet="Z Post", published="2032-01-01"
            ),
        ),
        summary=None,
    )
    db.save_result(WeaveResult([old, newer_small], []))
    rows = db.list_stories()
    assert [r["id"] for r in rows] == ["newer", "old"]
    o = rows[1]
    assert o["size"] == 2
    assert o["outlets"] == ["Bay Daily", "Coast Herald"]
    assert o["first_published"] == "2031-04-04"
    assert o["last_published"] == "2031-04-05T08:00:00+00:00"
    assert o["headline"] == "Harbour bridge reopens" and o["updated"]
    assert db.list_stories(limit=1, offset=1)[0]["id"] == "old"


def test_list_stories_puts_larger_first_on_equal_dates(db):
    single = make_article(
        "eeee000000000005", ["Only one outlet wrote this."], published="2031-04-05T08:00:00+00:00"
    )
    one = dataclasses.replace(make_story("one"), articles=(single,), summary=None)
    two = make_story("two")  # two articles, same latest date
    db.save_result(WeaveResult([one, two], []))
    assert [r["id"] for r in db.list_stories()] == ["two", "one"]


HOSTILE = [
    '"',
    '""',
    "AND OR",
    "AND",
    "NOT",
    "*",
    "**",
    "(",
    ")",
    "NEAR(a b",
    "a:b",
    "title:bridge",
    "^bridge",
    "-bridge",
    "bridge OR",
    "'",
    "\\",
    "\x00",
    "%",
    "_",
    "日本語 ニュース",
    "émoji 🚀",
    "ﬁnance",
    "\u202e",
    "a" * 5000,
    "   ",
    "",
    'bridge" OR "x',
    "{col1 col2}: x",
    "+",
    "NEAR",
    "\ud7ff",
]


def test_search_never_raises_on_hostile_input(db):
    db.save_story(make_story())
    for q in HOSTILE:
        assert isinstance(db.search(q), list), q


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_search_never_raises_on_random_text(q):
    with Store(":memory:") as s:
        s.add_articles([make_article("e1", ["Bridge repairs cost a lot."], title="Bridge")])
        assert isinstance(s.search(q), list)


def test_search_finds_words_and_prefixes(db):
    db.save_story(make_story())
    hits = db.search("harbour bridge")
    assert [h["id"] for h in hits] == ["aaaa000000000001"]
    assert hits[0]["story_ids"] == ["s1"] and hits[0]["outlet"] == "Coast Herald"
    assert {h["id"] for h in db.search("bridg")} == {"aaaa000000000001", "bbbb000000000002"}
    assert db.search("traffic AND") == []  # "AND" is a word to find, not an operator
    assert db.search("nonexistentword") == []
    assert db.search("bridge", limit=1) and len(db.search("bridge", limit=1)) == 1


def test_search_folds_diacritics(db):
    db.add_articles([make_article("f1", ["The café in Zürich reopened."], title="Café")])
    assert [h["id"] for h in db.search("cafe zurich")] == ["f1"]


def test_fts_query_quotes_every_term():
    assert fts_query('trade "talks" AND OR*') == '"trade" "talks" "AND" "OR"*'
    assert fts_query("!!! ***") == ""


# ------------------------------------------------------------------ from_dict and facts


@dataclass(frozen=True)
class _Member:
    value: float
    unit: str
    article_id: str
    note: str | None = None


@dataclass(frozen=True)
class _Group:
    members: tuple[_Member, ...]
    disagreement: bool = False
    extra: Any = None
    tags: tuple[tuple[str, int], ...] = ()


def test_from_dict_follows_type_hints():
    g = _Group(
        (_Member(1.0, "USD", "a"), _Member(2.5, "USD", "b", "x")), True, {"k": [1]}, (("t", 1),)
    )
    data = to_dict(g)
    data["unknown_future_key"] = 1
    assert from_dict(_Group, data) == g
    assert from_dict(_Member, {"value": 3, "unit": "%", "article_id": "c"}).value == 3.0
    assert from_dict(_Group | None, None) is None


def test_facts_are_stored_as_json_and_come_back_as_the_fact_classes(db):
    # regression (issue 21): facts came back from the store as dicts, so a loaded story was
    # not equal to the saved one
    story = make_story()
    db.save_story(story)
    loaded = db.load_story(story.id)
    for kind, cls in (
        ("entities", Entity),
        ("quotes", Quote),
        ("figures", FigureGroup),
        ("timeline", TimelineEvent),
        ("coverage", Coverage),
    ):
        assert getattr(story, kind), kind
        assert all(type(f) is cls for f in getattr(loaded, kind)), kind
        assert getattr(loaded, kind) == getattr(story, kind), kind
    assert loaded.quotes[0].sources == (SentenceRef(story.articles[1].id, 0),)
    assert loaded.figures[0].members[0].ref == story.figures[0].members[0].ref
    rows = db.connection.execute("SELECT kind, json FROM story_facts ORDER BY kind, idx")
    stored = {kind: json.loads(text) for kind, text in rows}
    assert set(stored) == {"entities", "quotes", "figures", "timeline", "coverage"}
    # stored as the JSON report writes them (docs/json-report.md)
    assert stored["quotes"] == to_dict(story.quotes[0])
    assert stored["quotes"]["sources"] == [[story.articles[1].id, 0]]


# ------------------------------------------------------------------ property test

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
_opt = st.none() | _text


@st.composite
def articles(draw):
    parts = draw(st.lists(_text, min_size=0, max_size=5))
    aid = draw(st.text(alphabet="0123456789abcdef", min_size=16, max_size=16))
    return make_article(
        aid,
        parts,
        title=draw(_opt),
        outlet=draw(_opt),
        published=draw(_opt),
        source=draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)),
        url=draw(_opt),
        author=draw(_opt),
        language=draw(st.none() | st.sampled_from(["en", "de"])),
        group=draw(_opt),
        removed=tuple(
            Removed(t, r) for t, r in draw(st.lists(st.tuples(_text, _text), max_size=3))
        ),
        raw_text=draw(_opt),
        extraction=draw(_opt),
        confidence=draw(st.none() | st.floats(0, 1)),
        meta=tuple(draw(st.lists(st.tuples(_text, _text), max_size=3))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(articles(), max_size=4, unique_by=lambda a: a.id))
def test_random_articles_round_trip(arts):
    with Store(":memory:") as s:
        assert s.add_articles(arts) == [a.id for a in arts]
        assert s.add_articles(arts) == []
        for a in arts:
            assert s.get_article(a.id) == a
        if arts:
            story = Story("sx", "h", tuple(arts))
            s.save_story(story)
            assert s.load_story("sx") == story


# ------------------------------------------------------------------ weave, save, load
# issue 21: a story woven from articles, saved with Store.save_result and loaded with
# Store.load_story equals the woven story, dataclass facts included.


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_generated_stories_round_trip_through_the_store(story):
    with Store(":memory:") as s:
        s.save_result(WeaveResult([story], []))
        assert s.load_story(story.id) == story


_NAMES = ["Ilse Brandvold", "Tomas Reyes", "Mara Lind", "Oskar Vane"]
_PLACES = ["Velmora", "Kestrel Bay", "Lumenara", "Osterby"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_sentence = st.one_of(
    st.builds(
        "\u201cWe will {} the {} by {},\u201d said {}.".format,
        st.sampled_from(["reopen", "repair", "close"]),
        st.sampled_from(["bridge", "harbour", "line"]),
        st.sampled_from(_WEEKDAYS),
        st.sampled_from(_NAMES),
    ),
    st.builds(
        "The city of {} agreed on {} to pay {} million crowns for the {}.".format,
        st.sampled_from(_PLACES),
        st.sampled_from(_WEEKDAYS),
        st.integers(1, 900),
        st.sampled_from(["repairs", "survey", "shuttle buses"]),
    ),
    st.builds(
        "{} told reporters in {} that {} per cent of the {} had {}.".format,
        st.sampled_from(_NAMES),
        st.sampled_from(_PLACES),
        st.integers(2, 95),
        st.sampled_from(["girders", "pilots", "patients"]),
        st.sampled_from(["cracked", "walked out", "recovered"]),
    ),
    st.builds(
        "Work began in {} {} after {} inspectors found {} cracks.".format,
        st.sampled_from(["March", "June", "October"]),
        st.integers(2019, 2026),
        st.sampled_from(["three", "five", "twelve"]),
        st.integers(2, 40),
    ),
)
_outlet_article = st.tuples(
    st.sampled_from(["Harbour Gazette", "Evening Star", "Coast Herald", "Bay Daily"]),
    st.lists(_sentence, min_size=2, max_size=5),
    st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2025, 12, 31)).map(
        datetime.date.isoformat
    ),
)


def _write_story(root, articles) -> None:
    for i, (outlet, sentences, published) in enumerate(articles):
        (root / f"{i}.json").write_text(
            json.dumps(
                {
                    "title": sentences[0][:60],
                    "text": "\n\n".join(sentences),
                    "outlet": outlet,
                    "published": published,
                }
            ),
            encoding="utf-8",
        )


def _assert_woven_stories_round_trip(result, db_path):
    import newsweave

    assert result.stories
    with Store(db_path) as s:
        s.save_result(result)
    with newsweave.store.Store(db_path, readonly=True) as s:
        for story in result.stories:
            loaded = s.load_story(story.id)
            assert loaded == story
            for kind in ("entities", "quotes", "figures", "timeline", "coverage"):
                assert all(not isinstance(f, dict) for f in getattr(loaded, kind))
            assert from_dict(Story, to_dict(story)) == story


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(_outlet_article, min_size=1, max_size=3))
def test_woven_stories_round_trip_through_the_store(monkeypatch, articles):
    import tempfile
    from pathlib import Path

    import newsweave

    use_fake_encoder(monkeypatch)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "story"
        root.mkdir()
        _write_story(root, articles)
        result = newsweave.weave_result([root], newsweave.load_config(None, one_story=True))
        _assert_woven_stories_round_trip(result, Path(tmp) / "nw.db")


def test_woven_examples_round_trip_through_the_store(examples_dir, tmp_path, monkeypatch):
    import newsweave

    use_fake_encoder(monkeypatch)
    result = newsweave.weave_result([examples_dir], newsweave.load_config(None))
    assert len(result.stories) == 3
    # the examples carry every kind of fact, so each kind's round trip is exercised
    for kind in ("entities", "quotes", "figures", "timeline", "coverage"):
        assert any(getattr(s, kind) for s in result.stories), kind
    _assert_woven_stories_round_trip(result, tmp_path / "nw.db")


def test_a_fact_row_that_is_no_fact_raises_store_error_naming_the_story(db):
    story = make_story()
    db.save_story(story)
    with db.connection:
        db.connection.execute(
            "UPDATE story_facts SET json = ? WHERE kind = 'entities'",
            ('{"name": "Ines Moor", "count": 2}',),
        )
    with pytest.raises(StoreError, match=f"entities of story {story.id}"):
        db.load_story(story.id)


def test_a_version_5_store_migrates_keeping_its_stories_and_citations(tmp_path, monkeypatch):
    """Migration 6 (folded copies' own sentences, issue 19) rebuilds the citations table:
    a store written before it keeps every story, citation and duplicate, and a citation of
    a folded copy is accepted afterwards while one of an unknown article is still refused."""
    from newsweave.model import Citation, Duplicate, Sentence, Summary, SummarySentence

    path = tmp_path / "v5.db"
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS[:5])
    old = make_story("old")
    with Store(path) as s:
        assert s.version == 5
        s.save_story(old)
        kept = old.articles[0]
        s.connection.execute(  # what a version-5 store held for a folded copy
            "INSERT INTO article_duplicates (article_id, dup_id, source, kind, similarity) "
            "VALUES (?, 'c0py', '', 'near', 1.0)",
            (kept.id,),
        )
    monkeypatch.undo()
    with Store(path) as s:
        assert s.version == len(store_mod.MIGRATIONS)
        assert s.load_duplicates(kept.id) == (Duplicate("c0py"),)
        assert s.load_story("old") == dataclasses.replace(
            old,
            articles=(
                dataclasses.replace(kept, duplicates=(Duplicate("c0py"),)),
                *old.articles[1:],
            ),
        )
        text = "What only the copy says."
        copy = Duplicate(
            "c0py2", outlet="Wire", text=text, sentences=(Sentence(0, text, 0, len(text)),)
        )
        cite = Citation("c0py2", 0, 0, len(text))
        new = dataclasses.replace(
            make_story("new"),
            articles=(dataclasses.replace(kept, duplicates=(Duplicate("c0py"), copy)),),
            summary=Summary((SummarySentence(text, (cite,)),)),
        )
        s.save_story(new)
        assert s.load_story("new") == new
        bad = dataclasses.replace(
            new,
            id="bad",
            summary=Summary((SummarySentence("x", (Citation("not-an-article", 0),)),)),
        )
        with pytest.raises(StoreError, match="rolled back"):
            s.save_story(bad)
