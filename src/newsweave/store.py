"""The SQLite store: articles, sentences, stories, summaries with citations, facts and runs.

One file, stdlib :mod:`sqlite3`, WAL journal (readers never block the writer), foreign keys
on, a busy timeout so concurrent writers wait instead of failing. Every write happens inside
one transaction (:meth:`Store.transaction`): :meth:`Store.save_result` writes a whole run (articles,
stories, skipped inputs) or nothing.

Articles are keyed by their content hash (``Article.id``) and inserted with ``INSERT OR
IGNORE``: ingesting the same content twice is a no-op, and a re-run adds nothing. Stories are
keyed by their id; saving a story again replaces it atomically (its ``created`` time is kept).

Schema migrations
-----------------
The schema is the list :data:`MIGRATIONS`: SQL scripts applied in order, each in its own
transaction, with ``PRAGMA user_version`` holding how many have been applied. To change the
schema, **append** a new script to the list (never edit or reorder the existing ones: stores in
the field have already applied them)::

    MIGRATIONS.append('''
    CREATE TABLE pages (url TEXT PRIMARY KEY, fetched TEXT NOT NULL, html BLOB);
    ''')

or, from another module before any store is opened, ``register_migration(sql)``. The next
:class:`Store` opened on an older file applies the new scripts; opening a file written by a
newer newsweave (``user_version`` above ``len(MIGRATIONS)``) raises :class:`StoreError`.
A script may hold several statements, including triggers.

Tables (version 1)
------------------
``articles`` (id = content hash), ``sentences``, ``stories``, ``story_articles``,
``summaries``, ``summary_sentences``, ``citations``, ``story_facts`` (one JSON row per fact;
``kind`` is entities/quotes/figures/timeline/coverage), ``runs``, ``skipped`` and the FTS5 table
``articles_fts`` (title and text of every article, kept in step by triggers).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import typing
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsweave import model
from newsweave.errors import StoreError, StoryNotFound
from newsweave.model import (
    Article,
    Citation,
    Duplicate,
    Ignored,
    Removed,
    Sentence,
    Skipped,
    Story,
    Summary,
    SummarySentence,
    WeaveResult,
)

# Seconds a connection waits for another writer's lock before giving up (SQLite busy_timeout).
BUSY_TIMEOUT_MS = 30_000

# The fact fields of Story, stored one row per fact in story_facts (kind = field name).
# Any other Story field added later is stored there too (see fact_fields()).
FACT_KINDS = ("entities", "quotes", "figures", "timeline", "coverage")

MIGRATIONS: list[str] = [
    # 1: the foundation schema.
    """
    CREATE TABLE articles (
        id          TEXT PRIMARY KEY,          -- content hash (newsweave.ingest.article_id)
        source      TEXT NOT NULL DEFAULT '',  -- file path, URL or "stdin" (+ "#n")
        url         TEXT,
        title       TEXT,
        outlet      TEXT,
        author      TEXT,
        published   TEXT,                      -- ISO 8601 date or datetime
        language    TEXT,
        text        TEXT NOT NULL,             -- cleaned text
        raw_text    TEXT,                      -- text before cleaning
        removed     TEXT NOT NULL DEFAULT '[]',-- JSON [{"text", "reason"}]
        extraction  TEXT,
        confidence  REAL,
        meta        TEXT NOT NULL DEFAULT '[]',-- JSON [[key, value], ...]
        grp         TEXT,                      -- Article.group
        first_seen  TEXT NOT NULL              -- UTC time the store first saw it
    );
    CREATE INDEX articles_published ON articles(published);

    CREATE TABLE sentences (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        text        TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;

    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        started     TEXT NOT NULL,
        finished    TEXT,
        articles_new INTEGER NOT NULL DEFAULT 0,
        stories     INTEGER NOT NULL DEFAULT 0,
        skipped     INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE stories (
        id          TEXT PRIMARY KEY,
        headline    TEXT NOT NULL,
        created     TEXT NOT NULL,
        updated     TEXT NOT NULL,
        run_id      INTEGER REFERENCES runs(id) ON DELETE SET NULL
    );

    CREATE TABLE story_articles (
        story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id  TEXT NOT NULL REFERENCES articles(id),
        position    INTEGER NOT NULL,
        PRIMARY KEY (story_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_articles_article ON story_articles(article_id);

    CREATE TABLE summaries (
        story_id    TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        method      TEXT NOT NULL DEFAULT '',
        ignored     TEXT NOT NULL DEFAULT '[]' -- JSON [{"article_id", "reason"}]
    );

    CREATE TABLE summary_sentences (
        story_id    TEXT NOT NULL REFERENCES summaries(story_id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        PRIMARY KEY (story_id, idx)
    ) WITHOUT ROWID;

    CREATE TABLE citations (
        story_id    TEXT NOT NULL,
        sentence_idx INTEGER NOT NULL,         -- index of the summary sentence
        idx         INTEGER NOT NULL,          -- order of the citation in that sentence
        article_id  TEXT NOT NULL REFERENCES articles(id),
        sentence_index INTEGER NOT NULL,       -- index of the cited article sentence
        start       INTEGER NOT NULL DEFAULT 0,
        "end"       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (story_id, sentence_idx, idx),
        FOREIGN KEY (story_id, sentence_idx)
            REFERENCES summary_sentences(story_id, idx) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX citations_article ON citations(article_id);

    CREATE TABLE story_facts (
        story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        kind        TEXT NOT NULL,             -- entities, quotes, figures, timeline, coverage
        idx         INTEGER NOT NULL,
        json        TEXT NOT NULL,             -- newsweave.model.to_dict of the fact
        PRIMARY KEY (story_id, kind, idx)
    ) WITHOUT ROWID;

    CREATE TABLE skipped (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id      INTEGER REFERENCES runs(id) ON DELETE CASCADE,
        source      TEXT NOT NULL,
        stage       TEXT NOT NULL,
        reason      TEXT NOT NULL
    );
    CREATE INDEX skipped_run ON skipped(run_id);

    -- Full-text search over article titles and texts. The FTS table keeps its own copy
    -- (an external-content table would depend on rowids, which VACUUM may renumber).
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        article_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(article_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
        INSERT INTO articles_fts(article_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
    END;
    """,
    # 2: incremental story clustering state (newsweave.cluster): one row per story centroid,
    # the story of every clustered article, and document frequencies.
    """
    CREATE TABLE cluster_stories (
        key          TEXT PRIMARY KEY,  -- id of the article that opened the story
        members      TEXT NOT NULL,     -- JSON list of article ids
        emb_sum      BLOB NOT NULL,     -- float32 sum of member embeddings
        term_ids     BLOB NOT NULL,     -- int64 hashed terms of the lexical centroid
        term_weights BLOB NOT NULL,     -- float32 weights of those terms
        entities     TEXT NOT NULL,     -- JSON {entity hash: count}
        t_min        REAL,              -- days since epoch of the earliest dated member
        t_max        REAL
    );
    CREATE TABLE cluster_assignments (
        article_id  TEXT PRIMARY KEY,
        story_key   TEXT NOT NULL
    );
    CREATE INDEX cluster_assignments_story ON cluster_assignments(story_key);
    CREATE TABLE cluster_meta (name TEXT PRIMARY KEY, value BLOB);
    CREATE TABLE article_duplicates (
        article_id  TEXT NOT NULL,      -- the kept article
        dup_id      TEXT NOT NULL,      -- a copy folded into it (newsweave.dedupe)
        outlet      TEXT,
        title       TEXT,
        url         TEXT,
        source      TEXT NOT NULL DEFAULT '',
        published   TEXT,
        kind        TEXT NOT NULL,
        similarity  REAL,
        PRIMARY KEY (article_id, dup_id, source)
    );
    """,
    # 3: raw pages fetched over HTTP (newsweave.fetch): re-processing never re-downloads, and
    # a re-fetch is a conditional GET (ETag / Last-Modified) that may answer 304.
    """
    CREATE TABLE IF NOT EXISTS pages (
        url          TEXT PRIMARY KEY,  -- the URL as requested
        final_url    TEXT NOT NULL,     -- after redirects
        status       INTEGER NOT NULL,
        content_type TEXT,
        etag         TEXT,
        last_modified TEXT,
        fetched      TEXT NOT NULL,     -- UTC time of the last full download
        checked      TEXT NOT NULL,     -- UTC time of the last request (304 answers included)
        sha256       TEXT NOT NULL,     -- of body
        body         BLOB NOT NULL      -- the bytes as served (Content-Encoding undone)
    );
    """,
    # 4: pairwise links across runs (newsweave.cluster_links): the features a later run links
    # new articles against, per clustered article, and each story's summed body vector.
    """
    CREATE TABLE cluster_features (
        article_id   TEXT PRIMARY KEY,
        emb          BLOB NOT NULL,     -- float32 embedding of title and lead
        term_ids     BLOB NOT NULL,     -- int64 hashed terms of the article's lexical vector
        term_weights BLOB NOT NULL,     -- float32 weights of those terms
        body_ids     BLOB NOT NULL,     -- int64 hashed terms of the body vector (links)
        body_weights BLOB NOT NULL,     -- float32 weights of those terms
        entities     TEXT NOT NULL,     -- JSON list of entity hashes
        t            REAL               -- days since epoch, NULL when undated
    );
    ALTER TABLE cluster_stories ADD COLUMN body_ids BLOB;
    ALTER TABLE cluster_stories ADD COLUMN body_weights BLOB;
    ALTER TABLE cluster_stories ADD COLUMN body_n INTEGER NOT NULL DEFAULT 0;
    """,
    # 5: near-duplicates across runs (issue 20): each stored article's normalised-text hash and
    # MinHash signature (newsweave.dedupe), so a copy arriving in a later run folds into it.
    """
    CREATE TABLE article_signatures (
        article_id  TEXT PRIMARY KEY,
        text_hash   TEXT NOT NULL,      -- SHA-256 of the normalised text (exact copies)
        minhash     BLOB                -- uint64 MinHash values; NULL for very short texts
    );
    CREATE INDEX article_signatures_hash ON article_signatures(text_hash);
    """,
    # 6: wire copies that lose nothing (issue 19): what only a folded copy says, its cleaned
    # text and the sentences the kept article lacks (Duplicate.text, Duplicate.sentences), so
    # a story cites them the same way from a run and from the store. A citation may now point
    # at such a copy (article_duplicates.dup_id), which has no row in articles: the citations
    # table is rebuilt without that foreign key (SQLite cannot drop one in place), and a
    # trigger keeps the check: a citation names a stored article or a recorded copy.
    """
    ALTER TABLE article_duplicates ADD COLUMN text TEXT NOT NULL DEFAULT '';
    ALTER TABLE article_duplicates ADD COLUMN sentences TEXT NOT NULL DEFAULT '[]';
    CREATE TABLE citations_v6 (
        story_id    TEXT NOT NULL,
        sentence_idx INTEGER NOT NULL,         -- index of the summary sentence
        idx         INTEGER NOT NULL,          -- order of the citation in that sentence
        article_id  TEXT NOT NULL,             -- an article of the story, or a folded copy
        sentence_index INTEGER NOT NULL,       -- index of the cited article sentence
        start       INTEGER NOT NULL DEFAULT 0,
        "end"       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (story_id, sentence_idx, idx),
        FOREIGN KEY (story_id, sentence_idx)
            REFERENCES summary_sentences(story_id, idx) ON DELETE CASCADE
    ) WITHOUT ROWID;
    INSERT INTO citations_v6 (story_id, sentence_idx, idx, article_id, sentence_index, start,
                              "end")
        SELECT story_id, sentence_idx, idx, article_id, sentence_index, start, "end"
        FROM citations;
    DROP TABLE citations;
    ALTER TABLE citations_v6 RENAME TO citations;
    CREATE INDEX citations_article ON citations(article_id);
    CREATE INDEX article_duplicates_dup ON article_duplicates(dup_id);
    CREATE TRIGGER citations_source BEFORE INSERT ON citations
    WHEN NOT EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id)
     AND NOT EXISTS (SELECT 1 FROM article_duplicates WHERE dup_id = NEW.article_id)
    BEGIN
        SELECT RAISE(ABORT, 'citation of an article that is not stored (FOREIGN KEY)');
    END;
    """,
    # 7: the link model's whole-body stem TF-IDF (issue 23, newsweave.cluster.stem_counts):
    # each clustered article's stem counts and each story's summed stem vector. Rows of older
    # versions keep NULL / 0 there; the link step then uses the body cosine in its place.
    """
    ALTER TABLE cluster_features ADD COLUMN stem_ids BLOB;     -- int64 stem hashes
    ALTER TABLE cluster_features ADD COLUMN stem_counts BLOB;  -- float32 counts in the body
    ALTER TABLE cluster_stories ADD COLUMN stem_ids BLOB;
    ALTER TABLE cluster_stories ADD COLUMN stem_weights BLOB;
    ALTER TABLE cluster_stories ADD COLUMN stem_n INTEGER NOT NULL DEFAULT 0;
    """,
    # 8: what a folded copy lacks (issue 19): the kept article's sentence indexes the copy
    # does not print (Duplicate.missing, a JSON list), so a story from the store credits a
    # copy with the same quotes and figures as the run that folded it. Rows of older
    # versions keep '[]': such a copy is taken to print the whole kept article, as before.
    """
    ALTER TABLE article_duplicates ADD COLUMN missing TEXT NOT NULL DEFAULT '[]';
    """,
]

LATEST_VERSION_NOTE = "the latest schema version is len(MIGRATIONS)"


def register_migration(sql: str) -> int:
    """Append a schema migration (an SQL script) and return its version number.

    Call it at import time of the module that needs the new tables, before any
    :class:`Store` is opened. Appending the script to :data:`MIGRATIONS` directly is the same.
    """
    MIGRATIONS.append(sql)
    return len(MIGRATIONS)


def split_sql(script: str) -> list[str]:
    """Split an SQL script into complete statements (triggers with inner ``;`` stay whole)."""
    statements: list[str] = []
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            stmt = buf.strip()
            if stmt.strip(";").strip() and not _only_comments(stmt):
                statements.append(stmt)
            buf = ""
    if buf.strip(" \n\t;") and not _only_comments(buf):
        raise ValueError(f"incomplete SQL statement in migration: {buf.strip()[:80]!r}")
    return statements


def _only_comments(sql: str) -> bool:
    lines = [ln.strip() for ln in sql.splitlines()]
    return all(not ln or ln.startswith("--") or ln == ";" for ln in lines)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(model.to_dict(value), ensure_ascii=False, separators=(",", ":"))


class Store:
    """A newsweave SQLite store.

    ``Store(path)`` opens (and creates, unless ``create=False``) the store at ``path`` and
    brings its schema up to date. Use it as a context manager, or call :meth:`close`.
    ``readonly=True`` opens the file read-only (it must exist and be up to date).

    Raises :class:`~newsweave.errors.StoreError` naming the file and the fix when the file
    cannot be opened, is not a newsweave store, or was written by a newer newsweave.

    Threads and processes: one ``Store`` is one sqlite3 connection; give each thread its own
    (e.g. one per web request, ``Store(path, create=False, readonly=True)``: opening costs
    well under a millisecond once the file is migrated). Thanks to WAL, readers in other
    connections see the last committed run while a writer works, never half of one.
    ``check_same_thread=False`` allows sharing one store across threads; its writes and
    :meth:`load_story` are then serialised by an internal lock.
    """

    def __init__(
        self,
        path: str | Path,
        create: bool = True,
        *,
        readonly: bool = False,
        check_same_thread: bool = True,
    ):
        self.path = str(path)
        self._depth = 0
        self._lock = threading.RLock()
        memory = self.path == ":memory:" or self.path.startswith("file::memory:")
        if not memory and (not create or readonly) and not Path(self.path).is_file():
            raise StoreError(
                f"no store at {self.path}; run `newsweave weave ... --db {self.path}` first",
                source=self.path,
                stage="store",
            )
        try:
            if readonly and not memory:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(
                    uri, uri=True, isolation_level=None, check_same_thread=check_same_thread
                )
            else:
                self._conn = sqlite3.connect(
                    self.path, isolation_level=None, check_same_thread=check_same_thread
                )
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open store {self.path}: {exc}; check that the directory exists and "
                "is writable, or pass another --db FILE",
                source=self.path,
                stage="store",
            ) from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            if not readonly and not memory:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate(readonly)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(
                f"cannot open store {self.path}: {exc}; is it a newsweave SQLite store? "
                "Pass another --db FILE, or move this file away to start a new store",
                source=self.path,
                stage="store",
            ) from exc
        except StoreError:
            self._conn.close()
            raise

    # ---------------------------------------------------------------- plumbing

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        conn = getattr(self, "_conn", None)
        if conn is not None:
            conn.close()
            self._conn = None  # type: ignore[assignment]

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying sqlite3 connection (for read queries by other modules)."""
        if self._conn is None:
            raise StoreError(f"store {self.path} is closed", source=self.path, stage="store")
        return self._conn

    @property
    def version(self) -> int:
        """The schema version of the file (number of migrations applied)."""
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one.

        Callers outside the store group several Store writes into one transaction with it
        (``with store.transaction(): ...``); the connection it yields is for the store's own
        methods (the store owns all SQL).

        Any exception rolls the whole transaction back and propagates; an sqlite3 error is
        re-raised as :class:`StoreError`.
        """
        conn = self.connection
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield conn
                finally:
                    self._depth -= 1
                return
            conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield conn
            except BaseException as exc:
                self._depth = 0
                conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"write to store {self.path} failed and was rolled back: {exc}",
                        source=self.path,
                        stage="store",
                    ) from exc
                raise
            else:
                self._depth = 0
                conn.execute("COMMIT")

    def _migrate(self, readonly: bool) -> None:
        conn = self._conn
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        latest = len(MIGRATIONS)
        if current > latest:
            raise StoreError(
                f"store {self.path} has schema version {current} but this newsweave knows "
                f"only {latest}; upgrade newsweave or use another --db FILE",
                source=self.path,
                stage="store",
            )
        if current == latest:
            return
        if readonly:
            raise StoreError(
                f"store {self.path} has schema version {current}, older than {latest}; open it "
                "once for writing (e.g. `newsweave stories --db FILE`) to upgrade it",
                source=self.path,
                stage="store",
            )
        for version in range(current + 1, latest + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                now = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if now >= version:
                    conn.execute("COMMIT")
                    continue
                for stmt in split_sql(MIGRATIONS[version - 1]):
                    conn.execute(stmt)
                conn.execute(f"PRAGMA user_version = {version}")
            except BaseException as exc:
                conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"migration {version} of store {self.path} failed and was rolled "
                        f"back: {exc}",
                        source=self.path,
                        stage="store",
                    ) from exc
                raise
            conn.execute("COMMIT")

    # ---------------------------------------------------------------- writes

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Insert articles (with their sentences) not yet in the store; return the new ids.

        Idempotent: an article whose id (content hash) is already stored keeps its row, its
        ``source`` and ``first_seen``. Only when the *derived* fields differ (cleaned ``text``,
        ``removed`` noise, sentence spans: a newer cleaner or splitter) are those refreshed,
        so the citations of a story saved with the article always match the stored sentences.
        """
        new: list[str] = []
        now = _now()
        with self.transaction() as conn:
            for a in articles:
                if self._refresh_derived(conn, a):
                    continue
                cur = conn.execute(
                    "INSERT OR IGNORE INTO articles (id, source, url, title, outlet, author, "
                    "published, language, text, raw_text, removed, extraction, confidence, "
                    "meta, grp, first_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        a.id,
                        a.source,
                        a.url,
                        a.title,
                        a.outlet,
                        a.author,
                        a.published,
                        a.language,
                        a.text,
                        a.raw_text,
                        _dumps(a.removed),
                        a.extraction,
                        a.confidence,
                        _dumps(a.meta),
                        a.group,
                        now,
                    ),
                )
                if cur.rowcount == 0:  # the same id earlier in this batch
                    continue
                new.append(a.id)
                conn.executemany(
                    'INSERT INTO sentences (article_id, idx, start, "end", text) '
                    "VALUES (?,?,?,?,?)",
                    [(a.id, s.index, s.start, s.end, s.text) for s in a.sentences],
                )
        return new

    @staticmethod
    def _refresh_derived(conn: sqlite3.Connection, a: Article) -> bool:
        """If ``a`` is stored, bring its cleaned text, noise and sentences up to date.

        Returns whether the article was already stored.
        """
        row = conn.execute("SELECT text, removed FROM articles WHERE id = ?", (a.id,)).fetchone()
        if row is None:
            return False
        removed = _dumps(a.removed)
        spans = [
            (r[0], r[1], r[2])
            for r in conn.execute(
                'SELECT idx, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (a.id,)
            )
        ]
        wanted = [(x.index, x.start, x.end) for x in a.sentences]
        if row["text"] == a.text and row["removed"] == removed and spans == wanted:
            return True
        if not a.sentences and spans and row["text"] == a.text:
            return True  # an unsplit copy of a stored article: keep the stored sentences
        conn.execute(
            "UPDATE articles SET text = ?, removed = ? WHERE id = ?", (a.text, removed, a.id)
        )
        conn.execute("DELETE FROM sentences WHERE article_id = ?", (a.id,))
        conn.executemany(
            'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?,?,?,?,?)',
            [(a.id, x.index, x.start, x.end, x.text) for x in a.sentences],
        )
        return True

    def save_story(self, story: Story, run_id: int | None = None) -> None:
        """Save a story with its articles, summary, citations and facts.

        A story already stored under the same id is replaced in the same transaction (its
        ``created`` time is kept, ``updated`` is now).
        """
        now = _now()
        with self.transaction() as conn:
            self.add_articles(story.articles)
            self.save_duplicates(story.articles)
            row = conn.execute("SELECT created FROM stories WHERE id = ?", (story.id,)).fetchone()
            created = row["created"] if row else now
            self._delete_story(conn, story.id)
            conn.execute(
                "INSERT INTO stories (id, headline, created, updated, run_id) VALUES (?,?,?,?,?)",
                (story.id, story.headline, created, now, run_id),
            )
            conn.executemany(
                "INSERT INTO story_articles (story_id, article_id, position) VALUES (?,?,?)",
                [(story.id, a.id, i) for i, a in enumerate(story.articles)],
            )
            if story.summary is not None:
                s = story.summary
                conn.execute(
                    "INSERT INTO summaries (story_id, method, ignored) VALUES (?,?,?)",
                    (story.id, s.method, _dumps(s.ignored)),
                )
                for i, sent in enumerate(s.sentences):
                    conn.execute(
                        "INSERT INTO summary_sentences (story_id, idx, text) VALUES (?,?,?)",
                        (story.id, i, sent.text),
                    )
                    conn.executemany(
                        "INSERT INTO citations (story_id, sentence_idx, idx, article_id, "
                        'sentence_index, start, "end") VALUES (?,?,?,?,?,?,?)',
                        [
                            (story.id, i, j, c.article_id, c.sentence_index, c.start, c.end)
                            for j, c in enumerate(sent.citations)
                        ],
                    )
            for kind in fact_fields():
                value = getattr(story, kind)
                if isinstance(value, (tuple, list)):
                    rows = [(story.id, kind, i, _dumps(f)) for i, f in enumerate(value)]
                elif value is None:
                    rows = []
                else:  # a single value: one row with idx -1
                    rows = [(story.id, kind, -1, _dumps(value))]
                conn.executemany(
                    "INSERT INTO story_facts (story_id, kind, idx, json) VALUES (?,?,?,?)", rows
                )

    @staticmethod
    def _delete_story(conn: sqlite3.Connection, story_id: str) -> None:
        # Explicit deletes (children first) so nothing depends on ON DELETE CASCADE alone.
        for table in (
            "citations",
            "summary_sentences",
            "summaries",
            "story_facts",
            "story_articles",
        ):
            conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def delete_story(self, story_id: str) -> None:
        """Remove a story (its articles stay in the store). Unknown ids raise StoryNotFound."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
                raise StoryNotFound(
                    f"no story {story_id!r} in {self.path}", source=story_id, stage="store"
                )
            self._delete_story(conn, story_id)

    def save_result(self, result: WeaveResult) -> int:
        """Save a whole run (articles, stories, skipped inputs) in ONE transaction.

        Either everything is written or, on any error, nothing. Returns the run id.
        """
        with self.transaction():
            run_id = self.start_run()
            new = self.add_articles(a for s in result.stories for a in s.articles)
            for story in result.stories:
                self.save_story(story, run_id=run_id)
            self.finish_run(
                run_id, result.skipped, articles_new=len(new), stories=len(result.stories)
            )
        return run_id

    def start_run(self) -> int:
        """Record the start of a run; returns its id (for :meth:`save_story` and
        :meth:`finish_run`)."""
        with self.transaction() as conn:
            cur = conn.execute("INSERT INTO runs (started) VALUES (?)", (_now(),))
            return int(cur.lastrowid or 0)

    def finish_run(
        self, run_id: int | None, skipped: Sequence[Skipped], *, articles_new: int, stories: int
    ) -> None:
        """Record the end of run ``run_id``: its skipped inputs and its totals."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO skipped (run_id, source, stage, reason) VALUES (?,?,?,?)",
                [(run_id, s.source, s.stage, s.reason) for s in skipped],
            )
            conn.execute(
                "UPDATE runs SET finished = ?, articles_new = ?, stories = ?, skipped = ? "
                "WHERE id = ?",
                (_now(), articles_new, stories, len(skipped), run_id),
            )

    # ---------------------------------------------------------------- reads

    def _loads(self, text: str, what: str) -> Any:
        """A stored JSON column; a row that is not JSON (edited or damaged outside newsweave)
        is a StoreError naming it and the fix, never a bare decoding error."""
        try:
            return json.loads(text)
        except ValueError as exc:
            raise StoreError(
                f"the {what} in {self.path} is not valid JSON ({exc}); the row was not written "
                "by newsweave. Weave the story again to rewrite it",
                source=str(self.path),
                stage="store",
            ) from exc

    def _article_from_row(self, row: sqlite3.Row) -> Article:
        sentences = tuple(
            Sentence(index=r["idx"], text=r["text"], start=r["start"], end=r["end"])
            for r in self.connection.execute(
                'SELECT idx, start, "end", text FROM sentences WHERE article_id = ? ORDER BY idx',
                (row["id"],),
            )
        )
        return Article(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"],
            source=row["source"],
            url=row["url"],
            author=row["author"],
            language=row["language"],
            group=row["grp"],
            sentences=sentences,
            removed=model.from_dict(
                tuple[Removed, ...],
                self._loads(row["removed"] or "[]", f"removed noise of article {row['id']}"),
            ),
            raw_text=row["raw_text"],
            extraction=row["extraction"],
            confidence=row["confidence"],
            meta=model.from_dict(
                tuple[tuple[str, str], ...],
                self._loads(row["meta"] or "[]", f"metadata of article {row['id']}"),
            ),
            duplicates=self.load_duplicates(row["id"]),
        )

    def get_article(self, article_id: str) -> Article:
        """The stored article with its sentences and removed noise (StoryNotFound if absent)."""
        conn = self.connection
        # One read transaction: a concurrent refresh of the cleaned text and its sentences
        # (add_articles) must not show us the old text with the new sentence spans.
        with self._lock:
            in_tx = not conn.in_transaction
            if in_tx:
                conn.execute("BEGIN")
            try:
                row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
                if row is None:
                    raise StoryNotFound(
                        f"no article {article_id!r} in {self.path}",
                        source=article_id,
                        stage="store",
                    )
                return self._article_from_row(row)
            finally:
                if in_tx:
                    conn.execute("COMMIT")

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles with their sentences (all, in first-seen order, or those of ``ids``
        that exist), read lazily so a large store does not have to fit in memory."""
        if ids is None:
            cur = self.connection.execute("SELECT * FROM articles ORDER BY first_seen, id")
            for row in cur:
                yield self._article_from_row(row)
            return
        for aid in ids:
            row = self.connection.execute("SELECT * FROM articles WHERE id = ?", (aid,)).fetchone()
            if row is not None:
                yield self._article_from_row(row)

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        q = "SELECT 1 FROM articles WHERE id = ?"
        return self.connection.execute(q, (article_id,)).fetchone() is not None

    def article_stories(self, article_id: str) -> list[str]:
        """Ids of the stories an article belongs to."""
        return [
            r[0]
            for r in self.connection.execute(
                "SELECT story_id FROM story_articles WHERE article_id = ? ORDER BY story_id",
                (article_id,),
            )
        ]

    def load_story(self, story_id: str) -> Story:
        """Rebuild a stored :class:`Story` (StoryNotFound, a StoreError and KeyError, if absent).

        Articles come back in their saved order, with sentences and removed noise; the summary
        with its citations; facts as the model classes named by :class:`Story`'s type hints
        (plain dicts while those are ``Any``).
        """
        conn = self.connection
        # One read transaction so a concurrent writer cannot show us half of a re-save.
        with self._lock:
            in_tx = not conn.in_transaction
            if in_tx:
                conn.execute("BEGIN")
            try:
                return self._load_story(conn, story_id)
            finally:
                if in_tx:
                    conn.execute("COMMIT")

    def _load_story(self, conn: sqlite3.Connection, story_id: str) -> Story:
        row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise StoryNotFound(
                f"no story {story_id!r} in {self.path}; `newsweave stories --db {self.path}` "
                "lists the stored ones",
                source=story_id,
                stage="store",
            )
        articles = tuple(
            self._article_from_row(r)
            for r in conn.execute(
                "SELECT a.* FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
                "WHERE sa.story_id = ? ORDER BY sa.position",
                (story_id,),
            )
        )
        summary = None
        srow = conn.execute(
            "SELECT method, ignored FROM summaries WHERE story_id = ?", (story_id,)
        ).fetchone()
        if srow is not None:
            cites: dict[int, list[Citation]] = {}
            for c in conn.execute(
                'SELECT sentence_idx, article_id, sentence_index, start, "end" FROM citations '
                "WHERE story_id = ? ORDER BY sentence_idx, idx",
                (story_id,),
            ):
                cites.setdefault(c["sentence_idx"], []).append(
                    Citation(c["article_id"], c["sentence_index"], c["start"], c["end"])
                )
            sentences = tuple(
                SummarySentence(text=r["text"], citations=tuple(cites.get(r["idx"], ())))
                for r in conn.execute(
                    "SELECT idx, text FROM summary_sentences WHERE story_id = ? ORDER BY idx",
                    (story_id,),
                )
            )
            summary = Summary(
                sentences=sentences,
                method=srow["method"],
                ignored=model.from_dict(
                    tuple[Ignored, ...],
                    self._loads(srow["ignored"] or "[]", f"ignored articles of story {story_id}"),
                ),
            )
        kinds = fact_fields()
        facts: dict[str, list[Any]] = {}
        single: dict[str, Any] = {}
        for f in conn.execute(
            "SELECT kind, idx, json FROM story_facts WHERE story_id = ? ORDER BY kind, idx",
            (story_id,),
        ):
            if f["kind"] not in kinds:  # written by a newer newsweave: ignore
                continue
            if f["idx"] < 0:
                single[f["kind"]] = self._loads(f["json"], f"{f['kind']} of story {story_id}")
            else:
                facts.setdefault(f["kind"], []).append(
                    self._loads(f["json"], f"{f['kind']} of story {story_id}")
                )
        hints = _story_hints()
        fact_values: dict[str, Any] = {}
        for k, v in [*facts.items(), *single.items()]:
            try:
                fact_values[k] = model.from_dict(hints[k], v)
            except (TypeError, ValueError, KeyError) as exc:
                raise StoreError(
                    f"the {k} of story {story_id} in {self.path} cannot be read back as "
                    f"{hints[k]} ({type(exc).__name__}: {exc}); the row was not written by "
                    "newsweave's facts stage. Weave the story again to rewrite it",
                    source=str(self.path),
                    stage="store",
                ) from exc
        return Story(
            id=row["id"],
            headline=row["headline"],
            articles=articles,
            summary=summary,
            **fact_values,
        )

    def story_version(self, story_id: str) -> tuple[str, int | None] | None:
        """What changes whenever a story is saved again: ``(updated, run_id)``; None if absent."""
        row = self.connection.execute(
            "SELECT updated, run_id FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def headlines(self, story_ids: Iterable[str]) -> dict[str, str]:
        """``{story id: headline}`` of the given stories that are stored."""
        ids = sorted(set(story_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            f"SELECT id, headline FROM stories WHERE id IN ({marks})", ids
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def story_ids(self) -> list[str]:
        """Ids of all stored stories, sorted."""
        return [r[0] for r in self.connection.execute("SELECT id FROM stories ORDER BY id")]

    def article_count(self) -> int:
        """Number of stored articles."""
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def story_count(self) -> int:
        """Number of stored stories."""
        return int(self.connection.execute("SELECT count(*) FROM stories").fetchone()[0])

    def list_stories(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """One dict per story: ``id``, ``headline``, ``size`` (articles), ``outlets`` (sorted),
        ``first_published``, ``last_published``, ``created``, ``updated``.

        Newest first (by the latest publication date, else the time it was saved), then
        largest first.
        """
        rows = self.connection.execute(
            """
            SELECT s.id, s.headline, s.created, s.updated,
                   count(sa.article_id) AS size,
                   min(a.published) AS first_published,
                   max(a.published) AS last_published
            FROM stories s
            LEFT JOIN story_articles sa ON sa.story_id = s.id
            LEFT JOIN articles a ON a.id = sa.article_id
            GROUP BY s.id
            """
        ).fetchall()
        outlets: dict[str, set[str]] = {}
        for r in self.connection.execute(
            "SELECT sa.story_id, a.outlet FROM story_articles sa JOIN articles a "
            "ON a.id = sa.article_id WHERE a.outlet IS NOT NULL"
        ):
            outlets.setdefault(r[0], set()).add(r[1])
        for r in self.connection.execute(  # outlets of folded wire copies (newsweave.dedupe)
            "SELECT sa.story_id, d.outlet FROM story_articles sa JOIN article_duplicates d "
            "ON d.article_id = sa.article_id WHERE d.outlet IS NOT NULL"
        ):
            outlets.setdefault(r[0], set()).add(r[1])
        out = [
            {
                "id": r["id"],
                "headline": r["headline"],
                "size": int(r["size"]),
                "outlets": sorted(outlets.get(r["id"], ())),
                "first_published": r["first_published"],
                "last_published": r["last_published"],
                "created": r["created"],
                "updated": r["updated"],
            }
            for r in rows
        ]
        out.sort(key=lambda d: d["id"])
        out.sort(key=lambda d: (d["last_published"] or d["updated"] or "", d["size"]), reverse=True)
        end = None if limit is None else offset + limit
        return out[offset:end]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over article titles and texts; safe for any user input.

        Every word of ``query`` is quoted (so FTS5 operators and punctuation are plain text)
        and all words must match; the last word also matches as a prefix. Returns up to
        ``limit`` dicts, best match first: ``id``, ``title``, ``outlet``, ``published``,
        ``snippet`` (plain text, matches NOT marked up) and ``story_ids``. Never raises on
        odd input; an empty or punctuation-only query returns ``[]``.
        """
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        try:
            rows = self.connection.execute(
                """
                SELECT f.article_id AS id, a.title, a.outlet, a.published,
                       snippet(articles_fts, 2, '', '', ' … ', 24) AS snippet
                FROM articles_fts f JOIN articles a ON a.id = f.article_id
                WHERE articles_fts MATCH ?
                ORDER BY bm25(articles_fts, 0.0, 5.0, 1.0)
                LIMIT ?
                """,
                (match, int(limit)),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [
            {
                "id": r["id"],
                "title": r["title"],
                "outlet": r["outlet"],
                "published": r["published"],
                "snippet": r["snippet"],
                "story_ids": self.article_stories(r["id"]),
            }
            for r in rows
        ]

    def runs(self) -> list[dict[str, Any]]:
        """Every recorded run, newest first, with its skipped inputs."""
        out = []
        for r in self.connection.execute("SELECT * FROM runs ORDER BY id DESC"):
            d = dict(r)
            d["skipped_inputs"] = [
                dict(s)
                for s in self.connection.execute(
                    "SELECT source, stage, reason FROM skipped WHERE run_id = ? ORDER BY id",
                    (r["id"],),
                )
            ]
            out.append(d)
        return out

    def skipped(self, run_id: int | None = None) -> list[Skipped]:
        """Skipped inputs of one run (default: the latest run)."""
        if run_id is None:
            row = self.connection.execute("SELECT max(id) FROM runs").fetchone()
            run_id = row[0]
            if run_id is None:
                return []
        return [
            Skipped(r["source"], r["stage"], r["reason"])
            for r in self.connection.execute(
                "SELECT source, stage, reason FROM skipped WHERE run_id = ? ORDER BY id",
                (run_id,),
            )
        ]

    # ------------------------------------------------ fetched pages (newsweave.fetch)

    def load_page(self, url: str) -> dict[str, Any] | None:
        """The page stored for ``url`` (as requested): its ``url``, ``final_url``, ``status``,
        ``content_type``, ``etag``, ``last_modified``, ``fetched`` and ``body`` (bytes)."""
        row = self.connection.execute(
            "SELECT url, final_url, status, content_type, etag, last_modified, fetched, body "
            "FROM pages WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        page = dict(row)
        page["body"] = bytes(page["body"])
        return page

    def save_page(
        self,
        url: str,
        *,
        final_url: str | None,
        status: int,
        content_type: str | None,
        etag: str | None,
        last_modified: str | None,
        fetched: str | None,
        body: bytes,
    ) -> None:
        """Store (or replace) the page fetched for ``url``."""
        import hashlib

        now = _now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO pages (url, final_url, status, content_type, etag, "
                "last_modified, fetched, checked, sha256, body) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    url,
                    final_url,
                    status,
                    content_type,
                    etag,
                    last_modified,
                    fetched or now,
                    now,
                    hashlib.sha256(body).hexdigest(),
                    body,
                ),
            )

    def mark_page_checked(self, url: str) -> None:
        """The server said the page stored for ``url`` is unchanged (a 304): note when."""
        with self.transaction() as conn:
            conn.execute("UPDATE pages SET checked = ? WHERE url = ?", (_now(), url))

    # ------------------------------------------------ clustering state (newsweave.cluster)

    def load_cluster_state(self) -> tuple[list[sqlite3.Row], list[tuple[str, str]], dict]:
        """Rows of ``cluster_stories``, ``(article_id, story_key)`` assignments and the
        ``cluster_meta`` blobs; see :func:`newsweave.stories.load_cluster_state`."""
        conn = self.connection
        stories = conn.execute("SELECT * FROM cluster_stories ORDER BY rowid").fetchall()
        assignments = [
            (r[0], r[1])
            for r in conn.execute("SELECT article_id, story_key FROM cluster_assignments")
        ]
        meta = {r[0]: bytes(r[1]) for r in conn.execute("SELECT name, value FROM cluster_meta")}
        return stories, assignments, meta

    def save_cluster_state(
        self,
        stories: Iterable[dict[str, Any]],
        deleted: Iterable[str],
        assignments: Iterable[tuple[str, str]],
        meta: dict[str, bytes],
        features: Iterable[dict[str, Any]] = (),
    ) -> None:
        """Upsert changed story centroids, delete emptied ones, upsert assignments, meta and
        article link features, in one transaction; see
        :func:`newsweave.stories.save_cluster_state`."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO cluster_stories (key, members, emb_sum, term_ids, "
                "term_weights, entities, t_min, t_max, body_ids, body_weights, body_n, "
                "stem_ids, stem_weights, stem_n) VALUES "
                "(:key, :members, :emb_sum, :term_ids, :term_weights, :entities, :t_min, "
                ":t_max, :body_ids, :body_weights, :body_n, :stem_ids, :stem_weights, :stem_n)",
                list(stories),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO cluster_features (article_id, emb, term_ids, "
                "term_weights, body_ids, body_weights, entities, t, stem_ids, stem_counts) "
                "VALUES (:article_id, :emb, :term_ids, :term_weights, :body_ids, :body_weights, "
                ":entities, :t, :stem_ids, :stem_counts)",
                list(features),
            )
            conn.executemany("DELETE FROM cluster_stories WHERE key = ?", [(k,) for k in deleted])
            conn.executemany(
                "INSERT OR REPLACE INTO cluster_assignments (article_id, story_key) VALUES (?, ?)",
                list(assignments),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO cluster_meta (name, value) VALUES (?, ?)",
                list(meta.items()),
            )

    def load_cluster_features(self, article_ids: Sequence[str]) -> list[sqlite3.Row]:
        """``cluster_features`` rows of the given articles (those stored). Also works after
        the store was closed (a clustering state loaded from it asks for features later): it
        then reads through a short-lived read-only connection."""
        out: list[sqlite3.Row] = []
        ids = list(article_ids)
        conn, temporary = self._conn, False
        if conn is None:
            if str(self.path) == ":memory:" or not Path(self.path).exists():
                return out
            conn = sqlite3.connect(f"file:{Path(self.path).resolve()}?mode=ro", uri=True)
            conn.row_factory = sqlite3.Row
            temporary = True
        try:
            for s in range(0, len(ids), 500):
                part = ids[s : s + 500]
                out.extend(
                    conn.execute(
                        "SELECT * FROM cluster_features WHERE article_id IN "
                        f"({','.join('?' * len(part))})",
                        part,
                    )
                )
        finally:
            if temporary:
                conn.close()
        return out

    def save_duplicates(self, articles: Iterable[Article]) -> None:
        """Record the copies dedupe folded into each article (``Article.duplicates``)."""
        rows = [
            (
                a.id,
                d.article_id,
                d.outlet,
                d.title,
                d.url,
                d.source,
                d.published,
                d.kind,
                d.similarity,
                d.text,
                _dumps(d.sentences),
                _dumps(d.missing),
            )
            for a in articles
            for d in a.duplicates
        ]
        if not rows:
            return
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO article_duplicates (article_id, dup_id, outlet, title, "
                "url, source, published, kind, similarity, text, sentences, missing) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )

    def load_duplicates(self, article_id: str) -> tuple[Duplicate, ...]:
        """The copies recorded for ``article_id`` by :meth:`save_duplicates`."""
        return tuple(
            self._duplicate_from_row(r)
            for r in self.connection.execute(
                "SELECT * FROM article_duplicates WHERE article_id = ? ORDER BY rowid",
                (article_id,),
            )
        )

    def get_copy(self, article_id: str) -> Article | None:
        """A folded copy that says something its kept article does not, as the article a
        story cites (:meth:`newsweave.model.Duplicate.as_article`); None when there is none."""
        row = self.connection.execute(
            "SELECT * FROM article_duplicates WHERE dup_id = ? AND text != '' ORDER BY rowid "
            "LIMIT 1",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return self._duplicate_from_row(row).as_article()

    @staticmethod
    def _duplicate_from_row(r: sqlite3.Row) -> Duplicate:
        return Duplicate(
            article_id=r["dup_id"],
            outlet=r["outlet"],
            title=r["title"],
            url=r["url"],
            source=r["source"],
            published=r["published"],
            kind=r["kind"],
            similarity=r["similarity"],
            text=r["text"] or "",
            sentences=model.from_dict(tuple[Sentence, ...], json.loads(r["sentences"] or "[]")),
            missing=tuple(int(i) for i in json.loads(r["missing"] or "[]")),
        )

    # ---------------------------------------------- signatures: near-duplicates across runs

    def save_signatures(self, rows: Iterable[tuple[str, str, bytes | None]]) -> None:
        """Keep ``(article id, text hash, MinHash bytes)`` rows (newsweave.dedupe)."""
        rows = list(rows)
        if not rows:
            return
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO article_signatures (article_id, text_hash, minhash) "
                "VALUES (?,?,?)",
                rows,
            )

    def load_signatures(self) -> list[tuple[str, str, bytes | None]]:
        """Every stored ``(article id, text hash, MinHash bytes)`` row."""
        return [
            (r[0], r[1], r[2])
            for r in self.connection.execute(
                "SELECT article_id, text_hash, minhash FROM article_signatures ORDER BY rowid"
            )
        ]

    def articles_without_signature(self) -> list[str]:
        """Ids of stored articles that have no signature yet (stored by an older newsweave)."""
        return [
            r[0]
            for r in self.connection.execute(
                "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM "
                "article_signatures)"
                " ORDER BY rowid"
            )
        ]

    def stories_within(self, article_ids: Sequence[str]) -> list[str]:
        """Ids of the stored stories all of whose articles are among ``article_ids`` (largest
        story first, then the oldest): the stories a bigger group of articles has grown from."""
        ids = json.dumps(sorted(set(article_ids)))
        rows = self.connection.execute(
            "SELECT sa.story_id, COUNT(*) AS n, "
            "SUM(sa.article_id IN (SELECT value FROM json_each(?))) AS inside, "
            "MIN(s.created) AS created "
            "FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
            "WHERE sa.story_id IN (SELECT story_id FROM story_articles "
            "  WHERE article_id IN (SELECT value FROM json_each(?))) "
            "GROUP BY sa.story_id HAVING n = inside ORDER BY n DESC, created, sa.story_id",
            (ids, ids),
        ).fetchall()
        return [r[0] for r in rows]


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str, max_terms: int = 32) -> str:
    """Turn free user text into a safe FTS5 MATCH expression (quoted terms, implicit AND).

    ``'trade "talks" AND OR*'`` becomes ``'"trade" "talks" "AND" "OR"*'``. Returns ``""`` when
    the text holds no word characters.
    """
    terms = _WORD.findall(query or "")[:max_terms]
    if not terms:
        return ""
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms]
    quoted[-1] += "*"
    return " ".join(quoted)


# Story fields kept in the stories/summaries tables; every other field is stored as facts.
_CORE_STORY_FIELDS = ("id", "headline", "articles", "summary")


def fact_fields() -> tuple[str, ...]:
    """The Story fields stored in ``story_facts``: the five fact kinds and any field added to
    :class:`Story` later (so a new field needs no schema change)."""
    import dataclasses

    return tuple(f.name for f in dataclasses.fields(Story) if f.name not in _CORE_STORY_FIELDS)


def _story_hints() -> dict[str, Any]:
    """Story's field types: the fact classes facts are read back into."""
    return typing.get_type_hints(Story)


__all__: Sequence[str] = [
    "FACT_KINDS",
    "MIGRATIONS",
    "Store",
    "StoryNotFound",
    "fact_fields",
    "fts_query",
    "register_migration",
    "split_sql",
]
